import pkg from '../package.json' with { type: 'json' };

/** This CLI's version (`cloutapi --version`, the `User-Agent`). Inlined at build time. */
export const VERSION: string = pkg.version;

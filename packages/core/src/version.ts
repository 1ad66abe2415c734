import pkg from '../package.json' with { type: 'json' };

/** This package's version, sent in the `User-Agent`. Inlined at build time. */
export const VERSION: string = pkg.version;

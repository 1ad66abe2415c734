import pkg from '../package.json' with { type: 'json' };

/** This package's version. Inlined at build time. */
export const VERSION: string = pkg.version;

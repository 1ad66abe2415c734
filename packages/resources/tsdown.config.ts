import { defineLibrary } from '@cloutapi/tsdown-config';

// casing: how responses are normalised, importable without the registry and zod (the CLI's
// quick path uses it).
export default defineLibrary({ entry: ['src/index.ts', 'src/casing.ts'] });

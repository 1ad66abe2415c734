import { defineLibrary } from '@cloutapi/tsdown-config';

// casing: how responses are normalised, importable without the registry and zod (the CLI's
// quick path uses it). enroll-file-lock: enrollment's lock file, Node only, for the apps.
// examples: running the operations' examples against the demo data (the scenario tests).
export default defineLibrary({
  entry: ['src/index.ts', 'src/casing.ts', 'src/enroll-file-lock.ts', 'src/examples.ts'],
});

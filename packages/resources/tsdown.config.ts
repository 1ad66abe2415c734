import { defineLibrary } from '@cloutapi/tsdown-config';

// casing: how responses are normalised, importable without the registry and zod (the CLI's
// quick path uses it). errors: every error class, the documented place to import them from (no
// registry, no zod either). enroll-file-lock: enrollment's lock file, Node only, for the apps.
// areas: the API areas and their toolsets, without the registry (the MCP server's --toolsets).
// examples: running the operations' examples against the demo data (the scenario tests).
export default defineLibrary({
  entry: [
    'src/index.ts',
    'src/casing.ts',
    'src/errors.ts',
    'src/enroll-file-lock.ts',
    'src/examples.ts',
    'src/areas.ts',
  ],
});

import { defineLibrary } from '@cloutapi/tsdown-config';

// errors: every error class, the documented place to import them from (no
// registry, no zod either). enroll-file-lock: enrollment's lock file, Node only, for the apps.
// private-dir: the rule for a folder only its user may write to (Node only; the apps' launchers).
// areas: the API areas and their toolsets, without the registry (the MCP server's --toolsets).
export default defineLibrary({
  entry: [
    'src/index.ts',
    'src/errors.ts',
    'src/enroll-file-lock.ts',
    'src/private-dir.ts',
    'src/areas.ts',
  ],
});

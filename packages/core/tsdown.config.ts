import { defineLibrary } from '@cloutapi/tsdown-config';

// errors: every error class, importable without the request layer.
export default defineLibrary({
  entry: { index: 'src/index.ts', errors: 'src/errors/index.ts' },
});

import { defineLibrary } from '@cloutapi/tsdown-config';

export default defineLibrary({ entry: ['src/index.ts', 'src/bin.ts', 'src/examples.ts'] });

import { defineLibrary } from '@cloutapi/tsdown-config';

// cache-dir: the cache folder alone, for the apps' launchers (no YAML parser, no settings).
export default defineLibrary({ entry: ['src/index.ts', 'src/cache-dir.ts'] });

import { defineCloutapiConfig } from '@cloutapi/vitest-config';

/**
 * The suites run twice: on the runtime's own fetch (the default) and on node-fetch (what the CLI
 * passes as `fetch`), which must behave the same. Tests of one process or of no fetch run once.
 */
export default defineCloutapiConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'runtime-fetch' } },
      {
        extends: true,
        test: {
          name: 'node-fetch',
          env: { CLOUTAPI_TEST_FETCH: 'node-fetch' },
          exclude: ['test/readme.test.ts', 'test/process.test.ts'],
        },
      },
    ],
  },
});

import { defineCloutapiConfig } from '@cloutapi/vitest-config';

/**
 * The suites that depend on how a response comes back run twice: on the runtime's own fetch (the
 * default) and on node-fetch (what the CLI passes as `fetch`), which must behave the same. Tests
 * of a child process, of the token lifecycle or of paging run once.
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
          include: [
            'test/request.test.ts',
            'test/retries.test.ts',
            'test/redirects.test.ts',
            'test/hostile-server.test.ts',
            'test/deadline.test.ts',
            'test/redaction.test.ts',
          ],
        },
      },
    ],
  },
});

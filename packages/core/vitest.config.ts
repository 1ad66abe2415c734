import { defineCloutapiConfig } from '@cloutapi/vitest-config';

/**
 * The suites run twice: on the default HTTP stack (undici) and on `nodeHttp()`, which must
 * behave the same. Tests of one stack or of no stack at all run once.
 */
export default defineCloutapiConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'undici' } },
      {
        extends: true,
        test: {
          name: 'node-http',
          env: { CLOUTAPI_TEST_HTTP: 'node' },
          exclude: ['test/node-http.test.ts', 'test/readme.test.ts'],
        },
      },
    ],
  },
});

import { defineCloutapiConfig } from '@cloutapi/vitest-config';

// The drill installs, builds and tests a copy of the repository: minutes, not seconds.
export default defineCloutapiConfig({ test: { testTimeout: 900_000, hookTimeout: 900_000 } });

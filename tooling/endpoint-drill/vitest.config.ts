import { defineCloutapiConfig } from '@cloutapi/vitest-config';

// A hang catcher, not a speed goal: the drill installs, generates, builds and runs five packages'
// tests in a copy of the repository, beside the rest of CI's first leg on two cores (13 to 15
// minutes there). CI's own limit is 30 minutes.
export default defineCloutapiConfig({ test: { testTimeout: 1_500_000, hookTimeout: 1_500_000 } });

import { defineCloutapiConfig } from '@cloutapi/vitest-config';

// Packing and installing takes a while; these run after every package is built.
export default defineCloutapiConfig({ test: { testTimeout: 240_000, hookTimeout: 240_000 } });

import { defineCloutapiConfig } from '@cloutapi/vitest-config';

export default defineCloutapiConfig();

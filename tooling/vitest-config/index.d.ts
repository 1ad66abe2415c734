import type { ViteUserConfig } from 'vitest/config';

/** The shared Vitest settings, merged with a package's overrides. */
export declare function defineCloutapiConfig(overrides?: ViteUserConfig): ViteUserConfig;

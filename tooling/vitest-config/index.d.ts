import type { ViteUserConfig } from 'vitest/config';

/** The shared Vitest settings, merged with a package's overrides. */
export declare function defineCloutapiConfig(overrides?: ViteUserConfig): ViteUserConfig;

/** Awaits a promise that must reject and returns its reason; fails the test if it resolves. */
export declare function rejectionOf<E = Error>(promise: Promise<unknown>): Promise<E>;

/**
 * PATH, the trust store and the clock settings (TZ, faketime's LD_PRELOAD and FAKETIME*) of the
 * test's environment: spread it into a spawned child's otherwise clean environment.
 */
export declare function baseEnv(): Record<string, string>;

import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * The shared Vitest settings. Every test talks to a real server on 127.0.0.1, so timeouts are
 * generous (they catch hangs only) and files run in forked processes (each gets its own ports and event loop).
 * Each package also writes `test-results.json`, which the root summary adds up.
 *
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function defineCloutapiConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['test/**/*.test.ts'],
        pool: 'forks',
        // Limits catch hangs, never measure speed: a test must pass on a machine whose cores are
        // busy with other work (speed is for `pnpm bench`).
        testTimeout: 180_000,
        hookTimeout: 180_000,
        reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
      },
    }),
    overrides,
  );
}

/**
 * Awaits a promise that must reject and returns its reason, typed; fails the test if it resolves.
 *
 * @template [E=Error]
 * @param {Promise<unknown>} promise
 * @returns {Promise<E>}
 */
export async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return /** @type {E} */ (error);
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * The variables a spawned child must keep from the test's environment even when the test gives
 * it an otherwise clean one: PATH, the machine's trust store, and the clock (TZ, and faketime's
 * LD_PRELOAD and FAKETIME*, so a CLI started by a test runs on the same fake date as the test).
 *
 * @returns {Record<string, string>}
 */
export function baseEnv() {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      ['PATH', 'TZ', 'LD_PRELOAD', 'NODE_EXTRA_CA_CERTS', 'DONT_FAKE_MONOTONIC'].includes(name) ||
      name.startsWith('FAKETIME')
    )
      env[name] = value;
  }
  return env;
}

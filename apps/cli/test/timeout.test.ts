import { type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, simEnv, tempDir } from './helpers.js';

let sim: RunningSimulator;
beforeAll(async () => {
  // Held for an hour: only the command's own deadline can end this request.
  sim = await startSimulator({
    faults: [{ path: '/v1/fullVersion', latencyMs: 3_600_000 }],
  });
});
afterAll(async () => {
  await sim?.stop();
});
const dir = tempDir();

describe('--timeout', () => {
  it('ends a command against a stalled portal, retries included, and says how long it tried', async () => {
    const run = await cli(['--timeout', '2s', 'meta', 'version'], {
      env: simEnv(sim, `${dir}/a`),
    });
    expect(run.code, run.stderr).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('did not finish within the deadline of 2000 ms');
  });

  it('is read from CLOUTAPI_TIMEOUT as well', async () => {
    const run = await cli(['meta', 'version'], {
      env: { ...simEnv(sim, `${dir}/b`), CLOUTAPI_TIMEOUT: '1' },
    });
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('deadline of 1000 ms');
  });

  it('refuses a value that is not a duration, and sends nothing', async () => {
    const before = Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
    for (const value of ['soon', '0', '-5s']) {
      const run = await cli(['--timeout', value, 'meta', 'version'], {
        env: simEnv(sim, `${dir}/c`),
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('--timeout');
    }
    expect(Object.values(sim.stats.requests).reduce((a, b) => a + b, 0)).toBe(before);
  });
});

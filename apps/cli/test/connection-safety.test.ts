import { networkInterfaces } from 'node:os';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, simEnv, tempDir } from './helpers.js';

// This machine's own address on a network (or, without one, 0.0.0.0, which also reaches this
// machine): a URL to it is not loopback.
const lanAddress =
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address ?? '0.0.0.0';

let sim: RunningSimulator | undefined;
beforeAll(async () => {
  sim = await startSimulator({ host: '0.0.0.0' });
});
afterAll(async () => {
  await sim?.stop();
});
const dir = tempDir();
const port = () => new URL((sim as RunningSimulator).url).port;

describe('credentials in clear', () => {
  it('a plain http:// URL to a host other than loopback gets one warning on stderr', async () => {
    const run = await cli(['whoami'], {
      env: {
        ...simEnv(sim as RunningSimulator, `${dir}/a`),
        CLOUTAPI_URL: `http://${lanAddress}:${port()}`,
      },
    });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('travel in clear'));
    expect(warnings).toHaveLength(1);
  });

  it('loopback http:// gets none', async () => {
    const run = await cli(['whoami'], {
      env: {
        ...simEnv(sim as RunningSimulator, `${dir}/b`),
        CLOUTAPI_URL: `http://127.0.0.1:${port()}`,
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('travel in clear');
  });

  it('config check never shows a password written into the URL', async () => {
    const url = `http://someone:url-secret-5521@127.0.0.1:${port()}`;
    for (const json of [[], ['--json']]) {
      const run = await cli(['config', 'check', ...json], {
        env: { ...simEnv(sim as RunningSimulator, `${dir}/c`), CLOUTAPI_URL: url },
      });
      expect(run.stdout + run.stderr).not.toContain('url-secret-5521');
      expect(run.stdout + run.stderr).not.toContain(demoCredentials.password);
      if (run.code === 0) expect(run.stdout).toContain('***@127.0.0.1');
    }
  });
});

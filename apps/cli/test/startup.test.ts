import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, simEnv, tempDir } from './helpers.js';

describe('start-up', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('the first command compiles and caches the code; the next ones start from that cache', async () => {
    const dir = tempDir();
    const env = simEnv(sim, dir);
    const first = await cli(['meta', 'version', '--debug'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('1.0.4480.0');
    expect(first.stderr).toMatch(/compiled-code cache of cli\.cjs: missing \(/);
    const compiled = readdirSync(join(dir, 'compile'));
    expect(compiled).toEqual([expect.stringMatching(/^cloutapi-.+\.v8$/)]);
    expect(statSync(join(dir, 'compile', compiled[0] ?? '')).mode & 0o777).toBe(0o600);
    // The token cache shares the folder.
    expect(readdirSync(dir).some((f) => /^tokens-\w+\.json$/.test(f))).toBe(true);

    const second = await cli(['consumers', 'list', '--bunit-id', '11', '--debug'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/compiled-code cache of cli\.cjs: used \(/);
    expect(second.stdout).toContain('acme-dc01');

    // A damaged cache is refused and replaced; the command works all the same.
    writeFileSync(join(dir, 'compile', compiled[0] ?? ''), 'not a code cache');
    const third = await cli(['meta', 'version', '--debug'], { env });
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/compiled-code cache of cli\.cjs: rejected \(/);
    expect(readFileSync(join(dir, 'compile', compiled[0] ?? ''), 'utf8')).not.toBe(
      'not a code cache',
    );
    const off = await cli(['meta', 'version', '--debug'], {
      env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('compiled-code cache of cli.cjs: off');
  });

  it('the bundles have no import(), which a code-cached script cannot serve', () => {
    for (const name of ['cli.cjs', 'quick.cjs']) {
      const bundle = CLI.replace(/cloutapi\.cjs$/, name);
      expect(existsSync(bundle)).toBe(true);
      expect(readFileSync(bundle, 'utf8')).not.toMatch(/[^\w$.]import\(/);
    }
  });
});

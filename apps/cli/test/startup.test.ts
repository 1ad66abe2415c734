import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cli, tempDir, useSimulator } from './helpers.js';

/** Node 22.1+ has its own compile cache; Node 20 does not. */
const hasCompileCache = 'enableCompileCache' in module;

describe('start-up', () => {
  const { env } = useSimulator();

  it("the bin turns on Node's compile cache where Node has one (22.1+) and runs without it on Node 20", async () => {
    const e = env();
    const dir = join(e.CLOUTAPI_CACHE_DIR as string, 'compile');
    const first = await cli(['meta', 'version', '--debug'], { env: e });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('1.0.4480.0');
    const second = await cli(['consumers', 'list', '--bunit', '11', '--debug'], { env: e });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('acme-dc01');
    if (hasCompileCache) {
      expect(first.stderr).toContain(`cloutapi: compile cache: enabled (${dir})`);
      // Node writes the compiled code of cli.cjs there when the process exits.
      expect(readdirSync(dir, { recursive: true }).length).toBeGreaterThan(0);
      const off = await cli(['meta', 'version', '--debug'], {
        env: { ...e, NODE_DISABLE_COMPILE_CACHE: '1' },
      });
      expect(off.code, off.stderr).toBe(0);
      expect(off.stderr).toMatch(/cloutapi: compile cache: disabled/);
      // The cache folder is the user's alone; one that others may write in is not used.
      expect(statSync(e.CLOUTAPI_CACHE_DIR as string).mode & 0o777).toBe(0o700);
      const open = tempDir();
      chmodSync(open, 0o777);
      const refused = await cli(['meta', 'version', '--debug'], {
        env: { ...e, CLOUTAPI_CACHE_DIR: open },
      });
      expect(refused.code, refused.stderr).toBe(0);
      expect(refused.stderr).toContain(
        `cloutapi: compile cache: refused (others may write in ${open})`,
      );
      expect(existsSync(join(open, 'compile'))).toBe(false);
    } else {
      expect(first.stderr).toContain('cloutapi: compile cache: not available on this Node');
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('the command line is one bundle, the launcher a small file that loads it', () => {
    const bin = readdirSync(join(CLI, '..')).sort();
    expect(bin).toEqual(['cli.cjs', 'cloutapi.cjs']);
    expect(readFileSync(CLI, 'utf8').length).toBeLessThan(4000);
  });

  it('an error class keeps its name in the minified bundle (--debug stacks read NotFoundError)', async () => {
    const run = await cli(
      ['consumers', 'get', '--bunit', '11', '--consumer', '999999', '--debug'],
      {
        env: env(),
      },
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /^NotFoundError: GET \/v1\/bunits\/\{bunitId\}\/consumers\/\{consumerId\} failed with 404/m,
    );
  });

  it('a usage error before anything is sent also reads by its class name (core ValidationError)', async () => {
    const dir = tempDir();
    const run = await cli(['consumers', 'get', '--bunit', 'x', '--debug'], {
      env: { CLOUTAPI_CACHE_DIR: dir },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ValidationError: /m);
  });
});

import { baseEnv } from '@cloutapi/vitest-config';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { describe, expect, it } from 'vitest';
import { CLI, cli, cliJson, hasEscapes, tempDir } from './helpers.js';

const cache = tempDir();

describe('cloutapi demo', () => {
  it('--once runs the showcase against the embedded simulator and says how to use it', async () => {
    const result = await cli(['demo', '--once'], { env: { CLOUTAPI_CACHE_DIR: cache } });
    expect(result.code, result.stderr).toBe(0);
    for (const command of [
      'whoami',
      'bunits tree',
      'enroll --bunit "Acme Corporation"',
      'jobs since',
    ]) {
      expect(result.stdout).toContain(`$ cloutapi ${command}`);
    }
    expect(result.stdout).toMatch(/home unit\s+Example Reseller/);
    expect(result.stdout).toMatch(/node name\s+DEMO-LAPTOP/);
    expect(result.stdout).toMatch(/DAILY_INCR/);
    expect(result.stdout).toMatch(/export CLOUTAPI_URL=http:\/\/127\.0\.0\.1:\d+\n/);
    for (const name of [
      'CLOUTAPI_CLIENT_ID',
      'CLOUTAPI_ORIGIN',
      'CLOUTAPI_USERNAME',
      'CLOUTAPI_PASSWORD',
    ]) {
      expect(result.stdout).toContain(`export ${name}=`);
    }
    expect(hasEscapes(result.stdout)).toBe(false);
  });

  it('without --once keeps the simulator running until SIGTERM, and it answers meanwhile', async () => {
    const demo = startProcess(process.execPath, [CLI, 'demo'], {
      env: { ...baseEnv(), CLOUTAPI_CACHE_DIR: cache },
    });
    const [, url] = await printedMatch(demo, /export CLOUTAPI_URL=(\S+)[\s\S]*press Ctrl-C/);
    const version = await cli(['meta', 'version'], {
      env: {
        CLOUTAPI_CACHE_DIR: cache,
        CLOUTAPI_URL: url,
        CLOUTAPI_CLIENT_ID: 'cloutapi-demo',
        CLOUTAPI_ORIGIN: 'http://localhost',
        CLOUTAPI_USERNAME: 'demo@reseller.example',
        CLOUTAPI_PASSWORD: 'demo-password',
      },
    });
    expect(version.stdout.trim()).toBe('1.0.4480.0');
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
  });

  it('--demo runs any command against a fresh simulator, without settings', async () => {
    const me = await cliJson<{ homeUnit: { name: string } }>(['whoami', '--demo'], {
      env: { CLOUTAPI_CACHE_DIR: cache },
    });
    expect(me.homeUnit.name).toBe('Example Reseller');
    const list = await cli(['--demo', 'consumers', 'list', '--bunit', '11', '-q'], {
      env: { CLOUTAPI_CACHE_DIR: cache },
    });
    expect(list.stdout.trim().split('\n')).toEqual(['400', '401', '402']);
  });
});

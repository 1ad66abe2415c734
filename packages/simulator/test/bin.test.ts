import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY_HEADER, demoCredentials } from '../src/index.js';
import { json, signIn } from './helpers.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('cloutapi-simulator (bin)', () => {
  it('prints the URL and demo credentials, serves, and stops on SIGTERM', async () => {
    // Node itself with tsx's loader, not the tsx command: that one is a second process relaying
    // signals to the program, and under load it could report a relayed SIGTERM as a kill (143).
    const sim = startProcess(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/bin.ts',
        ...['--port', '0', '--seed', 'empty', '--token-ttl', '120', '--admin'],
      ],
      { cwd: packageDir },
    );
    try {
      const [, url] = await printedMatch(
        sim,
        /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Ctrl\+C/,
      );
      const output = sim.stdout();
      for (const value of Object.values(demoCredentials)) expect(output).toContain(value);
      const adminKey = /admin key:\s+(\S+)/.exec(output)?.[1] ?? '';

      expect((await signIn({ url: url as string })).expires_in).toBe(120);
      const stats = await fetch(`${url}/_sim/stats`, { headers: { [ADMIN_KEY_HEADER]: adminKey } });
      expect((await json(stats)).tokenGrants.password).toBe(1);
    } finally {
      sim.child.kill('SIGTERM');
    }
    expect(await sim.exited).toBe(0);
  });
});

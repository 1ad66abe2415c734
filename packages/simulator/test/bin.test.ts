import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY_HEADER, demoCredentials } from '../src/index.js';
import { json } from './helpers.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('cloutapi-simulator (bin)', () => {
  it('prints the URL and demo credentials, serves, and stops on SIGTERM', async () => {
    // Node itself with tsx's loader, not the tsx command: that one is a second process relaying
    // signals to the program, and under load it could report a relayed SIGTERM as a kill (143).
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/bin.ts',
        ...['--port', '0', '--seed', 'empty', '--token-ttl', '120', '--admin'],
      ],
      {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 120_000);
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`exited early: ${output}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(url).toBeDefined();
      for (const value of Object.values(demoCredentials)) expect(output).toContain(value);
      const adminKey = /admin key:\s+(\S+)/.exec(output)?.[1] ?? '';

      const token = await fetch(`${url}/v1/oauth`, {
        method: 'POST',
        headers: { Origin: demoCredentials.origin },
        body: new URLSearchParams({
          client_id: demoCredentials.clientId,
          grant_type: 'password',
          username: demoCredentials.username,
          password: demoCredentials.password,
        }),
      });
      expect((await json(token)).expires_in).toBe(120);
      const stats = await fetch(`${url}/_sim/stats`, { headers: { [ADMIN_KEY_HEADER]: adminKey } });
      expect((await json(stats)).tokenGrants.password).toBe(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

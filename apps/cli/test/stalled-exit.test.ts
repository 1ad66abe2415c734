import { createServer, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { serveDuringFile } from './hostile.js';

/**
 * A portal that accepts every connection and, from `stallFrom` on, answers nothing: `'token'`
 * stalls the sign-in, `'api'` signs in and stalls every API call. The stalled requests are held
 * open until the file's tests are over, so only the CLI itself can end its run.
 */
function useStallingPortal(stallFrom: 'token' | 'api') {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const signIn = req.method === 'POST' && req.url?.startsWith('/v1/oauth');
      if (stallFrom === 'api' && signIn) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'stall-access-token-0001', expires_in: 299 }));
      } else held.push(res);
    });
  });
  return { held, url: serveDuringFile(server) };
}

const dir = tempDir();
const env = (url: string) => ({
  CLOUTAPI_URL: url,
  CLOUTAPI_CLIENT_ID: 'stall-client',
  CLOUTAPI_ORIGIN: 'https://stall.example',
  CLOUTAPI_USERNAME: 'operator',
  CLOUTAPI_PASSWORD: 'operator-password-0001',
  CLOUTAPI_CACHE_DIR: dir,
});

// The server never lets go of a stalled request, and the 20 s allowed are less than the 30 s of
// one attempt's own timeout: the command ends because its deadline did, the process with it.
describe.each(['token', 'api'] as const)('--timeout with a stalled %s endpoint', (stallFrom) => {
  const portal = useStallingPortal(stallFrom);
  it('prints the timeout, and the process exits with the timeout code', async () => {
    const run = await cli(['--timeout', '2s', '--no-cache', 'bunits', 'tree'], {
      env: env(portal.url()),
    });
    expect(run.code, run.stderr).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('did not finish within the deadline of 2000 ms');
    expect(portal.held.length).toBeGreaterThan(0);
  }, 20_000);
});

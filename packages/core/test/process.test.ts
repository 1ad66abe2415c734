import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { baseEnv } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { answerToken, json, server } from './loopback.js';

/** These run the built package in a fresh Node process, as a program using it would. */
const DIST = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
const runNode = promisify(execFile);

// A client with the smallest strategy there is: one password grant through core's own request.
const clientScript = (baseUrl: string, extra = '') => `
  const { createClient } = await import(${JSON.stringify(DIST)});
  const signIn = ({ request, clientId }) => {
    const getToken = async () => (await request({
      method: 'POST', path: '/v1/oauth', idempotent: true, retry: false, redirect: 'refuse',
      body: new URLSearchParams({ grant_type: 'password', client_id: clientId,
        username: 'ops@example.net', password: 'process-test-password' }),
    })).access_token;
    return { getToken, invalidate() {}, hook: async (send) => send('Bearer ' + (await getToken())) };
  };
  const client = createClient({
    baseUrl: ${JSON.stringify(baseUrl)}, clientId: 'client-1', origin: 'https://service.example.com',
    authStrategy: signIn, retry: false, ${extra}
  });`;

describe('in a fresh process', () => {
  it('a 200 MB answer is not buffered: the default 64 MiB limit stops it and memory stays bounded', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const total = 200 * 1024 * 1024;
    let written = 0;
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked, no length
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const script = `${clientScript(api.url)}
      const before = process.memoryUsage().rss;
      let outcome;
      try {
        await client.request({ method: 'GET', path: '/v1/bunits' });
        outcome = 'resolved';
      } catch (error) {
        outcome = error.name + ': ' + error.message;
      }
      const peak = process.resourceUsage().maxRSS * 1024;
      process.stdout.write(JSON.stringify({ outcome, growthMb: (peak - before) / 2 ** 20 }));`;
    const { stdout } = await runNode(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 120_000,
    });
    const result = JSON.parse(stdout) as { outcome: string; growthMb: number };
    expect(result.outcome).toMatch(
      /^ResponseTooLargeError: GET \/v1\/bunits: the response body is larger than the limit of 67108864 bytes/,
    );
    // Buffering the whole answer took 680 MB; up to the limit it is about 64 MB.
    expect(result.growthMb).toBeLessThan(150);
    expect(written).toBeLessThan(total);
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!openssl)(
    'speaks HTTPS on the runtime fetch, trusting what Node trusts (here NODE_EXTRA_CA_CERTS; needs openssl to make a certificate)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cloutapi-tls-'));
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      const tls = createHttpsServer(
        { key: readFileSync(key), cert: readFileSync(cert) },
        (req, res) => {
          if (req.url === '/v1/oauth')
            return json(res, 200, { access_token: 'tls-access-token', expires_in: 299 });
          json(res, 200, { secure: true, path: req.url });
        },
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      try {
        const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
        const script = `${clientScript(url)}
          try {
            process.stdout.write(JSON.stringify(await client.request({ method: 'GET', path: '/v1/x' })));
          } catch (error) {
            process.stdout.write(JSON.stringify({ error: error.name, message: error.message }));
          }`;
        const run = async (env: NodeJS.ProcessEnv) =>
          JSON.parse(
            (
              await runNode(process.execPath, ['--input-type=module', '-e', script], {
                env: { ...baseEnv(), ...env },
                timeout: 60_000,
              })
            ).stdout,
          );
        expect(await run({ NODE_EXTRA_CA_CERTS: cert })).toEqual({ secure: true, path: '/v1/x' });
        const untrusted = await run({});
        expect(untrusted.error).toBe('ConnectionError');
        expect(untrusted.message).toMatch(
          /POST \/v1\/oauth failed: no response \(.*(CERT|SIGNED|self)/i,
        );
      } finally {
        tls.closeAllConnections();
        tls.close();
      }
    },
  );
});

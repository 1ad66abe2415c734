import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { expectNotApi } from './hostile.js';

/** What the server answers with 200 under `/<kind>/v1/...`, whatever the API call. */
const BODIES: Record<string, { type: string; body: Buffer | string }> = {
  octet: { type: 'application/octet-stream', body: Buffer.alloc(1234, 7) },
  text: { type: 'text/plain', body: 'maintenance until 14:00' },
  broken: { type: 'application/json', body: '{"name": "ops", ' },
  null: { type: 'application/json', body: 'null' },
  array: { type: 'application/json', body: '[{"id":1,"name":"ops"}]' },
};

/**
 * A server at the configured URL that signs anyone in and answers every API call with 200 and a
 * body that is not the API's: bytes, plain text, broken JSON, JSON `null`, an array where the API
 * sends an object. The first path segment picks the body, so each case is its own base URL.
 */
describe('a 200 answer that is not the API JSON', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const [, kind = '', ...rest] = (req.url ?? '').split('/');
      if (rest.join('/').startsWith('v1/oauth')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"access_token":"t-1","expires_in":299,"token_type":"bearer"}');
      }
      const answer = BODIES[kind];
      if (!answer) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  const env = (kind: string) => ({
    CLOUTAPI_URL: `${url}/${kind}`,
    CLOUTAPI_CLIENT_ID: 'client',
    CLOUTAPI_ORIGIN: 'https://ops.example',
    CLOUTAPI_USERNAME: 'ops@example.net',
    CLOUTAPI_PASSWORD: 'not-the-api-password',
    CLOUTAPI_CACHE_DIR: tempDir(),
  });

  const commands = [
    ['meta', 'me', '--json'],
    ['bunits', 'tree'],
    ['nodes', 'get', '--bunit', '1', '--consumer', '2'],
    ['meta', 'version'],
  ];
  const cases: [string, string[], string][] = [];
  for (const args of commands) {
    cases.push(['octet', args, 'a 1234-byte application/octet-stream body']);
    cases.push(['text', args, 'text that is not JSON \\(text/plain, 23 bytes\\)']);
    cases.push(['broken', args, 'text that is not JSON \\(application/json, 16 bytes\\)']);
    cases.push(['null', args, 'JSON null']);
    const expected = args[1] === 'version' ? 'a string' : 'an object';
    cases.push(['array', args, `a JSON array where ${expected} was expected`]);
  }

  it.each(cases)(
    '%s: `cloutapi %j` exits 1 naming what came, with nothing on stdout',
    async (kind, args, what) => {
      const run = await cli(args, { env: env(kind) });
      expectNotApi(run, what);
      expect(run.stderr).not.toContain('maintenance');
    },
  );
});

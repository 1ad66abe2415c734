import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { expectNotApi } from './hostile.js';

/**
 * A web server at the configured URL: it hands out a token (some gateways answer anything with
 * 200) and answers every API request with what is not the API's JSON.
 */
describe('an answer that is not the API', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const send = (body: string, type: string) => {
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      };
      if (req.url === '/v1/oauth')
        return send(
          '{"access_token":"t-1","expires_in":299,"token_type":"bearer"}',
          'application/json',
        );
      if (req.url?.startsWith('/v1/bunits/12/')) return send('maintenance', 'text/plain');
      if (req.url?.startsWith('/v1/bunits/13/')) return send('{"status":"up"}', 'application/json');
      send('<!DOCTYPE html><html><body>\u001b[2JWelcome to the portal</body></html>', 'text/html');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  const env = () => ({
    CLOUTAPI_URL: url,
    CLOUTAPI_CLIENT_ID: 'client',
    CLOUTAPI_ORIGIN: 'https://ops.example',
    CLOUTAPI_USERNAME: 'ops@example.net',
    CLOUTAPI_PASSWORD: 'not-the-api-password',
    CLOUTAPI_CACHE_DIR: tempDir(),
  });

  it.each([
    [['timezones', 'list'], 'an HTML page'],
    [['meta', 'version'], 'an HTML page'],
    [['consumers', 'list', '--bunit', '11', '--json'], 'an HTML page'],
    [['bunit', 'list'], 'an HTML page'],
    [['consumers', 'list', '--bunit', '12'], 'text that is not JSON \\(text/plain, 11 bytes\\)'],
    [['consumers', 'list', '--bunit', '13'], 'a JSON object without the expected fields'],
  ])('`cloutapi %j` exits non-zero with a hint and prints no result (%s)', async (args, what) => {
    const run = await cli(args, { env: env() });
    expectNotApi(run, what);
    expect(run.stderr).not.toContain('Welcome');
    expect(run.stderr).not.toContain('\u001b');
  });
});

import { AuthenticationError, RedirectError, ResponseTooLargeError } from '@cloutapi/core';
import { rejectionOf } from '@cloutapi/vitest-config';
import { json, recordingServer as server } from '@cloutapi/vitest-config/loopback';
import { describe, expect, it } from 'vitest';
import { createPasswordAuth, type PasswordAuthOptions } from '../src/index.js';

const PASSWORD = 'hunter2-portal-password';

function authFor(baseUrl: string, overrides: Partial<PasswordAuthOptions> = {}) {
  return createPasswordAuth({
    baseUrl,
    clientId: 'client-1',
    origin: 'https://service.example.com',
    username: 'ops@example.net',
    password: PASSWORD,
    ...overrides,
  });
}

describe('a token request never follows a redirect', () => {
  it.each([301, 302, 303, 307, 308])(
    'POST /v1/oauth answered %i to 127.0.0.2: a RedirectError naming the Location, and 127.0.0.2 receives nothing',
    async (status) => {
      const other = await server('127.0.0.2', (_, res) => json(res, 200, { access_token: 'x' }));
      const api = await server('127.0.0.1', (_, res) =>
        res.writeHead(status, { location: `${other.url}/v1/oauth` }).end(),
      );
      const error = await rejectionOf<RedirectError>(authFor(api.url).getToken());
      expect(error).toBeInstanceOf(RedirectError);
      expect(error.location).toBe(`${other.url}/v1/oauth`);
      expect(error.message).toContain(`${other.url}/v1/oauth`);
      expect(error.message).toContain('CLOUTAPI_URL');
      expect(error.message).not.toContain(PASSWORD);
      expect(api.seen).toHaveLength(1);
      expect(api.seen[0]?.body).toContain('grant_type=password');
      expect(other.seen).toHaveLength(0);
    },
  );

  it('a refresh grant redirected to 127.0.0.2 sends it neither the refresh token nor the bearer', async () => {
    const other = await server('127.0.0.2', (_, res) => json(res, 200, { access_token: 'x' }));
    let now = 1_000_000;
    const api = await server('127.0.0.1', (req, res) => {
      if (req.body.includes('grant_type=password'))
        json(res, 200, {
          access_token: 'access-one-123',
          refresh_token: 'refresh-one-123',
          expires_in: 299,
        });
      else res.writeHead(308, { location: `${other.url}/v1/oauth` }).end();
    });
    const auth = authFor(api.url, { clock: () => now });
    await auth.getToken();
    now += 300_000;
    await expect(auth.getToken()).rejects.toBeInstanceOf(RedirectError);
    expect(api.seen.map((r) => r.body.match(/grant_type=(\w+)/)?.[1])).toEqual([
      'password',
      'refresh_token',
    ]);
    expect(other.seen).toHaveLength(0);
  });
});

describe('what a refused sign-in means', () => {
  it('a 404 from the token endpoint says the URL is not the API, not that the password is wrong', async () => {
    const api = await server('127.0.0.1', (_, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'),
    );
    const error = await rejectionOf<AuthenticationError>(authFor(api.url).getToken());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.reason).toBe('not_the_api');
    expect(error.status).toBe(404);
    expect(error.message).toContain('is not the Cloutility API');
    expect(error.message).toContain('CLOUTAPI_URL');
    expect(error.message).not.toMatch(/password/i);
  });

  it.each([
    ['unsupported_grant_type', 'unsupported_grant_type'],
    ['invalid_client', 'unknown_client'],
  ])(
    'a refresh refused with %s is remembered: the next expiries sign in with the password without trying it again',
    async (code, reason) => {
      let now = 1_000_000;
      let issued = 0;
      const api = await server('127.0.0.1', (req, res) => {
        if (req.body.includes('grant_type=refresh_token')) return json(res, 400, { error: code });
        issued++;
        json(res, 200, {
          access_token: `access-${issued}-abcdef`,
          refresh_token: `refresh-${issued}-abcdef`,
          expires_in: 299,
        });
      });
      const lines: string[] = [];
      const auth = authFor(api.url, { clock: () => now, logger: (l) => lines.push(l) });
      await auth.getToken();
      for (let expiry = 0; expiry < 3; expiry++) {
        now += 300_000;
        await auth.getToken();
      }
      expect(auth.stats()).toEqual({ passwordGrants: 4, refreshGrants: 1 });
      expect(lines.join('\n')).toContain(`refresh grant refused (${reason})`);
    },
  );
});

describe('a token answer is read within a limit', () => {
  it('a token endpoint streaming megabytes is cut off with a ResponseTooLargeError', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    let written = 0;
    const api = await server('127.0.0.1', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const error = await rejectionOf<ResponseTooLargeError>(authFor(api.url).getToken());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.limitBytes).toBe(1024 * 1024);
    expect(error.message).toContain('POST /v1/oauth');
    // Reading stopped at the limit: the server could not push the whole 50 MB.
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });
});

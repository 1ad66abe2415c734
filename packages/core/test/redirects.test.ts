import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { RedirectError } from '../src/index.js';
import { answerToken, json, loopbackClient, PASSWORD, server } from './loopback.js';
import { createConsumer } from './support.js';

/** Another host on loopback: whatever it receives has left the API's origin. */
const elsewhere = () => server('127.0.0.2', (_, res) => json(res, 200, { stolen: true }));

describe('credentials never follow a redirect', () => {
  it('a sign-in answered 307 to 127.0.0.2 is a RedirectError, and 127.0.0.2 receives nothing (the issue 14 case)', async () => {
    const other = await elsewhere();
    const api = await server('127.0.0.1', (_, res) =>
      res.writeHead(307, { location: `${other.url}/v1/oauth` }).end(),
    );
    const error = await rejectionOf<RedirectError>(
      loopbackClient(api.url).request({ method: 'GET', path: '/v1/me' }),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.location).toBe(`${other.url}/v1/oauth`);
    expect(error.message).not.toContain(PASSWORD);
    expect(api.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/oauth']);
    expect(other.seen).toEqual([]);
  });

  it.each([301, 302, 303, 307, 308])(
    'a GET answered %i to another origin is a RedirectError; the other host receives nothing',
    async (status) => {
      const other = await elsewhere();
      const api = await server('127.0.0.1', (req, res) => {
        if (!answerToken(req, res)) res.writeHead(status, { location: `${other.url}/v1/me` }).end();
      });
      const error = await rejectionOf<RedirectError>(
        loopbackClient(api.url).request({ method: 'GET', path: '/v1/me' }),
      );
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ status, method: 'GET', path: '/v1/me' });
      expect(error.message).toContain(`${other.url}/v1/me`);
      expect(error.message).toContain("leads away from the API's origin");
      expect(other.seen).toEqual([]);
    },
  );

  it('a redirect to the same host on another port is another origin', async () => {
    const other = await server('127.0.0.1', (_, res) => json(res, 200, { stolen: true }));
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) res.writeHead(302, { location: `${other.url}/v1/me` }).end();
    });
    await expect(
      loopbackClient(api.url).request({ method: 'GET', path: '/v1/me' }),
    ).rejects.toBeInstanceOf(RedirectError);
    expect(other.seen).toEqual([]);
  });

  it('a POST answered 307 to 127.0.0.2 sends it neither the body nor the bearer', async () => {
    const other = await elsewhere();
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res))
        res.writeHead(307, { location: `${other.url}/v1/bunits/1/consumers` }).end();
    });
    const error = await rejectionOf<RedirectError>(
      loopbackClient(api.url).request(createConsumer(1, 'web-01')),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect(other.seen).toEqual([]);
  });
});

describe('redirects within the API', () => {
  it('a GET moved within the origin is followed, with the bearer, to the new path', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      if (req.url === '/v1/old') res.writeHead(301, { location: '/v1/new?x=1' }).end();
      else json(res, 200, { at: req.url, bearer: req.headers.authorization });
    });
    const got = await loopbackClient(api.url).request({ method: 'GET', path: '/v1/old' });
    expect(got).toEqual({ at: '/v1/new?x=1', bearer: 'Bearer loopback-access-token' });
  });

  it('a POST answered 303 is an error that may have been applied, not the answer of a GET', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      if (req.method === 'POST') res.writeHead(303, { location: '/v1/bunits/1/consumers/9' }).end();
      else json(res, 200, { id: 9 });
    });
    const error = await rejectionOf<RedirectError>(
      loopbackClient(api.url).request(createConsumer(1, 'web-01')),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toContain('would turn the POST into a GET');
    expect(api.seen.filter((r) => r.method === 'GET')).toEqual([]);
  });

  it('a POST answered 307 within the origin is sent again there, same method and body', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      if (req.url === '/v1/a') res.writeHead(307, { location: '/v1/b' }).end();
      else json(res, 201, { at: req.url, method: req.method, body: JSON.parse(req.body) });
    });
    const got = await loopbackClient(api.url).request({
      method: 'POST',
      path: '/v1/a',
      body: { name: 'x' },
    });
    expect(got).toEqual({ at: '/v1/b', method: 'POST', body: { name: 'x' } });
  });

  it('a redirect loop stops after 5 redirects', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) res.writeHead(302, { location: req.url }).end();
    });
    const error = await rejectionOf<RedirectError>(
      loopbackClient(api.url).request({ method: 'GET', path: '/v1/loop' }),
    );
    expect(error.message).toContain('more than 5 redirects');
    expect(api.seen.filter((r) => r.url === '/v1/loop')).toHaveLength(6);
  });
});

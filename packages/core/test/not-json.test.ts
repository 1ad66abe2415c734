import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import { NotApiResponseError } from '../src/index.js';
import { answerToken, loopbackClient, server } from './loopback.js';

/** 200 answers a web server, a proxy or a file host may give where the API's JSON belongs. */
const ANSWERS: Record<string, { type?: string; body: string | Buffer; said: string }> = {
  '/v1/octet': {
    type: 'application/octet-stream',
    body: Buffer.alloc(1234, 1),
    said: 'a 1234-byte application/octet-stream body',
  },
  '/v1/text': {
    type: 'text/plain; charset=utf-8',
    body: 'maintenance',
    said: 'text that is not JSON (text/plain, 11 bytes)',
  },
  '/v1/broken': {
    type: 'application/json',
    body: '{"name":',
    said: 'text that is not JSON (application/json, 8 bytes)',
  },
  '/v1/unlabelled': { body: 'OK', said: 'text that is not JSON (no content type, 2 bytes)' },
  '/v1/html': { type: 'text/html', body: '<h1>Portal</h1>', said: 'an HTML page' },
  '/v1/forged-type': {
    type: `application/${'x'.repeat(200)}`,
    body: Buffer.from([0, 1, 2]),
    said: 'a 3-byte binary body',
  },
};

describe('expectJson: a 2xx answer must be the API JSON', () => {
  const start = () =>
    server('127.0.0.1', (req, res) => {
      if (answerToken(req, res)) return;
      const answer = ANSWERS[req.url ?? ''];
      if (answer?.type) res.setHeader('content-type', answer.type);
      res.writeHead(200).end(answer?.body ?? '"1.0.4480.0"');
    });

  it('names what came (type and size, never the content) in a NotApiResponseError', async () => {
    const api = await start();
    const client = loopbackClient(api.url);
    for (const [path, { said }] of Object.entries(ANSWERS)) {
      const error = await rejectionOf<NotApiResponseError>(
        client.request({ method: 'GET', path, expectJson: true }),
      );
      expect(error, path).toBeInstanceOf(NotApiResponseError);
      expect(error.message).toBe(
        `GET ${path}: the server did not answer with the API's JSON: it sent ${said}`,
      );
      expect(error).toMatchObject({ status: 200, method: 'GET', path, mayHaveBeenApplied: false });
      // Not retried: the same server gives the same answer.
      expect(api.seen.filter((r) => r.url === path)).toHaveLength(1);
    }
  });

  it('accepts JSON however it is labelled, and an empty body', async () => {
    const api = await start();
    const client = loopbackClient(api.url);
    expect(await client.request({ method: 'GET', path: '/v1/fullVersion', expectJson: true })).toBe(
      '1.0.4480.0',
    );
    const empty = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) res.writeHead(204).end();
    });
    expect(
      await loopbackClient(empty.url).request({
        method: 'DELETE',
        path: '/v1/x',
        expectJson: true,
      }),
    ).toBeUndefined();
  });

  it('without it, what came is returned as it was decoded', async () => {
    const api = await start();
    const body = await loopbackClient(api.url).request({ method: 'GET', path: '/v1/text' });
    expect(body).toBe('maintenance');
  });
});

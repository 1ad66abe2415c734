import { json } from '@cloutapi/vitest-config/loopback';
import { describe, expect, it } from 'vitest';
import { parseTraceparent } from '../src/request/trace.js';
import { answerToken, loopbackClient, server } from './loopback.js';

const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context', () => {
  it("a request continues the caller's trace: same trace id and flags, a parent id of its own; debug lines name it", async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) json(res, 200, { ok: true });
    });
    const lines: string[] = [];
    const c = loopbackClient(api.url, { debug: (line) => void lines.push(line) });
    await c.request({ method: 'GET', path: '/v1/me', traceparent: CALLER });
    await c.request({ method: 'GET', path: '/v1/me', traceparent: CALLER });
    const sent = api.seen.filter((s) => s.url === '/v1/me').map((s) => s.headers.traceparent);
    expect(sent).toHaveLength(2);
    for (const value of sent)
      expect(value).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(new Set(sent).size).toBe(2); // each request is a span of its own
    expect(sent).not.toContain(CALLER);
    expect(
      lines.some((l) => l.includes('GET /v1/me (trace 4bf92f3577b34da6a3ce929d0e0e4736)')),
    ).toBe(true);
  });

  it('an invalid traceparent is ignored: the request goes out untraced', async () => {
    const api = await server('127.0.0.1', (req, res) => {
      if (!answerToken(req, res)) json(res, 200, { ok: true });
    });
    const c = loopbackClient(api.url);
    for (const bad of [
      'garbage',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      `${CALLER}\r\nX-Injected: 1`,
    ]) {
      expect(parseTraceparent(bad), bad).toBeUndefined();
      await c.request({ method: 'GET', path: '/v1/me', traceparent: bad });
    }
    const seen = api.seen.filter((s) => s.url === '/v1/me');
    expect(seen.map((s) => s.headers.traceparent)).toEqual(seen.map(() => undefined));
  });
});

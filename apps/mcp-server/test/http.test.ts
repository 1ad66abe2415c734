import { describe, expect, it, vi } from 'vitest';
import { serveHttp } from './support.js';

describe('Streamable HTTP sessions in a long-running server', () => {
  it('a session left idle is closed, and its id is then unknown', async () => {
    const s = await serveHttp({ sessionIdleMs: 1000 });
    const { client, transport } = await s.client();
    await client.listTools();
    const id = transport.sessionId;
    expect(s.http.sessions()).toBe(1);
    await vi.waitFor(() => expect(s.http.sessions()).toBe(0), { timeout: 120_000, interval: 200 });
    const stale = await fetch(s.http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': id ?? '',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    await s.stop();
  });

  it('at the session cap, a new session closes the one unused longest', async () => {
    const s = await serveHttp({ maxSessions: 2 });
    const first = await s.client();
    await s.client();
    const third = await s.client();
    expect(s.http.sessions()).toBe(2);
    await expect(first.client.listTools()).rejects.toThrow();
    expect((await third.client.listTools()).tools.length).toBeGreaterThan(3);
    await s.stop();
  });

  it('stateless: every request stands alone, no session is kept', async () => {
    const s = await serveHttp({ stateless: true });
    for (const _ of [1, 2]) {
      const { client, transport } = await s.client();
      expect(transport.sessionId).toBeUndefined();
      const r = await client.callTool({ name: 'find_business_unit', arguments: { query: 'acme' } });
      expect((r.content as { text: string }[])[0]?.text).toContain('Acme Corporation');
      await client.close();
    }
    expect(s.http.sessions()).toBe(0);
    const get = await fetch(s.http.url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    await s.stop();
  });
});

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordingServer } from '@cloutapi/vitest-config/loopback';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startBrowser } from './browser.js';
import { type Haproxy, startHaproxy } from './haproxy.js';

/**
 * The harness the multi-instance tests stand on, tried on its own: HAProxy in front of two tiny
 * servers that answer their own name, and Chromium submitting a form, all real processes on
 * loopback.
 */

/** A server on 127.0.0.1 answering `name`, `ok` on /health; it keeps the headers of the rest. */
async function nameServer(name: string) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/health') return res.end('ok');
    seen.push(req.headers);
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    server.closeAllConnections(); // as a killed process would: idle keep-alive connections too
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onTestFinished(() => (server.listening ? close() : undefined));
  return { port: (server.address() as AddressInfo).port, seen, close };
}

/** The names that answer `count` requests in a row through `lb`, each of which must succeed. */
async function answers(lb: Haproxy, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(lb.url);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    names.push(text);
  }
  return names;
}

describe('HAProxy in front of two servers', () => {
  it('alternates, steers with disable, routes around a dead server, and says who the client is', async () => {
    const a = await nameServer('a');
    const b = await nameServer('b');
    const backends = [
      { name: 'a', port: a.port },
      { name: 'b', port: b.port },
    ];
    const checked = await startHaproxy({ backends, healthPath: '/health' });
    onTestFinished(() => checked.stop());
    // No health checks: a dead server stays in the rotation, and only redispatch saves its requests.
    const unchecked = await startHaproxy({ backends });
    onTestFinished(() => unchecked.stop());

    const first = await answers(checked, 4);
    expect(first).toEqual(first[0] === 'a' ? ['a', 'b', 'a', 'b'] : ['b', 'a', 'b', 'a']);
    expect(a.seen[0]).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    });

    await checked.disable('a');
    expect(await answers(checked, 4)).toEqual(['b', 'b', 'b', 'b']);
    expect((await checked.stats()).a?.status).toBe('MAINT');
    await checked.enable('a');

    await b.close();
    expect(await answers(unchecked, 4)).toEqual(['a', 'a', 'a', 'a']);
    const moved = (await unchecked.stats()).b;
    expect(moved?.redispatches, JSON.stringify(moved)).toBeGreaterThan(0);
    expect(await answers(checked, 4)).toEqual(['a', 'a', 'a', 'a']);
    await expect
      .poll(async () => (await checked.stats()).b?.status, { timeout: 10_000, interval: 100 })
      .toBe('DOWN');
    expect(await answers(checked, 2)).toEqual(['a', 'a']);
  });
});

describe('headless Chromium', () => {
  it('fills in and submits a plain HTML form, and the server receives the field', async () => {
    const site = await recordingServer('127.0.0.1', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        req.method === 'POST'
          ? '<!doctype html><title>Sent</title><p id="done">Received</p>'
          : '<!doctype html><title>Form</title><form method="post" action="/submit">' +
              '<input name="note"><button type="submit">Send</button></form>',
      );
    });
    const browser = await startBrowser();
    onTestFinished(() => browser.close());
    const page = await browser.newPage();

    await page.goto(site.url);
    await page.fill('input[name="note"]', 'hello from Chromium & co');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${site.url}/submit`);

    expect(await page.textContent('#done')).toBe('Received');
    const post = site.seen.find((r) => r.method === 'POST');
    expect(post?.url).toBe('/submit');
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(post?.body).get('note')).toBe('hello from Chromium & co');
  });
});

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { demoCredentials } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeHttpHeaders, nodeHttp } from '../src/index.js';
import { simulator } from './support.js';

/** What a loopback server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A real server on 127.0.0.1 that records requests and answers with `handle`. */
async function server(handle: (req: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      handle(entry, res);
    });
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  s.unref();
  servers.push({ close: () => s.close() });
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};

describe('nodeHttp()', () => {
  it('follows redirects, and drops Authorization when one leaves the origin', async () => {
    const other = await server((_, res) => json(res, 200, { at: 'other' }));
    const home = await server((req, res) => {
      if (req.url === '/away') res.writeHead(302, { location: `${other.url}/landed` }).end();
      else if (req.url === '/here') res.writeHead(301, { location: '/landed' }).end();
      else json(res, 200, { at: 'home' });
    });
    const http = nodeHttp();
    const headers = { Authorization: 'Bearer secret-token', Origin: 'https://o.example' };
    const same = await http.fetch(`${home.url}/here`, { headers });
    expect(await same.json()).toEqual({ at: 'home' });
    expect(same.redirected).toBe(true);
    expect(home.seen.at(-1)?.headers.authorization).toBe('Bearer secret-token');
    const away = await http.fetch(`${home.url}/away`, { headers });
    expect(await away.json()).toEqual({ at: 'other' });
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers.origin).toBe('https://o.example');
    const manual = await http.fetch(`${home.url}/away`, { headers, redirect: 'manual' });
    expect(manual.status).toBe(302);
    await http.close();
  });

  it('a POST answered 303 is followed with a GET without the body', async () => {
    const s = await server((req, res) => {
      if (req.method === 'POST') res.writeHead(303, { location: '/result' }).end();
      else json(res, 200, { method: req.method });
    });
    const http = nodeHttp();
    const r = await http.fetch(`${s.url}/submit`, { method: 'POST', body: 'x=1' });
    expect(await r.json()).toEqual({ method: 'GET' });
    expect(s.seen.map((x) => [x.method, x.body])).toEqual([
      ['POST', 'x=1'],
      ['GET', ''],
    ]);
    await http.close();
  });

  it('sends form, text, binary and Blob bodies with the content type fetch gives them', async () => {
    const s = await server((_, res) => res.writeHead(204).end());
    const http = nodeHttp();
    const url = `${s.url}/echo`;
    await http.fetch(url, { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) });
    await http.fetch(url, { method: 'POST', body: 'plain' });
    await http.fetch(url, {
      method: 'PUT',
      body: new Uint8Array([104, 105]),
      headers: { 'content-type': 'application/pdf' },
    });
    const blob = await http.fetch(url, {
      method: 'PUT',
      body: new Blob(['blob'], { type: 'text/csv' }),
    });
    expect(blob.status).toBe(204);
    expect(blob.body).toBeNull();
    expect(
      s.seen.map((x) => [x.headers['content-type'], x.headers['content-length'], x.body]),
    ).toEqual([
      ['application/x-www-form-urlencoded;charset=UTF-8', '9', 'a=1&b=x+y'],
      ['text/plain;charset=UTF-8', '5', 'plain'],
      ['application/pdf', '2', 'hi'],
      ['text/csv', '4', 'blob'],
    ]);
    await http.close();
  });

  it('reads a response once, as text, JSON, bytes or a stream; decodes gzip; keeps repeated headers', async () => {
    const s = await server((_, res) => {
      res.writeHead(200, [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['X-Many', 'one'],
        ['X-Many', 'two'],
      ]);
      res.end(gzipSync(JSON.stringify({ ok: 'ünïcode' })));
    });
    const http = nodeHttp();
    const r = await http.fetch(`${s.url}/`);
    expect(r.ok).toBe(true);
    expect(r.headers.get('x-many')).toBe('one, two');
    expect(r.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const copy = r.clone();
    expect(await r.json()).toEqual({ ok: 'ünïcode' });
    expect(r.bodyUsed).toBe(true);
    expect((await rejectionOf(r.text())).message).toMatch(/already been read/);
    const streamed = await new Response(copy.body).text();
    expect(streamed).toBe('{"ok":"ünïcode"}');
    await http.close();
  });

  it('no response is TypeError("fetch failed") with the cause; an abort rejects with its reason', async () => {
    const s = await server(() => {
      // never answers
    });
    const http = nodeHttp();
    const refused = await rejectionOf<TypeError>(http.fetch('http://127.0.0.1:1/'));
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused.message).toBe('fetch failed');
    expect((refused.cause as { code?: string }).code).toBe('ECONNREFUSED');
    const timeout = AbortSignal.timeout(50);
    const slow = await rejectionOf<DOMException>(http.fetch(`${s.url}/`, { signal: timeout }));
    expect(slow.name).toBe('TimeoutError');
    const before = new AbortController();
    before.abort(new Error('not now'));
    expect((await rejectionOf(http.fetch(`${s.url}/`, { signal: before.signal }))).message).toBe(
      'not now',
    );
    // Aborted after the call, before the request went out: nothing is sent.
    const during = new AbortController();
    const seenBefore = s.seen.length;
    const fresh = nodeHttp();
    const pending = fresh.fetch(`${s.url}/`, { method: 'POST', body: 'x', signal: during.signal });
    during.abort(new Error('changed my mind'));
    expect((await rejectionOf(pending)).message).toBe('changed my mind');
    await new Promise((r) => setTimeout(r, 50));
    expect(s.seen.length).toBe(seenBefore);
    await fresh.close();
    await http.close();
  });

  it('Headers: names case-insensitive, values trimmed, iterated in sorted order', () => {
    const h = new NodeHttpHeaders({ 'X-B': ' 2 ', 'x-a': '1' });
    h.append('X-A', '3');
    expect(h.get('x-a')).toBe('1, 3');
    expect([...h]).toEqual([
      ['x-a', '1, 3'],
      ['x-b', '2'],
    ]);
    h.set('x-a', 'only');
    h.delete('X-B');
    expect(Object.fromEntries(new NodeHttpHeaders(h))).toEqual({ 'x-a': 'only' });
    expect(new NodeHttpHeaders([['k', 'v']]).has('K')).toBe(true);
  });
});

const DIST = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
const runNode = promisify(execFile);

describe('a process on nodeHttp()', () => {
  it('calls the API without loading undici or Node fetch, and exits once done', async () => {
    const sim = await simulator();
    const script = `
      import { createRequire } from 'node:module';
      const { createClient, nodeHttp } = await import(${JSON.stringify(DIST)});
      const c = createClient({
        baseUrl: ${JSON.stringify(sim.url)}, clientId: ${JSON.stringify(demoCredentials.clientId)},
        origin: ${JSON.stringify(demoCredentials.origin)}, http: nodeHttp(),
        credentials: { username: ${JSON.stringify(demoCredentials.username)}, password: ${JSON.stringify(demoCredentials.password)} },
      });
      const me = await c.request({ method: 'GET', path: '/v1/me' });
      await c.close();
      const npm = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('undici'));
      const internal = process.moduleLoadList.some((m) => m.includes('undici'));
      process.stdout.write(JSON.stringify({ user: me.name ?? me.username ?? me.email, npm, internal }));`;
    const { stdout } = await runNode(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 15_000,
    });
    const out = JSON.parse(stdout) as { user: string; npm: boolean; internal: boolean };
    expect(out).toMatchObject({ npm: false, internal: false });
    expect(out.user).toBeTruthy();
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
    'speaks HTTPS, trusting what Node trusts (here NODE_EXTRA_CA_CERTS)',
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
        (req, res) => json(res, 200, { secure: true, path: req.url }),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      servers.push({ close: () => tls.close() });
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/v1/x`;
      const script = `
      const { nodeHttp } = await import(${JSON.stringify(DIST)});
      const http = nodeHttp();
      const r = await http.fetch(${JSON.stringify(url)});
      process.stdout.write(JSON.stringify(await r.json()));
      await http.close();`;
      const run = (env: NodeJS.ProcessEnv) =>
        runNode(process.execPath, ['--input-type=module', '-e', script], {
          env: { PATH: process.env.PATH, ...env },
          timeout: 15_000,
        });
      expect(JSON.parse((await run({ NODE_EXTRA_CA_CERTS: cert })).stdout)).toEqual({
        secure: true,
        path: '/v1/x',
      });
      const untrusted = await rejectionOf<{ stderr: string }>(run({}));
      expect(untrusted.stderr).toMatch(/fetch failed|self[- ]signed/i);
    },
  );
});

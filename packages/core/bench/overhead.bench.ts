/**
 * Benchmark of @cloutapi/core (run by `pnpm bench`, written to BENCHMARKS.md): client overhead,
 * 1000 sequential and 1000 concurrent (50 in flight) GETs of a small JSON body on a bare loopback
 * server, through the client vs raw fetch, in the same run. (Token requests across an expiry are
 * `@cloutapi/auth`'s benchmark.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alternatingMedians,
  markdownTable,
  runConcurrently,
  time,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { createClient } from '../dist/index.js';

const ORIGIN = 'https://bench.example';
const BODY = JSON.stringify({
  href: 'http://127.0.0.1/v1/bunits/1/consumers',
  total: 2,
  offset: 0,
  items: [
    { id: 1, name: 'web-01', createdDate: '2026-11-01T00:00:00Z' },
    { id: 2, name: 'db-01', createdDate: '2026-11-02T00:00:00Z' },
  ],
});

// A server that costs as little as possible, so the difference measured is the client's.
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(BODY);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// A fixed token: what is measured is the request layer, not a token lifecycle.
const token = 'bench-token-000000';
const client = createClient({
  baseUrl: base,
  clientId: 'bench',
  origin: ORIGIN,
  authStrategy: () => ({
    getToken: async () => token,
    invalidate: () => {},
    hook: (send) => send(`Bearer ${token}`),
  }),
});
const url = `${base}/v1/bunits/1/consumers`;

const raw = async () => {
  const res = await fetch(url, {
    headers: { Origin: ORIGIN, Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
};
const viaClient = () =>
  client.request({
    method: 'GET',
    path: '/v1/bunits/{bunitId}/consumers',
    pathParams: { bunitId: 1 },
  });

const N = 1000;
const sequential = (fn: () => Promise<unknown>) => async () => {
  for (let i = 0; i < N; i++) await fn();
};
const concurrent = (fn: () => Promise<unknown>) => () => runConcurrently(N, 50, fn);

// Warm up both paths (JIT, keep-alive connections).
await sequential(raw)();
await sequential(viaClient)();

const ROUNDS = 15;
const timed = (run: (fn: () => Promise<unknown>) => () => Promise<unknown>) =>
  alternatingMedians({ raw: () => time(run(raw)), client: () => time(run(viaClient)) }, ROUNDS);
const seq = await timed(sequential);
const conc = await timed(concurrent);
server.close();

const row = (name: string, r: { raw: number; client: number }) => [
  name,
  `${r.raw.toFixed(0)} ms`,
  `${r.client.toFixed(0)} ms`,
  `${((N / r.client) * 1000).toFixed(0)} req/s`,
  `${(r.client / r.raw).toFixed(3)}x`,
];
const body = `${markdownTable(
  [
    '1000 GETs of a small JSON body',
    'raw fetch',
    '@cloutapi/core',
    'core throughput',
    'ratio (target <= 1.10x)',
  ],
  [row('sequential', seq), row('concurrent, 50 in flight', conc)],
)}

Median of ${ROUNDS} alternating rounds after a warm-up, against a bare node:http server on 127.0.0.1
(the client adds Origin, bearer, timeout, retry bookkeeping, typed errors and JSON parsing).`;
const file = writeBenchmarkSection('core', '@cloutapi/core: client overhead', body);
process.stdout.write(`${body}\n\nwritten to ${file}\n`);

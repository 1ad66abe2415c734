/**
 * Simulator throughput for a collection GET (the consumers of a unit) on loopback, with 1 and 50
 * requests in flight. Not a test: `pnpm bench` runs it and writes the `simulator` section of
 * BENCHMARKS.md, so we know the simulator is never the bottleneck of other benchmarks.
 */
import {
  markdownTable,
  median,
  runConcurrently,
  time,
  writeBenchmarkSection,
} from '@cloutapi/bench';
import { demoCredentials, startSimulator } from '../src/index.js';

const ROUNDS = 3;
const LOADS = [
  { inFlight: 1, requests: 2_000 },
  { inFlight: 50, requests: 10_000 },
];

const sim = await startSimulator({ tokenTtlSeconds: 3600 });
try {
  const token = await fetch(`${sim.url}/v1/oauth`, {
    method: 'POST',
    headers: { Origin: demoCredentials.origin },
    body: new URLSearchParams({
      client_id: demoCredentials.clientId,
      grant_type: 'password',
      username: demoCredentials.username,
      password: demoCredentials.password,
    }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const url = `${sim.url}/v1/bunits/11/consumers`;
  const headers = { Origin: demoCredentials.origin, Authorization: `Bearer ${token.access_token}` };
  const get = async () => {
    const res = await fetch(url, { headers });
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    await res.arrayBuffer();
  };

  await runConcurrently(500, 10, get);
  const rows: string[][] = [];
  for (const { inFlight, requests } of LOADS) {
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ms = await time(() => runConcurrently(requests, inFlight, get));
      samples.push(requests / (ms / 1000));
    }
    const rate = median(samples);
    rows.push([
      String(inFlight),
      String(requests),
      rate.toFixed(0),
      (1000 / (rate / inFlight)).toFixed(2),
    ]);
    process.stdout.write(`${inFlight} in flight: ${rate.toFixed(0)} requests/s\n`);
  }
  const file = writeBenchmarkSection(
    'simulator',
    'Simulator throughput',
    `\`GET /v1/bunits/11/consumers\` (3 consumers, full auth) against \`startSimulator()\` on 127.0.0.1 with
Node's fetch, median of ${ROUNDS} rounds after 500 warm-up requests.

${markdownTable(['in flight', 'requests per round', 'requests/s', 'mean latency (ms)'], rows)}`,
  );
  process.stdout.write(`wrote ${file}\n`);
} finally {
  await sim.stop();
}

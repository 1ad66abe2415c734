/**
 * Enroll 200 machines with bounded concurrency against the simulator (run by `pnpm bench`,
 * written to BENCHMARKS.md): machines per second and token requests, once with the API's token
 * lifetime and once with a short one, to show one token request per lifetime.
 */
import { markdownTable, writeBenchmarkSection } from '@cloutapi/bench';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { createCloutility, enrollMany } from '../dist/index.js';

const MACHINES = 200;

async function run(
  concurrency: number,
  tokenTtlSeconds: number,
  expiryMarginSeconds: number,
  machines = MACHINES,
) {
  const sim = await startSimulator({ seed: 'empty', tokenTtlSeconds });
  const clout = createCloutility({
    baseUrl: sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
  });
  const home = sim.state.rootBusinessUnitId;
  const rows = Array.from({ length: machines }, (_, i) => ({
    bunitId: home,
    name: `bench-${String(i).padStart(3, '0')}`,
    operatingSystem: 'Linux',
  }));
  const started = performance.now();
  const outcomes = await enrollMany(clout, rows, { concurrency });
  const seconds = (performance.now() - started) / 1000;
  // Every token request of the run, including the first sign-in.
  const tokenRequests = sim.stats.tokenGrants.password + sim.stats.tokenGrants.refresh;
  const failed = outcomes.filter((o) => !o.ok).length;
  await sim.stop();
  // The client stops using a token `margin` before expiry, where margin is at most half the lifetime.
  const usable = tokenTtlSeconds - Math.min(expiryMarginSeconds, tokenTtlSeconds / 2);
  return {
    concurrency,
    tokenTtlSeconds,
    seconds,
    perSecond: MACHINES / seconds,
    tokenRequests,
    lifetimes: Math.ceil(seconds / usable),
    failed,
  };
}

await run(8, 299, 30, 40); // warm-up: JIT and connections, not reported
const results = [await run(8, 299, 30), await run(1, 299, 30), await run(8, 2, 30)];
const body = `${markdownTable(
  [
    'machines',
    'concurrency',
    'token lifetime',
    'time',
    'machines/s',
    'token requests',
    'token lifetimes spanned',
    'failed',
  ],
  results.map((r) => [
    String(MACHINES),
    String(r.concurrency),
    `${r.tokenTtlSeconds} s`,
    `${r.seconds.toFixed(2)} s`,
    r.perSecond.toFixed(1),
    String(r.tokenRequests),
    String(r.lifetimes),
    String(r.failed),
  ]),
)}

Each enrollment is the full workflow (catalog check, find or create the consumption unit, default
server, domain and option set, create the node, suggested name, activate, re-read): about 11 API
calls, and one more after creating a unit: the list of the business unit's units again, to find a
twin another computer made meanwhile (side by side with the node's creation, so no round trip of
its own against a portal; here all 200 units are in one business unit, so each list is longer
than the last). Target: one token request per token lifetime (the last row uses a 2 s lifetime on purpose).
The simulator runs in the benchmark's own process and event loop, so concurrency cannot speed it up
here; against a real portal the calls wait on the network and concurrency is what makes bulk fast.`;
const file = writeBenchmarkSection('resources', '@cloutapi/resources: enroll 200 machines', body);
process.stdout.write(`${body}\n\nwritten to ${file}\n`);

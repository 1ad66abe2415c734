/**
 * Benchmark of @cloutapi/auth (run by `pnpm bench`, written to BENCHMARKS.md): token requests for
 * 1000 concurrent API calls across a token expiry, through a `@cloutapi/core` client, against the
 * simulator.
 */
import { writeBenchmarkSection } from '@cloutapi/bench';
import { createClient } from '@cloutapi/core';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { createPasswordAuth } from '../dist/index.js';

const sim = await startSimulator({ seed: 'empty' });
let now = Date.now();
const client = createClient({
  baseUrl: sim.url,
  clientId: demoCredentials.clientId,
  origin: demoCredentials.origin,
  authStrategy: createPasswordAuth,
  auth: {
    username: demoCredentials.username,
    password: demoCredentials.password,
    clock: () => now,
  },
});
const version = { method: 'GET', path: '/v1/fullVersion' } as const;
await client.request(version);
const grants = () => sim.stats.tokenGrants.password + sim.stats.tokenGrants.refresh;
const before = grants();
now += 300_000;
await Promise.all(Array.from({ length: 1000 }, () => client.request(version)));
const tokenRequests = grants() - before;
await sim.stop();

const body = `Token requests for 1000 concurrent calls across a token expiry (simulator): **${tokenRequests}** (target: 1).`;
const file = writeBenchmarkSection('auth', '@cloutapi/auth: token requests', body);
process.stdout.write(`${body}\n\nwritten to ${file}\n`);

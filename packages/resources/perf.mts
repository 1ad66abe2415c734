import { startSimulator, demoCredentials } from '@cloutapi/simulator';
import { createCloutility, backupHealth } from './src/index.js';
let t = performance.now();
const sim = await startSimulator({ fleet: { machines: 1000, units: 50 } });
console.log('start', (performance.now() - t).toFixed(0));
const clout = createCloutility({ baseUrl: sim.url, clientId: demoCredentials.clientId, origin: demoCredentials.origin, credentials: { username: demoCredentials.username, password: demoCredentials.password } });
await clout.meta.me();
for (const c of [1, 8]) {
  t = performance.now();
  const r = await backupHealth(clout, { concurrency: c });
  console.log(c, (performance.now() - t).toFixed(0), r.machines.length);
}
await sim.stop();

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { demoCredentials, readOnlyCredentials } from './defaults.js';
import { startSimulator } from './server.js';

const USAGE = `Usage: cloutapi-simulator [options]

  --port <n>         port to listen on (default 8787; 0 = a free port)
  --host <addr>      interface to bind (default 127.0.0.1)
  --seed <name>      demo data seed: demo (default), empty, or any string
  --machines <n>     generate a fleet of n machines instead of the demo customers
  --units <n>        business units of that fleet (default one per 20 machines)
  --token-ttl <s>    access token lifetime in seconds (default 299)
  --now <iso>        start the clock (and the demo data) at this time (default CLOUTAPI_SIM_NOW
                     or the system time)
  --admin            enable the /_sim/ admin endpoints (prints the admin key)
  -h, --help         show this help
`;

/** Parses the command line, starts the simulator and runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      'token-ttl': { type: 'string' },
      machines: { type: 'string' },
      units: { type: 'string' },
      now: { type: 'string' },
      admin: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  const ttl = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (ttl !== undefined && !(ttl > 0))
    throw new Error(`--token-ttl must be a positive number, got ${values['token-ttl']}`);

  const machines = values.machines === undefined ? undefined : Number(values.machines);
  const units = values.units === undefined ? undefined : Number(values.units);
  if (units !== undefined && machines === undefined) throw new Error('--units needs --machines');
  const sim = await startSimulator({
    ...(machines === undefined
      ? {}
      : { fleet: { machines, ...(units === undefined ? {} : { units }) } }),
    port,
    host: values.host,
    seed: values.seed,
    admin: values.admin,
    ...(values.now === undefined ? {} : { now: values.now }),
    ...(ttl === undefined ? {} : { tokenTtlSeconds: ttl }),
  });
  const lines = [
    `Cloutility simulator listening on ${sim.url} (API base ${sim.url}/v1, seed '${values.seed}')`,
    `  client id:  ${demoCredentials.clientId}`,
    `  origin:     ${demoCredentials.origin}`,
    `  username:   ${demoCredentials.username}`,
    `  password:   ${demoCredentials.password}`,
    `  read-only:  ${readOnlyCredentials.username} / ${readOnlyCredentials.password}`,
    ...(values.admin
      ? [
          `  admin key:  ${sim.adminKey}  (header X-Sim-Admin-Key, endpoints under ${sim.url}/_sim/)`,
        ]
      : []),
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`cloutapi-simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isLoopbackHost } from '@cloutapi/config';
import { redact, registerSecret } from '@cloutapi/core';
import { type Cloutility, homeUnit, parseDuration, type UnitRef } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { visible } from '../output/sanitize.js';
import { untilStopped } from '../signals.js';
import { type Batch, createCoalescer } from '../webhook/coalesce.js';
import { startReceiver } from '../webhook/receiver.js';
import { resolveUnit } from './resolve.js';

/** What `--exec` gets on stdin and `--out` writes: the notification and the data it announced. */
interface BillingDelivery {
  receivedAt: string;
  /** The webhook's JSON body, e.g. `{"trigger":"new billing data available"}` (the first of a burst). */
  trigger: unknown;
  /** How many notifications this delivery answers: a burst is fetched once. */
  notifications: number;
  bunitId: number;
  /** `billing data` (E50) of the unit, fetched after the notification. */
  billing: unknown;
}

/** `cloutapi webhook listen`: the billing webhook receiver (W1). */
export function configureWebhook(command: Command, ctx: Ctx): void {
  command
    .description(
      'The billing webhook (W1): the portal POSTs to a URL you register when new billing data is ready.',
    )
    .command('listen')
    .summary(
      'listen for billing notifications; fetch the data and hand it to a command or a folder',
    )
    .description(
      "Listens for the portal's billing notification (POST with Expect: 100-continue and a small JSON body), acknowledges it at once with 202, then fetches the billing data of the unit (`billing data`) and hands it on: as JSON on the stdin of --exec, as a timestamped file in --out, or as one JSON line on stdout. Bad requests get a 4xx and a line on stderr. Runs until Ctrl-C (SIGINT) or SIGTERM.",
    )
    .requiredOption('--port <n>', 'port to listen on (0: any free port, printed at start)')
    .option('--host <addr>', 'interface to listen on', '127.0.0.1')
    .option(
      '--bunit <unit>',
      'business unit whose billing data to fetch: id or name (default: your home unit)',
    )
    .option(
      '--exec <command>',
      'run this shell command per notification, with the data as JSON on its stdin',
    )
    .option(
      '--out <dir>',
      'write the data of each notification to a timestamped JSON file in this folder',
    )
    .option(
      '--secret <text>',
      'shared secret (16+ characters) each request must carry as ?code=SECRET in the Post URL (or an X-Webhook-Secret header); required unless --host is loopback (env CLOUTAPI_WEBHOOK_SECRET)',
    )
    .option(
      '--max-queue <n>',
      'notifications that may wait for the next billing fetch; beyond, 503 (default 100)',
    )
    .option(
      '--min-interval <duration>',
      'rest after each billing fetch before the next, so a burst of notifications makes at most two fetches (default 10s)',
    )
    .option(
      '--max-connections <n>',
      'connections open at once; more are closed unanswered (default 64; each request has 10s to arrive whole)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi webhook listen --port 8080 --out ./billing\n  CLOUTAPI_WEBHOOK_SECRET=... cloutapi webhook listen --port 8080 --host 192.0.2.10 --exec "python3 import_billing.py"\n\nRegister the Post URL with the secret in it: http://192.0.2.10:8080/?code=SECRET. Bound to loopback (the default), put an https reverse proxy in front.',
    )
    .action(async (options: Record<string, string | undefined>) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw usageError(`--port: expected 0 to 65535, got "${options.port}"`);
      }
      if (options.exec && options.out) throw usageError('--exec and --out: give one of them');
      const host = options.host ?? '127.0.0.1';
      const secret = options.secret ?? (process.env.CLOUTAPI_WEBHOOK_SECRET || undefined);
      if (secret !== undefined && secret.length < 16) {
        throw usageError('--secret: at least 16 characters (e.g. openssl rand -hex 16)');
      }
      if (secret === undefined && !isLoopbackHost(host)) {
        throw usageError(
          `--host ${host}: listening beyond this machine needs a shared secret (--secret or CLOUTAPI_WEBHOOK_SECRET)`,
          'Anyone who can reach the port could otherwise trigger billing fetches and your --exec. Put the secret in the Post URL: http://HOST:PORT/?code=SECRET.',
          [{ path: '--secret', message: `required to listen on ${host}` }],
        );
      }
      const maxQueue = Number(options.maxQueue ?? 100);
      if (!Number.isInteger(maxQueue) || maxQueue < 1) {
        throw usageError(`--max-queue: expected a whole number from 1, got "${options.maxQueue}"`);
      }
      const restMs = parseDuration(options.minInterval ?? '10s');
      if (restMs === undefined || restMs < 1000) {
        throw usageError(
          `--min-interval: expected a duration of at least 1s such as 10s or 5m, got "${options.minInterval}"`,
        );
      }
      const maxConnections = Number(options.maxConnections ?? 64);
      if (!Number.isInteger(maxConnections) || maxConnections < 1) {
        throw usageError(
          `--max-connections: expected a whole number from 1, got "${options.maxConnections}"`,
        );
      }
      await listen(ctx, { ...options, port, host, secret, maxQueue, restMs, maxConnections });
    });
}

interface ListenOptions {
  port: number;
  host: string;
  secret: string | undefined;
  maxQueue: number;
  restMs: number;
  maxConnections: number;
  bunit?: string | undefined;
  exec?: string | undefined;
  out?: string | undefined;
}

async function listen(ctx: Ctx, options: ListenOptions): Promise<void> {
  // The secret is redacted wherever it might show; every line is one line of safe text.
  registerSecret(options.secret);
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${visible(redact(line))}\n`);
  };
  const { clout } = await ctx.session();
  // Resolving the unit signs in: wrong settings fail now, not at the first notification.
  const unit = options.bunit ? await resolveUnit(clout, options.bunit) : await homeUnit(clout);
  const outDir = options.out ? resolve(options.out) : undefined;
  if (outDir) mkdirSync(outDir, { recursive: true });

  // One fetch of the unit's billing data in flight (or resting after it), and one waiting that
  // gathers a burst: two quick notifications never run two imports at once, 300 never run 300.
  const fetches = createCoalescer({
    maxWaiting: options.maxQueue,
    restMs: options.restMs,
    run: (_key, batch) => deliver(clout, unit, batch, options, outDir, log),
    onError: (_key, error) => log(`billing data not delivered: ${(error as Error).message}`),
  });
  const receiver = await startReceiver({
    port: options.port,
    host: options.host,
    secret: options.secret,
    maxConnections: options.maxConnections,
    log,
    // The notification names no invoice date: one key per unit.
    onNotification: (trigger, request) =>
      fetches.offer(`unit ${unit.id}`, trigger, request.receivedAt),
  });
  const target = options.exec ? `--exec ${options.exec}` : outDir ? `files in ${outDir}` : 'stdout';
  const stopped = untilStopped();
  process.stderr.write(
    `listening on ${receiver.url} (billing data of ${visible(unit.name ?? 'unit')} #${unit.id} -> ${visible(target)}); Ctrl-C to stop\n`,
  );
  await stopped;
  await receiver.close();
  await fetches.flush();
  log('stopped');
}

async function deliver(
  clout: Cloutility,
  unit: UnitRef,
  batch: Batch,
  options: ListenOptions,
  outDir: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const { receivedAt } = batch;
  const billing = await clout.billing.data({ bunitId: unit.id });
  const delivery: BillingDelivery = {
    receivedAt: receivedAt.toISOString(),
    trigger: batch.trigger,
    notifications: batch.notifications,
    bunitId: unit.id,
    billing,
  };
  const periods = `${billing.items.length} periods, ${batch.notifications} notification${batch.notifications === 1 ? '' : 's'}`;
  if (options.exec) {
    const code = await runCommand(options.exec, JSON.stringify(delivery), unit.id);
    log(`billing data (${periods}) -> ${options.exec}: exit code ${code}`);
  } else if (outDir) {
    const file = writeNew(
      outDir,
      `billing-${receivedAt.toISOString().replace(/[:.]/g, '-')}`,
      delivery,
    );
    log(`billing data (${periods}) -> ${file}`);
  } else {
    process.stdout.write(`${JSON.stringify(delivery)}\n`);
    log(`billing data (${periods}) -> stdout`);
  }
}

/** Writes a new file (never over an earlier one: a second in the same millisecond gets `-2`). */
function writeNew(dir: string, stem: string, value: unknown): string {
  for (let n = 1; ; n++) {
    const file = join(dir, `${stem}${n === 1 ? '' : `-${n}`}.json`);
    try {
      writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Runs the user's command through the shell with the delivery on stdin; resolves its exit code. */
function runCommand(command: string, input: string, bunitId: number): Promise<number | string> {
  return new Promise((done) => {
    const child = spawn(command, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      // The command gets the data, not the credentials.
      env: { ...withoutPassword(process.env), CLOUTAPI_BUNIT_ID: String(bunitId) },
    });
    // A command that does not read its stdin is fine.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    child.on('error', (error) => done(error.message));
    child.on('close', (code, signal) => done(code ?? signal ?? 'unknown'));
  });
}

function withoutPassword(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CLOUTAPI_PASSWORD: _, CLOUTAPI_WEBHOOK_SECRET: __, ...rest } = env;
  return rest;
}

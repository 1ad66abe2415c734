import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Cloutility } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { untilStopped } from '../signals.js';
import { startReceiver } from '../webhook/receiver.js';
import { homeUnit, resolveUnit, type UnitRef } from './resolve.js';

/** What `--exec` gets on stdin and `--out` writes: the notification and the data it announced. */
export interface BillingDelivery {
  receivedAt: string;
  /** The webhook's JSON body, e.g. `{"trigger":"new billing data available"}`. */
  trigger: unknown;
  bunitId: number;
  /** `billing data` (E50) of the unit, fetched after the notification. */
  billing: unknown;
}

/** `cloutapi webhook listen`: the billing webhook receiver (W1). */
export function registerWebhook(program: Command, ctx: Ctx): void {
  program
    .command('webhook')
    .summary('receive the billing webhook and fetch the new billing data')
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
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi webhook listen --port 8080 --out ./billing\n  cloutapi webhook listen --port 8080 --host 0.0.0.0 --exec "python3 import_billing.py"',
    )
    .action(async (options: Record<string, string | undefined>) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port: expected 0 to 65535, got "${options.port}"`);
      }
      if (options.exec && options.out) throw new UsageError('--exec and --out: give one of them');
      await listen(ctx, {
        port,
        host: options.host ?? '127.0.0.1',
        bunit: options.bunit,
        exec: options.exec,
        out: options.out,
      });
    });
}

interface ListenOptions {
  port: number;
  host: string;
  bunit: string | undefined;
  exec: string | undefined;
  out: string | undefined;
}

async function listen(ctx: Ctx, options: ListenOptions): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  const { clout } = await ctx.session();
  // Resolving the unit signs in: wrong settings fail now, not at the first notification.
  const unit = options.bunit ? await resolveUnit(clout, options.bunit) : await homeUnit(clout);
  const outDir = options.out ? resolve(options.out) : undefined;
  if (outDir) mkdirSync(outDir, { recursive: true });

  // Notifications are handled one after another: two quick ones never run two imports at once.
  let queue = Promise.resolve();
  const receiver = await startReceiver({
    port: options.port,
    host: options.host,
    log,
    onNotification: (trigger, request) => {
      queue = queue
        .then(() => deliver(clout, unit, trigger, request.receivedAt, options, outDir, log))
        .catch((error: unknown) => log(`billing data not delivered: ${(error as Error).message}`));
    },
  });
  const target = options.exec ? `--exec ${options.exec}` : outDir ? `files in ${outDir}` : 'stdout';
  const stopped = untilStopped();
  process.stderr.write(
    `listening on ${receiver.url} (billing data of ${unit.name ?? 'unit'} #${unit.id} -> ${target}); Ctrl-C to stop\n`,
  );
  await stopped;
  await receiver.close();
  await queue;
  log('stopped');
}

async function deliver(
  clout: Cloutility,
  unit: UnitRef,
  trigger: unknown,
  receivedAt: Date,
  options: ListenOptions,
  outDir: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const billing = await clout.billing.data({ bunitId: unit.id });
  const delivery: BillingDelivery = {
    receivedAt: receivedAt.toISOString(),
    trigger,
    bunitId: unit.id,
    billing,
  };
  const periods = billing.items.length;
  if (options.exec) {
    const code = await runCommand(options.exec, JSON.stringify(delivery), unit.id);
    log(`billing data (${periods} periods) -> ${options.exec}: exit code ${code}`);
  } else if (outDir) {
    const file = writeNew(
      outDir,
      `billing-${receivedAt.toISOString().replace(/[:.]/g, '-')}`,
      delivery,
    );
    log(`billing data (${periods} periods) -> ${file}`);
  } else {
    process.stdout.write(`${JSON.stringify(delivery)}\n`);
    log(`billing data (${periods} periods) -> stdout`);
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
  const { CLOUTAPI_PASSWORD: _, ...rest } = env;
  return rest;
}

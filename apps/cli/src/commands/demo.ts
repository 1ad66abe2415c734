import { enrollMachine, findUnits, flattenTree, jobsSince, whoami } from '@cloutapi/resources';
import type { Demo } from '@cloutapi/simulator';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import type { Colors } from '../output/colors.js';
import { renderTree } from '../output/tree.js';
import { openSession } from '../session.js';
import { untilStopped } from '../signals.js';
import { describeWhoami } from './whoami.js';

const DAY = 86_400_000;

/** `cloutapi demo`: the embedded simulator, a short real showcase, and how to use it. */
export function configureDemo(command: Command, ctx: Ctx): void {
  command
    .description(
      'Starts the embedded Cloutility simulator with demo data (no account needed), runs a short showcase against it (whoami, the business unit tree, enrolling a machine, the jobs of a consumption unit) and prints how to point other commands at it. Keeps the simulator running until Ctrl-C; --once stops after the showcase. Any command also takes --demo to run against a fresh simulator.',
    )
    .option('--once', 'stop after the showcase')
    .option('--port <n>', 'port for the simulator (default: any free port)', '0')
    .action(async (options: { once?: boolean; port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw usageError(`--port: expected 0 to 65535, got "${options.port}"`);
      }
      const { startDemo } = await import('@cloutapi/simulator');
      const demo = await startDemo({ port });
      try {
        await showcase(ctx, demo);
        if (!options.once) {
          const stopped = untilStopped();
          ctx.out.text(ctx.out.colors.dim('The simulator keeps running; press Ctrl-C to stop it.'));
          await stopped;
        }
      } finally {
        await demo.stop();
      }
    });
}

async function showcase(ctx: Ctx, demo: Demo): Promise<void> {
  const session = await openSession({ ...ctx.globals, cache: false }, process.env, demo);
  try {
    const { clout } = session;
    const c = ctx.out.colors;
    const say = (command: string) => ctx.out.text(`\n${c.bold(c.cyan(`$ cloutapi ${command}`))}`);
    const env = exportsFor(demo);
    ctx.out.text(c.dim(`Cloutility simulator with demo data at ${demo.url}`));

    say('whoami');
    const me = await whoami(clout);
    ctx.out.text(describeWhoami(me, c));

    say('bunits tree');
    const tree = await clout.bunits.tree();
    ctx.out.text(renderTree(flattenTree(tree), c));

    const acme =
      findUnits(tree, 'Acme Corporation')[0] ?? flattenTree(tree)[1] ?? flattenTree(tree)[0];
    if (!acme) throw new Error('the demo data has no business unit');
    say(`enroll --bunit "${acme.name}" --name demo-laptop --os Linux`);
    const enrolled = await enrollMachine(clout, {
      bunitId: acme.id,
      name: 'demo-laptop',
      nodeName: 'DEMO-LAPTOP',
      operatingSystem: 'Linux',
    });
    ctx.out.text(
      [
        `${enrolled.status === 'enrolled' ? 'Enrolled' : 'Already enrolled:'} demo-laptop (consumption unit #${enrolled.consumerId})`,
        `  node name  ${c.bold(enrolled.nodeName)}`,
        `  server     ${enrolled.server.name ?? '?'}`,
        `  password   ${c.bold(enrolled.password ?? '?')}   ${c.dim('(a simulated node: printing it is the point of enroll)')}`,
      ].join('\n'),
    );

    const consumers = (await clout.consumers.list({ bunitId: acme.id })).items;
    const seeded = consumers.find((item) => item.node?.tsmName && item.name !== 'demo-laptop');
    if (seeded?.id !== undefined) {
      const since = new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10);
      say(`jobs since --bunit ${acme.id} --consumer ${seeded.id} --since ${since}`);
      const jobs = await jobsSince(clout, {
        bunitId: acme.id,
        consumerId: seeded.id,
        since: `${since}T00:00:00Z`,
      });
      ctx.out.text(await jobTable(jobs.jobs, c));
    }

    if (ctx.out.mode === 'json') {
      await ctx.out.result(
        { url: demo.url, env, whoami: me, enrolled: { ...enrolled, password: undefined } },
        { kind: 'demo' },
      );
      return;
    }
    ctx.out.text(
      [
        '',
        c.bold('Point any command at this simulator:'),
        ...Object.entries(env).map(([key, value]) => `  export ${key}=${shellQuote(value)}`),
        `  cloutapi consumers list --bunit ${acme.id}`,
        c.dim('Or add --demo to any command for a fresh simulator of its own.'),
      ].join('\n'),
    );
  } finally {
    await session.close();
  }
}

/** The environment that points other commands at the simulator (its demo credentials are public). */
function exportsFor(demo: Demo): Record<string, string> {
  const { url, credentials } = demo;
  return {
    CLOUTAPI_URL: url,
    CLOUTAPI_CLIENT_ID: credentials.clientId,
    CLOUTAPI_ORIGIN: credentials.origin,
    CLOUTAPI_USERNAME: credentials.username,
    CLOUTAPI_PASSWORD: credentials.password,
  };
}

async function jobTable(jobs: readonly unknown[], colors: Colors): Promise<string> {
  const { renderList } = await import('../output/columns.js');
  const shown = jobs.slice(-8);
  const table = await renderList('jobs.list', shown, colors);
  return `${table}\n${colors.dim(`${jobs.length} jobs in the last 7 days${jobs.length > shown.length ? `; the last ${shown.length} shown` : ''}`)}`;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

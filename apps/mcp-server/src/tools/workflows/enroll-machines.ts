import { EnrollInput, type EnrollManyOutcome, enrollMany } from '@cloutapi/resources';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { defaultsOf, enrollLock, serverName, shownPassword } from './enroll-shared.js';
import { ENROLLS } from './hints.js';

/** The most machines one call takes (a bigger fleet is several calls, each safe to repeat). */
const MAX_MACHINES = 500;

const input = z.strictObject({
  machines: z
    .array(EnrollInput)
    .min(1)
    .max(MAX_MACHINES)
    .describe("Each as enroll_machine's input"),
  concurrency: z.number().int().min(1).max(16).optional().describe('At once; default 8'),
});

const STATUSES = ['enrolled', 'already-enrolled', 'failed', 'not-started'] as const;
type Status = (typeof STATUSES)[number];

const machine = z.object({
  row: z.number().int(),
  bunitId: z.number().int(),
  name: z.string(),
  status: z.enum(STATUSES),
  consumerId: z.number().int().optional(),
  nodeName: z.string().optional(),
  server: z.string().optional(),
  password: z.string().optional(),
  error: z.string().optional(),
});
type Machine = z.infer<typeof machine>;

/** One machine's line of the result, its password shown only with --allow-secrets. */
function machineOf(outcome: EnrollManyOutcome, allowSecrets: boolean): Machine {
  const { index, input } = outcome;
  const base = { row: index + 1, bunitId: input.bunitId, name: String(input.name) };
  if (!outcome.ok)
    return {
      ...base,
      status: outcome.notStarted ? 'not-started' : 'failed',
      error: outcome.error.message,
    };
  const { result } = outcome;
  const password = shownPassword(result.password, allowSecrets);
  return {
    ...base,
    status: result.status,
    consumerId: result.consumerId,
    nodeName: result.nodeName,
    server: serverName(result.server),
    ...(password ? { password } : {}),
  };
}

const lineOf = (m: Machine) =>
  m.status === 'failed' || m.status === 'not-started'
    ? `- ${m.row} ${m.name}: ${m.status}: ${m.error}`
    : `- ${m.row} ${m.name}: ${m.status}, consumer #${m.consumerId}, node ${m.nodeName} on ${m.server || 'its server'}${m.password ? `, password ${m.password}` : ''}`;

/** The first line: how many of each, and what to do about the rest. */
function summaryOf(counts: Record<Status, number>, total: number, stopped: boolean): string {
  const done = counts.enrolled + counts['already-enrolled'];
  const parts = [
    `${done} of ${total} machines enrolled (${counts['already-enrolled']} already were)`,
    `${counts.failed} failed`,
    `${counts['not-started']} not started`,
  ];
  const again = 'call again with the same list: what was done is found, not repeated.';
  const rest =
    counts.failed > 0
      ? ` Fix what each failure says (a passing one needs nothing), then ${again}`
      : counts['not-started'] > 0
        ? ` To finish, ${again}`
        : '';
  return `${stopped ? 'Stopped: ' : ''}${parts.join(', ')}.${rest}`;
}

/**
 * `enroll_machines`: the CLI's bulk enrollment (`enroll --from`) as one call: many machines at
 * once, each with enroll_machine's locks and checks, a result per machine. A long job: a client
 * that follows tasks gets one (status, cancel, the result later); others get progress.
 */
export const enrollMachinesTool = defineTool({
  name: 'enroll_machines',
  title: 'Enroll many machines',
  description:
    'Enrolls many machines as enroll_machine does, several at once; a result per machine. Safe to repeat: finishes what failed or was not started, never enrolls a machine twice.',
  toolset: 'bulk',
  input,
  // Each machine's fields are in the text too; tools/list is paid for in every conversation.
  output: z.object({
    counts: z.record(z.string(), z.number().int()),
    machines: z.array(z.looseObject({})),
  }),
  annotations: ENROLLS,
  writes: true,
  task: true,
  example: (x) => ({
    machines: [
      { bunitId: x.ids.acme, name: 'mcp-bulk-1', operatingSystem: 'Linux' },
      { bunitId: x.ids.acme, name: 'mcp-bulk-2', operatingSystem: 'Linux' },
    ],
  }),
  async handler(a, ctx) {
    const total = a.machines.length;
    let finished = 0;
    const outcomes = await enrollMany(ctx.clout, a.machines, {
      // A cancel stops taking machines; those in flight finish, never half-made.
      ...ctx.call,
      signal: undefined,
      stopSignal: ctx.signal,
      concurrency: a.concurrency,
      defaults: defaultsOf(ctx.clout),
      lock: await enrollLock(ctx),
      onResult: (o) =>
        void ctx.progress(
          ++finished,
          total,
          `${o.input.name}: ${o.ok ? o.result.status : 'failed'}`,
        ),
    });
    const machines = outcomes.map((o) => machineOf(o, ctx.allowSecrets));
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const m of machines) counts[m.status]++;
    return {
      text: [summaryOf(counts, total, ctx.signal.aborted), ...machines.map(lineOf)].join('\n'),
      structured: { counts, machines },
    };
  },
});

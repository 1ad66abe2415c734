import {
  bunitId as bunitIdSchema,
  consumerId as consumerIdSchema,
  EnrollInput,
  enrollMachine,
  findUnits,
  flattenTree,
  JobsSinceInput,
  jobsSince,
  NotFoundError,
  normalizeNodeName,
  whoami,
} from '@cloutapi/resources';
import { z } from 'zod';
import { compact, SECRET_PLACEHOLDER } from '../format/compact.js';
import { lines, table } from '../format/text.js';
import { backupHealthTool } from './backup-health-tool.js';
import { enrollFileLock } from './enroll-lock.js';
import type { ToolDefinition } from './types.js';

const READ = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const arr = { type: 'array' };

/** Tools that make a common task one call, composed from registry operations. */
export function workflowTools(): ToolDefinition[] {
  return [
    enrollTool,
    whoamiTool,
    findUnitTool,
    describeConsumerTool,
    jobsSinceTool,
    backupHealthTool,
    nodeNameTool,
  ];
}

const enrollTool: ToolDefinition = {
  name: 'enroll_machine',
  title: 'Enroll a machine for backup',
  description:
    'Enrolls a machine in one call: finds or creates its consumption unit by name in bunitId, creates its backup node (server, domain and option set default from the unit), activates it, and returns node name, server and password. Needs operatingSystem (e.g. Linux) or operatingSystemId. Safe to repeat: a re-run completes without duplicates.',
  toolset: 'workflows',
  input: EnrollInput,
  outputSchema: obj(
    {
      status: { type: 'string' },
      consumerId: { type: 'integer' },
      nodeName: { type: 'string' },
      server: { type: 'string' },
      password: { type: 'string' },
      steps: arr,
    },
    ['status', 'nodeName'],
  ),
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  writes: true,
  async handler(args, ctx) {
    let done = 0;
    const result = await enrollMachine(ctx.clout, args as EnrollInput, {
      signal: ctx.signal,
      // Calls at once for one machine wait for each other, here and in other processes.
      lock: await enrollFileLock(),
      onStep: (step) => void ctx.progress(++done, 9, `${step.step}: ${step.detail}`),
    });
    const password =
      result.password === undefined
        ? undefined
        : ctx.allowSecrets
          ? result.password
          : SECRET_PLACEHOLDER;
    const server =
      result.server.name ?? (result.server.id === undefined ? '' : `#${result.server.id}`);
    const steps = result.steps.map((s) => ({ step: s.step, outcome: s.outcome, detail: s.detail }));
    return {
      text: [
        `${result.status === 'already-enrolled' ? 'Already enrolled' : 'Enrolled'}: ${result.consumerName} (consumer #${result.consumerId}) as node ${result.nodeName} on ${server || 'its server'}.`,
        `Node password: ${password ?? '(not returned by the API)'}`,
        ...steps.map((s) => `- ${s.step} ${s.outcome}: ${s.detail}`),
        ...result.notes.map((n) => `Note: ${n}`),
      ].join('\n'),
      structured: {
        status: result.status,
        consumerId: result.consumerId,
        nodeName: result.nodeName,
        server,
        ...(password ? { password } : {}),
        steps,
      },
    };
  },
};

const whoamiTool: ToolDefinition = {
  name: 'whoami',
  title: 'Who am I',
  description:
    'The signed-in user, their home business unit and the API version. A good first call.',
  toolset: 'workflows',
  input: z.strictObject({}),
  outputSchema: obj(
    { user: { type: 'object' }, homeUnit: { type: 'object' }, apiVersion: { type: 'string' } },
    ['homeUnit'],
  ),
  annotations: READ,
  writes: false,
  async handler(_args, ctx) {
    const me = await whoami(ctx.clout, { signal: ctx.signal });
    const user = compact(me.user, { allowSecrets: false }) as Record<string, unknown>;
    return {
      text: `${me.user.displayName ?? me.user.name} (${me.user.role ?? 'no role'}), home unit ${me.homeUnit.name} (#${me.homeUnit.id}), API ${me.apiVersion}`,
      structured: { user, homeUnit: me.homeUnit, apiVersion: me.apiVersion },
    };
  },
};

const findUnitTool: ToolDefinition = {
  name: 'find_business_unit',
  title: 'Find a business unit',
  description:
    'Finds business units by name (or part of it) or id, with their path from the root: the bunitId most tools need.',
  toolset: 'workflows',
  input: z.strictObject({
    query: z.string().min(1).describe('Name (or part of it) or id of the unit'),
  }),
  outputSchema: obj({ matches: arr }),
  annotations: READ,
  writes: false,
  async handler(args, ctx) {
    const tree = await ctx.clout.bunits.tree(undefined, { signal: ctx.signal });
    const matches = findUnits(tree, String(args.query)).slice(0, 25);
    const rows = matches.map((u) => ({ id: u.id, name: u.name, path: u.path.join(' > ') }));
    return {
      text: rows.length
        ? `${rows.length} match(es)\n${table(rows, ['id', 'name', 'path'])}`
        : `No business unit matches "${args.query}". ${flattenTree(tree).length} units exist; try part of the name.`,
      structured: { matches: rows },
    };
  },
};

const describeConsumerTool: ToolDefinition = {
  name: 'describe_consumer',
  title: 'Everything about one machine',
  description:
    'One call for "how is machine X?": the consumption unit (by id or name), its backup node, latest report and last jobs.',
  toolset: 'workflows',
  input: z.strictObject({
    bunitId: bunitIdSchema,
    consumerId: consumerIdSchema.optional(),
    name: z.string().min(1).optional().describe('Consumption unit name, instead of consumerId'),
  }),
  outputSchema: obj(
    {
      consumer: { type: 'object' },
      node: { type: 'object' },
      latestReport: { type: 'object' },
      jobs: arr,
    },
    ['consumer'],
  ),
  annotations: READ,
  writes: false,
  async handler(args, ctx) {
    const clout = ctx.clout;
    const bunitId = args.bunitId as number;
    const call = { signal: ctx.signal };
    let consumerId = args.consumerId as number | undefined;
    if (consumerId === undefined) {
      if (!args.name) throw new Error('give consumerId (from list_consumers) or name');
      const found = (await clout.consumers.list(bunitId, {}, call)).items.filter(
        (c) => c.name?.toLowerCase() === String(args.name).toLowerCase(),
      );
      if (found.length !== 1)
        throw new Error(
          `${found.length} consumption units named "${args.name}" in unit ${bunitId}; use list_consumers and pass consumerId`,
        );
      consumerId = found[0]?.id as number;
    }
    const quiet = <T>(p: Promise<T>) =>
      p.catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const [consumer, node, report] = await Promise.all([
      clout.consumers.get(bunitId, consumerId, {}, call),
      quiet(clout.nodes.get(bunitId, consumerId, {}, call)),
      quiet(clout.reports.latest(bunitId, consumerId, {}, call)),
    ]);
    const jobs = node?.tsmName
      ? ((await quiet(clout.jobs.list(bunitId, consumerId, { startTime: since }, call)))?.items ??
        [])
      : [];
    const options = { allowSecrets: ctx.allowSecrets };
    const c = compact(
      {
        id: consumer.id,
        name: consumer.name,
        state: consumer.dataSourceState?.name,
        createdDate: consumer.createdDate,
        note: consumer.note,
      },
      options,
    ) as Record<string, unknown>;
    const n = node
      ? (compact(
          {
            tsmName: node.tsmName,
            operatingSystem: node.operatingSystem?.name,
            type: node.type?.name,
            activatedDate: node.activatedDate,
            domain: node.domain?.name,
            server: node.domain?.server?.name,
            lastAccessTime: node.lastAccessTime,
          },
          options,
        ) as Record<string, unknown>)
      : undefined;
    const r = report
      ? (compact(
          {
            reportDate: report.reportDate,
            status: report.status,
            megaBytes: report.megaBytes,
            warnings: report.warnings,
          },
          options,
        ) as Record<string, unknown>)
      : undefined;
    const recent = jobs.slice(-5).map(
      (j) =>
        compact(
          {
            id: j.id,
            name: j.name,
            status: j.status?.name,
            completed: j.completed,
            failedFiles: j.failedFiles,
          },
          options,
        ) as Record<string, unknown>,
    );
    const text = [
      `Consumer\n${lines(c)}`,
      n ? `Node\n${lines(n)}` : 'Node: none yet (enroll_machine or create_node adds one)',
      r ? `Latest report\n${lines(r)}` : 'Latest report: none',
      recent.length
        ? `Last jobs (7 days)\n${table(recent, ['id', 'name', 'status', 'completed', 'failedFiles'])}`
        : 'Last jobs (7 days): none',
    ].join('\n\n');
    return {
      text,
      structured: {
        consumer: c,
        ...(n ? { node: n } : {}),
        ...(r ? { latestReport: r } : {}),
        jobs: recent,
      },
    };
  },
};

const jobsSinceTool: ToolDefinition = {
  name: 'jobs_since',
  title: 'Jobs of a machine since a time',
  description:
    'Lists the jobs of consumption unit consumerId since a time; a start before the first job is moved to it (and said so), long windows are split.',
  toolset: 'workflows',
  input: JobsSinceInput,
  outputSchema: obj(
    {
      from: { type: 'string' },
      to: { type: 'string' },
      clamped: { type: 'boolean' },
      jobs: arr,
      notes: arr,
    },
    ['jobs'],
  ),
  annotations: READ,
  writes: false,
  async handler(args, ctx) {
    const r = await jobsSince(ctx.clout, args as never, { signal: ctx.signal });
    const jobs = r.jobs.slice(-50).map(
      (j) =>
        compact(
          {
            id: j.id,
            name: j.name,
            type: j.type?.name,
            status: j.status?.name,
            actualStart: j.actualStart,
            completed: j.completed,
            failedFiles: j.failedFiles,
            transferredMegaBytes: j.transferredMegaBytes,
          },
          { allowSecrets: false },
        ) as Record<string, unknown>,
    );
    const head = `${r.jobs.length} job(s) from ${r.from} to ${r.to}${r.jobs.length > 50 ? ' (last 50 shown)' : ''}`;
    return {
      text: [
        head,
        ...r.notes.map((n) => `Note: ${n}`),
        jobs.length
          ? table(jobs, [
              'id',
              'name',
              'type',
              'status',
              'actualStart',
              'completed',
              'failedFiles',
              'transferredMegaBytes',
            ])
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
      structured: { from: r.from, to: r.to, clamped: r.clamped, jobs, notes: r.notes },
    };
  },
};

const nodeNameTool: ToolDefinition = {
  name: 'normalize_node_name',
  title: 'Make a valid node name',
  description:
    'Turns a host name into a valid node name (upper-case, A-Z 0-9 _ . - + &, at most 64) and says what changed. Local; nothing is sent.',
  toolset: 'workflows',
  input: z.strictObject({
    hostName: z.string().min(1).max(255).describe('The host name, e.g. web-07.acme.local'),
  }),
  outputSchema: obj(
    { name: { type: 'string' }, changes: { type: 'array', items: { type: 'string' } } },
    ['name'],
  ),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  writes: false,
  async handler(args) {
    const r = normalizeNodeName(String(args.hostName));
    return {
      text: `${r.name}${r.changed ? ` (${r.changes.join('; ')})` : ' (unchanged)'}`,
      structured: { name: r.name, changes: r.changes },
    };
  },
};

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloutility } from '@cloutapi/resources';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  allTools,
  createConfirmations,
  instructions,
  PORTAL_RETRY,
  type ServerSetup,
  selectTools,
  setupFromTools,
  startHttpServer,
  VERSION,
} from '../src/index.js';
import { folderTaskStore } from '../src/tasks/folder.js';
import type { TaskStore } from '../src/tasks/store.js';
import { startGate } from './gate.js';
import { ERAS, seedIds, testHarness } from './support.js';

const TASKS = 'io.modelcontextprotocol/tasks';

/** A raw 2026-07-28 JSON-RPC client over HTTP: the SDK's client does not follow tasks yet. */
function rpcClient(url: string, extensions: Record<string, object> = { [TASKS]: {} }) {
  let id = 0;
  return async (method: string, params: Record<string, unknown> = {}) => {
    const name = (params.name ?? params.taskId) as string | undefined;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': method,
        ...(name === undefined ? {} : { 'mcp-name': name }),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method,
        params: {
          ...params,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'tasks-test', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': { extensions },
          },
        },
      }),
    });
    return (await response.json()) as {
      // biome-ignore lint/suspicious/noExplicitAny: raw JSON answers; the assertions check them
      result?: Record<string, any>;
      error?: { code: number; message: string; data?: unknown };
    };
  };
}

type Rpc = ReturnType<typeof rpcClient>;

/** Polls tasks/get (as fast as the test likes) until the task leaves `working`. */
async function settled(rpc: Rpc, taskId: string) {
  for (;;) {
    const { result, error } = await rpc('tasks/get', { taskId });
    if (error) throw new Error(`tasks/get: ${error.message}`);
    if (result!.status !== 'working') return result!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The MCP server over HTTP with every tool, on a demo simulator, its portal reached through
 * `portalUrl(sim)` (a gate), its tasks in `tasks` (memory by default).
 */
async function tasksServer(
  options: {
    sim?: RunningSimulator;
    portalUrl?: string;
    tasks?: TaskStore;
    confirmations?: ServerSetup['confirmations'];
    heartbeatMs?: number;
  } = {},
) {
  const sim = options.sim ?? (await startSimulator({ seed: 'demo' }));
  const clout = createCloutility({
    baseUrl: options.portalUrl ?? sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
    retry: { ...PORTAL_RETRY, retries: 2, baseDelayMs: 5 },
  });
  const setup = setupFromTools(selectTools(allTools(), { toolsets: ['all'] }), {
    version: VERSION,
    context: { connect: async () => clout, allowSecrets: false },
    instructions: instructions(false, false),
    tasks: options.tasks,
    confirmations: options.confirmations,
    taskTimings: {
      ttlMs: 3_600_000,
      pollIntervalMs: 1000,
      heartbeatMs: options.heartbeatMs ?? 2000,
    },
  });
  const http = await startHttpServer(setup, { host: '127.0.0.1', port: 0, log: () => {} });
  const stop = async () => {
    await http.close();
    await clout.client.close();
    if (!options.sim) await sim.stop();
  };
  onTestFinished(stop);
  return { sim, http, rpc: rpcClient(http.url) };
}

const machinesIn = (sim: RunningSimulator, bunitId: number, prefix: string) =>
  sim.state.consumers.filter((c) => c.businessUnitId === bunitId && c.name.startsWith(prefix));

const nodesOf = (sim: RunningSimulator, consumerIds: number[]) =>
  sim.state.nodes.filter((n) => consumerIds.includes(n.consumerId));

const fifty = (bunitId: number, prefix: string) =>
  Array.from({ length: 50 }, (_, i) => ({
    bunitId,
    name: `${prefix}${String(i + 1).padStart(2, '0')}`,
    operatingSystem: 'Linux',
  }));

/** The portal's consumer creations: what the gate counts and holds. */
const CREATE_UNIT = /^\/v1\/bunits\/\d+\/consumers$/;

/** A gate in front of `sim` that holds every consumption unit creation after the first `n`. */
async function gateAfterCreations(sim: RunningSimulator, n: number) {
  let creations = 0;
  const gate = await startGate(
    sim.url,
    (method, path) => method === 'POST' && CREATE_UNIT.test(path) && ++creations > n,
  );
  onTestFinished(() => gate.close());
  return gate;
}

describe('enroll_machines as a task (io.modelcontextprotocol/tasks)', () => {
  it('server/discover declares the extension', async () => {
    const { rpc } = await tasksServer();
    const { result } = await rpc('server/discover');
    expect(result?.capabilities.extensions).toEqual({ [TASKS]: {} });
  });

  it('50 machines: the call answers with a task at once; polled to the end, it lists every machine once, each enrolled once', async () => {
    const { sim, rpc } = await tasksServer();
    const { acme } = seedIds(sim);
    const created = await rpc('tools/call', {
      name: 'enroll_machines',
      arguments: { machines: fifty(acme, 'task-a-') },
    });
    expect(created.result).toMatchObject({
      resultType: 'task',
      status: 'working',
      ttlMs: 3_600_000,
      pollIntervalMs: 1000,
    });
    const taskId = created.result!.taskId as string;
    expect(taskId).toMatch(/^[\w-]{43}$/);
    const done = await settled(rpc, taskId);
    expect(done).toMatchObject({ resultType: 'complete', status: 'completed', taskId });
    expect(done.statusMessage).toMatch(/^50 of 50 machines enrolled/);
    const structured = done.result.structuredContent;
    expect(structured.counts).toEqual({
      enrolled: 50,
      'already-enrolled': 0,
      failed: 0,
      'not-started': 0,
    });
    const names = structured.machines.map((m: { name: string }) => m.name);
    expect(new Set(names).size).toBe(50);
    const units = machinesIn(sim, acme, 'task-a-');
    expect(units).toHaveLength(50);
    expect(
      nodesOf(
        sim,
        units.map((u) => u.id),
      ),
    ).toHaveLength(50);
    // Node passwords are shown only with --allow-secrets, in the kept result too.
    for (const m of structured.machines) expect(m.password).toMatch(/^\[redacted: /);
    expect(done.result.content[0].text).not.toMatch(/password (?!\[redacted: )/);
    // A finished task stays finished: a late cancel is acknowledged and changes nothing.
    expect((await rpc('tasks/cancel', { taskId })).result).toMatchObject({
      resultType: 'complete',
    });
    expect((await rpc('tasks/get', { taskId })).result?.status).toBe('completed');
  });

  it('cancelled half-way: the machines in flight finish, the rest are not started; the same call again finishes the list, no machine twice', async () => {
    const sim = await startSimulator({ seed: 'demo' });
    onTestFinished(() => sim.stop());
    // The 21st consumption unit creation (and every later request that makes one) waits.
    const gate = await gateAfterCreations(sim, 20);
    const { rpc } = await tasksServer({ sim, portalUrl: gate.url });
    const { acme } = seedIds(sim);
    const machines = fifty(acme, 'task-b-');
    const created = await rpc('tools/call', { name: 'enroll_machines', arguments: { machines } });
    const taskId = created.result!.taskId as string;
    await gate.held;
    expect((await rpc('tasks/cancel', { taskId })).result).toMatchObject({
      resultType: 'complete',
    });
    gate.release();
    const cancelled = await settled(rpc, taskId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.result).toBeUndefined();
    const firstRun = machinesIn(sim, acme, 'task-b-');
    // 20 went through; at most 8 (the concurrency) were in flight at the cancel.
    expect(firstRun.length).toBeGreaterThanOrEqual(20);
    expect(firstRun.length).toBeLessThanOrEqual(28);
    expect(cancelled.statusMessage).toContain(
      `Cancelled. Stopped: ${firstRun.length} of 50 machines enrolled (0 already were), 0 failed, ${50 - firstRun.length} not started.`,
    );
    expect(cancelled.statusMessage).toContain('To finish, call again with the same list');

    const again = await rpc('tools/call', { name: 'enroll_machines', arguments: { machines } });
    const finished = await settled(rpc, again.result!.taskId);
    expect(finished.status).toBe('completed');
    const { counts, machines: listed } = finished.result.structuredContent;
    expect(counts).toEqual({
      enrolled: 50 - firstRun.length,
      'already-enrolled': firstRun.length,
      failed: 0,
      'not-started': 0,
    });
    expect(listed.map((m: { row: number }) => m.row)).toEqual(machines.map((_, i) => i + 1));
    const units = machinesIn(sim, acme, 'task-b-');
    expect(units.map((u) => u.name).sort()).toEqual(machines.map((m) => m.name));
    expect(
      nodesOf(
        sim,
        units.map((u) => u.id),
      ),
    ).toHaveLength(50);
  });

  it('protocol errors: an unknown task is -32602; a request without the extension is -32021 and gets no task', async () => {
    const { sim, http, rpc } = await tasksServer();
    const unknown = await rpc('tasks/get', { taskId: 'x'.repeat(43) });
    expect(unknown.error).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/not found/),
    });
    expect((await rpc('tasks/cancel', { taskId: 'nope' })).error?.code).toBe(-32602);
    const plain = rpcClient(http.url, {});
    const refused = await plain('tasks/get', { taskId: 'x'.repeat(43) });
    expect(refused.error).toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { extensions: { [TASKS]: {} } } },
    });
    // Without the extension the call runs in the request and answers with its result.
    const { acme } = seedIds(sim);
    const inline = await plain('tools/call', {
      name: 'enroll_machines',
      arguments: { machines: fifty(acme, 'task-c-').slice(0, 3) },
    });
    expect(inline.result).toMatchObject({ resultType: 'complete' });
    expect(inline.result?.structuredContent.counts.enrolled).toBe(3);
    // Bad input is refused in the call, before any task exists or anything is sent.
    const before = sim.stats.log.length;
    const bad = await rpc('tools/call', {
      name: 'enroll_machines',
      arguments: { machines: [{ bunitId: acme, name: 'x' }] },
    });
    expect(bad.result).toMatchObject({ resultType: 'complete', isError: true });
    expect(bad.result?.content[0].text).toMatch(/machines\.0\.operatingSystem/);
    expect(sim.stats.log.length).toBe(before);
  });

  it('backup_health over the fleet as a task: the same answer as the call', async () => {
    const { sim, http, rpc } = await tasksServer();
    const { root } = seedIds(sim);
    const created = await rpc('tools/call', {
      name: 'backup_health',
      arguments: { bunitId: root },
    });
    expect(created.result?.resultType).toBe('task');
    const done = await settled(rpc, created.result!.taskId);
    const inline = await rpcClient(http.url, {})('tools/call', {
      name: 'backup_health',
      arguments: { bunitId: root },
    });
    // The same check, minus when it ran and the cursor of its own snapshot.
    const { nextCursor: _a, checkedAt: _c, ...fromTask } = done.result.structuredContent;
    const { nextCursor: _b, checkedAt: _d, ...fromCall } = inline.result!.structuredContent;
    expect(fromTask).toEqual(fromCall);
  });
});

describe('tasks kept in a shared folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-tasks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two instances: a task started on A is followed and cancelled on B; the folder holds no readable result', async () => {
    const sim = await startSimulator({ seed: 'demo' });
    onTestFinished(() => sim.stop());
    const gate = await gateAfterCreations(sim, 5);
    const key = Buffer.alloc(32, 7);
    const shared = () => ({
      sim,
      portalUrl: gate.url,
      tasks: folderTaskStore(dir, key),
      confirmations: createConfirmations({ key }),
      heartbeatMs: 50,
    });
    const a = await tasksServer(shared());
    const b = await tasksServer(shared());
    const { acme } = seedIds(sim);
    const created = await a.rpc('tools/call', {
      name: 'enroll_machines',
      arguments: { machines: fifty(acme, 'task-d-'), concurrency: 2 },
    });
    const taskId = created.result!.taskId as string;
    expect((await b.rpc('tasks/get', { taskId })).result?.status).toBe('working');
    await gate.held;
    expect((await b.rpc('tasks/cancel', { taskId })).result).toMatchObject({
      resultType: 'complete',
    });
    // A's runner sees B's cancellation at its next heartbeat and says so, before the held
    // requests go on.
    while (!(await a.rpc('tasks/get', { taskId })).result?.statusMessage.startsWith('Cancelling'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    gate.release();
    const cancelled = await settled(b.rpc, taskId);
    expect(cancelled.status).toBe('cancelled');
    const enrolled = machinesIn(sim, acme, 'task-d-').length;
    expect(enrolled).toBeLessThanOrEqual(7);
    // The records are sealed: no machine name, no status in the clear.
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.task')))
      expect(readFileSync(join(dir, file)).toString('latin1')).not.toMatch(/task-d-|cancelled/);
  });
});

describe.each(ERAS)('enroll_machines without tasks (%s client): progress per machine', (era) => {
  it('5 machines: one progress notification per machine, a result per machine', async () => {
    const h = await testHarness({ era, toolsets: ['bulk'] });
    const { acme } = seedIds(h.sim);
    const seen: number[] = [];
    const machines = fifty(acme, `progress-${era}-`).slice(0, 5);
    const result = await h.callWithProgress('enroll_machines', { machines }, (p) => {
      expect(p.total).toBe(5);
      seen.push(p.progress);
    });
    expect(result.isError).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(machinesIn(h.sim, acme, `progress-${era}-`)).toHaveLength(5);
  });
});

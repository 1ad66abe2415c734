import { spawnSync } from 'node:child_process';
import {
  createCloutility,
  type DeletionImpact,
  enrollMachine,
  operations,
} from '@cloutapi/resources';
import { demoCredentials, type RunningSimulator, type UserRecord } from '@cloutapi/simulator';
import { heldIds, impactIds, removedIds } from '@cloutapi/vitest-config/deletion';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, cliEnv, type RunResult, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();

/** The domain state of the simulator (what a delete can remove) as plain data, sign-ins aside. */
function domain(s: RunningSimulator) {
  const { businessUnits, consumers, nodes, proxies } = s.state;
  const users = s.state.users.map(({ lastLoginDate: _, ...user }) => user);
  return JSON.parse(JSON.stringify({ businessUnits, consumers, nodes, proxies, users }));
}

/** The requests of the simulator's log since `from` that are not reads (nor the sign-in). */
const sentSince = (s: RunningSimulator, from: number) =>
  s.stats.log.slice(from).filter((e) => e.method !== 'GET' && e.path !== '/v1/oauth');

/** The `#id`s a line of the printed impact lists. */
const listedIds = (text: string, start: string) =>
  [...(text.split('\n').find((l) => l.startsWith(start)) ?? '').matchAll(/\(#(\d+)\)/g)]
    .map((m) => Number(m[1]))
    .sort();

/** A new portal user of a unit: the API has no operation that creates one, the test state does. */
function addUser(s: RunningSimulator, bunitId: number, name: string): void {
  const id = s.state.nextId.user++;
  const user: UserRecord = {
    id,
    name: `${name}@example.test`,
    displayName: name,
    email: `${name}@example.test`,
    roleId: 1,
    businessUnitId: bunitId,
    language: 'en-US',
    locked: false,
    usesTotp: false,
    createdDate: '2026-01-01T00:00:00.000Z',
  };
  s.state.users.push(user);
}

/** The facade, signed in to the test's simulator as the demo user. */
function facade(s: RunningSimulator) {
  return createCloutility({
    baseUrl: s.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    credentials: { username: demoCredentials.username, password: demoCredentials.password },
  });
}

/**
 * Acme > A > B > C > D, made through the API: machines (activated nodes) at every depth, a
 * consumption unit without a node and one whose node is not activated, a proxy relationship
 * inside the subtree and one with a machine outside it (Acme's acme-dc01), users at three depths.
 */
async function nestedFourDeep(s: RunningSimulator) {
  const clout = facade(s);
  const acme = s.state.businessUnits.find((u) => u.name === 'Acme Corporation')?.id as number;
  const dc01 = s.state.consumers.find((c) => c.name === 'acme-dc01')?.id as number;
  const units: number[] = [];
  for (const [depth, name] of ['A', 'B', 'C', 'D'].entries()) {
    const parent = depth === 0 ? acme : (units[depth - 1] as number);
    units.push((await clout.bunits.create({ bunitId: parent, name: `Unit ${name}` })).id as number);
  }
  const [a, b, c, d] = units as [number, number, number, number];
  const machine = async (bunitId: number, name: string) =>
    (await enrollMachine(clout, { bunitId, name, operatingSystem: 'Linux' })).consumerId as number;
  const a1 = await machine(a, 'a1');
  const b1 = await machine(b, 'b1');
  await machine(c, 'c1');
  const d1 = await machine(d, 'd1');
  const d2 = await machine(d, 'd2');
  await clout.consumers.create({ bunitId: a, name: 'a-no-node' });
  const template = await clout.nodes.get({ bunitId: a, consumerId: a1 });
  const inactive = (await clout.consumers.create({ bunitId: b, name: 'b-not-activated' }))
    .id as number;
  await clout.nodes.create({
    bunitId: b,
    consumerId: inactive,
    operatingSystemId: template.operatingSystem?.id as number,
    nodeTypeId: template.type?.id as number,
    domainId: template.domain?.id as number,
    clientOptionSetId: template.clientOptionSet?.id as number,
    serverId: (template.server as { id: number }).id,
  });
  await clout.proxies.addAgent({ bunitId: acme, targetConsumerId: dc01, agentConsumerId: d1 });
  await clout.proxies.addTarget({ bunitId: b, agentConsumerId: b1, targetConsumerId: d2 });
  for (const [bunitId, name] of [
    [a, 'anna'],
    [c, 'carl'],
    [d, 'dora'],
    [d, 'dan'],
  ] as const)
    addUser(s, bunitId, name);
  await clout.client.close();
  return { a };
}

describe('bunits delete of a unit nested four deep, from the command line', () => {
  let a: number;
  beforeAll(async () => {
    ({ a } = await nestedFourDeep(sim()));
  });
  const args = () => [
    'bunits',
    'delete',
    '--bunit-id',
    String(a),
    '--delete-children',
    '--delete-consumers',
  ];

  it('without a terminal and without --yes: prints the impact, sends nothing, exits 2', async () => {
    const before = domain(sim());
    const from = sim().stats.log.length;
    const run = await cli(args(), { env: env() });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    for (const shown of [
      `Would delete business unit "Unit A" (#${a}) and with it:\n`,
      '- 3 business units below it: Unit B (#',
      'Unit B > Unit C > Unit D (#',
      '- 7 consumption units: a1 (#',
      '- 6 backup nodes: A1, ',
      '(not activated, of b-not-activated)',
      '- 2 proxy relationships: B1 acts for D2, D1 acts for ACME-DC01',
      '- 4 portal users: anna (#',
    ])
      expect(run.stderr).toContain(shown);
    expect(run.stderr).toMatch(
      /\nerror: not confirmed \(there is no terminal to ask on\): nothing was sent\nRun the same command with --yes/,
    );
    expect(sentSince(sim(), from)).toEqual([]);
    expect(domain(sim())).toEqual(before);

    const json = await cli([...args(), '--json'], { env: env() });
    expect(json.code).toBe(2);
    const shown = JSON.parse(json.stdout) as { done: boolean; impact: DeletionImpact };
    expect(shown.done).toBe(false);
    const impact = impactIds(shown.impact);
    expect(listedIds(run.stderr, '- 3 business units')).toEqual(
      impact.businessUnits.filter((id) => id !== a),
    );
    expect(listedIds(run.stderr, '- 7 consumption units')).toEqual(impact.consumers);
    expect(listedIds(run.stderr, '- 4 portal users')).toEqual(impact.users);
    expect(sentSince(sim(), from)).toEqual([]);
    expect(domain(sim())).toEqual(before);
  });

  it('with --yes: the impact it printed is exactly what the simulator deleted', async () => {
    const before = heldIds(sim().state);
    const run = await cli([...args(), '--yes', '--json'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('- 7 consumption units');
    const done = JSON.parse(run.stdout) as { done: boolean; impact: DeletionImpact };
    expect(done.done).toBe(true);
    const deleted = removedIds(before, heldIds(sim().state));
    expect(impactIds(done.impact)).toEqual(deleted);
    expect(deleted.businessUnits).toHaveLength(4);
    expect(deleted.consumers).toHaveLength(7);
    expect(deleted.nodes).toHaveLength(6);
    expect(deleted.proxyRelationships).toHaveLength(2);
    expect(deleted.users).toHaveLength(4);
  });
});

/**
 * Runs the built CLI on a real pseudo-terminal (util-linux `script`) and types `keys` once the
 * question (`[y/N] `) has been printed; resolves what the terminal showed and the exit code.
 */
async function onTerminal(
  args: readonly string[],
  e: NodeJS.ProcessEnv,
  keys?: string,
): Promise<RunResult> {
  if (spawnSync('script', ['--version']).status !== 0)
    throw new Error('these tests need `script` (util-linux) to make a terminal');
  const command = [process.execPath, CLI, ...args].map((w) => `'${w}'`).join(' ');
  const run = startProcess('script', ['-qfec', command, '/dev/null'], {
    env: cliEnv({ TERM: 'dumb', ...e }),
  });
  if (keys !== undefined)
    printedMatch(run, /\[y\/N\] /).then(
      () => run.child.stdin.write(keys),
      () => {}, // it ended without asking: the test says so
    );
  const code = await run.exited;
  run.child.stdin.end();
  return { code, stdout: run.stdout(), stderr: '' };
}

/** `consumers delete` of a new consumption unit (made through the API) in Acme Finance. */
async function consumer(name: string): Promise<string[]> {
  const unit = sim().state.businessUnits.find((u) => u.name === 'Acme Finance')?.id as number;
  const clout = facade(sim());
  const made = await clout.consumers.create({ bunitId: unit, name });
  await clout.client.close();
  return ['consumers', 'delete', '--bunit', String(unit), '--consumer', String(made.id)];
}
const exists = (args: string[]) => sim().state.consumers.some((c) => c.id === Number(args[5]));

describe('the question on a terminal', () => {
  it.each([
    ['n\r', 'the answer was no', 2],
    ['\u0004', 'the input ended without an answer', 2],
    ['\u0003', undefined, 130],
  ])('answering %j sends nothing', async (keys, why, code) => {
    const args = await consumer('kept');
    const from = sim().stats.log.length;
    const run = await onTerminal(args, env(), keys);
    expect(run.code, run.stdout).toBe(code);
    expect(run.stdout).toContain('Would delete the consumption unit "kept"');
    expect(run.stdout).toContain('Delete a consumption unit? This cannot be undone. [y/N] ');
    expect(run.stdout).toContain(
      why
        ? `error: not confirmed (${why}): nothing was sent`
        : 'error: stopped at the question: nothing was sent',
    );
    expect(sentSince(sim(), from)).toEqual([]);
    expect(exists(args)).toBe(true);
  });

  it('answering y deletes; --yes does not ask', async () => {
    const args = await consumer('gone');
    const run = await onTerminal(args, env(), 'y\r');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Delete a consumption unit: done.');
    expect(exists(args)).toBe(false);
    const other = await consumer('gone-too');
    const yes = await onTerminal([...other, '--yes'], env());
    expect(yes.code, yes.stdout).toBe(0);
    expect(yes.stdout).toContain('Would delete the consumption unit "gone-too"');
    expect(yes.stdout).not.toContain('[y/N]');
    expect(exists(other)).toBe(false);
  });

  it('says the portal will refuse before asking', async () => {
    const s = sim().state;
    const acme = s.businessUnits.find((u) => u.name === 'Acme Corporation')?.id as number;
    const sql01 = s.consumers.find((c) => c.name === 'acme-sql01')?.id as number;
    const args = ['consumers', 'delete', '--bunit', String(acme), '--consumer', String(sql01)];
    const run = await onTerminal(args, env(), 'n\r');
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /The portal will refuse: the node is in \d proxy relationship\(s\) and deleteAssociations is not true\.\r\nThe portal will refuse this as given \(see above\)\. Send it anyway\? \[y\/N\] /,
    );
  });
});

describe('--yes', () => {
  it("is in every destructive command's help (and says what happens without it), and only there", async () => {
    const destructive = operations.filter((op) => op.safety === 'destructive');
    expect(destructive.map((op) => op.name)).toContain('nodes.changePassword');
    for (const op of destructive) {
      const [area = '', action = ''] = op.name.split('.');
      const words = [area, action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];
      const help = (await cli([...words, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help, op.name).toContain(
        '--yes Do it without asking (needed where there is no terminal to ask on; what it removes is still printed)',
      );
      expect(help, op.name).toContain(
        'without one and without --yes it sends nothing and exits 2.',
      );
    }
    expect((await cli(['consumers', 'create', '--help'])).stdout).not.toContain('--yes');
  });
});

describe("the Go CLI's consumer delete keeps the Go CLI's behaviour", () => {
  it('deletes without asking and without --yes, with no terminal', async () => {
    const args = await consumer('go-deleted');
    const [bunit, id] = [args[3] as string, args[5] as string];
    const run = await cli(['consumer', 'delete', '--id', id, '--bunit-id', bunit], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('DELETED');
    expect(run.stderr).toBe('');
    expect(exists(args)).toBe(false);
  });
});

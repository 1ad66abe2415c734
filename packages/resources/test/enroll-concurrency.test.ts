import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCredentials, type RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { printedMatch, runProcess, startProcess } from '@cloutapi/vitest-config/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '../src/errors.js';
import {
  type Cloutility,
  EnrollmentConflictError,
  EnrollmentError,
  type EnrollResult,
  enrollMachine,
  enrollMany,
} from '../src/index.js';
import { connect, unitNamed, useDemo } from './support.js';

let sim: RunningSimulator;
let clout: Cloutility;
let acme: number;
useDemo((demo) => ({ sim, clout, acme } = demo));

/** The consumption units named `name` in Acme (exactly), read through the API. */
async function unitsNamed(name: string, bunitId = acme) {
  return (await clout.consumers.list(bunitId)).items.filter((c) => c.name === name);
}

/** Requests per route while `run` ran (the token is warm: no sign-in is counted). */
async function requestsDuring(run: () => Promise<unknown>) {
  await clout.meta.version(); // a valid token before counting
  sim.stats.reset();
  await run();
  const byRoute = { ...sim.stats.requests };
  const total = Object.values(byRoute).reduce((n, c) => n + c, 0);
  return { total, byRoute };
}

const NODE = '/v1/bunits/{bunitId}/consumers/{consumerId}/node';

describe('round trips of an enrollment (counted by the simulator)', () => {
  it("a new machine with a given node name: 4 reads side by side, then 3 writes and the re-read; no node lookup after creating its unit, and the check for a twin beside the node's creation", async () => {
    const { total, byRoute } = await requestsDuring(() =>
      enrollMachine(clout, {
        bunitId: acme,
        name: 'count-01',
        nodeName: 'COUNT-01',
        operatingSystem: 'Linux',
      }),
    );
    expect(byRoute).toEqual({
      'GET /v1/nodeoperatingsystems': 1,
      // The lookup, and the check for a twin made at the same time (beside the node's creation).
      'GET /v1/bunits/{bunitId}/consumers': 2,
      'GET /v1/bunits/{bunitId}/defaultserver/domains': 1,
      'GET /v1/bunits/{bunitId}/defaultserver/clientoptionsets': 1,
      'POST /v1/bunits/{bunitId}/consumers': 1,
      [`POST ${NODE}`]: 1,
      [`GET ${NODE}/activate`]: 1,
      [`GET ${NODE}`]: 1,
    });
    expect(total).toBe(9);
  });

  it('with the name the portal suggests: one request more (spname), as the Go CLI', async () => {
    const { total, byRoute } = await requestsDuring(() =>
      enrollMachine(clout, { bunitId: acme, name: 'count-02', operatingSystem: 'Linux' }),
    );
    expect(byRoute[`GET ${NODE}/spname`]).toBe(1);
    expect(byRoute[`GET ${NODE}`]).toBe(1);
    expect(byRoute['GET /v1/bunits/{bunitId}/defaultserver']).toBeUndefined();
    expect(total).toBe(10);
  });

  it('an enrolled machine: the unit list and its node, plus the reads that ran alongside; nothing written', async () => {
    const { byRoute } = await requestsDuring(() =>
      enrollMachine(clout, { bunitId: acme, name: 'count-01', operatingSystem: 'Linux' }),
    );
    expect(byRoute['GET /v1/bunits/{bunitId}/consumers']).toBe(1);
    expect(byRoute[`GET ${NODE}`]).toBe(1);
    expect(Object.keys(byRoute).filter((r) => !r.startsWith('GET '))).toEqual([]);
  });

  it('a bulk run of N machines: catalog and server defaults once, then 6 requests per machine, 5 of them in sequence (the Go CLI makes 5 plus a sign-in)', async () => {
    const N = 12;
    const rows = Array.from({ length: N }, (_, i) => ({
      bunitId: acme,
      name: `count-bulk-${i}`,
      nodeName: `COUNT-BULK-${i}`,
      operatingSystem: 'Linux',
    }));
    const { total, byRoute } = await requestsDuring(() => enrollMany(clout, rows));
    expect(byRoute['GET /v1/nodeoperatingsystems']).toBe(1);
    expect(byRoute['GET /v1/bunits/{bunitId}/defaultserver/domains']).toBe(1);
    expect(byRoute['GET /v1/bunits/{bunitId}/defaultserver/clientoptionsets']).toBe(1);
    expect(byRoute['GET /v1/bunits/{bunitId}/consumers']).toBe(2 * N);
    expect(total).toBe(3 + 6 * N);
  });
});

describe('enrollments of one machine at once', () => {
  it('20 parallel enrollMachine calls create one consumption unit and one node; the others find it', async () => {
    const name = 'parallel-01';
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        enrollMachine(clout, { bunitId: acme, name, operatingSystem: 'Linux' }),
      ),
    );
    expect(await unitsNamed(name)).toHaveLength(1);
    expect(results.filter((r) => r.status === 'enrolled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already-enrolled')).toHaveLength(19);
    expect(new Set(results.map((r) => r.consumerId)).size).toBe(1);
    expect(new Set(results.map((r) => r.nodeName)).size).toBe(1);
    expect(new Set(results.map((r) => r.password)).size).toBe(1);
    // Those that came later say that they waited.
    expect(results.filter((r) => r.steps[0]?.step === 'lock')).toHaveLength(19);
  });

  it('two bulk runs over the same list at once enroll each machine once', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      bunitId: acme,
      name: `twice-${i}`,
      operatingSystem: 'Linux',
    }));
    const [a, b] = await Promise.all([
      enrollMany(clout, rows, { concurrency: 4 }),
      enrollMany(clout, [...rows].reverse(), { concurrency: 3 }),
    ]);
    expect([...a, ...b].every((o) => o.ok)).toBe(true);
    for (const row of rows) expect(await unitsNamed(row.name)).toHaveLength(1);
  });

  it('a lock file held by another process is waited for', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cloutapi-lock-'));
    // A folder of its own: the lock folder and the one above it must be the user's alone.
    const dir = join(root, 'locks');
    try {
      const { enrollLockKey } = await import('../src/index.js');
      const { fileEnrollLock } = await import('../src/enroll-file-lock.js');
      const name = 'locked-01';
      const key = enrollLockKey(acme, name);
      // A child process takes the lock, says so, and gives it up when told (its stdin closes).
      const entry = fileURLToPath(new URL('../dist/enroll-file-lock.js', import.meta.url));
      const holder = startProcess(process.execPath, [
        '--input-type=module',
        '-e',
        `const { fileEnrollLock } = await import(${JSON.stringify(entry)});
         const held = await fileEnrollLock({ dir: ${JSON.stringify(dir)} }).acquire(${JSON.stringify(key)}, {});
         console.log('held');
         process.stdin.resume();
         process.stdin.on('end', async () => { await held.release(); process.exit(0); });`,
      ]);
      await printedMatch(holder, /held/);
      const steps: string[] = [];
      const enrolling = enrollMachine(
        clout,
        { bunitId: acme, name, operatingSystem: 'Linux' },
        {
          lock: fileEnrollLock({ dir, pollMs: 20 }),
          onStep: (s) => {
            steps.push(`${s.step}:${s.outcome}`);
            // Release the other process's lock once this one is seen waiting.
            if (s.step === 'lock') holder.child.stdin.end();
          },
        },
      );
      const result = await enrolling;
      expect(steps[0]).toBe('lock:waited');
      expect(result.status).toBe('enrolled');
      expect(await unitsNamed(name)).toHaveLength(1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

/**
 * A pass-through to the simulator that holds every `POST .../consumers` until `count` of them have
 * arrived, then sends them all: the enrollments behind them have each looked the machine up and
 * found nothing, as two computers racing would.
 */
async function createBarrier(target: string, count: number) {
  let held: (() => void)[] = [];
  const server = createServer((req, res) => {
    const forward = () =>
      req.pipe(
        request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }),
      );
    if (req.method !== 'POST' || !/^\/v1\/bunits\/\d+\/consumers$/.test(req.url ?? ''))
      return forward();
    held.push(forward);
    if (held.length < count) return;
    for (const send of held) send();
    held = [];
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Enrolls in a process of its own with its own lock folder; resolves its result or error. */
async function enrollInChild(url: string, name: string, lockDir: string) {
  const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
  const script = `
    const { createCloutility, enrollMachine } = await import(${JSON.stringify(dist('index.js'))});
    const { fileEnrollLock } = await import(${JSON.stringify(dist('enroll-file-lock.js'))});
    const clout = createCloutility(${JSON.stringify({
      baseUrl: url,
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      credentials: { username: demoCredentials.username, password: demoCredentials.password },
    })});
    const input = ${JSON.stringify({ bunitId: acme, name, operatingSystem: 'Linux' })};
    enrollMachine(clout, input, { lock: fileEnrollLock({ dir: ${JSON.stringify(lockDir)} }) }).then(
      (result) => console.log(JSON.stringify({ result })),
      (error) => console.log(JSON.stringify({ error: { name: error.name, reason: error.reason } })),
    );`;
  const run = await runProcess(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(run.stdout) as {
    result?: EnrollResult;
    error?: { name: string; reason?: string };
  };
}

describe('enrollments that share no lock (two computers)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cloutapi-twins-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('both create the unit; the one with the newer unit removes it and continues with the older: one unit, one node, one answer', async () => {
    const barrier = await createBarrier(sim.url, 2);
    try {
      const runs = await Promise.all(
        ['a', 'b'].map((lock) => enrollInChild(barrier.url, 'twin-01', join(root, lock, 'locks'))),
      );
      const results = runs.map((r) => r.result as EnrollResult);
      expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
      const units = await unitsNamed('twin-01');
      expect(units).toHaveLength(1);
      expect(new Set(results.map((r) => r.consumerId))).toEqual(new Set([units[0]?.id]));
      expect(new Set(results.map((r) => r.nodeName)).size).toBe(1);
      expect(new Set(results.map((r) => r.password)).size).toBe(1);
      // Exactly one of them yielded, and says so.
      const yielded = results.filter((r) =>
        r.steps.some((s) => s.step === 'consumer' && s.outcome === 'removed'),
      );
      expect(yielded).toHaveLength(1);
      expect(yielded[0]?.steps.map((s) => `${s.step}:${s.outcome}`)).toContain('consumer:found');
      expect(sim.state.nodes.filter((n) => n.consumerId === units[0]?.id)).toHaveLength(1);
    } finally {
      await barrier.close();
    }
  });

  it('a twin named with other letter case: the newer removes its unit and asks, as the lookup would have', async () => {
    const barrier = await createBarrier(sim.url, 2);
    try {
      const runs = await Promise.all(
        ['Twin-Case', 'twin-case'].map((name, i) =>
          enrollInChild(barrier.url, name, join(root, `case-${i}`, 'locks')),
        ),
      );
      expect(runs.filter((r) => r.result?.status === 'enrolled')).toHaveLength(1);
      expect(runs.filter((r) => r.error)).toEqual([
        { error: { name: 'EnrollmentConflictError', reason: 'name-case' } },
      ]);
      const units = (await clout.consumers.list(acme)).items.filter(
        (c) => c.name?.toLowerCase() === 'twin-case',
      );
      expect(units).toHaveLength(1);
    } finally {
      await barrier.close();
    }
  });

  it('a lock folder that others may write to is refused before anything is sent', async () => {
    const { fileEnrollLock } = await import('../src/enroll-file-lock.js');
    const open = join(root, 'open');
    await mkdir(open);
    await chmod(open, 0o777);
    const before = sim.stats.log.length;
    const error = await rejectionOf<EnrollmentError>(
      enrollMachine(
        clout,
        { bunitId: acme, name: 'open-lock', operatingSystem: 'Linux' },
        { lock: fileEnrollLock({ dir: join(open, 'locks') }) },
      ),
    );
    expect(error).toBeInstanceOf(EnrollmentError);
    expect(error.step).toBe('lock');
    expect(error.message).toContain(`others may write in ${open}`);
    expect(sim.stats.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('no lock folder is made under any folder that others may write to, however deep', async () => {
    const { fileEnrollLock } = await import('../src/enroll-file-lock.js');
    const open = join(root, 'open-above');
    await mkdir(open);
    await chmod(open, 0o777);
    const error = await rejectionOf<EnrollmentError>(
      enrollMachine(
        clout,
        { bunitId: acme, name: 'open-above', operatingSystem: 'Linux' },
        { lock: fileEnrollLock({ dir: join(open, 'home', '.cache', 'locks') }) },
      ),
    );
    expect(error.step).toBe('lock');
    expect(error.message).toContain(`others may write in ${open}`);
    expect(await readdir(open)).toEqual([]);
  });

  it("the wait for another process's lock ends at the call's timeoutMs, naming the holder; nothing is written", async () => {
    const { fileEnrollLock } = await import('../src/enroll-file-lock.js');
    const dir = join(root, 'held-locks');
    const key = `${acme} held-by-another`;
    // Held (and kept fresh) until the test ends: only the deadline can end the wait.
    const held = await fileEnrollLock({ dir, staleMs: 2000 }).acquire(key, {});
    try {
      const before = sim.stats.log.length;
      const error = await rejectionOf<EnrollmentError>(
        enrollMachine(
          clout,
          { bunitId: acme, name: 'held-by-another', operatingSystem: 'Linux' },
          { lock: fileEnrollLock({ dir, pollMs: 20 }), timeoutMs: 300 },
        ),
      );
      expect(error.step).toBe('lock');
      expect(error.cause).toBeInstanceOf(TimeoutError);
      expect(error.message).toContain(
        `another enrollment of the same machine holds its lock (process ${process.pid})`,
      );
      expect(error.message).toContain('nothing was created');
      expect(sim.stats.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    } finally {
      await held.release();
    }
  });
});

describe('duplicates made elsewhere', () => {
  /** Creates consumption units named `name`; those listed in `activate` get an activated node. */
  async function makeUnits(name: string, count: number, activate: number[] = [], node = true) {
    const ids: number[] = [];
    const [server, domains, sets] = await Promise.all([
      clout.servers.default(acme),
      clout.servers.domains(acme),
      clout.servers.clientOptionSets(acme),
    ]);
    const placement = {
      serverId: server.id as number,
      domainId: domains.items[0]?.id as number,
      clientOptionSetId: sets.items[0]?.id as number,
    };
    for (let i = 0; i < count; i++) {
      const c = await clout.consumers.create({ bunitId: acme, name });
      ids.push(c.id as number);
      if (!node && !activate.includes(i)) continue;
      await clout.nodes.create({
        bunitId: acme,
        consumerId: c.id as number,
        operatingSystemId: 1,
        nodeTypeId: 1,
        ...placement,
      });
      if (activate.includes(i))
        await clout.nodes.activate({
          bunitId: acme,
          consumerId: c.id as number,
          tsmName: `${name}-${i}`.toUpperCase(),
        });
    }
    return ids;
  }

  it('chooses the one unit with an activated node and names the empty ones and how to remove them', async () => {
    const ids = await makeUnits('dup-one', 4, [2]);
    const result = await enrollMachine(clout, {
      bunitId: acme,
      name: 'dup-one',
      operatingSystem: 'Linux',
    });
    expect(result).toMatchObject({
      status: 'already-enrolled',
      consumerId: ids[2],
      nodeName: 'DUP-ONE-2',
    });
    const note = result.notes.join('\n');
    for (const id of [ids[0], ids[1], ids[3]])
      expect(note).toContain(
        `consumers.delete({ bunitId: ${acme}, consumerId: ${id}, deleteAssociations: true })`,
      );
    expect(await unitsNamed('dup-one')).toHaveLength(4);
  });

  it('none enrolled: lists every unit, the exact calls that remove all but one, and then a re-run succeeds', async () => {
    const ids = await makeUnits('dup-none', 3, [], false);
    const before = sim.stats.log.length;
    const error = await rejectionOf<EnrollmentConflictError>(
      enrollMachine(clout, { bunitId: acme, name: 'dup-none', operatingSystem: 'Linux' }),
    );
    expect(error).toBeInstanceOf(EnrollmentConflictError);
    expect(error.reason).toBe('duplicates');
    expect(error.candidates.map((c) => c.consumerId)).toEqual(ids);
    expect(error.removable).toEqual(ids.slice(1));
    expect(error.message).toContain('Nothing was changed');
    expect(
      sim.stats.log.slice(before).filter((e) => e.method !== 'GET'),
      'nothing written',
    ).toEqual([]);
    // Doing what it says makes the next enrollment succeed.
    for (const consumerId of error.removable)
      await clout.consumers.delete({ bunitId: acme, consumerId, deleteAssociations: true });
    const result = await enrollMachine(clout, {
      bunitId: acme,
      name: 'dup-none',
      operatingSystem: 'Linux',
    });
    expect(result).toMatchObject({ status: 'enrolled', consumerId: ids[0] });
  });

  it('several enrolled: an error that asks which, and suggests no re-run', async () => {
    const ids = await makeUnits('dup-two', 3, [0, 1]);
    const error = await rejectionOf<EnrollmentConflictError>(
      enrollMachine(clout, { bunitId: acme, name: 'dup-two', operatingSystem: 'Linux' }),
    );
    expect(error).toBeInstanceOf(EnrollmentConflictError);
    expect(error.removable).toEqual([ids[2]]);
    expect(error.candidates.filter((c) => c.node === 'activated').map((c) => c.nodeName)).toEqual([
      'DUP-TWO-0',
      'DUP-TWO-1',
    ]);
    expect(error.message).not.toMatch(/again/);
    expect(JSON.stringify(error)).not.toMatch(/tsmPassword/);
  });
});

describe('the consumer lookup', () => {
  it('a name that differs only by case is not this machine: a typed error that asks, without its node or password', async () => {
    const other = await enrollMachine(clout, {
      bunitId: acme,
      name: 'Case-Host',
      operatingSystem: 'Linux',
    });
    const before = sim.stats.log.length;
    const error = await rejectionOf<EnrollmentConflictError>(
      enrollMachine(clout, { bunitId: acme, name: 'case-host', operatingSystem: 'Linux' }),
    );
    expect(error).toBeInstanceOf(EnrollmentConflictError);
    expect(error.reason).toBe('name-case');
    expect(error.candidates).toEqual([
      {
        consumerId: other.consumerId,
        name: 'Case-Host',
        nodeName: other.nodeName,
        node: 'activated',
      },
    ]);
    expect(error.message).toContain('differ only by letter case');
    expect(error.message).not.toContain(other.password as string);
    expect(JSON.stringify(error)).not.toContain(other.password as string);
    expect(sim.stats.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(await unitsNamed('case-host')).toHaveLength(0);
  });

  it('reads every page of a paged list: a machine on a later page is found, not created again', async () => {
    const paged = await connect({ pageSize: 2 });
    try {
      const unit = await unitNamed(paged.clout, 'Acme Corporation');
      const first = await enrollMachine(paged.clout, {
        bunitId: unit,
        name: 'zz-paged',
        operatingSystem: 'Linux',
      });
      const list = await paged.clout.consumers.list(unit);
      expect(list.total).toBeGreaterThan(2);
      expect(list.items.map((c) => c.name)).not.toContain('zz-paged');
      const again = await enrollMachine(paged.clout, {
        bunitId: unit,
        name: 'zz-paged',
        operatingSystem: 'Linux',
      });
      expect(again).toMatchObject({ status: 'already-enrolled', consumerId: first.consumerId });
      const all = (await paged.clout.consumers.list({ bunitId: unit }, {})).total;
      expect(all).toBe(list.total);
    } finally {
      await paged.sim.stop();
    }
  });
});

describe('enrollment errors', () => {
  it('a refusal that a plain re-run would meet again says to fix it first', async () => {
    sim.faults.add({
      method: 'POST',
      path: '/v1/bunits/{bunitId}/consumers',
      status: 403,
      times: 1,
    });
    const error = await rejectionOf<EnrollmentError>(
      enrollMachine(clout, { bunitId: acme, name: 'refused-01', operatingSystem: 'Linux' }),
    );
    sim.faults.clear();
    expect(error).toBeInstanceOf(EnrollmentError);
    expect(error.message).toContain('Fix what the error says, then run the same enrollment again');
  });
});

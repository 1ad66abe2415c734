import type { RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';
import {
  type Cloutility,
  findUnits,
  flattenTree,
  jobsSince,
  nodeNameProblems,
  normalizeNodeName,
  pathFromRoot,
  ValidationError,
  whoami,
} from '../src/index.js';
import { hits, useDemo } from './support.js';

let sim: RunningSimulator;
let clout: Cloutility;
let acme: number;
let dc01: number;
useDemo((demo) => ({ sim, clout, acme, dc01 } = demo));

describe('node names', () => {
  it.each([
    ['web-07.acme.local', 'WEB-07.ACME.LOCAL', ['upper-cased']],
    ['DB-01', 'DB-01', []],
    ["Jenny's Laptop", 'JENNY-S-LAPTOP', ['upper-cased', 'replaced "\'", " " with "-"']],
    ['  db01  ', 'DB01', ['upper-cased']],
    ['__bad__!!', '__BAD__', ['upper-cased', 'replaced "!" with "-"']],
    ['R&D+ops', 'R&D+OPS', ['upper-cased']],
  ])('%s -> %s', (input, name, changes) => {
    const result = normalizeNodeName(input);
    expect(result.name).toBe(name);
    expect(result.changes).toEqual(changes);
    expect(result.changed).toBe(changes.length > 0);
    expect(nodeNameProblems(result.name)).toEqual([]);
  });

  it('cuts long names to 64 characters and says so', () => {
    const result = normalizeNodeName('x'.repeat(80));
    expect(result.name).toHaveLength(64);
    expect(result.changes).toContain('cut to 64 characters');
  });

  it('refuses a name with nothing usable', () => {
    expect(() => normalizeNodeName('!!!')).toThrow(ValidationError);
    expect(() => normalizeNodeName('   ')).toThrow(/no characters usable/);
  });

  it('lists every rule a name breaks', () => {
    expect(nodeNameProblems('')).toEqual(['a node name needs at least 1 character']);
    expect(nodeNameProblems(`a b${'c'.repeat(70)}`)).toEqual([
      'a node name has at most 64 characters (this has 73)',
      'characters not allowed: " " (allowed: A-Z 0-9 _ . - + &)',
    ]);
  });
});

describe('jobs since', () => {
  it('clamps a start before the first job and says so', async () => {
    const first = await clout.jobs.first(acme, dc01);
    const result = await jobsSince(clout, {
      bunitId: acme,
      consumerId: dc01,
      since: '2000-01-01T00:00:00Z',
    });
    expect(result.clamped).toBe(true);
    expect(result.from).toBe(new Date(first.completed!).toISOString());
    expect(result.notes[0]).toContain('is before the first job');
    expect(result.jobs.length).toBeGreaterThan(10);
    const ids = result.jobs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('splits a long window into pieces the API accepts, without duplicates', async () => {
    const until = new Date(sim.clock.now()).toISOString();
    const since = new Date(sim.clock.now().getTime() - 10 * 86_400_000).toISOString();
    const before = hits(sim, 'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs');
    const result = await jobsSince(clout, {
      bunitId: acme,
      consumerId: dc01,
      since,
      until,
      windowDays: 3,
    });
    expect(result.clamped).toBe(false);
    expect(result.windows).toHaveLength(4);
    expect(hits(sim, 'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs') - before).toBe(4);
    expect(result.windows.reduce((n, w) => n + w.count, 0)).toBeGreaterThanOrEqual(
      result.jobs.length,
    );
    const whole = await jobsSince(clout, {
      bunitId: acme,
      consumerId: dc01,
      since,
      until,
      windowDays: 30,
    });
    expect(result.jobs.map((j) => j.id)).toEqual(whole.jobs.map((j) => j.id));
  });

  it('says when a unit has no jobs yet', async () => {
    const fresh = await clout.consumers.create(acme, { name: 'no-jobs-yet' });
    const result = await jobsSince(clout, {
      bunitId: acme,
      consumerId: fresh.id!,
      since: '2026-01-01T00:00:00Z',
    });
    expect(result.jobs).toEqual([]);
    expect(result.notes).toEqual(['This consumption unit has no jobs yet.']);
  });

  it('validates its input', async () => {
    const error = await rejectionOf<ValidationError>(
      jobsSince(clout, { bunitId: acme, consumerId: dc01, since: 'yesterday' }),
    );
    expect(error.issues[0]?.path).toBe('since');
  });
});

describe('business unit tree and who am I', () => {
  it('flattens the tree, finds units by name or id, and gives the path from the root', async () => {
    const tree = await clout.bunits.tree();
    const flat = flattenTree(tree);
    expect(flat[0]).toMatchObject({ id: tree.id, depth: 0, path: [tree.name] });
    expect(flat.length).toBeGreaterThan(8);
    const berlin = findUnits(tree, 'initech labs berlin');
    expect(berlin).toHaveLength(1);
    expect(berlin[0]?.path).toEqual([
      'Example Reseller',
      'Initech',
      'Initech Labs',
      'Initech Labs Berlin',
    ]);
    expect(berlin[0]?.depth).toBe(3);
    expect(findUnits(tree, 'acme').map((u) => u.name)).toEqual([
      'Acme Corporation',
      'Acme Finance',
      'Acme Engineering',
    ]);
    expect(findUnits(tree, acme)[0]?.name).toBe('Acme Corporation');
    expect(findUnits(tree, String(acme))[0]?.name).toBe('Acme Corporation');
    expect(pathFromRoot(tree, acme)).toEqual(['Example Reseller', 'Acme Corporation']);
    expect(pathFromRoot(tree, 999_999)).toBeUndefined();
  });

  it('whoami says who is signed in, where home is and which API answers', async () => {
    const me = await whoami(clout);
    expect(me.apiVersion).toBe('1.0.4480.0');
    expect(me.homeUnit).toEqual({ id: (await clout.bunits.tree()).id, name: 'Example Reseller' });
    expect(me.user.name).toBeTruthy();
  });
});

import { createClock, type RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cloutility, describeConsumer, NotFoundError, ValidationError } from '../src/index.js';
import { consumerNamed, hits, unitNamed, useDemo } from './support.js';

/** The simulator clock stands here; the workflow gets the same `now`. */
const NOW = new Date('2026-03-14T12:00:00.000Z');
const DAY = 86_400_000;

let sim: RunningSimulator;
let clout: Cloutility;
let acme: number;
let finance: number;
let engineering: number;
let dc01: number;

useDemo((demo) => ({ sim, clout, acme, dc01 } = demo), {
  clock: createClock({ now: NOW, frozen: true }),
});
beforeAll(async () => {
  finance = await unitNamed(clout, 'Acme Finance');
  engineering = await unitNamed(clout, 'Acme Engineering');
});

describe('describeConsumer', () => {
  it('reads the unit, its node, its latest report and the jobs of the last 7 days', async () => {
    const d = await describeConsumer(clout, { bunitId: acme, consumerId: dc01 }, { now: NOW });
    expect(d.bunitId).toBe(acme);
    expect(d.consumer).toMatchObject({ id: dc01, name: 'acme-dc01' });
    expect(d.node?.tsmName).toBeTruthy();
    expect(d.latestReport?.reportDate).toBeTruthy();
    expect(d.since).toBe(new Date(NOW.getTime() - 7 * DAY).toISOString());
    expect(d.until).toBe(NOW.toISOString());
    // an active demo machine backs up daily: about one job a day, all inside the window
    expect(d.jobs.length).toBeGreaterThanOrEqual(6);
    const starts = d.jobs.map((j) => Date.parse(j.actualStart ?? j.scheduledStart ?? ''));
    for (const t of starts) expect(t).toBeGreaterThanOrEqual(NOW.getTime() - 8 * DAY);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(d.notes).toEqual([]);
  });

  it('finds the unit by name: exact in any case, else the one whose name contains it', async () => {
    for (const name of ['ACME-DC01', 'dc01']) {
      const d = await describeConsumer(clout, { bunitId: acme, name, days: 1 }, { now: NOW });
      expect(d.consumer.id, name).toBe(dc01);
    }
  });

  it('refuses a name that matches several units, listing them, or none', async () => {
    const several = await rejectionOf<ValidationError>(
      describeConsumer(clout, { bunitId: acme, name: 'acme-' }),
    );
    expect(several).toBeInstanceOf(ValidationError);
    expect(several.issues[0]?.path).toBe('name');
    expect(several.message).toMatch(/matches 3 consumption units/);
    expect(several.message).toContain(`acme-dc01 (#${dc01})`);
    const none = await rejectionOf<ValidationError>(
      describeConsumer(clout, { bunitId: acme, name: 'no-such-machine' }),
    );
    expect(none.issues[0]).toMatchObject({ path: 'name' });
    expect(none.message).toMatch(/no consumption unit .* is named "no-such-machine"/);
  });

  it('says a missing node or an unactivated one is why there are no jobs, and reads none', async () => {
    const laptop = await consumerNamed(clout, finance, 'Laptop - Jenny');
    const before = hits(sim, 'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs');
    const bare = await describeConsumer(clout, { bunitId: finance, consumerId: laptop });
    expect(bare.node).toBeUndefined();
    expect(bare.latestReport).toBeUndefined();
    expect(bare.jobs).toEqual([]);
    expect(bare.notes).toEqual(['No backup node yet, so no jobs.']);
    const created = await describeConsumer(clout, { bunitId: engineering, name: 'eng-mac-studio' });
    expect(created.node).toBeDefined();
    expect(created.node?.tsmName).toBeFalsy();
    expect(created.notes).toEqual(['The backup node is not activated yet, so there are no jobs.']);
    expect(hits(sim, 'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs')).toBe(before);
  });

  it('validates its input before sending anything', async () => {
    const before = Object.values(sim.stats.requests).reduce((a, b) => a + b, 0);
    const neither = await rejectionOf<ValidationError>(describeConsumer(clout, { bunitId: acme }));
    expect(neither.issues).toEqual([
      { path: 'consumerId', message: 'give consumerId or name, one of them' },
    ]);
    const both = await rejectionOf<ValidationError>(
      describeConsumer(clout, { bunitId: acme, consumerId: dc01, name: 'acme-dc01' }),
    );
    expect(both.issues[0]?.path).toBe('consumerId');
    const bad = await rejectionOf<ValidationError>(
      describeConsumer(clout, { bunitId: acme, consumerId: dc01, days: 0 }),
    );
    expect(bad.issues[0]?.path).toBe('days');
    expect(bad.message).toMatch(/^describe consumer: invalid input: days/);
    expect(Object.values(sim.stats.requests).reduce((a, b) => a + b, 0)).toBe(before);
  });

  it('a consumption unit that does not exist is a NotFoundError', async () => {
    const error = await rejectionOf(
      describeConsumer(clout, { bunitId: acme, consumerId: 999_999 }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });
});

import { describe, expect, it } from 'vitest';
import { createClock, createSimulatorApp } from '../src/index.js';
import { DAY, HOUR } from '../src/state/dates.js';

/** The state of a demo simulator whose clock stands at `now`. */
const stateAt = (now: string, fleet?: { machines: number; units?: number }) =>
  createSimulatorApp({ clock: createClock({ now, frozen: true }), ...(fleet ? { fleet } : {}) })
    .state;

/** What a machine's latest report and last completed backup say, by consumer name. */
function healthOf(state: ReturnType<typeof stateAt>, name: string, now: number) {
  const consumer = state.consumers.find((c) => c.name === name);
  if (!consumer) throw new Error(`no consumer ${name}`);
  const node = state.nodes.find((n) => n.consumerId === consumer.id);
  const report = state.reports.filter((r) => r.consumerId === consumer.id).at(-1);
  const lastGood = state.jobs
    .filter(
      (j) =>
        j.consumerId === consumer.id && j.type.name === 'Backup' && j.status.name === 'Completed',
    )
    .at(-1);
  return {
    activated: Boolean(node?.tsmName),
    status: report?.status,
    warningTypes: report?.warnings.map((w) => w.type) ?? [],
    lastGoodAgeDays: lastGood ? (now - Date.parse(lastGood.completed)) / DAY : undefined,
  };
}

// Midnight, a DST change in Europe, a leap day, the hour before the daily report and a year's end.
const instants = [
  '2027-01-01T00:30:00.000Z',
  '2027-03-28T02:30:00.000Z',
  '2028-02-29T12:00:00.000Z',
  '2025-03-14T05:59:00.000Z',
  '2026-12-31T23:59:00.000Z',
];

describe('demo health on any date and hour', () => {
  it.each(instants)('every kind of machine health is in the demo at %s', (at) => {
    const now = Date.parse(at);
    const state = stateAt(at);
    const failed = healthOf(state, 'fin-db01', now);
    expect(failed).toMatchObject({ activated: true, status: 'Error', warningTypes: [2] });
    // Failed last night: the good backup before it is at most three nights old.
    expect(failed.lastGoodAgeDays).toBeLessThan(3);
    const stale = healthOf(state, 'globex-web01', now);
    expect(stale.lastGoodAgeDays).toBeGreaterThan(3);
    expect(stale.lastGoodAgeDays).toBeLessThan(4.2);
    expect(healthOf(state, 'acme-sql01', now)).toMatchObject({
      status: 'Warning',
      warningTypes: [4],
    });
    const never = healthOf(state, 'initech-ci01', now);
    expect(never).toMatchObject({ activated: true, lastGoodAgeDays: undefined });
    expect(healthOf(state, 'eng-mac-studio', now).activated).toBe(false);
    const ok = healthOf(state, 'acme-dc01', now);
    expect(ok).toMatchObject({ activated: true, status: 'OK', warningTypes: [] });
    expect(ok.lastGoodAgeDays).toBeLessThan(36 / 24);
  });
});

describe('generated fleet', () => {
  it('spreads the machines evenly over the units, with every kind of problem among them', () => {
    const at = '2026-06-01T09:00:00.000Z';
    const state = stateAt(at, { machines: 103, units: 5 });
    const units = state.businessUnits.filter((b) => b.name.startsWith('Fleet Customer'));
    expect(units).toHaveLength(5);
    const perUnit = units.map(
      (u) => state.consumers.filter((c) => c.businessUnitId === u.id).length,
    );
    expect(perUnit).toEqual([21, 21, 21, 20, 20]);
    expect(state.consumers.some((c) => c.name === 'acme-dc01')).toBe(false);
    const now = Date.parse(at);
    const healths = state.consumers.map((c) => healthOf(state, c.name, now));
    expect(healths.filter((h) => !h.activated).length).toBeGreaterThan(0);
    expect(healths.filter((h) => h.status === 'Error').length).toBeGreaterThan(0);
    expect(healths.filter((h) => h.status === 'Warning').length).toBeGreaterThan(0);
    expect(
      healths.filter((h) => h.activated && h.lastGoodAgeDays === undefined).length,
    ).toBeGreaterThan(0);
    expect(healths.filter((h) => (h.lastGoodAgeDays ?? 0) > 3).length).toBeGreaterThan(0);
    expect(healths.filter((h) => h.status === 'OK').length).toBeGreaterThan(50);
    expect(Math.max(...state.jobs.map((j) => Date.parse(j.completed)))).toBeLessThanOrEqual(now);
    expect(now - Math.min(...state.reports.map((r) => Date.parse(r.reportDate)))).toBeLessThan(
      32 * DAY + HOUR,
    );
  });

  it('refuses a fleet size that is not a positive whole number', () => {
    expect(() => stateAt('2026-06-01T09:00:00.000Z', { machines: 0 })).toThrow(/fleet.machines/);
    expect(() => stateAt('2026-06-01T09:00:00.000Z', { machines: 10, units: 11 })).toThrow(
      /fleet.units/,
    );
  });
});

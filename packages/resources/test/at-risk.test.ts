import { createClock, type RunningSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atRiskIntervalOf,
  atRiskRule,
  type BackupHealthResult,
  backupHealth,
  bypassedBecause,
  type Cloutility,
  type Consumer,
  DEFAULT_AT_RISK_MS,
  healthStatus,
} from '../src/index.js';
import { connect } from './support.js';

const NOW = new Date('2026-03-14T12:00:00.000Z');
const HOUR = 3_600_000;
const category = (r: BackupHealthResult, name: string) =>
  r.machines.find((m) => m.name === name)?.category;

describe("IBM's at-risk rule", () => {
  let sim: RunningSimulator;
  let clout: Cloutility;
  beforeAll(async () => {
    ({ sim, clout } = await connect({ clock: createClock({ now: NOW, frozen: true }) }));
  }, 60_000);
  afterAll(async () => {
    await sim.stop();
  });

  it('is 24 hours by default, as STATUSATRISKINTERVAL is', async () => {
    const r = await backupHealth(clout, {}, { now: NOW });
    expect(r.atRiskAfterMs).toBe(DEFAULT_AT_RISK_MS);
    const globex = r.machines.find((m) => m.name === 'globex-web01');
    expect(globex).toMatchObject({ category: 'at-risk', atRiskAfterMs: 24 * HOUR });
    expect(globex?.lastSuccessAgeMs).toBeGreaterThan(24 * HOUR);
    expect(healthStatus(r)).toBe('critical');
  });

  it('takes another interval per type, by name, case-insensitively', async () => {
    const r = await backupHealth(
      clout,
      { atRiskAfterByType: { 'sp backup NODE': '4d' } },
      { now: NOW },
    );
    // 85 hours without a backup: at risk after 24 h, not after 4 days (its warnings remain).
    expect(category(r, 'globex-web01')).toBe('warning');
    expect(r.machines.find((m) => m.name === 'globex-web01')?.atRiskAfterMs).toBe(96 * HOUR);
  });

  it('takes the older staleAfter for atRiskAfter', async () => {
    const r = await backupHealth(clout, { staleAfter: '4d' }, { now: NOW });
    expect(r.atRiskAfterMs).toBe(96 * HOUR);
    expect(category(r, 'globex-web01')).toBe('warning');
  });

  it('bypasses machines by name or node name, reading nothing for them', async () => {
    const plain = await backupHealth(clout, {}, { now: NOW });
    const r = await backupHealth(clout, { exclude: ['GLOBEX-WEB01', 'FIN-DB01'] }, { now: NOW });
    expect(r.machines.find((m) => m.name === 'globex-web01')).toMatchObject({
      category: 'excluded',
      reason: 'excluded by name (globex-web01)',
    });
    expect(r.machines.find((m) => m.name === 'fin-db01')).toMatchObject({
      category: 'excluded',
      reason: 'excluded by name (fin-db01)',
    });
    expect(r.counts.excluded).toBe(2);
    // Two reports fewer read: nothing is read for a bypassed machine.
    expect(r.requests['reports.latest']).toBe((plain.requests['reports.latest'] ?? 0) - 2);
  });

  it('counts a backup that skipped files as failed when asked (STATUSSKIPASFAILURE)', async () => {
    const plain = await backupHealth(clout, {}, { now: NOW });
    expect(category(plain, 'acme-exch01')).toBe('ok');
    const strict = await backupHealth(clout, { skippedAsFailure: true }, { now: NOW });
    expect(strict.machines.find((m) => m.name === 'acme-exch01')).toMatchObject({
      category: 'at-risk',
      reason: 'no backup without skipped files for 24 hours (skipped files count as failure)',
    });
    // One more request a machine: its jobs of the interval.
    expect(strict.requests['jobs.list']).toBeGreaterThanOrEqual(
      strict.machines.filter((m) => m.lastSuccess !== undefined).length,
    );
  });

  it('refuses a malformed interval, naming the field', async () => {
    await expect(backupHealth(clout, { atRiskAfter: 'soon' })).rejects.toThrow(
      /atRiskAfter: expected a duration of at least a minute/,
    );
    await expect(backupHealth(clout, { atRiskAfterByType: { Windows: '10s' } })).rejects.toThrow(
      /atRiskAfterByType\.Windows: expected a duration/,
    );
  });
});

describe('the rule alone', () => {
  const consumer = (more: Partial<Consumer>): Consumer => ({ id: 1, name: 'ws-01', ...more });

  it('bypasses by tag and by the portal allowing no activity', () => {
    const rule = atRiskRule({ exclude: ['tag:Lab'] });
    expect(bypassedBecause(rule, consumer({ tags: [{ text: 'lab' }] }))).toBe(
      'excluded by tag lab',
    );
    expect(bypassedBecause(rule, consumer({ tags: [{ text: 'prod' }] }))).toBeUndefined();
    expect(bypassedBecause(rule, consumer({ allowNoActivity: true }))).toBe(
      'the portal allows it no activity',
    );
  });

  it('prefers the operating system over the node type over the data source type', () => {
    const rule = atRiskRule({
      atRiskAfter: '12h',
      atRiskAfterByType: { Windows: '48h', 'File server': '36h', 'SP Backup node': '30h' },
    });
    const node = (os?: string, type?: string) =>
      consumer({
        dataSourceType: { id: 1, name: 'SP Backup node' },
        node: {
          id: 2,
          ...(os ? { operatingSystem: { id: 1, name: os } } : {}),
          ...(type ? { type: { id: 1, name: type } } : {}),
        },
      });
    expect(atRiskIntervalOf(rule, node('windows', 'File server'))).toBe(48 * HOUR);
    expect(atRiskIntervalOf(rule, node('Linux', 'File server'))).toBe(36 * HOUR);
    expect(atRiskIntervalOf(rule, node('Linux'))).toBe(30 * HOUR);
    expect(atRiskIntervalOf(rule, consumer({}))).toBe(12 * HOUR);
  });
});

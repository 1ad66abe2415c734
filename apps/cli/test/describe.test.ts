import { describe, expect, it } from 'vitest';
import { cli, cliJson, hasEscapes, requestCount, useSimulator } from './helpers.js';

/*
 * The simulator runs on the real clock, as the CLI does: an active demo machine has backed up
 * every day of any last week, so the expectations hold on any day.
 */
const { sim, env } = useSimulator();
const ids = () => {
  const s = sim();
  const unit = (name: string) => s.state.businessUnits.find((u) => u.name === name)!.id;
  const consumer = (name: string) => s.state.consumers.find((c) => c.name === name)!.id;
  return {
    acme: unit('Acme Corporation'),
    finance: unit('Acme Finance'),
    dc01: consumer('acme-dc01'),
  };
};

interface Described {
  bunitId: number;
  consumer: { id: number; name: string };
  node?: { tsmName?: string; tsmPassword?: string };
  latestReport?: { reportDate?: string };
  jobs: { id: number; name: string }[];
  notes: string[];
}

describe('cloutapi describe', () => {
  it('shows the unit found by part of its name, its node, latest report and last jobs', async () => {
    const { acme, dc01 } = ids();
    const r = await cli(['describe', '--bunit', String(acme), '--name', 'DC01'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^consumer\\s+acme-dc01 \\(#${dc01}\\), Active$`, 'm'));
    expect(r.stdout).toMatch(/^node\s+ACME-DC01, Windows Server, File$/m);
    expect(r.stdout).toMatch(/^latest report\s+\d{4}-\d\d-\d\d/m);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+TYPE\s+STATUS/m);
    expect(r.stdout).toMatch(/^\d+\s+DAILY_INCR\s+Backup\s+Completed/m);
    expect(r.stdout).toMatch(/\d+ jobs from \S+ to \S+$/m);
  });

  it('--json gives the whole description, node password hidden', async () => {
    const { acme, dc01 } = ids();
    const d = await cliJson<Described>(
      ['describe', '--bunit', String(acme), '--consumer', String(dc01), '--days', '3'],
      { env: env() },
    );
    expect(d.bunitId).toBe(acme);
    expect(d.consumer).toMatchObject({ id: dc01, name: 'acme-dc01' });
    expect(d.node?.tsmName).toBe('ACME-DC01');
    expect(d.node?.tsmPassword).toBe('[hidden]');
    expect(d.latestReport?.reportDate).toBeTruthy();
    expect(d.jobs.length).toBeGreaterThanOrEqual(2);
    expect(d.jobs.length).toBeLessThanOrEqual(5);
  });

  it('says why a machine without a node has no jobs', async () => {
    const { finance } = ids();
    const r = await cli(['describe', '--bunit', String(finance), '--name', 'laptop - jenny'], {
      env: env(),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^node\s+none yet/m);
    expect(r.stdout).toMatch(/^latest report\s+none$/m);
    expect(r.stderr).toContain('No backup node yet, so no jobs.');
  });

  it('refuses a name several units match, listing them (exit 2)', async () => {
    const { acme, dc01 } = ids();
    const r = await cli(['describe', '--bunit', String(acme), '--name', 'acme-'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--name: "acme-" matches 3 consumption units/);
    expect(r.stderr).toContain(`acme-dc01 (#${dc01})`);
    expect(r.stdout).toBe('');
  });

  it('refuses neither --consumer nor --name, and a bad flag, before sending anything', async () => {
    const { acme } = ids();
    const before = requestCount(sim());
    const neither = await cli(['describe', '--bunit', String(acme)], { env: env() });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--consumer-id ID or --name NAME');
    const bad = await cli(['describe', '--bunit', 'x', '--consumer', '1'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--bunit: /);
    expect(requestCount(sim())).toBe(before);
  });

  it("shows the server's text with its control characters made visible", async () => {
    const { acme, dc01 } = ids();
    const machine = sim().state.consumers.find((c) => c.id === dc01)!;
    const name = machine.name;
    machine.note = 'evil \u001b[31mred\u001b[0m \u0007 note';
    try {
      const r = await cli(['describe', '--bunit', String(acme), '--consumer', String(dc01)], {
        env: env(),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^note\s+evil .*red/m);
      expect(hasEscapes(r.stdout)).toBe(false);
      expect(r.stdout).not.toContain('\u0007');
    } finally {
      machine.note = undefined;
      machine.name = name;
    }
  });
});

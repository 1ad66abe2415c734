import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '@cloutapi/resources';
import { describe, expect, it } from 'vitest';
import {
  cli,
  cliJson,
  cliOnTerminal,
  hasEscapes,
  requestCount,
  tempDir,
  useSimulator,
} from './helpers.js';

const { sim, env } = useSimulator();
const ACME = 11;
const DC01 = 400;

type Collection<T = Record<string, unknown>> = { total: number; items: T[] };

describe('generated commands (one per registry operation)', () => {
  it('exist for every operation, as <area> <kebab-action>', async () => {
    const { stdout } = await cli(['completion', 'bash']);
    for (const op of operations) {
      const [area, action] = op.name.split('.') as [string, string];
      const kebab = action.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      expect(stdout, op.name).toMatch(new RegExp(`\\('${area}'\\) echo '[^']*\\b${kebab}\\b`));
    }
  });

  it('answer in every area with the parsed resource as JSON', async () => {
    const e = env();
    const ids = ['--bunit', String(ACME), '--consumer', String(DC01)];
    const [version, actions, children, timezones, consumers, audit, latest, jobs, domains, types] =
      await Promise.all([
        cliJson<string>(['meta', 'version'], { env: e }),
        cliJson<Collection>(['actions', 'list'], { env: e }),
        cliJson<Collection>(['bunits', 'children', '--bunit-id', String(ACME)], { env: e }),
        cliJson<Collection>(['timezones', 'list'], { env: e }),
        cliJson<Collection>(['consumers', 'list', '--bunit', String(ACME)], { env: e }),
        cliJson<Collection>(
          ['audit', 'query', ...ids, '--types', 'create,delete', '--since', '2020-01-01'],
          { env: e },
        ),
        cliJson<Record<string, unknown>>(['reports', 'latest', ...ids], { env: e }),
        cliJson<Collection>(['jobs', 'list', ...ids], { env: e }),
        cliJson<Collection>(['servers', 'domains', '--bunit', String(ACME)], { env: e }),
        cliJson<Collection>(['catalog', 'node-types'], { env: e }),
      ]);
    expect(version).toBe('1.0.4480.0');
    expect(actions.total).toBeGreaterThan(0);
    expect(children.items.map((u) => u.name)).toContain('Acme Finance');
    expect(timezones.items.length).toBe(timezones.total);
    expect(consumers.items.map((c) => c.name)).toEqual(['acme-dc01', 'acme-sql01', 'acme-exch01']);
    expect(audit.items.every((entry) => entry.type === 100 || entry.type === 300)).toBe(true);
    expect(latest.tsmName).toBe('ACME-DC01');
    expect(Array.isArray(jobs.items)).toBe(true);
    expect(domains.items[0]).toHaveProperty('name');
    expect(types.items.map((t) => t.name)).toContain('File');

    const [possible, contract, billing, node] = await Promise.all([
      cliJson<Collection>(['proxies', 'possible-nodes', ...ids], { env: e }),
      cliJson<Record<string, unknown>>(['billing', 'contract', '--bunit', '10'], { env: e }),
      cliJson<Collection>(['billing', 'data', '--bunit', '10'], { env: e }),
      cliJson<Record<string, unknown>>(['nodes', 'get', ...ids], { env: e }),
    ]);
    expect(possible.items.length).toBeGreaterThan(0);
    expect(contract).toHaveProperty('currency');
    expect(billing.total).toBeGreaterThan(0);
    expect(node.tsmName).toBe('ACME-DC01');
  });

  it('send a bare date for a date-time flag as midnight UTC, and lists as repeated values', async () => {
    const before = sim().stats.log.length;
    await cliJson(
      [
        'audit',
        'query',
        '--bunit',
        '11',
        '--consumer',
        '400',
        '--types',
        'create',
        '--types',
        'delete',
        '--since',
        '2026-11-01',
      ],
      {
        env: env(),
      },
    );
    const sent = sim()
      .stats.log.slice(before)
      .find((entry) => entry.path.endsWith('/auditlogs'));
    expect(sent?.query).toEqual([
      ['startTime', '2026-11-01T00:00:00Z'],
      ['types', '100'],
      ['types', '300'],
    ]);
  });

  it('hide the node password unless asked (nodes get --reveal)', async () => {
    const e = env();
    const ids = ['--bunit', '11', '--consumer', '400'];
    const hidden = await cliJson<{ tsmPassword: string }>(['nodes', 'get', ...ids], { env: e });
    expect(hidden.tsmPassword).toBe('[hidden]');
    const human = await cli(['nodes', 'get', ...ids], { env: e });
    expect(human.stdout).toContain('[hidden]');
    const shown = await cliJson<{ tsmPassword: string }>(['nodes', 'get', ...ids, '--reveal'], {
      env: e,
    });
    expect(shown.tsmPassword).not.toBe('[hidden]');
    expect(shown.tsmPassword.length).toBeGreaterThan(7);
  });

  it('create, update and delete (a consumption unit)', async () => {
    const e = env();
    const created = await cliJson<{ id: number; name: string }>(
      ['consumers', 'create', '--bunit', '12', '--name', 'cli-made', '--note', 'from a test'],
      { env: e },
    );
    expect(created.name).toBe('cli-made');
    const updated = await cliJson<{ name: string }>(
      [
        'consumers',
        'update',
        '--bunit',
        '12',
        '--consumer',
        String(created.id),
        '--name',
        'cli-renamed',
      ],
      { env: e },
    );
    expect(updated.name).toBe('cli-renamed');
    const deleted = await cli(
      [
        'consumers',
        'delete',
        '--bunit',
        '12',
        '--consumer',
        String(created.id),
        '--deletion-comment',
        'test',
        '--yes',
      ],
      { env: e },
    );
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/done/i);
    const gone = await cli(
      ['consumers', 'get', '--bunit', '12', '--consumer', String(created.id)],
      { env: e },
    );
    expect(gone.code).toBe(4);
  });

  it('upload a file with --file (read and sent as the body)', async () => {
    const dir = tempDir();
    const file = join(dir, 'invoice.pdf');
    writeFileSync(file, '%PDF-1.4 test invoice');
    const e = env();
    const upload = await cli(
      [
        'billing',
        'upload-invoice-file',
        '--bunit',
        '11',
        '--file',
        file,
        '--erp-reference',
        'ERP-1',
      ],
      { env: e },
    );
    expect(upload.code, upload.stderr).toBe(0);
    const files = await cliJson<Collection>(['billing', 'invoice-files', '--bunit', '11'], {
      env: e,
    });
    expect(files.items.some((f) => f.erpReference === 'ERP-1')).toBe(true);
  });
});

describe('output modes', () => {
  it('prints terse tables, ids first, without $type, href or actions, and no colour off a terminal', async () => {
    const { stdout, code } = await cli(['timezones', 'list'], { env: env() });
    expect(code).toBe(0);
    const [header] = stdout.split('\n');
    expect(header).toMatch(/^ID\s+NAME/);
    expect(stdout).not.toMatch(/href|\$type|actions|http:\/\//);
    expect(hasEscapes(stdout)).toBe(false);
  });

  it('prints ids only with --quiet', async () => {
    const { stdout } = await cli(['consumers', 'list', '--bunit', '11', '-q'], { env: env() });
    expect(stdout.trim().split('\n')).toEqual(['400', '401', '402']);
  });

  it('prints the business unit tree indented under an ID column', async () => {
    const { stdout } = await cli(['bunits', 'tree'], { env: env() });
    expect(stdout).toMatch(
      /^ID\s+NAME\n10\s+Example Reseller\n11\s{4}Acme Corporation\n12\s{6}Acme Finance/,
    );
  });

  it('has no escape codes on a terminal with NO_COLOR, and colours on a terminal without it', async () => {
    const plain = await cliOnTerminal('timezones list', env({ NO_COLOR: '1' }));
    if (plain === undefined) return; // no `script`: no terminal to test on
    expect(plain).toContain('NAME');
    expect(hasEscapes(plain)).toBe(false);
    expect(hasEscapes((await cliOnTerminal('timezones list', env())) ?? '')).toBe(true);
  });
});

describe('errors and exit codes', () => {
  it('validates before sending: exit 2, the flag named, no request made', async () => {
    const e = env();
    const before = requestCount(sim());
    const missing = await cli(['consumers', 'list'], { env: e });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--bunit-id: required/);
    const wrong = await cli(['consumers', 'list', '--bunit', 'twelve'], { env: e });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--bunit: expected the business unit id/);
    const types = await cli(
      ['audit', 'query', '--bunit', '11', '--consumer', '400', '--types', 'create,oops'],
      { env: e },
    );
    expect(types.code).toBe(2);
    expect(types.stderr).toMatch(/--types: .*info, create, modify, delete, error/);
    const name = await cli(
      ['nodes', 'activate', '--bunit', '11', '--consumer', '400', '--tsm-name', 'bad name!'],
      { env: e },
    );
    expect(name.code).toBe(2);
    expect(name.stderr).toMatch(/--tsm-name: a node name may contain only/);
    const unknown = await cli(['consumers', 'list', '--bunit', '11', '--colour'], { env: e });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--colour'/);
    expect(requestCount(sim())).toBe(before);
  });

  it('exit 3 when sign-in is refused, 4 when not found, 5 on a conflict, 6 when unreachable', async () => {
    const auth = await cli(['meta', 'version'], {
      env: env({ CLOUTAPI_PASSWORD: 'not-the-password' }),
    });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/^error: .*\n.*password/);
    expect(auth.stderr).not.toContain('not-the-password');

    const e = env();
    const missing = await cli(['consumers', 'get', '--bunit', '11', '--consumer', '999999'], {
      env: e,
    });
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);

    const conflict = await cli(['bunits', 'delete', '--bunit', '15', '--yes'], { env: e });
    expect(conflict.code).toBe(5);

    const down = await cli(['meta', 'version'], {
      env: env({ CLOUTAPI_URL: 'http://127.0.0.1:9' }),
    });
    expect(down.code).toBe(6);
    expect(down.stderr).toMatch(/server may be down/);
  });

  it('exit 2 and say where to set it when a setting is missing', async () => {
    const e = env();
    delete e.CLOUTAPI_URL;
    const result = await cli(['meta', 'version'], { env: e });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CLOUTAPI_URL/);
  });
});

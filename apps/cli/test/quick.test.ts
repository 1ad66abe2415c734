import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOperation } from '@cloutapi/resources';
import { describe, expect, it } from 'vitest';
import { renderQuickCatalog } from '../scripts/quick-catalog.js';
import type { QuickRead } from '../src/fast/catalog.js';
import { quickCommandOf } from '../src/fast/quick.js';
import { cli, useSimulator } from './helpers.js';

const CATALOG_FILE = new URL('../src/fast/catalog.generated.json', import.meta.url);
const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as QuickRead[];

describe('the quick path: what it takes', () => {
  it('its catalog is generated from the registry and up to date (else run `pnpm generate`)', () => {
    expect(readFileSync(CATALOG_FILE, 'utf8')).toBe(renderQuickCatalog());
    expect(catalog.length).toBeGreaterThan(20);
    expect(catalog.every((r) => r.method === 'GET')).toBe(true);
  });

  it('takes only values the schema accepts: every integer it takes, zod takes too', () => {
    const values = [
      '0',
      '1',
      '7',
      '1000',
      '1001',
      '-1',
      '+1',
      '1.5',
      '1e2',
      '0x10',
      ' 1',
      '',
      '9007199254740991',
      '9007199254740992',
      '99999999999999999',
      'abc',
    ];
    let taken = 0;
    let refused = 0;
    for (const read of catalog) {
      const op = findOperation(read.kind);
      if (!op) throw new Error(`no operation ${read.kind}`);
      const required = read.flags.filter((f) => f.required);
      const base = required.flatMap((f) => [`--${f.name}`, '1']);
      for (const flag of read.flags.filter((f) => f.integer)) {
        for (const value of values) {
          const args = [
            ...read.command.split(' '),
            ...base.filter((_, i) => required[Math.floor(i / 2)]?.field !== flag.field),
            `--${flag.name}`,
            value,
          ];
          const command = quickCommandOf(args);
          if (!command) {
            refused++;
            continue;
          }
          taken++;
          const parsed = op.inputSchema.safeParse(command.input);
          expect(parsed.success, `${args.join(' ')}: ${JSON.stringify(parsed.error?.issues)}`).toBe(
            true,
          );
        }
      }
    }
    expect(taken).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  it('leaves everything else to the full command line', () => {
    const none = (...argv: string[]) =>
      expect(quickCommandOf(argv), argv.join(' ')).toBeUndefined();
    none('consumers', 'list'); // a required flag missing: the full command says which
    none('consumers', 'list', '--bunit', '11', '--help');
    none('consumers', 'list', '--bunit', '11', '--bunit-id', '11'); // the same field twice
    none('consumers', 'list', '--bunit', 'abc');
    none('consumers', 'list', '--bunit', '11', '--url', 'https://x.example');
    none('consumers', 'list', '--bunit', '11', '--debug');
    none('consumers', 'list', '--bunit', '11', 'extra');
    none('consumers', 'create', '--bunit', '11', '--name', 'x'); // a write
    none('bunits', 'tree'); // a read with its own view
    none('audit', 'query', '--bunit', '11', '--consumer', '400', '--types', 'create'); // a list
    none('--json', 'meta', 'version'); // global flags first: left to commander
    expect(quickCommandOf(['consumers', 'list', '--bunit=11', '--json', '-q'])).toMatchObject({
      input: { bunitId: 11 },
      json: true,
      quiet: true,
    });
  });
});

describe('the quick path: what it prints', () => {
  const { env } = useSimulator();

  const cases: string[][] = [
    ['meta', 'version'],
    ['consumers', 'list', '--bunit', '11'],
    ['consumers', 'get', '--bunit=11', '--consumer', '400'],
    ['bunits', 'children', '--bunit-id', '10'],
    ['catalog', 'operating-systems'],
    ['timezones', 'list', '--limit', '5', '--offset', '2'],
    ['reports', 'latest', '--bunit', '11', '--consumer', '401'],
    ['jobs', 'first', '--bunit', '11', '--consumer', '400'],
    ['consumers', 'get', '--bunit', '11', '--consumer', '999999'], // 404
    ['consumers', 'list', '--bunit', '11', '--limit', 'abc'], // the full command explains
  ];

  it('exactly what the full command prints, in every output mode, errors included', async () => {
    const e = env();
    // Sign in once, on the full path, so both paths start from the same cached token.
    expect((await cli(['meta', 'me'], { env: { ...e, CLOUTAPI_NO_QUICK: '1' } })).code).toBe(0);
    for (const args of cases) {
      for (const mode of [[], ['--json'], ['--quiet']]) {
        const argv = [...args, ...mode];
        const quick = await cli(argv, { env: e });
        const full = await cli(argv, { env: { ...e, CLOUTAPI_NO_QUICK: '1' } });
        expect(quick, argv.join(' ')).toEqual(full);
      }
    }
    const compiled = readdirSync(join(e.CLOUTAPI_CACHE_DIR as string, 'compile'));
    expect(compiled).toContainEqual(expect.stringMatching(/^cloutapi-quick-.+\.v8$/));
  });

  it('every read in its catalog prints what the full command prints (JSON)', async () => {
    const e = env();
    expect((await cli(['meta', 'me'], { env: { ...e, CLOUTAPI_NO_QUICK: '1' } })).code).toBe(0);
    // Seeded ids where the demo data has them; 1 elsewhere (a 404 must read the same too).
    const seed: Record<string, string> = { bunitId: '11', consumerId: '400' };
    let compared = 0;
    for (const read of catalog) {
      // A required flag that is not an integer (a date) always goes to the full command line.
      if (read.flags.some((f) => f.required && !f.integer)) continue;
      const argv = [
        ...read.command.split(' '),
        ...read.flags
          .filter((f) => f.required)
          .flatMap((f) => [`--${f.name}`, seed[f.field] ?? '1']),
        '--json',
      ];
      expect(quickCommandOf(argv), argv.join(' ')).toBeDefined();
      const quick = await cli(argv, { env: e });
      const full = await cli(argv, { env: { ...e, CLOUTAPI_NO_QUICK: '1' } });
      expect(quick, argv.join(' ')).toEqual(full);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  it('reads the Go YAML config file as the full command does', async () => {
    const e = env();
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-quick-yaml-'));
    writeFileSync(
      join(dir, 'cloutility-api-client.yaml'),
      [
        `url: ${e.CLOUTAPI_URL}`,
        `client_id: ${e.CLOUTAPI_CLIENT_ID}`,
        `client_origin: ${e.CLOUTAPI_ORIGIN}`,
        `username: ${e.CLOUTAPI_USERNAME}`,
        `password: ${e.CLOUTAPI_PASSWORD}`,
      ].join('\n'),
    );
    const fileOnly = { HOME: dir, CLOUTAPI_CACHE_DIR: e.CLOUTAPI_CACHE_DIR };
    const argv = ['consumers', 'list', '--bunit', '11', '--json'];
    const quick = await cli(argv, { env: fileOnly, cwd: dir });
    expect(quick.code, quick.stderr).toBe(0);
    expect(quick).toEqual(
      await cli(argv, { env: { ...fileOnly, CLOUTAPI_NO_QUICK: '1' }, cwd: dir }),
    );
  });

  it('signs in when the cache has no token, and leaves the token for the next command', async () => {
    const e = env();
    const first = await cli(['consumers', 'list', '--bunit', '11', '--json'], { env: e });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).items.length).toBeGreaterThan(0);
    const dir = e.CLOUTAPI_CACHE_DIR as string;
    expect(existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('tokens-'))).toBe(true);
  });
});

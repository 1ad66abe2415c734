import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createClock,
  demoCredentials,
  type RunningSimulator,
  startSimulator,
} from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { cli, type RunResult, simEnv, tempDir } from './helpers.js';

/**
 * The Go CLI's command lines (every flag combination of ../shared/go-cli.md) against a simulator
 * with a pinned clock; stdout must be the golden bytes, which are the Go CLI's output for the same
 * server data (its tabwriter, header, dashes, columns, ANSIC dates, hrefs). The simulator's port is
 * the only thing that changes between runs: it is written as http://SIM in the golden files.
 * CLOUTAPI_UPDATE_GOLDEN=1 writes missing files (read them with `cat -A` before committing).
 */

const NOW = '2026-11-20T10:00:00.000Z';
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'go-cli');
const root = tempDir('cloutapi-go-cli-');
let caches = 0;

/** A simulator of its own for each describe: writes of one never change the goldens of another. */
function useSim(): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ clock: createClock({ now: NOW, frozen: true }) });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('the simulator is not running yet');
    return sim;
  };
}

function run(
  sim: RunningSimulator,
  line: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return cli(words(line), { env: { ...simEnv(sim, join(root, `cache-${++caches}`)), ...extra } });
}

/** Splits a command line as a shell would for these tests (double quotes group words). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function golden(name: string, stdout: string, sim: RunningSimulator): void {
  const text = stdout.split(sim.url).join('http://SIM');
  const file = join(GOLDEN, `${name}.txt`);
  if (!existsSync(file) && process.env.CLOUTAPI_UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text, name).toBe(readFileSync(file, 'utf8'));
}

const TIMEOUT = 120_000;

describe('the Go CLI commands print the Go CLI bytes: reads', () => {
  const sim = useSim();

  it.each([
    ['bunit-list', 'bunit list'],
    ['bunit-list-bunit-id', 'bunit list --bunit-id 15'],
    ['bunit-list-no-children', 'bunit list --bunit-id=19'],
    ['consumer-list-home-empty', 'consumer list'],
    ['consumer-list-bunit-id', 'consumer list --bunit-id 11'],
    ['domain-list', 'domain list'],
    ['domain-list-bunit-id', 'domain list --bunit-id 14'],
    ['clientoptionset-list', 'clientoptionset list'],
    ['clientoptionset-list-bunit-id', 'clientoptionset list --bunit-id 14'],
    ['ostype-list', 'ostype list'],
  ])(
    '%s: cloutapi %s',
    async (name, line) => {
      const result = await run(sim(), line);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      golden(name, result.stdout, sim());
    },
    TIMEOUT,
  );

  it(
    '`consumer list | tail -n +3 | cut -f1,2` gives id and name of every consumption unit',
    async () => {
      const result = await run(sim(), 'consumer list --bunit-id 13');
      const cut = result.stdout
        .split('\n')
        .slice(2, -1)
        .map((line) => line.split('\t').slice(0, 2).join('\t'));
      expect(cut).toEqual(['406\teng-build01', '407\teng-vcenter', '408\teng-mac-studio']);
    },
    TIMEOUT,
  );

  it(
    'reads a Go-style cloutility-api-client.yaml with --config PATH (after the command too), or from the current directory',
    async () => {
      const dir = join(root, 'go-config');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'cloutility-api-client.yaml');
      writeFileSync(
        file,
        [
          `url: "${sim().url}"`,
          `client_id: "${demoCredentials.clientId}"`,
          `client_origin: "${demoCredentials.origin}"`,
          `username: "${demoCredentials.username}"`,
          `password: "${demoCredentials.password}"`,
          'client_name: "scripts"',
        ].join('\n'),
      );
      const only = { CLOUTAPI_CACHE_DIR: join(root, `cache-${++caches}`) };
      const flag = await cli(['ostype', 'list', '--config', file], { env: only });
      expect(flag.code, flag.stderr).toBe(0);
      golden('ostype-list', flag.stdout, sim());
      const cwd = await cli(['--config', file, 'consumer', 'list', '--bunit-id', '11'], {
        env: only,
      });
      golden('consumer-list-bunit-id', cwd.stdout, sim());
      const here = await cli(['bunit', 'list'], { env: only, cwd: dir });
      golden('bunit-list', here.stdout, sim());
    },
    TIMEOUT,
  );

  it(
    '--json still prints cloutapi JSON, --quiet ids',
    async () => {
      const json = await run(sim(), 'consumer list --bunit-id 11 --json');
      expect(JSON.parse(json.stdout).items.map((c: { name: string }) => c.name)).toEqual([
        'acme-dc01',
        'acme-sql01',
        'acme-exch01',
      ]);
      const units = await run(sim(), 'bunit list --bunit-id 15 --json');
      expect(JSON.parse(units.stdout)).toEqual([
        expect.objectContaining({ id: 15, name: 'Initech', type: 'Parent', groupName: 'Customer' }),
        expect.objectContaining({ id: 16, name: 'Initech Labs', type: 'Descendant' }),
      ]);
      const quiet = await run(sim(), 'domain list --bunit-id 14 -q');
      expect(quiet.stdout).toBe('4\n5\n');
    },
    TIMEOUT,
  );

  it(
    'a flag with a bad value is a usage error and nothing is sent',
    async () => {
      const before = sim().stats.requests;
      const total = () => Object.values(sim().stats.requests).reduce((a, b) => a + b, 0);
      const count = total();
      for (const line of [
        'consumer list --bunit-id x',
        'consumer list --bunit-id 0x1f',
        'consumer delete',
        'consumer create --name web --activate',
        'consumer create --name web --os-type 3',
        'consumer create --name web --clientOptionSet 2',
        'consumer create --os-type 3 --client-type 1',
        'consumer create --name "" --os-type 3 --client-type 1',
        'consumer create --name "   "',
      ]) {
        const result = await run(sim(), line);
        expect(result.code, line).toBe(EXIT.usage);
        expect(result.stdout, line).toBe('');
      }
      expect(total(), JSON.stringify(before)).toBe(count);
    },
    TIMEOUT,
  );
});

describe('the Go CLI commands print the Go CLI bytes: consumer create and delete', () => {
  const sim = useSim();

  it.each([
    ['consumer-create', 'consumer create --name web-01 --bunit-id 11'],
    [
      'consumer-create-node',
      'consumer create --name web-02 --bunit-id 11 --os-type 3 --client-type 1 --domain 1 --contact "Ops team"',
    ],
    [
      'consumer-create-activate',
      'consumer create --name web-03 --bunit-id 11 --os-type 3 --client-type 1 --domain 1 --activate',
    ],
    [
      'consumer-create-option-set-activate',
      'consumer create --name db-01 --bunit-id 12 --os-type 3 --client-type 5 --domain 3 --clientOptionSet 4 --activate',
    ],
    [
      'consumer-create-home',
      'consumer create --name web-04 --os-type 4 --client-type 1 --domain 2',
    ],
    ['consumer-delete', 'consumer delete --id 402 --bunit-id 11'],
    ['consumer-delete-not-found', 'consumer delete --id 999 --bunit-id 11'],
    ['consumer-delete-home-not-found', 'consumer delete --id 400'],
    ['consumer-delete-proxies', 'consumer delete --id 400 --bunit-id 11'],
  ])(
    '%s: cloutapi %s',
    async (name, line) => {
      const result = await run(sim(), line);
      golden(name, result.stdout, sim());
      const expected = name.includes('not-found')
        ? EXIT.notFound
        : name.includes('proxies')
          ? EXIT.conflict
          : EXIT.ok;
      expect(result.code, result.stderr).toBe(expected);
    },
    TIMEOUT,
  );

  it(
    'creates what the flags say: --clientOptionSet honoured, --contact default Safespring, the final state',
    async () => {
      const nodeOf = (name: string) => {
        const consumer = sim().state.consumers.find((c) => c.name === name);
        return sim().state.nodes.find((n) => n.consumerId === consumer?.id);
      };
      expect(sim().state.consumers.filter((c) => c.name === 'web-01')).toHaveLength(1);
      expect(nodeOf('web-01')).toBeUndefined();
      expect(nodeOf('web-02')).toMatchObject({
        operatingSystemId: 3,
        typeId: 1,
        domainId: 1,
        clientOptionSetId: 2,
        contact: 'Ops team',
        cpuCount: 1,
      });
      expect(nodeOf('web-02')?.tsmName).toBeUndefined();
      expect(nodeOf('web-03')).toMatchObject({ contact: 'Safespring', tsmName: 'WEB-03' });
      expect(nodeOf('db-01')).toMatchObject({ typeId: 5, domainId: 3, clientOptionSetId: 4 });
      // The row prints the node name and password as the node has them.
      const out = readFileSync(join(GOLDEN, 'consumer-create-activate.txt'), 'utf8');
      expect(out.split('\n')[2]?.split(/\t+/).slice(1, 5)).toEqual([
        'web-03',
        'ACTIVATED',
        'WEB-03',
        nodeOf('web-03')?.tsmPassword,
      ]);

      const json = await run(
        sim(),
        'consumer create --name web-05 --bunit-id 11 --os-type 3 --client-type 1 --json',
      );
      expect(JSON.parse(json.stdout)).toMatchObject({
        status: 'CREATED',
        consumer: { name: 'web-05', dataSourceState: { name: 'Created' } },
        node: { operatingSystem: { id: 3 }, clientOptionSet: { id: 2 } },
      });
    },
    TIMEOUT,
  );

  it(
    'activates a node name that needs URL encoding, unquoted',
    async () => {
      const result = await run(
        sim(),
        'consumer create --name r&d+lab --bunit-id 13 --os-type 3 --client-type 1 --activate',
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n')[2]).toMatch(/^\d+\tr&d\+lab\tACTIVATED\tR&D\+LAB\t/);
      const consumer = sim().state.consumers.find((c) => c.name === 'r&d+lab');
      expect(sim().state.nodes.find((n) => n.consumerId === consumer?.id)?.tsmName).toBe('R&D+LAB');
    },
    TIMEOUT,
  );

  it(
    'deletes the associations only when asked',
    async () => {
      const sql = sim().state.consumers.find((c) => c.name === 'acme-sql01');
      const refused = await run(sim(), `consumer delete --id ${sql?.id} --bunit-id 11`);
      expect(refused.code).toBe(EXIT.conflict);
      expect(refused.stderr).toContain('--delete-associations');
      expect(sim().state.consumers.some((c) => c.id === sql?.id)).toBe(true);
      const done = await run(
        sim(),
        `consumer delete --id ${sql?.id} --bunit-id 11 --delete-associations`,
      );
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout.split('\n')[2]).toMatch(/\tDELETED\t/);
      expect(sim().state.consumers.some((c) => c.id === sql?.id)).toBe(false);
      expect(sim().state.proxies).toEqual([]);
    },
    TIMEOUT,
  );
});

describe('consumer create stopped halfway', () => {
  const sim = useSim();
  const NODE = '/v1/bunits/{bunitId}/consumers/{consumerId}/node';

  it(
    'a refused node: says which consumption unit it created, exits 7, and the re-run finishes it without a second one',
    async () => {
      const line =
        'consumer create --name half-01 --bunit-id 11 --os-type 3 --client-type 1 --activate';
      sim().faults.add({ method: 'POST', path: NODE, status: 400, times: 1 });
      const failed = await run(sim(), line);
      expect(failed.code).toBe(EXIT.partial);
      const consumer = sim().state.consumers.find((c) => c.name === 'half-01');
      expect(consumer).toBeDefined();
      expect(failed.stderr).toContain(
        `created consumption unit "half-01" (#${consumer?.id}) in business unit #11, but not its backup node`,
      );
      expect(failed.stderr).toContain(
        `cloutapi consumer delete --id ${consumer?.id} --bunit-id 11`,
      );
      // On stdout, the Go CLI's row of a failed step.
      const lines = failed.stdout.split('\n');
      expect(lines.map((l) => l.split(/\t+/))).toEqual([
        ['ID', 'Name', 'Status', 'SP Username', 'SP Password', 'Url'],
        ['--', '----', '------', '-----------', '-----------', '---'],
        [
          'N/A',
          'half-01',
          "failed to create node: Injected fault 'fault-1' (400). The simulator's fault rule 'fault-1' for POST /v1/bunits/{bunitId}/consumers/{consumerId}/node answered this request.",
          'N/A',
          'N/A',
          'N/A',
        ],
        [''],
      ]);

      const again = await run(sim(), line);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(
        `Continuing with consumption unit "half-01" (#${consumer?.id})`,
      );
      expect(again.stdout.split('\n')[2]).toMatch(
        new RegExp(`^${consumer?.id}\\thalf-01\\tACTIVATED\\tHALF-01\\t`),
      );
      expect(sim().state.consumers.filter((c) => c.name === 'half-01')).toHaveLength(1);

      // Done: a third run creates nothing and says so.
      const third = await run(sim(), line);
      expect(third.code).toBe(EXIT.conflict);
      expect(third.stderr).toContain('activated as HALF-01');
    },
    TIMEOUT,
  );

  it(
    'a failed activation: exits 7 naming the unit and node, and the re-run activates it',
    async () => {
      const line =
        'consumer create --name half-02 --bunit-id 11 --os-type 3 --client-type 1 --activate';
      sim().faults.add({ method: 'GET', path: `${NODE}/activate`, status: 409, times: 1 });
      const failed = await run(sim(), line);
      expect(failed.code).toBe(EXIT.partial);
      const consumer = sim().state.consumers.find((c) => c.name === 'half-02');
      expect(failed.stderr).toContain(
        `created consumption unit "half-02" (#${consumer?.id}) and its backup node in business unit #11, but did not activate the node`,
      );
      expect(failed.stdout.split('\n')[2]).toMatch(/^N\/A\thalf-02\terror activating node: /);
      const again = await run(sim(), line);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/\tACTIVATED\tHALF-02\t/);
      expect(sim().state.consumers.filter((c) => c.name === 'half-02')).toHaveLength(1);
      expect(sim().state.nodes.filter((n) => n.consumerId === consumer?.id)).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    "checks the node's settings against the catalog and the default server before creating anything (exit 2)",
    async () => {
      const writes = () =>
        sim().stats.log.filter((e) => e.method !== 'GET' && e.route !== '/v1/oauth').length;
      const before = writes();
      const node = '--name check-01 --bunit-id 11 --os-type 3 --client-type 1';
      for (const [line, words] of [
        [
          '--name check-01 --bunit-id 11 --os-type 99 --client-type 1',
          '--os-type: no operatingSystem #99',
        ],
        [
          '--name check-01 --bunit-id 11 --os-type 3 --client-type 99',
          '--client-type: no nodeType #99',
        ],
        [`${node} --domain 77`, '--domain: no domain #77; the default server lists'],
        [
          `${node} --clientOptionSet 77`,
          '--clientOptionSet: no clientOptionSet #77; the default server lists',
        ],
        // Unit 14's default server has no option set 2, the Go CLI's default.
        [
          '--name check-01 --bunit-id 14 --os-type 3 --client-type 1',
          'no clientOptionSet #2 (the default, as in the Go CLI); the default server lists',
        ],
      ] as const) {
        const result = await run(sim(), `consumer create ${line} --activate`);
        expect(result.code, line).toBe(EXIT.usage);
        expect(result.stdout, line).toBe('');
        expect(result.stderr, line).toContain(words);
        expect(result.stderr, line).toContain('Nothing was created.');
      }
      expect(writes()).toBe(before);
    },
    TIMEOUT,
  );

  it.each([
    [
      'a unit whose name differs only by letter case is not taken, nor is a twin made (exit 5), as enroll',
      'ACME-EXCH01',
      'differ only by letter case',
    ],
    [
      'a consumption unit of the same name is not created twice',
      'acme-exch01',
      'already has a consumption unit named "acme-exch01"',
    ],
  ])(
    '%s',
    async (_, name, words) => {
      const result = await run(sim(), `consumer create --name ${name} --bunit-id 11`);
      expect(result.code).toBe(EXIT.conflict);
      expect(result.stderr).toContain(words);
      const { consumers } = sim().state;
      expect(consumers.filter((c) => c.name === 'acme-exch01')).toHaveLength(1);
      expect(consumers.filter((c) => c.name?.toLowerCase() === 'acme-exch01')).toHaveLength(1);
    },
    TIMEOUT,
  );
});

describe('a hostile server', () => {
  let server: Server;
  let url = '';
  const evil = 'x\u001b]0;owned\u0007\u001b[2J\tfake\ncolumn\u202e';
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/oauth') {
        res.end(
          JSON.stringify({
            access_token: 'a'.repeat(40),
            token_type: 'bearer',
            expires_in: 3600,
            refresh_token: 'r'.repeat(40),
          }),
        );
        return;
      }
      res.end(
        JSON.stringify({
          total: 1,
          items: [{ id: 7, name: evil, createdDate: evil, href: `${evil}/v1` }],
        }),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it(
    "cannot drive the terminal or break the table's cells and lines",
    async () => {
      const result = await cli(['consumer', 'list', '--bunit-id', '11', '--no-cache'], {
        env: {
          CLOUTAPI_URL: url,
          CLOUTAPI_CLIENT_ID: 'c',
          CLOUTAPI_ORIGIN: 'https://o.example',
          CLOUTAPI_USERNAME: 'u',
          CLOUTAPI_PASSWORD: 'p',
        },
      });
      expect(result.code, result.stderr).toBe(0);
      for (const raw of ['\u001b', '\u0007', '\u202e', 'x\u001b'])
        expect(result.stdout).not.toContain(raw);
      const lines = result.stdout.split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[2]?.split(/\t+/)).toHaveLength(4);
      expect(lines[2]).toMatch(
        /^7\tx\u241b\]0;owned\u2407\u241b\[2J\u2409fake\u240acolumn<U\+202E>\t/,
      );
    },
    TIMEOUT,
  );
});

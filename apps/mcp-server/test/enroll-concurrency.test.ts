import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCredentials } from '@cloutapi/simulator';
import { baseEnv } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, seedIds, stdioClient, useHarness } from './support.js';

// The spawned servers' homes and cache folders (their lock files go to the user's lock folder).
const cache = mkdtempSync(join(tmpdir(), 'cloutapi-mcp-enroll-'));

const h = useHarness({ allowSecrets: true });
let acme: number;
beforeAll(() => {
  acme = seedIds(h.sim).acme;
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The consumption units named exactly `name` in Acme, from the simulator's state. */
const unitsNamed = (name: string) =>
  h.sim.state.consumers.filter((c) => c.businessUnitId === acme && c.name === name);

describe('enroll_machine called many times at once', () => {
  it('20 parallel calls for one machine make one consumption unit and one node; every call answers with it', async () => {
    const name = 'mcp-parallel-01';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.call('enroll_machine', { bunitId: acme, name, operatingSystem: 'Linux' }),
      ),
    );
    for (const a of answers) expect(a.isError, a.text).toBe(false);
    expect(unitsNamed(name)).toHaveLength(1);
    const consumerId = unitsNamed(name)[0]?.id;
    expect(h.sim.state.nodes.filter((n) => n.consumerId === consumerId)).toHaveLength(1);
    const statuses = answers.map((a) => a.structured.status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'already-enrolled')).toHaveLength(19);
    expect(new Set(answers.map((a) => a.structured.consumerId))).toEqual(new Set([consumerId]));
    expect(new Set(answers.map((a) => a.structured.nodeName)).size).toBe(1);
    expect(new Set(answers.map((a) => a.structured.password)).size).toBe(1);
  });

  it('20 parallel calls over 5 machines (4 calls each) make one unit per machine', async () => {
    const machines = Array.from({ length: 5 }, (_, i) => `mcp-mixed-${i}`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.call('enroll_machine', {
          bunitId: acme,
          name: machines[i % 5],
          operatingSystem: 'Linux',
        }),
      ),
    );
    for (const a of answers) expect(a.isError, a.text).toBe(false);
    for (const name of machines) expect(unitsNamed(name), name).toHaveLength(1);
  });

  it('a name that differs only by case is not handed back: the tool asks, without the other machine’s password', async () => {
    const first = await h.call('enroll_machine', {
      bunitId: acme,
      name: 'Mcp-Case',
      operatingSystem: 'Linux',
    });
    expect(first.isError, first.text).toBe(false);
    const other = await h.call('enroll_machine', {
      bunitId: acme,
      name: 'MCP-CASE',
      operatingSystem: 'Linux',
    });
    expect(other.isError).toBe(true);
    expect(other.text).toContain('differ only by letter case');
    expect(other.text).not.toContain(first.structured.password as string);
    expect(unitsNamed('MCP-CASE')).toHaveLength(0);
  });
});

describe('enroll_machine in four server processes at once', () => {
  it('four built servers, each with its own home and cache folder, two URL spellings, 5 calls each for one machine: one consumption unit', async () => {
    const spellings = ['localhost', '127.0.0.1', 'localhost', '127.0.0.1'] as const;
    const env = (server: (typeof spellings)[number], i: number) => ({
      ...baseEnv(),
      HOME: join(cache, `server-${i}`),
      NODE_NO_WARNINGS: '1',
      CLOUTAPI_URL: h.sim.url.replace('127.0.0.1', server),
      CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
      CLOUTAPI_ORIGIN: demoCredentials.origin,
      CLOUTAPI_USERNAME: demoCredentials.username,
      CLOUTAPI_PASSWORD: demoCredentials.password,
      CLOUTAPI_CACHE_DIR: join(cache, `server-${i}`, 'cache'),
    });
    const clients = await Promise.all(
      spellings.map(async (server, i) => {
        const { client } = await stdioClient({
          command: process.execPath,
          args: [BIN],
          env: env(server, i),
        });
        return client;
      }),
    );
    try {
      const name = 'mcp-four-processes';
      const answers = await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 5 }, () =>
            client.callTool({
              name: 'enroll_machine',
              arguments: { bunitId: acme, name, operatingSystem: 'Linux' },
            }),
          ),
        ),
      );
      for (const a of answers) expect(a.isError, JSON.stringify(a.content)).toBeFalsy();
      expect(unitsNamed(name)).toHaveLength(1);
      const statuses = answers.map((a) => (a.structuredContent as { status: string }).status);
      expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(1);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCredentials, type RunningSimulator } from '@cloutapi/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupCacheFile } from '../src/lookup-cache.js';
import { tokenCacheFile } from '../src/token-cache.js';
import { cli, cliJson, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

const NODE = 'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node';
const LOOKUPS = /nodeoperatingsystems|nodetypes|defaultserver/;

type Enrolled = { status: string; steps: { detail: string }[] };

/** Runs the CLI (a new process) and counts the lookups and refused node creations it made. */
async function counted(args: string[], e: NodeJS.ProcessEnv) {
  sim().stats.reset();
  const result = await cli(args, { env: e });
  expect(result.code, result.stderr).toBe(0);
  const routes = Object.keys(sim().stats.requests);
  const log = sim().stats.log;
  return {
    stdout: result.stdout,
    lookups: routes.filter((r) => LOOKUPS.test(r)).sort(),
    refused: log.filter((r) => `${r.method} ${r.route}` === NODE && r.status >= 400).length,
  };
}

const enroll = (name: string) => ['enroll', '--bunit', '11', '--name', name, '--os', 'Linux'];

/** The lookup file of the demo user on the simulator, in the cache folder of `e`. */
const lookupFileOf = (e: NodeJS.ProcessEnv, identity: { url?: string; username?: string } = {}) =>
  lookupCacheFile(
    tokenCacheFile(
      {
        url: identity.url ?? sim().url,
        clientId: demoCredentials.clientId,
        username: identity.username ?? demoCredentials.username,
      },
      e.CLOUTAPI_CACHE_DIR,
    ),
  );

const saved: RunningSimulator['state']['domains'] = [];
afterEach(() => {
  if (saved.length) sim().state.domains.splice(0, Infinity, ...saved.splice(0));
});

describe('the lookup cache', () => {
  it('a warm cache: enroll, enroll --from and consumer create in new processes read no lookup', async () => {
    const e = env();
    const cold = await counted(enroll('lookups-01'), e);
    expect(cold.lookups.length).toBeGreaterThan(0);
    expect((await counted(enroll('lookups-02'), e)).lookups).toEqual([]);
    const csv = join(dir, 'warm.csv');
    writeFileSync(csv, 'name,bunit,os\nlookups-03,11,Linux\nlookups-04,11,Linux\n');
    expect((await counted(['enroll', '--from', csv], e)).lookups).toEqual([]);
    // The Go-style create names a node type: the one list enroll did not need, read once.
    const goNode = (name: string) => [
      ...['consumer', 'create', '--name', name, '--bunit-id', '11'],
      ...['--os-type', '3', '--client-type', '1', '--activate'],
    ];
    expect((await counted(goNode('lookups-05'), e)).lookups).toEqual(['GET /v1/nodetypes']);
    expect((await counted(goNode('lookups-05b'), e)).lookups).toEqual([]);
    // Beside the token file, private, without a secret in it.
    const file = lookupFileOf(e);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(demoCredentials.password);
    expect(text).not.toMatch(/token|password/i);
  });

  it('a remembered domain the portal replaced between runs: one refused write, read again, enrolled', async () => {
    const e = env();
    const first = await cliJson<Enrolled>(enroll('lookups-06'), { env: e });
    const used = first.steps.find((s) => s.detail.startsWith('policy domain'))?.detail ?? '';
    const domain = sim().state.domains.find((d) => d.id === Number(/#(\d+)/.exec(used)?.[1]));
    if (!domain) throw new Error(`no domain in ${used}`);
    saved.push(...sim().state.domains);
    sim().state.domains.splice(sim().state.domains.indexOf(domain), 1, { ...domain, id: 9101 });

    const second = await counted([...enroll('lookups-07'), '--json'], e);
    expect(second.refused).toBe(1);
    expect(second.lookups).toContain('GET /v1/bunits/{bunitId}/defaultserver/domains');
    const result = JSON.parse(second.stdout) as Enrolled;
    expect(result.status).toBe('enrolled');
    expect(result.steps.map((s) => s.detail)).toContain(`policy domain ${domain.name} (#9101)`);
    // Kept: the next run neither reads nor is refused.
    const third = await counted(enroll('lookups-08'), e);
    expect([third.refused, third.lookups]).toEqual([0, []]);
  });

  it('a corrupt or wrong-shaped lookup file is ignored: everything is read again', async () => {
    const e = env();
    await counted(enroll('lookups-09'), e);
    const file = lookupFileOf(e);
    const all = (
      await counted(enroll('lookups-10'), { ...e, CLOUTAPI_CACHE_DIR: env().CLOUTAPI_CACHE_DIR })
    ).lookups;
    for (const [i, text] of [
      '{"entries": ',
      '[1,2]',
      '{"entries":{"os catalog":{"savedAt":"x"}}}',
    ].entries()) {
      writeFileSync(file, text);
      const run = await counted(enroll(`lookups-corrupt-${i}`), e);
      expect(run.lookups).toEqual(all);
    }
    // Of the right shape but with values that are not the catalog's: read again as well.
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    for (const entry of Object.values(stored.entries) as { value: unknown }[])
      entry.value = [{ id: 'one' }];
    writeFileSync(file, JSON.stringify(stored));
    expect((await counted(enroll('lookups-11'), e)).lookups).toEqual(all);
  });

  it("another portal's or user's lookup file is never used", async () => {
    const e = env();
    await counted(enroll('lookups-12'), e);
    const mine = JSON.parse(readFileSync(lookupFileOf(e), 'utf8'));
    const fresh = env();
    mkdirSync(fresh.CLOUTAPI_CACHE_DIR as string, { recursive: true, mode: 0o700 });
    for (const identity of [{ url: 'https://other.example' }, { username: 'someone-else' }])
      writeFileSync(lookupFileOf(fresh, identity), JSON.stringify(mine));
    expect(lookupFileOf(fresh, { username: 'someone-else' })).not.toBe(lookupFileOf(fresh));
    const run = await counted(enroll('lookups-13'), fresh);
    expect(run.lookups.length).toBeGreaterThan(0);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const e = env();
    await counted(enroll('lookups-14'), e);
    const run = await counted([...enroll('lookups-15'), '--no-cache'], e);
    expect(run.lookups.length).toBeGreaterThan(0);
    const other = env();
    await counted([...enroll('lookups-16'), '--no-cache'], other);
    expect(
      existsSync(other.CLOUTAPI_CACHE_DIR as string) &&
        readdirSync(other.CLOUTAPI_CACHE_DIR as string).some((f) => f.startsWith('lookups-')),
    ).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { demoCredentials } from '@cloutapi/simulator';
import { describe, expect, it } from 'vitest';
import { cacheDir, fnv1a64, readTokens, tokenCacheFile, writeTokens } from '../src/token-cache.js';
import { cli, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();

/** Runs `count` commands, `parallel` at a time, each expected to succeed. */
async function runMany(count: number, parallel: number, args: string[], e: NodeJS.ProcessEnv) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const result = await cli(args, { env: e });
      expect(result.code, result.stderr).toBe(0);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

describe('the token cache', () => {
  it('signs in once for a script of 50 commands', async () => {
    const e = env();
    const grants = { ...sim().stats.tokenGrants };
    // The first command signs in and caches; the other 49 (a few at a time) reuse the token.
    await runMany(1, 1, ['meta', 'version'], e);
    await runMany(49, 3, ['meta', 'version'], e);
    expect(sim().stats.tokenGrants.password - grants.password).toBe(1);
    expect(sim().stats.tokenGrants.refresh - grants.refresh).toBe(0);

    const dir = e.CLOUTAPI_CACHE_DIR as string;
    // Beside the compiled-code cache (compile/): one token file.
    const files = readdirSync(dir).filter((f) => f.startsWith('tokens-'));
    expect(files).toHaveLength(1);
    const file = join(dir, files[0] as string);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(demoCredentials.password);
    expect(text).not.toContain(demoCredentials.username);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual([
      'accessToken',
      'expiresAt',
      'fingerprint',
      'refreshToken',
      'savedAt',
    ]);
  });

  it('refreshes an expired token instead of signing in again', async () => {
    const e = env();
    await runMany(1, 1, ['meta', 'version'], e);
    const grants = { ...sim().stats.tokenGrants };
    sim().clock.advance(10 * 60_000);
    // Our copy of the expiry is on the real clock: make the cached token look expired too.
    const file = tokenCacheFile(
      { url: sim().url, clientId: demoCredentials.clientId, username: demoCredentials.username },
      e.CLOUTAPI_CACHE_DIR,
    );
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...cached, expiresAt: Date.now() - 1000 }));
    await runMany(2, 1, ['meta', 'version'], e);
    expect(sim().stats.tokenGrants.password - grants.password).toBe(0);
    expect(sim().stats.tokenGrants.refresh - grants.refresh).toBe(1);
    expect(readTokens(file)?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('--no-cache neither reads nor writes it', async () => {
    const e = env();
    const grants = sim().stats.tokenGrants.password;
    await runMany(3, 1, ['meta', 'version', '--no-cache'], e);
    expect(sim().stats.tokenGrants.password - grants).toBe(3);
    const dir = e.CLOUTAPI_CACHE_DIR as string;
    expect(existsSync(dir) ? readdirSync(dir) : []).not.toContainEqual(
      expect.stringMatching(/^tokens-/),
    );
  });

  it('recovers when the cached token is no longer accepted', async () => {
    const e = env();
    await runMany(1, 1, ['meta', 'version'], e);
    sim().revokeTokens();
    const result = await cli(['meta', 'version'], { env: e });
    expect(result.code, result.stderr).toBe(0);
  });

  it('lives in the user cache directory of each platform', () => {
    expect(cacheDir({ CLOUTAPI_CACHE_DIR: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe('/c/cloutapi');
    expect(cacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/cloutapi');
    expect(cacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/.cache/cloutapi');
    expect(
      cacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'),
    ).toMatch(/Local[\\/]cloutapi$/);
    const a = tokenCacheFile({ url: 'https://a', clientId: 'c', username: 'u' }, '/d');
    expect(tokenCacheFile({ url: 'https://a', clientId: 'c', username: 'U' }, '/d')).toBe(a);
    expect(tokenCacheFile({ url: 'https://b', clientId: 'c', username: 'u' }, '/d')).not.toBe(a);
    expect(tokenCacheFile({ url: 'https://a', clientId: 'd', username: 'u' }, '/d')).not.toBe(a);
  });
});

describe('the token cache, against a hostile machine or a changed password', () => {
  const root = tempDir('cloutapi-cache-safety-');

  it('a warm cache never hides a wrong password, nor serves another user its tokens', async () => {
    const e = env();
    expect((await cli(['whoami'], { env: e })).code).toBe(0);
    const wrong = await cli(['whoami'], { env: { ...e, CLOUTAPI_PASSWORD: 'not-the-password' } });
    expect(wrong.code, wrong.stdout).toBe(3);
    // The right password still works afterwards (and signs in again: its tokens were replaced).
    expect((await cli(['whoami'], { env: e })).code).toBe(0);
  });

  it('creates its folder 0700 and refuses one others may write in (and runs without it)', async () => {
    const fresh = join(root, 'fresh', 'cloutapi');
    const made = await cli(['meta', 'version'], { env: env({ CLOUTAPI_CACHE_DIR: fresh }) });
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);

    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const run = await cli(['meta', 'version'], { env: env({ CLOUTAPI_CACHE_DIR: open }) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/not using the token cache folder .*others may write in .*open/);
    expect(readdirSync(open).filter((f) => f.startsWith('tokens-'))).toEqual([]);
  });

  it('refuses a folder that belongs to another user', async () => {
    // As root, a folder given to nobody; as anyone else, the root folder (root's own).
    let theirs = '/';
    if (process.getuid?.() === 0) {
      theirs = join(root, 'theirs');
      mkdirSync(theirs, { mode: 0o700 });
      chownSync(theirs, 65534, 65534);
    }
    const owner = statSync(theirs).uid;
    const run = await cli(['meta', 'version'], { env: env({ CLOUTAPI_CACHE_DIR: theirs }) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`belongs to user id ${owner}, not to you`);
    expect(readdirSync(theirs).filter((f) => f.startsWith('tokens-'))).toEqual([]);
  });

  it('a planted symlink receives nothing: temp files are new, exclusive and unpredictable', () => {
    const dir = join(root, 'planted');
    mkdirSync(dir, { mode: 0o700 });
    const file = join(dir, 'tokens-0123456789abcdef.json');
    const stolen = join(root, 'stolen.json');
    // Where the old code wrote its temporary file, and the cache file itself.
    symlinkSync(stolen, `${file}.${process.pid}.tmp`);
    symlinkSync(join(root, 'stolen-too.json'), file);
    writeTokens(file, { accessToken: 'planted-access-0001', expiresAt: Date.now() + 60_000 }, dir);
    expect(existsSync(stolen)).toBe(false);
    expect(existsSync(join(root, 'stolen-too.json'))).toBe(false);
    expect(readTokens(file)?.accessToken).toBe('planted-access-0001');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('the credentials check in the token file, against an offline guesser', () => {
  /** The unsalted SHA-256 of the credentials that cache files used to keep. */
  const plainDigest = (url: string) =>
    createHash('sha256')
      .update(
        JSON.stringify([
          url,
          demoCredentials.clientId,
          demoCredentials.origin,
          demoCredentials.username.toLowerCase(),
          demoCredentials.password,
        ]),
      )
      .digest('hex');
  const cacheText = (dir: string) => {
    const file = readdirSync(dir).find((f) => f.startsWith('tokens-'));
    return readFileSync(join(dir, file as string), 'utf8');
  };

  it('keeps no plain digest of the password, and differs between two users of the same credentials', async () => {
    const [a, b] = [env(), env()];
    for (const e of [a, b]) expect((await cli(['meta', 'version'], { env: e })).code).toBe(0);
    const [textA = '', textB = ''] = [a, b].map((e) => cacheText(e.CLOUTAPI_CACHE_DIR as string));
    expect(textA).not.toContain(plainDigest(sim().url));
    expect(textA).not.toContain(plainDigest(`${sim().url}/`));
    // A random key per user, kept beside the cache files (0600), never in them.
    const key = readFileSync(join(a.CLOUTAPI_CACHE_DIR as string, 'token-key'), 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(a.CLOUTAPI_CACHE_DIR as string, 'token-key')).mode & 0o777).toBe(0o600);
    expect(textA).not.toContain(key);
    const [fa, fb] = [textA, textB].map((t) => JSON.parse(t).fingerprint as string);
    expect(fa).toMatch(/^[0-9a-f]{64}$/);
    expect(fa).not.toBe(fb);
  });

  it('processes racing to make the key agree on one: each signs in at most once, then all reuse the cache', async () => {
    const e = env();
    const before = sim().stats.tokenGrants.password;
    const first = await Promise.all(Array.from({ length: 4 }, () => cli(['whoami'], { env: e })));
    for (const run of first) expect(run.code, run.stderr).toBe(0);
    expect(sim().stats.tokenGrants.password - before).toBeLessThanOrEqual(4);
    const signedIn = sim().stats.tokenGrants.password;
    const again = await Promise.all(Array.from({ length: 4 }, () => cli(['whoami'], { env: e })));
    for (const run of again) expect(run.code, run.stderr).toBe(0);
    expect(sim().stats.tokenGrants.password - signedIn).toBe(0);
    const dir = e.CLOUTAPI_CACHE_DIR as string;
    expect(readdirSync(dir).filter((f) => f.includes('token-key'))).toEqual(['token-key']);
  });

  it('refuses a key file others may read, and runs without the cache', async () => {
    const e = env();
    const dir = e.CLOUTAPI_CACHE_DIR as string;
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'token-key'), 'a'.repeat(64), { mode: 0o644 });
    const run = await cli(['meta', 'version'], { env: e });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/not using the token cache folder .*token-key.*others may read it/);
    expect(readdirSync(dir).filter((f) => f.startsWith('tokens-'))).toEqual([]);
  });
});

describe('the token file name', () => {
  it('is FNV-1a 64 of URL, client id and username: stable, distinct, and says nothing of them', () => {
    // The published test vectors of FNV-1a 64.
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    const target = { url: 'https://portal.example', clientId: 'c1', username: 'Ops@Example.net' };
    const file = tokenCacheFile(target, '/cache');
    expect(file).toMatch(/^\/cache\/tokens-[0-9a-f]{16}\.json$/);
    expect(file).toBe(tokenCacheFile({ ...target, username: 'ops@example.net' }, '/cache'));
    expect(file).not.toBe(tokenCacheFile({ ...target, clientId: 'c2' }, '/cache'));
    expect(file).not.toMatch(/portal|example|ops/i);
  });
});

import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../src/launch.js';

const run = promisify(execFile);
// Each load is its own process: within one process V8 reuses what it compiled, whatever the cache.
const LAUNCH = pathToFileURL(fileURLToPath(new URL('../dist/launch.js', import.meta.url))).href;

interface Outcome {
  cache: string;
  answer: number;
  cacheFile: string | null;
}

/** Loads `file` with loadBundle in a fresh Node process, calls it, saves the cache. */
async function load(file: string, dir: string | undefined, env: NodeJS.ProcessEnv = {}) {
  const script = `
    const { loadBundle } = await import(${JSON.stringify(LAUNCH)});
    const b = loadBundle(${JSON.stringify(file)}, { name: 'app', version: '1.2.3', dir: ${JSON.stringify(dir)} });
    const answer = b.exports.answer();
    b.saveCache();
    process.stdout.write(JSON.stringify({ cache: b.cache, answer, cacheFile: b.cacheFile ?? null }));`;
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...env },
  });
  expect(stderr).toBe(''); // no warning of any kind
  return JSON.parse(stdout) as Outcome;
}

function bundle(
  source = 'exports.answer = function () { return require("node:path").sep.length + 41; };',
) {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-bundle-'));
  const file = join(dir, 'app.cjs');
  writeFileSync(file, source);
  return { file, cache: join(dir, 'cache') };
}

const files = (dir: string) =>
  existsSync(join(dir, 'compile')) ? readdirSync(join(dir, 'compile')).sort() : [];

describe('loadBundle', () => {
  it('compiles from source first, writes the cache (0600 in a 0700 folder), then starts from it', async () => {
    const { file, cache } = bundle();
    const first = await load(file, cache);
    expect(first).toMatchObject({ cache: 'missing', answer: 42 });
    expect(files(cache)).toEqual([expect.stringMatching(/^app-1\.2\.3-.+\.v8$/)]);
    expect(statSync(join(cache, 'compile')).mode & 0o777).toBe(0o700);
    expect(statSync(first.cacheFile ?? '').mode & 0o777).toBe(0o600);
    const second = await load(file, cache);
    expect(second).toEqual({ cache: 'used', answer: 42, cacheFile: first.cacheFile });
  });

  it('a damaged cache is refused by V8 and replaced; the bundle runs all the same', async () => {
    const { file, cache } = bundle();
    const { cacheFile } = await load(file, cache);
    writeFileSync(cacheFile ?? '', 'not a code cache');
    expect(await load(file, cache)).toMatchObject({ cache: 'rejected', answer: 42 });
    expect(readFileSync(cacheFile ?? '', 'utf8')).not.toBe('not a code cache');
    expect(await load(file, cache)).toMatchObject({ cache: 'used', answer: 42 });
  });

  it('a new build of the bundle gets a new cache and the old one is removed', async () => {
    const { file, cache } = bundle();
    const old = await load(file, cache);
    writeFileSync(file, 'exports.answer = () => 7;');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const next = await load(file, cache);
    expect(next).toMatchObject({ cache: 'missing', answer: 7 });
    expect(next.cacheFile).not.toBe(old.cacheFile);
    expect(files(cache)).toHaveLength(1);
    expect(await load(file, cache)).toMatchObject({ cache: 'used', answer: 7 });
  });

  it('is off without a directory or with NODE_DISABLE_COMPILE_CACHE, and writes nothing', async () => {
    const { file, cache } = bundle();
    expect(await load(file, undefined)).toEqual({ cache: 'off', answer: 42, cacheFile: null });
    const off = await load(file, cache, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off).toEqual({ cache: 'off', answer: 42, cacheFile: null });
    expect(existsSync(cache)).toBe(false);
  });

  it('a cache folder it cannot create costs speed only: no error, no cache', async () => {
    const { file, cache } = bundle();
    writeFileSync(cache, 'a file where the folder should be');
    expect(await load(file, cache)).toMatchObject({ cache: 'missing', answer: 42 });
    expect(await load(file, cache)).toMatchObject({ cache: 'missing', answer: 42 });
  });

  it.skipIf(process.platform === 'win32')(
    'a cache folder others may write to is neither read nor written',
    async () => {
      const { file, cache } = bundle();
      const { cacheFile } = await load(file, cache);
      chmodSync(join(cache, 'compile'), 0o777);
      expect(await load(file, cache)).toMatchObject({ cache: 'unsafe', answer: 42 });
      chmodSync(join(cache, 'compile'), 0o700);
      chmodSync(cacheFile ?? '', 0o666);
      expect(await load(file, cache)).toMatchObject({ cache: 'unsafe', answer: 42 });
      expect(statSync(cacheFile ?? '').mode & 0o777).toBe(0o666); // left alone
    },
  );

  it('errors in the bundle surface with the bundle file in the stack', async () => {
    const { file, cache } = bundle('exports.answer = () => { throw new Error("boom"); };');
    const failed = await load(file, cache).catch((e: { stderr: string }) => e);
    expect((failed as { stderr: string }).stderr).toContain('boom');
    expect((failed as { stderr: string }).stderr).toContain(file);
  });
});

describe('cacheDir', () => {
  it('CLOUTAPI_CACHE_DIR, then XDG_CACHE_HOME, then the platform folder', () => {
    expect(cacheDir({ CLOUTAPI_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, 'linux', '/h')).toBe('/c');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/h')).toBe(join('/x', 'cloutapi'));
    expect(cacheDir({}, 'linux', '/h')).toBe(join('/h', '.cache', 'cloutapi'));
    expect(cacheDir({}, 'darwin', '/h')).toBe(join('/h', '.cache', 'cloutapi'));
    expect(cacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\h')).toBe(join('C:\\L', 'cloutapi'));
  });
});

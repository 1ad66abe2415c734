import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cli, tempDir, useSimulator } from './helpers.js';

/** Node 22.1+ has its own compile cache; Node 20 does not. */
const hasCompileCache = 'enableCompileCache' in module;

/**
 * The files of the bundle a run of `args` loaded (their bytes, and their code), listed at exit by
 * a preload that reads require's cache.
 */
async function loadedBy(args: string[], env: NodeJS.ProcessEnv) {
  const preload = join(tempDir(), 'list-loaded.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded: ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));",
  );
  const run = await cli(args, { env: { ...env, NODE_OPTIONS: `--require ${preload}` } });
  expect(run.code, run.stderr).toBe(0);
  const listed = JSON.parse(/\nloaded: (.*)\n/.exec(run.stderr)?.[1] ?? '[]') as string[];
  const files = listed.filter((file) => file.startsWith(join(CLI, '..')));
  return {
    bytes: files.reduce((n, file) => n + statSync(file).size, 0),
    code: files.map((file) => readFileSync(file, 'utf8')).join('\n'),
  };
}

describe('start-up', () => {
  const { env } = useSimulator();

  it("the bin turns on Node's compile cache where Node has one (22.1+) and runs without it on Node 20", async () => {
    const e = env();
    const dir = join(e.CLOUTAPI_CACHE_DIR as string, 'compile');
    const first = await cli(['meta', 'version', '--debug'], { env: e });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('1.0.4480.0');
    const second = await cli(['consumers', 'list', '--bunit', '11', '--debug'], { env: e });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('acme-dc01');
    if (hasCompileCache) {
      expect(first.stderr).toContain(`cloutapi: compile cache: enabled (${dir})`);
      // Node writes the compiled code of cli.cjs there when the process exits.
      expect(readdirSync(dir, { recursive: true }).length).toBeGreaterThan(0);
      const off = await cli(['meta', 'version', '--debug'], {
        env: { ...e, NODE_DISABLE_COMPILE_CACHE: '1' },
      });
      expect(off.code, off.stderr).toBe(0);
      expect(off.stderr).toMatch(/cloutapi: compile cache: disabled/);
      // The cache folder is the user's alone; one that others may write in is not used.
      expect(statSync(e.CLOUTAPI_CACHE_DIR as string).mode & 0o777).toBe(0o700);
      const open = tempDir();
      chmodSync(open, 0o777);
      const refused = await cli(['meta', 'version', '--debug'], {
        env: { ...e, CLOUTAPI_CACHE_DIR: open },
      });
      expect(refused.code, refused.stderr).toBe(0);
      expect(refused.stderr).toContain(
        `cloutapi: compile cache: refused (others may write in ${open})`,
      );
      expect(existsSync(join(open, 'compile'))).toBe(false);
    } else {
      expect(first.stderr).toContain('cloutapi: compile cache: not available on this Node');
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('a run loads the code of its own command: --version the entry alone, a read neither the simulator nor the CSV parser', async () => {
    const bin = readdirSync(join(CLI, '..'));
    expect(bin).toContain('cli.cjs');
    expect(readFileSync(CLI, 'utf8').length).toBeLessThan(4000);
    const files = bin.map((file) => join(CLI, '..', file));
    const all = files.reduce((n, file) => n + statSync(file).size, 0);
    const bundle = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const version = await loadedBy(['--version'], env());
    const read = await loadedBy(['consumers', 'list', '--bunit', '11'], env());
    const everything = await loadedBy(['completion', 'bash'], env());
    // The entry (the parser and the list of commands), a small part of the whole.
    expect(version.bytes).toBeLessThan(all / 5);
    expect(read.bytes).toBeGreaterThan(version.bytes);
    expect(everything.bytes).toBeGreaterThan(version.bytes);
    // Class names survive minification: the simulator's server and the CSV parser's error are in
    // the bundle, and a read loads neither.
    for (const name of [/\bclass Hono\b/, /\bCsvError\b/]) {
      expect(bundle).toMatch(name);
      expect(read.code).not.toMatch(name);
    }
  });

  it('no run compiles a zod parser: the JIT is off before the first schema is built, in every kind of command', async () => {
    // zod's JIT compiles with the Function constructor; the preload counts what is compiled.
    const preload = join(tempDir(), 'count-compiled.cjs');
    writeFileSync(
      preload,
      [
        'let compiled = 0;',
        'globalThis.Function = new Proxy(Function, { construct(target, args) { compiled++; return Reflect.construct(target, args); } });',
        "process.on('exit', () => require('node:fs').writeSync(2, '\\ncompiled: ' + compiled + '\\n'));",
      ].join('\n'),
    );
    const runs = [
      ['consumers', 'list', '--bunit', '11'],
      ['bunits', 'tree'],
      ['consumer', 'list', '--bunit-id', '11'],
      ['enroll', '--bunit', '11', '--name', 'jit-check-01', '--os', 'Linux'],
      ['describe', '--bunit', '11', '--name', 'acme-dc01'],
      ['jobs', 'since', '--bunit', '11', '--hours', '24'],
      ['status', '--bunit', '11'],
    ];
    for (const args of runs) {
      const run = await cli(args, { env: { ...env(), NODE_OPTIONS: `--require ${preload}` } });
      // status exits as a Nagios plugin: 0-2 by what it found, all of them a finished run.
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(2);
      expect(run.stderr, args.join(' ')).toMatch(/\ncompiled: 0\n/);
    }
  });

  it("a read leaves util's lazy parts unloaded: the bundle imports util without copying it", async () => {
    // Node 22+ builds parseArgs and diff on first read of util.parseArgs / util.diff; copying
    // util's properties for an import (node-fetch imports it) read them all. Node 20 has no lazy
    // ones, so there this holds either way.
    const preload = join(tempDir(), 'list-builtins.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeSync(2, '\\nbuiltins: ' + JSON.stringify(process.moduleLoadList) + '\\n'));",
    );
    const run = await cli(['consumers', 'list', '--bunit', '11'], {
      env: { ...env(), NODE_OPTIONS: `--require ${preload}` },
    });
    expect(run.code, run.stderr).toBe(0);
    const loaded = JSON.parse(/\nbuiltins: (.*)\n/.exec(run.stderr)?.[1] ?? 'null') as string[];
    expect(loaded).toContain('NativeModule util');
    expect(loaded.filter((name) => /parse_args|util\/diff/.test(name))).toEqual([]);
  });

  it('an error class keeps its name in the minified bundle (--debug stacks read NotFoundError)', async () => {
    const run = await cli(
      ['consumers', 'get', '--bunit', '11', '--consumer', '999999', '--debug'],
      {
        env: env(),
      },
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /^NotFoundError: GET \/v1\/bunits\/\{bunitId\}\/consumers\/\{consumerId\} failed with 404/m,
    );
  });

  it('a usage error before anything is sent also reads by its class name (core ValidationError)', async () => {
    const dir = tempDir();
    const run = await cli(['consumers', 'get', '--bunit', 'x', '--debug'], {
      env: { CLOUTAPI_CACHE_DIR: dir },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ValidationError: /m);
  });
});

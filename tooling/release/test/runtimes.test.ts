import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { readmeExample } from '@cloutapi/vitest-config/readme';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The SDK runs wherever fetch runs: the resources README example, run on Node, Bun and Deno
 * against a simulator started here. The binaries come from the npm packages `bun` and `deno`
 * (devDependencies), taken from the platform package each of them installs, so no install
 * script has to run.
 */

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
const SDK = ['auth', 'core', 'resources'];

/** The platform package that carries a runtime's binary, and the binary's path inside it. */
const BINARIES: Record<'bun' | 'deno', Record<string, [pkg: string, bin: string]>> = {
  bun: {
    'linux-x64': ['@oven/bun-linux-x64', 'bin/bun'],
    'linux-arm64': ['@oven/bun-linux-aarch64', 'bin/bun'],
    'darwin-x64': ['@oven/bun-darwin-x64', 'bin/bun'],
    'darwin-arm64': ['@oven/bun-darwin-aarch64', 'bin/bun'],
    'win32-x64': ['@oven/bun-windows-x64', 'bin/bun.exe'],
  },
  deno: {
    'linux-x64': ['@deno/linux-x64-glibc', 'deno'],
    'linux-arm64': ['@deno/linux-arm64-glibc', 'deno'],
    'darwin-x64': ['@deno/darwin-x64', 'deno'],
    'darwin-arm64': ['@deno/darwin-arm64', 'deno'],
    'win32-x64': ['@deno/win32-x64', 'deno.exe'],
  },
};

/** The binary of `bun` or `deno`, or an error that says what is missing and how to get it. */
function binaryOf(runtime: 'bun' | 'deno'): string {
  const platform = `${process.platform}-${process.arch}`;
  const entry = BINARIES[runtime][platform];
  if (!entry) throw new Error(`no ${runtime} binary is known for ${platform}`);
  const [pkg, bin] = entry;
  try {
    // The platform package is an optional dependency of the `bun`/`deno` package: resolve it there.
    const wrapper = dirname(require.resolve(`${runtime}/package.json`));
    const file = join(
      dirname(createRequire(join(wrapper, 'package.json')).resolve(`${pkg}/package.json`)),
      bin,
    );
    if (existsSync(file)) return file;
  } catch {
    // reported below
  }
  throw new Error(
    `the ${runtime} binary (${pkg}/${bin}) is not installed: run \`pnpm install --frozen-lockfile\` at the repository root (it is an optional dependency of the "${runtime}" devDependency of @cloutapi/release)`,
  );
}

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/**
 * The README example, its imports pointed at the built package and at a simulator this process
 * started (the example's own `startSimulator()` returns it), written beside this package so
 * Deno finds the workspace's node_modules.
 */
function exampleFile(simUrl: string): string {
  const stem = join(here, `.runtime-example-${process.pid}`);
  const resources = pathToFileURL(join(root, 'packages', 'resources', 'dist', 'index.js')).href;
  writeFileSync(
    `${stem}-simulator.mjs`,
    `export const demoCredentials = ${JSON.stringify(demoCredentials)};
export async function startSimulator() {
  return { url: ${JSON.stringify(simUrl)}, stop: async () => {} };
}
`,
  );
  const code = readmeExample(join(root, 'packages', 'resources'))
    .replace(/from '@cloutapi\/resources'/, `from ${JSON.stringify(resources)}`)
    .replace(
      /from '@cloutapi\/simulator'/,
      `from './${`.runtime-example-${process.pid}`}-simulator.mjs'`,
    );
  writeFileSync(`${stem}.mts`, code);
  return `${stem}.mts`;
}

function removeExample(): void {
  for (const f of readdirSync(here).filter((n) => n.startsWith(`.runtime-example-${process.pid}`)))
    rmSync(join(here, f), { force: true });
}

const RUNTIMES = {
  node: (file: string) => [process.execPath, [require.resolve('tsx/cli'), file]] as const,
  bun: (file: string) => [binaryOf('bun'), ['run', file]] as const,
  deno: (file: string, port: number) =>
    [
      binaryOf('deno'),
      [
        'run',
        '--quiet',
        '--no-prompt',
        `--allow-net=127.0.0.1:${port}`,
        `--allow-read=${root}`,
        file,
      ],
    ] as const,
};

describe('the resources README example', () => {
  it.each(Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[])(
    'runs on %s against the simulator',
    async (runtime) => {
      sim = await startSimulator();
      const file = exampleFile(sim.url);
      try {
        const [command, args] = RUNTIMES[runtime](file, Number(new URL(sim.url).port));
        const { stdout } = await run(command, [...args], {
          cwd: here,
          timeout: 120_000,
          env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
        });
        expect(stdout).toMatch(/Acme Corporation has \d+ consumption units/);
        expect(stdout).toMatch(/enrolled web-07 as [A-Z0-9_.\-+&]+ \(9 steps\)/);
        expect(stdout).toContain('second run: already-enrolled');
        expect(stdout).toContain('rejected before sending: name');
        // The requests really came from that runtime (core names it in the User-Agent).
        const agents = new Set(sim.stats.log.map((e) => e.userAgent));
        expect([...agents]).toEqual([
          expect.stringMatching(new RegExp(`cloutapi/\\S+ ${runtime}/`)),
        ]);
      } finally {
        removeExample();
      }
    },
  );
});

/**
 * The `node:` modules a module imports, itself or through its relative imports (the package's
 * own files), from `entry` on. Another entry point, such as resources' Node-only
 * `enroll-file-lock`, is not reached unless the entry imports it.
 */
function nodeImportsFrom(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(
      /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm,
    )) {
      if (spec?.startsWith('node:')) found.push(`${file.slice(root.length + 1)}: ${spec}`);
      else if (spec?.startsWith('.')) {
        const target = join(dirname(file), spec);
        // Sources import './x.js' meaning './x.ts'.
        visit(existsSync(target) ? target : target.replace(/\.js$/, '.ts'));
      }
    }
  };
  visit(entry);
  return found;
}

describe('the SDK packages', () => {
  it.each(SDK)(
    '@cloutapi/%s imports no node: module from its main entry, in its source or its build',
    (name) => {
      const dir = join(root, 'packages', name);
      expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);
      expect(nodeImportsFrom(join(dir, 'src', 'index.ts'))).toEqual([]);
      expect(nodeImportsFrom(join(dir, 'dist', 'index.js'))).toEqual([]);
    },
  );

  it('the check sees a node: import (the Node-only lock file entry of resources has some)', () => {
    const entry = join(root, 'packages', 'resources', 'src', 'enroll-file-lock.ts');
    expect(nodeImportsFrom(entry)).toContain(
      'packages/resources/src/enroll-file-lock.ts: node:crypto',
    );
  });
});

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { publishedPackages } from '../src/workspace.js';

const packages = publishedPackages();
const require = createRequire(import.meta.url);
const ATTW = join(require.resolve('@arethetypeswrong/cli/package.json'), '..', 'dist', 'index.js');

describe('every publishable package', () => {
  it('is one of the seven we publish', () => {
    expect(packages.map((p) => p.name)).toEqual([
      '@cloutapi/auth',
      '@cloutapi/cli',
      '@cloutapi/config',
      '@cloutapi/core',
      '@cloutapi/mcp-server',
      '@cloutapi/resources',
      '@cloutapi/simulator',
    ]);
  });

  describe.each(packages.map((p) => [p.name, p] as const))('%s', (_, pkg) => {
    it('declares license, repository, engines, ESM exports with types, sideEffects and files', () => {
      const j = pkg.json as {
        license?: string;
        repository?: unknown;
        engines?: unknown;
        type?: string;
        sideEffects?: boolean;
        exports: Record<string, unknown>;
        publishConfig?: unknown;
        files?: unknown;
      };
      expect(j.license).toBe('MIT');
      expect(j.repository).toMatchObject({
        type: 'git',
        directory: expect.stringMatching(/^(packages|apps)\//),
      });
      expect(j.engines).toEqual({ node: '>=20.19' });
      expect(j.type).toBe('module');
      expect(j.sideEffects).toBe(false);
      expect(j.exports['.']).toMatchObject({
        types: expect.stringMatching(/\.d\.ts$/),
        import: expect.stringMatching(/\.js$/),
      });
      expect(j.publishConfig).toEqual({ access: 'public' });
      expect(Array.isArray(j.files) && j.files.length > 0).toBe(true);
    });

    it('passes publint', async () => {
      const { messages, pkg: json } = await publint({
        pkgDir: pkg.dir,
        pack: 'pnpm',
        strict: true,
        level: 'warning',
      });
      expect(messages.map((m) => formatMessage(m, json))).toEqual([]);
    });

    it('passes arethetypeswrong (ESM only: Node 16+ and bundlers)', () => {
      // The CLI's exit code applies the profile; its report explains any failure.
      let report = '';
      let failed = false;
      try {
        report = execFileSync(
          process.execPath,
          [ATTW, '--pack', pkg.dir, '--profile', 'esm-only', '--format', 'table'],
          { encoding: 'utf8' },
        );
      } catch (error) {
        failed = true;
        report = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(failed, report).toBe(false);
      expect(report).toMatch(/No problems found|node16 \(from ESM\)/);
    });

    // The CLI also ships its Prometheus alert rules and Grafana dashboard (not their tests).
    it('packs only what users need: no sources, tests or dev files', () => {
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: pkg.dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const files =
        (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
      expect(files).toContain('package.json');
      expect(files).toContain('README.md');
      for (const file of files)
        expect(file, `${pkg.name} ships ${file}`).toMatch(
          /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/[\w./-]+\.(c?js|d\.ts|js\.map)|bin\/[\w.-]+\.c?js|prometheus\/(alerts\.yml|grafana-dashboard\.json|README\.md))$/,
        );
      for (const target of Object.values(pkg.bin))
        expect(files).toContain(target.replace(/^\.\//, ''));
    });
  });
});

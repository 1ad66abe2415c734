import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import readChangesets from '@changesets/read';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT } from '../src/workspace.js';

/** `version` after a `type` bump (0.x: minor and major as changesets does them, plainly). */
const nextVersion = (version: string, type: string) => {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (type === 'major') return `${major + 1}.0.0`;
  if (type === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
};

/**
 * The release path without publishing: every package carries the version changesets gave it and
 * its CHANGELOG; in a copy of the repository, a new changeset and `changeset version` write the
 * next versions and CHANGELOG entries, and `pnpm publish --dry-run` (what `pnpm release` runs
 * through `changeset publish`) shows every package would go out at its new version.
 */
describe('releasing with changesets (dry run)', () => {
  it('every package has a real version (what `--version` prints) and a CHANGELOG that has it', () => {
    for (const pkg of publishedPackages()) {
      expect(pkg.version, pkg.name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pkg.version, pkg.name).not.toBe('0.0.0');
      const changelog = readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog, pkg.name).toContain(`## ${pkg.version}`);
    }
  });

  it('versions every package with a CHANGELOG, and would publish them', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'cloutapi-release-'));
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const file of tracked) cpSync(join(ROOT, file), join(copy, file), { recursive: true });
    for (const pkg of publishedPackages()) {
      const rel = pkg.dir.slice(ROOT.length);
      cpSync(join(pkg.dir, 'dist'), join(copy, rel, 'dist'), { recursive: true });
    }
    const changeset = join(
      dirname(
        createRequire(import.meta.url).resolve('@changesets/cli/package.json', { paths: [ROOT] }),
      ),
      'bin.js',
    );
    // A release of every package: one patch changeset, as a change would add.
    const bump = publishedPackages()
      .map((pkg) => `"${pkg.name}": patch`)
      .join('\n');
    writeFileSync(
      join(copy, '.changeset', 'release-check.md'),
      `---\n${bump}\n---\n\nA release check.\n`,
    );
    // The versions to expect: the patch above, or more where a pending changeset says so.
    const bumps = new Map<string, string>();
    const rank = ['patch', 'minor', 'major'];
    for (const pending of await readChangesets(copy))
      for (const { name, type } of pending.releases)
        if (rank.indexOf(type) > rank.indexOf(bumps.get(name) ?? 'patch')) bumps.set(name, type);
    execFileSync(process.execPath, [changeset, 'version'], { cwd: copy, stdio: 'ignore' });
    for (const pkg of publishedPackages()) {
      const rel = pkg.dir.slice(ROOT.length);
      const json = JSON.parse(readFileSync(join(copy, rel, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(json.version, pkg.name).toBe(nextVersion(pkg.version, bumps.get(pkg.name) ?? 'patch'));
      const changelog = readFileSync(join(copy, rel, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${json.version}`);
      expect(changelog).toContain('A release check.');
    }
    expect(existsSync(join(copy, '.changeset', 'release-check.md'))).toBe(false); // consumed
    // publish rewrites workspace ranges from the installed links; the store is local, so offline.
    execFileSync('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts'], {
      cwd: copy,
      stdio: 'ignore',
    });
    const out = execFileSync(
      'pnpm',
      [
        '-r',
        '--filter',
        './packages/*',
        '--filter',
        './apps/*',
        'publish',
        '--dry-run',
        '--no-git-checks',
      ],
      {
        cwd: copy,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const pkg of publishedPackages())
      expect(out).toContain(
        `+ ${pkg.name}@${nextVersion(pkg.version, bumps.get(pkg.name) ?? 'patch')}`,
      );
  });
});

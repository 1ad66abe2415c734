import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT } from '../src/workspace.js';

/** The next patch version of `version` (`0.1.0` -> `0.1.1`). */
const nextPatch = (version: string) =>
  version.replace(/^(\d+)\.(\d+)\.(\d+)$/, (_, major, minor, patch) => {
    return `${major}.${minor}.${Number(patch) + 1}`;
  });

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

  it('versions every package with a CHANGELOG, and would publish them', () => {
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
    execFileSync(process.execPath, [changeset, 'version'], { cwd: copy, stdio: 'ignore' });
    for (const pkg of publishedPackages()) {
      const rel = pkg.dir.slice(ROOT.length);
      const json = JSON.parse(readFileSync(join(copy, rel, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(json.version, pkg.name).toBe(nextPatch(pkg.version));
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
      expect(out).toContain(`+ ${pkg.name}@${nextPatch(pkg.version)}`);
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT } from '../src/workspace.js';

/**
 * The release path without publishing: in a copy of the repository, `changeset version` writes
 * the versions and CHANGELOGs, and `pnpm publish --dry-run` (what `pnpm release` runs through
 * `changeset publish`) shows every package would go out at its new version.
 */
describe('releasing with changesets (dry run)', () => {
  it('has an initial changeset for every package', () => {
    for (const pkg of publishedPackages()) {
      const file = join(ROOT, '.changeset', `initial-${pkg.name.replace('@cloutapi/', '')}.md`);
      expect(readFileSync(file, 'utf8'), pkg.name).toContain(`"${pkg.name}": minor`);
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
    execFileSync(process.execPath, [changeset, 'version'], { cwd: copy, stdio: 'ignore' });
    for (const pkg of publishedPackages()) {
      const rel = pkg.dir.slice(ROOT.length);
      const json = JSON.parse(readFileSync(join(copy, rel, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(json.version, pkg.name).toBe('0.1.0');
      expect(existsSync(join(copy, rel, 'CHANGELOG.md')), pkg.name).toBe(true);
      expect(readFileSync(join(copy, rel, 'CHANGELOG.md'), 'utf8')).toContain('First release');
    }
    expect(existsSync(join(copy, '.changeset', 'initial-core.md'))).toBe(false); // consumed
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
    for (const pkg of publishedPackages()) expect(out).toContain(`+ ${pkg.name}@0.1.0`);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operations } from '@cloutapi/resources';
import { mcpToolsList } from '@cloutapi/vitest-config/processes';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages } from '../src/workspace.js';

/**
 * What an npm user gets: every package packed as it would be published (`pnpm pack` turns
 * workspace ranges into versions), installed with npm into a fresh project, then used.
 */
describe('the packed packages, installed with npm', () => {
  const project = mkdtempSync(join(tmpdir(), 'cloutapi-smoke-'));
  const bin = (name: string) => join(project, 'node_modules', '.bin', name);

  beforeAll(() => {
    const tarballs = join(project, 'tarballs');
    for (const pkg of publishedPackages()) {
      execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
        cwd: pkg.dir,
        stdio: 'ignore',
      });
    }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    );
    const files = readdirSync(tarballs).map((f) => join(tarballs, f));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
      cwd: project,
      stdio: 'ignore',
    });
  });

  it('imports every library by name', () => {
    const script = `
      const checks = {
        '@cloutapi/auth': (m) => typeof m.createPasswordAuth,
        '@cloutapi/core': (m) => typeof m.createClient,
        '@cloutapi/resources': (m) => typeof m.createCloutility + ':' + m.operations.length,
        '@cloutapi/simulator': (m) => typeof m.startSimulator,
        '@cloutapi/config': (m) => typeof m.loadSettings,
        '@cloutapi/mcp-server': (m) => typeof m.allTools,
      };
      for (const [name, check] of Object.entries(checks)) console.log(name, check(await import(name)));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toEqual([
      '@cloutapi/auth function',
      '@cloutapi/core function',
      `@cloutapi/resources function:${operations.length}`,
      '@cloutapi/simulator function',
      '@cloutapi/config function',
      '@cloutapi/mcp-server function',
    ]);
  });

  it('runs `cloutapi --help` and a demo command', () => {
    expect(execFileSync(bin('cloutapi'), ['--help'], { encoding: 'utf8' })).toContain(
      'Usage: cloutapi',
    );
    const out = execFileSync(bin('cloutapi'), ['--demo', 'whoami'], {
      encoding: 'utf8',
      env: { ...process.env, CLOUTAPI_CACHE_DIR: join(project, 'cache') },
    });
    expect(out).toContain('Example Reseller');
  });

  it('runs `cloutapi-mcp --demo` and answers tools/list over stdio', async () => {
    const { run, line } = await mcpToolsList(bin('cloutapi-mcp'), ['--demo']);
    run.child.kill();
    const tools = (JSON.parse(line) as { result: { tools: { name: string }[] } }).result.tools.map(
      (t) => t.name,
    );
    expect(tools).toContain('enroll_machine');
  });

  it('runs the simulator bin', () => {
    expect(execFileSync(bin('cloutapi-simulator'), ['--help'], { encoding: 'utf8' })).toMatch(
      /--port/,
    );
  });
});

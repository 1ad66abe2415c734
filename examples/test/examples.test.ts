import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { baseEnv } from '@cloutapi/vitest-config';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx/cli');
const CLI = join(
  require.resolve('@cloutapi/cli/package.json'),
  '..',
  'dist',
  'bin',
  'cloutapi.cjs',
);
// Examples fall back to the demo when no settings are given; keep the developer's own out. The
// demo data is generated relative to the simulator's clock: pinned, so the output is the same on
// any day. (Each demo machine's latest report follows its role alone: acme-dc01 is healthy,
// acme-sql01 completes with warnings.)
const NOW = '2026-11-10T09:00:00Z';
const env = {
  ...baseEnv(),
  HOME: mkdtempSync(join(tmpdir(), 'examples-home-')),
  NO_COLOR: '1',
  CLOUTAPI_SIM_NOW: NOW,
};

describe('examples', () => {
  it("latest-backups.ts lists a unit's machines with their latest backup status", async () => {
    const { stdout } = await run(process.execPath, [TSX, 'latest-backups.ts', 'Acme Corporation'], {
      cwd: here,
      env,
    });
    expect(stdout.trim().split('\n')).toEqual([
      'Example Reseller > Acme Corporation',
      '  #400 acme-dc01: OK on 2026-11-10',
      '  #401 acme-sql01: Warning on 2026-11-10 (1 warning(s))',
      '  #402 acme-exch01: OK on 2026-11-10',
    ]);
  });

  it('machines.csv bulk-enrolls with the CLI', async () => {
    const results = join(mkdtempSync(join(tmpdir(), 'examples-')), 'results.csv');
    await run(
      process.execPath,
      [CLI, '--demo', 'enroll', '--from', 'machines.csv', '--results', results],
      { cwd: here, env },
    );
    const rows = readFileSync(results, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(1)) expect(row).toMatch(/,enrolled,/);
    expect(readFileSync(results, 'utf8')).not.toMatch(/password/i);
  });

  it('the MCP configs name the published server and hold no secret', () => {
    const read = (file: string) => readFileSync(join(here, 'mcp', file), 'utf8');
    expect(read('claude-code.sh')).toContain('-- npx -y @cloutapi/mcp-server');
    expect(read('claude-code.sh')).not.toContain('CLOUTAPI_PASSWORD');
    for (const file of ['claude-desktop.json', 'vscode.mcp.json', 'cursor.mcp.json']) {
      const json = JSON.parse(read(file)) as Record<
        string,
        Record<string, { args: string[]; env: Record<string, string> }>
      >;
      const server = (json.mcpServers ?? json.servers)?.cloutapi;
      expect(server?.args, file).toContain('@cloutapi/mcp-server');
      const password = server?.env.CLOUTAPI_PASSWORD;
      if (password !== undefined) expect(password, file).toMatch(/^\$\{(input|env):[\w-]+\}$/);
    }
  });
});

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle, ENTRY, manifest, mcpb } from '../scripts/mcpb.js';
import { allTools } from '../src/index.js';
import { stdioClient } from './support.js';

type Manifest = ReturnType<typeof manifest>;

/** The manifest's literal placeholder for the bundle's folder. */
const DIRNAME = ['$', '{__dirname}'].join('');

/** What a bundle host does with mcp_config: fill in the bundle folder and the user's settings. */
function launchConfig(m: Manifest, dir: string, settings: Record<string, string>) {
  const fill = (text: string) =>
    text
      .replaceAll(DIRNAME, dir)
      .replace(
        /\$\{user_config\.(\w+)\}/g,
        (placeholder, key: string) => settings[key] ?? placeholder,
      );
  return {
    command:
      m.server.mcp_config.command === 'node' ? process.execPath : m.server.mcp_config.command,
    args: m.server.mcp_config.args.map(fill),
    env: Object.fromEntries(Object.entries(m.server.mcp_config.env).map(([k, v]) => [k, fill(v)])),
  };
}

describe('the MCP Bundle', () => {
  it('validates, packs only production files, and runs unpacked in demo mode', async () => {
    const file = buildBundle();
    expect(file).toMatch(/cloutapi-mcp-\d+\.\d+\.\d+\.mcpb$/);
    const dir = mkdtempSync(join(tmpdir(), 'cloutapi-mcpb-'));
    mcpb('unpack', file, dir);
    expect(mcpb('validate', join(dir, 'manifest.json'))).toMatch(/valid/i);
    const files = [
      ...readdirSync(dir),
      ...readdirSync(join(dir, 'server')).map((f) => `server/${f}`),
    ].sort();
    for (const f of files)
      expect(f).toMatch(/^(manifest\.json|icon\.png|server|server\/[\w-]+\.cjs)$/);
    expect(files).toContain(ENTRY);
    expect(files).toContain('server/server.cjs');

    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.tools.map((t) => t.name).sort()).toEqual(
      allTools()
        .map((t) => t.name)
        .sort(),
    );
    expect(m.user_config.password).toMatchObject({ sensitive: true });
    // A host that leaves unset settings as placeholders, the worst case: only demo is set.
    const { client } = await stdioClient(
      launchConfig(m, dir, {
        demo: 'true',
        read_only: 'false',
        toolsets: 'workflows,consumers,reports',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('backup_health');
    const result = await client.callTool({
      name: 'find_business_unit',
      arguments: { query: 'globex' },
    });
    expect((result.content as { text: string }[])[0]?.text).toContain('Globex Industries');
    await client.close();
  });

  it('read-only from the settings removes the writing tools', async () => {
    const m = manifest();
    const dir = join(import.meta.dirname ?? '', '..', 'dist', 'mcpb'); // staged by the test above
    const { client } = await stdioClient(
      launchConfig(m, dir, { demo: 'true', read_only: 'true', toolsets: 'all' }),
    );
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(30);
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    await client.close();
  });
});

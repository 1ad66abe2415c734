import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import {
  allTools,
  createMcpServer,
  instructions,
  selectTools,
  setupFromTools,
  TOOLSETS,
  unservedTools,
  VERSION,
} from '../src/index.js';
import { seedIds, testHarness } from './support.js';

const all = allTools();
const toolName = new RegExp(`\\b(${all.map((t) => t.name).join('|')})\\b`, 'g');

/** What tools/list shows for a selection, through an MCP client (no portal needed). */
async function listed(toolsets: string[] | undefined, readOnly: boolean) {
  const selection = { toolsets, readOnly };
  const server = createMcpServer(
    setupFromTools(selectTools(all, selection), {
      version: VERSION,
      context: {
        connect: () => Promise.reject(new Error('no portal in this test')),
        allowSecrets: false,
      },
      instructions: instructions(readOnly, false),
      unserved: unservedTools(all, selection),
    }),
  );
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  const client = new Client({ name: 'served-test', version: '1' });
  await client.connect(a);
  const { tools } = await client.listTools();
  const guidance = client.getInstructions() ?? '';
  await client.close();
  return Object.assign(tools, { guidance });
}

const selections: [string, string[] | undefined][] = [
  ['default', undefined],
  ['all', ['all']],
  ...TOOLSETS.map((t) => [t, [t]] as [string, string[]]),
];

describe('descriptions name only tools this server serves', () => {
  it.each(
    selections.flatMap(([label, sets]) => [
      [label, sets, false] as const,
      [`${label}, read-only`, sets, true] as const,
    ]),
  )('%s', async (_, toolsets, readOnly) => {
    const tools = await listed(toolsets ? [...toolsets] : undefined, readOnly);
    const served = new Set(tools.map((t) => t.name));
    for (const name of [...tools.guidance.matchAll(toolName)].map((m) => m[1] as string))
      expect(served, `instructions: "${tools.guidance}"`).toContain(name);
    for (const t of tools) {
      const texts = [
        t.description ?? '',
        ...Object.values(
          (t.inputSchema.properties ?? {}) as Record<string, { description?: string }>,
        ).map((p) => p.description ?? ''),
      ];
      for (const text of texts) {
        const named = [...text.matchAll(toolName)].map((m) => m[1] as string);
        for (const name of named) expect(served, `${t.name}: "${text}"`).toContain(name);
        expect(text).not.toMatch(/\b(bunits|consumers|nodes|catalog|proxies|meta)\.[a-z]/);
      }
      expect(t.description?.length, t.name).toBeGreaterThan(30);
    }
  });
});

describe('calls to tools the selection removed, and errors naming them', () => {
  it('a tool of a toolset that is not enabled: which flag or variable serves it', async () => {
    const h = await testHarness({ toolsets: ['workflows', 'consumers'] });
    const r = await h.call('get_api_version', {});
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      'get_api_version is not served here: it is in toolset catalog, which is not enabled; enable it with --toolsets workflows,consumers,catalog or CLOUTAPI_TOOLSETS=workflows,consumers,catalog (or all).',
    );
    // A name nothing serves: -32602, as the specification names it.
    const unknown = await h
      .call('no_such_tool', {})
      .catch((error: Error & { code?: number }) => error);
    expect(unknown).toMatchObject({ code: -32602 });
    expect(String(unknown)).toMatch(/Unknown tool: no_such_tool\. Available: list_consumers, /);
  });

  it('an error names tools, not SDK methods, and says when one is not served', async () => {
    const h = await testHarness({ toolsets: ['workflows'] });
    const { acme } = seedIds(h.sim);
    const r = await h.call('enroll_machine', { bunitId: acme, name: 'no-os' });
    expect(r.isError).toBe(true);
    expect(r.text).not.toContain('catalog.operatingSystems');
    expect(r.text).toContain('list_operating_systems (toolset catalog, not enabled)');
    expect(h.sim.stats.log.filter((e) => e.method !== 'GET' && e.path !== '/v1/oauth')).toEqual([]);
  });

  it("enroll_machine's schema says what it requires", async () => {
    const h = await testHarness();
    const { tools } = await h.client.listTools();
    const enroll = tools.find((t) => t.name === 'enroll_machine')!;
    expect(enroll.description).toContain(
      'Needs operatingSystem (e.g. Linux) or operatingSystemId.',
    );
    expect(enroll.inputSchema.required).toEqual(expect.arrayContaining(['bunitId', 'name']));
  });
});

import { demoCredentials } from '@cloutapi/simulator';
import { describe, expect, it } from 'vitest';
import { ERAS, type Harness, seedIds, testHarness, writes } from './support.js';

describe('read-only mode', () => {
  it('lists no tool that writes and refuses to call one', async () => {
    const h = await testHarness({ readOnly: true });
    const { tools } = await h.client.listTools();
    expect(tools.length).toBeGreaterThan(30);
    for (const t of tools) expect(t.annotations?.readOnlyHint, t.name).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain('delete_consumer');
    const { acme } = seedIds(h.sim);
    const result = await h.call('create_consumer', { bunitId: acme, name: 'nope' });
    expect(result.isError).toBe(true);
    expect(result.text).toBe(
      'create_consumer is not served here: the server runs read-only (--read-only or CLOUTAPI_READ_ONLY); start it without read-only to use it.',
    );
    expect(writes(h.sim)).toBe(0);
  });
});

describe('destructive tools need confirm', () => {
  it('without confirm: a preview of exactly what would be affected, and no state change', async () => {
    const h = await testHarness();
    const { acme, dc01 } = seedIds(h.sim);
    const before = h.sim.state.consumers.length;
    const preview = await h.call('delete_consumer', { bunitId: acme, consumerId: dc01 });
    expect(preview.isError).toBe(false);
    expect(preview.text).toMatch(
      /^PREVIEW ONLY, nothing was changed\. Would delete the consumption unit "acme-dc01" \(#\d+\), which has its backup node ACME-DC01/,
    );
    expect(preview.text).toContain('confirm: true');
    expect(preview.structured).toMatchObject({ done: false, preview: true });
    for (const [tool, args] of [
      ['delete_node', { bunitId: acme, consumerId: dc01 }],
      ['change_node_password', { bunitId: acme, consumerId: dc01, tsmPassword: 'Another-pass-1' }],
      ['delete_business_unit', { bunitId: acme }],
      ['remove_proxy_agent', { bunitId: acme, targetConsumerId: dc01, agentConsumerId: dc01 }],
    ] as const) {
      const r = await h.call(tool, args);
      expect(r.text, tool).toMatch(/^PREVIEW ONLY/);
    }
    expect((await h.call('delete_business_unit', { bunitId: acme })).text).toContain(
      'The portal will refuse: it has 2 child units (Acme Finance (#12), Acme Engineering (#13)) and deleteChildren is not true.',
    );
    expect(writes(h.sim)).toBe(0);
    expect(h.sim.state.consumers.length).toBe(before);
  });

  it('with confirm: true and the token of its preview it does it', async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const created = await h.call('create_consumer', { bunitId: acme, name: 'short-lived' });
    const id = (created.structured.item as { id: number }).id;
    const done = await h.confirmed('delete_consumer', { bunitId: acme, consumerId: id });
    expect(done.isError).toBe(false);
    expect(h.sim.state.consumers.some((c) => c.id === id)).toBe(false);
  });
});

describe('secrets', () => {
  /** Enrolls `name` in Acme through the tool; its result and the node password the portal set. */
  async function enroll(h: Harness, name: string) {
    const enrolled = await h.call('enroll_machine', {
      bunitId: seedIds(h.sim).acme,
      name,
      operatingSystem: 'Linux',
    });
    const node = h.sim.state.nodes.find((n) => n.tsmName === enrolled.structured.nodeName);
    return { enrolled, password: node?.tsmPassword as string };
  }

  it('node passwords are redacted, and the output says how to see them', async () => {
    const h = await testHarness();
    const { acme, dc01 } = seedIds(h.sim);
    const secret = h.sim.state.nodes.find((n) => n.consumerId === dc01)?.tsmPassword;
    expect(secret).toBeTruthy();
    const node = await h.call('get_node', { bunitId: acme, consumerId: dc01 });
    expect(node.text).toContain(
      'tsmPassword: [redacted: start the MCP server with --allow-secrets',
    );
    expect(JSON.stringify(node)).not.toContain(secret);
    const { enrolled, password } = await enroll(h, 'secret-test');
    expect(JSON.stringify(enrolled)).not.toContain(password);
    expect(enrolled.text).toContain('Node password: [redacted');
    // the sign-in password never appears anywhere either
    expect(JSON.stringify([node, enrolled])).not.toContain(demoCredentials.password);
  });

  it('--allow-secrets shows them', async () => {
    const { enrolled, password } = await enroll(await testHarness({ allowSecrets: true }), 'shown');
    expect(enrolled.text).toContain(`Node password: ${password}`);
  });
});

describe('errors tell the model how to fix the call', () => {
  it('bad input names the field and what is allowed, and nothing is sent', async () => {
    const h = await testHarness();
    const result = await h.call('query_audit_log', {
      bunitId: 'twelve',
      consumerId: -1,
      types: ['everything'],
      colour: 'red',
    });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('Invalid input for query_audit_log; nothing was sent.');
    expect(result.text).toContain('- bunitId: expected the business unit id (a positive integer)');
    expect(result.text).toContain(
      '- consumerId: expected the consumption unit (consumer) id (a positive integer)',
    );
    expect(result.text).toContain('- types.0: expected one of info, create, modify, delete, error');
    expect(result.text).toMatch(/- colour: unknown field; expected one of: bunitId, consumerId, /);
    expect(h.sim.stats.log).toHaveLength(0);
  });

  it.each(ERAS)(
    'a __proto__ key is refused by name (-32602), not dropped and served (%s)',
    async (era) => {
      const h = await testHarness({ era });
      const args = JSON.parse('{"query": "acme", "__proto__": {"admin": true}}');
      const error = await h.call('find_business_unit', args).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: number }).code).toBe(-32602);
      expect(String(error)).toContain('params.arguments.__proto__ is not an allowed field');
      expect(h.sim.stats.log).toHaveLength(0);
    },
  );

  it.each(ERAS)(
    "a tool call's traceparent is continued by every portal request it makes (%s)",
    async (era) => {
      const h = await testHarness({ era });
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const params = {
        name: 'enroll_machine',
        arguments: { bunitId: seedIds(h.sim).acme, name: 'traced-box', operatingSystem: 'Linux' },
        _meta: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      };
      const before = h.sim.stats.log.length;
      const result = await h.client.callTool(params);
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const api = h.sim.stats.log.slice(before).filter((e) => e.path !== '/v1/oauth');
      expect(api.length).toBeGreaterThan(3);
      for (const entry of api)
        expect(entry.traceparent, `${entry.method} ${entry.path}`).toMatch(
          new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
        );
    },
  );

  it('an unknown id says which tool lists the valid ones', async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const result = await h.call('get_consumer', { bunitId: acme, consumerId: 999_999 });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('404');
    expect(result.text).toContain('consumerId 999999: from list_consumers');
  });

  it('a refused write says what the portal said', async () => {
    const h = await testHarness();
    const { acme, dc01 } = seedIds(h.sim);
    const result = await h.call('activate_node', {
      bunitId: acme,
      consumerId: dc01,
      tsmName: 'ANOTHER-NAME',
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/Conflict with the current state: .*409/);
  });
});

describe('progress', () => {
  it('enroll_machine reports each step when the client gives a progress token', async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const messages: string[] = [];
    const result = await h.callWithProgress(
      'enroll_machine',
      { bunitId: acme, name: 'with-progress', operatingSystem: 'Linux' },
      (p) => void messages.push(`${p.progress}/${p.total}: ${p.message}`),
    );
    expect(result.isError).toBeFalsy();
    expect(messages.length).toBeGreaterThanOrEqual(8);
    expect(messages[0]).toMatch(/^1\/9: catalog: /);
    expect(messages.at(-1)).toMatch(/read: node WITH-PROGRESS/);
  });
});

describe('compact output', () => {
  it("a collection's text is at most 25% of the raw API JSON, and keeps the ids", async () => {
    const h = await testHarness();
    const { acme } = seedIds(h.sim);
    const token = await h.clout.client.auth.getToken();
    const raw = await fetch(`${h.sim.url}/v1/bunits/${acme}/consumers`, {
      headers: { Origin: demoCredentials.origin, Authorization: `Bearer ${token}` },
    }).then((r) => r.text());
    const tool = await h.call('list_consumers', { bunitId: acme });
    expect(tool.text.length / raw.length).toBeLessThanOrEqual(0.25);
    for (const c of (JSON.parse(raw) as { items: { id: number; name: string }[] }).items) {
      expect(tool.text).toContain(`${c.id} | ${c.name}`);
    }
    expect(tool.text).not.toMatch(/\$type|href|actions/);
  });

  it('pages long collections and says how to get the next page', async () => {
    const h = await testHarness();
    const page = await h.call('list_time_zones', { limit: 3 });
    expect(page.text).toMatch(/^3 of \d+ \(offset 0\)/);
    expect(page.text).toContain('More: call list_time_zones with offset 3.');
    const next = await h.call('list_time_zones', { limit: 3, offset: 3 });
    expect(next.structured.offset).toBe(3);
  });
});

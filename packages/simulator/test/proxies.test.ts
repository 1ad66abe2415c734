import { describe, expect, it } from 'vitest';
import { useSignedIn } from './helpers.js';

describe('proxy nodes', () => {
  const t = useSignedIn();

  it('E40 lists activated nodes on the same server in the unit', async () => {
    const res = await t.api.get(`${t.ids.consumer('acme-exch01').path}/node/possibleproxynodes`);
    expect(res.body.items.map((n: { tsmName: string }) => n.tsmName).sort()).toEqual([
      'ACME-DC01',
      'ACME-SQL01',
    ]);
  });

  it('E41/E43 grant and revoke a proxy agent from the target side', async () => {
    const target = t.ids.consumer('acme-exch01');
    const agent = t.ids.consumer('acme-dc01');
    const granted = await t.api.post(`${target.path}/node/proxyagents?proxyAgentId=${agent.id}`);
    expect(granted.status).toBe(200);
    expect(granted.body.proxyAgents.map((n: { tsmName: string }) => n.tsmName)).toEqual([
      'ACME-DC01',
    ]);
    expect(
      (await t.api.post(`${target.path}/node/proxyagents?proxyAgentId=${agent.id}`)).status,
    ).toBe(409);
    expect((await t.api.del(`${target.path}/node/proxyagents/${agent.id}`)).status).toBe(204);
    expect((await t.api.del(`${target.path}/node/proxyagents/${agent.id}`)).status).toBe(404);
  });

  it('E42/E44 grant and revoke a proxy target from the agent side', async () => {
    const agent = t.ids.consumer('acme-exch01');
    const target = t.ids.consumer('acme-dc01');
    const granted = await t.api.post(`${agent.path}/node/proxytargets?proxyTargetId=${target.id}`);
    expect(granted.body.proxyTargets.map((n: { tsmName: string }) => n.tsmName)).toEqual([
      'ACME-DC01',
    ]);
    expect(
      (await t.api.get(`${target.path}/node`)).body.proxyAgents.map(
        (n: { tsmName: string }) => n.tsmName,
      ),
    ).toContain('ACME-EXCH01');
    expect((await t.api.del(`${agent.path}/node/proxytargets/${target.id}`)).status).toBe(204);
  });

  it('refuses proxies with nodes that are not activated, unknown, or on another server', async () => {
    const dc = t.ids.consumer('acme-dc01');
    const notActive = await t.api.post(
      `${dc.path}/node/proxytargets?proxyTargetId=${t.ids.consumer('eng-mac-studio').id}`,
    );
    expect(notActive.status).toBe(409);
    expect(notActive.body.message).toContain('not activated');
    const unknown = await t.api.post(`${dc.path}/node/proxytargets?proxyTargetId=424242`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("'proxyTargetId' refers to consumer 424242");
    const otherServer = await t.api.post(
      `${dc.path}/node/proxytargets?proxyTargetId=${t.ids.consumer('globex-file01').id}`,
    );
    expect(otherServer.status).toBe(409);
    expect(otherServer.body.message).toContain('different backup servers');
    expect((await t.api.post(`${dc.path}/node/proxytargets`)).status).toBe(400);
  });
});

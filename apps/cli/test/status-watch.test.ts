import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  backupHealth,
  createCloutility,
  type HealthChange,
  healthChanges,
  type MachineHealth,
} from '@cloutapi/resources';
import { demoCredentials, type RunningSimulator, startSimulator } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvent, createChangeDelivery } from '../src/status/change-delivery.js';
import { watchHealth } from '../src/status/watch.js';
import { cli, simEnv, tempDir } from './helpers.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.stop();
});

const SECRET = 'receiver-shared-secret-0123456789';

/** A receiver on loopback that answers each POST with the next status of `answers` (then 200). */
async function receiver(answers: number[] = [], delayMs = 0) {
  const got: { body: string; headers: IncomingMessage['headers'] }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ body, headers: req.headers });
      setTimeout(() => res.writeHead(answers.shift() ?? 200).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's check of a delivery's signature. */
function signed(body: string, header: string | undefined): boolean {
  const t = /t=(\d+)/.exec(header ?? '')?.[1];
  const v1 = /v1=([0-9a-f]{64})/.exec(header ?? '')?.[1];
  if (!t || !v1) return false;
  const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

describe('status --watch', () => {
  it('reports only what changed: a machine that cannot be read, then can again', async () => {
    const clout = createCloutility({
      baseUrl: sim.url,
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      credentials: { username: demoCredentials.username, password: demoCredentials.password },
    });
    const gpu = sim.state.consumers.find((c) => c.name === 'labs-gpu01')!;
    const path = `/v1/bunits/${gpu.businessUnitId}/consumers/${gpu.id}/reports/latest`;
    const seen: HealthChange[][] = [];
    const stop = new AbortController();
    let checks = 0;
    let fault: string | undefined;
    await watchHealth({
      read: async (signal) => {
        checks++;
        // The second check finds the machine unreadable, the third readable again.
        if (checks === 2) fault = sim.faults.add({ path, status: 500 });
        if (checks === 3 && fault) sim.faults.remove(fault);
        if (checks === 4) stop.abort();
        return backupHealth(clout, {}, { signal });
      },
      intervalMs: 10,
      signal: stop.signal,
      onBaseline: () => {},
      onChanges: (changes) => seen.push(changes),
      onError: (error) => {
        throw error;
      },
    });
    expect(seen.map((c) => c.map((x) => [x.machine.name, x.kind, x.from, x.to]))).toEqual([
      [['labs-gpu01', 'changed', 'ok', 'unknown']],
      [['labs-gpu01', 'changed', 'unknown', 'ok']],
    ]);
    await clout.client.close();
  }, 60_000);

  it('names machines that appeared and went', () => {
    const m = (consumerId: number, category: 'ok' | 'failed'): MachineHealth => ({
      category,
      reason: '',
      bunitId: 1,
      unitName: 'u',
      unitPath: ['u'],
      consumerId,
      name: `m${consumerId}`,
      activated: true,
      warnings: [],
    });
    const changes = healthChanges(
      { machines: [m(1, 'ok'), m(2, 'ok')] },
      { machines: [m(1, 'ok'), m(3, 'failed')] },
    );
    expect(changes.map((c) => [c.machine.name, c.kind, c.from, c.to])).toEqual([
      ['m3', 'appeared', undefined, 'failed'],
      ['m2', 'gone', 'ok', undefined],
    ]);
  });
});

describe('posting changes', () => {
  const change: HealthChange = {
    kind: 'changed',
    from: 'ok',
    to: 'failed',
    machine: {
      category: 'failed',
      reason: 'Failed backup (1 day)',
      bunitId: 12,
      unitName: 'Acme Finance',
      unitPath: ['Acme Finance'],
      consumerId: 404,
      name: 'fin-db01',
      nodeName: 'FIN-DB01',
      activated: true,
      warnings: [],
    },
  };

  it('signs each change, and retries a receiver that fails, keeping the delivery id', async () => {
    const hook = await receiver([500, 503]);
    const delivery = createChangeDelivery({
      url: hook.url,
      secret: SECRET,
      userAgent: 'test',
      log: () => {},
      firstDelayMs: 10,
    });
    try {
      delivery.send([changeEvent(change, '2026-12-08T01:00:00.000Z')]);
      await delivery.idle();
      expect(hook.got).toHaveLength(3);
      const ids = new Set(hook.got.map((g) => g.headers['x-cloutapi-delivery']));
      expect(ids.size).toBe(1);
      for (const g of hook.got)
        expect(signed(g.body, g.headers['x-cloutapi-signature'] as string)).toBe(true);
      expect(JSON.parse(hook.got[0]!.body)).toEqual({
        type: 'backup.changed',
        at: '2026-12-08T01:00:00.000Z',
        change: 'changed',
        from: 'ok',
        to: 'failed',
        machine: {
          name: 'fin-db01',
          unit: 'Acme Finance',
          bunitId: 12,
          consumerId: 404,
          node: 'FIN-DB01',
          reason: 'Failed backup (1 day)',
        },
      });
      // A body changed on the way no longer matches its signature.
      const header = hook.got[0]!.headers['x-cloutapi-signature'] as string;
      expect(signed(hook.got[0]!.body.replace('"to":"failed"', '"to":"ok"'), header)).toBe(false);
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    } finally {
      await delivery.close();
      await hook.close();
    }
  });

  it('does not retry a receiver that refuses, and never holds up the caller', async () => {
    const refusing = await receiver([400]);
    const logs: string[] = [];
    const delivery = createChangeDelivery({
      url: refusing.url,
      secret: SECRET,
      userAgent: 'test',
      log: (line) => logs.push(line),
      firstDelayMs: 10,
    });
    delivery.send([changeEvent(change, 'now')]);
    await delivery.idle();
    expect(refusing.got).toHaveLength(1);
    expect(logs[0]).toContain('refused');
    await delivery.close();
    await refusing.close();

    const slow = await receiver([], 2_000);
    const queued = createChangeDelivery({
      url: slow.url,
      secret: SECRET,
      userAgent: 'test',
      log: () => {},
    });
    // send() only queues: it returns before the first post has even reached the receiver.
    expect(
      queued.send(Array.from({ length: 5 }, () => changeEvent(change, 'now'))),
    ).toBeUndefined();
    expect(slow.got).toHaveLength(0);
    await queued.close();
    await slow.close();
  });
});

describe('cloutapi status --watch (the command)', () => {
  const dir = tempDir();
  it('needs a signing key to post, and an interval of at least 30s', async () => {
    const env = simEnv(sim, dir);
    const unsigned = await cli(['status', '--watch', '--post', 'http://127.0.0.1:9/hook'], { env });
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toContain('--post: set CLOUTAPI_STATUS_WEBHOOK_SECRET');
    const fast = await cli(['status', '--watch', '--interval', '5s'], { env });
    expect(fast.code).toBe(2);
    expect(fast.stderr).toContain('--interval: expected a duration of at least 30s');
  });
});

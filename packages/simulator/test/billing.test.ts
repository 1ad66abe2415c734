import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startSignedIn, useSignedIn } from './helpers.js';

describe('billing', () => {
  const t = useSignedIn();
  let acme: number;
  let root: number;
  beforeAll(() => {
    acme = t.ids.unit('Acme Corporation');
    root = t.ids.root;
  });

  it('E45 returns the contract, inherited by sub-units', async () => {
    const res = await t.api.get(`/v1/bunits/${acme}/contract`);
    expect(res.body).toMatchObject({
      discount: 10,
      currency: { code: 'EUR' },
      billingCycle: { months: 1 },
      subscriptions: [
        { product: { name: 'Backup node' } },
        { product: { name: 'Backup storage (GB)' } },
      ],
    });
    expect((await t.api.get(`/v1/bunits/${t.ids.unit('Acme Finance')}/contract`)).body.id).toBe(
      res.body.id,
    );
  });

  it('E46/E47 list invoices and read one by its YYYY-MM-DD date', async () => {
    const list = await t.api.get(`/v1/bunits/${acme}/invoices`);
    expect(list.body.total).toBe(3);
    const hrefs = list.body.items.map((i: { href: string }) => i.href);
    expect(hrefs[2]).toBe(`${t.sim.url}/v1/bunits/${acme}/invoices/2025-03-01`);
    const one = await t.api.get(`/v1/bunits/${acme}/invoices/2025-03-01`);
    expect(one.body).toMatchObject({ payingBusinessUnit: { id: acme, name: 'Acme Corporation' } });
    expect(one.body.lines.length).toBeGreaterThan(0);
    expect(one.body.lines[0]).toMatchObject({
      startDate: '2025-02-01T00:00:00Z',
      endDate: '2025-02-28T00:00:00Z',
    });
    expect((await t.api.get(`/v1/bunits/${acme}/invoices/2025-02-30`)).status).toBe(400);
    expect((await t.api.get(`/v1/bunits/${acme}/invoices/2019-01-01`)).status).toBe(404);
  });

  it('E49/E48 upload a PDF as the raw body and list it without content', async () => {
    const pdf = new Uint8Array([
      0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25, 0xe2, 0xe3,
    ]);
    const upload = await t.api.call(
      'POST',
      `/v1/bunits/${acme}/invoicefiles?erpReference=INV-77&sendToBillingAddress=true`,
      undefined,
      {
        headers: { 'Content-Type': 'application/pdf' },
        body: pdf,
      },
    );
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({
      size: 12,
      contentType: 'application/pdf',
      erpReference: 'INV-77',
      sendToBillingAddress: true,
    });
    expect(upload.body.name).toMatch(/\.pdf$/);
    const list = await t.api.get(`/v1/bunits/${acme}/invoicefiles`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].content).toBeUndefined();
    const raw = await fetch(list.body.items[0].href, {
      headers: { Origin: 'http://localhost', Authorization: `Bearer ${t.token.access_token}` },
    });
    expect(raw.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(pdf);
    expect(
      (
        await t.api.call(
          'POST',
          `/v1/bunits/${acme}/invoicefiles?sendToBillingAddress=sometimes`,
          undefined,
          { body: pdf },
        )
      ).status,
    ).toBe(400);
    expect((await t.api.call('POST', `/v1/bunits/${acme}/invoicefiles`)).status).toBe(400);
  });

  it('E50/E51 list billing data with includeNext and read one date', async () => {
    const list = await t.api.get(`/v1/bunits/${root}/billing?includeNext=2`);
    expect(list.body.total).toBe(5);
    const [first] = list.body.items;
    expect(first).toMatchObject({
      invoiceDateStr: '2025-01-01',
      billingBusinessUnit: { id: root },
      summary: [{ currency: { code: 'EUR' } }],
    });
    expect(first.summary[0].total).toBeGreaterThan(0);
    expect(
      list.body.items
        .slice(3)
        .map((b: { invoiceDateStr: string; preliminary: boolean }) => [
          b.invoiceDateStr,
          b.preliminary,
        ]),
    ).toEqual([
      ['2025-04-01', true],
      ['2025-05-01', true],
    ]);
    const one = await t.api.get(`/v1/bunits/${root}/billing/2025-02-01`);
    expect(
      one.body.invoices.map(
        (i: { payingBusinessUnit: { name: string } }) => i.payingBusinessUnit.name,
      ),
    ).toEqual([
      'Acme Corporation',
      'Globex Industries',
      'Initech',
      'Umbrella Health',
      'Stark Logistics',
    ]);
    expect((await t.api.get(`/v1/bunits/${root}/billing/2025-02-02`)).status).toBe(404);
    expect((await t.api.get(`/v1/bunits/${acme}/billing`)).body.total).toBe(0);
  });
});

describe('the billing webhook (W1)', () => {
  let receiver: Server;
  let received: { headers: IncomingHttpHeaders; body: string; sawContinue: boolean }[];
  let receiverUrl: string;
  beforeAll(async () => {
    received = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body, sawContinue: false });
        res.writeHead(202).end();
      });
    });
    // Take over Expect: 100-continue to observe it: answer 100, then read the body.
    receiver.on('checkContinue', (req, res) => {
      let body = '';
      let continued = false;
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body, sawContinue: continued });
        res.writeHead(204).end();
      });
      setTimeout(() => {
        continued = true;
        res.writeContinue();
      }, 50);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/baas-report/?code=xyz`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('posts the trigger with Expect: 100-continue, then the data can be pulled with E50', async () => {
    const { sim, api } = await startSignedIn();
    try {
      sim.webhooks.register(receiverUrl);
      const root = demo(sim).root;
      const before = (await api.get(`/v1/bunits/${root}/billing`)).body.total;
      const deliveries = await sim.generateBilling();
      expect(deliveries).toEqual([
        { url: receiverUrl, status: 204, at: '2025-03-14T12:00:00.000Z' },
      ]);
      expect(sim.stats.webhookDeliveries).toEqual(deliveries);
      const [hit] = received;
      expect(hit?.sawContinue).toBe(true);
      expect(hit?.headers.expect).toBe('100-continue');
      expect(hit?.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(hit?.body ?? '')).toEqual({ trigger: 'new billing data available' });
      const after = await api.get(`/v1/bunits/${root}/billing`);
      expect(after.body.total).toBe(before + 1);
      expect(after.body.items.at(-1).invoiceDateStr).toBe('2025-04-01');
    } finally {
      await sim.stop();
    }
  });

  it('records a failed delivery with status 0', async () => {
    const { sim } = await startSignedIn();
    try {
      sim.webhooks.register('http://127.0.0.1:9/unreachable');
      const [delivery] = await sim.generateBilling();
      expect(delivery).toMatchObject({ status: 0, error: expect.any(String) });
    } finally {
      await sim.stop();
    }
  });
});

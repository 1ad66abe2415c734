import { describe, expect, it } from 'vitest';
import { snapshot, useSignedIn } from './helpers.js';

describe('bad input', () => {
  const t = useSignedIn({ maxBodyBytes: 64 * 1024 });

  it('answers 413 with the API error body for an oversized body, state unchanged', async () => {
    const before = snapshot(t.sim);
    const res = await t.api.post('/v1/bunits/11/consumers', {
      name: 'x',
      note: 'y'.repeat(70 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PayloadTooLarge', status: 413 });
    expect(res.body.message).toContain(`${64 * 1024} bytes`);
    expect(snapshot(t.sim)).toEqual(before);
    expect(t.sim.state.auditLog.at(-1)).toMatchObject({
      type: 400,
      message: expect.stringContaining('larger than'),
    });
    expect((await t.api.get('/v1/fullVersion')).status).toBe(200);
  });

  it('limits streamed (chunked) bodies too', async () => {
    const big = new Uint8Array(100 * 1024).fill(65);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(big);
        controller.close();
      },
    });
    const res = await t.api.call('POST', '/v1/bunits/11/invoicefiles', undefined, {
      body: stream,
      headers: { 'Content-Type': 'application/pdf' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(t.sim.state.invoiceFiles).toEqual([]);
  });

  it('answers 404 with the API error body for an unknown route', async () => {
    const res = await t.api.get('/v1/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 'NotFound',
      message: 'No route for GET /v1/nothing/here',
      developerMessage: expect.any(String),
      status: 404,
    });
  });

  it('puts the cause in developerMessage too, as the Go client prints only that field', async () => {
    const res = await t.api.get('/v1/nothing/here');
    expect(res.body.developerMessage).toBe(
      'No route for GET /v1/nothing/here. See the operation catalog for the paths the API offers.',
    );
    const unit = await t.api.post('/v1/bunits/10/consumers', { name: '   ' });
    expect(unit.body.developerMessage).toBe(
      "Field 'name' must not be empty. 'name' needs at least 1 non-blank character(s).",
    );
  });

  it('survives a burst of garbage and still serves', async () => {
    const garbage = [
      '{',
      'null',
      '42',
      '"x"',
      '{"name":{"$gt":""}}',
      '\u0000\u0001',
      '{"name":"ok","cpuCount":"9"}',
    ];
    const statuses = await Promise.all(
      garbage.map((body) =>
        t.api.post('/v1/bunits/11/consumers/400/node', body).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    const weird = await Promise.all(
      [
        '/v1/bunits/%ZZ',
        '/v1/bunits/1e3',
        '/v1/bunits/-1/consumers',
        '/v1/bunits/11/consumers/400/jobs?startTime=%00',
      ].map((p) => t.api.get(p).then((r) => r.status)),
    );
    expect(weird.every((s) => s >= 400 && s < 500)).toBe(true);
    expect((await t.api.get('/v1/bunits/11')).status).toBe(200);
  });
});

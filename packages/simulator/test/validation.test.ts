import { describe, expect, it } from 'vitest';
import { type Answer, snapshot, useSignedIn } from './helpers.js';

/**
 * How the simulator reads request bodies and query strings (its zod schemas, applied through
 * @hono/zod-validator): as an ASP.NET backend does, with 400s that name the field in the API's
 * camelCase and say what was expected.
 */
/** A 400 with the API's error body, `message` in both of its messages. */
function expectRefused(res: Answer, message: string) {
  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    code: 'ValidationFailed',
    message,
    developerMessage: message,
    status: 400,
  });
}

describe('request validation', () => {
  const t = useSignedIn();
  const acme = () => t.ids.unit('Acme Corporation');

  it('reads body property names case-insensitively, nested references too; a later duplicate wins', async () => {
    const res = await t.api.post(`/v1/bunits/${acme()}/consumers`, {
      NAME: 'case-first',
      name: 'case-test01',
      NOTE: 'from NOTE',
      AllowNoActivity: true,
      LimitHighStorage: 5,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'case-test01',
      note: 'from NOTE',
      allowNoActivity: true,
      limitHighStorage: 5,
    });
    const unit = await t.api.put(`/v1/bunits/${acme()}`, { TIMEZONE: { ID: 11 } });
    expect(unit.status).toBe(200);
    expect(t.sim.state.businessUnits.find((b) => b.id === acme())?.timeZoneId).toBe(11);
  });

  it('ignores unknown properties, so a resource read with GET can be PUT back', async () => {
    const { path } = t.ids.consumer('acme-sql01');
    const read = await t.api.get(path);
    const back = await t.api.put(path, {
      ...read.body,
      $type: 'Consumer',
      somethingNew: { deeply: ['nested'] },
      note: 'put back',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ name: 'acme-sql01', note: 'put back' });
  });

  it('treats null as absent: a required field sent as null is missing, an optional one unchanged', async () => {
    const missing = await t.api.post(`/v1/bunits/${acme()}/consumers`, { name: null });
    expect(missing.status).toBe(400);
    expect(missing.body.developerMessage).toBe(
      "Field 'name' is required. Send 'name' as a string.",
    );
    const { path } = t.ids.consumer('acme-dc01');
    const before = (await t.api.get(path)).body;
    const res = await t.api.put(path, { note: null, externalReference: null });
    expect(res.status).toBe(200);
    expect(res.body.note).toBe(before.note);
  });

  it.each([
    [{ name: 'x', note: 5 }, "Field 'note' must be a string, got number 5"],
    [
      { name: 'x', allowNoActivity: 'yes' },
      "Field 'allowNoActivity' must be true or false, got the string 'yes'",
    ],
    [{ name: 'x', limitHighStorage: -1 }, "Field 'limitHighStorage' must be at least 0, got -1"],
    [
      { name: 'x', externalReference: 'r'.repeat(101) },
      "Field 'externalReference' must be at most 100 characters long, got 101",
    ],
    [
      { name: 'x', billingStartDate: 'soon' },
      "Field 'billingStartDate' must be an ISO 8601 date such as 2023-11-03T08:00:00Z, got 'soon'",
    ],
  ])('names the field and what it expected: %j', async (body, message) => {
    const before = snapshot(t.sim);
    const res = await t.api.post(`/v1/bunits/${acme()}/consumers`, body);
    expectRefused(res, message);
    expect(snapshot(t.sim)).toEqual(before);
  });

  it('names a reference field and its id in the camelCase of the API', async () => {
    const { path } = t.ids.consumer('eng-mac-studio');
    const notRef = await t.api.put(`${path}/node`, { Domain: 'standard' });
    expect(notRef.body.message).toBe(
      `Field 'domain' must be a reference object like {"id": 3}, got the string 'standard'`,
    );
    const badId = await t.api.put(`${path}/node`, { ClientOptionSet: { Id: '2' } });
    expect(badId.body.message).toBe(
      "Field 'clientOptionSet.id' must be a number, got the string '2'",
    );
    const missing = await t.api.post(`/v1/bunits/${acme()}/consumers/999999/node`, {
      type: { id: 1 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.developerMessage).toBe(
      `Field 'operatingSystem' is required. Send 'operatingSystem' as a reference: {"id": <number>}.`,
    );
  });

  it('never repeats a password it refuses', async () => {
    const { path } = t.ids.consumer('acme-dc01');
    for (const tsmPassword of [918273645, ['Secret-123'], { value: 'Secret-123' }, 'Sec']) {
      const res = await t.api.post(`${path}/node/password`, { TsmPassword: tsmPassword });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^Field 'tsmPassword' must be/);
      expect(JSON.stringify(res.body)).not.toMatch(/918273645|Secret-123|'Sec'/);
    }
  });

  it.each([
    ['', 'BadRequest', 'The request body is empty; a JSON object is required'],
    ['{"name": ', 'BadRequest', 'The request body is not valid JSON'],
    ['["name"]', 'BadRequest', 'The request body must be a JSON object, got an array'],
    ['"name"', 'BadRequest', "The request body must be a JSON object, got the string 'name'"],
  ])('answers a body that is not a JSON object (%j) with %s', async (text, code, message) => {
    const res = await t.api.call('POST', `/v1/bunits/${acme()}/consumers`, undefined, {
      body: text,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, message });
  });

  it('reads a JSON body whatever its Content-Type, and logs the type as sent', async () => {
    const res = await t.api.call('POST', `/v1/bunits/${acme()}/consumers`, undefined, {
      body: JSON.stringify({ Name: 'text-plain01' }),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('text-plain01');
    expect(t.sim.stats.log.at(-1)).toMatchObject({
      method: 'POST',
      status: 201,
      contentType: 'text/plain;charset=UTF-8',
    });
  });

  it.each([
    ['/consumers?limit=10001', "Query parameter 'limit' must be at most 10000, got 10001"],
    ['/consumers?offset=-1', "Query parameter 'offset' must be at least 0, got -1"],
    ['/consumers?LIMIT=two', "Query parameter 'limit' must be an integer, got 'two'"],
    ['/billing?includeNext=25', "Query parameter 'includeNext' must be at most 24, got 25"],
    ['/auditlogs?limit=1001', "Query parameter 'limit' must be at most 1000, got 1001"],
    [
      '/auditlogs?types=100&Types=150',
      "Query parameter 'types' must be 0 (info), 100 (create), 200 (modify), 300 (delete) or 400 (error), got '150'",
    ],
    [
      '/auditlogs?orderDesc=maybe',
      "Query parameter 'orderDesc' must be true or false, got 'maybe'",
    ],
    [
      '/auditlogs?startTime=yesterday',
      "Query parameter 'startTime' must be an ISO 8601 date such as 2023-11-03T08:00:00Z, got 'yesterday'",
    ],
  ])('refuses a query parameter out of range or of the wrong shape: %s', async (query, message) => {
    const res = await t.api.get(`/v1/bunits/${t.ids.root}${query}`);
    expectRefused(res, message);
  });

  it('binds query names case-insensitively, takes the first non-empty value, and accepts the limits', async () => {
    const unit = acme();
    const all = await t.api.get(`/v1/bunits/${unit}/consumers`);
    const page = await t.api.get(`/v1/bunits/${unit}/consumers?Offset=&OFFSET=1&Limit=1`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: all.body.total, offset: 1 });
    expect(page.body.items).toEqual([all.body.items[1]]);
    expect((await t.api.get(`/v1/bunits/${unit}/consumers?limit=10000`)).status).toBe(200);
    const audit = await t.api.get(
      `/v1/bunits/${t.ids.root}/auditlogs?includeDescendants=TRUE&types=100&Types=300&limit=1000`,
    );
    expect(audit.status).toBe(200);
    const types = new Set(audit.body.items.map((e: { type: number }) => e.type));
    expect(types.size).toBeGreaterThan(0);
    expect([...types].every((type) => type === 100 || type === 300)).toBe(true);
  });
});

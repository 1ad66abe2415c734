import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { baseEnv } from '@cloutapi/vitest-config';
import { printedMatch, startProcess } from '@cloutapi/vitest-config/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

/** A running `cloutapi webhook listen`, its URL and what it logged. */
interface Listener {
  url: string;
  child: ChildProcessWithoutNullStreams;
  log: () => string;
  stop: () => Promise<number | null>;
}

async function listen(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Listener> {
  const run = startProcess(process.execPath, [CLI, 'webhook', 'listen', '--port', '0', ...args], {
    env: { ...baseEnv(), ...env(extraEnv) },
  });
  const [, url = ''] = await printedMatch(run, /listening on (http:\/\/\S+)/, 'stderr');
  return {
    url,
    child: run.child,
    log: run.stderr,
    stop: () => {
      run.child.kill('SIGTERM');
      return run.exited;
    },
  };
}

/** Sends a POST the way the portal does: JSON, `Expect: 100-continue`, body after the 100. */
function notify(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; continued: boolean }> {
  return new Promise((done, fail) => {
    let continued = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Expect: '100-continue',
        'Content-Length': Buffer.byteLength(body),
        ...headers,
      },
    });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, continued }));
    });
    req.on('error', (error) => (continued ? fail(error) : done({ status: 0, continued })));
    req.flushHeaders();
  });
}

async function waitFor<T>(check: () => T | undefined, what: string, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cloutapi webhook listen --out DIR', () => {
  const out = join(dir, 'billing');
  let listener: Listener;
  beforeAll(async () => {
    // The second notification's fetch waits for the first one's rest: keep it short here.
    listener = await listen(['--out', out, '--min-interval', '1s']);
  });
  afterAll(async () => {
    await listener?.stop();
  });

  it('answers Expect: 100-continue, acknowledges with 2xx, then writes the billing data to a file', async () => {
    const answer = await notify(
      listener.url,
      JSON.stringify({ trigger: 'test for new billing data available' }),
    );
    expect(answer).toEqual({ status: 202, continued: true });
    const file = await waitFor(
      () => (existsSync(out) ? readdirSync(out)[0] : undefined),
      'the billing file',
    );
    expect(file).toMatch(/^billing-\d{4}-\d{2}-\d{2}T.*\.json$/);
    const delivery = JSON.parse(readFileSync(join(out, file), 'utf8'));
    expect(delivery.trigger).toEqual({ trigger: 'test for new billing data available' });
    expect(delivery.bunitId).toBe(10);
    expect(delivery.billing.items.length).toBeGreaterThan(0);
  });

  it("receives the simulator's own webhook after generateBilling", async () => {
    sim().webhooks.register(listener.url);
    const before = readdirSync(out).length;
    const deliveries = await sim().generateBilling();
    expect(deliveries.map((d) => d.status)).toEqual([202]);
    await waitFor(() => (readdirSync(out).length > before ? true : undefined), 'a second file');
  });

  it('refuses bad requests with a 4xx and logs them', async () => {
    const get = await new Promise<number>((done) => {
      request(listener.url, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      }).end();
    });
    expect(get).toBe(405);
    expect((await notify(listener.url, 'not json')).status).toBe(400);
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) });
    const tooBig = await notify(listener.url, big);
    expect(tooBig).toEqual({ status: 413, continued: false });
    expect(
      (await notify(listener.url, 'a=1', { 'Content-Type': 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(415);
    expect(listener.log()).toMatch(/GET \/ -> 405/);
    expect(listener.log()).toMatch(/POST \/ -> 400: the body is not JSON/);
    expect(listener.log()).toMatch(/-> 413/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const second = await listen([]);
    expect(await second.stop()).toBe(0);
  });
});

describe('cloutapi webhook listen --exec CMD', () => {
  it('hands the billing data to the command as JSON on stdin', async () => {
    const target = join(dir, 'from-exec.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(target)}, require('fs').readFileSync(0))`;
    const listener = await listen([
      '--exec',
      `"${process.execPath}" -e "${script.replace(/"/g, '\\"')}"`,
    ]);
    try {
      expect((await notify(listener.url, '{"trigger":"exec"}')).status).toBe(202);
      const text = await waitFor(
        () =>
          existsSync(target) && readFileSync(target, 'utf8').length
            ? readFileSync(target, 'utf8')
            : undefined,
        'the command to run',
      );
      const delivery = JSON.parse(text);
      expect(delivery.trigger).toEqual({ trigger: 'exec' });
      expect(delivery.billing.total).toBeGreaterThan(0);
      await waitFor(
        () => (/exit code 0/.test(listener.log()) ? true : undefined),
        'the exit code in the log',
      );
    } finally {
      await listener.stop();
    }
  });
});

describe('cloutapi webhook listen, against a hostile caller', () => {
  const SECRET = 'webhook-secret-8a7f3c21';

  it('refuses to listen beyond this machine without a shared secret', async () => {
    const run = await cli(['webhook', 'listen', '--port', '0', '--host', '0.0.0.0'], {
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs a shared secret \(--secret or CLOUTAPI_WEBHOOK_SECRET\)/);
  });

  it('with a secret: 401 without it (body never read), 202 with ?code=; never logged', async () => {
    const out = join(dir, 'secret');
    const listener = await listen(['--out', out], { CLOUTAPI_WEBHOOK_SECRET: SECRET });
    try {
      const body = '{"trigger":"test for new billing data available"}';
      expect(await notify(listener.url, body)).toEqual({ status: 401, continued: false });
      expect((await notify(`${listener.url}?code=wrong-secret-000000`, body)).status).toBe(401);
      expect(await notify(`${listener.url}?code=${SECRET}`, body)).toEqual({
        status: 202,
        continued: true,
      });
      expect((await notify(listener.url, body, { 'X-Webhook-Secret': SECRET })).status).toBe(202);
      // The portal's own delivery, with the secret in the registered Post URL.
      sim().webhooks.register(`${listener.url}?code=${SECRET}`);
      const deliveries = await sim().generateBilling();
      expect(deliveries.map((d) => d.status)).toContain(202);
      await waitFor(
        () => (existsSync(out) && readdirSync(out).length ? true : undefined),
        'a file',
      );
      expect(listener.log()).toMatch(/-> 401: the shared secret is missing or wrong/);
      expect(listener.log()).toMatch(/code=\[REDACTED\] -> 202/);
      expect(listener.log()).not.toContain(SECRET);
    } finally {
      await listener.stop();
    }
  });

  it('accepts only the webhook body (an object with a string trigger); logs safe lines', async () => {
    const listener = await listen(['--out', join(dir, 'shapes')]);
    try {
      for (const body of ['1', '"x"', '[]', '{}', '{"trigger":5}', 'null']) {
        expect((await notify(listener.url, body)).status, body).toBe(400);
      }
      expect(
        (await notify(listener.url, JSON.stringify({ trigger: 'new\u001b[2J\rdata\u202e' })))
          .status,
      ).toBe(202);
      await waitFor(() => (/-> 202/.test(listener.log()) ? true : undefined), 'the log line');
      expect(listener.log()).toMatch(/expected the webhook body/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly those
      expect(listener.log()).not.toMatch(/[\u001b\r\u202e]/);
    } finally {
      await listener.stop();
    }
  });

  it('matches ?code= however it is percent-encoded; no spelling of the secret is logged', async () => {
    const listener = await listen(['--out', join(dir, 'spelled')], {
      CLOUTAPI_WEBHOOK_SECRET: SECRET,
    });
    const encode = (text: string) =>
      [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    try {
      const body = '{"trigger":"spelled"}';
      // `%63ode` is `code` once decoded, as URLSearchParams (and the portal's proxy) reads it.
      expect((await notify(`${listener.url}?%63ode=${encode(SECRET)}`, body)).status).toBe(202);
      expect(
        (await notify(`${listener.url}?%63ode=${encode('wrong-secret-000000')}`, body)).status,
      ).toBe(401);
      // A repeated code is ambiguous (which one would a proxy check?): refused.
      expect((await notify(`${listener.url}?code=${SECRET}&code=${SECRET}`, body)).status).toBe(
        401,
      );
      // Not the parameter's name (names are matched exactly), nor the secret: refused, not logged.
      for (const query of [
        `CODE=${SECRET.toUpperCase()}`,
        `x=${encode(encode(SECRET))}`,
        `${encode(SECRET)}=1`,
      ]) {
        expect((await notify(`${listener.url}?${query}`, body)).status, query).toBe(401);
      }
      expect((await notify(`${listener.url}${encode(SECRET)}`, body)).status).toBe(401);
      await waitFor(
        () => ((listener.log().match(/-> 40/g) ?? []).length >= 6 ? true : undefined),
        'every refusal logged',
      );
      const log = listener.log();
      expect(log).toMatch(/POST \/\?code=\[REDACTED\] -> 202/);
      for (const spelling of [SECRET, encode(SECRET), encode(encode(SECRET))]) {
        expect(log.toLowerCase()).not.toContain(spelling.toLowerCase());
      }
    } finally {
      await listener.stop();
    }
  });

  it('300 notifications at once with the secret make at most two billing fetches', async () => {
    const out = join(dir, 'burst');
    // A rest of an hour between fetches: the burst surely arrives within it, so the count is
    // the coalescer's, not the machine's speed. Stopping runs the waiting fetch at once.
    const listener = await listen(
      ['--out', out, '--max-queue', '300', '--max-connections', '300', '--min-interval', '1h'],
      {
        CLOUTAPI_WEBHOOK_SECRET: SECRET,
      },
    );
    const key = 'GET /v1/bunits/{bunitId}/billing';
    const before = sim().stats.requests[key] ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        notify(`${listener.url}?code=${SECRET}`, JSON.stringify({ trigger: `burst ${i}` })),
      ),
    );
    const counts: Record<number, number> = {};
    for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
    expect(counts).toEqual({ 202: 300 });
    expect(await listener.stop()).toBe(0);
    // Every accepted notification is answered by exactly one delivery.
    const files = readdirSync(out);
    const delivered = files
      .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')).notifications as number)
      .reduce((a, b) => a + b, 0);
    expect(delivered).toBe(300);
    const fetches = (sim().stats.requests[key] ?? 0) - before;
    expect(fetches).toBe(files.length);
    // The one the first notification started, and one after it for all the rest.
    expect(fetches).toBeLessThanOrEqual(2);
  }, 120_000);

  it('answers 503 beyond --max-queue while a fetch is due', async () => {
    // The first notification starts a fetch; the unit then rests an hour, so the others wait.
    const listener = await listen([
      '--out',
      join(dir, 'queue'),
      '--max-queue',
      '5',
      '--min-interval',
      '1h',
    ]);
    try {
      const first = await notify(listener.url, '{"trigger":"first"}');
      expect(first.status).toBe(202);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => notify(listener.url, '{"trigger":"more"}')),
      );
      expect(answers.filter((a) => a.status === 202)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 503)).toHaveLength(15);
      expect(listener.log()).toMatch(/-> 503: busy/);
    } finally {
      await listener.stop();
    }
  }, 60_000);
});

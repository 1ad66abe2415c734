import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

/** A running `cloutapi webhook listen`, its URL and what it logged. */
interface Listener {
  url: string;
  child: ChildProcessWithoutNullStreams;
  log: () => string;
  stop: () => Promise<number | null>;
}

async function listen(args: string[]): Promise<Listener> {
  const child = spawn(process.execPath, [CLI, 'webhook', 'listen', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, ...env() },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((done, fail) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) done(match[1] as string);
    };
    child.stderr.on('data', check);
    child.on('exit', (code) => fail(new Error(`the listener exited (${code}): ${stderr}`)));
  });
  return {
    url,
    child,
    log: () => stderr,
    stop: () =>
      new Promise((done) => {
        child.on('exit', (code) => done(code));
        child.kill('SIGTERM');
      }),
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
    listener = await listen(['--out', out]);
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

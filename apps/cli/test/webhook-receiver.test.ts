import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Receiver, type ReceiverOptions, startReceiver } from '../src/webhook/receiver.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A loopback receiver without a secret (the case a neighbour on the machine can reach). */
async function start(options: Partial<ReceiverOptions>): Promise<URL> {
  receiver = await startReceiver({
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    onNotification: () => true,
    ...options,
  });
  return new URL(receiver.url);
}

/** A raw connection, what it received, and a promise of its end. */
interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

function open(url: URL): Raw {
  const socket = connect(Number(url.port), url.hostname);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  return { socket, received: () => received, closed };
}

/**
 * A client that announces a body and then trickles it a byte at a time, never finishing: the
 * receiver says `100 Continue`, and must not wait for it forever.
 */
async function slowBody(url: URL): Promise<Raw> {
  const raw = open(url);
  raw.socket.write(
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n',
  );
  const trickle = setInterval(() => raw.socket.writable && raw.socket.write(' '), 50);
  void raw.closed.then(() => clearInterval(trickle));
  await Promise.race([until(() => raw.received().includes('100 Continue')), raw.closed]);
  return raw;
}

/** A client that never finishes its headers. */
function slowHeaders(url: URL): Raw {
  const raw = open(url);
  raw.socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
  const trickle = setInterval(() => raw.socket.writable && raw.socket.write('X: y\r\n'), 50);
  void raw.closed.then(() => clearInterval(trickle));
  return raw;
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

/** A whole, well-formed notification on its own connection; resolves the status line. */
async function post(url: URL): Promise<string> {
  const raw = open(url);
  const body = '{"trigger":"new billing data available"}';
  raw.socket.write(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
  await raw.closed;
  return raw.received().split('\r\n')[0] ?? '';
}

describe('the webhook receiver against slow and many connections', () => {
  it('serves a notification while slow clients hold all but one slot, and refuses beyond the cap', async () => {
    // A time limit far beyond the test: the slow ones stay until we close them.
    const url = await start({ maxConnections: 4, requestTimeoutMs: 600_000 });
    const slow = [await slowBody(url), await slowBody(url), await slowBody(url)];
    expect(slow.map((s) => s.received())).toEqual(Array(3).fill('HTTP/1.1 100 Continue\r\n\r\n'));
    expect(await post(url)).toBe('HTTP/1.1 202 Accepted');
    slow.push(await slowBody(url));
    expect(slow[3]?.received()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    // The cap is reached: more connections are closed at once, unanswered.
    const over = [open(url), open(url), open(url)];
    await Promise.all(over.map((o) => o.closed));
    expect(over.map((o) => o.received())).toEqual(['', '', '']);
    for (const s of slow) s.socket.destroy();
  }, 60_000);

  it('cuts every slow body and slow header block after the time limit (408)', async () => {
    const url = await start({ requestTimeoutMs: 300 });
    const slow = [
      ...(await Promise.all(Array.from({ length: 20 }, () => slowBody(url)))),
      slowHeaders(url),
      slowHeaders(url),
    ];
    await Promise.all(slow.map((s) => s.closed));
    for (const s of slow) expect(s.received()).toMatch(/HTTP\/1\.1 408 Request Timeout/);
    // Still serving.
    expect(await post(url)).toBe('HTTP/1.1 202 Accepted');
  }, 60_000);
});

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of the simulator that can hold requests: once `shouldHold`
 * says so for a request, it (and every later one it matches) waits until `release()`. A test
 * stops a job at a known point this way, whatever the machine's speed.
 */
export async function startGate(
  target: string,
  shouldHold: (method: string, path: string) => boolean,
) {
  const { host, hostname, port } = new URL(target);
  let open = false;
  let releaseAll!: () => void;
  const released = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  let heldFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => {
    heldFirst = resolve;
  });
  const server = createServer(async (req, res) => {
    if (!open && shouldHold(req.method ?? 'GET', req.url ?? '/')) {
      heldFirst();
      await released;
    }
    const upstream = request(
      {
        host: hostname,
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves once a request is being held. */
    held: firstHeld,
    /** Lets every held request (and every later one) through. */
    release() {
      open = true;
      releaseAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

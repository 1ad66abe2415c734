import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DelayProxy, startDelayProxy } from './delay-proxy.js';
import { demoEnv, startSimulatorProcess } from './processes.js';

/** A local server made to look like a portal across the internet: HTTPS, `rttMs` away. */
interface TlsPortal {
  /** `https://127.0.0.1:PORT`: the URL clients use (e.g. `CLOUTAPI_URL`). */
  url: string;
  /** The proxy's certificate, for `NODE_EXTRA_CA_CERTS`. */
  caFile: string;
  proxy: DelayProxy;
  close(): Promise<void>;
}

/**
 * The simulator in its own process (`simulatorArgs` added) behind a TLS portal `rttMs` away, a
 * work folder, and the demo user's CLI environment against the portal; `close()` stops it all.
 */
export async function simulatorBehindPortal(rttMs: number, simulatorArgs: string[] = []) {
  const sim = await startSimulatorProcess(simulatorArgs);
  const work = mkdtempSync(join(tmpdir(), 'cloutapi-bench-'));
  const portal = await startTlsPortal({ target: sim.url, dir: work, rttMs });
  const env = demoEnv(work, {
    CLOUTAPI_URL: portal.url,
    NODE_EXTRA_CA_CERTS: portal.caFile,
    CLOUTAPI_CACHE_DIR: join(work, 'cache'),
  });
  return {
    sim,
    work,
    portal,
    env,
    async close() {
      await portal.close();
      sim.run.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Puts a delaying TLS proxy (see `startDelayProxy`) with a fresh self-signed certificate in front
 * of `target` and writes the certificate to `dir/portal-ca.pem`.
 */
async function startTlsPortal(options: {
  target: string;
  dir: string;
  rttMs?: number;
}): Promise<TlsPortal> {
  const tls = selfSignedCertificate();
  const caFile = join(options.dir, 'portal-ca.pem');
  writeFileSync(caFile, tls.cert);
  const proxy = await startDelayProxy({ target: options.target, tls, rttMs: options.rttMs ?? 40 });
  return { url: proxy.url, caFile, proxy, close: () => proxy.close() };
}

/**
 * A throw-away self-signed certificate for `127.0.0.1` and `localhost`, made with the system's
 * `openssl` (Node's crypto makes keys but not X.509 certificates). It is its own CA, so a client
 * trusts it through `NODE_EXTRA_CA_CERTS`. An EC P-256 key, as a portal's would be.
 */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const args = [
      ...'req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1'.split(' '),
      ...['-keyout', key, '-out', cert, '-subj', '/CN=cloutapi bench'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ];
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DelayProxy, startDelayProxy } from './delay-proxy.js';
import { selfSignedCertificate } from './self-signed.js';

/** A local server made to look like a portal across the internet: HTTPS, `rttMs` away. */
export interface TlsPortal {
  /** `https://127.0.0.1:PORT`: the URL clients use (e.g. `CLOUTAPI_URL`). */
  url: string;
  /** The proxy's certificate, for `NODE_EXTRA_CA_CERTS`. */
  caFile: string;
  proxy: DelayProxy;
  close(): Promise<void>;
}

/**
 * Puts a delaying TLS proxy (see `startDelayProxy`) with a fresh self-signed certificate in front
 * of `target` and writes the certificate to `dir/portal-ca.pem`.
 */
export async function startTlsPortal(options: {
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

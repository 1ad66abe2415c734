import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, in PEM. */
export interface SelfSigned {
  key: string;
  cert: string;
}

/**
 * Generates a throw-away self-signed certificate for `127.0.0.1` and `localhost` with the system's
 * `openssl` (Node's crypto makes keys but not X.509 certificates). The certificate is its own CA,
 * so a client trusts it through `NODE_EXTRA_CA_CERTS`. An EC P-256 key, as a portal's would be.
 */
export function selfSignedCertificate(days = 1): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'cloutapi-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        String(days),
        '-subj',
        '/CN=cloutapi bench',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

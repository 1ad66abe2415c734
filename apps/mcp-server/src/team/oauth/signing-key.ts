import { createPrivateKey, hkdfSync } from 'node:crypto';

/** PKCS #8 for an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The key ID tokens are signed with: Ed25519 from a seed derived from the state key, so every
 * instance that shares the state key signs with the same key and nothing more is stored.
 */
export function signingJwk(stateKey: Buffer): Record<string, string> {
  const seed = Buffer.from(hkdfSync('sha256', stateKey, '', 'cloutapi-mcp id token key', 32));
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  return { ...jwk, alg: 'EdDSA', use: 'sig', kid: jwk.x?.slice(0, 16) ?? 'ed25519' };
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A key for one purpose, derived (HKDF-SHA256) from the server's state key: instances that share
 * the state key open each other's records; nobody else can, and no two purposes share a key.
 */
export const sealKey = (stateKey: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', stateKey, '', `cloutapi-mcp ${purpose}`, 32));

/** The key task records are sealed with. */
export const taskSealKey = (stateKey: Buffer) => sealKey(stateKey, 'task store');

/** `value` as JSON, sealed with AES-256-GCM: iv (12 bytes), tag (16), ciphertext. */
export function seal(key: Buffer, value: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** What {@link seal} sealed. @throws Error when `key` is not the one, or it was tampered with. */
export function unseal<T>(key: Buffer, sealed: Buffer): T {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(text.toString('utf8')) as T;
}

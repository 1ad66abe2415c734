import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { TaskRecord } from './store.js';

/**
 * The key task records are sealed with, derived from the server's state key: instances that
 * share the state key read each other's tasks; nobody else can.
 */
export const taskSealKey = (stateKey: Buffer) =>
  Buffer.from(hkdfSync('sha256', stateKey, '', 'cloutapi-mcp task store', 32));

/** iv (12 bytes), tag (16), ciphertext. */
export function seal(key: Buffer, record: TaskRecord): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unseal(key: Buffer, sealed: Buffer): TaskRecord {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(text.toString('utf8')) as TaskRecord;
}

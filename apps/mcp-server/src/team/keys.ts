import { createHash } from 'node:crypto';
import { seal, sealKey, unseal } from '../sealed.js';

/**
 * The team server's state keys: the current one seals, every one opens, so a key can be rotated
 * without signing anyone out (records sealed under an older key are sealed again when read).
 */
export interface KeyRing {
  /** Seals confirmations, tasks and new secrets. */
  current: Buffer;
  /** Older keys, kept only to open what they sealed. */
  previous: readonly Buffer[];
}

/** Format byte of a sealed secret: key id (8 bytes) and AES-256-GCM after it. */
const FORMAT = 1;

/** Which state key sealed a record, without revealing anything of it. */
const keyId = (key: Buffer) => createHash('sha256').update(key).digest().subarray(0, 8);

/** `value` sealed for one purpose under the current key, marked with that key's id. */
export function sealSecret(ring: KeyRing, purpose: string, value: unknown): Buffer {
  const key = sealKey(ring.current, purpose);
  return Buffer.concat([Buffer.of(FORMAT), keyId(key), seal(key, value)]);
}

/**
 * What {@link sealSecret} sealed, and whether it was under an older key (then seal it again).
 *
 * @throws Error when no key of the ring sealed it, or it was tampered with.
 */
export function openSecret<T>(
  ring: KeyRing,
  purpose: string,
  sealed: Buffer,
): { value: T; stale: boolean } {
  if (sealed[0] !== FORMAT) throw new Error('not a sealed secret of this server');
  const id = sealed.subarray(1, 9);
  for (const [i, stateKey] of [ring.current, ...ring.previous].entries()) {
    const key = sealKey(stateKey, purpose);
    if (!keyId(key).equals(id)) continue;
    return { value: unseal<T>(key, sealed.subarray(9)), stale: i > 0 };
  }
  throw new Error(
    'sealed under a state key this server does not have: give the old key in CLOUTAPI_MCP_STATE_KEY_PREVIOUS',
  );
}

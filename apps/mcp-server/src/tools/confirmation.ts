import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Confirmations of destructive calls, in the two forms a client can give one: the user's answer
 * to an input request (bound to the previewed state by the signed request state), or the token
 * of a preview (for clients that can ask nobody). Both are signed with one key, so every instance
 * that shares the key accepts them, and each is good once: its nonce is claimed in a
 * {@link OnceStore} before the call goes ahead.
 */

/** How long a preview's token, or a question to the user, stays valid. */
export const TOKEN_TTL_MS = 5 * 60_000;

/** The least key length (bytes): the request-state codec's minimum, an HMAC-SHA256 key's size. */
export const MIN_KEY_BYTES = 32;

/** Remembers which confirmations were used; `claim` is true only the first time for an id. */
export interface OnceStore {
  claim(id: string, expiresAt: number): Promise<boolean>;
}

/** A {@link OnceStore} in this process's memory: enough for one instance (shared stores: issue 27). */
export function memoryOnceStore(now: () => number = Date.now): OnceStore {
  const used = new Map<string, number>();
  return {
    async claim(id, expiresAt) {
      const at = now();
      for (const [k, until] of used) if (until < at) used.delete(k);
      if (used.has(id)) return false;
      used.set(id, expiresAt);
      return true;
    },
  };
}

/** Why a token does not confirm a call. */
export type TokenProblem = 'missing' | 'expired' | 'changed' | 'mismatch' | 'used';

/** What a question to the user was asked about; carried (signed) in the request state. */
export interface AskedState {
  /** Random: the answer to this question confirms once. */
  nonce: string;
  /** Keyed digest of the tool and its arguments (not a plain digest: arguments hold passwords). */
  call: string;
  /** Digest of the previewed impact. */
  state: string;
  /** Epoch ms after which the answer no longer counts. */
  expires: number;
}

/** The signing side of confirmations, made once per server (see {@link createConfirmations}). */
export interface Confirmations {
  /** The key (the request-state codec signs with it too). */
  key: Buffer;
  issueToken(
    tool: string,
    args: Record<string, unknown>,
    stateDigest: string,
    now?: number,
  ): string;
  /** Why the token does not confirm this call on this state (and claims it when it does). */
  useToken(
    token: string | undefined,
    tool: string,
    args: Record<string, unknown>,
    stateDigest: string,
    now?: number,
  ): Promise<TokenProblem | undefined>;
  /** A new question's state. */
  ask(tool: string, args: Record<string, unknown>, stateDigest: string, now?: number): AskedState;
  /** Whether an answered question was about this call and this state, unexpired. */
  answers(
    asked: AskedState,
    tool: string,
    args: Record<string, unknown>,
    stateDigest: string,
    now?: number,
  ): 'yes' | 'changed' | 'other' | 'expired';
  /** Claims an answered question: true the first time only. */
  claim(asked: AskedState): Promise<boolean>;
}

// expires (base 36) . nonce . the call's digest start . the state's digest start . MAC over all
// of it: exact characters only, so no padding or reordering passes.
const TOKEN = /^([0-9a-z]{1,11})\.([\w-]{16})\.([\w-]{8})\.([\w-]{8})\.([\w-]{43})$/;

/**
 * The confirmations of one server. `key` (at least {@link MIN_KEY_BYTES} bytes) is shared by
 * instances that confirm each other's previews; without one, a random key of this process.
 */
export function createConfirmations(
  options: { key?: Buffer | undefined; once?: OnceStore | undefined } = {},
): Confirmations {
  const key = options.key ?? randomBytes(MIN_KEY_BYTES);
  if (key.length < MIN_KEY_BYTES)
    throw new Error(`the confirmation key must be at least ${MIN_KEY_BYTES} bytes`);
  const once = options.once ?? memoryOnceStore();
  const hmac = (...parts: string[]) =>
    createHmac('sha256', key).update(parts.join('\0')).digest('base64url');
  const callDigest = (tool: string, args: Record<string, unknown>) =>
    hmac('call', canonical([tool, args]));
  const tokenMac = (body: string, tool: string, args: Record<string, unknown>, state: string) =>
    hmac('token', body, canonical([tool, args]), state);

  return {
    key,
    issueToken(tool, args, stateDigest, now = Date.now()) {
      const body = [
        (now + TOKEN_TTL_MS).toString(36),
        randomBytes(12).toString('base64url'),
        // In the clear, so a refusal can tell other arguments from a changed state.
        callDigest(tool, args).slice(0, 8),
        stateDigest.slice(0, 8),
      ].join('.');
      return `${body}.${tokenMac(body, tool, args, stateDigest)}`;
    },
    async useToken(token, tool, args, stateDigest, now = Date.now()) {
      if (!token) return 'missing';
      const parts = TOKEN.exec(token);
      if (!parts) return 'mismatch';
      const [, expiresText = '', nonce = '', callStart = '', stateStart = '', given = ''] = parts;
      const body = token.slice(0, token.lastIndexOf('.'));
      if (!sameText(given, tokenMac(body, tool, args, stateDigest)))
        return callStart === callDigest(tool, args).slice(0, 8) &&
          stateStart !== stateDigest.slice(0, 8)
          ? 'changed'
          : 'mismatch';
      const expires = Number.parseInt(expiresText, 36);
      if (now > expires) return 'expired';
      return (await once.claim(`token:${nonce}`, expires)) ? undefined : 'used';
    },
    ask(tool, args, stateDigest, now = Date.now()) {
      return {
        nonce: randomBytes(12).toString('base64url'),
        call: callDigest(tool, args),
        state: stateDigest,
        expires: now + TOKEN_TTL_MS,
      };
    },
    answers(asked, tool, args, stateDigest, now = Date.now()) {
      if (!sameText(asked.call, callDigest(tool, args))) return 'other';
      if (now > asked.expires) return 'expired';
      return sameText(asked.state, stateDigest) ? 'yes' : 'changed';
    },
    claim: (asked) => once.claim(`ask:${asked.nonce}`, asked.expires),
  };
}

/** A stable digest of a value (object keys sorted). */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

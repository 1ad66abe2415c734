import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Confirmation tokens: a destructive call needs the token its preview returned. The token is an
 * HMAC, with a secret of this process, over the tool name, the exact arguments, a digest of what
 * the preview found and an expiry; so it confirms these arguments on this state only, for a few
 * minutes, and a model cannot make one up.
 */

/** How long a preview's token is valid. */
export const TOKEN_TTL_MS = 5 * 60_000;

let secret: Buffer | undefined;
const key = () => {
  secret ??= randomBytes(32);
  return secret;
};

/** A stable digest of a value (object keys sorted). */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('base64url');
}

/** A token for this tool, these arguments and this previewed state, valid until `now + TTL`. */
export function issueToken(
  tool: string,
  args: Record<string, unknown>,
  stateDigest: string,
  now = Date.now(),
): string {
  const expires = now + TOKEN_TTL_MS;
  // The digests' starts are in the clear, so a refusal can tell other arguments from a changed
  // state; only the MAC proves anything.
  return [
    expires.toString(36),
    digestOf([tool, args]).slice(0, 8),
    stateDigest.slice(0, 8),
    mac(tool, args, stateDigest, expires),
  ].join('.');
}

/** Why a token does not confirm a call, or undefined when it does. */
export function tokenProblem(
  token: string | undefined,
  tool: string,
  args: Record<string, unknown>,
  stateDigest: string,
  now = Date.now(),
): 'missing' | 'expired' | 'changed' | 'mismatch' | undefined {
  if (!token) return 'missing';
  const [expiresText = '', argsStart = '', stateStart = '', given = ''] = token.split('.');
  const expires = Number.parseInt(expiresText, 36);
  if (!Number.isFinite(expires)) return 'mismatch';
  const expected = Buffer.from(mac(tool, args, stateDigest, expires));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return argsStart === digestOf([tool, args]).slice(0, 8) &&
      stateStart !== stateDigest.slice(0, 8)
      ? 'changed'
      : 'mismatch';
  return now > expires ? 'expired' : undefined;
}

function mac(tool: string, args: Record<string, unknown>, digest: string, expires: number) {
  return createHmac('sha256', key())
    .update(canonical([tool, args, digest, expires]))
    .digest('base64url');
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

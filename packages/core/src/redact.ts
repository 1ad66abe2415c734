/**
 * Secret redaction, applied when an error or log line is *built*, so nothing downstream (message,
 * toString, JSON, util.inspect, a logger) can ever see the secret.
 *
 * Two layers: patterns that catch secrets by shape (`Bearer ...`, `password=...`, `"tsmPassword":
 * "..."`) and a bounded registry of known secret values (the password and tokens in use), which
 * catches a secret echoed back in any shape, e.g. inside a server's error message.
 */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

// Field names whose values are secrets, in JSON, form bodies, query strings and headers.
const SECRET_KEYS = [
  'password',
  'tsmPassword',
  'newPassword',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'authorization',
];
const KEYS = `(?:${SECRET_KEYS.join('|')})`;
// Secret-shaped text: `key=value` (form bodies, query strings), `key: "value"` or `"key":
// "value"` (a quoted value) and `"key": 123` (a JSON number). An unquoted `key: words` is prose
// ("Set the password: CLOUTAPI_PASSWORD", `option "password": missing`) and stays; a real secret
// in prose is caught by the registry below.
const KEY_VALUE = [
  new RegExp(`(\\b${KEYS}\\s*=\\s*["']?)([^"'&\\s,;}]+)`, 'gi'),
  new RegExp(`(\\b${KEYS}["']?\\s*:\\s*["'])([^"'\\s][^"']*)`, 'gi'),
  new RegExp(`(["']${KEYS}["']\\s*:\\s*)(-?\\d[^"'&\\s,;}]*)`, 'gi'),
];
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;

// Known secret values, most recent last. Bounded so a long-lived process that rotates tokens every
// five minutes does not grow it forever; 512 covers any realistic number of live credentials.
const MAX_SECRETS = 512;
// Shorter values are too likely to be ordinary words ("wrong" in "wrong username or password");
// secret-shaped text (password=..., Bearer ...) is still redacted at any length.
const MIN_SECRET_LENGTH = 8;
const knownSecrets = new Set<string>();

/**
 * Registers a secret value so that every error message and log line built from now on has it
 * replaced by `[REDACTED]`. Auth registers passwords and tokens as soon as it holds them.
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  knownSecrets.delete(value);
  knownSecrets.add(value);
  if (knownSecrets.size > MAX_SECRETS)
    knownSecrets.delete(knownSecrets.values().next().value ?? '');
}

/**
 * Registers the value of every secret field (`tsmPassword`, `password`, tokens; see
 * {@link isSecretKey}) found in `value`, however deep: a request's input before it is sent and a
 * response as it arrives, so a server that echoes a node password back in an error, or a later
 * log line, shows `[REDACTED]` instead.
 */
export function registerSecretsIn(value: unknown, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) registerSecretsIn(v, depth + 1);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && isSecretKey(key)) registerSecret(v);
    else registerSecretsIn(v, depth + 1);
  }
}

/** Replaces every registered secret and every secret-shaped value in `text`. */
export function redact(text: string): string {
  let out = text.replace(BEARER, `$1${REDACTED}`);
  for (const pattern of KEY_VALUE) out = out.replace(pattern, `$1${REDACTED}`);
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * Returns a deep copy of `value` with secret fields replaced and every string redacted. For
 * structured data (parsed error bodies, log details) rather than text.
 */
export function redactValue<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) && v != null ? REDACTED : redactValue(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

/** Whether a field of this name holds a secret. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return SECRET_KEYS.some((s) => s.toLowerCase() === k);
}

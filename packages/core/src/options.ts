import { ConfigurationError } from './errors/status.js';

/**
 * Normalises a Cloutility base URL. Users paste it with or without `/v1` and with or without a
 * trailing slash; all four forms give the same root (`https://portal-api.example.net`), to which
 * API paths (`/v1/...`) are appended.
 *
 * @throws ConfigurationError naming `optionName` when the value is not an http(s) URL.
 */
export function normalizeBaseUrl(value: unknown, optionName = 'baseUrl'): string {
  const text = requireString(
    value,
    optionName,
    'the portal API URL, e.g. "https://portal-api.example.net"',
  );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(
      optionName,
      `expected an absolute http(s) URL with a scheme, e.g. "https://portal-api.example.net"; got "${text}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(
      optionName,
      `expected an http(s) URL; got the scheme "${url.protocol.replace(':', '')}"`,
    );
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(optionName, 'expected a URL without a query string or fragment');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  return `${url.origin}${path}`;
}

/**
 * Checks the client origin: the URL registered with the client id, sent verbatim as the `Origin`
 * header on every call.
 */
export function validateOrigin(value: unknown, optionName = 'origin'): string {
  const text = requireString(
    value,
    optionName,
    'the client origin registered with the client id, e.g. "https://service.example.com"',
  );
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s/]+/i.test(text)) {
    throw new ConfigurationError(
      optionName,
      `expected a URL origin with a scheme, e.g. "https://service.example.com"; got "${text}"`,
    );
  }
  return text;
}

/** Requires a non-empty string; the error names the option and says what it should hold. */
export function requireString(value: unknown, optionName: string, what: string): string {
  if (value === undefined || value === null) {
    throw new ConfigurationError(optionName, `missing; expected ${what}`);
  }
  if (typeof value !== 'string') {
    throw new ConfigurationError(optionName, `expected a string (${what}); got ${typeof value}`);
  }
  if (value.trim() === '') {
    throw new ConfigurationError(optionName, `must not be empty; expected ${what}`);
  }
  return value;
}

/** Requires a secret string without ever echoing its value. */
export function requireSecret(value: unknown, optionName: string): string {
  if (typeof value !== 'string' || value === '') {
    const missing = value === undefined || value === null ? 'missing; ' : '';
    throw new ConfigurationError(optionName, `${missing}expected a non-empty string`);
  }
  return value;
}

/** Requires a finite number within bounds, or undefined (then `fallback`). */
export function optionalNumber<F extends number | undefined>(
  value: unknown,
  optionName: string,
  fallback: F,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | F {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(
      optionName,
      `expected a number from ${min} to ${max}; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Requires a function, or undefined (then `fallback`). */
export function optionalFunction<F>(value: unknown, optionName: string, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') {
    throw new ConfigurationError(optionName, `expected a function; got ${typeof value}`);
  }
  return value as F;
}

/** The three settings every request needs, checked. */
export interface Connection {
  /** The portal API URL, with or without `/v1` and a trailing slash. */
  baseUrl: string;
  /** The client id created under Settings -> API access. */
  clientId: string;
  /** The origin registered with the client id; sent as `Origin` on every request. */
  origin: string;
}

/**
 * Checks an options object and its connection settings (base URL, client id, origin), naming
 * the first bad one. Shared by every factory that takes them.
 *
 * @throws TypeError when `options` is not an object; ConfigurationError naming a bad option.
 */
export function resolveConnection(options: unknown, factory: string): Connection {
  if (!options || typeof options !== 'object') {
    throw new TypeError(`${factory}(options): options must be an object`);
  }
  const o = options as Record<string, unknown>;
  return {
    baseUrl: normalizeBaseUrl(o.baseUrl),
    clientId: requireString(o.clientId, 'clientId', 'the client id from Settings -> API access'),
    origin: validateOrigin(o.origin),
  };
}

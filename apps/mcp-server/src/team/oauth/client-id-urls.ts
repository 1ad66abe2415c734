import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/**
 * Which Client ID Metadata Documents the team server may fetch. A client id URL is chosen by
 * whoever starts a sign-in, so without a rule the server fetches any address it is given: its
 * own loopback, the intranet, a cloud metadata service (the draft's Security Considerations,
 * "Server-Side Request Forgery"). Only https URLs of hosts with public unicast addresses are
 * fetched, unless the operator allows a host by name.
 *
 * Two halves, one rule. {@link clientIdUrlPolicy} is oidc-provider's `allowFetch`: it refuses
 * early, with "fetch not allowed", before any connection. It resolves the name, and the fetch
 * resolves it again: between the two a name may change its answer (DNS rebinding: public for the
 * check, 127.0.0.1 for the fetch). {@link pinnedFetch}, as oidc-provider's `fetch`, closes that
 * window: it resolves once, checks every address, and connects only to the addresses it checked.
 * It also replaces oidc-provider's own guard (an undici dispatcher that checks the socket only
 * once it has connected to the address, and refuses every special-use address, so it would
 * refuse an allowed intranet host too).
 */

/** Options of {@link clientIdUrlPolicy} and {@link pinnedFetch}. */
export interface ClientIdUrlOptions {
  /**
   * Hosts fetched whatever addresses they resolve to (tests, clients on the intranet): a host name
   * (any port) or `host:port`, an IPv6 address in brackets (`[fd00::1]:8443`).
   */
  allowPrivate?: readonly string[] | undefined;
  /** How names are resolved; tests give their own (default `dns.promises.lookup`). */
  lookup?: typeof dnsLookup | undefined;
}

/** How long the policy waits for DNS: as long as oidc-provider gives its fetch. */
const LOOKUP_MS = 2500;

/**
 * oidc-provider's `features.clientIdMetadataDocument.allowFetch`: true for an https URL whose
 * host resolves only to public unicast addresses, or is allowed by name; false for anything
 * else, a name that does not resolve included.
 */
export function clientIdUrlPolicy(
  options: ClientIdUrlOptions = {},
): (url: URL) => Promise<boolean> {
  const allowed = allowedHosts(options.allowPrivate ?? []);
  const lookup = options.lookup ?? dnsLookup;
  return async (url) => {
    if (url.protocol !== 'https:') return false;
    if (allowed(url)) return true;
    try {
      const addresses = await untilAborted(
        addressesOf(url, lookup),
        AbortSignal.timeout(LOOKUP_MS),
      );
      return refusalOf(addresses) === undefined;
    } catch {
      return false;
    }
  };
}

/** The `fetch` oidc-provider calls (its configuration's `fetch` option). */
export type ProviderFetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

/**
 * oidc-provider's `fetch`, for every document it fetches (Client ID Metadata Documents, a
 * client's `jwks_uri`): https only, the host resolved once and every address checked as
 * {@link clientIdUrlPolicy} checks them, then a connection to those addresses only (a lookup
 * pinned to them), with the certificate checked against the name. On Node's https, with Node's
 * trusted certificates (`NODE_EXTRA_CA_CERTS` included). It follows no redirect (a redirect
 * could lead anywhere; oidc-provider asks for none) and asks for no compression. oidc-provider's
 * `signal` (its 2.5 s timeout) is honoured; its `dispatcher` is not used.
 */
export function pinnedFetch(options: ClientIdUrlOptions = {}): ProviderFetch {
  const allowed = allowedHosts(options.allowPrivate ?? []);
  const lookup = options.lookup ?? dnsLookup;
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const signal = init.signal ?? undefined;
    if (url.protocol !== 'https:') throw new Error(`${url.origin}: only https URLs are fetched`);
    const addresses = await untilAborted(addressesOf(url, lookup), signal);
    const refused = allowed(url) ? undefined : refusalOf(addresses);
    if (refused) throw new Error(`${url.host} is not fetched: ${refused}`);
    return send(url, init, addresses, signal);
  };
}

// --- which hosts are allowed by name -------------------------------------------------------

/** Whether a URL's host is one the operator allowed by name (with its port, when given). */
function allowedHosts(entries: readonly string[]): (url: URL) => boolean {
  const hosts = new Set(entries.map(hostKey));
  return (url) => {
    const name = withoutDot(url.hostname);
    return hosts.has(name) || hosts.has(`${name}:${url.port || '443'}`);
  };
}

/** A host (an IPv6 address in brackets) and an optional port: nothing else, no path or user. */
const HOST_PORT = /^(?:\[[\da-f:.]+\]|[^\s/?#@:[\]]+)(?::(\d{1,5}))?$/i;

/** An allowPrivate entry as compared: the host normalised as a URL writes it, then `:port`. */
function hostKey(entry: string): string {
  const text = entry.trim();
  const match = HOST_PORT.exec(text);
  let hostname: string | undefined;
  try {
    hostname = match ? new URL(`https://${text}`).hostname : undefined;
  } catch {}
  if (!match || !hostname)
    throw new Error(
      `allowed client id host "${text}" is not a host or host:port (IPv6 in brackets)`,
    );
  // The port as given: URL drops 443, and localhost:443 must not allow every port.
  const port = match[1];
  const name = withoutDot(hostname);
  return port === undefined ? name : `${name}:${Number(port)}`;
}

const withoutDot = (name: string) => name.replace(/\.$/, '');

// --- which addresses are public -------------------------------------------------------------

/** The addresses of a URL's host: the address itself when it is one, else from the resolver. */
async function addressesOf(url: URL, lookup: typeof dnsLookup): Promise<LookupAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family }];
  const addresses = await lookup(host, { all: true });
  if (addresses.length === 0) throw new Error(`${host} resolves to no address`);
  return addresses;
}

/** Why one of these addresses may not be fetched, or undefined when every one is public. */
function refusalOf(addresses: readonly LookupAddress[]): string | undefined {
  const bad = addresses.find(({ address }) => !isPublicUnicast(address));
  return bad && `it resolves to ${bad.address}, which is not a public address`;
}

/**
 * IPv4 that is not public unicast: the IANA special-purpose registry's entries that are not
 * globally reachable (and the anycast ones no client is served from), multicast, reserved and
 * broadcast.
 */
const SPECIAL_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services (169.254.169.254)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.31.196.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['192.175.48.0', 24], // AS112 direct delegation
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];

/**
 * IPv6 inside global unicast (2000::/3) that is not public. Everything outside 2000::/3 is
 * refused anyway: ::, ::1, unique-local fc00::/7, link-local fe80::/10, site-local, multicast
 * ff00::/8, discard 100::/64; IPv4-mapped and NAT64 addresses are judged by their IPv4 address.
 */
const SPECIAL_IPV6: readonly [string, number][] = [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['2620:4f:8000::', 48], // AS112 direct delegation
  ['3fff::', 20], // documentation
];

const special = new BlockList();
for (const [network, prefix] of SPECIAL_IPV4) special.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of SPECIAL_IPV6) special.addSubnet(network, prefix, 'ipv6');
const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/** Whether an address is public unicast: what a client id URL may resolve to. */
function isPublicUnicast(address: string): boolean {
  const plain = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0): link-local anyway
  const family = isIP(plain);
  if (family === 4) return !special.check(plain, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(plain);
  if (embedded) return !special.check(embedded, 'ipv4');
  return globalUnicast.check(plain, 'ipv6') && !special.check(plain, 'ipv6');
}

/** The IPv4 address in an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const head = groups.slice(0, 6).join(':');
  if (head !== '0:0:0:0:0:65535' && head !== '100:65435:0:0:0:0') return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail allowed). */
function ipv6Groups(address: string): number[] {
  const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)]
      .map((n) => n.toString(16))
      .join(':'),
  );
  const [left = '', right] = hex.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = parse(left);
  const tail = right === undefined ? [] : parse(right);
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

// --- the pinned request ----------------------------------------------------------------------

/** Rejects when the signal aborts first (a resolver that hangs must not outlive the timeout). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return Promise.race([
    work,
    new Promise<never>((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
    ),
  ]);
}

/** A lookup that answers with these addresses only, whatever the name. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((a) => a.family === family) : [...addresses];
    const [first] = usable;
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(
        `${hostname}: no checked IPv${family} address`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}

/** One request to the checked addresses, answered as a fetch Response. */
function send(
  url: URL,
  init: RequestInit,
  addresses: readonly LookupAddress[],
  signal: AbortSignal | undefined,
): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  // oidc-provider blanks user-agent to drop fetch's own; Node's https sends none anyway.
  for (const [name, value] of new Headers(init.headers)) if (value !== '') headers[name] = value;
  const body = bodyOf(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers, signal, lookup: pinnedLookup(addresses), agent: false },
      (res) => {
        try {
          resolve(responseOf(res, method));
        } catch (error) {
          res.destroy();
          reject(error);
        }
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A request body oidc-provider may send (none for the documents it fetches). */
function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('pinnedFetch sends a string, bytes or URLSearchParams body only');
}

/** Node's response as a fetch Response; its body streams (oidc-provider caps what it reads). */
function responseOf(res: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
  const status = res.statusCode ?? 0;
  const empty = method === 'HEAD' || status === 204 || status === 205 || status === 304;
  if (empty) res.resume();
  const body = empty ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: res.statusMessage ?? '', headers });
}

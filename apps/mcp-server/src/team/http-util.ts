import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../read-body.js';

/** The largest form a page posts (a username, a password, a few toolsets). */
export const MAX_FORM_BYTES = 16 * 1024;

/** A posted form, or undefined when it is over `limit` bytes or not a form. */
export async function readForm(
  req: IncomingMessage,
  limit = MAX_FORM_BYTES,
): Promise<URLSearchParams | undefined> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
    return undefined;
  const body = await readBody(req, limit);
  if (body === undefined) return undefined;
  return new URLSearchParams(body.toString('utf8'));
}

/**
 * The address a request came from: the socket's peer, or behind a trusted proxy the address it
 * adds last to X-Forwarded-For (the earlier ones are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last =
    trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || req.socket.remoteAddress || 'unknown';
}

/** Sends an HTML page with the headers every page carries: no caching, no framing, its CSP. */
export function sendPage(
  res: ServerResponse,
  status: number,
  html: string,
  csp: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end(html);
}

/** Sends JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

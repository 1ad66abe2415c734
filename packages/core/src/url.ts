import { ValidationError } from './errors/status.js';

/** A value that can appear in a query string. Arrays become repeated keys (`types=100&types=300`). */
export type QueryScalar = string | number | boolean | Date;
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type Query = Record<string, QueryValue>;

/**
 * Fills a path template (`/v1/bunits/{bunitId}/consumers`) with URL-encoded parameters.
 *
 * @throws ValidationError naming every missing parameter; nothing is sent.
 */
export function fillPath(
  method: string,
  template: string,
  params: Record<string, string | number> = {},
): string {
  const parts = templateParts(template);
  if (parts.length === 1) return template;
  let path = '';
  const missing: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) {
      path += part;
      continue;
    }
    const value = params[part];
    if (value === undefined || value === null || value === '') missing.push(part);
    else path += encodeURIComponent(String(value));
  }
  if (missing.length) {
    throw new ValidationError({
      message: `${method} ${template}: missing path parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      method,
      path: template,
      issues: missing.map((name) => ({ path: `path.${name}`, message: 'required' })),
    });
  }
  return path;
}

// Templates are few and fixed (one per operation): each is split once, on first use.
const parsedTemplates = new Map<string, readonly string[]>();

/** `/a/{x}/b` -> `['/a/', 'x', '/b']`: literal text at even indexes, parameter names at odd ones. */
function templateParts(template: string): readonly string[] {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (parsedTemplates.size < 1000) parsedTemplates.set(template, parts);
  }
  return parts;
}

/** Serialises a query: repeated keys for arrays, ISO 8601 for dates, nothing for null/undefined. */
export function toSearchParams(query: Query = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of (Array.isArray(value) ? value : [value]) as QueryScalar[]) {
      params.append(key, v instanceof Date ? v.toISOString() : String(v));
    }
  }
  return params;
}

/** Joins the normalised base URL, a filled path and a query into the request URL. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const search = query ? toSearchParams(query).toString() : '';
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Converts a Hono path (`/v1/bunits/:bunitId`, regex params too) to the catalog's brace form. */
export const toBraceTemplate = (honoPath: string) =>
  honoPath.replace(/:(\w+)(\{[^/]*\})?/g, '{$1}');

/**
 * The catalog-style template of the route that handles this request, e.g.
 * `/v1/bunits/{bunitId}/consumers`, or `(unmatched)`. Middleware is registered with method
 * `ALL`, so the first route with a concrete method is the handler.
 */
export function routeTemplate(c: Context): string {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  return route ? toBraceTemplate(route.path) : '(unmatched)';
}

/** Whether a path belongs to the admin API (never counted, faulted or audited). */
export const isAdminPath = (path: string) => path === '/_sim' || path.startsWith('/_sim/');

import type { MiddlewareHandler } from 'hono';
import type { Sim, SimEnv } from './context.js';
import { isAdminPath, routeTemplate } from './route-template.js';

const SECRET_NAME = /token|password|secret|key/i;

/**
 * Counts each API request by route and appends it to the log once the response is decided.
 * Only metadata is kept: never a body, and never the bearer token (just whether one was sent).
 */
export function requestLog(sim: Sim): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    if (isAdminPath(c.req.path)) return next();
    // The headers as sent: body validation may relabel a JSON body's Content-Type.
    const headers = c.req.raw.headers;
    await next();
    const route = routeTemplate(c);
    const query: [string, string][] = [];
    for (const [key, value] of new URL(c.req.url).searchParams) {
      query.push([key, SECRET_NAME.test(key) ? '[redacted]' : value]);
    }
    sim.stats.recordRequest(`${c.req.method} ${route}`, {
      method: c.req.method,
      path: c.req.path,
      route,
      query,
      status: c.get('dropped') ? 0 : c.res.status,
      bearer: /^bearer\s/i.test(headers.get('authorization') ?? ''),
      ...optional('origin', headers.get('origin')),
      ...optional('userAgent', headers.get('user-agent')),
      ...optional('contentType', headers.get('content-type')),
      ...optional('traceparent', headers.get('traceparent')),
    });
  };
}

const optional = (key: string, value: string | null) => (value === null ? {} : { [key]: value });

import type { Hono } from 'hono';
import { recordParam } from '../access.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { Paged } from '../schemas.js';
import { query } from '../validate.js';
import { apiBase } from '../views/links.js';
import { timeZoneView } from '../views/units.js';

/** E12, E13: the time zones a business unit can use. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/timezones', query(Paged), (c) => {
    const base = apiBase(c);
    return listed(c, sim.state.timeZones, (tz) => timeZoneView(base, tz));
  });

  app.get('/v1/timezones/:timeZoneId', (c) => {
    const hint = 'List the time zones with GET /v1/timezones.';
    const tz = recordParam(c, sim.state.timeZones, 'timeZoneId', 'Time zone', hint);
    return c.json(timeZoneView(apiBase(c), tz));
  });
}

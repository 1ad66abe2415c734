import type { Hono } from 'hono';
import { pathId } from '../access.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound } from '../errors.js';
import { Paged } from '../schemas.js';
import { query } from '../validate.js';
import { apiBase } from '../views/links.js';
import { timeZoneView } from '../views/units.js';

/** E12, E13: the time zones a business unit can use. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/timezones', query(Paged), (c) => {
    const base = apiBase(c);
    return c.json(
      collection(
        c,
        c.req.valid('query'),
        sim.state.timeZones.map((tz) => timeZoneView(base, tz)),
      ),
    );
  });

  app.get('/v1/timezones/:timeZoneId', (c) => {
    const id = pathId(c, 'timeZoneId', 'Time zone');
    const tz = sim.state.timeZones.find((t) => t.id === id);
    if (!tz)
      throw notFound(
        `Time zone ${id} was not found`,
        'List the time zones with GET /v1/timezones.',
      );
    return c.json(timeZoneView(apiBase(c), tz));
  });
}

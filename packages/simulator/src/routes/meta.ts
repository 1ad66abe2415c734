import type { Hono } from 'hono';
import { recordParam, sessionOf } from '../access.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { Paged } from '../schemas.js';
import { query } from '../validate.js';
import { actionView } from '../views/catalog.js';
import { apiBase } from '../views/links.js';
import { userView } from '../views/units.js';

/** The version the simulator reports, as in the guide's example. */
export const FULL_VERSION = '1.0.4480.0';

/** E01 fullVersion, E02 me, E03/E04 actions. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/fullVersion', (c) => c.json(FULL_VERSION));

  app.get('/v1/me', (c) => c.json(userView(apiBase(c), sim.state, sessionOf(c).user)));

  app.get('/v1/actions', query(Paged), (c) => {
    const base = apiBase(c);
    return listed(c, sim.state.actions, (a) => actionView(base, a));
  });

  app.get('/v1/actions/:actionId', (c) => {
    const action = recordParam(c, sim.state.actions, 'actionId', 'Action');
    return c.json(actionView(apiBase(c), action));
  });
}

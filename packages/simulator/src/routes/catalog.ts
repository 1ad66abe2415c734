import type { Hono } from 'hono';
import { recordParam } from '../access.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { Paged } from '../schemas.js';
import { query } from '../validate.js';
import { nodeTypeView, operatingSystemView } from '../views/catalog.js';
import { apiBase } from '../views/links.js';

/*
 * Adding a route (this file is the simplest example). A route is one `app.<method>` call in the
 * `registerRoutes` of its API area's routes file (a new area's file: `pnpm generate` lists it).
 * Its request schemas sit next to it, built from `schemas.ts`, and are applied by `validate.ts`,
 * which answers a bad request with a 400 naming the field before the handler runs:
 *
 *   const ThingsQuery = queryObject({ ...paging(), active: param.bool() });
 *   app.get('/v1/things', query(ThingsQuery), (c) => {
 *     const { active, ...page } = c.req.valid('query');
 *     return c.json(collection(c, page, things(active).map(thingView)));
 *   });
 *
 * A collection without filters takes `query(Paged)` and answers `listed(c, records, view)`. A
 * body: `json(caseInsensitive({ name: name(), note: z.string().max(LIMITS.note).optional(),
 * server: ref.optional() }))`, read with `c.req.valid('json')`. Ids in the path: `pathId`,
 * `unitParam`, `consumerParam`, `recordParam` (access.ts), which also check that the caller may
 * see them. Limits come from `limits.ts`; checks against the state stay in the handler.
 */

const LIST_OS = 'List them with GET /v1/nodeoperatingsystems.';
const LIST_TYPES = 'List them with GET /v1/nodetypes.';

/** E28-E31: node operating systems (with supported node types) and node types. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/nodeoperatingsystems', query(Paged), (c) => {
    const base = apiBase(c);
    return listed(c, sim.state.operatingSystems, (os) => operatingSystemView(base, sim.state, os));
  });

  app.get('/v1/nodeoperatingsystems/:osId', (c) => {
    const os = recordParam(c, sim.state.operatingSystems, 'osId', 'Operating system', LIST_OS);
    return c.json(operatingSystemView(apiBase(c), sim.state, os));
  });

  app.get('/v1/nodetypes', query(Paged), (c) => {
    const base = apiBase(c);
    return listed(c, sim.state.nodeTypes, (t) => nodeTypeView(base, t));
  });

  app.get('/v1/nodetypes/:nodeTypeId', (c) => {
    const type = recordParam(c, sim.state.nodeTypes, 'nodeTypeId', 'Node type', LIST_TYPES);
    return c.json(nodeTypeView(apiBase(c), type));
  });
}

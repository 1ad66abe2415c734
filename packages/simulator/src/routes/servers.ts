import type { Hono } from 'hono';
import { pathId, unitParam } from '../access.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound } from '../errors.js';
import { Paged } from '../schemas.js';
import { defaultServerIdOf } from '../state/queries.js';
import { query } from '../validate.js';
import { domainView, optionSetView, serverView } from '../views/catalog.js';
import { apiBase, hrefs } from '../views/links.js';

/** E25-E27: a unit's default backup server, its policy domains and client option sets. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  const defaultServer = (unitId: number) => {
    const id = defaultServerIdOf(sim.state, unitId);
    const server = sim.state.servers.find((s) => s.id === id);
    if (!server) throw notFound(`Business unit ${unitId} has no default backup server`);
    return server;
  };

  app.get('/v1/bunits/:bunitId/defaultserver', (c) => {
    const unit = unitParam(sim, c);
    return c.json(
      serverView(defaultServer(unit.id), `${hrefs.unit(apiBase(c), unit.id)}/defaultserver`),
    );
  });

  app.get('/v1/bunits/:bunitId/defaultserver/domains', query(Paged), (c) => {
    const server = defaultServer(unitParam(sim, c).id);
    const domains = sim.state.domains.filter((d) => d.serverId === server.id);
    return listed(c, domains, (d) => domainView(apiBase(c), sim.state, d));
  });

  app.get('/v1/bunits/:bunitId/defaultserver/clientoptionsets', query(Paged), (c) => {
    const server = defaultServer(unitParam(sim, c).id);
    const sets = sim.state.clientOptionSets.filter((o) => o.serverId === server.id);
    const base = apiBase(c);
    return listed(c, sets, (o) => optionSetView(base, o));
  });

  // Where the `href` of a domain or option set points, so that every href resolves.
  app.get('/v1/servers/:serverId/domains/:domainId', (c) => {
    const serverId = pathId(c, 'serverId', 'Backup server');
    const id = pathId(c, 'domainId', 'Policy domain');
    const domain = sim.state.domains.find((d) => d.id === id && d.serverId === serverId);
    if (!domain)
      throw notFound(
        `Policy domain ${id} was not found on backup server ${serverId}`,
        'List them with GET /v1/bunits/{bunitId}/defaultserver/domains.',
      );
    return c.json(domainView(apiBase(c), sim.state, domain));
  });

  app.get('/v1/servers/:serverId/clientoptionsets/:setId', (c) => {
    const serverId = pathId(c, 'serverId', 'Backup server');
    const id = pathId(c, 'setId', 'Client option set');
    const set = sim.state.clientOptionSets.find((o) => o.id === id && o.serverId === serverId);
    if (!set)
      throw notFound(
        `Client option set ${id} was not found on backup server ${serverId}`,
        'List them with GET /v1/bunits/{bunitId}/defaultserver/clientoptionsets.',
      );
    return c.json(optionSetView(apiBase(c), set));
  });
}

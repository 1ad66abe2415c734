import type { Hono } from 'hono';
import { unitParam } from '../access.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { notFound } from '../errors.js';
import { defaultServerIdOf } from '../state/queries.js';
import { domainView, optionSetView, serverView } from '../views/catalog.js';
import { apiBase, hrefs } from '../views/links.js';

/** E25-E27: a unit's default backup server, its policy domains and client option sets. */
export function registerServerRoutes(app: Hono<SimEnv>, sim: Sim): void {
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

  app.get('/v1/bunits/:bunitId/defaultserver/domains', (c) => {
    const server = defaultServer(unitParam(sim, c).id);
    const domains = sim.state.domains.filter((d) => d.serverId === server.id);
    return c.json(
      collection(
        c,
        domains.map((d) => domainView(sim.state, d)),
      ),
    );
  });

  app.get('/v1/bunits/:bunitId/defaultserver/clientoptionsets', (c) => {
    const server = defaultServer(unitParam(sim, c).id);
    const sets = sim.state.clientOptionSets.filter((o) => o.serverId === server.id);
    return c.json(collection(c, sets.map(optionSetView)));
  });
}

import type { Context, Hono } from 'hono';
import {
  checkUnitVisible,
  consumerParam,
  nodeOf,
  pathId,
  sessionOf,
  unitParam,
} from '../access.js';
import { auditWrite } from '../audit.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { conflict, notFound, validationFailed } from '../errors.js';
import { Paged, param, queryObject } from '../schemas.js';
import type { ConsumerRecord, NodeRecord } from '../state/model.js';
import { consumersOf, findConsumer, findNodeOf } from '../state/queries.js';
import { query } from '../validate.js';
import { nodeLink, nodeView } from '../views/consumers.js';
import { apiBase } from '../views/links.js';

const CONSUMER = '/v1/bunits/:bunitId/consumers';

/** E41: the agent to add; E43: the target to add. Consumer ids, checked below. */
const AgentQuery = queryObject({ proxyAgentId: param.int({ min: 0 }) });
const TargetQuery = queryObject({ proxyTargetId: param.int({ min: 0 }) });

/**
 * E40-E44: proxy relationships. An agent node may act for a target node; the relationship can
 * be made and removed from either side. Both nodes must be activated and on the same server.
 */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get(`${CONSUMER}/:consumerId/node/possibleproxynodes`, query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = nodeOf(sim, consumer);
    const base = apiBase(c);
    const candidates = consumersOf(sim.state, unit.id)
      .filter((other) => other.id !== consumer.id)
      .filter((other) => {
        const n = findNodeOf(sim.state, other.id);
        return n?.tsmName !== undefined && n.serverId === node.serverId;
      })
      .map((other) => nodeLink(base, sim.state, other.id))
      .filter((link) => link !== undefined);
    return c.json(collection(c, c.req.valid('query'), candidates));
  });

  app.post(`${CONSUMER}/:targetConsumerId/node/proxyagents`, query(AgentQuery), (c) => {
    const unit = unitParam(sim, c);
    const target = consumerParam(sim, c, unit, 'targetConsumerId');
    const agent = queryConsumer(sim, c, 'proxyAgentId', c.req.valid('query').proxyAgentId);
    grant(sim, c, agent, target, unit.id);
    return c.json(nodeView(apiBase(c), sim.state, nodeOf(sim, target)));
  });

  app.post(`${CONSUMER}/:agentConsumerId/node/proxytargets`, query(TargetQuery), (c) => {
    const unit = unitParam(sim, c);
    const agent = consumerParam(sim, c, unit, 'agentConsumerId');
    const target = queryConsumer(sim, c, 'proxyTargetId', c.req.valid('query').proxyTargetId);
    grant(sim, c, agent, target, unit.id);
    return c.json(nodeView(apiBase(c), sim.state, nodeOf(sim, agent)));
  });

  app.delete(`${CONSUMER}/:targetConsumerId/node/proxyagents/:agentConsumerId`, (c) => {
    const unit = unitParam(sim, c);
    const target = consumerParam(sim, c, unit, 'targetConsumerId');
    revoke(sim, c, pathId(c, 'agentConsumerId', 'Consumer'), target.id, unit.id);
    return c.body(null, 204);
  });

  app.delete(`${CONSUMER}/:agentConsumerId/node/proxytargets/:targetConsumerId`, (c) => {
    const unit = unitParam(sim, c);
    const agent = consumerParam(sim, c, unit, 'agentConsumerId');
    revoke(sim, c, agent.id, pathId(c, 'targetConsumerId', 'Consumer'), unit.id);
    return c.body(null, 204);
  });
}

/** The consumer named by a query parameter; it may be in any unit the caller can see. */
function queryConsumer(
  sim: Sim,
  c: Context<SimEnv>,
  name: string,
  id: number | undefined,
): ConsumerRecord {
  if (id === undefined)
    throw validationFailed(`Query parameter '${name}' is required (a consumer id)`);
  const consumer = findConsumer(sim.state, id);
  if (!consumer)
    throw validationFailed(
      `Query parameter '${name}' refers to consumer ${id}, which does not exist`,
    );
  checkUnitVisible(sim, sessionOf(c), consumer.businessUnitId);
  return consumer;
}

function activatedNode(sim: Sim, consumer: ConsumerRecord): NodeRecord {
  const node = findNodeOf(sim.state, consumer.id);
  if (!node?.tsmName) {
    throw conflict(
      `The backup node of consumer ${consumer.id} ('${consumer.name}') is ${node ? 'not activated' : 'missing'}; proxy relationships need activated nodes`,
    );
  }
  return node;
}

function grant(
  sim: Sim,
  c: Context<SimEnv>,
  agent: ConsumerRecord,
  target: ConsumerRecord,
  unitId: number,
): void {
  if (agent.id === target.id) throw validationFailed('A node cannot be its own proxy agent');
  const agentNode = activatedNode(sim, agent);
  const targetNode = activatedNode(sim, target);
  if (agentNode.serverId !== targetNode.serverId) {
    throw conflict(
      `'${agentNode.tsmName}' and '${targetNode.tsmName}' are on different backup servers`,
    );
  }
  if (
    sim.state.proxies.some(
      (p) => p.agentConsumerId === agent.id && p.targetConsumerId === target.id,
    )
  ) {
    throw conflict(`'${agentNode.tsmName}' is already a proxy agent of '${targetNode.tsmName}'`);
  }
  sim.state.proxies.push({ agentConsumerId: agent.id, targetConsumerId: target.id });
  auditWrite(sim, c, {
    type: 100,
    message: `Proxy relationship created: '${agentNode.tsmName}' may act for '${targetNode.tsmName}'`,
    businessUnitId: unitId,
    consumerId: c.req.path.includes('/proxyagents') ? target.id : agent.id,
    subject: 'node',
  });
}

function revoke(
  sim: Sim,
  c: Context<SimEnv>,
  agentId: number,
  targetId: number,
  unitId: number,
): void {
  const index = sim.state.proxies.findIndex(
    (p) => p.agentConsumerId === agentId && p.targetConsumerId === targetId,
  );
  if (index < 0) throw notFound(`Consumer ${agentId} is not a proxy agent of consumer ${targetId}`);
  sim.state.proxies.splice(index, 1);
  auditWrite(sim, c, {
    type: 300,
    message: `Proxy relationship removed: consumer ${agentId} may no longer act for consumer ${targetId}`,
    businessUnitId: unitId,
    consumerId: c.req.path.includes('/proxyagents/') ? targetId : agentId,
    subject: 'node',
  });
}

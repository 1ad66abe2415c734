import type { Hono } from 'hono';
import { z } from 'zod';
import { consumerParam, nodeOf, pathId, unitParam } from '../access.js';
import { auditWrite } from '../audit.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { conflict, notFound, validationFailed } from '../errors.js';
import { LIMITS } from '../limits.js';
import { nodeNameProblems, stripQuotes, suggestNodeName } from '../node-names.js';
import { createRandom } from '../random.js';
import { caseInsensitive, paging, param, queryObject, ref } from '../schemas.js';
import { removeConsumer } from '../state/cascade.js';
import { lastBackupIn } from '../state/demo-activity.js';
import { PASSWORD_ALPHABET } from '../state/demo-org.js';
import { nextId } from '../state/ids.js';
import type { NodeRecord, SimulatorState } from '../state/model.js';
import { defaultServerIdOf, findNodeOf, jobsOf } from '../state/queries.js';
import { json, query } from '../validate.js';
import { filespaceView, nodeView } from '../views/consumers.js';
import { apiBase, hrefs } from '../views/links.js';

const NODE = '/v1/bunits/:bunitId/consumers/:consumerId/node';

/** The fields of a node (E34 update); references are checked against the catalog below. */
const nodeFields = {
  server: ref.optional(),
  operatingSystem: ref.optional(),
  type: ref.optional(),
  domain: ref.optional(),
  clientOptionSet: ref.optional(),
  cpuCount: z.int().min(LIMITS.cpuCount.min).max(LIMITS.cpuCount.max).optional(),
  contact: z.string().max(LIMITS.contact).optional(),
};
const UpdateNode = caseInsensitive({ ...nodeFields, locked: z.boolean().optional() });
/** E33: the operating system and node type are required. */
const CreateNode = caseInsensitive({ ...nodeFields, operatingSystem: ref, type: ref });
type NodeFields = z.infer<typeof UpdateNode>;

const { min: PASSWORD_MIN, max: PASSWORD_MAX } = LIMITS.nodePassword;
/** E35. */
const NewPassword = caseInsensitive({
  tsmPassword: z.string().refine((p) => p.length >= PASSWORD_MIN && p.length <= PASSWORD_MAX, {
    error: (issue) =>
      `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long, got ${String(issue.input).length}`,
    params: { hint: `Choose a password of ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` },
  }),
});

/** E37: the name is checked below, where the hint can point at this node's `spname`. */
const ActivateQuery = queryObject({ tsmName: param.raw() });

/** E39: `tsmSync` re-reads the filespaces from the backup server. */
const FilespacesQuery = queryObject({ ...paging(), tsmSync: param.bool() });

/** E32-E39: a consumer's backup node: create, read, update, password, delete, activate, filespaces. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get(NODE, (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    return c.json(nodeView(apiBase(c), sim.state, nodeOf(sim, consumer)));
  });

  app.post(NODE, json(CreateNode), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const existing = findNodeOf(sim.state, consumer.id);
    if (existing) {
      throw conflict(
        `Consumer ${consumer.id} ('${consumer.name}') already has a backup node (${existing.id})`,
        'A consumption unit has at most one backup node; change it with PUT or delete it first.',
      );
    }
    const body = c.req.valid('json');
    const serverId = body.server ?? defaultServerIdOf(sim.state, unit.id);
    const fields = resolveNodeFields(sim.state, body, {
      serverId,
      operatingSystemId: body.operatingSystem,
      typeId: body.type,
      domainId: body.domain ?? sim.state.domains.find((d) => d.serverId === serverId)?.id ?? 0,
    });
    const node: NodeRecord = {
      id: nextId(sim.state, 'node'),
      consumerId: consumer.id,
      locked: false,
      decommissioned: false,
      ...fields,
      createdDate: sim.clock.now().toISOString(),
    };
    sim.state.nodes.push(node);
    auditWrite(sim, c, {
      type: 100,
      message: `Backup node for '${consumer.name}' created`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'node',
    });
    return c.json(nodeView(apiBase(c), sim.state, node), 201);
  });

  app.put(NODE, json(UpdateNode), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = nodeOf(sim, consumer);
    const body = c.req.valid('json');
    const serverId = body.server ?? node.serverId;
    if (serverId !== node.serverId && node.tsmName) {
      throw conflict(
        `Backup node '${node.tsmName}' is activated on server ${node.serverId} and cannot move to server ${serverId}`,
      );
    }
    const fields = resolveNodeFields(sim.state, body, {
      serverId,
      operatingSystemId: body.operatingSystem ?? node.operatingSystemId,
      typeId: body.type ?? node.typeId,
      domainId: body.domain ?? node.domainId,
      clientOptionSetId: node.clientOptionSetId,
      cpuCount: node.cpuCount,
    });
    Object.assign(node, fields, body.locked === undefined ? {} : { locked: body.locked });
    auditWrite(sim, c, {
      type: 200,
      message: `Backup node of '${consumer.name}' modified`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'node',
    });
    return c.json(nodeView(apiBase(c), sim.state, node));
  });

  app.post(`${NODE}/password`, json(NewPassword), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = nodeOf(sim, consumer);
    const password = c.req.valid('json').tsmPassword;
    if (!node.tsmName) {
      throw conflict(
        `The backup node of consumer ${consumer.id} is not activated, so it has no password yet`,
        'Activate it first with GET .../node/activate?tsmName=<name>.',
      );
    }
    node.tsmPassword = password;
    auditWrite(sim, c, {
      type: 200,
      message: `Password of backup node '${node.tsmName}' changed`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'node',
    });
    return c.json(nodeView(apiBase(c), sim.state, node));
  });

  app.delete(NODE, (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = nodeOf(sim, consumer);
    auditWrite(sim, c, {
      type: 300,
      message: `Backup node ${node.tsmName ? `'${node.tsmName}' ` : ''}and consumption unit '${consumer.name}' deleted`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'consumer',
    });
    removeConsumer(sim.state, consumer.id);
    return c.body(null, 204);
  });

  app.get(`${NODE}/activate`, query(ActivateQuery), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = nodeOf(sim, consumer);
    const raw = c.req.valid('query').tsmName;
    if (raw === undefined) {
      throw validationFailed(
        "Query parameter 'tsmName' is required",
        `Ask for a valid name with GET ${hrefs.node('/v1', unit.id, consumer.id)}/spname.`,
      );
    }
    if (node.tsmName) {
      throw conflict(
        `The backup node of consumer ${consumer.id} is already activated as '${node.tsmName}'`,
        'A node is activated once; read its name and password with GET .../node.',
      );
    }
    const name = stripQuotes(raw).toUpperCase();
    const problems = nodeNameProblems(sim.state, name, node.serverId, node.id);
    if (problems.length > 0) {
      throw validationFailed(
        `Node name '${name}' is not valid: ${problems.join('; ')}`,
        'IBM Storage Protect node names are 1 to 64 characters from A-Z 0-9 _ . - + &, unique per backup server.',
      );
    }
    const random = createRandom(sim.state.randomState);
    node.tsmName = name;
    node.tsmPassword = random.string(16, PASSWORD_ALPHABET);
    node.activatedDate = sim.clock.now().toISOString();
    sim.state.randomState = random.state();
    auditWrite(sim, c, {
      type: 200,
      message: `Backup node activated as '${name}'`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'node',
    });
    return c.json(name);
  });

  app.get(`${NODE}/spname`, (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const node = findNodeOf(sim.state, consumer.id);
    if (node?.tsmName) return c.json(node.tsmName);
    const serverId = node?.serverId ?? defaultServerIdOf(sim.state, unit.id);
    return c.json(suggestNodeName(sim.state, consumer.name, serverId));
  });

  app.get(`${NODE}/filespaces`, query(FilespacesQuery), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    nodeOf(sim, consumer);
    const { tsmSync, ...page } = c.req.valid('query');
    const filespaces = sim.state.filespaces.filter((f) => f.consumerId === consumer.id);
    // A sync asks the backup server again: here, re-read the last backup from the jobs.
    if (tsmSync) {
      for (const fs of filespaces) Object.assign(fs, lastBackupIn(jobsOf(sim.state, consumer.id)));
    }
    const nodeHref = hrefs.node(apiBase(c), unit.id, consumer.id);
    return c.json(
      collection(
        c,
        page,
        filespaces.map((f) => filespaceView(nodeHref, f)),
      ),
    );
  });

  app.get(`${NODE}/filespaces/:filespaceId`, (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const id = pathId(c, 'filespaceId', 'Filespace');
    const fs = sim.state.filespaces.find((f) => f.consumerId === consumer.id && f.id === id);
    if (!fs) throw notFound(`Filespace ${id} was not found on the node of consumer ${consumer.id}`);
    return c.json(filespaceView(hrefs.node(apiBase(c), unit.id, consumer.id), fs));
  });
}

/**
 * Validates the catalog references and scalar fields of a node against each other: each
 * referenced object exists (400 naming the field), the operating system supports the node type,
 * and the domain and option set belong to the server.
 */
function resolveNodeFields(
  state: SimulatorState,
  body: NodeFields,
  refs: {
    serverId: number;
    operatingSystemId: number;
    typeId: number;
    domainId: number;
    clientOptionSetId?: number | undefined;
    cpuCount?: number;
  },
) {
  const missing = (field: string, what: string, id: number, list: string) =>
    validationFailed(
      `Field '${field}' refers to ${what} ${id}, which does not exist`,
      `List them with GET ${list}.`,
    );
  const server = state.servers.find((s) => s.id === refs.serverId);
  if (!server)
    throw missing('server', 'backup server', refs.serverId, '/v1/bunits/{bunitId}/defaultserver');
  const os = state.operatingSystems.find((o) => o.id === refs.operatingSystemId);
  if (!os)
    throw missing(
      'operatingSystem',
      'operating system',
      refs.operatingSystemId,
      '/v1/nodeoperatingsystems',
    );
  const type = state.nodeTypes.find((t) => t.id === refs.typeId);
  if (!type) throw missing('type', 'node type', refs.typeId, '/v1/nodetypes');
  if (!os.supportedNodeTypeIds.includes(type.id)) {
    const supported = os.supportedNodeTypeIds
      .map((id) => state.nodeTypes.find((t) => t.id === id))
      .map((t) => (t ? `'${t.name}' (${t.id})` : ''))
      .join(', ');
    throw validationFailed(
      `Operating system '${os.name}' (${os.id}) does not support node type '${type.name}' (${type.id}); it supports ${supported}`,
      'See supportedNodeTypes in GET /v1/nodeoperatingsystems.',
    );
  }
  const domain = state.domains.find((d) => d.id === refs.domainId);
  if (!domain)
    throw missing(
      'domain',
      'policy domain',
      refs.domainId,
      '/v1/bunits/{bunitId}/defaultserver/domains',
    );
  if (domain.serverId !== server.id) {
    throw validationFailed(
      `Field 'domain' refers to policy domain ${domain.id}, which is not on backup server ${server.name} (${server.id})`,
    );
  }
  const clientOptionSetId = body.clientOptionSet ?? refs.clientOptionSetId;
  if (clientOptionSetId !== undefined) {
    const set = state.clientOptionSets.find((o) => o.id === clientOptionSetId);
    if (!set) {
      throw missing(
        'clientOptionSet',
        'client option set',
        clientOptionSetId,
        '/v1/bunits/{bunitId}/defaultserver/clientoptionsets',
      );
    }
    if (set.serverId !== server.id) {
      throw validationFailed(
        `Field 'clientOptionSet' refers to client option set ${set.id}, which is not on backup server ${server.name} (${server.id})`,
      );
    }
  }
  const cpuCount = body.cpuCount ?? refs.cpuCount ?? 1;
  const { contact } = body;
  return {
    serverId: server.id,
    operatingSystemId: os.id,
    typeId: type.id,
    domainId: domain.id,
    ...(clientOptionSetId === undefined ? {} : { clientOptionSetId }),
    cpuCount,
    ...(contact === undefined ? {} : { contact }),
  };
}

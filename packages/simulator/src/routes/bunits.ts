import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { checkUnitVisible, pathId, sessionOf, unitParam } from '../access.js';
import { auditWrite } from '../audit.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors.js';
import { LIMITS } from '../limits.js';
import { caseInsensitive, name, Paged, param, queryObject, ref } from '../schemas.js';
import { removeUnitTree } from '../state/cascade.js';
import { unitDefaults } from '../state/demo-org.js';
import { nextId } from '../state/ids.js';
import type { BusinessUnitRecord } from '../state/model.js';
import { childrenOf, subtreeOf, usersOf } from '../state/queries.js';
import { json, query } from '../validate.js';
import { apiBase } from '../views/links.js';
import { businessUnitSummary, businessUnitView, userView } from '../views/units.js';

/** E05: the tree from the home unit, or from `bunitId`. */
const TreeQuery = queryObject({ bunitId: param.int({ min: 0 }) });

/** The writable fields of a business unit (E08 create, E09 update). */
const unitFields = {
  name: name().optional(),
  registrationNumber: z.string().max(LIMITS.registrationNumber).optional(),
  note: z.string().max(LIMITS.note).optional(),
  timeZone: ref.optional(),
  /** The id alone is accepted too. */
  timeZoneId: z.int().optional(),
  invoiceDay: z.int().min(LIMITS.invoiceDay.min).max(LIMITS.invoiceDay.max).optional(),
  reportRemotely: z.boolean().optional(),
  supportResponsible: z.boolean().optional(),
  storageLimit: z.int().min(0).optional(),
  transferLimit: z.int().min(0).optional(),
  nodeLimit: z.int().min(0).optional(),
};
const UpdateUnit = caseInsensitive(unitFields);
const CreateUnit = caseInsensitive({ ...unitFields, name: name() });
type UnitFields = z.infer<typeof UpdateUnit>;

/** E10's safety flags. */
const DeleteUnitQuery = queryObject({
  deleteChildren: param.bool(),
  deleteConsumers: param.bool(),
  // Servers are shared in the simulator; the flag is validated and otherwise has no effect.
  deleteServers: param.bool(),
});

/** E05-E11: the business unit tree, units, and their users. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits', query(TreeQuery), (c) => {
    const session = sessionOf(c);
    const rootId = c.req.valid('query').bunitId ?? session.user.businessUnitId;
    return c.json(businessUnitSummary(sim.state, checkUnitVisible(sim, session, rootId)));
  });

  app.get('/v1/bunits/:bunitId', (c) =>
    c.json(businessUnitView(apiBase(c), sim.state, unitParam(sim, c))),
  );

  app.get('/v1/bunits/:bunitId/bunits', query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    return listed(c, childrenOf(sim.state, unit.id), (u) => businessUnitView(base, sim.state, u));
  });

  app.post('/v1/bunits/:bunitId/bunits', json(CreateUnit), (c) => {
    const parent = unitParam(sim, c);
    const fields = unitRecordFields(sim, c.req.valid('json'));
    const unit: BusinessUnitRecord = {
      ...unitDefaults(),
      id: 0,
      parentId: parent.id,
      name: '',
      groupName: parent.id === sim.state.rootBusinessUnitId ? 'Customer' : 'Department',
      registrationNumber: '',
      timeZoneId: parent.timeZoneId,
      invoiceDay: parent.invoiceDay,
      ...fields,
      tags: [],
      createdDate: sim.clock.now().toISOString(),
    };
    unit.id = nextId(sim.state, 'businessUnit');
    sim.state.businessUnits.push(unit);
    auditWrite(sim, c, {
      type: 100,
      message: `Business unit '${unit.name}' created under '${parent.name}'`,
      businessUnitId: unit.id,
      subject: 'businessUnit',
    });
    return c.json(businessUnitView(apiBase(c), sim.state, unit), 201);
  });

  app.put('/v1/bunits/:bunitId', json(UpdateUnit), (c) => {
    const unit = unitParam(sim, c);
    const fields = unitRecordFields(sim, c.req.valid('json'));
    const changed = Object.keys(fields).filter(
      (k) => fields[k as keyof typeof fields] !== unit[k as keyof BusinessUnitRecord],
    );
    Object.assign(unit, fields);
    auditWrite(sim, c, {
      type: 200,
      message: `Business unit '${unit.name}' modified${changed.length ? ` (${changed.join(', ')})` : ''}`,
      businessUnitId: unit.id,
      subject: 'businessUnit',
    });
    return c.json(businessUnitView(apiBase(c), sim.state, unit));
  });

  app.delete('/v1/bunits/:bunitId', query(DeleteUnitQuery), (c) =>
    deleteUnit(sim, c, c.req.valid('query')),
  );

  app.get('/v1/bunits/:bunitId/users', query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    return listed(c, usersOf(sim.state, unit.id), (u) => userView(base, sim.state, u));
  });

  app.get('/v1/bunits/:bunitId/users/:userId', (c) => {
    const unit = unitParam(sim, c);
    const id = pathId(c, 'userId', 'User');
    const user = usersOf(sim.state, unit.id).find((u) => u.id === id);
    if (!user) throw notFound(`User ${id} was not found in business unit ${unit.id}`);
    return c.json(userView(apiBase(c), sim.state, user));
  });
}

/** E10, with the `deleteChildren` / `deleteConsumers` / `deleteServers` safety flags. */
function deleteUnit(
  sim: Sim,
  c: Context<SimEnv>,
  { deleteChildren = false, deleteConsumers = false }: z.infer<typeof DeleteUnitQuery>,
) {
  const session = sessionOf(c);
  const unit = unitParam(sim, c);
  if (unit.id === session.user.businessUnitId) {
    throw forbidden(
      `Business unit ${unit.id} ('${unit.name}') is your home business unit and cannot be deleted`,
      'Sign in as a user of a unit above it to delete it.',
    );
  }
  const children = childrenOf(sim.state, unit.id);
  if (children.length > 0 && !deleteChildren) {
    throw conflict(
      `Business unit ${unit.id} ('${unit.name}') has ${children.length} child business unit(s) (${children.map((u) => `'${u.name}'`).join(', ')}); set deleteChildren=true to delete them too`,
      `DELETE /v1/bunits/${unit.id}?deleteChildren=true&deleteConsumers=true removes the whole subtree.`,
    );
  }
  const units = deleteChildren ? subtreeOf(sim.state, unit.id) : [unit];
  const unitIds = new Set(units.map((u) => u.id));
  const consumers = sim.state.consumers.filter((x) => unitIds.has(x.businessUnitId));
  if (consumers.length > 0 && !deleteConsumers) {
    throw conflict(
      `Business unit ${unit.id} ('${unit.name}') ${deleteChildren ? 'and its children have' : 'has'} ${consumers.length} consumer(s); set deleteConsumers=true to delete them too`,
      'Consumers (and their backup nodes) are only deleted with deleteConsumers=true.',
    );
  }
  removeUnitTree(sim.state, unit.id);
  auditWrite(sim, c, {
    type: 300,
    message: `Business unit '${unit.name}' (${unit.id}) deleted with ${units.length - 1} child unit(s) and ${consumers.length} consumer(s)`,
    businessUnitId: unit.parentId ?? unit.id,
    subject: 'businessUnit',
  });
  return c.body(null, 204);
}

/** The record fields a validated body sets; the time zone must exist. */
function unitRecordFields(sim: Sim, body: UnitFields): Partial<BusinessUnitRecord> {
  const { timeZone, timeZoneId: idAlone, ...fields } = body;
  const timeZoneId = timeZone ?? idAlone;
  if (timeZoneId === undefined) return fields;
  if (!sim.state.timeZones.some((t) => t.id === timeZoneId)) {
    throw validationFailed(
      `Field 'timeZone' refers to time zone ${timeZoneId}, which does not exist`,
      'List the time zones with GET /v1/timezones.',
    );
  }
  return { ...fields, timeZoneId };
}

import type { Hono } from 'hono';
import { consumerParam, unitParam } from '../access.js';
import { auditWrite } from '../audit.js';
import {
  boolField,
  dateField,
  type JsonObject,
  numberField,
  readJsonObject,
  stringField,
} from '../body.js';
import { collection } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { conflict, validationFailed } from '../errors.js';
import { LIMITS } from '../limits.js';
import { queryBool, queryString } from '../query.js';
import { removeConsumer } from '../state/cascade.js';
import { nextId } from '../state/ids.js';
import type { ConsumerRecord } from '../state/model.js';
import { consumersOf, findConsumer } from '../state/queries.js';
import { consumerView } from '../views/consumers.js';
import { apiBase } from '../views/links.js';

/** E14-E18: consumption units ("consumers") of a business unit. */
export function registerConsumerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers', (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    return c.json(
      collection(
        c,
        consumersOf(sim.state, unit.id).map((x) => consumerView(base, sim.state, x)),
      ),
    );
  });

  app.get('/v1/bunits/:bunitId/consumers/:consumerId', (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    return c.json(consumerView(apiBase(c), sim.state, consumer));
  });

  app.post('/v1/bunits/:bunitId/consumers', async (c) => {
    const unit = unitParam(sim, c);
    const fields = readConsumerFields(await readJsonObject(c), true);
    const now = sim.clock.now();
    const consumer: ConsumerRecord = {
      id: nextId(sim.state, 'consumer'),
      businessUnitId: unit.id,
      name: '',
      billingStartDate: `${now.toISOString().slice(0, 10)}T00:00:00.000Z`,
      allowNoActivity: false,
      ...fields,
      createdDate: now.toISOString(),
    };
    sim.state.consumers.push(consumer);
    auditWrite(sim, c, {
      type: 100,
      message: `Consumption unit '${consumer.name}' created`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'consumer',
    });
    return c.json(consumerView(apiBase(c), sim.state, consumer), 201);
  });

  app.put('/v1/bunits/:bunitId/consumers/:consumerId', async (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const fields = readConsumerFields(await readJsonObject(c), false);
    Object.assign(consumer, fields);
    auditWrite(sim, c, {
      type: 200,
      message: `Consumption unit '${consumer.name}' modified (${Object.keys(fields).join(', ') || 'no changes'})`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'consumer',
    });
    return c.json(consumerView(apiBase(c), sim.state, consumer));
  });

  app.delete('/v1/bunits/:bunitId/consumers/:consumerId', (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const deleteAssociations = queryBool(c, 'deleteAssociations') ?? false;
    const comment = queryString(c, 'deletionComment');
    if (comment !== undefined && comment.length > LIMITS.deletionComment) {
      throw validationFailed(
        `Query parameter 'deletionComment' must be at most ${LIMITS.deletionComment} characters, got ${comment.length}`,
      );
    }
    const proxies = sim.state.proxies.filter(
      (p) => p.agentConsumerId === consumer.id || p.targetConsumerId === consumer.id,
    );
    if (proxies.length > 0 && !deleteAssociations) {
      const others = proxies.map((p) =>
        p.agentConsumerId === consumer.id ? p.targetConsumerId : p.agentConsumerId,
      );
      throw conflict(
        `Consumer ${consumer.id} ('${consumer.name}') has ${proxies.length} proxy relationship(s) with ${others
          .map((id) => `'${findConsumer(sim.state, id)?.name ?? id}'`)
          .join(', ')}; set deleteAssociations=true to remove them too`,
        'Associations are the proxy agent/target relationships of its backup node.',
      );
    }
    auditWrite(sim, c, {
      type: 300,
      message: `Consumption unit '${consumer.name}' deleted${comment ? `: ${comment}` : ''}`,
      businessUnitId: unit.id,
      consumerId: consumer.id,
      subject: 'consumer',
    });
    removeConsumer(sim.state, consumer.id);
    return c.body(null, 204);
  });
}

/** The writable fields of a consumer (E16 create: `name` required; E17 update). */
function readConsumerFields(body: JsonObject, creating: boolean): Partial<ConsumerRecord> {
  const fields: Partial<ConsumerRecord> = {};
  const name = stringField(body, 'name', { required: creating, min: 1, max: LIMITS.name });
  if (name !== undefined) fields.name = name.trim();
  const billingStartDate = dateField(body, 'billingStartDate');
  if (billingStartDate !== undefined) fields.billingStartDate = billingStartDate;
  const note = stringField(body, 'note', { max: LIMITS.note });
  if (note !== undefined) fields.note = note;
  const externalReference = stringField(body, 'externalReference', {
    max: LIMITS.externalReference,
  });
  if (externalReference !== undefined) fields.externalReference = externalReference;
  const limitHighStorage = numberField(body, 'limitHighStorage', { min: 0 });
  if (limitHighStorage !== undefined) fields.limitHighStorage = limitHighStorage;
  const allowNoActivity = boolField(body, 'allowNoActivity');
  if (allowNoActivity !== undefined) fields.allowNoActivity = allowNoActivity;
  return fields;
}

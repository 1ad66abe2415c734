import type { Hono } from 'hono';
import { z } from 'zod';
import { consumerParam, unitParam } from '../access.js';
import { auditWrite } from '../audit.js';
import { listed } from '../collection.js';
import type { Sim, SimEnv } from '../context.js';
import { conflict } from '../errors.js';
import { LIMITS } from '../limits.js';
import { caseInsensitive, isoDate, name, Paged, param, queryObject } from '../schemas.js';
import { removeConsumer } from '../state/cascade.js';
import { nextId } from '../state/ids.js';
import type { ConsumerRecord } from '../state/model.js';
import { consumersOf, findConsumer } from '../state/queries.js';
import { json, query } from '../validate.js';
import { consumerView } from '../views/consumers.js';
import { apiBase } from '../views/links.js';

/** The writable fields of a consumer (E16 create: `name` required; E17 update). */
const consumerFields = {
  name: name().optional(),
  billingStartDate: isoDate.optional(),
  note: z.string().max(LIMITS.note).optional(),
  externalReference: z.string().max(LIMITS.externalReference).optional(),
  limitHighStorage: z.number().min(0).optional(),
  allowNoActivity: z.boolean().optional(),
};
const UpdateConsumer = caseInsensitive(consumerFields);
const CreateConsumer = caseInsensitive({ ...consumerFields, name: name() });

/** E18's safety flag and the comment kept in the audit log. */
const DeleteConsumerQuery = queryObject({
  deleteAssociations: param.bool(),
  deletionComment: param.string(LIMITS.deletionComment),
});

/** Drops the fields a body left out (an empty date reads as undefined). */
const sent = <T extends object>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;

/** E14-E18: consumption units ("consumers") of a business unit. */
export function registerRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.get('/v1/bunits/:bunitId/consumers', query(Paged), (c) => {
    const unit = unitParam(sim, c);
    const base = apiBase(c);
    return listed(c, consumersOf(sim.state, unit.id), (x) => consumerView(base, sim.state, x));
  });

  app.get('/v1/bunits/:bunitId/consumers/:consumerId', (c) => {
    const consumer = consumerParam(sim, c, unitParam(sim, c));
    return c.json(consumerView(apiBase(c), sim.state, consumer));
  });

  app.post('/v1/bunits/:bunitId/consumers', json(CreateConsumer), (c) => {
    const unit = unitParam(sim, c);
    const fields = sent(c.req.valid('json'));
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

  app.put('/v1/bunits/:bunitId/consumers/:consumerId', json(UpdateConsumer), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const fields = sent(c.req.valid('json'));
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

  app.delete('/v1/bunits/:bunitId/consumers/:consumerId', query(DeleteConsumerQuery), (c) => {
    const unit = unitParam(sim, c);
    const consumer = consumerParam(sim, c, unit);
    const { deleteAssociations = false, deletionComment: comment } = c.req.valid('query');
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

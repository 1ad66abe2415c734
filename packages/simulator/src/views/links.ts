import type { Context } from 'hono';
import type { BusinessUnitRecord, ConsumerRecord } from '../state/model.js';

/** The absolute API base of a request, e.g. `http://127.0.0.1:8787/v1`, for every `href`. */
export const apiBase = (c: Context) => `${new URL(c.req.url).origin}/v1`;

/** Href builders, so every view spells a resource's address the same way. */
export const hrefs = {
  unit: (base: string, id: number) => `${base}/bunits/${id}`,
  consumer: (base: string, unitId: number, id: number) =>
    `${base}/bunits/${unitId}/consumers/${id}`,
  node: (base: string, unitId: number, consumerId: number) =>
    `${base}/bunits/${unitId}/consumers/${consumerId}/node`,
  /** Domains and option sets belong to a backup server, not to the unit that lists them. */
  domain: (base: string, serverId: number, id: number) =>
    `${base}/servers/${serverId}/domains/${id}`,
  optionSet: (base: string, serverId: number, id: number) =>
    `${base}/servers/${serverId}/clientoptionsets/${id}`,
};

/** `{ href, id, name }` of a unit, as nested in other resources. */
export function unitLink(base: string, unit: BusinessUnitRecord | undefined, id: number) {
  return { href: hrefs.unit(base, id), id, ...(unit ? { name: unit.name } : {}) };
}

/** `{ href, id, name }` of a consumer, as nested in nodes. */
export function consumerLink(base: string, consumer: ConsumerRecord) {
  const { businessUnitId, id, name } = consumer;
  return { href: hrefs.consumer(base, businessUnitId, id), id, name };
}

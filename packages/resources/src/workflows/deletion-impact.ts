import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type { Operation, Removes } from '../define.js';
import { CloutilityError } from '../errors.js';
import { bunitId, consumerId } from '../inputs.js';
import type { BackupNode, BusinessUnitSummary } from '../models/index.js';
import type { users as bunitsUsers } from '../operations/bunits.js';
import type { list as consumersList } from '../operations/consumers.js';
import { loadOperation } from '../operations/lazy.js';
import { validateWith } from '../validate.js';
import { readAllPages } from './all-pages.js';
import { counted } from './deletion-impact-text.js';
import { readNode } from './lookup.js';
import { type FlatUnit, flattenTree } from './tree.js';

/** A business unit a call removes; `path` holds the names from the deleted unit down to it. */
export interface ImpactUnit {
  id: number;
  name: string;
  path: string[];
}

/** A consumption unit or portal user a call removes, with its business unit. */
export interface ImpactItem {
  id: number;
  name: string;
  bunitId: number;
}

/** A backup node (one per consumption unit); without `tsmName` it is not activated. */
export interface ImpactNode {
  consumerId: number;
  id?: number | undefined;
  tsmName?: string | undefined;
}

/** A proxy relationship: the agent's node may act for the target's node. */
export interface ImpactRelationship {
  agentConsumerId: number;
  targetConsumerId: number;
  agent: string;
  target: string;
}

/**
 * What a destructive call would do, read without changing anything, each thing with its id and
 * name: what it removes at every depth and what it changes (`newPasswordFor`).
 */
export interface DeletionImpact {
  removes: Removes;
  /** The units removed, the named one first, parents before children. */
  businessUnits: ImpactUnit[];
  consumers: ImpactItem[];
  nodes: ImpactNode[];
  /** Every relationship of a removed node, also with nodes outside what is removed. */
  proxyRelationships: ImpactRelationship[];
  users: ImpactItem[];
  /** The nodes whose password the call replaces. */
  newPasswordFor: ImpactNode[];
  /** Why the portal will refuse the call as given, when it will. */
  refusal?: string | undefined;
}

/**
 * What each kind of call reads from its input; other fields (a password, a comment) are ignored.
 * Built on first use: the CLI bundles this module, and loading it must cost other commands nothing.
 */
function inputSchemas() {
  const set = z.boolean().optional();
  const node = z.object({ bunitId, consumerId });
  const proxy = z.object({ bunitId, agentConsumerId: consumerId, targetConsumerId: consumerId });
  return {
    businessUnit: z.object({ bunitId, deleteChildren: set, deleteConsumers: set }),
    consumer: node.extend({ deleteAssociations: set }),
    node,
    nodePassword: node,
    proxyAgent: proxy,
    proxyTarget: proxy,
  } satisfies Record<Removes, z.ZodObject>;
}
type Input<K extends Removes> = z.output<ReturnType<typeof inputSchemas>[K]>;
let schemas: ReturnType<typeof inputSchemas> | undefined;

/** Reads of one impact: at most this many at a time, every page of every list. */
const CONCURRENCY = 4;

type Reader = { clout: Cloutility; call: CallOptions; limit: LimitFunction };

/**
 * What a destructive operation would remove or change with this input, counted the way the portal
 * removes it: a business unit with `deleteChildren` takes its whole subtree, every consumption
 * unit in it with its backup node, every proxy relationship of those nodes (also with nodes
 * outside the subtree) and the units' portal users; a consumption unit (or its node, which takes
 * the unit with it) goes with its node and relationships. `refusal` says when the portal will
 * refuse the call as given. Read-only; lists are read whole, a few reads at a time.
 *
 * @param what the operation (its `removes`) or the `removes` itself
 * @throws ValidationError when the input lacks an id the kind of call needs; nothing is read.
 * @throws NotFoundError when the unit or consumption unit does not exist.
 */
export async function deletionImpact(
  clout: Cloutility,
  what: Removes | Pick<Operation, 'removes'>,
  input: Record<string, unknown>,
  call: CallOptions = {},
): Promise<DeletionImpact> {
  const removes = typeof what === 'string' ? what : what.removes;
  schemas ??= inputSchemas();
  if (!removes || !Object.hasOwn(schemas, removes))
    throw new TypeError(`deletionImpact: not a destructive operation (removes: ${removes})`);
  const parsed = validateWith(schemas[removes], input, `deletion impact (${removes})`);
  const reader = { clout, call, limit: pLimit(CONCURRENCY) };
  const found = await IMPACT_OF[removes](reader, parsed as never);
  return {
    removes,
    businessUnits: [],
    consumers: [],
    nodes: [],
    proxyRelationships: [],
    users: [],
    newPasswordFor: [],
    ...found,
  };
}

type Found = Partial<Omit<DeletionImpact, 'removes'>>;

const IMPACT_OF: { [K in Removes]: (r: Reader, input: Input<K>) => Promise<Found> } = {
  businessUnit: unitImpact,
  consumer: (r, input) => consumerImpact(r, input, 'consumer'),
  node: (r, input) => consumerImpact(r, input, 'node'),
  nodePassword: passwordImpact,
  proxyAgent: proxyImpact,
  proxyTarget: proxyImpact,
};

/** A unit: its subtree (with deleteChildren), their consumption units, nodes and users. */
async function unitImpact(r: Reader, input: Input<'businessUnit'>): Promise<Found> {
  const tree = await r.clout.bunits.tree({ bunitId: input.bunitId }, r.call);
  const subtree = subtreeOf(tree, input.bunitId);
  const children = subtree.filter((u) => u.parentId === input.bunitId);
  const units = input.deleteChildren ? subtree : subtree.slice(0, 1);
  // Loaded as the facade loads them: one API area at a time.
  const [listConsumers, listUsers] = await Promise.all([
    loadOperation('consumers.list') as Promise<typeof consumersList>,
    loadOperation('bunits.users') as Promise<typeof bunitsUsers>,
  ]);
  const perUnit = await Promise.all(
    units.map(async (u) => {
      const page = { bunitId: u.id };
      const [consumers, users] = await Promise.all([
        r.limit(() => readAllPages(r.clout, listConsumers, page, r.call)),
        r.limit(() => readAllPages(r.clout, listUsers, page, r.call)),
      ]);
      return {
        consumers: itemsOf(consumers, u.id, (c) => c.name),
        users: itemsOf(users, u.id, (x) => x.displayName || x.name),
      };
    }),
  );
  const consumers = perUnit.flatMap((p) => p.consumers);
  const found = await nodesOf(r, consumers);
  const refusals: string[] = [];
  if (children.length && !input.deleteChildren)
    refusals.push(
      `it has ${counted(children.length, 'child unit')} (${children.map((u) => `${u.name} (#${u.id})`).join(', ')}) and deleteChildren is not true.`,
    );
  const holder = input.deleteChildren ? 'it and the units below it have' : 'it has';
  if (consumers.length && !input.deleteConsumers)
    refusals.push(
      `${refusals.length ? 'Also, ' : ''}${holder} ${counted(consumers.length, 'consumption unit')} and deleteConsumers is not true.`,
    );
  return {
    businessUnits: units.map(({ id, name, path }) => ({ id, name, path })),
    consumers,
    ...found,
    users: perUnit.flatMap((p) => p.users),
    refusal: refusals.length ? `The portal will refuse: ${refusals.join(' ')}` : undefined,
  };
}

/** Listed items with an id, as impact items of unit `bunitId`. */
function itemsOf<T extends { id?: number | undefined }>(
  items: readonly T[],
  bunitId: number,
  name: (item: T) => string | undefined,
): ImpactItem[] {
  return items.flatMap((i) =>
    i.id === undefined ? [] : [{ id: i.id, name: name(i) || `#${i.id}`, bunitId }],
  );
}

/**
 * The unit and everything below it, parents first, with paths from the unit down. A tree that
 * does not hold the unit cannot be counted from: an error, not an empty impact.
 */
function subtreeOf(tree: BusinessUnitSummary, id: number): FlatUnit[] {
  const stack = [tree];
  for (let unit = stack.pop(); unit; unit = stack.pop()) {
    if (unit.id === id) return flattenTree(unit);
    stack.push(...(unit.businessUnits ?? []));
  }
  throw new CloutilityError({
    message: `bunits.tree did not include business unit #${id}, so what deleting it removes cannot be counted`,
    method: 'GET',
    path: '/v1/bunits',
  });
}

/** A consumption unit (or its node, which takes the unit with it). */
async function consumerImpact(
  r: Reader,
  input: Input<'consumer'>,
  removes: 'consumer' | 'node',
): Promise<Found> {
  const { bunitId, consumerId: id } = input;
  const consumer = await r.clout.consumers.get({ bunitId, consumerId: id }, r.call);
  const removed = { id, name: consumer.name ?? `#${id}`, bunitId };
  const found = await nodesOf(r, [removed]);
  const linked = found.proxyRelationships.length;
  let refusal: string | undefined;
  if (removes === 'node' && !found.nodes.length)
    refusal = `The portal will answer not found: "${removed.name}" (#${removed.id}) has no backup node.`;
  if (removes === 'consumer' && linked && !input.deleteAssociations)
    refusal = `The portal will refuse: the node is in ${linked} proxy relationship(s) and deleteAssociations is not true.`;
  return { consumers: [removed], ...found, refusal };
}

/** A node's password: the node whose password is replaced. */
async function passwordImpact(r: Reader, input: Input<'nodePassword'>): Promise<Found> {
  const node = await readNode(r.clout, input, r.call);
  if (!node)
    return {
      refusal: `The portal will answer not found: consumption unit #${input.consumerId} has no backup node.`,
    };
  return {
    newPasswordFor: [{ consumerId: input.consumerId, id: node.id, tsmName: node.tsmName }],
    refusal: node.tsmName
      ? undefined
      : 'The portal will refuse: the backup node is not activated, so it has no password yet.',
  };
}

/** One proxy relationship, read from the side in `bunitId` (the other may be in another unit). */
async function proxyImpact(r: Reader, input: Input<'proxyAgent'>): Promise<Found> {
  const { bunitId, agentConsumerId, targetConsumerId } = input;
  const [agent, target] = await Promise.all([
    readNode(r.clout, { bunitId, consumerId: agentConsumerId }, r.call),
    readNode(r.clout, { bunitId, consumerId: targetConsumerId }, r.call),
  ]);
  const link =
    linksOf(target?.proxyAgents).find((l) => l.consumerId === agentConsumerId) ??
    linksOf(agent?.proxyTargets).find((l) => l.consumerId === targetConsumerId);
  const agentName = agent?.tsmName ?? `of consumer #${agentConsumerId}`;
  const targetName = target?.tsmName ?? `of consumer #${targetConsumerId}`;
  if (!link)
    return {
      refusal: `The portal will answer not found: node ${agentName} is not a proxy agent of node ${targetName}.`,
    };
  const relationship = { agentConsumerId, targetConsumerId, agent: agentName, target: targetName };
  return { proxyRelationships: [relationship] };
}

/**
 * The backup nodes of these consumption units and every proxy relationship they are in, each
 * once. Every unit's node is read: a listed consumption unit need not say whether it has one.
 */
async function nodesOf(
  r: Reader,
  consumers: readonly ImpactItem[],
): Promise<Pick<DeletionImpact, 'nodes' | 'proxyRelationships'>> {
  const read = await Promise.all(
    consumers.map((c) =>
      r
        .limit(() => readNode(r.clout, { bunitId: c.bunitId, consumerId: c.id }, r.call))
        .then((node) => ({ c, node })),
    ),
  );
  const nodes: ImpactNode[] = [];
  const found = new Map<string, ImpactRelationship>();
  for (const { c, node } of read) {
    if (!node) continue;
    nodes.push({ consumerId: c.id, id: node.id, tsmName: node.tsmName });
    const self = { consumerId: c.id, name: node.tsmName ?? c.name };
    for (const [agent, target] of [
      ...linksOf(node.proxyAgents).map((link) => [link, self] as const),
      ...linksOf(node.proxyTargets).map((link) => [self, link] as const),
    ])
      found.set(`${agent.consumerId}>${target.consumerId}`, {
        agentConsumerId: agent.consumerId,
        targetConsumerId: target.consumerId,
        agent: agent.name,
        target: target.name,
      });
  }
  const proxyRelationships = [...found.values()].sort(
    (x, y) => x.agentConsumerId - y.agentConsumerId || x.targetConsumerId - y.targetConsumerId,
  );
  return { nodes, proxyRelationships };
}

/** The other ends of a node's relationships, as the API links them (by consumption unit). */
function linksOf(links: readonly BackupNode[] | undefined): { consumerId: number; name: string }[] {
  return (links ?? []).flatMap((link) => {
    const id = (link as { consumer?: { id?: unknown } }).consumer?.id;
    if (typeof id !== 'number') return [];
    return [{ consumerId: id, name: link.tsmName ?? (link as { name?: string }).name ?? `#${id}` }];
  });
}

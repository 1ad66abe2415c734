import { type Cloutility, flattenTree, ifFound, type Removes } from '@cloutapi/resources';
import pLimit from 'p-limit';

type Args = Record<string, number | string | boolean | undefined>;

/** A consumption unit a call removes, with its node. */
interface RemovedConsumer {
  id: number;
  name: string;
  bunitId: number;
  node?: { id?: number | undefined; tsmName?: string | undefined } | undefined;
}

/** One proxy relationship: the agent may act for the target. */
interface Relationship {
  agentConsumerId: number;
  targetConsumerId: number;
  agent: string;
  target: string;
}

/** A node as listed in another node's proxy relationships. */
interface NodeLink {
  tsmName?: string | undefined;
  name?: string | undefined;
  consumer?: { id?: number | undefined } | undefined;
}

/** What a destructive call would do, read without changing anything. */
export interface Preview {
  /** For the model and the user: everything removed, named when few. */
  text: string;
  /** The same, as data: every id the call removes. Its digest binds a confirmation. */
  affected: Record<string, unknown>;
  /** Why the portal will refuse the call as given, when it will. */
  refusal?: string | undefined;
}

/** Names are listed when there are at most this many; above it, the count and the first ones. */
const LISTED = 20;

/**
 * What a destructive call would remove, counted the way the portal removes it: a unit with
 * `deleteChildren` takes its whole subtree, every consumption unit in it, their backup nodes and
 * every proxy relationship those nodes are in (also with nodes outside the subtree), and the
 * units' portal users. Read-only: the model shows this to the user before confirming.
 */
export async function previewOf(
  removes: Removes | undefined,
  opName: string,
  clout: Cloutility,
  a: Args,
  signal?: AbortSignal,
): Promise<Preview> {
  const call = { signal };
  const n = (k: string) => a[k] as number;
  switch (removes) {
    case 'businessUnit':
      return unitPreview(clout, a, call);
    case 'consumer':
    case 'node': {
      const consumer = await clout.consumers.get(n('bunitId'), n('consumerId'), {}, call);
      const removed: RemovedConsumer = {
        id: consumer.id as number,
        name: consumer.name ?? `#${consumer.id}`,
        bunitId: n('bunitId'),
        node: consumer.node,
      };
      const relationships = await relationshipsOf(clout, [removed], call);
      const refusal =
        removes === 'consumer' && relationships.length && !a.deleteAssociations
          ? `The portal will refuse: the node is in ${relationships.length} proxy relationship(s) and deleteAssociations is not true.`
          : undefined;
      const what =
        removes === 'node' ? 'the backup node AND the consumption unit' : 'the consumption unit';
      const nodeText = removed.node
        ? `its backup node ${removed.node.tsmName ?? '(not activated)'}`
        : 'no backup node';
      return {
        text: `Would delete ${what} "${removed.name}" (#${removed.id}), which has ${nodeText}, and ${counted(relationships.length, 'proxy relationship')}${relationships.length ? `: ${names(relationships.map(relationText))}` : ''}. Backups of this machine stop and its data is scheduled for removal.${refusal ? ` ${refusal}` : ''}`,
        affected: {
          consumers: [{ id: removed.id, name: removed.name }],
          nodes: removed.node ? [nodeRef(removed)] : [],
          proxyRelationships: relationships.map(relationRef),
        },
        refusal,
      };
    }
    case 'nodePassword': {
      const node = await clout.nodes.get(n('bunitId'), n('consumerId'), {}, call);
      return {
        text: `Would set a new password for backup node ${node.tsmName ?? '(not activated)'} of consumer #${n('consumerId')}. The backup client on that machine stops working until it is given the new password.`,
        affected: { node: { id: node.id, tsmName: node.tsmName, consumerId: n('consumerId') } },
      };
    }
    case 'proxyAgent':
    case 'proxyTarget': {
      const [agent, target] = await Promise.all([
        nodeOf(clout, n('bunitId'), n('agentConsumerId'), call),
        nodeOf(clout, n('bunitId'), n('targetConsumerId'), call),
      ]);
      // The side in bunitId is read for sure; the other may be in another unit.
      const exists =
        removes === 'proxyAgent'
          ? ((target?.proxyAgents ?? []) as NodeLink[]).some(
              (p) => p.consumer?.id === n('agentConsumerId'),
            )
          : ((agent?.proxyTargets ?? []) as NodeLink[]).some(
              (p) => p.consumer?.id === n('targetConsumerId'),
            );
      const agentName = agent?.tsmName ?? `of consumer #${n('agentConsumerId')}`;
      const targetName = target?.tsmName ?? `of consumer #${n('targetConsumerId')}`;
      const refusal = exists
        ? undefined
        : `The portal will answer not found: node ${agentName} is not a proxy agent of node ${targetName}.`;
      return {
        text: exists
          ? `Would remove 1 proxy relationship: node ${agentName} stops acting as proxy agent for node ${targetName}. Restores through that agent stop working.`
          : `Would remove nothing. ${refusal}`,
        affected: {
          proxyRelationships: exists
            ? [{ agentConsumerId: n('agentConsumerId'), targetConsumerId: n('targetConsumerId') }]
            : [],
        },
        refusal,
      };
    }
    default:
      return { text: `Would run ${opName} with ${JSON.stringify(a)}.`, affected: { ...a } };
  }
}

async function unitPreview(
  clout: Cloutility,
  a: Args,
  call: { signal?: AbortSignal | undefined },
): Promise<Preview> {
  const bunitId = a.bunitId as number;
  const [unit, tree] = await Promise.all([
    clout.bunits.get(bunitId, {}, call),
    clout.bunits.tree({ bunitId }, call),
  ]);
  const subtree = flattenTree(tree);
  const below = subtree.filter((u) => u.id !== bunitId);
  const children = below.filter((u) => u.parentId === bunitId);
  // Without deleteChildren only the unit itself goes, and only when it has no children.
  const units = a.deleteChildren ? subtree : subtree.filter((u) => u.id === bunitId);
  const consumers: RemovedConsumer[] = [];
  let users = 0;
  for (const u of units) {
    for await (const c of clout.consumers.list.iterate(u.id, {}, call))
      consumers.push({
        id: c.id as number,
        name: c.name ?? `#${c.id}`,
        bunitId: u.id,
        node: c.node,
      });
    users += (await clout.bunits.users(u.id, {}, call)).items.length;
  }
  const relationships = await relationshipsOf(clout, consumers, call);
  const nodes = consumers.filter((c) => c.node);
  const refusal =
    children.length && !a.deleteChildren
      ? `The portal will refuse: it has ${counted(children.length, 'child unit')} (${names(children.map((u) => `${u.name} (#${u.id})`))}) and deleteChildren is not true.`
      : consumers.length && !a.deleteConsumers
        ? `The portal will refuse: ${a.deleteChildren ? 'it and the units below it have' : 'it has'} ${counted(consumers.length, 'consumption unit')} and deleteConsumers is not true.`
        : undefined;
  const unitNames = units
    .filter((u) => u.id !== bunitId)
    .map((u) => `${u.path.slice(subtree[0]?.path.length ?? 0).join(' > ')} (#${u.id})`);
  const text = [
    `Would delete business unit "${unit.name}" (#${unit.id}) and with it:`,
    `- ${counted(unitNames.length, 'business unit')} below it${unitNames.length ? `: ${names(unitNames)}` : ''}`,
    `- ${counted(consumers.length, 'consumption unit')}${consumers.length ? `: ${names(consumers.map((c) => `${c.name} (#${c.id})`))}` : ''}`,
    `- ${counted(nodes.length, 'backup node')}${nodes.length ? `: ${names(nodes.map((c) => c.node?.tsmName ?? `(not activated, of ${c.name})`))}` : ''}`,
    `- ${counted(relationships.length, 'proxy relationship')}${relationships.length ? `: ${names(relationships.map(relationText))}` : ''}`,
    `- ${counted(users, 'portal user')} of these units`,
    ...(refusal ? [refusal] : []),
  ].join('\n');
  return {
    text,
    affected: {
      businessUnits: units.map((u) => ({ id: u.id, name: u.name })),
      consumers: consumers.map((c) => ({ id: c.id, name: c.name, bunitId: c.bunitId })),
      nodes: nodes.map(nodeRef),
      proxyRelationships: relationships.map(relationRef),
      users,
    },
    refusal,
  };
}

/** Every proxy relationship the nodes of these consumers are in, each once. */
async function relationshipsOf(
  clout: Cloutility,
  consumers: readonly RemovedConsumer[],
  call: { signal?: AbortSignal | undefined },
): Promise<Relationship[]> {
  const found = new Map<string, Relationship>();
  const withNode = consumers.filter((c) => c.node?.tsmName);
  const limit = pLimit(4);
  const read = async (c: RemovedConsumer) => {
    const node = await nodeOf(clout, c.bunitId, c.id, call);
    const self = node?.tsmName ?? c.name;
    for (const agent of (node?.proxyAgents ?? []) as NodeLink[]) {
      const id = agent.consumer?.id;
      if (id === undefined) continue;
      found.set(`${id}>${c.id}`, {
        agentConsumerId: id,
        targetConsumerId: c.id,
        agent: agent.tsmName ?? agent.name ?? `#${id}`,
        target: self,
      });
    }
    for (const target of (node?.proxyTargets ?? []) as NodeLink[]) {
      const id = target.consumer?.id;
      if (id === undefined) continue;
      found.set(`${c.id}>${id}`, {
        agentConsumerId: c.id,
        targetConsumerId: id,
        agent: self,
        target: target.tsmName ?? target.name ?? `#${id}`,
      });
    }
  };
  await Promise.all(withNode.map((c) => limit(() => read(c))));
  return [...found.values()].sort(
    (x, y) => x.agentConsumerId - y.agentConsumerId || x.targetConsumerId - y.targetConsumerId,
  );
}

function nodeOf(
  clout: Cloutility,
  bunitId: number,
  consumerId: number,
  call: { signal?: AbortSignal | undefined },
) {
  return ifFound(clout.nodes.get(bunitId, consumerId, {}, call));
}

const nodeRef = (c: RemovedConsumer) => ({
  consumerId: c.id,
  ...(c.node?.tsmName ? { tsmName: c.node.tsmName } : {}),
});
const relationRef = (r: Relationship) => ({
  agentConsumerId: r.agentConsumerId,
  targetConsumerId: r.targetConsumerId,
});
const relationText = (r: Relationship) => `${r.agent} acts for ${r.target}`;
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const names = (all: readonly string[]) =>
  all.length <= LISTED
    ? all.join(', ')
    : `${all.slice(0, LISTED).join(', ')} and ${all.length - LISTED} more`;

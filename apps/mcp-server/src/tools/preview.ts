import { type Cloutility, NotFoundError } from '@cloutapi/resources';

type Args = Record<string, number | string | boolean | undefined>;

/**
 * What a destructive call would affect, read without changing anything. The model shows this
 * to the user and calls again with `confirm: true` only once they agree.
 */
export async function previewOf(
  opName: string,
  clout: Cloutility,
  a: Args,
): Promise<{ text: string; affected: Record<string, unknown> }> {
  const n = (k: string) => a[k] as number;
  const nodeOf = (bunitId: number, consumerId: number) =>
    clout.nodes.get(bunitId, consumerId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    });
  switch (opName) {
    case 'bunits.delete': {
      const [unit, children, consumers] = await Promise.all([
        clout.bunits.get(n('bunitId')),
        clout.bunits.children(n('bunitId')),
        clout.consumers.list(n('bunitId')),
      ]);
      const kids = children.items.map((u) => `${u.name} (#${u.id})`);
      const cons = consumers.items.map((c) => `${c.name} (#${c.id})`);
      const blocked =
        (kids.length && !a.deleteChildren
          ? ' The portal will refuse: it has child units and deleteChildren is not true.'
          : '') +
        (cons.length && !a.deleteConsumers
          ? ' The portal will refuse: it has consumption units and deleteConsumers is not true.'
          : '');
      return {
        text: `Would delete business unit "${unit.name}" (#${unit.id}) with ${kids.length} child unit(s)${kids.length ? `: ${kids.join(', ')}` : ''} and ${cons.length} consumption unit(s)${cons.length ? `: ${cons.slice(0, 20).join(', ')}` : ''}.${blocked}`,
        affected: {
          businessUnit: { id: unit.id, name: unit.name },
          childUnits: kids.length,
          consumers: cons.length,
        },
      };
    }
    case 'consumers.delete':
    case 'nodes.delete': {
      const [consumer, node] = await Promise.all([
        clout.consumers.get(n('bunitId'), n('consumerId')),
        nodeOf(n('bunitId'), n('consumerId')),
      ]);
      const nodeText = node
        ? `its backup node ${node.tsmName ?? '(not activated)'}`
        : 'no backup node';
      const what =
        opName === 'nodes.delete'
          ? 'the backup node AND the consumption unit'
          : 'the consumption unit';
      return {
        text: `Would delete ${what} "${consumer.name}" (#${consumer.id}), which has ${nodeText}. Backups of this machine stop and its data is scheduled for removal.`,
        affected: {
          consumer: { id: consumer.id, name: consumer.name },
          node: node ? { tsmName: node.tsmName } : null,
        },
      };
    }
    case 'nodes.changePassword': {
      const node = await clout.nodes.get(n('bunitId'), n('consumerId'));
      return {
        text: `Would set a new password for backup node ${node.tsmName ?? '(not activated)'} of consumer #${n('consumerId')}. The backup client on that machine stops working until it is given the new password.`,
        affected: { node: { tsmName: node.tsmName } },
      };
    }
    case 'proxies.removeAgent':
    case 'proxies.removeTarget': {
      const [agent, target] = await Promise.all([
        nodeOf(n('bunitId'), n('agentConsumerId')),
        nodeOf(n('bunitId'), n('targetConsumerId')),
      ]);
      return {
        text: `Would stop node ${agent?.tsmName ?? `of consumer #${n('agentConsumerId')}`} acting as proxy agent for node ${target?.tsmName ?? `of consumer #${n('targetConsumerId')}`}. Restores through that agent stop working.`,
        affected: { agent: agent?.tsmName ?? null, target: target?.tsmName ?? null },
      };
    }
    default:
      return { text: `Would run ${opName} with ${JSON.stringify(a)}.`, affected: { ...a } };
  }
}

import type { Removes } from '../define.js';
import type { DeletionImpact, ImpactRelationship } from './deletion-impact.js';

/** Names are listed when there are at most this many; above it, the first ones and a count. */
const LISTED = 20;

/**
 * A deletion impact in words, the same for every app: what the call removes or changes, each
 * kind counted and its names listed when few, then why the portal will refuse it, when it will.
 */
export function impactText(impact: DeletionImpact): string {
  const body = TEXT_OF[impact.removes](impact);
  if (!impact.refusal) return body;
  return `${body}${body.includes('\n') ? '\n' : ' '}${impact.refusal}`;
}

const TEXT_OF: Record<Removes, (impact: DeletionImpact) => string> = {
  businessUnit: unitText,
  consumer: consumerText,
  node: consumerText,
  nodePassword: ({ newPasswordFor: [node] }) =>
    node
      ? `Would set a new password for backup node ${node.tsmName ?? '(not activated)'} of consumer #${node.consumerId}. The backup client on that machine stops working until it is given the new password.`
      : 'Would change nothing.',
  proxyAgent: proxyText,
  proxyTarget: proxyText,
};

function unitText(impact: DeletionImpact): string {
  const [unit, ...below] = impact.businessUnits;
  const consumerName = new Map(impact.consumers.map((c) => [c.id, c.name]));
  return [
    `Would delete business unit "${unit?.name}" (#${unit?.id}) and with it:`,
    `- ${counted(below.length, 'business unit')} below it${listed(below.map((u) => `${u.path.slice(1).join(' > ')} (#${u.id})`))}`,
    `- ${counted(impact.consumers.length, 'consumption unit')}${listed(impact.consumers.map((c) => `${c.name} (#${c.id})`))}`,
    `- ${counted(impact.nodes.length, 'backup node')}${listed(impact.nodes.map((n) => n.tsmName ?? `(not activated, of ${consumerName.get(n.consumerId)})`))}`,
    `- ${counted(impact.proxyRelationships.length, 'proxy relationship')}${listed(impact.proxyRelationships.map(relationText))}`,
    `- ${counted(impact.users.length, 'portal user')}${listed(impact.users.map((u) => `${u.name} (#${u.id})`))}`,
  ].join('\n');
}

function consumerText(impact: DeletionImpact): string {
  const [consumer] = impact.consumers;
  const [node] = impact.nodes;
  const what =
    impact.removes === 'node' ? 'the backup node AND the consumption unit' : 'the consumption unit';
  const nodeText = node ? `its backup node ${node.tsmName ?? '(not activated)'}` : 'no backup node';
  const relationships = impact.proxyRelationships;
  return `Would delete ${what} "${consumer?.name}" (#${consumer?.id}), which has ${nodeText}, and ${counted(relationships.length, 'proxy relationship')}${listed(relationships.map(relationText))}. Backups of this machine stop and its data is scheduled for removal.`;
}

function proxyText({ proxyRelationships: [relationship] }: DeletionImpact): string {
  return relationship
    ? `Would remove 1 proxy relationship: node ${relationship.agent} stops acting as proxy agent for node ${relationship.target}. Restores through that agent stop working.`
    : 'Would remove nothing.';
}

const relationText = (r: ImpactRelationship) => `${r.agent} acts for ${r.target}`;

/** `1 child unit`, `2 child units`. */
export const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `: a, b, c` (the first {@link LISTED} and how many more), or nothing for none. */
function listed(names: readonly string[]): string {
  if (!names.length) return '';
  if (names.length <= LISTED) return `: ${names.join(', ')}`;
  return `: ${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

import type { Operation } from '@cloutapi/resources';

/**
 * Tool names are verb first, snake case: `consumers.list` -> `list_consumers`. Most follow from
 * the operation's name by rule; an operation whose action is not a plain verb declares its
 * `toolName` (`meta.me` -> `get_current_user`).
 */
const NOUNS: Record<string, [singular: string, plural: string]> = {
  bunits: ['business_unit', 'business_units'],
  consumers: ['consumer', 'consumers'],
  nodes: ['node', 'nodes'],
  timezones: ['time_zone', 'time_zones'],
  actions: ['action', 'actions'],
  reports: ['report', 'reports'],
  jobs: ['job', 'jobs'],
};

/** The tool name of an operation. */
export function toolNameOf(op: Pick<Operation, 'name' | 'toolName'>): string {
  if (op.toolName) return op.toolName;
  const [area = '', action = ''] = op.name.split('.');
  const [one, many] = NOUNS[area] ?? [snake(area), snake(area)];
  const verb = snake(action);
  return `${verb}_${verb === 'list' ? many : one}`;
}

function snake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Rewrites operation names in a description (`consumers.list`) to the tool names a model can
 * call (`list_consumers`).
 */
export function withToolNames(
  text: string,
  ops: readonly Pick<Operation, 'name' | 'toolName'>[],
): string {
  const byName = new Map(ops.map((op) => [op.name, toolNameOf(op)]));
  return text.replace(/\b[a-z]+\.[a-z][A-Za-z]*\b/g, (name) => byName.get(name) ?? name);
}

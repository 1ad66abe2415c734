import { LIMITS } from './limits.js';
import type { SimulatorState } from './state/model.js';

const ALLOWED = /^[A-Z0-9_.\-+&]$/;

/**
 * Removes one pair of surrounding double quotes. The Go client passes the JSON string returned by
 * `spname` verbatim (`"ACME-WEB01"`, quotes included) as `tsmName`.
 */
export function stripQuotes(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}

/**
 * Every naming rule `name` breaks (empty when it is valid). Names are case-insensitive, so check
 * the upper-cased name; uniqueness is per backup server, ignoring the node being named.
 */
export function nodeNameProblems(
  state: SimulatorState,
  name: string,
  serverId: number,
  nodeId: number,
): string[] {
  const problems: string[] = [];
  const length = [...name].length;
  if (length < 1 || length > LIMITS.nodeName) {
    problems.push(`it must be 1 to ${LIMITS.nodeName} characters long (it has ${length})`);
  }
  const bad = [...new Set([...name].filter((ch) => !ALLOWED.test(ch)))];
  if (bad.length > 0) {
    problems.push(
      `it contains characters that are not allowed (${bad.map((ch) => `'${ch}'`).join(', ')}); allowed are A-Z, 0-9, _ . - + &`,
    );
  }
  const owner = state.nodes.find(
    (n) => n.serverId === serverId && n.tsmName === name && n.id !== nodeId,
  );
  if (owner) {
    const server = state.servers.find((s) => s.id === serverId)?.name ?? `server ${serverId}`;
    problems.push(
      `it is already used on backup server ${server} (by consumer ${owner.consumerId})`,
    );
  }
  return problems;
}

/**
 * A valid, unused node name derived from a consumer's name: upper-cased, every run of other
 * characters replaced by `-`, trimmed to 64, and suffixed `-2`, `-3`... until unused.
 */
export function suggestNodeName(
  state: SimulatorState,
  consumerName: string,
  serverId: number,
): string {
  const base =
    consumerName
      .toUpperCase()
      .replace(/[^A-Z0-9_.\-+&]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, LIMITS.nodeName) || 'NODE';
  const taken = (name: string) =>
    state.nodes.some((n) => n.serverId === serverId && n.tsmName === name);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = `${base.slice(0, LIMITS.nodeName - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

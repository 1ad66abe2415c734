/** What a delete can remove, as sorted ids; proxy relationships as `agent>target`. */
export interface RemovableIds {
  businessUnits: number[];
  consumers: number[];
  /** By consumption unit. */
  nodes: number[];
  proxyRelationships: string[];
  users: number[];
}

type Pair = { agentConsumerId: number; targetConsumerId: number };
type Ided = { id: number }[];

/** The ids of a deletion impact (or the `affected` of an MCP preview). */
export function impactIds(impact: {
  businessUnits: Ided;
  consumers: Ided;
  nodes: { consumerId: number }[];
  proxyRelationships: Pair[];
  users: Ided;
}): RemovableIds {
  const sorted = <T>(list: T[]) => [...list].sort();
  return {
    businessUnits: sorted(impact.businessUnits.map((u) => u.id)),
    consumers: sorted(impact.consumers.map((c) => c.id)),
    nodes: sorted(impact.nodes.map((n) => n.consumerId)),
    proxyRelationships: sorted(
      impact.proxyRelationships.map((p) => `${p.agentConsumerId}>${p.targetConsumerId}`),
    ),
    users: sorted(impact.users.map((u) => u.id)),
  };
}

/** The ids a simulator's state holds (`sim.state`). */
export const heldIds = (
  state: Omit<Parameters<typeof impactIds>[0], 'proxyRelationships'> & { proxies: Pair[] },
) => impactIds({ ...state, proxyRelationships: state.proxies });

/** What went between two readings of {@link heldIds}. */
export function removedIds(before: RemovableIds, after: RemovableIds): RemovableIds {
  const gone = <T>(a: T[], b: T[]) => a.filter((x) => !b.includes(x));
  return {
    businessUnits: gone(before.businessUnits, after.businessUnits),
    consumers: gone(before.consumers, after.consumers),
    nodes: gone(before.nodes, after.nodes),
    proxyRelationships: gone(before.proxyRelationships, after.proxyRelationships),
    users: gone(before.users, after.users),
  };
}

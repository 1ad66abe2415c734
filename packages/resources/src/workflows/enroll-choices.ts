import { ValidationError } from '../errors.js';
import type { NodeOperatingSystem, NodeType } from '../models/index.js';
import type { EnrollStep } from './enroll.js';
import { handled, type Run, say } from './enroll-steps.js';
import { matchByName } from './lookup.js';

/** The operating system and node type of a new node, checked against each other. */
export interface Kind {
  os: NodeOperatingSystem;
  type: NodeType;
}

/** Where a new node goes, and the steps that say what was chosen. */
export interface Placement {
  serverId: number;
  domainId: number;
  clientOptionSetId: number;
  steps: EnrollStep[];
}

/** What a node needs, read and checked before anything is written; none without a node. */
export type Choices = { kind: Promise<Kind>; placement: Promise<Placement> } | undefined;

/** Starts the reads that decide a new node's kind and place, side by side (they need no lock). */
export function startChoices(run: Run): Choices {
  if (run.until === 'consumer') return undefined;
  return { kind: handled(resolveKind(run)), placement: handled(resolvePlacement(run)) };
}

/** The catalog step: the OS and node type, checked before anything is written. */
export async function checkKind(run: Run, kind: Promise<Kind>): Promise<Kind> {
  const { os, type } = await kind;
  say(run, 'catalog', 'checked', `${os.name} (#${os.id}) supports ${type.name} (#${type.id})`);
  return { os, type };
}

/** Picks the OS and node type and checks that the OS supports the type. */
async function resolveKind({ input: p, defaults, call }: Run): Promise<Kind> {
  const wantsType = p.nodeTypeId !== undefined || p.nodeType !== undefined;
  // Both lists at once when both are needed.
  const [systems, types] = await Promise.all([
    defaults.operatingSystems(call),
    wantsType ? defaults.nodeTypes(call) : undefined,
  ]);
  const os = pick(
    systems,
    p.operatingSystemId,
    p.operatingSystem,
    'operatingSystem',
    'catalog.operatingSystems',
  );
  const supported = os.supportedNodeTypes ?? [];
  const listed = supported.map((t) => `${t.name} (#${t.id})`).join(', ');
  let type: NodeType;
  if (types) {
    type = pick(types, p.nodeTypeId, p.nodeType, 'nodeType', 'catalog.nodeTypes');
  } else {
    const file = supported.filter((t) => /file/i.test(t.name ?? ''));
    const candidates = file.length ? file : supported;
    if (candidates.length !== 1)
      throw invalid('nodeType', `choose a node type for ${os.name}: ${listed || 'it lists none'}`);
    type = candidates[0] as NodeType;
  }
  if (supported.length && !supported.some((t) => t.id === type.id))
    throw invalid('nodeType', `${os.name} does not support ${type.name}; it supports ${listed}`);
  return { os, type };
}

/**
 * Server, domain and option set: given (by id or name), or by the policy's pick from the unit's
 * default server. On the default server, given ones are checked against its lists (read side by
 * side); the default server itself is read only when no domain names it.
 */
async function resolvePlacement({ input: p, defaults, call, pick: rule }: Run): Promise<Placement> {
  const b = p.bunitId;
  const onDefault = p.serverId === undefined;
  const [domains, sets] = await Promise.all([
    onDefault || p.domainId === undefined ? defaults.domains(b, call) : undefined,
    onDefault || p.clientOptionSetId === undefined ? defaults.clientOptionSets(b, call) : undefined,
  ]);
  const domain = choose(domains, p.domainId, p.domain, rule, 'domain', 'policy domain');
  const set = choose(
    sets,
    p.clientOptionSetId,
    p.clientOptionSet,
    rule,
    'clientOptionSet',
    'client option set',
  );
  const steps: EnrollStep[] = [];
  const chosen = (detail: string) => steps.push({ step: 'server', outcome: 'chosen', detail });
  let serverId = p.serverId;
  if (serverId === undefined) {
    // The default server's domains carry their server: asking for it again tells nothing new.
    const server =
      domain.server?.id !== undefined ? domain.server : await defaults.defaultServer(b, call);
    serverId = server.id as number;
    chosen(`default server ${server.name} (#${server.id})`);
  }
  if (p.domainId === undefined && p.domain === undefined)
    chosen(`policy domain ${domain.name} (#${domain.id})`);
  if (p.clientOptionSetId === undefined && p.clientOptionSet === undefined)
    chosen(`client option set ${set.name} (#${set.id})`);
  return { serverId, domainId: domain.id as number, clientOptionSetId: set.id as number, steps };
}

type Named = { id?: number | undefined; name?: string | undefined; server?: Named | undefined };

/**
 * The one given by id or name, checked to be one of the default server's (`items`; unchecked when
 * its lists do not apply); else by `rule`: the one named like a default ("default", "standard"),
 * or the first.
 */
function choose(
  items: Named[] | undefined,
  id: number | undefined,
  name: string | undefined,
  rule: Run['pick'],
  field: string,
  what: string,
): Named {
  if (!items) return { id };
  const usable = items.filter((i) => i.id !== undefined);
  const list = usable.map((i) => `${i.name} (#${i.id})`).join(', ') || 'none';
  if (id !== undefined) {
    const found = usable.find((i) => i.id === id);
    if (found) return found;
    throw invalid(`${field}Id`, `${what} #${id} is not one of the default server's: ${list}`);
  }
  if (name !== undefined) {
    const matches = matchByName(usable, name);
    if (matches.length === 1) return matches[0] as Named;
    const count = matches.length ? 'several' : 'no';
    throw invalid(field, `${count} ${what}s match "${name}"; the default server has ${list}`);
  }
  const preferred =
    rule === 'preferred' ? usable.find((i) => /default|standard/i.test(i.name ?? '')) : undefined;
  const first = preferred ?? usable[0];
  if (!first) throw invalid(`${field}Id`, `the default server has no ${what}; give ${field}Id`);
  return first;
}

/** Finds an item by id or by name (exact, case-insensitive, then contained). */
function pick<T extends Named>(
  items: T[],
  id: number | undefined,
  name: string | undefined,
  field: string,
  listedBy: string,
): T {
  const list = items.map((i) => `${i.name} (#${i.id})`).join(', ');
  if (id !== undefined) {
    const found = items.find((i) => i.id === id);
    if (!found) throw invalid(`${field}Id`, `no ${field} #${id}; ${listedBy} lists ${list}`);
    return found;
  }
  const matches = matchByName(items, name ?? '');
  if (matches.length !== 1) {
    throw invalid(
      field,
      `${matches.length ? 'several' : 'no'} ${field}s match "${name}"; ${listedBy} lists ${list}`,
    );
  }
  return matches[0] as T;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({ message: `enroll: ${message}`, issues: [{ path, message }] });
}

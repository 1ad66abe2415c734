import type { EnrollStep } from '../errors.js';
import { ValidationError } from '../errors.js';
import type { NodeOperatingSystem, NodeType, PolicyDomain } from '../models/index.js';
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
export type Choices =
  | {
      kind: Promise<Kind>;
      placement: Promise<Placement>;
      /** Both read again, after the portal refused them ({@link chooseAgain}). */
      again: () => Promise<Chosen>;
    }
  | undefined;

/** The kind and place of a new node, as chosen. */
export interface Chosen {
  kind: Kind;
  placement: Placement;
}

/** Starts the reads that decide a new node's kind and place, side by side (they need no lock). */
export function startChoices(run: Run): Choices {
  if (run.until === 'consumer') return undefined;
  return {
    kind: handled(unlessStale(run, 'catalog', resolveKind)),
    placement: handled(unlessStale(run, run.input.bunitId, resolvePlacement)),
    again: () => chooseAgain(run),
  };
}

/**
 * The kind and place read again, after the portal refused the ones chosen: remembered answers
 * (from the lookup store) are forgotten first, so only they are read again.
 */
async function chooseAgain(run: Run): Promise<Chosen> {
  const { defaults, input } = run;
  await Promise.all([defaults.forgetStored('catalog'), defaults.forgetStored(input.bunitId)]);
  const [kind, placement] = await Promise.all([resolveKind(run), resolvePlacement(run)]);
  return { kind, placement };
}

/**
 * A choice checked against remembered lists; what they lack may be new, so on a miss they are
 * forgotten and the choice is made again (from the portal, or from what another enrollment of
 * this run read meanwhile) before the input is rejected.
 */
async function unlessStale<T>(
  run: Run,
  scope: 'catalog' | number,
  resolve: (run: Run) => Promise<T>,
): Promise<T> {
  try {
    return await resolve(run);
  } catch (error) {
    if (!(error instanceof ValidationError) || error.status !== undefined) throw error;
    await run.defaults.forgetStored(scope);
    return resolve(run);
  }
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
  const catalog = 'catalog.operatingSystems';
  const os = choose(systems, p.operatingSystemId, p.operatingSystem, 'operatingSystem', catalog);
  const supported = os.supportedNodeTypes ?? [];
  const listed = supported.map((t) => `${t.name} (#${t.id})`).join(', ');
  // Without one given, the OS's file type (or its only type).
  const file = supported.filter((t) => /file/i.test(t.name ?? ''));
  const only = file.length ? file : supported;
  const type = types
    ? choose(types, p.nodeTypeId, p.nodeType, 'nodeType', 'catalog.nodeTypes')
    : only.length === 1 && only[0];
  if (!type)
    throw invalid('nodeType', `choose a node type for ${os.name}: ${listed || 'it lists none'}`);
  if (supported.length && !supported.some((t) => t.id === type.id))
    throw invalid('nodeType', `${os.name} does not support ${type.name}; it supports ${listed}`);
  return { os, type };
}

/**
 * Server, domain and option set: given (by id or name), or by the policy's pick from the unit's
 * default server. On the default server, given ones are checked against its lists (read side by
 * side); the default server itself is read only when no domain names it.
 */
async function resolvePlacement({ input: p, defaults, call, pick }: Run): Promise<Placement> {
  const b = p.bunitId;
  const onDefault = p.serverId === undefined;
  const [domains, sets] = await Promise.all([
    onDefault || p.domainId === undefined ? defaults.domains(b, call) : undefined,
    onDefault || p.clientOptionSetId === undefined ? defaults.clientOptionSets(b, call) : undefined,
  ]);
  // By the policy: the one named like a default ("default", "standard"), or the first.
  const picked = <T extends Named>(items: T[]) =>
    (pick === 'preferred'
      ? items.find((i) => /default|standard/i.test(i.name ?? ''))
      : undefined) ?? items[0];
  const where = 'the default server';
  const domain = domains
    ? choose(domains, p.domainId, p.domain, 'domain', where, picked)
    : ({ id: p.domainId } as PolicyDomain);
  const set = sets
    ? choose(sets, p.clientOptionSetId, p.clientOptionSet, 'clientOptionSet', where, picked)
    : ({ id: p.clientOptionSetId } as Named);
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

type Named = { id?: number | undefined; name?: string | undefined };

/**
 * The item given by id, or by name (exact, case-insensitive, then contained), among `items` as
 * `where` lists them; none given: `fallback`'s. Anything else names the field and what there is.
 */
function choose<T extends Named>(
  all: T[],
  id: number | undefined,
  name: string | undefined,
  field: string,
  where: string,
  fallback: (items: T[]) => T | undefined = () => undefined,
): T {
  const items = all.filter((i) => i.id !== undefined);
  const list = items.map((i) => `${i.name} (#${i.id})`).join(', ') || 'none';
  const matches = name === undefined ? [] : matchByName(items, name);
  let found: T | undefined;
  if (id !== undefined) found = items.find((i) => i.id === id);
  else if (name !== undefined) found = matches.length === 1 ? matches[0] : undefined;
  else found = fallback(items);
  if (found) return found;
  if (id !== undefined) throw invalid(`${field}Id`, `no ${field} #${id}; ${where} lists ${list}`);
  if (name === undefined)
    throw invalid(`${field}Id`, `${where} lists no ${field}; give ${field}Id`);
  const count = matches.length ? 'several' : 'no';
  throw invalid(field, `${count} ${field}s match "${name}"; ${where} lists ${list}`);
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({ message: `enroll: ${message}`, issues: [{ path, message }] });
}

import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import {
  CloutilityError,
  ConflictError,
  EnrollmentConflictError,
  EnrollmentError,
  type EnrollStep,
  ValidationError,
  type ValidationIssue,
} from '../errors.js';
import {
  bunitId,
  clientOptionSetId,
  cpuCount,
  domainId,
  nameText,
  nodeContact,
  nodeName,
  nodeTypeId,
  operatingSystemId,
  optional,
  serverId,
} from '../inputs.js';
import type { BackupNode, Consumer, NodeOperatingSystem, NodeType } from '../models/index.js';
import { toIssues } from '../validate.js';
import { type EnrollDefaults, enrollDefaults } from './enroll-defaults.js';
import { acquireEnrollLock, type EnrollLockProvider, enrollLockKey } from './enroll-lock.js';
import { findMachine, readNode } from './enroll-lookup.js';
import { matchByName } from './lookup.js';

/** Input of {@link enrollMachine}; strict and flat, shared with the MCP tool and the CLI. */
export const EnrollInput = z.strictObject({
  bunitId: bunitId.describe('Business unit to enroll into (from bunits.tree)'),
  name: nameText('machine name').describe(
    'Consumption unit name for the machine, e.g. its host name; found or created',
  ),
  nodeName: nodeName
    .optional()
    .describe('Node name to activate with; default: the name the portal suggests'),
  operatingSystemId: optional(operatingSystemId),
  operatingSystem: z
    .string()
    .min(1)
    .optional()
    .describe('Operating system by name (e.g. "Linux"), instead of operatingSystemId'),
  // Its own description: enrollment checks the type against the OS itself.
  nodeTypeId: optional(nodeTypeId).describe('Node type id (from catalog.nodeTypes)'),
  nodeType: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Node type by name (e.g. "File"), instead of nodeTypeId; default the OS\'s file type',
    ),
  domainId: domainId.optional().describe("Policy domain; default from the unit's default server"),
  clientOptionSetId: clientOptionSetId
    .optional()
    .describe("Client option set; default from the unit's default server"),
  serverId: serverId.optional().describe("Backup server; default the unit's default server"),
  contact: nodeContact,
  cpuCount,
});
export type EnrollInput = z.input<typeof EnrollInput>;

/** The result of {@link enrollMachine}: what the machine needs to back up, and how it got there. */
export interface EnrollResult {
  /** `already-enrolled` when the machine's node was active before this run. */
  status: 'enrolled' | 'already-enrolled';
  bunitId: number;
  consumerId: number;
  consumerName: string;
  /** The node name to configure in the backup client (`tsmName`). */
  nodeName: string;
  server: { id: number | undefined; name: string | undefined };
  /** The node password (a secret: show it only to whoever configures the machine). */
  password: string | undefined;
  steps: EnrollStep[];
  notes: string[];
}

/** Options of {@link enrollMachine}. */
export interface EnrollOptions extends CallOptions {
  /** Called after each step (for progress output). */
  onStep?: (step: EnrollStep) => void;
  /**
   * Catalog and server defaults shared with other enrollments of the same run (from
   * {@link enrollDefaults}; `enrollMany` passes one), so they are read once. Default: read for
   * this enrollment.
   */
  defaults?: EnrollDefaults;
  /**
   * A lock across processes, such as `fileEnrollLock` from `@cloutapi/resources/enroll-file-lock`.
   * Enrollments of one machine in this process always wait for each other.
   */
  lock?: EnrollLockProvider;
}

/**
 * Enrolls a machine: finds or creates its consumption unit (by name, in the business unit),
 * creates its backup node (OS/type compatibility checked first; server, domain and option set
 * default from the unit's default server), activates it under the given or suggested node name,
 * re-reads it and returns the node name, server and password with a step-by-step report.
 *
 * Idempotent and resumable: every write is preceded by a read of what exists, and an ambiguous
 * failure (the write may have been applied) is settled by reading again, so running it again after
 * any failure completes the enrollment without duplicates; an enrolled machine is reported as such.
 *
 * Safe to run concurrently: enrollments of one machine (portal, unit and name, whatever the
 * letter case) wait for each other within a process, and across processes with `lock`; the one
 * that waited then finds the machine enrolled. Independent reads run in parallel; with a warm
 * token, enrolling a new machine takes 5 sequential round trips when the node name is given and
 * 6 when the portal suggests it.
 */
export async function enrollMachine(
  clout: Cloutility,
  input: EnrollInput,
  options: EnrollOptions = {},
): Promise<EnrollResult> {
  const p = parseInput(input);
  const steps: EnrollStep[] = [];
  const notes: string[] = [];
  const say = (step: EnrollStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  const call = { signal: options.signal, timeoutMs: options.timeoutMs };
  const ids = { bunitId: p.bunitId };
  const defaults = options.defaults ?? enrollDefaults(clout);
  let current: EnrollStep['step'] = 'lock';
  let consumerId: number | undefined;
  let release: (() => Promise<void>) | undefined;

  // Reads that need no lock start at once, side by side. The server defaults are only used when
  // a node is created, and read now so that they cost no round trip of their own.
  const catalog = handled(resolveCatalog(defaults, p, call));
  const placement = handled(resolvePlacement(defaults, p, call));
  try {
    release = await acquireEnrollLock(
      enrollLockKey(clout.client.baseUrl, p.bunitId, p.name),
      options.lock,
      {
        signal: options.signal,
        onWait: () =>
          say({
            step: 'lock',
            outcome: 'waited',
            detail: 'another enrollment of this machine was running; waited for it to finish',
          }),
      },
    );
    const lookup = handled(findMachine(clout, p.bunitId, p.name, call));

    // 1. Check the OS and node type before anything is written.
    current = 'catalog';
    const { os, type } = await catalog;
    say({
      step: 'catalog',
      outcome: 'checked',
      detail: `${os.name} (#${os.id}) supports ${type.name} (#${type.id})`,
    });

    // 2. The consumption unit: found by name, or created (settled by reading on an ambiguous failure).
    current = 'consumer';
    const found = await lookup;
    let node: BackupNode | undefined;
    let nodeKnown = false;
    let consumer: Consumer;
    if (found) {
      consumer = found.consumer;
      say({
        step: 'consumer',
        outcome: 'found',
        detail: `consumption unit "${consumer.name}" (#${consumer.id}) exists`,
      });
      if (found.node !== undefined) {
        node = found.node ?? undefined;
        nodeKnown = true;
      }
      if (found.extras.length) {
        notes.push(
          `${found.extras.length} more consumption unit(s) are named "${p.name}" without an activated node: ${found.extras
            .map((c) => `#${c.consumerId}`)
            .join(
              ', ',
            )}; this one (#${consumer.id}) is enrolled. Remove them with ${found.extras.map((c) => `consumers.delete({ bunitId: ${p.bunitId}, consumerId: ${c.consumerId}, deleteAssociations: true })`).join(', ')}.`,
        );
      }
    } else {
      let created = true;
      consumer = await settle(
        () => clout.consumers.create({ ...ids, name: p.name }, call),
        async () => {
          created = false;
          return (await findMachine(clout, p.bunitId, p.name, call))?.consumer;
        },
      );
      say({
        step: 'consumer',
        outcome: 'created',
        detail: `created consumption unit "${consumer.name ?? p.name}" (#${consumer.id})`,
      });
      // A unit this run just created has no node yet: no need to ask.
      nodeKnown = created;
    }
    consumerId = consumer.id as number;
    const at = { ...ids, consumerId };

    // 3. The backup node: found, or created with the unit's defaults.
    current = 'node';
    if (!nodeKnown) node = await readNode(clout, at, call);
    if (node?.tsmName) {
      say({ step: 'node', outcome: 'already', detail: `node ${node.tsmName} is already active` });
      if (p.nodeName && p.nodeName.toUpperCase() !== node.tsmName.toUpperCase()) {
        notes.push(
          `Already enrolled as ${node.tsmName}; the requested name ${p.nodeName.toUpperCase()} was not used.`,
        );
      }
      return result('already-enrolled', node);
    }
    if (node) {
      say({
        step: 'node',
        outcome: 'found',
        detail: 'the backup node exists but is not activated yet',
      });
      if (node.operatingSystem?.id !== undefined && node.operatingSystem.id !== os.id) {
        notes.push(
          `The existing node has operating system #${node.operatingSystem.id}, not #${os.id}; it was kept.`,
        );
      }
    } else {
      current = 'server';
      const placed = await placement;
      for (const step of placed.steps) say(step);
      current = 'node';
      node = await settle(
        () =>
          clout.nodes.create(
            {
              ...at,
              operatingSystemId: os.id as number,
              nodeTypeId: type.id as number,
              serverId: placed.serverId,
              domainId: placed.domainId,
              clientOptionSetId: placed.clientOptionSetId,
              contact: p.contact,
              cpuCount: p.cpuCount,
            },
            call,
          ),
        () => readNode(clout, at, call),
        // "Already has a node": one was made elsewhere meanwhile; continue with it.
        (error) => error instanceof ConflictError,
      );
      say({
        step: 'node',
        outcome: 'created',
        detail: `created the ${type.name} node on server #${placed.serverId}`,
      });
    }

    // 4. The node name: given (validated by the input schema) or suggested by the portal.
    current = 'name';
    let tsmName: string;
    if (p.nodeName) {
      tsmName = p.nodeName.toUpperCase();
      say({ step: 'name', outcome: 'given', detail: tsmName });
    } else {
      tsmName = (await clout.nodes.suggestName(at, call)).toUpperCase();
      say({ step: 'name', outcome: 'suggested', detail: `the portal suggests ${tsmName}` });
    }

    // 5. Activate; an ambiguous failure or "already activated" is settled by reading the node.
    current = 'activate';
    try {
      await clout.nodes.activate({ ...at, tsmName }, call);
      say({ step: 'activate', outcome: 'activated', detail: `activated as ${tsmName}` });
    } catch (error) {
      const settled =
        error instanceof ConflictError ||
        (error instanceof CloutilityError && error.mayHaveBeenApplied);
      const after = settled ? await readNode(clout, at, call) : undefined;
      if (!after?.tsmName) throw error;
      say({
        step: 'activate',
        outcome: 'verified',
        detail: `the node is active as ${after.tsmName} (checked after: ${(error as Error).message})`,
      });
    }

    // 6. Re-read: the node name and password come from the node resource.
    current = 'read';
    const final = await clout.nodes.get(at, call);
    if (!final.tsmName)
      throw new Error('the node was activated but the API does not show its name yet');
    say({
      step: 'read',
      outcome: 'found',
      detail: `node ${final.tsmName} on ${final.domain?.server?.name ?? 'its server'}`,
    });
    return result('enrolled', final);
  } catch (error) {
    const wrote = steps.some((s) => s.outcome === 'created' || s.outcome === 'activated');
    if (
      error instanceof EnrollmentError ||
      error instanceof EnrollmentConflictError ||
      (error instanceof ValidationError && !wrote)
    )
      throw error;
    throw new EnrollmentError(p.name, current, steps, consumerId, error);
  } finally {
    await release?.();
  }

  function result(status: EnrollResult['status'], node: BackupNode): EnrollResult {
    if (!node.tsmPassword)
      notes.push(
        'The API did not return the node password; read it with nodes.get or set one with nodes.changePassword.',
      );
    const server = node.domain?.server;
    return {
      status,
      bunitId: p.bunitId,
      consumerId: consumerId as number,
      consumerName: p.name,
      nodeName: node.tsmName as string,
      server: { id: server?.id, name: server?.name },
      password: node.tsmPassword,
      steps,
      notes,
    };
  }
}

/** Marks a promise as handled now (it is awaited later, maybe after it failed). */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

type Parsed = z.output<typeof EnrollInput>;
type Call = CallOptions;

function parseInput(input: EnrollInput): Parsed {
  const parsed = EnrollInput.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : toIssues(parsed.error, Object.keys(EnrollInput.shape), input);
  if (
    parsed.success &&
    parsed.data.operatingSystemId === undefined &&
    !parsed.data.operatingSystem
  ) {
    issues.push({
      path: 'operatingSystem',
      message: 'give operatingSystem (a name) or operatingSystemId (from catalog.operatingSystems)',
    });
  }
  if (issues.length || !parsed.success) {
    throw new ValidationError({
      message: `enroll: invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    });
  }
  return parsed.data;
}

/** Picks the OS and node type and checks that the OS supports the type, before any write. */
async function resolveCatalog(
  defaults: EnrollDefaults,
  p: Parsed,
  call: Call,
): Promise<{ os: NodeOperatingSystem; type: NodeType }> {
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
  let type: NodeType;
  if (types) {
    type = pick(types, p.nodeTypeId, p.nodeType, 'nodeType', 'catalog.nodeTypes');
  } else {
    const file = supported.filter((t) => /file/i.test(t.name ?? ''));
    const candidates = file.length ? file : supported;
    if (candidates.length !== 1) {
      throw invalid(
        'nodeType',
        `choose a node type for ${os.name}: ${supported.map((t) => `${t.name} (#${t.id})`).join(', ') || 'it lists none'}`,
      );
    }
    type = candidates[0] as NodeType;
  }
  if (supported.length && !supported.some((t) => t.id === type.id)) {
    throw invalid(
      'nodeType',
      `${os.name} does not support ${type.name}; it supports ${supported.map((t) => `${t.name} (#${t.id})`).join(', ')}`,
    );
  }
  return { os, type };
}

/** Where a new node goes, and the steps that say what was chosen. */
interface Placement {
  serverId: number;
  domainId: number;
  clientOptionSetId: number;
  steps: EnrollStep[];
}

/**
 * Server, domain and option set: given, or from the unit's default server. The lists are read side
 * by side; the default server is read only when no default domain names it.
 */
async function resolvePlacement(
  defaults: EnrollDefaults,
  p: Parsed,
  call: Call,
): Promise<Placement> {
  const b = p.bunitId;
  const [domains, sets, givenDomainServer] = await Promise.all([
    p.domainId === undefined ? defaults.domains(b, call) : undefined,
    p.clientOptionSetId === undefined ? defaults.clientOptionSets(b, call) : undefined,
    p.domainId !== undefined && p.serverId === undefined
      ? defaults.defaultServer(b, call)
      : undefined,
  ]);
  const domain = domains && preferred(domains, 'domainId', 'servers.domains');
  const set = sets && preferred(sets, 'clientOptionSetId', 'servers.clientOptionSets');
  const steps: EnrollStep[] = [];
  let serverId = p.serverId;
  if (serverId === undefined) {
    // The default server's domains carry their server: asking for it again tells nothing new.
    const server =
      givenDomainServer ??
      (domain?.server?.id !== undefined ? domain.server : await defaults.defaultServer(b, call));
    serverId = server.id as number;
    steps.push({
      step: 'server',
      outcome: 'chosen',
      detail: `default server ${server.name} (#${server.id})`,
    });
  }
  if (domain) {
    steps.push({
      step: 'server',
      outcome: 'chosen',
      detail: `policy domain ${domain.name} (#${domain.id})`,
    });
  }
  if (set) {
    steps.push({
      step: 'server',
      outcome: 'chosen',
      detail: `client option set ${set.name} (#${set.id})`,
    });
  }
  return {
    serverId,
    domainId: (domain?.id ?? p.domainId) as number,
    clientOptionSetId: (set?.id ?? p.clientOptionSetId) as number,
    steps,
  };
}

/** The one named like a default ("default", "standard"), the only one, or else the first. */
function preferred<T extends { id?: number | undefined; name?: string | undefined }>(
  items: T[],
  field: string,
  listedBy: string,
): T {
  const usable = items.filter((i) => i.id !== undefined);
  const first = usable.find((i) => /default|standard/i.test(i.name ?? '')) ?? usable[0];
  if (!first) throw invalid(field, `the default server lists none (${listedBy}); give ${field}`);
  return first;
}

/** Finds an item by id or by name (exact, case-insensitive, then contained). */
function pick<T extends { id?: number | undefined; name?: string | undefined }>(
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

/**
 * Runs a write; if it failed in a way that may have applied it (or as `alsoRead` says), reads to
 * find out. Continues with what the read found; otherwise rethrows (the write was not applied, or
 * could not be confirmed).
 */
async function settle<T>(
  write: () => Promise<T>,
  read: () => Promise<T | undefined>,
  alsoRead: (error: unknown) => boolean = () => false,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const unsure = error instanceof CloutilityError && error.mayHaveBeenApplied;
    if (!unsure && !alsoRead(error)) throw error;
    const found = await read();
    if (found) return found;
    throw error;
  }
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({ message: `enroll: ${message}`, issues: [{ path, message }] });
}

import {
  CloutilityError,
  ConflictError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from '@cloutapi/core';
import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { bunitId, idOf, LIMITS, nameText, nodeName, optional } from '../inputs.js';
import type { BackupNode, Consumer, NodeOperatingSystem, NodeType } from '../models/index.js';
import { toIssues } from '../validate.js';

/** Input of {@link enrollMachine}; strict and flat, shared with the MCP tool and the CLI. */
export const EnrollInput = z.strictObject({
  bunitId: bunitId.describe('Business unit to enroll into (from bunits.tree)'),
  name: nameText('machine name').describe(
    'Consumption unit name for the machine, e.g. its host name; found or created',
  ),
  nodeName: nodeName
    .optional()
    .describe('Node name to activate with; default: the name the portal suggests'),
  operatingSystemId: optional(idOf('operating system', 'catalog.operatingSystems')),
  operatingSystem: z
    .string()
    .min(1)
    .optional()
    .describe('Operating system by name (e.g. "Linux"), instead of operatingSystemId'),
  nodeTypeId: optional(idOf('node type', 'catalog.nodeTypes')),
  nodeType: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Node type by name (e.g. "File"), instead of nodeTypeId; default the OS\'s file type',
    ),
  domainId: idOf('policy domain', 'servers.domains')
    .optional()
    .describe("Policy domain; default from the unit's default server"),
  clientOptionSetId: idOf('client option set', 'servers.clientOptionSets')
    .optional()
    .describe("Client option set; default from the unit's default server"),
  serverId: idOf('backup server', 'servers.default')
    .optional()
    .describe("Backup server; default the unit's default server"),
  contact: z.string().max(LIMITS.contact).optional().describe('Contact information for the node'),
  cpuCount: z
    .number()
    .int()
    .min(LIMITS.cpuCount.min)
    .max(LIMITS.cpuCount.max)
    .optional()
    .describe('Number of CPUs'),
});
export type EnrollInput = z.input<typeof EnrollInput>;

/** One step of an enrollment and what happened in it. */
export interface EnrollStep {
  step: 'catalog' | 'consumer' | 'server' | 'node' | 'name' | 'activate' | 'read';
  outcome:
    | 'checked'
    | 'found'
    | 'created'
    | 'chosen'
    | 'given'
    | 'suggested'
    | 'activated'
    | 'already'
    | 'verified';
  detail: string;
}

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

/**
 * An enrollment stopped at `step`. `steps` says exactly what was done before; running the same
 * enrollment again continues from there without creating anything twice.
 */
export class EnrollmentError extends CloutilityError {
  static override readonly kind: string = 'EnrollmentError';
  readonly step: string;
  readonly steps: readonly EnrollStep[];
  readonly consumerId: number | undefined;

  constructor(
    name: string,
    step: string,
    steps: EnrollStep[],
    consumerId: number | undefined,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const done = steps.length ? steps.map((s) => `${s.step}: ${s.detail}`).join('; ') : 'nothing';
    const applied =
      cause instanceof CloutilityError && cause.mayHaveBeenApplied
        ? ' The last write may have been applied.'
        : '';
    super({
      message: `Enrolling "${name}" stopped at "${step}": ${why}. Done so far: ${done}.${applied} Run the same enrollment again to continue; it will not create a second consumption unit or node.`,
      status: cause instanceof CloutilityError ? cause.status : undefined,
      code: cause instanceof CloutilityError ? cause.code : undefined,
      mayHaveBeenApplied: cause instanceof CloutilityError ? cause.mayHaveBeenApplied : false,
      // The original error (redacted like every CloutilityError), so callers can tell a lost
      // connection from a refusal.
      cause,
    });
    this.step = step;
    this.steps = [...steps];
    this.consumerId = consumerId;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { step: this.step, steps: this.steps, consumerId: this.consumerId };
  }
}

/** Options of {@link enrollMachine}. */
export interface EnrollOptions extends CallOptions {
  /** Called after each step (for progress output). */
  onStep?: (step: EnrollStep) => void;
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
  let current: EnrollStep['step'] = 'catalog';
  let consumerId: number | undefined;

  try {
    // 1. Check the OS and node type before anything is written.
    const { os, type } = await resolveCatalog(clout, p, call);
    say({
      step: 'catalog',
      outcome: 'checked',
      detail: `${os.name} (#${os.id}) supports ${type.name} (#${type.id})`,
    });

    // 2. The consumption unit: found by name, or created (settled by reading on an ambiguous failure).
    current = 'consumer';
    let consumer = await findConsumer(clout, p.bunitId, p.name, call);
    if (consumer) {
      say({
        step: 'consumer',
        outcome: 'found',
        detail: `consumption unit "${consumer.name}" (#${consumer.id}) exists`,
      });
    } else {
      consumer = await settle(
        () => clout.consumers.create({ ...ids, name: p.name }, call),
        () => findConsumer(clout, p.bunitId, p.name, call),
      );
      say({
        step: 'consumer',
        outcome: 'created',
        detail: `created consumption unit "${consumer.name ?? p.name}" (#${consumer.id})`,
      });
    }
    consumerId = consumer.id as number;
    const at = { ...ids, consumerId };

    // 3. The backup node: found, or created with the unit's defaults.
    current = 'node';
    let node = await readNode(clout, at, call);
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
      const placement = await resolvePlacement(clout, p, call, say);
      current = 'node';
      node = await settle(
        () =>
          clout.nodes.create(
            {
              ...at,
              operatingSystemId: os.id as number,
              nodeTypeId: type.id as number,
              ...placement,
              contact: p.contact,
              cpuCount: p.cpuCount,
            },
            call,
          ),
        () => readNode(clout, at, call),
      );
      say({
        step: 'node',
        outcome: 'created',
        detail: `created the ${type.name} node on server #${placement.serverId}`,
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
    if (
      error instanceof EnrollmentError ||
      (error instanceof ValidationError && steps.length === 0)
    )
      throw error;
    throw new EnrollmentError(p.name, current, steps, consumerId, error);
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
  clout: Cloutility,
  p: Parsed,
  call: Call,
): Promise<{ os: NodeOperatingSystem; type: NodeType }> {
  const systems = (await clout.catalog.operatingSystems(undefined, call)).items;
  const os = pick(
    systems,
    p.operatingSystemId,
    p.operatingSystem,
    'operatingSystem',
    'catalog.operatingSystems',
  );
  const supported = os.supportedNodeTypes ?? [];
  let type: NodeType;
  if (p.nodeTypeId !== undefined || p.nodeType) {
    const types = (await clout.catalog.nodeTypes(undefined, call)).items;
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

/** Server, domain and option set: given, or from the unit's default server. */
async function resolvePlacement(
  clout: Cloutility,
  p: Parsed,
  call: Call,
  say: (s: EnrollStep) => void,
) {
  const ids = { bunitId: p.bunitId };
  let serverId = p.serverId;
  if (serverId === undefined) {
    const server = await clout.servers.default(ids, call);
    serverId = server.id as number;
    say({
      step: 'server',
      outcome: 'chosen',
      detail: `default server ${server.name} (#${server.id})`,
    });
  }
  let domainId = p.domainId;
  if (domainId === undefined) {
    const domain = preferred(
      (await clout.servers.domains(ids, call)).items,
      'domainId',
      'servers.domains',
    );
    domainId = domain.id as number;
    say({
      step: 'server',
      outcome: 'chosen',
      detail: `policy domain ${domain.name} (#${domain.id})`,
    });
  }
  let clientOptionSetId = p.clientOptionSetId;
  if (clientOptionSetId === undefined) {
    const set = preferred(
      (await clout.servers.clientOptionSets(ids, call)).items,
      'clientOptionSetId',
      'servers.clientOptionSets',
    );
    clientOptionSetId = set.id as number;
    say({
      step: 'server',
      outcome: 'chosen',
      detail: `client option set ${set.name} (#${set.id})`,
    });
  }
  return { serverId, domainId, clientOptionSetId };
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
  const text = (name ?? '').toLowerCase();
  const exact = items.filter((i) => i.name?.toLowerCase() === text);
  const matches = exact.length ? exact : items.filter((i) => i.name?.toLowerCase().includes(text));
  if (matches.length !== 1) {
    throw invalid(
      field,
      `${matches.length ? 'several' : 'no'} ${field}s match "${name}"; ${listedBy} lists ${list}`,
    );
  }
  return matches[0] as T;
}

async function findConsumer(
  clout: Cloutility,
  bunitId: number,
  name: string,
  call: Call,
): Promise<Consumer | undefined> {
  const items = (await clout.consumers.list({ bunitId }, call)).items;
  const exact = items.filter((c) => c.name === name);
  const matches = exact.length
    ? exact
    : items.filter((c) => c.name?.toLowerCase() === name.toLowerCase());
  if (matches.length > 1) {
    throw invalid(
      'name',
      `${matches.length} consumption units are named "${name}" (#${matches.map((c) => c.id).join(', #')}); rename or delete the extra ones first`,
    );
  }
  return matches[0];
}

async function readNode(
  clout: Cloutility,
  at: { bunitId: number; consumerId: number },
  call: Call,
) {
  try {
    return await clout.nodes.get(at, call);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Runs a write; if it failed in a way that may have applied it, reads to find out. Continues with
 * what the read found; otherwise rethrows (the write was not applied, or could not be confirmed).
 */
async function settle<T>(write: () => Promise<T>, read: () => Promise<T | undefined>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof CloutilityError) || !error.mayHaveBeenApplied) throw error;
    const found = await read();
    if (found) return found;
    throw error;
  }
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({ message: `enroll: ${message}`, issues: [{ path, message }] });
}

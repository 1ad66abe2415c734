import { z } from 'zod';
import { type CallOptions, callOptionsOf } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type { EnrollStep } from '../errors.js';
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
import type { BackupNode, Consumer } from '../models/index.js';
import { validateWith } from '../validate.js';
import { type Choices, checkKind, startChoices } from './enroll-choices.js';
import { type EnrollDefaults, enrollDefaults } from './enroll-defaults.js';
import type { EnrollLockProvider } from './enroll-lock.js';
import { findMachine } from './enroll-lookup.js';
import {
  activate,
  chooseName,
  createUnit,
  failure,
  handled,
  keepOldest,
  placeNode,
  type Run,
  readBack,
  step,
  takeLock,
  useFound,
} from './enroll-steps.js';

/** A catalog item given by its name instead of its id. */
const byName = (description: string) => z.string().min(1).optional().describe(description);

/** The fields of {@link EnrollInput}, without the rule that an operating system is given. */
export const EnrollFields = z.strictObject({
  bunitId: bunitId.describe('Business unit to enroll into (from bunits.tree)'),
  name: nameText('machine name').describe(
    'Consumption unit name for the machine, e.g. its host name; found or created',
  ),
  nodeName: nodeName
    .optional()
    .describe('Node name to activate with; default: the name the portal suggests'),
  operatingSystemId: optional(operatingSystemId),
  operatingSystem: byName('Operating system by name (e.g. "Linux"), instead of operatingSystemId'),
  // Its own description: enrollment checks the type against the OS itself.
  nodeTypeId: optional(nodeTypeId).describe('Node type id (from catalog.nodeTypes)'),
  nodeType: byName(
    'Node type by name (e.g. "File"), instead of nodeTypeId; default the OS\'s file type',
  ),
  domainId: domainId.optional().describe("Policy domain; default from the unit's default server"),
  domain: byName('Policy domain by name, instead of domainId'),
  clientOptionSetId: clientOptionSetId
    .optional()
    .describe("Client option set; default from the unit's default server"),
  clientOptionSet: byName('Client option set by name, instead of clientOptionSetId'),
  serverId: serverId.optional().describe("Backup server; default the unit's default server"),
  contact: nodeContact,
  cpuCount,
});

/** Input of {@link enrollMachine}; strict and flat, shared with the MCP tool and the CLI. */
export const EnrollInput = EnrollFields.refine(
  (input) => input.operatingSystemId !== undefined || input.operatingSystem !== undefined,
  {
    path: ['operatingSystem'],
    message: 'give operatingSystem (a name) or operatingSystemId (from catalog.operatingSystems)',
  },
);
export type EnrollInput = z.input<typeof EnrollInput>;

/** The input as checked, defaults applied. */
export type CheckedEnrollInput = z.output<typeof EnrollFields>;

/** How far an enrollment goes: the consumption unit, its backup node too, or the node activated. */
export type EnrollStage = 'consumer' | 'node' | 'activated';

/**
 * What an enrollment does beyond its input: how far it goes and the defaults it fills in. The
 * default policy is `enrollMachine`'s; the Go CLI's `consumer create` is another (its contact,
 * option set 2, the server's first domain, and no node without an operating system).
 */
export interface EnrollPolicy {
  /** How far it goes; default `activated`. `consumer` needs no operating system. */
  until?: EnrollStage;
  /** Values for the fields the input leaves out (checked like the input). */
  defaults?: Pick<EnrollInput, 'contact' | 'cpuCount' | 'clientOptionSetId'>;
  /** Domain and option set when none is given: `preferred` (named like a default) or `first`. */
  pick?: 'preferred' | 'first';
}

/** What an enrollment under a policy did: the unit and node as they are after it, and how. */
export interface EnrollOutcome {
  /** `already-enrolled` when the machine had reached the policy's stage before this run. */
  status: 'enrolled' | 'already-enrolled';
  bunitId: number;
  consumerName: string;
  /** The consumption unit, as created or listed. */
  consumer: Consumer;
  /** The backup node (with its password when activated); none when the policy stops before it. */
  node: BackupNode | undefined;
  steps: EnrollStep[];
  notes: string[];
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

/** Options of {@link enrollMachine}. */
export interface EnrollOptions extends CallOptions {
  /** Called after each step (for progress output). */
  onStep?: (step: EnrollStep) => void;
  /** Catalog and server defaults shared by the run's enrollments ({@link enrollDefaults}). */
  defaults?: EnrollDefaults;
  /** A lock across processes (`fileEnrollLock()`); in one process enrollments always queue. */
  lock?: EnrollLockProvider;
}

/**
 * Enrolls a machine: finds or creates its consumption unit (by name, in the business unit),
 * creates its backup node (OS/type compatibility checked first; server, domain and option set
 * default from the unit's default server), activates it under the given or suggested node name,
 * and returns the node name, server and password with a step-by-step report.
 *
 * Idempotent and resumable: every write follows a read of what exists, and an ambiguous failure is
 * settled by reading again, so a re-run after any failure completes it without duplicates.
 * Safe concurrently: enrollments of one machine (unit and name, any letter case) wait for each
 * other in a process, and across processes with `lock`; where nothing locks (two computers), a run
 * that created the unit checks for a twin made meanwhile and keeps the oldest. With a warm token,
 * a new machine takes 6 sequential round trips (7 when the portal suggests the node name), on one
connection when the lookups are remembered ({@link enrollDefaults} with a store).
 */
export async function enrollMachine(
  clout: Cloutility,
  input: EnrollInput,
  options: EnrollOptions = {},
): Promise<EnrollResult> {
  return resultOf(await enrollWithPolicy(clout, input, {}, options));
}

/**
 * {@link enrollMachine} under a {@link EnrollPolicy}: as far as `policy.until`, with its defaults,
 * with the same checks before writing, locks, duplicate recovery and partial-failure report
 * (`EnrollmentError` with its steps).
 */
export async function enrollWithPolicy(
  clout: Cloutility,
  input: EnrollInput,
  policy: EnrollPolicy = {},
  options: EnrollOptions = {},
): Promise<EnrollOutcome> {
  const run = startRun(clout, input, policy, options);
  // Reads that need no lock start at once, side by side: the catalog, and where a new node goes.
  const choices = startChoices(run);
  let release: (() => Promise<void>) | undefined;
  try {
    release = await step(run, 'lock', () => takeLock(run, options.lock));
    return await enrollLocked(run, choices);
  } catch (error) {
    throw failure(run, error);
  } finally {
    await release?.();
  }
}

/** The steps after the lock, in order; each is a named function that takes and returns data. */
async function enrollLocked(run: Run, choices: Choices): Promise<EnrollOutcome> {
  const { clout, input, call } = run;
  const lookup = handled(findMachine(clout, input.bunitId, input.name, call));
  const kind = choices && (await step(run, 'catalog', () => checkKind(run, choices.kind)));
  const found = await step(run, 'consumer', () => lookup);
  // Before the first write: a domain or option set that cannot be used creates nothing.
  if (!found && choices) await step(run, 'server', () => choices.placement);
  const unit = await step(run, 'consumer', () => (found ? useFound(run, found) : createUnit(run)));
  if (!choices || !kind) {
    const kept = unit.made ? await step(run, 'consumer', () => keepOldest(run, unit)) : unit;
    return outcome(run, kept.made ? 'enrolled' : 'already-enrolled', kept.consumer, undefined);
  }
  const placed = await step(run, 'node', () => placeNode(run, unit, kind, choices));
  const { consumer } = placed.unit;
  if (placed.state === 'active' || (run.until === 'node' && placed.state === 'found'))
    return outcome(run, 'already-enrolled', consumer, placed.node);
  if (run.until === 'node') return outcome(run, 'enrolled', consumer, placed.node);
  const at = { bunitId: input.bunitId, consumerId: consumer.id as number };
  const tsmName = await step(run, 'name', () => chooseName(run, at));
  await step(run, 'activate', () => activate(run, at, tsmName));
  const final = await step(run, 'read', () => readBack(run, at));
  return outcome(run, 'enrolled', consumer, final);
}

/** The run's record and settings, from the input checked under the policy. */
function startRun(
  clout: Cloutility,
  input: EnrollInput,
  policy: EnrollPolicy,
  options: EnrollOptions,
): Run {
  const until = policy.until ?? 'activated';
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  // Without a node, no operating system is needed.
  const schema = until === 'consumer' ? EnrollFields : EnrollInput;
  return {
    clout,
    input: validateWith(schema, { ...policy.defaults, ...given }, 'enroll'),
    until,
    pick: policy.pick ?? 'preferred',
    call: callOptionsOf(options),
    defaults: options.defaults ?? enrollDefaults(clout),
    running: 'lock',
    steps: [],
    notes: [],
    consumerId: undefined,
    onStep: options.onStep,
  };
}

function outcome(
  { input, steps, notes }: Run,
  status: EnrollOutcome['status'],
  consumer: Consumer,
  node: BackupNode | undefined,
): EnrollOutcome {
  return { status, bunitId: input.bunitId, consumerName: input.name, consumer, node, steps, notes };
}

function resultOf(o: EnrollOutcome): EnrollResult {
  const node = o.node as BackupNode;
  if (!node.tsmPassword)
    o.notes.push(
      'The API did not return the node password; read it with nodes.get or set one with nodes.changePassword.',
    );
  const server = node.domain?.server;
  return {
    status: o.status,
    bunitId: o.bunitId,
    consumerId: o.consumer.id as number,
    consumerName: o.consumerName,
    nodeName: node.tsmName as string,
    server: { id: server?.id, name: server?.name },
    password: node.tsmPassword,
    steps: o.steps,
    notes: o.notes,
  };
}

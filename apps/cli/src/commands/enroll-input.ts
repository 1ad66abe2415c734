import {
  type BusinessUnitSummary,
  type Cloutility,
  type EnrollInput,
  type EnrollLockProvider,
  normalizeNodeName,
  type UnitRef,
} from '@cloutapi/resources';
import { ValidationError } from '@cloutapi/resources/errors';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { resolveNamed, resolveUnit, unitByName } from './resolve.js';

/** One machine as given on the command line or in a CSV row: names not resolved yet. */
export interface MachineSpec {
  bunit?: string | undefined;
  name: string;
  nodeName?: string | undefined;
  os?: string | undefined;
  nodeType?: string | undefined;
  domain?: string | undefined;
  optionSet?: string | undefined;
  server?: string | undefined;
  contact?: string | undefined;
  cpus?: string | number | undefined;
}

/** The operating system name this machine's platform has in the Cloutility catalog. */
export function platformOs(platform: NodeJS.Platform = process.platform): string | undefined {
  return ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[
    platform
  ];
}

/** Which flag (or CSV column) sets each field of the enroll input, for error messages. */
export const ENROLL_FIELDS: Record<string, keyof MachineSpec> = {
  bunitId: 'bunit',
  name: 'name',
  nodeName: 'nodeName',
  operatingSystemId: 'os',
  operatingSystem: 'os',
  nodeTypeId: 'nodeType',
  nodeType: 'nodeType',
  domainId: 'domain',
  clientOptionSetId: 'optionSet',
  serverId: 'server',
  contact: 'contact',
  cpuCount: 'cpus',
};

/** Lists fetched once per run and shared by every machine (bulk enrollment). */
export interface Lookups {
  tree?: Promise<BusinessUnitSummary>;
  domains: Map<number, Promise<{ items: { id?: number; name?: string }[] }>>;
  optionSets: Map<number, Promise<{ items: { id?: number; name?: string }[] }>>;
}

/** Empty lookups for one run. */
export function newLookups(): Lookups {
  return { domains: new Map(), optionSets: new Map() };
}

const DIGITS = /^\d+$/;

/** The enroll input and what was decided on the user's behalf (a normalised node name). */
export interface ResolvedMachine {
  input: EnrollInput;
  unit: UnitRef;
  notes: string[];
}

/**
 * Resolves a machine's names into the workflow's input: the unit by id or name, domain and option
 * set by id or name, OS and node type passed by name (the workflow matches them), numbers parsed,
 * and the node name defaulted to the machine name made valid (saying what changed).
 *
 * @param flagName how to name a field in errors (`--bunit`, or a CSV column)
 */
export async function resolveMachine(
  clout: Cloutility,
  spec: MachineSpec,
  lookups: Lookups,
  flagName: (field: keyof MachineSpec) => string,
): Promise<ResolvedMachine> {
  const notes: string[] = [];
  if (!spec.bunit?.trim()) {
    throw new UsageError(
      `${flagName('bunit')}: required: the business unit (id or name) to enroll into`,
      '`cloutapi bunits tree` lists them.',
    );
  }
  let unit: UnitRef;
  if (DIGITS.test(spec.bunit.trim())) {
    unit = await resolveUnit(clout, spec.bunit, flagName('bunit'));
  } else {
    // One tree for every row of a bulk run.
    lookups.tree ??= clout.bunits.tree();
    unit = unitByName(await lookups.tree, spec.bunit.trim(), flagName('bunit'));
  }

  let nodeName = spec.nodeName?.trim() || undefined;
  if (!nodeName) {
    try {
      const normalized = normalizeNodeName(spec.name);
      nodeName = normalized.name;
      if (normalized.changed) {
        notes.push(`node name ${nodeName} (from "${spec.name}": ${normalized.changes.join(', ')})`);
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new UsageError(`${flagName('nodeName')}: ${error.message}; give one`);
    }
  }

  const input: EnrollInput = { bunitId: unit.id, name: spec.name, nodeName };
  const os = spec.os?.trim();
  if (os) {
    if (DIGITS.test(os)) input.operatingSystemId = Number(os);
    else input.operatingSystem = os;
  }
  const type = spec.nodeType?.trim();
  if (type) {
    if (DIGITS.test(type)) input.nodeTypeId = Number(type);
    else input.nodeType = type;
  }
  if (spec.domain?.trim()) {
    input.domainId = await resolveNamed(
      spec.domain,
      () => cached(lookups.domains, unit.id, () => clout.servers.domains({ bunitId: unit.id })),
      flagName('domain'),
      `cloutapi servers domains --bunit ${unit.id}`,
    );
  }
  if (spec.optionSet?.trim()) {
    input.clientOptionSetId = await resolveNamed(
      spec.optionSet,
      () =>
        cached(lookups.optionSets, unit.id, () =>
          clout.servers.clientOptionSets({ bunitId: unit.id }),
        ),
      flagName('optionSet'),
      `cloutapi servers client-option-sets --bunit ${unit.id}`,
    );
  }
  if (spec.server?.trim()) input.serverId = numberOrText(spec.server) as number;
  if (spec.contact?.trim()) input.contact = spec.contact.trim();
  if (spec.cpus !== undefined && String(spec.cpus).trim() !== '') {
    input.cpuCount = numberOrText(spec.cpus) as number;
  }
  return { input, unit, notes };
}

function cached<T>(map: Map<number, Promise<T>>, key: number, load: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = load();
    map.set(key, value);
  }
  return value;
}

// Passed on as text when not a number, so the workflow's schema says what was expected.
function numberOrText(value: string | number): number | string {
  const text = String(value).trim();
  return DIGITS.test(text) ? Number(text) : text;
}

/**
 * Enrollment's advice in the words of the command line: the SDK calls it names become the
 * commands that do the same.
 */
export function enrollAdviceForCli(text: string): string {
  return text
    .replace(
      /consumers\.delete\(\{ bunitId: (\d+), consumerId: (\d+), deleteAssociations: true \}\)/g,
      '`cloutapi consumers delete --bunit $1 --consumer $2 --delete-associations`',
    )
    .replace(/\bconsumers\.update\b/g, '`cloutapi consumers update`');
}

/**
 * Enrollment's lock across processes (`@cloutapi/resources/enroll-file-lock`, loaded only here),
 * waiting for another process's enrollment of the machine as long as `--timeout` lets a request
 * take.
 */
export async function enrollLock(ctx: Ctx): Promise<EnrollLockProvider> {
  const [{ fileEnrollLock }, { deadlineMs }] = await Promise.all([
    import('@cloutapi/resources/enroll-file-lock'),
    ctx.session(),
  ]);
  return fileEnrollLock({ waitMs: deadlineMs });
}

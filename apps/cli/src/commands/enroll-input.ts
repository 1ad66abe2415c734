import {
  type Cloutility,
  type EnrollInput,
  type EnrollLockProvider,
  normalizeNodeName,
  type UnitRef,
} from '@cloutapi/resources';
import { ValidationError } from '@cloutapi/resources/errors';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { type Lookups, resolveUnit } from './resolve.js';

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

/** Which flag (or CSV column) sets each field of the enroll input, for error messages. */
const ENROLL_FIELDS: Record<string, keyof MachineSpec> = {
  bunitId: 'bunit',
  name: 'name',
  nodeName: 'nodeName',
  operatingSystemId: 'os',
  operatingSystem: 'os',
  nodeTypeId: 'nodeType',
  nodeType: 'nodeType',
  domainId: 'domain',
  domain: 'domain',
  clientOptionSetId: 'optionSet',
  clientOptionSet: 'optionSet',
  serverId: 'server',
  contact: 'contact',
  cpuCount: 'cpus',
};

const DIGITS = /^\d+$/;

/** The enroll input and what was decided on the user's behalf (a normalised node name). */
export interface ResolvedMachine {
  input: EnrollInput;
  unit: UnitRef;
  notes: string[];
}

/**
 * Resolves a machine's names into the workflow's input: the unit by id or name; OS, node type,
 * domain and option set passed on by id or by name (the workflow matches names against the catalog
 * and the unit's default server, with the lists it reads anyway); numbers parsed; and the node
 * name defaulted to the machine name made valid (saying what changed).
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
    throw usageError(
      `${flagName('bunit')}: required: the business unit (id or name) to enroll into`,
      '`cloutapi bunits tree` lists them.',
    );
  }
  // One tree for every row of a bulk run.
  const unit = await resolveUnit(clout, spec.bunit, flagName('bunit'), lookups);

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
      throw usageError(`${flagName('nodeName')}: ${error.message}; give one`);
    }
  }

  const input: EnrollInput = { bunitId: unit.id, name: spec.name, nodeName };
  // By id or by name: enrollment matches names against the catalog and the unit's default server.
  const byIdOrName = (text: string | undefined, id: keyof EnrollInput, name: keyof EnrollInput) => {
    const value = text?.trim();
    if (value) Object.assign(input, { [DIGITS.test(value) ? id : name]: numberOrText(value) });
  };
  byIdOrName(spec.os, 'operatingSystemId', 'operatingSystem');
  byIdOrName(spec.nodeType, 'nodeTypeId', 'nodeType');
  byIdOrName(spec.domain, 'domainId', 'domain');
  byIdOrName(spec.optionSet, 'clientOptionSetId', 'clientOptionSet');
  if (spec.server?.trim()) input.serverId = numberOrText(spec.server) as number;
  if (spec.contact?.trim()) input.contact = spec.contact.trim();
  if (spec.cpus !== undefined && String(spec.cpus).trim() !== '') {
    input.cpuCount = numberOrText(spec.cpus) as number;
  }
  return { input, unit, notes };
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

/**
 * Enrollment's input errors, each named by the flag or CSV column (`nameOf`) that sets the field;
 * undefined for any other error.
 */
export function inputProblems(
  error: unknown,
  nameOf: (field: keyof MachineSpec) => string,
): string | undefined {
  if (!(error instanceof ValidationError) || error.status !== undefined || !error.issues.length)
    return undefined;
  return error.issues
    .map((issue) => {
      const field = ENROLL_FIELDS[issue.path.split('.')[0] ?? ''];
      return `${field ? nameOf(field) : issue.path}: ${issue.message}`;
    })
    .join('; ');
}

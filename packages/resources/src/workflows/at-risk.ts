import { z } from 'zod';
import type { Consumer } from '../models/index.js';
import { parseDuration } from './duration.js';

/**
 * IBM Storage Protect's "at risk" rule, as its Operations Center applies it: a client is at risk
 * when it has not backed up successfully within an interval (`STATUSATRISKINTERVAL`, 24 hours by
 * default, set per client type); a backup that skipped files can count as a failure
 * (`STATUSSKIPASFAILURE`); a client can be bypassed. Here the interval can be set per operating
 * system or node type, and machines are bypassed by name, node name or tag, or by the portal's
 * own "allow no activity".
 */

/** IBM's default at-risk interval: 24 hours. */
export const DEFAULT_AT_RISK_MS = 24 * 3_600_000;

const MIN_INTERVAL_MS = 60_000;

/** A duration of at least a minute: milliseconds, or text such as `24h`, `2d`, `90m`. */
export const IntervalInput = z
  .union([z.number().int().min(MIN_INTERVAL_MS), z.string().min(2).max(20)])
  .refine((v) => (intervalMs(v) ?? 0) >= MIN_INTERVAL_MS, {
    message: 'expected a duration of at least a minute such as 24h, 2d or 90m',
  });

/** The rule's inputs, part of the backup health input (shared by the CLI and the MCP tool). */
export const AtRiskInput = {
  atRiskAfter: IntervalInput.optional().describe(
    "A machine with no successful backup for longer is at risk (IBM's STATUSATRISKINTERVAL): milliseconds, or a duration such as 24h, 2d (default 24h)",
  ),
  atRiskAfterByType: z
    .record(z.string().min(1).max(100), IntervalInput)
    .optional()
    .describe(
      'Another interval for machines of an operating system or node type, by its name (case-insensitive), e.g. {"Windows": "48h", "Mac OS X": "7d"}',
    ),
  skippedAsFailure: z
    .boolean()
    .optional()
    .describe(
      "Count a backup that skipped files as failed, as IBM's STATUSSKIPASFAILURE does (reads each machine's recent jobs: one more request a machine)",
    ),
  exclude: z
    .array(z.string().min(1).max(200))
    .max(10_000)
    .optional()
    .describe(
      'Machines not watched (IBM: bypassed): consumption unit names, node names, or tag:NAME for every machine with that tag',
    ),
};

/** The rule, checked and in milliseconds. */
export interface AtRiskRule {
  /** The interval of a machine no type names. */
  defaultMs: number;
  /** Intervals by operating system or node type name, lower-cased. */
  byType: ReadonlyMap<string, number>;
  skippedAsFailure: boolean;
  /** Names and node names bypassed, lower-cased. */
  excludedNames: ReadonlySet<string>;
  /** Tags whose machines are bypassed, lower-cased. */
  excludedTags: ReadonlySet<string>;
}

/** The rule from its (validated) inputs; `staleAfter` is the older name of `atRiskAfter`. */
export function atRiskRule(input: {
  atRiskAfter?: number | string | undefined;
  staleAfter?: number | string | undefined;
  atRiskAfterByType?: Record<string, number | string> | undefined;
  skippedAsFailure?: boolean | undefined;
  exclude?: readonly string[] | undefined;
}): AtRiskRule {
  const given = input.atRiskAfter ?? input.staleAfter;
  const exclude = (input.exclude ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean);
  return {
    defaultMs: given === undefined ? DEFAULT_AT_RISK_MS : (intervalMs(given) as number),
    byType: new Map(
      Object.entries(input.atRiskAfterByType ?? {}).map(([type, v]) => [
        type.trim().toLowerCase(),
        intervalMs(v) as number,
      ]),
    ),
    skippedAsFailure: input.skippedAsFailure ?? false,
    excludedNames: new Set(exclude.filter((e) => !e.startsWith('tag:'))),
    excludedTags: new Set(
      exclude.filter((e) => e.startsWith('tag:')).map((e) => e.slice(4).trim()),
    ),
  };
}

/**
 * The interval that applies to a machine: its operating system's, else its node type's, else its
 * data source type's, else the default.
 */
export function atRiskIntervalOf(rule: AtRiskRule, consumer: Consumer): number {
  for (const type of typeNames(consumer)) {
    const ms = rule.byType.get(type);
    if (ms !== undefined) return ms;
  }
  return rule.defaultMs;
}

/** Why the machine is not watched, or undefined when it is. */
export function bypassedBecause(rule: AtRiskRule, consumer: Consumer): string | undefined {
  if (consumer.allowNoActivity === true) return 'the portal allows it no activity';
  const names = [consumer.name, consumer.node?.tsmName].filter((n): n is string => !!n);
  const named = names.find((n) => rule.excludedNames.has(n.toLowerCase()));
  if (named) return `excluded by name (${named})`;
  const tag = (consumer.tags ?? [])
    .map((t) => t.text)
    .find((t): t is string => !!t && rule.excludedTags.has(t.toLowerCase()));
  return tag ? `excluded by tag ${tag}` : undefined;
}

/** The type names a per-type interval may match, most specific first, lower-cased. */
function typeNames(consumer: Consumer): string[] {
  const node = consumer.node;
  return [node?.operatingSystem?.name, node?.type?.name, consumer.dataSourceType?.name]
    .filter((n): n is string => !!n)
    .map((n) => n.toLowerCase());
}

/** A number is milliseconds, text a duration (`24h`); undefined when it is neither. */
export function intervalMs(value: number | string): number | undefined {
  return typeof value === 'number' ? value : parseDuration(value);
}

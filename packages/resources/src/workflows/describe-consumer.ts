import { z } from 'zod';
import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { ValidationError } from '../errors.js';
import { bunitId, consumerId, dayCount, LIMITS, optional } from '../inputs.js';
import type { BackupNode, Consumer, Job, NodeReport } from '../models/index.js';
import { list as listConsumers } from '../operations/consumers.js';
import { validateWith } from '../validate.js';
import { readAllPages } from './all-pages.js';
import { jobsSince } from './jobs-since.js';
import { ifFound, matchByName, readNode } from './lookup.js';

const DAY = 86_400_000;

/** Input of {@link describeConsumer}; strict, shared with the MCP tool and the CLI command. */
export const DescribeConsumerInput = z.strictObject({
  bunitId,
  consumerId: optional(consumerId),
  name: z
    .string()
    .min(1)
    .max(LIMITS.name)
    .optional()
    .describe('Consumption unit name (or part of it), instead of consumerId'),
  days: dayCount('Jobs of the last this many days (default 7)'),
});
export type DescribeConsumerInput = z.input<typeof DescribeConsumerInput>;

/** Options of {@link describeConsumer}. */
export interface DescribeConsumerOptions extends CallOptions {
  /** The time the jobs window ends at; default the real clock. */
  now?: Date;
}

/** Everything about one machine, as {@link describeConsumer} found it. */
export interface ConsumerDescription {
  bunitId: number;
  consumer: Consumer;
  /** Its backup node; `undefined` when it has none yet. */
  node: BackupNode | undefined;
  /** The node's latest report; `undefined` when there is none (yet). */
  latestReport: NodeReport | undefined;
  /** The jobs of the window, oldest first; empty when the node is not activated. */
  jobs: Job[];
  /** The window's start and end (ISO 8601). */
  since: string;
  until: string;
  /** What the reader should know, in words. */
  notes: string[];
}

/**
 * Everything about one machine in one call: its consumption unit (by id, or by name: exact,
 * else contained), its backup node, the node's latest report and its jobs of the last `days`.
 * A missing node, report or job is a finding, not an error.
 *
 * @throws ValidationError for bad input, neither or both of `consumerId` and `name`, or a name
 *   that matches no consumption unit or several (the message lists them); nothing else is read.
 * @throws NotFoundError when `bunitId` or `consumerId` does not exist.
 */
export async function describeConsumer(
  clout: Cloutility,
  input: DescribeConsumerInput,
  options: DescribeConsumerOptions = {},
): Promise<ConsumerDescription> {
  const parsed = validateWith(DescribeConsumerInput, input, 'describe consumer');
  const { now = new Date(), ...call } = options;
  if ((parsed.consumerId === undefined) === (parsed.name === undefined))
    throw invalid('consumerId', 'give consumerId or name, one of them');
  const at = {
    bunitId: parsed.bunitId,
    consumerId:
      parsed.consumerId ?? (await consumerNamed(clout, parsed.bunitId, String(parsed.name), call)),
  };
  const [consumer, node, latestReport] = await Promise.all([
    clout.consumers.get(at, call),
    readNode(clout, at, call),
    ifFound(clout.reports.latest(at, call)),
  ]);
  const until = now.toISOString();
  const since = new Date(now.getTime() - parsed.days * DAY).toISOString();
  const notes: string[] = [];
  let jobs: Job[] = [];
  if (node?.tsmName) {
    jobs = (await jobsSince(clout, { ...at, since, until }, call)).jobs;
  } else {
    notes.push(
      node
        ? 'The backup node is not activated yet, so there are no jobs.'
        : 'No backup node yet, so no jobs.',
    );
  }
  return { bunitId: at.bunitId, consumer, node, latestReport, jobs, since, until, notes };
}

/** The id of the one consumption unit of the business unit matching `name`. */
async function consumerNamed(
  clout: Cloutility,
  bunitId: number,
  name: string,
  call: CallOptions,
): Promise<number> {
  const all = await readAllPages(clout, listConsumers, { bunitId }, call);
  const matches = matchByName(all, name).filter((c) => c.id !== undefined);
  const only = matches.length === 1 ? matches[0]?.id : undefined;
  if (only !== undefined) return only;
  throw invalid(
    'name',
    matches.length
      ? `"${name}" matches ${matches.length} consumption units in business unit #${bunitId}: ${matches
          .slice(0, 10)
          .map((c) => `${c.name} (#${c.id})`)
          .join(', ')}; give consumerId`
      : `no consumption unit in business unit #${bunitId} is named "${name}" or has it in its name; consumers.list lists them`,
  );
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `describe consumer: ${message}`,
    issues: [{ path, message }],
  });
}

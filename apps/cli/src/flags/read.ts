import { readFileSync } from 'node:fs';
import { validateWith } from '@cloutapi/resources';
import { ValidationError, type ValidationIssue } from '@cloutapi/resources/errors';
import type { z } from 'zod';
import { usageError } from '../errors.js';
import type { FlagSpec } from './derive.js';
import { attributeOf } from './options.js';

/** The input built from the flags, and which spelling of each flag was used. */
export interface FlagInput {
  input: Record<string, unknown>;
  /** Field -> the flag as typed (`bunit` when `--bunit` was used for `bunitId`). */
  used: Map<string, string>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns commander's parsed options into an operation's input: numbers parsed, lists split, a bare
 * date widened to midnight UTC for a date-time field. A value that does not parse is passed on as
 * text, so the schema reports it in its own words, against the flag's name.
 */
export function readFlags(options: Record<string, unknown>, specs: readonly FlagSpec[]): FlagInput {
  const input: Record<string, unknown> = {};
  const used = new Map<string, string>();
  for (const spec of specs) {
    const given = [spec.name, ...spec.aliases].filter(
      (flag) => options[attributeOf(flag)] !== undefined,
    );
    if (given.length > 1) {
      throw usageError(
        `${given.map((f) => `--${f}`).join(' and ')} set the same thing; give one of them.`,
      );
    }
    const flag = given[0];
    if (flag === undefined) continue;
    used.set(spec.field, flag);
    input[spec.field] = convert(spec, options[attributeOf(flag)]);
  }
  return { input, used };
}

function convert(spec: FlagSpec, raw: unknown): unknown {
  if (spec.kind === 'boolean') return raw;
  if (spec.kind === 'list') {
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item) => scalar(spec.itemKind ?? 'string', false, String(item)));
  }
  return scalar(spec.kind, spec.dateTime, String(raw));
}

function scalar(kind: FlagSpec['kind'], dateTime: boolean, text: string): unknown {
  if ((kind === 'integer' || kind === 'number') && NUMBER.test(text.trim())) {
    return Number(text.trim());
  }
  if (dateTime && DATE_ONLY.test(text.trim())) return `${text.trim()}T00:00:00Z`;
  return text;
}

/**
 * A validation failure in the words of the command line: each issue names the flag as it was
 * typed (or its main name when it was missing) and what is expected.
 */
export function usageFromIssues(
  issues: readonly ValidationIssue[],
  specs: readonly FlagSpec[],
  used: ReadonlyMap<string, string>,
  command: string,
): ValidationError {
  const flagIssues = issues.map((issue) => {
    const field = issue.path.split('.')[0] ?? '';
    const spec = specs.find((s) => s.field === field);
    return {
      path: spec ? `--${used.get(field) ?? spec.name}` : issue.path,
      message: issue.message,
    };
  });
  const lines = flagIssues.map((i) => `${i.path}: ${i.message}`);
  const message =
    lines.length === 1 ? `invalid input: ${lines[0]}` : `invalid input:\n  ${lines.join('\n  ')}`;
  return usageError(message, `Nothing was sent. See \`cloutapi ${command} --help\`.`, flagIssues);
}

/**
 * Runs resources' validation of an input built from flags (`validateWith`, `validateInput`): the
 * value it returns, or its refusal in the words of the command line ({@link usageFromIssues}).
 */
export function checkFlags<T>(
  validate: () => T,
  specs: readonly FlagSpec[],
  used: ReadonlyMap<string, string>,
  command: string,
): T {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof ValidationError) || error.status !== undefined) throw error;
    throw usageFromIssues(error.issues, specs, used, command);
  }
}

/**
 * The flags of a workflow command read and validated against its input schema: the parsed input
 * and which spelling of each flag was used, or a {@link usageFromIssues} error; nothing is sent.
 */
export function parseFlags<S extends z.ZodObject>(
  schema: S,
  options: Record<string, unknown>,
  specs: readonly FlagSpec[],
  command: string,
): { data: z.output<S>; used: Map<string, string> } {
  const { input, used } = readFlags(options, specs);
  const data = checkFlags(() => validateWith(schema, input, command), specs, used, command);
  return { data, used };
}

/** The bytes of the file a flag names; a usage error naming the flag when it cannot be read. */
export function readFlagFile(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw usageError(`${flag}: cannot read ${file}: ${why}`);
  }
}

import type { z } from 'zod';
import type { Operation } from './define.js';
import { ValidationError, type ValidationIssue } from './errors.js';

/** Turns zod issues into `{path, message}` pairs that name the field and what was expected. */
export function toIssues(
  error: z.ZodError,
  knownKeys: readonly string[] = [],
  input?: unknown,
): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = knownKeys.length ? `; expected one of: ${knownKeys.join(', ')}` : '';
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `unknown field${allowed}`,
      }));
    }
    const path = issue.path.map(String).join('.') || '(input)';
    // A type error on a field that is absent from the input means the field is missing.
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    const text = issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '');
    const message = missing ? `required: ${text}` : issue.message;
    return [{ path, message }];
  });
}

/**
 * Validates an operation's input strictly. On failure throws a `ValidationError` that lists
 * every bad field; nothing is sent.
 */
export function validateInput<Op extends Operation>(
  op: Op,
  input: unknown,
): z.output<Op['inputSchema']> {
  const result = op.inputSchema.safeParse(input ?? {});
  if (result.success) return result.data as z.output<Op['inputSchema']>;
  const issues = toIssues(result.error, Object.keys(op.input), input ?? {});
  throw new ValidationError({
    message: `${op.name} (${op.method} ${op.path}): invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    method: op.method,
    path: op.path,
    issues,
  });
}

/**
 * Validates a workflow's (or tool's) input strictly against its schema. On failure throws a
 * `ValidationError` that names every bad field, its message starting with `what` (`jobs since`);
 * nothing is sent.
 */
export function validateWith<S extends z.ZodObject>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data as z.output<S>;
  const issues = toIssues(result.error, Object.keys(schema.shape), input ?? {});
  throw new ValidationError({
    message: `${what}: invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

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

/** Validates an operation's input strictly, as {@link validateWith} does; nothing is sent. */
export function validateInput<Op extends Operation>(
  op: Op,
  input: unknown,
): z.output<Op['inputSchema']> {
  const what = `${op.name} (${op.method} ${op.path})`;
  return validateWith(op.inputSchema, input, what, op) as z.output<Op['inputSchema']>;
}

/**
 * Validates a workflow's (or tool's, or operation's) input strictly against its schema. On failure
 * throws a `ValidationError` that names every bad field, its message starting with `what` (`jobs
 * since`) and carrying the `request` it was for, if any; nothing is sent.
 */
export function validateWith<S extends z.ZodObject>(
  schema: S,
  input: unknown,
  what: string,
  request?: { method: string; path: string },
): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data as z.output<S>;
  const issues = toIssues(result.error, Object.keys(schema.shape), input ?? {});
  throw new ValidationError({
    message: `${what}: invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    method: request?.method,
    path: request?.path,
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

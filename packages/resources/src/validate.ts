import { ValidationError, type ValidationIssue } from '@cloutapi/core';
import type { z } from 'zod';
import type { Operation } from './define.js';

/** Turns zod issues into `{path, message}` pairs that name the field and what was expected. */
export function toIssues(error: z.ZodError, knownKeys: readonly string[] = []): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = knownKeys.length ? `; expected one of: ${knownKeys.join(', ')}` : '';
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `unknown field${allowed}`,
      }));
    }
    const path = issue.path.map(String).join('.') || '(input)';
    // zod reports a missing field as a type error "..., received undefined".
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    const message = missing
      ? `required: ${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')}`
      : issue.message;
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
  const issues = toIssues(result.error, Object.keys(op.input));
  throw new ValidationError({
    message: `${op.name} (${op.method} ${op.path}): invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    method: op.method,
    path: op.path,
    issues,
  });
}

import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, type SimError, validationFailed } from './errors.js';

/**
 * Applies a route's zod schemas through `@hono/zod-validator` and answers a failure with the
 * API's 400 (`ValidationFailed`) naming the field in the API's camelCase and what was expected.
 * Handlers read the result with `c.req.valid('json')` / `c.req.valid('query')`.
 */

/** Validates the request body, a JSON object, with `schema` (see `schemas.ts`). */
export function json<T extends z.ZodType>(schema: T) {
  const validate = zValidator('json', schema, failWith, withInput);
  const middleware: typeof validate = async (c, next) => {
    await readJsonObject(c);
    return validate(c, next);
  };
  return middleware;
}

/** Validates the query string with `schema`, a `queryObject` (see `schemas.ts`). */
export function query<T extends z.ZodType>(schema: T) {
  return zValidator('query', schema, failWith, withInput);
}

/**
 * zod leaves the failing value out of its issues unless asked; the messages quote it. (The
 * validator's option type cannot resolve zod's result type for a generic schema, hence `never`.)
 */
const withInput = {
  validationFunction: (schema: z.ZodType, value: unknown) =>
    schema.safeParseAsync(value, { reportInput: true }) as never,
};

/** The zValidator hook: throws the first issue as the simulator's error (app.onError answers). */
function failWith(result: {
  success: boolean;
  error?: { issues: z.core.$ZodIssue[] };
  target: string;
}): void {
  const issue = result.error?.issues[0];
  if (!result.success && issue) throw issueError(issue, result.target === 'query');
}

/** The API's 400 for one zod issue. */
function issueError(issue: z.core.$ZodIssue, inQuery = false): SimError {
  const field = issue.path.map(String).join('.');
  const subject =
    field === '' ? 'The request body' : `${inQuery ? 'Query parameter' : 'Field'} '${field}'`;
  const [problem, hint] = describeIssue(issue, field);
  return validationFailed(`${subject} ${problem}`, hint);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  // The only objects inside the simulator's bodies are references (`schemas.ref`).
  object: 'a reference object like {"id": 3}',
  array: 'an array',
};

/** Fields whose values an error must never repeat (the audit log keeps rejected writes' reasons). */
const SECRET_FIELD = /password|secret|token/i;

/** What went wrong, completing "Field 'x' ...", and what to send instead. */
function describeIssue(issue: z.core.$ZodIssue, field: string): [string, string?] {
  const secret = SECRET_FIELD.test(field);
  const input = (issue as { input?: unknown }).input;
  const describe = secret ? kindOf : describeValue;
  const number = (value: unknown) => (secret ? kindOf(value) : String(value));
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (input === undefined) {
        const how = issue.expected === 'object' ? 'a reference: {"id": <number>}' : expected;
        return ['is required', `Send '${field}' as ${how}.`];
      }
      // A fraction for an integer reads best as the number itself.
      const got =
        issue.expected === 'int' && typeof input === 'number' ? number(input) : describe(input);
      return [`must be ${expected}, got ${got}`];
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? ['must not be empty', `'${field}' needs at least 1 non-blank character(s).`]
          : [`must be at least ${issue.minimum} characters long, got ${lengthOf(input)}`];
      }
      return [`must be at least ${issue.minimum}, got ${number(input)}`];
    case 'too_big':
      if (issue.origin === 'string') {
        return [`must be at most ${issue.maximum} characters long, got ${lengthOf(input)}`];
      }
      return [`must be at most ${issue.maximum}, got ${number(input)}`];
    case 'custom': {
      const hint = (issue.params as { hint?: string } | undefined)?.hint;
      return hint === undefined ? [issue.message] : [issue.message, hint];
    }
    case 'invalid_value':
      return [
        `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(input)}`,
      ];
    default:
      return [`is not valid: ${issue.message}`];
  }
}

const lengthOf = (value: unknown) => (typeof value === 'string' ? value.length : '?');

/** The kind of a JSON value, without the value: `a string`, `a number`... */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short description of a JSON value for error messages: `the string 'x'`, `an array`... */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Reads the body as a JSON object whatever its Content-Type, as the simulator always has; 400
 * when it is empty, malformed or not an object. zod cannot say these: the validator parses JSON
 * only under a JSON Content-Type and reports a malformed body in its own words. So the body is
 * checked here, its text stays cached for the validator, and a request sent with another
 * Content-Type is relabelled so that the validator reads that cached text too.
 */
async function readJsonObject(c: Context): Promise<void> {
  const text = await c.req.text();
  if (text.trim() === '') {
    throw badRequest(
      'The request body is empty; a JSON object is required',
      `${c.req.method} ${c.req.path} expects a JSON object body.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(
      'The request body is not valid JSON',
      `JSON.parse failed: ${(err as Error).message}. Send a JSON object with Content-Type: application/json.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(
      `The request body must be a JSON object, got ${describeValue(value)}`,
      `${c.req.method} ${c.req.path} expects a JSON object.`,
    );
  }
  const type = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
  if (!/^application\/([\w.-]+\+)?json$/i.test(type)) {
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    // The text is cached in c.req.bodyCache, so the relabelled request needs no body.
    c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers });
  }
}

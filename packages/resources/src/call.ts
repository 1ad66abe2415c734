import {
  type CloutilityClient,
  type Query,
  type RequestOptions,
  registerSecretsIn,
} from '@cloutapi/core';
import { normalizeResponse, unquote } from './casing.js';
import type { Operation, OperationInput, OperationOutput, RawBody } from './define.js';
import {
  NotApiResponseError,
  NotFoundError,
  ResponseValidationError,
  ValidationError,
} from './errors.js';
import { toIssues, validateInput } from './validate.js';

/** How responses are checked against the operation's schema. */
export type ResponseValidation = 'strict' | 'lenient' | 'off';

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, its retries and its wait for a token. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call. */
  timeoutMs?: number;
  /**
   * Total time for this call (each page's request of an `iterate`), all attempts included;
   * default the client's `deadlineMs` (60 s unless set).
   */
  deadlineMs?: number;
  /**
   * The caller's W3C `traceparent` (an MCP tool call's `_meta.traceparent`): each request of the
   * call continues that trace, and debug lines name it. An invalid value is ignored.
   */
  traceparent?: string | undefined;
}

/**
 * The per-call options out of a workflow's options (which add their own: progress, a clock):
 * one place that knows them all, so a workflow passes each on (a trace as well as a signal).
 */
export function callOptionsOf(options: CallOptions): CallOptions {
  const { signal, timeoutMs, deadlineMs, traceparent } = options;
  return { signal, timeoutMs, deadlineMs, traceparent };
}

/** What executing an operation needs. */
export interface CallContext {
  client: CloutilityClient;
  /**
   * `lenient` (default): parse with the lenient schemas; an unexpected shape is returned as
   * received and reported to `onSchemaMismatch`. `strict`: throw `ResponseValidationError`.
   * `off`: no validation (keys are still camel-cased).
   */
  responseValidation: ResponseValidation;
  onSchemaMismatch?:
    | ((op: Operation, issues: { path: string; message: string }[]) => void)
    | undefined;
  /**
   * Refuse every operation that changes the portal, before anything is sent: true, or why (`the
   * profile "prod" is read-only`). Reads go ahead.
   */
  readOnly?: boolean | string | undefined;
}

/** An operation's request from checked input: path parameters, declared query, the rest as body. */
export function toRequest(op: Operation, input: Record<string, unknown>): RequestOptions {
  const pathParams = Object.fromEntries(op.pathParams.map((n) => [n, input[n] as string | number]));
  const queryKeys = Array.isArray(op.query) ? (op.query as string[]) : [];
  const query: Query =
    typeof op.query === 'function'
      ? op.query(input)
      : Object.fromEntries(queryKeys.map((k) => [k, input[k] as Query[string]]));
  const request: RequestOptions = {
    method: op.method,
    path: op.path,
    pathParams,
    query,
    idempotent: op.idempotent,
  };
  if (op.body) {
    const body = op.body(input);
    if (isRawBody(body)) {
      request.body = body.raw;
      request.contentType = body.contentType;
    } else if (body !== undefined) {
      request.body = body;
    }
  } else if (op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH') {
    const used = new Set<string>([...op.pathParams, ...queryKeys]);
    const rest = Object.entries(input).filter(([k, v]) => !used.has(k) && v !== undefined);
    if (rest.length) request.body = Object.fromEntries(rest);
  }
  return request;
}

/** Validates the input, sends the request, checks the response: the one path to the HTTP layer. */
export async function callOperation<Op extends Operation>(
  ctx: CallContext,
  op: Op,
  input: OperationInput<Op>,
  options: CallOptions = {},
): Promise<OperationOutput<Op>> {
  refuseWhenReadOnly(ctx, op);
  const parsed = validateInput(op, input) as Record<string, unknown>;
  // A node password sent (nodes.changePassword) is a secret from now on, before any error
  // message can quote it back.
  registerSecretsIn(parsed);
  const request = {
    ...toRequest(op, parsed),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    deadlineMs: options.deadlineMs,
    traceparent: options.traceparent,
    expectJson: ctx.responseValidation !== 'off',
  };
  let raw: unknown;
  try {
    raw = await ctx.client.request(request);
  } catch (error) {
    if (!(error instanceof NotFoundError) || !op.alternate || op.safety !== 'read') throw error;
    // The guide documents this read at another path; a server may serve only that one.
    raw = await ctx.client
      .request({ ...request, path: op.alternate.path, query: op.alternate.query(parsed) })
      .catch((second: unknown) => {
        throw second instanceof NotFoundError ? error : second;
      });
  }
  return checkResponse(ctx, op, raw);
}

/**
 * The read-only rule, for every caller alike (CLI, MCP server, scripts, workflows): an operation
 * that is not a read is refused on a read-only connection, and nothing is sent.
 *
 * @throws ValidationError naming the operation and why the connection is read-only
 */
function refuseWhenReadOnly(ctx: CallContext, op: Operation): void {
  if (!ctx.readOnly || op.safety === 'read') return;
  const why = typeof ctx.readOnly === 'string' ? ctx.readOnly : 'this connection is read-only';
  const message = `${op.name} changes the portal, and ${why}: nothing was sent`;
  throw new ValidationError({
    message,
    method: op.method,
    path: op.path,
    issues: [{ path: 'readOnly', message }],
  });
}

/** Normalises and validates a response according to the context's mode. */
export function checkResponse<Op extends Operation>(
  ctx: CallContext,
  op: Op,
  raw: unknown,
): OperationOutput<Op> {
  let data = normalizeResponse(raw);
  if (op.unquote) data = unquote(data);
  // A node password received (nodes.get) is redacted from every later error and log line.
  registerSecretsIn(data);
  if (ctx.responseValidation === 'off') return data as OperationOutput<Op>;
  const result = op.response.safeParse(data);
  if (result.success && !looksLikeMarkup(data)) return result.data as OperationOutput<Op>;
  const issues = result.success ? [] : toIssues(result.error);
  // Lenient mode forgives a field of another type, never an answer that is not the API's at all.
  if (!result.success ? issues.some(isOutermost) : true) {
    throw new NotApiResponseError({
      message: `${op.name} (${op.method} ${op.path}): the server did not answer with the API's JSON: it sent ${describeAnswer(data, op)}`,
      method: op.method,
      path: op.path,
      issues,
    });
  }
  if (ctx.responseValidation === 'strict') {
    throw new ResponseValidationError({
      message: `${op.name} (${op.method} ${op.path}): the response did not match the expected shape: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
      method: op.method,
      path: op.path,
      issues,
    });
  }
  ctx.onSchemaMismatch?.(op, issues);
  return data as OperationOutput<Op>;
}

/** An HTML or XML page where the API sends JSON (a string answer may be `"1.0.4480.0"`, not `<html>`). */
function looksLikeMarkup(data: unknown): boolean {
  return (
    typeof data === 'string' &&
    /^\s*<(?:!doctype|html|head|body|\?xml|[a-z][\w-]*[\s>])/i.test(data)
  );
}

/** An issue with the answer as a whole, or with a collection's `items`: not a field's detail. */
function isOutermost(issue: { path: string }): boolean {
  return issue.path === '(input)' || issue.path === 'items';
}

/**
 * What a non-API answer was, in a few words; never its content, which the server chose. Core has
 * already refused a body that is not JSON, so this is a JSON value (or a decoded body when the
 * operation reads text).
 */
function describeAnswer(data: unknown, op: Operation): string {
  if (data === undefined) return 'an empty body';
  if (data === null) return 'JSON null';
  if (looksLikeMarkup(data)) return 'an HTML page';
  const actual = Array.isArray(data) ? 'array' : typeof data;
  const expected = (op.response as { def?: { type?: string } }).def?.type;
  if (expected && expected !== actual && expected in A)
    return `a JSON ${actual} where ${A[expected]} was expected`;
  if (actual === 'object') {
    const keys = Object.keys(data as object);
    return keys.length ? 'a JSON object without the expected fields' : 'an empty JSON object';
  }
  return `a JSON ${actual}`;
}

/** A root type of a response schema, with its article: `an object`. */
const A: Record<string, string> = {
  object: 'an object',
  string: 'a string',
  array: 'an array',
  number: 'a number',
  boolean: 'a boolean',
};

/** The items of a collection operation: page by page (`limit`/`offset`) if paged, else at once. */
export async function* iterateOperation<Op extends Operation>(
  ctx: CallContext,
  op: Op,
  input: OperationInput<Op>,
  options: CallOptions & { pageSize?: number } = {},
): AsyncGenerator<CollectionItem<OperationOutput<Op>>, void, undefined> {
  const parsed = validateInput(op, input) as Record<string, unknown>;
  const request = toRequest(op, parsed);
  const pages = ctx.client.paginate<unknown>(
    {
      ...request,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      expectJson: ctx.responseValidation !== 'off',
    },
    { paged: op.paged ?? false, pageSize: options.pageSize ?? 100 },
  );
  // Items are validated one by one with the collection's item schema when it has one.
  const itemSchema = itemSchemaOf(op);
  for await (const item of pages) {
    const normalized = normalizeResponse(item);
    registerSecretsIn(normalized);
    if (!itemSchema || ctx.responseValidation === 'off') {
      yield normalized as CollectionItem<OperationOutput<Op>>;
      continue;
    }
    const result = itemSchema.safeParse(normalized);
    if (!result.success && ctx.responseValidation === 'strict') {
      throw new ResponseValidationError({
        message: `${op.name}: an item did not match the expected shape`,
        method: op.method,
        path: op.path,
        issues: toIssues(result.error),
      });
    }
    yield (result.success ? result.data : normalized) as CollectionItem<OperationOutput<Op>>;
  }
}

/** The item type of a collection output. */
export type CollectionItem<T> = T extends { items?: (infer I)[] | undefined } ? I : never;

function itemSchemaOf(op: Operation) {
  const shape = (op.response as { shape?: Record<string, unknown> }).shape;
  const items = shape?.items as { element?: import('zod').ZodType } | undefined;
  return items?.element;
}

function isRawBody(value: unknown): value is RawBody {
  return !!value && typeof value === 'object' && 'raw' in value && 'contentType' in value;
}

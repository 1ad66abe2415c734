import {
  areaOf,
  callOperation,
  declaredColumns,
  type Operation,
  project,
  type ResultKind,
  resultKind,
} from '@cloutapi/resources';
import { z } from 'zod';
import { compact } from '../format/compact.js';
import { lines, table } from '../format/text.js';
import { gateDestructive } from './destructive.js';
import { DONE_OUTPUT, UNMODELLED_OUTPUT, VALUE_OUTPUT } from './json-schema.js';
import { toolNameOf } from './naming.js';
import { itemModelOf, objectSchema, rowSchema } from './output-schema.js';
import { TREE_DESCRIPTION, TREE_OUTPUT, treeResult } from './tree.js';
import type { ToolContext, ToolDefinition, ToolResult } from './types.js';

const DEFAULT_PAGE = 25;
const PAGE_FIELDS = {
  limit: z.number().int().min(1).max(200).optional().describe(`Page size (${DEFAULT_PAGE})`),
  offset: z.number().int().min(0).optional().describe('Items to skip'),
};
const CONFIRM = {
  confirm: z.boolean().optional().describe('true to really do it; otherwise only a preview'),
  confirmationToken: z.string().max(200).optional().describe("With confirm: the preview's token"),
};
const CONFIRM_NOTE =
  ' Without confirm: a preview and its confirmationToken; then confirm: true with it.';

/** The JSON Schema of a tool's structured content: an object and its fields. */
type ObjectSchema = Record<string, unknown> & { properties: object };

/** An operation's answer on its way to the model; `page` when the tool pages it. */
interface Answer {
  op: Operation;
  name: string;
  result: unknown;
  ctx: ToolContext;
  page: { limit: number; offset: number } | undefined;
}

/** How a tool shows one kind of result (see `resultKind`). */
interface Shown {
  /** What the tool says instead of the registry's description, when it reshapes the answer. */
  description?: string;
  /** The JSON Schema of its structured content. */
  output(op: Operation): ObjectSchema;
  /** The text and structured content of one answer. */
  present(answer: Answer): ToolResult;
}

const SHOWN: Record<ResultKind, Shown> = {
  collection: { output: collectionOutput, present: presentCollection },
  tree: {
    description: TREE_DESCRIPTION,
    output: () => TREE_OUTPUT,
    present: ({ result }) => treeResult(result as never),
  },
  value: { output: () => VALUE_OUTPUT, present: presentAnswer },
  object: { output: objectOutput, present: presentAnswer },
  nothing: { output: () => DONE_OUTPUT, present: presentAnswer },
  unmodelled: { output: () => UNMODELLED_OUTPUT, present: presentAnswer },
};

/**
 * One MCP tool per registry operation, generated from its declaration. (Descriptions still name
 * registry operations here; `allTools` rewords them for models.)
 */
export function operationTools(operations: readonly Operation[]): ToolDefinition[] {
  return operations.map(toolOf);
}

function toolOf(op: Operation): ToolDefinition {
  const name = toolNameOf(op);
  const shown = SHOWN[resultKind(op)];
  return {
    name,
    title: op.summary,
    description: descriptionOf(op, shown),
    toolset: areaOf(op).toolset,
    input: z.strictObject(inputShapeOf(op)),
    outputSchema: outputSchemaOf(op, shown),
    annotations: {
      readOnlyHint: op.safety === 'read',
      destructiveHint: op.safety === 'destructive',
      idempotentHint: op.idempotent,
      openWorldHint: true,
    },
    writes: op.safety !== 'read',
    handler: handlerOf(op, name, shown),
  };
}

/** Collections the API does not page are paged here, so a model never receives hundreds of rows. */
const isPagedHere = (op: Operation) => resultKind(op) === 'collection' && !op.paged;

/** The operation's input, plus paging where the tool pages and confirmation where it deletes. */
function inputShapeOf(op: Operation): Record<string, z.ZodType> {
  return {
    ...(op.input as Record<string, z.ZodType>),
    ...(isPagedHere(op) ? PAGE_FIELDS : {}),
    ...(op.safety === 'destructive' ? CONFIRM : {}),
  };
}

function descriptionOf(op: Operation, shown: Shown): string {
  const description = shown.description ?? op.description;
  return op.safety === 'destructive' ? description + CONFIRM_NOTE : description;
}

/** A destructive tool answers with a preview or with the result, so its output allows both. */
function outputSchemaOf(op: Operation, shown: Shown): ObjectSchema {
  const output = shown.output(op);
  if (op.safety !== 'destructive') return output;
  return { type: 'object', properties: { ...output.properties, ...DONE_OUTPUT.properties } };
}

function collectionOutput(op: Operation): ObjectSchema {
  const row = rowSchema(itemModelOf(op.response), declaredColumns(op));
  return {
    type: 'object',
    properties: { total: { type: 'integer' }, items: { type: 'array', items: row } },
    required: ['total', 'items'],
  };
}

function objectOutput(op: Operation): ObjectSchema {
  return { type: 'object', properties: { item: objectSchema(op.response) }, required: ['item'] };
}

/** Calls the operation (a destructive one only once confirmed) and presents its answer. */
function handlerOf(op: Operation, name: string, shown: Shown): ToolDefinition['handler'] {
  const pagedHere = isPagedHere(op);
  return async (args, ctx) => {
    const { confirm, confirmationToken, ...input } = args as ToolArgs;
    const { limit, offset, ...unpaged } = input;
    const callArgs = pagedHere ? unpaged : input; // an API-paged operation takes them itself
    if (op.safety === 'destructive') {
      const gate = await gateDestructive(name, op, callArgs, { confirm, confirmationToken }, ctx);
      if (gate) return gate;
    }
    const result = await callOperation(ctx.clout.context, op, callArgs as never, {
      ...ctx.call,
    });
    const page = pagedHere ? { limit: limit ?? DEFAULT_PAGE, offset: offset ?? 0 } : undefined;
    return shown.present({ op, name, result, ctx, page });
  };
}

type ToolArgs = Record<string, unknown> &
  Partial<{ limit: number; offset: number; confirm: boolean; confirmationToken: string }>;

/** One page of a collection: a table of its declared columns, and rows with the same keys. */
function presentCollection({ op, name, result, ctx, page }: Answer): ToolResult {
  const answer = result as { items?: unknown[]; total?: number; offset?: number };
  const all = (answer.items ?? []).map((i) => compact(i, ctx.allowSecrets));
  const total = answer.total ?? all.length;
  const offset = page?.offset ?? answer.offset ?? 0;
  const items = page ? all.slice(page.offset, page.offset + page.limit) : all;
  const columns = declaredColumns(op);
  const structured = { total, offset, items: items.map((i) => project(i, columns)) };
  const head = `${items.length} of ${total} (offset ${offset})`;
  if (!items.length) return { text: `${head}: none.`, structured };
  const next = offset + items.length;
  const more = next < total ? `\nMore: call ${name} with offset ${next}.` : '';
  const keys = columns.map(([key]) => key);
  return { text: `${head}\n${table(structured.items, keys)}${more}`, structured };
}

/** One answer: a text value, one compacted object, or that it was done (a delete). */
function presentAnswer({ op, result, ctx }: Answer): ToolResult {
  if (typeof result === 'string') return { text: result, structured: { value: result } };
  if (result && typeof result === 'object') {
    const item = compact(result, ctx.allowSecrets);
    return { text: lines(item), structured: { item } };
  }
  return { text: `Done: ${op.summary.toLowerCase()}.`, structured: { done: true } };
}

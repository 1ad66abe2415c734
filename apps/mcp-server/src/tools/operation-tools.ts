import { areaOf, callOperation, isCollection, type Operation } from '@cloutapi/resources';
import { z } from 'zod';
import { columnsFor, declaredColumns } from '../format/columns.js';
import { compact, project } from '../format/compact.js';
import { lines, table } from '../format/text.js';
import { gateDestructive } from './destructive.js';
import { DONE_OUTPUT, VALUE_OUTPUT } from './json-schema.js';
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

/**
 * One MCP tool per registry operation, generated from its declaration. (Descriptions still name
 * registry operations here; `allTools` rewords them for models.)
 */
export function operationTools(operations: readonly Operation[]): ToolDefinition[] {
  return operations.map(toolOf);
}

function toolOf(op: Operation): ToolDefinition {
  const name = toolNameOf(op);
  const collection = isCollection(op);
  const destructive = op.safety === 'destructive';
  // Collections the API does not page are paged here, so a model never receives hundreds of rows.
  const localPaging = collection && !op.paged;
  const shape: Record<string, z.ZodType> = { ...(op.input as Record<string, z.ZodType>) };
  if (localPaging) Object.assign(shape, PAGE_FIELDS);
  if (destructive) Object.assign(shape, CONFIRM);
  const description =
    (op.name === 'bunits.tree' ? TREE_DESCRIPTION : op.description) +
    (destructive
      ? ' Without confirm: a preview and its confirmationToken; then confirm: true with it.'
      : '');
  const isTree = op.name === 'bunits.tree';
  const output = isTree
    ? TREE_OUTPUT
    : collection
      ? {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            items: {
              type: 'array',
              items: rowSchema(
                itemModelOf(op.response),
                declaredColumns(op) ?? [
                  ['id', 'id'],
                  ['name', 'name'],
                ],
              ),
            },
          },
          required: ['total', 'items'],
        }
      : op.response instanceof z.ZodString
        ? VALUE_OUTPUT
        : op.response instanceof z.ZodObject
          ? {
              type: 'object',
              properties: { item: objectSchema(op.response) },
              required: ['item'],
            }
          : op.method === 'DELETE'
            ? DONE_OUTPUT
            : // A body the guide does not describe: whatever came back.
              {
                type: 'object',
                properties: {
                  done: { type: 'boolean' },
                  item: { type: 'object', description: "The portal's answer, not modelled" },
                },
              };

  return {
    name,
    title: op.summary,
    description,
    toolset: areaOf(op).toolset,
    input: z.strictObject(shape),
    // A destructive tool answers with a preview or with the result, so its output allows both.
    outputSchema: destructive
      ? { type: 'object', properties: { ...output.properties, ...DONE_OUTPUT.properties } }
      : output,
    annotations: {
      readOnlyHint: op.safety === 'read',
      destructiveHint: destructive,
      idempotentHint: op.idempotent,
      openWorldHint: true,
    },
    writes: op.safety !== 'read',
    example: op.example,
    async handler(args, ctx) {
      const { limit, offset, confirm, confirmationToken, ...apiArgs } = args as Record<
        string,
        unknown
      > & {
        limit?: number;
        offset?: number;
        confirm?: boolean;
        confirmationToken?: string;
      };
      const callArgs = localPaging
        ? apiArgs
        : {
            ...apiArgs,
            ...(limit === undefined ? {} : { limit }),
            ...(offset === undefined ? {} : { offset }),
          };
      if (destructive) {
        const gate = await gateDestructive(name, op, callArgs, { confirm, confirmationToken }, ctx);
        if (gate) return gate;
      }
      const result = await callOperation(ctx.clout.context, op, callArgs as never, {
        signal: ctx.signal,
      });
      if (isTree) return treeResult(result as never);
      return present(
        op,
        name,
        result,
        ctx,
        localPaging ? { limit: limit ?? DEFAULT_PAGE, offset: offset ?? 0 } : undefined,
      );
    },
  };
}

/** Compact text and structured content for an operation's result. */
function present(
  op: Operation,
  name: string,
  result: unknown,
  ctx: ToolContext,
  page?: { limit: number; offset: number },
): ToolResult {
  const options = { allowSecrets: ctx.allowSecrets };
  if (isCollection(op)) {
    const all = ((result as { items?: unknown[] }).items ?? []).map(
      (i) => (compact(i, options) ?? {}) as Record<string, unknown>,
    );
    const total = (result as { total?: number }).total ?? all.length;
    const offset = page?.offset ?? (result as { offset?: number }).offset ?? 0;
    const items = page ? all.slice(page.offset, page.offset + page.limit) : all;
    const columns = columnsFor(op, items[0]);
    const rows = items.map((i) => project(i, columns));
    const keys = columns.map(([key]) => key);
    const more =
      offset + items.length < total
        ? `\nMore: call ${name} with offset ${offset + items.length}.`
        : '';
    const head = `${items.length} of ${total} (offset ${offset})`;
    return {
      text: items.length ? `${head}\n${table(rows, keys)}${more}` : `${head}: none.`,
      structured: { total, offset, items: rows },
    };
  }
  if (typeof result === 'string') return { text: result, structured: { value: result } };
  if (result && typeof result === 'object') {
    const item = (compact(result, options) ?? {}) as Record<string, unknown>;
    return { text: lines(item), structured: { item } };
  }
  return { text: `Done: ${op.summary.toLowerCase()}.`, structured: { done: true } };
}

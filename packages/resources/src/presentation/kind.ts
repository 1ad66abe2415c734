import type { Operation } from '../define.js';

/**
 * What kind of result an operation answers with, which decides how an app shows it:
 * - `collection`: `{total, items}`, shown as a list with its declared columns;
 * - `tree`: a business unit with its units nested at every depth (declared `view: 'tree'`),
 *   shown as one line per unit, indented under its parent;
 * - `value`: one text value (a version, a node name);
 * - `object`: one resource, shown field by field;
 * - `nothing`: a delete, which answers with no body;
 * - `unmodelled`: an answer the registry does not model (an upload's), shown as it comes.
 */
export type ResultKind = 'collection' | 'tree' | 'value' | 'object' | 'nothing' | 'unmodelled';

/** The kind of an operation's result: declared (`view`), else read from its response schema. */
export function resultKind(op: Pick<Operation, 'method' | 'response' | 'view'>): ResultKind {
  if (op.view === 'tree') return 'tree';
  if (isCollection(op)) return 'collection';
  if (op.response.type === 'string') return 'value';
  if (op.response.type === 'object') return 'object';
  return op.method === 'DELETE' ? 'nothing' : 'unmodelled';
}

/** Whether an operation answers with a collection (`{items: [...]}`), judged by its schema. */
export function isCollection(op: Pick<Operation, 'response'>): boolean {
  const shape = (op.response as { shape?: Record<string, unknown> }).shape;
  return !!shape && 'items' in shape;
}

import { columnValue, type Operation } from '@cloutapi/resources';

/** A row's column: its key in the row and the path of its value in an item. */
export type Column = readonly [key: string, path: string];

/** The columns an operation declares for its collection (`columns` in the registry), if any. */
export const declaredColumns = (op: Pick<Operation, 'columns'>): Column[] | undefined =>
  op.columns && Object.entries(op.columns);

/**
 * The columns a model gets from each item of a collection: the declared ones, or id, name and
 * the first few plain fields.
 */
export function columnsFor(op: Pick<Operation, 'columns'>, sample: unknown): Column[] {
  const declared = declaredColumns(op);
  if (declared) return declared;
  const plain =
    sample && typeof sample === 'object'
      ? Object.entries(sample)
          .filter(([, v]) => v === null || typeof v !== 'object')
          .map(([k]) => k)
      : [];
  const first = ['id', 'name'].filter((k) => columnValue(sample, k) !== undefined);
  return [
    ...first,
    ...plain.filter((k) => !first.includes(k) && !k.startsWith('$') && k !== 'href').slice(0, 4),
  ].map((k) => [k, k] as const);
}

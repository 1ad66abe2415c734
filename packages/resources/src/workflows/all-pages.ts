import { type CallOptions, callOperation } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import type { Operation, OperationInput, OperationOutput } from '../define.js';
import { CloutilityError } from '../errors.js';

type ItemOf<Op extends Operation> = OperationOutput<Op> extends { items: (infer I)[] } ? I : never;

/**
 * Every item of a collection read, whether or not the API pages it: when the first answer's
 * `total` is beyond the items returned, the rest is read with `offset` until `total` is reached.
 * A list that cannot be read whole (a page that adds nothing new) is an error rather than a
 * silently short list, since workflows decide what to create from it.
 */
export async function readAllPages<Op extends Operation>(
  clout: Cloutility,
  op: Op,
  input: OperationInput<Op>,
  call: CallOptions,
): Promise<ItemOf<Op>[]> {
  const first = (await callOperation(clout.context, op, input, call)) as {
    total?: number;
    items: ItemOf<Op>[];
  };
  const items = [...first.items];
  const seen = new Set(items.map(identity));
  const total = first.total;
  while (total !== undefined && items.length < total) {
    // The registry's declaration sends no paging; this read adds the collection's offset.
    const next: Op = { ...op, query: () => ({ offset: items.length }) };
    const page = (await callOperation(clout.context, next, input, call)) as {
      items: ItemOf<Op>[];
    };
    const fresh = page.items.filter((item) => !seen.has(identity(item)));
    if (fresh.length === 0) {
      throw new CloutilityError({
        message: `${op.name} returned ${items.length} of ${total} items and the next page (offset ${items.length}) added none, so the list cannot be read whole`,
        method: op.method,
        path: op.path,
      });
    }
    for (const item of fresh) {
      seen.add(identity(item));
      items.push(item);
    }
  }
  return items;
}

/** An item's id, or the item itself when it has none (then duplicates are not recognised). */
function identity(item: unknown): unknown {
  const id = (item as { id?: unknown } | null)?.id;
  return id === undefined ? item : id;
}

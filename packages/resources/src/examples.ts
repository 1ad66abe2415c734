/**
 * Running the examples the operations declare: every operation's `example` builds a valid input
 * against a server seeded with the simulator's demo data. The resources and MCP scenario tests
 * run them all, in {@link exampleOrder}; a new operation brings its example and is covered.
 *
 * @example
 * ```ts
 * const x = await exampleContext(clout);
 * for (const op of exampleOrder(operations, (op) => op.safety === 'destructive')) {
 *   x.record(op.name, await callOperation(clout.context, op, await op.example(x)));
 * }
 * ```
 */
import { callOperation } from './call.js';
import type { Cloutility } from './cloutility.js';
import type { DemoIds, ExampleContext } from './define.js';
import { findOperation } from './operations/index.js';
import { columnValue } from './presentation/columns.js';
import { homeUnit } from './workflows/lookup.js';

/** An example context that also remembers what each example made. */
export interface ExampleRun extends ExampleContext {
  /** Records an example's result: the id of what it created, for {@link ExampleContext.made}. */
  record(name: string, result: unknown): void;
}

/**
 * The order examples run in: as given (catalog order), destructive ones last, so what the
 * writes create is there for the reads and is removed only at the end.
 */
export function exampleOrder<T>(items: readonly T[], isDestructive: (item: T) => boolean): T[] {
  return [...items.filter((i) => !isDestructive(i)), ...items.filter(isDestructive)];
}

/** The demo data's ids, read through the API (the signed-in user's home unit is the root). */
export async function demoIds(clout: Cloutility): Promise<DemoIds> {
  const root = (await homeUnit(clout)).id;
  const acme = (await clout.bunits.children(root)).items.find(
    (u) => u.name === 'Acme Corporation',
  )?.id;
  const consumers = (await clout.consumers.list(acme as number)).items;
  const consumer = (name: string) => consumers.find((c) => c.name === name)?.id;
  const ids = {
    root,
    acme,
    dc01: consumer('acme-dc01'),
    sql01: consumer('acme-sql01'),
    exch01: consumer('acme-exch01'),
  };
  const missing = Object.entries(ids).filter(([, id]) => typeof id !== 'number');
  if (missing.length)
    throw new Error(
      `not the demo data: no ${missing.map(([k]) => k).join(', ')} (start the simulator with the demo seed)`,
    );
  return ids as DemoIds;
}

/** A context for running examples on `clout`, which must be signed in to the demo data. */
export async function exampleContext(clout: Cloutility, ids?: DemoIds): Promise<ExampleRun> {
  const made = new Map<string, number>();
  const call = (name: string, input: Record<string, unknown> = {}) => {
    const op = findOperation(name);
    if (!op) throw new Error(`an example calls ${name}, which is not an operation`);
    return callOperation(clout.context, op, input as never);
  };
  return {
    ids: ids ?? (await demoIds(clout)),
    call,
    async first<T>(name: string, input: Record<string, unknown> = {}, field = 'id') {
      const { items } = (await call(name, input)) as { items?: unknown[] };
      const value = columnValue(items?.[0], field);
      if (value === undefined) throw new Error(`${name} lists no item with ${field}`);
      return value as T;
    },
    made(name) {
      const id = made.get(name);
      if (id === undefined) throw new Error(`the example of ${name} has not created anything yet`);
      return id;
    },
    record(name, result) {
      const id = (result as { id?: unknown } | undefined)?.id;
      if (typeof id === 'number') made.set(name, id);
    },
  };
}

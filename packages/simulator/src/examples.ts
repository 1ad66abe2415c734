/**
 * `@cloutapi/simulator/examples`: runs the examples that cloutapi's operations and MCP workflow
 * tools declare (each builds a valid input from an {@link ExampleContext}) against the demo data,
 * in {@link exampleOrder}. Test support, kept with the demo data it depends on so that the SDK
 * ships no fixture; it calls the portal only through the facade it is given (`clout.consumers
 * .list(...)`), so it imports nothing of the SDK.
 *
 * @example
 * ```ts
 * const x = await exampleContext(clout);
 * for (const op of exampleOrder(operations, (op) => op.safety === 'destructive')) {
 *   x.record(op.name, await callOperation(clout.context, op, await example(op)(x)));
 * }
 * ```
 */

/** Ids in the demo data that examples start from (`root`: the demo user's home unit). */
export type DemoIds = Record<'root' | 'acme' | 'dc01' | 'sql01' | 'exch01', number>;

/**
 * What an example input may draw on: the demo data's ids, what earlier examples created and
 * reads of the same server.
 */
export interface ExampleContext {
  readonly ids: DemoIds;
  /** The id of what the example of `name` (e.g. `consumers.create`) created. */
  made(name: string): number;
  /** Calls another operation by its registry name with its flat input; its parsed response. */
  call(name: string, input?: Record<string, unknown>): Promise<unknown>;
  /** A field (`id` by default) of the first item a collection operation lists. */
  first<T = number>(name: string, input?: Record<string, unknown>, field?: string): Promise<T>;
}

/** An example context that also remembers what each example made. */
export interface ExampleRun extends ExampleContext {
  /** Records an example's result: the id of what it created, for {@link ExampleContext.made}. */
  record(name: string, result: unknown): void;
}

/** A facade method: the flat input, the parsed response. */
type Method = (input?: Record<string, unknown>) => Promise<unknown>;

/** The facade examples run on (`createCloutility` of `@cloutapi/resources`), as far as used here. */
export type ExampleClient = object;

/**
 * The order examples run in: as given (catalog order), destructive ones last, so what the
 * writes create is there for the reads and is removed only at the end.
 */
export function exampleOrder<T>(items: readonly T[], isDestructive: (item: T) => boolean): T[] {
  return [...items.filter((i) => !isDestructive(i)), ...items.filter(isDestructive)];
}

/** The demo data's ids, read through the API (the signed-in user's home unit is the root). */
export async function demoIds(clout: ExampleClient): Promise<DemoIds> {
  const call = caller(clout);
  const me = (await call('meta.me')) as { businessUnit?: { id?: number } };
  const root = me.businessUnit?.id;
  const children = await items(call('bunits.children', { bunitId: root }));
  const acme = children.find((u) => u.name === 'Acme Corporation')?.id;
  const consumers = await items(call('consumers.list', { bunitId: acme }));
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
export async function exampleContext(clout: ExampleClient): Promise<ExampleRun> {
  const made = new Map<string, number>();
  const call = caller(clout);
  return {
    ids: await demoIds(clout),
    call,
    async first<T>(name: string, input: Record<string, unknown> = {}, field = 'id') {
      const [item] = await items(call(name, input));
      const value = item?.[field];
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

/** Calls a facade method by its registry name (`consumers.list` is `clout.consumers.list`). */
function caller(clout: ExampleClient): ExampleContext['call'] {
  return (name, input = {}) => {
    const [namespace = '', action = ''] = name.split('.');
    const method = (clout as Record<string, Record<string, Method> | undefined>)[namespace]?.[
      action
    ];
    if (typeof method !== 'function')
      throw new Error(`an example calls ${name}, which is not an operation`);
    return method(input);
  };
}

/** The items of a collection answer. */
async function items(answer: Promise<unknown>): Promise<Record<string, unknown>[]> {
  return ((await answer) as { items?: Record<string, unknown>[] }).items ?? [];
}

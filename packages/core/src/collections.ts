/**
 * A Cloutility collection: `{href, total, offset?, first?, items}`. The API often returns every
 * item in one page; a few operations (the audit log) take `limit` and `offset`.
 */
export interface Collection<T> {
  href?: string | undefined;
  total?: number | undefined;
  offset?: number | undefined;
  first?: string | undefined;
  items: T[];
}

/** Fetches one page starting at `offset` with at most `limit` items. */
export type PageFetcher<T> = (page: { offset: number; limit: number }) => Promise<Collection<T>>;

/**
 * Iterates every item of a collection, page by page. Stops at `total`, at an empty page, or when
 * the server ignores `offset` (a page that does not advance), so it can never loop forever.
 */
export async function* iterateCollection<T>(
  fetchPage: PageFetcher<T>,
  { pageSize = 100 }: { pageSize?: number } = {},
): AsyncGenerator<T, void, undefined> {
  let offset = 0;
  for (;;) {
    const page = readPage(await fetchPage({ offset, limit: pageSize }));
    const items = page.items;
    yield* items;
    offset += items.length;
    const total = page.total ?? offset;
    const ignoredOffset = page.offset !== undefined && page.offset !== offset - items.length;
    if (items.length === 0 || offset >= total || ignoredOffset || items.length < pageSize) return;
  }
}

/** Reads a page whether the server answers in camelCase or PascalCase (an ASP.NET default). */
function readPage<T>(page: Collection<T>): { items: T[]; total?: number; offset?: number } {
  const p = page as Collection<T> & { Items?: T[]; Total?: number; Offset?: number };
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const items = p.items ?? p.Items;
  return {
    items: Array.isArray(items) ? items : [],
    total: num(p.total ?? p.Total),
    offset: num(p.offset ?? p.Offset),
  };
}

/** The result of {@link collect}: the items and whether more existed beyond `max`. */
export interface Collected<T> {
  items: T[];
  truncated: boolean;
}

/**
 * Collects items from an async iterable up to an explicit maximum, so a huge collection cannot
 * exhaust memory by accident. `truncated` says whether more items existed.
 */
export async function collect<T>(
  iterable: AsyncIterable<T>,
  { max }: { max: number },
): Promise<Collected<T>> {
  if (!Number.isInteger(max) || max < 0)
    throw new RangeError('collect: max must be an integer >= 0');
  const items: T[] = [];
  for await (const item of iterable) {
    if (items.length === max) return { items, truncated: true };
    items.push(item);
  }
  return { items, truncated: false };
}

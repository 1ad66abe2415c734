import type { Context } from 'hono';

/** The API's collection envelope. */
export interface Collection<T> {
  href: string;
  total: number;
  offset: number;
  first: string;
  items: T[];
}

/** The validated `offset` and `limit` of a collection route (`schemas.paging`). */
export interface Paging {
  offset?: number | undefined;
  limit?: number | undefined;
}

/**
 * Wraps items in the collection envelope. `offset` and `limit` (when sent) page the items, as
 * does the simulator's `pageSize` when no `limit` is sent; `total` is always the full count.
 * `href` is the request's own absolute URL, `first` the same URL at offset 0.
 */
export function collection<T>(c: Context, page: Paging, items: T[]): Collection<T> {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? (c.get('pageSize' as never) as number | undefined);
  const url = new URL(c.req.url);
  const first = new URL(url);
  if (first.searchParams.has('offset')) first.searchParams.set('offset', '0');
  return {
    href: url.href,
    total: items.length,
    offset,
    first: first.href,
    items: items.slice(offset, limit === undefined ? undefined : offset + limit),
  };
}

/** The answer of a collection route whose query is `Paged`: the `view` of each record, paged. */
export function listed<R, T>(c: Context, records: readonly R[], view: (record: R) => T): Response {
  return c.json(collection(c, c.req.valid('query' as never) as Paging, records.map(view)));
}

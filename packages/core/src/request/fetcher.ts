import { type $Fetch, ofetch } from 'ofetch';

/** What every API call of one client shares. */
export interface FetcherOptions {
  /** The normalised base URL (`https://host[/prefix]`), to which `/v1/...` paths are appended. */
  baseUrl: string;
  /** Sent on every call: `Origin`, `Accept`, `User-Agent`. */
  headers: Record<string, string>;
  /** The fetch underneath. */
  fetch: typeof globalThis.fetch;
}

/**
 * The client's ofetch instance. ofetch joins the base URL and merges the headers; everything that
 * decides what a response means stays in the request layer, so it is configured to hand every
 * response back as it came: no retries of its own (ours know which requests are safe to repeat),
 * no throwing on an error status (ours become typed errors), the body as a stream (read within
 * the size limit), and redirects not followed (the bearer token must not go to another origin).
 */
export function createFetcher(options: FetcherOptions): $Fetch {
  return ofetch.create(
    {
      baseURL: options.baseUrl,
      headers: options.headers,
      retry: false,
      ignoreResponseError: true,
      responseType: 'stream',
      redirect: 'manual',
    },
    { fetch: options.fetch },
  );
}

/**
 * The runtime's own fetch, looked up at each call rather than captured at import, so a fetch
 * installed later (a polyfill, a test double of the whole runtime) is the one used.
 */
export const runtimeFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

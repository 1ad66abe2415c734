import { escapeHtml } from './escape.js';

/** The OAuth client as registered: every field is the client's own claim, so untrusted. */
export interface ClientInfo {
  /** `client_name`: chosen by whoever registered the client. */
  name?: string | undefined;
  /** `client_uri`: the client's home page. */
  uri?: string | undefined;
  /** `client_id`: assigned by this server. */
  id: string;
}

/** Long enough for any real application's name, short enough not to push its host off screen. */
const MAX_NAME = 80;

/**
 * The client's name, or its id when it gave none: escaped HTML for running text. Bidirectional
 * controls are removed first, so a name cannot reverse the text after it ("Claude" from
 * "‮edualC").
 */
export function clientLabel(client: ClientInfo): string {
  const name = cleanName(client.name);
  return name
    ? `<strong>${escapeHtml(name)}</strong>`
    : `The application <code>${escapeHtml(client.id)}</code>`;
}

/** The client's name as plain text for a `<title>` (escaped by the layout). */
export function clientTitle(client: ClientInfo): string {
  return cleanName(client.name) ?? `Application ${client.id}`;
}

/**
 * Where the client says it comes from, and its id, shown under its name: anyone can register as
 * "Claude", so the host is what tells a person which one is asking.
 */
export function clientDetails(client: ClientInfo): string {
  return `<div class="client">
<dl>
<dt>Website</dt><dd>${websiteOf(client.uri)}</dd>
<dt>Client id</dt><dd><code>${escapeHtml(client.id)}</code></dd>
</dl>
<p class="muted">The name is chosen by the application itself; check that you know the website.</p>
</div>`;
}

/**
 * The host of `client_uri` as escaped HTML. `URL` gives an internationalized host in punycode
 * (`xn--...`), so a look-alike made of other scripts' letters shows as such.
 */
function websiteOf(uri: string | undefined): string {
  if (!uri?.trim()) return 'none given';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `not a web address: <code>${escapeHtml(truncate(uri))}</code>`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `not a web address: <code>${escapeHtml(truncate(uri))}</code>`;
  const plain = url.protocol === 'http:' ? ' <span class="muted">(not encrypted)</span>' : '';
  return `<strong>${escapeHtml(url.host)}</strong>${plain}`;
}

function cleanName(name: string | undefined): string | undefined {
  const clean = name?.replace(BIDI_AND_INVISIBLE, '').trim();
  return clean ? truncate(clean) : undefined;
}

// Bidi embeddings, overrides and isolates, plus zero-width characters: invisible in a name.
const BIDI_AND_INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Cuts by code point, so an emoji is never split in half. */
function truncate(text: string, max = MAX_NAME): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

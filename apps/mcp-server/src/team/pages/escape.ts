/**
 * Escapes text for HTML element content and quoted attribute values: the five characters that
 * can end text, open a tag or close an attribute. Everything a page shows from outside (a client's
 * name and URLs, a typed username, error text) goes through it.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c as keyof typeof ENTITIES]);
}

const ENTITIES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
} as const;

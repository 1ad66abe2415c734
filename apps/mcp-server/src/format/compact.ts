import { compact as compactFor } from '@cloutapi/resources';

/** What a model reads instead of a secret (which fields are secrets: resources' rule). */
export const SECRET_PLACEHOLDER =
  '[redacted: start the MCP server with --allow-secrets to see node passwords]';

/**
 * An API object compacted for a model (resources' `compact`: no noise, no empty values; `{}` when
 * nothing is left), its secrets redacted unless the server was started with `--allow-secrets`.
 */
export function compact(value: unknown, allowSecrets: boolean): Record<string, unknown> {
  return (compactFor(value, allowSecrets ? undefined : SECRET_PLACEHOLDER) ?? {}) as Record<
    string,
    unknown
  >;
}

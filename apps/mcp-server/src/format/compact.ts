import { compact as compactFor } from '@cloutapi/resources';

/** What a model reads instead of a secret (which fields are secrets: resources' rule). */
export const SECRET_PLACEHOLDER =
  '[redacted: start the MCP server with --allow-secrets to see node passwords]';

/** Options of compacting. */
export interface CompactOptions {
  allowSecrets: boolean;
}

/**
 * An API answer compacted for a model (resources' `compact`: no noise, no empty values), its
 * secrets redacted unless the server was started with `--allow-secrets`.
 */
export function compact(value: unknown, options: CompactOptions): unknown {
  return compactFor(value, options.allowSecrets ? undefined : SECRET_PLACEHOLDER);
}

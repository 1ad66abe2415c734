import type { Generated } from 'kysely';

/**
 * The team store's tables, as Kysely sees them. Times are milliseconds since the epoch in
 * `bigint` columns (PostgreSQL hands them back as strings: read them with `Number`).
 */
export interface TeamDatabase {
  /** Used confirmations: one row per nonce, kept until it expires. */
  once_claims: { id: string; expires_at: number | string };
  /** Paged results (backup_health's later pages). */
  snapshots: { id: string; value: unknown; expires_at: number | string };
  /** Tasks, sealed (a result may hold node passwords); `id` is the task id's hash. */
  tasks: {
    id: string;
    sealed: Buffer;
    expires_at: number | string;
    cancel_requested: Generated<boolean>;
  };
}

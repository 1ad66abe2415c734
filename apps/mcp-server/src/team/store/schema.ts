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
  /**
   * The authorization server's records (oidc-provider's models: sessions, interactions, grants,
   * codes, tokens, registered clients), keyed by the hash of their id: a dump holds no usable
   * token. Secrets inside a payload (a client's secret) are sealed.
   */
  oauth_records: {
    model: string;
    id: string;
    payload: unknown;
    grant_id: string | null;
    uid: string | null;
    consumed_at: number | string | null;
    expires_at: number | string | null;
  };
  /** The people who signed in: their portal session (its refresh token), sealed. */
  accounts: {
    id: string;
    username: string;
    name: string;
    portal_session: Buffer;
    updated_at: number | string;
  };
  /** What a person allowed a client (one grant): toolsets and read-only. */
  consents: {
    grant_id: string;
    account_id: string;
    client_id: string;
    toolsets: unknown;
    read_only: boolean;
    created_at: number | string;
  };
  /**
   * Every tool call, per person: written when it starts and again when it ends, so a call whose
   * instance died stays on record (with no end).
   */
  audit: {
    id: string;
    at: number | string;
    account_id: string;
    username: string;
    client_id: string;
    tool: string;
    arguments: unknown;
    instance: string;
    outcome: string | null;
    detail: string | null;
    impact: unknown;
    duration_ms: number | null;
  };
  /** Rate-limit counters of rate-limiter-flexible (sign-in failures, calls per person). */
  rate_limits: { key: string; points: number; expire: number | string | null };
}

import { randomUUID } from 'node:crypto';
import { hideSecrets } from '@cloutapi/resources';
import type { Kysely } from 'kysely';
import type { AuditSink } from '../sdk.js';
import type { Confirmation } from '../tools/destructive.js';
import type { TeamDatabase } from './store/schema.js';

/** Who makes the calls an audit sink records. */
export interface Caller {
  accountId: string;
  username: string;
  clientId: string;
}

/** How a redacted argument reads in the audit. */
const REDACTED = '[redacted]';

/** The arguments as recorded: every secret (resources' rule) and a confirmation's token hidden. */
function recorded(args: Record<string, unknown>): Record<string, unknown> {
  const shown = hideSecrets(args, REDACTED);
  // A confirmation token is handed to the model on purpose, but in the audit it is only a key
  // that still works for minutes.
  const key: keyof Confirmation = 'confirmationToken';
  return key in shown ? { ...shown, [key]: REDACTED } : shown;
}

/**
 * The audit of one person's calls, in the team store: a row when the call starts (who, which
 * tool, the arguments with every secret redacted: resources' rule of what is secret), completed
 * when it ends (outcome, first line, duration, and for a destructive call what was confirmed). A
 * row without an end is a call whose instance died.
 */
export function auditSink(
  db: Kysely<TeamDatabase>,
  caller: Caller,
  instance: string,
  now: () => number = Date.now,
): AuditSink {
  return {
    async begin({ tool, args }) {
      const id = randomUUID();
      const at = now();
      await db
        .insertInto('audit')
        .values({
          id,
          at,
          account_id: caller.accountId,
          username: caller.username,
          client_id: caller.clientId,
          tool,
          arguments: JSON.stringify(recorded(args)),
          instance,
        })
        .execute();
      return {
        async end({ outcome, detail, impact }) {
          await db
            .updateTable('audit')
            .set({
              outcome,
              detail: detail ?? null,
              impact: impact ? JSON.stringify(hideSecrets(impact, REDACTED)) : null,
              duration_ms: now() - at,
            })
            .where('id', '=', id)
            .execute();
        },
      };
    },
  };
}

/** One audit record as exported (a JSON line). */
export interface AuditLine {
  id: string;
  at: string;
  person: { id: string; username: string };
  client: string;
  tool: string;
  arguments: unknown;
  instance: string;
  /** `ok`, `error`, `asked` (waiting for the user's confirmation), or `unfinished`. */
  outcome: string;
  detail?: string;
  impact?: unknown;
  durationMs?: number;
}

/** Options of {@link exportAudit}. */
export interface AuditQuery {
  /** Only calls from this time on. */
  since?: Date | undefined;
  /** Only this person's calls (their portal username). */
  username?: string | undefined;
}

/**
 * The audit, oldest first, a page at a time so an audit of millions of rows is never held in
 * memory; `write` gets one JSON line per call.
 */
export async function exportAudit(
  db: Kysely<TeamDatabase>,
  query: AuditQuery,
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  const PAGE = 1000;
  let after: { at: number; id: string } | undefined;
  let count = 0;
  for (;;) {
    let select = db.selectFrom('audit').selectAll().orderBy('at').orderBy('id').limit(PAGE);
    if (query.since) select = select.where('at', '>=', query.since.getTime());
    if (query.username) select = select.where('username', '=', query.username);
    if (after) {
      const { at, id } = after;
      select = select.where((w) =>
        w.or([w('at', '>', at), w.and([w('at', '=', at), w('id', '>', id)])]),
      );
    }
    const rows = await select.execute();
    for (const row of rows) {
      await write(`${JSON.stringify(lineOf(row))}\n`);
      count++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return count;
    after = { at: Number(last.at), id: last.id };
  }
}

function lineOf(row: TeamDatabase['audit']): AuditLine {
  return {
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    person: { id: row.account_id, username: row.username },
    client: row.client_id,
    tool: row.tool,
    arguments: row.arguments,
    instance: row.instance,
    outcome: row.outcome ?? 'unfinished',
    ...(row.detail ? { detail: row.detail } : {}),
    ...(row.impact ? { impact: row.impact } : {}),
    ...(row.duration_ms === null ? {} : { durationMs: row.duration_ms }),
  };
}

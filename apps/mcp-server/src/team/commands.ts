import { parseArgs } from 'node:util';
import { accountStore } from './accounts.js';
import { exportAudit } from './audit.js';
import { resealRecords } from './oauth/records.js';
import { openTeam } from './start.js';

/** The team store's commands: `audit` and `rekey`. */
export const TEAM_COMMANDS = ['audit', 'rekey'] as const;

/** Where a command's store and keys come from: flags, then the server's own variables. */
function storeOf(values: { store?: string | undefined }, env: NodeJS.ProcessEnv) {
  const current = env.CLOUTAPI_MCP_STATE_KEY ? Buffer.from(env.CLOUTAPI_MCP_STATE_KEY) : undefined;
  return openTeam(values.store ?? env.CLOUTAPI_MCP_STORE, {
    current,
    previous: env.CLOUTAPI_MCP_STATE_KEY_PREVIOUS,
    file: env.CLOUTAPI_MCP_STATE_KEY_FILE,
  });
}

/**
 * Runs `cloutapi-mcp audit|rekey ...`: the audit as JSON lines on stdout (oldest first; a summary
 * on stderr), or every stored secret sealed again under the current state key.
 *
 * @throws Error on a bad flag or date, or when the store cannot be opened.
 */
export async function runTeamCommand(
  command: (typeof TEAM_COMMANDS)[number],
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: { write(text: string): unknown } = process.stdout,
): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      store: { type: 'string' },
      since: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime()))
    throw new Error(
      `--since must be a date such as 2026-12-01 or 2026-12-01T08:00:00Z, not "${values.since}"`,
    );
  if (command === 'rekey' && (values.since || values.user))
    throw new Error('rekey takes only --store');
  const team = await storeOf(values, env);
  try {
    if (command === 'audit') {
      const count = await exportAudit(team.store.db, { since, username: values.user }, (line) => {
        out.write(line);
      });
      process.stderr.write(`cloutapi-mcp: ${count} audit records\n`);
      return;
    }
    const sessions = await accountStore(team.store.db, team.keys).reseal();
    const clients = await resealRecords(team.store.db, team.keys);
    process.stderr.write(
      `cloutapi-mcp: sealed again under the current state key: ${sessions} portal sessions, ${clients} client secrets. Drop the previous keys once every instance runs with the new one (confirmations and tasks sealed under them expire within an hour)\n`,
    );
  } finally {
    await team.store.close();
  }
}

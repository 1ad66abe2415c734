import {
  type Cloutility,
  type EnrollLockProvider,
  enrollDefaults,
  type LookupStore,
  memoryLookupStore,
} from '@cloutapi/resources';
import { SECRET_PLACEHOLDER } from '../../format/compact.js';
import type { ToolContext } from '../types.js';

/** Enrollment's lookups, remembered per client (one portal and user) for the server's life. */
const lookups = new WeakMap<Cloutility, LookupStore>();

/** The enrollment defaults of this client, its lookups shared by every enrollment tool. */
export function defaultsOf(clout: Cloutility) {
  const store = lookups.get(clout) ?? memoryLookupStore();
  lookups.set(clout, store);
  return enrollDefaults(clout, { store });
}

/**
 * Enrollments of one machine wait for each other here and in other processes: the server's lock
 * (PostgreSQL's, across instances) or a lock file.
 */
export async function enrollLock(ctx: ToolContext): Promise<EnrollLockProvider> {
  if (ctx.enrollLock) return ctx.enrollLock;
  // Loaded at the first enrollment, not at start.
  const { fileEnrollLock } = await import('@cloutapi/resources/enroll-file-lock');
  return fileEnrollLock();
}

/** A node password as a tool shows it: only with --allow-secrets. */
export const shownPassword = (password: string | undefined, allowSecrets: boolean) =>
  password === undefined ? undefined : allowSecrets ? password : SECRET_PLACEHOLDER;

/** A backup server as a tool names it. */
export const serverName = (server: { id: number | undefined; name: string | undefined }) =>
  server.name ?? (server.id === undefined ? '' : `#${server.id}`);

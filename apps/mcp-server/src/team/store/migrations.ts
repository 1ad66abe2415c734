import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The team store's schema, in order. The same migrations run on the embedded store (PGlite) and
 * on PostgreSQL; Kysely's migrator takes a lock first, so instances starting together migrate
 * once. Never edit one that has shipped: add the next.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-shared-state': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('once_claims')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('snapshots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('value', 'jsonb', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sealed', 'bytea', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(sql`false`))
        .execute();
      for (const table of ['once_claims', 'snapshots', 'tasks'])
        await db.schema.createIndex(`${table}_expires_at`).on(table).column('expires_at').execute();
    },
  },
};

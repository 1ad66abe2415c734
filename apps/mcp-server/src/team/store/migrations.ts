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
  '0002-team-auth': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('oauth_records')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('uid', 'text')
        .addColumn('consumed_at', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addPrimaryKeyConstraint('oauth_records_pk', ['model', 'id'])
        .execute();
      await db.schema
        .createIndex('oauth_records_grant')
        .on('oauth_records')
        .column('grant_id')
        .execute();
      await db.schema
        .createIndex('oauth_records_uid')
        .on('oauth_records')
        .columns(['model', 'uid'])
        .execute();
      await db.schema
        .createIndex('oauth_records_expires_at')
        .on('oauth_records')
        .column('expires_at')
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('portal_session', 'bytea', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('consents')
        .addColumn('grant_id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('toolsets', 'jsonb', (c) => c.notNull())
        .addColumn('read_only', 'boolean', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('tool', 'text', (c) => c.notNull())
        .addColumn('arguments', 'jsonb', (c) => c.notNull())
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('detail', 'text')
        .addColumn('impact', 'jsonb')
        .addColumn('duration_ms', 'integer')
        .execute();
      await db.schema.createIndex('audit_at').on('audit').column('at').execute();
      // rate-limiter-flexible's own layout, made here so instances never race to create it.
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
  },
};

import type { Kysely } from 'kysely';

/**
 * 发文字号 register: one row per number ever handed out (the primary key makes a duplicate
 * impossible), and every step of its fate (reserve, use, release, void with reason).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_numbers')
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_numbers_pk', ['issuer_code', 'year', 'serial'])
    .execute();
  await db.schema
    .createTable('document_number_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('document_number_events_fk', ['issuer_code', 'year', 'serial'], 'document_numbers', ['issuer_code', 'year', 'serial'])
    .execute();
  await db.schema.createIndex('document_number_events_idx').on('document_number_events').columns(['issuer_code', 'year', 'serial', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_number_events').execute();
  await db.schema.dropTable('document_numbers').execute();
}

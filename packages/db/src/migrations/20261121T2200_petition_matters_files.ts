import { sql, type Kysely } from 'kysely';

/**
 * 信访, second pass:
 * - `matter_id`: cases on a similar matter share one id (the earliest case's), so the 群体性 warning counts
 *   "K cases on a similar matter from one township within D days" by text similarity, not by category alone.
 *   Existing cases start as matters of their own.
 * - `petition_files`: scanned letters, evidence and handling material attached to a case; the file itself is
 *   served by the files module, which asks the petitions module whether the reader may see the case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petitions').addColumn('matter_id', 'text').execute();
  await sql`update petitions set matter_id = id`.execute(db);
  await db.schema.createIndex('petitions_matter_idx').on('petitions').columns(['received_at', 'township_id', 'matter_id', 'kind', 'accused_unit_id']).execute();

  await db.schema
    .createTable('petition_files')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_by_unit_id', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_files_pk', ['petition_id', 'file_id'])
    .execute();
  await db.schema.createIndex('petition_files_file_idx').on('petition_files').column('file_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petition_files').execute();
  await db.schema.dropIndex('petitions_matter_idx').execute();
  await db.schema.alterTable('petitions').dropColumn('matter_id').execute();
}

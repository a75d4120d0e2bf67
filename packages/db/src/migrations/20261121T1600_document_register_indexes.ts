import type { Kysely } from 'kysely';

/**
 * Registers page newest-first through every document of one direction, and find a user's own
 * involvement (核稿人, 催办人) by index: what `listDocuments` needs to stay fast at county scale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('documents_direction_created_idx').on('documents').columns(['direction', 'created_at']).execute();
  await db.schema.createIndex('documents_reviewer_idx').on('documents').column('reviewer_id').execute();
  await db.schema.createIndex('documents_chaser_idx').on('documents').column('chaser_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_chaser_idx').execute();
  await db.schema.dropIndex('documents_reviewer_idx').execute();
  await db.schema.dropIndex('documents_direction_created_idx').execute();
}

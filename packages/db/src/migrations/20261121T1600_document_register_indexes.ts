import type { Kysely } from 'kysely';

/**
 * What `listDocuments` needs to stay fast at county scale: registers page newest-first through every
 * document of one direction; a user's own involvement (核稿人, 催办人) is found by index; and a unit's
 * register is counted and searched from one covering index, without reading the wide document rows
 * (they carry the text).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('documents_direction_created_idx').on('documents').columns(['direction', 'created_at']).execute();
  await db.schema.dropIndex('documents_register_idx').execute();
  await db.schema
    .createIndex('documents_unit_register_idx')
    .on('documents')
    .columns(['unit_id', 'direction', 'classification', 'created_at', 'doc_type', 'state', 'urgency', 'deadline', 'title', 'number_text', 'sender_name'])
    .execute();
  await db.schema.createIndex('documents_reviewer_idx').on('documents').column('reviewer_id').execute();
  // Involvement is counted branch by branch; these let a branch drop the user's own units' documents from the index alone.
  await db.schema.dropIndex('documents_created_by_idx').execute();
  await db.schema.createIndex('documents_creator_scope_idx').on('documents').columns(['created_by', 'direction', 'unit_id', 'classification']).execute();
  await db.schema.dropIndex('documents_lead_unit_idx').execute();
  await db.schema.createIndex('documents_lead_unit_scope_idx').on('documents').columns(['lead_unit_id', 'unit_id', 'direction', 'classification']).execute();
  await db.schema.createIndex('documents_chaser_idx').on('documents').column('chaser_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_lead_unit_scope_idx').execute();
  await db.schema.createIndex('documents_lead_unit_idx').on('documents').columns(['lead_unit_id']).execute();
  await db.schema.dropIndex('documents_creator_scope_idx').execute();
  await db.schema.createIndex('documents_created_by_idx').on('documents').columns(['created_by', 'created_at']).execute();
  await db.schema.dropIndex('documents_unit_register_idx').execute();
  await db.schema.createIndex('documents_register_idx').on('documents').columns(['unit_id', 'direction', 'created_at']).execute();
  await db.schema.dropIndex('documents_chaser_idx').execute();
  await db.schema.dropIndex('documents_reviewer_idx').execute();
  await db.schema.dropIndex('documents_direction_created_idx').execute();
}

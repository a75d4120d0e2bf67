import type { Kysely } from 'kysely';

/**
 * 办文: outgoing and incoming documents, their kept versions, the people and units taking part in
 * parallel steps (会签, 签发, 批示, 传阅, 协办), distribution with receipts, passage comments and
 * history. Also the organisation facts the flows need: each unit's 机关代字 and who is a unit's
 * principal head (主要负责人 signs upward and important documents), and an assignment's source.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('issuer_code', 'text').execute();
  await db.schema.alterTable('users').addColumn('is_principal', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('assignments').addColumn('source_type', 'text').execute();
  await db.schema.alterTable('assignments').addColumn('source_id', 'text').execute();
  await db.schema.createIndex('assignments_source_idx').on('assignments').columns(['source_type', 'source_id']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('classification_period', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('co_issuer_unit_ids', 'text')
    .addColumn('issuer_code', 'text')
    .addColumn('number_text', 'text')
    .addColumn('number_year', 'integer')
    .addColumn('number_serial', 'integer')
    .addColumn('incoming_year', 'integer')
    .addColumn('incoming_serial', 'integer')
    .addColumn('sender_name', 'text')
    .addColumn('sender_unit_id', 'text')
    .addColumn('source_document_id', 'text')
    .addColumn('received_via', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_by', 'text')
    .addColumn('copies', 'integer')
    .addColumn('content', 'text')
    .addColumn('content_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_edited_by', 'text')
    .addColumn('signed_version_no', 'integer')
    .addColumn('signed_hash', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('reviewer_id', 'text')
    .addColumn('review_override_reason', 'text')
    .addColumn('sealed_by', 'text')
    .addColumn('sealed_at', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('proposal', 'text')
    .addColumn('lead_unit_id', 'text')
    .addColumn('deadline', 'text')
    .addColumn('chaser_id', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reply', 'text')
    .addColumn('concluded_at', 'text')
    .addColumn('retention', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('archived_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Registers page by unit and direction, newest first; the year filter rides on created_at.
  await db.schema.createIndex('documents_register_idx').on('documents').columns(['unit_id', 'direction', 'created_at']).execute();
  await db.schema.createIndex('documents_created_by_idx').on('documents').columns(['created_by', 'created_at']).execute();
  await db.schema.createIndex('documents_lead_unit_idx').on('documents').columns(['lead_unit_id']).execute();
  await db.schema.createIndex('documents_source_idx').on('documents').columns(['source_document_id']).execute();
  await db.schema.createIndex('documents_number_idx').on('documents').columns(['number_text']).execute();
  await db.schema.createIndex('documents_incoming_serial_idx').on('documents').columns(['unit_id', 'incoming_year', 'incoming_serial']).unique().execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('document_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('acted_by', 'text')
    .addColumn('acted_by_name', 'text')
    .addColumn('acted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_participants_doc_idx').on('document_participants').columns(['document_id', 'kind', 'round']).execute();
  await db.schema.createIndex('document_participants_user_idx').on('document_participants').columns(['user_id']).execute();
  await db.schema.createIndex('document_participants_unit_idx').on('document_participants').columns(['unit_id']).execute();

  await db.schema
    .createTable('document_distributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_unit_id', 'text')
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('incoming_document_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_by_name', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_distributions_doc_idx').on('document_distributions').columns(['document_id', 'seq']).execute();

  await db.schema
    .createTable('document_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('data', 'text')
    .addColumn('version_no', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_events_doc_idx').on('document_events').columns(['document_id', 'at']).execute();

  await db.schema
    .createTable('document_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('document_comments_doc_idx').on('document_comments').columns(['document_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['document_comments', 'document_events', 'document_distributions', 'document_participants', 'document_versions', 'documents']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('assignments_source_idx').execute();
  await db.schema.alterTable('assignments').dropColumn('source_id').execute();
  await db.schema.alterTable('assignments').dropColumn('source_type').execute();
  await db.schema.alterTable('users').dropColumn('is_principal').execute();
  await db.schema.alterTable('units').dropColumn('issuer_code').execute();
}

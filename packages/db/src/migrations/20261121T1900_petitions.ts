import type { Kysely } from 'kysely';

/**
 * 信访: petitioners (identity number and phone encrypted, found by keyed hash), cases with their people,
 * deadlines (each with the rule that produced it), history, documents, duplicate matches, similarity bands
 * for finding them fast, and the maintained category taxonomy.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const names = ['城乡建设', '劳动和社会保障', '农业农村', '自然资源', '生态环境', '卫生健康', '教育', '政法', '纪检监察', '组织人事', '民政', '交通运输', '其他'];
  await db.insertInto('petition_categories').values(names.map((name, i) => ({ id: `cat-${String(i + 1).padStart(2, '0')}`, name, sort_order: i + 1, disabled: 0 }))).execute();

  await db.schema
    .createTable('petitioners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petitioners_id_hash_idx').on('petitioners').column('id_number_hash').execute();
  await db.schema.createIndex('petitioners_phone_hash_idx').on('petitioners').column('phone_hash').execute();

  await db.schema
    .createTable('petitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial_year', 'integer', (c) => c.notNull())
    .addColumn('serial_no', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('initial'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('township_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('village', 'text')
    .addColumn('category_id', 'text', (c) => c.notNull().references('petition_categories.id'))
    .addColumn('first_organ', 'text', (c) => c.notNull())
    .addColumn('skip_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superior_ref', 'text')
    .addColumn('people_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('petitioner_id', 'text', (c) => c.notNull().references('petitioners.id'))
    .addColumn('handling_mode', 'text')
    .addColumn('handling_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('handling_received_at', 'text')
    .addColumn('accused_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('legal_route', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reply', 'text')
    .addColumn('evaluation', 'text')
    .addColumn('extension_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_extension_days', 'integer')
    .addColumn('parent_id', 'text')
    .addColumn('is_final', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('query_code_hash', 'text')
    .addColumn('next_due', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('petitions_serial_uq', ['serial_year', 'serial_no'])
    .execute();
  await db.schema.createIndex('petitions_received_idx').on('petitions').columns(['received_at', 'township_id', 'category_id']).execute();
  await db.schema.createIndex('petitions_state_idx').on('petitions').columns(['state', 'next_due']).execute();
  await db.schema.createIndex('petitions_petitioner_idx').on('petitions').columns(['petitioner_id', 'received_at']).execute();
  await db.schema.createIndex('petitions_handling_idx').on('petitions').columns(['handling_unit_id', 'received_at']).execute();
  await db.schema.createIndex('petitions_query_idx').on('petitions').column('query_code_hash').execute();

  await db.schema
    .createTable('petition_people')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('petitioner_id', 'text', (c) => c.notNull().references('petitioners.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_people_pk', ['petition_id', 'petitioner_id', 'role'])
    .execute();
  await db.schema.createIndex('petition_people_person_idx').on('petition_people').columns(['petitioner_id', 'petition_id']).execute();

  await db.schema
    .createTable('petition_deadlines')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addPrimaryKeyConstraint('petition_deadlines_pk', ['petition_id', 'kind'])
    .execute();
  await db.schema.createIndex('petition_deadlines_due_idx').on('petition_deadlines').columns(['kind', 'due']).execute();

  await db.schema
    .createTable('petition_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('data', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_events_idx').on('petition_events').columns(['petition_id', 'at']).execute();

  await db.schema
    .createTable('petition_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_documents_idx').on('petition_documents').columns(['petition_id', 'created_at']).execute();

  await db.schema
    .createTable('petition_links')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('other_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('similarity', 'double precision', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_links_pk', ['petition_id', 'other_id'])
    .execute();

  await db.schema
    .createTable('petition_bands')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('petition_bands_pk', ['band', 'petition_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['petition_bands', 'petition_links', 'petition_documents', 'petition_events', 'petition_deadlines', 'petition_people', 'petitions', 'petitioners', 'petition_categories']) {
    await db.schema.dropTable(t).execute();
  }
}

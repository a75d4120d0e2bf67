import type { Kysely } from 'kysely';

/**
 * 办会 and 情况征集: meeting types and rooms, meetings with their 议题, attendance (回执, 签到), materials
 * (per attendee, classified, withdrawn after the meeting), 议定事项 that become supervision items; and
 * collections: a form sent to units, one submission per unit kept as JSON (summed in the application).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const types = ['常委会', '书记专题会', '工作推进会', '视频会议'];
  await db.insertInto('meeting_types').values(types.map((name, i) => ({ id: `mt-${i + 1}`, name, builtin: 1, sort_order: i + 1, disabled: 0 }))).execute();

  await db.schema
    .createTable('meeting_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_id', 'text', (c) => c.notNull().references('meeting_types.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('room_id', 'text', (c) => c.references('meeting_rooms.id'))
    .addColumn('location', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text', (c) => c.references('users.id'))
    .addColumn('organiser_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('notice', 'text')
    .addColumn('reply_deadline', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('accepts_topics', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('topic_deadline', 'text')
    .addColumn('sign_in_code', 'text')
    .addColumn('sign_in_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'text')
    .addColumn('minutes_updated_at', 'text')
    .addColumn('held_at', 'text')
    .addColumn('cancelled_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_time_idx').on('meetings').columns(['starts_at', 'ends_at']).execute();
  await db.schema.createIndex('meetings_room_idx').on('meetings').columns(['room_id', 'starts_at']).execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attendee_names', 'text')
    .addColumn('leave_reason', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('signed_in_at', 'text')
    .addColumn('sign_in_method', 'text')
    .addColumn('signed_in_by', 'text')
    .addColumn('reminded_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminded_at', 'text')
    .execute();
  await db.schema.createIndex('meeting_attendees_meeting_idx').on('meeting_attendees').columns(['meeting_id', 'seq']).execute();
  await db.schema.createIndex('meeting_attendees_user_idx').on('meeting_attendees').columns(['user_id', 'meeting_id']).execute();
  await db.schema.createIndex('meeting_attendees_unit_idx').on('meeting_attendees').columns(['unit_id', 'meeting_id']).execute();

  await db.schema
    .createTable('meeting_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('presenter', 'text')
    .addColumn('proposer_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_topics_meeting_idx').on('meeting_topics').columns(['meeting_id', 'seq']).execute();
  await db.schema.createIndex('meeting_topics_unit_idx').on('meeting_topics').columns(['proposer_unit_id', 'created_at']).execute();

  await db.schema
    .createTable('meeting_materials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.references('meeting_topics.id').onDelete('set null'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('audience', 'text')
    .addColumn('withdraw_after', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_at', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_materials_meeting_idx').on('meeting_materials').columns(['meeting_id', 'created_at']).execute();

  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('cooperating_unit_ids', 'text')
    .addColumn('leader_id', 'text', (c) => c.references('users.id'))
    .addColumn('deadline', 'text')
    .addColumn('assignment_id', 'text', (c) => c.references('assignments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_decisions_meeting_idx').on('meeting_decisions').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('organiser_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('collections_created_idx').on('collections').columns(['created_at']).execute();
  await db.schema.createIndex('collections_meeting_idx').on('collections').columns(['meeting_id']).execute();

  await db.schema
    .createTable('collection_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('saved_at', 'text')
    .addColumn('saved_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('returned_reason', 'text')
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminded_at', 'text')
    .addUniqueConstraint('collection_units_uq', ['collection_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('collection_units_unit_idx').on('collection_units').columns(['unit_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['collection_units', 'collections', 'meeting_decisions', 'meeting_materials', 'meeting_topics', 'meeting_attendees', 'meetings', 'meeting_rooms', 'meeting_types']) {
    await db.schema.dropTable(t).execute();
  }
}

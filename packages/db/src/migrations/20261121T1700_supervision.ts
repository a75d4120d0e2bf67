import type { Kysely } from 'kysely';

/**
 * 督查督办 on the 领导交办 table (one flow, not two): an assignment becomes a supervision item with a
 * source, level, cooperating units, completion standard, feedback cycle, sub-tasks with indicators,
 * the computed colour and the escalations sent; plus feedbacks, missed feedbacks, notices, the colour
 * log the 通报 counts from, accountability records and the circulars themselves.
 */
const ITEM_COLUMNS: [string, string, ((c: any) => any)?][] = [
  ['source_kind', 'text', (c) => c.notNull().defaultTo('leader_assignment')],
  ['source_ref', 'text'],
  ['source_date', 'text'],
  ['level', 'text', (c) => c.notNull().defaultTo('general')],
  ['completion_standard', 'text'],
  ['start_date', 'text'],
  ['feedback_cycle', 'text', (c) => c.notNull().defaultTo('once')],
  ['feedback_day', 'integer'],
  ['next_feedback_due', 'text'],
  ['feedback_window_start', 'text'],
  ['last_feedback_at', 'text'],
  ['missed_feedbacks', 'integer', (c) => c.notNull().defaultTo(0)],
  ['progress', 'double precision', (c) => c.notNull().defaultTo(0)],
  ['expected_progress', 'double precision', (c) => c.notNull().defaultTo(0)],
  ['colour', 'text'],
  ['colour_reasons', 'text'],
  ['escalation_count', 'integer', (c) => c.notNull().defaultTo(0)],
  ['receipt_due', 'text'],
  ['rating', 'text'],
  ['proposed_rating', 'text'],
  ['dispatched_at', 'text'],
  ['completion_reported_at', 'text'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, build] of ITEM_COLUMNS) {
    await db.schema.alterTable('assignments').addColumn(name, type as any, build ?? ((c) => c)).execute();
  }
  // Existing 领导交办 records: dispatched when created; their schedule starts that day (Shanghai).
  const rows = await db.selectFrom('assignments').select(['id', 'created_at', 'state']).execute();
  for (const r of rows) {
    const startDate = new Date(new Date(r.created_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const open = ['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported'].includes(r.state);
    await db.updateTable('assignments').set({ start_date: startDate, feedback_window_start: startDate, dispatched_at: r.created_at, colour: open ? 'green' : null }).where('id', '=', r.id).execute();
  }
  await db.schema.createIndex('assignments_colour_unit_idx').on('assignments').columns(['colour', 'assignee_unit_id']).execute();
  await db.schema.createIndex('assignments_colour_leader_idx').on('assignments').columns(['colour', 'leader_id']).execute();
  await db.schema.createIndex('assignments_colour_source_idx').on('assignments').columns(['colour', 'source_kind', 'level']).execute();
  await db.schema.createIndex('assignments_dispatched_idx').on('assignments').columns(['dispatched_at', 'assignee_unit_id']).execute();
  await db.schema.createIndex('assignments_completed_idx').on('assignments').columns(['completed_at', 'assignee_unit_id']).execute();
  await db.schema.createIndex('assignments_feedback_due_idx').on('assignments').columns(['next_feedback_due']).execute();

  await db.schema
    .createTable('assignment_units')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_units_pk', ['assignment_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('assignment_units_unit_idx').on('assignment_units').columns(['unit_id', 'assignment_id']).execute();

  await db.schema
    .createTable('assignment_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text')
    .addColumn('target_value', 'double precision', (c) => c.notNull())
    .addColumn('unit_label', 'text')
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('owner_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('deadline', 'text')
    .addColumn('current_value', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignment_tasks_item_idx').on('assignment_tasks').columns(['assignment_id', 'seq']).execute();

  await db.schema
    .createTable('assignment_feedbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision')
    .addColumn('figures', 'text')
    .addColumn('event_id', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignment_feedbacks_item_idx').on('assignment_feedbacks').columns(['assignment_id', 'at']).execute();

  await db.schema
    .createTable('assignment_feedback_misses')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_feedback_misses_pk', ['assignment_id', 'due_date'])
    .execute();
  await db.schema.createIndex('assignment_feedback_misses_due_idx').on('assignment_feedback_misses').columns(['due_date', 'unit_id']).execute();

  await db.schema
    .createTable('assignment_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number_text', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignment_notices_item_idx').on('assignment_notices').columns(['assignment_id', 'created_at']).execute();

  await db.schema
    .createTable('assignment_colour_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignment_colour_log_at_idx').on('assignment_colour_log').columns(['colour', 'at', 'unit_id', 'assignment_id']).execute();

  await db.schema
    .createTable('accountability_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision')
    .addColumn('due_date', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accountability_unit_idx').on('accountability_records').columns(['unit_id', 'created_at']).execute();
  await db.schema
    .createTable('accountability_items')
    .addColumn('record_id', 'text', (c) => c.notNull().references('accountability_records.id').onDelete('cascade'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addPrimaryKeyConstraint('accountability_items_pk', ['record_id', 'assignment_id'])
    .execute();
  await db.schema.createIndex('accountability_items_item_idx').on('accountability_items').columns(['assignment_id']).execute();

  await db.schema
    .createTable('supervision_circulars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('document_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_circulars_period_idx').on('supervision_circulars').columns(['period_start', 'period_end']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['supervision_circulars', 'accountability_items', 'accountability_records', 'assignment_colour_log', 'assignment_notices', 'assignment_feedback_misses', 'assignment_feedbacks', 'assignment_tasks', 'assignment_units']) {
    await db.schema.dropTable(t).execute();
  }
  for (const i of ['assignments_colour_unit_idx', 'assignments_colour_leader_idx', 'assignments_colour_source_idx', 'assignments_dispatched_idx', 'assignments_completed_idx', 'assignments_feedback_due_idx']) {
    await db.schema.dropIndex(i).execute();
  }
  for (const [name] of [...ITEM_COLUMNS].reverse()) {
    await db.schema.alterTable('assignments').dropColumn(name).execute();
  }
}

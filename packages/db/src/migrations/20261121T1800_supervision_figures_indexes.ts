import type { Kysely } from 'kysely';

/**
 * What the board and the 通报 need at county scale (60,000 items): the board's counts read only their
 * index (the reader's 密级 included), the attention list walks red and yellow items by deadline, and the
 * period figures find open, completed and dispatched items without touching the wide rows.
 */
const REPLACED: [string, string[], string[]][] = [
  ['assignments_colour_unit_idx', ['colour', 'assignee_unit_id'], ['colour', 'assignee_unit_id', 'classification']],
  ['assignments_colour_leader_idx', ['colour', 'leader_id'], ['colour', 'leader_id', 'classification']],
  ['assignments_colour_source_idx', ['colour', 'source_kind', 'level'], ['colour', 'source_kind', 'level', 'classification']],
  ['assignments_dispatched_idx', ['dispatched_at', 'assignee_unit_id'], ['dispatched_at', 'assignee_unit_id', 'state']],
  ['assignments_completed_idx', ['completed_at', 'assignee_unit_id'], ['completed_at', 'assignee_unit_id', 'deadline', 'classification', 'id']],
  ['assignments_state_idx', ['state', 'deadline'], ['state', 'deadline', 'dispatched_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, , after] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('assignments').columns(after).execute();
  }
  await db.schema.createIndex('assignments_colour_deadline_idx').on('assignments').columns(['colour', 'deadline', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignments_colour_deadline_idx').execute();
  for (const [name, before] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('assignments').columns(before).execute();
  }
}

import type { Kysely } from 'kysely';

/**
 * What the 信访 statistics, list and board need at 100,000 cases: the period's breakdowns read from one
 * covering index (the accused unit included, for 第30条), deadlines rated from their index alone, and the
 * open cases' warnings counted without touching the wide rows.
 */
const REPLACED: [string, string, string[], string[]][] = [
  ['petitions_received_idx', 'petitions', ['received_at', 'township_id', 'category_id'], ['received_at', 'channel', 'category_id', 'township_id', 'handling_unit_id', 'evaluation', 'kind', 'accused_unit_id']],
  ['petitions_state_idx', 'petitions', ['state', 'next_due'], ['state', 'next_due', 'people_count', 'skip_level', 'kind', 'accused_unit_id']],
  ['petition_deadlines_due_idx', 'petition_deadlines', ['kind', 'due'], ['kind', 'due', 'met_at', 'petition_id']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, , after] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(after).execute();
  }
  await db.schema.createIndex('petitions_accused_idx').on('petitions').columns(['accused_unit_id', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('petitions_accused_idx').execute();
  for (const [name, table, before] of REPLACED) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(before).execute();
  }
}

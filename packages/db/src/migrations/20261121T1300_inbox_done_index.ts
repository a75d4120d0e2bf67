import type { Kysely } from 'kysely';

/** 已办 lists sort by completion time; without this index every page sorted all of a user's done items. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('inbox_user_box_done_idx').on('inbox_items').columns(['user_id', 'box', 'state', 'done_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbox_user_box_done_idx').execute();
}

import type { Executor } from '../database.ts';
import type { CalendarOverrideTable } from '../schema.ts';

export function listCalendarOverrides(db: Executor, year?: number) {
  let q = db.selectFrom('calendar_overrides').selectAll();
  if (year) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return q.orderBy('date').execute();
}

export async function upsertCalendarOverride(db: Executor, o: CalendarOverrideTable): Promise<void> {
  await db
    .insertInto('calendar_overrides')
    .values(o)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: o.kind, name: o.name, created_by: o.created_by, created_at: o.created_at }))
    .execute();
}

export async function deleteCalendarOverride(db: Executor, date: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

import type { Executor } from '../database.ts';
import type { UnitTable } from '../schema.ts';

export function listUnits(db: Executor) {
  return db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('name').execute();
}

export function getUnit(db: Executor, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnit(db: Executor, unit: UnitTable): Promise<void> {
  await db.insertInto('units').values(unit).execute();
}

export async function updateUnit(db: Executor, id: string, patch: Partial<Omit<UnitTable, 'id'>>): Promise<void> {
  await db.updateTable('units').set(patch).where('id', '=', id).execute();
}

export async function deleteUnit(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

/** How many child units and users hang on a unit (a unit with either may not be deleted). */
export async function countUnitDependants(db: Executor, id: string): Promise<{ children: number; users: number; assignments: number }> {
  const [c, u, a] = await Promise.all([
    db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('assignments').select((eb) => eb.fn.countAll<number>().as('n')).where('assignee_unit_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { children: Number(c.n), users: Number(u.n), assignments: Number(a.n) };
}

export function getUnitsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as Awaited<ReturnType<typeof listUnits>>);
  return db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
}

/** The 办公室 units directly under some units: they keep those units' documents (党委办公室 for the 党委). */
export function officeChildrenOf(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return Promise.resolve([] as { id: string; parent_id: string | null }[]);
  return db.selectFrom('units').select(['id', 'parent_id']).where('parent_id', 'in', unitIds).where('kind', '=', 'office').execute();
}

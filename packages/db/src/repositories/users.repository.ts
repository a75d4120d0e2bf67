import type { Executor } from '../database.ts';
import type { NewUser, UserUpdate } from '../schema.ts';
import { containsText, offsetOf, type Page } from './helpers.ts';

const userWithUnit = (db: Executor) =>
  db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select('units.name as unit_name');

export function getUserById(db: Executor, id: string) {
  return userWithUnit(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string) {
  return userWithUnit(db).where('users.username', '=', username).executeTakeFirst();
}

export async function getRoles(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

export async function getRolesOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

export async function setRoles(db: Executor, userId: string, roles: string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function insertUser(db: Executor, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function updateUser(db: Executor, id: string, patch: UserUpdate): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export interface UserFilter {
  q?: string;
  unitId?: string;
}

export async function listUsers(db: Executor, filter: UserFilter, page: Page) {
  let q = userWithUnit(db);
  if (filter.q) {
    const term = filter.q;
    q = q.where((eb) => eb.or([containsText('users.username', term), containsText('users.display_name', term)]));
  }
  if (filter.unitId) q = q.where('users.unit_id', '=', filter.unitId);
  const [items, total] = await Promise.all([
    q.orderBy('users.admin_role').orderBy('units.sort_order').orderBy('users.username').limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Active business users of a unit, optionally only those holding a role. */
export async function activeUsersOfUnit(db: Executor, unitId: string, role?: string) {
  let q = db.selectFrom('users').select(['users.id', 'users.display_name']).where('users.unit_id', '=', unitId).where('users.disabled', '=', 0).where('users.admin_role', 'is', null);
  if (role) q = q.where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', role)));
  return q.execute();
}

export async function countAdmins(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['admin_role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('admin_role', 'is not', null)
    .groupBy('admin_role')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.admin_role as string, Number(r.n)]));
}

/** Whether any demo account exists (stops at the first one). */
export async function hasDemoUsers(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function directory(db: Executor) {
  const [units, users, roles] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'parent_id', 'kind']).orderBy('sort_order').orderBy('name').execute(),
    db
      .selectFrom('users')
      .select(['id', 'display_name', 'unit_id', 'is_leader', 'leader_rank', 'is_principal'])
      .where('disabled', '=', 0)
      .where('admin_role', 'is', null)
      .orderBy('username')
      .execute(),
    db.selectFrom('user_roles').select(['user_id', 'role']).execute(),
  ]);
  return { units, users, roles };
}

/** Active document clerks (党办 or unit staff) of several units at once, with their unit. */
export function activeClerksOfUnits(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return Promise.resolve([] as { id: string; unit_id: string | null; display_name: string; clearance: string }[]);
  return db
    .selectFrom('users')
    .select(['users.id', 'users.unit_id', 'users.display_name', 'users.clearance'])
    .where('users.unit_id', 'in', unitIds)
    .where('users.disabled', '=', 0)
    .where('users.admin_role', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', 'in', ['office', 'unit'])))
    .execute();
}

export function getUsersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; display_name: string; unit_id: string | null; is_leader: number; is_principal: number; disabled: number; admin_role: string | null; clearance: string }[]);
  return db.selectFrom('users').select(['id', 'display_name', 'unit_id', 'is_leader', 'is_principal', 'disabled', 'admin_role', 'clearance']).where('id', 'in', ids).execute();
}

/** Active 督查/党办 staff: users holding the office role in a unit of kind 'office'. */
export function activeOfficeStaff(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name'])
    .where('units.kind', '=', 'office')
    .where('users.disabled', '=', 0)
    .where('users.admin_role', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', 'office')))
    .execute();
}

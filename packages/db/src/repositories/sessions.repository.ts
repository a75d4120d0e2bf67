import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import { isPostgres } from './helpers.ts';
import type { SessionTable } from '../schema.ts';

export async function insertSession(db: Executor, s: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

/** The session, the user it belongs to and the user's roles (comma-separated), in one query: it runs on every request. */
export function findSessionWithUser(db: Executor, id: string) {
  const roles = isPostgres(db)
    ? sql<string | null>`(select string_agg(role, ',' order by role) from user_roles where user_roles.user_id = users.id)`
    : sql<string | null>`(select group_concat(role, ',') from (select role from user_roles where user_roles.user_id = users.id order by role))`;
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.unit_id',
      'units.name as unit_name',
      'units.kind as unit_kind',
      'users.admin_role',
      'users.clearance',
      'users.is_leader',
      'users.leader_rank',
      'users.must_change_password',
      'users.is_demo',
      'users.disabled',
      roles.as('roles'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteIdleSessions(db: Executor, lastSeenBefore: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('last_seen_at', '<', lastSeenBefore).executeTakeFirst();
  return Number(r.numDeletedRows);
}

import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type { AssignmentEventTable, AssignmentTable } from '../schema.ts';
import { containsText, isPostgres, offsetOf, type Page } from './helpers.ts';

/** Next value of a yearly serial (交办〔2026〕N号), atomically, gap-free within committed transactions. */
export async function nextSerial(db: Executor, scope: string, year: number): Promise<number> {
  const row = await db
    .insertInto('serial_counters')
    .values({ scope, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ last_value: sql`serial_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export async function insertAssignment(db: Executor, a: AssignmentTable): Promise<void> {
  await db.insertInto('assignments').values(a).execute();
}

export async function updateAssignment(db: Executor, id: string, patch: Partial<Omit<AssignmentTable, 'id'>>): Promise<void> {
  await db.updateTable('assignments').set(patch).where('id', '=', id).execute();
}

const withNames = (db: Executor) =>
  db
    .selectFrom('assignments')
    .innerJoin('users as leader', 'leader.id', 'assignments.leader_id')
    .innerJoin('users as creator', 'creator.id', 'assignments.created_by')
    .innerJoin('units as unit', 'unit.id', 'assignments.assignee_unit_id')
    .leftJoin('users as assignee', 'assignee.id', 'assignments.assignee_user_id')
    .selectAll('assignments')
    .select([
      'leader.display_name as leader_name',
      'creator.display_name as creator_name',
      'unit.name as unit_name',
      'assignee.display_name as assignee_name',
    ]);

export function getAssignment(db: Executor, id: string) {
  return withNames(db).where('assignments.id', '=', id).executeTakeFirst();
}

/** The bare row, without the joined names. */
export function getAssignmentRow(db: Executor, id: string) {
  return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The row, locked until the transaction ends, so two steps on one assignment cannot both start from
 * the same state. PostgreSQL needs FOR UPDATE; SQLite transactions already run one at a time.
 */
export function lockAssignment(db: Executor, id: string) {
  const q = db.selectFrom('assignments').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** Which items a user may see: all (党办 and leaders), or those they lead, created, or that their unit leads or cooperates on. */
export type AssignmentScope = { all: true } | { all: false; userId: string; unitId: string | null };

export interface AssignmentFilter {
  state?: string;
  unitId?: string;
  leaderId?: string;
  /** Deadlines strictly before this date are overdue (open items only). */
  overdueBefore?: string;
  /** Open items due between these dates (inclusive). */
  dueBetween?: [string, string];
  q?: string;
  /** Only records still being handled. */
  openOnly?: boolean;
  /** Earliest deadline first (most overdue on top) instead of newest first. */
  byDeadline?: boolean;
  /** Classification levels the reader is cleared for. */
  clearedLevels: string[];
  colour?: string;
  sourceKind?: string;
  level?: string;
  /** Only items on which this unit cooperates. */
  cooperatingUnitId?: string;
}

const OPEN_STATES = ['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported', 'office_accepted'];

export async function listAssignments(db: Executor, scope: AssignmentScope, f: AssignmentFilter, page: Page) {
  let q = withNames(db).where('assignments.classification', 'in', f.clearedLevels);
  if (!scope.all) {
    const { userId, unitId } = scope;
    q = q.where((eb) =>
      eb.or([
        eb('assignments.leader_id', '=', userId),
        eb('assignments.created_by', '=', userId),
        eb('assignments.assignee_user_id', '=', userId),
        ...(unitId
          ? [
              eb('assignments.assignee_unit_id', '=', unitId),
              eb('assignments.id', 'in', eb.selectFrom('assignment_units').select('assignment_units.assignment_id').where('assignment_units.unit_id', '=', unitId)),
            ]
          : []),
      ]),
    );
  }
  if (f.colour) q = q.where('assignments.colour', '=', f.colour);
  if (f.sourceKind) q = q.where('assignments.source_kind', '=', f.sourceKind);
  if (f.level) q = q.where('assignments.level', '=', f.level);
  if (f.cooperatingUnitId) {
    const unitId = f.cooperatingUnitId;
    q = q.where('assignments.id', 'in', (eb) => eb.selectFrom('assignment_units').select('assignment_units.assignment_id').where('assignment_units.unit_id', '=', unitId));
  }
  if (f.state) q = q.where('assignments.state', '=', f.state);
  if (f.unitId) q = q.where('assignments.assignee_unit_id', '=', f.unitId);
  if (f.leaderId) q = q.where('assignments.leader_id', '=', f.leaderId);
  if (f.overdueBefore) q = q.where('assignments.state', 'in', OPEN_STATES).where('assignments.deadline', '<', f.overdueBefore);
  if (f.dueBetween) q = q.where('assignments.state', 'in', OPEN_STATES).where('assignments.deadline', '>=', f.dueBetween[0]).where('assignments.deadline', '<=', f.dueBetween[1]);
  if (f.openOnly) q = q.where('assignments.state', 'in', OPEN_STATES);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([containsText('assignments.title', term), containsText('assignments.instruction', term)]));
  }
  const [items, total] = await Promise.all([
    (f.byDeadline || f.colour ? q.orderBy('assignments.deadline').orderBy('assignments.created_at') : q.orderBy('assignments.created_at', 'desc')).orderBy('assignments.id').limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertAssignmentEvent(db: Executor, e: AssignmentEventTable): Promise<void> {
  await db.insertInto('assignment_events').values(e).execute();
}

export function listAssignmentEvents(db: Executor, assignmentId: string) {
  return db.selectFrom('assignment_events').selectAll().where('assignment_id', '=', assignmentId).orderBy('at').orderBy('id').execute();
}

/** Assignments created from a record of another module, e.g. a leader's 批示 on an incoming document. */
export function assignmentsFromSource(db: Executor, sourceType: string, sourceId: string) {
  return db
    .selectFrom('assignments')
    .select(['id', 'serial_year', 'serial_no', 'title', 'state'])
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .orderBy('created_at')
    .execute();
}

/** Items with their names, in no particular order. */
export function getAssignmentsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return withNames(db).where('assignments.id', 'in', ids).execute();
}

/**
 * 督查督办 beyond the item row: cooperating units, sub-tasks, feedbacks, missed feedbacks, notices,
 * the colour log, accountability, circulars, and the board's and the 通报's figures.
 */
import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type {
  AccountabilityRecordTable,
  AssignmentColourLogTable,
  AssignmentFeedbackTable,
  AssignmentNoticeTable,
  AssignmentTaskTable,
  AssignmentUnitTable,
  SupervisionCircularTable,
} from '../schema.ts';
import { inChunks, isPostgres, offsetOf, type Page } from './helpers.ts';

/** States in which an item is with the unit or under review: it carries a colour. */
export const COLOURED_STATES = ['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported', 'office_accepted'];

export async function insertItemUnits(db: Executor, rows: AssignmentUnitTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('assignment_units').values(chunk).execute());
}

export function itemUnits(db: Executor, assignmentIds: readonly string[]) {
  if (!assignmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('assignment_units')
    .innerJoin('units', 'units.id', 'assignment_units.unit_id')
    .select(['assignment_units.assignment_id', 'assignment_units.unit_id', 'assignment_units.role', 'units.name as unit_name'])
    .where('assignment_units.assignment_id', 'in', assignmentIds)
    .orderBy('units.sort_order')
    .orderBy('units.name')
    .execute();
}

export async function insertTasks(db: Executor, rows: AssignmentTaskTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('assignment_tasks').values(chunk).execute());
}

export function listTasks(db: Executor, assignmentId: string) {
  return db
    .selectFrom('assignment_tasks')
    .leftJoin('units', 'units.id', 'assignment_tasks.owner_unit_id')
    .selectAll('assignment_tasks')
    .select('units.name as owner_unit_name')
    .where('assignment_tasks.assignment_id', '=', assignmentId)
    .orderBy('assignment_tasks.seq')
    .execute();
}

export async function updateTaskValue(db: Executor, id: string, value: number, at: string): Promise<void> {
  await db.updateTable('assignment_tasks').set({ current_value: value, updated_at: at }).where('id', '=', id).execute();
}

export async function insertFeedback(db: Executor, row: AssignmentFeedbackTable): Promise<void> {
  await db.insertInto('assignment_feedbacks').values(row).execute();
}

export function listFeedbacks(db: Executor, assignmentId: string) {
  return db
    .selectFrom('assignment_feedbacks')
    .innerJoin('units', 'units.id', 'assignment_feedbacks.unit_id')
    .selectAll('assignment_feedbacks')
    .select('units.name as unit_name')
    .where('assignment_feedbacks.assignment_id', '=', assignmentId)
    .orderBy('assignment_feedbacks.at', 'desc')
    .orderBy('assignment_feedbacks.id', 'desc')
    .execute();
}

/** The newest lead-unit feedback of each item (for the board's attention list). */
export async function latestFeedbacks(db: Executor, assignmentIds: readonly string[]) {
  if (!assignmentIds.length) return [];
  return db
    .selectFrom('assignment_feedbacks as f')
    .innerJoin('units', 'units.id', 'f.unit_id')
    .select(['f.assignment_id', 'f.text', 'f.at', 'units.name as unit_name'])
    .where('f.assignment_id', 'in', assignmentIds)
    .where('f.kind', '!=', 'contribution')
    .where(({ eb, selectFrom }) =>
      eb('f.at', '=', selectFrom('assignment_feedbacks as g').select((e) => e.fn.max('g.at').as('m')).whereRef('g.assignment_id', '=', 'f.assignment_id').where('g.kind', '!=', 'contribution')),
    )
    .execute();
}

export async function insertMiss(db: Executor, row: { assignment_id: string; due_date: string; unit_id: string; recorded_at: string }): Promise<void> {
  await db.insertInto('assignment_feedback_misses').values(row).onConflict((oc) => oc.columns(['assignment_id', 'due_date']).doNothing()).execute();
}

export async function insertNotice(db: Executor, row: AssignmentNoticeTable): Promise<void> {
  await db.insertInto('assignment_notices').values(row).execute();
}

export function listNotices(db: Executor, assignmentId: string) {
  return db
    .selectFrom('assignment_notices')
    .innerJoin('units', 'units.id', 'assignment_notices.unit_id')
    .select(['assignment_notices.id', 'assignment_notices.kind', 'assignment_notices.number_text', 'assignment_notices.created_at', 'assignment_notices.created_by_name', 'units.name as unit_name'])
    .where('assignment_notices.assignment_id', '=', assignmentId)
    .orderBy('assignment_notices.created_at')
    .orderBy('assignment_notices.id')
    .execute();
}

export function getNotice(db: Executor, assignmentId: string, noticeId: string) {
  return db.selectFrom('assignment_notices').selectAll().where('assignment_id', '=', assignmentId).where('id', '=', noticeId).executeTakeFirst();
}

export async function insertColourLog(db: Executor, row: AssignmentColourLogTable): Promise<void> {
  await db.insertInto('assignment_colour_log').values(row).execute();
}

/** One page of items that carry a colour, in id order (the daily sweep walks them all). */
export function colouredItemsAfter(db: Executor, afterId: string, limit: number) {
  return db.selectFrom('assignments').selectAll().where('state', 'in', COLOURED_STATES).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export interface BoardFilter {
  unitId?: string;
  leaderId?: string;
  sourceKind?: string;
  level?: string;
  clearedLevels: string[];
}

/** The board's filters, on any query over `assignments`. */
function filtered(db: Executor, f: BoardFilter) {
  let q = db.selectFrom('assignments').where('assignments.classification', 'in', f.clearedLevels);
  if (f.unitId) q = q.where('assignments.assignee_unit_id', '=', f.unitId);
  if (f.leaderId) q = q.where('assignments.leader_id', '=', f.leaderId);
  if (f.sourceKind) q = q.where('assignments.source_kind', '=', f.sourceKind);
  if (f.level) q = q.where('assignments.level', '=', f.level);
  return q;
}

const boardBase = (db: Executor, f: BoardFilter) => filtered(db, f).where('assignments.colour', 'is not', null);

/** Open items counted by colour and by one grouping column. */
export async function boardCounts(db: Executor, f: BoardFilter, by: 'assignee_unit_id' | 'leader_id' | 'source_kind') {
  const rows = await boardBase(db, f)
    .select([`assignments.${by} as key` as any, 'assignments.colour', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([`assignments.${by}` as any, 'assignments.colour'])
    .execute();
  return (rows as unknown as { key: string; colour: string; n: number | string }[]).map((r) => ({ key: r.key, colour: r.colour, n: Number(r.n) }));
}

export async function countRegistered(db: Executor, f: BoardFilter): Promise<number> {
  const r = await filtered(db, f).where('assignments.state', '=', 'registered').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countCompletedBetween(db: Executor, f: BoardFilter, fromInstant: string, toInstant: string): Promise<number> {
  const r = await filtered(db, f)
    .where('assignments.completed_at', '>=', fromInstant)
    .where('assignments.completed_at', '<', toInstant)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Red then yellow items, earliest deadline first: two index walks on (colour, deadline), not a sort of them all. */
export async function attentionItems(db: Executor, f: BoardFilter, limit: number) {
  const of = (colour: string, n: number) =>
    boardBase(db, f).where('assignments.colour', '=', colour).select('assignments.id').orderBy('assignments.deadline').orderBy('assignments.id').limit(n).execute();
  const red = await of('red', limit);
  return red.length < limit ? [...red, ...(await of('yellow', limit - red.length))] : red;
}

/** Distinct items per unit that turned red between two instants (colour log). */
export async function redTurnsByUnit(db: Executor, fromInstant: string, toInstant: string) {
  const rows = await db
    .selectFrom('assignment_colour_log')
    .select(['unit_id', (eb) => eb.fn.count<number>('assignment_id').distinct().as('n')])
    .where('colour', '=', 'red')
    .where('at', '>=', fromInstant)
    .where('at', '<', toInstant)
    .groupBy('unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, n: Number(r.n) }));
}

/** Items (with their unit) that turned red between two instants. */
export function redTurnItems(db: Executor, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('assignment_colour_log')
    .select(['assignment_id', 'unit_id'])
    .distinct()
    .where('colour', '=', 'red')
    .where('at', '>=', fromInstant)
    .where('at', '<', toInstant)
    .execute();
}

export async function dispatchedByUnit(db: Executor, fromInstant: string, toInstant: string) {
  const rows = await db
    .selectFrom('assignments')
    .select(['assignee_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('dispatched_at', '>=', fromInstant)
    .where('dispatched_at', '<', toInstant)
    .where('state', '!=', 'cancelled')
    .groupBy('assignee_unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.assignee_unit_id, n: Number(r.n) }));
}

/** Items 销号 between two instants, with what on-time needs. */
export function completedBetween(db: Executor, fromInstant: string, toInstant: string) {
  return db
    .selectFrom('assignments')
    .select(['id', 'assignee_unit_id', 'completed_at', 'deadline'])
    .where('completed_at', '>=', fromInstant)
    .where('completed_at', '<', toInstant)
    .execute();
}

const OPEN_OR_REVIEW = ['registered', ...COLOURED_STATES];

/** `column < value` that SQLite's planner must not answer from the column's index (a unary +); PostgreSQL plans well without the hint and has no + for text. */
function beforeWithoutIndex(db: Executor, column: string, value: string) {
  return isPostgres(db) ? sql<boolean>`${sql.ref(column)} < ${value}` : sql<boolean>`+${sql.ref(column)} < ${value}`;
}

/**
 * Items open at `endInstant` (dispatched by then, not 销号 by then, not cancelled) whose deadline was before
 * `endDate`: those still open now, plus those 销号 since. Two index-friendly halves instead of one OR, which
 * made the planner walk every dispatched item; the `+` keeps it off the dispatched_at index.
 */
export async function overdueAt(db: Executor, endInstant: string, endDate: string) {
  const base = () =>
    db
      .selectFrom('assignments')
      .innerJoin('units', 'units.id', 'assignments.assignee_unit_id')
      .select(['assignments.id', 'assignments.serial_year', 'assignments.serial_no', 'assignments.title', 'assignments.assignee_unit_id', 'assignments.deadline', 'assignments.colour', 'units.name as unit_name'])
      .where('assignments.deadline', '<', endDate)
      .where(beforeWithoutIndex(db, 'assignments.dispatched_at', endInstant));
  const [open, closedSince] = await Promise.all([
    base().where('assignments.state', 'in', OPEN_OR_REVIEW).execute(),
    base().where('assignments.completed_at', '>=', endInstant).execute(),
  ]);
  return [...open, ...closedSince];
}

/** Items dispatched before `endInstant` and neither 销号 nor cancelled by then (the same two halves). */
export async function countOpenAt(db: Executor, endInstant: string): Promise<number> {
  const count = (q: ReturnType<typeof openBase>) => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const openBase = () => db.selectFrom('assignments').where(beforeWithoutIndex(db, 'dispatched_at', endInstant));
  const [open, closedSince] = await Promise.all([count(openBase().where('state', 'in', OPEN_OR_REVIEW)), count(openBase().where('completed_at', '>=', endInstant))]);
  return open + closedSince;
}

export async function missesByUnit(db: Executor, fromDate: string, toDate: string) {
  const rows = await db
    .selectFrom('assignment_feedback_misses')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('due_date', '>=', fromDate)
    .where('due_date', '<=', toDate)
    .groupBy('unit_id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, n: Number(r.n) }));
}

export function itemsBrief(db: Executor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.assignee_unit_id')
    .select(['assignments.id', 'assignments.serial_year', 'assignments.serial_no', 'assignments.title', 'assignments.assignee_unit_id', 'assignments.deadline', 'assignments.colour', 'assignments.colour_reasons', 'assignments.classification', 'units.name as unit_name'])
    .where('assignments.id', 'in', ids)
    .execute();
}

export async function insertAccountability(db: Executor, row: AccountabilityRecordTable, assignmentIds: readonly string[]): Promise<void> {
  await db.insertInto('accountability_records').values(row).execute();
  await inChunks(
    assignmentIds.map((assignment_id) => ({ record_id: row.id, assignment_id })),
    (chunk) => db.insertInto('accountability_items').values(chunk).execute(),
  );
}

export async function listAccountability(db: Executor, f: { unitId?: string; assignmentId?: string }, page: Page) {
  let q = db.selectFrom('accountability_records as r').innerJoin('units', 'units.id', 'r.unit_id').leftJoin('users', 'users.id', 'r.created_by');
  if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
  if (f.assignmentId) {
    const id = f.assignmentId;
    q = q.where('r.id', 'in', (eb) => eb.selectFrom('accountability_items').select('record_id').where('assignment_id', '=', id));
  }
  const [items, total] = await Promise.all([
    q.selectAll('r').select(['units.name as unit_name', 'users.display_name as creator_name']).orderBy('r.created_at', 'desc').orderBy('r.id').limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function accountabilityItems(db: Executor, recordIds: readonly string[]) {
  if (!recordIds.length) return Promise.resolve([]);
  return db
    .selectFrom('accountability_items as i')
    .innerJoin('assignments as a', 'a.id', 'i.assignment_id')
    .select(['i.record_id', 'a.id', 'a.serial_year', 'a.serial_no', 'a.title', 'a.classification'])
    .where('i.record_id', 'in', recordIds)
    .execute();
}

export async function insertCircular(db: Executor, row: SupervisionCircularTable): Promise<void> {
  await db.insertInto('supervision_circulars').values(row).execute();
}

export async function listCirculars(db: Executor, page: Page) {
  const [items, total] = await Promise.all([
    db.selectFrom('supervision_circulars').select(['id', 'title', 'period_start', 'period_end', 'auto', 'document_id', 'created_at', 'created_by_name']).orderBy('created_at', 'desc').orderBy('id').limit(page.pageSize).offset(offsetOf(page)).execute(),
    db.selectFrom('supervision_circulars').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function getCircular(db: Executor, id: string) {
  return db.selectFrom('supervision_circulars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function autoCircularFor(db: Executor, start: string, end: string) {
  return db.selectFrom('supervision_circulars').select('id').where('period_start', '=', start).where('period_end', '=', end).where('auto', '=', 1).executeTakeFirst();
}

export async function setCircularDocument(db: Executor, id: string, documentId: string): Promise<void> {
  await db.updateTable('supervision_circulars').set({ document_id: documentId }).where('id', '=', id).execute();
}

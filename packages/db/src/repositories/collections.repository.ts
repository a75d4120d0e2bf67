/**
 * 情况征集: collections (a form sent to units), one row per unit sent to with its values as JSON, and the few
 * inbox reads and writes particular to them (催报 to-dos refreshed rather than repeated, due dates following
 * the deadline).
 */
import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type { CollectionTable, CollectionUnitTable } from '../schema.ts';
import { containsText, inChunks, isPostgres, offsetOf, type Page } from './helpers.ts';

export async function insertCollection(db: Executor, row: CollectionTable): Promise<void> {
  await db.insertInto('collections').values(row).execute();
}

export async function updateCollection(db: Executor, id: string, patch: Partial<Omit<CollectionTable, 'id'>>): Promise<void> {
  await db.updateTable('collections').set(patch).where('id', '=', id).execute();
}

/** A collection with the title of the meeting it is attached to. */
export function getCollection(db: Executor, id: string) {
  return db
    .selectFrom('collections')
    .leftJoin('meetings', 'meetings.id', 'collections.meeting_id')
    .selectAll('collections')
    .select('meetings.title as meeting_title')
    .where('collections.id', '=', id)
    .executeTakeFirst();
}

/** The collection row, locked for the rest of the transaction on PostgreSQL (SQLite has one writer anyway). */
export function lockCollection(db: Executor, id: string) {
  const q = db.selectFrom('collections').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/** Who may see which collections: the office all, the committee's leaders those sent, a unit those sent to it. */
export type CollectionScope = { kind: 'all' } | { kind: 'sent' } | { kind: 'units'; unitIds: readonly string[] };

export interface CollectionFilter {
  state?: string;
  q?: string;
}

export async function listCollections(db: Executor, scope: CollectionScope, f: CollectionFilter, page: Page) {
  let q = db.selectFrom('collections').leftJoin('meetings', 'meetings.id', 'collections.meeting_id');
  if (scope.kind !== 'all') q = q.where('collections.state', '!=', 'draft');
  if (scope.kind === 'units') {
    if (!scope.unitIds.length) return { items: [], total: 0 };
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('collection_units as cu').select('cu.id').whereRef('cu.collection_id', '=', 'collections.id').where('cu.unit_id', 'in', scope.unitIds)),
    );
  }
  if (f.state) q = q.where('collections.state', '=', f.state);
  if (f.q) q = q.where(containsText('collections.title', f.q));
  const [items, total] = await Promise.all([
    q
      .selectAll('collections')
      .select('meetings.title as meeting_title')
      .orderBy('collections.created_at', 'desc')
      .orderBy('collections.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Per collection and unit state: how many units, and how many of them submitted after the deadline. */
export async function stateCounts(db: Executor, collectionIds: readonly string[]) {
  if (!collectionIds.length) return [];
  const rows = await db
    .selectFrom('collection_units as cu')
    .innerJoin('collections as c', 'c.id', 'cu.collection_id')
    .select((eb) => [
      'cu.collection_id',
      'cu.state',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when(sql<boolean>`cu.submitted_at > c.deadline`).then(1).else(0).end()).as('late_submitted'),
    ])
    .where('cu.collection_id', 'in', collectionIds)
    .groupBy(['cu.collection_id', 'cu.state'])
    .execute();
  return rows.map((r) => ({ collection_id: r.collection_id, state: r.state, n: Number(r.n), late_submitted: Number(r.late_submitted ?? 0) }));
}

export async function insertCollectionUnits(db: Executor, rows: CollectionUnitTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('collection_units').values(chunk).execute());
}

/** Only while the collection is a draft: its units are replaced as a whole. */
export async function deleteCollectionUnits(db: Executor, collectionId: string): Promise<void> {
  await db.deleteFrom('collection_units').where('collection_id', '=', collectionId).execute();
}

const UNIT_COLUMNS = [
  'cu.id', 'cu.collection_id', 'cu.unit_id', 'cu.seq', 'cu.state', 'cu.saved_at', 'cu.saved_by', 'cu.submitted_at', 'cu.submitted_by',
  'cu.returned_at', 'cu.returned_reason', 'cu.return_count', 'cu.reminded_count', 'cu.last_reminded_at',
] as const;

/** The units a collection was sent to, in the order sent, with their names (values left out). */
export function collectionUnits(db: Executor, collectionId: string) {
  return db
    .selectFrom('collection_units as cu')
    .innerJoin('units', 'units.id', 'cu.unit_id')
    .select([...UNIT_COLUMNS, 'units.name as unit_name'])
    .where('cu.collection_id', '=', collectionId)
    .orderBy('cu.seq')
    .execute();
}

/**
 * What the summary depends on in the units' rows, as one short text: any submission, return, save or unit
 * added changes it. The summary is kept while it stays the same (see computeSummary).
 */
export async function summaryStamp(db: Executor, collectionId: string): Promise<string> {
  const r = await db
    .selectFrom('collection_units')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('saved_at').as('saved'),
      eb.fn.max('submitted_at').as('submitted'),
      eb.fn.max('returned_at').as('returned'),
      eb.fn.sum<number>('return_count').as('returns'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'submitted').then(1).else(0).end()).as('in'),
    ])
    .where('collection_id', '=', collectionId)
    .executeTakeFirstOrThrow();
  return [r.n, r.saved, r.submitted, r.returned, r.returns, r.in].map((x) => String(x ?? '')).join('|');
}

/** The same with each unit's values (the summary: one query, every submission). */
export function collectionUnitsWithData(db: Executor, collectionId: string) {
  return db
    .selectFrom('collection_units as cu')
    .innerJoin('units', 'units.id', 'cu.unit_id')
    .select([...UNIT_COLUMNS, 'cu.data', 'units.name as unit_name'])
    .where('cu.collection_id', '=', collectionId)
    .orderBy('cu.seq')
    .execute();
}

export function getCollectionUnit(db: Executor, collectionId: string, unitId: string) {
  return db
    .selectFrom('collection_units as cu')
    .innerJoin('units', 'units.id', 'cu.unit_id')
    .select([...UNIT_COLUMNS, 'cu.data', 'units.name as unit_name'])
    .where('cu.collection_id', '=', collectionId)
    .where('cu.unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function updateCollectionUnit(db: Executor, id: string, patch: Partial<Omit<CollectionUnitTable, 'id' | 'collection_id' | 'unit_id'>>): Promise<void> {
  await db.updateTable('collection_units').set(patch).where('id', '=', id).execute();
}

/** Marks units reminded (催报): one more reminder each, at `at`. */
export async function markReminded(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('collection_units')
    .set({ reminded_count: sql<number>`reminded_count + 1`, last_reminded_at: at })
    .where('id', 'in', ids)
    .execute();
}

/** The entries of some units in some collections (a unit user's own row in the list). */
export function entriesOfUnits(db: Executor, collectionIds: readonly string[], unitIds: readonly string[]) {
  if (!collectionIds.length || !unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('collection_units as cu')
    .innerJoin('units', 'units.id', 'cu.unit_id')
    .select([...UNIT_COLUMNS, 'units.name as unit_name'])
    .where('cu.collection_id', 'in', collectionIds)
    .where('cu.unit_id', 'in', unitIds)
    .orderBy('cu.seq')
    .execute();
}

/** The collections attached to a meeting, with how many units have submitted of how many. */
export async function collectionsOfMeeting(db: Executor, meetingId: string) {
  const rows = await db
    .selectFrom('collections as c')
    .leftJoin('collection_units as cu', 'cu.collection_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.title',
      'c.state',
      eb.fn.count<number>('cu.id').as('total'),
      eb.fn.sum<number>(eb.case().when('cu.state', '=', 'submitted').then(1).else(0).end()).as('submitted'),
    ])
    .where('c.meeting_id', '=', meetingId)
    .groupBy(['c.id', 'c.title', 'c.state', 'c.created_at'])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, state: r.state, submitted: Number(r.submitted ?? 0), total: Number(r.total) }));
}

/** What a collection needs to know of a meeting it is attached to. */
export function meetingBrief(db: Executor, meetingId: string) {
  return db.selectFrom('meetings').select(['id', 'title', 'state']).where('id', '=', meetingId).executeTakeFirst();
}

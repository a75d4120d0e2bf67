/** 信访: cases, their people and deadlines, petitioners, matches and similarity bands, figures. */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../database.ts';
import type { Database as DB } from '../schema.ts';
import type { PetitionDeadlineTable, PetitionerTable, PetitionEventTable, PetitionFileTable, PetitionLinkTable, PetitionTable } from '../schema.ts';
import { containsText, inChunks, isPostgres, offsetOf, type Page } from './helpers.ts';

export const OPEN_PETITION_STATES = ['registered', 'handling', 'extension_requested', 'replied', 'review', 'review_decided', 'recheck'];

export function categories(db: Executor) {
  return db.selectFrom('petition_categories').selectAll().orderBy('sort_order').orderBy('name').execute();
}
export async function insertCategory(db: Executor, row: { id: string; name: string; sort_order: number; disabled: number }) {
  await db.insertInto('petition_categories').values(row).execute();
}
export async function updateCategory(db: Executor, id: string, patch: Partial<{ name: string; sort_order: number; disabled: number }>) {
  await db.updateTable('petition_categories').set(patch).where('id', '=', id).execute();
}

export function findPetitionerByHash(db: Executor, idHash: string | null, phoneHash: string | null) {
  if (!idHash && !phoneHash) return Promise.resolve(undefined);
  return db
    .selectFrom('petitioners')
    .selectAll()
    .where((eb) => eb.or([...(idHash ? [eb('id_number_hash', '=', idHash)] : []), ...(phoneHash ? [eb('phone_hash', '=', phoneHash)] : [])]))
    .orderBy(sql`case when id_number_hash is not null then 0 else 1 end`)
    .executeTakeFirst();
}
export async function insertPetitioner(db: Executor, row: PetitionerTable) {
  await db.insertInto('petitioners').values(row).execute();
}
export async function updatePetitioner(db: Executor, id: string, patch: Partial<PetitionerTable>) {
  await db.updateTable('petitioners').set(patch).where('id', '=', id).execute();
}
export function petitionersByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('petitioners').selectAll().where('id', 'in', ids).execute();
}

export async function insertPetition(db: Executor, row: PetitionTable) {
  await db.insertInto('petitions').values(row).execute();
}
export async function updatePetition(db: Executor, id: string, patch: Partial<PetitionTable>) {
  await db.updateTable('petitions').set(patch).where('id', '=', id).execute();
}
export function getPetition(db: Executor, id: string) {
  return db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
}
export function lockPetition(db: Executor, id: string) {
  const q = db.selectFrom('petitions').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}
export function petitionByQueryHash(db: Executor, hash: string) {
  return db.selectFrom('petitions').selectAll().where('query_code_hash', '=', hash).executeTakeFirst();
}

export async function insertPeople(db: Executor, rows: { petition_id: string; petitioner_id: string; role: string; seq: number }[]) {
  await inChunks(rows, (chunk) => db.insertInto('petition_people').values(chunk).execute());
}
export function peopleOf(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition_people')
    .innerJoin('petitioners', 'petitioners.id', 'petition_people.petitioner_id')
    .select(['petition_people.role', 'petition_people.seq', 'petitioners.id', 'petitioners.name', 'petitioners.id_number_masked', 'petitioners.phone_masked', 'petitioners.address', 'petitioners.id_number_enc', 'petitioners.phone_enc'])
    .where('petition_people.petition_id', '=', petitionId)
    .orderBy('petition_people.role')
    .orderBy('petition_people.seq')
    .execute();
}

export async function upsertDeadline(db: Executor, row: PetitionDeadlineTable) {
  await db
    .insertInto('petition_deadlines')
    .values(row)
    .onConflict((oc) => oc.columns(['petition_id', 'kind']).doUpdateSet({ due: row.due, rule: row.rule, met_at: row.met_at }))
    .execute();
}
export async function meetDeadline(db: Executor, petitionId: string, kind: string, at: string) {
  await db.updateTable('petition_deadlines').set({ met_at: at }).where('petition_id', '=', petitionId).where('kind', '=', kind).where('met_at', 'is', null).execute();
}
export function deadlinesOf(db: Executor, petitionIds: readonly string[]) {
  if (!petitionIds.length) return Promise.resolve([]);
  return db.selectFrom('petition_deadlines').selectAll().where('petition_id', 'in', petitionIds).orderBy('due').execute();
}

export async function insertEvent(db: Executor, row: PetitionEventTable) {
  await db.insertInto('petition_events').values(row).execute();
}
export function eventsOf(db: Executor, petitionId: string) {
  return db.selectFrom('petition_events').selectAll().where('petition_id', '=', petitionId).orderBy('at').orderBy('id').execute();
}

export async function insertDocument(db: Executor, row: { id: string; petition_id: string; kind: string; content: string; created_at: string }) {
  await db.insertInto('petition_documents').values(row).execute();
}
export function documentsOf(db: Executor, petitionId: string) {
  return db.selectFrom('petition_documents').select(['id', 'kind', 'created_at']).where('petition_id', '=', petitionId).orderBy('created_at').execute();
}
export function getDocument(db: Executor, petitionId: string, docId: string) {
  return db.selectFrom('petition_documents').selectAll().where('petition_id', '=', petitionId).where('id', '=', docId).executeTakeFirst();
}

export async function insertBands(db: Executor, petitionId: string, bands: readonly string[]) {
  await inChunks([...new Set(bands)].map((band) => ({ band, petition_id: petitionId })), (chunk) => db.insertInto('petition_bands').values(chunk).execute());
}
/** Earlier cases sharing a similarity band with the text, most bands first. */
export async function bandCandidates(db: Executor, bands: readonly string[], excludeId: string, limit: number) {
  if (!bands.length) return [];
  const rows = await db
    .selectFrom('petition_bands')
    .select(['petition_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('band', 'in', bands)
    .where('petition_id', '!=', excludeId)
    .groupBy('petition_id')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.petition_id);
}
export function casesOfPetitioner(db: Executor, petitionerId: string, excludeId: string, limit: number) {
  return db
    .selectFrom('petition_people')
    .select('petition_id')
    .distinct()
    .where('petitioner_id', '=', petitionerId)
    .where('petition_id', '!=', excludeId)
    .limit(limit)
    .execute()
    .then((r) => r.map((x) => x.petition_id));
}
export function casesBrief(db: Executor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('petitions')
    .select(['id', 'serial_year', 'serial_no', 'summary', 'content', 'received_at', 'state', 'is_final', 'petitioner_id', 'kind', 'accused_unit_id', 'matter_id'])
    .where('id', 'in', ids)
    .execute();
}

export async function upsertLinks(db: Executor, rows: PetitionLinkTable[]) {
  for (const row of rows) {
    await db
      .insertInto('petition_links')
      .values(row)
      .onConflict((oc) => oc.columns(['petition_id', 'other_id']).doUpdateSet({ relation: row.relation, reason: row.reason, similarity: row.similarity, decided_by: row.decided_by }))
      .execute();
  }
}
export function linksOf(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition_links')
    .innerJoin('petitions', 'petitions.id', 'petition_links.other_id')
    .select(['petition_links.other_id', 'petition_links.relation', 'petition_links.reason', 'petition_links.similarity', 'petitions.serial_year', 'petitions.serial_no', 'petitions.summary', 'petitions.received_at', 'petitions.state', 'petitions.is_final', 'petitions.kind', 'petitions.accused_unit_id'])
    .where('petition_links.petition_id', '=', petitionId)
    .orderBy('petition_links.similarity', 'desc')
    .execute();
}

export async function nextSerial(db: Executor, year: number): Promise<number> {
  const row = await db
    .insertInto('serial_counters')
    .values({ scope: 'petition', year, last_value: 1 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ last_value: sql`serial_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export interface PetitionScope {
  /** Every case (信访 staff, the office, committee leaders), or only those a unit handles. */
  all: boolean;
  handlingUnitId?: string | null;
  /** 检举控告 against this unit are never shown (第30条). */
  hideAccusedUnitId?: string | null;
}

export interface PetitionFilter {
  state?: string;
  kind?: string;
  channel?: string;
  townshipId?: string;
  categoryId?: string;
  handlingUnitId?: string;
  overdueBefore?: string;
  dueBetween?: [string, string];
  group?: boolean;
  skipLevel?: boolean;
  matterId?: string;
  q?: string;
  from?: string;
  to?: string;
  petitionerIds?: string[];
}

/**
 * The cases a reader may see, filtered. Petitioners are joined only when the search needs their names;
 * the figures count cases alone.
 */
function scoped(db: Executor, scope: PetitionScope, f: PetitionFilter) {
  let q = db.selectFrom('petitions');
  if (!scope.all) q = q.where('petitions.handling_unit_id', '=', scope.handlingUnitId ?? '-');
  if (scope.hideAccusedUnitId) {
    const hidden = scope.hideAccusedUnitId;
    q = q.where((eb) => eb.or([eb('petitions.kind', '!=', 'accusation'), eb('petitions.accused_unit_id', 'is', null), eb('petitions.accused_unit_id', '!=', hidden)]));
  }
  if (f.state) q = q.where('petitions.state', '=', f.state);
  if (f.kind) q = q.where('petitions.kind', '=', f.kind);
  if (f.channel) q = q.where('petitions.channel', '=', f.channel);
  if (f.townshipId) q = q.where('petitions.township_id', '=', f.townshipId);
  if (f.categoryId) q = q.where('petitions.category_id', '=', f.categoryId);
  if (f.handlingUnitId) q = q.where('petitions.handling_unit_id', '=', f.handlingUnitId);
  if (f.overdueBefore) q = q.where('petitions.state', 'in', OPEN_PETITION_STATES).where('petitions.next_due', '<', f.overdueBefore);
  if (f.dueBetween) q = q.where('petitions.state', 'in', OPEN_PETITION_STATES).where('petitions.next_due', '>=', f.dueBetween[0]).where('petitions.next_due', '<=', f.dueBetween[1]);
  if (f.group) q = q.where('petitions.people_count', '>', 1);
  if (f.skipLevel) q = q.where('petitions.skip_level', '=', 1);
  if (f.matterId) q = q.where('petitions.matter_id', '=', f.matterId);
  if (f.from) q = q.where('petitions.received_at', '>=', f.from);
  if (f.to) q = q.where('petitions.received_at', '<=', f.to);
  if (f.petitionerIds) q = q.where('petitions.petitioner_id', 'in', f.petitionerIds.length ? f.petitionerIds : ['-']);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText('petitions.summary', term),
        eb('petitions.petitioner_id', 'in', eb.selectFrom('petitioners').select('petitioners.id').where(containsText('petitioners.name', term))),
        eb(sql<string>`'信〔' || petitions.serial_year || '〕' || petitions.serial_no || '号'`, '=', term),
      ]),
    );
  }
  return q;
}

export async function listPetitions(db: Executor, scope: PetitionScope, f: PetitionFilter, page: Page) {
  const q = scoped(db, scope, f);
  const [items, total] = await Promise.all([
    q
      .innerJoin('petitioners', 'petitioners.id', 'petitions.petitioner_id')
      .selectAll('petitions')
      .select(['petitioners.name as petitioner_name', 'petitioners.id_number_masked', 'petitioners.phone_masked'])
      .orderBy('petitions.received_at', 'desc')
      .orderBy('petitions.created_at', 'desc')
      .orderBy('petitions.id')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * The statistics page's counts in two grouped passes over the period's cases (not one scan per breakdown):
 * by place (category, township, handling unit) and by how (channel, month, evaluation).
 */
export async function periodGroups(db: Executor, scope: PetitionScope, from: string, to: string) {
  const base = () => scoped(db, scope, { from, to });
  const month = sql<string>`substr(petitions.received_at, 1, 7)`;
  const [byPlace, byHow] = await Promise.all([
    base()
      .select(['petitions.category_id', 'petitions.township_id', 'petitions.handling_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['petitions.category_id', 'petitions.township_id', 'petitions.handling_unit_id'])
      .execute(),
    base()
      .select(['petitions.channel', month.as('month'), 'petitions.evaluation', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['petitions.channel', month, 'petitions.evaluation'])
      .execute(),
  ]);
  return {
    byPlace: byPlace.map((r) => ({ categoryId: r.category_id, townshipId: r.township_id, handlingUnitId: r.handling_unit_id, n: Number(r.n) })),
    byHow: byHow.map((r) => ({ channel: r.channel, month: String(r.month), evaluation: r.evaluation, n: Number(r.n) })),
  };
}

/**
 * For each deadline kind falling due in [from, to]: how many were due (met, or past by `today`) and how many
 * were met by the end of their day in Shanghai (an instant before the next day's 00:00 +08:00, i.e. 16:00 UTC).
 */
export async function onTimeByKind(db: Executor, scope: PetitionScope, kinds: readonly string[], from: string, to: string, today: string) {
  let q = db
    .selectFrom('petition_deadlines as d')
    .select([
      'd.kind',
      sql<number>`sum(case when d.met_at is not null or d.due < ${today} then 1 else 0 end)`.as('due'),
      sql<number>`sum(case when d.met_at is not null and d.met_at < d.due || 'T16:00:00' then 1 else 0 end)`.as('met'),
    ])
    .where('d.kind', 'in', kinds)
    .where('d.due', '>=', from)
    .where('d.due', '<=', to)
    .groupBy('d.kind');
  if (!scope.all) q = q.where('d.petition_id', 'in', scoped(db, scope, {}).select('petitions.id'));
  else if (scope.hideAccusedUnitId) {
    // The few cases accusing the reader's unit, from their own index, rather than every case the reader may see.
    const unitId = scope.hideAccusedUnitId;
    q = q.where('d.petition_id', 'not in', db.selectFrom('petitions').select('petitions.id').where('petitions.accused_unit_id', '=', unitId).where('petitions.kind', '=', 'accusation'));
  }
  const rows = await q.execute();
  return rows.map((r) => ({ kind: r.kind, due: Number(r.due), met: Number(r.met) }));
}

/** 第30条: a unit accused in a 检举控告 never learns of it, not even as a count. */
function withoutAccusationsOf<Q extends SelectQueryBuilder<DB, 'petitions', object>>(q: Q, unitId: string | null): Q {
  if (!unitId) return q;
  return q.where((eb) => eb.or([eb('petitions.kind', '!=', 'accusation'), eb('petitions.accused_unit_id', 'is', null), eb('petitions.accused_unit_id', '!=', unitId)])) as Q;
}

/**
 * Group warning: K or more cases on one matter (cases whose texts were found similar share a matter id) from one
 * township received since `since`, with the cases of each, earliest first.
 */
export async function groupClusters(db: Executor, since: string, minCases: number, hideAccusedUnitId: string | null) {
  const groups = await withoutAccusationsOf(db.selectFrom('petitions'), hideAccusedUnitId)
    .select(['township_id', 'matter_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_at', '>=', since)
    .groupBy(['township_id', 'matter_id'])
    .having((eb) => eb.fn.countAll(), '>=', minCases)
    .execute();
  if (!groups.length) return [];
  const cases = await withoutAccusationsOf(db.selectFrom('petitions'), hideAccusedUnitId)
    .select(['id', 'township_id', 'matter_id', 'summary', 'category_id', 'received_at', 'serial_year', 'serial_no'])
    .where('received_at', '>=', since)
    .where('matter_id', 'in', [...new Set(groups.map((g) => g.matter_id ?? '-'))])
    .orderBy('received_at')
    .orderBy('serial_year')
    .orderBy('serial_no')
    .execute();
  return groups
    .map((g) => {
      const mine = cases.filter((c) => c.township_id === g.township_id && c.matter_id === g.matter_id);
      return { townshipId: g.township_id, matterId: g.matter_id ?? '', n: Number(g.n), first: mine[0]?.received_at ?? since, summary: mine[0]?.summary ?? '', categoryIds: [...new Set(mine.map((c) => c.category_id))], caseIds: mine.map((c) => c.id) };
    })
    .sort((a, b) => b.n - a.n || a.first.localeCompare(b.first));
}

/**
 * The matters most petitioned in a period (at least `min` cases, at most `limit` matters, most cases first), each
 * with its cases in the period, earliest first, for their wording, townships and categories.
 */
export async function topMatters(db: Executor, scope: PetitionScope, from: string, to: string, min: number, limit: number) {
  const tops = await scoped(db, scope, { from, to })
    .select(['petitions.matter_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('petitions.matter_id')
    .having((eb) => eb.fn.countAll(), '>=', min)
    .orderBy('n', 'desc')
    .orderBy('petitions.matter_id')
    .limit(limit)
    .execute();
  if (!tops.length) return [];
  const cases = await scoped(db, scope, { from, to })
    .select(['petitions.matter_id', 'petitions.summary', 'petitions.township_id', 'petitions.category_id', 'petitions.received_at'])
    .where('petitions.matter_id', 'in', tops.map((t) => t.matter_id ?? '-'))
    .orderBy('petitions.received_at')
    .orderBy('petitions.serial_year')
    .orderBy('petitions.serial_no')
    .execute();
  return tops.map((t) => ({ matterId: t.matter_id ?? '', n: Number(t.n), cases: cases.filter((c) => c.matter_id === t.matter_id) }));
}

/** Moves every case of one matter into another (the clerk linked two cases as the same matter). */
export async function mergeMatters(db: Executor, from: string, into: string) {
  if (from === into) return;
  await db.updateTable('petitions').set({ matter_id: into }).where('matter_id', '=', from).execute();
}
/** Whether other cases belong to the matter this case started. */
export async function matterHasOthers(db: Executor, petitionId: string) {
  const r = await db.selectFrom('petitions').select('id').where('matter_id', '=', petitionId).where('id', '!=', petitionId).limit(1).executeTakeFirst();
  return !!r;
}
/** Replaces a case's similarity bands (its text changed). */
export async function replaceBands(db: Executor, petitionId: string, bands: readonly string[]) {
  await db.deleteFrom('petition_bands').where('petition_id', '=', petitionId).execute();
  await insertBands(db, petitionId, bands);
}

/** Petitioners with `min` or more visits (来访) since `since`. */
export async function frequentVisitors(db: Executor, since: string, min: number, hideAccusedUnitId: string | null) {
  const rows = await withoutAccusationsOf(db.selectFrom('petitions'), hideAccusedUnitId)
    .innerJoin('petitioners', 'petitioners.id', 'petitions.petitioner_id')
    .select(['petitions.petitioner_id', 'petitioners.name', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('petitions.received_at').as('first')])
    .where('petitions.received_at', '>=', since)
    .where('petitions.channel', '=', 'visit')
    .groupBy(['petitions.petitioner_id', 'petitioners.name'])
    .having((eb) => eb.fn.countAll(), '>=', min)
    .orderBy('n', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ petitionerId: r.petitioner_id, name: r.name, n: Number(r.n), first: String(r.first) }));
}

export async function openTotals(db: Executor, scope: PetitionScope, today: string, soon: string) {
  const r = await scoped(db, scope, {})
    .where('petitions.state', 'in', OPEN_PETITION_STATES)
    .select([
      (eb) => eb.fn.countAll<number>().as('open'),
      sql<number>`sum(case when petitions.next_due < ${today} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when petitions.next_due >= ${today} and petitions.next_due <= ${soon} then 1 else 0 end)`.as('due_soon'),
      sql<number>`sum(case when petitions.people_count > 1 then 1 else 0 end)`.as('grp'),
      sql<number>`sum(case when petitions.skip_level = 1 then 1 else 0 end)`.as('skip'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(r.open), overdue: Number(r.overdue ?? 0), dueSoon: Number(r.due_soon ?? 0), group: Number(r.grp ?? 0), skipLevel: Number(r.skip ?? 0) };
}

// ── files on a case ─────────────────────────────────────────────────────────────

/** A case's files with who added them (name and unit), oldest first. */
export function filesOfPetition(db: Executor, petitionId: string) {
  return db
    .selectFrom('petition_files')
    .innerJoin('files', 'files.id', 'petition_files.file_id')
    .leftJoin('users', 'users.id', 'petition_files.added_by')
    .leftJoin('units', 'units.id', 'petition_files.added_by_unit_id')
    .leftJoin('file_links', (j) => j.onRef('file_links.file_id', '=', 'petition_files.file_id').on('file_links.entity_type', '=', 'petition').onRef('file_links.entity_id', '=', 'petition_files.petition_id'))
    .select(['files.id', 'files.name', 'files.size', 'petition_files.kind', 'petition_files.added_by', 'petition_files.added_at', 'users.display_name as added_by_name', 'units.name as added_by_unit_name', 'units.short_name as added_by_unit_short_name'])
    .where('petition_files.petition_id', '=', petitionId)
    .orderBy('petition_files.added_at')
    // Within one instant, in the order attached: the attach event's id is time-ordered; files given at registration have none and come first.
    .orderBy(sql`coalesce(file_links.event_id, '')`)
    .orderBy('files.id')
    .execute();
}
export function getPetitionFile(db: Executor, petitionId: string, fileId: string) {
  return db.selectFrom('petition_files').selectAll().where('petition_id', '=', petitionId).where('file_id', '=', fileId).executeTakeFirst();
}
/** Attaches files to a case, with the `file_links` rows through which the files module finds the case a file belongs to. */
export async function addPetitionFiles(db: Executor, rows: (PetitionFileTable & { event_id: string | null })[]) {
  if (!rows.length) return;
  await db.insertInto('petition_files').values(rows.map(({ event_id: _eventId, ...row }) => row)).execute();
  await db
    .insertInto('file_links')
    .values(rows.map((r) => ({ file_id: r.file_id, entity_type: 'petition', entity_id: r.petition_id, event_id: r.event_id, created_at: r.added_at })))
    .execute();
}
/** Takes a file off a case, and its `file_links` row with it. */
export async function removePetitionFile(db: Executor, petitionId: string, fileId: string) {
  await db.deleteFrom('petition_files').where('petition_id', '=', petitionId).where('file_id', '=', fileId).execute();
  await db.deleteFrom('file_links').where('file_id', '=', fileId).where('entity_type', '=', 'petition').where('entity_id', '=', petitionId).execute();
}

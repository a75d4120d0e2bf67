import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from '../database.ts';
import type {
  Database,
  DocumentCommentTable,
  DocumentDistributionTable,
  DocumentEventTable,
  DocumentParticipantTable,
  DocumentTable,
  DocumentVersionTable,
} from '../schema.ts';
import { containsText, inChunks, isPostgres, offsetOf, type Page } from './helpers.ts';

export async function insertDocument(db: Executor, d: DocumentTable): Promise<void> {
  await db.insertInto('documents').values(d).execute();
}

export async function updateDocument(db: Executor, id: string, patch: Partial<Omit<DocumentTable, 'id'>>): Promise<void> {
  await db.updateTable('documents').set(patch).where('id', '=', id).execute();
}

export function getDocument(db: Executor, id: string) {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked for the transaction on PostgreSQL (SQLite transactions already run one at a time). */
export function lockDocument(db: Executor, id: string) {
  const q = db.selectFrom('documents').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

// ---- versions -------------------------------------------------------------------------------

export async function insertVersion(db: Executor, v: DocumentVersionTable): Promise<void> {
  await db.insertInto('document_versions').values(v).execute();
}

export function listVersions(db: Executor, documentId: string) {
  return db
    .selectFrom('document_versions')
    .select(['version_no', 'step', 'author_id', 'author_name', 'created_at'])
    .where('document_id', '=', documentId)
    .orderBy('version_no')
    .execute();
}

export function getVersion(db: Executor, documentId: string, versionNo: number) {
  return db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).where('version_no', '=', versionNo).executeTakeFirst();
}

export function latestVersion(db: Executor, documentId: string) {
  return db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).orderBy('version_no', 'desc').limit(1).executeTakeFirst();
}

// ---- participants ---------------------------------------------------------------------------

export async function insertParticipants(db: Executor, rows: DocumentParticipantTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('document_participants').values(chunk).execute());
}

export function listParticipants(db: Executor, documentId: string) {
  return db
    .selectFrom('document_participants as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('units as n', 'n.id', 'p.unit_id')
    .selectAll('p')
    .select(['u.display_name as user_name', 'n.name as unit_name'])
    .where('p.document_id', '=', documentId)
    .orderBy('p.round')
    .orderBy('p.kind')
    .orderBy('p.seq')
    .orderBy('p.created_at')
    .execute();
}

export async function updateParticipant(db: Executor, id: string, patch: Partial<Omit<DocumentParticipantTable, 'id' | 'document_id'>>): Promise<void> {
  await db.updateTable('document_participants').set(patch).where('id', '=', id).execute();
}

/** Pending parties of several documents at once, for the "who holds it now" column of a register page. */
export function pendingParticipantsOf(db: Executor, documentIds: string[]) {
  if (!documentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('document_participants as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('units as n', 'n.id', 'p.unit_id')
    .select(['p.document_id', 'p.kind', 'u.display_name as user_name', 'n.name as unit_name'])
    .where('p.document_id', 'in', documentIds)
    .where('p.status', '=', 'pending')
    .where('p.kind', 'in', ['countersign', 'signer', 'instructor'])
    .execute();
}

// ---- distributions --------------------------------------------------------------------------

export async function insertDistributions(db: Executor, rows: DocumentDistributionTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('document_distributions').values(chunk).execute());
}

export async function deleteDistributions(db: Executor, documentId: string): Promise<void> {
  await db.deleteFrom('document_distributions').where('document_id', '=', documentId).execute();
}

export function listDistributions(db: Executor, documentId: string) {
  return db.selectFrom('document_distributions').selectAll().where('document_id', '=', documentId).orderBy('seq').execute();
}

export async function updateDistribution(db: Executor, id: string, patch: Partial<Omit<DocumentDistributionTable, 'id' | 'document_id'>>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('document_distributions').set(patch).where('id', '=', id).execute();
}

export function distributionOfIncoming(db: Executor, incomingDocumentId: string) {
  return db.selectFrom('document_distributions').selectAll().where('incoming_document_id', '=', incomingDocumentId).executeTakeFirst();
}

// ---- events and comments --------------------------------------------------------------------

export async function insertEvents(db: Executor, rows: DocumentEventTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('document_events').values(chunk).execute());
}

export function listEvents(db: Executor, documentId: string) {
  return db.selectFrom('document_events').selectAll().where('document_id', '=', documentId).orderBy('at').orderBy('id').execute();
}

export async function insertComment(db: Executor, c: DocumentCommentTable): Promise<void> {
  await db.insertInto('document_comments').values(c).execute();
}

export function listComments(db: Executor, documentId: string) {
  return db.selectFrom('document_comments').selectAll().where('document_id', '=', documentId).orderBy('created_at').execute();
}

export function getComment(db: Executor, id: string) {
  return db.selectFrom('document_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveComment(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('document_comments').set({ resolved_at: at }).where('id', '=', id).execute();
}

export async function insertDocuments(db: Executor, rows: DocumentTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('documents').values(chunk).execute());
}

// ---- registers ------------------------------------------------------------------------------

/**
 * Who may see which documents in a register: clerks see their units' documents; anyone sees the
 * documents they drafted, review, chase or take part in (会签, 签发, 批示, 传阅, 协办), and a lead
 * unit's clerks see what it handles. Always within the user's 密级 clearance.
 */
export interface DocumentScope {
  userId: string;
  clerkUnitIds: string[];
  unitId: string | null;
  isClerk: boolean;
  clearedLevels: string[];
}

export interface DocumentFilter {
  direction: 'outgoing' | 'incoming';
  /** [from, to) instants bounding created_at, for the year filter. */
  createdBetween?: [string, string];
  unitId?: string;
  docType?: string;
  state?: string;
  urgency?: string;
  overdueBefore?: string;
  q?: string;
  ids?: string[];
}

/**
 * The ways a user is involved in a document other than keeping their unit's register: drafted it,
 * reviews or chases it, takes part in a step, or their unit leads its handling. Every term is a plain
 * column test or an IN over a small set, so both databases answer it from indexes (SQLite unions the
 * index lookups); a correlated EXISTS here made a county register take seconds.
 */
function involvementTerms(eb: ExpressionBuilder<Database, 'documents'>, scope: DocumentScope) {
  const participations = eb
    .selectFrom('document_participants as p')
    .select('p.document_id')
    .where((w) => {
      const who = [w('p.user_id', '=', scope.userId)];
      if (scope.isClerk && scope.unitId) who.push(w('p.unit_id', '=', scope.unitId));
      return w.or(who);
    });
  const terms = [
    eb.and([eb('documents.direction', '=', 'outgoing'), eb('documents.created_by', '=', scope.userId)]),
    eb('documents.reviewer_id', '=', scope.userId),
    eb('documents.chaser_id', '=', scope.userId),
    eb('documents.id', 'in', participations),
  ];
  if (scope.isClerk && scope.unitId) terms.push(eb('documents.lead_unit_id', '=', scope.unitId));
  return terms;
}

function visibleTo(scope: DocumentScope) {
  return (eb: ExpressionBuilder<Database, 'documents'>) => {
    const ors = involvementTerms(eb, scope);
    if (scope.clerkUnitIds.length) ors.push(eb('documents.unit_id', 'in', scope.clerkUnitIds));
    return eb.and([eb('documents.classification', 'in', scope.clearedLevels), eb.or(ors)]);
  };
}

const CLOSED_INCOMING = ['concluded', 'archived', 'returned'];

function filtered(db: Executor, f: DocumentFilter) {
  let q = db.selectFrom('documents').where('documents.direction', '=', f.direction);
  if (f.createdBetween) q = q.where('documents.created_at', '>=', f.createdBetween[0]).where('documents.created_at', '<', f.createdBetween[1]);
  if (f.unitId) q = q.where('documents.unit_id', '=', f.unitId);
  if (f.docType) q = q.where('documents.doc_type', '=', f.docType);
  if (f.state) q = q.where('documents.state', '=', f.state);
  if (f.urgency) q = q.where('documents.urgency', '=', f.urgency);
  if (f.overdueBefore) q = q.where('documents.deadline', '<', f.overdueBefore).where('documents.state', 'not in', CLOSED_INCOMING);
  if (f.ids) q = q.where('documents.id', 'in', f.ids.length ? f.ids : ['']);
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([containsText('documents.title', term), containsText('documents.number_text', term), containsText('documents.sender_name', term)]) as never);
  }
  return q;
}

/**
 * How many documents the register holds for the user, counted without testing every document against
 * the whole visibility rule: a clerk's own units' register from the covering index, plus the documents
 * of other units they are involved in, as a UNION of small index lookups (one per way of being involved).
 */
async function countVisible(db: Executor, scope: DocumentScope, f: DocumentFilter): Promise<number> {
  const own = scope.clerkUnitIds.length
    ? filtered(db, f)
        .where('documents.unit_id', 'in', scope.clerkUnitIds)
        .where('documents.classification', 'in', scope.clearedLevels)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n))
    : Promise.resolve(0);
  const branch = (term: (eb: ExpressionBuilder<Database, 'documents'>) => Expression<SqlBool>) => {
    let q = filtered(db, f).where('documents.classification', 'in', scope.clearedLevels).where(term);
    if (scope.clerkUnitIds.length) q = q.where('documents.unit_id', 'not in', scope.clerkUnitIds);
    return q.select('documents.id');
  };
  const participations = (column: 'p.user_id' | 'p.unit_id', value: string) =>
    branch((eb) => eb('documents.id', 'in', eb.selectFrom('document_participants as p').select('p.document_id').where(column, '=', value)));
  const branches = [
    branch((eb) => eb.and([eb('documents.direction', '=', 'outgoing'), eb('documents.created_by', '=', scope.userId)])),
    branch((eb) => eb('documents.reviewer_id', '=', scope.userId)),
    branch((eb) => eb('documents.chaser_id', '=', scope.userId)),
    participations('p.user_id', scope.userId),
  ];
  if (scope.isClerk && scope.unitId) {
    const unitId = scope.unitId;
    branches.push(branch((eb) => eb('documents.lead_unit_id', '=', unitId)), participations('p.unit_id', unitId));
  }
  const union = branches.slice(1).reduce((u, b) => u.union(b), branches[0]!);
  const elsewhere = db
    .selectFrom(union.as('involved'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
  const [a, b] = await Promise.all([own, elsewhere]);
  return a + b;
}

export async function listDocuments(db: Executor, scope: DocumentScope, f: DocumentFilter, page: Page) {
  const [items, total] = await Promise.all([
    filtered(db, f)
      .where(visibleTo(scope))
      .innerJoin('units as unit', 'unit.id', 'documents.unit_id')
      .innerJoin('users as creator', 'creator.id', 'documents.created_by')
      .select([
        'documents.id', 'documents.direction', 'documents.state', 'documents.title', 'documents.doc_type', 'documents.classification',
        'documents.urgency', 'documents.important', 'documents.unit_id', 'documents.number_text', 'documents.incoming_year',
        'documents.incoming_serial', 'documents.sender_name', 'documents.created_by', 'documents.created_at', 'documents.signed_at',
        'documents.issued_at', 'documents.received_at', 'documents.deadline', 'documents.reviewer_id', 'documents.lead_unit_id',
        'unit.name as unit_name', 'creator.display_name as creator_name',
      ])
      .orderBy('documents.created_at', 'desc')
      .orderBy('documents.id', 'desc')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    countVisible(db, scope, f),
  ]);
  return { items, total };
}

export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>['items'][number];

import { AppError, isCleared } from '@zhongshu/core';
import { parseDocx, renderDocx, renderHtml, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { compareDocuments } from '@zhongshu/core/gongwen/diff.ts';
import { availableActions, incomingWorkflow, outgoingWorkflow, type WorkflowDefinition } from '@zhongshu/core/workflow/index.ts';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { assignments as assignmentsRepo, documents as repo, files as filesRepo, units, users, type DocumentRow, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { addInitiated } from '../inbox/inbox.service.ts';
import { serialText } from '../assignments/assignments.service.ts';
import { documentNumberRegister } from './document-numbers.service.ts';
import { assertCanRead, clerkUnitsOf, relationsOf, scopeOf } from './documents.access.ts';
import { findingsOf, parseContent, starterContent, substanceHash, withRegisterFacts } from './documents.content.ts';
import { MODULE, isFinalState, openTodosForState, stateLabelOf } from './documents.todos.ts';
import { sendBackToSigner } from './documents.actions.ts';
import type { CreateIncomingBody, CreateOutgoingBody, ExportDocumentsQuery, ListDocumentsQuery, SaveContentBody } from './documents.schemas.ts';

/** Steps in which the working text may change, and who may change it. */
const EDITABLE: Record<string, string> = { drafting: 'drafter', reviewing: 'reviewer', numbering: 'issuer_clerk', sealing: 'issuer_clerk', distributing: 'issuer_clerk' };
const SIGNED_STATES = new Set(['numbering', 'sealing', 'distributing']);

export const incomingNumberText = (d: Pick<DocumentRow, 'incoming_year' | 'incoming_serial'>) =>
  d.incoming_year && d.incoming_serial ? `收〔${d.incoming_year}〕${d.incoming_serial}号` : null;

/** Loads a document with what deciding about it needs; refuses users who may not read it. */
export async function loadForActor(db: Executor, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  requireBusinessUser(actor);
  const doc = opts.lock ? await repo.lockDocument(db, id) : await repo.getDocument(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  const [parts, clerkUnits] = await Promise.all([repo.listParticipants(db, id), clerkUnitsOf(db, actor)]);
  const rel = relationsOf(actor, doc, parts, clerkUnits);
  assertCanRead(actor, doc, rel);
  return { doc, parts, rel, clerkUnits };
}

/** Whether the actor may open a file attached to the document (绝密 attachments are never downloaded). */
export async function canDownloadDocumentFile(db: Executor, actor: Actor, documentId: string): Promise<boolean> {
  try {
    const { doc } = await loadForActor(db, actor, documentId);
    if (doc.classification === 'top_secret') throw new AppError('DOCUMENT_TOP_SECRET_NO_DOWNLOAD');
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'DOCUMENT_TOP_SECRET_NO_DOWNLOAD') throw e;
    return false;
  }
}

/** Audits a read of classified content (等保: who saw what, when). */
async function auditClassifiedRead(ctx: AppContext, actor: Actor, doc: DocumentRow, what: string) {
  if (doc.classification === 'none') return;
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: `document.${what}`, entityType: MODULE, entityId: doc.id, detail: { classification: doc.classification } }));
}

// ---- issuers and creation --------------------------------------------------------------------

export async function listIssuers(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  const ids = await clerkUnitsOf(ctx.db, actor);
  const rows = await units.getUnitsByIds(ctx.db, ids);
  return { items: rows.map((u) => ({ id: u.id, name: u.name, issuerCode: u.issuer_code })) };
}

export async function createOutgoing(ctx: AppContext, actor: Actor, body: CreateOutgoingBody): Promise<{ id: string }> {
  requireBusinessUser(actor);
  const clerkUnits = await clerkUnitsOf(ctx.db, actor);
  if (!clerkUnits.includes(body.issuerUnitId)) throw new AppError('FORBIDDEN', '发文单位：只能以本单位（办公室可代党委）名义拟稿', 'issuerUnitId');
  if (!isCleared(actor.clearance, body.classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：不能高于您本人的密级权限', 'classification');
  const coIds = [...new Set(body.coIssuerUnitIds ?? [])].filter((u) => u !== body.issuerUnitId);
  const issuers = await units.getUnitsByIds(ctx.db, [body.issuerUnitId, ...coIds]);
  const lead = issuers.find((u) => u.id === body.issuerUnitId);
  if (!lead) throw new AppError('VALIDATION_FAILED', '发文单位：不存在', 'issuerUnitId');
  if (issuers.length !== coIds.length + 1) throw new AppError('VALIDATION_FAILED', '联合发文单位：有单位不存在', 'coIssuerUnitIds');
  const ordered = [lead, ...coIds.map((id) => issuers.find((u) => u.id === id)!)];
  const now = ctx.now();
  const at = now.toISOString();
  const format = body.format ?? (body.docType === '纪要' ? '纪要式' : body.docType === '命令' ? '命令式' : body.docType === '函' ? '信函式' : '文件式');
  const starter = starterContent({ docType: body.docType, format, issuerNames: ordered.map((u) => u.name), title: body.title ?? '', today: toShanghaiDate(now) });
  // An uploaded text keeps what it says; what it leaves out (mark, 署名, date) comes from the issuing organs.
  const content: GongwenDocument = body.content
    ? { ...body.content, documentType: body.docType, elements: { ...starter.elements, ...definedOnly(body.content.elements), title: body.content.elements.title ?? starter.elements.title } }
    : starter;
  const title = (body.title ?? content.elements.title ?? '').trim() || '（未命名文稿）';
  const id = uuidv7();
  const row: DocumentRow = {
    id, direction: 'outgoing', unit_id: lead.id, state: outgoingWorkflow.initial, title, doc_type: body.docType, format,
    classification: body.classification, classification_period: body.classificationPeriod ?? null, urgency: body.urgency, important: body.important ? 1 : 0,
    co_issuer_unit_ids: coIds.length ? JSON.stringify(coIds) : null, issuer_code: lead.issuer_code, number_text: null, number_year: null, number_serial: null,
    incoming_year: null, incoming_serial: null, sender_name: null, sender_unit_id: null, source_document_id: null, received_via: null, received_at: null, received_by: null,
    copies: null, content: JSON.stringify(content), content_rev: 1, content_edited_by: actor.id, signed_version_no: null, signed_hash: null, signed_at: null,
    reviewer_id: null, review_override_reason: null, sealed_by: null, sealed_at: null, issued_at: null, proposal: null, lead_unit_id: null, deadline: null,
    chaser_id: null, outcome: null, reply: null, concluded_at: null, retention: null, archived_at: null, archived_by: null, created_by: actor.id, created_at: at, updated_at: at,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertDocument(tx, row);
    await repo.insertVersion(tx, { document_id: id, version_no: 1, content: row.content!, step: '拟稿', author_id: actor.id, author_name: actor.displayName, created_at: at });
    await repo.insertEvents(tx, [{ id: uuidv7(), document_id: id, action: 'create', from_state: '', to_state: row.state, actor_id: actor.id, actor_name: actor.displayName, comment: null, data: JSON.stringify({ docType: body.docType, format }), version_no: 1, at }]);
    await addInitiated(tx, ctx, { module: MODULE, entityId: id, task: '拟稿', title, urgency: row.urgency, dueAt: null }, actor.id);
    await recordAudit(tx, ctx, actor, { action: 'document.create', entityType: MODULE, entityId: id, detail: { docType: body.docType, classification: body.classification, issuerUnitId: lead.id } });
  });
  return { id };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '')) as Partial<T>;
}

export async function parseDocxUpload(actor: Actor, data: Buffer) {
  requireBusinessUser(actor);
  let parsed;
  try {
    parsed = await parseDocx(data);
  } catch {
    throw new AppError('VALIDATION_FAILED', '文件：不是有效的 .docx 文件，请用 Word 或 WPS 另存为 .docx 后再上传', 'file');
  }
  const { findings: _ignored, ...content } = parsed;
  return { content, findings: findingsOf(content) };
}

// ---- the working text ---------------------------------------------------------------------------

export async function saveContent(ctx: AppContext, actor: Actor, id: string, body: SaveContentBody) {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const { doc, rel } = await loadForActor(tx, actor, id, { lock: true });
    if (doc.archived_at) throw new AppError('DOCUMENT_READ_ONLY', '已归档的公文只能查阅，不能修改');
    const who = EDITABLE[doc.state];
    if (!who) throw new AppError('DOCUMENT_READ_ONLY', `“${stateLabelOf(doc.direction, doc.state)}”环节不能修改文稿`);
    if (!rel.has(who)) throw new AppError('FORBIDDEN', '当前环节只有经办人可以修改文稿');
    if (body.rev !== doc.content_rev) throw new AppError('DOCUMENT_EDIT_CONFLICT');
    if (body.classification && !isCleared(actor.clearance, body.classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：不能高于您本人的密级权限', 'classification');
    const content = body.content as GongwenDocument;
    const title = (body.title ?? content.elements.title ?? doc.title).trim() || doc.title;
    const patch: Partial<DocumentRow> = {
      content: JSON.stringify(content), content_rev: doc.content_rev + 1, content_edited_by: actor.id, title, updated_at: at,
      ...(body.classification ? { classification: body.classification } : {}),
      ...(body.classificationPeriod !== undefined ? { classification_period: body.classificationPeriod ?? null } : {}),
      ...(body.urgency ? { urgency: body.urgency } : {}),
      ...(body.important !== undefined ? { important: body.important ? 1 : 0 } : {}),
    };
    let resignRequired = false;
    if (SIGNED_STATES.has(doc.state) && doc.signed_hash) {
      // 成文日期 is the signing date (GB/T 9704 7.3.5.4): changing it is as much a change as the text's.
      const signed = doc.signed_version_no ? await repo.getVersion(tx, id, Number(doc.signed_version_no)) : undefined;
      const signedDate = signed ? (JSON.parse(signed.content) as GongwenDocument).elements.issueDate : undefined;
      resignRequired = substanceHash(content) !== doc.signed_hash || (signedDate !== undefined && content.elements.issueDate !== signedDate);
    }
    await repo.updateDocument(tx, id, patch);
    if (resignRequired) {
      await sendBackToSigner(tx, ctx, actor, { ...doc, ...patch } as DocumentRow);
    }
    return { rev: doc.content_rev + 1, findings: findingsOf(content), resignRequired };
  });
}

export async function attachFiles(ctx: AppContext, actor: Actor, id: string, fileIds: string[]) {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const { doc, rel } = await loadForActor(tx, actor, id, { lock: true });
    const who = EDITABLE[doc.state];
    if (!who || !rel.has(who)) throw new AppError('DOCUMENT_READ_ONLY', '当前环节您不能添加附件');
    const unique = [...new Set(fileIds)];
    const found = await filesRepo.getFiles(tx, unique);
    if (found.length !== unique.length || found.some((f) => f.uploaded_by !== actor.id)) throw new AppError('VALIDATION_FAILED', '附件：只能添加您本人上传的文件', 'fileIds');
    await filesRepo.linkFiles(tx, unique.map((fileId) => ({ file_id: fileId, entity_type: MODULE, entity_id: id, event_id: null, created_at: at })));
    await recordAudit(tx, ctx, actor, { action: 'document.attach', entityType: MODULE, entityId: id, detail: { fileIds: unique } });
  });
  return { ok: true };
}

// ---- reading ----------------------------------------------------------------------------------

function holdersOf(doc: Pick<DocumentRow, 'state' | 'direction' | 'lead_unit_id' | 'unit_id'>, names: { drafter: string; reviewer: string | null; unit: string; leadUnit: string | null; pending: string[] }): string[] {
  if (isFinalState(doc.direction, doc.state)) return [];
  switch (doc.state) {
    case 'drafting': return [names.drafter];
    case 'reviewing': return names.reviewer ? [names.reviewer] : [];
    case 'countersigning': case 'signing': case 'instructing': return names.pending;
    case 'handling': return [names.leadUnit ?? names.unit];
    case 'issued': case 'concluded': return [];
    default: return [names.unit];
  }
}

export async function listDocuments(ctx: AppContext, actor: Actor, q: ListDocumentsQuery) {
  requireBusinessUser(actor);
  const scope = await scopeOf(ctx.db, actor);
  const today = toShanghaiDate(ctx.now());
  const { items, total } = await repo.listDocuments(ctx.db, scope, filterOf(q, today), q);
  return { items: await toSummaries(ctx.db, items, today), total };
}

export function filterOf(q: ExportDocumentsQuery, today: string) {
  return {
    direction: q.direction,
    // A year in Asia/Shanghai starts at 16:00 UTC on 31 December of the year before.
    createdBetween: q.year ? ([`${q.year - 1}-12-31T16:00:00.000Z`, `${q.year}-12-31T16:00:00.000Z`] as [string, string]) : undefined,
    unitId: q.unitId,
    docType: q.docType,
    state: q.state,
    urgency: q.urgency,
    overdueBefore: q.overdue === 'true' ? today : undefined,
    q: q.q || undefined,
  };
}

export async function toSummaries(db: Executor, rows: repo.DocumentListRow[], today: string) {
  const ids = rows.map((r) => r.id);
  const [pending, reviewers, leadUnits] = await Promise.all([
    repo.pendingParticipantsOf(db, ids),
    users.getUsersByIds(db, [...new Set(rows.map((r) => r.reviewer_id).filter((x): x is string => !!x))]),
    units.getUnitsByIds(db, [...new Set(rows.map((r) => r.lead_unit_id).filter((x): x is string => !!x))]),
  ]);
  const nameOf = new Map(reviewers.map((u) => [u.id, u.display_name]));
  const unitName = new Map(leadUnits.map((u) => [u.id, u.name]));
  return rows.map((r) => {
    const open = !isFinalState(r.direction, r.state) && r.state !== 'concluded' && r.state !== 'issued';
    const pendingNames = pending.filter((p) => p.document_id === r.id).map((p) => p.user_name ?? p.unit_name ?? '');
    return {
      id: r.id,
      direction: r.direction,
      state: r.state,
      stateLabel: stateLabelOf(r.direction, r.state),
      title: r.title,
      docType: r.doc_type,
      classification: r.classification,
      urgency: r.urgency,
      important: r.important === 1,
      unitId: r.unit_id,
      unitName: r.unit_name,
      numberText: r.number_text,
      incomingNumber: incomingNumberText(r),
      senderName: r.sender_name,
      createdByName: r.creator_name,
      createdAt: r.created_at,
      signedAt: r.signed_at,
      issuedAt: r.issued_at,
      receivedAt: r.received_at,
      deadline: r.deadline,
      overdue: open && r.deadline !== null && r.deadline < today,
      holders: holdersOf(r, { drafter: r.creator_name, reviewer: r.reviewer_id ? nameOf.get(r.reviewer_id) ?? null : null, unit: r.unit_name, leadUnit: r.lead_unit_id ? unitName.get(r.lead_unit_id) ?? null : null, pending: pendingNames }),
    };
  });
}

export async function getDocumentDetail(ctx: AppContext, actor: Actor, id: string, opts: { auditRead?: boolean } = {}) {
  const { doc, parts, rel } = await loadForActor(ctx.db, actor, id);
  if (opts.auditRead !== false) await auditClassifiedRead(ctx, actor, doc, 'read_classified');
  const coIds: string[] = doc.co_issuer_unit_ids ? JSON.parse(doc.co_issuer_unit_ids) : [];
  const userIds = [doc.created_by, doc.reviewer_id, doc.chaser_id, doc.received_by, doc.sealed_by, doc.archived_by].filter((x): x is string => !!x);
  const [versions, events, comments, dists, files, people, unitRows, linked] = await Promise.all([
    repo.listVersions(ctx.db, id),
    repo.listEvents(ctx.db, id),
    repo.listComments(ctx.db, id),
    repo.listDistributions(ctx.db, id),
    filesRepo.filesOfEntity(ctx.db, MODULE, id),
    users.getUsersByIds(ctx.db, [...new Set(userIds)]),
    units.getUnitsByIds(ctx.db, [...new Set([doc.unit_id, doc.lead_unit_id, ...coIds].filter((x): x is string => !!x))]),
    assignmentsRepo.assignmentsFromSource(ctx.db, MODULE, id),
  ]);
  const person = new Map(people.map((u) => [u.id, u.display_name]));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const content = parseContent(doc);
  const today = toShanghaiDate(ctx.now());
  const def = (doc.direction === 'outgoing' ? outgoingWorkflow : incomingWorkflow) as WorkflowDefinition<string>;
  const labelOfAction = (a: string) => def.transitions.find((t) => t.action === a)?.label ?? EXTRA_ACTION_LABELS[a] ?? a;
  const open = !isFinalState(doc.direction, doc.state) && doc.state !== 'concluded' && doc.state !== 'issued';
  const signerRound = parts.filter((p) => p.kind === 'signer').reduce((m, p) => Math.max(m, Number(p.round)), 0);
  const editable = EDITABLE[doc.state] !== undefined && rel.has(EDITABLE[doc.state]!) && !doc.archived_at;
  return {
    id: doc.id,
    direction: doc.direction,
    state: doc.state,
    stateLabel: stateLabelOf(doc.direction, doc.state),
    title: doc.title,
    docType: doc.doc_type,
    format: doc.format,
    classification: doc.classification,
    classificationPeriod: doc.classification_period,
    urgency: doc.urgency,
    important: doc.important === 1,
    unitId: doc.unit_id,
    unitName: unitName.get(doc.unit_id) ?? '',
    coIssuerUnits: coIds.map((u) => ({ id: u, name: unitName.get(u) ?? '' })),
    numberText: doc.number_text,
    incomingNumber: incomingNumberText(doc),
    senderName: doc.sender_name,
    createdByName: person.get(doc.created_by) ?? '',
    createdAt: doc.created_at,
    signedAt: doc.signed_at,
    issuedAt: doc.issued_at,
    receivedAt: doc.received_at,
    deadline: doc.deadline,
    overdue: open && doc.deadline !== null && doc.deadline < today,
    holders: holdersOf(doc, {
      drafter: person.get(doc.created_by) ?? '',
      reviewer: doc.reviewer_id ? person.get(doc.reviewer_id) ?? null : null,
      unit: unitName.get(doc.unit_id) ?? '',
      leadUnit: doc.lead_unit_id ? unitName.get(doc.lead_unit_id) ?? null : null,
      pending: parts.filter((p) => p.status === 'pending' && ['countersign', 'signer', 'instructor'].includes(p.kind)).map((p) => p.user_name ?? p.unit_name ?? ''),
    }),
    content,
    contentRev: doc.content_rev,
    findings: doc.direction === 'outgoing' ? findingsOf(content) : [],
    editable,
    canComment: ['reviewer', 'countersigner', 'signer'].some((r) => rel.has(r)) && !isFinalState(doc.direction, doc.state),
    canResolveComments: rel.has('drafter') && doc.state === 'drafting',
    topSecret: doc.classification === 'top_secret',
    reviewerId: doc.reviewer_id,
    reviewerName: doc.reviewer_id ? person.get(doc.reviewer_id) ?? null : null,
    reviewOverrideReason: doc.review_override_reason,
    signedVersionNo: doc.signed_version_no,
    signedByNames: parts.filter((p) => p.kind === 'signer' && p.round === signerRound && p.status === 'agreed').map((p) => p.acted_by_name ?? ''),
    copies: doc.copies,
    receivedVia: doc.received_via,
    receivedByName: doc.received_by ? person.get(doc.received_by) ?? null : null,
    proposal: doc.proposal,
    leadUnitId: doc.lead_unit_id,
    leadUnitName: doc.lead_unit_id ? unitName.get(doc.lead_unit_id) ?? null : null,
    chaserId: doc.chaser_id,
    chaserName: doc.chaser_id ? person.get(doc.chaser_id) ?? null : null,
    outcome: doc.outcome,
    reply: doc.reply,
    concludedAt: doc.concluded_at,
    retention: doc.retention,
    archivedAt: doc.archived_at,
    sourceDocumentId: doc.source_document_id,
    participants: parts.map((p) => ({
      id: p.id, kind: p.kind, userId: p.user_id, userName: p.user_name, unitId: p.unit_id, unitName: p.unit_name, seq: Number(p.seq), round: Number(p.round),
      status: p.status, opinion: p.opinion, actedByName: p.acted_by_name, actedAt: p.acted_at,
    })),
    distributions: dists.map((d) => ({
      id: d.id, kind: d.kind, recipientUnitId: d.recipient_unit_id, recipientName: d.recipient_name, copies: Number(d.copies), sentAt: d.sent_at,
      receivedAt: d.received_at, receivedByName: d.received_by_name, returnedAt: d.returned_at, returnReason: d.return_reason,
    })),
    versions: versions.map((v) => ({ versionNo: Number(v.version_no), step: v.step, authorName: v.author_name, createdAt: v.created_at })),
    comments: comments.map((c) => ({ id: c.id, versionNo: Number(c.version_no), element: c.element, quote: c.quote, text: c.text, authorName: c.author_name, createdAt: c.created_at, resolvedAt: c.resolved_at })),
    attachments: files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
    assignments: linked.map((a) => ({ id: a.id, serial: serialText(a), title: a.title, state: a.state })),
    history: events.map((e) => ({
      id: e.id, action: e.action, actionLabel: labelOfAction(e.action), fromState: e.from_state, fromStateLabel: e.from_state ? stateLabelOf(doc.direction, e.from_state) : '',
      toState: e.to_state, toStateLabel: stateLabelOf(doc.direction, e.to_state), actorName: e.actor_name, comment: e.comment,
      versionNo: e.version_no === null ? null : Number(e.version_no), at: e.at, data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
    })),
    availableActions: availableActions(def, doc.state, rel),
  };
}

/** History entries that are not workflow transitions. */
export const EXTRA_ACTION_LABELS: Record<string, string> = {
  create: '拟稿', register_incoming: '收文登记', dispatched: '来文', recheck: '复核（签发后修改）', recipient_received: '收文单位签收',
  recipient_returned: '收文单位退文', recipient_replied: '收文单位答复', remind_due_soon: '催办：即将到期', remind_overdue: '催办：已逾期',
  assignment_created: '生成交办事项', number_voided: '作废文号',
};

export async function getVersion(ctx: AppContext, actor: Actor, id: string, no: number) {
  const { doc } = await loadForActor(ctx.db, actor, id);
  const v = await repo.getVersion(ctx.db, id, no);
  if (!v) throw new AppError('NOT_FOUND', `第${no}稿不存在`);
  await auditClassifiedRead(ctx, actor, doc, 'read_classified');
  return { versionNo: Number(v.version_no), step: v.step, authorName: v.author_name, createdAt: v.created_at, content: JSON.parse(v.content) as GongwenDocument };
}

export async function compareVersions(ctx: AppContext, actor: Actor, id: string, from: number, to: number) {
  const { doc } = await loadForActor(ctx.db, actor, id);
  const [a, b] = await Promise.all([repo.getVersion(ctx.db, id, from), repo.getVersion(ctx.db, id, to)]);
  if (!a) throw new AppError('VALIDATION_FAILED', `对比版本：第${from}稿不存在`, 'from');
  if (!b) throw new AppError('VALIDATION_FAILED', `对比版本：第${to}稿不存在`, 'to');
  await auditClassifiedRead(ctx, actor, doc, 'read_classified');
  return { from, to, rows: compareDocuments(JSON.parse(a.content), JSON.parse(b.content)) };
}

// ---- comments -------------------------------------------------------------------------------------

export async function addComment(ctx: AppContext, actor: Actor, id: string, body: { element: string; quote: string; text: string }) {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const { doc, rel } = await loadForActor(tx, actor, id, { lock: true });
    if (!['reviewer', 'countersigner', 'signer'].some((r) => rel.has(r)) || isFinalState(doc.direction, doc.state)) {
      throw new AppError('FORBIDDEN', '只有正在核稿、会签、签发的经办人可以批注文稿');
    }
    const latest = await repo.latestVersion(tx, id);
    const c = { id: uuidv7(), document_id: id, version_no: latest ? Number(latest.version_no) : 1, element: body.element, quote: body.quote, text: body.text, author_id: actor.id, author_name: actor.displayName, created_at: at, resolved_at: null };
    await repo.insertComment(tx, c);
    await recordAudit(tx, ctx, actor, { action: 'document.comment', entityType: MODULE, entityId: id, detail: { element: body.element } });
    return { id: c.id, versionNo: c.version_no, element: c.element, quote: c.quote, text: c.text, authorName: c.author_name, createdAt: at, resolvedAt: null };
  });
}

export async function resolveComment(ctx: AppContext, actor: Actor, id: string, commentId: string) {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const { rel } = await loadForActor(tx, actor, id, { lock: true });
    const c = await repo.getComment(tx, commentId);
    if (!c || c.document_id !== id) throw new AppError('NOT_FOUND');
    if (!rel.has('drafter') && c.author_id !== actor.id) throw new AppError('FORBIDDEN', '只有拟稿人或批注人可以标记批注已处理');
    await repo.resolveComment(tx, commentId, at);
    await recordAudit(tx, ctx, actor, { action: 'document.comment_resolve', entityType: MODULE, entityId: id, detail: { commentId } });
  });
  return { ok: true };
}

// ---- output ---------------------------------------------------------------------------------------

/** The text to print: the signed version with the register's facts, or the working draft before 签发. */
async function printableContent(db: Executor, doc: DocumentRow): Promise<GongwenDocument> {
  const content = parseContent(doc);
  if (!content) throw new AppError('NOT_FOUND', '该公文没有电子文本（纸质来文请查看扫描件附件）');
  return withRegisterFacts(content, doc);
}

function refuseTopSecret(doc: DocumentRow) {
  if (doc.classification === 'top_secret') throw new AppError('DOCUMENT_TOP_SECRET_NO_DOWNLOAD');
}

export async function downloadDocx(ctx: AppContext, actor: Actor, id: string) {
  const { doc } = await loadForActor(ctx.db, actor, id);
  refuseTopSecret(doc);
  const buf = await renderDocx(await printableContent(ctx.db, doc));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'document.download', entityType: MODULE, entityId: id, detail: { classification: doc.classification } }));
  return { buf, name: `${doc.number_text ?? doc.title}.docx` };
}

export async function printView(ctx: AppContext, actor: Actor, id: string) {
  const { doc } = await loadForActor(ctx.db, actor, id);
  refuseTopSecret(doc);
  const html = renderHtml(await printableContent(ctx.db, doc));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'document.print', entityType: MODULE, entityId: id, detail: { classification: doc.classification } }));
  return html;
}

export async function numberRegister(ctx: AppContext, actor: Actor, issuerCode: string, year: number) {
  requireBusinessUser(actor);
  const clerkUnits = await units.getUnitsByIds(ctx.db, await clerkUnitsOf(ctx.db, actor));
  if (!clerkUnits.some((u) => u.issuer_code === issuerCode)) throw new AppError('FORBIDDEN', '只能查看本单位的发文字号登记');
  return documentNumberRegister(ctx.db, issuerCode, year);
}

// ---- incoming registration ------------------------------------------------------------------------

export async function registerIncoming(ctx: AppContext, actor: Actor, body: CreateIncomingBody): Promise<{ id: string }> {
  requireBusinessUser(actor);
  const clerkUnits = await clerkUnitsOf(ctx.db, actor);
  if (!clerkUnits.length) throw new AppError('FORBIDDEN', '只有文书（党办或单位工作人员）可以登记收文');
  if (!isCleared(actor.clearance, body.classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：您的密级权限不足以登记该密级的来文，请交由有相应权限的人员登记', 'classification');
  const now = ctx.now();
  const receivedAt = body.receivedAt ? new Date(body.receivedAt).toISOString() : now.toISOString();
  if (receivedAt > now.toISOString()) throw new AppError('VALIDATION_FAILED', '收文时间：不能晚于现在', 'receivedAt');
  // An 办公室 clerk registers for the 党委 it serves: that is where incoming mail is addressed.
  const unitId = clerkUnits[clerkUnits.length - 1]!;
  const at = now.toISOString();
  const id = uuidv7();
  const year = Number(toShanghaiDate(now).slice(0, 4));
  const attachmentIds = [...new Set(body.attachmentIds ?? [])];
  await ctx.db.transaction().execute(async (tx) => {
    if (attachmentIds.length) {
      const found = await filesRepo.getFiles(tx, attachmentIds);
      if (found.length !== attachmentIds.length || found.some((f) => f.uploaded_by !== actor.id)) throw new AppError('VALIDATION_FAILED', '附件：只能添加您本人上传的文件', 'attachmentIds');
    }
    const serial = await assignmentsRepo.nextSerial(tx, `incoming:${unitId}`, year);
    const row: DocumentRow = {
      id, direction: 'incoming', unit_id: unitId, state: 'registered', title: body.title, doc_type: body.docType, format: '文件式',
      classification: body.classification, classification_period: null, urgency: body.urgency, important: body.important ? 1 : 0, co_issuer_unit_ids: null,
      issuer_code: null, number_text: body.senderNumber ?? null, number_year: null, number_serial: null, incoming_year: year, incoming_serial: serial,
      sender_name: body.senderName, sender_unit_id: null, source_document_id: null, received_via: body.receivedVia, received_at: receivedAt, received_by: actor.id,
      copies: body.copies, content: null, content_rev: 0, content_edited_by: null, signed_version_no: null, signed_hash: null, signed_at: null, reviewer_id: null,
      review_override_reason: null, sealed_by: null, sealed_at: null, issued_at: null, proposal: null, lead_unit_id: null, deadline: null, chaser_id: null,
      outcome: null, reply: null, concluded_at: null, retention: null, archived_at: null, archived_by: null, created_by: actor.id, created_at: at, updated_at: at,
    };
    await repo.insertDocument(tx, row);
    await repo.insertEvents(tx, [{ id: uuidv7(), document_id: id, action: 'register_incoming', from_state: '', to_state: 'registered', actor_id: actor.id, actor_name: actor.displayName, comment: null, data: JSON.stringify({ receivedVia: body.receivedVia, copies: body.copies }), version_no: null, at }]);
    if (attachmentIds.length) await filesRepo.linkFiles(tx, attachmentIds.map((fileId) => ({ file_id: fileId, entity_type: MODULE, entity_id: id, event_id: null, created_at: at })));
    await openTodosForState(tx, ctx, row, []);
    await recordAudit(tx, ctx, actor, { action: 'document.register_incoming', entityType: MODULE, entityId: id, detail: { docType: body.docType, classification: body.classification } });
  });
  return { id };
}


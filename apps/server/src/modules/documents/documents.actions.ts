import { randomUUID } from 'node:crypto';
import { AppError, isCleared } from '@zhongshu/core';
import type { GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { applyTransition, incomingWorkflow, outgoingWorkflow, STATE_KEEPING_ACTIONS, type WorkflowDefinition } from '@zhongshu/core/workflow/index.ts';
import { toShanghaiDate, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import {
  assignments as assignmentsRepo,
  documents as repo,
  inbox,
  jobs,
  units,
  users,
  type DocumentDistributionRow,
  type DocumentParticipantRow,
  type DocumentRow,
  type Executor,
} from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { DUE_SOON_WORKDAYS, openTodos } from '../inbox/inbox.service.ts';
import { scheduleDeadlineReminders } from '../../jobs/deadline-reminders.ts';
import { createAssignment } from '../assignments/assignments.service.ts';
import { reserveDocumentNumber, useDocumentNumber, voidDocumentNumber } from './document-numbers.service.ts';
import { clerksOfUnit, clerksOfUnits, currentRound } from './documents.access.ts';
import { findingsOf, parseContent, substanceHash, withRegisterFacts } from './documents.content.ts';
import { getDocumentDetail, incomingNumberText, loadForActor } from './documents.service.ts';
import { MODULE, closeTodosOf, dueAtOf, openTodosForState, stateLabelOf, updateInitiated } from './documents.todos.ts';
import type { DocumentActionBody } from './documents.schemas.ts';

type Party = DocumentParticipantRow & { user_name?: string | null; unit_name?: string | null };

/** What one step needs: the locked row, its parties, the actor and the moment. */
interface Step {
  tx: Executor;
  ctx: AppContext;
  actor: Actor;
  doc: DocumentRow;
  parts: Party[];
  clerkUnits: string[];
  now: Date;
  at: string;
  today: string;
  cal: WorkCalendar;
  comment: string | null;
}

/** What a handler decided; the common tail writes it with history, inbox and audit. */
interface Outcome {
  to: string;
  patch?: Partial<DocumentRow>;
  data?: Record<string, unknown>;
  /** For a step that keeps the state: whose to-dos it settles (the others stay open). */
  settledUsers?: string[];
  /** Opens the drafter's "修改文稿" to-do. */
  returned?: boolean;
}

type Handler = (s: Step, body: DocumentActionBody, to: string) => Promise<Outcome>;

const mineOf = (s: Step) => (p: Party) => p.user_id === s.actor.id || (p.user_id === null && p.unit_id !== null && s.clerkUnits.includes(p.unit_id));

async function setPartyStatus(tx: Executor, ps: readonly Party[], status: string, s?: Step) {
  for (const p of ps) {
    await repo.updateParticipant(tx, p.id, {
      status,
      ...(s ? { opinion: s.comment, acted_by: s.actor.id, acted_by_name: s.actor.displayName, acted_at: s.at } : {}),
    });
    p.status = status;
  }
}

/** Parties of the latest round of a kind. */
function roundOf(parts: readonly Party[], kind: string): Party[] {
  const r = currentRound(parts, kind);
  return parts.filter((p) => p.kind === kind && Number(p.round) === r);
}

/** Users a party stands for (the named user or the unit's clerks), to settle their to-dos. */
async function usersOf(tx: Executor, ps: readonly Party[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of ps) out.push(...(p.user_id ? [p.user_id] : p.unit_id ? await clerksOfUnit(tx, p.unit_id) : []));
  return out;
}

/** Keeps the working text as a version when it changed since the last one; returns the latest version number. */
async function snapshot(tx: Executor, doc: DocumentRow, step: string, at: string): Promise<number | null> {
  if (!doc.content) return null;
  const latest = await repo.latestVersion(tx, doc.id);
  if (latest && latest.content === doc.content) return Number(latest.version_no);
  const author = doc.content_edited_by ? await users.getUserById(tx, doc.content_edited_by) : undefined;
  const no = latest ? Number(latest.version_no) + 1 : 1;
  await repo.insertVersion(tx, { document_id: doc.id, version_no: no, content: doc.content, step, author_id: author?.id ?? null, author_name: author?.display_name ?? '系统', created_at: at });
  return no;
}

function withContent(doc: DocumentRow, change: (c: GongwenDocument) => GongwenDocument): Partial<DocumentRow> {
  const c = parseContent(doc);
  if (!c) return {};
  return { content: JSON.stringify(change(c)), content_rev: doc.content_rev + 1 };
}

/** Named people must be cleared for the document's 密级: their to-do shows its title. */
function assertClearedUsers(doc: DocumentRow, people: readonly { display_name: string; clearance: string }[], field: string, label: string) {
  const short = people.find((u) => !isCleared(u.clearance, doc.classification));
  if (short) throw new AppError('VALIDATION_FAILED', `${label}：${short.display_name}的密级权限低于本文密级，不能参与办理`, field);
}

/** A unit taking part must have a clerk cleared for the document's 密级, or nobody there could act. */
async function assertUnitsCanHold(tx: Executor, doc: DocumentRow, unitIds: readonly string[], field: string, label: string) {
  if (doc.classification === 'none' || !unitIds.length) return;
  const clerks = await clerksOfUnits(tx, [...unitIds], doc.classification);
  const lacking = unitIds.filter((u) => !(clerks.get(u) ?? []).length);
  if (lacking.length) {
    const names = (await units.getUnitsByIds(tx, lacking)).map((u) => u.name);
    throw new AppError('VALIDATION_FAILED', `${label}：${names.join('、')}没有具备本文密级权限的文书，请调整或先由安全保密管理员授权`, field);
  }
}

// ---- 发文 ------------------------------------------------------------------------------------------

const UPWARD = new Set(['请示', '报告']);

/** Whether a user belongs to a unit for signing: its own member, or of the 办公室 that serves it. */
async function belongsTo(tx: Executor, user: { unit_id: string | null }, unitId: string): Promise<boolean> {
  if (!user.unit_id) return false;
  if (user.unit_id === unitId) return true;
  const u = await units.getUnit(tx, user.unit_id);
  return u?.kind === 'office' && u.parent_id === unitId;
}

const submit: Handler = async (s, body, to) => {
  const { tx, doc } = s;
  const reviewer = (await users.getUsersByIds(tx, [body.reviewerId!]))[0];
  if (!reviewer || reviewer.disabled || reviewer.admin_role) throw new AppError('VALIDATION_FAILED', '核稿人：所选人员不存在或已停用', 'reviewerId');
  if (reviewer.id === s.actor.id) throw new AppError('VALIDATION_FAILED', '核稿人：不能由拟稿人本人核稿', 'reviewerId');
  const reviewerRoles = await users.getRoles(tx, reviewer.id);
  if (!reviewerRoles.includes('office') && !(reviewerRoles.includes('unit') && (await belongsTo(tx, reviewer, doc.unit_id)))) {
    throw new AppError('VALIDATION_FAILED', '核稿人：须为本单位办公室（文秘）人员', 'reviewerId');
  }
  assertClearedUsers(doc, [reviewer], 'reviewerId', '核稿人');
  const signerIds = [...new Set(body.signerIds ?? [])];
  // In the order chosen: the lead organ's signer is named first (GB/T 9704 7.2.6).
  const found = await users.getUsersByIds(tx, signerIds);
  const signers = signerIds.map((sid) => found.find((u) => u.id === sid)).filter((u): u is (typeof found)[number] => u !== undefined);
  if (signers.length !== signerIds.length || signers.some((u) => u.disabled || u.is_leader !== 1)) throw new AppError('VALIDATION_FAILED', '签发领导：所选人员须为在职领导', 'signerIds');
  assertClearedUsers(doc, signers, 'signerIds', '签发领导');
  const issuerIds: string[] = [doc.unit_id, ...(doc.co_issuer_unit_ids ? (JSON.parse(doc.co_issuer_unit_ids) as string[]) : [])];
  const issuerUnits = await units.getUnitsByIds(tx, issuerIds);
  const principalRequired = UPWARD.has(doc.doc_type) || doc.important === 1;
  for (const unitId of issuerIds) {
    const unitName = issuerUnits.find((u) => u.id === unitId)?.name ?? '';
    const own = [];
    for (const u of signers) if (await belongsTo(tx, u, unitId)) own.push(u);
    if (!own.length) throw new AppError('VALIDATION_FAILED', `签发领导：须有${unitName}的领导签发${issuerIds.length > 1 ? '（联合行文由各联署机关负责人会签）' : ''}`, 'signerIds');
    if (principalRequired && !own.some((u) => u.unit_id === unitId && u.is_principal === 1)) {
      throw new AppError('DOCUMENT_PRINCIPAL_REQUIRED', `签发领导：${UPWARD.has(doc.doc_type) ? '上行文' : '重要公文'}须由${unitName}主要负责人签发（条例 第22条）`, 'signerIds');
    }
  }
  const cs = body.countersigners ?? [];
  const csUsers = await users.getUsersByIds(tx, cs.flatMap((c) => ('userId' in c ? [c.userId] : [])));
  for (const c of cs) {
    if ('userId' in c && !csUsers.some((u) => u.id === c.userId && !u.disabled && u.is_leader === 1)) throw new AppError('VALIDATION_FAILED', '会签单位或领导：会签人须为在职领导', 'countersigners');
  }
  assertClearedUsers(doc, csUsers, 'countersigners', '会签单位或领导');
  const csUnitIds = cs.flatMap((c) => ('unitId' in c ? [c.unitId] : []));
  const csUnits = await units.getUnitsByIds(tx, csUnitIds);
  if (csUnits.length !== csUnitIds.length) throw new AppError('VALIDATION_FAILED', '会签单位或领导：有单位不存在', 'countersigners');
  await assertUnitsCanHold(tx, doc, csUnitIds, 'countersigners', '会签单位或领导');

  const round = Math.max(0, ...s.parts.map((p) => Number(p.round))) + 1;
  const rows: DocumentParticipantRow[] = [
    ...cs.map((c, i) => ({ id: randomUUID(), document_id: doc.id, kind: 'countersign', user_id: 'userId' in c ? c.userId : null, unit_id: 'unitId' in c ? c.unitId : null, seq: i, round, status: 'waiting', opinion: null, acted_by: null, acted_by_name: null, acted_at: null, created_at: s.at })),
    ...signers.map((u, i) => ({ id: randomUUID(), document_id: doc.id, kind: 'signer', user_id: u.id, unit_id: null, seq: i, round, status: 'waiting', opinion: null, acted_by: null, acted_by_name: null, acted_at: null, created_at: s.at })),
  ];
  await repo.insertParticipants(tx, rows);
  s.parts.push(...rows);
  // 上行文 name their 签发人 in the 版头 (GB/T 9704 7.2.6): the principal heads chosen here.
  const patch: Partial<DocumentRow> = {
    reviewer_id: reviewer.id,
    review_override_reason: null,
    ...(UPWARD.has(doc.doc_type) ? withContent(doc, (c) => ({ ...c, elements: { ...c.elements, signers: signers.filter((u) => u.is_principal === 1).map((u) => u.display_name) } })) : {}),
  };
  return { to, patch, data: { reviewerId: reviewer.id, signerIds, countersigners: cs.length } };
};

/** Moves to 会签 when this round has 会签 parties, else straight to 签发. */
async function afterReview(s: Step): Promise<string> {
  const cs = roundOf(s.parts, 'countersign').filter((p) => p.status === 'waiting');
  if (cs.length) {
    await setPartyStatus(s.tx, cs, 'pending');
    return 'countersigning';
  }
  await setPartyStatus(s.tx, roundOf(s.parts, 'signer').filter((p) => p.status === 'waiting'), 'pending');
  return 'signing';
}

const reviewPass: Handler = async (s, body) => {
  const errors = findingsOf(parseContent(s.doc)).filter((f) => f.severity === 'error');
  if (errors.length && !body.overrideReason) {
    throw new AppError('DOCUMENT_UNRESOLVED_ERRORS', `核稿通过理由：文稿还有${errors.length}处错误（如“${errors[0]!.message}”），请修改，或填写仍予通过的理由`, 'overrideReason');
  }
  return { to: await afterReview(s), patch: { review_override_reason: errors.length ? body.overrideReason! : null }, data: errors.length ? { unresolvedErrors: errors.map((e) => e.code), overrideReason: body.overrideReason } : undefined };
};

/** A return ends the round: parties who had not acted are set aside, the next submission starts a new round. */
async function endRound(s: Step) {
  await setPartyStatus(s.tx, s.parts.filter((p) => ['countersign', 'signer'].includes(p.kind) && (p.status === 'waiting' || p.status === 'pending')), 'cancelled');
}

const returnToDrafter: Handler = async (s, _body, to) => {
  const mine = s.parts.filter((p) => p.status === 'pending' && mineOf(s)(p));
  if (mine.length) await setPartyStatus(s.tx, mine, 'returned', s);
  await endRound(s);
  return { to, returned: to === 'drafting' };
};

const countersignAgree: Handler = async (s) => {
  const mine = s.parts.filter((p) => p.kind === 'countersign' && p.status === 'pending' && mineOf(s)(p));
  await setPartyStatus(s.tx, mine, 'agreed', s);
  if (s.parts.some((p) => p.kind === 'countersign' && p.status === 'pending')) return { to: s.doc.state, settledUsers: await usersOf(s.tx, mine) };
  await setPartyStatus(s.tx, roundOf(s.parts, 'signer').filter((p) => p.status === 'waiting'), 'pending');
  return { to: 'signing' };
};

const sign: Handler = async (s, _body, to) => {
  const mine = s.parts.filter((p) => p.kind === 'signer' && p.status === 'pending' && p.user_id === s.actor.id);
  await setPartyStatus(s.tx, mine, 'agreed', s);
  if (s.parts.some((p) => p.kind === 'signer' && p.status === 'pending')) return { to: s.doc.state, settledUsers: [s.actor.id] };
  // 成文日期 is the day the (last) signer signed (GB/T 9704 7.3.5.4).
  const dated = withContent(s.doc, (c) => ({ ...c, elements: { ...c.elements, issueDate: s.today } }));
  const signedRow = { ...s.doc, ...dated, ...(dated.content ? { content_edited_by: s.actor.id } : {}) };
  const content = parseContent(signedRow)!;
  const versionNo = await snapshot(s.tx, signedRow, '签发', s.at);
  // A document re-signed after 复核 keeps its number: 编号 reuses it.
  return { to, patch: { ...dated, signed_at: s.at, signed_hash: substanceHash(content), signed_version_no: versionNo } };
};

/** 复核 (条例 第25条): a change of substance after 签发 goes back to the same signers. */
export async function sendBackToSigner(tx: Executor, ctx: AppContext, actor: Actor, doc: DocumentRow): Promise<void> {
  const at = ctx.now().toISOString();
  const parts = (await repo.listParticipants(tx, doc.id)) as Party[];
  const last = roundOf(parts, 'signer');
  const round = Math.max(0, ...parts.map((p) => Number(p.round))) + 1;
  const rows = last.map((p, i) => ({ id: randomUUID(), document_id: doc.id, kind: 'signer', user_id: p.user_id, unit_id: null, seq: i, round, status: 'pending', opinion: null, acted_by: null, acted_by_name: null, acted_at: null, created_at: at }));
  await repo.insertParticipants(tx, rows);
  const versionNo = await snapshot(tx, doc, stateLabelOf('outgoing', doc.state), at);
  const updated: DocumentRow = { ...doc, state: 'signing', signed_hash: null, updated_at: at };
  await repo.updateDocument(tx, doc.id, { state: 'signing', signed_hash: null, updated_at: at });
  await repo.insertEvents(tx, [{ id: uuidv7(), document_id: doc.id, action: 'recheck', from_state: doc.state, to_state: 'signing', actor_id: actor.id, actor_name: actor.displayName, comment: '签发后对文稿实质内容作了修改，退回签发人复核', data: null, version_no: versionNo, at }]);
  await closeTodosOf(tx, ctx, doc.id);
  await openTodosForState(tx, ctx, updated, [...parts, ...rows] as Party[]);
  await updateInitiated(tx, ctx, updated);
  await recordAudit(tx, ctx, actor, { action: 'document.recheck', entityType: MODULE, entityId: doc.id, detail: { from: doc.state } });
}

/** The default distribution: 主送 and 抄送 organs, matched to units by full or short name; others are outside organs. */
async function defaultDistribution(tx: Executor, doc: DocumentRow) {
  const c = parseContent(doc);
  const all = await units.listUnits(tx);
  const byName = new Map<string, string>();
  for (const u of all) {
    byName.set(u.name, u.id);
    if (u.short_name) byName.set(u.short_name, u.id);
  }
  const list = (names: string[] | undefined, kind: 'primary' | 'copy') => (names ?? []).map((name) => ({ unitId: byName.get(name) ?? null, name, kind, copies: 1 }));
  return [...list(c?.elements.primaryRecipients, 'primary'), ...list(c?.elements.copyRecipients, 'copy')];
}

const register: Handler = async (s, body, to) => {
  const { tx, doc } = s;
  if (!doc.issuer_code) throw new AppError('DOCUMENT_NO_ISSUER_CODE');
  const wanted = body.distribution ?? (await defaultDistribution(tx, doc));
  if (!wanted.length) throw new AppError('VALIDATION_FAILED', '分送范围：请至少填写一个主送或抄送单位', 'distribution');
  const unitIds = [...new Set(wanted.map((d) => d.unitId).filter((x): x is string => !!x))];
  if ((await units.getUnitsByIds(tx, unitIds)).length !== unitIds.length) throw new AppError('VALIDATION_FAILED', '分送范围：有单位不存在', 'distribution');
  await assertUnitsCanHold(tx, doc, unitIds, 'distribution', '分送范围');
  const seen = new Set<string>();
  const dists: DocumentDistributionRow[] = [];
  for (const [i, d] of wanted.entries()) {
    const key = d.unitId ?? `name:${d.name}`;
    if (seen.has(key)) throw new AppError('VALIDATION_FAILED', `分送范围：“${d.name}”重复`, 'distribution');
    seen.add(key);
    dists.push({ id: randomUUID(), document_id: doc.id, kind: d.kind, recipient_unit_id: d.unitId ?? null, recipient_name: d.name, copies: d.copies ?? 1, incoming_document_id: null, sent_at: null, received_at: null, received_by_name: null, returned_at: null, return_reason: null, seq: i });
  }
  await repo.deleteDistributions(tx, doc.id);
  await repo.insertDistributions(tx, dists);
  let number = { text: doc.number_text, year: doc.number_year, serial: doc.number_serial };
  if (!number.text) {
    const year = Number(s.today.slice(0, 4));
    const who = { id: s.actor.id };
    const r = await reserveDocumentNumber(tx, s.ctx, who, { issuerCode: doc.issuer_code, year, documentId: doc.id });
    await useDocumentNumber(tx, s.ctx, who, { issuerCode: doc.issuer_code, year, serial: r.serial, documentId: doc.id });
    number = { text: r.text, year, serial: r.serial };
  }
  const numbered = { ...doc, number_text: number.text, number_year: number.year, number_serial: number.serial };
  return {
    to,
    patch: { number_text: number.text, number_year: number.year, number_serial: number.serial, copies: body.copies!, ...withContent(numbered, (c) => withRegisterFacts(c, numbered)) },
    data: { number: number.text, copies: body.copies, recipients: dists.length },
  };
};

const voidNumber: Handler = async (s, _body, to) => {
  const { doc } = s;
  if (doc.number_serial === null || !doc.issuer_code) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '该公文还没有发文字号');
  await voidDocumentNumber(s.tx, s.ctx, { id: s.actor.id }, { issuerCode: doc.issuer_code, year: Number(doc.number_year), serial: Number(doc.number_serial), reason: s.comment! });
  const cleared = { ...doc, number_text: null, number_year: null, number_serial: null };
  return {
    to,
    patch: { number_text: null, number_year: null, number_serial: null, sealed_by: null, sealed_at: null, ...withContent(cleared, (c) => { const el = { ...c.elements }; delete el.documentNumber; return { ...c, elements: el }; }) },
    data: { voided: doc.number_text },
  };
};

const seal: Handler = async (s, _body, to) => ({ to, patch: { sealed_by: s.actor.id, sealed_at: s.at } });

/** 印发: the final text goes to every internal recipient as an incoming document awaiting 签收. */
const issue: Handler = async (s, _body, to) => {
  const { tx, doc } = s;
  const issuerIds: string[] = [doc.unit_id, ...(doc.co_issuer_unit_ids ? (JSON.parse(doc.co_issuer_unit_ids) as string[]) : [])];
  const issuerRows = await units.getUnitsByIds(tx, issuerIds);
  const issuerNames = issuerIds.map((uid) => issuerRows.find((u) => u.id === uid)?.name ?? '');
  // 印发机关: the 办公室 that prints for a 党委, else the issuing unit itself (GB/T 9704 7.4.3).
  const printer = (await units.officeChildrenOf(tx, [doc.unit_id]))[0];
  const printingOrgan = printer ? (await units.getUnit(tx, printer.id))!.name : issuerNames[0]!;
  const finalPatch = withContent(doc, (c) => withRegisterFacts({ ...c, elements: { ...c.elements, printingOrgan: c.elements.printingOrgan || printingOrgan, printingDate: s.today } }, doc));
  const finalContent = finalPatch.content ?? doc.content;
  const dists = await repo.listDistributions(tx, doc.id);
  const internal = dists.filter((d) => d.recipient_unit_id);
  const incoming: DocumentRow[] = [];
  const events = [];
  for (const d of internal) {
    const id = uuidv7();
    incoming.push({
      ...doc, id, direction: 'incoming', unit_id: d.recipient_unit_id!, state: 'pending_receipt', co_issuer_unit_ids: null, issuer_code: null,
      number_year: null, number_serial: null, incoming_year: null, incoming_serial: null, sender_name: issuerNames.join('、'), sender_unit_id: doc.unit_id,
      source_document_id: doc.id, received_via: '电子公文', received_at: null, received_by: null, copies: d.copies, content: finalContent, content_rev: 0,
      content_edited_by: null, signed_version_no: null, signed_hash: null, signed_at: null, reviewer_id: null, review_override_reason: null, sealed_by: null, sealed_at: null,
      proposal: null, lead_unit_id: null, deadline: null, chaser_id: null, outcome: null, reply: null, concluded_at: null, retention: null,
      archived_at: null, archived_by: null, created_by: s.actor.id, created_at: s.at, updated_at: s.at, issued_at: s.at,
    });
    d.incoming_document_id = id;
    events.push({ id: uuidv7(), document_id: id, action: 'dispatched', from_state: '', to_state: 'pending_receipt', actor_id: s.actor.id, actor_name: s.actor.displayName, comment: `${issuerNames.join('、')}来文 ${doc.number_text ?? ''}`.trim(), data: JSON.stringify({ sourceDocumentId: doc.id }), version_no: null, at: s.at });
  }
  await repo.insertDocuments(tx, incoming);
  await repo.insertEvents(tx, events);
  for (const d of dists) await repo.updateDistribution(tx, d.id, { sent_at: s.at, incoming_document_id: d.incoming_document_id });
  const clerks = await clerksOfUnits(tx, internal.map((d) => d.recipient_unit_id!), doc.classification);
  const todos = internal.flatMap((d) =>
    [...new Set(clerks.get(d.recipient_unit_id!) ?? [])].map((userId) => ({
      id: randomUUID(), user_id: userId, box: 'todo', module: MODULE, entity_id: d.incoming_document_id!, task: '签收', title: doc.title,
      urgency: doc.urgency, due_at: null, state: 'open', is_read: 0, created_at: s.at, done_at: null,
    })),
  );
  await inbox.insertInboxItems(tx, todos);
  return { to, patch: { ...finalPatch, issued_at: s.at }, data: { internal: internal.length, outside: dists.length - internal.length } };
};

const archive: Handler = async (s, body, to) => ({ to, patch: { retention: body.retention!, archived_at: s.at, archived_by: s.actor.id }, data: { retention: body.retention } });

// ---- 收文 ------------------------------------------------------------------------------------------

/** Records on the sending document what became of its copy (签收, 退文, 答复), for the issuer to see. */
async function noteOnSource(s: Step, action: string, comment: string | null, patch: Partial<DocumentDistributionRow>) {
  if (!s.doc.source_document_id) return;
  const dist = await repo.distributionOfIncoming(s.tx, s.doc.id);
  if (dist) await repo.updateDistribution(s.tx, dist.id, patch);
  const source = await repo.getDocument(s.tx, s.doc.source_document_id);
  if (!source) return;
  const unit = await units.getUnit(s.tx, s.doc.unit_id);
  await repo.insertEvents(s.tx, [{ id: uuidv7(), document_id: source.id, action, from_state: source.state, to_state: source.state, actor_id: s.actor.id, actor_name: `${s.actor.displayName}（${unit?.name ?? ''}）`, comment, data: JSON.stringify({ incomingDocumentId: s.doc.id }), version_no: null, at: s.at }]);
}

const receive: Handler = async (s, _body, to) => {
  const year = Number(s.today.slice(0, 4));
  const serial = await assignmentsRepo.nextSerial(s.tx, `incoming:${s.doc.unit_id}`, year);
  await noteOnSource(s, 'recipient_received', null, { received_at: s.at, received_by_name: s.actor.displayName });
  return { to, patch: { received_at: s.at, received_by: s.actor.id, incoming_year: year, incoming_serial: serial }, data: { incomingNumber: incomingNumberText({ incoming_year: year, incoming_serial: serial }) } };
};

const returnToSender: Handler = async (s, _body, to) => {
  await noteOnSource(s, 'recipient_returned', s.comment, { returned_at: s.at, return_reason: s.comment });
  if (s.doc.source_document_id) {
    const source = await repo.getDocument(s.tx, s.doc.source_document_id);
    if (source) await openTodos(s.tx, s.ctx, { module: MODULE, entityId: source.id, task: '来文被退回', title: source.title, urgency: source.urgency, dueAt: null }, [source.created_by]);
  }
  return { to };
};

async function activeUsers(tx: Executor, doc: DocumentRow, ids: string[], field: string, label: string, leaderOnly = false) {
  const unique = [...new Set(ids)];
  const found = await users.getUsersByIds(tx, unique);
  if (found.length !== unique.length || found.some((u) => u.disabled || u.admin_role || (leaderOnly && u.is_leader !== 1))) {
    throw new AppError('VALIDATION_FAILED', `${label}：所选人员须为在职${leaderOnly ? '领导' : '人员'}`, field);
  }
  assertClearedUsers(doc, found, field, label);
  return unique;
}

async function existingUnits(tx: Executor, ids: string[], field: string, label: string) {
  const unique = [...new Set(ids)];
  if ((await units.getUnitsByIds(tx, unique)).length !== unique.length) throw new AppError('VALIDATION_FAILED', `${label}：有单位不存在`, field);
  return unique;
}

const propose: Handler = async (s, body) => {
  const { tx, doc } = s;
  const instructors = await activeUsers(tx, doc, body.instructorIds ?? [], 'instructorIds', '批示领导', true);
  const readers = await activeUsers(tx, doc, body.readerIds ?? [], 'readerIds', '传阅人员');
  const coop = await existingUnits(tx, body.coopUnitIds ?? [], 'coopUnitIds', '协办单位');
  await assertUnitsCanHold(tx, doc, coop, 'coopUnitIds', '协办单位');
  if (body.leadUnitId) {
    await existingUnits(tx, [body.leadUnitId], 'leadUnitId', '承办单位');
    await assertUnitsCanHold(tx, doc, [body.leadUnitId], 'leadUnitId', '承办单位');
  }
  if (body.chaserId) await activeUsers(tx, doc, [body.chaserId], 'chaserId', '催办人');
  const sequential = body.instructMode !== 'parallel';
  const round = Math.max(0, ...s.parts.map((p) => Number(p.round))) + 1;
  const row = (kind: string, userId: string | null, unitId: string | null, seq: number, status: string): DocumentParticipantRow => ({ id: randomUUID(), document_id: doc.id, kind, user_id: userId, unit_id: unitId, seq, round, status, opinion: null, acted_by: null, acted_by_name: null, acted_at: null, created_at: s.at });
  const rows = [
    ...instructors.map((u, i) => row('instructor', u, null, sequential ? i : 0, !sequential || i === 0 ? 'pending' : 'waiting')),
    ...readers.map((u, i) => row('reader', u, null, i, 'pending')),
    ...coop.map((u, i) => row('coop_unit', null, u, i, 'pending')),
  ];
  await repo.insertParticipants(tx, rows);
  s.parts.push(...rows);
  const forInformation = body.forInformation === true && !instructors.length && !body.leadUnitId;
  const to = instructors.length ? 'instructing' : forInformation ? 'concluded' : 'handling';
  return {
    to,
    patch: {
      proposal: s.comment, lead_unit_id: body.leadUnitId ?? null, deadline: body.deadline ?? null, chaser_id: body.chaserId ?? null,
      ...(forInformation ? { outcome: '阅知件，已按拟办意见分送阅知', concluded_at: s.at } : {}),
    },
    data: { instructors: instructors.length, mode: sequential ? 'sequential' : 'parallel', readers: readers.length, coopUnits: coop.length, deadline: body.deadline ?? null },
  };
};

const instruct: Handler = async (s, body, to) => {
  const { tx, doc } = s;
  const mine = s.parts.filter((p) => p.kind === 'instructor' && p.status === 'pending' && p.user_id === s.actor.id);
  await setPartyStatus(tx, mine, 'done', s);
  if (body.leadUnitId) {
    await existingUnits(tx, [body.leadUnitId], 'leadUnitId', '承办单位');
    await assertUnitsCanHold(tx, doc, [body.leadUnitId], 'leadUnitId', '承办单位');
  }
  const patch: Partial<DocumentRow> = { ...(body.leadUnitId ? { lead_unit_id: body.leadUnitId } : {}), ...(body.deadline ? { deadline: body.deadline } : {}) };
  if (body.deadline && body.deadline < s.today) throw new AppError('VALIDATION_FAILED', '办理期限：不能早于今天', 'deadline');
  const data: Record<string, unknown> = {};
  if (body.createAssignment) {
    if (!s.actor.roles.includes('leader')) throw new AppError('FORBIDDEN', '只有领导可以在批示时交办事项', 'createAssignment');
    const { id } = await createAssignment(
      s.ctx,
      s.actor,
      { title: body.createAssignment.title ?? doc.title, instruction: s.comment!, assigneeUnitId: body.createAssignment.assigneeUnitId, urgency: doc.urgency as 'normal', classification: doc.classification as 'none', deadline: { type: 'date', date: body.createAssignment.deadline } },
      { tx, source: { type: MODULE, id: doc.id }, calendar: s.cal },
    ).catch((e: unknown) => {
      // The assignment's own field names, re-pointed at the nested input the user filled in.
      if (e instanceof AppError && e.field) throw new AppError(e.code, e.message, `createAssignment.${e.field === 'deadline.date' ? 'deadline' : e.field}`);
      throw e;
    });
    data.assignmentId = id;
  }
  const waiting = s.parts.filter((p) => p.kind === 'instructor' && p.status === 'waiting').sort((a, b) => Number(a.seq) - Number(b.seq));
  const stillPending = s.parts.some((p) => p.kind === 'instructor' && p.status === 'pending');
  if (stillPending || waiting.length) {
    if (!stillPending) {
      await setPartyStatus(tx, [waiting[0]!], 'pending');
      await openTodos(tx, s.ctx, { module: MODULE, entityId: doc.id, task: '批示', title: doc.title, urgency: doc.urgency, dueAt: dueAtOf({ deadline: patch.deadline ?? doc.deadline }) }, [waiting[0]!.user_id!]);
    }
    return { to: doc.state, patch, data, settledUsers: [s.actor.id] };
  }
  return { to, patch, data };
};

const read: Handler = async (s) => {
  const mine = s.parts.filter((p) => p.kind === 'reader' && p.status === 'pending' && p.user_id === s.actor.id);
  await setPartyStatus(s.tx, mine, 'done', s);
  return { to: s.doc.state, settledUsers: [s.actor.id] };
};

const contribute: Handler = async (s) => {
  const mine = s.parts.filter((p) => p.kind === 'coop_unit' && p.status === 'pending' && mineOf(s)(p));
  await setPartyStatus(s.tx, mine, 'done', s);
  return { to: s.doc.state, settledUsers: await usersOf(s.tx, mine) };
};

/** Who must act now, for a 催办. */
async function currentHandlers(s: Step): Promise<string[]> {
  if (s.doc.state === 'instructing') return s.parts.filter((p) => p.kind === 'instructor' && p.status === 'pending' && p.user_id).map((p) => p.user_id!);
  return clerksOfUnit(s.tx, s.doc.lead_unit_id ?? s.doc.unit_id, s.doc.classification);
}

const remind: Handler = async (s) => {
  const who = await currentHandlers(s);
  await openTodos(s.tx, s.ctx, { module: MODULE, entityId: s.doc.id, task: `催办：${s.comment}`.slice(0, 100), title: s.doc.title, urgency: s.doc.urgency, dueAt: dueAtOf(s.doc) }, who);
  return { to: s.doc.state, settledUsers: [], data: { notified: who.length } };
};

const conclude: Handler = async (s, body, to) => {
  if (body.reply) await noteOnSource(s, 'recipient_replied', body.reply, {});
  await jobs.cancelPendingJobs(s.tx, `document:${s.doc.id}:`);
  return { to, patch: { outcome: s.comment, reply: body.reply ?? null, concluded_at: s.at }, data: body.reply ? { reply: body.reply } : undefined };
};

const HANDLERS: Record<string, Handler> = {
  submit, cancel: returnToDrafter, review_pass: reviewPass, review_return: returnToDrafter, review_reject: returnToDrafter,
  countersign_agree: countersignAgree, countersign_return: returnToDrafter, sign, sign_return: returnToDrafter, register,
  void_number: voidNumber, seal, issue, archive, receive, return_to_sender: returnToSender, accept: async (_s, _b, to) => ({ to }),
  propose, instruct, read, contribute, remind, conclude,
};

/** Takes one step: engine decision, the step's own writes, history, version, inbox, reminders and audit in one transaction. */
export async function actOnDocument(ctx: AppContext, actor: Actor, id: string, action: string, body: DocumentActionBody) {
  requireBusinessUser(actor);
  const now = ctx.now();
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const cal = await ctx.calendar();
  await ctx.db.transaction().execute(async (tx) => {
    const { doc, parts, rel, clerkUnits } = await loadForActor(tx, actor, id, { lock: true });
    const def = (doc.direction === 'outgoing' ? outgoingWorkflow : incomingWorkflow) as WorkflowDefinition<string>;
    const result = applyTransition(def, { state: doc.state, action, relations: rel, input: { ...body }, now, data: { urgency: doc.urgency, important: doc.important === 1, deadline: doc.deadline } });
    if (!result.ok) throw new AppError(result.code, result.message, result.field);
    const at = now.toISOString();
    const s: Step = { tx, ctx, actor, doc, parts: parts as Party[], clerkUnits, now, at, today: toShanghaiDate(now), cal, comment: result.comment };
    const outcome = await HANDLERS[action]!(s, body, result.to);
    const to = STATE_KEEPING_ACTIONS.has(action) ? doc.state : outcome.to;
    // A step that rewrites the text (签发 dates it, 编号 numbers it) is that step's author's version.
    if (outcome.patch?.content !== undefined && outcome.patch.content !== doc.content) outcome.patch.content_edited_by = actor.id;
    const updated: DocumentRow = { ...doc, ...outcome.patch, state: to, updated_at: at };
    // The text as it stood when it left the step it was edited in is kept as a version.
    const versionNo = doc.direction === 'outgoing' ? await snapshot(tx, updated, stateLabelOf('outgoing', doc.state), at) : null;
    await repo.updateDocument(tx, id, { ...outcome.patch, state: to, updated_at: at });
    await repo.insertEvents(tx, [{ id: uuidv7(), document_id: id, action, from_state: doc.state, to_state: to, actor_id: actor.id, actor_name: actor.displayName, comment: result.comment, data: outcome.data ? JSON.stringify(outcome.data) : null, version_no: versionNo, at }]);
    if (to !== doc.state) {
      await closeTodosOf(tx, ctx, id);
      await openTodosForState(tx, ctx, updated, s.parts, { returned: outcome.returned });
    } else if (outcome.settledUsers) {
      await closeTodosOf(tx, ctx, id, outcome.settledUsers);
    }
    if (updated.deadline !== doc.deadline || (action === 'propose' && updated.deadline)) {
      await scheduleDeadlineReminders(tx, ctx, cal, { keyPrefix: `document:${id}:`, kinds: { dueSoon: 'document.remind_due_soon', overdue: 'document.remind_overdue' }, deadline: updated.deadline, payload: { documentId: id, deadline: updated.deadline } });
    }
    if (['concluded', 'archived', 'returned'].includes(to)) await jobs.cancelPendingJobs(tx, `document:${id}:`);
    // A document numbered before 复核 that will now never be issued: its number is voided with the reason, not reused.
    if ((to === 'rejected' || to === 'cancelled') && doc.number_serial !== null && doc.issuer_code) {
      await voidDocumentNumber(tx, ctx, { id: actor.id }, { issuerCode: doc.issuer_code, year: Number(doc.number_year), serial: Number(doc.number_serial), reason: `${to === 'rejected' ? '不予发文' : '撤销拟稿'}：${result.comment ?? ''}` });
    }
    await updateInitiated(tx, ctx, updated);
    await recordAudit(tx, ctx, actor, { action: `document.${action}`, entityType: MODULE, entityId: id, detail: { from: doc.state, to, ...(outcome.data ?? {}) } });
  });
  return getDocumentDetail(ctx, actor, id, { auditRead: false });
}

/** Runs a due 催办 job: to the current handlers and the 催办人, if the document is still open on that deadline. */
export async function runDocumentReminder(ctx: AppContext, tx: Executor, kind: string, payload: { documentId: string; deadline: string }): Promise<void> {
  const doc = await repo.lockDocument(tx, payload.documentId);
  if (!doc || !['instructing', 'handling'].includes(doc.state) || doc.deadline !== payload.deadline) return;
  const parts = await repo.listParticipants(tx, doc.id);
  const overdue = kind === 'document.remind_overdue';
  const handlers = doc.state === 'instructing' ? parts.filter((p) => p.kind === 'instructor' && p.status === 'pending' && p.user_id).map((p) => p.user_id!) : await clerksOfUnit(tx, doc.lead_unit_id ?? doc.unit_id, doc.classification);
  const task = overdue ? '催办：已逾期' : '催办：即将到期';
  await openTodos(tx, ctx, { module: MODULE, entityId: doc.id, task, title: doc.title, urgency: doc.urgency, dueAt: dueAtOf(doc) }, [...handlers, ...(doc.chaser_id ? [doc.chaser_id] : [])]);
  const at = ctx.now().toISOString();
  await repo.insertEvents(tx, [{ id: uuidv7(), document_id: doc.id, action: overdue ? 'remind_overdue' : 'remind_due_soon', from_state: doc.state, to_state: doc.state, actor_id: null, actor_name: '系统', comment: overdue ? `已超过办理期限（${doc.deadline}），请尽快办结` : `距办理期限（${doc.deadline}）不足${DUE_SOON_WORKDAYS}个工作日，请抓紧办理`, data: null, version_no: null, at }]);
  await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: `document.${overdue ? 'remind_overdue' : 'remind_due_soon'}`, entityType: MODULE, entityId: doc.id });
}

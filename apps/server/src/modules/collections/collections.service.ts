/**
 * 情况征集: the office designs a form and sends it to units with a deadline; each unit's clerks fill it in (a
 * draft, then the submission); the office follows completion, reminds, returns a submission for correction and
 * reads the summary. Who sees what: the office everything; the committee's own leaders every collection sent
 * and its summary; a unit's clerks only collections sent to their unit, and only their unit's submission.
 * Leaders do not fill in.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { shanghaiEndOfDay } from '@zhongshu/core/calendar/index.ts';
import {
  COLLECTION_STATE_LABELS,
  completionOf,
  filesIn,
  isLate,
  isValidDay,
  summarise,
  tableFieldOf,
  UNIT_STATE_LABELS,
  validateFormDesign,
  validateValues,
  type CollectionState,
  type Completion,
  type FieldError,
  type FormData,
  type FormField,
  type SummaryEntry,
  type UnitState,
} from '@zhongshu/core/collections/index.ts';
import { collections as repo, files as filesRepo, inbox, jobs, units as unitsRepo, type CollectionRow, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { overseesAll } from '../assignments/assignments.service.ts';
import { clerkUnitsOf, clerksOfUnits } from '../documents/documents.access.ts';
import { closeTodos, openTodos } from '../inbox/inbox.service.ts';
import type { CreateBody, ListQuery, SummaryMode, UpdateBody } from './collections.schemas.ts';

export const MODULE = 'collection';
export const DEADLINE_JOB = 'collection.deadline';
const TASK_FILL = '填报';
const TASK_REMIND = '催报';
const TASK_RETURNED = '退回修改';
const SYSTEM = { id: null, displayName: '系统', ip: null };

type UnitRow = Awaited<ReturnType<typeof repo.collectionUnits>>[number];
type UnitRowWithData = Awaited<ReturnType<typeof repo.collectionUnitsWithData>>[number];

// ── who may do what ───────────────────────────────────────────────────────────

interface Access {
  /** The office: designs, sends, follows, returns, exports. */
  manage: boolean;
  /** The office and the committee's own leaders: every collection sent, every unit's submission, the summary. */
  readAll: boolean;
  /** Units whose forms the actor fills in: their own (role unit), the office and the committee (role office). */
  clerkUnits: string[];
}

async function accessOf(db: Executor, actor: Actor): Promise<Access> {
  requireBusinessUser(actor);
  const manage = actor.roles.includes('office');
  const readAll = manage || (await overseesAll(db, actor));
  return { manage, readAll, clerkUnits: await clerkUnitsOf(db, actor) };
}

function requireManage(access: Access): void {
  if (!access.manage) throw new AppError('FORBIDDEN', '情况征集由党委办公室发起和管理');
}

/** Whether the collection is the actor's to know of (a draft is the office's alone). */
function canSee(access: Access, c: CollectionRow, unitRows: readonly { unit_id: string }[]): boolean {
  if (access.manage) return true;
  if (c.state === 'draft') return false;
  return access.readAll || unitRows.some((u) => access.clerkUnits.includes(u.unit_id));
}

async function loadVisible(db: Executor, actor: Actor, id: string) {
  const access = await accessOf(db, actor);
  const c = await repo.getCollection(db, id);
  if (!c) throw new AppError('NOT_FOUND');
  const unitRows = await repo.collectionUnits(db, id);
  // Not revealing that a collection exists is part of not revealing what it asks.
  if (!canSee(access, c, unitRows)) throw new AppError('NOT_FOUND');
  return { access, c, unitRows };
}

// ── shapes ────────────────────────────────────────────────────────────────────

const formOf = (c: Pick<CollectionRow, 'form'>) => JSON.parse(c.form) as FormField[];
const asOfOf = (ctx: AppContext, c: Pick<CollectionRow, 'closed_at'>) => c.closed_at ?? ctx.now().toISOString();

function toEntry(r: UnitRow, c: Pick<CollectionRow, 'deadline'>, asOf: string) {
  const state = r.state as UnitState;
  return {
    unitId: r.unit_id,
    unitName: r.unit_name,
    state,
    stateLabel: UNIT_STATE_LABELS[state] ?? r.state,
    savedAt: r.saved_at,
    submittedAt: r.submitted_at,
    late: isLate(r.state, r.submitted_at, c.deadline, asOf),
    returnedReason: r.returned_reason,
    returnCount: Number(r.return_count),
    remindedCount: Number(r.reminded_count),
  };
}
export type UnitEntry = ReturnType<typeof toEntry>;

function toDetail(ctx: AppContext, access: Access, c: CollectionRow & { meeting_title: string | null }, unitRows: readonly UnitRow[]) {
  const asOf = asOfOf(ctx, c);
  const all = unitRows.map((r) => toEntry(r, c, asOf));
  const mine = all.filter((e) => access.clerkUnits.includes(e.unitId));
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    state: c.state as CollectionState,
    stateLabel: COLLECTION_STATE_LABELS[c.state as CollectionState] ?? c.state,
    deadline: c.deadline,
    sentAt: c.sent_at,
    meetingId: c.meeting_id,
    meetingTitle: c.meeting_title,
    fields: formOf(c),
    completion: completionOf(all),
    units: access.readAll ? all : mine,
    canManage: access.manage,
    myUnitId: mine[0]?.unitId ?? null,
  };
}

// ── input checks ──────────────────────────────────────────────────────────────

/** Every error of a form or a unit's values at once: the first as the message, all of them by path. */
function errorsToAppError(errors: readonly FieldError[]): AppError {
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.path] ??= e.message;
  const first = errors[0]!;
  const n = Object.keys(fields).length;
  return new AppError('VALIDATION_FAILED', n === 1 ? first.message : `有${n}处填写有误：${first.message}等`, first.path, fields);
}

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, field);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A deadline as stored (UTC instant): an instant as given, or a day meaning the end of that day in Shanghai. */
function parseDeadline(input: string | null | undefined): string | null | undefined {
  if (input === undefined) return undefined;
  if (input === null || input === '') return null;
  if (isValidDay(input)) return shanghaiEndOfDay(input).toISOString();
  const ms = ISO_INSTANT.test(input) ? Date.parse(input) : NaN;
  if (Number.isNaN(ms)) throw bad('deadline', '截止时间：格式不正确，应为日期（YYYY-MM-DD）或日期时间（如2026-11-25T18:00:00+08:00）');
  return new Date(ms).toISOString();
}

function requireFuture(ctx: AppContext, deadline: string | null | undefined): void {
  if (deadline && deadline <= ctx.now().toISOString()) throw bad('deadline', '截止时间：应晚于当前时间');
}

async function checkUnitIds(db: Executor, unitIds: readonly string[]): Promise<void> {
  if (new Set(unitIds).size !== unitIds.length) throw bad('unitIds', '征集单位：有重复的单位');
  const found = await unitsRepo.getUnitsByIds(db, [...unitIds]);
  if (found.length !== unitIds.length) throw bad('unitIds', '征集单位：有单位不存在，请刷新后重新选择');
}

async function checkMeeting(db: Executor, meetingId: string | null | undefined): Promise<void> {
  if (!meetingId) return;
  const m = await repo.meetingBrief(db, meetingId);
  if (!m) throw bad('meetingId', '关联会议：会议不存在');
  if (m.state === 'cancelled') throw bad('meetingId', '关联会议：该会议已取消');
}

function checkDesign(fields: unknown): FormField[] {
  const r = validateFormDesign(fields);
  if (r.errors.length) throw errorsToAppError(r.errors);
  return r.fields;
}

// ── to-dos and reminders ───────────────────────────────────────────────────────

const todo = (c: Pick<CollectionRow, 'id' | 'title'>, task: string, dueAt: string | null) => ({ module: MODULE, entityId: c.id, task, title: c.title, urgency: 'normal', dueAt });
/** A to-do's due date: the deadline while it is still ahead (a 退回 after it does not make the unit overdue at once). */
const dueOf = (ctx: AppContext, c: Pick<CollectionRow, 'deadline'>) => (c.deadline && c.deadline > ctx.now().toISOString() ? c.deadline : null);

async function openFillTodos(tx: Executor, ctx: AppContext, c: CollectionRow, unitIds: readonly string[]): Promise<void> {
  if (!unitIds.length) return;
  const clerks = await clerksOfUnits(tx, [...unitIds]);
  await openTodos(tx, ctx, todo(c, TASK_FILL, c.deadline), [...clerks.values()].flat());
}

/**
 * 催报 to units: each is counted reminded, and each of its clerks gets a 催报 to-do — or, holding one still open
 * from an earlier reminder, sees it again as new. Their 填报 to-do stays open beside it.
 */
async function remindUnits(tx: Executor, ctx: AppContext, c: CollectionRow, rows: readonly UnitRow[]): Promise<number> {
  if (!rows.length) return 0;
  const at = ctx.now().toISOString();
  await repo.markReminded(tx, rows.map((r) => r.id), at);
  const clerks = [...new Set([...(await clerksOfUnits(tx, rows.map((r) => r.unit_id))).values()].flat())];
  const holding = await inbox.usersWithOpenTodo(tx, MODULE, c.id, TASK_REMIND, clerks);
  await inbox.refreshOpenTodos(tx, MODULE, c.id, TASK_REMIND, holding, at, c.deadline);
  await openTodos(tx, ctx, { ...todo(c, TASK_REMIND, c.deadline), urgency: 'urgent' }, clerks.filter((u) => !holding.includes(u)));
  return rows.length;
}

/**
 * The reminder at the deadline. Earlier pending ones are cancelled first, under the collection's lock, so one is
 * pending at a time; the key ends in a fresh id because a cancelled key stays taken (a reopened collection, or a
 * deadline changed back, must still get its reminder).
 */
async function scheduleDeadlineJob(tx: Executor, ctx: AppContext, c: Pick<CollectionRow, 'id' | 'deadline'>): Promise<void> {
  await jobs.cancelPendingJobs(tx, `collection:${c.id}:`);
  if (!c.deadline) return;
  const now = ctx.now().toISOString();
  await jobs.queueJob(tx, { kind: DEADLINE_JOB, key: `collection:${c.id}:deadline:${c.deadline}:${randomUUID()}`, runAt: c.deadline, payload: { collectionId: c.id, deadline: c.deadline } }, now);
}

/** The job at the deadline: the units that have not submitted are reminded (if the collection is still open and that is still its deadline). */
export async function runDeadlineReminder(ctx: AppContext, tx: Executor, _kind: string, payload: { collectionId: string; deadline: string }): Promise<void> {
  const c = await repo.lockCollection(tx, payload.collectionId);
  if (!c || c.state !== 'open' || c.deadline !== payload.deadline) return;
  const rows = (await repo.collectionUnits(tx, c.id)).filter((r) => r.state !== 'submitted');
  const reminded = await remindUnits(tx, ctx, c, rows);
  if (reminded) await recordAudit(tx, ctx, SYSTEM, { action: 'collection.remind', entityType: MODULE, entityId: c.id, detail: { units: rows.map((r) => r.unit_id), at: 'deadline' } });
}

// ── the office: design, send, follow ──────────────────────────────────────────

export async function listCollections(ctx: AppContext, actor: Actor, q: ListQuery) {
  const access = await accessOf(ctx.db, actor);
  const scope: repo.CollectionScope = access.manage ? { kind: 'all' } : access.readAll ? { kind: 'sent' } : { kind: 'units', unitIds: access.clerkUnits };
  const { items, total } = await repo.listCollections(ctx.db, scope, { state: q.state, q: q.q }, q);
  const ids = items.map((c) => c.id);
  const [counts, mine] = await Promise.all([repo.stateCounts(ctx.db, ids), repo.entriesOfUnits(ctx.db, ids, access.clerkUnits)]);
  return {
    items: items.map((c) => {
      const asOf = asOfOf(ctx, c);
      const completion: Completion = { total: 0, submitted: 0, draft: 0, pending: 0, returned: 0, late: 0 };
      const deadlinePassed = !!c.deadline && asOf > c.deadline;
      for (const r of counts) {
        if (r.collection_id !== c.id) continue;
        completion.total += r.n;
        if (r.state in completion) completion[r.state as UnitState] += r.n;
        completion.late += r.state === 'submitted' ? r.late_submitted : deadlinePassed ? r.n : 0;
      }
      const own = mine.find((m) => m.collection_id === c.id);
      return {
        id: c.id,
        title: c.title,
        state: c.state,
        stateLabel: COLLECTION_STATE_LABELS[c.state as CollectionState] ?? c.state,
        deadline: c.deadline,
        sentAt: c.sent_at,
        meetingId: c.meeting_id,
        meetingTitle: c.meeting_title,
        completion,
        mine: own ? toEntry(own, c, asOf) : null,
      };
    }),
    total,
  };
}

export async function getCollectionDetail(ctx: AppContext, actor: Actor, id: string) {
  const { access, c, unitRows } = await loadVisible(ctx.db, actor, id);
  return toDetail(ctx, access, c, unitRows);
}

export async function createCollection(ctx: AppContext, actor: Actor, body: CreateBody) {
  const access = await accessOf(ctx.db, actor);
  requireManage(access);
  const fields = checkDesign(body.fields);
  const deadline = parseDeadline(body.deadline) ?? null;
  requireFuture(ctx, deadline);
  const unitIds = body.unitIds ?? [];
  await checkUnitIds(ctx.db, unitIds);
  await checkMeeting(ctx.db, body.meetingId);
  if (!actor.unitId) throw new AppError('FORBIDDEN', '您没有所属单位，不能发起情况征集');
  const id = randomUUID();
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertCollection(tx, {
      id, title: body.title, description: body.description || null, form: JSON.stringify(fields), state: 'draft', deadline, meeting_id: body.meetingId ?? null,
      organiser_unit_id: actor.unitId!, created_by: actor.id, created_at: at, updated_at: at, sent_at: null, closed_at: null,
    });
    await repo.insertCollectionUnits(tx, unitIds.map((unitId, seq) => newUnitRow(id, unitId, seq)));
    await recordAudit(tx, ctx, actor, { action: 'collection.create', entityType: MODULE, entityId: id, detail: { title: body.title, fields: fields.length, units: unitIds.length, deadline } });
  });
  return getCollectionDetail(ctx, actor, id);
}

function newUnitRow(collectionId: string, unitId: string, seq: number) {
  return {
    id: randomUUID(), collection_id: collectionId, unit_id: unitId, seq, state: 'pending', data: null, saved_at: null, saved_by: null, submitted_at: null,
    submitted_by: null, returned_at: null, returned_reason: null, return_count: 0, reminded_count: 0, last_reminded_at: null,
  };
}

const notAllowed = (message: string, field?: string) => new AppError('WORKFLOW_ACTION_NOT_ALLOWED', message, field);

export async function updateCollection(ctx: AppContext, actor: Actor, id: string, body: UpdateBody) {
  const access = await accessOf(ctx.db, actor);
  requireManage(access);
  const fields = body.fields === undefined ? undefined : checkDesign(body.fields);
  const deadline = parseDeadline(body.deadline);
  if (body.unitIds) await checkUnitIds(ctx.db, body.unitIds);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    // Only a newly attached meeting is checked: one cancelled since it was attached stays until detached.
    if (body.meetingId && body.meetingId !== c.meeting_id) await checkMeeting(tx, body.meetingId);
    if (c.state === 'closed') throw notAllowed('征集已结束，请先重新开启再修改');
    if (c.state !== 'draft' && fields) throw notAllowed('征集已发出，表单不能再修改', 'fields');
    if (c.state !== 'draft' && body.unitIds) throw notAllowed('征集已发出，征集单位只能追加，不能改动', 'unitIds');
    if (deadline !== undefined && deadline !== c.deadline) {
      requireFuture(ctx, deadline);
      if (c.state === 'open' && deadline === null) throw bad('deadline', '截止时间：征集中不能取消截止时间');
    }
    const patch = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description || null } : {}),
      ...(fields ? { form: JSON.stringify(fields) } : {}),
      ...(deadline !== undefined ? { deadline } : {}),
      ...(body.meetingId !== undefined ? { meeting_id: body.meetingId } : {}),
      updated_at: ctx.now().toISOString(),
    };
    await repo.updateCollection(tx, id, patch);
    if (body.unitIds) {
      await repo.deleteCollectionUnits(tx, id);
      await repo.insertCollectionUnits(tx, body.unitIds.map((unitId, seq) => newUnitRow(id, unitId, seq)));
    }
    if (body.title !== undefined && body.title !== c.title) await inbox.renameInboxItems(tx, MODULE, id, body.title);
    if (c.state === 'open' && deadline !== undefined && deadline !== c.deadline) {
      await scheduleDeadlineJob(tx, ctx, { id, deadline });
      await inbox.setOpenTodosDue(tx, MODULE, id, deadline);
    }
    await recordAudit(tx, ctx, actor, {
      action: 'collection.update', entityType: MODULE, entityId: id,
      detail: { changed: Object.keys(body).filter((k) => (body as Record<string, unknown>)[k] !== undefined), ...(deadline !== undefined ? { deadline: { from: c.deadline, to: deadline } } : {}) },
    });
  });
  return getCollectionDetail(ctx, actor, id);
}

export async function sendCollection(ctx: AppContext, actor: Actor, id: string) {
  requireManage(await accessOf(ctx.db, actor));
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.state !== 'draft') throw notAllowed('该征集已经发出');
    if (!c.deadline) throw bad('deadline', '截止时间：发出前须设定截止时间');
    requireFuture(ctx, c.deadline);
    const rows = await repo.collectionUnits(tx, id);
    if (!rows.length) throw bad('unitIds', '征集单位：至少选择一个单位');
    const at = ctx.now().toISOString();
    await repo.updateCollection(tx, id, { state: 'open', sent_at: at, updated_at: at });
    await openFillTodos(tx, ctx, c, rows.map((r) => r.unit_id));
    await scheduleDeadlineJob(tx, ctx, c);
    await recordAudit(tx, ctx, actor, { action: 'collection.send', entityType: MODULE, entityId: id, detail: { units: rows.length, deadline: c.deadline } });
  });
  return getCollectionDetail(ctx, actor, id);
}

export async function addUnits(ctx: AppContext, actor: Actor, id: string, unitIds: string[]) {
  requireManage(await accessOf(ctx.db, actor));
  await checkUnitIds(ctx.db, unitIds);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.state === 'draft') throw notAllowed('征集尚未发出，请在编辑中选择征集单位', 'unitIds');
    if (c.state === 'closed') throw notAllowed('征集已结束，请先重新开启再追加单位', 'unitIds');
    const rows = await repo.collectionUnits(tx, id);
    const have = new Set(rows.map((r) => r.unit_id));
    const added = unitIds.filter((u) => !have.has(u));
    const nextSeq = rows.reduce((m, r) => Math.max(m, Number(r.seq)), -1) + 1;
    await repo.insertCollectionUnits(tx, added.map((unitId, i) => newUnitRow(id, unitId, nextSeq + i)));
    await openFillTodos(tx, ctx, c, added);
    await repo.updateCollection(tx, id, { updated_at: ctx.now().toISOString() });
    await recordAudit(tx, ctx, actor, { action: 'collection.add_units', entityType: MODULE, entityId: id, detail: { added } });
  });
  return getCollectionDetail(ctx, actor, id);
}

export async function remindCollection(ctx: AppContext, actor: Actor, id: string, unitIds: string[] | undefined) {
  requireManage(await accessOf(ctx.db, actor));
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.state !== 'open') throw notAllowed(c.state === 'draft' ? '征集尚未发出' : '征集已结束，不能再催报');
    const rows = await repo.collectionUnits(tx, id);
    if (unitIds) {
      const inIt = new Set(rows.map((r) => r.unit_id));
      if (unitIds.some((u) => !inIt.has(u))) throw bad('unitIds', '征集单位：有单位不在本次征集范围内');
    }
    const targets = rows.filter((r) => r.state !== 'submitted' && (!unitIds || unitIds.includes(r.unit_id)));
    const reminded = await remindUnits(tx, ctx, c, targets);
    await recordAudit(tx, ctx, actor, { action: 'collection.remind', entityType: MODULE, entityId: id, detail: { units: targets.map((r) => r.unit_id) } });
    return { reminded };
  });
}

export async function closeCollection(ctx: AppContext, actor: Actor, id: string) {
  requireManage(await accessOf(ctx.db, actor));
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.state !== 'open') throw notAllowed(c.state === 'draft' ? '征集尚未发出' : '征集已经结束');
    const at = ctx.now().toISOString();
    await repo.updateCollection(tx, id, { state: 'closed', closed_at: at, updated_at: at });
    await closeTodos(tx, ctx, MODULE, id);
    await jobs.cancelPendingJobs(tx, `collection:${id}:`);
    await recordAudit(tx, ctx, actor, { action: 'collection.close', entityType: MODULE, entityId: id });
  });
  return getCollectionDetail(ctx, actor, id);
}

export async function reopenCollection(ctx: AppContext, actor: Actor, id: string) {
  requireManage(await accessOf(ctx.db, actor));
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.state !== 'closed') throw notAllowed('只有已结束的征集可以重新开启');
    const at = ctx.now().toISOString();
    await repo.updateCollection(tx, id, { state: 'open', closed_at: null, updated_at: at });
    const rows = await repo.collectionUnits(tx, id);
    const due = dueOf(ctx, c);
    await openFillTodos(tx, ctx, { ...c, deadline: due }, rows.filter((r) => r.state === 'pending' || r.state === 'draft').map((r) => r.unit_id));
    const returned = rows.filter((r) => r.state === 'returned').map((r) => r.unit_id);
    if (returned.length) await openTodos(tx, ctx, todo(c, TASK_RETURNED, due), [...(await clerksOfUnits(tx, returned)).values()].flat());
    if (due) await scheduleDeadlineJob(tx, ctx, c);
    await recordAudit(tx, ctx, actor, { action: 'collection.reopen', entityType: MODULE, entityId: id });
  });
  return getCollectionDetail(ctx, actor, id);
}

// ── a unit's submission ───────────────────────────────────────────────────────

/**
 * The unit's entry, if the actor may read it: the office and the committee's leaders any unit's, a clerk only
 * their own unit's. Others — including a unit asking after another — are told it does not exist.
 */
async function loadEntry(db: Executor, actor: Actor, id: string, unitId: string) {
  const { access, c, unitRows } = await loadVisible(db, actor, id);
  if (!unitRows.some((r) => r.unit_id === unitId)) throw new AppError('NOT_FOUND');
  const isClerk = access.clerkUnits.includes(unitId);
  if (!isClerk && !access.readAll) throw new AppError('NOT_FOUND');
  return { access, c, isClerk };
}

/** What a reader sees of a unit's values: the unit's own clerks their draft too; the office and leaders what was submitted. */
function visibleData(r: { state: string; data: string | null }, isClerk: boolean): FormData {
  if (!r.data) return {};
  if (!isClerk && r.state !== 'submitted' && r.state !== 'returned') return {};
  return JSON.parse(r.data) as FormData;
}

async function entryWithData(ctx: AppContext, db: Executor, c: CollectionRow, unitId: string, isClerk: boolean) {
  const r = (await repo.getCollectionUnit(db, c.id, unitId))!;
  return { ...toEntry(r, c, asOfOf(ctx, c)), data: visibleData(r, isClerk) };
}

export async function getUnitEntry(ctx: AppContext, actor: Actor, id: string, unitId: string) {
  const { c, isClerk } = await loadEntry(ctx.db, actor, id, unitId);
  return entryWithData(ctx, ctx.db, c, unitId, isClerk);
}

/** Checks that the actor fills in for the unit; returns the collection row locked. */
async function loadForFilling(tx: Executor, actor: Actor, id: string, unitId: string) {
  const { access } = await loadEntry(tx, actor, id, unitId);
  if (!access.clerkUnits.includes(unitId)) throw new AppError('FORBIDDEN', '只有该单位的填报人员可以填报');
  const c = (await repo.lockCollection(tx, id))!;
  if (c.state === 'draft') throw notAllowed('征集尚未发出');
  if (c.state === 'closed') throw new AppError('COLLECTION_CLOSED');
  const r = (await repo.getCollectionUnit(tx, id, unitId))!;
  if (r.state === 'submitted') throw new AppError('COLLECTION_ALREADY_SUBMITTED');
  return { c, r };
}

/**
 * A file named in the values must be one the actor uploaded, or one already in the unit's stored values (a
 * colleague's upload kept); its name is taken from the file itself.
 */
async function checkFiles(db: Executor, actor: Actor, fields: readonly FormField[], data: FormData, stored: string | null, errors: FieldError[]): Promise<void> {
  const given = filesIn(fields, data);
  if (!given.length) return;
  const kept = new Set(filesIn(fields, stored ? (JSON.parse(stored) as FormData) : null).map((f) => f.file.fileId));
  const rows = new Map((await filesRepo.getFiles(db, given.map((g) => g.file.fileId))).map((f) => [f.id, f]));
  for (const g of given) {
    const f = rows.get(g.file.fileId);
    const field = fields.find((x) => x.key === g.key)!;
    if (!f || (f.uploaded_by !== actor.id && !kept.has(f.id))) {
      errors.push({ path: `data.${g.key}`, message: `${field.label}：文件不存在或不是您上传的，请重新上传` });
      continue;
    }
    data[g.key] = { fileId: f.id, name: f.name };
  }
}

export async function saveDraft(ctx: AppContext, actor: Actor, id: string, unitId: string, input: Record<string, unknown>) {
  await ctx.db.transaction().execute(async (tx) => {
    const { c, r } = await loadForFilling(tx, actor, id, unitId);
    const fields = formOf(c);
    const { data, errors } = validateValues(fields, input, { partial: true });
    await checkFiles(tx, actor, fields, data, r.data, errors);
    if (errors.length) throw errorsToAppError(errors);
    const at = ctx.now().toISOString();
    // A returned submission being corrected stays 已退回 (with its reason) until it is submitted again.
    await repo.updateCollectionUnit(tx, r.id, { data: JSON.stringify(data), saved_at: at, saved_by: actor.id, state: r.state === 'returned' ? 'returned' : 'draft' });
    await recordAudit(tx, ctx, actor, { action: 'collection.save', entityType: MODULE, entityId: id, detail: { unitId } });
  });
  const c = (await repo.getCollection(ctx.db, id))!;
  return entryWithData(ctx, ctx.db, c, unitId, true);
}

export async function submitEntry(ctx: AppContext, actor: Actor, id: string, unitId: string, input: Record<string, unknown>) {
  await ctx.db.transaction().execute(async (tx) => {
    const { c, r } = await loadForFilling(tx, actor, id, unitId);
    const fields = formOf(c);
    const { data, errors } = validateValues(fields, input);
    await checkFiles(tx, actor, fields, data, r.data, errors);
    if (errors.length) throw errorsToAppError(errors);
    const at = ctx.now().toISOString();
    // A corrected submission keeps the time of the first: the office's 退回 after the deadline does not make the unit late.
    const submittedAt = r.state === 'returned' && r.submitted_at ? r.submitted_at : at;
    await repo.updateCollectionUnit(tx, r.id, { data: JSON.stringify(data), saved_at: at, saved_by: actor.id, state: 'submitted', submitted_at: submittedAt, submitted_by: actor.id });
    // The unit's to-dos are done; a clerk who also fills in for another unit of the collection keeps theirs.
    const rows = await repo.collectionUnits(tx, id);
    const outstanding = rows.filter((x) => x.unit_id !== unitId && x.state !== 'submitted').map((x) => x.unit_id);
    const clerks = await clerksOfUnits(tx, [unitId, ...outstanding]);
    const busy = new Set(outstanding.flatMap((u) => clerks.get(u) ?? []));
    await inbox.closeOpenTodosOfUsers(tx, MODULE, id, (clerks.get(unitId) ?? []).filter((u) => !busy.has(u)), at);
    await recordAudit(tx, ctx, actor, { action: 'collection.submit', entityType: MODULE, entityId: id, detail: { unitId, late: isLate('submitted', submittedAt, c.deadline, at), resubmitted: r.state === 'returned' } });
  });
  const c = (await repo.getCollection(ctx.db, id))!;
  return entryWithData(ctx, ctx.db, c, unitId, true);
}

export async function returnEntry(ctx: AppContext, actor: Actor, id: string, unitId: string, reason: string) {
  requireManage(await accessOf(ctx.db, actor));
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCollection(tx, id);
    if (!c) throw new AppError('NOT_FOUND');
    const r = await repo.getCollectionUnit(tx, id, unitId);
    if (!r) throw new AppError('NOT_FOUND');
    if (c.state === 'closed') throw notAllowed('征集已结束，请先重新开启再退回');
    if (r.state !== 'submitted') throw notAllowed('只有已报送的填报可以退回');
    const at = ctx.now().toISOString();
    await repo.updateCollectionUnit(tx, r.id, { state: 'returned', returned_at: at, returned_reason: reason, return_count: Number(r.return_count) + 1 });
    const clerks = (await clerksOfUnits(tx, [unitId])).get(unitId) ?? [];
    await openTodos(tx, ctx, { ...todo(c, TASK_RETURNED, dueOf(ctx, c)), urgency: 'urgent' }, clerks);
    await recordAudit(tx, ctx, actor, { action: 'collection.return', entityType: MODULE, entityId: id, detail: { unitId, reason } });
  });
  const c = (await repo.getCollection(ctx.db, id))!;
  return entryWithData(ctx, ctx.db, c, unitId, false);
}

/** A file given in a unit's submission, for whoever may read that submission. Audited. */
export async function openSubmissionFile(ctx: AppContext, actor: Actor, id: string, unitId: string, fileId: string) {
  const { c, isClerk } = await loadEntry(ctx.db, actor, id, unitId);
  const r = (await repo.getCollectionUnit(ctx.db, id, unitId))!;
  const named = filesIn(formOf(c), visibleData(r, isClerk)).some((f) => f.file.fileId === fileId);
  const file = named ? await filesRepo.getFile(ctx.db, fileId) : undefined;
  if (!file) throw new AppError('NOT_FOUND');
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'collection.file_download', entityType: MODULE, entityId: id, detail: { unitId, fileId, name: file.name } }));
  return { file, stream: ctx.files.read(file.storage_key) };
}

// ── the summary ───────────────────────────────────────────────────────────────

/**
 * Summaries kept while nothing they show has changed: the page refreshes every 15 s for everyone watching a
 * collection, and 400 units × 50 rows take tens of milliseconds to read and sum each time. The stamp is read
 * from the database, so a submission through another process is seen at once; the age limit covers what the
 * stamp does not see (a unit renamed).
 */
const SUMMARY_CACHE_SIZE = 8;
const SUMMARY_MAX_AGE_MS = 60_000;
type KeptSummary = { stamp: string; at: number; value: CollectionSummaryValue; json?: string };
const summaries = new Map<string, KeptSummary>();
type CollectionSummaryValue = Awaited<ReturnType<typeof summariseCollection>>;

/** Forgets every kept summary (the bench times the first reader after a change with it). */
export function dropKeptSummaries(): void {
  summaries.clear();
}

/** The summary of a collection, for whoever has been let read it. */
export async function computeSummary(ctx: AppContext, c: CollectionRow, mode: SummaryMode) {
  return (await keptSummary(ctx, c, mode)).value;
}

async function keptSummary(ctx: AppContext, c: CollectionRow, mode: SummaryMode): Promise<KeptSummary> {
  const fields = formOf(c);
  if (mode === 'row' && !tableFieldOf(fields)) throw bad('mode', '汇总方式：该表单没有表格，不能按表格行汇总');
  const asOf = asOfOf(ctx, c);
  const stamp = [c.updated_at, c.deadline, c.state, c.closed_at, c.deadline !== null && asOf > c.deadline, await repo.summaryStamp(ctx.db, c.id)].join('~');
  const key = `${c.id}:${mode}`;
  const kept = summaries.get(key);
  if (kept && kept.stamp === stamp && Date.now() - kept.at < SUMMARY_MAX_AGE_MS) return kept;
  const entry: KeptSummary = { stamp, at: Date.now(), value: await summariseCollection(ctx, c, fields, mode, asOf) };
  summaries.delete(key);
  summaries.set(key, entry);
  if (summaries.size > SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value!);
  return entry;
}

/** Reads every unit's values in one query and sums them; each submission's JSON is parsed once. */
async function summariseCollection(ctx: AppContext, c: CollectionRow, fields: ReturnType<typeof formOf>, mode: SummaryMode, asOf: string) {
  const rows: UnitRowWithData[] = await repo.collectionUnitsWithData(ctx.db, c.id);
  const entries: SummaryEntry[] = rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    state: r.state as UnitState,
    submittedAt: r.submitted_at,
    late: isLate(r.state, r.submitted_at, c.deadline, asOf),
    data: r.state === 'submitted' && r.data ? (JSON.parse(r.data) as FormData) : null,
  }));
  return { mode, ...summarise(fields, entries, mode), completion: completionOf(entries) };
}
export type CollectionSummary = Awaited<ReturnType<typeof computeSummary>>;

/** The office and the committee's leaders; a unit that may see the collection is refused, anyone else told it does not exist. */
export async function loadForSummary(ctx: AppContext, actor: Actor, id: string) {
  const { access, c } = await loadVisible(ctx.db, actor, id);
  if (!access.readAll) throw new AppError('FORBIDDEN', '汇总表仅限党委办公室和县委领导查看');
  return c;
}

export async function getSummary(ctx: AppContext, actor: Actor, id: string, mode: SummaryMode) {
  return computeSummary(ctx, await loadForSummary(ctx, actor, id), mode);
}

/**
 * The summary as the JSON the page reads. By table row it is megabytes (20,000 rows for 400 units × 50), so the
 * text is kept with the summary rather than written out again for every reader.
 */
export async function getSummaryJson(ctx: AppContext, actor: Actor, id: string, mode: SummaryMode): Promise<string> {
  const entry = await keptSummary(ctx, await loadForSummary(ctx, actor, id), mode);
  entry.json ??= JSON.stringify(entry.value);
  return entry.json;
}

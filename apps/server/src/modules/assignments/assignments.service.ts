import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../lib/ids.ts';
import { AppError, clearedLevels, isCleared } from '@zhongshu/core';
import { applyTransition, assignmentWorkflow, availableActions } from '@zhongshu/core/workflow/index.ts';
import { isValidDate, shanghaiEndOfDay, toShanghaiDate, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import { assignments as repo, files as filesRepo, jobs, users, units, type Executor } from '@zhongshu/db';
import type { AssignmentRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { addInitiated, closeTodos, deadlineFlagger, openTodos, DUE_SOON_WORKDAYS } from '../inbox/inbox.service.ts';
import { updateInitiatedOf } from './initiated.ts';
import { scheduleDeadlineReminders } from '../../jobs/deadline-reminders.ts';
import type { AssignmentActionBody, CreateAssignmentBody, ListAssignmentsQuery } from './assignments.schemas.ts';

export const MODULE = 'assignment';
const OPEN_STATES = new Set(['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported']);

/** Which Chinese task each state asks of whom, for the inbox. */
const NEXT_TASK: Record<string, { task: string; who: 'assignee' | 'leader' } | undefined> = {
  pending_receipt: { task: '签收', who: 'assignee' },
  in_progress: { task: '办理', who: 'assignee' },
  extension_requested: { task: '审批延期', who: 'leader' },
  completion_reported: { task: '确认办结', who: 'leader' },
};

export function serialText(a: Pick<AssignmentRow, 'serial_year' | 'serial_no'>): string {
  return `交办〔${a.serial_year}〕${a.serial_no}号`;
}

/** The relationships a user holds to an assignment; they decide both reading and acting. */
function relationsOf(actor: Actor, a: AssignmentRow): Set<string> {
  const rel = new Set<string>();
  if (actor.adminRole) return rel;
  if (a.leader_id === actor.id) rel.add('leader');
  if (a.created_by === actor.id) rel.add('creator');
  if (actor.roles.includes('office')) rel.add('office');
  if (a.assignee_user_id === actor.id || (actor.unitId === a.assignee_unit_id && actor.roles.includes('unit'))) rel.add('assignee');
  if (actor.unitId === a.assignee_unit_id) rel.add('unit_member');
  return rel;
}

/** Whether the user may see the assignment at all: involved in it and cleared for its 密级. */
export function canReadAssignment(actor: Actor, a: AssignmentRow): boolean {
  return relationsOf(actor, a).size > 0 && isCleared(actor.clearance, a.classification);
}

function assertCanRead(actor: Actor, a: AssignmentRow): Set<string> {
  requireBusinessUser(actor);
  const rel = relationsOf(actor, a);
  // Not revealing that a record exists is part of not revealing what it says.
  if (rel.size === 0) throw new AppError('NOT_FOUND');
  if (!isCleared(actor.clearance, a.classification)) throw new AppError('CLEARANCE_INSUFFICIENT');
  return rel;
}

async function loadForRead(db: Executor, actor: Actor, id: string) {
  requireBusinessUser(actor);
  const a = await repo.getAssignment(db, id);
  if (!a) throw new AppError('NOT_FOUND');
  return { a, rel: assertCanRead(actor, a) };
}

/** Users who must act on the assignee side: the named person, else the unit's clerks (any member if none). */
async function assigneeUserIds(db: Executor, a: Pick<AssignmentRow, 'assignee_user_id' | 'assignee_unit_id'>): Promise<string[]> {
  if (a.assignee_user_id) return [a.assignee_user_id];
  const clerks = await users.activeUsersOfUnit(db, a.assignee_unit_id, 'unit');
  if (clerks.length) return clerks.map((u) => u.id);
  return (await users.activeUsersOfUnit(db, a.assignee_unit_id)).map((u) => u.id);
}

function leaderSideUserIds(a: Pick<AssignmentRow, 'leader_id' | 'created_by'>): string[] {
  return [a.leader_id, a.created_by];
}

function dueAtOf(deadline: string): string {
  return shanghaiEndOfDay(deadline).toISOString();
}

/** Opens the to-dos the record's new state asks for (after the old ones were closed). */
async function openTodosForState(tx: Executor, ctx: AppContext, a: AssignmentRow): Promise<void> {
  const next = NEXT_TASK[a.state];
  if (!next) return;
  const who = next.who === 'assignee' ? await assigneeUserIds(tx, a) : leaderSideUserIds(a);
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task: next.task, title: a.title, urgency: a.urgency, dueAt: dueAtOf(a.deadline) }, who);
}

/** Schedules the due-soon and overdue reminders (催办) for the current deadline. */
function scheduleReminders(tx: Executor, ctx: AppContext, cal: WorkCalendar, a: AssignmentRow): Promise<void> {
  return scheduleDeadlineReminders(tx, ctx, cal, {
    keyPrefix: `assignment:${a.id}:`,
    kinds: { dueSoon: 'assignment.remind_due_soon', overdue: 'assignment.remind_overdue' },
    deadline: a.deadline,
    payload: { assignmentId: a.id, deadline: a.deadline },
  });
}

/**
 * Creates an assignment. With `opts.tx` it joins the caller's transaction (a leader's 批示 on an incoming
 * document creates its assignment in the same step); `opts.source` links it back to that record.
 * With a transaction, pass `opts.calendar` too: the calendar must not be read through another connection.
 */
export async function createAssignment(ctx: AppContext, actor: Actor, body: CreateAssignmentBody, opts: { tx?: Executor; source?: { type: string; id: string }; calendar?: WorkCalendar } = {}): Promise<{ id: string }> {
  const db = opts.tx ?? ctx.db;
  requireBusinessUser(actor, 'leader', 'office');
  const isOffice = actor.roles.includes('office');
  const leaderId = body.leaderId ?? (actor.roles.includes('leader') ? actor.id : undefined);
  if (!leaderId) throw new AppError('VALIDATION_FAILED', '交办领导：代领导交办时必须选择交办领导', 'leaderId');
  if (leaderId !== actor.id && !isOffice) throw new AppError('FORBIDDEN', '只有党办工作人员可以代其他领导交办', 'leaderId');
  if (!isCleared(actor.clearance, body.classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：不能高于您本人的密级权限', 'classification');

  const [leader, unit, assignee] = await Promise.all([
    users.getUserById(db, leaderId),
    units.getUnit(db, body.assigneeUnitId),
    body.assigneeUserId ? users.getUserById(db, body.assigneeUserId) : Promise.resolve(undefined),
  ]);
  if (!leader || leader.disabled || leader.is_leader !== 1) throw new AppError('VALIDATION_FAILED', '交办领导：所选人员不是领导或已停用', 'leaderId');
  if (!unit) throw new AppError('VALIDATION_FAILED', '承办单位：不存在', 'assigneeUnitId');
  if (body.assigneeUserId && (!assignee || assignee.unit_id !== unit.id || assignee.disabled || assignee.admin_role)) {
    throw new AppError('VALIDATION_FAILED', '责任人：必须是承办单位的在职人员', 'assigneeUserId');
  }
  // Inside a caller's transaction the calendar must come from the caller: SQLite has one connection, held by it.
  const cal = opts.calendar ?? (await ctx.calendar());
  const now = ctx.now();
  const today = toShanghaiDate(now);
  let deadline: string;
  let rule: string;
  let withoutData = false;
  if (body.deadline.type === 'date') {
    if (!isValidDate(body.deadline.date)) throw new AppError('VALIDATION_FAILED', '办理期限：不是有效的日期', 'deadline.date');
    if (body.deadline.date < today) throw new AppError('VALIDATION_FAILED', '办理期限：不能早于今天', 'deadline.date');
    deadline = body.deadline.date;
    rule = '指定日期';
    withoutData = !cal.hasData(Number(deadline.slice(0, 4)));
  } else {
    const r = cal.addWorkdays(today, body.deadline.days);
    deadline = r.date;
    rule = r.ruleText;
    withoutData = r.computedWithoutData;
  }
  const assigneeIds = await assigneeUserIds(db, { assignee_user_id: body.assigneeUserId ?? null, assignee_unit_id: unit.id });
  if (assigneeIds.length === 0) throw new AppError('VALIDATION_FAILED', '承办单位：该单位还没有可以签收的人员，请先在用户管理中添加', 'assigneeUnitId');

  const id = randomUUID();
  const at = now.toISOString();
  const year = Number(today.slice(0, 4));
  const write = async (tx: Executor) => {
    const serialNo = await repo.nextSerial(tx, 'assignment', year);
    const row: AssignmentRow = {
      id,
      serial_year: year,
      serial_no: serialNo,
      title: body.title,
      instruction: body.instruction,
      classification: body.classification,
      leader_id: leaderId,
      created_by: actor.id,
      assignee_unit_id: unit.id,
      assignee_user_id: body.assigneeUserId ?? null,
      urgency: body.urgency,
      deadline,
      deadline_rule: rule,
      deadline_without_data: withoutData ? 1 : 0,
      state: assignmentWorkflow.initial,
      pending_new_deadline: null,
      pending_reason: null,
      latest_progress: null,
      latest_progress_at: null,
      latest_progress_by: null,
      created_at: at,
      updated_at: at,
      completed_at: null,
      source_type: opts.source?.type ?? null,
      source_id: opts.source?.id ?? null,
    };
    await repo.insertAssignment(tx, row);
    await repo.insertAssignmentEvent(tx, {
      id: uuidv7(),
      assignment_id: id,
      action: 'create',
      from_state: '',
      to_state: row.state,
      actor_id: actor.id,
      actor_name: actor.displayName,
      comment: body.instruction,
      data: JSON.stringify({ deadline, rule }),
      at,
    });
    await openTodosForState(tx, ctx, row);
    const spec = { module: MODULE, entityId: id, task: assignmentWorkflow.states[row.state as keyof typeof assignmentWorkflow.states].label, title: row.title, urgency: row.urgency, dueAt: dueAtOf(deadline) };
    await addInitiated(tx, ctx, spec, actor.id);
    if (leaderId !== actor.id) await addInitiated(tx, ctx, spec, leaderId);
    await scheduleReminders(tx, ctx, cal, row);
    await recordAudit(tx, ctx, actor, { action: 'assignment.create', entityType: MODULE, entityId: id, detail: { title: row.title, assigneeUnitId: unit.id, deadline, ...(opts.source ? { source: opts.source } : {}) } });
  };
  if (opts.tx) await write(opts.tx);
  else await ctx.db.transaction().execute(write);
  return { id };
}

export async function listAssignments(ctx: AppContext, actor: Actor, q: ListAssignmentsQuery) {
  requireBusinessUser(actor);
  const cal = await ctx.calendar();
  const today = toShanghaiDate(ctx.now());
  const scope = actor.roles.includes('office') ? { all: true as const } : { all: false as const, userId: actor.id, unitId: actor.unitId };
  const { items, total } = await repo.listAssignments(
    ctx.db,
    scope,
    {
      state: q.state,
      unitId: q.unitId,
      leaderId: q.leaderId,
      q: q.q,
      overdueBefore: q.flag === 'overdue' ? today : undefined,
      dueBetween: q.flag === 'due_soon' ? [today, cal.addWorkdays(today, DUE_SOON_WORKDAYS).date] : undefined,
      openOnly: q.flag === 'open',
      // With any deadline view the most urgent come first; otherwise the newest.
      byDeadline: q.flag !== undefined,
      clearedLevels: clearedLevels(actor.clearance),
    },
    q,
  );
  const flag = await deadlineFlagger(ctx);
  return { items: items.map((a) => toSummary(a, flag)), total };
}

type Named = Awaited<ReturnType<typeof repo.getAssignment>> & {};

function toSummary(a: Named, flag: Awaited<ReturnType<typeof deadlineFlagger>>) {
  const open = OPEN_STATES.has(a.state);
  const f = flag(dueAtOf(a.deadline), a.deadline);
  return {
    id: a.id,
    serial: serialText(a),
    title: a.title,
    state: a.state,
    stateLabel: assignmentWorkflow.states[a.state as keyof typeof assignmentWorkflow.states]?.label ?? a.state,
    urgency: a.urgency,
    classification: a.classification,
    leaderId: a.leader_id,
    leaderName: a.leader_name,
    assigneeUnitId: a.assignee_unit_id,
    assigneeUnitName: a.unit_name,
    assigneeUserId: a.assignee_user_id,
    assigneeUserName: a.assignee_name,
    deadline: a.deadline,
    daysRemaining: f.daysRemaining ?? 0,
    overdue: open && f.overdue,
    dueSoon: open && f.dueSoon,
    latestProgress: a.latest_progress ? { comment: a.latest_progress, at: a.latest_progress_at, byName: a.latest_progress_by } : null,
    createdAt: a.created_at,
  };
}

export async function getAssignmentDetail(ctx: AppContext, actor: Actor, id: string, opts: { auditRead?: boolean } = {}) {
  const { a, rel } = await loadForRead(ctx.db, actor, id);
  // Every read of classified content is on the record (等保: who saw what, when).
  if (a.classification !== 'none' && opts.auditRead !== false) {
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'assignment.read_classified', entityType: MODULE, entityId: id, detail: { classification: a.classification } }));
  }
  const [events, files] = await Promise.all([repo.listAssignmentEvents(ctx.db, id), filesRepo.filesOfEntity(ctx.db, MODULE, id)]);
  const flag = await deadlineFlagger(ctx);
  const filesByEvent = new Map<string, { id: string; name: string; size: number }[]>();
  for (const f of files) if (f.event_id) filesByEvent.set(f.event_id, [...(filesByEvent.get(f.event_id) ?? []), { id: f.id, name: f.name, size: Number(f.size) }]);
  const stateLabel = (s: string) => assignmentWorkflow.states[s as keyof typeof assignmentWorkflow.states]?.label ?? s;
  const labelOfAction = (action: string) => (action === 'create' ? '交办' : action === 'remind' ? '催办' : assignmentWorkflow.transitions.find((t) => t.action === action)?.label ?? action);
  return {
    ...toSummary(a, flag),
    instruction: a.instruction,
    createdById: a.created_by,
    createdByName: a.creator_name,
    deadlineRule: a.deadline_rule + (a.deadline_without_data ? '（该年度节假日安排尚未录入，期限按周一至周五计算，请核实）' : ''),
    pendingExtension: a.state === 'extension_requested' && a.pending_new_deadline ? { newDeadline: a.pending_new_deadline, reason: a.pending_reason ?? '' } : null,
    history: events.map((e) => ({
      id: e.id,
      action: e.action,
      actionLabel: labelOfAction(e.action),
      fromState: e.from_state,
      fromStateLabel: e.from_state ? stateLabel(e.from_state) : '',
      toState: e.to_state,
      toStateLabel: stateLabel(e.to_state),
      actorName: e.actor_name,
      comment: e.comment,
      at: e.at,
      attachments: filesByEvent.get(e.id) ?? [],
    })),
    availableActions: availableActions(assignmentWorkflow, a.state, rel),
  };
}

/** Takes one workflow step: engine decision, record update, history, inbox, reminders and audit in one transaction. */
export async function actOnAssignment(ctx: AppContext, actor: Actor, id: string, action: string, body: AssignmentActionBody) {
  requireBusinessUser(actor);
  const now = ctx.now();
  const cal = await ctx.calendar();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAssignment(tx, id);
    if (!a) throw new AppError('NOT_FOUND');
    const rel = assertCanRead(actor, a);
    const result = applyTransition(assignmentWorkflow, {
      state: a.state,
      action,
      relations: rel,
      input: { ...body },
      now,
      data: { deadline: a.deadline },
    });
    if (!result.ok) throw new AppError(result.code, result.message, result.field);

    const attachmentIds = [...new Set(body.attachmentIds ?? [])];
    if (attachmentIds.length) {
      const found = await filesRepo.getFiles(tx, attachmentIds);
      if (found.length !== attachmentIds.length || found.some((f) => f.uploaded_by !== actor.id)) {
        throw new AppError('VALIDATION_FAILED', '附件：只能附加您本人上传的文件', 'attachmentIds');
      }
    }
    const at = now.toISOString();
    const patch: Partial<AssignmentRow> = { state: result.to, updated_at: at };
    let deadlineChanged = false;
    switch (action) {
      case 'report_progress':
      case 'report_completion':
        Object.assign(patch, { latest_progress: result.comment, latest_progress_at: at, latest_progress_by: actor.displayName });
        break;
      case 'request_extension':
        Object.assign(patch, { pending_new_deadline: body.newDeadline, pending_reason: result.comment });
        break;
      case 'approve_extension':
        Object.assign(patch, { deadline: a.pending_new_deadline ?? a.deadline, deadline_rule: '延期后指定日期', pending_new_deadline: null, pending_reason: null });
        deadlineChanged = true;
        break;
      case 'refuse_extension':
        Object.assign(patch, { pending_new_deadline: null, pending_reason: null });
        break;
      case 'confirm':
        patch.completed_at = at;
        break;
    }
    await repo.updateAssignment(tx, id, patch);
    const eventId = uuidv7();
    await repo.insertAssignmentEvent(tx, {
      id: eventId,
      assignment_id: id,
      action,
      from_state: a.state,
      to_state: result.to,
      actor_id: actor.id,
      actor_name: actor.displayName,
      comment: result.comment,
      data: action === 'request_extension' ? JSON.stringify({ newDeadline: body.newDeadline }) : deadlineChanged ? JSON.stringify({ deadline: patch.deadline }) : null,
      at,
    });
    if (attachmentIds.length) {
      await filesRepo.linkFiles(tx, attachmentIds.map((fileId) => ({ file_id: fileId, entity_type: MODULE, entity_id: id, event_id: eventId, created_at: at })));
    }
    const updated: AssignmentRow = { ...a, ...patch };
    // A step that keeps the state (progress report) leaves the assignee's to-do open.
    if (result.to !== a.state || deadlineChanged) {
      await closeTodos(tx, ctx, MODULE, id);
      await openTodosForState(tx, ctx, updated);
    }
    await updateInitiatedOf(tx, ctx, updated);
    if (!OPEN_STATES.has(updated.state)) await jobs.cancelPendingJobs(tx, `assignment:${id}:`);
    else if (deadlineChanged) await scheduleReminders(tx, ctx, cal, updated);
    await recordAudit(tx, ctx, actor, {
      action: `assignment.${action}`,
      entityType: MODULE,
      entityId: id,
      detail: { from: a.state, to: result.to, ...(deadlineChanged ? { deadlineBefore: a.deadline, deadlineAfter: patch.deadline } : {}), ...(attachmentIds.length ? { attachmentIds } : {}) },
    });
  });
  return getAssignmentDetail(ctx, actor, id, { auditRead: false });
}

/** Runs a due reminder job: 催办 to the assignee side if the assignment is still open on that deadline. */
export async function runAssignmentReminder(ctx: AppContext, tx: Executor, kind: string, payload: { assignmentId: string; deadline: string }): Promise<void> {
  const a = await repo.lockAssignment(tx, payload.assignmentId);
  if (!a || !OPEN_STATES.has(a.state) || a.deadline !== payload.deadline) return;
  const overdue = kind === 'assignment.remind_overdue';
  const task = overdue ? '催办：已逾期' : '催办：即将到期';
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task, title: a.title, urgency: a.urgency, dueAt: dueAtOf(a.deadline) }, await assigneeUserIds(tx, a));
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(),
    assignment_id: a.id,
    action: 'remind',
    from_state: a.state,
    to_state: a.state,
    actor_id: 'system',
    actor_name: '系统',
    comment: overdue ? `已超过办理期限（${a.deadline}），请尽快办理并报告` : `距办理期限（${a.deadline}）不足${DUE_SOON_WORKDAYS}个工作日，请抓紧办理`,
    data: null,
    at: ctx.now().toISOString(),
  });
  await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: `assignment.${overdue ? 'remind_overdue' : 'remind_due_soon'}`, entityType: MODULE, entityId: a.id });
}

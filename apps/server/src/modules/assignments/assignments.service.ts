/**
 * 督查督办 items (领导交办 is one source among six): create, list, read and every step of the one flow.
 * Colour, feedback windows and notices are kept by supervision.items.ts inside the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../lib/ids.ts';
import { AppError, clearedLevels, isCleared } from '@zhongshu/core';
import { applyTransition, assignmentWorkflow, availableActions, ASSIGNMENT_STATE_KEEPING_ACTIONS } from '@zhongshu/core/workflow/index.ts';
import { isValidDate, toShanghaiDate, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import { defaultFeedbackDay, feedbackLabel, measuredProgress, NOTICE_LABELS, RATING_LABELS, validFeedbackDay, type FeedbackCycle, type NoticeKind, type Rating } from '@zhongshu/core/supervision/index.ts';
import { renderDocx, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { assignments as repo, documents as documentsRepo, files as filesRepo, inbox, jobs, supervision as svRepo, users, units, type Executor } from '@zhongshu/db';
import type { AssignmentRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { addInitiated, closeTodos, deadlineFlagger, openTodos, DUE_SOON_WORKDAYS } from '../inbox/inbox.service.ts';
import { updateInitiatedOf } from './initiated.ts';
import { scheduleDeadlineReminders } from '../../jobs/deadline-reminders.ts';
import { COLOURED, MODULE, dispatchItem, dueAtOf, issueEscalation, itemsChanged, leadUserIds, refreshItem, serialText, supervisionConfig } from '../supervision/supervision.items.ts';
import { SOURCE_KIND_LABELS, type AssignmentActionBody, type CreateAssignmentBody, type ListAssignmentsQuery } from './assignments.schemas.ts';

export { MODULE, serialText };
const OPEN_STATES = new Set(['registered', ...COLOURED]);
const WITH_UNIT = new Set(['pending_receipt', 'in_progress', 'extension_requested']);

/** Which Chinese task each state asks of whom, for the inbox. */
const NEXT_TASK: Record<string, { task: string; who: 'creator' | 'lead' | 'leader_side' | 'reviewers' | 'leader' } | undefined> = {
  registered: { task: '交办', who: 'creator' },
  pending_receipt: { task: '签收', who: 'lead' },
  in_progress: { task: '办理', who: 'lead' },
  extension_requested: { task: '审批延期', who: 'leader_side' },
  completion_reported: { task: '审核办结', who: 'reviewers' },
  office_accepted: { task: '确认销号', who: 'leader' },
};

const stateLabel = (s: string) => assignmentWorkflow.states[s as keyof typeof assignmentWorkflow.states]?.label ?? s;

/** The relationships a user holds to an item; they decide both reading and acting. */
function relationsOf(actor: Actor, a: AssignmentRow, coopUnitIds: readonly string[], oversees: boolean): Set<string> {
  const rel = new Set<string>();
  if (actor.adminRole) return rel;
  if (a.leader_id === actor.id) rel.add('leader');
  if (a.created_by === actor.id) rel.add('creator');
  if (actor.roles.includes('office')) rel.add('office');
  // The committee's leaders follow every item on the board; only the responsible leader acts on one.
  if (oversees) rel.add('overseer');
  if (a.assignee_user_id === actor.id || (actor.unitId === a.assignee_unit_id && actor.roles.includes('unit'))) rel.add('assignee');
  if (actor.unitId === a.assignee_unit_id) rel.add('unit_member');
  if (actor.unitId && coopUnitIds.includes(actor.unitId)) {
    rel.add('cooperating_member');
    if (actor.roles.includes('unit')) rel.add('cooperator');
  }
  return rel;
}

/**
 * Leaders of the committee itself (书记, 副书记, 常委 — their unit is the committee or its office) see
 * every item, as the board does; a township's own leader sees his township's items only.
 */
export async function overseesAll(_db: Executor, actor: Actor): Promise<boolean> {
  if (actor.adminRole || !actor.roles.includes('leader')) return false;
  return actor.unitKind === 'committee' || actor.unitKind === 'office';
}

async function assertCanRead(db: Executor, actor: Actor, a: AssignmentRow, coopUnitIds: readonly string[]): Promise<Set<string>> {
  requireBusinessUser(actor);
  const rel = relationsOf(actor, a, coopUnitIds, await overseesAll(db, actor));
  // Not revealing that a record exists is part of not revealing what it says.
  if (rel.size === 0) throw new AppError('NOT_FOUND');
  if (!isCleared(actor.clearance, a.classification)) throw new AppError('CLEARANCE_INSUFFICIENT');
  return rel;
}

async function coopUnitIdsOf(db: Executor, id: string): Promise<string[]> {
  return (await svRepo.itemUnits(db, [id])).map((u) => u.unit_id);
}

/** Whether the user may see the item at all (used by file downloads). */
export async function canReadAssignment(db: Executor, actor: Actor, a: AssignmentRow): Promise<boolean> {
  return relationsOf(actor, a, await coopUnitIdsOf(db, a.id), await overseesAll(db, actor)).size > 0 && isCleared(actor.clearance, a.classification);
}

async function reviewerIds(db: Executor, a: AssignmentRow): Promise<string[]> {
  const creatorRoles = await users.getRoles(db, a.created_by);
  if (creatorRoles.includes('office') && a.created_by !== a.leader_id) return [a.created_by];
  const staff = (await users.activeOfficeStaff(db)).map((u) => u.id).filter((id) => id !== a.leader_id);
  return staff.length ? staff : [a.created_by];
}

/** Opens the to-dos the item's state asks for (after the old ones were closed). */
async function openTodosForState(tx: Executor, ctx: AppContext, a: AssignmentRow): Promise<void> {
  const next = NEXT_TASK[a.state];
  if (!next) return;
  const who =
    next.who === 'lead' ? await leadUserIds(tx, a)
    : next.who === 'creator' ? [a.created_by]
    : next.who === 'leader' ? [a.leader_id]
    : next.who === 'reviewers' ? await reviewerIds(tx, a)
    : [a.leader_id, a.created_by];
  const spec = { module: MODULE, entityId: a.id, title: a.title, urgency: a.urgency, dueAt: dueAtOf(a.deadline) };
  await openTodos(tx, ctx, { ...spec, task: next.task }, who);
  if (a.state === 'in_progress') {
    const coopClerks = await users.activeClerksOfUnits(tx, await coopUnitIdsOf(tx, a.id));
    const coop = coopClerks.filter((u) => u.unit_id !== a.assignee_unit_id).map((u) => u.id);
    if (coop.length) await openTodos(tx, ctx, { ...spec, task: '配合办理' }, coop);
  }
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

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, field);

/**
 * The latest deadline an item may have. Its colour and straight-line schedule are counted working day by
 * working day on every change and every daily sweep, so a deadline in 9999 would take seconds each time;
 * nothing supervised runs longer than this.
 */
const MAX_DEADLINE_YEARS = 10;
const latestDeadline = (today: string) => `${Number(today.slice(0, 4)) + MAX_DEADLINE_YEARS}-12-31`;

/**
 * Creates an item. With `opts.tx` it joins the caller's transaction (a leader's 批示 on an incoming
 * document creates its item in the same step); `opts.source` links it back to that record.
 * With a transaction, pass `opts.calendar` too: the calendar must not be read through another connection.
 */
export async function createAssignment(ctx: AppContext, actor: Actor, body: CreateAssignmentBody, opts: { tx?: Executor; source?: { type: string; id: string }; calendar?: WorkCalendar } = {}): Promise<{ id: string }> {
  const db = opts.tx ?? ctx.db;
  requireBusinessUser(actor, 'leader', 'office');
  const isOffice = actor.roles.includes('office');
  const classification = body.classification ?? 'none';
  const leaderId = body.leaderId ?? (actor.roles.includes('leader') ? actor.id : undefined);
  if (!leaderId) throw bad('leaderId', '责任领导：代领导交办时必须选择责任领导');
  if (leaderId !== actor.id && !isOffice) throw new AppError('FORBIDDEN', '只有党办工作人员可以代其他领导交办', 'leaderId');
  if (!isCleared(actor.clearance, classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：不能高于您本人的密级权限', 'classification');
  const coopIds = [...new Set(body.cooperatingUnitIds ?? [])];
  if (coopIds.includes(body.assigneeUnitId)) throw bad('cooperatingUnitIds', '配合单位：不能包含牵头单位');
  const taskInputs = body.tasks ?? [];
  const ownerIds = [...new Set(taskInputs.map((t) => t.ownerUnitId).filter((x): x is string => !!x))];

  const [leader, unit, assignee, coopUnits, ownerUnits] = await Promise.all([
    users.getUserById(db, leaderId),
    units.getUnit(db, body.assigneeUnitId),
    body.assigneeUserId ? users.getUserById(db, body.assigneeUserId) : Promise.resolve(undefined),
    units.getUnitsByIds(db, coopIds),
    units.getUnitsByIds(db, ownerIds),
  ]);
  if (!leader || leader.disabled || leader.is_leader !== 1) throw bad('leaderId', '责任领导：所选人员不是领导或已停用');
  if (!unit) throw bad('assigneeUnitId', '牵头单位：不存在');
  if (body.assigneeUserId && (!assignee || assignee.unit_id !== unit.id || assignee.disabled || assignee.admin_role)) throw bad('assigneeUserId', '责任人：必须是牵头单位的在职人员');
  if (coopUnits.length !== coopIds.length) throw bad('cooperatingUnitIds', '配合单位：有单位不存在');
  if (body.sourceLink?.type === 'document' && !(await documentsRepo.getDocument(db, body.sourceLink.id))) throw bad('sourceLink', '来源记录：所选公文不存在');

  // Inside a caller's transaction the calendar must come from the caller: SQLite has one connection, held by it.
  const cal = opts.calendar ?? (await ctx.calendar());
  const now = ctx.now();
  const today = toShanghaiDate(now);
  const startDate = body.startDate ?? today;
  if (startDate > today) throw bad('startDate', '开始日期：不能晚于今天');
  let deadline: string;
  let rule: string;
  let withoutData = false;
  if (body.deadline.type === 'date') {
    if (!isValidDate(body.deadline.date)) throw bad('deadline.date', '办理期限：不是有效的日期');
    if (body.deadline.date < today) throw bad('deadline.date', '办理期限：不能早于今天');
    if (body.deadline.date > latestDeadline(today)) throw bad('deadline.date', `办理期限：不能晚于${latestDeadline(today)}`);
    deadline = body.deadline.date;
    rule = '指定日期';
    withoutData = !cal.hasData(Number(deadline.slice(0, 4)));
  } else {
    const r = cal.addWorkdays(startDate, body.deadline.days);
    if (r.date < today) throw bad('deadline.days', `办理期限：从开始日期（${startDate}）起算已于${r.date}届满，请改为指定日期`);
    deadline = r.date;
    rule = r.ruleText;
    withoutData = r.computedWithoutData;
  }
  const cycle = (body.feedbackCycle ?? 'once') as FeedbackCycle;
  const feedbackDay = body.feedbackDay === undefined || body.feedbackDay === null ? defaultFeedbackDay(cycle) : body.feedbackDay;
  if (!validFeedbackDay(cycle, feedbackDay)) {
    throw bad('feedbackDay', cycle === 'once' ? '反馈日：一次性反馈不设反馈日' : cycle === 'weekly' ? '反馈日：每周反馈请填1到7（周一到周日）' : '反馈日：请填1到28之间的日期');
  }
  taskInputs.forEach((t, i) => {
    if (t.ownerUnitId && !ownerUnits.some((u) => u.id === t.ownerUnitId)) throw bad(`tasks.${i}.ownerUnitId`, `分解任务第${i + 1}项：责任单位不存在`);
    if (t.deadline && t.deadline > deadline) throw bad(`tasks.${i}.deadline`, `分解任务第${i + 1}项：完成时限不能晚于事项办理期限（${deadline}）`);
    if (t.deadline && t.deadline < startDate) throw bad(`tasks.${i}.deadline`, `分解任务第${i + 1}项：完成时限不能早于开始日期（${startDate}）`);
  });
  const leadIds = await leadUserIds(db, { assignee_user_id: body.assigneeUserId ?? null, assignee_unit_id: unit.id });
  if (leadIds.length === 0) throw bad('assigneeUnitId', '牵头单位：该单位还没有可以签收的人员，请先在用户管理中添加');

  const id = randomUUID();
  const at = now.toISOString();
  const year = Number(today.slice(0, 4));
  const dispatch = body.dispatch ?? true;
  const sourceKind = body.sourceKind ?? (opts.source?.type === 'document' ? 'leader_instruction' : 'leader_assignment');
  const config = await supervisionConfig(db);
  const write = async (tx: Executor) => {
    const serialNo = await repo.nextSerial(tx, 'assignment', year);
    const row: AssignmentRow = {
      id, serial_year: year, serial_no: serialNo, title: body.title, instruction: body.instruction, classification,
      leader_id: leaderId, created_by: actor.id, assignee_unit_id: unit.id, assignee_user_id: body.assigneeUserId ?? null,
      urgency: body.urgency ?? 'normal', deadline, deadline_rule: rule, deadline_without_data: withoutData ? 1 : 0,
      state: dispatch ? 'pending_receipt' : 'registered', pending_new_deadline: null, pending_reason: null,
      latest_progress: null, latest_progress_at: null, latest_progress_by: null, created_at: at, updated_at: at, completed_at: null,
      source_type: opts.source?.type ?? body.sourceLink?.type ?? null, source_id: opts.source?.id ?? body.sourceLink?.id ?? null,
      source_kind: sourceKind, source_ref: body.sourceRef ?? null, source_date: body.sourceDate ?? null, level: body.level ?? 'general',
      completion_standard: body.completionStandard ?? null, start_date: startDate, feedback_cycle: cycle, feedback_day: feedbackDay,
      next_feedback_due: null, feedback_window_start: startDate, last_feedback_at: null, missed_feedbacks: 0, progress: 0, expected_progress: 0,
      colour: null, colour_reasons: null, escalation_count: 0, receipt_due: null, rating: null, proposed_rating: null, dispatched_at: null, completion_reported_at: null,
    };
    await repo.insertAssignment(tx, row);
    await svRepo.insertItemUnits(tx, coopIds.map((unit_id) => ({ assignment_id: id, unit_id, role: 'cooperating' })));
    await svRepo.insertTasks(tx, taskInputs.map((t, i) => ({
      id: uuidv7(), assignment_id: id, seq: i + 1, title: t.title, indicator: t.indicator ?? null, target_value: t.target, unit_label: t.unitLabel ?? null,
      weight: t.weight ?? 1, owner_unit_id: t.ownerUnitId ?? null, deadline: t.deadline ?? null, current_value: 0, updated_at: at,
    })));
    await repo.insertAssignmentEvent(tx, {
      id: uuidv7(), assignment_id: id, action: 'create', from_state: '', to_state: row.state, actor_id: actor.id, actor_name: actor.displayName,
      comment: body.instruction, data: JSON.stringify({ deadline, rule }), at,
    });
    const final = dispatch ? await dispatchItem(tx, ctx, cal, config, row, actor) : row;
    await openTodosForState(tx, ctx, final);
    const spec = { module: MODULE, entityId: id, task: stateLabel(row.state), title: row.title, urgency: row.urgency, dueAt: dueAtOf(deadline) };
    await addInitiated(tx, ctx, spec, actor.id);
    if (leaderId !== actor.id) await addInitiated(tx, ctx, spec, leaderId);
    if (dispatch) await scheduleReminders(tx, ctx, cal, row);
    await recordAudit(tx, ctx, actor, { action: 'assignment.create', entityType: MODULE, entityId: id, detail: { title: row.title, assigneeUnitId: unit.id, deadline, sourceKind, dispatch, ...(opts.source ? { source: opts.source } : {}) } });
  };
  if (opts.tx) await write(opts.tx);
  else await ctx.db.transaction().execute(write);
  // Again after the commit: a board rebuilt while the transaction was open saw the item without this change.
  itemsChanged();
  return { id };
}

export async function listAssignments(ctx: AppContext, actor: Actor, q: ListAssignmentsQuery) {
  requireBusinessUser(actor);
  const cal = await ctx.calendar();
  const today = toShanghaiDate(ctx.now());
  const seesAll = actor.roles.includes('office') || (await overseesAll(ctx.db, actor));
  const scope = seesAll ? { all: true as const } : { all: false as const, userId: actor.id, unitId: actor.unitId };
  const { items, total } = await repo.listAssignments(
    ctx.db,
    scope,
    {
      state: q.state,
      unitId: q.role === 'lead' ? (q.unitId ?? actor.unitId ?? undefined) : q.unitId,
      leaderId: q.leaderId,
      colour: q.colour,
      sourceKind: q.sourceKind,
      level: q.level,
      cooperatingUnitId: q.role === 'cooperating' ? (actor.unitId ?? '-') : undefined,
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
  return { items: await toSummaries(ctx, items), total };
}

type Named = NonNullable<Awaited<ReturnType<typeof repo.getAssignment>>>;

export async function toSummaries(ctx: AppContext, rows: Named[]) {
  const flag = await deadlineFlagger(ctx);
  const coop = await svRepo.itemUnits(ctx.db, rows.map((r) => r.id));
  return rows.map((a) => toSummary(a, flag, coop.filter((c) => c.assignment_id === a.id).map((c) => ({ id: c.unit_id, name: c.unit_name }))));
}

function toSummary(a: Named, flag: Awaited<ReturnType<typeof deadlineFlagger>>, cooperatingUnits: { id: string; name: string }[]) {
  const open = OPEN_STATES.has(a.state);
  const f = flag(dueAtOf(a.deadline), a.deadline);
  return {
    id: a.id,
    serial: serialText(a),
    title: a.title,
    state: a.state,
    stateLabel: stateLabel(a.state),
    urgency: a.urgency,
    classification: a.classification,
    level: a.level,
    sourceKind: a.source_kind,
    sourceLabel: SOURCE_KIND_LABELS[a.source_kind as keyof typeof SOURCE_KIND_LABELS] ?? a.source_kind,
    leaderId: a.leader_id,
    leaderName: a.leader_name,
    assigneeUnitId: a.assignee_unit_id,
    assigneeUnitName: a.unit_name,
    assigneeUserId: a.assignee_user_id,
    assigneeUserName: a.assignee_name,
    cooperatingUnits,
    deadline: a.deadline,
    daysRemaining: f.daysRemaining ?? 0,
    overdue: open && a.state !== 'registered' && f.overdue,
    dueSoon: open && a.state !== 'registered' && f.dueSoon,
    colour: (a.colour as 'green' | 'yellow' | 'red' | null) ?? null,
    colourReasons: a.colour && a.colour_reasons ? (JSON.parse(a.colour_reasons) as string[]) : [],
    progress: Number(a.progress),
    expectedProgress: Number(a.expected_progress),
    missedFeedbacks: Number(a.missed_feedbacks),
    nextFeedbackDue: WITH_UNIT.has(a.state) ? a.next_feedback_due : null,
    feedbackLabel: feedbackLabel(a.feedback_cycle as FeedbackCycle, a.feedback_day),
    escalationCount: Number(a.escalation_count),
    rating: (a.rating as Rating | null) ?? null,
    ratingLabel: a.rating ? RATING_LABELS[a.rating as Rating] : null,
    latestProgress: a.latest_progress ? { comment: a.latest_progress, at: a.latest_progress_at, byName: a.latest_progress_by } : null,
    createdAt: a.created_at,
    completedAt: a.completed_at,
  };
}

const EXTRA_LABELS: Record<string, string> = { create: '立项', remind: '催办提醒', escalate: '催办', notice: '印发文书', colour: '预警变化' };

export async function getAssignmentDetail(ctx: AppContext, actor: Actor, id: string, opts: { auditRead?: boolean } = {}) {
  requireBusinessUser(actor);
  const a = await repo.getAssignment(ctx.db, id);
  if (!a) throw new AppError('NOT_FOUND');
  const coopRows = await svRepo.itemUnits(ctx.db, [id]);
  const rel = await assertCanRead(ctx.db, actor, a, coopRows.map((c) => c.unit_id));
  // Every read of classified content is on the record (等保: who saw what, when).
  if (a.classification !== 'none' && opts.auditRead !== false) {
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'assignment.read_classified', entityType: MODULE, entityId: id, detail: { classification: a.classification } }));
  }
  const [events, files, tasks, feedbacks, notices] = await Promise.all([
    repo.listAssignmentEvents(ctx.db, id),
    filesRepo.filesOfEntity(ctx.db, MODULE, id),
    svRepo.listTasks(ctx.db, id),
    svRepo.listFeedbacks(ctx.db, id),
    svRepo.listNotices(ctx.db, id),
  ]);
  const flag = await deadlineFlagger(ctx);
  const filesByEvent = new Map<string, { id: string; name: string; size: number }[]>();
  for (const f of files) if (f.event_id) filesByEvent.set(f.event_id, [...(filesByEvent.get(f.event_id) ?? []), { id: f.id, name: f.name, size: Number(f.size) }]);
  const labelOfAction = (action: string) => EXTRA_LABELS[action] ?? assignmentWorkflow.transitions.find((t) => t.action === action)?.label ?? action;
  const taskTitle = new Map(tasks.map((t) => [t.id, t.title]));
  const actions = availableActions(assignmentWorkflow, a.state, rel);
  if (rel.has('office') && WITH_UNIT.has(a.state)) actions.push({ action: 'escalate', label: '催办', requiresComment: false } as (typeof actions)[number]);
  return {
    ...toSummary(a, flag, coopRows.map((c) => ({ id: c.unit_id, name: c.unit_name }))),
    instruction: a.instruction,
    createdById: a.created_by,
    createdByName: a.creator_name,
    deadlineRule: a.deadline_rule + (a.deadline_without_data ? '（该年度节假日安排尚未录入，期限按周一至周五计算，请核实）' : ''),
    startDate: a.start_date ?? toShanghaiDate(new Date(a.created_at)),
    receiptDue: a.receipt_due,
    completionStandard: a.completion_standard,
    proposedRating: a.proposed_rating,
    source: {
      kind: a.source_kind,
      label: SOURCE_KIND_LABELS[a.source_kind as keyof typeof SOURCE_KIND_LABELS] ?? a.source_kind,
      ref: a.source_ref,
      date: a.source_date,
      link: a.source_type && a.source_id ? { type: a.source_type, id: a.source_id } : null,
    },
    myRelations: [...rel],
    pendingExtension: a.state === 'extension_requested' && a.pending_new_deadline ? { newDeadline: a.pending_new_deadline, reason: a.pending_reason ?? '' } : null,
    tasks: tasks.map((t) => ({
      id: t.id, seq: Number(t.seq), title: t.title, indicator: t.indicator, target: Number(t.target_value), unitLabel: t.unit_label, weight: Number(t.weight),
      ownerUnitId: t.owner_unit_id, ownerUnitName: t.owner_unit_name, deadline: t.deadline, current: Number(t.current_value),
      percent: Math.round(Math.min(Number(t.current_value) / Number(t.target_value), 1) * 1000) / 10,
    })),
    feedbacks: feedbacks.map((f) => ({
      id: f.id, kind: f.kind, unitId: f.unit_id, unitName: f.unit_name, authorName: f.author_name, text: f.text,
      progress: f.progress === null ? null : Number(f.progress),
      figures: (f.figures ? (JSON.parse(f.figures) as { taskId: string; value: number }[]) : []).map((x) => ({ ...x, title: taskTitle.get(x.taskId) ?? '' })),
      attachments: f.event_id ? (filesByEvent.get(f.event_id) ?? []) : [],
      at: f.at, late: f.late === 1,
    })),
    notices: notices.map((n) => ({ id: n.id, kind: n.kind, kindLabel: NOTICE_LABELS[n.kind as NoticeKind] ?? n.kind, numberText: n.number_text, unitName: n.unit_name, createdAt: n.created_at, createdByName: n.created_by_name })),
    history: events.map((e) => ({
      id: e.id, action: e.action, actionLabel: labelOfAction(e.action), fromState: e.from_state, fromStateLabel: e.from_state ? stateLabel(e.from_state) : '',
      toState: e.to_state, toStateLabel: stateLabel(e.to_state), actorName: e.actor_name, comment: e.comment, at: e.at, attachments: filesByEvent.get(e.id) ?? [],
    })),
    availableActions: actions,
  };
}

/** Measured progress after a report: from the task figures when the item has tasks, else the stated percentage. */
async function progressAfterReport(tx: Executor, a: AssignmentRow, action: string, body: AssignmentActionBody, at: string): Promise<{ progress: number; figures: { taskId: string; value: number }[] | null }> {
  const tasks = await svRepo.listTasks(tx, a.id);
  if (tasks.length) {
    if (body.progress !== undefined) throw bad('progress', '完成进度：本事项按分解任务指标计算进度，请填写各项指标完成值');
    const figures = body.figures ?? [];
    const seen = new Set<string>();
    for (const f of figures) {
      if (!tasks.some((t) => t.id === f.taskId)) throw bad('figures', '指标完成值：所填任务不属于本事项');
      if (seen.has(f.taskId)) throw bad('figures', '指标完成值：同一任务填写了两次');
      seen.add(f.taskId);
    }
    for (const f of figures) await svRepo.updateTaskValue(tx, f.taskId, f.value, at);
    const values = tasks.map((t) => ({ target: Number(t.target_value), weight: Number(t.weight), current: figures.find((f) => f.taskId === t.id)?.value ?? Number(t.current_value) }));
    return { progress: measuredProgress(values), figures: figures.length ? figures : null };
  }
  if (body.figures?.length) throw bad('figures', '指标完成值：本事项没有分解任务，请直接填写完成进度');
  return { progress: body.progress ?? (action === 'report_completion' ? 100 : Number(a.progress)), figures: null };
}

/** Takes one step: engine decision, record update, feedback, history, inbox, colour, reminders and audit in one transaction. */
export async function actOnAssignment(ctx: AppContext, actor: Actor, id: string, action: string, body: AssignmentActionBody) {
  requireBusinessUser(actor);
  const now = ctx.now();
  const cal = await ctx.calendar();
  const config = await supervisionConfig(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAssignment(tx, id);
    if (!a) throw new AppError('NOT_FOUND');
    const coopIds = await coopUnitIdsOf(tx, id);
    const rel = await assertCanRead(tx, actor, a, coopIds);
    if (action === 'contribute' && !rel.has('cooperator') && (rel.has('assignee') || rel.has('unit_member'))) {
      throw new AppError('WORKFLOW_FORBIDDEN', '牵头单位请使用“反馈进展”报送，配合情况由配合单位报送');
    }
    if ((action === 'report_completion' || action === 'report_progress' || action === 'request_extension') && rel.has('cooperator') && !rel.has('assignee')) {
      throw new AppError('WORKFLOW_FORBIDDEN', '配合单位只能报送配合情况，事项的反馈、延期和办结由牵头单位办理');
    }
    const result = applyTransition(assignmentWorkflow, { state: a.state, action, relations: rel, input: { ...body }, now, data: { deadline: a.deadline } });
    if (!result.ok) throw new AppError(result.code, result.message, result.field);
    const latest = latestDeadline(toShanghaiDate(now));
    if (action === 'request_extension' && body.newDeadline && body.newDeadline > latest) throw bad('newDeadline', `新的办理期限：不能晚于${latest}`);
    const to = ASSIGNMENT_STATE_KEEPING_ACTIONS.has(action) ? a.state : result.to;

    const attachmentIds = [...new Set(body.attachmentIds ?? [])];
    if (attachmentIds.length) {
      const found = await filesRepo.getFiles(tx, attachmentIds);
      if (found.length !== attachmentIds.length || found.some((f) => f.uploaded_by !== actor.id)) throw bad('attachmentIds', '附件：只能附加您本人上传的文件');
    }
    const at = now.toISOString();
    const patch: Partial<AssignmentRow> = { state: to, updated_at: at };
    let deadlineChanged = false;
    let feedback: { kind: string; progress: number | null; figures: { taskId: string; value: number }[] | null } | null = null;
    switch (action) {
      case 'report_progress':
      case 'report_completion': {
        const measured = await progressAfterReport(tx, a, action, body, at);
        Object.assign(patch, { latest_progress: result.comment, latest_progress_at: at, latest_progress_by: actor.displayName, progress: measured.progress, last_feedback_at: at, missed_feedbacks: 0 });
        if (action === 'report_completion') patch.completion_reported_at = at;
        feedback = { kind: action === 'report_completion' ? 'completion' : 'feedback', progress: measured.progress, figures: measured.figures };
        break;
      }
      case 'contribute':
        feedback = { kind: 'contribution', progress: null, figures: null };
        break;
      case 'request_extension':
        Object.assign(patch, { pending_new_deadline: body.newDeadline, pending_reason: result.comment });
        break;
      case 'approve_extension': {
        const newDeadline = a.pending_new_deadline ?? a.deadline;
        Object.assign(patch, { deadline: newDeadline, deadline_rule: '延期后指定日期', pending_new_deadline: null, pending_reason: null });
        // A once-only report is due on the deadline, so it moves with it.
        if (a.feedback_cycle === 'once') patch.next_feedback_due = newDeadline;
        deadlineChanged = true;
        break;
      }
      case 'refuse_extension':
        Object.assign(patch, { pending_new_deadline: null, pending_reason: null });
        break;
      case 'accept':
        patch.proposed_rating = body.rating ?? null;
        break;
      case 'send_back':
        patch.completion_reported_at = null;
        break;
      case 'confirm':
        Object.assign(patch, { completed_at: at, rating: body.rating });
        break;
    }
    await repo.updateAssignment(tx, id, patch);
    const eventId = uuidv7();
    await repo.insertAssignmentEvent(tx, {
      id: eventId, assignment_id: id, action, from_state: a.state, to_state: to, actor_id: actor.id, actor_name: actor.displayName, comment: result.comment,
      data:
        action === 'request_extension' ? JSON.stringify({ newDeadline: body.newDeadline })
        : deadlineChanged ? JSON.stringify({ deadline: patch.deadline })
        : action === 'confirm' ? JSON.stringify({ rating: body.rating })
        : feedback?.figures ? JSON.stringify({ figures: feedback.figures, progress: feedback.progress })
        : null,
      at,
    });
    if (feedback) {
      await svRepo.insertFeedback(tx, {
        id: uuidv7(), assignment_id: id, kind: feedback.kind, unit_id: actor.unitId ?? a.assignee_unit_id, author_id: actor.id, author_name: actor.displayName,
        text: result.comment ?? '', progress: feedback.progress, figures: feedback.figures ? JSON.stringify(feedback.figures) : null, event_id: eventId,
        // Late: a due date passed without a report, whether or not the daily sweep has counted it yet.
        late: feedback.kind !== 'contribution' && (Number(a.missed_feedbacks) > 0 || (a.next_feedback_due !== null && a.next_feedback_due < toShanghaiDate(now))) ? 1 : 0, at,
      });
    }
    if (attachmentIds.length) {
      await filesRepo.linkFiles(tx, attachmentIds.map((fileId) => ({ file_id: fileId, entity_type: MODULE, entity_id: id, event_id: eventId, created_at: at })));
    }
    let updated: AssignmentRow = { ...a, ...patch };
    // To-dos first: a colour turning red below opens a 催办单 to-do that must survive this step.
    if (to !== a.state || deadlineChanged) {
      await closeTodos(tx, ctx, MODULE, id);
      await openTodosForState(tx, ctx, updated);
    } else if (action === 'report_progress') {
      // A feedback answers any 催办单 the unit held; its 办理 to-do stays.
      const lead = await leadUserIds(tx, updated);
      await inbox.closeOpenTodosOfUsers(tx, MODULE, id, lead, at);
      await openTodos(tx, ctx, { module: MODULE, entityId: id, task: '办理', title: updated.title, urgency: updated.urgency, dueAt: dueAtOf(updated.deadline) }, lead);
    } else if (action === 'contribute') {
      await inbox.closeOpenTodosOfUsers(tx, MODULE, id, [actor.id], at);
    }
    if (action === 'dispatch') updated = await dispatchItem(tx, ctx, cal, config, updated, actor);
    else updated = await refreshItem(tx, ctx, cal, config, updated);
    await updateInitiatedOf(tx, ctx, updated);
    if (a.state === 'pending_receipt' && updated.state !== 'pending_receipt') await jobs.cancelPendingJobs(tx, `assignment-receipt:${id}:`);
    if (!OPEN_STATES.has(updated.state)) await jobs.cancelPendingJobs(tx, `assignment:${id}:`);
    else if (deadlineChanged || action === 'dispatch') await scheduleReminders(tx, ctx, cal, updated);
    await recordAudit(tx, ctx, actor, {
      action: `assignment.${action}`,
      entityType: MODULE,
      entityId: id,
      detail: { from: a.state, to, ...(deadlineChanged ? { deadlineBefore: a.deadline, deadlineAfter: patch.deadline } : {}), ...(attachmentIds.length ? { attachmentIds } : {}), ...(body.rating ? { rating: body.rating } : {}) },
    });
  });
  itemsChanged();
  return getAssignmentDetail(ctx, actor, id, { auditRead: false });
}

/** 催办 by the office: the next notice in order, to the lead unit's inbox. */
export async function escalateAssignment(ctx: AppContext, actor: Actor, id: string, comment: string | undefined) {
  requireBusinessUser(actor);
  const cal = await ctx.calendar();
  const config = await supervisionConfig(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAssignment(tx, id);
    if (!a) throw new AppError('NOT_FOUND');
    const rel = await assertCanRead(tx, actor, a, await coopUnitIdsOf(tx, id));
    if (!rel.has('office')) throw new AppError('WORKFLOW_FORBIDDEN', '催办由党委办公室（督查室）发出');
    await issueEscalation(tx, ctx, cal, config, a, actor, comment?.trim() || null);
  });
  itemsChanged();
  return getAssignmentDetail(ctx, actor, id, { auditRead: false });
}

/** A notice (交办单, 催办单, 督办通知单) as .docx, for anyone who may read the item. */
export async function noticeDocx(ctx: AppContext, actor: Actor, id: string, noticeId: string) {
  requireBusinessUser(actor);
  const a = await repo.getAssignmentRow(ctx.db, id);
  if (!a) throw new AppError('NOT_FOUND');
  await assertCanRead(ctx.db, actor, a, await coopUnitIdsOf(ctx.db, id));
  const n = await svRepo.getNotice(ctx.db, id, noticeId);
  if (!n) throw new AppError('NOT_FOUND');
  const buffer = await renderDocx(JSON.parse(n.content) as GongwenDocument);
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'assignment.notice_download', entityType: MODULE, entityId: id, detail: { noticeId, kind: n.kind } }));
  return { buffer, filename: `${n.number_text}${NOTICE_LABELS[n.kind as NoticeKind] ?? ''}.docx` };
}

/** Runs a due reminder job: 催办 to the lead unit if the item is still with it on that deadline. */
export async function runAssignmentReminder(ctx: AppContext, tx: Executor, kind: string, payload: { assignmentId: string; deadline: string }): Promise<void> {
  const a = await repo.lockAssignment(tx, payload.assignmentId);
  if (!a || !WITH_UNIT.has(a.state) || a.deadline !== payload.deadline) return;
  const overdue = kind === 'assignment.remind_overdue';
  const task = overdue ? '催办：已逾期' : '催办：即将到期';
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task, title: a.title, urgency: a.urgency, dueAt: dueAtOf(a.deadline) }, await leadUserIds(tx, a));
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(), assignment_id: a.id, action: 'remind', from_state: a.state, to_state: a.state, actor_id: 'system', actor_name: '系统',
    comment: overdue ? `已超过办理期限（${a.deadline}），请尽快办理并报告` : `距办理期限（${a.deadline}）不足${DUE_SOON_WORKDAYS}个工作日，请抓紧办理`,
    data: null, at: ctx.now().toISOString(),
  });
  await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: `assignment.${overdue ? 'remind_overdue' : 'remind_due_soon'}`, entityType: MODULE, entityId: a.id });
}

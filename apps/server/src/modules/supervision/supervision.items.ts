/**
 * What keeps a supervision item's figures true: its feedback windows, measured progress, colour and
 * the notices it generates (交办单 at dispatch, 催办单 then 督办通知单 on escalation). Called inside the
 * transaction of every step on an item, and by the daily sweep (time alone turns items yellow and red).
 */
import { uuidv7 } from '../../lib/ids.ts';
import { AppError } from '@zhongshu/core';
import { toShanghaiDate, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import {
  DEFAULT_SUPERVISION_CONFIG,
  buildChaseNotice,
  buildDispatchNotice,
  buildSuperviseNotice,
  computeColour,
  feedbackLabel,
  nextEscalation,
  nextFeedbackDue,
  NOTICE_LABELS,
  type Colour,
  type FeedbackCycle,
  type NoticeItem,
  type NoticeKind,
  type SupervisionConfig,
} from '@zhongshu/core/supervision/index.ts';
import { assignments as repo, jobs, settings as settingsRepo, supervision as svRepo, units, users, type AssignmentRow, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { recordAudit } from '../../lib/audit.ts';
import { openTodos } from '../inbox/inbox.service.ts';
import { SOURCE_KIND_LABELS } from '../assignments/assignments.schemas.ts';

export const MODULE = 'assignment';
const CONFIG_KEY = 'supervision.config';
/** States in which the lead unit owes feedback; in review the duty pauses. */
const WITH_UNIT = new Set(['pending_receipt', 'in_progress', 'extension_requested']);
const IN_REVIEW = new Set(['completion_reported', 'office_accepted']);
export const COLOURED = new Set([...WITH_UNIT, ...IN_REVIEW]);

export const SYSTEM_ACTOR = { id: 'system', displayName: '系统' } as const;

let version = 0;
/** Bumped whenever this process changes an item, so views built from many items (the board) know to rebuild. */
export const itemsVersion = () => version;
export function itemsChanged(): void {
  version += 1;
}
type Who = { id: string; displayName: string; ip?: string | null };

export async function supervisionConfig(db: Executor): Promise<SupervisionConfig> {
  const s = await settingsRepo.getSettings(db);
  if (!s[CONFIG_KEY]) return { ...DEFAULT_SUPERVISION_CONFIG };
  try {
    return { ...DEFAULT_SUPERVISION_CONFIG, ...(JSON.parse(s[CONFIG_KEY]) as Partial<SupervisionConfig>) };
  } catch {
    return { ...DEFAULT_SUPERVISION_CONFIG };
  }
}

export async function saveSupervisionConfig(db: Executor, c: SupervisionConfig): Promise<void> {
  await settingsRepo.putSetting(db, CONFIG_KEY, JSON.stringify(c));
}

export const serialText = (a: Pick<AssignmentRow, 'serial_year' | 'serial_no'>) => `交办〔${a.serial_year}〕${a.serial_no}号`;
export const dueAtOf = (deadline: string) => new Date(`${deadline}T23:59:59.999+08:00`).toISOString();
const shanghaiDateOf = (iso: string | null) => (iso ? toShanghaiDate(new Date(iso)) : null);

/** Users who act for the lead unit: the named person, else the unit's clerks (any member if none). */
export async function leadUserIds(db: Executor, a: Pick<AssignmentRow, 'assignee_user_id' | 'assignee_unit_id'>): Promise<string[]> {
  if (a.assignee_user_id) return [a.assignee_user_id];
  const clerks = await users.activeUsersOfUnit(db, a.assignee_unit_id, 'unit');
  if (clerks.length) return clerks.map((u) => u.id);
  return (await users.activeUsersOfUnit(db, a.assignee_unit_id)).map((u) => u.id);
}

/**
 * Advances the item's feedback windows up to `today`, recording each due date that passed without a
 * feedback in its window (for the 通报), and counting those with no feedback since (for the colour).
 */
async function advanceFeedbackWindows(tx: Executor, cal: WorkCalendar, a: AssignmentRow, today: string, at: string): Promise<Partial<AssignmentRow>> {
  let due = a.next_feedback_due;
  let windowStart = a.feedback_window_start ?? a.start_date ?? today;
  // The first window opens on the day of 交办 and a report that same day answers it; later windows open
  // on the previous due date, and a report on that date answered the previous one.
  let firstWindow = a.dispatched_at !== null && windowStart === shanghaiDateOf(a.dispatched_at);
  let missed = Number(a.missed_feedbacks);
  if (!due || due >= today) return {};
  const lastFeedback = shanghaiDateOf(a.last_feedback_at);
  while (due && due < today) {
    const answered = lastFeedback !== null && (lastFeedback > windowStart || (firstWindow && lastFeedback === windowStart)) && lastFeedback <= due;
    if (!answered && !IN_REVIEW.has(a.state)) {
      await svRepo.insertMiss(tx, { assignment_id: a.id, due_date: due, unit_id: a.assignee_unit_id, recorded_at: at });
      // A late feedback (after this due date) already cleared the count; it must not come back.
      if (!(lastFeedback !== null && lastFeedback > due)) missed += 1;
    }
    windowStart = due;
    firstWindow = false;
    due = nextFeedbackDue(cal, a.feedback_cycle as FeedbackCycle, a.feedback_day, due, a.deadline);
  }
  return { next_feedback_due: due, feedback_window_start: windowStart, missed_feedbacks: missed };
}

/**
 * Brings the item's feedback windows and colour up to date; logs a colour change and, when it turns
 * red and the configuration says so, sends the next escalation notice. Returns the updated row.
 */
export async function refreshItem(tx: Executor, ctx: AppContext, cal: WorkCalendar, config: SupervisionConfig, a: AssignmentRow): Promise<AssignmentRow> {
  itemsChanged();
  const now = ctx.now();
  const at = now.toISOString();
  const today = toShanghaiDate(now);
  if (!COLOURED.has(a.state)) {
    if (a.colour === null) return a;
    await repo.updateAssignment(tx, a.id, { colour: null, colour_reasons: null });
    return { ...a, colour: null, colour_reasons: null };
  }
  const patch: Partial<AssignmentRow> = await advanceFeedbackWindows(tx, cal, a, today, at);
  const row = { ...a, ...patch };
  const inReview = IN_REVIEW.has(row.state);
  const asOf = inReview ? (shanghaiDateOf(row.completion_reported_at) ?? today) : today;
  const result = computeColour(
    cal,
    {
      today: asOf,
      startDate: row.start_date ?? asOf,
      deadline: row.deadline,
      progress: inReview ? 100 : Number(row.progress),
      missedFeedbacks: inReview ? 0 : Number(row.missed_feedbacks),
      progressReported: inReview || row.last_feedback_at !== null,
    },
    config,
  );
  const reasons = JSON.stringify(result.reasons);
  if (result.colour !== row.colour || reasons !== row.colour_reasons || result.expected !== Number(row.expected_progress)) {
    Object.assign(patch, { colour: result.colour, colour_reasons: reasons, expected_progress: result.expected });
  }
  if (Object.keys(patch).length) await repo.updateAssignment(tx, a.id, patch);
  const updated: AssignmentRow = { ...row, ...patch };
  if (result.colour !== a.colour) {
    await svRepo.insertColourLog(tx, { id: uuidv7(), assignment_id: a.id, unit_id: a.assignee_unit_id, colour: result.colour, at });
    if (a.colour !== null) {
      await repo.insertAssignmentEvent(tx, {
        id: uuidv7(), assignment_id: a.id, action: 'colour', from_state: a.state, to_state: a.state, actor_id: SYSTEM_ACTOR.id, actor_name: SYSTEM_ACTOR.displayName,
        comment: `预警由${COLOUR_NAMES[a.colour as Colour] ?? a.colour}灯变为${COLOUR_NAMES[result.colour]}灯${result.reasons.length ? `：${result.reasons.join('；')}` : ''}`,
        data: JSON.stringify({ from: a.colour, to: result.colour }), at,
      });
    }
    if (result.colour === 'red' && config.autoEscalateOnRed && WITH_UNIT.has(updated.state)) {
      return issueEscalation(tx, ctx, cal, config, updated, SYSTEM_ACTOR, null);
    }
  }
  return updated;
}

const COLOUR_NAMES: Record<Colour, string> = { green: '绿', yellow: '黄', red: '红' };
const NOTICE_CODE: Record<NoticeKind, string> = { dispatch: '督交', chase: '督催', supervise: '督办' };

/** The item as the notices describe it. */
async function noticeItemOf(tx: Executor, a: AssignmentRow): Promise<{ item: NoticeItem; officeName: string; leadName: string }> {
  const [lead, leader, person, coop, tasks, creator] = await Promise.all([
    units.getUnit(tx, a.assignee_unit_id),
    users.getUserById(tx, a.leader_id),
    a.assignee_user_id ? users.getUserById(tx, a.assignee_user_id) : Promise.resolve(undefined),
    svRepo.itemUnits(tx, [a.id]),
    svRepo.listTasks(tx, a.id),
    users.getUserById(tx, a.created_by),
  ]);
  const creatorUnit = creator?.unit_id ? await units.getUnit(tx, creator.unit_id) : undefined;
  const office = creatorUnit?.kind === 'office' ? creatorUnit : undefined;
  const sourceLabel = [SOURCE_KIND_LABELS[a.source_kind as keyof typeof SOURCE_KIND_LABELS] ?? a.source_kind, a.source_ref].filter(Boolean).join('：');
  return {
    officeName: office?.name ?? creatorUnit?.name ?? '党委办公室',
    leadName: lead?.name ?? '',
    item: {
      serial: serialText(a),
      title: a.title,
      content: a.instruction,
      sourceLabel,
      levelLabel: a.level === 'key' ? '重点' : '一般',
      leadUnitName: lead?.name ?? '',
      cooperatingUnitNames: coop.map((u) => u.unit_name),
      responsibleLeaderName: leader?.display_name ?? '',
      responsiblePersonName: person?.display_name,
      completionStandard: a.completion_standard ?? undefined,
      deadline: a.deadline,
      feedbackLabel: feedbackLabel(a.feedback_cycle as FeedbackCycle, a.feedback_day),
      tasks: tasks.map((t) => ({ title: t.title, indicator: t.indicator ?? undefined, target: Number(t.target_value), unitLabel: t.unit_label ?? undefined, ownerName: t.owner_unit_name ?? undefined, deadline: t.deadline ?? undefined })),
    },
  };
}

async function issuerCodeOf(tx: Executor, a: AssignmentRow): Promise<string> {
  const creator = await users.getUserById(tx, a.created_by);
  const unit = creator?.unit_id ? await units.getUnit(tx, creator.unit_id) : undefined;
  return unit?.issuer_code ?? '';
}

/** Writes a notice (a 公文 model kept with the item) and returns its number. */
async function writeNotice(tx: Executor, ctx: AppContext, a: AssignmentRow, kind: NoticeKind, build: (item: NoticeItem, issuer: { officeName: string; date: string; noticeNumber: string }) => unknown, who: Who) {
  const now = ctx.now();
  const today = toShanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const n = await repo.nextSerial(tx, `supervision:${kind}`, year);
  const numberText = `${await issuerCodeOf(tx, a)}${NOTICE_CODE[kind]}〔${year}〕${n}号`;
  const { item, officeName } = await noticeItemOf(tx, a);
  const content = build(item, { officeName, date: today, noticeNumber: numberText });
  await svRepo.insertNotice(tx, {
    id: uuidv7(), assignment_id: a.id, kind, number_text: numberText, unit_id: a.assignee_unit_id, content: JSON.stringify(content),
    created_by: who.id, created_by_name: who.displayName, created_at: now.toISOString(),
  });
  return numberText;
}

/** 交办: the 交办单, the receipt deadline, the first feedback window, the first colour. */
export async function dispatchItem(tx: Executor, ctx: AppContext, cal: WorkCalendar, config: SupervisionConfig, a: AssignmentRow, who: Who): Promise<AssignmentRow> {
  const now = ctx.now();
  const today = toShanghaiDate(now);
  const patch: Partial<AssignmentRow> = {
    dispatched_at: now.toISOString(),
    receipt_due: cal.addWorkdays(today, config.receiptWorkdays).date,
    // Feedback is owed from the day of 交办, even when the schedule started earlier (a past meeting's decision).
    feedback_window_start: today,
    next_feedback_due: nextFeedbackDue(cal, a.feedback_cycle as FeedbackCycle, a.feedback_day, today, a.deadline),
  };
  await repo.updateAssignment(tx, a.id, patch);
  const row = { ...a, ...patch };
  const numberText = await writeNotice(tx, ctx, row, 'dispatch', (item, issuer) => buildDispatchNotice(item, issuer, { receiptWorkdays: config.receiptWorkdays }), who);
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(), assignment_id: a.id, action: 'notice', from_state: a.state, to_state: a.state, actor_id: who.id, actor_name: who.displayName,
    comment: `印发交办单（${numberText}），请于${patch.receipt_due}前签收`, data: JSON.stringify({ kind: 'dispatch', numberText }), at: now.toISOString(),
  });
  // Its own key prefix: deadline reminders are rescheduled under `assignment:<id>:` and must not cancel this one.
  await jobs.queueJob(tx, { kind: 'assignment.remind_receipt', key: `assignment-receipt:${a.id}:${patch.receipt_due}`, runAt: dueAtOf(patch.receipt_due!), payload: { assignmentId: a.id, receiptDue: patch.receipt_due } }, now.toISOString());
  return refreshItem(tx, ctx, cal, config, row);
}

/** 催办: the next notice in order (催办单, then 督办通知单) to the lead unit's inbox, counted on the item. */
export async function issueEscalation(tx: Executor, ctx: AppContext, cal: WorkCalendar, config: SupervisionConfig, a: AssignmentRow, who: Who, comment: string | null): Promise<AssignmentRow> {
  if (!WITH_UNIT.has(a.state)) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '只有交办单位尚在办理的事项才能催办');
  const kind = nextEscalation(Number(a.escalation_count));
  const escalationNo = Number(a.escalation_count) + 1;
  const reasons: string[] = a.colour_reasons ? JSON.parse(a.colour_reasons) : [];
  const status = { progress: Number(a.progress), expected: Number(a.expected_progress), reasons, escalationNo, replyWithinWorkdays: config.escalationReplyWorkdays };
  const numberText = await writeNotice(tx, ctx, a, kind, (item, issuer) => (kind === 'chase' ? buildChaseNotice(item, issuer, status) : buildSuperviseNotice(item, issuer, status)), who);
  const at = ctx.now().toISOString();
  await repo.updateAssignment(tx, a.id, { escalation_count: escalationNo, updated_at: at });
  const replyBy = cal.addWorkdays(toShanghaiDate(ctx.now()), config.escalationReplyWorkdays).date;
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task: `${NOTICE_LABELS[kind]}：请于${replyBy}前书面反馈`, title: a.title, urgency: 'urgent', dueAt: dueAtOf(replyBy) }, await leadUserIds(tx, a));
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(), assignment_id: a.id, action: 'escalate', from_state: a.state, to_state: a.state, actor_id: who.id, actor_name: who.displayName,
    comment: `第${escalationNo}次催办，印发${NOTICE_LABELS[kind]}（${numberText}）${comment ? `：${comment}` : ''}`, data: JSON.stringify({ kind, numberText }), at,
  });
  await recordAudit(tx, ctx, { id: who.id === SYSTEM_ACTOR.id ? null : who.id, displayName: who.displayName, ip: who.ip ?? null }, { action: 'assignment.escalate', entityType: MODULE, entityId: a.id, detail: { kind, numberText, escalationNo } });
  return { ...a, escalation_count: escalationNo, updated_at: at };
}

/** 签收 not done by the receipt deadline: a 催办 to-do for the lead unit and a line in the history. */
export async function runReceiptReminder(ctx: AppContext, tx: Executor, _kind: string, payload: { assignmentId: string; receiptDue: string }): Promise<void> {
  const a = await repo.lockAssignment(tx, payload.assignmentId);
  if (!a || a.state !== 'pending_receipt' || a.receipt_due !== payload.receiptDue) return;
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task: '催办：逾期未签收', title: a.title, urgency: 'urgent', dueAt: dueAtOf(a.deadline) }, await leadUserIds(tx, a));
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(), assignment_id: a.id, action: 'remind', from_state: a.state, to_state: a.state, actor_id: SYSTEM_ACTOR.id, actor_name: SYSTEM_ACTOR.displayName,
    comment: `已超过签收时限（${a.receipt_due}），请立即签收`, data: null, at: ctx.now().toISOString(),
  });
  await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: 'assignment.remind_receipt', entityType: MODULE, entityId: a.id });
}

/** Whether the lead unit has reported in the current feedback window (the rule advanceFeedbackWindows applies). */
function reportedThisWindow(a: AssignmentRow): boolean {
  const last = shanghaiDateOf(a.last_feedback_at);
  if (last === null) return false;
  const windowStart = a.feedback_window_start ?? a.start_date;
  if (windowStart === null) return true;
  const firstWindow = a.dispatched_at !== null && windowStart === shanghaiDateOf(a.dispatched_at);
  return last > windowStart || (firstWindow && last === windowStart);
}

/**
 * The lead unit is reminded once before each feedback due date (on the working day before it, or on the day
 * itself when the sweep first sees it then), unless it has already reported in the current window. The job's
 * unique key makes the reminder once per item and due date however often the sweep runs.
 */
async function scheduleFeedbackReminder(tx: Executor, ctx: AppContext, cal: WorkCalendar, a: AssignmentRow): Promise<void> {
  const due = a.next_feedback_due;
  if (!due || a.state === 'pending_receipt' || !WITH_UNIT.has(a.state)) return;
  const now = ctx.now();
  const today = toShanghaiDate(now);
  if (due < today || due > cal.addWorkdays(today, 1).date) return;
  if (reportedThisWindow(a)) return;
  const at = now.toISOString();
  await jobs.queueJob(tx, { kind: 'assignment.remind_feedback', key: `assignment:feedback:${a.id}:${due}`, runAt: at, payload: { assignmentId: a.id, due } }, at);
}

/** A feedback falls due: a to-do for the lead unit, unless the due date moved or the report came meanwhile. */
export async function runFeedbackReminder(ctx: AppContext, tx: Executor, _kind: string, payload: { assignmentId: string; due: string }): Promise<void> {
  const a = await repo.lockAssignment(tx, payload.assignmentId);
  if (!a || !WITH_UNIT.has(a.state) || a.next_feedback_due !== payload.due) return;
  if (reportedThisWindow(a)) return;
  await openTodos(tx, ctx, { module: MODULE, entityId: a.id, task: `反馈提醒：${payload.due}前报送进展`, title: a.title, urgency: 'normal', dueAt: dueAtOf(payload.due) }, await leadUserIds(tx, a));
  await repo.insertAssignmentEvent(tx, {
    id: uuidv7(), assignment_id: a.id, action: 'remind', from_state: a.state, to_state: a.state, actor_id: SYSTEM_ACTOR.id, actor_name: SYSTEM_ACTOR.displayName,
    comment: `请于${payload.due}前报送本期进展`, data: null, at: ctx.now().toISOString(),
  });
  await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: 'assignment.remind_feedback', entityType: MODULE, entityId: a.id, detail: { due: payload.due } });
}

const SWEEP_PAGE = 1000;

/**
 * One page of the daily sweep, in the job's transaction: up to SWEEP_PAGE coloured items brought up to
 * date; if more remain, the next page is queued as its own job (so no transaction holds the database long).
 */
export async function sweepPage(ctx: AppContext, tx: Executor, payload: { after?: string; date: string }): Promise<void> {
  const cal = await ctx.calendar();
  const config = await supervisionConfig(tx);
  const page = await svRepo.colouredItemsAfter(tx, payload.after ?? '', SWEEP_PAGE);
  for (const stale of page) {
    const a = await repo.lockAssignment(tx, stale.id);
    if (a) await scheduleFeedbackReminder(tx, ctx, cal, await refreshItem(tx, ctx, cal, config, a));
  }
  if (page.length === SWEEP_PAGE) {
    const last = page[page.length - 1]!.id;
    const at = ctx.now().toISOString();
    await jobs.queueJob(tx, { kind: 'supervision.sweep', key: `supervision:sweep:${payload.date}:${last}`, runAt: at, payload: { date: payload.date, after: last } }, at);
  }
}

/** The whole sweep at once, outside any transaction (CLI, tests and the bench). */
export async function sweepItems(ctx: AppContext): Promise<{ items: number }> {
  const cal = await ctx.calendar();
  const config = await supervisionConfig(ctx.db);
  let after = '';
  let items = 0;
  for (;;) {
    const page = await svRepo.colouredItemsAfter(ctx.db, after, SWEEP_PAGE);
    if (!page.length) break;
    await ctx.db.transaction().execute(async (tx) => {
      for (const stale of page) {
        const a = await repo.lockAssignment(tx, stale.id);
        if (a) await scheduleFeedbackReminder(tx, ctx, cal, await refreshItem(tx, ctx, cal, config, a));
      }
    });
    items += page.length;
    after = page[page.length - 1]!.id;
  }
  return { items };
}

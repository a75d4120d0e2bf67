/**
 * 督查督办 rules: the colour of an item (红黄绿), the straight-line schedule on working days, feedback
 * due dates per cycle, measured progress from sub-task indicators, the escalation order and the
 * on-time completion rate. Practice differs between places (REGULATIONS.md D.2–D.3), so every threshold
 * is configuration; the defaults are the ones the product promises.
 */
import { isValidDate, type WorkCalendar } from '../calendar/calendar.ts';

export type Colour = 'green' | 'yellow' | 'red';
export const COLOUR_LABELS: Record<Colour, string> = { green: '绿', yellow: '黄', red: '红' };

export { DEFAULT_SUPERVISION_CONFIG, SUPERVISION_CONFIG_BOUNDS, validateSupervisionConfig, type SupervisionConfig } from './config.ts';
import { DEFAULT_SUPERVISION_CONFIG, type SupervisionConfig } from './config.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The share of the work that should be done by `today` if it advanced evenly over the working days
 * from the start (not counted) to the deadline (counted). 0 before the start, 100 from the deadline on.
 */
export function expectedProgress(cal: WorkCalendar, startDate: string, deadline: string, today: string): number {
  if (today <= startDate) return 0;
  if (today >= deadline) return 100;
  const total = cal.workdaysBetween(startDate, deadline);
  if (total <= 0) return 100;
  const elapsed = cal.workdaysBetween(startDate, today);
  return Math.min(100, Math.max(0, round1((elapsed / total) * 100)));
}

export interface ColourInput {
  today: string;
  startDate: string;
  deadline: string;
  /** Measured progress, 0–100. */
  progress: number;
  /** Feedbacks missed since the last one given. */
  missedFeedbacks: number;
  /**
   * Whether progress has been measured at all (a feedback with figures was given). Until then the
   * behind-schedule rule does not apply — silence is caught by the missed-feedback rule instead, and an
   * item entered days after its meeting is not red merely because nobody has reported yet. Default true.
   */
  progressReported?: boolean;
}

export interface ColourResult {
  colour: Colour;
  expected: number;
  /** Points behind the schedule (negative when ahead). */
  behind: number;
  /** Working days after today up to the deadline; negative when overdue. */
  workdaysLeft: number;
  /** Why the colour is not green, in Chinese, most serious first. */
  reasons: string[];
}

/**
 * 红黄绿: red when overdue, when `redMissedFeedbacks` feedbacks are missed or when more than
 * `redBehindPoints` behind; yellow when the deadline is within `dueSoonWorkdays` working days, when
 * `yellowMissedFeedbacks` are missed or when `yellowBehindPoints`–`redBehindPoints` behind; else green.
 */
export function computeColour(cal: WorkCalendar, input: ColourInput, config: SupervisionConfig = DEFAULT_SUPERVISION_CONFIG): ColourResult {
  const { today, deadline } = input;
  const expected = expectedProgress(cal, input.startDate, deadline, today);
  const behind = round1(expected - input.progress);
  // `|| 0` turns the calendar's -0 (overdue on a rest day) into 0 before the sign is read.
  const raw = cal.workdaysBetween(today, deadline);
  const workdaysLeft = today > deadline ? Math.min(raw, -1) : raw || 0;
  const red: string[] = [];
  const yellow: string[] = [];
  if (today > deadline) red.push(`已逾期（办理期限${deadline}）`);
  else if (workdaysLeft <= config.dueSoonWorkdays) yellow.push(today === deadline ? `今天是办理期限（${deadline}）` : workdaysLeft <= 0 ? `办理期限（${deadline}）前已无工作日` : `距办理期限仅剩${workdaysLeft}个工作日`);
  if (input.missedFeedbacks >= config.redMissedFeedbacks) red.push(`连续${input.missedFeedbacks}次未按期反馈`);
  else if (input.missedFeedbacks >= config.yellowMissedFeedbacks) yellow.push(`${input.missedFeedbacks}次未按期反馈`);
  const behindText = `进度落后${behind.toFixed(1)}个百分点（按时序应完成${expected.toFixed(1)}%，实际${round1(input.progress).toFixed(1)}%）`;
  if (input.progressReported !== false) {
    if (behind > config.redBehindPoints) red.push(behindText);
    else if (behind >= config.yellowBehindPoints) yellow.push(behindText);
  }
  const colour: Colour = red.length ? 'red' : yellow.length ? 'yellow' : 'green';
  return { colour, expected, behind, workdaysLeft, reasons: [...red, ...yellow] };
}

export type FeedbackCycle = 'once' | 'weekly' | 'monthly' | 'quarterly';
export const FEEDBACK_CYCLES: readonly FeedbackCycle[] = ['once', 'weekly', 'monthly', 'quarterly'];
const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Default reporting day per cycle: Friday for weekly, the 5th for monthly and quarterly (D.2: "by the 5th"). */
export function defaultFeedbackDay(cycle: FeedbackCycle): number | null {
  return cycle === 'weekly' ? 5 : cycle === 'once' ? null : 5;
}

/** The day a cycle reports on must exist: 1–7 (Mon–Sun) weekly, 1–28 monthly/quarterly (every month has it). */
export function validFeedbackDay(cycle: FeedbackCycle, day: number | null): boolean {
  if (cycle === 'once') return day === null;
  if (day === null || !Number.isInteger(day)) return false;
  return cycle === 'weekly' ? day >= 1 && day <= 7 : day >= 1 && day <= 28;
}

export function feedbackLabel(cycle: FeedbackCycle, day: number | null): string {
  switch (cycle) {
    case 'once':
      return '办理期限前反馈一次';
    case 'weekly':
      return `每周${WEEKDAY_NAMES[day ?? 5]}前反馈（遇节假日顺延）`;
    case 'monthly':
      return `每月${day ?? 5}日前反馈（遇节假日顺延）`;
    case 'quarterly':
      return `每季度首月${day ?? 5}日前反馈上季度进展（遇节假日顺延）`;
  }
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** A due date on a rest day moves to the next working day. */
function onWorkday(cal: WorkCalendar, date: string): string {
  return cal.isWorkday(date) ? date : cal.nextWorkday(date);
}

/**
 * The first feedback due date strictly after `after` (a date), or null when the cycle has no more:
 * 'once' is due on the deadline only; the others repeat for as long as the item stays open.
 */
export function nextFeedbackDue(cal: WorkCalendar, cycle: FeedbackCycle, day: number | null, after: string, deadline: string): string | null {
  if (!isValidDate(after)) return null;
  if (cycle === 'once') return deadline > after ? deadline : null;
  const d = day ?? defaultFeedbackDay(cycle)!;
  if (cycle === 'weekly') {
    // Start one week back: last week's day, moved by a holiday, may still be ahead of `after`.
    let nominal = addDays(after, (((d - isoWeekday(after) + 7) % 7) || 7) - 7);
    for (let i = 0; i < 4; i++, nominal = addDays(nominal, 7)) {
      const due = onWorkday(cal, nominal);
      if (due > after) return due;
    }
    return null;
  }
  let y = Number(after.slice(0, 4));
  let m = Number(after.slice(5, 7));
  // Start one month back: a 5th moved by 国庆 to the 9th may still be ahead of `after`.
  m -= 1;
  if (m === 0) {
    m = 12;
    y -= 1;
  }
  for (let i = 0; i < 16; i++) {
    if (cycle === 'monthly' || (m - 1) % 3 === 0) {
      const due = onWorkday(cal, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      if (due > after) return due;
    }
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return null;
}

/** Every feedback due date in (from, to], in order (for schedules and tests). */
export function feedbackDueDates(cal: WorkCalendar, cycle: FeedbackCycle, day: number | null, from: string, to: string, deadline: string): string[] {
  const out: string[] = [];
  let cursor = from;
  for (;;) {
    const next = nextFeedbackDue(cal, cycle, day, cursor, deadline);
    if (!next || next > to) return out;
    out.push(next);
    cursor = next;
  }
}

export interface TaskMeasure {
  target: number;
  current: number;
  weight: number;
}

/** Progress from sub-task indicators: Σ weight × min(current ÷ target, 1) ÷ Σ weight, in percent, one decimal. */
export function measuredProgress(tasks: readonly TaskMeasure[]): number {
  const total = tasks.reduce((s, t) => s + (t.weight > 0 ? t.weight : 0), 0);
  if (total <= 0) return 0;
  const done = tasks.reduce((s, t) => (t.weight > 0 && t.target > 0 ? s + t.weight * Math.min(Math.max(t.current, 0) / t.target, 1) : s), 0);
  return round1((done / total) * 100);
}

/** 交办单 → 催办单 → 督办通知单; further escalations repeat the 督办通知单. */
export type NoticeKind = 'dispatch' | 'chase' | 'supervise';
export const NOTICE_LABELS: Record<NoticeKind, string> = { dispatch: '交办单', chase: '催办单', supervise: '督办通知单' };

/** The notice the next escalation sends, given how many escalations the item has had. */
export function nextEscalation(escalationsSoFar: number): Exclude<NoticeKind, 'dispatch'> {
  return escalationsSoFar <= 0 ? 'chase' : 'supervise';
}

export const RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };

export const ON_TIME_RATE_FORMULA = '按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100%';

/** On-time completion rate in percent (one decimal), null when nothing was due or done. */
export function onTimeRate(concludedOnTime: number, concluded: number, overdueOpen: number): number | null {
  const denominator = concluded + overdueOpen;
  return denominator > 0 ? round1((concludedOnTime / denominator) * 100) : null;
}

/** First and last day of the month before the one `today` falls in (the 1st's circular covers it). */
export function previousMonth(today: string): { start: string; end: string; label: string } {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7)) - 1;
  if (m === 0) {
    m = 12;
    y -= 1;
  }
  const start = `${y}-${String(m).padStart(2, '0')}-01`;
  const end = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  return { start, end, label: `${y}年${m}月` };
}

/** The calendar quarter a date falls in. */
export function quarterOf(date: string): { start: string; end: string; label: string } {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const start = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const end = addDays(q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, '0')}-01`, -1);
  return { start, end, label: `${y}年第${q + 1}季度` };
}

/** "2026年10月" for a whole month, else "2026年10月1日至2026年11月15日". */
export function periodLabel(start: string, end: string): string {
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de] = end.split('-').map(Number);
  const nextOfEnd = addDays(end, 1);
  if (ds === 1 && ys === ye && ms === me && nextOfEnd.slice(8) === '01') return `${ys}年${ms}月`;
  return `${ys}年${ms}月${ds}日至${ye}年${me}月${de}日`;
}

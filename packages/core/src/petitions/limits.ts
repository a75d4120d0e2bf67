/**
 * 信访 time limits (《信访工作条例》 2022, REGULATIONS.md C.1). The 条例 writes "日" for every limit but the
 * 5-working-day objection; whether "日" means calendar days is a local choice, so it is configuration. Every
 * deadline records the rule that produced it, so a clerk can see why it falls where it does.
 */
import type { WorkCalendar } from '../calendar/calendar.ts';

export type DayMode = 'calendar' | 'workdays';
export type DeadlineKind = 'register' | 'notice' | 'objection' | 'handle' | 'review_request' | 'review' | 'recheck_request' | 'recheck';

export interface LimitSpec {
  days: number;
  /** A limit the 条例 itself writes in working days (the objection) ignores the configured mode. */
  workdaysAlways?: boolean;
  label: string;
  article: string;
}

export const LIMITS: Record<DeadlineKind, LimitSpec> = {
  register: { days: 15, label: '登记转送', article: '第22条' },
  notice: { days: 15, label: '书面告知受理', article: '第23条' },
  objection: { days: 5, workdaysAlways: true, label: '提出异议', article: '第23条' },
  handle: { days: 60, label: '办理答复', article: '第34条' },
  review_request: { days: 30, label: '申请复查', article: '第35条' },
  review: { days: 30, label: '复查答复', article: '第35条' },
  recheck_request: { days: 30, label: '申请复核', article: '第36条' },
  recheck: { days: 30, label: '复核答复', article: '第36条' },
};

/** The longest extension of the handling limit (第34条), granted once. */
export const MAX_EXTENSION_DAYS = 30;

export interface LimitDeadline {
  kind: DeadlineKind;
  due: string;
  /** e.g. "第34条：受理之日起60日（期满日为节假日的顺延至下一个工作日）" */
  rule: string;
}

/** The deadline of one limit counted from `start` (a Shanghai date; the start day itself is not counted). */
export function limitDeadline(cal: WorkCalendar, kind: DeadlineKind, start: string, mode: DayMode, extraDays = 0): LimitDeadline {
  const spec = LIMITS[kind];
  const days = spec.days + extraDays;
  const useWorkdays = spec.workdaysAlways || mode === 'workdays';
  const r = useWorkdays ? cal.addWorkdays(start, days) : cal.addCalendarDays(start, days);
  const from = kind === 'handle' ? '受理' : kind === 'objection' ? '收到转送交办' : kind === 'review_request' ? '收到答复' : kind === 'recheck_request' ? '收到复查意见' : kind === 'review' || kind === 'recheck' ? '收到申请' : '收到信访事项';
  const extra = extraDays > 0 ? `（含延期${extraDays}日）` : '';
  // The calendar's rule text starts with the count itself ("60日（…）").
  return { kind, due: r.date, rule: `${spec.article}：${from}之日起${r.ruleText}${extra}` };
}

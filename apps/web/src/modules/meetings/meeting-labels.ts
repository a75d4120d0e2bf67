// Chinese words for the 办会 codes (docs/API.md) and the meeting times as people read them (always Beijing time).
import dayjs, { type Dayjs } from 'dayjs';
import type { AttendeeRole, MeetingState, Reply, TopicState } from './meetings.api';

export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  planned: '筹备中',
  notified: '已通知',
  in_progress: '进行中',
  held: '已召开',
  cancelled: '已取消',
};

export const MEETING_STATE_COLORS: Record<MeetingState, string> = {
  planned: 'default',
  notified: 'blue',
  in_progress: 'processing',
  held: 'green',
  cancelled: 'default',
};

export const ROLE_LABELS: Record<AttendeeRole, string> = { attend: '出席', observe: '列席' };
export const REPLY_LABELS: Record<Reply, string> = { pending: '未回执', attending: '参加', leave: '请假' };
export const REPLY_COLORS: Record<Reply, string> = { pending: 'orange', attending: 'green', leave: 'default' };
export const TOPIC_STATE_LABELS: Record<TopicState, string> = { proposed: '待审定', approved: '已通过', deferred: '暂缓' };
export const TOPIC_STATE_COLORS: Record<TopicState, string> = { proposed: 'blue', approved: 'green', deferred: 'orange' };

/** States in which the meeting's own fields may still change. */
export const EDITABLE_STATES = new Set<MeetingState>(['planned', 'notified']);

export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * An instant as a dayjs holding Beijing wall-clock time, whatever the browser's own zone: the county
 * meets in Beijing time, and a clerk's laptop set to another zone must not move a meeting.
 */
export function toBeijing(iso: string): Dayjs {
  const shifted = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return dayjs(shifted.toISOString().slice(0, 16));
}

/** A picker's wall-clock value (read as Beijing time) as the ISO instant the API takes. */
export function fromBeijing(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** Today in Beijing, YYYY-MM-DD. */
export function beijingToday(): string {
  return toBeijing(new Date().toISOString()).format('YYYY-MM-DD');
}

/** The Beijing day of an instant, YYYY-MM-DD. */
export function beijingDay(iso: string): string {
  return toBeijing(iso).format('YYYY-MM-DD');
}

function dayLabel(d: Dayjs, withYear: boolean): string {
  return withYear ? d.format('YYYY年M月D日') : d.format('M月D日');
}

/** "11月21日 14:00–16:00"; "11月21日 14:00 – 11月22日 12:00" across days; with the year when not this year. */
export function formatMeetingTime(startsAt: string, endsAt: string): string {
  const start = toBeijing(startsAt);
  const end = toBeijing(endsAt);
  const thisYear = toBeijing(new Date().toISOString()).year();
  const withYear = start.year() !== thisYear;
  if (start.isSame(end, 'day')) return `${dayLabel(start, withYear)} ${start.format('HH:mm')}–${end.format('HH:mm')}`;
  return `${dayLabel(start, withYear)} ${start.format('HH:mm')} – ${dayLabel(end, end.year() !== thisYear)} ${end.format('HH:mm')}`;
}

/** "11月21日（周六） 14:00–16:00" for headings. */
export function formatMeetingTimeLong(startsAt: string, endsAt: string): string {
  const start = toBeijing(startsAt);
  const text = formatMeetingTime(startsAt, endsAt);
  const day = dayLabel(start, start.year() !== toBeijing(new Date().toISOString()).year());
  return text.replace(day, `${day}（${start.format('ddd')}）`);
}

/** "14:00–16:00" */
export function formatHours(startsAt: string, endsAt: string): string {
  return `${toBeijing(startsAt).format('HH:mm')}–${toBeijing(endsAt).format('HH:mm')}`;
}

/** "2026-11-20 18:00" in Beijing time. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return toBeijing(iso).format('YYYY-MM-DD HH:mm');
}

/** "11-20 18:00" — compact, for table cells. */
export function formatShortInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return toBeijing(iso).format('MM-DD HH:mm');
}

/** Where the meeting is: the room, or the place given instead. */
export function placeOf(m: { roomName: string | null; location: string | null }): string {
  return m.roomName ?? m.location ?? '—';
}

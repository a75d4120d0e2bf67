/**
 * 办会 scheduling rules: when two meetings overlap, which booking takes a room someone else holds,
 * and which person (a leader invited by name, or the host) is booked into two meetings at once.
 * Pure: the caller loads the meetings; nothing is looked up here.
 */

/** A span of time between two ISO instants; the end is exclusive. */
export interface Interval {
  startsAt: string;
  endsAt: string;
}

/**
 * Whether two intervals share any moment. Touching ends do not overlap: a meeting that ends at 10:00
 * leaves the room free for one that starts at 10:00. Instants are compared as times, so
 * "2026-11-21T14:00:00+08:00" and "2026-11-21T06:00:00.000Z" are the same moment.
 */
export function overlaps(a: Interval, b: Interval): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

/** A meeting as the room and leader checks see it. */
export interface Booking extends Interval {
  id: string;
  roomId: string | null;
  /** planned | notified | in_progress | held | cancelled */
  state: string;
}

/**
 * The other meetings that hold the candidate's room at an overlapping time. Cancelled meetings free
 * their room; a meeting without a room (a venue named by location) never conflicts.
 */
export function roomConflicts(candidate: Interval & { id?: string | null; roomId: string | null }, others: readonly Booking[]): Booking[] {
  if (!candidate.roomId) return [];
  return others.filter((m) => m.id !== candidate.id && m.state !== 'cancelled' && m.roomId === candidate.roomId && overlaps(candidate, m));
}

/** One person's part in one meeting: invited by name, or hosting it. */
export interface Engagement extends Interval {
  userId: string;
  /** The person's name. */
  name: string;
  meetingId: string;
  title: string;
  /** The meeting's state; a cancelled meeting binds no one. */
  state: string;
  /** The person's 回执; someone on leave (请假) is not in that meeting. Null for the host. */
  reply?: string | null;
}

/** The same person in two meetings at once: the other meeting, named for the warning. */
export interface Conflict extends Interval {
  userId: string;
  name: string;
  meetingId: string;
  title: string;
}

const binds = (e: Engagement) => e.state !== 'cancelled' && e.reply !== 'leave';

/**
 * The other meetings that already hold the candidate's people (persons invited by name and the host)
 * at an overlapping time: a warning for the office, not a refusal — a leader may choose which to attend.
 * One conflict per person and other meeting, in the order of the other meeting's start.
 */
export function leaderConflicts(candidate: Interval & { id?: string | null; userIds: readonly string[] }, engagements: readonly Engagement[]): Conflict[] {
  const people = new Set(candidate.userIds);
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const e of engagements) {
    if (e.meetingId === candidate.id || !people.has(e.userId) || !binds(e) || !overlaps(candidate, e)) continue;
    const key = `${e.userId}\u0000${e.meetingId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(toConflict(e));
  }
  return out.sort(byStart);
}

/**
 * Every double booking among some engagements (the calendar's warnings): for each person in two
 * overlapping meetings, both meetings are listed, so each shows the warning.
 */
export function conflictsAmong(engagements: readonly Engagement[]): Conflict[] {
  const byUser = new Map<string, Engagement[]>();
  for (const e of engagements) if (binds(e)) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
  const out = new Map<string, Conflict>();
  for (const list of byUser.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.meetingId === b.meetingId || !overlaps(a, b)) continue;
        for (const e of [a, b]) out.set(`${e.userId}\u0000${e.meetingId}`, toConflict(e));
      }
    }
  }
  return [...out.values()].sort(byStart);
}

function toConflict(e: Engagement): Conflict {
  return { userId: e.userId, name: e.name, meetingId: e.meetingId, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt };
}

function byStart(a: Conflict, b: Conflict): number {
  return Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.name.localeCompare(b.name, 'zh-CN') || a.meetingId.localeCompare(b.meetingId);
}

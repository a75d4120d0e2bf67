/**
 * Who may read a meeting and act on it, and who answers for each invited party. A meeting is read by the
 * office, by the committee's own leaders, by its host, by persons invited by name and by the users of
 * invited units — each only with clearance ≥ the meeting's 密级; to anyone else it does not exist.
 */
import { AppError, isCleared } from '@zhongshu/core';
import { meetings as repo, type Executor, type MeetingRow } from '@zhongshu/db';
import type { AttendeeRow, NamedMaterial } from '@zhongshu/db/repositories/meetings.repository.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { overseesAll } from '../assignments/assignments.service.ts';
import { clerksOfUnits, clerkUnitsOf } from '../documents/documents.access.ts';

export const MODULE = 'meeting';

export const STATE_LABELS: Record<string, string> = { planned: '筹备中', notified: '已通知', in_progress: '进行中', held: '已召开', cancelled: '已取消' };
export const ROLE_LABELS: Record<string, string> = { attend: '出席', observe: '列席' };
export const REPLY_LABELS: Record<string, string> = { pending: '未回执', attending: '参加', leave: '请假' };
export const TOPIC_STATE_LABELS: Record<string, string> = { proposed: '待审定', approved: '已通过', deferred: '暂缓' };

/** Inbox tasks of the module. */
export const TASKS = { reply: '会议回执', remind: '催报回执', cancelled: '会议取消', topicDecided: '议题审定结果' } as const;

export const isOffice = (actor: Actor) => actor.roles.includes('office');

export function requireOffice(actor: Actor): void {
  requireBusinessUser(actor);
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '此操作由党办工作人员办理');
}

/** "11月21日14:00" in Shanghai, for messages. */
export function shanghaiTime(instant: string): string {
  const d = new Date(Date.parse(instant) + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, field);

/** A state the step may not start from: one message naming what the meeting is now. */
export function notInState(m: Pick<MeetingRow, 'state'>, what: string): AppError {
  return new AppError('WORKFLOW_ACTION_NOT_ALLOWED', `会议${STATE_LABELS[m.state] ?? m.state}，不能${what}`);
}

/** What a reader is to one meeting. */
export interface MeetingAccess {
  meeting: MeetingRow;
  attendees: AttendeeRow[];
  /** The office: manages the meeting (within clearance). */
  office: boolean;
  /** A committee leader: reads every meeting. */
  overseer: boolean;
  /** Rows the reader replies and signs in for: invited by name, or a unit whose clerk they are. */
  answerable: AttendeeRow[];
  /** Rows that are the reader's as a member of an invited unit (or invited by name): materials reach them. */
  own: AttendeeRow[];
}

const isUnitRow = (a: Pick<AttendeeRow, 'user_id'>) => a.user_id === null;

/** The units a reader belongs to or keeps as a clerk (an office clerk keeps the 党委's). */
export async function unitsOfReader(db: Executor, actor: Actor): Promise<{ clerkUnits: string[]; unitIds: string[] }> {
  const clerkUnits = await clerkUnitsOf(db, actor);
  return { clerkUnits, unitIds: [...new Set([...(actor.unitId ? [actor.unitId] : []), ...clerkUnits])] };
}

/**
 * Loads a meeting for a reader, or NOT_FOUND when they may not read it (not involved, or not cleared):
 * a meeting's existence, title and time are themselves content.
 */
export async function loadMeeting(db: Executor, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<MeetingAccess> {
  requireBusinessUser(actor);
  const meeting = opts.lock ? await repo.lockMeeting(db, id) : await repo.getMeeting(db, id);
  if (!meeting || !isCleared(actor.clearance, meeting.classification)) throw new AppError('NOT_FOUND');
  const [attendees, { clerkUnits, unitIds }, overseer] = await Promise.all([repo.attendeeRows(db, id), unitsOfReader(db, actor), overseesAll(db, actor)]);
  const answerable = attendees.filter((a) => a.user_id === actor.id || (isUnitRow(a) && a.unit_id !== null && clerkUnits.includes(a.unit_id)));
  const own = attendees.filter((a) => a.user_id === actor.id || (isUnitRow(a) && a.unit_id !== null && unitIds.includes(a.unit_id)));
  const office = isOffice(actor);
  if (!office && !overseer && own.length === 0 && meeting.host_id !== actor.id) throw new AppError('NOT_FOUND');
  return { meeting, attendees, office, overseer, answerable, own };
}

/** Loads a meeting the office manages, locked for the change; anyone else is refused before it is looked up. */
export async function loadForOffice(db: Executor, actor: Actor, id: string): Promise<MeetingAccess> {
  requireOffice(actor);
  return loadMeeting(db, actor, id, { lock: true });
}

/**
 * The users who answer for each row: the person invited by name, or the invited unit's clerks cleared for
 * the meeting's 密级 (the committee's clerks are the office's). Row id → user ids.
 */
export async function recipientsOf(db: Executor, meeting: Pick<MeetingRow, 'classification'>, rows: readonly AttendeeRow[]): Promise<Map<string, string[]>> {
  const unitIds = [...new Set(rows.filter(isUnitRow).map((r) => r.unit_id).filter((u): u is string => u !== null))];
  const clerks = await clerksOfUnits(db, unitIds, meeting.classification);
  return new Map(rows.map((r) => [r.id, r.user_id ? [r.user_id] : [...new Set(clerks.get(r.unit_id ?? '') ?? [])]]));
}

/** Users of some rows who answer for no other row still pending: their 回执 to-dos may close. */
export function usersDoneWith(recipients: Map<string, string[]>, doneRowIds: readonly string[], stillPendingRowIds: readonly string[]): string[] {
  const done = new Set(doneRowIds);
  const busy = new Set(stillPendingRowIds.filter((id) => !done.has(id)).flatMap((id) => recipients.get(id) ?? []));
  return [...new Set(doneRowIds.flatMap((id) => recipients.get(id) ?? []))].filter((u) => !busy.has(u));
}

export function audienceOf(m: Pick<NamedMaterial, 'audience'>): string[] | null {
  if (!m.audience) return null;
  try {
    const ids = JSON.parse(m.audience) as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * Whether a reader may see and open a material: cleared for its 密级, and the office, its uploader, the host
 * (of a material for every attendee), or an attendee in its audience (a person invited by name, or a user
 * of an invited unit).
 */
export function canSeeMaterial(actor: Actor, access: MeetingAccess, m: Pick<NamedMaterial, 'classification' | 'audience' | 'uploaded_by'>): boolean {
  if (!isCleared(actor.clearance, m.classification)) return false;
  if (access.office || m.uploaded_by === actor.id) return true;
  const audience = audienceOf(m);
  // The host presides over the whole meeting: what goes to every attendee goes to the host.
  if (audience === null && access.meeting.host_id === actor.id) return true;
  if (access.own.length === 0) return false;
  return audience === null || access.own.some((a) => audience.includes(a.id));
}

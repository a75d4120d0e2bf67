/**
 * The 回执 reminder: half an hour before the reply deadline, every invited party still pending gets a 催报回执
 * to-do. One job per meeting and deadline (unique key), replaced when the deadline moves.
 */
import { jobs, meetings as repo, type Executor, type MeetingRow } from '@zhongshu/db';
import type { AttendeeRow } from '@zhongshu/db/repositories/meetings.repository.ts';
import type { AppContext } from '../../context.ts';
import { recordAudit } from '../../lib/audit.ts';
import { openTodos } from '../inbox/inbox.service.ts';
import { MODULE, recipientsOf, TASKS } from './meetings.access.ts';

export const REPLY_REMINDER_KIND = 'meeting.remind_reply';
const REMIND_BEFORE_MS = 30 * 60_000;
const keyPrefix = (meetingId: string) => `meeting:${meetingId}:reply:`;

/**
 * (Re)schedules the reminder of a notified meeting's reply deadline. A deadline less than half an hour
 * away gets none: the notice itself has just arrived.
 */
export async function scheduleReplyReminder(tx: Executor, ctx: AppContext, m: Pick<MeetingRow, 'id' | 'reply_deadline'>): Promise<void> {
  await jobs.cancelPendingJobs(tx, keyPrefix(m.id));
  if (!m.reply_deadline) return;
  const now = ctx.now();
  const runAt = new Date(Date.parse(m.reply_deadline) - REMIND_BEFORE_MS);
  if (runAt <= now) return;
  await jobs.queueJob(tx, { kind: REPLY_REMINDER_KIND, key: `${keyPrefix(m.id)}${m.reply_deadline}`, runAt: runAt.toISOString(), payload: { meetingId: m.id, deadline: m.reply_deadline } }, now.toISOString());
}

export async function cancelReplyReminder(tx: Executor, meetingId: string): Promise<void> {
  await jobs.cancelPendingJobs(tx, keyPrefix(meetingId));
}

/** A 催报回执 to-do for whoever answers for each row, counted on the row. Returns how many rows were reminded. */
export async function remindRows(tx: Executor, ctx: AppContext, m: MeetingRow, rows: readonly AttendeeRow[]): Promise<number> {
  if (!rows.length) return 0;
  const at = ctx.now().toISOString();
  const recipients = await recipientsOf(tx, m, rows);
  await openTodos(tx, ctx, { module: MODULE, entityId: m.id, task: TASKS.remind, title: m.title, urgency: 'urgent', dueAt: m.reply_deadline }, rows.flatMap((r) => recipients.get(r.id) ?? []));
  for (const r of rows) await repo.updateAttendee(tx, r.id, { reminded_count: Number(r.reminded_count) + 1, last_reminded_at: at });
  return rows.length;
}

async function runReplyReminder(ctx: AppContext, tx: Executor, _kind: string, payload: { meetingId: string; deadline: string }): Promise<void> {
  const m = await repo.lockMeeting(tx, payload.meetingId);
  // A meeting held, cancelled or given another deadline since has nothing to remind of (or another job).
  if (!m || m.state !== 'notified' || m.reply_deadline !== payload.deadline) return;
  const pending = (await repo.attendeeRows(tx, m.id)).filter((a) => a.reply === 'pending');
  const reminded = await remindRows(tx, ctx, m, pending);
  if (reminded) await recordAudit(tx, ctx, { id: null, displayName: '系统', ip: null }, { action: 'meeting.remind_auto', entityType: MODULE, entityId: m.id, detail: { reminded } });
}

/** Scheduled-job handlers of the meetings module, by job kind (wired into jobs/scheduler.ts). */
export const meetingJobHandlers: Record<string, (ctx: AppContext, tx: Executor, kind: string, payload: any) => Promise<void>> = {
  [REPLY_REMINDER_KIND]: runReplyReminder,
};

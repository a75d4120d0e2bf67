import { shanghaiEndOfDay, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import { jobs, type Executor } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import { DUE_SOON_WORKDAYS } from '../modules/inbox/inbox.service.ts';

/**
 * The two 催办 jobs every deadline gets: "due soon" at 09:00 Shanghai a few working days before it, and
 * "overdue" at the end of its day. Earlier reminders of the record (same key prefix) are cancelled first,
 * so a changed deadline replaces them; a job whose time has passed runs at once.
 */
export async function scheduleDeadlineReminders(
  tx: Executor,
  ctx: AppContext,
  cal: WorkCalendar,
  r: { keyPrefix: string; kinds: { dueSoon: string; overdue: string }; deadline: string | null; payload: Record<string, unknown> },
): Promise<void> {
  await jobs.cancelPendingJobs(tx, r.keyPrefix);
  if (!r.deadline) return;
  const now = ctx.now().toISOString();
  const soonDate = cal.workdaysBefore(r.deadline, DUE_SOON_WORKDAYS);
  const specs = [
    // 09:00 in Shanghai is 01:00 UTC.
    { kind: r.kinds.dueSoon, key: `${r.keyPrefix}due_soon:${r.deadline}`, runAt: new Date(Date.parse(`${soonDate}T01:00:00Z`)).toISOString() },
    { kind: r.kinds.overdue, key: `${r.keyPrefix}overdue:${r.deadline}`, runAt: shanghaiEndOfDay(r.deadline).toISOString() },
  ];
  for (const s of specs) {
    await jobs.queueJob(tx, { ...s, payload: r.payload }, now);
  }
}

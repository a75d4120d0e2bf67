import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { jobs, refreshPlannerStatistics, sessions, type Executor } from '@zhongshu/db';
import { effectiveSettings } from '../lib/settings.ts';
import type { AppContext } from '../context.ts';
import { runAssignmentReminder } from '../modules/assignments/assignments.service.ts';
import { runDocumentReminder } from '../modules/documents/documents.actions.ts';
import { runMonthlyCircular } from '../modules/supervision/supervision.service.ts';
import { runFeedbackReminder, runReceiptReminder, sweepPage } from '../modules/supervision/supervision.items.ts';
import { runPetitionReminder } from '../modules/petitions/petitions.service.ts';
import { meetingJobHandlers } from '../modules/meetings/meetings.jobs.ts';
import { collectionJobHandlers } from '../modules/collections/collections.jobs.ts';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';

type Handler = (ctx: AppContext, tx: Executor, kind: string, payload: any) => Promise<void>;

const HANDLERS: Record<string, Handler> = {
  'assignment.remind_due_soon': runAssignmentReminder,
  'assignment.remind_overdue': runAssignmentReminder,
  'document.remind_due_soon': runDocumentReminder,
  'document.remind_overdue': runDocumentReminder,
  'assignment.remind_receipt': runReceiptReminder,
  'assignment.remind_feedback': runFeedbackReminder,
  'petition.remind_due_soon': runPetitionReminder,
  'petition.remind_overdue': runPetitionReminder,
  'supervision.sweep': (ctx, tx, _kind, payload: { after?: string; date: string }) => sweepPage(ctx, tx, payload),
  'supervision.monthly_circular': (ctx, tx) => runMonthlyCircular(ctx, tx),
  ...meetingJobHandlers,
  ...collectionJobHandlers,
};

const RETRY_MINUTES = 5;
// Expired sessions are refused on use anyway; purging them now and then keeps the table small.
const SESSION_PURGE_INTERVAL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;
// SQLite's planner statistics go stale as registers grow; refreshed this often (see refreshPlannerStatistics).
const STATISTICS_INTERVAL_MS = 6 * 3_600_000;

/**
 * In-process scheduler whose jobs live in the database. Each job is claimed, run and marked done in
 * one transaction; on PostgreSQL the claim uses FOR UPDATE SKIP LOCKED, so several server processes can
 * run schedulers side by side and no job (no reminder) runs twice.
 */
export class Scheduler {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private lastPurge = 0;
  private lastStatistics = Date.now();

  constructor(private readonly ctx: AppContext) {}

  /** Runs every due job once; returns how many ran. */
  async tick(maxJobs = 100): Promise<number> {
    let ran = 0;
    while (ran < maxJobs) {
      const outcome = await this.runOne();
      if (outcome === 'none') break;
      ran++;
    }
    return ran;
  }

  /**
   * The 督查 jobs that recur by the calendar: each day's sweep (colours, missed feedbacks) shortly after
   * midnight, and on the 1st last month's 通报. Unique keys make every process agree on one of each.
   */
  async ensureRecurringJobs(): Promise<void> {
    const now = this.ctx.now();
    const today = toShanghaiDate(now);
    const at = now.toISOString();
    const job = (kind: string, key: string, runAt: string, payload: object) =>
      jobs.queueJob(this.ctx.db, { kind, key, runAt, payload }, at);
    // 00:10 in Shanghai is 16:10 UTC the day before.
    await job('supervision.sweep', `supervision:sweep:${today}`, new Date(Date.parse(`${today}T00:10:00+08:00`)).toISOString(), { date: today });
    if (today.endsWith('-01')) await job('supervision.monthly_circular', `supervision:circular:${today.slice(0, 7)}`, new Date(Date.parse(`${today}T08:00:00+08:00`)).toISOString(), {});
  }

  private async runOne(): Promise<'none' | 'done' | 'failed'> {
    // Handlers run inside the job's transaction; on SQLite the calendar must already be cached by then.
    await this.ctx.calendar();
    const now = this.ctx.now().toISOString();
    let claimedId: string | null = null;
    let attempts = 0;
    try {
      const result = await this.ctx.db.transaction().execute(async (tx) => {
        const [job] = await jobs.claimDueJobs(tx, now, this.workerId, 1);
        if (!job) return 'none' as const;
        claimedId = job.id;
        attempts = Number(job.attempts);
        const handler = Object.hasOwn(HANDLERS, job.kind) ? HANDLERS[job.kind] : undefined;
        if (handler) await handler(this.ctx, tx, job.kind, JSON.parse(job.payload));
        await jobs.finishJob(tx, job.id, handler ? 'done' : 'failed', handler ? undefined : `unknown job kind ${job.kind}`);
        return 'done' as const;
      });
      return result;
    } catch (e) {
      if (!claimedId) throw e;
      // The job's transaction rolled back; record the failure and retry later.
      const retryAt = new Date(this.ctx.now().getTime() + RETRY_MINUTES * 60000).toISOString();
      await jobs.finishJob(this.ctx.db, claimedId, attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending', String((e as Error).message ?? e).slice(0, 500), retryAt);
      return 'failed';
    }
  }

  /** Deletes sessions idle longer than the idle timeout; returns how many. */
  async purgeIdleSessions(): Promise<number> {
    const idleMs = (await effectiveSettings(this.ctx)).sessionIdleMinutes * 60_000;
    return sessions.deleteIdleSessions(this.ctx.db, new Date(this.ctx.now().getTime() - idleMs).toISOString());
  }

  start(intervalMs = 30_000): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      const purge = Date.now() - this.lastPurge > SESSION_PURGE_INTERVAL_MS;
      if (purge) this.lastPurge = Date.now();
      if (Date.now() - this.lastStatistics > STATISTICS_INTERVAL_MS) {
        this.lastStatistics = Date.now();
        try {
          refreshPlannerStatistics(this.ctx.handle);
        } catch {
          // Statistics only steer the planner; a busy database can have them next time.
        }
      }
      this.running = (purge ? this.purgeIdleSessions().catch(() => 0) : Promise.resolve(0))
        .then(() => this.ensureRecurringJobs().catch(() => undefined))
        .then(() => this.tick())
        .catch(() => 0)
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    setTimeout(run, 1000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type { ScheduledJobTable } from '../schema.ts';
import { isPostgres } from './helpers.ts';

/** Schedules a job once per unique key; scheduling the same key again is a no-op. */
export async function scheduleJob(db: Executor, job: ScheduledJobTable): Promise<void> {
  await db.insertInto('scheduled_jobs').values(job).onConflict((oc) => oc.column('unique_key').doNothing()).execute();
}

export interface NewJob {
  kind: string;
  /** Once per key: a job whose key is already taken (pending, done or cancelled) is not queued again. */
  key: string;
  runAt: string;
  payload: object;
}

/** Queues a job to run at `runAt`, or at once when that has passed (`now`, an ISO instant). */
export async function queueJob(db: Executor, job: NewJob, now: string): Promise<void> {
  await scheduleJob(db, {
    id: randomUUID(), kind: job.kind, unique_key: job.key, run_at: job.runAt < now ? now : job.runAt, payload: JSON.stringify(job.payload),
    status: 'pending', claimed_by: null, claimed_at: null, attempts: 0, last_error: null, created_at: now,
  });
}

/** Cancels pending jobs whose key starts with the prefix (e.g. when a record is concluded). */
export async function cancelPendingJobs(db: Executor, keyPrefix: string): Promise<void> {
  await db.updateTable('scheduled_jobs').set({ status: 'cancelled' }).where('status', '=', 'pending').where('unique_key', 'like', `${keyPrefix}%`).execute();
}

/**
 * Claims up to `limit` due jobs for `workerId`. On PostgreSQL FOR UPDATE SKIP LOCKED lets several
 * processes claim side by side without taking the same job; SQLite has one writer at a time,
 * so the conditional UPDATE is already exclusive.
 */
export async function claimDueJobs(db: Executor, now: string, workerId: string, limit: number) {
  const pick = db
    .selectFrom('scheduled_jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .limit(limit);
  const claim = { status: 'running', claimed_by: workerId, claimed_at: now, attempts: sql<number>`attempts + 1` };
  if (isPostgres(db)) {
    // A materialized CTE picks the rows once. As a plain subquery PostgreSQL may re-run the LIMIT … SKIP LOCKED
    // pick for every row it updates, claiming every due job while the caller runs only the first.
    return db
      .with((cte) => cte('picked').materialized(), () => pick.forUpdate().skipLocked())
      .updateTable('scheduled_jobs')
      .set(claim)
      .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
  }
  return db.updateTable('scheduled_jobs').set(claim).where('id', 'in', pick).where('status', '=', 'pending').returningAll().execute();
}

export async function finishJob(db: Executor, id: string, status: 'done' | 'failed' | 'pending', error?: string, runAt?: string): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ status, last_error: error ?? null, ...(runAt ? { run_at: runAt } : {}) })
    .where('id', '=', id)
    .execute();
}


import type { Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { DEADLINE_JOB, runDeadlineReminder } from './collections.service.ts';

/**
 * Scheduled-job handlers of the collections module, by job kind (wired into jobs/scheduler.ts). At a collection's
 * deadline the units that have not submitted are reminded (催报); the job is scheduled when the collection is sent
 * and again when its deadline changes or it is reopened (collections.service.ts, scheduleDeadlineJob).
 */
export const collectionJobHandlers: Record<string, (ctx: AppContext, tx: Executor, kind: string, payload: any) => Promise<void>> = {
  [DEADLINE_JOB]: runDeadlineReminder,
};

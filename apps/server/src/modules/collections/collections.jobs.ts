import type { Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';

/** Scheduled-job handlers of the collections module, by job kind (wired into jobs/scheduler.ts). */
export const collectionJobHandlers: Record<string, (ctx: AppContext, tx: Executor, kind: string, payload: any) => Promise<void>> = {};

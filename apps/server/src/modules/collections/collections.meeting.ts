/**
 * What the meetings module reads of collections: the collections attached to a meeting, and an attached
 * collection's summary as .xlsx (the figures become part of the meeting's materials). The caller has already
 * decided that the reader may read the meeting; these functions check only that the collection belongs to it.
 */
import { AppError } from '@zhongshu/core';
import { collections as repo, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { exportSummary } from './collections.export.ts';

export interface MeetingCollection {
  id: string;
  title: string;
  state: string;
  submitted: number;
  total: number;
}

/** The collections attached to a meeting, oldest first, with how many units have submitted of how many. */
export async function collectionsOfMeeting(db: Executor, meetingId: string): Promise<MeetingCollection[]> {
  return repo.collectionsOfMeeting(db, meetingId);
}

/** The summary (one row per unit) of a collection attached to the meeting, as .xlsx. Audited. */
export async function meetingCollectionSummaryXlsx(ctx: AppContext, actor: Actor, meetingId: string, collectionId: string): Promise<{ buffer: Buffer; filename: string }> {
  requireBusinessUser(actor);
  const c = await repo.getCollection(ctx.db, collectionId);
  // A draft has no figures to show yet, and is the office's own until sent.
  if (!c || c.meeting_id !== meetingId || (c.state === 'draft' && !actor.roles.includes('office'))) throw new AppError('NOT_FOUND');
  return exportSummary(ctx, actor, c, 'unit', { meetingId });
}

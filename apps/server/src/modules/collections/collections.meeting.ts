/**
 * What the meetings module reads of collections: the collections attached to a meeting, and an attached
 * collection's summary as .xlsx (the figures become part of the meeting's materials). The caller has already
 * decided that the reader may read the meeting; these functions check only that the collection belongs to it.
 */
import { AppError } from '@zhongshu/core';
import type { Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';

export interface MeetingCollection {
  id: string;
  title: string;
  state: string;
  submitted: number;
  total: number;
}

// Stub: the collections module fills these in.
export async function collectionsOfMeeting(_db: Executor, _meetingId: string): Promise<MeetingCollection[]> {
  return [];
}

export async function meetingCollectionSummaryXlsx(_ctx: AppContext, _actor: Actor, _meetingId: string, _collectionId: string): Promise<{ buffer: Buffer; filename: string }> {
  throw new AppError('NOT_FOUND');
}

import { randomUUID } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { inbox, type Executor, type InboxItemRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import type { InboxQuery } from './inbox.schemas.ts';

/** Within this many working days a deadline counts as "due soon" (即将到期). */
export const DUE_SOON_WORKDAYS = 3;

export async function listInbox(ctx: AppContext, actor: Actor, q: InboxQuery) {
  requireBusinessUser(actor);
  const { items, total } = await inbox.listInbox(ctx.db, actor.id, { box: q.box, module: q.module, urgency: q.urgency }, q);
  const flag = await deadlineFlagger(ctx);
  return { items: items.map((r) => toInboxItem(r, flag)), total };
}

export async function inboxCounts(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  return inbox.countInbox(ctx.db, actor.id, ctx.now().toISOString());
}

export async function markRead(ctx: AppContext, actor: Actor, id: string) {
  requireBusinessUser(actor);
  if (!(await inbox.markInboxRead(ctx.db, actor.id, id))) throw new AppError('NOT_FOUND');
}

/** Overdue / due-soon flags for deadlines, computed on the working-day calendar. */
export async function deadlineFlagger(ctx: AppContext) {
  const cal = await ctx.calendar();
  const now = ctx.now();
  const today = toShanghaiDate(now);
  return (dueAt: string | null, dueDate?: string) => {
    if (!dueAt) return { overdue: false, dueSoon: false, daysRemaining: null as number | null };
    const date = dueDate ?? toShanghaiDate(new Date(dueAt));
    const overdue = dueAt < now.toISOString();
    const daysRemaining = cal.workdaysBetween(today, date);
    return { overdue, dueSoon: !overdue && daysRemaining <= DUE_SOON_WORKDAYS, daysRemaining };
  };
}

function toInboxItem(r: InboxItemRow, flag: Awaited<ReturnType<typeof deadlineFlagger>>) {
  const f = r.state === 'open' ? flag(r.due_at) : { overdue: false, dueSoon: false };
  return {
    id: r.id,
    module: r.module,
    entityId: r.entity_id,
    task: r.task,
    title: r.title,
    urgency: r.urgency,
    dueAt: r.due_at,
    overdue: f.overdue,
    dueSoon: f.dueSoon,
    read: r.is_read === 1,
    state: r.state,
    createdAt: r.created_at,
    doneAt: r.done_at,
  };
}

export interface TodoSpec {
  module: string;
  entityId: string;
  task: string;
  title: string;
  urgency: string;
  dueAt: string | null;
}

/** Opens one to-do per user (deduplicated) for the next step of a record. */
export async function openTodos(tx: Executor, ctx: AppContext, spec: TodoSpec, userIds: Iterable<string>): Promise<void> {
  const at = ctx.now().toISOString();
  await inbox.insertInboxItems(
    tx,
    [...new Set(userIds)].map((userId) => ({
      id: randomUUID(),
      user_id: userId,
      box: 'todo',
      module: spec.module,
      entity_id: spec.entityId,
      task: spec.task,
      title: spec.title,
      urgency: spec.urgency,
      due_at: spec.dueAt,
      state: 'open',
      is_read: 0,
      created_at: at,
      done_at: null,
    })),
  );
}

export async function closeTodos(tx: Executor, ctx: AppContext, module: string, entityId: string): Promise<void> {
  await inbox.closeOpenTodos(tx, module, entityId, ctx.now().toISOString());
}

/** The initiator's "我发起的" entry for a new record. */
export async function addInitiated(tx: Executor, ctx: AppContext, spec: TodoSpec, userId: string): Promise<void> {
  await inbox.insertInboxItems(tx, [
    {
      id: randomUUID(),
      user_id: userId,
      box: 'mine',
      module: spec.module,
      entity_id: spec.entityId,
      task: spec.task,
      title: spec.title,
      urgency: spec.urgency,
      due_at: spec.dueAt,
      state: 'open',
      is_read: 1,
      created_at: ctx.now().toISOString(),
      done_at: null,
    },
  ]);
}

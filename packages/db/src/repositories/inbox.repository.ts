import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../database.ts';
import type { Database } from '../schema.ts';
import type { InboxItemTable } from '../schema.ts';
import { inChunks, offsetOf, type Page } from './helpers.ts';

export async function insertInboxItems(db: Executor, items: InboxItemTable[]): Promise<void> {
  await inChunks(items, (chunk) => db.insertInto('inbox_items').values(chunk).execute());
}

/** An update of a record's open to-dos, optionally of one task only. */
function updateOpenTodos(db: Executor, module: string, entityId: string, task?: string) {
  let q = db.updateTable('inbox_items').where('module', '=', module).where('entity_id', '=', entityId).where('box', '=', 'todo').where('state', '=', 'open');
  if (task !== undefined) q = q.where('task', '=', task);
  return q;
}

/** Marks every open to-do of a record done (the step they asked for has been taken; nothing is left unread). */
export async function closeOpenTodos(db: Executor, module: string, entityId: string, at: string): Promise<void> {
  await updateOpenTodos(db, module, entityId).set({ state: 'done', done_at: at, is_read: 1 }).execute();
}

/** Of some users, those who hold an open to-do of this task for the record. */
export async function usersWithOpenTodo(db: Executor, module: string, entityId: string, task: string, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('inbox_items')
    .select('user_id')
    .where('module', '=', module)
    .where('entity_id', '=', entityId)
    .where('box', '=', 'todo')
    .where('state', '=', 'open')
    .where('task', '=', task)
    .where('user_id', 'in', userIds)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/** Brings some users' open to-do of this task back to the top of their lists as new and unread (a reminder once more). */
export async function refreshOpenTodos(db: Executor, module: string, entityId: string, task: string, userIds: readonly string[], at: string, dueAt: string | null): Promise<void> {
  if (!userIds.length) return;
  await updateOpenTodos(db, module, entityId, task).set({ created_at: at, is_read: 0, due_at: dueAt }).where('user_id', 'in', userIds).execute();
}

/** A moved deadline: the record's open to-dos (of one task, or all) fall due at the new one. */
export async function setOpenTodosDue(db: Executor, module: string, entityId: string, dueAt: string | null, task?: string): Promise<void> {
  await updateOpenTodos(db, module, entityId, task).set({ due_at: dueAt }).execute();
}

/** A renamed record: its to-dos and "我发起的" rows, open and done, carry the new title. */
export async function renameInboxItems(db: Executor, module: string, entityId: string, title: string): Promise<void> {
  await db.updateTable('inbox_items').set({ title }).where('module', '=', module).where('entity_id', '=', entityId).execute();
}

/** Keeps the initiator's "我发起的" row in step with the record. */
export async function updateInitiatedItem(db: Executor, module: string, entityId: string, patch: Partial<Pick<InboxItemTable, 'task' | 'title' | 'due_at' | 'state' | 'done_at' | 'urgency'>>): Promise<void> {
  await db.updateTable('inbox_items').set(patch).where('module', '=', module).where('entity_id', '=', entityId).where('box', '=', 'mine').execute();
}

export interface InboxFilter {
  box: 'todo' | 'done' | 'mine';
  module?: string;
  urgency?: string;
}

function boxQuery(db: Executor, userId: string, f: InboxFilter) {
  let q = db.selectFrom('inbox_items').where('user_id', '=', userId);
  if (f.box === 'mine') q = q.where('box', '=', 'mine');
  else q = q.where('box', '=', 'todo').where('state', '=', f.box === 'todo' ? 'open' : 'done');
  if (f.module) q = q.where('module', '=', f.module);
  if (f.urgency) q = q.where('urgency', '=', f.urgency);
  return q;
}

export async function listInbox(db: Executor, userId: string, f: InboxFilter, page: Page) {
  const q = boxQuery(db, userId, f);
  // Open to-dos: earliest due first, which puts overdue ones on top; undated last.
  let ordered = q.selectAll();
  ordered =
    f.box === 'todo'
      ? ordered.orderBy('due_at', (ob) => ob.asc().nullsLast()).orderBy('created_at', 'desc')
      : f.box === 'done'
        ? ordered.orderBy('done_at', 'desc')
        : ordered.orderBy('created_at', 'desc');
  const [items, total] = await Promise.all([
    ordered.limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * Header counts. Three narrow queries, each answered from an index, instead of one pass over all of a
 * user's rows: a leader who has initiated thousands of records would otherwise wait for every one of them.
 */
export async function countInbox(db: Executor, userId: string, now: string) {
  const count = (eb: ExpressionBuilder<Database, 'inbox_items'>) => eb.fn.countAll<number>().as('n');
  const [open, done, mine] = await Promise.all([
    db
      .selectFrom('inbox_items')
      .select((eb) => [
        count(eb),
        eb.fn.sum<number>(eb.case().when('is_read', '=', 0).then(1).else(0).end()).as('unread'),
        eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
      ])
      .where('user_id', '=', userId)
      .where('box', '=', 'todo')
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow(),
    db.selectFrom('inbox_items').select(count).where('user_id', '=', userId).where('box', '=', 'todo').where('state', '=', 'done').executeTakeFirstOrThrow(),
    db.selectFrom('inbox_items').select(count).where('user_id', '=', userId).where('box', '=', 'mine').executeTakeFirstOrThrow(),
  ]);
  return {
    todo: Number(open.n),
    done: Number(done.n),
    mine: Number(mine.n),
    unread: Number(open.unread ?? 0),
    overdue: Number(open.overdue ?? 0),
  };
}

export async function markInboxRead(db: Executor, userId: string, id: string): Promise<boolean> {
  const r = await db.updateTable('inbox_items').set({ is_read: 1 }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}


/** Closes the open to-dos of some users only: one party of a parallel step (会签, 批示, 传阅) has acted. */
export async function closeOpenTodosOfUsers(db: Executor, module: string, entityId: string, userIds: string[], at: string): Promise<void> {
  if (!userIds.length) return;
  await updateOpenTodos(db, module, entityId).set({ state: 'done', done_at: at, is_read: 1 }).where('user_id', 'in', userIds).execute();
}

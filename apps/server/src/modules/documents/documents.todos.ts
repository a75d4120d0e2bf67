import { outgoingWorkflow, incomingWorkflow } from '@zhongshu/core/workflow/index.ts';
import { shanghaiEndOfDay } from '@zhongshu/core/calendar/index.ts';
import { inbox, type DocumentParticipantRow, type DocumentRow, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { openTodos } from '../inbox/inbox.service.ts';
import { clerksOfUnit } from './documents.access.ts';

export const MODULE = 'document';

const statesOf = (direction: string) => (direction === 'outgoing' ? outgoingWorkflow.states : incomingWorkflow.states) as Record<string, { label: string; final?: boolean }>;

export function stateLabelOf(direction: string, state: string): string {
  const states = statesOf(direction);
  return Object.hasOwn(states, state) ? states[state]!.label : state;
}

export function isFinalState(direction: string, state: string): boolean {
  return statesOf(direction)[state]?.final === true;
}

export function dueAtOf(doc: Pick<DocumentRow, 'deadline'>): string | null {
  return doc.deadline ? shanghaiEndOfDay(doc.deadline).toISOString() : null;
}

/** Users a party row stands for: the named user, or a unit's clerks. */
async function usersOfParty(tx: Executor, p: Pick<DocumentParticipantRow, 'user_id' | 'unit_id'>, level: string): Promise<string[]> {
  if (p.user_id) return [p.user_id];
  return p.unit_id ? clerksOfUnit(tx, p.unit_id, level) : [];
}

/** The to-dos the document's current state asks for, one per user who must act. */
export async function openTodosForState(tx: Executor, ctx: AppContext, doc: DocumentRow, parts: readonly DocumentParticipantRow[], opts: { returned?: boolean } = {}): Promise<void> {
  const spec = (task: string) => ({ module: MODULE, entityId: doc.id, task, title: doc.title, urgency: doc.urgency, dueAt: dueAtOf(doc) });
  const pending = (kind: string) => parts.filter((p) => p.kind === kind && p.status === 'pending');
  const partyUsers = async (kind: string) => (await Promise.all(pending(kind).map((p) => usersOfParty(tx, p, doc.classification)))).flat();
  switch (doc.state) {
    case 'drafting':
      if (opts.returned) await openTodos(tx, ctx, spec('修改文稿'), [doc.created_by]);
      return;
    case 'reviewing':
      if (doc.reviewer_id) await openTodos(tx, ctx, spec('核稿'), [doc.reviewer_id]);
      return;
    case 'countersigning':
      await openTodos(tx, ctx, spec('会签'), await partyUsers('countersign'));
      return;
    case 'signing':
      await openTodos(tx, ctx, spec('签发'), await partyUsers('signer'));
      return;
    case 'numbering':
    case 'sealing':
    case 'distributing':
      await openTodos(tx, ctx, spec(stateLabelOf('outgoing', doc.state)), await clerksOfUnit(tx, doc.unit_id, doc.classification));
      return;
    case 'pending_receipt':
      await openTodos(tx, ctx, spec('签收'), await clerksOfUnit(tx, doc.unit_id, doc.classification));
      return;
    case 'registered':
      await openTodos(tx, ctx, spec('初审'), await clerksOfUnit(tx, doc.unit_id, doc.classification));
      return;
    case 'proposing':
      await openTodos(tx, ctx, spec('拟办'), await clerksOfUnit(tx, doc.unit_id, doc.classification));
      return;
    case 'instructing':
      await openTodos(tx, ctx, spec('批示'), await partyUsers('instructor'));
      await openReaderTodos(tx, ctx, doc, parts);
      return;
    case 'handling':
      await openTodos(tx, ctx, spec('承办'), await clerksOfUnit(tx, doc.lead_unit_id ?? doc.unit_id, doc.classification));
      await openTodos(tx, ctx, spec('协办'), await partyUsers('coop_unit'));
      await openReaderTodos(tx, ctx, doc, parts);
      return;
    case 'concluded':
      await openReaderTodos(tx, ctx, doc, parts);
      return;
  }
}

async function openReaderTodos(tx: Executor, ctx: AppContext, doc: DocumentRow, parts: readonly DocumentParticipantRow[]) {
  const readers = parts.filter((p) => p.kind === 'reader' && p.status === 'pending' && p.user_id).map((p) => p.user_id as string);
  await openTodos(tx, ctx, { module: MODULE, entityId: doc.id, task: '传阅', title: doc.title, urgency: doc.urgency, dueAt: null }, readers);
}

export async function closeTodosOf(tx: Executor, ctx: AppContext, documentId: string, userIds?: string[]): Promise<void> {
  const at = ctx.now().toISOString();
  if (userIds) await inbox.closeOpenTodosOfUsers(tx, MODULE, documentId, userIds, at);
  else await inbox.closeOpenTodos(tx, MODULE, documentId, at);
}

/** Keeps the drafter's "我发起的" row in step with the document. */
export async function updateInitiated(tx: Executor, ctx: AppContext, doc: DocumentRow): Promise<void> {
  const final = isFinalState(doc.direction, doc.state) || doc.state === 'issued' || doc.state === 'concluded';
  await inbox.updateInitiatedItem(tx, MODULE, doc.id, {
    task: stateLabelOf(doc.direction, doc.state),
    title: doc.title,
    state: final ? 'done' : 'open',
    done_at: final ? ctx.now().toISOString() : null,
  });
}

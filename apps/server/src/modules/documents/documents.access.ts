import { AppError, clearedLevels, isCleared } from '@zhongshu/core';
import { units, users, type DocumentParticipantRow, type DocumentRow, type Executor } from '@zhongshu/db';
import type { DocumentScope } from '@zhongshu/db/repositories/documents.repository.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';

/**
 * Who may read and act on a document. A user reads a document when they are involved in it — its
 * drafter, reviewer, 催办人, a party to one of its steps, or a document clerk of a unit that owns,
 * leads or helps handle it — and only within their 密级 clearance. Relations decide the actions.
 */

export const isClerk = (actor: Actor) => actor.roles.includes('office') || actor.roles.includes('unit');

/** Units whose documents the actor keeps as a clerk: their own, and the 党委 their 办公室 serves. */
export async function clerkUnitsOf(db: Executor, actor: Actor): Promise<string[]> {
  if (!isClerk(actor) || !actor.unitId) return [];
  const unit = await units.getUnit(db, actor.unitId);
  if (!unit) return [];
  return unit.kind === 'office' && unit.parent_id ? [unit.id, unit.parent_id] : [unit.id];
}

/**
 * Document clerks of some units, including the 办公室 clerks who keep a 党委's documents; unit id → user ids.
 * Only clerks cleared for `level` are returned: a to-do names its document's title, which is itself content.
 */
export async function clerksOfUnits(db: Executor, unitIds: string[], level = 'none'): Promise<Map<string, string[]>> {
  const offices = await units.officeChildrenOf(db, unitIds);
  const officeOf = new Map(offices.map((o) => [o.id, o.parent_id as string]));
  const rows = await users.activeClerksOfUnits(db, [...unitIds, ...offices.map((o) => o.id)]);
  const out = new Map<string, string[]>(unitIds.map((u) => [u, []]));
  for (const r of rows) {
    if (!r.unit_id || !isCleared(r.clearance, level)) continue;
    if (out.has(r.unit_id)) out.get(r.unit_id)!.push(r.id);
    const parent = officeOf.get(r.unit_id);
    if (parent && out.has(parent)) out.get(parent)!.push(r.id);
  }
  return out;
}

export async function clerksOfUnit(db: Executor, unitId: string, level = 'none'): Promise<string[]> {
  return [...new Set((await clerksOfUnits(db, [unitId], level)).get(unitId) ?? [])];
}

export function currentRound(parts: readonly DocumentParticipantRow[], kind: string): number {
  return parts.filter((p) => p.kind === kind).reduce((m, p) => Math.max(m, Number(p.round)), 0);
}

/** The relationships that decide what the actor may do with the document (empty: not involved). */
export function relationsOf(actor: Actor, doc: DocumentRow, parts: readonly DocumentParticipantRow[], clerkUnits: readonly string[]): Set<string> {
  const rel = new Set<string>();
  if (actor.adminRole) return rel;
  const clerkOf = (unitId: string | null) => unitId !== null && clerkUnits.includes(unitId);
  const mine = (p: DocumentParticipantRow) => p.user_id === actor.id || (p.user_id === null && clerkOf(p.unit_id));
  // An incoming copy is created by the sender's clerk, who must not read how the recipient handles it.
  if (doc.direction === 'outgoing' && doc.created_by === actor.id) rel.add('drafter');
  if (doc.reviewer_id === actor.id) rel.add('involved');
  if (doc.chaser_id === actor.id) rel.add('chaser');
  if (parts.some(mine)) rel.add('involved');
  if (doc.direction === 'outgoing') {
    if (clerkOf(doc.unit_id)) rel.add('issuer_clerk');
    // Co-issuers of a joint document keep copies; the lead organ keeps (and archives) the original.
    if (doc.co_issuer_unit_ids && (JSON.parse(doc.co_issuer_unit_ids) as string[]).some(clerkOf)) rel.add('involved');
    if (doc.state === 'reviewing' && doc.reviewer_id === actor.id) rel.add('reviewer');
    const pendingOf = (kind: string) => parts.some((p) => p.kind === kind && p.status === 'pending' && mine(p));
    if (doc.state === 'countersigning' && pendingOf('countersign')) rel.add('countersigner');
    if (doc.state === 'signing' && pendingOf('signer')) rel.add('signer');
  } else {
    if (clerkOf(doc.unit_id)) rel.add('recipient_clerk');
    if (doc.lead_unit_id ? clerkOf(doc.lead_unit_id) : clerkOf(doc.unit_id)) {
      if (doc.lead_unit_id) rel.add('involved');
      if (doc.state === 'handling') rel.add('handler');
    }
    if (parts.some((p) => p.kind === 'instructor' && p.status === 'pending' && p.user_id === actor.id)) rel.add('instructor');
    if (parts.some((p) => p.kind === 'reader' && p.status === 'pending' && p.user_id === actor.id)) rel.add('reader');
    if (parts.some((p) => p.kind === 'coop_unit' && p.status === 'pending' && clerkOf(p.unit_id))) rel.add('coop_unit');
  }
  return rel;
}

/** Refuses a reader who is not involved (as "not found": a record's existence is itself content) or not cleared. */
export function assertCanRead(actor: Actor, doc: DocumentRow, rel: ReadonlySet<string>): void {
  requireBusinessUser(actor);
  if (rel.size === 0) throw new AppError('NOT_FOUND');
  if (!isCleared(actor.clearance, doc.classification)) throw new AppError('CLEARANCE_INSUFFICIENT');
}

export async function scopeOf(db: Executor, actor: Actor): Promise<DocumentScope> {
  return { userId: actor.id, clerkUnitIds: await clerkUnitsOf(db, actor), unitId: actor.unitId, isClerk: isClerk(actor), clearedLevels: clearedLevels(actor.clearance) };
}

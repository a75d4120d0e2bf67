import { audit as auditRepo, type Executor } from '@zhongshu/db';
import { computeRowHash, type AuditPayload } from '@zhongshu/core/audit/index.ts';
import type { AuditLogRow } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import type { Actor } from './actor.ts';

export interface AuditEvent {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  /** Before/after or other facts; never passwords or tokens. */
  detail?: Record<string, unknown> | string | null;
}

type Who = Pick<Actor, 'id' | 'displayName' | 'ip'> | { id: null; displayName: string | null; ip: string | null };

/** Appends to the SM3 hash chain inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Executor, ctx: AppContext, who: Who, ev: AuditEvent): Promise<void> {
  const detail = ev.detail == null ? null : typeof ev.detail === 'string' ? ev.detail : JSON.stringify(ev.detail);
  await auditRepo.appendAuditRow(
    tx,
    {
      at: ctx.now().toISOString(),
      actor_id: who.id,
      actor_name: who.displayName,
      ip: who.ip,
      action: ev.action,
      entity_type: ev.entityType ?? null,
      entity_id: ev.entityId ?? null,
      detail,
    },
    (prevHash, row) => computeRowHash(ctx.sm3, prevHash, toAuditPayload(row)),
  );
}

/** A stored row as the hash chain sees it (the fields that are hashed, in the chain's names). */
export function toAuditPayload(row: Omit<AuditLogRow, 'prev_hash' | 'hash'>): AuditPayload {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    detail: row.detail,
  };
}

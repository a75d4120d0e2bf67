import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type { AuditLogRow } from '../schema.ts';
import { offsetOf, type Page } from './helpers.ts';

export type AuditInput = Omit<AuditLogRow, 'seq' | 'prev_hash' | 'hash'>;

/**
 * Appends one row to the chain. Updating audit_head first takes its row lock (PostgreSQL) or the
 * write lock (SQLite), so concurrent appenders queue up and the chain never forks.
 * `hashRow` computes the row hash from the previous hash and the row with its sequence number.
 */
export async function appendAuditRow(
  db: Executor,
  input: AuditInput,
  hashRow: (prevHash: string, row: AuditInput & { seq: number }) => string,
): Promise<number> {
  const head = await db
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const row = { ...input, seq };
  const hash = hashRow(head.last_hash, row);
  await db.insertInto('audit_log').values({ ...row, prev_hash: head.last_hash, hash }).execute();
  await db.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
  return seq;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
}

function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actor) q = q.where((eb) => eb.or([eb('actor_name', '=', f.actor!), eb('actor_id', '=', f.actor!)]));
  if (f.action) q = q.where('action', '=', f.action);
  return q;
}

export async function listAudit(db: Executor, f: AuditFilter, page: Page) {
  const q = filtered(db, f);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function listAuditForExport(db: Executor, f: AuditFilter, limit: number) {
  return filtered(db, f).selectAll().orderBy('seq', 'asc').limit(limit).execute();
}

/** Reads the chain in order, a batch at a time, so verifying a long log stays in bounded memory. */
export async function* iterateAudit(db: Executor, batch = 2000): AsyncGenerator<AuditLogRow> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

export function getAuditHead(db: Executor) {
  return db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

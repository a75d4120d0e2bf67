import ExcelJS from 'exceljs';
import { GENESIS_HASH, verifyChainAsync, type AuditRow } from '@zhongshu/core/audit/index.ts';
import { audit as repo, type Executor } from '@zhongshu/db';
import type { AuditLogRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireAdmin, type Actor } from '../../lib/actor.ts';
import { recordAudit, toAuditPayload } from '../../lib/audit.ts';
import type { AuditQuery } from './audit.schemas.ts';

const EXPORT_LIMIT = 100_000;

function toItem(r: AuditLogRow) {
  return { id: String(r.seq), seq: Number(r.seq), at: r.at, actorName: r.actor_name, actorId: r.actor_id, ip: r.ip, action: r.action, entityType: r.entity_type, entityId: r.entity_id, detail: r.detail };
}

export async function listAudit(ctx: AppContext, actor: Actor, q: AuditQuery) {
  requireAdmin(actor, 'audit');
  const { items, total } = await repo.listAudit(ctx.db, q, q);
  return { items: items.map(toItem), total };
}

export async function exportAudit(ctx: AppContext, actor: Actor, q: AuditQuery): Promise<Buffer> {
  requireAdmin(actor, 'audit');
  const rows = await repo.listAuditForExport(ctx.db, q, EXPORT_LIMIT);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计日志');
  ws.addRow(['序号', '时间(UTC)', '操作人', '操作人ID', 'IP地址', '操作', '对象类型', '对象ID', '详情', '哈希']).font = { bold: true };
  for (const r of rows) ws.addRow([Number(r.seq), r.at, r.actor_name, r.actor_id, r.ip, r.action, r.entity_type, r.entity_id, r.detail, r.hash]);
  ws.columns.forEach((c, i) => (c.width = [8, 26, 14, 38, 16, 28, 12, 38, 60, 66][i]));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'audit.export', detail: { ...q, rows: rows.length } }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Verifies the SM3 chain row by row, then checks the last row against audit_head: deleting the newest
 * rows leaves a chain that is valid on its own, and only the head shows it.
 */
export async function verifyAuditChain(ctx: AppContext, db: Executor = ctx.db): Promise<{ ok: true; rows: number } | { ok: false; brokenAt: number; rows: number; reason: string }> {
  // The last row read is compared with audit_head once the chain itself has checked out.
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  async function* rows(): AsyncGenerator<AuditRow> {
    for await (const r of repo.iterateAudit(db)) {
      lastSeq = Number(r.seq);
      lastHash = r.hash;
      yield { ...toAuditPayload(r), prevHash: r.prev_hash, hash: r.hash };
    }
  }
  const result = await verifyChainAsync(ctx.sm3, rows());
  if (!result.ok) return { ok: false, brokenAt: result.brokenAtSeq, rows: result.count, reason: result.reason };
  const head = await repo.getAuditHead(db);
  if (Number(head.seq) !== lastSeq || head.last_hash !== lastHash) {
    return { ok: false, brokenAt: lastSeq + 1, rows: result.count, reason: `日志末尾缺失：链头记录到第${Number(head.seq)}条，实际只有到第${lastSeq}条` };
  }
  return { ok: true, rows: result.count };
}

export async function verifyForAuditor(ctx: AppContext, actor: Actor) {
  requireAdmin(actor, 'audit');
  const r = await verifyAuditChain(ctx);
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'audit.verify', detail: r }));
  return r;
}

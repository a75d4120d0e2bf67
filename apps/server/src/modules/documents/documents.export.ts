import ExcelJS from 'exceljs';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { documents as repo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { scopeOf } from './documents.access.ts';
import { CLASSIFICATION_LABELS, URGENCY_LABELS } from './documents.content.ts';
import { filterOf, toSummaries } from './documents.service.ts';
import type { ExportDocumentsQuery } from './documents.schemas.ts';

const MAX_ROWS = 10_000;
const shanghaiTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

type Summary = Awaited<ReturnType<typeof toSummaries>>[number];
const COLUMNS: Record<'outgoing' | 'incoming', { header: string; width: number; value: (d: Summary) => string }[]> = {
  outgoing: [
    { header: '发文字号', width: 20, value: (d) => d.numberText ?? '' },
    { header: '标题', width: 50, value: (d) => d.title },
    { header: '文种', width: 8, value: (d) => d.docType },
    { header: '发文单位', width: 24, value: (d) => d.unitName },
    { header: '密级', width: 8, value: (d) => CLASSIFICATION_LABELS[d.classification] ?? d.classification },
    { header: '紧急程度', width: 10, value: (d) => URGENCY_LABELS[d.urgency] ?? d.urgency },
    { header: '拟稿人', width: 10, value: (d) => d.createdByName },
    { header: '拟稿时间', width: 18, value: (d) => shanghaiTime(d.createdAt) },
    { header: '签发时间', width: 18, value: (d) => shanghaiTime(d.signedAt) },
    { header: '印发时间', width: 18, value: (d) => shanghaiTime(d.issuedAt) },
    { header: '状态', width: 10, value: (d) => d.stateLabel },
  ],
  incoming: [
    { header: '收文编号', width: 16, value: (d) => d.incomingNumber ?? '' },
    { header: '来文单位', width: 24, value: (d) => d.senderName ?? '' },
    { header: '来文字号', width: 20, value: (d) => d.numberText ?? '' },
    { header: '标题', width: 50, value: (d) => d.title },
    { header: '文种', width: 8, value: (d) => d.docType },
    { header: '密级', width: 8, value: (d) => CLASSIFICATION_LABELS[d.classification] ?? d.classification },
    { header: '紧急程度', width: 10, value: (d) => URGENCY_LABELS[d.urgency] ?? d.urgency },
    { header: '收文时间', width: 18, value: (d) => shanghaiTime(d.receivedAt) },
    { header: '办理期限', width: 12, value: (d) => d.deadline ?? '' },
    { header: '当前办理', width: 20, value: (d) => d.holders.join('、') },
    { header: '状态', width: 10, value: (d) => d.stateLabel + (d.overdue ? '（逾期）' : '') },
  ],
};

/** The register as the clerk filtered it, as .xlsx with a title row; the export itself is audited. */
export async function exportRegister(ctx: AppContext, actor: Actor, q: ExportDocumentsQuery) {
  requireBusinessUser(actor);
  const today = toShanghaiDate(ctx.now());
  const scope = await scopeOf(ctx.db, actor);
  const { items, total } = await repo.listDocuments(ctx.db, scope, filterOf(q, today), { page: 1, pageSize: MAX_ROWS });
  const rows = await toSummaries(ctx.db, items, today);
  const title = `${q.year ? `${q.year}年` : ''}${q.direction === 'outgoing' ? '发文登记簿' : '收文登记簿'}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title);
  const cols = COLUMNS[q.direction];
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getRow(2).values = [`导出时间：${shanghaiTime(ctx.now().toISOString())}　共 ${total} 件${total > MAX_ROWS ? `（仅导出前 ${MAX_ROWS} 件，请缩小筛选范围）` : ''}`];
  const header = ws.addRow(cols.map((c) => c.header));
  header.font = { bold: true };
  rows.forEach((d) => ws.addRow(cols.map((c) => c.value(d))));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'document.export', entityType: 'document', detail: { direction: q.direction, rows: rows.length } }));
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: `${title}.xlsx` };
}

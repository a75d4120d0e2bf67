import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { UNIT_STATE_LABELS, type SummaryColumn } from '@zhongshu/core/collections/index.ts';
import type { CollectionRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { computeSummary, loadForSummary, MODULE, type CollectionSummary } from './collections.service.ts';
import type { SummaryMode } from './collections.schemas.ts';

/** "2026年11月25日 18:00" in Shanghai. */
function shanghaiText(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${Number(t.slice(0, 4))}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}

const numFmt = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');
const widthOf = (c: SummaryColumn) => (c.type === 'number' ? 14 : c.type === 'date' ? 12 : c.type === 'text' || c.type === 'multiple' ? 24 : 16);

/**
 * The summary as a worksheet: a title row merged across, a line with the deadline and the completion, the
 * header, one row per unit (or table row) with the unit's name and its state, and a 合计 row (sums of number
 * columns in their number format, counts of filled cells elsewhere). Written with exceljs's streaming writer:
 * a summary by table row of 400 units × 50 rows is 20,000 rows, which the in-memory workbook takes seconds over.
 */
export async function summaryWorkbook(c: Pick<CollectionRow, 'title' | 'deadline'>, s: CollectionSummary): Promise<Buffer> {
  const rowMode = s.mode === 'row';
  const lead = rowMode ? ['序号', '单位', '行号'] : ['序号', '单位'];
  const width = lead.length + s.columns.length + 1;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(rowMode ? '汇总（按表格行）' : '汇总', { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
  ws.columns = [
    { width: 6 },
    { width: 26 },
    ...(rowMode ? [{ width: 6 }] : []),
    ...s.columns.map((col) => ({ width: widthOf(col), ...(col.type === 'number' ? { style: { numFmt: numFmt(col.decimals ?? 2) } } : {}) })),
    { width: 14 },
  ] as Partial<ExcelJS.Column>[] as ExcelJS.Column[];

  ws.mergeCells(1, 1, 1, width);
  const titleRow = ws.getRow(1);
  titleRow.height = 28;
  const title = titleRow.getCell(1);
  title.value = `${c.title}汇总表`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.commit();
  const k = s.completion;
  ws.mergeCells(2, 1, 2, width);
  const line = ws.getRow(2);
  line.getCell(1).value = [
    `截止时间：${c.deadline ? shanghaiText(c.deadline) : '未设定'}`,
    `应报${k.total}个单位，已报送${k.submitted}个${k.late ? `（逾期${k.late}个）` : ''}，草稿${k.draft}个，未填报${k.pending}个，已退回${k.returned}个`,
  ].join('　');
  line.commit();

  const header = ws.getRow(3);
  header.values = [...lead, ...s.columns.map((col) => col.label), '填报状态'];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.commit();

  let seq = 0;
  let lastUnit: string | null = null;
  for (const r of s.rows) {
    // 序号 counts units; in row mode a unit's rows share its number.
    if (r.unitId !== lastUnit) seq++;
    lastUnit = r.unitId;
    const state = `${UNIT_STATE_LABELS[r.state] ?? r.state}${r.late ? '（逾期）' : ''}`;
    ws.addRow([seq, r.unitName, ...(rowMode ? [r.rowNo] : []), ...s.columns.map((col) => r.cells[col.key]), state]).commit();
  }

  const totals = ws.addRow([
    '合计',
    rowMode ? `${k.total}个单位，${s.rows.filter((r) => r.rowNo !== null).length}行` : `${k.total}个单位`,
    ...(rowMode ? [null] : []),
    ...s.columns.map((col) => (col.type === 'number' ? s.totals[col.key]!.sum : `${s.totals[col.key]!.count}项`)),
    `已报送${k.submitted}/${k.total}`,
  ]);
  totals.font = { bold: true };
  totals.commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 100);

/** The .xlsx of a collection's summary, for the office and the committee's leaders. Audited. */
export async function summaryXlsx(ctx: AppContext, actor: Actor, id: string, mode: SummaryMode) {
  const c = await loadForSummary(ctx, actor, id);
  return exportSummary(ctx, actor, c, mode);
}

/** Builds and audits the export of a collection the caller has let the actor read. */
export async function exportSummary(ctx: AppContext, actor: Actor, c: CollectionRow, mode: SummaryMode, via?: { meetingId: string }) {
  const s = await computeSummary(ctx, c, mode);
  const buffer = await summaryWorkbook(c, s);
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, actor, { action: 'collection.export', entityType: MODULE, entityId: c.id, detail: { mode, rows: s.rows.length, ...(via ? { meetingId: via.meetingId } : {}) } }),
  );
  return { buffer, filename: `${safeName(c.title)}汇总表${mode === 'row' ? '（按表格行）' : ''}.xlsx` };
}

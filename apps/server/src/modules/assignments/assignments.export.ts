import ExcelJS from 'exceljs';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { listAssignments, MODULE } from './assignments.service.ts';
import type { ListAssignmentsQuery } from './assignments.schemas.ts';

const MAX_ROWS = 10_000;
const COLOUR_TEXT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** The item list as the user filtered it, as .xlsx with a title row; what the user may list is what they get. */
export async function exportAssignments(ctx: AppContext, actor: Actor, q: Omit<ListAssignmentsQuery, 'page' | 'pageSize'>) {
  const all: Awaited<ReturnType<typeof listAssignments>>['items'] = [];
  for (let page = 1; all.length < MAX_ROWS; page++) {
    const { items } = await listAssignments(ctx, actor, { ...q, page, pageSize: 100 });
    all.push(...items);
    if (items.length < 100) break;
  }
  const title = `督查事项清单（${toShanghaiDate(ctx.now())}导出）`;
  const cols: { header: string; width: number; value: (a: (typeof all)[number]) => string | number }[] = [
    { header: '编号', width: 16, value: (a) => a.serial },
    { header: '事项名称', width: 40, value: (a) => a.title },
    { header: '来源', width: 14, value: (a) => a.sourceLabel },
    { header: '重要程度', width: 8, value: (a) => (a.level === 'key' ? '重点' : '一般') },
    { header: '牵头单位', width: 22, value: (a) => a.assigneeUnitName },
    { header: '配合单位', width: 28, value: (a) => a.cooperatingUnits.map((u) => u.name).join('、') },
    { header: '责任领导', width: 10, value: (a) => a.leaderName },
    { header: '办理期限', width: 12, value: (a) => a.deadline },
    { header: '进度（%）', width: 10, value: (a) => a.progress },
    { header: '应完成（%）', width: 10, value: (a) => a.expectedProgress },
    { header: '预警', width: 8, value: (a) => (a.colour ? COLOUR_TEXT[a.colour]! : '') },
    { header: '预警原因', width: 40, value: (a) => a.colourReasons.join('；') },
    { header: '催办次数', width: 8, value: (a) => a.escalationCount },
    { header: '状态', width: 12, value: (a) => a.stateLabel },
    { header: '评价', width: 6, value: (a) => a.ratingLabel ?? '' },
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督查事项');
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  for (const a of all) ws.addRow(cols.map((c) => c.value(a)));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'assignment.export', entityType: MODULE, entityId: 'list', detail: { filters: q, rows: all.length } }));
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: '督查事项.xlsx' };
}

/**
 * 批量立项: a list of decisions (an .xlsx from the template, or rows pasted from a spreadsheet) becomes
 * one item per row. Every row is checked first; if any row is wrong nothing is created and the row-level
 * errors come back, so the clerk fixes the sheet and imports again.
 */
import ExcelJS from 'exceljs';
import { AppError } from '@zhongshu/core';
import { isValidDate, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { units as unitsRepo, users as usersRepo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { FIELD_LABELS } from '../../lib/validation.ts';
import { SOURCE_KINDS, SOURCE_KIND_LABELS, type CreateAssignmentBody } from '../assignments/assignments.schemas.ts';
import { createAssignment } from '../assignments/assignments.service.ts';
import type { ImportRow } from './supervision.schemas.ts';
import { itemsChanged } from './supervision.items.ts';

const SHEET = '督查事项';
const MAX_ROWS = 500;
const COLUMNS: { key: keyof ImportRow; header: string; width: number; required?: boolean }[] = [
  { key: 'title', header: '事项名称', width: 30, required: true },
  { key: 'content', header: '事项内容', width: 50, required: true },
  { key: 'sourceLabel', header: '来源类别', width: 14, required: true },
  { key: 'sourceRef', header: '来源文件或会议', width: 28 },
  { key: 'level', header: '重要程度', width: 10 },
  { key: 'leadUnit', header: '牵头单位', width: 20, required: true },
  { key: 'cooperatingUnits', header: '配合单位', width: 28 },
  { key: 'leader', header: '责任领导', width: 12, required: true },
  { key: 'person', header: '责任人', width: 12 },
  { key: 'completionStandard', header: '完成标准', width: 30 },
  { key: 'deadline', header: '办理期限', width: 14, required: true },
  { key: 'feedbackCycle', header: '反馈周期', width: 10 },
  { key: 'feedbackDay', header: '反馈日', width: 8 },
];
const CYCLES: Record<string, 'once' | 'weekly' | 'monthly' | 'quarterly'> = { 一次: 'once', 每周: 'weekly', 每月: 'monthly', 每季度: 'quarterly' };
const KIND_BY_LABEL = new Map(SOURCE_KINDS.map((k) => [SOURCE_KIND_LABELS[k], k]));
const EXAMPLE_MARK = '示例';

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

export async function importTemplate(actor: Actor): Promise<Buffer> {
  requireBusinessUser(actor, 'office');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    title: `${EXAMPLE_MARK}：完成老旧小区改造三个`, content: '按照县委常委会部署，年底前完成城南三个老旧小区改造。', sourceLabel: '会议议定事项',
    sourceRef: '县委常委会2026年第12次会议纪要', level: '重点', leadUnit: '县住建局', cooperatingUnits: '县财政局、城关镇', leader: '张三', person: '',
    completionStandard: '三个小区通过竣工验收', deadline: '2026-12-31', feedbackCycle: '每月', feedbackDay: 5,
  });
  const note = wb.addWorksheet('填写说明');
  note.addRow(['带*的列必填；“示例”开头的行不会导入。']);
  note.addRow([`来源类别：${[...KIND_BY_LABEL.keys()].join('、')}`]);
  note.addRow(['重要程度：重点、一般（空白为一般）']);
  note.addRow(['牵头单位、配合单位：填系统中的单位全称或简称，多个配合单位用顿号分隔']);
  note.addRow(['责任领导：系统中领导的姓名；责任人：牵头单位人员姓名，可空']);
  note.addRow(['办理期限：YYYY-MM-DD；反馈周期：一次、每周、每月、每季度（空白为一次）；反馈日：每周填1-7（周一至周日），每月/每季度填1-28']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

/** Rows of the template's sheet, numbered as Excel shows them. */
export async function rowsFromXlsx(data: Buffer): Promise<{ n: number; row: ImportRow }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', '文件：不是有效的.xlsx文件，请使用下载的模板填写', 'file');
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', `文件：找不到“${SHEET}”工作表，请使用下载的模板`, 'file');
  const out: { n: number; row: ImportRow }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = COLUMNS.map((_, i) => cellText(r.getCell(i + 1).value));
    if (cells.every((c) => c === '')) return;
    out.push({ n, row: Object.fromEntries(COLUMNS.map((c, i) => [c.key, cells[i]])) as ImportRow });
  });
  return out;
}

/**
 * Checks every row and creates all items in one transaction, or none. `rows` are numbered as the user
 * sees them (Excel row numbers, or 1.. for pasted rows).
 */
export async function importItems(ctx: AppContext, actor: Actor, rows: { n: number; row: ImportRow }[], dispatch: boolean): Promise<{ created: number; ids: string[]; errors: ImportError[] }> {
  requireBusinessUser(actor, 'office');
  const data = rows.filter((r) => !r.row.title.startsWith(EXAMPLE_MARK));
  if (!data.length) throw new AppError('VALIDATION_FAILED', '导入数据：没有可导入的行（“示例”开头的行不会导入）', 'rows');
  if (data.length > MAX_ROWS) throw new AppError('VALIDATION_FAILED', `导入数据：一次最多导入${MAX_ROWS}项，请分批导入`, 'rows');
  const errors: ImportError[] = [];
  const { units, users, roles } = await usersRepo.directory(ctx.db);
  const allUnits = await unitsRepo.listUnits(ctx.db);
  const unitByName = new Map<string, string[]>();
  for (const u of allUnits) for (const name of [u.name, u.short_name]) if (name) unitByName.set(name, [...new Set([...(unitByName.get(name) ?? []), u.id])]);
  void units;
  void roles;
  const today = toShanghaiDate(ctx.now());
  const bodies: { n: number; body: CreateAssignmentBody }[] = [];
  for (const { n, row } of data) {
    const err = (field: string, message: string) => errors.push({ row: n, field, message });
    const before = errors.length;
    for (const c of COLUMNS) if (c.required && !String(row[c.key] ?? '').trim()) err(c.header, '不能为空');
    if (errors.length > before) continue;
    if (row.title.length > 200) err('事项名称', '不能超过200个字符');
    const kind = KIND_BY_LABEL.get(row.sourceLabel);
    if (!kind) err('来源类别', `“${row.sourceLabel}”无效，可填：${[...KIND_BY_LABEL.keys()].join('、')}`);
    const level = !row.level ? 'general' : row.level === '重点' ? 'key' : row.level === '一般' ? 'general' : null;
    if (!level) err('重要程度', `“${row.level}”无效，可填：重点、一般`);
    const unitOf = (name: string, field: string) => {
      const ids = unitByName.get(name) ?? [];
      if (ids.length === 0) err(field, `“${name}”不是系统中的单位`);
      else if (ids.length > 1) err(field, `“${name}”对应多个单位，请填全称`);
      return ids.length === 1 ? ids[0] : undefined;
    };
    const leadId = unitOf(row.leadUnit, '牵头单位');
    const coopIds = (row.cooperatingUnits ?? '').split(/[、,，;；\s]+/).filter(Boolean).map((name) => unitOf(name, '配合单位')).filter((x): x is string => !!x);
    const leaders = users.filter((u) => u.display_name === row.leader && u.is_leader === 1);
    if (leaders.length === 0) err('责任领导', `“${row.leader}”不是系统中的领导`);
    else if (leaders.length > 1) err('责任领导', `有多名领导叫“${row.leader}”，请在系统中逐项立项`);
    let personId: string | undefined;
    if (row.person && leadId) {
      const people = users.filter((u) => u.display_name === row.person && u.unit_id === leadId);
      if (people.length !== 1) err('责任人', `“${row.person}”不是牵头单位的在职人员`);
      else personId = people[0]!.id;
    }
    if (!isValidDate(row.deadline)) err('办理期限', `“${row.deadline}”不是有效日期，格式为YYYY-MM-DD`);
    else if (row.deadline < today) err('办理期限', '不能早于今天');
    const cycle = row.feedbackCycle ? CYCLES[row.feedbackCycle] : 'once';
    if (!cycle) err('反馈周期', `“${row.feedbackCycle}”无效，可填：${Object.keys(CYCLES).join('、')}`);
    const dayText = String(row.feedbackDay ?? '').trim();
    const day = dayText === '' ? null : Number(dayText);
    if (day !== null && !Number.isInteger(day)) err('反馈日', '须为整数');
    if (errors.length > before) continue;
    bodies.push({
      n,
      body: {
        title: row.title, instruction: row.content, sourceKind: kind, sourceRef: row.sourceRef || undefined, level: level!, assigneeUnitId: leadId!, cooperatingUnitIds: coopIds,
        leaderId: leaders[0]!.id, assigneeUserId: personId, completionStandard: row.completionStandard || undefined, deadline: { type: 'date', date: row.deadline },
        feedbackCycle: cycle, feedbackDay: day, dispatch,
      },
    });
  }
  if (errors.length) return { created: 0, ids: [], errors };
  const cal = await ctx.calendar();
  const ids: string[] = [];
  const ABORT = Symbol('abort');
  try {
    await ctx.db.transaction().execute(async (tx) => {
      for (const { n, body } of bodies) {
        try {
          ids.push((await createAssignment(ctx, actor, body, { tx, calendar: cal })).id);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const field = e.field ? (FIELD_LABELS[e.field.split('.')[0]!] ?? e.field) : '事项';
          errors.push({ row: n, field, message: e.message.replace(/^[^：]*：/, '') });
        }
      }
      if (errors.length) throw ABORT;
    });
  } catch (e) {
    if (e !== ABORT) throw e;
    return { created: 0, ids: [], errors };
  }
  itemsChanged();
  return { created: ids.length, ids, errors: [] };
}

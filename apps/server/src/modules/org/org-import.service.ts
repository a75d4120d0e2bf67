import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppError, UNIT_KIND_LABELS, UNIT_KINDS } from '@zhongshu/core';
import { units, users } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireAdmin, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { insertBusinessUser, newOneTimePassword } from './org.service.ts';

const UNIT_SHEET = '单位';
const USER_SHEET = '用户';
const UNIT_COLUMNS = ['单位名称', '简称', '类型', '上级单位', '排序号'];
const USER_COLUMNS = ['用户名', '姓名', '所属单位', '岗位', '是否领导', '领导职务'];
const KIND_BY_LABEL = new Map(UNIT_KINDS.map((k) => [UNIT_KIND_LABELS[k], k]));

/** The roster template: two sheets with headers, one example row each, and notes. */
export async function importTemplate(actor: Actor): Promise<Buffer> {
  requireAdmin(actor, 'system');
  const wb = new ExcelJS.Workbook();
  const us = wb.addWorksheet(UNIT_SHEET);
  us.addRow(UNIT_COLUMNS).font = { bold: true };
  // Examples live in the notes, not in data rows: an unchanged template must import nothing.
  us.getCell('G1').value = `从第2行起每行一个单位。类型可填：${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join('、')}；上级单位填已存在或本表中前面行的单位名称。例：县委政策研究室｜县委政研室｜部门｜中共示例县委员会｜20`;
  const ws = wb.addWorksheet(USER_SHEET);
  ws.addRow(USER_COLUMNS).font = { bold: true };
  ws.getCell('H1').value = '从第2行起每行一个用户。用户名只能含字母、数字、下划线、点和连字符；是否领导填"是"或"否"；业务角色和密级由安全保密管理员另行设置。例：zhangsan｜张三｜县委政策研究室｜科员｜否';
  for (const s of [us, ws]) s.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type RowError = { sheet: string; row: number; field: string; message: string };

function text(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

/**
 * Imports units and users from the roster. Every row is checked first; if any row is wrong nothing
 * is written and the row-level errors come back, so a clerk fixes the file and imports it again.
 */
export async function importRoster(ctx: AppContext, actor: Actor, data: Buffer) {
  requireAdmin(actor, 'system');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', '文件：不是有效的.xlsx文件，请使用下载的模板填写', 'file');
  }
  const errors: RowError[] = [];
  const existingUnits = await units.listUnits(ctx.db);
  const unitIdByName = new Map(existingUnits.map((u) => [u.name, u.id]));
  const newUnits: { id: string; name: string; shortName: string | null; kind: string; parentName: string; sortOrder: number; row: number }[] = [];
  const us = wb.getWorksheet(UNIT_SHEET);
  us?.eachRow((row, n) => {
    if (n === 1) return;
    const [name, shortName, kindLabel, parentName, sort] = UNIT_COLUMNS.map((_, i) => text(row.getCell(i + 1).value));
    if (!name && !kindLabel && !parentName) return;
    const err = (field: string, message: string) => errors.push({ sheet: UNIT_SHEET, row: n, field, message });
    if (!name) return err('单位名称', '不能为空');
    if (name.length > 100) err('单位名称', '不能超过100个字符');
    if (unitIdByName.has(name) || newUnits.some((u) => u.name === name)) err('单位名称', `"${name}"已存在`);
    const kind = KIND_BY_LABEL.get(kindLabel);
    if (!kind) err('类型', `"${kindLabel}"无效，可填：${[...KIND_BY_LABEL.keys()].join('、')}`);
    if (parentName && !unitIdByName.has(parentName) && !newUnits.some((u) => u.name === parentName)) err('上级单位', `"${parentName}"不存在（须为已有单位或本表前面行的单位）`);
    const sortOrder = sort ? Number(sort) : 0;
    if (!Number.isInteger(sortOrder) || sortOrder < 0) err('排序号', '须为非负整数');
    newUnits.push({ id: randomUUID(), name, shortName: shortName || null, kind: kind ?? 'department', parentName, sortOrder, row: n });
  });
  for (const u of newUnits) unitIdByName.set(u.name, u.id);

  const newUsers: { username: string; displayName: string; unitName: string; post: string | null; isLeader: boolean; leaderRank: string | null }[] = [];
  const ws = wb.getWorksheet(USER_SHEET);
  if (!us && !ws) throw new AppError('VALIDATION_FAILED', `文件：找不到"${UNIT_SHEET}"或"${USER_SHEET}"工作表，请使用下载的模板`, 'file');
  const seen = new Set<string>();
  const rows: { n: number; cells: string[] }[] = [];
  ws?.eachRow((row, n) => {
    if (n > 1) rows.push({ n, cells: USER_COLUMNS.map((_, i) => text(row.getCell(i + 1).value)) });
  });
  for (const { n, cells } of rows) {
    const [username, displayName, unitName, post, leader, leaderRank] = cells;
    if (cells.every((c) => !c)) continue;
    const err = (field: string, message: string) => errors.push({ sheet: USER_SHEET, row: n, field, message });
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) err('用户名', '须为3至32位字母、数字、下划线、点或连字符');
    else if (seen.has(username)) err('用户名', `"${username}"在表中重复`);
    else if (await users.findUserByUsername(ctx.db, username)) err('用户名', `"${username}"已被使用`);
    seen.add(username);
    if (!displayName) err('姓名', '不能为空');
    if (!unitIdByName.has(unitName)) err('所属单位', `"${unitName}"不存在`);
    if (leader && leader !== '是' && leader !== '否') err('是否领导', '只能填"是"或"否"');
    newUsers.push({ username, displayName, unitName, post: post || null, isLeader: leader === '是', leaderRank: leaderRank || null });
  }
  if (errors.length) return { createdUnits: 0, createdUsers: 0, errors, passwords: [] };
  if (newUnits.length === 0 && newUsers.length === 0) {
    throw new AppError('VALIDATION_FAILED', '文件：模板中没有填写任何单位或用户（从第2行起填写）', 'file');
  }

  const passwords: { username: string; initialPassword: string }[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.now().toISOString();
    for (const u of newUnits) {
      await units.insertUnit(tx, { id: u.id, name: u.name, short_name: u.shortName, kind: u.kind, parent_id: u.parentName ? unitIdByName.get(u.parentName)! : null, sort_order: u.sortOrder, issuer_code: null, created_at: at });
    }
    for (const u of newUsers) {
      const initialPassword = newOneTimePassword();
      await insertBusinessUser(tx, ctx, { id: randomUUID(), username: u.username, displayName: u.displayName, unitId: unitIdByName.get(u.unitName)!, post: u.post, isLeader: u.isLeader, leaderRank: u.leaderRank, password: initialPassword, isDemo: false });
      passwords.push({ username: u.username, initialPassword });
    }
    await recordAudit(tx, ctx, actor, { action: 'org.import', detail: { units: newUnits.length, users: newUsers.length } });
  });
  return { createdUnits: newUnits.length, createdUsers: newUsers.length, errors, passwords };
}

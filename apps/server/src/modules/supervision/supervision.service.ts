/**
 * 督查督办 for the office and leaders: the board, the period figures behind the ranking and the 通报,
 * circulars (generated, rendered, sent to 办文 as a draft), accountability records and the rules.
 */
import { uuidv7 } from '../../lib/ids.ts';
import { AppError, clearedLevels } from '@zhongshu/core';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import {
  buildCircular,
  COLOUR_LABELS,
  ON_TIME_RATE_FORMULA,
  onTimeRate,
  periodLabel,
  previousMonth,
  quarterOf,
  validateSupervisionConfig,
  type Colour,
  type SupervisionConfig,
} from '@zhongshu/core/supervision/index.ts';
import { renderDocx, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { assignments as itemsRepo, documents as documentsRepo, supervision as repo, units, users, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { SOURCE_KIND_LABELS } from '../assignments/assignments.schemas.ts';
import { overseesAll, toSummaries } from '../assignments/assignments.service.ts';
import { createOutgoing } from '../documents/documents.service.ts';
import { clerkUnitsOf } from '../documents/documents.access.ts';
import { itemsChanged, itemsVersion, serialText, saveSupervisionConfig, supervisionConfig } from './supervision.items.ts';
import { keptAnswers } from '../../lib/kept-answers.ts';
import type { AccountabilityBody, AccountabilityQuery, BoardQuery, PeriodBody, RankingQuery } from './supervision.schemas.ts';

const MODULE = 'supervision';
/** At most this many overdue or red items are named in the 通报 itself; the system lists them all. */
const CIRCULAR_LISTED_MAX = 300;
const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, field);

/** The board, figures and circulars are the office's and the leaders' view. */
async function requireOverseer(db: Executor, actor: Actor): Promise<void> {
  requireBusinessUser(actor);
  if (!actor.roles.includes('office') && !(await overseesAll(db, actor))) throw new AppError('FORBIDDEN', '督查督办看板、通报和排名仅限党委办公室和县委领导查看');
}

function requireOffice(actor: Actor): void {
  requireBusinessUser(actor);
  if (!actor.roles.includes('office')) throw new AppError('FORBIDDEN', '此操作由党委办公室（督查室）办理');
}

const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * The board is the same for every reader with the same clearance and filters, and the ranking for every reader of
 * a period. Both are kept for a short while and dropped at once when this process changes any item; changes made
 * by other processes show within 30 s.
 */
const FIGURES_TTL_MS = 30_000;
const keptBoard = keptAnswers<Awaited<ReturnType<typeof computeBoard>>>(FIGURES_TTL_MS, itemsVersion);
const keptFigures = keptAnswers<Awaited<ReturnType<typeof periodFigures>>>(FIGURES_TTL_MS, itemsVersion);

export async function board(ctx: AppContext, actor: Actor, q: BoardQuery) {
  await requireOverseer(ctx.db, actor);
  const key = JSON.stringify([actor.clearance, q.unitId ?? '', q.leaderId ?? '', q.sourceKind ?? '', q.level ?? '', toShanghaiDate(ctx.now())]);
  return keptBoard(ctx, key, () => computeBoard(ctx, actor, q));
}

async function computeBoard(ctx: AppContext, actor: Actor, q: BoardQuery) {
  const f = { ...q, clearedLevels: clearedLevels(actor.clearance) };
  const today = toShanghaiDate(ctx.now());
  const quarter = quarterOf(today);
  const config = await supervisionConfig(ctx.db);
  const [byUnit, byLeader, bySource, registered, completedThisMonth, redTurns, attentionIds] = await Promise.all([
    repo.boardCounts(ctx.db, f, 'assignee_unit_id'),
    repo.boardCounts(ctx.db, f, 'leader_id'),
    repo.boardCounts(ctx.db, f, 'source_kind'),
    repo.countRegistered(ctx.db, f),
    repo.countCompletedBetween(ctx.db, f, startOf(`${today.slice(0, 7)}-01`), endOf(today)),
    repo.redTurnsByUnit(ctx.db, startOf(quarter.start), endOf(quarter.end)),
    repo.attentionItems(ctx.db, f, 20),
  ]);
  const group = (rows: { key: string; colour: string; n: number }[]) => {
    const m = new Map<string, { green: number; yellow: number; red: number; open: number }>();
    for (const r of rows) {
      const g = m.get(r.key) ?? { green: 0, yellow: 0, red: 0, open: 0 };
      if (r.colour === 'green' || r.colour === 'yellow' || r.colour === 'red') g[r.colour] += r.n;
      g.open += r.n;
      m.set(r.key, g);
    }
    return [...m.entries()].sort((a, b) => b[1].red - a[1].red || b[1].yellow - a[1].yellow || b[1].open - a[1].open);
  };
  const unitGroups = group(byUnit);
  const leaderGroups = group(byLeader);
  const proposals = redTurns.filter((r) => r.n >= config.interviewRedThreshold);
  const unitNames = new Map((await units.getUnitsByIds(ctx.db, [...new Set([...unitGroups.map(([k]) => k), ...proposals.map((p) => p.unitId)])])).map((u) => [u.id, u.name]));
  const leaderNames = new Map((await users.getUsersByIds(ctx.db, leaderGroups.map(([k]) => k))).map((u) => [u.id, u.display_name]));
  const totals = { open: 0, green: 0, yellow: 0, red: 0, registered, completedThisMonth };
  for (const [, g] of unitGroups) {
    totals.open += g.open;
    totals.green += g.green;
    totals.yellow += g.yellow;
    totals.red += g.red;
  }
  const attentionRows = await itemsRepo.getAssignmentsByIds(ctx.db, attentionIds.map((r) => r.id));
  const order = new Map(attentionIds.map((r, i) => [r.id, i]));
  attentionRows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const latest = new Map((await repo.latestFeedbacks(ctx.db, attentionRows.map((r) => r.id))).map((l) => [l.assignment_id, l]));
  const summaries = await toSummaries(ctx, attentionRows);
  return {
    totals,
    byUnit: unitGroups.map(([unitId, g]) => ({ unitId, unitName: unitNames.get(unitId) ?? '', ...g })),
    bySource: group(bySource).map(([sourceKind, g]) => ({ sourceKind, label: SOURCE_KIND_LABELS[sourceKind as keyof typeof SOURCE_KIND_LABELS] ?? sourceKind, ...g })),
    byLeader: leaderGroups.map(([leaderId, g]) => ({ leaderId, leaderName: leaderNames.get(leaderId) ?? '', ...g })),
    interviewProposals: proposals
      .sort((a, b) => b.n - a.n)
      .map((p) => ({ unitId: p.unitId, unitName: unitNames.get(p.unitId) ?? '', redItems: p.n, quarterLabel: quarter.label })),
    attention: summaries.map((s) => {
      const l = latest.get(s.id);
      return { ...s, latestFeedback: l ? { text: l.text, at: l.at, unitName: l.unit_name } : null };
    }),
  };
}

export interface UnitFigures {
  unitId: string;
  unitName: string;
  assigned: number;
  concluded: number;
  concludedOnTime: number;
  overdue: number;
  red: number;
  feedbacksMissed: number;
  onTimeRate: number | null;
  rank: number | null;
}

/** Per lead unit, for [from, to] (Shanghai dates); see docs/API.md for each figure's definition. */
export async function periodFigures(db: Executor, from: string, to: string) {
  const fromInstant = startOf(from);
  const toInstant = endOf(to);
  const [assigned, completed, overdue, red, redItems, missed, openAtEnd] = await Promise.all([
    repo.dispatchedByUnit(db, fromInstant, toInstant),
    repo.completedBetween(db, fromInstant, toInstant),
    repo.overdueAt(db, toInstant, to),
    repo.redTurnsByUnit(db, fromInstant, toInstant),
    repo.redTurnItems(db, fromInstant, toInstant),
    repo.missesByUnit(db, from, to),
    repo.countOpenAt(db, toInstant),
  ]);
  const rows = new Map<string, Omit<UnitFigures, 'unitName' | 'onTimeRate' | 'rank'>>();
  const row = (unitId: string) => {
    let r = rows.get(unitId);
    if (!r) rows.set(unitId, (r = { unitId, assigned: 0, concluded: 0, concludedOnTime: 0, overdue: 0, red: 0, feedbacksMissed: 0 }));
    return r;
  };
  for (const a of assigned) row(a.unitId).assigned = a.n;
  for (const c of completed) {
    const r = row(c.assignee_unit_id);
    r.concluded += 1;
    if (toShanghaiDate(new Date(c.completed_at!)) <= c.deadline) r.concludedOnTime += 1;
  }
  for (const o of overdue) row(o.assignee_unit_id).overdue += 1;
  for (const x of red) row(x.unitId).red = x.n;
  for (const m of missed) row(m.unitId).feedbacksMissed = m.n;
  const names = new Map((await units.getUnitsByIds(db, [...rows.keys()])).map((u) => [u.id, u.name]));
  const list: UnitFigures[] = [...rows.values()].map((r) => ({ ...r, unitName: names.get(r.unitId) ?? '', onTimeRate: onTimeRate(r.concludedOnTime, r.concluded, r.overdue), rank: null }));
  list.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.concluded - a.concluded || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  // Equal rates share a rank (1, 2, 2, 4); units with nothing due have none.
  list.forEach((u, i) => {
    if (u.onTimeRate === null) return;
    const prev = list[i - 1];
    u.rank = prev && prev.onTimeRate === u.onTimeRate ? prev.rank : i + 1;
  });
  const totals = list.reduce(
    (t, u) => ({ assigned: t.assigned + u.assigned, concluded: t.concluded + u.concluded, concludedOnTime: t.concludedOnTime + u.concludedOnTime, overdue: t.overdue + u.overdue, red: t.red + u.red, feedbacksMissed: t.feedbacksMissed + u.feedbacksMissed }),
    { assigned: 0, concluded: 0, concludedOnTime: 0, overdue: 0, red: 0, feedbacksMissed: 0 },
  );
  // The circular names overdue and red items; a classified item is counted but not named.
  const overdueIds = new Set(overdue.map((o) => o.id));
  const listedIds = [...new Set([...overdue.map((o) => o.id), ...redItems.map((r) => r.assignment_id)])];
  const briefs = await repo.itemsBrief(db, listedIds);
  const overdueAndRed = briefs
    .map((b) => ({
      id: b.id,
      serial: serialText(b),
      title: b.classification === 'none' ? b.title : '（涉密事项，标题不列出）',
      leadUnitName: b.unit_name,
      deadline: b.deadline,
      colour: (b.colour as Colour | null) ?? null,
      reason: overdueIds.has(b.id) ? `逾期未办结（办理期限${b.deadline}）` : '期间亮红灯',
    }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.serial.localeCompare(b.serial));
  return { from, to, formula: ON_TIME_RATE_FORMULA, totals: { ...totals, open: openAtEnd, onTimeRate: onTimeRate(totals.concludedOnTime, totals.concluded, totals.overdue) }, units: list, overdueAndRed };
}

function checkPeriod(from: string, to: string, today: string) {
  if (from > to) throw bad('from', '开始时间：不能晚于结束时间');
  if (from > today) throw bad('from', '开始时间：不能晚于今天');
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw bad('to', '结束时间：统计区间不能超过一年');
}

export async function ranking(ctx: AppContext, actor: Actor, q: RankingQuery) {
  await requireOverseer(ctx.db, actor);
  const today = toShanghaiDate(ctx.now());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  checkPeriod(from, to, today);
  // With today in the key, a period that ends today is counted afresh tomorrow.
  const f = await keptFigures(ctx, JSON.stringify([from, to, today]), () => periodFigures(ctx.db, from, to));
  return { from, to, formula: f.formula, rows: f.units };
}

/** The office unit that speaks for the circular: the actor's own office, else the first office unit. */
async function officeOf(db: Executor, actor: Actor | null) {
  const all = await units.listUnits(db);
  const own = actor?.unitId ? all.find((u) => u.id === actor.unitId && u.kind === 'office') : undefined;
  const office = own ?? all.find((u) => u.kind === 'office');
  const committee = office?.parent_id ? all.find((u) => u.id === office.parent_id) : undefined;
  return { office, committee };
}

/** Computes the figures for a period and stores the 通报 (model and figures) for it. */
export async function generateCircular(ctx: AppContext, db: Executor, actor: Actor | null, from: string, to: string, auto: boolean): Promise<string> {
  const figures = await periodFigures(db, from, to);
  const { office, committee } = await officeOf(db, actor);
  const label = periodLabel(from, to);
  const recipients = [...new Set(figures.units.map((u) => u.unitName).filter(Boolean))];
  const content = buildCircular({
    officeName: office?.name ?? '党委办公室',
    committeeName: committee?.name ?? '',
    periodLabel: label,
    date: toShanghaiDate(ctx.now()),
    recipients: recipients.length ? recipients : ['各有关单位'],
    totals: figures.totals,
    units: figures.units.map((u) => ({ unitName: u.unitName, assigned: u.assigned, concluded: u.concluded, concludedOnTime: u.concludedOnTime, overdue: u.overdue, red: u.red, feedbacksMissed: u.feedbacksMissed, onTimeRate: u.onTimeRate })),
    // Each named row costs the renderer about a millisecond; the earliest deadlines are named, the count is of all.
    overdueAndRedTotal: figures.overdueAndRed.length,
    overdueAndRed: figures.overdueAndRed.slice(0, CIRCULAR_LISTED_MAX).map((i) => ({ serial: i.serial, title: i.title, leadUnitName: i.leadUnitName, deadline: i.deadline, colourLabel: i.colour ? COLOUR_LABELS[i.colour] : '—', reason: i.reason })),
    rateFormula: figures.formula,
  });
  const id = uuidv7();
  await repo.insertCircular(db, {
    id, period_start: from, period_end: to, title: content.elements.title ?? `关于${label}督查督办事项办理情况的通报`, figures: JSON.stringify({ ...figures, periodLabel: label }), content: JSON.stringify(content),
    auto: auto ? 1 : 0, document_id: null, created_by: actor?.id ?? 'system', created_by_name: actor?.displayName ?? '系统', created_at: ctx.now().toISOString(),
  });
  await recordAudit(db, ctx, actor ? actor : { id: null, displayName: '系统', ip: null }, { action: 'supervision.circular_generate', entityType: MODULE, entityId: id, detail: { from, to, auto } });
  return id;
}

export async function createCircular(ctx: AppContext, actor: Actor, body: PeriodBody) {
  requireOffice(actor);
  const today = toShanghaiDate(ctx.now());
  checkPeriod(body.from, body.to, today);
  const id = await ctx.db.transaction().execute((tx) => generateCircular(ctx, tx, actor, body.from, body.to, false));
  return { id };
}

/** The scheduler's job on the 1st: last month's 通报, once. */
export async function runMonthlyCircular(ctx: AppContext, tx: Executor): Promise<void> {
  const { start, end } = previousMonth(toShanghaiDate(ctx.now()));
  if (await repo.autoCircularFor(tx, start, end)) return;
  await generateCircular(ctx, tx, null, start, end, true);
}

export async function listCirculars(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  await requireOverseer(ctx.db, actor);
  const { items, total } = await repo.listCirculars(ctx.db, page);
  return {
    items: items.map((c) => ({ id: c.id, title: c.title, periodStart: c.period_start, periodEnd: c.period_end, auto: c.auto === 1, documentId: c.document_id, createdAt: c.created_at, createdByName: c.created_by_name })),
    total,
  };
}

async function loadCircular(ctx: AppContext, actor: Actor, id: string) {
  await requireOverseer(ctx.db, actor);
  const c = await repo.getCircular(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

export async function getCircular(ctx: AppContext, actor: Actor, id: string) {
  const c = await loadCircular(ctx, actor, id);
  const f = JSON.parse(c.figures) as Awaited<ReturnType<typeof periodFigures>> & { periodLabel: string };
  return { id: c.id, title: c.title, periodStart: c.period_start, periodEnd: c.period_end, periodLabel: f.periodLabel, formula: f.formula, totals: f.totals, units: f.units, overdueAndRed: f.overdueAndRed, documentId: c.document_id, auto: c.auto === 1, createdAt: c.created_at };
}

export async function circularDocx(ctx: AppContext, actor: Actor, id: string) {
  const c = await loadCircular(ctx, actor, id);
  const buffer = await renderDocx(JSON.parse(c.content) as GongwenDocument);
  return { buffer, filename: `${c.title}.docx` };
}

/** Sends the 通报 into 办文 as an outgoing draft (once; a second call returns the same draft). */
export async function circularToDraft(ctx: AppContext, actor: Actor, id: string, issuerUnitId: string | undefined) {
  const c = await loadCircular(ctx, actor, id);
  requireOffice(actor);
  if (c.document_id && (await documentsRepo.getDocument(ctx.db, c.document_id))) return { documentId: c.document_id };
  const issuers = await clerkUnitsOf(ctx.db, actor);
  const issuer = issuerUnitId ?? issuers[0];
  if (!issuer) throw new AppError('FORBIDDEN', '发文单位：您没有可以拟稿的发文单位', 'issuerUnitId');
  const content = JSON.parse(c.content) as GongwenDocument;
  const { id: documentId } = await createOutgoing(ctx, actor, { issuerUnitId: issuer, docType: '通报', title: c.title, classification: 'none', urgency: 'normal', important: false, content: content as never });
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setCircularDocument(tx, id, documentId);
    await recordAudit(tx, ctx, actor, { action: 'supervision.circular_draft', entityType: MODULE, entityId: id, detail: { documentId } });
  });
  return { documentId };
}

const ACCOUNTABILITY_LABELS: Record<string, string> = { interview: '约谈', criticism: '通报批评', rectification: '限期整改', deduction: '扣分' };

export async function createAccountability(ctx: AppContext, actor: Actor, body: AccountabilityBody) {
  requireOffice(actor);
  const today = toShanghaiDate(ctx.now());
  const unit = await units.getUnit(ctx.db, body.unitId);
  if (!unit) throw bad('unitId', '责任单位：不存在');
  if (body.kind === 'deduction' && (body.points === undefined || body.points < 0.5)) throw bad('points', '扣分分值：扣分须填写0.5到100之间的分值');
  if (body.kind !== 'deduction' && body.points !== undefined) throw bad('points', '扣分分值：只有“扣分”需要填写分值');
  if (body.kind === 'rectification' && !body.dueDate) throw bad('dueDate', '整改期限：限期整改须填写整改期限');
  if (body.dueDate && body.dueDate < today) throw bad('dueDate', '整改期限：不能早于今天');
  const ids = [...new Set(body.assignmentIds ?? [])];
  const items = await itemsRepo.getAssignmentsByIds(ctx.db, ids);
  for (const [i, aid] of ids.entries()) {
    const a = items.find((x) => x.id === aid);
    if (!a) throw bad('assignmentIds', `关联事项：第${i + 1}项不存在`);
    if (a.assignee_unit_id !== unit.id) throw bad('assignmentIds', `关联事项：“${a.title}”不是${unit.name}牵头的事项`);
  }
  const id = uuidv7();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertAccountability(tx, { id, kind: body.kind, unit_id: unit.id, reason: body.reason, points: body.points ?? null, due_date: body.dueDate ?? null, created_by: actor.id, created_at: ctx.now().toISOString() }, ids);
    await recordAudit(tx, ctx, actor, { action: 'supervision.accountability_create', entityType: MODULE, entityId: id, detail: { kind: body.kind, unitId: unit.id, assignmentIds: ids } });
  });
  return { id };
}

export async function listAccountability(ctx: AppContext, actor: Actor, q: AccountabilityQuery) {
  await requireOverseer(ctx.db, actor);
  const { items, total } = await repo.listAccountability(ctx.db, { unitId: q.unitId, assignmentId: q.assignmentId }, q);
  const links = await repo.accountabilityItems(ctx.db, items.map((r) => r.id));
  const cleared = clearedLevels(actor.clearance);
  return {
    items: items.map((r) => ({
      id: r.id, kind: r.kind, kindLabel: ACCOUNTABILITY_LABELS[r.kind] ?? r.kind, unitId: r.unit_id, unitName: r.unit_name,
      assignments: links.filter((l) => l.record_id === r.id).map((l) => ({ id: l.id, serial: serialText(l), title: (cleared as string[]).includes(l.classification) ? l.title : '（涉密事项）' })),
      reason: r.reason, points: r.points === null ? null : Number(r.points), dueDate: r.due_date, createdByName: r.creator_name ?? '', createdAt: r.created_at,
    })),
    total,
  };
}

export async function getConfig(ctx: AppContext, actor: Actor): Promise<SupervisionConfig> {
  requireBusinessUser(actor);
  return supervisionConfig(ctx.db);
}

export async function putConfig(ctx: AppContext, actor: Actor, body: SupervisionConfig): Promise<SupervisionConfig> {
  requireOffice(actor);
  const problem = validateSupervisionConfig(body);
  if (problem) throw bad(problem.field, problem.message);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await supervisionConfig(tx);
    await saveSupervisionConfig(tx, body);
    await recordAudit(tx, ctx, actor, { action: 'supervision.config_update', entityType: MODULE, entityId: 'config', detail: { before, after: body } });
  });
  // The board's 约谈 proposals follow the threshold.
  itemsChanged();
  return supervisionConfig(ctx.db);
}

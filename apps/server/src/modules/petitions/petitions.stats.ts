/** 信访 board (warnings), statistics and the monthly report (.docx and .xlsx). */
import ExcelJS from 'exceljs';
import { AppError } from '@zhongshu/core';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { renderDocx, type BodyBlock, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { petitions as repo, units } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { keptAnswers } from '../../lib/kept-answers.ts';
import { CHANNEL_LABELS, MODULE, petitionConfig, petitionsVersion, scopeOf, seesAll, unitLabel } from './petitions.service.ts';

async function requireOverview(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  if (!(await seesAll(ctx.db, actor))) throw new AppError('FORBIDDEN', '信访看板和统计仅限信访工作人员、党委办公室和县委领导查看');
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The board and the statistics are the same for every reader with the same scope (and period). They are kept
 * for a short while and rebuilt as soon as this process changes a case or the thresholds; other processes'
 * changes show within KEPT_MS.
 */
const KEPT_MS = 30_000;
const keptBoard = keptAnswers<Awaited<ReturnType<typeof computeBoard>>>(KEPT_MS, petitionsVersion);
const keptStats = keptAnswers<Awaited<ReturnType<typeof computeStats>>>(KEPT_MS, petitionsVersion);

export async function board(ctx: AppContext, actor: Actor) {
  await requireOverview(ctx, actor);
  const today = toShanghaiDate(ctx.now());
  const scope = await scopeOf(ctx.db, actor);
  return keptBoard(ctx, JSON.stringify([scope, today]), () => computeBoard(ctx, scope, today));
}

async function computeBoard(ctx: AppContext, scope: Awaited<ReturnType<typeof scopeOf>>, today: string) {
  const cal = await ctx.calendar();
  const config = await petitionConfig(ctx.db);
  const [totals, clusters, frequent, cats] = await Promise.all([
    repo.openTotals(ctx.db, scope, today, cal.addWorkdays(today, 3).date),
    repo.groupClusters(ctx.db, addDays(today, -config.groupWindowDays), config.groupMinCases, scope.hideAccusedUnitId ?? null),
    repo.frequentVisitors(ctx.db, addDays(today, -config.frequentWindowDays), config.frequentVisits, scope.hideAccusedUnitId ?? null),
    repo.categories(ctx.db),
  ]);
  const names = new Map((await units.getUnitsByIds(ctx.db, [...new Set(clusters.map((c) => c.townshipId))])).map((u) => [u.id, unitLabel(u)]));
  const catName = new Map(cats.map((c) => [c.id, c.name]));
  return {
    totals,
    groupAlerts: clusters.map((c) => ({
      townshipId: c.townshipId, townshipName: names.get(c.townshipId) ?? '', matterId: c.matterId, summary: c.summary,
      categoryNames: c.categoryIds.map((id) => catName.get(id) ?? ''), count: c.n, since: c.first, caseIds: c.caseIds,
    })),
    frequentPetitioners: frequent.map((f) => ({ petitionerId: f.petitionerId, name: f.name, visits: f.n, since: f.first })),
    thresholds: { groupSimilarity: config.groupSimilarity, groupMinCases: config.groupMinCases, groupWindowDays: config.groupWindowDays, frequentVisits: config.frequentVisits, frequentWindowDays: config.frequentWindowDays },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function stats(ctx: AppContext, actor: Actor, q: { from?: string; to?: string }) {
  await requireOverview(ctx, actor);
  const today = toShanghaiDate(ctx.now());
  const from = q.from ?? `${today.slice(0, 7)}-01`;
  const to = q.to ?? today;
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始时间：不能晚于结束时间', 'from');
  const scope = await scopeOf(ctx.db, actor);
  return keptStats(ctx, JSON.stringify([scope, from, to, today]), () => computeStats(ctx, scope, from, to, today));
}

async function computeStats(ctx: AppContext, scope: Awaited<ReturnType<typeof scopeOf>>, from: string, to: string, today: string) {
  // The objection window is a right, not a duty; it is not rated.
  const kinds = ['register', 'notice', 'handle', 'review', 'recheck'] as const;
  const [groups, deadlines, cats, top] = await Promise.all([
    repo.periodGroups(ctx.db, scope, from, to),
    repo.onTimeByKind(ctx.db, scope, kinds, from, to, today),
    repo.categories(ctx.db),
    // 反映集中的问题: matters (cases found alike) petitioned at least twice in the period.
    repo.topMatters(ctx.db, scope, from, to, 2, 10),
  ]);
  const tally = <T>(rows: { n: number }[], key: (r: any) => T) => {
    const m = new Map<T, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
    return [...m.entries()].map(([k, n]) => ({ key: k as unknown as string | null, n }));
  };
  const byChannel = tally(groups.byHow, (r) => r.channel);
  const byMonth = tally(groups.byHow, (r) => r.month);
  const byEvaluation = tally(groups.byHow, (r) => r.evaluation);
  const byCategory = tally(groups.byPlace, (r) => r.categoryId);
  const byTownship = tally(groups.byPlace, (r) => r.townshipId);
  const byUnit = tally(groups.byPlace, (r) => r.handlingUnitId);
  const unitIds = [...new Set([...byTownship, ...byUnit].map((r) => r.key).filter((x): x is string => !!x))];
  const unitName = new Map((await units.getUnitsByIds(ctx.db, unitIds)).map((u) => [u.id, unitLabel(u)]));
  const catName = new Map(cats.map((c) => [c.id, c.name]));
  const sorted = (rows: { key: string | null; n: number }[], label: (k: string | null) => string) =>
    rows.map((r) => ({ key: r.key ?? '', label: label(r.key), count: r.n })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
  const KIND_LABELS: Record<string, string> = { register: '登记转送（15日）', notice: '告知受理（15日）', handle: '办理答复（60日）', review: '复查答复（30日）', recheck: '复核答复（30日）' };
  const onTime = kinds.map((kind) => {
    const r = deadlines.find((d) => d.kind === kind) ?? { due: 0, met: 0 };
    return { kind, label: KIND_LABELS[kind]!, due: r.due, met: r.met, rate: r.due ? round1((r.met / r.due) * 100) : null };
  });
  const ev = (k: string) => byEvaluation.find((r) => r.key === k)?.n ?? 0;
  const evaluated = ev('satisfied') + ev('basically_satisfied') + ev('unsatisfied');
  const total = byChannel.reduce((s, r) => s + r.n, 0);
  return {
    from, to, total,
    byChannel: sorted(byChannel, (k) => CHANNEL_LABELS[k ?? ''] ?? k ?? ''),
    byCategory: sorted(byCategory, (k) => catName.get(k ?? '') ?? ''),
    byTownship: sorted(byTownship, (k) => unitName.get(k ?? '') ?? ''),
    byHandlingUnit: sorted(byUnit, (k) => (k ? (unitName.get(k) ?? '') : '未受理或未转办')),
    byMonth: byMonth.map((r) => ({ key: r.key ?? '', label: r.key ? `${Number(r.key.slice(0, 4))}年${Number(r.key.slice(5, 7))}月` : '', count: r.n })).sort((a, b) => a.key.localeCompare(b.key)),
    onTime,
    satisfaction: { satisfied: ev('satisfied'), basically: ev('basically_satisfied'), unsatisfied: ev('unsatisfied'), rate: evaluated ? round1(((ev('satisfied') + ev('basically_satisfied')) / evaluated) * 100) : null },
    topMatters: top.map((t) => ({
      matterId: t.matterId, summary: t.cases[0]?.summary ?? '', count: t.n,
      townshipNames: [...new Set(t.cases.map((c) => unitName.get(c.township_id) ?? ''))], categoryNames: [...new Set(t.cases.map((c) => catName.get(c.category_id) ?? ''))],
    })),
  };
}

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
  return { from, to, label: `${y}年${m}月` };
}

type Stats = Awaited<ReturnType<typeof stats>>;
const table = (caption: string, header: string[], rows: (string | number)[][]): BodyBlock => ({ kind: 'table', text: caption, rows: [header, ...rows.map((r) => r.map(String))] });

const topMatterRow = (t: Stats['topMatters'][number]) => [t.summary, t.townshipNames.join('、'), t.categoryNames.join('、'), t.count];

export async function monthlyReportDocx(ctx: AppContext, actor: Actor, month: string) {
  const { from, to, label } = monthRange(month);
  const s = await stats(ctx, actor, { from, to });
  const organ = actor.unitId ? ((await units.getUnit(ctx.db, actor.unitId))?.name ?? '信访工作机构') : '信访工作机构';
  const rate = (r: number | null) => (r === null ? '—' : `${r}%`);
  const doc: GongwenDocument = {
    documentType: '报告',
    format: '文件式',
    elements: {
      issuerMark: `${organ}文件`,
      title: `关于${label}信访工作情况的报告`,
      body: [
        { kind: 'paragraph', text: `${label}，共登记信访事项${s.total}件。现将有关情况报告如下。` },
        { kind: 'heading', level: 1, marker: '一、', text: '总体情况' },
        table('表1　按信访渠道统计', ['渠道', '件数'], s.byChannel.map((r) => [r.label, r.count])),
        table('表2　按问题类别统计', ['类别', '件数'], s.byCategory.map((r) => [r.label, r.count])),
        table('表3　按乡镇统计', ['乡镇', '件数'], s.byTownship.map((r) => [r.label, r.count])),
        { kind: 'heading', level: 1, marker: '二、', text: '按期办理和群众满意情况' },
        table('表4　各环节按期办理率', ['环节', '到期件数', '按期件数', '按期率'], s.onTime.map((r) => [r.label, r.due, r.met, rate(r.rate)])),
        { kind: 'paragraph', text: `参评信访事项中，满意${s.satisfaction.satisfied}件，基本满意${s.satisfaction.basically}件，不满意${s.satisfaction.unsatisfied}件，满意率${rate(s.satisfaction.rate)}。` },
        { kind: 'heading', level: 1, marker: '三、', text: '反映集中的问题' },
        s.topMatters.length ? table('表5　反映较多的问题', ['事项', '乡镇', '问题类别', '件数'], s.topMatters.map(topMatterRow)) : { kind: 'paragraph', text: '本月无反映集中的问题。' },
        { kind: 'heading', level: 1, marker: '四、', text: '下步工作' },
        { kind: 'paragraph', text: '【请填写：针对反映集中的问题和未按期办理的事项，提出下步工作措施。】' },
      ],
      issuerSignatures: [organ],
      issueDate: toShanghaiDate(ctx.now()),
    },
  };
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'petition.report_docx', entityType: MODULE, entityId: month }));
  return { buffer: await renderDocx(doc), filename: `${label}信访工作情况报告.docx` };
}

export async function monthlyReportXlsx(ctx: AppContext, actor: Actor, month: string) {
  const { from, to, label } = monthRange(month);
  const s: Stats = await stats(ctx, actor, { from, to });
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.mergeCells(1, 1, 1, header.length);
    ws.getCell(1, 1).value = `${label}信访情况统计：${name}`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 18));
  };
  sheet('按渠道', ['渠道', '件数'], s.byChannel.map((r) => [r.label, r.count]));
  sheet('按类别', ['类别', '件数'], s.byCategory.map((r) => [r.label, r.count]));
  sheet('按乡镇', ['乡镇', '件数'], s.byTownship.map((r) => [r.label, r.count]));
  sheet('按承办单位', ['承办单位', '件数'], s.byHandlingUnit.map((r) => [r.label, r.count]));
  sheet('按期率', ['环节', '到期件数', '按期件数', '按期率（%）'], s.onTime.map((r) => [r.label, r.due, r.met, r.rate]));
  sheet('满意率', ['满意', '基本满意', '不满意', '满意率（%）'], [[s.satisfaction.satisfied, s.satisfaction.basically, s.satisfaction.unsatisfied, s.satisfaction.rate]]);
  sheet('反映较多的问题', ['事项', '乡镇', '问题类别', '件数'], s.topMatters.map(topMatterRow));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'petition.report_xlsx', entityType: MODULE, entityId: month }));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${label}信访情况统计.xlsx` };
}

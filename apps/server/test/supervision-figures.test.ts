/**
 * The figures of the 通报 and the ranking, against a data set built by hand over September–October 2026
 * with the clock stepped day by day and the daily sweep run on each day, as the scheduler would.
 *
 * Calendar (2026): 09-25 (中秋) and 10-01 … 10-07 (国庆) are holidays; Saturday 10-10 is a working day
 * (调休); other weekends are rest days. A monthly report due on 10-05 therefore falls due on Thursday 10-08.
 *
 * Units: A = 城关镇, B = 河西镇, C = 县财政局. Every item is registered by the office (office1) with
 * leader1 responsible; the lead unit's clerk signs it the day it is dispatched. Feedback is once, on the
 * deadline, unless said otherwise.
 *
 *   item  dispatched  deadline   what happens                                                   counts for October
 *   A4    09-21       09-30      red on 10-01 (overdue); 销号 10-09, late; its 09-30 report      concluded (late), red
 *                                was missed, but that due date is in September
 *   C2    09-28       11-30      monthly (day 5): the 10-05 report, due 10-08, never comes        feedbacksMissed
 *   A1    10-08       10-16      completion reported 10-14, 销号 10-15                            assigned, concluded on time
 *   A2    10-09       10-20      progress 90% on 10-19; red on 10-21 (overdue); 销号 10-23        assigned, concluded (late), red
 *   A3    10-12       10-28      nothing reported; red on 10-29, report of 10-28 missed; open    assigned, overdue, red, feedbacksMissed
 *   B1    10-13       11-13      schedule from 09-28; 5% reported on 10-26: red (behind); open   assigned, red
 *   B2    10-14       10-23      extended on 10-20 to 10-30; 销号 10-29                          assigned, concluded on time (deadline in force)
 *   B3    10-15       11-30      cancelled 10-16                                                  nothing
 *   A5    (registered 10-15, never dispatched)                                                     nothing
 *   C1    10-19       10-27      销号 10-26                                                       assigned, concluded on time
 *   C3    10-20       10-30      销号 10-28                                                       assigned, concluded on time
 *
 *   unit  assigned  concluded  onTime  overdue  red  missed  按期办结率 = onTime ÷ (concluded + overdue) × 100
 *   A     3         3          1       1        3    1       1 ÷ (3 + 1) = 25.0
 *   B     2         1          1       0        1    0       1 ÷ (1 + 0) = 100.0
 *   C     2         2          2       0        0    1       2 ÷ (2 + 0) = 100.0
 *   total 7         6          4       1        4    2       4 ÷ (6 + 1) = 57.1; open at 10-31: A3, B1, C2 = 3
 *
 * Ranking: by rate, then by concluded: C (100.0, 2 concluded) rank 1, B (100.0, 1) rank 1 (equal rates
 * share a rank), A (25.0) rank 3.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createCalendar } from '@zhongshu/core/calendar/index.ts';
import { expectedProgress } from '@zhongshu/core/supervision/rules.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { sweepItems } from '../src/modules/supervision/supervision.items.ts';
import { createTestEnv, DIALECT, login, request, seedSupervisionCounty, type Session, type TestEnv } from './helpers.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);

/** The tables of a document.xml, as rows of cell texts. */
function docxTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, t]) =>
    [...t!.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([r]) =>
      [...r.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, cell]) => [...cell!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    ),
  );
}

describe(`督查督办 通报 and ranking figures (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedSupervisionCounty>>;
  let office: Session, leader: Session, town: Session, otherTown: Session, fin: Session;
  const ids: Record<string, string> = {};

  const day = (date: string) => {
    env.clock.now = at10(date);
  };
  /** A new day: the clock at 10:00 and the daily sweep (colours, missed reports), as the scheduler runs it. */
  const morning = async (date: string) => {
    day(date);
    await sweepItems(env.ctx);
  };
  const act = async (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await request(env, 'POST', `/api/assignments/${id}/actions/${action}`, { session: s, body });
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const clerkOf = (unitId: string) => (unitId === c.township ? town : unitId === c.otherTownship ? otherTown : fin);
  /** The office registers and dispatches an item for `unitId`; its clerk signs it at once. */
  const dispatch = async (key: string, unitId: string, deadline: string, extra: Record<string, unknown> = {}) => {
    const r = await request(env, 'POST', '/api/assignments', {
      session: office,
      body: { title: `事项${key}`, instruction: `办理事项${key}。`, leaderId: c.leader, assigneeUnitId: unitId, deadline: { type: 'date', date: deadline }, ...extra },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    ids[key] = r.body.id;
    if (extra.dispatch !== false) await act(clerkOf(unitId), r.body.id, 'sign');
    return r.body.id as string;
  };
  /** Completion reported and accepted by the office. */
  const reportAndAccept = async (key: string, unitId: string) => {
    await act(clerkOf(unitId), ids[key]!, 'report_completion', { comment: `事项${key}已办结` });
    await act(office, ids[key]!, 'accept', { comment: '同意' });
  };
  const confirm = (key: string, rating = 'good') => act(leader, ids[key]!, 'confirm', { rating });
  const detail = async (key: string) => (await request(env, 'GET', `/api/assignments/${ids[key]}`, { session: office })).body;

  before(async () => {
    env = await createTestEnv({ now: at10('2026-09-21').toISOString(), idleMinutes: 10_000_000 });
    c = await seedSupervisionCounty(env);
    [office, leader, town, otherTown, fin] = await Promise.all(['office1', 'leader1', 'town1', 'town2', 'fin1'].map((u) => login(env, u)));
    const A = c.township, B = c.otherTownship, C = c.finance;

    day('2026-09-21'); // Monday
    await dispatch('A4', A, '2026-09-30');
    day('2026-09-28'); // Monday
    await dispatch('C2', C, '2026-11-30', { feedbackCycle: 'monthly', feedbackDay: 5 });
    assert.equal((await detail('C2')).nextFeedbackDue, '2026-10-08', 'the 5th falls in 国庆: due the next working day');

    await morning('2026-10-01'); // 国庆: A4 is overdue (red); its report of 09-30 was missed
    assert.equal((await detail('A4')).colour, 'red');
    await morning('2026-10-08'); // Thursday, first working day after 国庆
    await dispatch('A1', A, '2026-10-16');
    await morning('2026-10-09'); // C2's report due 10-08 was missed
    assert.deepEqual([(await detail('C2')).colour, (await detail('C2')).missedFeedbacks], ['yellow', 1]);
    await dispatch('A2', A, '2026-10-20');
    await reportAndAccept('A4', A);
    await confirm('A4', 'fair'); // 销号 10-09, deadline 09-30: late
    await morning('2026-10-10'); // Saturday, a working day (调休)
    await morning('2026-10-12');
    await dispatch('A3', A, '2026-10-28');
    await morning('2026-10-13');
    await dispatch('B1', B, '2026-11-13', { startDate: '2026-09-28' });
    await morning('2026-10-14');
    await dispatch('B2', B, '2026-10-23');
    await reportAndAccept('A1', A);
    await morning('2026-10-15');
    await confirm('A1'); // 销号 10-15, deadline 10-16: on time
    await dispatch('B3', B, '2026-11-30');
    await dispatch('A5', A, '2026-11-30', { dispatch: false });
    await morning('2026-10-16');
    await act(office, ids.B3!, 'cancel', { comment: '情况变化，撤销' });
    await morning('2026-10-19');
    await dispatch('C1', C, '2026-10-27');
    await act(town, ids.A2!, 'report_progress', { comment: '已完成九成', progress: 90 });
    await morning('2026-10-20');
    await dispatch('C3', C, '2026-10-30');
    await act(otherTown, ids.B2!, 'request_extension', { comment: '需等待设备到货', newDeadline: '2026-10-30' });
    await act(office, ids.B2!, 'approve_extension', { comment: '同意' });
    await morning('2026-10-21'); // A2 is overdue: red
    assert.equal((await detail('A2')).colour, 'red');
    await morning('2026-10-22');
    await reportAndAccept('A2', A);
    await morning('2026-10-23');
    await confirm('A2'); // 销号 10-23, deadline 10-20: late
    await morning('2026-10-26');
    // B1's schedule: 16 of 30 working days gone (09-29 … 10-26 of 09-29 … 11-13), 53.3% due; 5% is 48.3 behind: red.
    assert.equal(expectedProgress(createCalendar(), '2026-09-28', '2026-11-13', '2026-10-26'), 53.3);
    const b1 = await act(otherTown, ids.B1!, 'report_progress', { comment: '刚刚启动', progress: 5 });
    assert.deepEqual([b1.colour, b1.expectedProgress], ['red', 53.3]);
    await reportAndAccept('C1', C);
    await confirm('C1'); // 销号 10-26, deadline 10-27: on time
    await morning('2026-10-27');
    await morning('2026-10-28');
    await reportAndAccept('C3', C);
    await confirm('C3'); // 销号 10-28, deadline 10-30: on time
    await morning('2026-10-29'); // A3 is overdue (red) and its report of 10-28 was missed
    assert.deepEqual([(await detail('A3')).colour, (await detail('A3')).missedFeedbacks], ['red', 1]);
    await reportAndAccept('B2', B);
    await confirm('B2'); // 销号 10-29, deadline in force 10-30 (extended from 10-23): on time
    await morning('2026-10-30');
    await morning('2026-10-31');
    // Sunday 2026-11-01, 09:00: the month is over.
    env.clock.now = new Date('2026-11-01T09:00:00+08:00');
  });
  after(() => env.close());

  const unitRow = (unitId: string, unitName: string, f: [number, number, number, number, number, number, number | null, number | null]) => ({
    unitId, unitName, assigned: f[0], concluded: f[1], concludedOnTime: f[2], overdue: f[3], red: f[4], feedbacksMissed: f[5], onTimeRate: f[6], rank: f[7],
  });
  //                                          assigned concluded onTime overdue red missed rate  rank
  const expectedUnits = () => [
    unitRow(c.finance, '县财政局', /*       */ [2, 2, 2, 0, 0, 1, 100, 1]),
    unitRow(c.otherTownship, '河西镇', /*   */ [2, 1, 1, 0, 1, 0, 100, 1]),
    unitRow(c.township, '城关镇', /*        */ [3, 3, 1, 1, 3, 1, 25, 3]),
  ];

  it('computes every figure of the October 通报 by unit and in total', async () => {
    const created = await request(env, 'POST', '/api/supervision/circulars', { session: office, body: { from: '2026-10-01', to: '2026-10-31' } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const r = await request(env, 'GET', `/api/supervision/circulars/${created.body.id}`, { session: leader });
    assert.equal(r.status, 200);
    const circ = r.body;
    assert.equal(circ.title, '关于2026年10月督查督办事项办理情况的通报');
    assert.deepEqual([circ.periodStart, circ.periodEnd, circ.periodLabel, circ.auto, circ.documentId], ['2026-10-01', '2026-10-31', '2026年10月', false, null]);
    assert.equal(circ.formula, '按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100%');
    assert.deepEqual(circ.units, expectedUnits());
    // 4 ÷ (6 + 1) × 100 = 57.142… → 57.1
    assert.deepEqual(circ.totals, { assigned: 7, concluded: 6, concludedOnTime: 4, overdue: 1, red: 4, feedbacksMissed: 2, open: 3, onTimeRate: 57.1 });
    // Overdue or red during the month, earliest deadline first; colour as it is now.
    const serial = async (key: string) => (await detail(key)).serial;
    assert.deepEqual(circ.overdueAndRed, [
      { id: ids.A4, serial: await serial('A4'), title: '事项A4', leadUnitName: '城关镇', deadline: '2026-09-30', colour: null, reason: '期间亮红灯' },
      { id: ids.A2, serial: await serial('A2'), title: '事项A2', leadUnitName: '城关镇', deadline: '2026-10-20', colour: null, reason: '期间亮红灯' },
      { id: ids.A3, serial: await serial('A3'), title: '事项A3', leadUnitName: '城关镇', deadline: '2026-10-28', colour: 'red', reason: '逾期未办结（办理期限2026-10-28）' },
      { id: ids.B1, serial: await serial('B1'), title: '事项B1', leadUnitName: '河西镇', deadline: '2026-11-13', colour: 'red', reason: '期间亮红灯' },
    ]);
    const list = await request(env, 'GET', '/api/supervision/circulars', { session: leader });
    assert.ok(list.body.items.some((i: any) => i.id === created.body.id && i.auto === false && i.createdByName === 'office1姓名'));
  });

  it('ranks the units with the same figures for the same period', async () => {
    const r = await request(env, 'GET', '/api/supervision/ranking?from=2026-10-01&to=2026-10-31', { session: leader });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([r.body.from, r.body.to, r.body.formula], ['2026-10-01', '2026-10-31', '按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100%']);
    assert.deepEqual(r.body.rows, expectedUnits());
    // September alone: A4 and C2 dispatched; A4's deadline (09-30) had not passed by the end of 09-30, so it is
    // not overdue, but its report due 09-30 was missed (recorded on 10-01, counted for September). No rate, no rank.
    const sept = await request(env, 'GET', '/api/supervision/ranking?from=2026-09-01&to=2026-09-30', { session: office });
    const byUnitId = (a: { unitId: string }, b: { unitId: string }) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
    assert.deepEqual([...sept.body.rows].sort(byUnitId), [unitRow(c.finance, '县财政局', [1, 0, 0, 0, 0, 0, null, null]), unitRow(c.township, '城关镇', [1, 0, 0, 0, 0, 1, null, null])].sort(byUnitId));
  });

  it('renders the 通报 as a .docx with the unit table and the totals', async () => {
    const { body } = await request(env, 'POST', '/api/supervision/circulars', { session: office, body: { from: '2026-10-01', to: '2026-10-31' } });
    const r = await request(env, 'GET', `/api/supervision/circulars/${body.id}/docx`, { session: office });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], DOCX);
    assert.match(String(r.headers['content-disposition']), new RegExp(encodeURIComponent('关于2026年10月督查督办事项办理情况的通报.docx')));
    const zip = await JSZip.loadAsync(r.raw);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    assert.ok(text.includes('关于2026年10月督查督办事项办理情况的通报'));
    assert.ok(text.includes('共交办督查事项7项，办结6项，其中按期办结4项；逾期未办结1项，亮红灯4项，未按期反馈2次；截至统计期末，尚在办理3项。总体按期办结率为57.1%。'), text);
    const tables = docxTables(xml);
    const units = tables.find((t) => t[0]?.[1] === '单位');
    assert.ok(units, 'the unit table is there');
    assert.deepEqual(units, [
      ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'],
      ['1', '县财政局', '2', '2', '2', '0', '0', '1', '100.0%'],
      ['2', '河西镇', '2', '1', '1', '0', '1', '0', '100.0%'],
      ['3', '城关镇', '3', '3', '1', '1', '3', '1', '25.0%'],
      ['', '合计', '7', '6', '4', '1', '4', '2', '57.1%'],
    ]);
    const items = tables.find((t) => t[0]?.[1] === '事项编号');
    assert.deepEqual(items?.map((row) => [row[2], row[3], row[5]]), [['事项名称', '牵头单位', '预警状态'], ['事项A4', '城关镇', '—'], ['事项A2', '城关镇', '—'], ['事项A3', '城关镇', '红'], ['事项B1', '河西镇', '红']]);
  });

  it('sends the 通报 to 办文 as an outgoing draft, once', async () => {
    const { body } = await request(env, 'POST', '/api/supervision/circulars', { session: office, body: { from: '2026-10-01', to: '2026-10-31' } });
    const first = await request(env, 'POST', `/api/supervision/circulars/${body.id}/draft`, { session: office, body: {} });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const doc = await request(env, 'GET', `/api/documents/${first.body.documentId}`, { session: office });
    assert.equal(doc.status, 200, JSON.stringify(doc.body));
    assert.equal(doc.body.docType, '通报');
    assert.equal(doc.body.title, '关于2026年10月督查督办事项办理情况的通报');
    assert.equal(doc.body.direction, 'outgoing');
    const second = await request(env, 'POST', `/api/supervision/circulars/${body.id}/draft`, { session: office, body: {} });
    assert.equal(second.status, 200);
    assert.equal(second.body.documentId, first.body.documentId);
    const circ = await request(env, 'GET', `/api/supervision/circulars/${body.id}`, { session: office });
    assert.equal(circ.body.documentId, first.body.documentId);
    const byLeader = await request(env, 'POST', `/api/supervision/circulars/${body.id}/draft`, { session: leader, body: {} });
    assert.equal(byLeader.status, 403);
  });

  it('generates the monthly 通报 for October once, on 11-01, through the scheduler', async () => {
    const autos = async () => (await request(env, 'GET', '/api/supervision/circulars?pageSize=100', { session: office })).body.items.filter((i: any) => i.auto);
    assert.deepEqual(await autos(), []);
    for (let i = 0; i < 2; i++) {
      const scheduler = new Scheduler(env.ctx);
      await scheduler.ensureRecurringJobs();
      await scheduler.tick();
    }
    // The sweep, the circular and the reminders left from October are all due at once: each must run.
    const stuck = await env.ctx.db.selectFrom('scheduled_jobs').select(['kind', 'status']).where('status', '=', 'running').execute();
    assert.deepEqual(stuck, [], 'a job claimed by the tick was left "running" without being run');
    const list = await autos();
    assert.equal(list.length, 1);
    assert.deepEqual([list[0].periodStart, list[0].periodEnd, list[0].createdByName, list[0].title], ['2026-10-01', '2026-10-31', '系统', '关于2026年10月督查督办事项办理情况的通报']);
    const circ = await request(env, 'GET', `/api/supervision/circulars/${list[0].id}`, { session: office });
    assert.deepEqual(circ.body.units, expectedUnits());
    assert.deepEqual(circ.body.totals, { assigned: 7, concluded: 6, concludedOnTime: 4, overdue: 1, red: 4, feedbacksMissed: 2, open: 3, onTimeRate: 57.1 });
  });
});

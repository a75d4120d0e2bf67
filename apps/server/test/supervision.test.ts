/**
 * 督查督办 end to end: 立项 and 交办 (with the 交办单), 签收, feedback with figures, cooperation, extension,
 * completion review and rating, colours turned by time (the daily sweep, also through the scheduler),
 * escalation notices, missed feedbacks, behind-schedule warnings, visibility, the board, bulk import
 * and accountability. Every test builds its own county on a fresh database and moves its own clock.
 *
 * Calendar used below (2026, from the working-day calendar): November and December have no holidays;
 * 2026-11-07/08, 14/15, 21/22, 28/29 and 2026-12-05/06, 12/13, 19/20, 26/27 are weekends.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createCalendar } from '@zhongshu/core/calendar/index.ts';
import { expectedProgress } from '@zhongshu/core/supervision/rules.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { sweepItems } from '../src/modules/supervision/supervision.items.ts';
import { createTestEnv, DIALECT, login, makeUser, multipart, multipartWithFields, request, seedSupervisionCounty, type Session, type TestEnv } from './helpers.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 10:00 in Shanghai on that date. */
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type County = Awaited<ReturnType<typeof seedSupervisionCounty>>;

interface World {
  env: TestEnv;
  c: County;
  leader: Session;
  leader2: Session;
  office: Session;
  town: Session;
  otherTown: Session;
  fin: Session;
  build: Session;
  /** Sets the clock to 10:00 Shanghai on the date. */
  day(date: string): void;
  /** The office registers (and by default dispatches) an item for 城关镇 with leader1 responsible. */
  create(body?: Record<string, unknown>, s?: Session): Promise<string>;
  act(s: Session, id: string, action: string, body?: Record<string, unknown>): ReturnType<typeof request>;
  detail(s: Session, id: string): Promise<any>;
  todos(s: Session, id: string): Promise<any[]>;
}

/** A fresh county on a fresh database; sessions do not expire while the test moves its clock. */
async function world(date: string, fn: (w: World) => Promise<void>): Promise<void> {
  const env = await createTestEnv({ now: at10(date).toISOString(), idleMinutes: 10_000_000 });
  try {
    const c = await seedSupervisionCounty(env);
    const [leader, leader2, office, town, otherTown, fin, build] = await Promise.all(['leader1', 'leader2', 'office1', 'town1', 'town2', 'fin1', 'build1'].map((u) => login(env, u)));
    const w: World = {
      env, c, leader, leader2, office, town, otherTown, fin, build,
      day(d) {
        env.clock.now = at10(d);
      },
      async create(body = {}, s = office) {
        const r = await request(env, 'POST', '/api/assignments', {
          session: s,
          body: { title: '推进城南老旧小区改造', instruction: '年底前完成城南三个老旧小区改造。', leaderId: c.leader, assigneeUnitId: c.township, deadline: { type: 'date', date: '2026-12-18' }, ...body },
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.id as string;
      },
      act: (s, id, action, body = {}) => request(env, 'POST', `/api/assignments/${id}/actions/${action}`, { session: s, body }),
      async detail(s, id) {
        const r = await request(env, 'GET', `/api/assignments/${id}`, { session: s });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      },
      async todos(s, id) {
        const r = await request(env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: s });
        return r.body.items.filter((i: any) => i.entityId === id);
      },
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

async function ok(p: ReturnType<typeof request>) {
  const r = await p;
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function refused(p: ReturnType<typeof request>, status: number, code: string, field?: string) {
  const r = await p;
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error.code, code);
  if (field !== undefined) assert.equal(r.body.error.field, field);
  return r.body.error as { code: string; message: string; field?: string };
}

const TASKS = [
  { title: '改造老旧小区', indicator: '完成改造小区数', target: 3, unitLabel: '个', weight: 2 },
  { title: '完成投资', indicator: '完成投资额', target: 1200, unitLabel: '万元', weight: 1 },
];

describe(`督查督办 supervision flow (${DIALECT})`, () => {
  it('registers and dispatches an item in one step: 交办单, receipt deadline, the lead unit\'s 签收 to-do', () =>
    // Monday 2026-11-02.
    world('2026-11-02', async (w) => {
      const { c } = w;
      const id = await w.create({
        urgency: 'urgent',
        sourceKind: 'meeting_minutes',
        sourceRef: '县委常委会2026年第12次会议纪要',
        sourceDate: '2026-10-30',
        level: 'key',
        cooperatingUnitIds: [c.finance, c.housing],
        completionStandard: '三个小区通过竣工验收',
        feedbackCycle: 'monthly',
        feedbackDay: 5,
        tasks: TASKS,
        dispatch: true,
      });
      const d = await w.detail(w.office, id);
      assert.equal(d.state, 'pending_receipt');
      assert.equal(d.stateLabel, '待签收');
      assert.equal(d.serial, '交办〔2026〕1号');
      assert.equal(d.level, 'key');
      assert.equal(d.sourceKind, 'meeting_minutes');
      assert.equal(d.sourceLabel, '会议议定事项');
      assert.deepEqual(d.source, { kind: 'meeting_minutes', label: '会议议定事项', ref: '县委常委会2026年第12次会议纪要', date: '2026-10-30', link: null });
      assert.equal(d.assigneeUnitId, c.township);
      assert.equal(d.assigneeUnitName, '城关镇');
      assert.deepEqual([...d.cooperatingUnits].sort(byId), [{ id: c.finance, name: '县财政局' }, { id: c.housing, name: '县住建局' }].sort(byId));
      assert.equal(d.leaderId, c.leader);
      assert.equal(d.completionStandard, '三个小区通过竣工验收');
      assert.equal(d.startDate, '2026-11-02');
      assert.equal(d.deadline, '2026-12-18');
      assert.equal(d.deadlineRule, '指定日期');
      // 2 working days after Monday 2026-11-02.
      assert.equal(d.receiptDue, '2026-11-04');
      assert.equal(d.feedbackLabel, '每月5日前反馈（遇节假日顺延）');
      assert.equal(d.nextFeedbackDue, '2026-11-05');
      assert.equal(d.colour, 'green');
      assert.deepEqual(d.colourReasons, []);
      assert.equal(d.progress, 0);
      assert.equal(d.expectedProgress, 0);
      assert.equal(d.missedFeedbacks, 0);
      assert.equal(d.escalationCount, 0);
      assert.equal(d.rating, null);
      assert.deepEqual(
        d.tasks.map((t: any) => [t.seq, t.title, t.indicator, t.target, t.unitLabel, t.weight, t.current, t.percent]),
        [
          [1, '改造老旧小区', '完成改造小区数', 3, '个', 2, 0, 0],
          [2, '完成投资', '完成投资额', 1200, '万元', 1, 0, 0],
        ],
      );
      assert.equal(d.notices.length, 1);
      const [n] = d.notices;
      assert.deepEqual([n.kind, n.kindLabel, n.numberText, n.unitName, n.createdByName], ['dispatch', '交办单', '督交〔2026〕1号', '城关镇', 'office1姓名']);
      assert.deepEqual(d.history.map((h: any) => h.action), ['create', 'notice']);
      assert.equal(d.history[1].comment, '印发交办单（督交〔2026〕1号），请于2026-11-04前签收');
      assert.ok(d.myRelations.includes('office') && d.myRelations.includes('creator'));
      assert.deepEqual(d.availableActions.map((a: any) => a.action), ['cancel', 'escalate']);

      const todo = await w.todos(w.town, id);
      assert.deepEqual(todo.map((t: any) => [t.task, t.title, t.urgency]), [['签收', '推进城南老旧小区改造', 'urgent']]);
      assert.deepEqual(await w.todos(w.fin, id), [], 'cooperating units are asked to act once the lead unit has signed');

      // The 交办单 is a .docx for anyone who may read the item, and for nobody else.
      const url = `/api/assignments/${id}/notices/${n.id}/docx`;
      for (const s of [w.town, w.fin, w.office]) {
        const r = await request(w.env, 'GET', url, { session: s });
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-type'], DOCX);
        assert.equal(r.raw.subarray(0, 2).toString('latin1'), 'PK');
        assert.match(String(r.headers['content-disposition']), new RegExp(encodeURIComponent('督交〔2026〕1号交办单.docx').replace(/[()]/g, '\\$&')));
      }
      const zip = await JSZip.loadAsync((await request(w.env, 'GET', url, { session: w.town })).raw);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      assert.ok(text.includes('推进城南老旧小区改造'), 'the 交办单 names the item');
      assert.ok(text.includes('城关镇'), 'the 交办单 names the lead unit');
      const stranger = await request(w.env, 'GET', url, { session: w.otherTown });
      assert.equal(stranger.status, 404);
      const noSuchNotice = await request(w.env, 'GET', `/api/assignments/${id}/notices/${d.history[0].id}/docx`, { session: w.town });
      assert.equal(noSuchNotice.status, 404);
    }));

  it('registers only (立项) with dispatch false, then dispatches with the office\'s 交办 action', () =>
    world('2026-11-02', async (w) => {
      const id = await w.create({ dispatch: false });
      let d = await w.detail(w.office, id);
      assert.equal(d.state, 'registered');
      assert.equal(d.stateLabel, '已立项待交办');
      assert.equal(d.colour, null);
      assert.deepEqual(d.notices, []);
      assert.equal(d.receiptDue, null);
      assert.equal(d.nextFeedbackDue, null);
      assert.deepEqual(d.availableActions.map((a: any) => a.action), ['dispatch', 'cancel']);
      assert.deepEqual((await w.todos(w.office, id)).map((t: any) => t.task), ['交办']);
      assert.deepEqual(await w.todos(w.town, id), []);

      await refused(w.act(w.town, id, 'dispatch'), 403, 'WORKFLOW_FORBIDDEN');
      d = await ok(w.act(w.office, id, 'dispatch'));
      assert.equal(d.state, 'pending_receipt');
      assert.equal(d.colour, 'green');
      assert.equal(d.receiptDue, '2026-11-04');
      assert.deepEqual(d.notices.map((n: any) => [n.kind, n.numberText]), [['dispatch', '督交〔2026〕1号']]);
      assert.deepEqual(d.history.map((h: any) => h.action), ['create', 'dispatch', 'notice']);
      assert.deepEqual(await w.todos(w.office, id), [], 'the 交办 to-do is done');
      assert.deepEqual((await w.todos(w.town, id)).map((t: any) => t.task), ['签收']);
      await refused(w.act(w.office, id, 'dispatch'), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
    }));

  it('measures progress from task figures; cooperating units contribute but cannot report, extend or close', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const id = await w.create({ cooperatingUnitIds: [c.finance], tasks: TASKS });
      const other = await w.create({ title: '另一事项', tasks: [{ title: '别的任务', target: 10 }] });
      const otherTask = (await w.detail(w.office, other)).tasks[0].id;
      let d = await ok(w.act(w.town, id, 'sign'));
      assert.equal(d.state, 'in_progress');
      assert.deepEqual((await w.todos(w.fin, id)).map((t: any) => t.task), ['配合办理']);
      const [t1, t2] = d.tasks.map((t: any) => t.id);

      d = await ok(w.act(w.town, id, 'report_progress', { comment: '已完成一个小区改造，完成投资900万元', figures: [{ taskId: t1, value: 1 }, { taskId: t2, value: 900 }] }));
      // Σ weight × min(current ÷ target, 1) ÷ Σ weight = (2 × 1/3 + 1 × 900/1200) ÷ 3 = 0.47222… → 47.2%.
      assert.equal(d.progress, 47.2);
      assert.deepEqual(d.tasks.map((t: any) => [t.current, t.percent]), [[1, 33.3], [900, 75]]);
      assert.equal(d.state, 'in_progress');
      assert.equal(d.feedbacks.length, 1);
      const f = d.feedbacks[0];
      assert.deepEqual([f.kind, f.unitId, f.unitName, f.authorName, f.text, f.progress, f.late], ['feedback', c.township, '城关镇', 'town1姓名', '已完成一个小区改造，完成投资900万元', 47.2, false]);
      assert.deepEqual(f.figures, [{ taskId: t1, value: 1, title: '改造老旧小区' }, { taskId: t2, value: 900, title: '完成投资' }]);
      assert.equal(d.latestProgress.comment, '已完成一个小区改造，完成投资900万元');

      // A figure for one task only: the other keeps its value. (2 × 3/3 + 1 × 900/1200) ÷ 3 = 0.91666… → 91.7%.
      d = await ok(w.act(w.town, id, 'report_progress', { comment: '三个小区均已完工', figures: [{ taskId: t1, value: 3 }] }));
      assert.equal(d.progress, 91.7);
      assert.deepEqual(d.feedbacks[0].figures, [{ taskId: t1, value: 3, title: '改造老旧小区' }]);

      d = await ok(w.act(w.fin, id, 'contribute', { comment: '已拨付补助资金300万元' }));
      assert.equal(d.state, 'in_progress');
      assert.equal(d.feedbacks.length, 3);
      assert.deepEqual([d.feedbacks[0].kind, d.feedbacks[0].unitName, d.feedbacks[0].progress], ['contribution', '县财政局', null]);
      assert.equal(d.progress, 91.7, 'a contribution does not move the measured progress');
      assert.deepEqual(await w.todos(w.fin, id), [], 'the 配合办理 to-do is done');

      const historyBefore = d.history.length;
      const expectUnchanged = async () => {
        const now = await w.detail(w.office, id);
        assert.equal(now.state, 'in_progress');
        assert.equal(now.feedbacks.length, 3);
        assert.equal(now.history.length, historyBefore);
        assert.equal(now.progress, 91.7);
        assert.deepEqual(now.tasks.map((t: any) => t.current), [3, 900]);
        assert.equal(now.deadline, '2026-12-18');
      };
      await refused(w.act(w.fin, id, 'report_completion', { comment: '已完成' }), 403, 'WORKFLOW_FORBIDDEN');
      await expectUnchanged();
      await refused(w.act(w.fin, id, 'report_progress', { comment: '进展', figures: [{ taskId: t2, value: 1200 }] }), 403, 'WORKFLOW_FORBIDDEN');
      await expectUnchanged();
      await refused(w.act(w.fin, id, 'request_extension', { comment: '资金未到位', newDeadline: '2026-12-31' }), 403, 'WORKFLOW_FORBIDDEN');
      await expectUnchanged();
      await refused(w.act(w.town, id, 'contribute', { comment: '牵头单位不报配合情况' }), 403, 'WORKFLOW_FORBIDDEN');
      await expectUnchanged();
      await refused(w.act(w.otherTown, id, 'report_progress', { comment: '不相干的单位' }), 404, 'NOT_FOUND');
      await expectUnchanged();
      await refused(w.act(w.town, id, 'report_progress', { comment: '按百分比报', progress: 50 }), 400, 'VALIDATION_FAILED', 'progress');
      await expectUnchanged();
      // Nothing is written when one figure is wrong, not even the right one before it.
      await refused(w.act(w.town, id, 'report_progress', { comment: '报错了任务', figures: [{ taskId: t1, value: 0 }, { taskId: otherTask, value: 5 }] }), 400, 'VALIDATION_FAILED', 'figures');
      await expectUnchanged();
      await refused(w.act(w.town, id, 'report_progress', { comment: '同一任务两次', figures: [{ taskId: t2, value: 1 }, { taskId: t2, value: 2 }] }), 400, 'VALIDATION_FAILED', 'figures');
      await expectUnchanged();

      // An item without tasks takes a stated percentage, and refuses figures.
      const plain = await w.create({ title: '无分解任务的事项' });
      await ok(w.act(w.town, plain, 'sign'));
      await refused(w.act(w.town, plain, 'report_progress', { comment: '进展', figures: [{ taskId: otherTask, value: 1 }] }), 400, 'VALIDATION_FAILED', 'figures');
      d = await ok(w.act(w.town, plain, 'report_progress', { comment: '完成六成', progress: 60 }));
      assert.equal(d.progress, 60);
      assert.equal(d.feedbacks[0].progress, 60);
    }));

  it('extends the deadline when asked in time, refuses with a reason, and refuses a request after the deadline', () =>
    world('2026-11-02', async (w) => {
      const id = await w.create({ deadline: { type: 'date', date: '2026-11-20' } });
      await ok(w.act(w.town, id, 'sign'));
      await refused(w.act(w.town, id, 'request_extension', { comment: '需协调资金', newDeadline: '2026-11-20' }), 400, 'VALIDATION_FAILED', 'newDeadline');
      let d = await ok(w.act(w.town, id, 'request_extension', { comment: '需协调资金', newDeadline: '2026-12-04' }));
      assert.equal(d.state, 'extension_requested');
      assert.deepEqual(d.pendingExtension, { newDeadline: '2026-12-04', reason: '需协调资金' });
      assert.deepEqual((await w.todos(w.leader, id)).map((t: any) => t.task), ['审批延期']);
      await refused(w.act(w.town, id, 'approve_extension'), 403, 'WORKFLOW_FORBIDDEN');

      // Refusing needs a reason; the deadline stays.
      await refused(w.act(w.leader, id, 'refuse_extension', {}), 400, 'VALIDATION_FAILED', 'comment');
      d = await ok(w.act(w.leader, id, 'refuse_extension', { comment: '请按期完成' }));
      assert.equal(d.state, 'in_progress');
      assert.equal(d.deadline, '2026-11-20');
      assert.equal(d.pendingExtension, null);
      assert.equal(d.history.at(-1).comment, '请按期完成');

      await ok(w.act(w.town, id, 'request_extension', { comment: '资金确未到位', newDeadline: '2026-12-04' }));
      d = await ok(w.act(w.leader, id, 'approve_extension', {}));
      assert.equal(d.state, 'in_progress');
      assert.equal(d.deadline, '2026-12-04');
      assert.equal(d.deadlineRule, '延期后指定日期');
      assert.equal(d.pendingExtension, null);
      assert.equal(d.nextFeedbackDue, '2026-12-04', 'a once-only report is due on the new deadline');

      // Monday 2026-12-07: the deadline (Friday 12-04) has passed; no more extensions.
      w.day('2026-12-07');
      const e = await refused(w.act(w.town, id, 'request_extension', { comment: '再延期', newDeadline: '2026-12-18' }), 400, 'VALIDATION_FAILED', 'newDeadline');
      assert.ok(e.message.includes('已超过办理期限'), e.message);
      d = await w.detail(w.office, id);
      assert.equal(d.state, 'in_progress');
      assert.equal(d.deadline, '2026-12-04');
    }));

  it('closes an item: completion, office review with a proposed rating, the leader\'s rating (销号)', () =>
    world('2026-11-02', async (w) => {
      const id = await w.create({});
      await ok(w.act(w.town, id, 'sign'));
      let d = await ok(w.act(w.town, id, 'report_completion', { comment: '三个小区已通过竣工验收' }));
      assert.equal(d.state, 'completion_reported');
      assert.equal(d.progress, 100);
      assert.equal(d.feedbacks[0].kind, 'completion');
      assert.deepEqual((await w.todos(w.office, id)).map((t: any) => t.task), ['审核办结']);

      await refused(w.act(w.leader, id, 'accept', {}), 403, 'WORKFLOW_FORBIDDEN');
      d = await ok(w.act(w.office, id, 'accept', { comment: '材料齐全', rating: 'excellent' }));
      assert.equal(d.state, 'office_accepted');
      assert.equal(d.proposedRating, 'excellent');
      assert.equal(d.rating, null);
      assert.deepEqual((await w.todos(w.leader, id)).map((t: any) => t.task), ['确认销号']);

      const noRating = await refused(w.act(w.leader, id, 'confirm', { comment: '同意' }), 400, 'VALIDATION_FAILED', 'rating');
      assert.equal(noRating.message, '办理评价：不能为空');
      await refused(w.act(w.office, id, 'confirm', { rating: 'good' }), 403, 'WORKFLOW_FORBIDDEN');
      await refused(w.act(w.leader2, id, 'confirm', { rating: 'good' }), 403, 'WORKFLOW_FORBIDDEN');
      assert.equal((await w.detail(w.office, id)).state, 'office_accepted');

      d = await ok(w.act(w.leader, id, 'confirm', { comment: '办理质量较好', rating: 'good' }));
      assert.equal(d.state, 'completed');
      assert.equal(d.rating, 'good');
      assert.equal(d.ratingLabel, '良');
      assert.equal(d.colour, null);
      assert.deepEqual(d.colourReasons, []);
      assert.equal(d.completedAt, w.env.clock.now.toISOString());
      assert.deepEqual(d.availableActions, []);
      assert.deepEqual(await w.todos(w.leader, id), []);
      const list = await request(w.env, 'GET', '/api/assignments?state=completed', { session: w.leader });
      assert.deepEqual(list.body.items.map((i: any) => [i.id, i.rating, i.ratingLabel, i.colour]), [[id, 'good', '良', null]]);
    }));

  it('sends a reported completion back for more work (office from completion_reported, leader from office_accepted)', () =>
    world('2026-11-02', async (w) => {
      const id = await w.create({});
      await ok(w.act(w.town, id, 'sign'));
      await ok(w.act(w.town, id, 'report_completion', { comment: '已完成' }));
      await refused(w.act(w.office, id, 'send_back', {}), 400, 'VALIDATION_FAILED', 'comment');
      let d = await ok(w.act(w.office, id, 'send_back', { comment: '请补充验收报告' }));
      assert.equal(d.state, 'in_progress');
      assert.equal(d.colour, 'green');
      assert.deepEqual((await w.todos(w.town, id)).map((t: any) => t.task), ['办理']);
      assert.deepEqual(await w.todos(w.office, id), []);
      await ok(w.act(w.town, id, 'report_completion', { comment: '已补充验收报告' }));
      await ok(w.act(w.office, id, 'accept', {}));
      d = await ok(w.act(w.leader, id, 'send_back', { comment: '群众满意度调查未做' }));
      assert.equal(d.state, 'in_progress');
      assert.deepEqual(d.history.map((h: any) => h.action), ['create', 'notice', 'sign', 'report_completion', 'send_back', 'report_completion', 'accept', 'send_back']);
    }));

  it('turns colours with time through the scheduler\'s daily sweep and escalates: 催办单 by itself on red, then 督办通知单', () =>
    world('2026-11-02', async (w) => {
      const { env } = w;
      const id = await w.create({ deadline: { type: 'date', date: '2026-11-20' } });
      await ok(w.act(w.town, id, 'sign'));
      const done = await w.create({ title: '已办结的事项' });
      await ok(w.act(w.town, done, 'sign'));
      await ok(w.act(w.town, done, 'report_completion', { comment: '完成' }));
      await ok(w.act(w.office, done, 'accept', {}));
      await ok(w.act(w.leader, done, 'confirm', { rating: 'excellent' }));
      const registered = await w.create({ title: '未交办的事项', dispatch: false });

      const daily = async (date: string) => {
        w.day(date);
        const scheduler = new Scheduler(env.ctx);
        await scheduler.ensureRecurringJobs();
        await scheduler.tick();
        // Several jobs are due at once here (the day's sweep and the deadline reminders): each must run.
        const stuck = await env.ctx.db.selectFrom('scheduled_jobs').select(['kind', 'status']).where('status', '=', 'running').execute();
        assert.deepEqual(stuck, [], 'a job claimed by the tick was left "running" without being run');
        return w.detail(w.office, id);
      };
      // Monday 11-16: 4 working days left (17, 18, 19, 20) — still green.
      let d = await daily('2026-11-16');
      assert.equal(d.colour, 'green');
      // Tuesday 11-17: 3 working days left — yellow.
      d = await daily('2026-11-17');
      assert.equal(d.colour, 'yellow');
      assert.deepEqual(d.colourReasons, ['距办理期限仅剩3个工作日']);
      assert.equal(d.history.at(-1).action, 'colour');
      assert.equal(d.history.at(-1).comment, '预警由绿灯变为黄灯：距办理期限仅剩3个工作日');
      assert.equal(d.escalationCount, 0);

      // Monday 11-23: the deadline (Friday 11-20) has passed, and the once-only report was never made.
      d = await daily('2026-11-23');
      assert.equal(d.colour, 'red');
      assert.deepEqual(d.colourReasons, ['已逾期（办理期限2026-11-20）', '1次未按期反馈']);
      assert.equal(d.overdue, true);
      assert.equal(d.daysRemaining, -1);
      assert.equal(d.missedFeedbacks, 1);
      assert.equal(d.escalationCount, 1);
      assert.deepEqual(d.notices.map((n: any) => [n.kind, n.kindLabel, n.numberText, n.createdByName]), [
        ['dispatch', '交办单', '督交〔2026〕1号', 'office1姓名'],
        ['chase', '催办单', '督催〔2026〕1号', '系统'],
      ]);
      const esc = d.history.filter((h: any) => h.action === 'escalate');
      assert.deepEqual(esc.map((h: any) => [h.actorName, h.comment]), [['系统', '第1次催办，印发催办单（督催〔2026〕1号）']]);
      // The written reply is due 3 working days later (Thursday 11-26).
      const chase = (await w.todos(w.town, id)).filter((t: any) => t.task.startsWith('催办单'));
      assert.deepEqual(chase.map((t: any) => [t.task, t.urgency]), [['催办单：请于2026-11-26前书面反馈', 'urgent']]);

      // The same day again: nothing more (one sweep a day, and the colour did not change).
      d = await daily('2026-11-23');
      await sweepItems(env.ctx);
      d = await w.detail(w.office, id);
      assert.equal(d.escalationCount, 1);
      assert.equal(d.notices.length, 2);

      d = await ok(request(env, 'POST', `/api/assignments/${id}/escalate`, { session: w.office, body: { comment: '请立即报告' } }));
      assert.equal(d.escalationCount, 2);
      assert.deepEqual(d.notices.map((n: any) => n.kind), ['dispatch', 'chase', 'supervise']);
      assert.deepEqual([d.notices[2].kindLabel, d.notices[2].numberText, d.notices[2].createdByName], ['督办通知单', '督办〔2026〕1号', 'office1姓名']);
      assert.equal(d.history.at(-1).comment, '第2次催办，印发督办通知单（督办〔2026〕1号）：请立即报告');
      assert.ok((await w.todos(w.town, id)).some((t: any) => t.task === '督办通知单：请于2026-11-26前书面反馈'));
      const docx = await request(env, 'GET', `/api/assignments/${id}/notices/${d.notices[2].id}/docx`, { session: w.town });
      assert.equal(docx.status, 200);
      assert.equal(docx.raw.subarray(0, 2).toString('latin1'), 'PK');

      await refused(request(env, 'POST', `/api/assignments/${id}/escalate`, { session: w.town, body: {} }), 403, 'WORKFLOW_FORBIDDEN');
      await refused(request(env, 'POST', `/api/assignments/${id}/escalate`, { session: w.leader, body: {} }), 403, 'WORKFLOW_FORBIDDEN');
      await refused(request(env, 'POST', `/api/assignments/${done}/escalate`, { session: w.office, body: {} }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      await refused(request(env, 'POST', `/api/assignments/${registered}/escalate`, { session: w.office, body: {} }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      assert.equal((await w.detail(w.office, id)).escalationCount, 2);
    }));

  it('reminds the lead unit once the working day before a feedback falls due, and not when it has reported', () =>
    world('2026-11-02', async (w) => {
      const { env } = w;
      // Weekly on Friday: due 11-06, then 11-13.
      const id = await w.create({ title: '每周反馈提醒的事项', feedbackCycle: 'weekly' });
      await ok(w.act(w.town, id, 'sign'));
      const reminders = async () => (await w.todos(w.town, id)).filter((t: any) => t.task.startsWith('反馈提醒')).map((t: any) => t.task);
      const daily = async (date: string) => {
        w.day(date);
        const scheduler = new Scheduler(env.ctx);
        await scheduler.ensureRecurringJobs();
        await scheduler.tick();
        await scheduler.tick();
      };
      // Wednesday 11-04: two working days before — nothing yet.
      await daily('2026-11-04');
      assert.deepEqual(await reminders(), []);
      // Thursday 11-05: the working day before — one reminder; the same day again adds none.
      await daily('2026-11-05');
      assert.deepEqual(await reminders(), ['反馈提醒：2026-11-06前报送进展']);
      await daily('2026-11-05');
      await sweepItems(env.ctx);
      await daily('2026-11-06');
      assert.deepEqual(await reminders(), ['反馈提醒：2026-11-06前报送进展']);
      const d = await w.detail(w.office, id);
      assert.deepEqual(d.history.filter((h: any) => h.action === 'remind').map((h: any) => [h.actorName, h.comment]), [['系统', '请于2026-11-06前报送本期进展']]);

      // Monday 11-09: the unit reports, which answers the reminder; on Thursday 11-12 none follows for 11-13,
      // the window is answered already.
      w.day('2026-11-09');
      await ok(w.act(w.town, id, 'report_progress', { comment: '本周推进情况' }));
      assert.deepEqual(await reminders(), []);
      await daily('2026-11-12');
      assert.deepEqual(await reminders(), []);
      // Thursday 11-19, before the 11-20 report with none since 11-13: reminded again.
      await daily('2026-11-19');
      assert.deepEqual(await reminders(), ['反馈提醒：2026-11-20前报送进展']);
    }));

  it('counts missed feedbacks: one is yellow, two in a row are red, a feedback clears them', () =>
    world('2026-11-02', async (w) => {
      const { env } = w;
      const cal = createCalendar();
      // Weekly on Friday (default day 5): due Friday 11-06, 11-13, 11-20, …
      const weekly = await w.create({ title: '每周反馈的事项', feedbackCycle: 'weekly' });
      // Monthly on the 5th: due Thursday 11-05, then Saturday 12-05 → Monday 12-07.
      const monthly = await w.create({ title: '每月反馈的事项', feedbackCycle: 'monthly', feedbackDay: 5, deadline: { type: 'date', date: '2026-12-31' } });
      await ok(w.act(w.town, weekly, 'sign'));
      await ok(w.act(w.town, monthly, 'sign'));
      let d = await w.detail(w.office, weekly);
      assert.equal(d.feedbackLabel, '每周周五前反馈（遇节假日顺延）');
      assert.equal(d.nextFeedbackDue, '2026-11-06');
      assert.equal((await w.detail(w.office, monthly)).nextFeedbackDue, '2026-11-05');

      const sweep = async (date: string) => {
        w.day(date);
        await sweepItems(env.ctx);
      };
      // Friday 11-06: the weekly report is due today, not missed yet; the monthly one (11-05) is missed.
      await sweep('2026-11-06');
      d = await w.detail(w.office, weekly);
      assert.deepEqual([d.colour, d.missedFeedbacks], ['green', 0]);
      let m = await w.detail(w.office, monthly);
      assert.deepEqual([m.colour, m.missedFeedbacks, m.colourReasons, m.nextFeedbackDue], ['yellow', 1, ['1次未按期反馈'], '2026-12-07']);

      // Saturday 11-07: Friday passed without a report.
      await sweep('2026-11-07');
      d = await w.detail(w.office, weekly);
      assert.deepEqual([d.colour, d.missedFeedbacks, d.colourReasons, d.nextFeedbackDue], ['yellow', 1, ['1次未按期反馈'], '2026-11-13']);
      // Saturday 11-14: the second Friday too.
      await sweep('2026-11-14');
      d = await w.detail(w.office, weekly);
      assert.deepEqual([d.colour, d.missedFeedbacks, d.colourReasons, d.nextFeedbackDue], ['red', 2, ['连续2次未按期反馈'], '2026-11-20']);
      assert.equal(d.escalationCount, 1, 'red issues the 催办单 by itself');

      // Monday 11-16: a feedback at 40% clears the count; by the schedule 29.4% is due, so green again.
      w.day('2026-11-16');
      const expected = expectedProgress(cal, '2026-11-02', '2026-12-18', '2026-11-16');
      // 10 working days (11-03 … 11-16) of 34 (11-03 … 12-18): 29.41… → 29.4.
      assert.equal(expected, 29.4);
      d = await ok(w.act(w.town, weekly, 'report_progress', { comment: '已完成入户摸底', progress: 40 }));
      assert.deepEqual([d.colour, d.missedFeedbacks, d.colourReasons, d.expectedProgress], ['green', 0, [], expected]);
      assert.equal(d.feedbacks[0].late, true, 'the report came after a missed due date');
      assert.deepEqual((await w.todos(w.town, weekly)).map((t: any) => t.task), ['办理'], 'the feedback answers the 催办单');
      assert.equal(d.history.at(-1).action, 'colour');
      assert.equal(d.history.at(-1).comment, '预警由红灯变为绿灯');

      // The monthly item: Monday 12-07 is its (moved) due date, missed only from Tuesday 12-08.
      await sweep('2026-12-07');
      m = await w.detail(w.office, monthly);
      assert.deepEqual([m.colour, m.missedFeedbacks], ['yellow', 1]);
      await sweep('2026-12-08');
      m = await w.detail(w.office, monthly);
      assert.deepEqual([m.colour, m.missedFeedbacks, m.colourReasons], ['red', 2, ['连续2次未按期反馈']]);
    }));

  it('counts a feedback given on the day of 交办 for the first due date (feedback is owed from that day)', () =>
    world('2026-11-02', async (w) => {
      const { env } = w;
      const id = await w.create({ title: '当天即反馈的事项', feedbackCycle: 'weekly' });
      await ok(w.act(w.town, id, 'sign'));
      // Monday 11-02, the day of 交办: the unit reports at once, well before Friday 11-06.
      await ok(w.act(w.town, id, 'report_progress', { comment: '已部署，正在推进', progress: 10 }));
      w.day('2026-11-07');
      await sweepItems(env.ctx);
      const d = await w.detail(w.office, id);
      assert.equal(d.nextFeedbackDue, '2026-11-13');
      assert.deepEqual([d.missedFeedbacks, d.colour, d.colourReasons], [0, 'green', []], 'the report of 11-02 was given by the due date 11-06');
      const r = await ok(request(env, 'GET', '/api/supervision/ranking?from=2026-11-01&to=2026-11-07', { session: w.office }));
      assert.equal(r.rows.find((u: any) => u.unitId === w.c.township)?.feedbacksMissed ?? 0, 0, 'no missed report goes into the figures');
    }));

  it('warns when progress falls behind the straight-line schedule: yellow from 10 points, red above 30', () =>
    // Monday 2026-11-30: the schedule started 20 working days ago and ends 20 working days ahead.
    world('2026-11-30', async (w) => {
      const cal = createCalendar();
      assert.equal(cal.workdaysBetween('2026-11-02', '2026-11-30'), 20);
      assert.equal(cal.workdaysBetween('2026-11-30', '2026-12-28'), 20);
      const expected = expectedProgress(cal, '2026-11-02', '2026-12-28', '2026-11-30');
      assert.equal(expected, 50);
      const id = await w.create({ startDate: '2026-11-02', deadline: { type: 'date', date: '2026-12-28' }, tasks: [{ title: '完成入户走访', target: 1000, unitLabel: '户' }] });
      await ok(w.act(w.town, id, 'sign'));
      let d = await w.detail(w.office, id);
      assert.equal(d.expectedProgress, 50);
      assert.equal(d.colour, 'green', 'nothing measured yet: silence is for the missed-feedback rule');

      const report = async (value: number) => {
        const r = await ok(w.act(w.town, id, 'report_progress', { comment: `走访${value}户`, figures: [{ taskId: d.tasks[0].id, value }] }));
        return r;
      };
      // 401 of 1000 = 40.1%: 9.9 points behind — green.
      d = await report(401);
      assert.deepEqual([d.progress, d.colour, d.colourReasons], [40.1, 'green', []]);
      // 400 = 40.0%: 10.0 points behind — yellow.
      d = await report(400);
      assert.deepEqual([d.progress, d.colour, d.colourReasons], [40, 'yellow', ['进度落后10.0个百分点（按时序应完成50.0%，实际40.0%）']]);
      // 200 = 20.0%: 30.0 points behind — still yellow (red is more than 30).
      d = await report(200);
      assert.deepEqual([d.progress, d.colour, d.colourReasons], [20, 'yellow', ['进度落后30.0个百分点（按时序应完成50.0%，实际20.0%）']]);
      assert.equal(d.escalationCount, 0);
      // 199 = 19.9%: 30.1 points behind — red, and the 催办单 goes out.
      d = await report(199);
      assert.deepEqual([d.progress, d.colour, d.colourReasons], [19.9, 'red', ['进度落后30.1个百分点（按时序应完成50.0%，实际19.9%）']]);
      assert.equal(d.escalationCount, 1);
      assert.deepEqual(d.notices.map((n: any) => n.kind), ['dispatch', 'chase']);
    }));

  it('scopes reading: cooperating units see their items, other units nothing, leaders everything, classified items need clearance', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const id = await w.create({ title: '城关镇牵头事项', cooperatingUnitIds: [c.finance] });
      const secret = await w.create({ title: '涉密督查事项', classification: 'secret' });
      const list = async (s: Session, query = '') => (await ok(request(env, 'GET', `/api/assignments?pageSize=100${query}`, { session: s }))) as { items: any[]; total: number };

      let l = await list(w.fin, '&role=cooperating');
      assert.deepEqual(l.items.map((i) => i.id), [id]);
      assert.deepEqual(l.items[0].cooperatingUnits, [{ id: c.finance, name: '县财政局' }]);
      assert.deepEqual((await list(w.fin)).items.map((i) => i.id), [id]);
      const fd = await w.detail(w.fin, id);
      assert.ok(fd.myRelations.includes('cooperator'));
      assert.deepEqual((await list(w.town, '&role=cooperating')).total, 0);
      assert.deepEqual((await list(w.town, '&role=lead')).items.map((i) => i.id), [id], 'the classified one is hidden from the uncleared clerk');
      assert.deepEqual((await list(w.town)).items.map((i) => i.id), [id]);
      assert.equal((await list(w.otherTown)).total, 0);
      assert.equal((await list(w.build)).total, 0);
      await refused(request(env, 'GET', `/api/assignments/${id}`, { session: w.otherTown }), 404, 'NOT_FOUND');
      await refused(request(env, 'GET', `/api/assignments/${id}`, { session: w.build }), 404, 'NOT_FOUND');

      // Leaders see every item (leader2 is not responsible for either), the classified one by clearance.
      l = await list(w.leader2);
      assert.deepEqual(l.items.map((i) => i.id).sort(), [id, secret].sort());
      assert.deepEqual((await w.detail(w.leader2, id)).myRelations, ['overseer']);
      assert.equal((await list(w.office)).total, 2);

      await refused(request(env, 'GET', `/api/assignments/${secret}`, { session: w.town }), 403, 'CLEARANCE_INSUFFICIENT');
      assert.equal((await list(w.town, `&q=${encodeURIComponent('涉密督查事项')}`)).total, 0);

      // The board, figures and circulars are for the office and the leaders.
      for (const url of ['/api/supervision/board', '/api/supervision/ranking', '/api/supervision/circulars', '/api/supervision/accountability']) {
        await refused(request(env, 'GET', url, { session: w.town }), 403, 'FORBIDDEN');
        assert.equal((await request(env, 'GET', url, { session: w.leader2 })).status, 200, url);
      }
      await refused(request(env, 'POST', '/api/supervision/circulars', { session: w.town, body: { from: '2026-10-01', to: '2026-10-31' } }), 403, 'FORBIDDEN');
      await refused(request(env, 'GET', '/api/supervision/import/template', { session: w.town }), 403, 'FORBIDDEN');

      // The rules: anyone reads them, only the office changes them, and only to something sensible.
      const config = await ok(request(env, 'GET', '/api/supervision/config', { session: w.town }));
      assert.deepEqual(config, {
        receiptWorkdays: 2, dueSoonWorkdays: 3, yellowBehindPoints: 10, redBehindPoints: 30, yellowMissedFeedbacks: 1, redMissedFeedbacks: 2,
        autoEscalateOnRed: true, escalationReplyWorkdays: 3, interviewRedThreshold: 3,
      });
      await refused(request(env, 'PUT', '/api/supervision/config', { session: w.town, body: config }), 403, 'FORBIDDEN');
      await refused(request(env, 'PUT', '/api/supervision/config', { session: w.leader, body: config }), 403, 'FORBIDDEN');
      await refused(request(env, 'PUT', '/api/supervision/config', { session: w.office, body: { ...config, yellowBehindPoints: 20, redBehindPoints: 15 } }), 400, 'VALIDATION_FAILED', 'redBehindPoints');
      await refused(request(env, 'PUT', '/api/supervision/config', { session: w.office, body: { ...config, redMissedFeedbacks: 1, yellowMissedFeedbacks: 2 } }), 400, 'VALIDATION_FAILED', 'redMissedFeedbacks');
      await refused(request(env, 'PUT', '/api/supervision/config', { session: w.office, body: { ...config, receiptWorkdays: 0 } }), 400, 'VALIDATION_FAILED', 'receiptWorkdays');
      const saved = await ok(request(env, 'PUT', '/api/supervision/config', { session: w.office, body: { ...config, yellowBehindPoints: 15, interviewRedThreshold: 2 } }));
      assert.deepEqual(saved, { ...config, yellowBehindPoints: 15, interviewRedThreshold: 2 });
      assert.deepEqual(await ok(request(env, 'GET', '/api/supervision/config', { session: w.leader })), saved);
    }));

  it('imports pasted rows: all or nothing, with row-level errors', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const row = (o: Record<string, unknown> = {}) => ({
        title: '完成城东污水管网改造', content: '年底前完成城东片区污水管网改造。', sourceLabel: '会议议定事项', sourceRef: '县委常委会2026年第12次会议纪要',
        level: '重点', leadUnit: '城关镇', cooperatingUnits: '县财政局、县住建局', leader: 'leader1姓名', completionStandard: '管网通水验收', deadline: '2026-12-31',
        feedbackCycle: '每月', feedbackDay: 5, ...o,
      });
      const total = async () => (await ok(request(env, 'GET', '/api/assignments', { session: w.office }))).total as number;

      const r = await ok(request(env, 'POST', '/api/supervision/import', { session: w.office, body: { rows: [row(), row({ title: '河西镇道路硬化', leadUnit: '河西镇', cooperatingUnits: '县住建局', level: '一般', sourceLabel: '上级交办', feedbackCycle: '', feedbackDay: '' })] } }));
      assert.equal(r.created, 2);
      assert.deepEqual(r.errors, []);
      assert.equal(r.ids.length, 2);
      const a = await w.detail(w.office, r.ids[0]);
      assert.deepEqual([a.title, a.state, a.assigneeUnitId, a.leaderId, a.sourceKind, a.source.ref, a.level, a.deadline, a.feedbackLabel, a.completionStandard], [
        '完成城东污水管网改造', 'pending_receipt', c.township, c.leader, 'meeting_minutes', '县委常委会2026年第12次会议纪要', 'key', '2026-12-31', '每月5日前反馈（遇节假日顺延）', '管网通水验收',
      ]);
      assert.deepEqual(a.cooperatingUnits.map((u: any) => u.id).sort(), [c.finance, c.housing].sort());
      assert.equal(a.notices.length, 1);
      const b = await w.detail(w.office, r.ids[1]);
      assert.deepEqual([b.title, b.assigneeUnitId, b.sourceKind, b.level, b.feedbackLabel], ['河西镇道路硬化', c.otherTownship, 'superior_assignment', 'general', '办理期限前反馈一次']);
      assert.deepEqual(b.cooperatingUnits, [{ id: c.housing, name: '县住建局' }]);
      assert.equal(await total(), 2);

      // One good row and three bad ones: nothing is created, every error names its row and column.
      const bad = await ok(request(env, 'POST', '/api/supervision/import', {
        session: w.office,
        body: { rows: [row({ title: '好的一行' }), row({ leadUnit: '不存在局' }), row({ deadline: '2026-13-01' }), row({ sourceLabel: '领导说的' })] },
      }));
      assert.equal(bad.created, 0);
      assert.deepEqual(bad.ids, []);
      assert.deepEqual(bad.errors.map((e: any) => [e.row, e.field]), [[2, '牵头单位'], [3, '办理期限'], [4, '来源类别']]);
      assert.equal(bad.errors[0].message, '“不存在局”不是系统中的单位');
      assert.equal(bad.errors[1].message, '“2026-13-01”不是有效日期，格式为YYYY-MM-DD');
      assert.match(bad.errors[2].message, /^“领导说的”无效/);
      assert.equal(await total(), 2, 'no item was created');

      const registered = await ok(request(env, 'POST', '/api/supervision/import', { session: w.office, body: { rows: [row({ title: '只立项' })], dispatch: false } }));
      assert.equal(registered.created, 1);
      assert.equal((await w.detail(w.office, registered.ids[0])).state, 'registered');

      await refused(request(env, 'POST', '/api/supervision/import', { session: w.town, body: { rows: [row()] } }), 403, 'FORBIDDEN');
      assert.equal(await total(), 3);
    }));

  it('imports the .xlsx template filled in (the example row is ignored)', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const t = await request(env, 'GET', '/api/supervision/import/template', { session: w.office });
      assert.equal(t.status, 200);
      assert.equal(t.headers['content-type'], XLSX);
      const fill = async (rows: (string | number)[][]) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(t.raw as unknown as ArrayBuffer);
        const ws = wb.getWorksheet('督查事项')!;
        assert.equal(ws.getRow(1).getCell(1).value, '事项名称*');
        assert.match(String(ws.getRow(2).getCell(1).value), /^示例/);
        rows.forEach((r, i) => ws.getRow(3 + i).values = r);
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      // 事项名称, 事项内容, 来源类别, 来源文件或会议, 重要程度, 牵头单位, 配合单位, 责任领导, 责任人, 完成标准, 办理期限, 反馈周期, 反馈日
      const good = [
        ['建设城关镇农贸市场', '年内完成农贸市场主体建设。', '党委决策部署', '县委全会决定', '重点', '城关镇', '县财政局', 'leader1姓名', 'town1姓名', '主体完工', '2026-12-25', '每周', 5],
        ['河西镇防汛设施检修', '汛前完成防汛设施检修。', '领导批示', '', '一般', '河西镇', '', 'leader2姓名', '', '', '2026-12-15', '', ''],
      ];
      const r = await ok(request(env, 'POST', '/api/supervision/import', { session: w.office, ...multipart(await fill(good), 'items.xlsx') }));
      assert.deepEqual(r.errors, []);
      assert.equal(r.created, 2);
      const a = await w.detail(w.office, r.ids[0]);
      assert.deepEqual([a.title, a.assigneeUnitId, a.assigneeUserId, a.leaderId, a.sourceKind, a.level, a.deadline, a.feedbackLabel, a.state], [
        '建设城关镇农贸市场', c.township, c.townClerk, c.leader, 'committee_decision', 'key', '2026-12-25', '每周周五前反馈（遇节假日顺延）', 'pending_receipt',
      ]);
      assert.deepEqual(a.cooperatingUnits, [{ id: c.finance, name: '县财政局' }]);
      const b = await w.detail(w.office, r.ids[1]);
      assert.deepEqual([b.title, b.assigneeUnitId, b.leaderId, b.sourceKind, b.deadline, b.cooperatingUnits], ['河西镇防汛设施检修', c.otherTownship, c.leader2, 'leader_instruction', '2026-12-15', []]);

      // Errors carry the Excel row number; with one, nothing is created.
      const wrong = await ok(request(env, 'POST', '/api/supervision/import', {
        session: w.office,
        ...multipart(await fill([good[0]!, ['第二行', '内容', '领导交办', '', '', '城关镇', '不存在局', 'leader1姓名', '', '', '2026-12-25', '每天', '']]), 'items.xlsx'),
      }));
      assert.equal(wrong.created, 0);
      assert.deepEqual(wrong.errors.map((e: any) => [e.row, e.field]), [[4, '配合单位'], [4, '反馈周期']]);

      const registered = await ok(request(env, 'POST', '/api/supervision/import', { session: w.office, ...multipartWithFields(await fill([good[1]!]), 'items.xlsx', { dispatch: 'false' }) }));
      assert.equal(registered.created, 1);
      assert.equal((await w.detail(w.office, registered.ids[0])).state, 'registered');
      assert.equal((await ok(request(env, 'GET', '/api/assignments', { session: w.office }))).total, 3);
    }));

  it('records accountability (约谈, 扣分, 限期整改) against a unit\'s own items only', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const mine = await w.create({ title: '城关镇的事项' });
      const theirs = await w.create({ title: '河西镇的事项', assigneeUnitId: c.otherTownship });
      const post = (s: Session, body: Record<string, unknown>) => request(env, 'POST', '/api/supervision/accountability', { session: s, body });

      const { id } = await ok(post(w.office, { kind: 'interview', unitId: c.township, assignmentIds: [mine], reason: '事项推进迟缓' }));
      const l = await ok(request(env, 'GET', `/api/supervision/accountability?unitId=${c.township}`, { session: w.leader }));
      assert.equal(l.total, 1);
      const rec = l.items[0];
      assert.deepEqual([rec.id, rec.kind, rec.kindLabel, rec.unitId, rec.unitName, rec.reason, rec.points, rec.dueDate, rec.createdByName], [id, 'interview', '约谈', c.township, '城关镇', '事项推进迟缓', null, null, 'office1姓名']);
      assert.deepEqual(rec.assignments, [{ id: mine, serial: '交办〔2026〕1号', title: '城关镇的事项' }]);

      await refused(post(w.office, { kind: 'interview', unitId: c.township, assignmentIds: [theirs], reason: '张冠李戴' }), 400, 'VALIDATION_FAILED', 'assignmentIds');
      await refused(post(w.office, { kind: 'deduction', unitId: c.township, assignmentIds: [mine], reason: '逾期' }), 400, 'VALIDATION_FAILED', 'points');
      await refused(post(w.office, { kind: 'rectification', unitId: c.township, reason: '整改' }), 400, 'VALIDATION_FAILED', 'dueDate');
      await refused(post(w.town, { kind: 'interview', unitId: c.township, reason: '越权' }), 403, 'FORBIDDEN');
      await ok(post(w.office, { kind: 'deduction', unitId: c.township, assignmentIds: [mine], reason: '逾期', points: 2 }));
      await ok(post(w.office, { kind: 'rectification', unitId: c.township, reason: '限期整改', dueDate: '2026-11-30' }));

      const all = await ok(request(env, 'GET', `/api/supervision/accountability?unitId=${c.township}`, { session: w.office }));
      assert.equal(all.total, 3);
      assert.deepEqual(all.items.map((r: any) => [r.kind, r.points, r.dueDate]).sort(), [['deduction', 2, null], ['interview', null, null], ['rectification', null, '2026-11-30']]);
      const linked = await ok(request(env, 'GET', `/api/supervision/accountability?assignmentId=${mine}`, { session: w.office }));
      assert.deepEqual(linked.items.map((r: any) => r.kind).sort(), ['deduction', 'interview']);
      assert.equal((await ok(request(env, 'GET', `/api/supervision/accountability?unitId=${c.otherTownship}`, { session: w.office }))).total, 0);
    }));

  it('shows the board by colour per unit, source and leader, and proposes 约谈 at 3 red items in a quarter', () =>
    // Monday 2026-11-30; every item's schedule runs 11-02 → 12-28, so 50% is due today (see the behind-schedule test).
    world('2026-11-30', async (w) => {
      const { c, env } = w;
      const sched = { startDate: '2026-11-02', deadline: { type: 'date', date: '2026-12-28' } };
      const signedAt = async (title: string, progress: number, extra: Record<string, unknown> = {}) => {
        const id = await w.create({ title, ...sched, ...extra });
        await ok(w.act(w.town, id, 'sign'));
        await ok(w.act(w.town, id, 'report_progress', { comment: `完成${progress}%`, progress }));
        return id;
      };
      const green = await signedAt('绿灯事项', 60); // 10 points ahead
      const yellow = await signedAt('黄灯事项', 35); // 15 behind
      const red1 = await signedAt('红灯事项一', 10, { sourceKind: 'superior_assignment' }); // 40 behind
      const red2 = await signedAt('红灯事项二', 15, { leaderId: c.leader2 }); // 35 behind
      const otherGreen = await w.create({ title: '河西镇待签收事项', assigneeUnitId: c.otherTownship, ...sched });
      await w.create({ title: '只立项未交办', dispatch: false });
      const closed = await w.create({ title: '本月办结事项' });
      await ok(w.act(w.town, closed, 'sign'));
      await ok(w.act(w.town, closed, 'report_completion', { comment: '完成' }));
      await ok(w.act(w.office, closed, 'accept', {}));
      await ok(w.act(w.leader, closed, 'confirm', { rating: 'good' }));
      assert.deepEqual(await Promise.all([green, yellow, red1, red2, otherGreen].map(async (id) => (await w.detail(w.office, id)).colour)), ['green', 'yellow', 'red', 'red', 'green']);

      const board = async (query = '') => ok(request(env, 'GET', `/api/supervision/board${query}`, { session: w.leader2 }));
      let b = await board();
      assert.deepEqual(b.totals, { open: 5, green: 2, yellow: 1, red: 2, registered: 1, completedThisMonth: 1 });
      assert.deepEqual(b.byUnit, [
        { unitId: c.township, unitName: '城关镇', green: 1, yellow: 1, red: 2, open: 4 },
        { unitId: c.otherTownship, unitName: '河西镇', green: 1, yellow: 0, red: 0, open: 1 },
      ]);
      // Most red first, then most yellow.
      assert.deepEqual(b.bySource, [
        { sourceKind: 'leader_assignment', label: '领导交办', green: 2, yellow: 1, red: 1, open: 4 },
        { sourceKind: 'superior_assignment', label: '上级交办', green: 0, yellow: 0, red: 1, open: 1 },
      ]);
      assert.deepEqual(b.byLeader, [
        { leaderId: c.leader, leaderName: 'leader1姓名', green: 2, yellow: 1, red: 1, open: 4 },
        { leaderId: c.leader2, leaderName: 'leader2姓名', green: 0, yellow: 0, red: 1, open: 1 },
      ]);
      assert.deepEqual(b.interviewProposals, [], 'two red items are not enough');
      // Red then yellow; the red ones share a deadline.
      assert.deepEqual(b.attention.slice(0, 2).map((a: any) => a.id).sort(), [red1, red2].sort());
      assert.deepEqual(b.attention.map((a: any) => a.id).slice(2), [yellow]);
      const att = b.attention.find((a: any) => a.id === red1);
      assert.deepEqual([att.colour, att.latestFeedback.text, att.latestFeedback.unitName], ['red', '完成10%', '城关镇']);

      const only = await board(`?unitId=${c.otherTownship}`);
      assert.deepEqual(only.totals, { open: 1, green: 1, yellow: 0, red: 0, registered: 0, completedThisMonth: 0 });

      // A third red item of 城关镇 this quarter: proposed for 约谈.
      await ok(w.act(w.town, yellow, 'report_progress', { comment: '进展缓慢', progress: 5 }));
      b = await board();
      assert.deepEqual(b.totals, { open: 5, green: 2, yellow: 0, red: 3, registered: 1, completedThisMonth: 1 });
      assert.deepEqual(b.interviewProposals, [{ unitId: c.township, unitName: '城关镇', redItems: 3, quarterLabel: '2026年第4季度' }]);
      // With the threshold at 4 it is not.
      const config = await ok(request(env, 'GET', '/api/supervision/config', { session: w.office }));
      await ok(request(env, 'PUT', '/api/supervision/config', { session: w.office, body: { ...config, interviewRedThreshold: 4 } }));
      assert.deepEqual((await board()).interviewProposals, []);
      // Drill-down: the list with the same filter plus a colour.
      const reds = await ok(request(env, 'GET', `/api/assignments?unitId=${c.township}&colour=red`, { session: w.leader2 }));
      assert.deepEqual(reds.items.map((i: any) => i.id).sort(), [yellow, red1, red2].sort());
    }));

  it("keeps a township's own leader to his township's items: no board, no other unit's item", () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      await makeUser(env, 'townleader', { unitId: c.township, roles: ['leader'], isLeader: true, leaderRank: '书记', clearance: 'secret' });
      const townLeader = await login(env, 'townleader');
      const own = await w.create();
      const other = await w.create({ assigneeUnitId: c.otherTownship, title: '河西镇的事项' });
      const me = await ok(request(env, 'GET', '/api/auth/me', { session: townLeader }));
      assert.equal(me.user.unitKind, 'township');
      const list = await ok(request(env, 'GET', '/api/assignments', { session: townLeader }));
      assert.deepEqual(list.items.map((i: any) => i.id), [own]);
      await refused(request(env, 'GET', `/api/assignments/${other}`, { session: townLeader }), 404, 'NOT_FOUND');
      await refused(request(env, 'GET', '/api/supervision/board', { session: townLeader }), 403, 'FORBIDDEN');
      await refused(request(env, 'GET', '/api/supervision/ranking', { session: townLeader }), 403, 'FORBIDDEN');
    }));
});

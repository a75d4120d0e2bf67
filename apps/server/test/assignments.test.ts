import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, makeUser, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

describe(`领导交办 assignments (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedCounty>>;
  let leader: Session, leader2: Session, office: Session, town: Session, otherTown: Session;

  // Monday 2026-11-02 10:00 Shanghai.
  before(async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    c = await seedCounty(env);
    [leader, leader2, office, town, otherTown] = await Promise.all(['leader1', 'leader2', 'office1', 'town1', 'town2'].map((u) => login(env, u)));
  });
  after(() => env.close());

  const create = (s: Session, body: Record<string, unknown>) =>
    request(env, 'POST', '/api/assignments', { session: s, body: { title: '推进老旧小区改造', instruction: '请于月底前完成摸底并报告。', assigneeUnitId: c.township, urgency: 'urgent', deadline: { type: 'workdays', days: 5 }, ...body } });
  const act = (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => request(env, 'POST', `/api/assignments/${id}/actions/${action}`, { session: s, body });
  const counts = async (s: Session) => (await request(env, 'GET', '/api/inbox/counts', { session: s })).body;

  it('creates an assignment with a working-day deadline, a serial number and inbox items', async () => {
    const r = await create(leader, {});
    assert.equal(r.status, 200);
    const d = await request(env, 'GET', `/api/assignments/${r.body.id}`, { session: leader });
    assert.equal(d.status, 200);
    assert.equal(d.body.serial, '交办〔2026〕1号');
    assert.equal(d.body.state, 'pending_receipt');
    assert.equal(d.body.deadline, '2026-11-09', '5 working days after Monday 2026-11-02');
    assert.equal(d.body.deadlineRule, '5个工作日（按法定节假日和调休计算）');
    assert.equal(d.body.leaderName, 'leader1姓名');
    assert.deepEqual(d.body.availableActions.map((a: any) => a.action), ['cancel']);
    // A leader's own 交办 is dispatched at once: the 交办单 goes out and the unit has 2 working days to sign.
    assert.equal(d.body.source.kind, 'leader_assignment');
    assert.equal(d.body.sourceLabel, '领导交办');
    assert.equal(d.body.receiptDue, '2026-11-04');
    assert.deepEqual(
      d.body.notices.map((n: any) => [n.kind, n.kindLabel, n.numberText, n.unitName]),
      [['dispatch', '交办单', '督交〔2026〕1号', '城关镇']],
    );
    assert.deepEqual(await counts(town), { todo: 1, done: 0, mine: 0, unread: 1, overdue: 0 });
    assert.deepEqual(await counts(leader), { todo: 0, done: 0, mine: 1, unread: 0, overdue: 0 });
    const inbox = await request(env, 'GET', '/api/inbox?box=todo', { session: town });
    assert.equal(inbox.body.items[0].task, '签收');
    assert.equal(inbox.body.items[0].title, '推进老旧小区改造');
    assert.equal(inbox.body.items[0].dueSoon, false);
  });

  it('walks every transition: sign, progress, extension refused and approved, completion sent back, then confirmed', async () => {
    const { body } = await create(leader, { title: '整治河道' });
    const id = body.id;
    let r = await act(town, id, 'sign');
    assert.equal(r.status, 200);
    assert.equal(r.body.state, 'in_progress');
    assert.deepEqual(r.body.availableActions.map((a: any) => a.action).sort(), ['report_completion', 'report_progress', 'request_extension']);

    r = await act(town, id, 'report_progress', { comment: '已完成摸底，涉及3个小区' });
    assert.equal(r.body.state, 'in_progress');
    assert.equal(r.body.latestProgress.comment, '已完成摸底，涉及3个小区');

    r = await act(town, id, 'request_extension', { comment: '雨季影响施工', newDeadline: '2026-11-20' });
    assert.equal(r.body.state, 'extension_requested');
    assert.deepEqual(r.body.pendingExtension, { newDeadline: '2026-11-20', reason: '雨季影响施工' });
    const leaderInbox = await request(env, 'GET', '/api/inbox?box=todo', { session: leader });
    assert.equal(leaderInbox.body.items.find((i: any) => i.entityId === id).task, '审批延期');

    r = await act(leader, id, 'refuse_extension', { comment: '时间紧，请加快' });
    assert.equal(r.body.state, 'in_progress');
    assert.equal(r.body.deadline, '2026-11-09');

    r = await act(town, id, 'request_extension', { comment: '确需延期', newDeadline: '2026-11-20' });
    r = await act(office, id, 'approve_extension', {});
    assert.equal(r.body.state, 'in_progress');
    assert.equal(r.body.deadline, '2026-11-20');
    assert.equal(r.body.pendingExtension, null);

    r = await act(town, id, 'report_completion', { comment: '已全部完成' });
    assert.equal(r.body.state, 'completion_reported');
    r = await act(leader, id, 'send_back', { comment: '请补充照片' });
    assert.equal(r.body.state, 'in_progress');
    r = await act(town, id, 'report_completion', { comment: '已补充' });
    // 销号 needs the office's review first, then the leader's rating.
    r = await act(leader, id, 'confirm', { rating: 'good' });
    assert.equal(r.status, 409);
    const officeInbox = await request(env, 'GET', '/api/inbox?box=todo', { session: office });
    assert.equal(officeInbox.body.items.find((i: any) => i.entityId === id).task, '审核办结');
    r = await act(office, id, 'accept', { comment: '材料齐全', rating: 'excellent' });
    assert.equal(r.status, 200);
    assert.equal(r.body.state, 'office_accepted');
    r = await act(leader, id, 'confirm', {});
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'rating');
    r = await act(leader, id, 'confirm', { rating: 'good' });
    assert.equal(r.body.state, 'completed');
    assert.equal(r.body.rating, 'good');
    assert.equal(r.body.ratingLabel, '良');
    assert.deepEqual(r.body.availableActions, []);
    assert.deepEqual(
      r.body.history.map((h: any) => h.action),
      ['create', 'notice', 'sign', 'report_progress', 'request_extension', 'refuse_extension', 'request_extension', 'approve_extension', 'report_completion', 'send_back', 'report_completion', 'accept', 'confirm'],
    );
    const mine = await request(env, 'GET', '/api/inbox?box=mine', { session: leader });
    const row = mine.body.items.find((i: any) => i.entityId === id);
    assert.equal(row.task, '已办结');
    assert.equal(row.state, 'done');
    const townTodo = await request(env, 'GET', '/api/inbox?box=todo', { session: town });
    assert.equal(townTodo.body.items.some((i: any) => i.entityId === id), false);
  });

  it('should refuse a transition from the wrong state with 409 and a Chinese message', async () => {
    const { body } = await create(leader, {});
    const r = await act(leader, body.id, 'confirm');
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'WORKFLOW_ACTION_NOT_ALLOWED');
    assert.equal(r.body.error.message, '当前状态"待签收"下不能执行"确认销号"');
  });

  it('should refuse a transition by the wrong party with 403', async () => {
    const { body } = await create(leader, {});
    const r = await act(leader, body.id, 'sign');
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'WORKFLOW_FORBIDDEN');
    await act(town, body.id, 'sign');
    // Leaders follow every item on the board, but only the lead unit reports on it.
    const seen = await request(env, 'GET', `/api/assignments/${body.id}`, { session: leader2 });
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.availableActions, []);
    const byLeader2 = await act(leader2, body.id, 'report_progress', { comment: 'x' });
    assert.equal(byLeader2.status, 403);
    assert.equal(byLeader2.body.error.code, 'WORKFLOW_FORBIDDEN');
  });

  it('should refuse missing comments and bad extension dates with the field named', async () => {
    const { body } = await create(leader, {});
    await act(town, body.id, 'sign');
    let r = await act(town, body.id, 'report_progress', { comment: '   ' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'comment');
    assert.equal(r.body.error.message, '意见：不能为空');
    r = await act(town, body.id, 'request_extension', { comment: '原因' });
    assert.equal(r.body.error.field, 'newDeadline');
    r = await act(town, body.id, 'request_extension', { comment: '原因', newDeadline: '2026-11-05' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'newDeadline');
    r = await act(town, body.id, 'report_progress', { comment: 'x', extra: 1 });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /不允许的字段：extra/);
    const d = await request(env, 'GET', `/api/assignments/${body.id}`, { session: leader });
    assert.deepEqual(d.body.history.map((h: any) => h.action), ['create', 'notice', 'sign'], 'refused steps leave no trace in the history');
  });

  it('cancels with a reason and closes the assignee\'s to-dos', async () => {
    const { body } = await create(leader, {});
    const beforeCount = (await counts(town)).todo;
    const noReason = await act(leader, body.id, 'cancel', {});
    assert.equal(noReason.status, 400);
    const r = await act(leader, body.id, 'cancel', { comment: '情况变化' });
    assert.equal(r.body.state, 'cancelled');
    assert.equal((await counts(town)).todo, beforeCount - 1);
  });

  it('scopes lists and details: another township sees nothing, the office and every leader see all', async () => {
    const { body } = await create(leader, { title: '只给城关镇' });
    const other = await request(env, 'GET', `/api/assignments/${body.id}`, { session: otherTown });
    assert.equal(other.status, 404);
    const list = await request(env, 'GET', '/api/assignments?q=只给城关镇', { session: otherTown });
    assert.equal(list.body.total, 0);
    const officeList = await request(env, 'GET', '/api/assignments?q=只给城关镇', { session: office });
    assert.equal(officeList.body.total, 1);
    const leaderList = await request(env, 'GET', '/api/assignments?q=只给城关镇', { session: leader2 });
    assert.equal(leaderList.body.total, 1, 'a leader who did not assign it still sees it');
    const townList = await request(env, 'GET', '/api/assignments?q=只给城关镇', { session: town });
    assert.equal(townList.body.items[0].assigneeUnitName, '城关镇');
  });

  it('hides classified assignments from users without clearance', async () => {
    const { body } = await create(leader, { title: '涉密事项', classification: 'secret' });
    const r = await request(env, 'GET', `/api/assignments/${body.id}`, { session: town });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'CLEARANCE_INSUFFICIENT');
    const list = await request(env, 'GET', '/api/assignments?q=涉密事项', { session: town });
    assert.equal(list.body.total, 0);
    const ok = await request(env, 'GET', `/api/assignments/${body.id}`, { session: leader });
    assert.equal(ok.status, 200);
    const reads = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'assignment.read_classified').where('entity_id', '=', body.id).execute();
    assert.deepEqual(reads, [{ actor_id: c.leader, detail: '{"classification":"secret"}' }]);
    const tooHigh = await create(office, { title: '绝密', classification: 'top_secret', leaderId: c.leader });
    assert.equal(tooHigh.status, 403);
  });

  it('lets the office create on a leader\'s behalf, and requires that leader', async () => {
    const missing = await create(office, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, 'leaderId');
    const notLeader = await create(office, { leaderId: c.townClerk });
    assert.equal(notLeader.body.error.field, 'leaderId');
    const ok = await create(office, { leaderId: c.leader2 });
    assert.equal(ok.status, 200);
    const d = await request(env, 'GET', `/api/assignments/${ok.body.id}`, { session: leader2 });
    assert.equal(d.body.leaderName, 'leader2姓名');
    assert.equal(d.body.createdByName, 'office1姓名');
    const unitClerk = await create(town, {});
    assert.equal(unitClerk.status, 403);
  });

  it('validates the deadline: past dates, too many days, and marks years without holiday data', async () => {
    const past = await create(leader, { deadline: { type: 'date', date: '2026-10-01' } });
    assert.equal(past.status, 400);
    assert.equal(past.body.error.message, '办理期限：不能早于今天');
    const bad = await create(leader, { deadline: { type: 'date', date: '2026-02-30' } });
    assert.equal(bad.body.error.message, '办理期限：不是有效的日期');
    const many = await create(leader, { deadline: { type: 'workdays', days: 0 } });
    assert.equal(many.status, 400);
    assert.equal(many.body.error.field, 'deadline.days');
    const nextYear = await create(leader, { deadline: { type: 'workdays', days: 60 } });
    const d = await request(env, 'GET', `/api/assignments/${nextYear.body.id}`, { session: leader });
    assert.match(d.body.deadlineRule, /该年度节假日安排尚未录入/);
  });

  it('marks overdue and due-soon items, overdue first in the to-do list', async () => {
    const soon = await create(leader, { title: '即将到期事项', deadline: { type: 'workdays', days: 2 } });
    const later = await create(leader, { title: '稍后到期事项', deadline: { type: 'workdays', days: 10 } });
    const saved = env.clock.now;
    env.clock.now = new Date('2026-11-05T02:00:00Z'); // Thursday: the 2-day one (due Wed 11-04) is overdue
    try {
      // Three days later the old sessions have long expired.
      const [town, leader] = [await login(env, 'town1'), await login(env, 'leader1')];
      const list = await request(env, 'GET', '/api/inbox?box=todo', { session: town });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const first = list.body.items[0];
      assert.equal(first.entityId, soon.body.id);
      assert.equal(first.overdue, true);
      const overdue = await request(env, 'GET', '/api/assignments?flag=overdue&q=即将到期事项', { session: leader });
      assert.equal(overdue.body.total, 1);
      assert.equal(overdue.body.items[0].daysRemaining, -1);
      const open = await request(env, 'GET', '/api/assignments?flag=open&pageSize=100', { session: leader });
      const deadlines = open.body.items.map((i: any) => i.deadline);
      assert.deepEqual(deadlines, [...deadlines].sort(), 'open items come earliest deadline first');
      assert.equal(open.body.items[0].overdue, true);
      assert.equal(open.body.items.some((i: any) => i.state === 'completed' || i.state === 'cancelled'), false);
      const laterItem = (await request(env, 'GET', `/api/assignments/${later.body.id}`, { session: leader })).body;
      assert.equal(laterItem.overdue, false);
      assert.equal((await counts(town)).overdue >= 1, true);
    } finally {
      env.clock.now = saved;
    }
  });

  it('sends the to-dos to the named person only, when one is named', async () => {
    const person = await makeUser(env, 'town1b', { unitId: c.township, roles: ['unit'] });
    const s = await login(env, 'town1b');
    const before1 = (await counts(town)).todo;
    const r = await create(leader, { assigneeUserId: person });
    assert.equal(r.status, 200);
    assert.equal((await counts(s)).todo, 1);
    assert.equal((await counts(town)).todo, before1);
    const wrong = await create(leader, { assigneeUserId: c.otherClerk });
    assert.equal(wrong.body.error.field, 'assigneeUserId');
  });
});

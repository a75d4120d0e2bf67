import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { createTestEnv, DIALECT, login, makeUser, request, seedDocumentCounty, type Session, type TestEnv } from './helpers.ts';

/**
 * 收文 (条例 第24条): 签收 → 登记 → 初审 → 拟办 → 批示 → 承办 / 协办 / 传阅 → 催办 → 办结 and 答复 → 归档,
 * for documents sent through Zhongshu and for paper mail registered by hand.
 */

/** A county with the 城关镇's leaders and clerks logged in; each describe gets its own database. */
function world(now = '2026-11-02T02:00:00Z') {
  const w = {} as {
    env: TestEnv;
    c: Awaited<ReturnType<typeof seedDocumentCounty>> & { townVice: string; townWei: string; townXuan: string };
    s: Record<'drafter' | 'reviewer' | 'secretary' | 'townClerk' | 'townHead' | 'townDeputy' | 'townVice' | 'townWei' | 'townXuan' | 'villageClerk' | 'otherClerk' | 'orgClerk', Session>;
  };
  before(async () => {
    w.env = await createTestEnv({ now, idleMinutes: 60 * 24 * 365 });
    const county = await seedDocumentCounty(w.env);
    w.c = {
      ...county,
      townVice: await makeUser(w.env, 'townvice', { unitId: county.township, roles: ['leader'], leaderRank: '副镇长' }),
      townWei: await makeUser(w.env, 'townwei', { unitId: county.township, roles: ['leader'], leaderRank: '组织委员' }),
      townXuan: await makeUser(w.env, 'townxuan', { unitId: county.township, roles: ['leader'], leaderRank: '宣传委员' }),
    };
    const names = { drafter: 'office1', reviewer: 'office2', secretary: 'shuji', townClerk: 'town1', townHead: 'townhead', townDeputy: 'towndeputy', townVice: 'townvice', townWei: 'townwei', townXuan: 'townxuan', villageClerk: 'village1', otherClerk: 'town2', orgClerk: 'org1' };
    w.s = Object.fromEntries(await Promise.all(Object.entries(names).map(async ([k, u]) => [k, await login(w.env, u)]))) as typeof w.s;
  });
  after(() => w.env.close());
  return w;
}

type World = ReturnType<typeof world>;

const detail = async (w: World, s: Session, id: string) => (await request(w.env, 'GET', `/api/documents/${id}`, { session: s })).body;
const act = (w: World, s: Session, id: string, action: string, body: Record<string, unknown> = {}) => request(w.env, 'POST', `/api/documents/${id}/actions/${action}`, { session: s, body });
async function ok(r: Promise<{ status: number; body: any }>, state: string) {
  const res = await r;
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.state, state);
  return res.body;
}
const todos = async (w: World, s: Session, id: string) => {
  const r = await request(w.env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: s });
  return r.body.items.filter((i: any) => i.entityId === id).map((i: any) => i.task);
};

/**
 * The 县委 issues a 通知 to some units (and one outside organ) through the whole 发文 flow.
 * @returns the outgoing document and the incoming copy of each recipient unit
 */
async function issue(w: World, o: { title: string; urgency?: string; important?: boolean; to: string[] }) {
  const { env, c, s } = w;
  const r = await request(env, 'POST', '/api/documents/outgoing', { session: s.drafter, body: { issuerUnitId: c.committee, docType: '通知', title: o.title, urgency: o.urgency ?? 'normal', important: o.important ?? false } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const id = r.body.id;
  const d = await detail(w, s.drafter, id);
  const content = { ...d.content, elements: { ...d.content.elements, primaryRecipients: ['各镇'], body: [{ kind: 'paragraph', text: '请结合实际认真贯彻落实。' }] } };
  assert.equal((await request(env, 'PUT', `/api/documents/${id}/content`, { session: s.drafter, body: { rev: d.contentRev, content } })).status, 200);
  await ok(act(w, s.drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
  await ok(act(w, s.reviewer, id, 'review_pass'), 'signing');
  await ok(act(w, s.secretary, id, 'sign', { comment: '同意' }), 'numbering');
  const units = await env.ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', o.to).execute();
  const distribution = [...o.to.map((unitId) => ({ unitId, name: units.find((u) => u.id === unitId)!.name, kind: 'primary' })), { name: '县应急管理局', kind: 'copy' }];
  await ok(act(w, s.drafter, id, 'register', { copies: distribution.length, distribution }), 'sealing');
  await ok(act(w, s.drafter, id, 'seal'), 'distributing');
  const issued = await ok(act(w, s.drafter, id, 'issue'), 'issued');
  const copies = await env.ctx.db.selectFrom('documents').select(['id', 'unit_id']).where('source_document_id', '=', id).execute();
  return { outgoingId: id, numberText: issued.numberText as string, copyFor: (unitId: string) => copies.find((x) => x.unit_id === unitId)!.id };
}

describe(`收文 incoming documents (${DIALECT})`, () => {
  describe('the whole way: 签收 to 归档', () => {
    const w = world();
    const TITLE = '关于开展冬季安全生产大检查的通知';
    let sent: Awaited<ReturnType<typeof issue>>;
    let id: string;
    let assignmentId: string;

    it('签收 records the time, allocates the 收文编号 and shows the receipt to the issuer', async () => {
      const { env, c, s } = w;
      sent = await issue(w, { title: TITLE, urgency: 'urgent', to: [c.township, c.orgDept] });
      id = sent.copyFor(c.township);
      const before = await detail(w, s.townClerk, id);
      assert.deepEqual([before.state, before.incomingNumber, before.receivedAt, before.urgency], ['pending_receipt', null, null, 'urgent']);
      assert.deepEqual(before.availableActions.map((a: any) => a.action), ['receive', 'return_to_sender']);
      assert.deepEqual(await todos(w, s.townClerk, id), ['签收']);

      env.clock.now = new Date('2026-11-02T03:15:00Z');
      const d = await ok(act(w, s.townClerk, id, 'receive'), 'registered');
      assert.deepEqual([d.stateLabel, d.receivedAt, d.receivedByName, d.incomingNumber], ['待初审', '2026-11-02T03:15:00.000Z', 'town1姓名', '收〔2026〕1号']);
      assert.deepEqual(d.history.at(-1).data, { incomingNumber: '收〔2026〕1号' });
      assert.deepEqual(await todos(w, s.townClerk, id), ['初审']);

      const source = await detail(w, s.drafter, sent.outgoingId);
      assert.deepEqual(source.distributions.map((x: any) => [x.recipientName, x.receivedAt, x.receivedByName]), [
        ['城关镇', '2026-11-02T03:15:00.000Z', 'town1姓名'],
        ['县委组织部', null, null],
        ['县应急管理局', null, null],
      ]);
    });

    it('初审通过 passes it to 拟办', async () => {
      const { s } = w;
      const d = await ok(act(w, s.townClerk, id, 'accept', { comment: '属我镇职责' }), 'proposing');
      assert.equal(d.stateLabel, '待拟办');
      assert.deepEqual(await todos(w, s.townClerk, id), ['拟办']);
    });

    it('拟办 of an urgent document needs a deadline and a named 催办人, naming the field (条例 第24条)', async () => {
      const { c, s } = w;
      const base = { comment: '拟请镇党委书记、镇长阅示，东关村承办', instructorIds: [c.townHead, c.townDeputy] };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ instructorIds: [c.townHead] }, 'comment', '意见：不能为空'],
        [{ comment: '拟办' }, 'instructorIds', '批示领导：请选择呈批的领导，或直接指定承办单位，或标为阅知件'],
        [base, 'deadline', '办理期限：紧急公文必须明确办理期限（条例 第24条）'],
        [{ ...base, deadline: '2026-11-20' }, 'chaserId', '催办人：紧急或重要公文必须指定专人催办（条例 第24条）'],
        [{ ...base, deadline: '2026-10-30', chaserId: c.townVice }, 'deadline', '办理期限：不能早于今天'],
        [{ ...base, deadline: '2026-02-30', chaserId: c.townVice }, 'deadline', '办理期限：不是有效的日期'],
        [{ ...base, deadline: '2026/11/20', chaserId: c.townVice }, 'deadline', '办理期限：格式应为YYYY-MM-DD'],
        [{ ...base, instructorIds: [c.townClerk], deadline: '2026-11-20', chaserId: c.townVice }, 'instructorIds', '批示领导：所选人员须为在职领导'],
        [{ ...base, deadline: '2026-11-20', chaserId: c.townVice, leadUnitId: 'no-such-unit' }, 'leadUnitId', '承办单位：有单位不存在'],
        [{ ...base, deadline: '2026-11-20', chaserId: 'no-such-user' }, 'chaserId', '催办人：所选人员须为在职人员'],
      ];
      for (const [body, field, message] of cases) {
        const r = await act(w, s.townClerk, id, 'propose', body);
        assert.equal(r.status, 400, message);
        assert.deepEqual(r.body.error, { code: 'VALIDATION_FAILED', message, field });
      }
      const d = await detail(w, s.townClerk, id);
      assert.deepEqual([d.state, d.participants, d.deadline, d.chaserId, d.proposal], ['proposing', [], null, null, null]);
    });

    it('拟办 to two leaders in turn: only the first has a 批示 to-do; 传阅 readers have theirs', async () => {
      const { c, s } = w;
      const d = await ok(
        act(w, s.townClerk, id, 'propose', {
          comment: '拟请镇党委书记、镇长阅示，东关村承办，河西镇协办',
          instructorIds: [c.townHead, c.townDeputy], instructMode: 'sequential',
          leadUnitId: c.village, coopUnitIds: [c.otherTownship], deadline: '2026-11-20', chaserId: c.townVice, readerIds: [c.townWei, c.townXuan],
        }),
        'instructing',
      );
      assert.deepEqual(
        [d.proposal, d.deadline, d.leadUnitName, d.chaserName, d.holders],
        ['拟请镇党委书记、镇长阅示，东关村承办，河西镇协办', '2026-11-20', '东关村', 'townvice姓名', ['townhead姓名']],
      );
      assert.deepEqual(d.participants.map((p: any) => [p.kind, p.userName ?? p.unitName, p.seq, p.status]), [
        ['coop_unit', '河西镇', 0, 'pending'],
        ['instructor', 'townhead姓名', 0, 'pending'],
        ['instructor', 'towndeputy姓名', 1, 'waiting'],
        ['reader', 'townwei姓名', 0, 'pending'],
        ['reader', 'townxuan姓名', 1, 'pending'],
      ]);
      assert.deepEqual(await todos(w, s.townHead, id), ['批示']);
      assert.deepEqual(await todos(w, s.townDeputy, id), []);
      assert.deepEqual(await todos(w, s.townWei, id), ['传阅']);
      assert.deepEqual(await todos(w, s.townClerk, id), []);
      const item = (await request(w.env, 'GET', '/api/inbox?box=todo', { session: s.townHead })).body.items.find((i: any) => i.entityId === id);
      assert.deepEqual([item.urgency, item.dueAt], ['urgent', '2026-11-20T15:59:59.999Z']);
    });

    it('the second leader may not give 批示 before the first', async () => {
      const { s } = w;
      const r = await act(w, s.townDeputy, id, 'instruct', { comment: '同意' });
      assert.equal(r.status, 403);
      assert.deepEqual(r.body.error, { code: 'WORKFLOW_FORBIDDEN', message: '您无权执行"批示"' });
    });

    it('a 批示 with a bad assignment changes nothing', async () => {
      const { env, c, s } = w;
      const r = await act(w, s.townHead, id, 'instruct', { comment: '请东关村落实', createAssignment: { assigneeUnitId: c.village, deadline: '2026-10-01' } });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.field, 'createAssignment.deadline');
      assert.equal(r.body.error.message, '办理期限：不能早于今天');
      const d = await detail(w, s.townHead, id);
      assert.deepEqual([d.state, d.assignments, d.participants.find((p: any) => p.userName === 'townhead姓名').status], ['instructing', [], 'pending']);
      assert.equal((await env.ctx.db.selectFrom('assignments').select('id').execute()).length, 0);
    });

    it('the first 批示 creates an assignment and passes the document to the second leader', async () => {
      const { c, s } = w;
      const d = await ok(act(w, s.townHead, id, 'instruct', { comment: '请东关村抓紧排查，月底前报结果', createAssignment: { assigneeUnitId: c.village, deadline: '2026-11-20' } }), 'instructing');
      assert.deepEqual(d.holders, ['towndeputy姓名']);
      const head = d.participants.find((p: any) => p.userName === 'townhead姓名');
      assert.deepEqual([head.status, head.opinion, head.actedByName], ['done', '请东关村抓紧排查，月底前报结果', 'townhead姓名']);
      assert.equal(d.assignments.length, 1);
      assignmentId = d.assignments[0].id;
      assert.deepEqual(d.assignments[0], { id: assignmentId, serial: '交办〔2026〕1号', title: TITLE, state: 'pending_receipt' });
      assert.deepEqual(d.history.at(-1).data, { assignmentId });
      assert.deepEqual(await todos(w, s.townHead, id), []);
      assert.deepEqual(await todos(w, s.townDeputy, id), ['批示']);

      const a = await request(w.env, 'GET', `/api/assignments/${assignmentId}`, { session: s.townHead });
      assert.equal(a.status, 200);
      assert.deepEqual([a.body.title, a.body.instruction, a.body.assigneeUnitName, a.body.deadline, a.body.leaderName, a.body.urgency], [TITLE, '请东关村抓紧排查，月底前报结果', '东关村', '2026-11-20', 'townhead姓名', 'urgent']);
      const villageInbox = await request(w.env, 'GET', '/api/inbox?box=todo', { session: s.villageClerk });
      assert.deepEqual(villageInbox.body.items.filter((i: any) => i.entityId === assignmentId).map((i: any) => [i.module, i.task]), [['assignment', '签收']]);
    });

    it('the last 批示 moves it to 承办: the lead unit and the 协办 unit get their to-dos', async () => {
      const { s } = w;
      const d = await ok(act(w, s.townDeputy, id, 'instruct', { comment: '同意书记意见' }), 'handling');
      assert.deepEqual([d.stateLabel, d.holders], ['承办中', ['东关村']]);
      assert.deepEqual(await todos(w, s.villageClerk, id), ['承办']);
      assert.deepEqual(await todos(w, s.otherClerk, id), ['协办']);
      assert.deepEqual(await todos(w, s.townDeputy, id), []);
      assert.deepEqual(await todos(w, s.townWei, id), ['传阅'], 'reading goes on');
    });

    it('传阅 shows who has read it and who has not', async () => {
      const { s } = w;
      const d = await ok(act(w, s.townWei, id, 'read'), 'handling');
      assert.deepEqual(d.participants.filter((p: any) => p.kind === 'reader').map((p: any) => [p.userName, p.status, p.actedAt]), [
        ['townwei姓名', 'done', '2026-11-02T03:15:00.000Z'],
        ['townxuan姓名', 'pending', null],
      ]);
      assert.deepEqual(await todos(w, s.townWei, id), []);
      const twice = await act(w, s.townWei, id, 'read');
      assert.equal(twice.status, 403, 'a reader who has read no longer holds it');
      assert.equal(twice.body.error.code, 'WORKFLOW_FORBIDDEN');
    });

    it('the 协办 unit gives its opinion', async () => {
      const { s } = w;
      const none = await act(w, s.otherClerk, id, 'contribute', {});
      assert.deepEqual(none.body.error, { code: 'VALIDATION_FAILED', message: '意见：不能为空', field: 'comment' });
      const d = await ok(act(w, s.otherClerk, id, 'contribute', { comment: '河西镇已配合完成交界地带排查' }), 'handling');
      const coop = d.participants.find((p: any) => p.kind === 'coop_unit');
      assert.deepEqual([coop.status, coop.opinion, coop.actedByName], ['done', '河西镇已配合完成交界地带排查', 'town2姓名']);
      assert.deepEqual(await todos(w, s.otherClerk, id), []);
    });

    it('催办 by the named 催办人 gives the lead unit a to-do; someone uninvolved may not', async () => {
      const { s } = w;
      const d = await ok(act(w, s.townVice, id, 'remind', { comment: '请本周内报送排查结果' }), 'handling');
      const last = d.history.at(-1);
      assert.deepEqual([last.action, last.actionLabel, last.actorName, last.comment, last.fromState, last.toState], ['remind', '催办', 'townvice姓名', '请本周内报送排查结果', 'handling', 'handling']);
      assert.deepEqual((await todos(w, s.villageClerk, id)).sort(), ['催办：请本周内报送排查结果', '承办'].sort());
      const byStranger = await act(w, s.orgClerk, id, 'remind', { comment: '催' });
      assert.equal(byStranger.status, 404);
      await ok(act(w, s.townClerk, id, 'remind', { comment: '党政办再次催办' }), 'handling');
    });

    it('办结 by the lead unit with a reply the issuer sees in its history', async () => {
      const { env, s } = w;
      const byRecipientClerk = await act(w, s.townClerk, id, 'conclude', { comment: '已办结' });
      assert.equal(byRecipientClerk.status, 403, 'the 东关村 handles it, not the 党政办');
      env.clock.now = new Date('2026-11-05T02:00:00Z');
      const d = await ok(act(w, s.villageClerk, id, 'conclude', { comment: '已完成隐患排查并整改3处', reply: '城关镇已按通知要求完成排查整改' }), 'concluded');
      assert.deepEqual([d.outcome, d.reply, d.concludedAt, d.overdue, d.holders], ['已完成隐患排查并整改3处', '城关镇已按通知要求完成排查整改', '2026-11-05T02:00:00.000Z', false, []]);
      assert.deepEqual(await todos(w, s.villageClerk, id), []);
      const jobs = await env.ctx.db.selectFrom('scheduled_jobs').select(['status']).where('unique_key', 'like', `document:${id}:%`).execute();
      assert.deepEqual(jobs.map((j) => j.status), ['cancelled', 'cancelled'], 'no reminder after 办结');

      const source = await detail(w, s.drafter, sent.outgoingId);
      const reply = source.history.find((h: any) => h.action === 'recipient_replied');
      assert.deepEqual([reply.actionLabel, reply.actorName, reply.comment], ['收文单位答复', 'village1姓名（城关镇）', '城关镇已按通知要求完成排查整改']);
    });

    it('a reader may still read a concluded document', async () => {
      const { s } = w;
      const d = await ok(act(w, s.townXuan, id, 'read'), 'concluded');
      assert.equal(d.participants.find((p: any) => p.userName === 'townxuan姓名').status, 'done');
    });

    it('归档 by the receiving unit\'s clerk', async () => {
      const { s } = w;
      const byHandler = await act(w, s.villageClerk, id, 'archive', { retention: '30y' });
      assert.equal(byHandler.status, 403);
      const d = await ok(act(w, s.townClerk, id, 'archive', { retention: '30y' }), 'archived');
      assert.deepEqual([d.retention, d.archivedAt, d.availableActions], ['30y', '2026-11-05T02:00:00.000Z', []]);
      assert.deepEqual(
        d.history.map((h: any) => h.action),
        ['dispatched', 'receive', 'accept', 'propose', 'instruct', 'instruct', 'read', 'contribute', 'remind', 'remind', 'conclude', 'read', 'archive'],
      );
    });
  });

  describe('收文编号, 退文 and paper mail', () => {
    const w = world();

    it('allocates the 收文编号 per unit and per year', async () => {
      const { env, c, s } = w;
      const first = await issue(w, { title: '关于编号一的通知', to: [c.township, c.otherTownship] });
      const second = await issue(w, { title: '关于编号二的通知', to: [c.township] });
      const number = async (sess: Session, docId: string) => (await ok(act(w, sess, docId, 'receive'), 'registered')).incomingNumber;
      assert.equal(await number(s.townClerk, first.copyFor(c.township)), '收〔2026〕1号');
      assert.equal(await number(s.townClerk, second.copyFor(c.township)), '收〔2026〕2号');
      assert.equal(await number(s.otherClerk, first.copyFor(c.otherTownship)), '收〔2026〕1号');
      const saved = env.clock.now;
      env.clock.now = new Date('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Shanghai
      try {
        const next = await issue(w, { title: '关于新年编号的通知', to: [c.township] });
        assert.equal(await number(s.townClerk, next.copyFor(c.township)), '收〔2027〕1号');
      } finally {
        env.clock.now = saved;
      }
    });

    it('退文 from 待签收 with a reason the issuer sees on the distribution row', async () => {
      const { c, s } = w;
      const sent = await issue(w, { title: '关于退文测试一的通知', to: [c.otherTownship, c.township] });
      const copy = sent.copyFor(c.otherTownship);
      const none = await act(w, s.otherClerk, copy, 'return_to_sender', { comment: ' ' });
      assert.deepEqual(none.body.error, { code: 'VALIDATION_FAILED', message: '意见：不能为空', field: 'comment' });
      const byStranger = await act(w, s.townClerk, copy, 'return_to_sender', { comment: '不属于本单位' });
      assert.equal(byStranger.status, 404, 'another recipient does not see this copy');

      const d = await ok(act(w, s.otherClerk, copy, 'return_to_sender', { comment: '该事项不属于河西镇职责' }), 'returned');
      assert.deepEqual([d.stateLabel, d.availableActions, d.incomingNumber], ['已退文', [], null]);
      assert.deepEqual(await todos(w, s.otherClerk, copy), []);
      const source = await detail(w, s.drafter, sent.outgoingId);
      assert.deepEqual(source.distributions.map((x: any) => [x.recipientName, x.receivedAt, x.returnedAt, x.returnReason]), [
        ['河西镇', null, '2026-11-02T02:00:00.000Z', '该事项不属于河西镇职责'],
        ['城关镇', null, null, null],
        ['县应急管理局', null, null, null],
      ]);
      const note = source.history.at(-1);
      assert.deepEqual([note.action, note.actionLabel, note.actorName, note.comment], ['recipient_returned', '收文单位退文', 'town2姓名（河西镇）', '该事项不属于河西镇职责']);
      assert.deepEqual(await todos(w, s.drafter, sent.outgoingId), ['来文被退回']);
      const late = await act(w, s.otherClerk, copy, 'receive');
      assert.equal(late.status, 409);
      assert.deepEqual(late.body.error, { code: 'WORKFLOW_ACTION_NOT_ALLOWED', message: '当前状态"已退文"下不能执行"签收"' });
    });

    it('退文 after 签收, at 初审', async () => {
      const { c, s } = w;
      const sent = await issue(w, { title: '关于退文测试二的通知', to: [c.township] });
      const copy = sent.copyFor(c.township);
      await ok(act(w, s.townClerk, copy, 'receive'), 'registered');
      await ok(act(w, s.townClerk, copy, 'return_to_sender', { comment: '文种使用不当，请按规定改为函' }), 'returned');
      const row = (await detail(w, s.drafter, sent.outgoingId)).distributions[0];
      assert.deepEqual([row.recipientName, row.receivedByName, row.returnReason], ['城关镇', 'town1姓名', '文种使用不当，请按规定改为函']);
      assert.notEqual(row.receivedAt, null);
      assert.notEqual(row.returnedAt, null);
    });

    it('registers paper mail by hand with the next 收文编号', async () => {
      const { env, c, s } = w;
      const r = await request(env, 'POST', '/api/documents/incoming', {
        session: s.townClerk,
        body: { title: '关于做好防汛物资储备的通知', docType: '通知', senderName: '市应急管理局', senderNumber: '市应急〔2026〕15号', classification: 'secret', urgency: 'very_urgent', copies: 2, receivedVia: '机要交通', receivedAt: '2026-11-02T01:00:00Z' },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const d = await detail(w, s.townClerk, r.body.id);
      assert.deepEqual(
        [d.direction, d.state, d.unitName, d.senderName, d.numberText, d.incomingNumber, d.classification, d.urgency, d.copies, d.receivedVia, d.receivedAt, d.receivedByName, d.content, d.sourceDocumentId],
        ['incoming', 'registered', '城关镇', '市应急管理局', '市应急〔2026〕15号', '收〔2026〕4号', 'secret', 'very_urgent', 2, '机要交通', '2026-11-02T01:00:00.000Z', 'town1姓名', null, null],
      );
      assert.deepEqual(d.history.map((h: any) => [h.action, h.actionLabel, h.toState]), [['register_incoming', '收文登记', 'registered']]);
      assert.deepEqual(await todos(w, s.townClerk, r.body.id), ['初审']);
      assert.deepEqual(d.availableActions.map((a: any) => a.action), ['return_to_sender', 'accept']);
    });

    it('refuses bad paper registrations naming the field, and stores nothing', async () => {
      const { env, s } = w;
      const count = async () => (await env.ctx.db.selectFrom('documents').select('id').where('direction', '=', 'incoming').execute()).length;
      const before = await count();
      const good = { title: '关于报送材料的函', docType: '函', senderName: '市委办公室', receivedVia: '邮寄' };
      const cases: [Record<string, unknown>, number, string, string, string][] = [
        [{ ...good, title: '  ' }, 400, 'VALIDATION_FAILED', 'title', '标题：不能为空'],
        [{ ...good, senderName: undefined }, 400, 'VALIDATION_FAILED', 'senderName', '来文单位：不能为空'],
        [{ ...good, receivedVia: '快递' }, 400, 'VALIDATION_FAILED', 'receivedVia', '收文方式：取值无效（可选：机要交通、邮寄、传真、面交、电子公文、其他）'],
        [{ ...good, copies: 0 }, 400, 'VALIDATION_FAILED', 'copies', '份数：不能小于1'],
        [{ ...good, receivedAt: '2026-11-03T02:00:00Z' }, 400, 'VALIDATION_FAILED', 'receivedAt', '收文时间：不能晚于现在'],
        [{ ...good, receivedAt: '昨天' }, 400, 'VALIDATION_FAILED', 'receivedAt', '收文时间：格式不正确'],
        [{ ...good, attachmentIds: ['no-such-file'] }, 400, 'VALIDATION_FAILED', 'attachmentIds', '附件：只能添加您本人上传的文件'],
        [{ ...good, classification: 'confidential' }, 403, 'CLEARANCE_INSUFFICIENT', 'classification', '密级：您的密级权限不足以登记该密级的来文，请交由有相应权限的人员登记'],
      ];
      for (const [body, status, code, field, message] of cases) {
        const r = await request(env, 'POST', '/api/documents/incoming', { session: s.townClerk, body });
        assert.equal(r.status, status, message);
        assert.deepEqual(r.body.error, { code, message, field });
      }
      const byLeader = await request(env, 'POST', '/api/documents/incoming', { session: s.townHead, body: good });
      assert.equal(byLeader.status, 403);
      assert.deepEqual(byLeader.body.error, { code: 'FORBIDDEN', message: '只有文书（党办或单位工作人员）可以登记收文' });
      assert.equal(await count(), before);
    });
  });

  describe('other ways of handling', () => {
    const w = world();
    const paper = async (title: string, o: Record<string, unknown> = {}) => {
      const r = await request(w.env, 'POST', '/api/documents/incoming', { session: w.s.townClerk, body: { title, docType: '通知', senderName: '市委办公室', receivedVia: '机要交通', ...o } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      await ok(act(w, w.s.townClerk, r.body.id, 'accept'), 'proposing');
      return r.body.id as string;
    };

    it('批示 in parallel: both leaders hold it at once; it moves on after the last', async () => {
      const { c, s } = w;
      const id = await paper('关于并行批示的通知');
      await ok(act(w, s.townClerk, id, 'propose', { comment: '拟请两位领导阅示', instructorIds: [c.townHead, c.townDeputy], instructMode: 'parallel' }), 'instructing');
      assert.deepEqual(await todos(w, s.townHead, id), ['批示']);
      assert.deepEqual(await todos(w, s.townDeputy, id), ['批示']);
      await ok(act(w, s.townClerk, id, 'remind', { comment: '请领导尽快批示' }), 'instructing');
      assert.deepEqual((await todos(w, s.townHead, id)).sort(), ['批示', '催办：请领导尽快批示'].sort());
      assert.deepEqual((await todos(w, s.townDeputy, id)).sort(), ['批示', '催办：请领导尽快批示'].sort());
      const first = await ok(act(w, s.townDeputy, id, 'instruct', { comment: '同意' }), 'instructing');
      assert.deepEqual(first.holders, ['townhead姓名']);
      await ok(act(w, s.townHead, id, 'instruct', { comment: '请党政办承办' }), 'handling');
      assert.deepEqual(await todos(w, s.townClerk, id), ['承办'], 'without a lead unit the receiving unit handles it');
    });

    it('a lead unit without 批示 goes straight to 承办; an important document needs a 催办人', async () => {
      const { c, s } = w;
      const id = await paper('关于重要事项的通知', { important: true });
      const noChaser = await act(w, s.townClerk, id, 'propose', { comment: '拟交东关村办理', leadUnitId: c.village });
      assert.deepEqual(noChaser.body.error, { code: 'VALIDATION_FAILED', message: '催办人：紧急或重要公文必须指定专人催办（条例 第24条）', field: 'chaserId' });
      const d = await ok(act(w, s.townClerk, id, 'propose', { comment: '拟交东关村办理', leadUnitId: c.village, chaserId: c.townVice }), 'handling');
      assert.deepEqual(d.holders, ['东关村']);
      assert.deepEqual(await todos(w, s.villageClerk, id), ['承办']);
    });

    it('a document for information (阅知件) is concluded once sent round', async () => {
      const { c, s } = w;
      const id = await paper('关于情况通报的通知', { urgency: 'urgent' });
      const d = await ok(act(w, s.townClerk, id, 'propose', { comment: '阅知件，送班子成员传阅', forInformation: true, readerIds: [c.townHead, c.townWei] }), 'concluded');
      assert.deepEqual([d.outcome, d.deadline], ['阅知件，已按拟办意见分送阅知', null]);
      assert.deepEqual(await todos(w, s.townWei, id), ['传阅']);
      await ok(act(w, s.townWei, id, 'read'), 'concluded');
    });

    it('keeps the recipient\'s handling to the recipient: the issuer\'s clerk sees the distribution row, not the incoming record', async () => {
      const { env, c, s } = w;
      const sent = await issue(w, { title: '关于收文归属的通知', to: [c.township] });
      const copy = sent.copyFor(c.township);
      await ok(act(w, s.townClerk, copy, 'receive'), 'registered');
      await ok(act(w, s.townClerk, copy, 'accept'), 'proposing');
      await ok(act(w, s.townClerk, copy, 'propose', { comment: '拟请镇党委书记阅示', instructorIds: [c.townHead] }), 'instructing');
      const byIssuer = await request(env, 'GET', `/api/documents/${copy}`, { session: s.drafter });
      assert.equal(byIssuer.status, 404, 'the 县委办 clerk who issued it is not involved in the 城关镇\'s 拟办 and 批示');
      const listed = await request(env, 'GET', `/api/documents?direction=incoming&q=${encodeURIComponent('收文归属')}`, { session: s.drafter });
      assert.equal(listed.body.total, 0);
    });
  });

  describe('催办 reminders from the scheduler', () => {
    const w = world();

    it('reminds the lead unit and the 催办人 before and after the deadline, and lists it as overdue', async () => {
      const { env, c, s } = w;
      const r = await request(env, 'POST', '/api/documents/incoming', { session: s.townClerk, body: { title: '关于限期整改的通知', docType: '通知', senderName: '县应急管理局', receivedVia: '面交', urgency: 'urgent' } });
      const id = r.body.id;
      await ok(act(w, s.townClerk, id, 'accept'), 'proposing');
      await ok(act(w, s.townClerk, id, 'propose', { comment: '拟交东关村限期整改', leadUnitId: c.village, deadline: '2026-11-09', chaserId: c.townVice }), 'handling');
      const jobs = await env.ctx.db.selectFrom('scheduled_jobs').select(['kind', 'run_at', 'status']).where('unique_key', 'like', `document:${id}:%`).orderBy('run_at').execute();
      assert.deepEqual(jobs.map((j) => [j.kind, j.run_at, j.status]), [
        ['document.remind_due_soon', '2026-11-04T01:00:00.000Z', 'pending'], // Wed 09:00, 3 working days before Mon 11-09
        ['document.remind_overdue', '2026-11-09T15:59:59.999Z', 'pending'],
      ]);

      env.clock.now = new Date('2026-11-04T02:00:00Z');
      assert.equal(await new Scheduler(env.ctx).tick(), 1);
      assert.deepEqual((await todos(w, s.villageClerk, id)).sort(), ['催办：即将到期', '承办'].sort());
      assert.deepEqual(await todos(w, s.townVice, id), ['催办：即将到期']);
      const soon = (await detail(w, s.townClerk, id)).history.at(-1);
      assert.deepEqual([soon.action, soon.actionLabel, soon.actorName, soon.comment], ['remind_due_soon', '催办：即将到期', '系统', '距办理期限（2026-11-09）不足3个工作日，请抓紧办理']);

      env.clock.now = new Date('2026-11-10T02:00:00Z');
      assert.equal(await new Scheduler(env.ctx).tick(), 1);
      assert.deepEqual((await todos(w, s.villageClerk, id)).sort(), ['催办：即将到期', '催办：已逾期', '承办'].sort());
      assert.deepEqual((await todos(w, s.townVice, id)).sort(), ['催办：即将到期', '催办：已逾期'].sort());
      const d = await detail(w, s.townClerk, id);
      assert.equal(d.overdue, true);
      assert.deepEqual(d.history.at(-1).comment, '已超过办理期限（2026-11-09），请尽快办结');
      const overdue = await request(env, 'GET', '/api/documents?direction=incoming&overdue=true', { session: s.townClerk });
      assert.deepEqual(overdue.body.items.map((i: any) => [i.id, i.overdue]), [[id, true]]);
      assert.equal(overdue.body.total, 1);
      assert.equal(await new Scheduler(env.ctx).tick(), 0, 'each reminder is sent once');
    });
  });
});

/**
 * 网上信访 for the public (docs/API.md "Petitions (信访)", Public): no account and no CSRF token; a submission
 * returns a query code shown once and kept only as a hash; the code shows the progress of that one case and
 * takes the petitioner's evaluation; per-address limits of 5 submissions and 30 queries an hour; bodies of at
 * most 20 KB. Each test has its own database and app (and so its own rate-limit counters).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countRows, createTestEnv, DIALECT, login, ok, refused, request, requestFrom, seedPetitionCounty, withIdCheckDigit, type Res, type Session, type TestEnv } from './helpers.ts';

const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const STAFF_NAMES = ['xf1姓名', 'jw1姓名', 'town1姓名', 'town2姓名', 'build1姓名', 'leader1姓名', 'office1姓名'];

type County = Awaited<ReturnType<typeof seedPetitionCounty>>;

interface World {
  env: TestEnv;
  c: County;
  xf: Session;
  submit(body: Record<string, unknown>, ip?: string): Promise<Res>;
  query(queryCode: string, ip?: string): Promise<Res>;
  evaluate(queryCode: string, evaluation: string, ip?: string): Promise<Res>;
  count(): Promise<number>;
  act(id: string, action: string, body?: Record<string, unknown>): Promise<Res>;
}

async function world(fn: (w: World) => Promise<void>, date = '2026-11-02'): Promise<void> {
  const env = await createTestEnv({ now: at10(date).toISOString(), idleMinutes: 10_000_000 });
  try {
    const c = await seedPetitionCounty(env);
    const xf = await login(env, 'xf1');
    const w: World = {
      env, c, xf,
      submit: (body, ip = '203.0.113.10') => requestFrom(env, ip, 'POST', '/api/public/petitions', { body }),
      query: (queryCode, ip = '203.0.113.10') => requestFrom(env, ip, 'POST', '/api/public/petitions/query', { body: { queryCode } }),
      evaluate: (queryCode, evaluation, ip = '203.0.113.10') => requestFrom(env, ip, 'POST', '/api/public/petitions/evaluate', { body: { queryCode, evaluation } }),
      count: () => countRows(env, 'petitions'),
      act: (id, action, body = {}) => request(env, 'POST', `/api/petitions/${id}/actions/${action}`, { session: xf, body }),
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

const form = (c: County, over: Record<string, unknown> = {}) => ({
  name: '周小红', phone: '13800138000', address: '城关镇幸福小区2栋', townshipId: c.township, categoryId: 'cat-01',
  summary: '小区门口道路积水严重', content: '每逢下雨小区门口道路积水没过脚踝，已经持续两年，老人孩子出行困难，请求改造排水设施。', ...over,
});

describe(`网上信访 public petitions (${DIALECT})`, () => {
  it('takes a submission without a session or CSRF token and returns a one-time query code; the case reaches the clerk as 网上信访', () =>
    world(async (w) => {
      const { c, env } = w;
      const r = await ok(w.submit(form(c)));
      assert.deepEqual(Object.keys(r), ['queryCode']);
      assert.match(r.queryCode, CODE);
      const code = r.queryCode as string;

      // Stored only as a hash.
      const rows = await env.ctx.db.selectFrom('petitions').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.match(String(rows[0]!.query_code_hash), /^[0-9a-f]{64}$/);
      const everything = JSON.stringify(rows) + JSON.stringify(await env.ctx.db.selectFrom('audit_log').selectAll().execute()) + JSON.stringify(await env.ctx.db.selectFrom('petition_events').selectAll().execute());
      assert.ok(!everything.includes(code) && !everything.includes(code.replace(/-/g, '')), 'the code itself is not stored');

      const list = await ok(request(env, 'GET', '/api/petitions', { session: w.xf }));
      assert.equal(list.total, 1);
      const [item] = list.items;
      assert.deepEqual(
        [item.channel, item.channelLabel, item.kind, item.state, item.summary, item.petitionerName, item.petitionerPhoneMasked, item.townshipId, item.categoryId, item.receivedAt, item.serial],
        ['online', '网上信访', 'appeal', 'registered', '小区门口道路积水严重', '周小红', '138****8000', c.township, 'cat-01', '2026-11-02', '信〔2026〕1号'],
      );
      assert.equal((await ok(request(env, 'GET', '/api/petitions?channel=online', { session: w.xf }))).total, 1);
      const detail = await ok(request(env, 'GET', `/api/petitions/${item.id}`, { session: w.xf }));
      assert.equal(detail.firstOrgan, 'none');
      assert.deepEqual(detail.history.map((h: any) => [h.action, h.actorName]), [['register', '网上信访']]);
      assert.ok(!JSON.stringify(detail).includes('13800138000'));

      // Each submission has its own code; without a category the case is filed under 其他.
      const second = await ok(w.submit(form(c, { summary: '农村客运班线停运', content: '通往县城的班线今年停运，老人看病出行不便，请求恢复。', categoryId: undefined, name: '吴大伯', phone: '13911112222' })));
      assert.match(second.queryCode, CODE);
      assert.notEqual(second.queryCode, code);
      const other = (await ok(request(env, 'GET', '/api/petitions?q=%E7%8F%AD%E7%BA%BF', { session: w.xf }))).items[0];
      assert.equal(other.categoryName, '其他');

      // No CSRF token is asked for, even from a browser that also holds a staff session.
      const withCookie = await env.app.inject({ method: 'POST', url: '/api/public/petitions', remoteAddress: '203.0.113.11', headers: { cookie: `zs_session=${w.xf.cookie}` }, payload: form(c, { summary: '路灯不亮', content: '小区路灯坏了一个月，请求维修。', phone: '13922223333' }) });
      assert.equal(withCookie.statusCode, 200, withCookie.body);
      for (const url of ['/api/public/petitions/query', '/api/public/petitions/evaluate']) {
        const res = await requestFrom(env, '203.0.113.12', 'POST', url, { body: { queryCode: code, evaluation: 'satisfied' } });
        assert.notEqual(res.body?.error?.code, 'CSRF_REJECTED', url);
        assert.notEqual(res.body?.error?.code, 'UNAUTHENTICATED', url);
      }

      // The form's lists.
      const units = await ok(requestFrom(env, '203.0.113.10', 'GET', '/api/public/petitions/units'));
      assert.deepEqual(units.items.map((u: any) => u.name).sort(), ['城关镇', '河西镇'].sort());
      assert.deepEqual(Object.keys(units.items[0]).sort(), ['id', 'name']);
      const cats = await ok(requestFrom(env, '203.0.113.10', 'GET', '/api/public/petitions/categories'));
      assert.ok(cats.items.some((x: any) => x.id === 'cat-01' && x.name === '城乡建设'));
    }));

  it('shows, with the code, the progress of that one case only, and the same 404 for any wrong code; then takes one evaluation', () =>
    world(async (w) => {
      const { c, env } = w;
      const { queryCode } = await ok(w.submit(form(c)));
      const id = (await ok(request(env, 'GET', '/api/petitions', { session: w.xf }))).items[0].id;
      // Another case, registered by the clerk, that must never show through this code.
      const otherId = (await ok(request(env, 'POST', '/api/petitions', {
        session: w.xf,
        body: { channel: 'letter', kind: 'appeal', summary: '企业拖欠农民工工资', content: '老板拖欠工资四万余元，请求帮助追讨。', townshipId: c.otherTownship, categoryId: 'cat-02', firstOrgan: 'this_level', petitioner: { name: '郑老汉', phone: '13722223333' } },
      }))).id;
      const otherSerial = (await ok(request(env, 'GET', `/api/petitions/${otherId}`, { session: w.xf }))).serial;

      let q = await ok(w.query(queryCode));
      assert.equal(q.serial, '信〔2026〕1号');
      assert.equal(q.receivedAt, '2026-11-02');
      assert.equal(q.stateLabel, '已登记待受理');
      assert.deepEqual(q.steps.map((s: any) => s.label), ['已登记']);
      assert.equal(q.reply, null);
      assert.equal(q.canEvaluate, false);
      // Written by hand: lower case, without the dashes.
      assert.deepEqual(await ok(w.query(queryCode.toLowerCase().replace(/-/g, ''))), q);

      // Wrong codes: one 404, the same for all.
      const flipped = queryCode.slice(0, -1) + (queryCode.endsWith('A') ? 'B' : 'A');
      const wrong = await Promise.all(['AAAA-BBBB-CCCC-DDDD', flipped, '0000000000000000', 'ZZZZZZZZ', 'IIII-LLLL-OOOO-UUUU'].map((code) => w.query(code)));
      for (const r of wrong) {
        assert.equal(r.status, 404);
        assert.deepEqual(r.body, wrong[0]!.body);
      }
      assert.equal(wrong[0]!.body.error.code, 'NOT_FOUND');
      const wrongEvaluate = await w.evaluate('AAAA-BBBB-CCCC-DDDD', 'satisfied');
      assert.equal(wrongEvaluate.status, 404);
      assert.deepEqual(wrongEvaluate.body, wrong[0]!.body);

      // Not yet answered: nothing to evaluate.
      await refused(w.evaluate(queryCode, 'satisfied'), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');

      // The clerk accepts and replies.
      await ok(w.act(id, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(id, 'reply', { outcome: 'support', comment: '排水改造已列入明年城建计划，汛期前完工。' }));
      await ok(w.act(otherId, 'accept', { handlingMode: 'transfer', handlingUnitId: c.otherTownship }));
      q = await ok(w.query(queryCode));
      assert.equal(q.stateLabel, '已答复');
      assert.equal(q.reply, '排水改造已列入明年城建计划，汛期前完工。');
      assert.equal(q.canEvaluate, true);
      assert.deepEqual(q.steps.map((s: any) => s.label), ['已登记', '已受理', '已答复']);
      for (const s of q.steps) assert.ok(!Number.isNaN(Date.parse(s.at)));
      const text = JSON.stringify(q);
      for (const name of STAFF_NAMES) assert.ok(!text.includes(name), `the query names staff: ${name}`);
      for (const s of [otherId, otherSerial, '企业拖欠农民工工资', '郑老汉', id]) assert.ok(!text.includes(s), `the query shows ${s}`);

      q = await ok(w.evaluate(queryCode, 'satisfied'));
      assert.equal(q.canEvaluate, false);
      const detail = await ok(request(env, 'GET', `/api/petitions/${id}`, { session: w.xf }));
      assert.equal(detail.evaluation, 'satisfied');
      assert.deepEqual([detail.history.at(-1).action, detail.history.at(-1).actorName], ['evaluate', '信访人（网上评价）']);
      const e = await refused(w.evaluate(queryCode, 'unsatisfied'), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      assert.ok(/[\u4e00-\u9fff]/.test(e.message));
      assert.equal((await ok(request(env, 'GET', `/api/petitions/${id}`, { session: w.xf }))).evaluation, 'satisfied', 'the second evaluation changed nothing');
      const audit = await env.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'petition.public_evaluate').execute();
      assert.deepEqual(audit.map((a) => a.entity_id), [id]);
    }));

  it('answers a query with exactly the documented fields ({ serial, receivedAt, stateLabel, steps, reply, canEvaluate, evaluation } — "nothing else")', () =>
    world(async (w) => {
      const { queryCode } = await ok(w.submit(form(w.c)));
      const q = await ok(w.query(queryCode));
      assert.deepEqual(Object.keys(q).sort(), ['canEvaluate', 'evaluation', 'receivedAt', 'reply', 'serial', 'stateLabel', 'steps']);
      assert.deepEqual(Object.keys(q.steps[0]).sort(), ['at', 'label']);
    }));

  it('refuses a body over 20 KB with 413 and creates nothing', () =>
    world(async (w) => {
      const { c } = w;
      const big = '积'.repeat(7000); // 21,000 bytes of UTF-8, under the 10,000-character field limit
      const r = await w.submit(form(c, { content: big }));
      assert.equal(r.status, 413, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(await w.count(), 0);
      // Just under the limit is taken.
      await ok(w.submit(form(c, { content: '积'.repeat(6000) })));
      assert.equal(await w.count(), 1);
    }));

  it('tells the public the real size limit when refusing a large body (not the staff API\'s 1MB)', () =>
    world(async (w) => {
      const r = await w.submit(form(w.c, { content: '积'.repeat(7000) }));
      assert.equal(r.status, 413);
      assert.ok(!r.body.error.message.includes('1MB'), `the public form is limited to 20 KB, but the message says: ${r.body.error.message}`);
    }));

  it('takes 5 submissions an hour from one address and refuses the 6th with 429 and a Chinese message; another address is not affected', () =>
    world(async (w) => {
      const { c } = w;
      for (let i = 0; i < 5; i++) {
        await ok(w.submit(form(c, { summary: `第${i + 1}次反映道路积水`, phone: `1380013800${i}` }), '198.51.100.7'));
      }
      const r = await w.submit(form(c, { summary: '第6次反映道路积水', phone: '13800138009' }), '198.51.100.7');
      assert.equal(r.status, 429, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'RATE_LIMITED');
      assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
      assert.ok(r.body.error.message.includes('每小时'), r.body.error.message);
      assert.equal(await w.count(), 5);
      await ok(w.submit(form(c, { summary: '另一地址反映道路积水', phone: '13800138008' }), '198.51.100.99'));
      assert.equal(await w.count(), 6);
    }));

  it('takes 30 queries an hour from one address and refuses the 31st, even with a right code', () =>
    world(async (w) => {
      const { queryCode } = await ok(w.submit(form(w.c), '192.0.2.1'));
      for (let i = 0; i < 30; i++) {
        const r = await w.query(i % 2 ? queryCode : `AAAA-BBBB-CCCC-${String(1000 + i)}`, '198.51.100.8');
        assert.ok(r.status === 200 || r.status === 404, `query ${i + 1}: ${r.status}`);
      }
      const r = await w.query(queryCode, '198.51.100.8');
      assert.equal(r.status, 429, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'RATE_LIMITED');
      assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
      await ok(w.query(queryCode, '198.51.100.9'));
    }));

  it('refuses a missing phone naming the field phone', () =>
    world(async (w) => {
      await refused(w.submit(form(w.c, { phone: undefined })), 400, 'VALIDATION_FAILED', 'phone');
      await refused(w.submit(form(w.c, { townshipId: w.c.housing })), 400, 'VALIDATION_FAILED', 'townshipId');
      await refused(w.submit({ ...form(w.c), extra: 'x' }), 400, 'VALIDATION_FAILED');
      assert.equal(await w.count(), 0);
    }));

  it('refuses a malformed phone naming the form\'s field phone', () =>
    world(async (w) => {
      const e = await refused(w.submit(form(w.c, { phone: '12345' })), 400, 'VALIDATION_FAILED');
      assert.equal(await w.count(), 0);
      assert.equal(e.field, 'phone', `the public form has no field "${e.field}"`);
    }));

  it('refuses an identity number with a wrong check digit naming the form\'s field idNumber', () =>
    world(async (w) => {
      const good = withIdCheckDigit('32010219850317123');
      const e = await refused(w.submit(form(w.c, { idNumber: good.slice(0, 17) + (good[17] === '1' ? '2' : '1') })), 400, 'VALIDATION_FAILED');
      assert.equal(await w.count(), 0);
      assert.equal(e.field, 'idNumber', `the public form has no field "${e.field}"`);
    }));

  it('refuses a matter already finally decided after 复核 without telling the public the earlier case\'s number', () =>
    world(async (w) => {
      const { c, env } = w;
      const f = form(c);
      const { id } = await ok(request(env, 'POST', '/api/petitions', {
        session: w.xf,
        body: { channel: 'letter', kind: 'appeal', summary: f.summary, content: f.content, townshipId: c.township, categoryId: 'cat-01', firstOrgan: 'this_level', petitioner: { name: f.name, phone: f.phone } },
      }));
      await ok(w.act(id, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(id, 'reply', { outcome: 'reject', comment: '不予支持。' }));
      await ok(w.act(id, 'request_review', { comment: '请求复查' }));
      await ok(w.act(id, 'decide_review', { outcome: 'reject', comment: '维持。' }));
      await ok(w.act(id, 'request_recheck', { comment: '请求复核' }));
      await ok(w.act(id, 'decide_recheck', { outcome: 'reject', comment: '维持。' }));
      const e = await refused(w.submit(f), 409, 'PETITION_FINAL');
      assert.ok(!e.message.includes('信〔'), e.message);
      assert.ok(!JSON.stringify(e).includes(id));
      assert.equal(await w.count(), 1);
    }));

  it('tells the petitioner of an extension of the handling limit, with its reason (第34条)', () =>
    world(async (w) => {
      const { queryCode } = await ok(w.submit(form(w.c)));
      const id = (await ok(request(w.env, 'GET', '/api/petitions', { session: w.xf }))).items[0].id;
      await ok(w.act(id, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(id, 'request_extension', { days: 20, comment: '需现场勘查排水管网' }));
      await ok(w.act(id, 'approve_extension', {}));
      const q = await ok(w.query(queryCode));
      assert.deepEqual(q.steps.map((s: any) => s.label), ['已登记', '已受理', '办理期限延长20日，原因：需现场勘查排水管网']);
    }));
});

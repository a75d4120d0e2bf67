import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

describe(`bad input (${DIALECT})`, () => {
  let env: TestEnv;
  let leader: Session;
  let c: Awaited<ReturnType<typeof seedCounty>>;
  const count = async () => Number((await env.ctx.db.selectFrom('assignments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  before(async () => {
    env = await createTestEnv();
    c = await seedCounty(env);
    leader = await login(env, 'leader1');
  });
  after(() => env.close());

  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    request(env, 'POST', '/api/assignments', { session: leader, payload, headers });

  it('answers malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const r = await post('{"title": ');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'MALFORMED_REQUEST');
  });

  it('answers an oversized body with 413', async () => {
    const r = await post(JSON.stringify({ title: 'x', instruction: 'y'.repeat(2 * 1024 * 1024) }));
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('answers wrong types, missing and unknown fields with the field named in Chinese', async () => {
    const base = { title: '标题', instruction: '内容', assigneeUnitId: c.township, deadline: { type: 'workdays', days: 3 } };
    const cases: [unknown, string, string][] = [
      [{ ...base, title: 42 }, 'title', '标题：类型不正确（应为文字）'],
      [{ ...base, title: undefined }, 'title', '标题：不能为空'],
      [{ ...base, title: '' }, 'title', '标题：不能为空'],
      [{ ...base, urgency: 'sometime' }, 'urgency', '紧急程度：取值无效（可选：normal、urgent、very_urgent）'],
      [{ ...base, deadline: { type: 'workdays', days: 'three' } }, 'deadline.days', '工作日天数：类型不正确（应为数字）'],
      [{ ...base, deadline: { type: 'date', date: '明天' } }, 'deadline.date', '办理期限：格式应为YYYY-MM-DD'],
      [{ ...base, isAdmin: true }, '', '请求内容：包含不允许的字段：isAdmin'],
      [{ ...base, title: 'x'.repeat(201) }, 'title', '标题：不能超过200个字符'],
    ];
    for (const [body, field, message] of cases) {
      const r = await post(JSON.stringify(body));
      assert.equal(r.status, 400, message);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.equal(r.body.error.message, message);
      if (field) assert.equal(r.body.error.field, field);
    }
    assert.equal(await count(), 0);
  });

  it('stores injection strings as plain text and never errors', async () => {
    const nasty = ["'; drop table assignments; --", '<script>alert(1)</script>', '%_\\', '${7*7}', '𠮷字與繁體'];
    for (const title of nasty) {
      const r = await post(JSON.stringify({ title, instruction: title, assigneeUnitId: c.township, deadline: { type: 'workdays', days: 3 } }));
      assert.equal(r.status, 200, title);
      const d = await request(env, 'GET', `/api/assignments/${r.body.id}`, { session: leader });
      assert.equal(d.body.title, title.trim());
    }
    const search = await request(env, 'GET', `/api/assignments?q=${encodeURIComponent('%_\\')}`, { session: leader });
    assert.equal(search.status, 200);
    assert.equal(search.body.total, 1, 'LIKE wildcards are matched literally');
    const nul = await post(JSON.stringify({ title: '零\u0000字节', instruction: 'x', assigneeUnitId: c.township, deadline: { type: 'workdays', days: 3 } }));
    assert.equal(nul.status, 400);
    assert.equal(nul.body.error.message, '标题：包含不允许的控制字符');
    assert.equal(nul.body.error.field, 'title');
    const sqlish = await request(env, 'GET', `/api/assignments/${encodeURIComponent("' or 1=1 --")}`, { session: leader });
    assert.equal(sqlish.status, 404);
  });

  it('answers unknown routes, bad query values and wrong content types with 4xx', async () => {
    assert.equal((await request(env, 'GET', '/api/nope', { session: leader })).status, 404);
    const page = await request(env, 'GET', '/api/assignments?page=-1', { session: leader });
    assert.equal(page.status, 400);
    assert.equal(page.body.error.message, '页码：不能小于1');
    const form = await post('title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    const missingAuth = await request(env, 'GET', '/api/assignments');
    assert.equal(missingAuth.status, 401);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { migrateAllDown, migrateToLatest } from '@zhongshu/db';
import { createTestEnv, DIALECT, login, makeUser, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

describe(`administration (${DIALECT})`, () => {
  let env: TestEnv;
  let sys: Session;
  let c: Awaited<ReturnType<typeof seedCounty>>;
  before(async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    c = await seedCounty(env);
    await makeUser(env, 'sys', { adminRole: 'system' });
    sys = await login(env, 'sys');
  });
  after(() => env.close());

  it('warns that next year has no holiday data, until an override is entered', async () => {
    const w = await request(env, 'GET', '/api/admin/warnings', { session: sys });
    assert.deepEqual(w.body.items.map((i: any) => i.code), ['CALENDAR_YEAR_MISSING']);
    assert.match(w.body.items[0].message, /^2027年/);
    await request(env, 'POST', '/api/admin/calendar/overrides', { session: sys, body: { date: '2027-01-01', kind: 'holiday', name: '元旦' } });
    const after = await request(env, 'GET', '/api/admin/warnings', { session: sys });
    assert.deepEqual(after.body.items, []);
    const year = await request(env, 'GET', '/api/admin/calendar?year=2027', { session: sys });
    assert.deepEqual(year.body, { year: 2027, hasPackageData: false, overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
  });

  it('uses an override in the next deadline computed', async () => {
    const leader = await login(env, 'leader1');
    // Make Tuesday 2026-11-03 a holiday: 1 working day after Monday becomes Wednesday.
    await request(env, 'POST', '/api/admin/calendar/overrides', { session: sys, body: { date: '2026-11-03', kind: 'holiday', name: '地方假日' } });
    const r = await request(env, 'POST', '/api/assignments', { session: leader, body: { title: '日历测试', instruction: 'x', assigneeUnitId: c.township, deadline: { type: 'workdays', days: 1 } } });
    const d = await request(env, 'GET', `/api/assignments/${r.body.id}`, { session: leader });
    assert.equal(d.body.deadline, '2026-11-04');
    const del = await request(env, 'DELETE', '/api/admin/calendar/overrides/2026-11-03', { session: sys });
    assert.equal(del.status, 200);
    const again = await request(env, 'DELETE', '/api/admin/calendar/overrides/2026-11-03', { session: sys });
    assert.equal(again.status, 404);
  });

  it('changes the idle timeout setting within bounds', async () => {
    const bad = await request(env, 'PATCH', '/api/admin/settings', { session: sys, body: { sessionIdleMinutes: 1 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.message, '会话空闲超时分钟数：不能小于5');
    const ok = await request(env, 'PATCH', '/api/admin/settings', { session: sys, body: { sessionIdleMinutes: 15 } });
    assert.equal(ok.body.sessionIdleMinutes, 15);
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const r = await request(env, 'GET', '/api/docs/json');
    assert.equal(r.status, 200);
    assert.match(r.body.openapi, /^3\./);
    for (const p of ['/api/health', '/api/auth/login', '/api/inbox/', '/api/assignments/', '/api/assignments/{id}/actions/{action}', '/api/org/users', '/api/audit/verify']) {
      assert.ok(r.body.paths[p], p);
    }
  });

  it('migrates all the way down, leaving no table, and up again', async () => {
    const env2 = await createTestEnv();
    try {
      await migrateAllDown(env2.ctx.db);
      const tables = await env2.ctx.db.introspection.getTables();
      assert.deepEqual(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')), []);
      await migrateToLatest(env2.ctx.db);
      assert.equal((await env2.ctx.db.introspection.getTables()).some((t) => t.name === 'assignments'), true);
    } finally {
      await env2.close();
    }
  });
});

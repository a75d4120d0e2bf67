import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { users } from '@zhongshu/db';
import { createTestEnv, DIALECT, login, makeUnit, makeUser, PASSWORD, request, type TestEnv } from './helpers.ts';

describe(`auth (${DIALECT})`, () => {
  let env: TestEnv;
  let unitId: string;
  before(async () => {
    env = await createTestEnv();
    unitId = await makeUnit(env, '城关镇', 'township');
    await makeUser(env, 'clerk', { unitId, roles: ['unit'] });
  });
  after(() => env.close());

  it('logs in with the right password and reports the user', async () => {
    const s = await login(env, 'clerk');
    const me = await request(env, 'GET', '/api/auth/me', { session: s });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.username, 'clerk');
    assert.deepEqual(me.body.user.roles, ['unit']);
    assert.equal(me.body.csrfToken, s.csrf);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const r = await request(env, 'POST', '/api/auth/login', { body: { username: 'clerk', password: PASSWORD } });
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });

  it('should fail with 401 and the remaining tries on a wrong password', async () => {
    await makeUser(env, 'typo', { unitId });
    const r = await request(env, 'POST', '/api/auth/login', { body: { username: 'typo', password: 'Wrong-pass1' } });
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'LOGIN_FAILED');
    assert.equal(r.body.error.message, '用户名或密码错误，再错4次账号将被锁定15分钟');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    await makeUser(env, 'victim', { unitId });
    for (let i = 1; i <= 4; i++) {
      const r = await request(env, 'POST', '/api/auth/login', { body: { username: 'victim', password: `Wrong-pass${i}` } });
      assert.equal(r.status, 401);
    }
    const fifth = await request(env, 'POST', '/api/auth/login', { body: { username: 'victim', password: 'Wrong-pass5' } });
    assert.equal(fifth.status, 423);
    assert.equal(fifth.body.error.code, 'ACCOUNT_LOCKED');
    const right = await request(env, 'POST', '/api/auth/login', { body: { username: 'victim', password: PASSWORD } });
    assert.equal(right.status, 423);
    assert.match(right.body.error.message, /15分钟后再试/);
    const saved = env.clock.now;
    env.clock.now = new Date(saved.getTime() + 15 * 60000 + 1000);
    try {
      const later = await request(env, 'POST', '/api/auth/login', { body: { username: 'victim', password: PASSWORD } });
      assert.equal(later.status, 200);
    } finally {
      env.clock.now = saved;
    }
  });

  it('should fail with 401 SESSION_EXPIRED after 30 idle minutes, and keep an active session alive', async () => {
    const s = await login(env, 'clerk');
    const start = env.clock.now;
    try {
      env.clock.now = new Date(start.getTime() + 29 * 60000);
      assert.equal((await request(env, 'GET', '/api/auth/me', { session: s })).status, 200);
      env.clock.now = new Date(start.getTime() + 29 * 60000 + 29 * 60000);
      assert.equal((await request(env, 'GET', '/api/auth/me', { session: s })).status, 200, 'activity at minute 29 extends the session');
      env.clock.now = new Date(start.getTime() + 29 * 60000 + 29 * 60000 + 31 * 60000);
      const r = await request(env, 'GET', '/api/auth/me', { session: s });
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'SESSION_EXPIRED');
      const again = await request(env, 'GET', '/api/auth/me', { session: s });
      assert.equal(again.body.error.code, 'UNAUTHENTICATED', 'the expired session is deleted');
    } finally {
      env.clock.now = start;
    }
  });

  it('should fail with 403 CSRF_REJECTED on a state change without the token, and change nothing', async () => {
    const s = await login(env, 'clerk');
    const before = await users.findUserByUsername(env.ctx.db, 'clerk');
    for (const csrf of [null, 'forged-token']) {
      const r = await request(env, 'POST', '/api/auth/change-password', { session: s, csrf, body: { oldPassword: PASSWORD, newPassword: 'New-Passw0rd!' } });
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'CSRF_REJECTED');
    }
    const afterRow = await users.findUserByUsername(env.ctx.db, 'clerk');
    assert.equal(afterRow!.password_hash, before!.password_hash);
  });

  it('forces a password change at first login and enforces the policy', async () => {
    await makeUser(env, 'newbie', { unitId, roles: ['unit'], mustChange: true });
    const s = await login(env, 'newbie');
    const blocked = await request(env, 'GET', '/api/inbox/counts', { session: s });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    const weak = await request(env, 'POST', '/api/auth/change-password', { session: s, body: { oldPassword: PASSWORD, newPassword: 'abcdefgh' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.field, 'newPassword');
    assert.match(weak.body.error.message, /^新密码：/);
    const wrongOld = await request(env, 'POST', '/api/auth/change-password', { session: s, body: { oldPassword: 'nope', newPassword: 'Good-Passw0rd' } });
    assert.equal(wrongOld.body.error.code, 'PASSWORD_WRONG');
    const ok = await request(env, 'POST', '/api/auth/change-password', { session: s, body: { oldPassword: PASSWORD, newPassword: 'Good-Passw0rd' } });
    assert.equal(ok.status, 200);
    assert.equal((await request(env, 'GET', '/api/inbox/counts', { session: s })).status, 200);
    await login(env, 'newbie', 'Good-Passw0rd');
  });

  it('logs out: the session no longer works', async () => {
    const s = await login(env, 'clerk');
    assert.equal((await request(env, 'POST', '/api/auth/logout', { session: s })).status, 200);
    assert.equal((await request(env, 'GET', '/api/auth/me', { session: s })).status, 401);
  });

  it('records logins, failures and logouts in the audit log', async () => {
    const rows = await env.ctx.db.selectFrom('audit_log').select(['action']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['auth.login', 'auth.login_failed', 'auth.account_locked', 'auth.login_refused_locked', 'auth.logout', 'auth.password_changed']) assert.ok(actions.has(a), a);
  });

  it('rate-limits logins from one address', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await request(env, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } })).status;
    assert.equal(last, 429);
  });
});

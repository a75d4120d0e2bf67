import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, makeUser, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

describe(`三员分立 (${DIALECT})`, () => {
  let env: TestEnv;
  let county: Awaited<ReturnType<typeof seedCounty>>;
  const admin: Record<string, Session> = {};
  let leader: Session;
  let assignmentId: string;
  before(async () => {
    env = await createTestEnv();
    county = await seedCounty(env);
    for (const role of ['system', 'security', 'audit']) {
      await makeUser(env, `${role}adm`, { adminRole: role });
      admin[role] = await login(env, `${role}adm`);
    }
    leader = await login(env, 'leader1');
    const r = await request(env, 'POST', '/api/assignments', {
      session: leader,
      body: { title: '秋冬季防火检查', instruction: '请城关镇落实', assigneeUnitId: county.township, deadline: { type: 'workdays', days: 5 }, urgency: 'normal' },
    });
    assert.equal(r.status, 200);
    assignmentId = r.body.id;
  });
  after(() => env.close());

  for (const role of ['system', 'security', 'audit']) {
    it(`should refuse the ${role} administrator every business record with 403`, async () => {
      for (const url of ['/api/assignments', `/api/assignments/${assignmentId}`, '/api/inbox', '/api/inbox/counts', '/api/org/directory']) {
        const r = await request(env, 'GET', url, { session: admin[role] });
        assert.equal(r.status, 403, url);
        assert.equal(r.body.error.code, 'ADMIN_NO_BUSINESS_ACCESS', url);
      }
      const act = await request(env, 'POST', `/api/assignments/${assignmentId}/actions/sign`, { session: admin[role], body: {} });
      assert.equal(act.body.error.code, 'ADMIN_NO_BUSINESS_ACCESS');
    });
  }

  it('lets only the system administrator manage users and units', async () => {
    const body = { username: 'newclerk', displayName: '新文书', unitId: county.township };
    for (const role of ['security', 'audit']) {
      const r = await request(env, 'POST', '/api/org/users', { session: admin[role], body });
      assert.equal(r.status, 403, role);
    }
    const ok = await request(env, 'POST', '/api/org/users', { session: admin.system, body });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.initialPassword.length, 16);
    assert.deepEqual(ok.body.user.roles, []);
  });

  it('lets only the security administrator set roles and clearance, never on an administrator', async () => {
    const target = county.otherClerk;
    const bySystem = await request(env, 'PATCH', `/api/org/users/${target}/security`, { session: admin.system, body: { clearance: 'secret' } });
    assert.equal(bySystem.status, 403);
    const ok = await request(env, 'PATCH', `/api/org/users/${target}/security`, { session: admin.security, body: { roles: ['unit'], clearance: 'secret' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.clearance, 'secret');
    const users = await request(env, 'GET', '/api/org/users?q=systemadm', { session: admin.security });
    const sysId = users.body.items[0].id;
    const onAdmin = await request(env, 'PATCH', `/api/org/users/${sysId}/security`, { session: admin.security, body: { roles: ['leader'] } });
    assert.equal(onAdmin.status, 409);
    assert.equal(onAdmin.body.error.code, 'ADMIN_ROLE_CONFLICT');
  });

  it('lets only the audit administrator read the audit log', async () => {
    for (const s of [admin.system, admin.security, leader]) assert.equal((await request(env, 'GET', '/api/audit', { session: s })).status, 403);
    const r = await request(env, 'GET', '/api/audit?pageSize=5', { session: admin.audit });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 5);
    assert.ok(r.body.total > 5);
  });

  it('refuses business users the administrators\' pages', async () => {
    for (const [m, url] of [['GET', '/api/org/users'], ['GET', '/api/admin/settings'], ['POST', '/api/org/units']] as const) {
      const r = await request(env, m, url, { session: leader, body: m === 'POST' ? { name: 'x', kind: 'department' } : undefined });
      assert.equal(r.status, 403, url);
    }
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestEnv, DIALECT, login, makeUser, multipart, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

async function xlsx(units: unknown[][], users: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const u = wb.addWorksheet('单位');
  u.addRow(['单位名称', '简称', '类型', '上级单位', '排序号']);
  units.forEach((r) => u.addRow(r));
  const p = wb.addWorksheet('用户');
  p.addRow(['用户名', '姓名', '所属单位', '岗位', '是否领导', '领导职务']);
  users.forEach((r) => p.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}



describe(`organisation (${DIALECT})`, () => {
  let env: TestEnv;
  let sys: Session;
  let c: Awaited<ReturnType<typeof seedCounty>>;
  before(async () => {
    env = await createTestEnv();
    c = await seedCounty(env);
    await makeUser(env, 'sys', { adminRole: 'system' });
    sys = await login(env, 'sys');
  });
  after(() => env.close());

  it('creates, renames and deletes a unit, refusing to delete one with users or to loop the tree', async () => {
    const created = await request(env, 'POST', '/api/org/units', { session: sys, body: { name: '县委党校', kind: 'department', parentId: c.committee } });
    assert.equal(created.status, 200);
    const renamed = await request(env, 'PATCH', `/api/org/units/${created.body.id}`, { session: sys, body: { name: '中共示例县委党校' } });
    assert.equal(renamed.body.name, '中共示例县委党校');
    const loop = await request(env, 'PATCH', `/api/org/units/${c.committee}`, { session: sys, body: { parentId: created.body.id } });
    assert.equal(loop.status, 400);
    assert.equal(loop.body.error.message, '上级单位：不能选择本单位或其下级单位');
    const busy = await request(env, 'DELETE', `/api/org/units/${c.township}`, { session: sys });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.error.code, 'UNIT_NOT_EMPTY');
    const del = await request(env, 'DELETE', `/api/org/units/${created.body.id}`, { session: sys });
    assert.equal(del.status, 200);
    const list = await request(env, 'GET', '/api/org/units', { session: sys });
    assert.equal(list.body.items.some((u: any) => u.id === created.body.id), false);
  });

  it('refuses a duplicate username with the field named', async () => {
    const r = await request(env, 'POST', '/api/org/users', { session: sys, body: { username: 'town1', displayName: '重名', unitId: c.township } });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.field, 'username');
  });

  it('resets a password (forcing a change) and unlocks an account', async () => {
    const reset = await request(env, 'POST', `/api/org/users/${c.otherClerk}/reset-password`, { session: sys });
    assert.equal(reset.status, 200);
    const s = await login(env, 'town2', reset.body.initialPassword);
    assert.equal((await request(env, 'GET', '/api/inbox', { session: s })).body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    for (let i = 0; i < 5; i++) await request(env, 'POST', '/api/auth/login', { body: { username: 'town1', password: `Bad-pass${i}` } });
    const users = await request(env, 'GET', '/api/org/users?q=town1', { session: sys });
    assert.equal(users.body.items[0].locked, true);
    await request(env, 'POST', `/api/org/users/${c.townClerk}/unlock`, { session: sys });
    await login(env, 'town1');
  });

  it('serves the import template as .xlsx with both sheets', async () => {
    const r = await request(env, 'GET', '/api/org/import/template', { session: sys });
    assert.equal(r.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['单位', '用户']);
    assert.equal(wb.getWorksheet('用户')!.getCell('A1').value, '用户名');
    const { payload, headers } = multipart(r.raw);
    const unchanged = await request(env, 'POST', '/api/org/import', { session: sys, payload, headers });
    assert.equal(unchanged.status, 400, 'an unchanged template imports nothing');
    assert.equal(unchanged.body.error.message, '文件：模板中没有填写任何单位或用户（从第2行起填写）');
  });

  it('reports row-level errors and imports nothing when any row is wrong', async () => {
    const file = await xlsx(
      [['县水利局', '', '部门', '县委', 5], ['县水利局', '', '部门', '县委', 6], ['某某中心', '', '单位', '不存在的单位', 'x']],
      [['ok_user', '好用户', '县水利局', '科员', '否', ''], ['bad name', '', '无此单位', '', '也许', ''], ['town1', '重复', '县委', '', '', '']],
    );
    const { payload, headers } = multipart(file);
    const r = await request(env, 'POST', '/api/org/import', { session: sys, payload, headers });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.errors.map((e: any) => `${e.sheet}${e.row}${e.field}`),
      ['单位3单位名称', '单位4类型', '单位4上级单位', '单位4排序号', '用户3用户名', '用户3姓名', '用户3所属单位', '用户3是否领导', '用户4用户名'],
    );
    assert.equal(r.body.createdUnits, 0);
    const list = await request(env, 'GET', '/api/org/users?q=ok_user', { session: sys });
    assert.equal(list.body.total, 0);
  });

  it('imports units and users from a correct roster with one-time passwords', async () => {
    const file = await xlsx([['县水利局', '水利局', '部门', '县委', 5], ['水利局办公室', '', '部门', '县水利局', 1]], [['shuili1', '钱多', '水利局办公室', '文书', '否', ''], ['shuili2', '孙少', '县水利局', '局长', '是', '局长']]);
    const { payload, headers } = multipart(file);
    const r = await request(env, 'POST', '/api/org/import', { session: sys, payload, headers });
    assert.deepEqual([r.body.createdUnits, r.body.createdUsers, r.body.errors.length], [2, 2, 0]);
    const pw = r.body.passwords.find((p: any) => p.username === 'shuili2').initialPassword;
    const s = await login(env, 'shuili2', pw);
    const me = await request(env, 'GET', '/api/auth/me', { session: s });
    assert.equal(me.body.user.unitName, '县水利局');
    assert.equal(me.body.user.isLeader, true);
    assert.equal(me.body.user.mustChangePassword, true);
  });

  it('refuses a file that is not .xlsx with a clear message', async () => {
    const { payload, headers } = multipart(Buffer.from('not a spreadsheet'));
    const r = await request(env, 'POST', '/api/org/import', { session: sys, payload, headers });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.message, '文件：不是有效的.xlsx文件，请使用下载的模板填写');
  });
});

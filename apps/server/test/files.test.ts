import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, multipart, request, seedCounty, type Session, type TestEnv } from './helpers.ts';

describe(`attachments (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedCounty>>;
  let leader: Session, town: Session, otherTown: Session;
  let assignmentId: string;
  before(async () => {
    env = await createTestEnv({ maxUploadMb: 1 });
    c = await seedCounty(env);
    [leader, town, otherTown] = await Promise.all(['leader1', 'town1', 'town2'].map((u) => login(env, u)));
    const r = await request(env, 'POST', '/api/assignments', { session: leader, body: { title: '附件测试', instruction: '请报送材料', assigneeUnitId: c.township, deadline: { type: 'workdays', days: 5 } } });
    assignmentId = r.body.id;
    await request(env, 'POST', `/api/assignments/${assignmentId}/actions/sign`, { session: town, body: {} });
  });
  after(() => env.close());

  it('uploads, attaches to a progress report, and lets involved users download it (audited)', async () => {
    const { payload, headers } = multipart(Buffer.from('进展材料内容'), '进展材料.txt');
    const up = await request(env, 'POST', '/api/files', { session: town, payload, headers });
    assert.equal(up.status, 200);
    assert.equal(up.body.name, '进展材料.txt');
    assert.equal(up.body.size, Buffer.byteLength('进展材料内容'));
    const rep = await request(env, 'POST', `/api/assignments/${assignmentId}/actions/report_progress`, { session: town, body: { comment: '见附件', attachmentIds: [up.body.id] } });
    assert.deepEqual(rep.body.history.at(-1).attachments, [{ id: up.body.id, name: '进展材料.txt', size: up.body.size }]);
    const dl = await request(env, 'GET', `/api/files/${up.body.id}`, { session: leader });
    assert.equal(dl.status, 200);
    assert.equal(dl.raw.toString(), '进展材料内容');
    assert.match(String(dl.headers['content-disposition']), /filename\*=UTF-8''/);
    const denied = await request(env, 'GET', `/api/files/${up.body.id}`, { session: otherTown });
    assert.equal(denied.status, 404);
    const audited = await env.ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'file.download').execute();
    assert.deepEqual(audited.map((a) => a.actor_id), [c.leader]);
  });

  it('refuses a file over the size limit with a clear message and keeps nothing', async () => {
    const { payload, headers } = multipart(Buffer.alloc(1024 * 1024 + 10, 1), '大文件.bin');
    const r = await request(env, 'POST', '/api/files', { session: town, payload, headers });
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'FILE_TOO_LARGE');
    assert.equal(r.body.error.message, '文件"大文件.bin"超过1MB的大小上限，请压缩或拆分后再上传');
    const rows = await env.ctx.db.selectFrom('files').select('name').execute();
    assert.equal(rows.some((f) => f.name === '大文件.bin'), false);
  });

  it('applies the administrators\' upload limit without a restart', async () => {
    await env.ctx.db.insertInto('settings').values({ key: 'maxUploadMb', value: '2' }).execute();
    const { forgetSettings } = await import('../src/lib/settings.ts');
    forgetSettings();
    const { payload, headers } = multipart(Buffer.alloc(1024 * 1024 + 10, 1), '稍大文件.bin');
    const r = await request(env, 'POST', '/api/files', { session: town, payload, headers });
    assert.equal(r.status, 200);
    await env.ctx.db.deleteFrom('settings').execute();
    forgetSettings();
  });

  it('refuses to attach somebody else\'s upload', async () => {
    const { payload, headers } = multipart(Buffer.from('x'), 'a.txt');
    const up = await request(env, 'POST', '/api/files', { session: leader, payload, headers });
    const r = await request(env, 'POST', `/api/assignments/${assignmentId}/actions/report_progress`, { session: town, body: { comment: '试图附加', attachmentIds: [up.body.id] } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'attachmentIds');
  });
});

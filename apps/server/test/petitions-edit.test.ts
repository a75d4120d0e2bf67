/**
 * 信访 修改登记 and files on a case (docs/API.md "Petitions (信访)": `PATCH /api/petitions/:id`, `PetitionDetail.editable`,
 * `PetitionDetail.files`, `POST/DELETE /api/petitions/:id/files…`, `fileIds` on registration, downloads through
 * `GET /api/files/:fileId`). An online case filed as 申诉求决 under 其他 is reclassified as a 检举控告 and leaves the
 * accused unit's sight; every refusal leaves the case as it was; a new receipt date moves the 登记/告知 limits; a
 * new text is matched again. Files follow the case's own read rule, so the accused unit never downloads them.
 * Every test builds its own county on a fresh database and sets its own clock.
 *
 * 2026 holidays used below: 中秋 9/25, 国庆 10/1–10/7.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestEnv, DIALECT, login, makeUser, multipart, ok, refused, request, requestFrom, seedPetitionCounty, type Res, type Session, type TestEnv } from './helpers.ts';

const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);
type County = Awaited<ReturnType<typeof seedPetitionCounty>>;

interface World {
  env: TestEnv;
  c: County;
  /** 信访局 clerk (petition, unit). */
  xf: Session;
  /** 纪委 clerk. */
  jw: Session;
  /** 城关镇 clerk. */
  town: Session;
  /** 河西镇 clerk. */
  otherTown: Session;
  leader: Session;
  office: Session;
  register(body: Record<string, unknown>): Promise<string>;
  edit(s: Session, id: string, body: Record<string, unknown>): Promise<Res>;
  act(s: Session, id: string, action: string, body?: Record<string, unknown>): Promise<Res>;
  detail(s: Session, id: string): Promise<any>;
  upload(s: Session, name: string, text: string): Promise<string>;
  attach(s: Session, id: string, fileId: string, kind: string): Promise<Res>;
  remove(s: Session, id: string, fileId: string): Promise<Res>;
  download(s: Session, fileId: string): Promise<Res>;
}

async function world(date: string, fn: (w: World) => Promise<void>): Promise<void> {
  const env = await createTestEnv({ now: at10(date).toISOString(), idleMinutes: 10_000_000 });
  try {
    const c = await seedPetitionCounty(env);
    const [xf, jw, town, otherTown, leader, office] = await Promise.all(['xf1', 'jw1', 'town1', 'town2', 'leader1', 'office1'].map((u) => login(env, u)));
    const w: World = {
      env, c, xf, jw, town, otherTown, leader, office,
      async register(body) {
        return (await ok(request(env, 'POST', '/api/petitions', { session: xf, body }))).id;
      },
      edit: (s, id, body) => request(env, 'PATCH', `/api/petitions/${id}`, { session: s, body }),
      act: (s, id, action, body = {}) => request(env, 'POST', `/api/petitions/${id}/actions/${action}`, { session: s, body }),
      detail: (s, id) => ok(request(env, 'GET', `/api/petitions/${id}`, { session: s })),
      async upload(s, name, text) {
        const { payload, headers } = multipart(Buffer.from(text), name);
        return (await ok(request(env, 'POST', '/api/files', { session: s, payload, headers }))).id;
      },
      attach: (s, id, fileId, kind) => request(env, 'POST', `/api/petitions/${id}/files`, { session: s, body: { fileId, kind } }),
      remove: (s, id, fileId) => request(env, 'DELETE', `/api/petitions/${id}/files/${fileId}`, { session: s }),
      download: (s, fileId) => request(env, 'GET', `/api/files/${fileId}`, { session: s }),
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

/** A 来信 申诉求决 by one person about 城关镇 (城乡建设); `over` replaces any field. */
const letter = (c: County, over: Record<string, unknown> = {}) => ({
  channel: 'letter', kind: 'appeal', summary: '城南片区房屋征收补偿款未足额发放',
  content: '本人位于城关镇东关村的房屋于2025年6月被征收，协议约定的补偿款至今仍有三成未发放，多次到镇政府反映均无答复，请求督促有关部门足额发放补偿款。',
  townshipId: c.township, categoryId: 'cat-01', firstOrgan: 'none', petitioner: { name: '张建国' }, ...over,
});

/** The call is refused as stated, and the case reads exactly as before to the clerk. */
async function refusedUnchanged(w: World, id: string, call: () => Promise<Res>, status: number, code: string, field?: string) {
  const before = await w.detail(w.xf, id);
  const e = await refused(call(), status, code, field);
  assert.deepEqual(await w.detail(w.xf, id), before, `a refused call (${code}${field ? ` ${field}` : ''}) leaves the case unchanged`);
  return e;
}

async function xlsxText(raw: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('|');
}

const MATTER_FIELDS = ['summary', 'content', 'townshipId', 'village', 'categoryId', 'firstOrgan'];
const ALL_FIELDS = ['channel', 'kind', 'receivedAt', 'accusedUnitId', 'superiorRef', ...MATTER_FIELDS];

describe(`信访 修改登记 and files (${DIALECT})`, () => {
  it('reclassifies an online case as a 检举控告 against the office: history and audit name each change, and the office then finds it nowhere', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const summary = '反映有人在办事时索要好处费';
      await ok(requestFrom(env, '203.0.113.10', 'POST', '/api/public/petitions', {
        body: { name: '周小红', phone: '13800138000', townshipId: c.township, summary, content: '本人到县里办理证明时，县委办公室一名工作人员暗示要给好处费才能尽快办理，请求调查。' },
      }));
      const [item] = (await ok(request(env, 'GET', '/api/petitions', { session: w.xf }))).items;
      const id = item.id as string;
      let d = await w.detail(w.xf, id);
      // Online submissions arrive as 申诉求决 under 其他.
      assert.deepEqual([d.channel, d.kind, d.categoryName, d.accusedUnitId], ['online', 'appeal', '其他', null]);
      assert.deepEqual(d.editable, { allowed: true, fields: ALL_FIELDS });
      assert.deepEqual((await w.detail(w.office, id)).editable, { allowed: false, fields: [] }, 'only 信访 staff edit');
      assert.equal((await w.detail(w.office, id)).summary, summary, 'the office reads every case, this one too (for now)');
      const statsBefore = await ok(request(env, 'GET', '/api/petitions/stats', { session: w.xf }));
      assert.deepEqual(statsBefore.byCategory.map((r: any) => [r.label, r.count]), [['其他', 1]]);

      const reason = '网上信访误归类：实为举报县委办公室工作人员索要好处费';
      d = await ok(w.edit(w.xf, id, { reason, kind: 'accusation', accusedUnitId: c.office, categoryId: 'cat-09', channel: 'online', summary }));
      assert.deepEqual(
        [d.channel, d.kind, d.kindLabel, d.categoryId, d.categoryName, d.accusedUnitId, d.summary, d.state],
        ['online', 'accusation', '检举控告类', 'cat-09', '纪检监察', c.office, summary, 'registered'],
      );
      const last = d.history.at(-1);
      assert.deepEqual(
        [last.action, last.actionLabel, last.actorName, last.comment],
        ['edit', '修改登记', 'xf1姓名', `信访事项类型 申诉求决类→检举控告类；被反映单位已填写；问题类别 其他→纪检监察。原因：${reason}`],
      );
      const changes = [
        { field: 'kind', label: '信访事项类型', from: 'appeal', to: 'accusation', fromName: '申诉求决类', toName: '检举控告类' },
        { field: 'accusedUnitId', label: '被反映单位', from: null, to: c.office, fromName: null, toName: '县委办公室' },
        { field: 'categoryId', label: '问题类别', from: 'cat-13', to: 'cat-09', fromName: '其他', toName: '纪检监察' },
      ];
      const event = await env.ctx.db.selectFrom('petition_events').select(['data', 'from_state', 'to_state']).where('petition_id', '=', id).where('action', '=', 'edit').executeTakeFirstOrThrow();
      assert.deepEqual({ ...event, data: JSON.parse(event.data!) }, { data: { reason, changes }, from_state: 'registered', to_state: 'registered' });
      const audits = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_type', 'entity_id', 'detail']).where('action', '=', 'petition.edit').execute();
      assert.deepEqual(audits.map((a) => ({ ...a, detail: JSON.parse(a.detail!) })), [{ actor_id: c.clerk, entity_type: 'petition', entity_id: id, detail: { reason, changes } }]);
      // The statistics are rebuilt at once.
      const statsAfter = await ok(request(env, 'GET', '/api/petitions/stats', { session: w.xf }));
      assert.deepEqual(statsAfter.byCategory.map((r: any) => [r.label, r.count]), [['纪检监察', 1]]);

      // 第30条: the accused office now learns nothing of it — detail, lists, searches, export.
      await refused(request(env, 'GET', `/api/petitions/${id}`, { session: w.office }), 404, 'NOT_FOUND');
      for (const q of ['', 'channel=online', 'kind=accusation', 'state=registered', `q=${encodeURIComponent(summary)}`, `q=${encodeURIComponent(d.serial)}`, `townshipId=${c.township}`]) {
        const r = await ok(request(env, 'GET', `/api/petitions${q ? `?${q}` : ''}`, { session: w.office }));
        assert.deepEqual([r.total, r.items], [0, []], `office list ?${q}`);
      }
      const exported = await request(env, 'GET', '/api/petitions/export.xlsx', { session: w.office });
      assert.equal(exported.status, 200);
      const text = await xlsxText(exported.raw);
      assert.ok(text.includes('编号') && !text.includes(summary) && !text.includes(d.serial), `office export: ${text}`);
      // Others still read it; the leader without the accused unit's name.
      assert.equal((await w.detail(w.leader, id)).accusedUnitId, null);
      assert.equal((await w.detail(w.xf, id)).accusedUnitId, c.office);
      // And 受理 cannot route it to the accused unit.
      const e = await refusedUnchanged(w, id, () => w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.office }), 400, 'VALIDATION_FAILED', 'handlingUnitId');
      assert.ok(e.message.includes('第三十条'), e.message);

      // Reclassified back to 申诉求决, the accused unit is cleared with it (and the office reads the case again).
      d = await ok(w.edit(w.xf, id, { reason: '经核实不属于检举控告', kind: 'appeal' }));
      assert.deepEqual([d.kind, d.accusedUnitId], ['appeal', null]);
      assert.equal(d.history.at(-1).comment, '信访事项类型 检举控告类→申诉求决类；被反映单位已清除。原因：经核实不属于检举控告');
      assert.equal((await w.detail(w.office, id)).summary, summary);
    }));

  it('refuses each wrong edit with the field and reason, changing nothing', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const id = await w.register(letter(c));
      const editAs = (s: Session, body: Record<string, unknown>) => () => w.edit(s, id, body);
      const ok1 = { reason: '更正' };

      let e = await refusedUnchanged(w, id, editAs(w.xf, { categoryId: 'cat-13' }), 400, 'VALIDATION_FAILED', 'reason');
      assert.equal(e.message, '修改原因：不能为空');
      e = await refusedUnchanged(w, id, editAs(w.xf, { reason: '   ', categoryId: 'cat-13' }), 400, 'VALIDATION_FAILED', 'reason');
      assert.equal(e.message, '修改原因：不能为空');
      // Values equal to the stored ones are no change.
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, kind: 'appeal', townshipId: c.township, village: null, categoryId: 'cat-01' }), 400, 'VALIDATION_FAILED');
      assert.equal(e.message, '修改登记：没有需要修改的内容');
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, receivedAt: '2026-11-03' }), 400, 'VALIDATION_FAILED', 'receivedAt');
      assert.equal(e.message, '收到日期：不能晚于今天');
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, receivedAt: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'receivedAt');
      assert.equal(e.message, '收到日期：不是有效的日期');
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, townshipId: c.housing }), 400, 'VALIDATION_FAILED', 'townshipId');
      assert.equal(e.message, '所属乡镇：请选择乡镇（街道）');
      await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, townshipId: 'no-such-unit' }), 400, 'VALIDATION_FAILED', 'townshipId');
      await ok(request(env, 'PUT', '/api/petitions/categories/cat-11', { session: w.xf, body: { disabled: true } }));
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, categoryId: 'cat-11' }), 400, 'VALIDATION_FAILED', 'categoryId');
      assert.equal(e.message, '问题类别：请从类别表中选择在用的类别');
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, accusedUnitId: c.office }), 400, 'VALIDATION_FAILED', 'accusedUnitId');
      assert.equal(e.message, '被反映单位：只有检举控告类需要填写');
      await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, kind: 'accusation', accusedUnitId: 'no-such-unit' }), 400, 'VALIDATION_FAILED', 'accusedUnitId');
      e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, channel: 'superior' }), 400, 'VALIDATION_FAILED', 'superiorRef');
      assert.equal(e.message, '上级转送交办文号：上级转送、交办的信访事项须填写上级文号');
      await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, summary: '' }), 400, 'VALIDATION_FAILED', 'summary');
      await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, handlingUnitId: c.township }), 400, 'VALIDATION_FAILED');
      // Only 信访 staff edit; the 三员 never reach the case.
      await refusedUnchanged(w, id, editAs(w.office, { ...ok1, categoryId: 'cat-13' }), 403, 'FORBIDDEN');
      await refusedUnchanged(w, id, editAs(w.town, { ...ok1, categoryId: 'cat-13' }), 403, 'FORBIDDEN');
      await makeUser(env, 'sysadm', { adminRole: 'system' });
      await refusedUnchanged(w, id, editAs(await login(env, 'sysadm'), { ...ok1, categoryId: 'cat-13' }), 403, 'ADMIN_NO_BUSINESS_ACCESS');
      await refused(w.edit(w.xf, 'no-such-case', { ...ok1, categoryId: 'cat-13' }), 404, 'NOT_FOUND');

      // After 受理 the routing fields are locked, each named; the description of the matter is not.
      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
      assert.deepEqual((await w.detail(w.xf, id)).editable, { allowed: true, fields: MATTER_FIELDS });
      for (const [field, value] of [['kind', 'accusation'], ['channel', 'online'], ['receivedAt', '2026-10-30'], ['superiorRef', '市信转〔2026〕1号']] as const) {
        e = await refusedUnchanged(w, id, editAs(w.xf, { ...ok1, [field]: value }), 409, 'PETITION_EDIT_LOCKED', field);
        assert.match(e.message, /只有待受理的事项可以修改$/);
      }
      // The same value of a locked field is no change, and does not stand in the way of the rest.
      const d = await ok(w.edit(w.xf, id, { reason: '村名补录', kind: 'appeal', channel: 'letter', village: '东关村' }));
      assert.deepEqual([d.village, d.history.at(-1).comment], ['东关村', '村（社区） （空）→东关村。原因：村名补录']);
      assert.equal((await w.detail(w.town, id)).editable.allowed, false, 'the handling unit does not edit the registration');

      // A final case is locked entirely.
      const refusedCase = await w.register(letter(c, { summary: '诉讼中的房屋买卖纠纷', content: '与开发商的房屋买卖合同纠纷已经起诉，请求信访部门督促法院尽快判决。' }));
      await ok(w.act(w.xf, refusedCase, 'not_accept', { comment: '已进入诉讼程序' }));
      assert.deepEqual((await w.detail(w.xf, refusedCase)).editable, { allowed: false, fields: [] });
      e = await refusedUnchanged(w, refusedCase, () => w.edit(w.xf, refusedCase, { ...ok1, summary: '改' }), 409, 'PETITION_EDIT_LOCKED');
      assert.equal(e.message, '该信访事项不予受理，登记内容不能再修改');
      const edits = await env.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'petition.edit').execute();
      assert.deepEqual(edits.map((a) => a.entity_id), [id], 'only the one accepted edit is on the record');
    }));

  it('moves the 登记 and 告知 limits with a corrected receipt date (rolled past 国庆), and a changed text is matched again', () =>
    world('2026-09-22', async (w) => {
      const { c, env } = w;
      const id = await w.register(letter(c, { receivedAt: '2026-09-20' }));
      const limits = async () => {
        const d = await w.detail(w.xf, id);
        return { due: d.deadlines.map((x: any) => [x.kind, x.due, x.daysRemaining, x.metAt]).sort(), next: d.nextDeadline.due, receivedAt: d.receivedAt };
      };
      // 09-20 + 15 = 10-05, inside 国庆: rolled to 10-08.
      assert.deepEqual(await limits(), { due: [['notice', '2026-10-08', 16, null], ['register', '2026-10-08', 16, null]], next: '2026-10-08', receivedAt: '2026-09-20' });
      // 09-14 + 15 = 09-29, a working Tuesday.
      let d = await ok(w.edit(w.xf, id, { reason: '收到日期登记有误，以邮戳为准', receivedAt: '2026-09-14' }));
      assert.equal(d.history.at(-1).comment, '收到日期 2026-09-20→2026-09-14。原因：收到日期登记有误，以邮戳为准');
      assert.deepEqual(await limits(), { due: [['notice', '2026-09-29', 7, null], ['register', '2026-09-29', 7, null]], next: '2026-09-29', receivedAt: '2026-09-14' });
      const row = await env.ctx.db.selectFrom('petitions').select('next_due').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.next_due, '2026-09-29');
      // 09-17 + 15 = 10-02, inside 国庆 again: 10-08.
      await ok(w.edit(w.xf, id, { reason: '再次核对邮戳', receivedAt: '2026-09-17' }));
      assert.deepEqual(await limits(), { due: [['notice', '2026-10-08', 16, null], ['register', '2026-10-08', 16, null]], next: '2026-10-08', receivedAt: '2026-09-17' });

      // A case by someone else about another matter matches nothing; rewritten to this case's matter, it does.
      const other = await w.register(letter(c, { summary: '村道路灯损坏多月无人维修', content: '村口至小学的道路两侧路灯已损坏三个多月，夜间学生上下学很不安全，请求尽快维修。', petitioner: { name: '王小梅' } }));
      assert.deepEqual((await w.detail(w.xf, other)).matches, []);
      const sameMatter = letter(c);
      d = await ok(w.edit(w.xf, other, { reason: '按来信原文更正', summary: sameMatter.summary, content: sameMatter.content }));
      assert.deepEqual(d.matches.map((m: any) => [m.id, m.reason, m.dismissed]), [[id, 'similar_content', false]]);
      assert.equal(d.history.at(-1).comment, `摘要 “村道路灯损坏多月无人维修”→“${sameMatter.summary}”；信访内容已修改。原因：按来信原文更正`);
      // The clerk's to-do carries the new summary.
      const todos = await ok(request(env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: w.xf }));
      assert.deepEqual(todos.items.filter((t: any) => t.entityId === other).map((t: any) => t.title), [sameMatter.summary]);
    }));

  it('keeps files on a case: the clerk any kind, the handling unit its 办理材料; downloads follow the case, never to the accused unit', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const scan = await w.upload(w.xf, '来信原件.pdf', '来信扫描件');
      const townScan = await w.upload(w.town, '别人的文件.pdf', '城关镇上传');
      const before = await env.ctx.db.selectFrom('petitions').select('id').execute();
      // Registration takes only the clerk's own uploads, as 来信原件.
      await refused(request(env, 'POST', '/api/petitions', { session: w.xf, body: letter(c, { fileIds: [scan, townScan] }) }), 400, 'VALIDATION_FAILED', 'fileIds');
      assert.deepEqual(await env.ctx.db.selectFrom('petitions').select('id').execute(), before, 'nothing registered');
      const accusation = letter(c, {
        kind: 'accusation', accusedUnitId: c.office, categoryId: 'cat-09', summary: '举报县委办公室公车私用',
        content: '县委办公室一辆公务车多次在周末停在某小区，用于接送私人家属，请求调查处理。', fileIds: [scan],
      });
      const id = await w.register(accusation);
      let d = await w.detail(w.xf, id);
      assert.deepEqual(d.files, [{ id: scan, name: '来信原件.pdf', size: Buffer.byteLength('来信扫描件'), kind: 'original', kindLabel: '来信原件', addedByName: 'xf1姓名', addedByUnitName: '县信访局', addedAt: at10('2026-11-02').toISOString(), canRemove: true }]);
      const links = await env.ctx.db.selectFrom('file_links').select(['file_id', 'entity_type', 'entity_id']).execute();
      assert.deepEqual(links, [{ file_id: scan, entity_type: 'petition', entity_id: id }]);

      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
      // The handling unit adds 办理材料 (and only that), from its own uploads, each once.
      const report = await w.upload(w.town, '调查报告.docx', '调查报告内容');
      const photos = await w.upload(w.town, '现场照片.zip', '照片');
      let e = await refusedUnchanged(w, id, () => w.attach(w.town, id, report, 'evidence'), 400, 'VALIDATION_FAILED', 'kind');
      assert.equal(e.message, '材料类别：承办单位添加的是办理材料');
      e = await refusedUnchanged(w, id, () => w.attach(w.town, id, scan, 'handling'), 400, 'VALIDATION_FAILED', 'fileId');
      assert.equal(e.message, '附件：请先上传文件（只能使用本人上传的文件）');
      await refusedUnchanged(w, id, () => w.attach(w.town, id, 'no-such-file', 'handling'), 400, 'VALIDATION_FAILED', 'fileId');
      await ok(w.attach(w.town, id, report, 'handling'));
      d = await ok(w.attach(w.town, id, photos, 'handling'));
      e = await refusedUnchanged(w, id, () => w.attach(w.town, id, report, 'handling'), 400, 'VALIDATION_FAILED', 'fileId');
      assert.equal(e.message, '文件：“调查报告.docx”已在本事项的附件中');
      assert.deepEqual(
        d.files.map((f: any) => [f.name, f.kindLabel, f.addedByName, f.addedByUnitName, f.canRemove]),
        [['来信原件.pdf', '来信原件', 'xf1姓名', '县信访局', false], ['调查报告.docx', '办理材料', 'town1姓名', '城关镇', true], ['现场照片.zip', '办理材料', 'town1姓名', '城关镇', true]],
        'the handling unit removes only what it added',
      );
      // Others may not: a stranger unit does not know the case, a reader who is neither clerk nor handler may not add.
      const strangers = await w.upload(w.otherTown, '河西镇材料.pdf', '河西镇');
      await refusedUnchanged(w, id, () => w.attach(w.otherTown, id, strangers, 'handling'), 404, 'NOT_FOUND');
      await refusedUnchanged(w, id, () => w.attach(w.office, id, strangers, 'evidence'), 404, 'NOT_FOUND');
      const leaderFile = await w.upload(w.leader, '领导材料.pdf', '领导');
      await refusedUnchanged(w, id, () => w.attach(w.leader, id, leaderFile, 'evidence'), 403, 'FORBIDDEN');
      const evidence = await w.upload(w.xf, '证明材料.jpg', '证明');
      d = await ok(w.attach(w.xf, id, evidence, 'evidence'));
      assert.deepEqual(d.files.map((f: any) => [f.name, f.canRemove]), [['来信原件.pdf', true], ['调查报告.docx', true], ['现场照片.zip', true], ['证明材料.jpg', true]], 'the clerk removes any');
      assert.deepEqual(
        d.history.filter((h: any) => h.action === 'attach_file').map((h: any) => [h.actionLabel, h.actorName, h.comment]),
        [['添加附件', 'town1姓名', '办理材料：调查报告.docx'], ['添加附件', 'town1姓名', '办理材料：现场照片.zip'], ['添加附件', 'xf1姓名', '证明材料：证明材料.jpg']],
      );

      // Downloads: whoever reads the case; never the accused office, a stranger unit or the 三员.
      for (const [who, s] of [['clerk', w.xf], ['handling unit', w.town], ['leader', w.leader]] as const) {
        const r = await w.download(s, scan);
        assert.equal(r.status, 200, who);
        assert.equal(r.raw.toString(), '来信扫描件', who);
      }
      for (const [who, s] of [['accused office', w.office], ['纪委 (a stranger unit)', w.jw], ['河西镇 (a stranger unit)', w.otherTown]] as const) {
        for (const f of [scan, report, evidence]) await refused(w.download(s, f), 404, 'NOT_FOUND').catch((err: Error) => assert.fail(`${who}: ${err.message}`));
      }
      await makeUser(env, 'auditadm', { adminRole: 'audit' });
      await refused(w.download(await login(env, 'auditadm'), scan), 403, 'ADMIN_NO_BUSINESS_ACCESS');
      const downloads = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'file.download').orderBy('seq').execute();
      assert.deepEqual(downloads, [c.clerk, c.townClerk, c.leader].map((actor) => ({ actor_id: actor, entity_id: scan })), 'each download is audited; refusals are not downloads');

      // Removal: the handling unit only its own, the clerk any; the link goes with it.
      await refusedUnchanged(w, id, () => w.remove(w.town, id, scan), 403, 'FORBIDDEN');
      await refusedUnchanged(w, id, () => w.remove(w.leader, id, report), 403, 'FORBIDDEN');
      await refusedUnchanged(w, id, () => w.remove(w.otherTown, id, report), 404, 'NOT_FOUND');
      await refusedUnchanged(w, id, () => w.remove(w.xf, id, strangers), 404, 'NOT_FOUND');
      await ok(w.remove(w.town, id, photos));
      d = await ok(w.remove(w.xf, id, report));
      assert.deepEqual(d.files.map((f: any) => f.name), ['来信原件.pdf', '证明材料.jpg']);
      assert.deepEqual(
        d.history.filter((h: any) => h.action === 'remove_file').map((h: any) => [h.actionLabel, h.actorName, h.comment]),
        [['删除附件', 'town1姓名', '办理材料：现场照片.zip'], ['删除附件', 'xf1姓名', '办理材料：调查报告.docx']],
      );
      assert.deepEqual((await env.ctx.db.selectFrom('file_links').select('file_id').where('entity_id', '=', id).orderBy('file_id').execute()).map((l) => l.file_id), [scan, evidence].sort());
      await refused(w.download(w.leader, report), 404, 'NOT_FOUND');
      assert.equal((await w.download(w.town, report)).status, 200, 'an upload stays its uploader\'s');
      const audited = await env.ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('action', 'in', ['petition.attach_file', 'petition.remove_file']).orderBy('seq').execute();
      assert.deepEqual(
        audited.map((a) => [a.action, a.actor_id, JSON.parse(a.detail!).kind]),
        [['petition.attach_file', c.clerk, 'original'], ['petition.attach_file', c.townClerk, 'handling'], ['petition.attach_file', c.townClerk, 'handling'], ['petition.attach_file', c.clerk, 'evidence'], ['petition.remove_file', c.townClerk, 'handling'], ['petition.remove_file', c.clerk, 'handling']],
      );

      // Once replied, the unit no longer holds the case; once closed, nobody changes the files.
      await ok(w.act(w.town, id, 'reply', { outcome: 'support', comment: '经查属实，已责令整改' }));
      const late = await w.upload(w.town, '补充材料.pdf', '补充');
      e = await refusedUnchanged(w, id, () => w.attach(w.town, id, late, 'handling'), 409, 'PETITION_EDIT_LOCKED');
      assert.equal(e.message, '承办单位在办理期间可以添加办理材料，该事项已答复');
      await ok(w.act(w.xf, id, 'close'));
      d = await w.detail(w.xf, id);
      assert.deepEqual(d.files.map((f: any) => f.canRemove), [false, false]);
      const more = await w.upload(w.xf, '补充证明.pdf', '补充证明');
      e = await refusedUnchanged(w, id, () => w.attach(w.xf, id, more, 'evidence'), 409, 'PETITION_EDIT_LOCKED');
      assert.equal(e.message, '该信访事项已办结，附件不能再添加或删除');
      await refusedUnchanged(w, id, () => w.remove(w.xf, id, evidence), 409, 'PETITION_EDIT_LOCKED');
      assert.equal((await w.download(w.leader, evidence)).status, 200, 'a closed case\'s files are still read by its readers');
    }));
});

/**
 * 情况征集 end to end (docs/API.md "Collections"): the office designs a form and sends it to units with a deadline;
 * the units' clerks save drafts and submit, every mistake named at once; the office reminds, returns a submission
 * for correction, reads the summary (checked against figures computed by hand) and exports it as .xlsx; who may
 * see what; late submissions, the reminder at the deadline through the scheduler; closing and reopening.
 * Every test builds its own county on a fresh database; the clock starts Monday 2026-11-02 10:00 in Shanghai.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { collectionsOfMeeting, meetingCollectionSummaryXlsx } from '../src/modules/collections/collections.meeting.ts';
import { resolveSession } from '../src/modules/auth/auth.service.ts';
import { createTestEnv, login, makeUser, multipart, request, seedSupervisionCounty, type Res, type Session, type TestEnv } from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Wednesday 2026-11-04 18:00 in Shanghai. */
const DEADLINE_INPUT = '2026-11-04T18:00:00+08:00';
const DEADLINE = '2026-11-04T10:00:00.000Z';

const FIELDS = [
  { key: 'invest', label: '本月完成投资', type: 'number', unit: '万元', decimals: 2, required: true, min: 0 },
  { key: 'projects', label: '项目个数', type: 'number', decimals: 0 },
  { key: 'areas', label: '涉及领域', type: 'multiple', options: ['工业', '农业', '服务业'] },
  { key: 'progress', label: '总体进度', type: 'single', options: ['顺利', '滞后'] },
  { key: 'proof', label: '佐证材料', type: 'file' },
  {
    key: 'items', label: '项目清单', type: 'table', maxRows: 5,
    columns: [
      { key: 'name', label: '项目名称', type: 'text', required: true },
      { key: 'amount', label: '金额', type: 'number', unit: '万元', decimals: 2 },
      { key: 'kind', label: '类别', type: 'single', options: ['新建', '续建'] },
    ],
  },
];

interface World {
  env: TestEnv;
  c: Awaited<ReturnType<typeof seedSupervisionCounty>> & { townHead: string };
  office: Session;
  leader: Session;
  town: Session;
  otherTown: Session;
  fin: Session;
  build: Session;
  townHead: Session;
  admin: Session;
  api(s: Session, method: string, url: string, body?: unknown): Promise<Res>;
  ok(s: Session, method: string, url: string, body?: unknown): Promise<any>;
  /** A collection created (and sent, unless `draft`) by the office to the given units. */
  collection(unitIds: string[], o?: { draft?: boolean; fields?: unknown[]; title?: string; deadline?: string }): Promise<string>;
  todos(s: Session, box?: 'todo' | 'done'): Promise<any[]>;
  rows(table: string, where?: Record<string, unknown>): Promise<any[]>;
}

async function world(fn: (w: World) => Promise<void>): Promise<void> {
  const env = await createTestEnv({ idleMinutes: 10_000_000 });
  try {
    // seedCounty's 县委, 县委办公室, 城关镇, 河西镇 and their people, with 县财政局 (fin1) and 县住建局 (build1).
    const base = await seedSupervisionCounty(env);
    // A township's own leader: not one of the committee's, so no wider view than his unit's clerks have (and he does not fill in).
    const townHead = await makeUser(env, 'townhead', { unitId: base.township, roles: ['leader'], clearance: 'secret' });
    await makeUser(env, 'sysadm', { adminRole: 'system' });
    const [office, leader, town, otherTown, fin, build, head, admin] = await Promise.all(['office1', 'leader1', 'town1', 'town2', 'fin1', 'build1', 'townhead', 'sysadm'].map((u) => login(env, u)));
    const api = (s: Session, method: string, url: string, body?: unknown) => request(env, method, url, { session: s, body });
    const ok = async (s: Session, method: string, url: string, body?: unknown) => {
      const r = await api(s, method, url, body);
      assert.equal(r.status, 200, `${method} ${url}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const w: World = {
      env, c: { ...base, townHead }, office, leader, town, otherTown, fin, build, townHead: head, admin, api, ok,
      async collection(unitIds, o = {}) {
        const created = await ok(office, 'POST', '/api/collections', { title: o.title ?? '重点项目推进情况', fields: o.fields ?? FIELDS, deadline: o.deadline ?? DEADLINE_INPUT, unitIds });
        if (!o.draft) await ok(office, 'POST', `/api/collections/${created.id}/send`);
        return created.id;
      },
      async todos(s, box = 'todo') {
        return (await ok(s, 'GET', `/api/inbox?box=${box}&module=collection&pageSize=100`)).items;
      },
      rows(table, where = {}) {
        let q = env.ctx.db.selectFrom(table as any).selectAll();
        for (const [k, v] of Object.entries(where)) q = q.where(k as any, '=', v as any);
        return q.execute();
      },
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

const GOOD_DATA = { invest: 12.5, projects: 1, areas: ['工业'], progress: '顺利', items: [{ name: '道路', amount: 12.5, kind: '新建' }] };

describe('collections: designing the form', () => {
  it('should refuse a bad design with every error by path, the first as the message, and create nothing', () =>
    world(async (w) => {
      const r = await w.api(w.office, 'POST', '/api/collections', {
        title: '项目统计',
        fields: [
          { key: 'invest', label: '投资', type: 'number' },
          { key: 'invest', label: '重复', type: 'text' },
          { key: 'kind', label: '类别', type: 'single', options: ['新建'] },
          { key: 'rows', label: '清单', type: 'table', columns: [{ key: 'f', label: '附件', type: 'file' }] },
        ],
      });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.error, {
        code: 'VALIDATION_FAILED',
        message: '有3处填写有误：标识：与第1个字段重复等',
        field: 'fields[1].key',
        fields: {
          'fields[1].key': '标识：与第1个字段重复',
          'fields[2].options': '选项：至少两个且不能重复',
          'fields[3].columns[0].type': '类型：须为文字、数字、日期、单选之一（表格的列不能是多选、附件或表格）',
        },
      });
      const one = await w.api(w.office, 'POST', '/api/collections', { title: '项目统计', fields: [FIELDS[0], { key: 'k', label: '类别', type: 'single', options: ['甲', '甲'] }] });
      assert.deepEqual(one.body.error, { code: 'VALIDATION_FAILED', message: '选项：至少两个且不能重复', field: 'fields[1].options', fields: { 'fields[1].options': '选项：至少两个且不能重复' } });
      const none = await w.api(w.office, 'POST', '/api/collections', { title: '项目统计', fields: [] });
      assert.deepEqual([none.status, none.body.error.field, none.body.error.message], [400, 'fields', '表单字段：至少设计一个字段']);
      assert.equal((await w.rows('collections')).length, 0);
    }));

  it('should refuse a past deadline, unknown or repeated units and a title over 200 characters, naming the field', () =>
    world(async (w) => {
      const body = { title: '项目统计', fields: FIELDS };
      const cases: [object, string, string][] = [
        [{ deadline: '2026-11-02T09:59:00+08:00' }, 'deadline', '截止时间：应晚于当前时间'],
        [{ deadline: '下周三' }, 'deadline', '截止时间：格式不正确，应为日期（YYYY-MM-DD）或日期时间（如2026-11-25T18:00:00+08:00）'],
        [{ deadline: '2026-02-30' }, 'deadline', '截止时间：格式不正确，应为日期（YYYY-MM-DD）或日期时间（如2026-11-25T18:00:00+08:00）'],
        [{ unitIds: [w.c.township, w.c.township] }, 'unitIds', '征集单位：有重复的单位'],
        [{ unitIds: [w.c.township, randomUUID()] }, 'unitIds', '征集单位：有单位不存在，请刷新后重新选择'],
        [{ meetingId: randomUUID() }, 'meetingId', '关联会议：会议不存在'],
        [{ title: '题'.repeat(201) }, 'title', '标题：不能超过200个字符'],
      ];
      for (const [patch, field, message] of cases) {
        const r = await w.api(w.office, 'POST', '/api/collections', { ...body, ...patch });
        assert.deepEqual([r.status, r.body.error.code, r.body.error.field, r.body.error.message], [400, 'VALIDATION_FAILED', field, message], JSON.stringify(patch));
      }
      assert.equal((await w.rows('collections')).length, 0);
      // A day alone means the end of that day in Shanghai.
      const created = await w.ok(w.office, 'POST', '/api/collections', { ...body, deadline: '2026-11-04' });
      assert.equal(created.deadline, '2026-11-04T15:59:59.999Z');
    }));

  it('should let only the office design, and never the 三员', () =>
    world(async (w) => {
      for (const s of [w.leader, w.town]) {
        const r = await w.api(s, 'POST', '/api/collections', { title: '项目统计', fields: FIELDS });
        assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [403, 'FORBIDDEN', '情况征集由党委办公室发起和管理']);
      }
      const r = await w.api(w.admin, 'POST', '/api/collections', { title: '项目统计', fields: FIELDS });
      assert.deepEqual([r.status, r.body.error.code], [403, 'ADMIN_NO_BUSINESS_ACCESS']);
      const id = await w.collection([w.c.township]);
      for (const url of ['/api/collections', `/api/collections/${id}`, `/api/collections/${id}/summary`, `/api/collections/${id}/units/${w.c.township}`]) {
        const g = await w.api(w.admin, 'GET', url);
        assert.deepEqual([g.status, g.body.error.code], [403, 'ADMIN_NO_BUSINESS_ACCESS'], url);
      }
    }));

  it('should store the design normalised, change fields and units only while a draft, and the deadline also while open', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township], { draft: true });
      const draft = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(draft.fields[1], { key: 'projects', label: '项目个数', type: 'number', decimals: 0 });
      assert.deepEqual(draft.fields[5].columns[0], { key: 'name', label: '项目名称', type: 'text', required: true, maxLength: 2000 });
      assert.deepEqual([draft.state, draft.stateLabel, draft.deadline, draft.sentAt, draft.canManage, draft.myUnitId], ['draft', '未发出', DEADLINE, null, true, null]);
      const edited = await w.ok(w.office, 'PUT', `/api/collections/${id}`, { fields: FIELDS.slice(0, 2), unitIds: [w.c.otherTownship, w.c.township] });
      assert.deepEqual(edited.fields.map((f: any) => f.key), ['invest', 'projects']);
      assert.deepEqual(edited.units.map((u: any) => u.unitName), ['河西镇', '城关镇']);
      await w.ok(w.office, 'POST', `/api/collections/${id}/send`);
      const refused = await w.api(w.office, 'PUT', `/api/collections/${id}`, { fields: FIELDS });
      assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.field, refused.body.error.message], [409, 'WORKFLOW_ACTION_NOT_ALLOWED', 'fields', '征集已发出，表单不能再修改']);
      const open = await w.ok(w.office, 'PUT', `/api/collections/${id}`, { title: '重点项目推进情况（更正）', deadline: '2026-11-05T18:00:00+08:00' });
      assert.deepEqual([open.title, open.deadline], ['重点项目推进情况（更正）', '2026-11-05T10:00:00.000Z']);
      // The open to-dos follow the new title and deadline.
      assert.deepEqual((await w.todos(w.town)).map((t) => [t.title, t.dueAt]), [['重点项目推进情况（更正）', '2026-11-05T10:00:00.000Z']]);
      const cleared = await w.api(w.office, 'PUT', `/api/collections/${id}`, { deadline: null });
      assert.deepEqual([cleared.status, cleared.body.error.field, cleared.body.error.message], [400, 'deadline', '截止时间：征集中不能取消截止时间']);
    }));
});

describe('collections: sending', () => {
  it('should give each unit\'s clerks a 填报 to-do due at the deadline — the office\'s clerks for the committee — and refuse a second send', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.finance, w.c.committee], { draft: true });
      assert.deepEqual(await w.todos(w.town), []);
      const sent = await w.ok(w.office, 'POST', `/api/collections/${id}/send`);
      assert.equal(sent.state, 'open');
      assert.equal(sent.sentAt, '2026-11-02T02:00:00.000Z');
      assert.deepEqual(sent.completion, { total: 3, submitted: 0, draft: 0, pending: 3, returned: 0, late: 0 });
      for (const s of [w.town, w.fin, w.office]) {
        const t = await w.todos(s);
        assert.deepEqual(t.map((x) => [x.module, x.entityId, x.task, x.title, x.dueAt, x.state]), [['collection', id, '填报', '重点项目推进情况', DEADLINE, 'open']]);
      }
      assert.deepEqual(await w.todos(w.otherTown), []);
      assert.deepEqual(await w.todos(w.leader), []);
      // The office fills in for the committee.
      assert.equal(sent.myUnitId, w.c.committee);
      const again = await w.api(w.office, 'POST', `/api/collections/${id}/send`);
      assert.deepEqual([again.status, again.body.error.code, again.body.error.message], [409, 'WORKFLOW_ACTION_NOT_ALLOWED', '该征集已经发出']);
      const jobs = await w.rows('scheduled_jobs', { kind: 'collection.deadline', status: 'pending' });
      assert.deepEqual(jobs.map((j) => [j.run_at, JSON.parse(j.payload)]), [[DEADLINE, { collectionId: id, deadline: DEADLINE }]]);
    }));

  it('should refuse to send without a deadline in the future or without units, changing nothing', () =>
    world(async (w) => {
      const noUnits = await w.collection([], { draft: true });
      let r = await w.api(w.office, 'POST', `/api/collections/${noUnits}/send`);
      assert.deepEqual([r.status, r.body.error.field, r.body.error.message], [400, 'unitIds', '征集单位：至少选择一个单位']);
      const id = await w.collection([w.c.township], { draft: true });
      w.env.clock.now = new Date('2026-11-04T10:00:00.000Z');
      r = await w.api(w.office, 'POST', `/api/collections/${id}/send`);
      assert.deepEqual([r.status, r.body.error.field, r.body.error.message], [400, 'deadline', '截止时间：应晚于当前时间']);
      await w.ok(w.office, 'PUT', `/api/collections/${id}`, { deadline: null });
      r = await w.api(w.office, 'POST', `/api/collections/${id}/send`);
      assert.deepEqual([r.status, r.body.error.field, r.body.error.message], [400, 'deadline', '截止时间：发出前须设定截止时间']);
      assert.equal((await w.ok(w.office, 'GET', `/api/collections/${id}`)).state, 'draft');
      assert.deepEqual(await w.todos(w.town), []);
    }));

  it('should add units to an open collection with the same to-do, keeping those already in it', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township]);
      const d = await w.ok(w.office, 'POST', `/api/collections/${id}/units`, { unitIds: [w.c.township, w.c.otherTownship] });
      assert.deepEqual(d.units.map((u: any) => [u.unitName, u.state]), [['城关镇', 'pending'], ['河西镇', 'pending']]);
      assert.deepEqual((await w.todos(w.otherTown)).map((t) => [t.task, t.dueAt]), [['填报', DEADLINE]]);
      assert.equal((await w.todos(w.town)).length, 1);
    }));
});

describe('collections: filling in', () => {
  it('should save a draft (kinds checked, required not), then submit it and close the unit\'s to-do', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      const url = `/api/collections/${id}/units/${w.c.township}`;
      const draft = await w.ok(w.town, 'PUT', url, { data: { invest: ' 1,200.5 ', items: [{ name: ' 道路 ' }, {}] } });
      assert.deepEqual([draft.state, draft.stateLabel, draft.savedAt, draft.submittedAt], ['draft', '草稿', '2026-11-02T02:00:00.000Z', null]);
      assert.deepEqual(draft.data, { invest: 1200.5, projects: null, areas: null, progress: null, proof: null, items: [{ name: '道路', amount: null, kind: null }] });
      const wrongKind = await w.api(w.town, 'PUT', url, { data: { invest: '很多' } });
      assert.deepEqual([wrongKind.status, wrongKind.body.error.field, wrongKind.body.error.message], [400, 'data.invest', '本月完成投资（万元）：须为数字']);
      // The office sees that a draft exists, not what it says.
      const seen = await w.ok(w.office, 'GET', url);
      assert.deepEqual([seen.state, seen.data], ['draft', {}]);
      assert.equal((await w.todos(w.town)).length, 1);

      w.env.clock.now = new Date('2026-11-03T02:00:00.000Z');
      const sub = await w.ok(w.town, 'POST', `${url}/submit`, { data: GOOD_DATA });
      assert.deepEqual([sub.state, sub.stateLabel, sub.submittedAt, sub.late], ['submitted', '已报送', '2026-11-03T02:00:00.000Z', false]);
      assert.deepEqual(sub.data, { invest: 12.5, projects: 1, areas: ['工业'], progress: '顺利', proof: null, items: [{ name: '道路', amount: 12.5, kind: '新建' }] });
      assert.deepEqual(await w.todos(w.town), []);
      assert.deepEqual((await w.todos(w.town, 'done')).map((t) => [t.task, t.entityId]), [['填报', id]]);
      assert.equal((await w.todos(w.otherTown)).length, 1);
      const office = await w.ok(w.office, 'GET', url);
      assert.deepEqual(office.data, sub.data);
      const detail = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(detail.completion, { total: 2, submitted: 1, draft: 0, pending: 1, returned: 0, late: 0 });
    }));

  it('should return every error of a submission at once, with paths, and change nothing', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township]);
      const url = `/api/collections/${id}/units/${w.c.township}`;
      await w.ok(w.town, 'PUT', url, { data: { invest: 5 } });
      const before = await w.rows('collection_units', { collection_id: id });
      const r = await w.api(w.town, 'POST', `${url}/submit`, {
        data: { invest: -1, projects: 2.5, areas: ['矿业'], progress: '很好', items: [{ name: '道路', amount: 1 }, { name: '', amount: 3 }, { name: '桥梁', amount: '三百' }, { name: '涵洞', amount: 1.234 }] },
      });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.error, {
        code: 'VALIDATION_FAILED',
        field: 'data.invest',
        message: '有7处填写有误：本月完成投资（万元）：不能小于0等',
        fields: {
          'data.invest': '本月完成投资（万元）：不能小于0',
          'data.projects': '项目个数：须为整数',
          'data.areas': '涉及领域：“矿业”不是可选项（可选：工业、农业、服务业）',
          'data.progress': '总体进度：须为以下选项之一：顺利、滞后',
          'data.items[1].name': '第2行“项目名称”：不能为空',
          'data.items[2].amount': '第3行“金额（万元）”：须为数字',
          'data.items[3].amount': '第4行“金额（万元）”：最多保留2位小数',
        },
      });
      assert.deepEqual(await w.rows('collection_units', { collection_id: id }), before);
      const one = await w.api(w.town, 'POST', `${url}/submit`, { data: { ...GOOD_DATA, items: [{ name: '道路', amount: 'x' }] } });
      assert.deepEqual(one.body.error, { code: 'VALIDATION_FAILED', field: 'data.items[0].amount', message: '第1行“金额（万元）”：须为数字', fields: { 'data.items[0].amount': '第1行“金额（万元）”：须为数字' } });
      const missing = await w.api(w.town, 'POST', `${url}/submit`, { data: {} });
      assert.deepEqual(missing.body.error, { code: 'VALIDATION_FAILED', field: 'data.invest', message: '本月完成投资（万元）：不能为空', fields: { 'data.invest': '本月完成投资（万元）：不能为空' } });
      const entry = await w.ok(w.town, 'GET', url);
      assert.deepEqual([entry.state, entry.data.invest], ['draft', 5]);
      assert.equal((await w.todos(w.town)).length, 1);
    }));

  it('should refuse a second submission or a draft after it (COLLECTION_ALREADY_SUBMITTED), and anything once closed (COLLECTION_CLOSED)', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      const url = `/api/collections/${id}/units/${w.c.township}`;
      await w.ok(w.town, 'POST', `${url}/submit`, { data: GOOD_DATA });
      for (const [method, u] of [['POST', `${url}/submit`], ['PUT', url]] as const) {
        const r = await w.api(w.town, method, u, { data: { ...GOOD_DATA, invest: 99 } });
        assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [409, 'COLLECTION_ALREADY_SUBMITTED', '已报送，如需修改请联系党办退回']);
      }
      assert.equal((await w.ok(w.office, 'GET', url)).data.invest, 12.5);
      await w.ok(w.office, 'POST', `/api/collections/${id}/close`);
      const other = `/api/collections/${id}/units/${w.c.otherTownship}`;
      for (const [method, u] of [['POST', `${other}/submit`], ['PUT', other]] as const) {
        const r = await w.api(w.otherTown, method, u, { data: GOOD_DATA });
        assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [409, 'COLLECTION_CLOSED', '该征集已结束，不能再填报']);
      }
      assert.equal((await w.ok(w.office, 'GET', other)).state, 'pending');
    }));

  it('should take a file the submitter uploaded, refuse one uploaded by someone else, and let only the submission\'s readers download it', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      const upload = async (s: Session, name: string) => {
        const m = multipart(Buffer.from(`${name} 的内容`), name);
        const r = await request(w.env, 'POST', '/api/files', { session: s, payload: m.payload, headers: m.headers });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.id as string;
      };
      const mine = await upload(w.town, '城关镇佐证.pdf');
      const theirs = await upload(w.otherTown, '河西镇佐证.pdf');
      const url = `/api/collections/${id}/units/${w.c.township}`;
      const refused = await w.api(w.town, 'POST', `${url}/submit`, { data: { ...GOOD_DATA, proof: { fileId: theirs, name: 'x.pdf' } } });
      assert.deepEqual(refused.body.error.fields, { 'data.proof': '佐证材料：文件不存在或不是您上传的，请重新上传' });
      const unknown = await w.api(w.town, 'POST', `${url}/submit`, { data: { ...GOOD_DATA, proof: { fileId: randomUUID(), name: 'x.pdf' } } });
      assert.equal(unknown.body.error.field, 'data.proof');
      const sub = await w.ok(w.town, 'POST', `${url}/submit`, { data: { ...GOOD_DATA, proof: { fileId: mine, name: '改过的名字.pdf' } } });
      assert.deepEqual(sub.data.proof, { fileId: mine, name: '城关镇佐证.pdf' });
      for (const s of [w.office, w.leader, w.town]) {
        const r = await w.api(s, 'GET', `${url}/files/${mine}`);
        assert.equal(r.status, 200);
        assert.equal(r.raw.toString('utf8'), '城关镇佐证.pdf 的内容');
      }
      for (const s of [w.otherTown, w.fin, w.townHead]) assert.equal((await w.api(s, 'GET', `${url}/files/${mine}`)).status, 404);
      // A file not in that submission is not to be had through it.
      assert.equal((await w.api(w.office, 'GET', `${url}/files/${theirs}`)).status, 404);
      const audits = await w.rows('audit_log', { action: 'collection.file_download' });
      assert.equal(audits.length, 3);
    }));
});

describe('collections: who sees what', () => {
  it('should keep a unit to collections sent to it and to its own submission, answering NOT_FOUND otherwise', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      const draftId = await w.collection([w.c.township], { draft: true, title: '未发出的征集' });
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      // 河西镇 may not read or write 城关镇's submission.
      const theirs = `/api/collections/${id}/units/${w.c.township}`;
      for (const [method, u, body] of [['GET', theirs, undefined], ['PUT', theirs, { data: {} }], ['POST', `${theirs}/submit`, { data: GOOD_DATA }]] as const) {
        const r = await w.api(w.otherTown, method, u, body);
        assert.deepEqual([r.status, r.body.error.code], [404, 'NOT_FOUND'], `${method} ${u}`);
      }
      // 县财政局 was not sent the collection; nobody but the office sees a draft.
      for (const [s, cid] of [[w.fin, id], [w.townHead, id], [w.town, draftId], [w.leader, draftId]] as const) {
        const r = await w.api(s, 'GET', `/api/collections/${cid}`);
        assert.deepEqual([r.status, r.body.error.code], [404, 'NOT_FOUND']);
      }
      assert.deepEqual((await w.ok(w.fin, 'GET', '/api/collections')).items, []);
      const own = await w.ok(w.otherTown, 'GET', `/api/collections/${id}`);
      assert.deepEqual(own.units.map((u: any) => u.unitName), ['河西镇']);
      assert.deepEqual([own.canManage, own.myUnitId], [false, w.c.otherTownship]);
      assert.deepEqual(own.completion, { total: 2, submitted: 1, draft: 0, pending: 1, returned: 0, late: 0 });
      const list = await w.ok(w.otherTown, 'GET', '/api/collections');
      assert.deepEqual(list.items.map((i: any) => [i.id, i.mine.unitName, i.mine.state]), [[id, '河西镇', 'pending']]);
      const summary = await w.api(w.otherTown, 'GET', `/api/collections/${id}/summary`);
      assert.deepEqual([summary.status, summary.body.error.code, summary.body.error.message], [403, 'FORBIDDEN', '汇总表仅限党委办公室和县委领导查看']);
      assert.equal((await w.api(w.otherTown, 'GET', `/api/collections/${id}/summary.xlsx`)).status, 403);
      assert.equal((await w.api(w.fin, 'GET', `/api/collections/${id}/summary`)).status, 404);
    }));

  it('should let the committee\'s leaders read every collection sent and its submissions, but not fill in or manage', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      await w.collection([w.c.township], { draft: true, title: '未发出的征集' });
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      const detail = await w.ok(w.leader, 'GET', `/api/collections/${id}`);
      assert.deepEqual([detail.units.length, detail.canManage, detail.myUnitId], [2, false, null]);
      assert.equal((await w.ok(w.leader, 'GET', `/api/collections/${id}/units/${w.c.township}`)).data.invest, 12.5);
      assert.deepEqual((await w.ok(w.leader, 'GET', '/api/collections')).items.map((i: any) => [i.title, i.mine]), [['重点项目推进情况', null]]);
      assert.equal((await w.ok(w.office, 'GET', '/api/collections')).total, 2);
      assert.equal((await w.ok(w.office, 'GET', '/api/collections?state=draft')).items[0].title, '未发出的征集');
      assert.equal((await w.ok(w.office, 'GET', `/api/collections?q=${encodeURIComponent('推进')}`)).total, 1);
      const fill = await w.api(w.leader, 'PUT', `/api/collections/${id}/units/${w.c.otherTownship}`, { data: {} });
      assert.deepEqual([fill.status, fill.body.error.code, fill.body.error.message], [403, 'FORBIDDEN', '只有该单位的填报人员可以填报']);
      for (const [method, url, body] of [
        ['POST', `/api/collections/${id}/remind`, {}],
        ['POST', `/api/collections/${id}/close`, undefined],
        ['POST', `/api/collections/${id}/units/${w.c.township}/return`, { reason: '数字不对' }],
        ['PUT', `/api/collections/${id}`, { title: '改' }],
      ] as const) {
        const r = await w.api(w.leader, method, url, body);
        assert.deepEqual([r.status, r.body.error.code], [403, 'FORBIDDEN'], url);
      }
      assert.equal((await w.ok(w.leader, 'GET', `/api/collections/${id}/summary`)).completion.submitted, 1);
    }));
});

describe('collections: returning, lateness and reminders', () => {
  it('should return a submission with its reason as a to-do 退回修改, and take the corrected one', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township]);
      const url = `/api/collections/${id}/units/${w.c.township}`;
      const first = await w.ok(w.town, 'POST', `${url}/submit`, { data: GOOD_DATA });
      const noReason = await w.api(w.office, 'POST', `${url}/return`, { reason: ' ' });
      assert.deepEqual([noReason.status, noReason.body.error.field, noReason.body.error.message], [400, 'reason', '事由：不能为空']);
      w.env.clock.now = new Date('2026-11-03T03:00:00.000Z');
      const returned = await w.ok(w.office, 'POST', `${url}/return`, { reason: '本月完成投资应为125万元，请核实后重报。' });
      assert.deepEqual([returned.state, returned.stateLabel, returned.returnedReason, returned.returnCount], ['returned', '已退回', '本月完成投资应为125万元，请核实后重报。', 1]);
      assert.deepEqual((await w.todos(w.town)).map((t) => [t.task, t.dueAt, t.urgency]), [['退回修改', DEADLINE, 'urgent']]);
      const twice = await w.api(w.office, 'POST', `${url}/return`, { reason: '再退' });
      assert.deepEqual([twice.status, twice.body.error.code, twice.body.error.message], [409, 'WORKFLOW_ACTION_NOT_ALLOWED', '只有已报送的填报可以退回']);
      // Correcting: a draft keeps it 已退回 with its reason; the figures no longer count until it is submitted again.
      const corrected = await w.ok(w.town, 'PUT', url, { data: { ...GOOD_DATA, invest: 125 } });
      assert.deepEqual([corrected.state, corrected.returnedReason, corrected.data.invest], ['returned', '本月完成投资应为125万元，请核实后重报。', 125]);
      assert.deepEqual((await w.ok(w.office, 'GET', `/api/collections/${id}/summary`)).totals.invest, { sum: 0, count: 0 });
      // After the deadline: the corrected submission keeps the first one's time, so the unit is not late.
      w.env.clock.now = new Date('2026-11-05T01:00:00.000Z');
      const again = await w.ok(w.town, 'POST', `${url}/submit`, { data: { ...GOOD_DATA, invest: 125 } });
      assert.deepEqual([again.state, again.returnCount, again.submittedAt, again.late, again.savedAt], ['submitted', 1, first.submittedAt, false, '2026-11-05T01:00:00.000Z']);
      assert.deepEqual(await w.todos(w.town), []);
      assert.deepEqual((await w.ok(w.office, 'GET', `/api/collections/${id}/summary`)).totals.invest, { sum: 125, count: 1 });
      const audit = (await w.rows('audit_log')).filter((a) => String(a.action).startsWith('collection.')).map((a) => a.action);
      assert.deepEqual(audit, ['collection.create', 'collection.send', 'collection.submit', 'collection.return', 'collection.save', 'collection.submit']);
    }));

  it('should mark late a submission after the deadline, and units still missing once it has passed', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship, w.c.finance]);
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      w.env.clock.now = new Date('2026-11-04T10:00:00.000Z');
      let d = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(d.units.map((u: any) => u.late), [false, false, false]);
      w.env.clock.now = new Date('2026-11-04T10:00:01.000Z');
      const late = await w.ok(w.otherTown, 'POST', `/api/collections/${id}/units/${w.c.otherTownship}/submit`, { data: GOOD_DATA });
      assert.deepEqual([late.late, late.submittedAt], [true, '2026-11-04T10:00:01.000Z']);
      d = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(d.units.map((u: any) => [u.unitName, u.state, u.late]), [['城关镇', 'submitted', false], ['河西镇', 'submitted', true], ['县财政局', 'pending', true]]);
      assert.deepEqual(d.completion, { total: 3, submitted: 2, draft: 0, pending: 1, returned: 0, late: 2 });
      const list = await w.ok(w.office, 'GET', '/api/collections');
      assert.deepEqual(list.items[0].completion, d.completion);
      const s = await w.ok(w.office, 'GET', `/api/collections/${id}/summary`);
      assert.deepEqual(s.rows.map((r: any) => r.late), [false, true, true]);
    }));

  it('should remind the units not yet submitted: a 催报 to-do beside the 填报 one, refreshed rather than repeated', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship, w.c.finance]);
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      w.env.clock.now = new Date('2026-11-03T02:00:00.000Z');
      assert.deepEqual(await w.ok(w.office, 'POST', `/api/collections/${id}/remind`), { reminded: 2 });
      const t1 = await w.todos(w.otherTown);
      assert.deepEqual(t1.map((t) => [t.task, t.dueAt, t.urgency]).sort(), [['催报', DEADLINE, 'urgent'], ['填报', DEADLINE, 'normal']]);
      assert.deepEqual(await w.todos(w.town), []);
      // Only 县财政局, a day later: its 催报 comes back to the top as new; no second one.
      w.env.clock.now = new Date('2026-11-04T02:00:00.000Z');
      assert.deepEqual(await w.ok(w.office, 'POST', `/api/collections/${id}/remind`, { unitIds: [w.c.finance, w.c.township] }), { reminded: 1 });
      const fin = (await w.todos(w.fin)).filter((t) => t.task === '催报');
      assert.deepEqual(fin.map((t) => [t.createdAt, t.read]), [['2026-11-04T02:00:00.000Z', false]]);
      assert.equal((await w.todos(w.otherTown)).filter((t) => t.task === '催报')[0].createdAt, '2026-11-03T02:00:00.000Z');
      const d = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(d.units.map((u: any) => [u.unitName, u.remindedCount]), [['城关镇', 0], ['河西镇', 1], ['县财政局', 2]]);
      const outside = await w.api(w.office, 'POST', `/api/collections/${id}/remind`, { unitIds: [w.c.housing] });
      assert.deepEqual([outside.status, outside.body.error.field, outside.body.error.message], [400, 'unitIds', '征集单位：有单位不在本次征集范围内']);
    }));

  it('should remind, through the scheduler at the deadline, the units that have not submitted — once', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship]);
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      const scheduler = new Scheduler(w.env.ctx);
      w.env.clock.now = new Date('2026-11-04T09:59:59.000Z');
      assert.equal(await scheduler.tick(), 0);
      w.env.clock.now = new Date('2026-11-04T10:00:00.000Z');
      assert.equal(await scheduler.tick(), 1);
      assert.equal(await scheduler.tick(), 0);
      assert.deepEqual((await w.todos(w.otherTown)).map((t) => t.task).sort(), ['催报', '填报']);
      assert.deepEqual(await w.todos(w.town), []);
      const d = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual(d.units.map((u: any) => u.remindedCount), [0, 1]);
      const audit = await w.rows('audit_log', { action: 'collection.remind' });
      assert.deepEqual(audit.map((a) => [a.actor_name, JSON.parse(a.detail)]), [['系统', { units: [w.c.otherTownship], at: 'deadline' }]]);
    }));

  it('should move the deadline reminder with the deadline, and drop it when closed', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township]);
      await w.ok(w.office, 'PUT', `/api/collections/${id}`, { deadline: '2026-11-06T18:00:00+08:00' });
      const pending = await w.rows('scheduled_jobs', { kind: 'collection.deadline', status: 'pending' });
      assert.deepEqual(pending.map((j) => j.run_at), ['2026-11-06T10:00:00.000Z']);
      const scheduler = new Scheduler(w.env.ctx);
      w.env.clock.now = new Date('2026-11-04T10:00:00.000Z');
      assert.equal(await scheduler.tick(), 0);
      // Changed back: a new reminder, though the old deadline's key was used before.
      await w.ok(w.office, 'PUT', `/api/collections/${id}`, { deadline: '2026-11-04T18:30:00+08:00' });
      await w.ok(w.office, 'PUT', `/api/collections/${id}`, { deadline: '2026-11-05T18:00:00+08:00' });
      assert.deepEqual((await w.rows('scheduled_jobs', { kind: 'collection.deadline', status: 'pending' })).map((j) => j.run_at), ['2026-11-05T10:00:00.000Z']);
      await w.ok(w.office, 'POST', `/api/collections/${id}/close`);
      assert.deepEqual(await w.rows('scheduled_jobs', { kind: 'collection.deadline', status: 'pending' }), []);
      w.env.clock.now = new Date('2026-11-06T10:00:00.000Z');
      assert.equal(await scheduler.tick(), 0);
      assert.equal((await w.ok(w.office, 'GET', `/api/collections/${id}`)).units[0].remindedCount, 0);
    }));

  it('should close (its to-dos done, nothing more filled in) and reopen (the to-dos back for units not submitted)', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township, w.c.otherTownship, w.c.finance]);
      await w.ok(w.town, 'POST', `/api/collections/${id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      await w.ok(w.fin, 'POST', `/api/collections/${id}/units/${w.c.finance}/submit`, { data: GOOD_DATA });
      await w.ok(w.office, 'POST', `/api/collections/${id}/units/${w.c.finance}/return`, { reason: '请补充项目' });
      const closed = await w.ok(w.office, 'POST', `/api/collections/${id}/close`);
      assert.deepEqual([closed.state, closed.stateLabel], ['closed', '已结束']);
      assert.deepEqual([...(await w.todos(w.otherTown)), ...(await w.todos(w.fin))], []);
      const twice = await w.api(w.office, 'POST', `/api/collections/${id}/close`);
      assert.deepEqual([twice.status, twice.body.error.message], [409, '征集已经结束']);
      const remind = await w.api(w.office, 'POST', `/api/collections/${id}/remind`);
      assert.deepEqual([remind.status, remind.body.error.message], [409, '征集已结束，不能再催报']);
      const reopened = await w.ok(w.office, 'POST', `/api/collections/${id}/reopen`);
      assert.deepEqual([reopened.state, reopened.stateLabel], ['open', '征集中']);
      assert.deepEqual((await w.todos(w.otherTown)).map((t) => [t.task, t.dueAt]), [['填报', DEADLINE]]);
      assert.deepEqual((await w.todos(w.fin)).map((t) => t.task), ['退回修改']);
      assert.deepEqual(await w.todos(w.town), []);
      assert.equal((await w.rows('scheduled_jobs', { kind: 'collection.deadline', status: 'pending' })).length, 1);
      await w.ok(w.otherTown, 'POST', `/api/collections/${id}/units/${w.c.otherTownship}/submit`, { data: GOOD_DATA });
      const again = await w.api(w.office, 'POST', `/api/collections/${id}/reopen`);
      assert.deepEqual([again.status, again.body.error.message], [409, '只有已结束的征集可以重新开启']);
    }));

  it('should count a unit not reported by the closing as late from the closing on', () =>
    world(async (w) => {
      const id = await w.collection([w.c.township]);
      w.env.clock.now = new Date('2026-11-04T09:00:00.000Z');
      await w.ok(w.office, 'POST', `/api/collections/${id}/close`);
      w.env.clock.now = new Date('2026-11-10T09:00:00.000Z');
      const d = await w.ok(w.office, 'GET', `/api/collections/${id}`);
      assert.deepEqual([d.units[0].late, d.completion.late], [false, 0]);
    }));
});

/**
 * The summary, computed by hand. Sent to 城关镇, 河西镇, 县财政局, 县住建局 and the 县委 (the office fills in for it):
 *   城关镇   invest 100.10, projects 2, areas 工业、农业, progress 顺利, file, items 道路 60.05 新建 / 桥梁 40.05 续建
 *   河西镇   invest 0.20,   projects 1, areas 服务业,    progress 滞后,       items 学校 0.20 新建
 *   县财政局 invest "1,000.70" (text), projects 0,                           items 办公楼 (no amount)
 *   县住建局 a draft (invest 999): not counted;  县委: nothing.
 * unit mode: invest 100.1 + 0.2 + 1000.7 = 1101.00 (3 cells); projects 3 (3 cells, 0 counted as filled); areas 2 cells;
 *   progress 2; proof 1; items·金额 per unit 100.10, 0.20, – → 100.30 (2 cells).
 * row mode: 城关镇 1, 2; 河西镇 1; 县财政局 1; 县住建局 and 县委 one empty row each = 6 rows; 名称 4 cells; 金额 60.05 + 40.05 +
 *   0.20 = 100.30 (3 cells); 类别 3 cells.
 */
async function summaryWorld(w: World) {
  const id = await w.collection([w.c.township, w.c.otherTownship, w.c.finance, w.c.housing, w.c.committee]);
  const m = multipart(Buffer.from('照片'), '现场照片.jpg');
  const file = (await request(w.env, 'POST', '/api/files', { session: w.town, payload: m.payload, headers: m.headers })).body.id;
  const submit = (s: Session, unitId: string, data: object) => w.ok(s, 'POST', `/api/collections/${id}/units/${unitId}/submit`, { data });
  await submit(w.town, w.c.township, {
    invest: 100.1, projects: 2, areas: ['农业', '工业'], progress: '顺利', proof: { fileId: file, name: '现场照片.jpg' },
    items: [{ name: '道路', amount: 60.05, kind: '新建' }, { name: '桥梁', amount: '40.05', kind: '续建' }],
  });
  await submit(w.otherTown, w.c.otherTownship, { invest: 0.2, projects: 1, areas: ['服务业'], progress: '滞后', items: [{ name: '学校', amount: 0.2, kind: '新建' }] });
  await submit(w.fin, w.c.finance, { invest: '1,000.70', projects: 0, items: [{ name: '办公楼' }] });
  await w.ok(w.build, 'PUT', `/api/collections/${id}/units/${w.c.housing}`, { data: { invest: 999, items: [{ name: '草稿项目', amount: 999 }] } });
  return id;
}

describe('collections: the summary', () => {
  it('should sum one row per unit, in the order sent, from submitted units only, exactly', () =>
    world(async (w) => {
      const id = await summaryWorld(w);
      const s = await w.ok(w.office, 'GET', `/api/collections/${id}/summary?mode=unit`);
      assert.equal(s.mode, 'unit');
      assert.deepEqual(s.columns, [
        { key: 'invest', label: '本月完成投资（万元）', type: 'number', unit: '万元', decimals: 2 },
        { key: 'projects', label: '项目个数', type: 'number', decimals: 0 },
        { key: 'areas', label: '涉及领域', type: 'multiple' },
        { key: 'progress', label: '总体进度', type: 'single' },
        { key: 'proof', label: '佐证材料', type: 'file' },
        { key: 'items.amount', label: '项目清单·金额（万元）', type: 'number', unit: '万元', decimals: 2 },
      ]);
      assert.deepEqual(
        s.rows.map((r: any) => [r.unitName, r.state, r.rowNo, r.cells.invest, r.cells.projects, r.cells.areas, r.cells.progress, r.cells.proof, r.cells['items.amount']]),
        [
          ['城关镇', 'submitted', null, 100.1, 2, '工业、农业', '顺利', '现场照片.jpg', 100.1],
          ['河西镇', 'submitted', null, 0.2, 1, '服务业', '滞后', null, 0.2],
          ['县财政局', 'submitted', null, 1000.7, 0, null, null, null, null],
          ['县住建局', 'draft', null, null, null, null, null, null, null],
          ['县委', 'pending', null, null, null, null, null, null, null],
        ],
      );
      assert.deepEqual(s.totals, {
        invest: { sum: 1101, count: 3 },
        projects: { sum: 3, count: 3 },
        areas: { sum: null, count: 2 },
        progress: { sum: null, count: 2 },
        proof: { sum: null, count: 1 },
        'items.amount': { sum: 100.3, count: 2 },
      });
      assert.deepEqual(s.completion, { total: 5, submitted: 3, draft: 1, pending: 1, returned: 0, late: 0 });
      assert.deepEqual(await w.ok(w.leader, 'GET', `/api/collections/${id}/summary`), s);
    }));

  it('should show a submission written by another server process at once, though this one keeps the last summary', () =>
    world(async (w) => {
      const id = await summaryWorld(w);
      const before = await w.ok(w.office, 'GET', `/api/collections/${id}/summary?mode=unit`);
      assert.equal(before.completion.submitted, 3);
      // Another process takes the draft unit's submission: the row changes in the database, not through this server.
      const db = w.env.ctx.db;
      const submitted = await db.selectFrom('collection_units').selectAll().where('collection_id', '=', id).where('state', '=', 'submitted').orderBy('seq').executeTakeFirstOrThrow();
      const draft = await db.selectFrom('collection_units').selectAll().where('collection_id', '=', id).where('state', '=', 'draft').executeTakeFirstOrThrow();
      await db.updateTable('collection_units').set({ state: 'submitted', data: submitted.data, submitted_at: '2026-11-02T03:00:00.000Z', saved_at: '2026-11-02T03:00:00.000Z' }).where('id', '=', draft.id).execute();
      const after = await w.ok(w.office, 'GET', `/api/collections/${id}/summary?mode=unit`);
      assert.deepEqual(after.completion, { ...before.completion, submitted: 4, draft: 0 });
      assert.equal(after.rows.find((r: any) => r.unitId === draft.unit_id).state, 'submitted');
    }));

  it('should list one row per table row, with one empty row for each unit without rows', () =>
    world(async (w) => {
      const id = await summaryWorld(w);
      const s = await w.ok(w.office, 'GET', `/api/collections/${id}/summary?mode=row`);
      assert.deepEqual(s.columns, [
        { key: 'items.name', label: '项目名称', type: 'text' },
        { key: 'items.amount', label: '金额（万元）', type: 'number', unit: '万元', decimals: 2 },
        { key: 'items.kind', label: '类别', type: 'single' },
      ]);
      assert.deepEqual(
        s.rows.map((r: any) => [r.unitName, r.rowNo, r.cells['items.name'], r.cells['items.amount'], r.cells['items.kind']]),
        [
          ['城关镇', 1, '道路', 60.05, '新建'],
          ['城关镇', 2, '桥梁', 40.05, '续建'],
          ['河西镇', 1, '学校', 0.2, '新建'],
          ['县财政局', 1, '办公楼', null, null],
          ['县住建局', null, null, null, null],
          ['县委', null, null, null, null],
        ],
      );
      assert.deepEqual(s.totals, { 'items.name': { sum: null, count: 4 }, 'items.amount': { sum: 100.3, count: 3 }, 'items.kind': { sum: null, count: 3 } });
      const plain = await w.collection([w.c.township], { fields: FIELDS.slice(0, 2), title: '无表格' });
      const r = await w.api(w.office, 'GET', `/api/collections/${plain}/summary?mode=row`);
      assert.deepEqual([r.status, r.body.error.field, r.body.error.message], [400, 'mode', '汇总方式：该表单没有表格，不能按表格行汇总']);
      const bad = await w.api(w.office, 'GET', `/api/collections/${plain}/summary?mode=column`);
      assert.deepEqual([bad.status, bad.body.error.field], [400, 'mode']);
    }));

  it('should export the summary as .xlsx: title row merged across, the deadline and completion, header, the units and 合计', () =>
    world(async (w) => {
      const id = await summaryWorld(w);
      const r = await w.api(w.office, 'GET', `/api/collections/${id}/summary.xlsx`);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], XLSX);
      assert.equal(r.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('重点项目推进情况汇总表.xlsx')}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      // Array.from: exceljs leaves empty cells as holes.
      const values = (n: number) => Array.from(ws.getRow(n).values as unknown[]).slice(1);
      assert.equal(ws.getCell('A1').value, '重点项目推进情况汇总表');
      assert.equal(ws.getCell('I1').isMerged && ws.getCell('I1').master.address, 'A1');
      assert.equal(ws.getCell('J1').isMerged, false);
      assert.equal(ws.getCell('A2').value, '截止时间：2026年11月4日 18:00　应报5个单位，已报送3个，草稿1个，未填报1个，已退回0个');
      assert.deepEqual(values(3), ['序号', '单位', '本月完成投资（万元）', '项目个数', '涉及领域', '总体进度', '佐证材料', '项目清单·金额（万元）', '填报状态']);
      assert.deepEqual(values(4), [1, '城关镇', 100.1, 2, '工业、农业', '顺利', '现场照片.jpg', 100.1, '已报送']);
      assert.deepEqual(values(5), [2, '河西镇', 0.2, 1, '服务业', '滞后', undefined, 0.2, '已报送']);
      assert.deepEqual(values(6), [3, '县财政局', 1000.7, 0, undefined, undefined, undefined, undefined, '已报送']);
      assert.deepEqual(values(7), [4, '县住建局', undefined, undefined, undefined, undefined, undefined, undefined, '草稿']);
      assert.deepEqual(values(8), [5, '县委', undefined, undefined, undefined, undefined, undefined, undefined, '未填报']);
      assert.deepEqual(values(9), ['合计', '5个单位', 1101, 3, '2项', '2项', '1项', 100.3, '已报送3/5']);
      assert.equal(ws.rowCount, 9);
      assert.equal(ws.getCell('C4').numFmt, '#,##0.00');
      assert.equal(ws.getCell('D9').numFmt, '#,##0');
      assert.equal(ws.getCell('H9').numFmt, '#,##0.00');

      const rows = await w.api(w.leader, 'GET', `/api/collections/${id}/summary.xlsx?mode=row`);
      assert.equal(rows.status, 200);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(rows.raw as unknown as ArrayBuffer);
      const ws2 = wb2.worksheets[0]!;
      assert.deepEqual(Array.from(ws2.getRow(3).values as unknown[]).slice(1), ['序号', '单位', '行号', '项目名称', '金额（万元）', '类别', '填报状态']);
      assert.deepEqual(Array.from(ws2.getRow(5).values as unknown[]).slice(1), [1, '城关镇', 2, '桥梁', 40.05, '续建', '已报送']);
      assert.deepEqual(Array.from(ws2.getRow(6).values as unknown[]).slice(1), [2, '河西镇', 1, '学校', 0.2, '新建', '已报送']);
      assert.deepEqual(Array.from(ws2.getRow(10).values as unknown[]).slice(1), ['合计', '5个单位，4行', undefined, '4项', 100.3, '3项', '已报送3/5']);
      assert.deepEqual((await w.rows('audit_log', { action: 'collection.export' })).map((a) => JSON.parse(a.detail).mode), ['unit', 'row']);
    }));
});

describe('collections: attached to a meeting', () => {
  it('should list a meeting\'s collections with their completion and give its summary as .xlsx only through that meeting', () =>
    world(async (w) => {
      const db = w.env.ctx.db;
      const at = w.env.clock.now.toISOString();
      const meetingId = randomUUID();
      await db.insertInto('meeting_types').values({ id: 'mt-test', name: '测试会', builtin: 0, sort_order: 9, disabled: 0 }).execute();
      const meeting = (id: string, title: string) => ({
        id, type_id: 'mt-test', title, state: 'planned', classification: 'none', room_id: null, location: '第一会议室', starts_at: '2026-11-05T06:00:00.000Z', ends_at: '2026-11-05T08:00:00.000Z',
        host_id: null, organiser_unit_id: w.c.office, notice: null, reply_deadline: null, notified_at: null, accepts_topics: 0, topic_deadline: null, sign_in_code: null, sign_in_open: 0,
        minutes: null, minutes_updated_at: null, held_at: null, cancelled_reason: null, version: 1, created_by: w.c.clerk, created_at: at, updated_at: at,
      });
      await db.insertInto('meetings').values([meeting(meetingId, '重点项目推进会'), meeting('other-meeting', '另一个会'), { ...meeting('cancelled-meeting', '取消的会'), state: 'cancelled' }]).execute();
      const cancelled = await w.api(w.office, 'POST', '/api/collections', { title: '推进会材料', fields: FIELDS, meetingId: 'cancelled-meeting' });
      assert.deepEqual([cancelled.status, cancelled.body.error.field, cancelled.body.error.message], [400, 'meetingId', '关联会议：该会议已取消']);
      const created = await w.ok(w.office, 'POST', '/api/collections', { title: '推进会材料', fields: FIELDS, deadline: DEADLINE_INPUT, unitIds: [w.c.township, w.c.otherTownship], meetingId });
      assert.deepEqual([created.meetingId, created.meetingTitle], [meetingId, '重点项目推进会']);
      await w.ok(w.office, 'POST', `/api/collections/${created.id}/send`);
      await w.ok(w.town, 'POST', `/api/collections/${created.id}/units/${w.c.township}/submit`, { data: GOOD_DATA });
      assert.deepEqual(await collectionsOfMeeting(db, meetingId), [{ id: created.id, title: '推进会材料', state: 'open', submitted: 1, total: 2 }]);
      assert.deepEqual(await collectionsOfMeeting(db, 'other-meeting'), []);
      const actor = (await resolveSession(w.env.ctx, w.leader.cookie, null))!;
      const { buffer, filename } = await meetingCollectionSummaryXlsx(w.env.ctx, actor, meetingId, created.id);
      assert.equal(filename, '推进会材料汇总表.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      assert.equal(wb.worksheets[0]!.getCell('A1').value, '推进会材料汇总表');
      assert.deepEqual((wb.worksheets[0]!.getRow(4).values as unknown[]).slice(1, 4), [1, '城关镇', 12.5]);
      await assert.rejects(meetingCollectionSummaryXlsx(w.env.ctx, actor, 'other-meeting', created.id), (e: any) => e.code === 'NOT_FOUND');
      const list = await w.ok(w.office, 'GET', '/api/collections');
      assert.deepEqual(list.items.map((i: any) => [i.meetingId, i.meetingTitle]), [[meetingId, '重点项目推进会']]);
      const detached = await w.ok(w.office, 'PUT', `/api/collections/${created.id}`, { meetingId: null });
      assert.deepEqual([detached.meetingId, detached.meetingTitle], [null, null]);
    }));
});

/**
 * 信访 end to end (docs/API.md "Petitions (信访)", 《信访工作条例》 REGULATIONS.md C): registration with encrypted
 * identity numbers and phones, group visits, routing and every step of the flow under the statutory limits
 * (counted from the working-day calendar, with its 2026 holidays), the petitioner's documents, repeat
 * matching, the rule that the accused unit never sees a 检举控告 case, 领导批示, the board, the statistics and
 * the monthly report. Every test builds its own county on a fresh database and moves its own clock.
 *
 * 2026 holidays used below: 春节 2/15–2/23 (2/14 and 2/28 are 调休 working Saturdays), 劳动节 5/1–5/5
 * (5/9 a working Saturday), 中秋 9/25, 国庆 10/1–10/7 (9/20 and 10/10 are 调休 working days).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createCalendar } from '@zhongshu/core/calendar/index.ts';
import { similarity } from '@zhongshu/core/petitions/index.ts';
import { countRows, createTestEnv, DIALECT, login, ok, refused, request, seedPetitionCounty, withIdCheckDigit, type Res, type Session, type TestEnv } from './helpers.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CAL_RULE = '日（期满日为节假日的顺延至下一个工作日）';
const WD_RULE = '个工作日（按法定节假日和调休计算）';
/** 10:00 in Shanghai on that date. */
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`);
const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

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
  /** 县住建局 clerk. */
  build: Session;
  leader: Session;
  office: Session;
  day(date: string): void;
  register(body: Record<string, unknown>, s?: Session): Promise<{ id: string; matches: any[] }>;
  tryRegister(body: Record<string, unknown>, s?: Session): Promise<Res>;
  act(s: Session, id: string, action: string, body?: Record<string, unknown>): Promise<Res>;
  detail(s: Session, id: string): Promise<any>;
  list(s: Session, query?: string): Promise<{ items: any[]; total: number }>;
  /** Cases in the database, whoever may see them. */
  count(): Promise<number>;
}

async function world(date: string, fn: (w: World) => Promise<void>): Promise<void> {
  const env = await createTestEnv({ now: at10(date).toISOString(), idleMinutes: 10_000_000 });
  try {
    const c = await seedPetitionCounty(env);
    const [xf, jw, town, otherTown, build, leader, office] = await Promise.all(['xf1', 'jw1', 'town1', 'town2', 'build1', 'leader1', 'office1'].map((u) => login(env, u)));
    const w: World = {
      env, c, xf, jw, town, otherTown, build, leader, office,
      day(d) {
        env.clock.now = at10(d);
      },
      async register(body, s = xf) {
        const r = await request(env, 'POST', '/api/petitions', { session: s, body });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      },
      tryRegister: (body, s = xf) => request(env, 'POST', '/api/petitions', { session: s, body }),
      act: (s, id, action, body = {}) => request(env, 'POST', `/api/petitions/${id}/actions/${action}`, { session: s, body }),
      async detail(s, id) {
        const r = await request(env, 'GET', `/api/petitions/${id}`, { session: s });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      },
      async list(s, query = '') {
        const r = await request(env, 'GET', `/api/petitions${query ? `?${query}` : ''}`, { session: s });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      },
      count: () => countRows(env, 'petitions'),
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

/** What a refused step must not change, as the 信访 clerk sees the case. */
async function snapshot(w: World, id: string) {
  const d = await w.detail(w.xf, id);
  return {
    state: d.state, stage: d.stage, historyLength: d.history.length, history: d.history.map((h: any) => h.action), deadlines: d.deadlines, documents: d.documents.length,
    handlingMode: d.handlingMode, handlingUnitId: d.handlingUnitId, outcome: d.outcome, reply: d.reply, evaluation: d.evaluation, extensionUsed: d.extensionUsed,
    legalRoute: d.legalRoute, assignmentIds: d.assignmentIds, matches: d.matches, linked: d.linked,
  };
}

/** The call is refused as stated and the case is exactly as before (state, history, deadlines, documents). */
async function refusedUnchanged(w: World, id: string, call: () => Promise<Res>, status: number, code: string, field?: string) {
  const before = await snapshot(w, id);
  const e = await refused(call(), status, code, field);
  assert.deepEqual(await snapshot(w, id), before, `a refused step (${code}) leaves the case unchanged`);
  return e;
}

const deadline = (d: any, kind: string) => d.deadlines.find((x: any) => x.kind === kind);
const actionsOf = (d: any) => d.availableActions.map((a: any) => a.action).sort();

async function docxText(raw: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(raw);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

async function xlsxRows(raw: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const out: string[][] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value)));
      out.push(cells);
    }),
  );
  return out;
}

const APPEAL_TEXT = {
  summary: '城南片区房屋征收补偿款未足额发放',
  content: '本人位于城关镇东关村的房屋于2025年6月被征收，协议约定的补偿款至今仍有三成未发放，多次到镇政府反映均无答复，请求督促有关部门足额发放补偿款。',
};

/** A 来访 申诉求决 by one person about 城关镇 (城乡建设); `over` replaces any field. */
const visit = (c: County, over: Record<string, unknown> = {}) => ({
  channel: 'visit', kind: 'appeal', ...APPEAL_TEXT, townshipId: c.township, categoryId: 'cat-01', firstOrgan: 'this_level', petitioner: { name: '张建国' }, ...over,
});

/** Distinct texts that do not resemble one another (so no two of them are similar-content matches). */
const TOPICS = [
  ['村道路灯损坏多月无人维修', '村口至小学的道路两侧路灯已损坏三个多月，夜间学生上下学很不安全，请求尽快维修。'],
  ['企业拖欠农民工工资', '本人在某建筑工地务工半年，老板以工程款未结为由拖欠工资四万余元，请求帮助追讨。'],
  ['养殖场臭味扰民', '村北新建的生猪养殖场离居民区不足两百米，夏季臭味严重，污水直排河沟，请求依法处理。'],
  ['低保资格认定不公', '我家因病致贫，申请低保两次未获批准，而村里有条件较好的人家却享受低保，请求重新审核。'],
  ['宅基地审批迟迟未办', '本人去年递交宅基地建房申请，材料齐全，至今没有审批结果，影响一家人居住，请求加快办理。'],
  ['学校周边摊贩占道经营', '中心小学门口每天放学时摊贩占道经营，车辆无法通行，存在安全隐患，请求加强管理。'],
  ['土地承包经营权纠纷', '本组调整承包地时未按程序召开村民会议，我家两亩承包地被划给他人，请求依法纠正。'],
  ['医保报销比例有疑问', '母亲住院花费八万元，按政策应报销六成，实际只报了三成，医院和医保站互相推诿，请求说明。'],
  ['河道非法采砂', '镇西河段夜间有人使用机械非法采砂，河堤多处被掏空，汛期可能决口，请求有关部门查处。'],
  ['小区物业乱收费', '小区物业公司未经业主大会同意擅自上调物业费并收取停车管理费，请求查处乱收费行为。'],
  ['退役军人优待未落实', '本人退役后按政策应享受的优待金连续两年未发放，询问民政所无结果，请求落实政策。'],
  ['自来水水质浑浊', '近一个月来家中自来水发黄浑浊，有明显异味，全村多户反映均未解决，请求检测水质并整改。'],
  ['农村客运班线停运', '通往县城的农村客运班线今年起停运，老人看病出行十分不便，请求恢复班线或调整线路。'],
  ['耕地被违规占用建厂', '村集体将十余亩基本农田租给外地老板建厂房，未经审批，请求自然资源部门调查处理。'],
  ['危房改造补助未到位', '我家危房改造已经验收合格，县里公示的补助资金至今没有拨付到户，请求查明原因。'],
  ['噪声扰民', '镇区一家石料厂昼夜生产，破碎机噪声很大，附近居民无法正常休息，请求依法整治。'],
] as const;
const topic = (i: number) => ({ summary: TOPICS[i]![0], content: TOPICS[i]![1] });
/**
 * One matter (幸福小区 逾期交房) written five ways by different owners. Each is 0.55–0.58 alike to the first (bigram
 * Jaccard), below the 0.6 at which a repeat is suggested but above the 0.5 that puts cases on one matter; other
 * matters score under 0.12 against them, a 物业费 complaint from the same 小区 included.
 */
const HOUSING_MATTER = [
  ['幸福小区开发商逾期交房', '城关镇幸福小区开发商承诺2025年底交房，至今逾期近一年仍未交付，业主多次协商无果，请求政府督促开发商尽快交房。'],
  ['幸福小区逾期交房问题', '我们是城关镇幸福小区的业主，开发商承诺2025年底交房，现已逾期近一年仍未交付，多次协商无果，请求督促尽快交房。'],
  ['反映幸福小区开发商逾期未交房', '城关镇幸福小区开发商逾期近一年未交房，业主多次与开发商协商无果，请求政府督促开发商尽快交付房屋。'],
  ['幸福小区业主要求尽快交房', '城关镇幸福小区开发商原定2025年底交房，已经逾期近一年仍未交付，业主协商多次无果，恳请政府督促开发商尽快交房。'],
  ['幸福小区开发商逾期交房请求督促', '本人系城关镇幸福小区业主，开发商承诺的交房时间2025年底已过近一年仍未交付，多次协商无果，请求政府督促尽快交房。'],
] as const;
const housing = (i: number) => ({ summary: HOUSING_MATTER[i]![0], content: HOUSING_MATTER[i]![1] });
const FEE_COMPLAINT = { summary: '幸福小区物业费上涨', content: '城关镇幸福小区物业公司未经业主大会同意擅自上涨物业费，请求相关部门依法查处。' };


describe(`信访 petitions (${DIALECT})`, () => {
  // ── 1. registration, deadlines, PII ─────────────────────────────────────────
  it('registers a 来访 with the 第22/23条 deadlines (rolled past 国庆 and 中秋) and the first serial of the year', () =>
    world('2026-09-22', async (w) => {
      const { c } = w;
      const ID = withIdCheckDigit('32010219850317123');
      const PHONE = '13812345678';
      const { id, matches } = await w.register(visit(c, { receivedAt: '2026-09-20', village: '东关村', petitioner: { name: '张建国', idNumber: ID, phone: PHONE, address: '城关镇东关村3组' } }));
      assert.deepEqual(matches, []);
      const d = await w.detail(w.xf, id);
      assert.equal(d.serial, '信〔2026〕1号');
      assert.deepEqual(
        [d.channel, d.channelLabel, d.kind, d.kindLabel, d.state, d.stateLabel, d.receivedAt, d.townshipId, d.townshipName, d.village, d.categoryId, d.categoryName],
        ['visit', '来访', 'appeal', '申诉求决类', 'registered', '已登记待受理', '2026-09-20', c.township, '城关镇', '东关村', 'cat-01', '城乡建设'],
      );
      assert.deepEqual([d.peopleCount, d.isGroup, d.skipLevel, d.firstOrgan, d.stage, d.handlingMode, d.handlingUnitId, d.extensionUsed], [1, false, false, 'this_level', 'initial', null, null, false]);
      assert.deepEqual([d.petitionerName, d.petitionerIdMasked, d.petitionerPhoneMasked], ['张建国', '3201**********1231', '138****5678']);
      assert.equal(d.people.length, 1);
      assert.deepEqual({ ...d.people[0], id: undefined }, { id: undefined, role: 'petitioner', name: '张建国', idMasked: '3201**********1231', phoneMasked: '138****5678', address: '城关镇东关村3组' });
      // 2026-09-20 + 15 days = 10-05, inside 国庆 (10/1–10/7): rolled to Thursday 10-08.
      assert.deepEqual(
        d.deadlines.map((x: any) => [x.kind, x.label, x.due, x.rule, x.metAt, x.overdue, x.daysRemaining]).sort(),
        [
          ['notice', '书面告知受理', '2026-10-08', `第23条：收到信访事项之日起15${CAL_RULE}`, null, false, 16],
          ['register', '登记转送', '2026-10-08', `第22条：收到信访事项之日起15${CAL_RULE}`, null, false, 16],
        ],
      );
      assert.ok(deadline(d, 'register').rule.includes('第22条'));
      assert.ok(deadline(d, 'notice').rule.includes('第23条'));
      assert.equal(d.nextDeadline.due, '2026-10-08');
      assert.equal(d.overdue, false);
      assert.deepEqual(actionsOf(d), ['accept', 'not_accept', 'route_legal']);
      assert.deepEqual(d.history.map((h: any) => [h.action, h.actionLabel, h.actorName]), [['register', '登记', 'xf1姓名']]);

      // 2026-09-10 + 15 = 09-25, 中秋 (a Friday): rolled to Monday 09-28. The serial counts on.
      const second = await w.register(visit(c, { ...topic(0), receivedAt: '2026-09-10', petitioner: { name: '王小梅' } }));
      const d2 = await w.detail(w.xf, second.id);
      assert.equal(d2.serial, '信〔2026〕2号');
      assert.equal(deadline(d2, 'register').due, '2026-09-28');
      assert.equal(deadline(d2, 'notice').due, '2026-09-28');
      // A day not yet come is refused.
      await refused(w.tryRegister(visit(c, { ...topic(1), receivedAt: '2026-09-23' })), 400, 'VALIDATION_FAILED', 'receivedAt');
    }));

  it('stores the identity number and phone encrypted, shows them masked to every role, and reveals them only to 信访 staff, audited', () =>
    world('2026-09-22', async (w) => {
      const { c, env } = w;
      const ID = withIdCheckDigit('32010219850317123');
      const PHONE = '13812345678';
      const secrets = [ID, PHONE, '19850317', '12345678'];
      const { id } = await w.register(visit(c, { petitioner: { name: '张建国', idNumber: ID, phone: PHONE } }));

      // The database alone reveals neither.
      const row = await env.ctx.db.selectFrom('petitioners').selectAll().executeTakeFirstOrThrow();
      assert.ok(row.id_number_enc && row.phone_enc);
      for (const s of secrets) {
        assert.ok(!row.id_number_enc.includes(s) && !row.phone_enc.includes(s), `ciphertext must not contain ${s}`);
      }
      assert.match(String(row.id_number_hash), /^[0-9a-f]{64}$/);
      assert.match(String(row.phone_hash), /^[0-9a-f]{64}$/);
      assert.equal(row.id_number_masked, '3201**********1231');
      assert.equal(row.phone_masked, '138****5678');
      for (const table of ['petitioners', 'petitions', 'petition_events', 'petition_documents', 'audit_log', 'inbox_items'] as const) {
        const all = JSON.stringify(await env.ctx.db.selectFrom(table as any).selectAll().execute());
        for (const s of [ID, PHONE]) assert.ok(!all.includes(s), `${table} must not hold ${s} in clear`);
      }

      // Routed to 城关镇 so that its clerk reads the case too.
      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
      for (const [who, s] of [['xf', w.xf], ['office', w.office], ['leader', w.leader], ['town', w.town]] as const) {
        const detail = await request(env, 'GET', `/api/petitions/${id}`, { session: s });
        const list = await request(env, 'GET', '/api/petitions', { session: s });
        assert.equal(detail.status, 200, who);
        assert.equal(list.status, 200, who);
        assert.ok(list.body.items.some((x: any) => x.id === id), `${who} lists the case`);
        assert.equal(detail.body.petitionerIdMasked, '3201**********1231');
        assert.equal(detail.body.people[0].phoneMasked, '138****5678');
        for (const s2 of secrets) {
          assert.ok(!JSON.stringify(detail.body).includes(s2), `${who}: detail must not contain ${s2}`);
          assert.ok(!JSON.stringify(list.body).includes(s2), `${who}: list must not contain ${s2}`);
        }
      }
      const exp = await request(env, 'GET', '/api/petitions/export.xlsx', { session: w.xf });
      assert.equal(exp.status, 200);
      assert.equal(exp.headers['content-type'], XLSX);
      const rows = await xlsxRows(exp.raw);
      assert.ok(rows.some((r) => r.includes('3201**********1231') && r.includes('138****5678')), 'the export is masked');
      for (const s2 of secrets) assert.ok(!JSON.stringify(rows).includes(s2), `export must not contain ${s2}`);

      // The clerk may look a person up by the number, however it is written.
      const found = await w.list(w.xf, `idNumber=${encodeURIComponent(`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`)}`);
      assert.deepEqual(found.items.map((x: any) => x.id), [id]);
      assert.deepEqual((await w.list(w.xf, `phone=${encodeURIComponent('138-1234-5678')}`)).items.map((x: any) => x.id), [id]);
      await refused(request(env, 'GET', `/api/petitions?idNumber=${ID}`, { session: w.office }), 403, 'FORBIDDEN');

      const personId = (await w.detail(w.xf, id)).people[0].id;
      const reveal = (s: Session, field: string, reason = '回访时核实信访人身份') => request(env, 'POST', `/api/petitions/${id}/reveal`, { session: s, body: { personId, field, reason } });
      assert.deepEqual(await ok(reveal(w.xf, 'idNumber')), { value: ID });
      assert.deepEqual(await ok(reveal(w.xf, 'phone', '电话回访')), { value: PHONE });
      const audits = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail', 'entity_id']).where('action', '=', 'petition.reveal_pii').orderBy('seq').execute();
      assert.deepEqual(
        audits.map((a) => [a.actor_id, a.entity_id, JSON.parse(String(a.detail))]),
        [
          [c.clerk, id, { personId, field: 'idNumber', reason: '回访时核实信访人身份' }],
          [c.clerk, id, { personId, field: 'phone', reason: '电话回访' }],
        ],
      );
      for (const a of audits) for (const s2 of [ID, PHONE]) assert.ok(!String(a.detail).includes(s2), 'the audit row records the reason, not the value');
      for (const s of [w.office, w.leader, w.town]) await refused(reveal(s, 'idNumber'), 403, 'FORBIDDEN');
      await refused(reveal(w.xf, 'idNumber', ''), 400, 'VALIDATION_FAILED', 'reason');
      const after = await env.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'petition.reveal_pii').execute();
      assert.equal(after.length, 2, 'refused reveals are not recorded as reveals');
    }));

  it('refuses an identity number with a wrong check digit and a malformed phone, creating nothing', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const good = withIdCheckDigit('32010219850317123');
      const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
      await refused(w.tryRegister(visit(c, { petitioner: { name: '张建国', idNumber: bad } })), 400, 'VALIDATION_FAILED', 'petitioner.idNumber');
      await refused(w.tryRegister(visit(c, { petitioner: { name: '张建国', phone: '1381234' } })), 400, 'VALIDATION_FAILED', 'petitioner.phone');
      assert.equal(await w.count(), 0);
      const petitioners = await w.env.ctx.db.selectFrom('petitioners').select('id').execute();
      assert.equal(petitioners.length, 0);
    }));

  // ── 2. group visits ───────────────────────────────────────────────────────────
  it('registers a group visit (集体访) of 30 with 5 representatives, and refuses a 6th representative or none (第20条)', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `代表${i + 1}` }));
      const { id } = await w.register(visit(c, { peopleCount: 30, representatives: reps(5) }));
      const d = await w.detail(w.xf, id);
      assert.equal(d.peopleCount, 30);
      assert.equal(d.isGroup, true);
      assert.deepEqual(d.people.map((p: any) => [p.role, p.name]), [['petitioner', '张建国'], ...reps(5).map((r) => ['representative', r.name])]);
      assert.deepEqual((await w.list(w.xf, 'flag=group')).items.map((x: any) => x.id), [id]);

      const before = await w.count();
      const e = await refused(w.tryRegister(visit(c, { ...topic(0), peopleCount: 30, representatives: reps(6) })), 400, 'VALIDATION_FAILED', 'representatives');
      assert.ok(e.message.includes('不得超过5人'), e.message);
      assert.equal(await w.count(), before, 'no case was created');
      await refused(w.tryRegister(visit(c, { ...topic(1), peopleCount: 2 })), 400, 'VALIDATION_FAILED', 'representatives');
      assert.equal(await w.count(), before, 'no case was created');
      const people = await w.env.ctx.db.selectFrom('petition_people').select('petition_id').execute();
      assert.ok(people.every((p) => p.petition_id === id), 'no people were recorded for refused registrations');
    }));

  // ── 3. routing and the flow ─────────────────────────────────────────────────────
  it('runs a 申诉求决 case through transfer, objection, assignment, one extension, reply, 复查 and 复核 to the final decision; the same matter is then refused', () =>
    world('2026-03-09', async (w) => {
      const { c, env } = w;
      const ID = withIdCheckDigit('32010219700101002');
      const body = visit(c, { petitioner: { name: '李秀英', idNumber: ID, phone: '13900001111' } });
      const { id } = await w.register(body);

      // Monday 03-09: transferred to 城关镇.
      let d = await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township, comment: '转城关镇办理' }));
      assert.deepEqual([d.state, d.handlingMode, d.handlingUnitId, d.handlingUnitName], ['handling', 'transfer', c.township, '城关镇']);
      assert.deepEqual([deadline(d, 'handle').due, deadline(d, 'handle').rule], ['2026-05-08', `第34条：受理之日起60${CAL_RULE}`]);
      // 5 working days after 03-09: 10, 11, 12, 13, 16.
      assert.deepEqual([deadline(d, 'objection').due, deadline(d, 'objection').rule], ['2026-03-16', `第23条：收到转送交办之日起5${WD_RULE}`]);
      assert.ok(deadline(d, 'register').metAt && deadline(d, 'notice').metAt);
      assert.equal(deadline(d, 'register').overdue, false);
      assert.deepEqual(d.documents.map((x: any) => [x.kind, x.label]), [['acceptance_notice', '受理告知书']]);
      const notice = await request(env, 'GET', `/api/petitions/${id}/documents/${d.documents[0].id}/docx`, { session: w.xf });
      assert.equal(notice.status, 200);
      assert.equal(notice.headers['content-type'], DOCX);
      assert.equal(notice.raw.subarray(0, 2).toString('latin1'), 'PK');
      const noticeText = await docxText(notice.raw);
      for (const s of ['信访事项受理告知书', '信〔2026〕1号', '城关镇', '2026年5月8日', '李秀英']) assert.ok(noticeText.includes(s), `the 受理告知书 contains ${s}`);
      assert.ok(!noticeText.includes(ID), 'the notice does not print the identity number');
      assert.deepEqual(actionsOf(await w.detail(w.town, id)), ['object', 'reply', 'request_extension']);
      assert.equal((await request(env, 'GET', `/api/petitions/${id}`, { session: w.build })).status, 404, 'not yet 住建局\'s case');

      // Tuesday 03-10: 城关镇 objects within 5 working days.
      w.day('2026-03-10');
      await refusedUnchanged(w, id, () => w.act(w.town, id, 'object', {}), 400, 'VALIDATION_FAILED', 'comment');
      // (The objecting unit's own answer is checked in its own test below: see "answers the objecting unit".)
      await w.act(w.town, id, 'object', { comment: '房屋征收补偿属县住建局职责，非本单位职责' });
      d = await w.detail(w.xf, id);
      assert.deepEqual([d.state, d.handlingMode, d.handlingUnitId], ['registered', null, null]);
      assert.deepEqual([d.history.at(-1).action, d.history.at(-1).comment], ['object', '房屋征收补偿属县住建局职责，非本单位职责']);
      // The objection window stays on record, met; routing is owed again under the original 15 days.
      assert.deepEqual(d.deadlines.map((x: any) => x.kind).sort(), ['notice', 'objection', 'register']);
      assert.equal(d.deadlines.find((x: any) => x.kind === 'register').metAt, null);
      assert.equal(d.nextDeadline.kind, 'register');
      assert.equal((await request(env, 'GET', `/api/petitions/${id}`, { session: w.town })).status, 404, '城关镇 no longer has the case');

      // The same day, 交办 to 县住建局: 60 days end on Saturday 05-09, a 调休 working day.
      d = await ok(w.act(w.xf, id, 'accept', { handlingMode: 'assign', handlingUnitId: c.housing }));
      assert.deepEqual([d.state, d.handlingMode, d.handlingUnitName], ['handling', 'assign', '县住建局']);
      assert.equal(deadline(d, 'handle').due, '2026-05-09');
      assert.equal(deadline(d, 'objection').due, '2026-03-17');
      assert.equal(d.documents.length, 2);

      // 04-01: one extension of 20 days.
      w.day('2026-04-01');
      await refusedUnchanged(w, id, () => w.act(w.build, id, 'request_extension', { days: 31, comment: '需要测绘' }), 400, 'VALIDATION_FAILED', 'days');
      d = await ok(w.act(w.build, id, 'request_extension', { days: 20, comment: '需补充测绘评估，申请延期20日' }));
      assert.equal(d.state, 'extension_requested');
      assert.deepEqual(actionsOf(await w.detail(w.xf, id)), ['approve_extension', 'refuse_extension']);
      await refusedUnchanged(w, id, () => w.act(w.build, id, 'approve_extension', {}), 403, 'WORKFLOW_FORBIDDEN');
      d = await ok(w.act(w.xf, id, 'approve_extension', { comment: '同意' }));
      assert.equal(d.state, 'handling');
      assert.equal(d.extensionUsed, true);
      assert.equal(deadline(d, 'handle').due, '2026-05-29', '05-09 moved by 20 days');
      assert.ok(deadline(d, 'handle').rule.includes('含延期20日'), deadline(d, 'handle').rule);
      assert.equal(deadline(d, 'handle').rule, `第34条：受理之日起80${CAL_RULE}（含延期20日）`);
      const again = await refusedUnchanged(w, id, () => w.act(w.build, id, 'request_extension', { days: 5, comment: '再延期' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      assert.ok(again.message.includes('只能延长一次'), again.message);

      // 04-08: the reply, with the 意见书.
      w.day('2026-04-08');
      await refusedUnchanged(w, id, () => w.act(w.build, id, 'reply', { outcome: 'adopted', comment: '采纳' }), 400, 'VALIDATION_FAILED', 'outcome');
      d = await ok(w.act(w.build, id, 'reply', { outcome: 'support', comment: '经核实，剩余补偿款已列入本月拨付计划，将于月底前发放到位。' }));
      assert.deepEqual([d.state, d.outcome, d.reply], ['replied', 'support', '经核实，剩余补偿款已列入本月拨付计划，将于月底前发放到位。']);
      assert.ok(deadline(d, 'handle').metAt && !deadline(d, 'handle').overdue);
      assert.deepEqual([deadline(d, 'review_request').due, deadline(d, 'review_request').rule], ['2026-05-08', `第35条：收到答复之日起30${CAL_RULE}`]);
      const opinion = d.documents.find((x: any) => x.kind === 'opinion');
      assert.equal(opinion.label, '信访事项处理意见书');
      const opinionDoc = await request(env, 'GET', `/api/petitions/${id}/documents/${opinion.id}/docx`, { session: w.build });
      assert.equal(opinionDoc.status, 200);
      assert.equal(opinionDoc.raw.subarray(0, 2).toString('latin1'), 'PK');
      const opinionText = await docxText(opinionDoc.raw);
      for (const s of ['信访事项处理意见书', '予以支持', '30日内']) assert.ok(opinionText.includes(s), `the 意见书 contains ${s}`);

      d = await ok(w.act(w.xf, id, 'evaluate', { evaluation: 'unsatisfied' }));
      assert.deepEqual([d.state, d.evaluation], ['replied', 'unsatisfied']);

      // 复查 within 30 days of the reply.
      w.day('2026-04-20');
      d = await ok(w.act(w.xf, id, 'request_review', { comment: '信访人不服处理意见，请求复查' }));
      assert.deepEqual([d.state, d.stage, d.evaluation], ['review', 'review', null]);
      assert.ok(deadline(d, 'review_request').metAt);
      assert.deepEqual([deadline(d, 'review').due, deadline(d, 'review').rule], ['2026-05-20', `第35条：收到申请之日起30${CAL_RULE}`]);
      w.day('2026-05-06');
      d = await ok(w.act(w.xf, id, 'decide_review', { outcome: 'support', comment: '经复查，维持原处理意见。' }));
      assert.equal(d.state, 'review_decided');
      assert.equal(d.documents.at(-1).kind, 'review_decision');
      assert.equal(deadline(d, 'recheck_request').due, '2026-06-05');
      w.day('2026-05-11');
      d = await ok(w.act(w.xf, id, 'request_recheck', { comment: '信访人请求复核' }));
      assert.deepEqual([d.state, d.stage], ['recheck', 'recheck']);
      assert.equal(deadline(d, 'recheck').due, '2026-06-10');
      w.day('2026-05-20');
      d = await ok(w.act(w.xf, id, 'decide_recheck', { outcome: 'support', comment: '经复核，维持复查意见。' }));
      assert.deepEqual([d.state, d.stateLabel, d.nextDeadline, d.overdue], ['closed', '已办结', null, false]);
      assert.deepEqual(d.availableActions, []);
      assert.deepEqual(d.documents.map((x: any) => x.kind), ['acceptance_notice', 'acceptance_notice', 'opinion', 'review_decision', 'recheck_decision']);
      const finalDoc = await request(env, 'GET', `/api/petitions/${id}/documents/${d.documents[4].id}/docx`, { session: w.xf });
      assert.ok((await docxText(finalDoc.raw)).includes('终结'));
      assert.deepEqual(
        d.history.map((h: any) => h.action),
        ['register', 'accept', 'object', 'accept', 'request_extension', 'approve_extension', 'reply', 'evaluate', 'request_review', 'decide_review', 'request_recheck', 'decide_recheck'],
      );
      const stored = await env.ctx.db.selectFrom('petitions').select(['is_final', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(Number(stored.is_final), 1);
      assert.ok(stored.closed_at);
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'close', {}), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');

      // 第36条: the same person with the same facts is not accepted again, however the number is written.
      const before = await w.count();
      const e = await refused(w.tryRegister(body), 409, 'PETITION_FINAL');
      assert.ok(e.message.includes('信〔2026〕1号'), e.message);
      const spaced = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
      const reworded = { ...APPEAL_TEXT, content: `${APPEAL_TEXT.content}现再次反映。` };
      assert.ok(similarity(`${APPEAL_TEXT.summary}${APPEAL_TEXT.content}`, `${reworded.summary}${reworded.content}`) >= 0.6);
      const e2 = await refused(w.tryRegister(visit(c, { ...reworded, petitioner: { name: '李秀英', idNumber: spaced } })), 409, 'PETITION_FINAL');
      assert.ok(e2.message.includes('信〔2026〕1号'), e2.message);
      assert.equal(await w.count(), before, 'no case was created');
      // Someone else raising similar facts is a new case (with the final one shown as a match).
      const other = await w.register(visit(c, { petitioner: { name: '赵六', idNumber: withIdCheckDigit('32010219800202003') } }));
      assert.deepEqual(other.matches.map((m: any) => [m.id, m.serial, m.reason, m.final]), [[id, '信〔2026〕1号', 'similar_content', true]]);
    }));

  it('refuses an objection after 5 working days, counted over 国庆 (accepted 09-29, last day 10-12)', () =>
    world('2026-09-29', async (w) => {
      const { c } = w;
      const late = (await w.register(visit(c))).id;
      const inTime = (await w.register(visit(c, { ...topic(0), petitioner: { name: '王小梅' } }))).id;
      for (const id of [late, inTime]) {
        const d = await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
        // 09-30, then 国庆 to 10-07, then 10-08, 10-09, Saturday 10-10 (调休) and Monday 10-12.
        assert.equal(deadline(d, 'objection').due, '2026-10-12');
      }
      w.day('2026-10-12');
      await w.act(w.town, inTime, 'object', { comment: '非本单位职责' });
      assert.equal((await w.detail(w.xf, inTime)).state, 'registered', 'the objection on the last day is accepted');
      w.day('2026-10-13');
      await refusedUnchanged(w, late, () => w.act(w.town, late, 'object', { comment: '非本单位职责' }), 409, 'PETITION_LIMIT_PASSED');
    }));

  it('answers the objecting unit with success (docs: actions return the PetitionDetail), although the case has left it', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const { id } = await w.register(visit(c));
      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
      const r = await w.act(w.town, id, 'object', { comment: '非本单位职责' });
      assert.equal((await w.detail(w.xf, id)).state, 'registered', 'the objection is recorded');
      // The objection took effect, so the unit must not be told that the case does not exist (a 404 invites a retry).
      assert.equal(r.status, 200, `the objecting unit got ${r.status} ${JSON.stringify(r.body)} for an objection that was recorded`);
    }));

  it('refuses a 复查 request more than 30 days after the reply (counted over 春节: replied 01-16, last day 02-24)', () =>
    world('2026-01-16', async (w) => {
      const { c } = w;
      const late = (await w.register(visit(c))).id;
      const inTime = (await w.register(visit(c, { ...topic(0), petitioner: { name: '王小梅' } }))).id;
      for (const id of [late, inTime]) {
        await ok(w.act(w.xf, id, 'accept', { handlingMode: 'direct' }));
        const d = await ok(w.act(w.xf, id, 'reply', { outcome: 'explain', comment: '已向信访人解释政策。' }));
        // 01-16 + 30 = 02-15, inside 春节 (2/15–2/23).
        assert.equal(deadline(d, 'review_request').due, '2026-02-24');
      }
      w.day('2026-02-24');
      assert.equal((await ok(w.act(w.xf, inTime, 'request_review', { comment: '请求复查' }))).state, 'review');
      w.day('2026-02-25');
      const e = await refusedUnchanged(w, late, () => w.act(w.xf, late, 'request_review', { comment: '请求复查' }), 409, 'PETITION_LIMIT_PASSED');
      assert.ok(e.message.includes('2026-02-24'), e.message);
    }));

  it('answers a 建议意见类 case with 采纳/未采纳 only, and an appeal never with them', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const { id } = await w.register(visit(c, { channel: 'letter', kind: 'suggestion', summary: '建议开通城关镇至河西镇公交线路', content: '两镇之间没有公交，群众出行不便，建议开通城关镇至河西镇的公交线路，方便群众出行。', categoryId: 'cat-12' }));
      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'direct' }));
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'reply', { outcome: 'support', comment: '支持' }), 400, 'VALIDATION_FAILED', 'outcome');
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'reply', { outcome: 'reject', comment: '不支持' }), 400, 'VALIDATION_FAILED', 'outcome');
      const d = await ok(w.act(w.xf, id, 'reply', { outcome: 'adopted', comment: '已纳入明年公交线网规划。' }));
      assert.deepEqual([d.state, d.outcome, d.kindLabel], ['replied', 'adopted', '建议意见类']);
      const doc = await request(env, 'GET', `/api/petitions/${id}/documents/${d.documents.find((x: any) => x.kind === 'opinion').id}/docx`, { session: w.xf });
      assert.ok((await docxText(doc.raw)).includes('予以采纳'));

      const appeal = (await w.register(visit(c, { ...topic(2), petitioner: { name: '王小梅' } }))).id;
      await ok(w.act(w.xf, appeal, 'accept', { handlingMode: 'direct' }));
      await refusedUnchanged(w, appeal, () => w.act(w.xf, appeal, 'reply', { outcome: 'adopted', comment: '采纳' }), 400, 'VALIDATION_FAILED', 'outcome');
    }));

  it('routes a litigation matter into the legal procedure (诉访分离): final and closed', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const { id } = await w.register(visit(c, { ...topic(6) }));
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'route_legal', { legalRoute: 'litigation' }), 400, 'VALIDATION_FAILED', 'comment');
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'route_legal', { comment: '属诉讼事项' }), 400, 'VALIDATION_FAILED', 'legalRoute');
      const d = await ok(w.act(w.xf, id, 'route_legal', { legalRoute: 'litigation', comment: '属于民事诉讼事项，已告知信访人向人民法院起诉' }));
      assert.deepEqual([d.state, d.stateLabel, d.legalRoute, d.nextDeadline, d.overdue], ['routed_legal', '已导入法定程序', 'litigation', null, false]);
      assert.deepEqual(d.availableActions, []);
      assert.ok(deadline(d, 'register').metAt && deadline(d, 'notice').metAt);
      const row = await env.ctx.db.selectFrom('petitions').select(['closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(row.closed_at, 'closed');
      assert.deepEqual((await w.list(w.xf, 'state=routed_legal')).items.map((x: any) => x.id), [id]);
      for (const action of ['accept', 'not_accept', 'reply', 'close']) {
        await refusedUnchanged(w, id, () => w.act(w.xf, id, action, { handlingMode: 'direct', outcome: 'support', comment: '再办' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      }
    }));

  it('never shows a 检举控告 case to the accused unit (第30条): not routed to it, and absent from its lists, searches, exports, documents and matches', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const ID = withIdCheckDigit('32010219660606004');
      const summary = '举报城关镇干部违规收受礼金';
      const { id } = await w.register(visit(c, {
        channel: 'letter', kind: 'accusation', summary, content: '城关镇某干部在征地补偿过程中收受拆迁户礼金，并为亲属违规多报补偿面积，请求调查处理。',
        categoryId: 'cat-09', accusedUnitId: c.township, firstOrgan: 'higher', petitioner: { name: '钱举报', idNumber: ID },
      }));
      const serial = (await w.detail(w.xf, id)).serial;
      assert.equal(serial, '信〔2026〕1号');
      const e = await refusedUnchanged(w, id, () => w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }), 400, 'VALIDATION_FAILED', 'handlingUnitId');
      assert.ok(e.message.includes('第三十条'), e.message);
      let d = await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.discipline, comment: '转纪委监委处理' }));
      assert.deepEqual([d.state, d.handlingUnitName, d.accusedUnitId], ['handling', '县纪委监委', c.township]);

      // The same petitioner's next case (a different matter) goes to 城关镇, and matches the accusation by person.
      const next = await w.register(visit(c, { ...topic(0), petitioner: { name: '钱举报', idNumber: ID } }));
      assert.deepEqual(next.matches.map((m: any) => [m.id, m.reason]), [[id, 'same_person']]);
      await ok(w.act(w.xf, next.id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));

      // The 纪委 clerk sees it (without the accused unit's id), as do the 信访 clerk and the office.
      d = await w.detail(w.jw, id);
      assert.equal(d.summary, summary);
      assert.equal(d.accusedUnitId, null, 'the accused unit is shown only to 信访 staff');
      assert.deepEqual((await w.list(w.jw, `q=${encodeURIComponent(serial)}`)).items.map((x: any) => x.id), [id]);
      assert.deepEqual((await w.list(w.jw)).items.map((x: any) => x.id), [id]);
      assert.ok((await w.list(w.xf, 'kind=accusation')).items.some((x: any) => x.id === id));
      assert.ok((await w.list(w.office, 'kind=accusation')).items.some((x: any) => x.id === id));

      // 城关镇 never sees it.
      const hidden = (body: unknown, where: string) => {
        const s = JSON.stringify(body);
        assert.ok(!s.includes(id) && !s.includes(serial) && !s.includes(summary), `${where}: the accusation must not appear`);
      };
      const queries = [
        '', 'pageSize=100', 'state=registered', 'state=handling', 'kind=accusation', 'channel=letter', `townshipId=${c.township}`, 'categoryId=cat-09', `handlingUnitId=${c.discipline}`,
        'flag=overdue', 'flag=due_soon', 'flag=group', 'flag=skip_level', `q=${encodeURIComponent('礼金')}`, `q=${encodeURIComponent(summary)}`, `q=${encodeURIComponent(serial)}`, `q=${encodeURIComponent('钱举报')}`,
        'from=2026-11-01&to=2026-11-30',
      ];
      for (const q of queries) {
        const r = await request(env, 'GET', `/api/petitions${q ? `?${q}` : ''}`, { session: w.town });
        assert.equal(r.status, 200, q);
        hidden(r.body, `town list ?${q}`);
      }
      assert.deepEqual((await w.list(w.town)).items.map((x: any) => x.id), [next.id], '城关镇 sees only its own case');
      await refused(request(env, 'GET', `/api/petitions?idNumber=${ID}`, { session: w.town }), 403, 'FORBIDDEN');
      await refused(request(env, 'GET', `/api/petitions/${id}`, { session: w.town }), 404, 'NOT_FOUND');
      await refused(request(env, 'GET', `/api/petitions/${id}/documents/${d.documents[0].id}/docx`, { session: w.town }), 404, 'NOT_FOUND');
      await refusedUnchanged(w, id, () => w.act(w.town, id, 'reply', { outcome: 'reject', comment: '不属实' }), 404, 'NOT_FOUND');
      await refusedUnchanged(w, id, () => w.act(w.town, id, 'object', { comment: '非本单位职责' }), 404, 'NOT_FOUND');
      const nextDetail = await w.detail(w.town, next.id);
      assert.deepEqual(nextDetail.matches, [], 'the match with the accusation is hidden from 城关镇');
      hidden(nextDetail, 'town detail of the other case');
      const exp = await request(env, 'GET', '/api/petitions/export.xlsx', { session: w.town });
      assert.equal(exp.status, 200);
      const rows = await xlsxRows(exp.raw);
      assert.ok(rows.some((r) => r.includes((nextDetail as any).serial)), 'the export has 城关镇\'s own case');
      hidden(rows, 'town export');
      const expQ = await request(env, 'GET', `/api/petitions/export.xlsx?kind=accusation&q=${encodeURIComponent(summary)}`, { session: w.town });
      hidden(await xlsxRows(expQ.raw), 'town export filtered');
      for (const url of ['/api/petitions/stats', '/api/petitions/board', '/api/petitions/stats/report.xlsx?month=2026-11']) {
        await refused(request(env, 'GET', url, { session: w.town }), 403, 'FORBIDDEN');
      }
      const inbox = await request(env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: w.town });
      hidden(inbox.body, 'town inbox');

      // An accusation against the office is likewise hidden from the office's own users, in lists, exports and statistics.
      const officeStatsBefore = await ok(request(env, 'GET', '/api/petitions/stats', { session: w.office }));
      const against = await w.register(visit(c, { ...topic(3), channel: 'letter', kind: 'accusation', summary: '举报县委办公室公车私用', categoryId: 'cat-09', accusedUnitId: c.office, petitioner: { name: '孙某' } }));
      await refused(request(env, 'GET', `/api/petitions/${against.id}`, { session: w.office }), 404, 'NOT_FOUND');
      assert.ok(!(await w.list(w.office, 'pageSize=100')).items.some((x: any) => x.id === against.id));
      assert.ok(!JSON.stringify(await xlsxRows((await request(env, 'GET', '/api/petitions/export.xlsx', { session: w.office })).raw)).includes('公车私用'));
      const officeStats = await ok(request(env, 'GET', '/api/petitions/stats', { session: w.office }));
      const xfStats = await ok(request(env, 'GET', '/api/petitions/stats', { session: w.xf }));
      assert.equal(officeStats.total, officeStatsBefore.total, 'the office\'s figures do not count the case against it');
      assert.equal(xfStats.total, officeStats.total + 1);
    }));

  it('does not let a 领导批示 pass a 检举控告 to the accused unit (第30条, as for 受理)', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const summary = '举报城关镇干部违规收受礼金';
      const { id } = await w.register(visit(c, { channel: 'letter', kind: 'accusation', summary, categoryId: 'cat-09', accusedUnitId: c.township }));
      const r = await w.act(w.leader, id, 'instruct', { comment: '请认真核查', assigneeUnitId: c.township, deadline: '2026-11-30' });
      // Whatever the answer, the accused township must not receive a supervision item carrying the accusation.
      const mine = await request(env, 'GET', '/api/assignments?pageSize=100', { session: w.town });
      const inbox = await request(env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: w.town });
      const leaks: string[] = [];
      if (r.status !== 400 || r.body.error?.field !== 'assigneeUnitId') leaks.push(`instruct answered ${r.status} ${r.status === 200 ? `(assignmentIds ${JSON.stringify(r.body.assignmentIds)})` : JSON.stringify(r.body)}`);
      if (JSON.stringify(mine.body).includes(summary)) leaks.push('城关镇\'s assignment list shows the accusation');
      if (JSON.stringify(inbox.body).includes(summary)) leaks.push('城关镇\'s to-dos show the accusation');
      assert.deepEqual(leaks, [], '城关镇 was handed the accusation through a 批示');
    }));

  it('keeps 检举控告 against a unit out of that unit\'s board (group alerts and frequent petitioners name the accuser)', () =>
    world('2026-11-30', async (w) => {
      const { c, env } = w;
      const accuser = { name: '孙举报', idNumber: withIdCheckDigit('32010219750505006') };
      const dates = ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-20', '2026-11-24'];
      for (const [i, date] of dates.entries()) {
        await w.register(visit(c, { ...housing(i), kind: 'accusation', categoryId: 'cat-09', accusedUnitId: c.office, receivedAt: date, petitioner: i < 3 ? accuser : { name: `群众${i}` } }));
      }
      const xfBoard = await ok(request(env, 'GET', '/api/petitions/board', { session: w.xf }));
      assert.deepEqual(xfBoard.groupAlerts.map((g: any) => [g.categoryNames, g.count]), [[['纪检监察'], 5]]);
      assert.deepEqual(xfBoard.frequentPetitioners.map((f: any) => [f.name, f.visits]), [['孙举报', 3]]);
      const officeBoard = await ok(request(env, 'GET', '/api/petitions/board', { session: w.office }));
      assert.equal(officeBoard.totals.open, 0, 'the office counts none of the cases against it');
      const leaks: string[] = [];
      if (JSON.stringify(officeBoard.frequentPetitioners).includes('孙举报')) leaks.push(`frequentPetitioners names the accuser: ${JSON.stringify(officeBoard.frequentPetitioners)}`);
      if (officeBoard.groupAlerts.length) leaks.push(`groupAlerts reports the accusations against it: ${JSON.stringify(officeBoard.groupAlerts)}`);
      assert.deepEqual(leaks, [], 'the office\'s board shows 检举控告 against the office');
    }));

  it('shows the accused unit of a 检举控告 only to 信访 staff (docs: "hidden (null) for non-petition roles")', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const { id } = await w.register(visit(c, { channel: 'letter', kind: 'accusation', summary: '举报河西镇违规发放补贴', categoryId: 'cat-09', accusedUnitId: c.otherTownship }));
      assert.equal((await w.detail(w.xf, id)).accusedUnitId, c.otherTownship);
      assert.equal((await w.detail(w.office, id)).accusedUnitId, null, 'office');
      assert.equal((await w.detail(w.leader, id)).accusedUnitId, null, 'leader (not a petition role)');
    }));

  // ── 4. repeat matching ────────────────────────────────────────────────────────
  it('finds earlier cases by the same person (however the number is written) and by similar text, and links or dismisses them', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const ID = withIdCheckDigit('32010219850317124'); // ends in X
      assert.equal(ID.at(-1), 'X');
      const first = await w.register(visit(c, { petitioner: { name: '张建国', idNumber: ID } }));
      assert.deepEqual(first.matches, []);

      w.day('2026-11-03');
      const spaced = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14, 17)}x`;
      const second = await w.register(visit(c, { ...topic(4), petitioner: { name: '张建国', idNumber: spaced } }));
      assert.equal(second.matches.length, 1);
      const [m] = second.matches;
      assert.equal(m.id, first.id);
      assert.equal(m.serial, '信〔2026〕1号');
      assert.ok(m.reason === 'same_person' || m.reason === 'both', m.reason);
      assert.equal(m.reason, 'same_person');
      assert.equal(m.receivedAt, '2026-11-02');
      assert.equal(m.summary, APPEAL_TEXT.summary);
      // One petitioner record for both.
      assert.equal((await env.ctx.db.selectFrom('petitioners').select('id').execute()).length, 1);

      const near = { summary: APPEAL_TEXT.summary, content: APPEAL_TEXT.content.replace('三成', '四成').replace('多次到镇政府反映均无答复', '多次反映没有结果') };
      const sim = similarity(`${APPEAL_TEXT.summary}${APPEAL_TEXT.content}`, `${near.summary}${near.content}`);
      assert.ok(sim >= 0.6 && sim < 1, String(sim));
      const third = await w.register(visit(c, { ...near, petitioner: { name: '王小梅', idNumber: withIdCheckDigit('32010219900808005') } }));
      assert.deepEqual(third.matches.map((x: any) => [x.id, x.serial, x.reason, x.similarity]), [[first.id, '信〔2026〕1号', 'similar_content', sim]]);

      const fourth = await w.register(visit(c, { ...topic(9), petitioner: { name: '赵六', phone: '13700001234' } }));
      assert.deepEqual(fourth.matches, []);

      // The same person with the same text: 'both'.
      const fifth = await w.register(visit(c, { petitioner: { name: '张建国', idNumber: ID } }));
      const byId = new Map(fifth.matches.map((x: any) => [x.id, x]));
      assert.equal((byId.get(first.id) as any).reason, 'both');
      assert.equal((byId.get(first.id) as any).similarity, 1);
      assert.equal((byId.get(second.id) as any).reason, 'same_person');
      assert.equal((byId.get(third.id) as any).reason, 'similar_content');
      assert.ok(!byId.has(fourth.id));

      // Matches are kept on the case until decided.
      let d = await w.detail(w.xf, third.id);
      assert.deepEqual(d.matches.map((x: any) => [x.id, x.reason, x.dismissed, x.final]), [[first.id, 'similar_content', false, false]]);
      assert.deepEqual(d.linked, []);
      const decide = (s: Session, id: string, other: string, decision: string) => request(env, 'POST', `/api/petitions/${id}/matches/${other}`, { session: s, body: { decision } });
      d = await ok(decide(w.xf, third.id, first.id, 'link'));
      assert.deepEqual(d.linked, [{ id: first.id, serial: '信〔2026〕1号', relation: 'repeat' }]);
      assert.deepEqual(d.matches, []);
      assert.deepEqual((await w.detail(w.xf, first.id)).linked, [{ id: third.id, serial: '信〔2026〕3号', relation: 'repeat' }]);
      assert.equal(d.history.at(-1).action, 'match');

      d = await ok(decide(w.xf, fifth.id, second.id, 'dismiss'));
      const dismissed = d.matches.find((x: any) => x.id === second.id);
      assert.equal(dismissed.dismissed, true);
      assert.ok(d.matches.filter((x: any) => x.id !== second.id).every((x: any) => x.dismissed === false));
      assert.ok(!d.linked.some((x: any) => x.id === second.id));
      assert.deepEqual((await w.detail(w.xf, second.id)).linked, [], 'a dismissal links nothing');

      await refusedUnchanged(w, third.id, () => decide(w.xf, third.id, fourth.id, 'link'), 404, 'NOT_FOUND');
      await refusedUnchanged(w, fifth.id, () => decide(w.office, fifth.id, first.id, 'link'), 403, 'FORBIDDEN');
      await refusedUnchanged(w, fifth.id, () => decide(w.xf, fifth.id, first.id, 'merge'), 400, 'VALIDATION_FAILED');
    }));

  it('gives the matches in the registration response the documented Match shape (with dismissed)', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const first = await w.register(visit(c, { petitioner: { name: '张建国', phone: '13812345678' } }));
      const second = await w.register(visit(c, { petitioner: { name: '张建国', phone: '13812345678' } }));
      assert.equal(second.matches.length, 1);
      assert.deepEqual(Object.keys(second.matches[0]).sort(), ['dismissed', 'final', 'id', 'reason', 'receivedAt', 'serial', 'similarity', 'state', 'summary']);
      assert.deepEqual(second.matches[0], { id: first.id, serial: '信〔2026〕1号', summary: APPEAL_TEXT.summary, receivedAt: '2026-11-02', reason: 'both', similarity: 1, state: 'registered', final: false, dismissed: false });
    }));

  // ── 5. 领导批示 ──────────────────────────────────────────────────────────────
  it('turns a leader\'s 批示 into a supervision item (source 领导批示) linked to the case', () =>
    world('2026-11-02', async (w) => {
      const { c, env } = w;
      const { id } = await w.register(visit(c));
      await refusedUnchanged(w, id, () => w.act(w.xf, id, 'instruct', { comment: '请住建局办理', assigneeUnitId: c.housing, deadline: '2026-11-30' }), 403, 'WORKFLOW_FORBIDDEN');
      await refusedUnchanged(w, id, () => w.act(w.leader, id, 'instruct', { comment: '请住建局办理', assigneeUnitId: c.housing }), 400, 'VALIDATION_FAILED', 'deadline');
      await refusedUnchanged(w, id, () => w.act(w.leader, id, 'instruct', { assigneeUnitId: c.housing, deadline: '2026-11-30' }), 400, 'VALIDATION_FAILED', 'comment');
      await refusedUnchanged(w, id, () => w.act(w.leader, id, 'instruct', { comment: '请住建局办理', assigneeUnitId: c.housing, deadline: '2026-10-30' }), 400, 'VALIDATION_FAILED', 'deadline');
      assert.equal((await env.ctx.db.selectFrom('assignments').select('id').execute()).length, 0, 'refused 批示 create nothing');

      const d = await ok(w.act(w.leader, id, 'instruct', { comment: '请县住建局牵头，月底前解决到位。', assigneeUnitId: c.housing, deadline: '2026-11-30' }));
      assert.equal(d.state, 'registered', 'a 批示 does not move the case');
      assert.equal(d.assignmentIds.length, 1);
      assert.deepEqual([d.history.at(-1).action, d.history.at(-1).actionLabel, d.history.at(-1).comment], ['instruct', '领导批示', '请县住建局牵头，月底前解决到位。']);
      const aid = d.assignmentIds[0];
      const a = await ok(request(env, 'GET', `/api/assignments/${aid}`, { session: w.leader }));
      assert.equal(a.sourceKind, 'leader_instruction');
      assert.deepEqual(a.source.link, { type: 'petition', id });
      assert.equal(a.source.ref, '信〔2026〕1号');
      assert.equal(a.assigneeUnitId, c.housing);
      assert.equal(a.deadline, '2026-11-30');
      assert.equal(a.leaderId, c.leader);
      assert.equal(a.instruction, '请县住建局牵头，月底前解决到位。');
      assert.deepEqual((await w.detail(w.xf, id)).assignmentIds, [aid]);
    }));

  // ── 6. board ───────────────────────────────────────────────────────────────
  it('warns of 5 cases on one matter (similar texts) from one township within 30 days, and of a petitioner with 3 visits within 30 days', () =>
    world('2026-11-30', async (w) => {
      const { c, env } = w;
      const board = () => ok(request(env, 'GET', '/api/petitions/board', { session: w.xf }));
      let t = 0;
      const reg = (over: Record<string, unknown>) => w.register(visit(c, { ...topic(t++ % TOPICS.length), petitioner: { name: `群众${t}` }, ...over }));

      // 城关镇, the 交房 matter: one before the window (it begins the matter), then 4 within it → no alert.
      const before = await reg({ ...housing(0), channel: 'letter', receivedAt: '2026-10-20' });
      const within: string[] = [];
      for (const [i, date] of ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24'].entries()) within.push((await reg({ ...housing(i + 1), channel: 'letter', receivedAt: date })).id);
      // The same 小区's 物业费 and three unrelated matters of the same category and township: a category alone is no matter.
      await reg({ ...FEE_COMPLAINT, channel: 'letter', receivedAt: '2026-11-05' });
      for (const date of ['2026-11-06', '2026-11-12', '2026-11-13']) await reg({ channel: 'letter', receivedAt: date });
      // 河西镇, the same matter 4 times → no alert: each township counts its own.
      for (const [i, date] of ['2026-11-05', '2026-11-06', '2026-11-12', '2026-11-13'].entries()) await reg({ ...housing(i), channel: 'letter', receivedAt: date, townshipId: c.otherTownship });
      let b = await board();
      assert.deepEqual(b.groupAlerts, []);

      // The 5th within the window → one alert with count 5, since the earliest, named after the matter's first case there.
      const fifth = (await reg({ ...housing(0), channel: 'letter', receivedAt: '2026-11-27', categoryId: 'cat-02' })).id;
      b = await board();
      assert.deepEqual(b.groupAlerts, [{
        townshipId: c.township, townshipName: '城关镇', matterId: before.id, summary: HOUSING_MATTER[1][0], categoryNames: ['城乡建设', '劳动和社会保障'],
        count: 5, since: '2026-11-03', caseIds: [...within, fifth],
      }]);
      // The drill-down lists exactly those cases.
      const drill = await w.list(w.xf, `matterId=${before.id}&townshipId=${c.township}&from=2026-11-03`);
      assert.deepEqual(drill.items.map((x: any) => x.id).sort(), [...within, fifth].sort());

      // A case worded quite differently starts a matter of its own; the clerk links it to one of the matter's cases
      // (the same person wrote both), and it joins the matter: the alert counts 6.
      const owner = { name: '钱业主', idNumber: withIdCheckDigit('32010219800303003') };
      const ownersFirst = (await reg({ ...housing(2), channel: 'letter', receivedAt: '2026-11-25', petitioner: owner })).id;
      b = await board();
      assert.equal(b.groupAlerts[0].count, 6);
      const terse = await reg({ summary: '房子到底什么时候给', content: '等了快一年了，钥匙还没拿到，孩子上学都成问题。', receivedAt: '2026-11-28', petitioner: owner });
      assert.deepEqual(terse.matches.map((m: any) => [m.id, m.reason]), [[ownersFirst, 'same_person']]);
      assert.equal((await board()).groupAlerts[0].count, 6, 'not similar enough to join by itself');
      await ok(request(env, 'POST', `/api/petitions/${terse.id}/matches/${ownersFirst}`, { session: w.xf, body: { decision: 'link' } }));
      b = await board();
      assert.deepEqual([b.groupAlerts.length, b.groupAlerts[0].matterId, b.groupAlerts[0].count, b.groupAlerts[0].caseIds.at(-1)], [1, before.id, 7, terse.id]);
      assert.equal((await w.list(w.xf, `matterId=${before.id}&townshipId=${c.otherTownship}`)).total, 4, '河西镇\'s cases are on the same matter, counted apart');
      // The board follows its thresholds at once: 8 cases needed, none warned; back to 5.
      const config = await ok(request(env, 'GET', '/api/petitions/config', { session: w.xf }));
      await ok(request(env, 'PUT', '/api/petitions/config', { session: w.xf, body: { ...config, groupMinCases: 8 } }));
      assert.deepEqual((await board()).groupAlerts, []);
      await ok(request(env, 'PUT', '/api/petitions/config', { session: w.xf, body: config }));
      assert.equal((await board()).groupAlerts[0].count, 7);

      // Visits: 张三 2 in the window (and one before it), 李四 3.
      const zhang = { name: '张三', idNumber: withIdCheckDigit('32010219700101011') };
      const li = { name: '李四', idNumber: withIdCheckDigit('32010219700101012') };
      for (const date of ['2026-10-25', '2026-11-09', '2026-11-20']) await reg({ receivedAt: date, categoryId: 'cat-03', petitioner: zhang });
      for (const date of ['2026-11-04', '2026-11-18']) await reg({ receivedAt: date, categoryId: 'cat-04', petitioner: li });
      // 李四 also writes a letter: not a visit.
      await reg({ channel: 'letter', receivedAt: '2026-11-19', categoryId: 'cat-04', petitioner: li });
      b = await board();
      assert.deepEqual(b.frequentPetitioners, []);
      await reg({ receivedAt: '2026-11-26', categoryId: 'cat-04', petitioner: li });
      b = await board();
      assert.deepEqual(b.frequentPetitioners.map((f: any) => [f.name, f.visits, f.since]), [['李四', 3, '2026-11-04']]);
      assert.equal(typeof b.frequentPetitioners[0].petitionerId, 'string');
      assert.ok(!JSON.stringify(b).includes(li.idNumber));

      // Totals over the open cases: each register deadline is receivedAt + 15 days.
      const cal = createCalendar();
      const all = (await w.list(w.xf, 'pageSize=100')).items;
      const dues = all.map((x: any) => cal.addCalendarDays(x.receivedAt, 15).date);
      const soon = cal.addWorkdays('2026-11-30', 3).date;
      assert.equal(b.totals.open, all.length);
      assert.equal(b.totals.overdue, dues.filter((d: string) => d < '2026-11-30').length);
      assert.equal(b.totals.dueSoon, dues.filter((d: string) => d >= '2026-11-30' && d <= soon).length);
      assert.equal(b.totals.overdue, (await w.list(w.xf, 'flag=overdue')).total);
      assert.equal(b.totals.dueSoon, (await w.list(w.xf, 'flag=due_soon')).total);
      assert.deepEqual([b.totals.group, b.totals.skipLevel], [0, 0]);

      for (const s of [w.office, w.leader]) await ok(request(env, 'GET', '/api/petitions/board', { session: s }));
      for (const s of [w.town, w.build, w.jw]) await refused(request(env, 'GET', '/api/petitions/board', { session: s }), 403, 'FORBIDDEN');
    }));

  // ── 7. statistics ────────────────────────────────────────────────────────────
  it('counts by channel, category and township, the on-time rate of each limit and the satisfaction rate, and writes the monthly report', () =>
    world('2026-03-04', async (w) => {
      const { c, env } = w;
      const A = c.township;
      const B = c.otherTownship;
      const reg = (i: number, over: Record<string, unknown>) => w.register(visit(c, { ...topic(i), petitioner: { name: `信访人${i}` }, ...over })).then((r) => r.id);
      // Received in March: C1–C5 and C7; C6 the week before (outside the figures, but its deadlines fall in the period).
      // On one matter: C2, C5 and C7 (the 交房 matter in their own words), and C3 and C4 (the same text).
      const c1 = await reg(1, { channel: 'visit', receivedAt: '2026-03-02', categoryId: 'cat-01', townshipId: A });
      const c2 = await reg(2, { ...housing(2), channel: 'letter', receivedAt: '2026-03-02', categoryId: 'cat-01', townshipId: A });
      const c3 = await reg(3, { channel: 'phone', receivedAt: '2026-03-03', categoryId: 'cat-02', townshipId: B });
      const c4 = await reg(3, { channel: 'letter', kind: 'suggestion', receivedAt: '2026-03-03', categoryId: 'cat-02', townshipId: B });
      const c5 = await reg(5, { ...housing(0), channel: 'visit', receivedAt: '2026-03-04', categoryId: 'cat-01', townshipId: B });
      const c6 = await reg(6, { channel: 'fax', receivedAt: '2026-02-27', categoryId: 'cat-03', townshipId: A });
      w.day('2026-03-05');
      const c7 = await reg(7, { ...housing(1), channel: 'fax', categoryId: 'cat-03', townshipId: B });

      // 03-10: C1, C6 and C7 handled directly, C2 to 城关镇, C4 not accepted — all within their 15 days.
      w.day('2026-03-10');
      await ok(w.act(w.xf, c1, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(w.xf, c6, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(w.xf, c7, 'accept', { handlingMode: 'direct' }));
      await ok(w.act(w.xf, c2, 'accept', { handlingMode: 'transfer', handlingUnitId: A }));
      await ok(w.act(w.xf, c4, 'not_accept', { comment: '不属于信访事项' }));
      // 03-16: 城关镇 replies to C2 (handle and objection met); C7 replied, the petitioner unsatisfied.
      w.day('2026-03-16');
      await ok(w.act(w.town, c2, 'reply', { outcome: 'explain', comment: '已解释说明。' }));
      await ok(w.act(w.xf, c7, 'reply', { outcome: 'reject', comment: '诉求缺乏依据。' }));
      await ok(w.act(w.xf, c7, 'evaluate', { evaluation: 'unsatisfied' }));
      // 03-20: C3 accepted after its 15 days (due 03-18); C5 is never accepted (due 03-19).
      w.day('2026-03-20');
      await ok(w.act(w.xf, c3, 'accept', { handlingMode: 'direct' }));
      // C2: 复查 requested 03-25 (due 04-24), decided late on 04-27; 复核 requested 04-28 (due 05-28, not yet due).
      w.day('2026-03-25');
      await ok(w.act(w.xf, c2, 'request_review', { comment: '请求复查' }));
      w.day('2026-04-27');
      await ok(w.act(w.xf, c2, 'decide_review', { outcome: 'explain', comment: '维持' }));
      w.day('2026-04-28');
      await ok(w.act(w.xf, c2, 'request_recheck', { comment: '请求复核' }));
      // C1 replied 05-08 (due 05-09); C3 replied 05-20 (due 05-19); C6 (due 05-09) is never replied to.
      w.day('2026-05-08');
      await ok(w.act(w.xf, c1, 'reply', { outcome: 'support', comment: '予以解决。' }));
      await ok(w.act(w.xf, c1, 'evaluate', { evaluation: 'satisfied' }));
      w.day('2026-05-20');
      await ok(w.act(w.xf, c3, 'reply', { outcome: 'explain', comment: '已说明。' }));
      await ok(w.act(w.xf, c3, 'evaluate', { evaluation: 'basically_satisfied' }));
      void c5;

      w.day('2026-05-25');
      const s = await ok(request(env, 'GET', '/api/petitions/stats?from=2026-03-01&to=2026-05-31', { session: w.xf }));
      const counts = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.label, r.count]));
      assert.equal(s.total, 6);
      assert.deepEqual(counts(s.byChannel), { 来访: 2, 来信: 2, 电话: 1, 传真: 1 });
      assert.deepEqual(s.byChannel.map((r: any) => r.count), [2, 2, 1, 1], 'largest first');
      assert.deepEqual(counts(s.byCategory), { 城乡建设: 3, 劳动和社会保障: 2, 农业农村: 1 });
      assert.deepEqual(s.byCategory.map((r: any) => r.key), ['cat-01', 'cat-02', 'cat-03']);
      assert.deepEqual(counts(s.byTownship), { 河西镇: 4, 城关镇: 2 });
      assert.deepEqual(s.byTownship.map((r: any) => r.key), [B, A]);
      assert.deepEqual(counts(s.byHandlingUnit), { 县信访局: 3, 城关镇: 1, 未受理或未转办: 2 });
      assert.deepEqual(s.byMonth, [{ key: '2026-03', label: '2026年3月', count: 6 }]);
      assert.deepEqual(
        s.onTime.map((r: any) => [r.kind, r.due, r.met, r.rate]),
        [
          // C1, C2, C4, C6, C7 in time; C3 late; C5 never.
          ['register', 7, 5, 71.4],
          ['notice', 7, 5, 71.4],
          // The objection window is a right of the unit, not a limit it can miss: not rated.
          // C1, C2, C7 in time; C3 late; C6 past due.
          ['handle', 5, 3, 60],
          ['review', 1, 0, 0],
          // C2's 复核 falls due 05-28, after today.
          ['recheck', 0, 0, null],
        ],
      );
      assert.deepEqual(s.satisfaction, { satisfied: 1, basically: 1, unsatisfied: 1, rate: 66.7 });
      // 反映集中的问题: the matters with two or more cases, most first, named by their earliest case; C1 and C6 stand alone.
      assert.deepEqual(s.topMatters, [
        { matterId: c2, summary: HOUSING_MATTER[2][0], count: 3, townshipNames: ['城关镇', '河西镇'], categoryNames: ['城乡建设', '农业农村'] },
        { matterId: c3, summary: TOPICS[3]![0], count: 2, townshipNames: ['河西镇'], categoryNames: ['劳动和社会保障'] },
      ]);
      // The same figures for the office and the committee leader; none for a unit.
      assert.deepEqual(await ok(request(env, 'GET', '/api/petitions/stats?from=2026-03-01&to=2026-05-31', { session: w.office })), s);
      assert.deepEqual(await ok(request(env, 'GET', '/api/petitions/stats?from=2026-03-01&to=2026-05-31', { session: w.leader })), s);
      await refused(request(env, 'GET', '/api/petitions/stats', { session: w.town }), 403, 'FORBIDDEN');
      await refused(request(env, 'GET', '/api/petitions/stats?from=2026-05-01&to=2026-03-01', { session: w.xf }), 400, 'VALIDATION_FAILED', 'from');

      // March alone: register and notice deadlines only (the objection window is not rated).
      const march = await ok(request(env, 'GET', '/api/petitions/stats?from=2026-03-01&to=2026-03-31', { session: w.xf }));
      assert.equal(march.total, 6);
      assert.deepEqual(march.onTime.map((r: any) => [r.kind, r.due, r.met]), [['register', 7, 5], ['notice', 7, 5], ['handle', 0, 0], ['review', 0, 0], ['recheck', 0, 0]]);

      const docx = await request(env, 'GET', '/api/petitions/stats/report.docx?month=2026-03', { session: w.xf });
      assert.equal(docx.status, 200);
      assert.equal(docx.headers['content-type'], DOCX);
      assert.match(String(docx.headers['content-disposition']), new RegExp(encodeURIComponent('2026年3月信访工作情况报告.docx')));
      const text = await docxText(docx.raw);
      assert.ok(text.includes('关于2026年3月信访工作情况的报告'), 'the report names the month');
      assert.ok(text.includes('共登记信访事项6件'));
      assert.ok(text.includes('满意率66.7%'));
      assert.ok(text.includes(HOUSING_MATTER[2][0]), 'the report names the matter petitioned most');
      const xlsx = await request(env, 'GET', '/api/petitions/stats/report.xlsx?month=2026-03', { session: w.xf });
      assert.equal(xlsx.status, 200);
      assert.equal(xlsx.headers['content-type'], XLSX);
      const rows = await xlsxRows(xlsx.raw);
      assert.ok(rows.some((r) => r.some((cell) => cell.includes('2026年3月'))), 'the workbook names the month');
      assert.ok(rows.some((r) => r[0] === '来访' && r[1] === '2'));
      assert.ok(rows.some((r) => r.join('|') === `${HOUSING_MATTER[2][0]}|城关镇、河西镇|城乡建设、农业农村|3`), 'the sheet of 反映较多的问题 names the matter');
      await refused(request(env, 'GET', '/api/petitions/stats/report.docx?month=2026-13', { session: w.xf }), 400, 'VALIDATION_FAILED');
    }));

  // ── 8. refusals leave the case unchanged ────────────────────────────────────────
  it('leaves the case unchanged on every refusal: wrong state, wrong person, missing or bad input', () =>
    world('2026-11-02', async (w) => {
      const { c } = w;
      const { id } = await w.register(visit(c));
      const cases: [Session, string, Record<string, unknown>, number, string, string?][] = [
        [w.xf, 'reply', { outcome: 'support', comment: '答复' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'request_extension', { days: 10, comment: '延期' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'evaluate', { evaluation: 'satisfied' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'close', {}, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'accept', {}, 400, 'VALIDATION_FAILED', 'handlingMode'],
        [w.xf, 'accept', { handlingMode: 'transfer' }, 400, 'VALIDATION_FAILED', 'handlingUnitId'],
        [w.xf, 'accept', { handlingMode: 'assign', handlingUnitId: '00000000-0000-0000-0000-000000000000' }, 400, 'VALIDATION_FAILED', 'handlingUnitId'],
        [w.xf, 'accept', { handlingMode: 'elsewhere' }, 400, 'VALIDATION_FAILED'],
        [w.xf, 'not_accept', {}, 400, 'VALIDATION_FAILED', 'comment'],
        [w.xf, 'route_legal', { legalRoute: 'petition', comment: '诉讼' }, 400, 'VALIDATION_FAILED'],
        [w.office, 'accept', { handlingMode: 'direct' }, 403, 'WORKFLOW_FORBIDDEN'],
        [w.leader, 'accept', { handlingMode: 'direct' }, 403, 'WORKFLOW_FORBIDDEN'],
        [w.town, 'accept', { handlingMode: 'direct' }, 404, 'NOT_FOUND'],
        [w.build, 'accept', { handlingMode: 'direct' }, 404, 'NOT_FOUND'],
      ];
      for (const [s, action, body, status, code, field] of cases) {
        await refusedUnchanged(w, id, () => w.act(s, id, action, body), status, code, field);
      }
      await refused(w.act(w.xf, id, 'fly', {}), 400, 'VALIDATION_FAILED');

      await ok(w.act(w.xf, id, 'accept', { handlingMode: 'transfer', handlingUnitId: c.township }));
      const handling: [Session, string, Record<string, unknown>, number, string, string?][] = [
        [w.xf, 'accept', { handlingMode: 'direct' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'approve_extension', {}, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.xf, 'request_review', { comment: '复查' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
        [w.otherTown, 'reply', { outcome: 'support', comment: '答复' }, 404, 'NOT_FOUND'],
        [w.office, 'reply', { outcome: 'support', comment: '答复' }, 403, 'WORKFLOW_FORBIDDEN'],
        [w.town, 'reply', { outcome: 'support' }, 400, 'VALIDATION_FAILED', 'comment'],
        [w.town, 'reply', { comment: '答复' }, 400, 'VALIDATION_FAILED', 'outcome'],
        [w.town, 'request_extension', { comment: '延期' }, 400, 'VALIDATION_FAILED', 'days'],
        [w.town, 'request_extension', { days: 0, comment: '延期' }, 400, 'VALIDATION_FAILED', 'days'],
        [w.town, 'evaluate', { evaluation: 'satisfied' }, 409, 'WORKFLOW_ACTION_NOT_ALLOWED'],
      ];
      for (const [s, action, body, status, code, field] of handling) {
        await refusedUnchanged(w, id, () => w.act(s, id, action, body), status, code, field);
      }
      // Not a case at all.
      await refused(w.act(w.xf, '00000000-0000-0000-0000-000000000000', 'accept', { handlingMode: 'direct' }), 404, 'NOT_FOUND');
      // A refused registration creates nothing.
      const before = await w.count();
      await refused(w.tryRegister(visit(c, { townshipId: c.housing })), 400, 'VALIDATION_FAILED', 'townshipId');
      await refused(w.tryRegister(visit(c, { categoryId: 'cat-99' })), 400, 'VALIDATION_FAILED', 'categoryId');
      await refused(w.tryRegister(visit(c, { channel: 'superior' })), 400, 'VALIDATION_FAILED', 'superiorRef');
      await refused(w.tryRegister(visit(c, { accusedUnitId: c.township })), 400, 'VALIDATION_FAILED', 'accusedUnitId');
      await refused(w.tryRegister(visit(c), w.office), 403, 'FORBIDDEN');
      await refused(w.tryRegister(visit(c), w.town), 403, 'FORBIDDEN');
      assert.equal(await w.count(), before);
      assert.equal(shanghaiDate(w.env.clock.now.toISOString()), '2026-11-02');
    }));
});

/**
 * 督查督办 at county scale (issue 5: "60,000 items, 300,000 feedbacks and 400 units"), in a database of
 * its own: 400 units (县委, 县委办, 40 departments, 30 townships, 328 villages), their people, and
 * 60,000 items over the last two years with what the server keeps beside them — cooperating units,
 * sub-tasks, feedbacks (lead unit, cooperating units, 办结报告), missed feedback due dates, and the
 * colour log the 通报 counts red turns from. Written straight into SQLite with multi-row INSERTs in
 * large transactions; the tables' secondary indexes are dropped for the load and rebuilt from the
 * migrations' own SQL (as generate-documents.ts does).
 *
 * Each item is played forward along its own timeline with the server's rules (core/supervision):
 * 交办 → 签收 → feedbacks in each feedback window (some late, some missed: a miss row the day after the
 * due date) → 报告办结 → 审核 → 销号, or still open today. Its colour history follows what the daily
 * sweep would have logged (green at 交办; yellow when the deadline is within three working days or one
 * feedback is missed or it falls behind; red when overdue, two feedbacks missed or far behind; the colour
 * as of the 办结报告), and an open item's stored colour is computeColour() for today on its own figures —
 * the last colour-log row always equals it. Seeded: a seed gives the same county; times follow the clock.
 *
 * Not generated (the measured reads do not touch them): assignment_events, 交办单/催办单 notices,
 * inbox rows, reminder jobs, accountability records. feedbacks.event_id is therefore null.
 */
import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import {
  users as usersRepo,
  type AssignmentColourLogTable,
  type AssignmentFeedbackMissTable,
  type AssignmentFeedbackTable,
  type AssignmentTable,
  type AssignmentTaskTable,
  type AssignmentUnitTable,
  type DatabaseHandle,
  type UnitTable,
  type UserRoleTable,
  type UserTable,
} from '@zhongshu/db';
import { createCalendar, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { computeColour, DEFAULT_SUPERVISION_CONFIG, feedbackDueDates, nextFeedbackDue, type Colour, type FeedbackCycle } from '@zhongshu/core/supervision/index.ts';
import { clearedLevels } from '@zhongshu/core';
import type { AppContext } from '../apps/server/src/context.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { insertBusinessUser } from '../apps/server/src/modules/org/org.service.ts';
import { mulberry32, uuidv7At } from './gen-util.ts';

export interface SupervisionGenOptions {
  seed: number;
  items: number;
  feedbacks: number;
  /** Password of the two measured accounts (really hashed, through insertBusinessUser). */
  password: string;
}

export interface SupervisionGenResult {
  ms: number;
  indexMs: number;
  seed: number;
  rows: Record<string, number>;
  states: Record<string, number>;
  /** Items carrying a colour (with the unit or in review), by colour. */
  colours: Record<string, number>;
  sources: Record<string, number>;
  levels: Record<string, number>;
  cycles: Record<string, number>;
  /** The 县委办 督查 clerk (office role, 秘密) and a 县委 副书记 (leader, 机密) the board is measured as. */
  clerk: { id: string; username: string };
  leader: { id: string; username: string };
  /** What the board's totals.open must be for each of them (coloured items within their clearance). */
  boardOpen: { clerk: number; leader: number };
  /** The drill-down's unit: most red items; `redForClerk` is what GET /api/assignments?colour=red&unitId= must total for the clerk. */
  busyUnit: { id: string; name: string; red: number; redForClerk: number; open: number };
  leadUnits: number;
  onTimeShare: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

const DEPARTMENTS = [
  '县纪委监委', '县委组织部', '县委宣传部', '县委统战部', '县委政法委', '县委政研室', '县委网信办', '县委编办',
  '县委巡察办', '县委老干部局', '县政府办公室', '县发展和改革局', '县教育体育局', '县科学技术局', '县工业和信息化局',
  '县公安局', '县民政局', '县司法局', '县财政局', '县人力资源和社会保障局', '县自然资源局', '县生态环境分局',
  '县住房和城乡建设局', '县交通运输局', '县水利局', '县农业农村局', '县商务局', '县文化和旅游局', '县卫生健康局',
  '县退役军人事务局', '县应急管理局', '县审计局', '县市场监督管理局', '县医疗保障局', '县信访局', '县统计局',
  '县林业局', '县城市管理局', '县乡村振兴局', '县行政审批服务局',
];
const TOWNSHIPS = [
  '城关镇', '河西镇', '东关镇', '南山镇', '北塬镇', '青石镇', '白水镇', '柳林镇', '桃园乡', '杏花乡',
  '马营镇', '新集镇', '高桥镇', '龙泉镇', '石门乡', '双河镇', '清水乡', '太平镇', '永安镇', '兴隆乡',
  '古城镇', '红星乡', '金山镇', '望江镇', '安乐乡', '长岭镇', '三河镇', '芦集乡', '沙河镇', '枣林乡',
];
const VILLAGE_STEMS = ['王庄', '李家', '张湾', '刘岗', '陈庄', '杨河', '赵集', '黄营', '周寨', '吴桥', '徐楼', '孙店', '胡坡', '朱堡', '高庄', '何湾', '郭庄', '马坊', '罗家', '梁湾'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志军海燕鹏飞辉斌宇浩凯健俊帆帅旭宁龙林欣晨瑞博文涵雪梅琳晶亮成德';
const TOPICS = [
  '秸秆禁烧', '防汛备汛', '安全生产大检查', '信访积案化解', '衔接资金项目', '农村人居环境整治', '森林防火', '校园安全',
  '食品安全', '优化营商环境', '重点项目建设', '招商引资', '耕地保护', '河湖长制', '燃气安全排查', '冬季清洁取暖',
  '农民工工资支付', '低保动态核查', '高标准农田建设', '重点项目征迁', '文明城市创建', '基层党建', '矛盾纠纷排查',
  '防止返贫监测', '村级集体经济', '网格化服务管理', '巡察反馈问题整改', '审计反馈问题整改', '群众反映强烈问题', '民生实事项目',
];
const TASKS: [string, string, string][] = [
  ['排查整改问题', '完成整改问题数', '个'], ['走访入户核查', '核查户数', '户'], ['完成项目投资', '完成投资额', '万元'], ['道路硬化', '完成里程', '公里'],
  ['开展专项检查', '检查企业数', '家'], ['组织培训', '培训人次', '人次'], ['化解信访积案', '化解件数', '件'], ['建立长效机制', '出台制度数', '项'],
];
const LEADER_RANKS = ['书记', '副书记', '副书记', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委'];

/** Final states: ~30 % open (with the unit or in review), ~65 % 销号, ~5 % cancelled. */
const STATE_MIX: [string, number][] = [
  ['completed', 0.65],
  ['cancelled', 0.05],
  ['in_progress', 0.205],
  ['pending_receipt', 0.03],
  ['extension_requested', 0.015],
  ['completion_reported', 0.03],
  ['office_accepted', 0.015],
  ['registered', 0.005],
];
const SOURCE_MIX: [string, number][] = [
  ['committee_decision', 0.15],
  ['meeting_minutes', 0.2],
  ['leader_instruction', 0.25],
  ['leader_assignment', 0.2],
  ['superior_assignment', 0.12],
  ['public_issue', 0.08],
];
const KEY_SHARE: Record<string, number> = { committee_decision: 0.55, meeting_minutes: 0.3, leader_instruction: 0.15, leader_assignment: 0.1, superior_assignment: 0.45, public_issue: 0.1 };
const CYCLE_MIX_KEY: [FeedbackCycle, number][] = [['once', 0.1], ['weekly', 0.15], ['monthly', 0.55], ['quarterly', 0.2]];
const CYCLE_MIX_GENERAL: [FeedbackCycle, number][] = [['once', 0.5], ['weekly', 0.15], ['monthly', 0.33], ['quarterly', 0.02]];
/** Target colours of items still with the unit; the stored colour is what computeColour() makes of the figures. */
const COLOUR_TARGET: [Colour, number][] = [['green', 0.66], ['yellow', 0.24], ['red', 0.1]];
const WITH_UNIT = new Set(['pending_receipt', 'in_progress', 'extension_requested']);
const IN_REVIEW = new Set(['completion_reported', 'office_accepted']);
const SEVERITY: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };
const BY_SEVERITY: Colour[] = ['green', 'yellow', 'red'];

interface Unit {
  id: string;
  name: string;
  kind: string;
  members: string[];
  clerks: string[];
}

/**
 * Buffered multi-row INSERT of every column of a table (positional, up to 500 rows a statement). A row
 * lacking a column throws, so the generator cannot silently drift from the schema.
 */
function bulkInserter<T extends object>(sqlite: SQLite.Database, table: string, counts: Record<string, number>, parent?: { flush(): void }) {
  const cols = (sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / cols.length)));
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) => `insert into ${table} (${cols.join(', ')}) values ${Array(n).fill(tuple).join(', ')}`;
  const full = sqlite.prepare(sqlFor(per));
  let buf: unknown[] = [];
  let n = 0;
  counts[table] ??= 0;
  // A parent's buffered rows go first, for the foreign keys.
  const flush = () => {
    if (!n) return;
    parent?.flush();
    (n === per ? full : sqlite.prepare(sqlFor(n))).run(buf);
    buf = [];
    n = 0;
  };
  return {
    add(row: T) {
      const r = row as Record<string, unknown>;
      for (const c of cols) {
        const v = r[c];
        if (v === undefined) throw new Error(`generator bug: ${table}.${c} missing`);
        buf.push(v);
      }
      counts[table]!++;
      if (++n === per) flush();
    },
    flush,
  };
}

export async function generateSupervision(ctx: AppContext, handle: DatabaseHandle, opts: SupervisionGenOptions): Promise<SupervisionGenResult> {
  const sqlite = handle.sqlite;
  if (!sqlite) throw new Error('the data generator writes SQLite directly');
  if ((sqlite.prepare('select count(*) as n from assignments').get() as { n: number }).n) throw new Error('assignments is not empty: the supervision bench builds its own database');
  const t0 = performance.now();
  const rnd = mulberry32((opts.seed ^ 0x5e1f5e1f) >>> 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const chance = (p: number) => rnd() < p;
  const weighted = <T>(mix: readonly (readonly [T, number])[]): T => {
    let r = rnd();
    for (const [v, p] of mix) {
      if (r < p) return v;
      r -= p;
    }
    return mix[mix.length - 1]![0];
  };
  const surnames = [...SURNAMES];
  const given = [...GIVEN];
  const personName = () => pick(surnames) + pick(given) + (rnd() < 0.7 ? pick(given) : '');

  const NOW = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const dateOf = (ms: number) => toShanghaiDate(new Date(ms));
  const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
  const dayEnd = (date: string) => dayStart(date) + DAY - 1;
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  /** The daily sweep runs shortly after 01:00 (Shanghai). */
  const sweepAt = (date: string) => dayStart(date) + HOUR + Math.floor(rnd() * 20 * MIN);
  const cal = createCalendar();
  const config = DEFAULT_SUPERVISION_CONFIG;
  const today = dateOf(NOW);
  const rows: Record<string, number> = {};

  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');

  // ---- units --------------------------------------------------------------------------------
  const unitsIns = bulkInserter<UnitTable>(sqlite, 'units', rows);
  const created = iso(NOW - 3 * 365 * DAY);
  const allUnits: Unit[] = [];
  const addUnit = (name: string, kind: string, parentId: string | null, order: number, issuer: string | null): Unit => {
    const u: Unit = { id: randomUUID(), name, kind, members: [], clerks: [] };
    unitsIns.add({ id: u.id, parent_id: parentId, name, short_name: null, kind, sort_order: order, issuer_code: issuer, created_at: created });
    allUnits.push(u);
    return u;
  };
  const TOTAL_UNITS = 400;
  let committee!: Unit;
  let office!: Unit;
  const departments: Unit[] = [];
  const townships: Unit[] = [];
  const villages: Unit[] = [];
  sqlite.transaction(() => {
    committee = addUnit('中共××县委员会', 'committee', null, 0, '×委发');
    office = addUnit('县委办公室', 'office', committee.id, 1, '×委办发');
    DEPARTMENTS.forEach((n, i) => departments.push(addUnit(n, 'department', committee.id, 10 + i, `×${n.replace(/^县(委)?/, '').slice(0, 2)}发`)));
    TOWNSHIPS.forEach((n, i) => townships.push(addUnit(n, 'township', committee.id, 100 + i, `${n[0]}委发`)));
    for (let i = 0; villages.length < TOTAL_UNITS - 2 - DEPARTMENTS.length - TOWNSHIPS.length; i++) {
      const town = townships[i % townships.length]!;
      villages.push(addUnit(`${town.name}${VILLAGE_STEMS[Math.floor(i / townships.length) % VILLAGE_STEMS.length]}村`, 'village', town.id, 1000 + i, null));
    }
    unitsIns.flush();
  })();

  // ---- people -------------------------------------------------------------------------------
  const clerkId = randomUUID();
  const leaderId = randomUUID();
  await insertBusinessUser(ctx.db, ctx, { id: clerkId, username: 'bench_sv_clerk', displayName: '县委办督查员', unitId: office.id, post: '督查', password: opts.password, isDemo: false, mustChange: false, clearance: 'secret' });
  await usersRepo.setRoles(ctx.db, clerkId, ['office']);
  await insertBusinessUser(ctx.db, ctx, { id: leaderId, username: 'bench_sv_leader', displayName: '县委副书记', unitId: committee.id, isLeader: true, leaderRank: '副书记', password: opts.password, isDemo: false, mustChange: false, clearance: 'confidential' });
  await usersRepo.setRoles(ctx.db, leaderId, ['leader']);
  rows.users = 2;
  rows.user_roles = 2;
  const displayName = new Map<string, string>([[clerkId, '县委办督查员'], [leaderId, '县委副书记']]);
  office.members.push(clerkId);
  committee.members.push(leaderId);
  const leaders: string[] = [leaderId];
  const supervisors: string[] = [clerkId];
  const sharedHash = await hashPassword(`bulk-${opts.seed}-Passw0rd`);
  const usersIns = bulkInserter<UserTable>(sqlite, 'users', rows);
  const rolesIns = bulkInserter<UserRoleTable>(sqlite, 'user_roles', rows, usersIns);
  let serial = 0;
  const addUser = (unit: Unit, o: { roles?: string[]; leaderRank?: string; clearance?: string; post?: string; principal?: boolean } = {}) => {
    const id = randomUUID();
    const name = personName();
    serial++;
    usersIns.add({
      id, username: `s${String(serial).padStart(5, '0')}`, display_name: name, unit_id: unit.id, post: o.post ?? null, password_hash: sharedHash,
      must_change_password: 0, admin_role: null, clearance: o.clearance ?? 'none', is_leader: o.leaderRank ? 1 : 0, leader_rank: o.leaderRank ?? null,
      is_principal: o.principal ? 1 : 0, is_demo: 0, disabled: 0, failed_attempts: 0, locked_until: null, password_changed_at: created, created_at: created,
    });
    for (const role of o.roles ?? []) rolesIns.add({ user_id: id, role });
    displayName.set(id, name);
    unit.members.push(id);
    if (o.roles?.includes('unit')) unit.clerks.push(id);
    return id;
  };
  sqlite.transaction(() => {
    for (let i = 1; i < LEADER_RANKS.length; i++) leaders.push(addUser(committee, { roles: ['leader'], leaderRank: LEADER_RANKS[i], clearance: 'confidential', principal: i === 1 }));
    for (let i = 1; i < 40; i++) {
      const o = i === 12 ? { roles: ['office', 'leader'], leaderRank: '常委', clearance: 'confidential', post: '主任', principal: true } : { roles: ['office'], clearance: 'secret', post: i < 8 ? '督查' : i < 14 ? '文书' : undefined };
      const id = addUser(office, o);
      if (i < 8) supervisors.push(id);
    }
    for (const d of departments) for (let i = 0; i < 12; i++) addUser(d, i < 2 ? { roles: ['unit'], clearance: 'secret', post: '文书' } : i === 2 ? { roles: ['leader'], leaderRank: '局长', clearance: 'secret', post: '主要负责人', principal: true } : i === 3 ? { roles: ['leader'], leaderRank: '副局长', clearance: 'secret', post: '分管负责人' } : {});
    for (const t of townships) for (let i = 0; i < 20; i++) addUser(t, i < 2 ? { roles: ['unit'], clearance: 'secret', post: '党政办' } : i === 2 ? { roles: ['leader'], leaderRank: '书记', clearance: 'secret', post: '党委书记', principal: true } : i === 3 ? { roles: ['leader'], leaderRank: '副书记', clearance: 'secret', post: '镇长' } : {});
    for (const v of villages) for (let i = 0; i < 3; i++) addUser(v, i === 0 ? { roles: ['unit'], post: '村文书' } : {});
    usersIns.flush();
    rolesIns.flush();
  })();

  // ---- the items' skeletons, in creation order ------------------------------------------------
  // Lead units: departments and townships, some far busier than others (公安、住建、乡镇 …).
  const leadUnits = [...departments, ...townships];
  const leadOrder = [...leadUnits].sort(() => rnd() - 0.5);
  const leadWeights = leadOrder.map((_, i) => 1 / Math.pow(i + 4, 0.9));
  const leadTotal = leadWeights.reduce((s, w) => s + w, 0);
  const leadCum: number[] = [];
  leadWeights.reduce((s, w, i) => ((leadCum[i] = (s + w) / leadTotal), s + w), 0);
  const pickLead = () => {
    const r = rnd();
    let lo = 0;
    let hi = leadCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (leadCum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return leadOrder[lo]!;
  };
  const leaderWeights: [string, number][] = leaders.map((id, i) => [id, i === 0 ? 0.12 : i === 1 ? 0.14 : 0.74 / (leaders.length - 2)]);

  interface Fb {
    at: number;
    kind: 'feedback' | 'contribution' | 'completion';
    unit: Unit;
    late: 0 | 1;
  }
  interface Sk {
    id: string;
    state: string;
    /** 交办 (or 立项, for items still registered). */
    T0: number;
    /** The schedule's start (a meeting's decision may start days before its 交办). */
    start: string;
    /** 办结报告 of items in review, days ago. */
    reportAgo: number;
    level: string;
    source: string;
    target: Colour;
    /** What should give a non-green target its colour. */
    reason: 'soon' | 'overdue' | 'missed' | 'behind' | null;
    span: { workdays: number } | { days: number };
  }

  const skeletons: Sk[] = [];
  for (let i = 0; i < opts.items; i++) {
    const state = weighted(STATE_MIX);
    const source = weighted(SOURCE_MIX);
    const level = chance(KEY_SHARE[source]!) ? 'key' : 'general';
    // Key items run for months; general ones for days to weeks.
    const span: Sk['span'] = level === 'key' ? (chance(0.3) ? { workdays: pick([20, 30, 40, 60]) } : { days: pick([45, 60, 90, 90, 120, 180, 180, 270, 365]) }) : chance(0.6) ? { workdays: pick([5, 7, 10, 10, 15, 20, 30]) } : { days: int(7, 60) };
    const L = 'days' in span ? span.days : span.workdays * 1.4;
    let target: Colour = 'green';
    let reason: Sk['reason'] = null;
    let reportAgo = 0;
    /** Days from the schedule's start to now. */
    let age: number;
    let start: string | null = null;
    switch (state) {
      case 'registered':
        age = between(0.1, 5);
        break;
      case 'pending_receipt':
        age = between(0.05, 3);
        break;
      case 'in_progress':
      case 'extension_requested': {
        target = weighted(COLOUR_TARGET);
        // Green and yellow-but-not-due-soon keep more than three working days (≈ 6 days) in hand.
        const inHand = (hi: number) => between(0.03, Math.max(0.05, Math.min(hi, 1 - 6 / L)));
        if (target === 'green') age = L * inHand(0.8);
        else if (target === 'yellow') {
          reason = weighted([['soon', 0.35], ['missed', 0.3], ['behind', 0.35]] as const);
          age = L * (reason === 'soon' ? 1 : Math.max(inHand(0.85), 0.35));
          if (reason === 'soon') {
            // The deadline 0–3 working days ahead; the start is the span back from it.
            const deadline = pick([today, ...[1, 2, 3].map((k) => cal.addWorkdays(today, k).date)]);
            start = 'workdays' in span ? cal.workdaysBefore(deadline, span.workdays) : addDays(deadline, -span.days);
            age = (NOW - dayStart(start)) / DAY - between(0, 0.3);
          }
        } else {
          reason = weighted([['overdue', 0.5], ['missed', 0.25], ['behind', 0.25]] as const);
          age = reason === 'overdue' ? L + between(2, 100) : L * between(0.4, 0.9);
        }
        break;
      }
      case 'completion_reported':
      case 'office_accepted':
        reportAgo = between(0.1, state === 'office_accepted' ? 8 : 5);
        age = reportAgo + L * (chance(0.88) ? between(0.3, 0.95) : between(1.02, 1.4));
        break;
      default:
        // 销号 and cancelled: spread evenly over two years.
        age = between(4, 730);
    }
    age = Math.min(age, 730);
    start ??= dateOf(NOW - age * DAY);
    // A meeting's decision may be dispatched some days after the meeting; otherwise 交办 starts the schedule.
    const lag = (source === 'committee_decision' || source === 'meeting_minutes') && state !== 'registered' && state !== 'pending_receipt' && chance(0.5) ? Math.min(between(1, 10), age * 0.3) : 0;
    const T0 = Math.floor(Math.min(NOW - HOUR, Math.max(NOW - age * DAY, dayStart(start) + 8.5 * HOUR + rnd() * 9 * HOUR) + lag * DAY));
    skeletons.push({ id: randomUUID(), state, T0, start, reportAgo, level, source, target, reason, span });
  }
  skeletons.sort((a, b) => a.T0 - b.T0);

  // ---- play each item forward -------------------------------------------------------------------
  interface Item {
    sk: Sk;
    lead: Unit;
    coop: Unit[];
    leader: string;
    creator: string;
    person: string | null;
    topic: string;
    start: string;
    dispatchDate: string | null;
    deadline: string;
    rule: string;
    withoutData: number;
    pendingNew: string | null;
    signedAt: number | null;
    reportAt: number | null;
    acceptAt: number | null;
    completedAt: number | null;
    activeEnd: number;
    cycle: FeedbackCycle;
    day: number | null;
    dues: string[];
    missed: Set<string>;
    fbs: Fb[];
    /** Intervals where another lead feedback would not contradict the misses recorded. */
    allowed: [number, number][];
  }
  const items: Item[] = [];
  let baseFeedbacks = 0;
  for (const sk of skeletons) {
    const lead = pickLead();
    const coop: Unit[] = [];
    for (let k = weighted([[0, 0.4], [1, 0.3], [2, 0.2], [3, 0.1]] as const); coop.length < k; ) {
      const u = chance(0.7) ? pick(leadUnits) : pick(villages);
      if (u !== lead && !coop.includes(u)) coop.push(u);
    }
    const leader = weighted(leaderWeights);
    const creator = chance(0.65) ? pick(supervisors) : leader;
    const person = chance(0.3) ? pick(lead.members) : null;
    const dispatched = sk.state !== 'registered';
    const dispatchDate = dispatched ? dateOf(sk.T0) : null;
    const start = sk.start < dateOf(sk.T0) ? sk.start : dateOf(sk.T0);
    let deadline: string;
    let rule: string;
    let withoutData = 0;
    if ('workdays' in sk.span) {
      const r = cal.addWorkdays(start, sk.span.workdays);
      deadline = r.date;
      rule = r.ruleText;
      withoutData = r.computedWithoutData ? 1 : 0;
    } else {
      deadline = dateOf(dayStart(start) + sk.span.days * DAY);
      rule = '指定日期';
    }
    if (deadline <= dateOf(sk.T0)) deadline = cal.addWorkdays(dateOf(sk.T0), 5).date;
    const limitMs = dayEnd(deadline) - sk.T0;
    let pendingNew: string | null = null;
    let signedAt: number | null = null;
    let reportAt: number | null = null;
    let acceptAt: number | null = null;
    let completedAt: number | null = null;
    let activeEnd = NOW;
    const signed = () => (signedAt = Math.min(sk.T0 + between(0.05, 1.5) * DAY, sk.T0 + (activeEnd - sk.T0) * 0.3));
    switch (sk.state) {
      case 'completed': {
        // An approved extension moved some deadlines; 15 % report after the deadline.
        if (chance(0.1)) {
          deadline = addDays(deadline, int(10, 30));
          rule = '延期后指定日期';
        }
        reportAt = sk.T0 + (dayEnd(deadline) - sk.T0) * (chance(0.85) ? between(0.3, 0.95) : between(1.02, 1.6));
        // Reported at least three days ago (but after 交办), so that 审核 and 销号 have happened since.
        const latest = Math.max(sk.T0 + 0.2 * DAY, NOW - 3 * DAY);
        if (reportAt > latest) reportAt = sk.T0 + (latest - sk.T0) * between(0.5, 1);
        acceptAt = reportAt + between(0.1, 2.5) * DAY;
        completedAt = acceptAt + between(0.05, 2) * DAY;
        if (completedAt > NOW - 30 * MIN) {
          acceptAt = reportAt + (NOW - reportAt) * 0.4;
          completedAt = reportAt + (NOW - reportAt) * 0.8;
        }
        activeEnd = reportAt;
        signed();
        break;
      }
      case 'cancelled':
        activeEnd = Math.min(NOW - HOUR, sk.T0 + limitMs * between(0.05, 0.8));
        signed();
        break;
      case 'completion_reported':
      case 'office_accepted':
        reportAt = NOW - sk.reportAgo * DAY;
        if (reportAt <= sk.T0) reportAt = sk.T0 + (NOW - sk.T0) * 0.8;
        if (sk.state === 'office_accepted') acceptAt = reportAt + (NOW - reportAt) * between(0.2, 0.8);
        activeEnd = reportAt;
        signed();
        break;
      case 'in_progress':
      case 'extension_requested':
        signed();
        if (sk.state === 'extension_requested') pendingNew = addDays(deadline > today ? deadline : today, int(10, 30));
        break;
      default:
        break; // registered, pending_receipt: not signed for
    }
    activeEnd = Math.floor(activeEnd);
    const cycle: FeedbackCycle = weighted(sk.level === 'key' ? CYCLE_MIX_KEY : CYCLE_MIX_GENERAL);
    const day = cycle === 'once' ? null : cycle === 'weekly' ? weighted([[5, 0.7], [1, 0.15], [3, 0.15]] as const) : weighted([[5, 0.6], [10, 0.2], [25, 0.2]] as const);
    const item: Item = {
      sk, lead, coop, leader, creator, person, topic: pick(TOPICS), start, dispatchDate, deadline, rule, withoutData, pendingNew,
      signedAt, reportAt, acceptAt, completedAt, activeEnd, cycle, day, dues: [], missed: new Set(), fbs: [], allowed: [],
    };
    items.push(item);
    if (!dispatchDate) continue;

    // Feedback due dates that passed while the item was with the unit (a miss is recorded the day after).
    const endDate = dateOf(activeEnd);
    item.dues = feedbackDueDates(cal, cycle, day, dispatchDate, addDays(endDate, -1), deadline);
    const n = item.dues.length;
    // Trailing misses the target colour asks for; otherwise the last due date is answered.
    const trailing = sk.reason === 'missed' && n >= (sk.target === 'red' ? 2 : 1) ? (sk.target === 'red' ? 2 : 1) : 0;
    if (sk.reason === 'missed' && !trailing) sk.reason = 'behind';
    const lo = signedAt ?? Infinity;
    let prevEnd = Math.max(dayStart(dispatchDate), lo);
    let answeredByLate = false;
    for (let j = 0; j < n; j++) {
      const d = item.dues[j]!;
      const winLo = Math.max(j === 0 ? dayStart(dispatchDate) : dayEnd(item.dues[j - 1]!) + 1, lo);
      const winHi = Math.min(dayEnd(d), activeEnd - MIN);
      const forcedMiss = j >= n - trailing;
      const lastOpen = j === n - 1 && WITH_UNIT.has(sk.state) && !trailing;
      let outcome = forcedMiss ? 'missed' : lastOpen ? 'answered' : weighted([['answered', 0.85], ['late', 0.07], ['missed', 0.08]] as const);
      if (answeredByLate && !forcedMiss) outcome = 'answered';
      const nextForced = j + 1 >= n - trailing && j + 1 < n;
      if (outcome === 'late' && (nextForced || j === n - 1)) outcome = 'missed';
      if (winHi <= winLo && outcome === 'answered' && !answeredByLate) outcome = 'missed';
      if (outcome === 'answered') {
        if (!answeredByLate) item.fbs.push({ at: Math.floor(between(winLo, winHi)), kind: 'feedback', unit: lead, late: 0 });
        if (winHi > winLo) item.allowed.push([winLo, winHi]);
      } else {
        item.missed.add(d);
      }
      answeredByLate = false;
      if (outcome === 'late') {
        const at = Math.floor(dayEnd(d) + between(0.1, 2.5) * DAY);
        if (at < activeEnd - MIN && (j + 1 >= n || at <= dayEnd(item.dues[j + 1]!))) {
          item.fbs.push({ at, kind: 'feedback', unit: lead, late: 1 });
          answeredByLate = j + 1 < n;
        }
      }
      prevEnd = dayEnd(d) + 1;
    }
    // After the last due date: free to report, unless misses stand unanswered.
    if (signedAt !== null && !trailing && !(n && item.missed.has(item.dues[n - 1]!)) && activeEnd - MIN > Math.max(prevEnd, lo)) item.allowed.push([Math.max(prevEnd, lo), activeEnd - MIN]);
    if (reportAt !== null) item.fbs.push({ at: Math.floor(reportAt), kind: 'completion', unit: lead, late: 0 });
    if (signedAt !== null) for (const c of coop) if (chance(0.5)) item.fbs.push({ at: Math.floor(between(signedAt, activeEnd - MIN)), kind: 'contribution', unit: c, late: 0 });
    // Falling behind needs a measured progress: at least one feedback.
    if (sk.reason === 'behind' && !item.fbs.some((f) => f.kind === 'feedback') && item.allowed.length) {
      const [a, b] = item.allowed[item.allowed.length - 1]!;
      item.fbs.push({ at: Math.floor(between(a, b)), kind: 'feedback', unit: lead, late: 0 });
    }
    baseFeedbacks += item.fbs.length;
  }

  // The rest of the feedbacks: reports beyond the schedule, where they contradict no recorded miss.
  const extra = opts.feedbacks - baseFeedbacks;
  if (extra < 0) throw new Error(`the schedules alone give ${baseFeedbacks} feedbacks, more than the ${opts.feedbacks} asked for`);
  const withRoom = items.filter((it) => it.allowed.length);
  const roomCum: number[] = [];
  let room = 0;
  for (const it of withRoom) roomCum.push((room += it.allowed.reduce((s, [a, b]) => s + (b - a), 0)));
  for (let k = 0; k < extra; k++) {
    const r = rnd() * room;
    let lo = 0;
    let hi = roomCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (roomCum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const it = withRoom[lo]!;
    const [a, b] = pick(it.allowed);
    it.fbs.push({ at: Math.floor(between(a, b)), kind: 'feedback', unit: it.lead, late: 0 });
  }

  // ---- write ------------------------------------------------------------------------------------
  const TABLES = ['assignments', 'assignment_units', 'assignment_tasks', 'assignment_feedbacks', 'assignment_feedback_misses', 'assignment_colour_log'];
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${TABLES.map(() => '?').join(', ')})`).all(...TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);
  const insItem = bulkInserter<AssignmentTable>(sqlite, 'assignments', rows);
  const insUnit = bulkInserter<AssignmentUnitTable>(sqlite, 'assignment_units', rows, insItem);
  const insTask = bulkInserter<AssignmentTaskTable>(sqlite, 'assignment_tasks', rows, insItem);
  const insFb = bulkInserter<AssignmentFeedbackTable>(sqlite, 'assignment_feedbacks', rows, insItem);
  const insMiss = bulkInserter<AssignmentFeedbackMissTable>(sqlite, 'assignment_feedback_misses', rows, insItem);
  const insLog = bulkInserter<AssignmentColourLogTable>(sqlite, 'assignment_colour_log', rows, insItem);
  const writers = [insItem, insUnit, insTask, insFb, insMiss, insLog];

  const states: Record<string, number> = {};
  const colours: Record<string, number> = {};
  const sources: Record<string, number> = {};
  const levels: Record<string, number> = {};
  const cycles: Record<string, number> = {};
  const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const serialByYear = new Map<number, number>();
  const clerkLevels = new Set<string>(clearedLevels('secret'));
  const boardOpen = { clerk: 0, leader: 0 };
  const redByUnit = new Map<Unit, { red: number; redForClerk: number; open: number }>();
  let concluded = 0;
  let onTime = 0;

  const writeItem = (it: Item) => {
    const { sk, lead } = it;
    // Children are written after the item's row (foreign keys; the row needs their figures first).
    const fbRows: AssignmentFeedbackTable[] = [];
    const missRows: AssignmentFeedbackMissTable[] = [];
    const logRows: AssignmentColourLogTable[] = [];
    const state = sk.state;
    const year = Number(dateOf(sk.T0).slice(0, 4));
    const serialNo = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serialNo);
    const topic = it.topic;
    const classification = chance(0.88) ? 'none' : chance(0.75) ? 'secret' : 'confidential';
    const urgency = chance(0.75) ? 'normal' : chance(0.8) ? 'urgent' : 'very_urgent';
    const leaderName = displayName.get(it.leader)!;
    const title =
      sk.source === 'committee_decision' ? `落实县委常委会关于${topic}工作的决策部署`
      : sk.source === 'meeting_minutes' ? `${topic}专题会议议定事项（${lead.name}牵头）`
      : sk.source === 'leader_instruction' ? `关于${lead.name}${topic}问题的领导批示`
      : sk.source === 'leader_assignment' ? `${lead.name}${topic}工作领导交办事项`
      : sk.source === 'superior_assignment' ? `上级交办：${topic}督查反馈问题整改`
      : `群众反映${pick(villages).name}${topic}问题`;
    const sourceRef =
      sk.source === 'committee_decision' ? `县委常委会会议〔${year}〕第${int(1, 40)}次`
      : sk.source === 'meeting_minutes' ? `县委专题会议纪要〔${year}〕${int(1, 120)}号`
      : sk.source === 'leader_instruction' ? `${leaderName}同志批示`
      : sk.source === 'superior_assignment' ? `市委督查室督办通知〔${year}〕${int(1, 90)}号`
      : sk.source === 'public_issue' ? `12345热线工单${int(10_000_000, 99_999_999)}`
      : null;
    const instruction = `请${lead.name}高度重视${topic}工作，主要负责同志亲自研究部署，逐项明确责任人和完成时限，举一反三查找薄弱环节，切实解决群众反映的突出问题，于${it.deadline}前将办理情况书面报县委办公室督查室。${it.coop.length ? `${it.coop.map((c) => c.name).join('、')}积极配合。` : ''}`;
    const dispatchedAt = it.dispatchDate ? sk.T0 : null;
    const createdAt = it.creator === it.leader || !dispatchedAt ? sk.T0 : sk.T0 - Math.floor(between(5, 180) * MIN);

    // Sub-tasks with indicators (a third of the items); progress is measured on them.
    const tasks: AssignmentTaskTable[] = [];
    if (chance(0.3)) {
      for (let k = 0, n = int(1, 4); k < n; k++) {
        const [t, indicator, unitLabel] = pick(TASKS);
        const owner = k === 0 || !it.coop.length ? lead : pick([lead, ...it.coop]);
        tasks.push({
          id: uuidv7At(createdAt), assignment_id: sk.id, seq: k + 1, title: `${t}（${topic}）`, indicator, target_value: int(5, 300), unit_label: unitLabel, weight: pick([1, 1, 1, 2, 3]),
          owner_unit_id: chance(0.8) ? owner.id : null, deadline: chance(0.5) ? it.deadline : null, current_value: 0, updated_at: iso(createdAt),
        });
      }
    }

    // Figures: the progress the target colour asks for (open), 100 at the 办结报告.
    const fbs = it.fbs.sort((a, b) => a.at - b.at);
    const leadFbs = fbs.filter((f) => f.kind !== 'contribution');
    const lastLead = leadFbs[leadFbs.length - 1] ?? null;
    const asOfOpen = today;
    let progress = 0;
    if (it.reportAt !== null) progress = 100;
    else if (lastLead) {
      const expectedNow = computeColour(cal, { today: asOfOpen, startDate: it.start, deadline: it.deadline, progress: 0, missedFeedbacks: 0 }, config).expected;
      const p = sk.reason === 'behind' ? expectedNow - (sk.target === 'red' ? between(32, 55) : between(11, 28)) : sk.target === 'green' ? expectedNow + between(-5, 15) : expectedNow + between(-5, 8);
      progress = Math.round(Math.min(99, Math.max(0, p)) * 10) / 10;
      if (state === 'cancelled') progress = Math.round(between(0, 60) * 10) / 10;
    }
    for (const t of tasks) {
      t.current_value = Math.round(t.target_value * progress) / 100;
      t.updated_at = iso(lastLead?.at ?? createdAt);
    }

    // Feedbacks, misses and the running count of misses since the last feedback.
    const authorOf = (u: Unit) => (u === lead && it.person ? it.person : pick(u.clerks.length ? u.clerks : u.members));
    // Lead feedbacks climb to the item's progress (before a 办结报告: to 70–98 %); the 办结报告 is 100.
    const regular = leadFbs.filter((f) => f.kind === 'feedback');
    const finalRegular = it.reportAt !== null ? Math.round(between(70, 98)) : progress;
    let lastText: string | null = null;
    let lastAuthor: string | null = null;
    let k = 0;
    for (const f of leadFbs) {
      const p = f.kind === 'completion' ? 100 : ++k === regular.length ? finalRegular : Math.round(finalRegular * (k / regular.length) * between(0.85, 1) * 10) / 10;
      const author = authorOf(f.unit);
      const text =
        f.kind === 'completion' ? `${topic}工作已按要求全部落实到位，建立长效机制${int(2, 6)}项，相关情况已形成书面报告，请予审核销号。`
        : `本期召开专题会议${int(1, 3)}次，排查问题${int(2, 40)}个，已整改${int(1, 30)}个，累计完成进度${p}%，下一步将${pick(['加大督导力度', '压实包保责任', '开展回头看', '完善工作台账', '推进问题清零'])}。`;
      lastText = text;
      lastAuthor = author;
      fbRows.push({
        id: uuidv7At(f.at), assignment_id: sk.id, kind: f.kind, unit_id: lead.id, author_id: author, author_name: displayName.get(author)!, text, progress: p,
        figures: tasks.length ? JSON.stringify(tasks.map((t) => ({ taskId: t.id, value: Math.round(t.target_value * p) / 100 }))) : null, event_id: null, late: f.late, at: iso(f.at),
      });
    }
    for (const f of fbs) {
      if (f.kind !== 'contribution') continue;
      const author = authorOf(f.unit);
      fbRows.push({
        id: uuidv7At(f.at), assignment_id: sk.id, kind: 'contribution', unit_id: f.unit.id, author_id: author, author_name: displayName.get(author)!,
        text: `${f.unit.name}已按分工完成配合事项${int(1, 5)}项，相关材料已报送牵头单位。`, progress: null, figures: null, event_id: null, late: 0, at: iso(f.at),
      });
    }
    for (const d of it.missed) missRows.push({ assignment_id: sk.id, due_date: d, unit_id: lead.id, recorded_at: iso(sweepAt(addDays(d, 1))) });

    // Colour history: conditions over time, the most serious one showing, as the daily sweep logs it.
    let colour: Colour | null = null;
    let reasons: string[] = [];
    let expected = 0;
    let missedNow = 0;
    let escalations = 0;
    if (it.dispatchDate) {
      const segs: [number, number, number][] = [];
      const end = it.activeEnd;
      const soonAt = Math.max(sk.T0, sweepAt(cal.workdaysBefore(it.deadline, config.dueSoonWorkdays)));
      segs.push([soonAt, Infinity, 1]);
      segs.push([sweepAt(addDays(it.deadline, 1)), Infinity, 2]);
      // Misses: one yellow, two in a row red, until the next lead feedback.
      const sevOf = (run: number) => (run >= config.redMissedFeedbacks ? 2 : 1);
      let run = 0;
      let runStart = 0;
      let fi = 0;
      for (const d of it.dues) {
        const t = sweepAt(addDays(d, 1));
        for (; fi < leadFbs.length && leadFbs[fi]!.at < t; fi++) {
          if (run) segs.push([runStart, leadFbs[fi]!.at, sevOf(run)]);
          run = 0;
        }
        if (!it.missed.has(d)) continue;
        if (run) segs.push([runStart, t, sevOf(run)]);
        run++;
        runStart = t;
      }
      if (run) segs.push([runStart, fi < leadFbs.length ? leadFbs[fi]!.at : Infinity, sevOf(run)]);
      missedNow = WITH_UNIT.has(state) ? [...it.missed].filter((d) => !lastLead || d >= dateOf(lastLead.at)).length : 0;
      // Falling behind: the open item's recent weeks, or an episode in a concluded one's life.
      if (sk.reason === 'behind' && WITH_UNIT.has(state)) segs.push([Math.max(sk.T0 + HOUR, NOW - between(1, 25) * DAY), Infinity, sk.target === 'red' ? 2 : 1]);
      else if (!WITH_UNIT.has(state) && chance(0.16)) {
        const a = between(sk.T0, end);
        segs.push([a, a + between(3, 25) * DAY, chance(0.25) ? 2 : 1]);
      }
      const log = (at: number, c: Colour) => logRows.push({ id: uuidv7At(at), assignment_id: sk.id, unit_id: lead.id, colour: c, at: iso(at) });
      const first = computeColour(cal, { today: it.dispatchDate, startDate: it.start, deadline: it.deadline, progress: 0, missedFeedbacks: 0, progressReported: false }, config).colour;
      let cur = SEVERITY[first];
      log(sk.T0, first);
      const bounds = [...new Set(segs.flatMap(([a, b]) => [a, b]).filter((t) => t > sk.T0 && t < end))].sort((a, b) => a - b);
      for (const b of bounds) {
        const sev = Math.max(0, ...segs.filter(([a, e]) => a <= b && b < e).map(([, , s]) => s));
        if (sev !== cur) {
          if (sev === 2 && b < end) escalations++;
          cur = sev;
          log(b, BY_SEVERITY[sev]!);
        }
      }
      if (WITH_UNIT.has(state) || IN_REVIEW.has(state) || state === 'completed') {
        const inReview = it.reportAt !== null;
        const asOf = inReview ? dateOf(it.reportAt!) : today;
        const r = computeColour(cal, { today: asOf, startDate: it.start, deadline: it.deadline, progress: inReview ? 100 : progress, missedFeedbacks: inReview ? 0 : missedNow, progressReported: inReview || lastLead !== null }, config);
        expected = r.expected;
        if (SEVERITY[r.colour] !== cur) {
          const at = inReview ? it.reportAt! + MIN : Math.max(sweepAt(today), (bounds[bounds.length - 1] ?? sk.T0) + MIN);
          log(Math.min(at, NOW - MIN), r.colour);
        }
        if (state !== 'completed') {
          colour = r.colour;
          reasons = r.reasons;
        }
      } else if (state === 'cancelled') {
        expected = computeColour(cal, { today: dateOf(it.activeEnd), startDate: it.start, deadline: it.deadline, progress: 0, missedFeedbacks: 0 }, config).expected;
      }
    }

    // Feedback windows: the current one (open items) or where it stood when the item left the unit.
    const ref = WITH_UNIT.has(state) ? today : dateOf(it.activeEnd);
    const passed = it.dues.filter((d) => d < ref);
    const windowStart = passed.length ? passed[passed.length - 1]! : (it.dispatchDate ?? it.start);
    const nextDue = it.dispatchDate ? nextFeedbackDue(cal, it.cycle, it.day, windowStart, it.deadline) : null;
    const lastAt = Math.max(sk.T0, it.completedAt ?? 0, it.acceptAt ?? 0, it.activeEnd === NOW ? 0 : it.activeEnd, lastLead?.at ?? 0);
    const rating = state === 'completed' ? weighted([['excellent', 0.3], ['good', 0.5], ['fair', 0.15], ['poor', 0.05]] as const) : null;
    insItem.add({
      id: sk.id, serial_year: year, serial_no: serialNo, title, instruction, classification, leader_id: it.leader, created_by: it.creator,
      assignee_unit_id: lead.id, assignee_user_id: it.person, urgency, deadline: it.deadline, deadline_rule: it.rule, deadline_without_data: it.withoutData,
      state, pending_new_deadline: it.pendingNew, pending_reason: it.pendingNew ? '涉及多个部门协调，需报上级主管部门审批，申请延期办理。' : null,
      latest_progress: lastText, latest_progress_at: lastLead ? iso(lastLead.at) : null,
      latest_progress_by: lastAuthor ? displayName.get(lastAuthor)! : null,
      created_at: iso(createdAt), updated_at: iso(lastAt), completed_at: it.completedAt === null ? null : iso(it.completedAt), source_type: null, source_id: null,
      source_kind: sk.source, source_ref: sourceRef, source_date: sourceRef ? it.start : null, level: sk.level,
      completion_standard: sk.level === 'key' || chance(0.4) ? `${topic}相关问题全部整改到位，建立长效机制，经督查室实地核查验收合格。` : null,
      start_date: it.start, feedback_cycle: it.cycle, feedback_day: it.day, next_feedback_due: nextDue, feedback_window_start: it.dispatchDate ? windowStart : it.start,
      last_feedback_at: lastLead ? iso(lastLead.at) : null, missed_feedbacks: missedNow, progress, expected_progress: expected,
      colour, colour_reasons: colour ? JSON.stringify(reasons) : null, escalation_count: escalations,
      receipt_due: it.dispatchDate ? cal.addWorkdays(it.dispatchDate, config.receiptWorkdays).date : null,
      rating, proposed_rating: state === 'completed' ? (chance(0.8) ? rating : pick(['excellent', 'good', 'fair'])) : state === 'office_accepted' ? pick(['excellent', 'good', 'good', 'fair']) : null,
      dispatched_at: dispatchedAt === null ? null : iso(dispatchedAt), completion_reported_at: it.reportAt === null ? null : iso(it.reportAt),
    });
    for (const c of it.coop) insUnit.add({ assignment_id: sk.id, unit_id: c.id, role: 'cooperating' });
    for (const t of tasks) insTask.add(t);
    for (const r of fbRows.sort((a, b) => a.at.localeCompare(b.at))) insFb.add(r);
    for (const r of missRows) insMiss.add(r);
    for (const r of logRows) insLog.add(r);

    count(states, state);
    count(sources, sk.source);
    count(levels, sk.level);
    count(cycles, it.cycle);
    if (colour) {
      count(colours, colour);
      boardOpen.leader++;
      if (clerkLevels.has(classification)) boardOpen.clerk++;
      const u = redByUnit.get(lead) ?? { red: 0, redForClerk: 0, open: 0 };
      u.open++;
      if (colour === 'red') {
        u.red++;
        if (clerkLevels.has(classification)) u.redForClerk++;
      }
      redByUnit.set(lead, u);
    }
    if (it.completedAt !== null) {
      concluded++;
      if (dateOf(it.completedAt) <= it.deadline) onTime++;
    }
  };

  const CHUNK = 5_000;
  for (let s = 0; s < items.length; s += CHUNK) {
    sqlite.transaction(() => {
      for (const it of items.slice(s, s + CHUNK)) writeItem(it);
      for (const w of writers) w.flush();
    })();
  }
  const tIndex = performance.now();
  for (const ix of indexes) sqlite.exec(ix.sql);
  const indexMs = performance.now() - tIndex;
  sqlite.transaction(() => {
    const ins = sqlite.prepare("insert into serial_counters (scope, year, last_value) values ('assignment', ?, ?)");
    for (const [year, n] of serialByYear) ins.run(year, n);
  })();
  rows.serial_counters = serialByYear.size;

  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  const [busy, b] = [...redByUnit.entries()].sort((x, y) => y[1].redForClerk - x[1].redForClerk)[0] ?? [null, null];
  if (!busy || !b) throw new Error('generator made no red items');
  return {
    ms: performance.now() - t0,
    indexMs,
    seed: opts.seed,
    rows,
    states,
    colours,
    sources,
    levels,
    cycles,
    clerk: { id: clerkId, username: 'bench_sv_clerk' },
    leader: { id: leaderId, username: 'bench_sv_leader' },
    boardOpen,
    busyUnit: { id: busy.id, name: busy.name, ...b },
    leadUnits: redByUnit.size,
    onTimeShare: Math.round((onTime / Math.max(1, concluded)) * 1000) / 1000,
  };
}

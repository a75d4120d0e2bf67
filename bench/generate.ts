/**
 * County-scale data for the benchmarks: ~400 units, 4,000 users, 100,000 领导交办 assignments with
 * their history, inbox rows, attachments, reminder jobs and serial counters, and (generate-documents.ts)
 * 300,000 办文 documents — written straight into SQLite with prepared statements inside large
 * transactions (the HTTP API would take hours).
 *
 * Rows follow what the server itself writes (assignments.service.ts, inbox.service.ts,
 * initiated.ts): to-dos open for whoever the current state waits on and are closed at the next
 * state change, 催办 reminders add to-dos, the initiator has a "我发起的" row kept in step with the
 * state. Everything is drawn from a seeded generator, so a seed gives the same county every run;
 * times are relative to now, so what depends on the date (deadlines passed, reminders sent) follows the clock.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  users as usersRepo,
  type AssignmentEventTable,
  type AssignmentTable,
  type DatabaseHandle,
  type FileLinkTable,
  type FileTable,
  type InboxItemTable,
  type ScheduledJobTable,
  type SessionTable,
  type UnitTable,
  type UserRoleTable,
  type UserTable,
} from '@zhongshu/db';
import { createCalendar, shanghaiEndOfDay, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { assignmentWorkflow } from '@zhongshu/core/workflow/index.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { generateDocuments, type DocumentsResult } from './generate-documents.ts';
import { inserter, mulberry32, uuidv7At } from './gen-util.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { insertBusinessUser } from '../apps/server/src/modules/org/org.service.ts';

export interface GenerateOptions {
  seed: number;
  users: number;
  assignments: number;
  /** 办文 documents (60 % incoming, 40 % outgoing); 0 leaves the documents tables empty. */
  documents: number;
  /** Password of the measured accounts (created through insertBusinessUser, so really hashed). */
  password: string;
}

export interface MeasuredUser {
  id: string;
  username: string;
}

export interface GenerateResult {
  ms: number;
  seed: number;
  rows: Record<string, number>;
  clerk: MeasuredUser & { unitName: string; openTodos: number };
  leader: MeasuredUser;
  detail: { assignmentId: string; events: number; files: number };
  eventsPerAssignment: { min: number; avg: number; max: number };
  states: Record<string, number>;
  overdueOpen: number;
  /** The 县委办 document clerk (office role, 秘密 clearance) the 办文 scenarios log in as. */
  docClerk: MeasuredUser & { unitName: string };
  documents: DocumentsResult | null;
}

/** Every bulk user's password (one shared scrypt hash); the bench logs some of them in for the 印发 scenario. */
export const bulkPassword = (seed: number) => `bulk-${seed}-Passw0rd`;

const DAY = 86_400_000;
const HOUR = 3_600_000;

const DEPARTMENTS = [
  '县纪委监委', '县委组织部', '县委宣传部', '县委统战部', '县委政法委', '县委政研室', '县委网信办', '县委编办',
  '县委巡察办', '县委老干部局', '县政府办公室', '县发展和改革局', '县教育体育局', '县科学技术局', '县工业和信息化局',
  '县公安局', '县民政局', '县司法局', '县财政局', '县人力资源和社会保障局', '县自然资源局', '县生态环境分局',
  '县住房和城乡建设局', '县交通运输局', '县水利局', '县农业农村局', '县商务局', '县文化和旅游局', '县卫生健康局',
  '县退役军人事务局', '县应急管理局', '县审计局', '县市场监督管理局', '县医疗保障局',
];
const TOWNSHIPS = [
  '城关镇', '河西镇', '东关镇', '南山镇', '北塬镇', '青石镇', '白水镇', '柳林镇', '桃园乡', '杏花乡',
  '马营镇', '新集镇', '高桥镇', '龙泉镇', '石门乡', '双河镇', '清水乡', '太平镇', '永安镇', '兴隆乡',
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
/** 机关代字 of each department's 发文字号, in DEPARTMENTS order ("×" stands for the county, as in the unit names). */
const DEPARTMENT_CODES = [
  '×纪发', '×组发', '×宣发', '×统发', '×政法发', '×政研发', '×网信发', '×编发', '×巡发', '×老干发', '×政办发', '×发改发', '×教体发', '×科发', '×工信发',
  '×公发', '×民发', '×司发', '×财发', '×人社发', '×自然资源发', '×环发', '×建发', '×交发', '×水发', '×农发', '×商发', '×文旅发', '×卫健发',
  '×退役军人发', '×应急发', '×审发', '×市监发', '×医保发',
];
/** A department head's title, by how the department's name ends. */
const headTitle = (name: string) => (name.endsWith('局') ? '局长' : name.endsWith('部') ? '部长' : name.endsWith('委') ? '书记' : '主任');
const LEADER_RANKS = ['书记', '副书记', '副书记', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委'];

/** Final-state mix: most assignments concluded, a fifth still open. */
const FINAL_STATES: [string, number][] = [
  ['completed', 0.765],
  ['cancelled', 0.035],
  ['in_progress', 0.12],
  ['pending_receipt', 0.045],
  ['completion_reported', 0.02],
  ['extension_requested', 0.015],
];
/** Who each open state waits on, and the to-do it gives them (as in assignments.service.ts). */
const NEXT_TASK: Record<string, { task: string; who: 'assignee' | 'leader' } | undefined> = {
  pending_receipt: { task: '签收', who: 'assignee' },
  in_progress: { task: '办理', who: 'assignee' },
  extension_requested: { task: '审批延期', who: 'leader' },
  completion_reported: { task: '确认办结', who: 'leader' },
};
const TRANSITION_TO: Record<string, string> = {
  sign: 'in_progress',
  report_progress: 'in_progress',
  request_extension: 'extension_requested',
  approve_extension: 'in_progress',
  refuse_extension: 'in_progress',
  report_completion: 'completion_reported',
  send_back: 'in_progress',
  confirm: 'completed',
  cancel: 'cancelled',
};
const ASSIGNEE_ACTIONS = new Set(['sign', 'report_progress', 'request_extension', 'report_completion']);

export interface UnitInfo {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  /** Members, in creation order. */
  members: string[];
  /** Users with the 'unit' role (the assignment flow's 承办 clerks). */
  clerks: string[];
  /** 机关代字 (null: the unit does not issue documents). */
  issuerCode: string | null;
  /** The organ's full name as it signs documents (发文机关署名). */
  orgName: string;
  /** 主要负责人 (is_principal). */
  principal: string | null;
  children: UnitInfo[];
}

export async function generate(ctx: AppContext, handle: DatabaseHandle, opts: GenerateOptions): Promise<GenerateResult> {
  const sqlite = handle.sqlite;
  if (!sqlite) throw new Error('the data generator writes SQLite directly');
  const t0 = performance.now();
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const surnames = [...SURNAMES];
  const given = [...GIVEN];
  const personName = () => pick(surnames) + pick(given) + (rnd() < 0.7 ? pick(given) : '');

  const NOW = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const dueAtOf = (deadline: string) => shanghaiEndOfDay(deadline).toISOString();
  const cal = createCalendar();
  const today = toShanghaiDate(new Date(NOW));
  const rows: Record<string, number> = {};

  // Bulk writes: one fsync per transaction is plenty here; the server reopens with its own settings.
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -131072');

  // ---- units ------------------------------------------------------------------------------
  const insUnit = inserter<UnitTable>(sqlite, 'units', rows);
  const unitsCreated = iso(NOW - 3 * 365 * DAY - 30 * DAY);
  const allUnits: UnitInfo[] = [];
  const orgNameOf = (name: string, kind: string) =>
    kind === 'committee' ? name : kind === 'township' ? `中共××县${name}委员会` : kind === 'village' ? `中共${name}支部委员会` : name.startsWith('县委') ? `中共××${name}` : `××${name}`;
  const addUnit = (name: string, kind: string, parent: UnitInfo | null, order: number, issuerCode: string | null): UnitInfo => {
    const u: UnitInfo = { id: randomUUID(), name, kind, parentId: parent?.id ?? null, members: [], clerks: [], issuerCode, orgName: orgNameOf(name, kind), principal: null, children: [] };
    insUnit({ id: u.id, parent_id: u.parentId, name, short_name: null, kind, sort_order: order, issuer_code: issuerCode, created_at: unitsCreated });
    parent?.children.push(u);
    allUnits.push(u);
    return u;
  };
  const TOTAL_UNITS = 400;
  const villagesTotal = TOTAL_UNITS - 2 - DEPARTMENTS.length - TOWNSHIPS.length;
  let committee!: UnitInfo;
  let office!: UnitInfo;
  const departments: UnitInfo[] = [];
  const townships: UnitInfo[] = [];
  const villages: UnitInfo[] = [];
  sqlite.transaction(() => {
    committee = addUnit('中共××县委员会', 'committee', null, 0, '×委发');
    office = addUnit('县委办公室', 'office', committee, 1, '×委办发');
    DEPARTMENTS.forEach((n, i) => departments.push(addUnit(n, 'department', committee, 10 + i, DEPARTMENT_CODES[i]!)));
    // 乡镇党委: the township's first character, e.g. 城委发 (the twenty first characters are all different).
    TOWNSHIPS.forEach((n, i) => townships.push(addUnit(n, 'township', committee, 100 + i, `${n[0]}委发`)));
    for (let i = 0; i < villagesTotal; i++) {
      const town = townships[i % townships.length]!;
      const stem = VILLAGE_STEMS[Math.floor(i / townships.length) % VILLAGE_STEMS.length]!;
      villages.push(addUnit(`${town.name}${stem}村`, 'village', town, 1000 + i, null));
    }
  })();

  // ---- measured accounts: the real path, a real scrypt hash of a known password ---------
  const clerkId = randomUUID();
  const leaderId = randomUUID();
  const clerkUnit = townships[0]!;
  await insertBusinessUser(ctx.db, ctx, { id: clerkId, username: 'bench_clerk', displayName: '城关镇文书', unitId: clerkUnit.id, password: opts.password, isDemo: false, mustChange: false, clearance: 'secret' });
  await usersRepo.setRoles(ctx.db, clerkId, ['unit']);
  await insertBusinessUser(ctx.db, ctx, { id: leaderId, username: 'bench_leader', displayName: '县委副书记', unitId: committee.id, isLeader: true, leaderRank: '副书记', password: opts.password, isDemo: false, mustChange: false, clearance: 'confidential' });
  await usersRepo.setRoles(ctx.db, leaderId, ['leader']);
  // The 县委办 document clerk of the 办文 scenarios: an office user keeps the office's and the 县委's registers.
  const docClerkId = randomUUID();
  await insertBusinessUser(ctx.db, ctx, { id: docClerkId, username: 'bench_doc_clerk', displayName: '县委办文书', unitId: office.id, post: '文书', password: opts.password, isDemo: false, mustChange: false, clearance: 'secret' });
  await usersRepo.setRoles(ctx.db, docClerkId, ['office']);
  clerkUnit.members.push(clerkId);
  clerkUnit.clerks.push(clerkId);
  committee.members.push(leaderId);
  office.members.push(docClerkId);

  // ---- bulk users: one hash computed once and shared (scrypt per user would take minutes) ----
  const sharedHash = await hashPassword(bulkPassword(opts.seed));
  const insUser = inserter<UserTable>(sqlite, 'users', rows);
  const insRole = inserter<UserRoleTable>(sqlite, 'user_roles', rows);
  rows.user_roles = 3;
  rows.users = 3;
  const displayName = new Map<string, string>([[clerkId, '城关镇文书'], [leaderId, '县委副书记'], [docClerkId, '县委办文书']]);
  const usernames = new Map<string, string>([[clerkId, 'bench_clerk'], [leaderId, 'bench_leader'], [docClerkId, 'bench_doc_clerk']]);
  const disabledUsers = new Set<string>();
  const leaders: string[] = [leaderId];
  const officeStaff: string[] = [];
  let serial = 0;
  const addUser = (unit: UnitInfo, o: { roles?: string[]; leaderRank?: string; clearance?: string; post?: string | null; principal?: boolean } = {}) => {
    const id = randomUUID();
    const name = personName();
    // Drawn for everyone (the seeded sequence stays as it was); a unit's head is never disabled.
    const disabled = rnd() < 0.01 && !o.principal;
    serial++;
    usernames.set(id, `u${String(serial).padStart(5, '0')}`);
    insUser({
      id,
      username: usernames.get(id)!,
      display_name: name,
      unit_id: unit.id,
      post: o.post ?? null,
      password_hash: sharedHash,
      must_change_password: 0,
      admin_role: null,
      clearance: o.clearance ?? 'none',
      is_leader: o.leaderRank ? 1 : 0,
      leader_rank: o.leaderRank ?? null,
      is_principal: o.principal ? 1 : 0,
      is_demo: 0,
      disabled: disabled ? 1 : 0,
      failed_attempts: 0,
      locked_until: null,
      password_changed_at: unitsCreated,
      created_at: unitsCreated,
    });
    for (const role of o.roles ?? []) insRole({ user_id: id, role });
    displayName.set(id, name);
    if (disabled) disabledUsers.add(id);
    unit.members.push(id);
    if (o.roles?.includes('unit')) unit.clerks.push(id);
    if (o.principal) unit.principal = id;
    return id;
  };
  sqlite.transaction(() => {
    // The 书记 (the first bulk leader) is the 县委's 主要负责人; the office's head is its 13th member (主任).
    for (let i = 1; i < LEADER_RANKS.length; i++) leaders.push(addUser(committee, { roles: ['leader'], leaderRank: LEADER_RANKS[i], clearance: 'confidential', principal: i === 1 }));
    // The office's head (主任, a 常委) signs its documents, so the server needs them to be a leader.
    for (let i = 0; i < 40; i++) officeStaff.push(addUser(office, i === 12 ? { roles: ['office', 'leader'], leaderRank: '常委', clearance: 'confidential', post: '主任', principal: true } : { roles: ['office'], clearance: 'secret', post: i < 6 ? '督查' : i < 12 ? '文书' : null }));
    const perDept = 25;
    const perTown = 45;
    // Two clerks, then the head (主要负责人, signs the unit's documents) and a deputy: both leaders, as the 办文 steps require.
    for (const d of departments) {
      const head = headTitle(d.name);
      for (let i = 0; i < perDept; i++) addUser(d, i < 2 ? { roles: ['unit'], clearance: 'secret', post: '文书' } : i === 2 ? { roles: ['leader'], leaderRank: head, clearance: 'secret', post: head, principal: true } : i === 3 ? { roles: ['leader'], leaderRank: `副${head}`, clearance: 'secret', post: `副${head}` } : {});
    }
    for (const t of townships) for (let i = t === clerkUnit ? 1 : 0; i < perTown; i++) addUser(t, i < 2 ? { roles: ['unit'], clearance: 'secret', post: '党政办' } : i === 2 ? { roles: ['leader'], leaderRank: '书记', clearance: 'secret', post: '党委书记', principal: true } : i === 3 ? { roles: ['leader'], leaderRank: '副书记', clearance: 'secret', post: '镇长' } : {});
    // Villages share what is left: 6 or 7 people each, one of them the clerk.
    let left = opts.users - rows.users!;
    villages.forEach((v, i) => {
      const n = Math.floor(left / (villages.length - i));
      for (let k = 0; k < n; k++) addUser(v, k === 0 ? { roles: ['unit'], post: '村文书' } : {});
      left -= n;
    });
  })();

  // ---- a few hundred live sessions of other users (the sessions table is never empty) ----
  const insSession = inserter<SessionTable>(sqlite, 'sessions', rows);
  const everyone = allUnits.flatMap((u) => u.members).filter((id) => id !== clerkId && id !== leaderId);
  sqlite.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const seen = NOW - between(0, 25) * 60_000;
      insSession({
        id: createHash('sha256').update(randomUUID()).digest('hex'),
        user_id: pick(everyone),
        csrf_token: randomUUID(),
        created_at: iso(seen - between(0, 4) * HOUR),
        last_seen_at: iso(seen),
        ip: `10.12.${int(0, 255)}.${int(1, 254)}`,
        user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      });
    }
  })();

  // ---- assignments ------------------------------------------------------------------------
  const insAssignment = inserter<AssignmentTable>(sqlite, 'assignments', rows);
  const insEvent = inserter<AssignmentEventTable>(sqlite, 'assignment_events', rows);
  const insInbox = inserter<InboxItemTable>(sqlite, 'inbox_items', rows);
  const insFile = inserter<FileTable>(sqlite, 'files', rows);
  const insLink = inserter<FileLinkTable>(sqlite, 'file_links', rows);
  const insJob = inserter<ScheduledJobTable>(sqlite, 'scheduled_jobs', rows);

  // Creation times first, so serial numbers run in creation order within each year.
  const finals: string[] = [];
  const created: number[] = [];
  for (let i = 0; i < opts.assignments; i++) {
    let r = rnd();
    let state = FINAL_STATES[FINAL_STATES.length - 1]![0];
    for (const [s, p] of FINAL_STATES) {
      if (r < p) {
        state = s;
        break;
      }
      r -= p;
    }
    finals.push(state);
    const open = NEXT_TASK[state] !== undefined;
    // Concluded: spread over three years. Open: mostly this month, a few stuck for months.
    created.push(open ? NOW - (rnd() < 0.95 ? between(0.5, 25) : between(30, 200)) * DAY : NOW - between(45, 3 * 365) * DAY);
  }
  const order = created.map((_, i) => i).sort((a, b) => created[a]! - created[b]!);

  const stateCount: Record<string, number> = {};
  const serialByYear = new Map<number, number>();
  let eventsMin = Infinity;
  let eventsMax = 0;
  let eventsSum = 0;
  let overdueOpen = 0;
  let detail: GenerateResult['detail'] | null = null;

  const unitPick = (): UnitInfo => {
    const r = rnd();
    return r < 0.45 ? pick(departments) : r < 0.85 ? pick(townships) : pick(villages);
  };

  const writeAssignment = (idx: number) => {
    const final = finals[idx]!;
    const T0 = Math.floor(created[idx]!);
    const unit = unitPick();
    const leader = pick(leaders);
    const creator = rnd() < 0.6 ? leader : pick(officeStaff);
    const assigneeUser = rnd() < 0.7 ? pick(unit.members) : null;
    const assigneeIds = assigneeUser ? [assigneeUser] : unit.clerks.length ? unit.clerks : unit.members;
    const leaderSide = [...new Set([leader, creator])];
    const actorOfAssignee = () => assigneeUser ?? pick(assigneeIds);
    const actorOfLeader = () => (rnd() < 0.7 ? leader : creator);
    const topic = pick(TOPICS);
    const title = `关于${unit.name}${topic}工作的批示`;
    const urgency = rnd() < 0.75 ? 'normal' : rnd() < 0.8 ? 'urgent' : 'very_urgent';
    const classification = rnd() < 0.88 ? 'none' : rnd() < 0.85 ? 'secret' : 'confidential';
    const createdDate = toShanghaiDate(new Date(T0));
    let deadline: string;
    let rule: string;
    let withoutData = 0;
    if (rnd() < 0.7) {
      const r = cal.addWorkdays(createdDate, pick([5, 7, 10, 10, 15, 20, 30]));
      deadline = r.date;
      rule = r.ruleText;
      withoutData = r.computedWithoutData ? 1 : 0;
    } else {
      deadline = toShanghaiDate(new Date(T0 + int(7, 40) * DAY));
      rule = '指定日期';
    }
    const id = randomUUID();
    const instruction = `${displayName.get(leader)}同志批示：请${unit.name}高度重视${topic}工作，主要负责同志亲自研究部署，逐项明确责任人和完成时限，举一反三查找薄弱环节，切实解决群众反映的突出问题，办理情况于${deadline}前书面报县委办公室督查室。`;

    // Which steps, in order (events 3–6; items still waiting for signature have only reminders).
    const forceDetail = !detail && leader === leaderId && classification === 'none' && final === 'in_progress' && T0 > NOW - 20 * DAY;
    let progress = int(0, 2);
    let ext = rnd() < 0.1;
    let sendBack = rnd() < 0.05;
    let steps: string[];
    switch (final) {
      case 'completed': {
        while (4 + progress + (ext ? 2 : 0) + (sendBack ? 2 : 0) > 6) {
          if (progress > 0) progress--;
          else if (sendBack) sendBack = false;
          else ext = false;
        }
        steps = ['sign', ...Array(progress).fill('report_progress')];
        if (ext) steps.push('request_extension', rnd() < 0.8 ? 'approve_extension' : 'refuse_extension');
        steps.push('report_completion');
        if (sendBack) steps.push('send_back', 'report_completion');
        steps.push('confirm');
        break;
      }
      case 'cancelled':
        steps = ['sign', ...(rnd() < 0.5 ? ['report_progress'] : []), 'cancel'];
        break;
      case 'completion_reported':
        steps = ['sign', ...Array(progress).fill('report_progress'), 'report_completion'];
        break;
      case 'extension_requested':
        steps = ['sign', ...Array(progress).fill('report_progress'), 'request_extension'];
        break;
      case 'in_progress':
        steps = ['sign', ...Array(forceDetail ? 4 : int(1, 3)).fill('report_progress')];
        break;
      default:
        steps = [];
    }
    const open = NEXT_TASK[final] !== undefined;

    // When: concluded items take a share of their time limit (15% run late); open ones fill the time to now.
    const limit = Math.max(DAY, Date.parse(dueAtOf(deadline)) - T0);
    const span = open ? NOW - T0 - 10 * 60_000 : limit * (rnd() < 0.85 ? between(0.3, 0.95) : between(1.02, 1.8));
    const times = steps.map(() => T0 + 60_000 + rnd() * span).sort((a, b) => a - b);
    const timeline: { action: string; at: number }[] = steps.map((action, i) => ({ action, at: Math.floor(times[i]!) }));
    // 催办 reminders the scheduler would have sent to items still open (not modelled for concluded ones).
    if (final === 'pending_receipt' || final === 'in_progress') {
      const dueMs = Date.parse(dueAtOf(deadline));
      const reminders = [
        { action: 'remind_due_soon', at: dueMs - 3 * DAY - 15 * HOUR },
        { action: 'remind_overdue', at: dueMs + 1 },
      ].filter((r) => r.at > T0 && r.at < NOW);
      for (const r of reminders) if (timeline.length + 1 < 6 || final === 'pending_receipt') timeline.push(r);
      timeline.sort((a, b) => a.at - b.at);
    }

    // Replay: state, deadline, to-dos (opened per state, all closed by the next state change), history.
    let state = 'pending_receipt';
    let curDeadline = deadline;
    let curRule = rule;
    let pendingNew: string | null = null;
    let pendingReason: string | null = null;
    let latest: { text: string; at: number; by: string } | null = null;
    let completedAt: number | null = null;
    let lastAt = T0;
    const openTodos: InboxItemTable[] = [];
    const todo = (userId: string, task: string, at: number): InboxItemTable => ({
      id: randomUUID(), user_id: userId, box: 'todo', module: 'assignment', entity_id: id, task, title, urgency,
      due_at: dueAtOf(curDeadline), state: 'open', is_read: 0, created_at: iso(at), done_at: null,
    });
    const openFor = (s: string, at: number) => {
      const next = NEXT_TASK[s];
      if (!next) return;
      for (const u of next.who === 'assignee' ? assigneeIds : leaderSide) openTodos.push(todo(u, next.task, at));
    };
    const closeAll = (at: number) => {
      for (const t of openTodos) insInbox({ ...t, state: 'done', done_at: iso(at), is_read: 1 });
      openTodos.length = 0;
    };
    const events: AssignmentEventTable[] = [];
    const fileEvents: { eventId: string; at: number; by: string }[] = [];

    events.push({ id: uuidv7At(T0), assignment_id: id, action: 'create', from_state: '', to_state: 'pending_receipt', actor_id: creator, actor_name: displayName.get(creator)!, comment: instruction, data: JSON.stringify({ deadline, rule }), at: iso(T0) });
    openFor('pending_receipt', T0);
    for (const { action, at } of timeline) {
      const eventId = uuidv7At(at);
      if (action === 'remind_due_soon' || action === 'remind_overdue') {
        const overdue = action === 'remind_overdue';
        for (const u of assigneeIds) openTodos.push(todo(u, overdue ? '催办：已逾期' : '催办：即将到期', at));
        events.push({ id: eventId, assignment_id: id, action: 'remind', from_state: state, to_state: state, actor_id: 'system', actor_name: '系统', comment: overdue ? `已超过办理期限（${curDeadline}），请尽快办理并报告` : `距办理期限（${curDeadline}）不足3个工作日，请抓紧办理`, data: null, at: iso(at) });
        continue;
      }
      const actor = ASSIGNEE_ACTIONS.has(action) ? actorOfAssignee() : action === 'cancel' ? creator : actorOfLeader();
      const from = state;
      const to = TRANSITION_TO[action]!;
      let comment: string | null = null;
      let data: string | null = null;
      let deadlineChanged = false;
      switch (action) {
        case 'report_progress':
          comment = `已召开专题会议研究部署${topic}工作，成立工作专班，完成第${int(1, 3)}阶段排查，发现问题${int(2, 30)}个，已整改${int(1, 20)}个，其余正在推进。`;
          latest = { text: comment, at, by: displayName.get(actor)! };
          if (rnd() < 0.25 || forceDetail) fileEvents.push({ eventId, at, by: actor });
          break;
        case 'report_completion':
          comment = `${topic}工作已按批示要求全部落实到位，建立长效机制${int(2, 6)}项，相关情况已形成书面报告。`;
          latest = { text: comment, at, by: displayName.get(actor)! };
          if (rnd() < 0.4) fileEvents.push({ eventId, at, by: actor });
          break;
        case 'request_extension':
          // Later than the current deadline and not before the day it is asked for (the workflow's rule).
          pendingNew = toShanghaiDate(new Date(Math.max(Date.parse(dueAtOf(curDeadline)), at) + int(5, 20) * DAY));
          pendingReason = '涉及多个部门协调，需报上级主管部门审批，申请延期办理。';
          comment = pendingReason;
          data = JSON.stringify({ newDeadline: pendingNew });
          break;
        case 'approve_extension':
          curDeadline = pendingNew ?? curDeadline;
          curRule = '延期后指定日期';
          pendingNew = pendingReason = null;
          deadlineChanged = true;
          data = JSON.stringify({ deadline: curDeadline });
          break;
        case 'refuse_extension':
          comment = '请按原定期限办结';
          pendingNew = pendingReason = null;
          break;
        case 'send_back':
          comment = '整改不够彻底，请对照批示要求继续落实后再报';
          break;
        case 'cancel':
          comment = '该事项已由其他部门牵头办理，本交办事项撤销';
          break;
        case 'confirm':
          completedAt = at;
          break;
      }
      events.push({ id: eventId, assignment_id: id, action, from_state: from, to_state: to, actor_id: actor, actor_name: displayName.get(actor)!, comment, data, at: iso(at) });
      state = to;
      lastAt = at;
      if (from !== to || deadlineChanged) {
        closeAll(at);
        openFor(to, at);
      }
    }
    if (state !== final) throw new Error(`generator bug: ${final} replayed to ${state}`);

    const year = Number(createdDate.slice(0, 4));
    const serialNo = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serialNo);
    insAssignment({
      id, serial_year: year, serial_no: serialNo, title, instruction, classification, leader_id: leader, created_by: creator,
      assignee_unit_id: unit.id, assignee_user_id: assigneeUser, urgency, deadline: curDeadline, deadline_rule: curRule,
      deadline_without_data: withoutData, state, pending_new_deadline: pendingNew, pending_reason: pendingReason,
      latest_progress: latest?.text ?? null, latest_progress_at: latest ? iso(latest.at) : null, latest_progress_by: latest?.by ?? null,
      created_at: iso(T0), updated_at: iso(lastAt), completed_at: completedAt === null ? null : iso(completedAt), source_type: null, source_id: null,
      // The inbox bench's 领导交办 items, as the supervision migration leaves records made before it.
      source_kind: 'leader_assignment', source_ref: null, source_date: null, level: 'general', completion_standard: null, start_date: createdDate,
      feedback_cycle: 'once', feedback_day: null, next_feedback_due: open ? curDeadline : null, feedback_window_start: createdDate, last_feedback_at: latest ? iso(latest.at) : null,
      missed_feedbacks: 0, progress: 0, expected_progress: 0, colour: open ? 'green' : null, colour_reasons: open ? '[]' : null, escalation_count: 0, receipt_due: null,
      rating: state === 'completed' ? 'good' : null, proposed_rating: null, dispatched_at: iso(T0), completion_reported_at: null,
    });
    for (const e of events) insEvent(e);
    let fileCount = 0;
    for (const f of fileEvents) {
      for (let k = rnd() < 0.8 ? 1 : 2; k > 0; k--) {
        const fid = randomUUID();
        const kind = pick([['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '情况报告'], ['pdf', 'application/pdf', '整改台账'], ['jpg', 'image/jpeg', '现场照片']] as const);
        insFile({ id: fid, name: `${topic}${kind[2]}.${kind[0]}`, size: int(20_000, 5_000_000), mime: kind[1], sha256: createHash('sha256').update(fid).digest('hex'), storage_key: `${iso(f.at).slice(0, 7)}/${fid}`, uploaded_by: f.by, created_at: iso(f.at) });
        insLink({ file_id: fid, entity_type: 'assignment', entity_id: id, event_id: f.eventId, created_at: iso(f.at) });
        fileCount++;
      }
    }
    // Still-open to-dos; older ones are more likely to have been opened.
    for (const t of openTodos) insInbox({ ...t, is_read: rnd() < (NOW - Date.parse(t.created_at) > 3 * DAY ? 0.7 : 0.3) ? 1 : 0 });
    // 我发起的: the creator's row and, when the office acted for a leader, the leader's.
    const finalState = assignmentWorkflow.states[state as keyof typeof assignmentWorkflow.states];
    for (const u of leaderSide) {
      insInbox({
        id: randomUUID(), user_id: u, box: 'mine', module: 'assignment', entity_id: id, task: finalState.label, title, urgency,
        due_at: dueAtOf(curDeadline), state: finalState.final ? 'done' : 'open', is_read: 1, created_at: iso(T0), done_at: finalState.final ? iso(lastAt) : null,
      });
    }
    // Reminder jobs: run if they fell due while the item was open, cancelled if it concluded first.
    const concludedAt = finalState.final ? lastAt : Infinity;
    for (const [kind, runAt] of [['due_soon', Date.parse(dueAtOf(curDeadline)) - 3 * DAY - 15 * HOUR], ['overdue', Date.parse(dueAtOf(curDeadline))]] as const) {
      const ran = runAt < NOW && runAt < concludedAt;
      insJob({
        id: randomUUID(), kind: `assignment.remind_${kind}`, unique_key: `assignment:${id}:${kind}:${curDeadline}`, run_at: iso(Math.max(runAt, T0)),
        payload: JSON.stringify({ assignmentId: id, deadline: curDeadline }), status: ran ? 'done' : finalState.final ? 'cancelled' : 'pending',
        claimed_by: ran ? 'bench-scheduler' : null, claimed_at: ran ? iso(runAt) : null, attempts: ran ? 1 : 0, last_error: null, created_at: iso(T0),
      });
    }

    stateCount[state] = (stateCount[state] ?? 0) + 1;
    if (!finalState.final && curDeadline < today) overdueOpen++;
    eventsMin = Math.min(eventsMin, events.length);
    eventsMax = Math.max(eventsMax, events.length);
    eventsSum += events.length;
    if (forceDetail) detail = { assignmentId: id, events: events.length, files: fileCount };
  };

  const CHUNK = 10_000;
  for (let start = 0; start < order.length; start += CHUNK) {
    sqlite.transaction(() => {
      for (const idx of order.slice(start, start + CHUNK)) writeAssignment(idx);
    })();
  }
  sqlite.transaction(() => {
    const ins = sqlite.prepare('insert into serial_counters (scope, year, last_value) values (?, ?, ?)');
    for (const [year, n] of serialByYear) ins.run('assignment', year, n);
  })();
  rows.serial_counters = serialByYear.size;

  // ---- 办文 documents (generate-documents.ts) ---------------------------------------------
  const documents =
    opts.documents > 0
      ? generateDocuments({
          sqlite, rows, seed: opts.seed, count: opts.documents, now: NOW,
          committee, office, departments, townships, villages,
          leaders, benchLeaderId: leaderId, docClerkId, officeStaff, displayName, usernames, disabledUsers,
        })
      : null;

  // Back to what openDatabase set, so the bare-query ceiling runs on the same settings as the server.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  if (!detail) throw new Error('generator found no assignment to use for the detail benchmark');
  const openTodos = sqlite.prepare("select count(*) as n from inbox_items where user_id = ? and box = 'todo' and state = 'open'").get(clerkId) as { n: number };
  return {
    ms: performance.now() - t0,
    seed: opts.seed,
    rows,
    clerk: { id: clerkId, username: 'bench_clerk', unitName: clerkUnit.name, openTodos: openTodos.n },
    leader: { id: leaderId, username: 'bench_leader' },
    docClerk: { id: docClerkId, username: 'bench_doc_clerk', unitName: office.name },
    documents,
    detail,
    eventsPerAssignment: { min: eventsMin, avg: Math.round((eventsSum / opts.assignments) * 100) / 100, max: eventsMax },
    states: stateCount,
    overdueOpen,
  };
}

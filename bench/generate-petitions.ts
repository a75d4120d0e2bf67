/**
 * 信访 at county scale (issue 6: "With 100,000 cases"), in a database of its own: 400 units (县委, 县委办,
 * 40 departments with the 县信访局, 30 townships, 328 villages), their people (the 信访局's clerks with the
 * `petition` role), ~60,000 petitioners and 100,000 cases over the last two years, written straight into
 * SQLite with multi-row INSERTs in large transactions; secondary indexes are dropped for the load and rebuilt
 * from the migration's own SQL (as generate-supervision.ts does).
 *
 * Petitioners: identity numbers (valid GB 11643 check characters) and phones encrypted with the server's
 * `encryptPii` and found by its `piiHash`, under the bench data directory's own key (pii.key, or
 * ZHONGSHU_PII_KEY), so the server started on the directory decrypts them and finds the same people. Most
 * write once or twice; about 3 % come back three times or more, a few of them dozens of times (a long tail,
 * visits mostly). A few thousand appear only as representatives or present at group visits (集体访).
 *
 * Cases: texts from petition-texts.ts — a matter (subject, place, company, facts) written again by the same
 * person gives near-duplicates, neighbours on the same project send much the same letter. Channel, kind,
 * category, township, 首办 organ as a county's mix. Each case is played forward with the service's rules:
 * 登记 (deadlines 登记转送 and 书面告知, 15 days) → 受理 (handle 60 days, 异议 5 working days unless handled
 * directly) or 导入法定程序 / 不予受理 → sometimes 申请延期 / 同意延期 → 答复 (申请复查 30 days) → 评价 → 办结,
 * or 复查 → 复核 (final) — some steps taken after their deadline; a case stops where today falls, so recent
 * cases are open and a few older ones overdue. `limitDeadline()` sets each deadline as the service does;
 * `next_due` is the earliest unmet one. Similarity bands are `bandKeys(summary + content)`, as registration
 * writes them (20 a case). Earlier cases of the same person or the same matter are linked (petition_links)
 * with their Jaccard similarity, decided (repeat/dismissed) once the case was taken in.
 *
 * Not generated (the measured reads do not touch them): petition_documents (受理告知书, 意见书), inbox rows,
 * reminder jobs, audit rows. Seeded: a seed gives the same county; times follow the clock.
 */
import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import {
  users as usersRepo,
  type DatabaseHandle,
  type PetitionDeadlineTable,
  type PetitionerTable,
  type PetitionEventTable,
  type PetitionLinkTable,
  type PetitionPersonTable,
  type PetitionTable,
  type UnitTable,
  type UserRoleTable,
  type UserTable,
} from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { bandKeys, bigrams, jaccard, limitDeadline, maskIdNumber, maskPhone, type DeadlineKind } from '@zhongshu/core/petitions/index.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { encryptPii, piiHash } from '../apps/server/src/lib/pii.ts';
import { insertBusinessUser } from '../apps/server/src/modules/org/org.service.ts';
import { mulberry32, uuidv7At } from './gen-util.ts';
import { personName, textKit, THEMES, type Matter, type Writer } from './petition-texts.ts';

export interface PetitionsGenOptions {
  seed: number;
  cases: number;
  petitioners: number;
  /** Password of the measured clerk (really hashed, through insertBusinessUser). */
  password: string;
}

/** A petitioner the bench registers again (plain identity number and phone: the data is made up). */
export interface SamplePerson {
  id: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  cases: number;
  /** Has a case closed for good (复核): a near-duplicate from them would be refused (第36条). */
  final: boolean;
}

export interface PetitionsGenResult {
  ms: number;
  indexMs: number;
  bandMs: number;
  /** Playing the cases forward (texts, deadlines, links) and writing everything but the bands. */
  simulateMs: number;
  writeMs: number;
  seed: number;
  rows: Record<string, number>;
  states: Record<string, number>;
  channels: Record<string, number>;
  kinds: Record<string, number>;
  themes: Record<string, number>;
  /** Petitioners by number of cases as main petitioner: 1, 2, 3–5, 6–20, 21+. */
  repeatHistogram: Record<string, number>;
  clerk: { id: string; username: string };
  townships: { id: string; name: string }[];
  /** What the clerk's reads must answer (cases received up to today). */
  expected: { all: number; open: number; overdue: number; dueSoon: number; group: number; skipLevel: number; thisMonth: number; thisYear: number; today: string };
  samplePeople: SamplePerson[];
  /** Share of cases with an earlier case of the same matter (a near-duplicate exists). */
  repeatShare: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

export const DEPARTMENTS = [
  '县纪委监委', '县委组织部', '县委宣传部', '县委统战部', '县委政法委', '县委政研室', '县委网信办', '县委编办',
  '县委巡察办', '县委老干部局', '县政府办公室', '县发展和改革局', '县教育体育局', '县科学技术局', '县工业和信息化局',
  '县公安局', '县民政局', '县司法局', '县财政局', '县人力资源和社会保障局', '县自然资源局', '县生态环境分局',
  '县住房和城乡建设局', '县交通运输局', '县水利局', '县农业农村局', '县商务局', '县文化和旅游局', '县卫生健康局',
  '县退役军人事务局', '县应急管理局', '县审计局', '县市场监督管理局', '县医疗保障局', '县信访局', '县统计局',
  '县林业局', '县城市管理局', '县乡村振兴局', '县行政审批服务局',
];
export const TOWNSHIPS = [
  '城关镇', '河西镇', '东关镇', '南山镇', '北塬镇', '青石镇', '白水镇', '柳林镇', '桃园乡', '杏花乡',
  '马营镇', '新集镇', '高桥镇', '龙泉镇', '石门乡', '双河镇', '清水乡', '太平镇', '永安镇', '兴隆乡',
  '古城镇', '红星乡', '金山镇', '望江镇', '安乐乡', '长岭镇', '三河镇', '芦集乡', '沙河镇', '枣林乡',
];
const VILLAGE_STEMS = ['王庄', '李家', '张湾', '刘岗', '陈庄', '杨河', '赵集', '黄营', '周寨', '吴桥', '徐楼', '孙店', '胡坡', '朱堡', '高庄', '何湾', '郭庄', '马坊', '罗家', '梁湾'];
const LEADER_RANKS = ['书记', '副书记', '副书记', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委', '常委'];

/** For those who write once or twice; with the frequent visitors below the whole comes to online 35 %, letter 20 %, visit 25 %, phone 15 %, others 5 %. */
const CHANNEL_MIX: [string, number][] = [['online', 0.4], ['letter', 0.205], ['visit', 0.18], ['phone', 0.16], ['leader_mailbox', 0.027], ['superior', 0.022], ['fax', 0.006]];
/** Those who come back again and again mostly come in person. */
const CHANNEL_MIX_CHRONIC: [string, number][] = [['visit', 0.55], ['letter', 0.18], ['online', 0.14], ['phone', 0.1], ['leader_mailbox', 0.02], ['superior', 0.01]];
const OUTCOMES_BY_KIND: Record<string, [string, number][]> = {
  appeal: [['support', 0.3], ['explain', 0.55], ['reject', 0.15]],
  accusation: [['support', 0.25], ['explain', 0.5], ['reject', 0.25]],
  suggestion: [['adopted', 0.45], ['not_adopted', 0.55]],
};
const OUTCOME_TEXT: Record<string, string> = {
  support: '经调查核实，信访人反映的问题基本属实，已责成相关单位限期整改落实，并将整改情况告知信访人。',
  explain: '经调查核实，相关工作符合政策规定，已向信访人解释说明有关政策依据，信访人表示理解。',
  reject: '经调查核实，信访人反映的问题缺乏事实依据，诉求不符合有关规定，不予支持。',
  adopted: '信访人提出的意见建议具有可行性，已转交有关部门研究采纳。',
  not_adopted: '经研究，信访人提出的建议暂不具备实施条件，已向信访人说明理由。',
};
const LEGAL_ROUTES = ['litigation', 'arbitration', 'reconsideration', 'party_appeal'];

interface Unit {
  id: string;
  name: string;
  kind: string;
  members: string[];
  clerks: string[];
}

/**
 * Buffered multi-row INSERT of every column of a table (positional, up to 500 rows a statement). A row
 * lacking a column throws, so the generator cannot silently drift from the schema. (As in generate-supervision.ts.)
 */
function bulkInserter<T extends object>(sqlite: SQLite.Database, table: string, counts: Record<string, number>, parent?: { flush(): void }) {
  const [schema, name] = table.includes('.') ? table.split('.') : ['main', table];
  const cols = (sqlite.prepare(`pragma ${schema}.table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / cols.length)));
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) => `insert into ${table} (${cols.join(', ')}) values ${Array(n).fill(tuple).join(', ')}`;
  const full = sqlite.prepare(sqlFor(per));
  let buf: unknown[] = [];
  let n = 0;
  counts[table] ??= 0;
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

/** GB 11643-1999 check character. */
function idCheck(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return '10X98765432'[first17.split('').reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11]!;
}

interface Person {
  id: string;
  name: string;
  town: number;
  village: string;
  group: number;
  idNumber: string | null;
  phone: string | null;
  /** Cases as main petitioner. */
  count: number;
  firstAt: number;
  lastMatter: Matter | null;
  writers: Map<Matter, Writer>;
  final: boolean;
}

interface Skeleton {
  person: Person;
  at: number;
}

export async function generatePetitions(ctx: AppContext, handle: DatabaseHandle, opts: PetitionsGenOptions): Promise<PetitionsGenResult> {
  const sqlite = handle.sqlite;
  if (!sqlite) throw new Error('the data generator writes SQLite directly');
  if ((sqlite.prepare('select count(*) as n from petitions').get() as { n: number }).n) throw new Error('petitions is not empty: the petitions bench builds its own database');
  const t0 = performance.now();
  const rnd = mulberry32((opts.seed ^ 0x7e717104) >>> 0);
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
  const kt = textKit(mulberry32((opts.seed ^ 0x3e3e3e3e) >>> 0));

  const NOW = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const dateOf = (ms: number) => toShanghaiDate(new Date(ms));
  const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
  const dayEnd = (date: string) => dayStart(date) + DAY - 1;
  /** Office hours of a day: 08:30–17:30 Shanghai. */
  const officeTime = (date: string) => dayStart(date) + 8.5 * HOUR + Math.floor(rnd() * 9 * HOUR);
  const cal = await ctx.calendar();
  const config = ctx.config;
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
  let committee!: Unit;
  let office!: Unit;
  const departments: Unit[] = [];
  const townships: Unit[] = [];
  const villagesOf: string[][] = TOWNSHIPS.map(() => []);
  sqlite.transaction(() => {
    committee = addUnit('中共××县委员会', 'committee', null, 0, '×委发');
    office = addUnit('县委办公室', 'office', committee.id, 1, '×委办发');
    DEPARTMENTS.forEach((n, i) => departments.push(addUnit(n, 'department', committee.id, 10 + i, `×${n.replace(/^县(委)?/, '').slice(0, 2)}发`)));
    TOWNSHIPS.forEach((n, i) => townships.push(addUnit(n, 'township', committee.id, 100 + i, `${n[0]}委发`)));
    for (let i = 0, v = 0; v < 400 - 2 - DEPARTMENTS.length - TOWNSHIPS.length; i++, v++) {
      const t = i % townships.length;
      const stem = `${VILLAGE_STEMS[Math.floor(i / townships.length) % VILLAGE_STEMS.length]}村`;
      villagesOf[t]!.push(stem);
      addUnit(`${townships[t]!.name}${stem}`, 'village', townships[t]!.id, 1000 + i, null);
    }
    unitsIns.flush();
  })();
  const deptByName = new Map(departments.map((d) => [d.name, d]));
  const bureau = deptByName.get('县信访局')!;

  // ---- people -------------------------------------------------------------------------------
  const clerkId = randomUUID();
  await insertBusinessUser(ctx.db, ctx, { id: clerkId, username: 'bench_pt_clerk', displayName: '县信访局登记员', unitId: bureau.id, post: '信访接待', password: opts.password, isDemo: false, mustChange: false, clearance: 'secret' });
  await usersRepo.setRoles(ctx.db, clerkId, ['petition', 'unit']);
  rows.users = 1;
  rows.user_roles = 2;
  const displayName = new Map<string, string>([[clerkId, '县信访局登记员']]);
  bureau.members.push(clerkId);
  bureau.clerks.push(clerkId);
  const petitionClerks: string[] = [clerkId];
  const sharedHash = await hashPassword(`bulk-${opts.seed}-Passw0rd`);
  const usersIns = bulkInserter<UserTable>(sqlite, 'users', rows);
  const rolesIns = bulkInserter<UserRoleTable>(sqlite, 'user_roles', rows, usersIns);
  let serial = 0;
  const nameKit = { rnd, pick, int: (lo: number, hi: number) => int(lo, hi), chance };
  const addUser = (unit: Unit, o: { roles?: string[]; leaderRank?: string; clearance?: string; post?: string; principal?: boolean } = {}) => {
    const id = randomUUID();
    const name = personName(nameKit);
    serial++;
    usersIns.add({
      id, username: `p${String(serial).padStart(5, '0')}`, display_name: name, unit_id: unit.id, post: o.post ?? null, password_hash: sharedHash,
      must_change_password: 0, admin_role: null, clearance: o.clearance ?? 'none', is_leader: o.leaderRank ? 1 : 0, leader_rank: o.leaderRank ?? null,
      is_principal: o.principal ? 1 : 0, is_demo: 0, disabled: 0, failed_attempts: 0, locked_until: null, password_changed_at: created, created_at: created,
    });
    for (const role of o.roles ?? []) rolesIns.add({ user_id: id, role });
    displayName.set(id, name);
    unit.members.push(id);
    if (o.roles?.includes('unit')) unit.clerks.push(id);
    if (o.roles?.includes('petition')) petitionClerks.push(id);
    return id;
  };
  sqlite.transaction(() => {
    for (let i = 0; i < LEADER_RANKS.length; i++) addUser(committee, { roles: ['leader'], leaderRank: LEADER_RANKS[i], clearance: 'confidential', principal: i === 0 });
    for (let i = 0; i < 40; i++) addUser(office, i === 12 ? { roles: ['office', 'leader'], leaderRank: '常委', clearance: 'confidential', post: '主任', principal: true } : { roles: ['office'], clearance: 'secret' });
    for (const d of departments) {
      for (let i = 0; i < 12; i++) {
        addUser(
          d,
          i < 2 ? { roles: ['unit'], clearance: 'secret', post: '文书' }
          : i === 2 ? { roles: ['leader'], leaderRank: '局长', clearance: 'secret', post: '主要负责人', principal: true }
          : i === 3 ? { roles: ['leader'], leaderRank: '副局长', clearance: 'secret', post: '分管负责人' }
          : d === bureau ? { roles: ['petition'], post: i < 8 ? '信访接待' : '督查督办' }
          : {},
        );
      }
    }
    for (const t of townships) for (let i = 0; i < 20; i++) addUser(t, i < 2 ? { roles: ['unit'], clearance: 'secret', post: '党政办' } : i === 2 ? { roles: ['leader'], leaderRank: '书记', clearance: 'secret', post: '党委书记', principal: true } : i === 3 ? { roles: ['leader'], leaderRank: '副书记', clearance: 'secret', post: '镇长' } : i === 4 ? { roles: ['unit'], post: '信访专干' } : {});
    for (const u of allUnits) if (u.kind === 'village') for (let i = 0; i < 3; i++) addUser(u, i === 0 ? { roles: ['unit'], post: '村文书' } : {});
    usersIns.flush();
    rolesIns.flush();
  })();

  // ---- petitioners and when they come --------------------------------------------------------------
  // Cases as main petitioner: about 3 % come three times or more, a few of them dozens of times; the split
  // of the rest between once and twice gives the asked number of petitioners (a few % only accompany others).
  const hiMax = Math.max(21, Math.round((150 * opts.cases) / 100_000));
  const TAIL: [number, number, number][] = [[0.018, 3, 5], [0.009, 6, 20], [0.003, 21, hiMax]];
  const tailMean = TAIL.reduce((s, [p, lo, hi]) => s + p * (lo === 21 ? Math.min(55, (lo + hi) / 2.5) : (lo + hi) / 2), 0);
  const mainTarget = Math.max(1, Math.round(opts.petitioners * 0.95));
  const two = Math.min(0.96, Math.max(0, opts.cases / mainTarget - tailMean - 0.97));
  const countOf = () => {
    let r = rnd();
    for (const [p, lo, hi] of TAIL) {
      if (r < p) return lo === 21 ? Math.min(hi, Math.floor(lo / Math.pow(rnd(), 0.6))) : int(lo, hi);
      r -= p;
    }
    return r < two ? 2 : 1;
  };
  let idSerial = 0;
  const townWeights = TOWNSHIPS.map((_, i) => (i === 0 ? 6 : 1));
  const townTotal = townWeights.reduce((s, w) => s + w, 0);
  const pickTown = () => {
    let r = rnd() * townTotal;
    for (let i = 0; i < townWeights.length; i++) {
      if (r < townWeights[i]!) return i;
      r -= townWeights[i]!;
    }
    return 0;
  };
  const usedPhones = new Set<string>();
  const newPerson = (): Person => {
    idSerial++;
    const town = pickTown();
    // Area 4117xx (made up), birth 1940–2002, a sequence number; made unique, then the check character.
    const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(rnd() * 62 * 365.25) * DAY).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `4117${String(26 + (town % 10)).padStart(2, '0')}${birth}${String(idSerial % 1000).padStart(3, '0')}`;
    let phone: string;
    do phone = `1${pick(['3', '5', '7', '8', '9'])}${String(int(0, 999_999_999)).padStart(9, '0')}`;
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    const hasId = chance(0.88);
    return {
      id: '', name: personName(nameKit), town, village: pick(villagesOf[town]!), group: int(1, 12),
      idNumber: hasId ? fixUnique(first17) : null, phone: !hasId || chance(0.93) ? phone : null, count: 0, firstAt: 0, lastMatter: null, writers: new Map(), final: false,
    };
  };
  const usedIds = new Set<string>();
  function fixUnique(first17: string): string {
    let f = first17;
    for (let k = 0; usedIds.has(f); k++) f = `${f.slice(0, 14)}${String((Number(f.slice(14, 17)) + 1 + k) % 1000).padStart(3, '0')}`;
    usedIds.add(f);
    return f + idCheck(f);
  }

  const SPAN = 730 * DAY;
  const START = NOW - SPAN;
  const people: Person[] = [];
  const skeletons: Skeleton[] = [];
  while (skeletons.length < opts.cases) {
    const p = newPerson();
    p.count = Math.min(countOf(), opts.cases - skeletons.length);
    people.push(p);
    if (p.count === 1) skeletons.push({ person: p, at: START + rnd() * SPAN });
    else {
      // A window of activity: a couple of months to the whole two years for those who keep coming.
      const len = p.count === 2 ? between(7, 300) * DAY : Math.min(SPAN, between(20, 730) * DAY * Math.min(1, 0.3 + p.count / 30));
      const from = START + rnd() * Math.max(DAY, SPAN - len * 0.5);
      for (let k = 0; k < p.count; k++) skeletons.push({ person: p, at: Math.min(NOW - 10 * MIN, from + rnd() * Math.min(len, NOW - from)) });
    }
  }
  const mains = people.length;
  // Representatives and people present at group visits who never wrote themselves.
  const companions: Person[] = [];
  for (let i = mains; i < opts.petitioners; i++) companions.push(newPerson());
  skeletons.sort((a, b) => a.at - b.at);
  const repeatHistogram: Record<string, number> = { '1': 0, '2': 0, '3-5': 0, '6-20': 0, '21+': 0 };
  for (const p of people) repeatHistogram[p.count <= 2 ? String(p.count) : p.count <= 5 ? '3-5' : p.count <= 20 ? '6-20' : '21+']!++;

  // ---- cases: matters and their timelines ------------------------------------------------------------
  const tSimulate = performance.now();
  const TABLES = ['petitioners', 'petitions', 'petition_people', 'petition_deadlines', 'petition_events', 'petition_links', 'petition_bands'];
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${TABLES.map(() => '?').join(', ')})`).all(...TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);

  /** Group matters (a project's workers, a 小区's owners) open for others to join, by month. */
  const sharedByMonth = new Map<number, { m: Matter; left: number; members: Person[] }[]>();
  const monthIdx = (ms: number) => Math.floor((ms - START) / (30 * DAY));
  const state: Record<string, number> = {};
  const channels: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const themes: Record<string, number> = {};
  const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const serialByYear = new Map<number, number>();
  const expected = { all: 0, open: 0, overdue: 0, dueSoon: 0, group: 0, skipLevel: 0, thisMonth: 0, thisYear: 0, today };
  const soon = cal.addWorkdays(today, 3).date;
  const OPEN = new Set(['registered', 'handling', 'extension_requested', 'replied', 'review', 'review_decided', 'recheck']);
  const caseTexts: string[] = [];
  const caseIds: string[] = [];
  const casesOfPerson = new Map<Person, number[]>();
  const casesOfMatter = new Map<Matter, number[]>();
  let withEarlier = 0;

  interface Case {
    row: PetitionTable;
    people: PetitionPersonTable[];
    deadlines: PetitionDeadlineTable[];
    events: PetitionEventTable[];
    links: PetitionLinkTable[];
  }
  const cases: Case[] = [];

  for (const sk of skeletons) {
    const p = sk.person;
    const month = Number(dateOf(sk.at).slice(5, 7));
    // What it is about: the same matter again, a group matter, or something new.
    let matter: Matter;
    let mode: 'first' | 'repeat' | 'cosigner';
    const bucket = sharedByMonth.get(monthIdx(sk.at)) ?? [];
    if (p.lastMatter && chance(0.75)) {
      matter = p.lastMatter;
      mode = 'repeat';
    } else if (chance(p.lastMatter ? 0.2 : 0.14) && bucket.some((b) => b.left > 0) && chance(0.75)) {
      const open = bucket.filter((b) => b.left > 0);
      const b = open[Math.floor(Math.pow(rnd(), 2) * open.length)]!;
      b.left--;
      b.members.push(p);
      matter = b.m;
      mode = p.writers.has(matter) ? 'repeat' : 'cosigner';
    } else {
      const theme = kt.pickTheme(month);
      const t = THEMES[theme]!;
      const town = t.urban ? (chance(0.8) ? 0 : p.town) : p.town;
      matter = kt.newMatter(theme, town, town === p.town ? p.village : pick(villagesOf[town]!));
      mode = 'first';
      if (chance(0.12)) {
        const list = sharedByMonth.get(monthIdx(sk.at)) ?? [];
        list.push({ m: matter, left: Math.floor(2 / Math.pow(rnd(), 0.8)), members: [p] });
        sharedByMonth.set(monthIdx(sk.at), list);
      }
    }
    p.lastMatter = matter;
    let writer = p.writers.get(matter);
    if (!writer) {
      writer = kt.newWriter(matter, p.name);
      writer.slots.group = String(p.group);
      p.writers.set(matter, writer);
    } else if (mode === 'first') mode = 'repeat';
    const text = kt.render(matter, writer, mode, TOWNSHIPS);
    const theme = THEMES[matter.theme]!;

    // Registration.
    const chronic = p.count >= 3;
    const channel = weighted(chronic ? CHANNEL_MIX_CHRONIC : CHANNEL_MIX);
    const receivedAt = dateOf(sk.at);
    let createdAt = channel === 'letter' ? Math.min(NOW - 5 * MIN, officeTime(receivedAt) + int(0, 2) * DAY) : sk.at;
    if (channel === 'visit' || channel === 'phone') createdAt = Math.min(NOW - 5 * MIN, Math.max(sk.at, officeTime(receivedAt)));
    const fromPublic = channel === 'online' && chance(0.6);
    const kind = theme.key === '村务财务' ? (chance(0.85) ? 'accusation' : 'appeal') : weighted([['appeal', 0.794], ['suggestion', 0.107], ['accusation', 0.099]] as const);
    const firstOrgan = channel === 'superior' ? 'superior' : fromPublic ? 'none' : weighted([['this_level', 0.72], ['superior', 0.1], ['higher', 0.05], ['none', 0.13]] as const);
    const township = townships[matter.townIndex]!;
    const accused = kind === 'accusation' && chance(0.6) ? (chance(0.5) ? township : deptByName.get(pick(theme.depts))!) : null;
    // 集体访: visits on group matters, and a few others.
    let peopleCount = 1;
    const reps: Person[] = [];
    const present: Person[] = [];
    if (channel === 'visit' && chance(mode === 'cosigner' || matter.copied ? 0.12 : 0.02)) {
      peopleCount = Math.min(300, Math.floor(5 / Math.pow(rnd(), 0.7)));
      const nReps = Math.min(5, int(1, 5));
      for (let r = 0; r < nReps; r++) reps.push(companions.length ? pick(companions) : pick(people));
      for (let r = 0, n = int(0, Math.min(8, peopleCount - nReps - 1)); r < n; r++) present.push(companions.length ? pick(companions) : pick(people));
    }
    const year = Number(receivedAt.slice(0, 4));
    const serialNo = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serialNo);
    const id = uuidv7At(createdAt);
    if (!p.id) {
      p.id = uuidv7At(createdAt);
      p.firstAt = createdAt;
    }
    for (const r of [...reps, ...present]) {
      if (!r.id) {
        r.id = uuidv7At(createdAt);
        r.firstAt = createdAt;
      }
    }
    const registrar = fromPublic ? null : pick(petitionClerks);
    const clerk = () => pick(petitionClerks);
    const ev: PetitionEventTable[] = [];
    const event = (at: number, action: string, from: string, to: string, actor: string | null, comment: string | null, data: Record<string, unknown> | null) =>
      ev.push({ id: uuidv7At(at), petition_id: id, action, from_state: from, to_state: to, actor_id: actor ?? 'public', actor_name: actor ? displayName.get(actor)! : '网上信访', comment, data: data ? JSON.stringify(data) : null, at: iso(at) });
    const dl = new Map<string, PetitionDeadlineTable>();
    const setDl = (k: DeadlineKind, start: string, extra = 0) => {
      const d = limitDeadline(cal, k, start, 'calendar', extra);
      dl.set(k, { petition_id: id, kind: k, due: d.due, rule: d.rule, met_at: null });
      return d.due;
    };
    const meet = (k: string, at: number) => {
      const d = dl.get(k);
      if (d && !d.met_at) d.met_at = iso(at);
    };

    // The earlier cases it matches: the same person's and the same matter's (most recent first).
    const links: PetitionLinkTable[] = [];
    const mine = bigrams(`${text.summary}${text.content}`);
    const earlier = [...new Set([...(casesOfPerson.get(p) ?? []).slice(-3), ...(casesOfMatter.get(matter) ?? []).slice(-3)])];
    if ((casesOfMatter.get(matter) ?? []).length) withEarlier++;

    event(createdAt, 'register', '', 'registered', registrar, null, { channel, matches: earlier.length });
    setDl('register', receivedAt);
    setDl('notice', receivedAt);
    let st = 'registered';
    let stage = 'initial';
    let handlingMode: string | null = null;
    let handlingUnit: Unit | null = null;
    let handlingAt: number | null = null;
    let legalRoute: string | null = null;
    let outcome: string | null = null;
    let reply: string | null = null;
    let evaluation: string | null = null;
    let extensionUsed = 0;
    let pendingExt: number | null = null;
    let isFinal = 0;
    let repliedAt: number | null = null;
    let closedAt: number | null = null;
    let last = createdAt;
    const before = (t: number) => t < NOW - MIN;

    // 受理 / 导入法定程序 / 不予受理: most within the 15 days, some late.
    const decideAt = createdAt + (chance(0.92) ? between(0.2, 12) : between(15.5, 26)) * DAY;
    if (before(decideAt)) {
      const d = weighted([['accept', 0.9], ['route_legal', 0.05], ['not_accept', 0.05]] as const);
      const who = clerk();
      meet('register', decideAt);
      meet('notice', decideAt);
      last = decideAt;
      if (d === 'route_legal') {
        legalRoute = pick(LEGAL_ROUTES);
        st = 'routed_legal';
        closedAt = decideAt;
        event(decideAt, 'route_legal', 'registered', st, who, '该诉求属于依法通过法定途径解决的事项，已告知信访人向有关机关提出。', { legalRoute });
      } else if (d === 'not_accept') {
        st = 'not_accepted';
        closedAt = decideAt;
        event(decideAt, 'not_accept', 'registered', st, who, '该事项已经或者依法应当通过其他途径处理，不予受理。', {});
      } else {
        handlingMode = weighted([['direct', 0.12], ['transfer', 0.5], ['assign', 0.38]] as const);
        handlingUnit = handlingMode === 'direct' ? bureau : chance(theme.townShare) ? township : deptByName.get(pick(theme.depts))!;
        if (accused && handlingUnit === accused) handlingUnit = handlingUnit === township ? deptByName.get(theme.depts[0]!)! : township;
        handlingAt = decideAt;
        st = 'handling';
        const acceptDate = dateOf(decideAt);
        setDl('handle', acceptDate);
        if (handlingMode !== 'direct') setDl('objection', acceptDate);
        event(decideAt, 'accept', 'registered', 'handling', who, null, { handlingMode, handlingUnitId: handlingUnit.id });
        const handler = () => (handlingMode === 'direct' || !handlingUnit!.clerks.length ? clerk() : pick(handlingUnit!.clerks));
        // 申请延期 (once), decided by the 信访 office in a few days.
        let replyAt = decideAt + (chance(0.93) ? between(8, 55) : between(61, 95)) * DAY;
        const askAt = decideAt + between(35, 55) * DAY;
        if (chance(0.075) && askAt < replyAt) {
          if (before(askAt)) {
            const days = pick([15, 20, 30, 30]);
            event(askAt, 'request_extension', 'handling', 'extension_requested', handler(), '案情复杂，需进一步调查核实，申请延长办理期限。', { days });
            st = 'extension_requested';
            pendingExt = days;
            last = askAt;
            const decideExt = askAt + between(0.5, 5) * DAY;
            if (before(decideExt)) {
              const ok = chance(0.85);
              st = 'handling';
              pendingExt = null;
              last = decideExt;
              replyAt = Math.max(replyAt, decideExt + between(1, 10) * DAY);
              if (ok) {
                setDl('handle', acceptDate, days);
                extensionUsed = 1;
                replyAt = Math.max(replyAt, decideExt + between(2, 20) * DAY);
                event(decideExt, 'approve_extension', 'extension_requested', 'handling', clerk(), null, {});
              } else event(decideExt, 'refuse_extension', 'extension_requested', 'handling', clerk(), '请按原期限办理答复。', {});
            }
          }
        }
        if (st === 'handling' && before(replyAt)) {
          outcome = weighted(OUTCOMES_BY_KIND[kind]!);
          reply = OUTCOME_TEXT[outcome]!;
          repliedAt = replyAt;
          meet('handle', replyAt);
          meet('objection', replyAt);
          setDl('review_request', dateOf(replyAt));
          st = 'replied';
          last = replyAt;
          event(replyAt, 'reply', 'handling', 'replied', handler(), reply, { outcome });
          // 评价, then 办结 — or 复查 (and 复核) when not satisfied.
          const evalAt = replyAt + between(1, 20) * DAY;
          if (chance(0.72) && before(evalAt)) {
            evaluation = outcome === 'reject' || outcome === 'not_adopted' ? weighted([['satisfied', 0.25], ['basically_satisfied', 0.35], ['unsatisfied', 0.4]] as const) : weighted([['satisfied', 0.7], ['basically_satisfied', 0.24], ['unsatisfied', 0.06]] as const);
            event(evalAt, 'evaluate', 'replied', 'replied', clerk(), null, { evaluation });
            last = evalAt;
          }
          const wantsReview = evaluation === 'unsatisfied' ? chance(0.5) : chance(0.015);
          if (wantsReview) {
            const rqAt = Math.max(last, replyAt) + between(1, 25) * DAY;
            if (before(rqAt)) {
              meet('review_request', rqAt);
              setDl('review', dateOf(rqAt));
              st = 'review';
              stage = 'review';
              evaluation = null;
              last = rqAt;
              event(rqAt, 'request_review', 'replied', 'review', clerk(), '信访人对处理意见不服，请求复查。', {});
              const decAt = rqAt + (chance(0.95) ? between(8, 29) : between(31, 45)) * DAY;
              if (before(decAt)) {
                outcome = weighted(OUTCOMES_BY_KIND[kind]!);
                reply = `复查认为：${OUTCOME_TEXT[outcome]!}`;
                repliedAt = decAt;
                meet('review', decAt);
                setDl('recheck_request', dateOf(decAt));
                st = 'review_decided';
                last = decAt;
                event(decAt, 'decide_review', 'review', 'review_decided', clerk(), reply, { outcome });
                if (chance(0.3)) {
                  const rcAt = decAt + between(2, 28) * DAY;
                  if (before(rcAt)) {
                    meet('recheck_request', rcAt);
                    setDl('recheck', dateOf(rcAt));
                    st = 'recheck';
                    stage = 'recheck';
                    last = rcAt;
                    event(rcAt, 'request_recheck', 'review_decided', 'recheck', clerk(), '信访人对复查意见不服，请求复核。', {});
                    const fAt = rcAt + (chance(0.95) ? between(8, 29) : between(31, 40)) * DAY;
                    if (before(fAt)) {
                      outcome = weighted(OUTCOMES_BY_KIND[kind]!);
                      reply = `复核认为：${OUTCOME_TEXT[outcome]!}`;
                      repliedAt = fAt;
                      meet('recheck', fAt);
                      isFinal = 1;
                      closedAt = fAt;
                      st = 'closed';
                      last = fAt;
                      p.final = true;
                      event(fAt, 'decide_recheck', 'recheck', 'closed', clerk(), reply, { outcome });
                    }
                  }
                } else {
                  const cAt = decAt + between(3, 35) * DAY;
                  if (before(cAt)) {
                    meet('review_request', cAt);
                    meet('recheck_request', cAt);
                    closedAt = cAt;
                    st = 'closed';
                    last = cAt;
                    event(cAt, 'close', 'review_decided', 'closed', clerk(), null, {});
                  }
                }
              }
            }
          } else {
            const cAt = Math.max(last, replyAt) + (chance(0.9) ? between(2, 27) : between(30, 50)) * DAY;
            if (before(cAt)) {
              meet('review_request', cAt);
              meet('recheck_request', cAt);
              closedAt = cAt;
              st = 'closed';
              last = cAt;
              event(cAt, 'close', 'replied', 'closed', clerk(), null, {});
            }
          }
        }
      }
    }
    // As refreshNextDue: the earliest unmet deadline, the objection window (a right, not a duty) aside.
    const open = [...dl.values()].filter((d) => !d.met_at && d.kind !== 'objection').sort((a, b) => a.due.localeCompare(b.due));
    const nextDue = OPEN.has(st) ? (open[0]?.due ?? null) : null;
    for (const k of earlier) {
      const s = Math.round(jaccard(mine, bigrams(caseTexts[k]!)) * 1000) / 1000;
      const samePerson = (casesOfPerson.get(p) ?? []).includes(k);
      const similar = s >= 0.6;
      if (!similar && !samePerson) continue;
      const reason = similar && samePerson ? 'both' : similar ? 'similar_content' : 'same_person';
      const repeat = (casesOfMatter.get(matter) ?? []).includes(k);
      links.push({ petition_id: id, other_id: caseIds[k]!, relation: st !== 'registered' ? (repeat ? 'repeat' : 'dismissed') : 'match', reason, similarity: s, decided_by: st !== 'registered' ? pick(petitionClerks) : null, created_at: iso(createdAt) });
    }

    const row: PetitionTable = {
      id, serial_year: year, serial_no: serialNo, channel, kind, state: st, stage, summary: text.summary, content: text.content,
      township_id: township.id, village: theme.urban && matter.townIndex === 0 ? null : matter.village, category_id: theme.category, first_organ: firstOrgan, skip_level: firstOrgan === 'higher' ? 1 : 0,
      superior_ref: channel === 'superior' ? `市信访局转〔${year}〕${int(1, 900)}号` : firstOrgan === 'superior' && chance(0.5) ? `市信访局交办〔${year}〕${int(1, 900)}号` : null,
      people_count: peopleCount, petitioner_id: p.id, handling_mode: handlingMode, handling_unit_id: handlingUnit?.id ?? null, handling_received_at: handlingAt === null ? null : iso(handlingAt),
      accused_unit_id: accused?.id ?? null, legal_route: legalRoute, outcome, reply, evaluation, extension_used: extensionUsed, pending_extension_days: pendingExt, parent_id: null,
      // The matter as written (the generator knows it); registration finds it by text similarity (matterOf).
      is_final: isFinal, matter_id: caseIds[(casesOfMatter.get(matter) ?? [])[0] ?? -1] ?? id, query_code_hash: fromPublic ? piiHash(config, `query:${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`) : null,
      next_due: nextDue, received_at: receivedAt, replied_at: repliedAt === null ? null : iso(repliedAt), closed_at: closedAt === null ? null : iso(closedAt),
      created_by: registrar, created_at: iso(createdAt), updated_at: iso(last),
    };
    const ppl: PetitionPersonTable[] = [{ petition_id: id, petitioner_id: p.id, role: 'petitioner', seq: 0 }];
    const repIds = [...new Set(reps.map((r) => r.id))].filter((r) => r !== p.id);
    repIds.forEach((r, i) => ppl.push({ petition_id: id, petitioner_id: r, role: 'representative', seq: i + 1 }));
    [...new Set(present.map((r) => r.id))].filter((r) => r !== p.id && !repIds.includes(r)).forEach((r, i) => ppl.push({ petition_id: id, petitioner_id: r, role: 'present', seq: i + 1 }));
    cases.push({ row, people: ppl, deadlines: [...dl.values()], events: ev, links });

    const idx = caseTexts.length;
    caseTexts.push(`${text.summary}${text.content}`);
    caseIds.push(id);
    casesOfPerson.set(p, [...(casesOfPerson.get(p) ?? []), idx]);
    casesOfMatter.set(matter, [...(casesOfMatter.get(matter) ?? []), idx]);
    count(state, st);
    count(channels, channel);
    count(kinds, kind);
    count(themes, theme.key);
    expected.all++;
    if (OPEN.has(st)) {
      expected.open++;
      if (nextDue && nextDue < today) expected.overdue++;
      if (nextDue && nextDue >= today && nextDue <= soon) expected.dueSoon++;
      if (peopleCount > 1) expected.group++;
      if (row.skip_level === 1) expected.skipLevel++;
    }
    if (receivedAt >= `${today.slice(0, 7)}-01`) expected.thisMonth++;
    if (receivedAt >= `${today.slice(0, 4)}-01-01`) expected.thisYear++;
  }

  const simulateMs = performance.now() - tSimulate;

  // ---- write ------------------------------------------------------------------------------------
  const tWrite = performance.now();
  const insPerson = bulkInserter<PetitionerTable>(sqlite, 'petitioners', rows);
  const insCase = bulkInserter<PetitionTable>(sqlite, 'petitions', rows, insPerson);
  const insPeople = bulkInserter<PetitionPersonTable>(sqlite, 'petition_people', rows, insCase);
  const insDl = bulkInserter<PetitionDeadlineTable>(sqlite, 'petition_deadlines', rows, insCase);
  const insEv = bulkInserter<PetitionEventTable>(sqlite, 'petition_events', rows, insCase);
  const insLink = bulkInserter<PetitionLinkTable>(sqlite, 'petition_links', rows, insCase);
  const everyone = [...people, ...companions].filter((x) => x.id).sort((a, b) => a.firstAt - b.firstAt);
  const CHUNK = 5_000;
  for (let s = 0; s < everyone.length; s += CHUNK) {
    sqlite.transaction(() => {
      for (const x of everyone.slice(s, s + CHUNK)) {
        insPerson.add({
          id: x.id, name: x.name,
          id_number_enc: x.idNumber ? encryptPii(config, x.idNumber) : null, id_number_hash: x.idNumber ? piiHash(config, x.idNumber) : null, id_number_masked: x.idNumber ? maskIdNumber(x.idNumber) : null,
          phone_enc: x.phone ? encryptPii(config, x.phone) : null, phone_hash: x.phone ? piiHash(config, x.phone) : null, phone_masked: x.phone ? maskPhone(x.phone) : null,
          address: `${TOWNSHIPS[x.town]}${x.village}${x.group}组`, created_at: iso(x.firstAt),
        });
      }
      insPerson.flush();
    })();
  }
  for (let s = 0; s < cases.length; s += CHUNK) {
    sqlite.transaction(() => {
      for (const c of cases.slice(s, s + CHUNK)) {
        insCase.add(c.row);
        for (const r of c.people) insPeople.add(r);
        for (const r of c.deadlines) insDl.add(r);
        for (const r of c.events) insEv.add(r);
        for (const r of c.links) insLink.add(r);
      }
      for (const w of [insCase, insPeople, insDl, insEv, insLink]) w.flush();
    })();
  }

  const writeMs = performance.now() - tWrite;

  // Similarity bands as registration writes them (bandKeys of summary + content). Loaded unordered into a
  // temporary table, then copied in key order: the primary key (band, petition_id) then grows at its end
  // instead of taking 2,000,000 random inserts.
  const tBand = performance.now();
  sqlite.exec('create temp table bench_bands (band text not null, petition_id text not null)');
  const loadBand = bulkInserter<{ band: string; petition_id: string }>(sqlite, 'temp.bench_bands', {});
  for (let s = 0; s < caseTexts.length; s += CHUNK) {
    sqlite.transaction(() => {
      for (let i = s; i < Math.min(caseTexts.length, s + CHUNK); i++) for (const band of new Set(bandKeys(caseTexts[i]!))) loadBand.add({ band, petition_id: caseIds[i]! });
      loadBand.flush();
    })();
  }
  sqlite.exec('insert into petition_bands (band, petition_id) select band, petition_id from temp.bench_bands order by band, petition_id; drop table temp.bench_bands');
  rows.petition_bands = (sqlite.prepare('select count(*) n from petition_bands').get() as { n: number }).n;
  const bandMs = performance.now() - tBand;

  const tIndex = performance.now();
  for (const ix of indexes) sqlite.exec(ix.sql);
  const indexMs = performance.now() - tIndex;
  sqlite.transaction(() => {
    const ins = sqlite.prepare("insert into serial_counters (scope, year, last_value) values ('petition', ?, ?)");
    for (const [year, n] of serialByYear) ins.run(year, n);
  })();
  rows.serial_counters = serialByYear.size;

  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  // People the bench registers again: some who came once, some who keep coming (none closed for good).
  const candidates = people.filter((x) => x.idNumber && !x.final);
  const samplePeople: SamplePerson[] = [];
  const byCount = [...candidates].sort((a, b) => b.count - a.count);
  for (const x of [...byCount.slice(0, 5), ...candidates.filter((c) => c.count <= 2).slice(0, 35)]) {
    samplePeople.push({ id: x.id, name: x.name, idNumber: x.idNumber, phone: x.phone, cases: x.count, final: x.final });
  }
  return {
    ms: performance.now() - t0,
    indexMs,
    bandMs,
    simulateMs,
    writeMs,
    seed: opts.seed,
    rows,
    states: state,
    channels,
    kinds,
    themes,
    repeatHistogram,
    clerk: { id: clerkId, username: 'bench_pt_clerk' },
    townships: townships.map((t) => ({ id: t.id, name: t.name })),
    expected,
    samplePeople,
    repeatShare: Math.round((withEarlier / Math.max(1, cases.length)) * 1000) / 1000,
  };
}

/**
 * 办文 at county scale: outgoing documents (发文) through 拟稿 → 核稿 → 会签 → 签发 → 编号登记 → 用印 →
 * 印发 → 归档, and incoming ones (收文) through 签收 → 初审 → 拟办 → 批示 → 承办 → 办结 → 归档, spread
 * over three years across the county's issuing units — written straight into SQLite like the rest
 * of the bench data.
 *
 * Rows follow what apps/server/src/modules/documents writes: an issued document's internal
 * recipients each get an incoming copy (event "dispatched", the final text, the issuer's
 * 发文字号) whose 签收 is noted back on the source ("recipient_received"); 发文字号 are reserved and
 * used at 编号登记 (document_numbers + document_number_events); 收文编号 come from serial_counters
 * (scope "incoming:<unit>") at 签收 or 登记; the drafter has a "我发起的" row; open steps have the
 * to-dos openTodosForState would have opened (the 办公室's clerks keep the 县委's documents).
 *
 * Simplifications: closed steps leave no "done" inbox rows; a document keeps 1–3 text versions
 * (拟稿, 核稿, 签发) where the server also snapshots the starter text and the 编号/印发 fill-ins.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import type {
  DocumentCommentTable,
  DocumentDistributionTable,
  DocumentEventTable,
  DocumentNumberEventTable,
  DocumentNumberTable,
  DocumentParticipantTable,
  DocumentTable,
  DocumentVersionTable,
  FileLinkTable,
  FileTable,
  InboxItemTable,
  ScheduledJobTable,
} from '@zhongshu/db';
import { shanghaiEndOfDay, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { parseText, type BodyBlock, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { substanceHash } from '../apps/server/src/modules/documents/documents.content.ts';
import { inserter, mulberry32, uuidv7At } from './gen-util.ts';
import type { UnitInfo } from './generate.ts';

export interface DocumentsInput {
  sqlite: SQLite.Database;
  rows: Record<string, number>;
  seed: number;
  /** Documents in all: 60 % incoming (copies of issued ones and registered outside mail), 40 % outgoing. */
  count: number;
  now: number;
  committee: UnitInfo;
  office: UnitInfo;
  departments: UnitInfo[];
  townships: UnitInfo[];
  villages: UnitInfo[];
  /** The 县委's leaders, the measured leader first. */
  leaders: string[];
  benchLeaderId: string;
  docClerkId: string;
  officeStaff: string[];
  displayName: Map<string, string>;
  usernames: Map<string, string>;
  disabledUsers: Set<string>;
}

/** The 印发 scenario: the 县委 (its office's clerk drafting), an office 文书 reviewing, the measured leader signing, 300 units receiving. */
export interface IssuePlan {
  issuerUnitId: string;
  issuerName: string;
  reviewerUsername: string;
  reviewerId: string;
  signerUsername: string;
  signerId: string;
  recipients: { unitId: string; name: string }[];
}

export interface DocumentsResult {
  ms: number;
  /** Of which rebuilding the documents tables' indexes after the load. */
  indexMs: number;
  outgoing: number;
  incoming: number;
  /** Incoming copies of documents issued through Zhongshu (the rest were registered by hand). */
  incomingCopies: number;
  states: Record<string, number>;
  eventsPerDocument: { min: number; avg: number; max: number };
  versionsPerOutgoing: { min: number; avg: number; max: number };
  contentBytes: { min: number; avg: number; max: number };
  /** Incoming documents whose title holds each search term, of all incoming. */
  titleHits: Record<string, number>;
  /** Documents each measured user may open (within their clearance), for the detail scenario. */
  samples: { clerk: string[]; leader: string[] };
  /** Who takes the 印发 scenario's document through its steps. */
  issue: IssuePlan;
  /** Open documents of the 县委 and its office: the clerk's workload. */
  clerkOpen: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Subjects of titles. Two-character search terms: 信访 is in three, 防汛 in two, of 64. */
export const DOC_TOPICS = [
  '防汛备汛', '防汛抗旱应急演练', '信访积案化解', '信访工作责任制落实', '重复信访治理', '秸秆禁烧', '安全生产大检查', '森林防火',
  '校园安全', '食品安全', '优化营商环境', '重点项目建设', '招商引资', '耕地保护', '河湖长制', '燃气安全排查', '冬季清洁取暖',
  '农民工工资支付', '低保动态核查', '高标准农田建设', '重点项目征迁', '文明城市创建', '基层党建', '矛盾纠纷排查', '防止返贫监测',
  '村级集体经济', '网格化服务管理', '巡察反馈问题整改', '审计反馈问题整改', '民生实事项目', '乡村振兴', '人居环境整治',
  '道路交通安全', '消防安全', '自建房安全隐患排查', '地质灾害防治', '生态环境保护督察整改', '大气污染防治', '疫情防控', '征兵',
  '扫黑除恶常态化', '平安建设', '法治政府建设', '政务公开', '12345热线办理', '档案管理', '保密工作', '意识形态工作', '党风廉政建设',
  '作风建设', '干部教育培训', '人才引进', '老干部工作', '统战工作', '宗教事务管理', '民族团结进步', '国防教育', '全民健身',
  '义务教育均衡发展', '医疗保障', '养老服务', '就业创业', '粮食安全', '财政预算管理',
];
export const SEARCH_TERMS = ['信访', '防汛'];

const OUTSIDE_SENDERS: [string, string][] = [
  ['中共××市委办公室', '×市委办发'], ['××市人民政府办公室', '×市政办发'], ['中共××市委组织部', '×市组通'], ['××市财政局', '×市财发'],
  ['××市应急管理局', '×市应急发'], ['××市信访局', '×市信发'], ['××市防汛抗旱指挥部办公室', '×市汛办'], ['××省农业农村厅', '×农发'],
  ['中共××市纪委办公室', '×市纪办发'], ['××市教育局', '×市教发'], ['××市卫生健康委员会', '×市卫健发'], ['××县人民政府', '×政发'],
  ['××县人民政府办公室', '×政办发'], ['××市生态环境局', '×市环发'], ['××市自然资源和规划局', '×市自然资源发'],
];
const OUTSIDE_RECIPIENTS = ['××县人民政府', '××市人民政府办公室', '中共××市委办公室', '××市财政局', '××市应急管理局', '××市农业农村局', '××市发展和改革委员会'];
/** Addressees outside the unit tree: schools, hospitals, firms, the units' own outposts. */
const OUTSIDE_GROUPS = ['各中小学', '县人民医院、县中医院', '各有关企业', '各乡镇财政所', '各村（社区）', '各乡镇卫生院', '各学区', '县直各有关单位'];
const RECEIVED_VIA = ['机要交通', '机要交通', '邮寄', '现场送达', '传真', '电子政务外网'];

type Rnd = () => number;

function tools(rnd: Rnd) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const chance = (p: number) => rnd() < p;
  const weighted = <T>(xs: readonly [T, number][]): T => {
    let r = rnd() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return xs[xs.length - 1]![0];
  };
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]!);
    return out;
  };
  return { pick, between, int, chance, weighted, sample };
}

// ---- the text of a document -------------------------------------------------------------------------

const CN = '一二三四五六七八九十';
/** Paragraphs from the real documents in packages/core/fixtures/gongwen, used for the 附件 of 印发 notices. */
function fixtureParagraphs(): string[] {
  const dir = path.join(here, '../packages/core/fixtures/gongwen');
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    const d = parseText(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const b of [...d.elements.body, ...(d.elements.attachments ?? []).flatMap((a) => a.body)]) if (b.kind === 'paragraph' && b.text.length > 40) out.push(b.text);
  }
  return out;
}

const GENERIC = [
  '各单位要充分认识做好{T}工作的重要性和紧迫性，切实把思想和行动统一到县委、县政府的决策部署上来，主要负责同志要亲自研究、亲自部署、亲自督促，分管负责同志要靠前指挥、具体抓落实。',
  '要坚持问题导向，围绕{T}工作中的薄弱环节和突出问题，组织开展拉网式排查，建立问题清单、责任清单和整改清单，实行销号管理，做到底数清、情况明、措施实。',
  '要健全工作机制，建立定期调度、分析研判、督查通报等制度，每月召开一次专题会议，研究解决工作推进中的困难和问题，确保各项工作有序推进。',
  '要加强部门协作，各牵头单位要主动担当、统筹协调，各配合单位要各司其职、密切配合，形成上下联动、齐抓共管的工作格局。',
  '要强化督查问责，县委办公室、县政府办公室将把{T}工作纳入年度重点督查事项，对工作推进不力、措施落实不到位的单位和个人，严肃追究责任。',
  '要注重宣传引导，充分利用报刊、广播电视、新媒体等平台，广泛宣传{T}工作的政策措施和先进典型，营造全社会共同关心、支持和参与的良好氛围。',
  '各单位要对照{Y}年{T}工作目标任务，逐项细化分解，明确责任领导、责任科室和完成时限，做到任务到岗、责任到人。',
  '要坚持统筹兼顾，把{T}工作与巩固拓展脱贫攻坚成果、乡村振兴、基层治理等工作结合起来，做到同部署、同推进、同考核。',
  '要加强资金保障，县财政要将{T}工作经费纳入年度预算，各乡镇、各部门要统筹用好各类资金，提高资金使用效益，严禁挤占挪用。',
  '要加强队伍建设，采取集中培训、以会代训、现场观摩等方式，提升基层干部业务能力，打造一支懂政策、善协调、能落实的工作队伍。',
  '要完善信息报送制度，各单位确定一名信息员，每月{d}日前报送上月工作进展情况，遇有重大紧急情况随时报告，不得迟报、漏报、瞒报。',
  '截至目前，全县共排查各类问题{n}个，已整改到位{m}个，{T}工作取得阶段性成效，但仍存在思想认识不到位、工作进展不平衡、长效机制不健全等问题。',
  '要坚持以人民为中心的发展思想，把群众满意不满意作为检验{T}工作成效的根本标准，认真倾听群众呼声，及时回应群众关切，切实解决群众急难愁盼问题。',
  '要严格落实属地管理责任和行业监管责任，乡镇党委、政府要履行好属地责任，各行业主管部门要按照“管行业必须管安全、管业务必须管安全”的要求，切实履行监管职责。',
  '要建立健全长效机制，及时总结提炼{T}工作中的好经验、好做法，形成可复制、可推广的制度成果，推动{T}工作常态化、制度化、规范化。',
];
const HEADINGS = ['提高思想认识', '明确工作任务', '突出工作重点', '健全工作机制', '强化工作保障', '严格督查考核', '加强组织领导', '注重宣传引导'];
const SUBHEADINGS = ['加强组织领导。', '压实工作责任。', '细化工作措施。', '强化督促检查。', '做好信息报送。', '严肃工作纪律。'];

interface Spec {
  docType: string;
  format: string;
  title: string;
  topic: string;
  issuer: UnitInfo;
  primary: string[];
  copy: string[];
  year: number;
  seed: number;
  /** Target size of the 正文 in characters. */
  chars: number;
  attachment: string | null;
}

function fill(t: string, spec: Spec, r: ReturnType<typeof tools>): string {
  return t
    .replaceAll('{T}', spec.topic)
    .replaceAll('{Y}', String(spec.year))
    .replaceAll('{d}', String(r.int(3, 10)))
    .replaceAll('{n}', String(r.int(40, 900)))
    .replaceAll('{m}', String(r.int(20, 400)));
}

const selfWord = (u: UnitInfo) => (u.kind === 'township' ? '我镇' : u.kind === 'committee' ? '县委' : u.kind === 'office' ? '县委办公室' : u.name.endsWith('局') ? '我局' : '我部门');

/** 正文 of one document; `stage` 0 is the first draft, 1 the reviewed text, 2 the signed one. */
function bodyOf(spec: Spec, stage: number): BodyBlock[] {
  const r = tools(mulberry32(spec.seed));
  const p = (text: string): BodyBlock => ({ kind: 'paragraph', text });
  const h = (level: 1 | 2, n: number, text: string): BodyBlock => ({ kind: 'heading', level, marker: level === 1 ? `${CN[n]}、` : `（${CN[n]}）`, text });
  const blocks: BodyBlock[] = [];
  const T = spec.topic;
  const self = selfWord(spec.issuer);
  let size = 0;
  const add = (b: BodyBlock) => {
    blocks.push(b);
    size += b.text.length;
  };
  const generic = () => fill(r.pick(GENERIC), spec, r);
  const sections = (titles: readonly string[], closing: string | null) => {
    let n = 0;
    while (size < spec.chars && n < titles.length) {
      add(h(1, n, titles[n]!));
      if (r.chance(0.5)) {
        for (let k = 0; k < r.int(1, 3) && size < spec.chars; k++) add(h(2, k, r.pick(SUBHEADINGS) + generic()));
      } else add(p(generic()));
      n++;
    }
    if (closing) add(p(closing));
  };
  switch (spec.docType) {
    case '请示':
      add(p(`${T}工作开展以来，${self}在县委、县政府的坚强领导下，认真贯彻落实上级决策部署，扎实推进各项工作，取得了阶段性成效。截至${spec.year}年${r.int(1, 11)}月底，已完成投资${r.int(50, 900)}万元，惠及群众${r.int(300, 9000)}户。`));
      add(p(`目前，${T}工作仍面临资金缺口较大、基础设施薄弱、专业力量不足等困难，尚有资金缺口${r.int(20, 600)}万元，仅靠${self}自身力量难以解决。`));
      while (size < spec.chars - 150) add(p(generic()));
      add(p(`为确保${T}工作按期完成，特申请县级财政补助资金${r.int(20, 600)}万元，专项用于${T}相关项目建设，${self}将严格按照专项资金管理规定使用，确保专款专用。`));
      add(p('妥否，请批示。'));
      break;
    case '报告':
      add(p(`按照县委、县政府关于${T}工作的部署要求，${self}高度重视、迅速行动，现将${spec.year}年${T}工作开展情况报告如下。`));
      sections(['主要工作开展情况', '存在的主要问题', '下一步工作打算'], '特此报告。');
      break;
    case '函':
      add(p(`因工作需要，${self}拟于近期开展${T}专项工作，需贵单位协助提供有关资料和数据。现将有关事项函告如下：`));
      while (size < spec.chars - 100) add(p(generic()));
      add(p(`请于${r.int(3, 10)}个工作日内将有关资料报送${self}，联系人：${r.pick(['王', '李', '张', '刘', '陈'])}${r.pick(['伟', '芳', '敏', '静', '磊'])}，联系电话：0xxx-${r.int(1000000, 9999999)}。`));
      add(p('请予支持为盼。'));
      break;
    case '批复':
      add(p(`你单位《关于${T}有关事项的请示》收悉。经研究，现批复如下：`));
      add(h(1, 0, `同意你单位${T}工作实施方案，项目所需资金由你单位统筹解决。`));
      add(h(1, 1, `请严格按照有关规定组织实施，加强项目管理和资金监管，确保工程质量和安全。`));
      while (size < spec.chars - 50) add(p(generic()));
      add(p('此复。'));
      break;
    case '纪要':
      add(p(`${spec.year}年${r.int(1, 12)}月${r.int(1, 28)}日，县委召开${T}工作专题会议，听取了有关单位工作情况汇报，研究部署了下一步工作。现将会议议定事项纪要如下：`));
      sections(['会议认为', '会议强调', '会议议定', '会议要求'], null);
      break;
    case '通报':
      add(p(`为推动${T}工作落实，${spec.year}年${r.int(1, 12)}月，县委督查室会同有关部门对全县${T}工作进行了专项督查。现将督查情况通报如下。`));
      sections(['总体情况', '存在问题', '工作要求'], null);
      break;
    case '意见':
      add(p(`为进一步加强和改进${T}工作，根据上级有关文件精神，结合我县实际，现提出如下意见。`));
      sections(['总体要求', '主要任务', '保障措施', '组织实施'], null);
      break;
    case '决定':
      add(p(`${spec.year}年，全县广大干部群众在${T}工作中担当作为、奋勇争先，涌现出一批先进集体和先进个人。为表彰先进、树立典型，经研究，决定对${r.int(5, 30)}个先进集体和${r.int(10, 80)}名先进个人予以通报表彰。`));
      while (size < spec.chars - 60) add(p(generic()));
      add(p(`希望受表彰的集体和个人珍惜荣誉、再接再厉，为推动全县${T}工作再上新台阶作出新的更大贡献。`));
      break;
    default: // 通知
      add(p(spec.attachment ? `现将《${spec.attachment}》印发给你们，请结合实际认真贯彻落实。` : `为深入贯彻落实上级关于${T}工作的部署要求，进一步推动${T}工作提质增效，经研究，现就有关事项通知如下。`));
      sections(HEADINGS.slice(r.int(0, 2)), `各乡镇、各部门要于${spec.year}年${r.int(1, 12)}月${r.int(1, 28)}日前将贯彻落实情况书面报送县委办公室。`);
  }
  // Earlier texts: the reviewer's 核稿 rewrote a paragraph, the first draft also lacked one.
  if (stage < 2 && blocks.length > 3) blocks[1] = { ...blocks[1]!, text: blocks[1]!.text.replace('，', '，（待核实）').replace('要', '应') };
  if (stage < 1 && blocks.length > 4) blocks.splice(blocks.length - 2, 1);
  return blocks;
}

function contentOf(spec: Spec, stage: number, facts: { signers?: string[]; issueDate: string; number?: { text: string; code: string; year: number; serial: number }; printingDate?: string; classification: string; urgency: string }, fixtures: string[]): GongwenDocument {
  const org = spec.issuer.orgName;
  const format = spec.format as GongwenDocument['format'];
  const markOf = format === '信函式' ? org : format === '纪要式' ? `${org}会议纪要` : `${org}文件`;
  const level = facts.classification === 'secret' ? '秘密' : facts.classification === 'confidential' ? '机密' : null;
  const urgency = facts.urgency === 'urgent' ? '加急' : facts.urgency === 'very_urgent' ? '特急' : null;
  const r = tools(mulberry32(spec.seed ^ 0x51ed));
  return {
    documentType: spec.docType as GongwenDocument['documentType'],
    format,
    elements: {
      ...(level ? { classification: { level, period: level === '秘密' ? '1年' : '5年' } } : {}),
      ...(urgency ? { urgency } : {}),
      issuerMark: markOf,
      ...(facts.number ? { documentNumber: { text: facts.number.text, issuerCode: facts.number.code, year: facts.number.year, serial: facts.number.serial } } : {}),
      ...(facts.signers?.length ? { signers: facts.signers } : {}),
      title: spec.title,
      primaryRecipients: spec.primary,
      body: bodyOf(spec, stage),
      ...(spec.attachment ? { attachmentNotes: [{ index: null, name: spec.attachment }], attachments: [{ index: null, title: spec.attachment, body: r.sample(fixtures, 1).map((text) => ({ kind: 'paragraph' as const, text })) }] } : {}),
      issuerSignatures: [org],
      issueDate: facts.issueDate,
      sealed: format !== '纪要式',
      ...(spec.copy.length ? { copyRecipients: spec.copy } : {}),
      ...(facts.printingDate ? { printingOrgan: spec.issuer.kind === 'committee' ? '中共××县委办公室' : org, printingDate: facts.printingDate } : {}),
    },
  };
}

// ---- plans ------------------------------------------------------------------------------------------

interface Ev {
  action: string;
  at: number;
  from: string;
  to: string;
  actor: string | null;
  comment?: string | null;
  data?: Record<string, unknown> | null;
  version?: number | null;
}

interface Party {
  kind: string;
  user: string | null;
  unit: string | null;
  seq: number;
  round: number;
  status: string;
  opinion: string | null;
  actedBy: string | null;
  actedAt: number | null;
  created: number;
}

interface Recipient {
  unit: UnitInfo | null;
  name: string;
  kind: 'primary' | 'copy';
  copies: number;
  incoming: InPlan | null;
}

interface OutPlan {
  id: string;
  seed: number;
  issuer: UnitInfo;
  spec: Spec;
  classification: string;
  urgency: string;
  important: boolean;
  created: number;
  state: string;
  events: Ev[];
  parties: Party[];
  drafter: string;
  reviewer: string | null;
  clerk: string;
  signedAt: number | null;
  signers: string[];
  registerAt: number | null;
  sealedAt: number | null;
  issuedAt: number | null;
  archivedAt: number | null;
  retention: string | null;
  overrideReason: string | null;
  versions: { no: number; stage: number; step: string; at: number; author: string }[];
  number: { year: number; serial: number; text: string } | null;
  recipients: Recipient[];
  copies: number | null;
  comments: { at: number; author: string; text: string; element: string; quote: string; resolved: number | null }[];
}

interface InPlan {
  id: string;
  seed: number;
  unit: UnitInfo;
  source: OutPlan | null;
  /** Outside mail: 来文单位, its 发文字号, title, 文种. */
  sender: string;
  numberText: string | null;
  title: string;
  docType: string;
  classification: string;
  urgency: string;
  important: boolean;
  created: number;
  createdBy: string;
  state: string;
  events: Ev[];
  parties: Party[];
  receivedAt: number | null;
  receivedBy: string | null;
  receivedVia: string;
  copies: number;
  serial: { year: number; no: number } | null;
  proposal: string | null;
  leadUnit: UnitInfo | null;
  deadline: string | null;
  chaser: string | null;
  outcome: string | null;
  reply: string | null;
  concludedAt: number | null;
  archivedAt: number | null;
  archivedBy: string | null;
  retention: string | null;
  returnedAt: number | null;
  returnReason: string | null;
  scans: number;
}

export function generateDocuments(input: DocumentsInput): DocumentsResult {
  const t0 = performance.now();
  const { sqlite, rows, now: NOW, committee, office, departments, townships, villages, displayName } = input;
  const rnd = mulberry32((input.seed ^ 0x0d0c5eed) >>> 0);
  const R = tools(rnd);
  const { pick, between, int, chance, weighted, sample } = R;
  const iso = (ms: number) => new Date(ms).toISOString();
  const dateOf = (ms: number) => toShanghaiDate(new Date(ms));
  const yearOf = (ms: number) => Number(dateOf(ms).slice(0, 4));
  const nameOf = (id: string | null) => (id ? displayName.get(id) ?? '' : '系统');
  const fixtures = fixtureParagraphs();
  const active = (ids: readonly string[]) => ids.filter((id) => !input.disabledUsers.has(id));
  const deptTown = [...departments, ...townships];
  const unitById = new Map([committee, office, ...deptTown, ...villages].map((u) => [u.id, u]));

  /** Office hours (08:30–18:00 in Asia/Shanghai): a step taken at night moves to the next morning. */
  const workTime = (ms: number) => {
    const h = (((ms + 8 * HOUR) % DAY) + DAY) % DAY / HOUR;
    if (h >= 8.5 && h < 18) return ms;
    const toMorning = h < 8.5 ? 8.5 - h : 24 - h + 8.5;
    return ms + toMorning * HOUR + rnd() * 90 * MIN;
  };

  // ---- who does what ----------------------------------------------------------------------------
  const officeClerks = input.officeStaff.slice(6, 12).concat(input.docClerkId); // the 文书
  const officeSupervisors = input.officeStaff.slice(0, 6); // 督查: 催办
  const officePrincipal = office.principal!;
  const committeeLeaders = input.leaders;
  const issuers: [UnitInfo, number][] = [[committee, 0.03], [office, 0.07], ...departments.map((d): [UnitInfo, number] => [d, 0.52 / departments.length]), ...townships.map((t): [UnitInfo, number] => [t, 0.38 / townships.length])];
  /** The clerks the server counts for a unit: its office/unit-role users; the 办公室's for the 县委. */
  const clerkCache = new Map<UnitInfo, string[]>();
  const docClerksOf = (u: UnitInfo): string[] => {
    let c = clerkCache.get(u);
    if (!c) clerkCache.set(u, (c = active(u === committee || u === office ? input.officeStaff.concat(input.docClerkId) : u.clerks)));
    return c;
  };
  const clerkOf = (u: UnitInfo) => (u === committee || u === office ? pick(officeClerks) : pick(u.clerks.length ? u.clerks : u.members));
  const leadersOf = (u: UnitInfo): string[] => (u === committee ? committeeLeaders : u === office ? [officePrincipal] : u.kind === 'village' ? [u.members[0]!] : [u.members[2]!, u.members[3]!]);
  const drafterOf = (u: UnitInfo) => (u === committee || u === office ? pick(input.officeStaff.slice(6).concat(input.docClerkId).filter((x) => x !== officePrincipal)) : pick(u.members.filter((m, i) => i !== 2 && i !== 3)));
  const reviewerOf = (u: UnitInfo, drafter: string) => {
    const pool = u === committee || u === office ? officeClerks : u.clerks;
    const others = pool.filter((x) => x !== drafter);
    return others.length ? pick(others) : pick(u.members.filter((m) => m !== drafter));
  };
  const shortName = (u: UnitInfo) => u.name.replace(/^中共××县委员会$/, '县委');
  const groupRecipients = (units: UnitInfo[]) => {
    const d = units.filter((u) => u.kind === 'department').length;
    const t = units.filter((u) => u.kind === 'township').length;
    const v = units.filter((u) => u.kind === 'village').length;
    const names: string[] = [];
    if (t) names.push(t === townships.length ? '各乡镇党委' : units.filter((u) => u.kind === 'township').map((u) => `${u.name}党委`).join('、'));
    if (d) names.push(d === departments.length ? '县委各部委，县直各单位党组（党委）' : units.filter((u) => u.kind === 'department').map((u) => u.name).join('、'));
    if (v) names.push('各村党支部');
    return names.length ? names.join('，').split('，') : units.map((u) => u.name);
  };

  const states: Record<string, number> = {};
  const count = (dir: string, state: string) => (states[`${dir}:${state}`] = (states[`${dir}:${state}`] ?? 0) + 1);
  const incomingTarget = Math.round(input.count * 0.6);
  const outgoingCount = input.count - incomingTarget;

  // ---- outgoing plans ----------------------------------------------------------------------------
  // At any moment only the last days' documents are still moving (about 110 a day county-wide, a week
  // from 拟稿 to 印发), and the last couple of months' wait to be archived.
  const OUT_FINAL: [string, number][] = [
    ['archived', 0.9015], ['issued', 0.04], ['rejected', 0.015], ['cancelled', 0.025], ['drafting', 0.005], ['reviewing', 0.004],
    ['countersigning', 0.0015], ['signing', 0.004], ['numbering', 0.0015], ['sealing', 0.001], ['distributing', 0.0015],
  ];
  const ORDER = ['drafting', 'reviewing', 'countersigning', 'signing', 'numbering', 'sealing', 'distributing', 'issued', 'archived'];
  const reached = (final: string, s: string) => ORDER.indexOf(final) >= ORDER.indexOf(s);

  const outPlans: OutPlan[] = [];
  for (let i = 0; i < outgoingCount; i++) {
    const issuer = weighted(issuers);
    const final = weighted(OUT_FINAL);
    const open = !['archived', 'rejected', 'cancelled'].includes(final);
    const created = Math.floor(
      final === 'issued' ? NOW - between(1, 75) * DAY : open ? NOW - (chance(0.9) ? between(0.1, 12) : between(12, 60)) * DAY : NOW - between(3, 3 * 365) * DAY,
    );
    // What it is and where it goes.
    type Kind = 'up' | 'up_out' | 'letter' | 'broad' | 'down' | 'out';
    const high = issuer === committee || issuer === office;
    const kind: Kind = high
      ? weighted<Kind>([['broad', issuer === committee ? 0.06 : 0.03], ['down', issuer === committee ? 0.6 : 0.5], ['letter', 0.2], ['out', 0.1]])
      : issuer.kind === 'department'
        ? weighted<Kind>([['up', 0.24], ['up_out', 0.25], ['letter', 0.2], ['broad', 0.01], ['out', 0.3]])
        : weighted<Kind>([['up', 0.3], ['up_out', 0.25], ['letter', 0.17], ['broad', 0.015], ['out', 0.265]]);
    const docType =
      kind === 'up' || kind === 'up_out' || (kind === 'out' && high)
        ? weighted([['请示', 0.45], ['报告', 0.55]])
        : kind === 'out'
          ? weighted([['通知', 0.5], ['函', 0.25], ['通报', 0.1], ['报告', 0.15]])
        : kind === 'letter'
          ? weighted([['函', 0.8], ['通知', 0.2]])
          : kind === 'broad'
            ? weighted([['通知', 0.6], ['意见', 0.12], ['通报', 0.14], ['决定', 0.06], ['纪要', 0.08]])
            : weighted([['通知', 0.45], ['批复', 0.25], ['通报', 0.12], ['纪要', 0.1], ['意见', 0.08]]);
    const format = docType === '函' ? '信函式' : docType === '纪要' ? '纪要式' : '文件式';
    const topic = pick(DOC_TOPICS);
    const year = yearOf(created);
    const recipients: Recipient[] = [];
    const internal = (u: UnitInfo, k: 'primary' | 'copy' = 'primary') => recipients.push({ unit: u, name: u.name, kind: k, copies: int(1, 3), incoming: null });
    const outside = (name: string, k: 'primary' | 'copy' = 'primary') => recipients.push({ unit: null, name, kind: k, copies: int(1, 2), incoming: null });
    let others: UnitInfo[] = [];
    if (kind === 'up') internal(chance(0.6) ? committee : office);
    else if (kind === 'up_out' || (kind === 'out' && (high || docType === '报告'))) outside(pick(OUTSIDE_RECIPIENTS));
    else if (kind === 'out') outside(pick(OUTSIDE_GROUPS));
    else if (kind === 'letter') {
      others = sample(deptTown.filter((u) => u !== issuer), chance(0.7) ? 1 : int(2, 3));
      others.forEach((u) => internal(u));
    } else if (kind === 'broad') {
      others = high ? deptTown : issuer.kind === 'department' ? townships : issuer.children;
      others.forEach((u) => internal(u));
      if (high) outside('中共××市委办公室', 'copy');
    } else {
      others = sample(deptTown, int(1, 3));
      others.forEach((u) => internal(u));
    }
    if ((kind === 'up' || kind === 'letter') && chance(0.2)) internal(kind === 'up' ? (recipients[0]!.unit === committee ? office : committee) : office, 'copy');
    const target = kind === 'up' ? (recipients[0]!.unit === committee ? '县委' : '县委办公室') : others[0] ? shortName(others[0]) : '';
    const attachment = docType === '通知' && chance(0.3) ? `××县${topic}工作实施方案` : null;
    const titles: Record<string, string[]> = {
      通知: attachment ? [`关于印发《${attachment}》的通知`] : [`关于做好${year}年${topic}工作的通知`, `关于开展${topic}专项行动的通知`, `关于召开全县${topic}工作推进会的通知`, `关于进一步加强${topic}工作的通知`, `关于调整${topic}工作领导小组成员的通知`],
      请示: [`关于${shortName(issuer)}申请${topic}专项资金的请示`, `关于${topic}有关事项的请示`, `关于${shortName(issuer)}${topic}项目立项的请示`],
      报告: [`关于${year}年${topic}工作情况的报告`, `关于${shortName(issuer)}${topic}工作开展情况的报告`, `关于${topic}问题整改情况的报告`],
      函: [`关于商请协助开展${topic}工作的函`, `关于征求《${topic}工作方案（征求意见稿）》意见的函`, `关于提供${topic}有关资料的函`],
      通报: [`关于${year}年第${CN[int(0, 3)]}季度${topic}工作督查情况的通报`, `关于${topic}工作进展情况的通报`],
      意见: [`关于进一步加强${topic}工作的实施意见`, `关于推进${topic}工作高质量发展的意见`],
      批复: [`关于同意${target}${topic}实施方案的批复`, `关于${target}${topic}有关事项的批复`],
      纪要: [`${topic}工作专题会议纪要`],
      决定: [`关于表彰${year - 1}年度${topic}工作先进集体和先进个人的决定`],
    };
    const title = (chance(0.35) && format === '文件式' ? issuer.orgName : '') + pick(titles[docType]!);
    const seed = Math.floor(rnd() * 2 ** 31);
    const spec: Spec = {
      docType, format, title, topic, issuer, year, seed, attachment,
      primary: recipients.filter((r) => r.kind === 'primary').length > 6 ? groupRecipients(recipients.filter((r) => r.kind === 'primary' && r.unit).map((r) => r.unit!)) : recipients.filter((r) => r.kind === 'primary').map((r) => r.name),
      copy: recipients.filter((r) => r.kind === 'copy').map((r) => r.name),
      chars: attachment ? int(250, 600) : int(550, 1300),
    };
    const classification = weighted([['none', 0.88], ['secret', 0.09], ['confidential', 0.03]]);
    const urgency = weighted([['normal', 0.8], ['urgent', 0.15], ['very_urgent', 0.05]]);
    const important = kind === 'broad' || chance(0.05);
    const drafter = drafterOf(issuer);
    const reviewer = reviewerOf(issuer, drafter);
    const clerk = clerkOf(issuer);
    const upward = docType === '请示' || docType === '报告';
    // 签发: the head for 上行文 and important documents; a 县委 leader (often the measured one) otherwise.
    const signers =
      issuer === committee
        ? upward || important ? [committeeLeaders[1]!] : [pick([input.benchLeaderId, input.benchLeaderId, ...committeeLeaders.slice(1)])]
        : issuer === office
          ? [officePrincipal]
          : upward || important ? [issuer.principal!] : [pick(leadersOf(issuer))];
    if (!upward && chance(0.08) && issuer !== office) signers.push(pick(leadersOf(issuer).filter((l) => !signers.includes(l))) ?? signers[0]!);
    const uniqueSigners = [...new Set(signers)];
    // 会签: other units (their clerks act) for a quarter of the 县委's and a tenth of the others' documents.
    const countersignUnits = final === 'countersigning' || chance(high ? 0.25 : 0.1) ? sample(departments.filter((d) => d !== issuer), int(1, 3)) : [];

    // The steps, forward from creation.
    const ev: Ev[] = [];
    const parties: Party[] = [];
    const versions: OutPlan['versions'] = [];
    const comments: OutPlan['comments'] = [];
    let t = created;
    const step = (minH: number, maxH: number) => (t = workTime(t + between(minH, maxH) * HOUR));
    let state = 'drafting';
    const go = (action: string, to: string, actor: string, extra: Partial<Ev> = {}) => {
      ev.push({ action, at: Math.floor(t), from: state, to, actor, ...extra });
      state = to;
    };
    // The drafter starts from a finished text (typed or a .docx read in), kept as version 1.
    ev.push({ action: 'create', at: created, from: '', to: 'drafting', actor: drafter, data: { docType, format }, version: 1 });
    versions.push({ no: 1, stage: 0, step: '拟稿', at: created, author: drafter });
    let round = 0;
    const loops = final === 'drafting' ? 1 : chance(0.12) ? 1 : 0;
    const submit = () => {
      step(0.5, 30);
      round++;
      const vNo = versions.length;
      for (const [k, u] of countersignUnits.entries()) parties.push({ kind: 'countersign', user: null, unit: u.id, seq: k, round, status: 'waiting', opinion: null, actedBy: null, actedAt: null, created: Math.floor(t) });
      for (const [k, u] of uniqueSigners.entries()) parties.push({ kind: 'signer', user: u, unit: null, seq: k, round, status: 'waiting', opinion: null, actedBy: null, actedAt: null, created: Math.floor(t) });
      go('submit', 'reviewing', drafter, { comment: chance(0.3) ? '请审核' : null, data: { reviewerId: reviewer, signerIds: uniqueSigners, countersigners: countersignUnits.length }, version: vNo });
    };
    const endRound = () => {
      for (const p of parties) if (p.round === round && (p.status === 'waiting' || p.status === 'pending')) p.status = 'cancelled';
    };
    let done = false;
    if (final === 'cancelled') {
      if (chance(0.5)) {
        submit();
        step(1, 24);
        endRound();
        go('review_return', 'drafting', reviewer, { comment: '请按批注修改后再报。' });
      }
      step(2, 72);
      go('cancel', 'cancelled', drafter, { comment: '该事项已另行行文，撤销本稿。' });
      done = true;
    }
    for (let k = 0; k < loops && !done; k++) {
      submit();
      step(1, 24);
      if (chance(0.5)) comments.push({ at: Math.floor(t), author: reviewer, element: 'body[1]', quote: '待核实', text: '请核实数据来源后再报', resolved: null });
      endRound();
      go('review_return', 'drafting', reviewer, { comment: '请按批注修改后再报。' });
    }
    if (final === 'drafting') done = true;
    if (!done) {
      submit();
      if (final === 'reviewing') done = true;
    }
    if (!done && final === 'rejected') {
      step(1, 24);
      endRound();
      go('review_reject', 'rejected', reviewer, { comment: '不符合行文规则，不予发文。' });
      done = true;
    }
    let signedAt: number | null = null;
    if (!done) {
      step(1, 24);
      if (chance(0.4)) {
        versions.push({ no: versions.length + 1, stage: 1, step: '核稿', at: Math.floor(t), author: reviewer });
        if (chance(0.3)) comments.push({ at: Math.floor(t), author: reviewer, element: 'title', quote: title.slice(-6), text: '标题请再斟酌', resolved: Math.floor(t) + 2 * HOUR });
      }
      const cs = parties.filter((p) => p.round === round && p.kind === 'countersign');
      const sg = parties.filter((p) => p.round === round && p.kind === 'signer');
      const toCs = cs.length > 0;
      for (const p of toCs ? cs : sg) p.status = 'pending';
      go('review_pass', toCs ? 'countersigning' : 'signing', reviewer, { comment: chance(0.5) ? '文稿已核，同意报签。' : null, version: versions.length });
      if (toCs) {
        const actNow = final === 'countersigning' ? int(0, cs.length - 1) : cs.length;
        for (const [k, p] of cs.entries()) {
          if (k >= actNow) break;
          step(2, 48);
          const u = unitById.get(p.unit!)!;
          const actor = pick(u.clerks.length ? u.clerks : u.members);
          Object.assign(p, { status: 'agreed', opinion: '同意。', actedBy: actor, actedAt: Math.floor(t) });
          const last = k === cs.length - 1;
          if (last) for (const s of sg) s.status = 'pending';
          go('countersign_agree', last ? 'signing' : 'countersigning', actor, { comment: '会签同意，无修改意见。' });
        }
        if (final === 'countersigning') done = true;
      }
      if (!done) {
        const actNow = final === 'signing' ? int(0, sg.length - 1) : sg.length;
        for (const [k, p] of sg.entries()) {
          if (k >= actNow) break;
          step(2, 72);
          const last = k === sg.length - 1;
          Object.assign(p, { status: 'agreed', opinion: upward ? '同意上报。' : '同意印发。', actedBy: p.user, actedAt: Math.floor(t) });
          if (last) {
            signedAt = Math.floor(t);
            versions.push({ no: versions.length + 1, stage: 2, step: '签发', at: signedAt, author: drafter });
          }
          go('sign', last ? 'numbering' : 'signing', p.user!, { comment: p.opinion, version: last ? versions.length : null });
        }
        if (final === 'signing') done = true;
      }
    }
    let registerAt: number | null = null;
    let sealedAt: number | null = null;
    let issuedAt: number | null = null;
    let archivedAt: number | null = null;
    let copies: number | null = null;
    if (!done && reached(final, 'sealing')) {
      step(1, 24);
      registerAt = Math.floor(t);
      copies = recipients.reduce((s, r) => s + r.copies, 0) + int(2, 10);
      go('register', 'sealing', clerk, { data: { copies, recipients: recipients.length } });
      if (reached(final, 'distributing')) {
        step(0.3, 8);
        sealedAt = Math.floor(t);
        go('seal', 'distributing', clerk);
      }
      if (reached(final, 'issued')) {
        step(0.3, 24);
        issuedAt = Math.floor(t);
        go('issue', 'issued', clerk, { data: { internal: recipients.filter((r) => r.unit).length, outside: recipients.filter((r) => !r.unit).length } });
      }
      if (final === 'archived') {
        t = workTime(t + between(7, 150) * DAY);
        archivedAt = Math.floor(t);
        go('archive', 'archived', clerk);
      }
    }
    if (state !== final) throw new Error(`generator bug: outgoing ${final} replayed to ${state}`);
    // Squeeze anything that ran past now back into the time since creation.
    const last = ev[ev.length - 1]!.at;
    const limit = NOW - 10 * MIN;
    const squeeze = (x: number | null) => (x === null || last <= limit ? x : Math.floor(created + ((x - created) * (limit - created)) / (last - created)));
    if (last > limit) {
      for (const e of ev) e.at = squeeze(e.at)!;
      for (const p of parties) {
        p.actedAt = squeeze(p.actedAt);
        p.created = squeeze(p.created)!;
      }
      for (const v of versions) v.at = squeeze(v.at)!;
      for (const c of comments) {
        c.at = squeeze(c.at)!;
        c.resolved = squeeze(c.resolved);
      }
      signedAt = squeeze(signedAt);
      registerAt = squeeze(registerAt);
      sealedAt = squeeze(sealedAt);
      issuedAt = squeeze(issuedAt);
      archivedAt = squeeze(archivedAt);
    }
    if (signedAt !== null) spec.year = yearOf(signedAt);
    outPlans.push({
      id: uuidv7At(created), seed, issuer, spec, classification, urgency, important, created, state: final, events: ev, parties, drafter, reviewer: round > 0 ? reviewer : null, clerk,
      signedAt, signers: uniqueSigners, registerAt, sealedAt, issuedAt, archivedAt, retention: archivedAt ? weighted([['permanent', 0.2], ['30y', 0.5], ['10y', 0.3]]) : null,
      overrideReason: null, versions, number: null, recipients: registerAt ? recipients : [], copies, comments,
    });
  }

  // 发文字号: per issuer and year, in the order the documents were registered.
  const numbered = outPlans.filter((p) => p.registerAt !== null).sort((a, b) => a.registerAt! - b.registerAt!);
  const serials = new Map<string, number>();
  for (const p of numbered) {
    const year = yearOf(p.registerAt!);
    const key = `${p.issuer.issuerCode}|${year}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    p.number = { year, serial, text: `${p.issuer.issuerCode}〔${year}〕${serial}号` };
  }

  // ---- incoming plans -----------------------------------------------------------------------------
  const inPlans: InPlan[] = [];
  // Where an incoming document stands, by age: 签收 within a day, most handled within a month, archived within months.
  const IN_BY_AGE = (ageDays: number, copy: boolean): [string, number][] =>
    ageDays < 2
      ? [['pending_receipt', copy ? 0.3 : 0], ['registered', 0.1], ['proposing', 0.1], ['instructing', 0.2], ['handling', 0.25], ['concluded', 0.05]]
      : ageDays < 30
        ? [['pending_receipt', copy ? 0.01 : 0], ['registered', 0.01], ['proposing', 0.01], ['instructing', 0.05], ['handling', 0.3], ['concluded', 0.5], ['archived', 0.1], ['returned', 0.02]]
        : ageDays < 180
          ? [['instructing', 0.003], ['handling', 0.03], ['concluded', 0.35], ['archived', 0.61], ['returned', 0.007]]
          : [['handling', 0.001], ['concluded', 0.02], ['archived', 0.97], ['returned', 0.009]];

  const planIncoming = (unit: UnitInfo, source: OutPlan | null, created: number, outside: { sender: string; number: string; title: string; docType: string; classification: string; urgency: string } | null): InPlan => {
    const age = (NOW - created) / DAY;
    let final = weighted(IN_BY_AGE(age, source !== null));
    // A village has no leader to give 批示: it handles what it receives itself.
    if (unit.kind === 'village' && final === 'instructing') final = 'handling';
    const recipientClerks = unit === committee || unit === office ? officeClerks : unit.clerks.length ? unit.clerks : [unit.members[0]!];
    const clerk = pick(recipientClerks);
    const high = unit === committee || unit === office;
    const ev: Ev[] = [];
    const parties: Party[] = [];
    let t = created;
    let state = source ? 'pending_receipt' : 'registered';
    const step = (minH: number, maxH: number) => (t = workTime(t + between(minH, maxH) * HOUR));
    const go = (action: string, to: string, actor: string | null, extra: Partial<Ev> = {}) => {
      ev.push({ action, at: Math.floor(t), from: state, to, actor, ...extra });
      state = to;
    };
    const p: InPlan = {
      id: uuidv7At(created), seed: Math.floor(rnd() * 2 ** 31), unit, source,
      sender: source ? source.issuer.name : outside!.sender, numberText: source ? source.number!.text : outside!.number,
      title: source ? source.spec.title : outside!.title, docType: source ? source.spec.docType : outside!.docType,
      classification: source ? source.classification : outside!.classification, urgency: source ? source.urgency : outside!.urgency,
      important: source ? source.important : chance(0.05), created, createdBy: source ? source.clerk : clerk, state: final, events: ev, parties,
      receivedAt: source ? null : created, receivedBy: source ? null : clerk, receivedVia: source ? '电子公文' : pick(RECEIVED_VIA),
      copies: source ? source.recipients.find((r) => r.unit === unit)?.copies ?? 1 : int(1, 5), serial: null, proposal: null, leadUnit: null, deadline: null,
      chaser: null, outcome: null, reply: null, concludedAt: null, archivedAt: null, archivedBy: null, retention: null, returnedAt: null, returnReason: null,
      scans: source ? 0 : chance(0.6) ? int(1, 2) : 0,
    };
    if (source) ev.push({ action: 'dispatched', at: created, from: '', to: 'pending_receipt', actor: source.clerk, comment: `${source.issuer.name}来文 ${source.number!.text}`, data: { sourceDocumentId: source.id } });
    else ev.push({ action: 'register_incoming', at: created, from: '', to: 'registered', actor: clerk, data: { receivedVia: p.receivedVia, copies: p.copies } });
    const finish = () => {
      if (state !== final) throw new Error(`generator bug: incoming ${final} replayed to ${state}`);
      const last = ev[ev.length - 1]!.at;
      const limit = Math.max(NOW - 5 * MIN, created + 1);
      if (last <= limit) return;
      const squeeze = (x: number | null) => (x === null ? null : Math.floor(created + ((x - created) * (limit - created)) / (last - created)));
      for (const e of ev) e.at = squeeze(e.at)!;
      for (const x of parties) {
        x.actedAt = squeeze(x.actedAt);
        x.created = squeeze(x.created)!;
      }
      p.receivedAt = squeeze(p.receivedAt);
      p.returnedAt = squeeze(p.returnedAt);
      p.concludedAt = squeeze(p.concludedAt);
      p.archivedAt = squeeze(p.archivedAt);
    };
    if (final === 'pending_receipt') return finish(), p;
    if (final === 'returned' && (source ? chance(0.7) : true)) {
      step(1, 30);
      p.returnedAt = Math.floor(t);
      p.returnReason = '非本单位职责范围，予以退回。';
      go('return_to_sender', 'returned', clerk, { comment: p.returnReason });
      return finish(), p;
    }
    if (source) {
      step(0.3, 24);
      p.receivedAt = Math.floor(t);
      p.receivedBy = clerk;
      go('receive', 'registered', clerk);
    }
    if (final === 'returned') {
      step(1, 30);
      p.returnedAt = Math.floor(t);
      p.returnReason = '来文内容与本单位职能不符，予以退回。';
      go('return_to_sender', 'returned', clerk, { comment: p.returnReason });
      return finish(), p;
    }
    if (final === 'registered') return finish(), p;
    step(0.2, 8);
    go('accept', 'proposing', clerk);
    if (final === 'proposing') return finish(), p;
    step(1, 24);
    // 拟办: leaders to instruct (most), a lead unit straight away, or 阅知 only.
    const village = unit.kind === 'village';
    const mode = final === 'concluded' || final === 'archived' ? weighted([['instruct', village ? 0 : 0.55], ['lead', 0.25], ['info', 0.2]]) : final === 'instructing' ? 'instruct' : weighted([['instruct', village ? 0 : 0.65], ['lead', 0.35]]);
    const leaderPool = active(leadersOf(unit));
    const instructors = mode === 'instruct' ? (high ? sample(leaderPool, int(1, 3)) : sample(leaderPool, chance(0.7) ? 1 : 2)) : [];
    if (high && mode === 'instruct' && !instructors.includes(input.benchLeaderId) && chance(0.3)) instructors[0] = input.benchLeaderId;
    const sequential = chance(0.6);
    const readerPool = high ? committeeLeaders.filter((l) => !instructors.includes(l)) : active(unit.members.slice(2, 12));
    const readers = mode !== 'lead' && chance(0.4) ? sample(readerPool, int(1, 3)) : [];
    const coop = mode !== 'info' && chance(0.15) ? sample(deptTown.filter((u) => u !== unit), int(1, 2)) : [];
    // 承办: the 县委's mail goes to a department or township, or stays with the office; a unit handles its own.
    const lead = mode === 'info' || !high ? null : chance(0.6) ? pick(deptTown) : office;
    const deadline = mode !== 'info' && (p.urgency !== 'normal' || chance(0.35)) ? dateOf(workTime(t + between(5, 25) * DAY)) : null;
    const chaser = deadline && (p.urgency !== 'normal' || p.important) ? (high ? pick(officeSupervisors) : pick(recipientClerks)) : null;
    const round = 1;
    instructors.forEach((u, k) => parties.push({ kind: 'instructor', user: u, unit: null, seq: sequential ? k : 0, round, status: !sequential || k === 0 ? 'pending' : 'waiting', opinion: null, actedBy: null, actedAt: null, created: Math.floor(t) }));
    readers.forEach((u, k) => parties.push({ kind: 'reader', user: u, unit: null, seq: k, round, status: 'pending', opinion: null, actedBy: null, actedAt: null, created: Math.floor(t) }));
    coop.forEach((u, k) => parties.push({ kind: 'coop_unit', user: null, unit: u.id, seq: k, round, status: 'pending', opinion: null, actedBy: null, actedAt: null, created: Math.floor(t) }));
    const leadName = lead ? lead.name : unit.name;
    p.proposal = instructors.length ? `拟请${instructors.map(nameOf).join('、')}同志阅示，由${leadName}承办。` : mode === 'info' ? '阅知件，拟送有关领导阅知。' : `拟由${leadName}承办，按期报送办理结果。`;
    p.leadUnit = lead;
    p.deadline = deadline;
    p.chaser = chaser;
    const toAfterPropose = instructors.length ? 'instructing' : mode === 'info' ? 'concluded' : 'handling';
    go('propose', toAfterPropose, clerk, { comment: p.proposal, data: { instructors: instructors.length, mode: sequential ? 'sequential' : 'parallel', readers: readers.length, coopUnits: coop.length, deadline } });
    if (mode === 'info') {
      p.outcome = '阅知件，已按拟办意见分送阅知';
      p.concludedAt = Math.floor(t);
    }
    const readSome = (share: number) => {
      for (const r of parties.filter((x) => x.kind === 'reader' && x.status === 'pending')) {
        if (!chance(share)) continue;
        step(1, 48);
        Object.assign(r, { status: 'done', actedBy: r.user, actedAt: Math.floor(t) });
        go('read', state, r.user);
      }
    };
    if (instructors.length) {
      const ins = parties.filter((x) => x.kind === 'instructor');
      const actNow = final === 'instructing' ? int(0, ins.length - 1) : ins.length;
      for (const [k, x] of ins.entries()) {
        if (k >= actNow) break;
        step(2, 72);
        const opinion = pick([`请${leadName}认真研究落实，按期报送办理情况。`, '同意拟办意见。', '阅。请按要求抓好落实。', `请${leadName}牵头，会同有关单位抓紧办理。`]);
        Object.assign(x, { status: 'done', opinion, actedBy: x.user, actedAt: Math.floor(t) });
        const next = ins[k + 1];
        if (next && next.status === 'waiting') next.status = 'pending';
        go('instruct', k === ins.length - 1 ? 'handling' : 'instructing', x.user, { comment: opinion });
      }
      if (final === 'instructing') return readSome(0.4), finish(), p;
    }
    readSome(final === 'handling' ? 0.5 : 0.95);
    if (state === 'handling') {
      for (const c of parties.filter((x) => x.kind === 'coop_unit')) {
        if (final === 'handling' && chance(0.5)) continue;
        step(4, 96);
        const u = unitById.get(c.unit!)!;
        const actor = pick(u.clerks.length ? u.clerks : u.members);
        Object.assign(c, { status: 'done', opinion: '我单位将积极配合做好相关工作。', actedBy: actor, actedAt: Math.floor(t) });
        go('contribute', 'handling', actor, { comment: c.opinion });
      }
      if (chaser && chance(0.4)) {
        step(24, 120);
        go('remind', 'handling', chaser, { comment: '请抓紧办理，按期报送办理结果。', data: { notified: 2 } });
      }
      if (final === 'handling') return finish(), p;
      t = workTime(t + between(2, 20) * DAY);
      const handler = lead ? pick(lead.clerks.length ? lead.clerks : officeClerks) : clerk;
      p.outcome = `已按要求落实${pick(['，相关情况已书面报送', '，建立长效机制', '到位，形成专题报告'])}。`;
      p.reply = p.docType === '请示' || p.docType === '函' ? (chance(0.5) ? '经研究，同意来文所提事项，请按程序抓好落实。' : null) : null;
      p.concludedAt = Math.floor(t);
      go('conclude', 'concluded', handler, { comment: p.outcome });
    }
    if (final === 'archived') {
      t = workTime(t + between(5, 120) * DAY);
      p.archivedAt = Math.floor(t);
      p.archivedBy = clerk;
      p.retention = weighted([['permanent', 0.1], ['30y', 0.4], ['10y', 0.5]]);
      go('archive', 'archived', clerk);
    }
    return finish(), p;
  };

  // Copies of what was issued to the county's own units.
  for (const o of outPlans) {
    if (o.issuedAt === null) continue;
    for (const r of o.recipients) if (r.unit) inPlans.push((r.incoming = planIncoming(r.unit, o, o.issuedAt, null)));
  }
  const copies = inPlans.length;
  // Outside mail registered by hand: to the 县委 (its office registers it), departments and townships.
  const outsideCount = Math.max(0, incomingTarget - copies);
  for (let i = 0; i < outsideCount; i++) {
    const unit = weighted<UnitInfo>([[committee, 0.35], ...departments.map((d): [UnitInfo, number] => [d, 0.45 / departments.length]), ...townships.map((t): [UnitInfo, number] => [t, 0.18 / townships.length]), ...villages.slice(0, 50).map((v): [UnitInfo, number] => [v, 0.02 / 50])]);
    const created = Math.floor(Math.min(workTime(NOW - between(0.05, 3 * 365) * DAY), NOW - 30 * MIN));
    const [sender, code] = pick(OUTSIDE_SENDERS);
    const topic = pick(DOC_TOPICS);
    const year = yearOf(created);
    const docType = weighted([['通知', 0.6], ['通报', 0.12], ['意见', 0.1], ['函', 0.1], ['批复', 0.08]]);
    const scope = sender.includes('省') ? '全省' : sender.includes('县') ? '全县' : '全市';
    const title = pick({
      通知: [`关于做好${year}年${topic}工作的通知`, `关于开展${topic}专项行动的通知`, `关于印发《${scope}${topic}工作方案》的通知`, `关于召开${scope}${topic}工作会议的通知`],
      通报: [`关于${scope}${topic}工作情况的通报`],
      意见: [`关于进一步加强${topic}工作的意见`],
      函: [`关于征求${topic}有关意见的函`, `关于协助做好${topic}工作的函`],
      批复: [`关于××县${topic}有关事项的批复`],
    }[docType]!);
    inPlans.push(planIncoming(unit, null, created, {
      sender, number: `${code}〔${year}〕${int(1, 300)}号`, title: (chance(0.3) ? sender : '') + title, docType,
      classification: weighted([['none', 0.85], ['secret', 0.12], ['confidential', 0.03]]), urgency: weighted([['normal', 0.75], ['urgent', 0.2], ['very_urgent', 0.05]]),
    }));
  }

  // 收文编号: per receiving unit and year, in the order they were signed for or registered.
  const inSerials = new Map<string, number>();
  for (const p of inPlans.filter((x) => x.receivedAt !== null).sort((a, b) => a.receivedAt! - b.receivedAt!)) {
    const year = yearOf(p.receivedAt!);
    const key = `incoming:${p.unit.id}|${year}`;
    const no = (inSerials.get(key) ?? 0) + 1;
    inSerials.set(key, no);
    p.serial = { year, no };
  }

  // ---- writing ------------------------------------------------------------------------------------
  // The documents tables are empty: their secondary indexes are dropped for the load and rebuilt from
  // the very SQL the migration created them with (a sorted build instead of millions of B-tree inserts;
  // the unique ones check the data on the way back).
  const DOC_TABLES = ['documents', 'document_versions', 'document_participants', 'document_distributions', 'document_events', 'document_comments', 'document_numbers', 'document_number_events'];
  const indexes = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${DOC_TABLES.map(() => '?').join(', ')})`)
    .all(...DOC_TABLES) as { name: string; sql: string }[];
  for (const t of DOC_TABLES) if ((sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n) throw new Error(`${t} is not empty`);
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);
  const insDoc = inserter<DocumentTable>(sqlite, 'documents', rows);
  const insVersion = inserter<DocumentVersionTable>(sqlite, 'document_versions', rows);
  const insParty = inserter<DocumentParticipantTable>(sqlite, 'document_participants', rows);
  const insDist = inserter<DocumentDistributionTable>(sqlite, 'document_distributions', rows);
  const insEvent = inserter<DocumentEventTable>(sqlite, 'document_events', rows);
  const insComment = inserter<DocumentCommentTable>(sqlite, 'document_comments', rows);
  const insNumber = inserter<DocumentNumberTable>(sqlite, 'document_numbers', rows);
  const insNumberEvent = inserter<DocumentNumberEventTable>(sqlite, 'document_number_events', rows);
  const insInbox = inserter<InboxItemTable>(sqlite, 'inbox_items', rows);
  const insFile = inserter<FileTable>(sqlite, 'files', rows);
  const insLink = inserter<FileLinkTable>(sqlite, 'file_links', rows);
  const insJob = inserter<ScheduledJobTable>(sqlite, 'scheduled_jobs', rows);

  let evMin = Infinity;
  let evMax = 0;
  let evSum = 0;
  let vMin = Infinity;
  let vMax = 0;
  let vSum = 0;
  let cMin = Infinity;
  let cMax = 0;
  let cSum = 0;
  let cN = 0;
  let clerkOpen = 0;
  const titleHits: Record<string, number> = Object.fromEntries(SEARCH_TERMS.map((t) => [t, 0]));
  const samples = { clerk: [] as string[], leader: [] as string[] };
  const seen = { clerk: 0, leader: 0 };
  const reservoir = (key: 'clerk' | 'leader', id: string) => {
    seen[key]++;
    if (samples[key].length < 1000) samples[key].push(id);
    else {
      const j = Math.floor(rnd() * seen[key]);
      if (j < 1000) samples[key][j] = id;
    }
  };
  const dueAtOf = (deadline: string | null) => (deadline ? shanghaiEndOfDay(deadline).toISOString() : null);
  const todo = (userIds: Iterable<string>, doc: { id: string; title: string; urgency: string }, task: string, at: number, dueAt: string | null) => {
    for (const u of new Set(userIds)) {
      if (input.disabledUsers.has(u)) continue;
      insInbox({ id: uuidv7At(at), user_id: u, box: 'todo', module: 'document', entity_id: doc.id, task, title: doc.title, urgency: doc.urgency, due_at: dueAt, state: 'open', is_read: rnd() < (NOW - at > 3 * DAY ? 0.7 : 0.3) ? 1 : 0, created_at: iso(at), done_at: null });
    }
  };
  const partiesOf = (docId: string, ps: Party[]) => {
    for (const p of ps) {
      insParty({ id: uuidv7At(p.created), document_id: docId, kind: p.kind, user_id: p.user, unit_id: p.unit, seq: p.seq, round: p.round, status: p.status, opinion: p.opinion, acted_by: p.actedBy, acted_by_name: p.actedBy ? nameOf(p.actedBy) : null, acted_at: p.actedAt === null ? null : iso(p.actedAt), created_at: iso(p.created) });
    }
  };
  const eventsOf = (docId: string, evs: Ev[], extra: Ev[] = []) => {
    const all = extra.length ? [...evs, ...extra].sort((a, b) => a.at - b.at) : evs;
    for (const e of all) {
      insEvent({ id: uuidv7At(e.at), document_id: docId, action: e.action, from_state: e.from, to_state: e.to, actor_id: e.actor, actor_name: e.actor ? nameOf(e.actor) : '系统', comment: e.comment ?? null, data: e.data ? JSON.stringify(e.data) : null, version_no: e.version ?? null, at: iso(e.at) });
    }
    evMin = Math.min(evMin, all.length);
    evMax = Math.max(evMax, all.length);
    evSum += all.length;
  };
  const isHigh = (u: UnitInfo) => u === committee || u === office;
  const leaderCleared = (c: string) => c !== 'top_secret';
  const clerkCleared = (c: string) => c === 'none' || c === 'secret';

  const writeOutgoing = (o: OutPlan) => {
    const facts = (numbered: boolean) => ({
      signers: o.spec.docType === '请示' || o.spec.docType === '报告' ? o.signers.filter((s) => s === o.issuer.principal || s === committeeLeaders[1]).map(nameOf) : undefined,
      issueDate: dateOf(o.signedAt ?? o.created),
      number: numbered && o.number ? { text: o.number.text, code: o.issuer.issuerCode!, year: o.number.year, serial: o.number.serial } : undefined,
      printingDate: numbered && o.issuedAt ? dateOf(o.issuedAt) : undefined,
      classification: o.classification,
      urgency: o.urgency,
    });
    const stageOfLast = o.versions.length ? o.versions[o.versions.length - 1]!.stage : 0;
    const working = JSON.stringify(contentOf(o.spec, stageOfLast, facts(true), fixtures));
    const signedContent = o.signedAt !== null ? contentOf(o.spec, 2, facts(false), fixtures) : null;
    const extra: Ev[] = [];
    const lastAt = Math.max(...o.events.map((e) => e.at));
    const final = o.state;
    // Incoming copies first: their 签收, 退文 and 答复 are noted on this document too.
    const incomingIds = new Map<Recipient, string>();
    for (const r of o.recipients) {
      if (!r.incoming) continue;
      incomingIds.set(r, r.incoming.id);
      const inc = r.incoming;
      if (inc.receivedAt !== null) extra.push({ action: 'recipient_received', at: inc.receivedAt, from: final, to: final, actor: inc.receivedBy, data: { incomingDocumentId: inc.id } });
      if (inc.returnedAt !== null) extra.push({ action: 'recipient_returned', at: inc.returnedAt, from: final, to: final, actor: inc.events[inc.events.length - 1]!.actor, comment: inc.returnReason, data: { incomingDocumentId: inc.id } });
      if (inc.reply && inc.concludedAt !== null) extra.push({ action: 'recipient_replied', at: inc.concludedAt, from: final, to: final, actor: inc.events[inc.events.length - 1]!.actor, comment: inc.reply, data: { incomingDocumentId: inc.id } });
    }
    for (const e of extra) e.from = e.to = o.archivedAt !== null && e.at >= o.archivedAt ? 'archived' : 'issued';
    insDoc({
      id: o.id, direction: 'outgoing', unit_id: o.issuer.id, state: final, title: o.spec.title, doc_type: o.spec.docType, format: o.spec.format,
      classification: o.classification, classification_period: o.classification === 'secret' ? '1年' : o.classification === 'confidential' ? '5年' : null, urgency: o.urgency,
      important: o.important ? 1 : 0, co_issuer_unit_ids: null, issuer_code: o.issuer.issuerCode, number_text: o.number?.text ?? null, number_year: o.number?.year ?? null,
      number_serial: o.number?.serial ?? null, incoming_year: null, incoming_serial: null, sender_name: null, sender_unit_id: null, source_document_id: null,
      received_via: null, received_at: null, received_by: null, copies: o.copies, content: working, content_rev: o.versions.length + (o.number ? 1 : 0) + (o.issuedAt ? 1 : 0) + 1,
      content_edited_by: o.drafter, signed_version_no: o.signedAt !== null ? o.versions.length : null, signed_hash: signedContent ? substanceHash(signedContent) : null,
      signed_at: o.signedAt === null ? null : iso(o.signedAt), reviewer_id: o.reviewer, review_override_reason: null, sealed_by: o.sealedAt ? o.clerk : null,
      sealed_at: o.sealedAt === null ? null : iso(o.sealedAt), issued_at: o.issuedAt === null ? null : iso(o.issuedAt), proposal: null, lead_unit_id: null, deadline: null,
      chaser_id: null, outcome: null, reply: null, concluded_at: null, retention: o.retention, archived_at: o.archivedAt === null ? null : iso(o.archivedAt),
      archived_by: o.archivedAt ? o.clerk : null, created_by: o.drafter, created_at: iso(o.created), updated_at: iso(lastAt),
    });
    cN++;
    const bytes = Buffer.byteLength(working);
    cSum += bytes;
    cMin = Math.min(cMin, bytes);
    cMax = Math.max(cMax, bytes);
    for (const v of o.versions) {
      const text = v.stage === 2 && signedContent ? JSON.stringify(signedContent) : JSON.stringify(contentOf(o.spec, v.stage, facts(false), fixtures));
      insVersion({ document_id: o.id, version_no: v.no, content: text, step: v.step, author_id: v.author, author_name: nameOf(v.author), created_at: iso(v.at) });
    }
    vMin = Math.min(vMin, o.versions.length);
    vMax = Math.max(vMax, o.versions.length);
    vSum += o.versions.length;
    partiesOf(o.id, o.parties);
    eventsOf(o.id, o.events, extra);
    for (const c of o.comments) insComment({ id: uuidv7At(c.at), document_id: o.id, version_no: Math.max(1, o.versions.length), element: c.element, quote: c.quote, text: c.text, author_id: c.author, author_name: nameOf(c.author), created_at: iso(c.at), resolved_at: c.resolved === null ? null : iso(c.resolved) });
    o.recipients.forEach((r, i) => {
      const inc = r.incoming;
      insDist({
        id: uuidv7At(o.registerAt!), document_id: o.id, kind: r.kind, recipient_unit_id: r.unit?.id ?? null, recipient_name: r.name, copies: r.copies,
        incoming_document_id: incomingIds.get(r) ?? null, sent_at: o.issuedAt === null ? null : iso(o.issuedAt), received_at: inc?.receivedAt ? iso(inc.receivedAt) : null,
        received_by_name: inc?.receivedBy ? nameOf(inc.receivedBy) : null, returned_at: inc?.returnedAt ? iso(inc.returnedAt) : null, return_reason: inc?.returnReason ?? null, seq: i,
      });
    });
    if (o.number) {
      const at = iso(o.registerAt!);
      insNumber({ issuer_code: o.issuer.issuerCode!, year: o.number.year, serial: o.number.serial, status: 'used', document_id: o.id, updated_at: at });
      insNumberEvent({ id: uuidv7At(o.registerAt!), issuer_code: o.issuer.issuerCode!, year: o.number.year, serial: o.number.serial, action: 'reserve', document_id: o.id, reason: null, actor_id: o.clerk, at });
      insNumberEvent({ id: uuidv7At(o.registerAt!), issuer_code: o.issuer.issuerCode!, year: o.number.year, serial: o.number.serial, action: 'use', document_id: o.id, reason: null, actor_id: o.clerk, at });
    }
    // Inbox: the drafter's 我发起的, the to-dos of the step it waits at, a 退文 notice.
    const finalLike = ['archived', 'rejected', 'cancelled', 'issued'].includes(final);
    const label = OUT_LABEL[final]!;
    insInbox({ id: uuidv7At(o.created), user_id: o.drafter, box: 'mine', module: 'document', entity_id: o.id, task: label, title: o.spec.title, urgency: o.urgency, due_at: null, state: finalLike ? 'done' : 'open', is_read: 1, created_at: iso(o.created), done_at: finalLike ? iso(lastAt) : null });
    const since = lastAt;
    const doc = { id: o.id, title: o.spec.title, urgency: o.urgency };
    const pendingUsers = (kind: string) => o.parties.filter((p) => p.kind === kind && p.status === 'pending').flatMap((p) => (p.user ? [p.user] : docClerksOf(unitById.get(p.unit!)!)));
    if (final === 'drafting') todo([o.drafter], doc, '修改文稿', since, null);
    else if (final === 'reviewing') todo([o.reviewer!], doc, '核稿', since, null);
    else if (final === 'countersigning') todo(pendingUsers('countersign'), doc, '会签', since, null);
    else if (final === 'signing') todo(pendingUsers('signer'), doc, '签发', since, null);
    else if (final === 'numbering' || final === 'sealing' || final === 'distributing') todo(docClerksOf(o.issuer), doc, label, since, null);
    // A 退文 opens "来文被退回" for the drafter; the source's next step (归档) would close it.
    if (final === 'issued') for (const r of o.recipients) if (r.incoming?.returnedAt) todo([o.drafter], doc, '来文被退回', r.incoming.returnedAt, null);
    if (isHigh(o.issuer)) {
      if (clerkCleared(o.classification)) reservoir('clerk', o.id);
      if (!finalLike) clerkOpen++;
    }
    if (o.parties.some((p) => p.user === input.benchLeaderId) && leaderCleared(o.classification)) reservoir('leader', o.id);
    return working;
  };

  const writeIncoming = (p: InPlan, content: string | null) => {
    const lastAt = p.events[p.events.length - 1]!.at;
    // Reminders the scheduler would have sent for a deadline that came near or passed while open.
    const extra: Ev[] = [];
    const jobs: { kind: string; runAt: number; status: string }[] = [];
    if (p.deadline) {
      const due = Date.parse(dueAtOf(p.deadline)!);
      const proposeAt = p.events.find((e) => e.action === 'propose')!.at;
      const closedAt = p.concludedAt ?? p.archivedAt ?? Infinity;
      for (const [kind, runAt] of [['document.remind_due_soon', due - 4 * DAY - 15 * HOUR], ['document.remind_overdue', due]] as const) {
        const at = Math.max(runAt, proposeAt + MIN);
        const ran = at < NOW && at < closedAt;
        jobs.push({ kind, runAt: at, status: ran ? 'done' : closedAt !== Infinity ? 'cancelled' : 'pending' });
        if (ran) extra.push({ action: kind === 'document.remind_overdue' ? 'remind_overdue' : 'remind_due_soon', at, from: p.state === 'concluded' || p.state === 'archived' ? 'handling' : p.state, to: p.state === 'concluded' || p.state === 'archived' ? 'handling' : p.state, actor: null, comment: kind === 'document.remind_overdue' ? `已超过办理期限（${p.deadline}），请尽快办结` : `距办理期限（${p.deadline}）不足3个工作日，请抓紧办理` });
      }
    }
    const src = p.source;
    insDoc({
      id: p.id, direction: 'incoming', unit_id: p.unit.id, state: p.state, title: p.title, doc_type: p.docType, format: src ? src.spec.format : '文件式',
      classification: p.classification, classification_period: src && p.classification !== 'none' ? (p.classification === 'secret' ? '1年' : '5年') : null, urgency: p.urgency,
      important: p.important ? 1 : 0, co_issuer_unit_ids: null, issuer_code: null, number_text: p.numberText, number_year: null, number_serial: null,
      incoming_year: p.serial?.year ?? null, incoming_serial: p.serial?.no ?? null, sender_name: p.sender, sender_unit_id: src ? src.issuer.id : null,
      source_document_id: src ? src.id : null, received_via: p.receivedVia, received_at: p.receivedAt === null ? null : iso(p.receivedAt), received_by: p.receivedBy,
      copies: p.copies, content, content_rev: 0, content_edited_by: null, signed_version_no: null, signed_hash: null, signed_at: src?.signedAt ? iso(src.signedAt) : null,
      reviewer_id: null, review_override_reason: null, sealed_by: null, sealed_at: null, issued_at: src?.issuedAt ? iso(src.issuedAt) : null, proposal: p.proposal,
      lead_unit_id: p.leadUnit?.id ?? null, deadline: p.deadline, chaser_id: p.chaser, outcome: p.outcome, reply: p.reply, concluded_at: p.concludedAt === null ? null : iso(p.concludedAt),
      retention: p.retention, archived_at: p.archivedAt === null ? null : iso(p.archivedAt), archived_by: p.archivedBy, created_by: p.createdBy, created_at: iso(p.created),
      updated_at: iso(Math.max(lastAt, ...extra.map((e) => e.at))),
    });
    partiesOf(p.id, p.parties);
    eventsOf(p.id, p.events, extra);
    for (const j of jobs) {
      insJob({
        id: uuidv7At(p.created), kind: j.kind, unique_key: `document:${p.id}:${j.kind}:${p.deadline}`, run_at: iso(j.runAt), payload: JSON.stringify({ documentId: p.id, deadline: p.deadline }),
        status: j.status, claimed_by: j.status === 'done' ? 'bench-scheduler' : null, claimed_at: j.status === 'done' ? iso(j.runAt) : null, attempts: j.status === 'done' ? 1 : 0, last_error: null, created_at: iso(p.created),
      });
    }
    for (let k = 0; k < p.scans; k++) {
      const fid = uuidv7At(p.created);
      insFile({ id: fid, name: `${p.title.slice(0, 40)}${k ? `（附件${k}）` : ''}.pdf`, size: int(150_000, 4_000_000), mime: 'application/pdf', sha256: createHash('sha256').update(fid).digest('hex'), storage_key: `${iso(p.created).slice(0, 7)}/${fid}`, uploaded_by: p.createdBy, created_at: iso(p.created) });
      insLink({ file_id: fid, entity_type: 'document', entity_id: p.id, event_id: null, created_at: iso(p.created) });
    }
    // To-dos of the step it waits at (openTodosForState), and 催办 to-dos still open.
    const doc = { id: p.id, title: p.title, urgency: p.urgency };
    const dueAt = dueAtOf(p.deadline);
    const clerks = docClerksOf(p.unit);
    const pendingOf = (kind: string) => p.parties.filter((x) => x.kind === kind && x.status === 'pending');
    const readers = pendingOf('reader').map((x) => x.user!);
    switch (p.state) {
      case 'pending_receipt': todo(clerks, doc, '签收', lastAt, null); break;
      case 'registered': todo(clerks, doc, '初审', lastAt, null); break;
      case 'proposing': todo(clerks, doc, '拟办', lastAt, null); break;
      case 'instructing':
        todo(pendingOf('instructor').map((x) => x.user!), doc, '批示', lastAt, dueAt);
        todo(readers, doc, '传阅', lastAt, null);
        break;
      case 'handling':
        todo(docClerksOf(p.leadUnit ?? p.unit), doc, '承办', lastAt, dueAt);
        todo(pendingOf('coop_unit').flatMap((x) => docClerksOf(unitById.get(x.unit!)!)), doc, '协办', lastAt, dueAt);
        todo(readers, doc, '传阅', lastAt, null);
        for (const e of extra) todo([...docClerksOf(p.leadUnit ?? p.unit), ...(p.chaser ? [p.chaser] : [])], doc, e.action === 'remind_overdue' ? '催办：已逾期' : '催办：即将到期', e.at, dueAt);
        break;
      case 'concluded': todo(readers, doc, '传阅', lastAt, null); break;
    }
    count('incoming', p.state);
    for (const term of SEARCH_TERMS) if (p.title.includes(term)) titleHits[term]!++;
    const clerkUnit = p.unit === committee || p.unit === office || p.leadUnit === office;
    if (clerkUnit) {
      if (clerkCleared(p.classification)) reservoir('clerk', p.id);
      if (!['concluded', 'archived', 'returned'].includes(p.state)) clerkOpen++;
    }
    if (p.parties.some((x) => x.user === input.benchLeaderId) && leaderCleared(p.classification)) reservoir('leader', p.id);
  };

  // Outgoing documents in creation order, each followed by its incoming copies; outside mail interleaved by time.
  const outside = inPlans.filter((p) => !p.source).sort((a, b) => a.created - b.created);
  const outs = [...outPlans].sort((a, b) => a.created - b.created);
  const CHUNK = 2_000;
  let oi = 0;
  let xi = 0;
  while (oi < outs.length || xi < outside.length) {
    sqlite.transaction(() => {
      for (let k = 0; k < CHUNK && (oi < outs.length || xi < outside.length); k++) {
        if (xi < outside.length && (oi >= outs.length || outside[xi]!.created < outs[oi]!.created)) {
          writeIncoming(outside[xi++]!, null);
          continue;
        }
        const o = outs[oi++]!;
        const text = writeOutgoing(o);
        count('outgoing', o.state);
        for (const r of o.recipients) if (r.incoming) writeIncoming(r.incoming, text);
      }
    })();
  }
  const tIndex = performance.now();
  for (const ix of indexes) sqlite.exec(ix.sql);
  const indexMs = performance.now() - tIndex;
  sqlite.transaction(() => {
    const ins = sqlite.prepare('insert into serial_counters (scope, year, last_value) values (?, ?, ?)');
    for (const [key, n] of inSerials) {
      const [scope, year] = key.split('|');
      ins.run(scope, Number(year), n);
    }
  })();
  rows.serial_counters = (rows.serial_counters ?? 0) + inSerials.size;

  // The 印发 scenario: the 县委 issues to 300 units (departments, townships and villages).
  const reviewer = input.officeStaff.slice(6, 12).find((u) => !input.disabledUsers.has(u))!;
  const recipients = [...departments, ...townships, ...villages].slice(0, 300).map((u) => ({ unitId: u.id, name: u.name }));
  if (recipients.length < 300) throw new Error('the county has fewer than 300 recipient units');
  return {
    ms: performance.now() - t0,
    indexMs,
    outgoing: outPlans.length,
    incoming: inPlans.length,
    incomingCopies: copies,
    states,
    eventsPerDocument: { min: evMin, avg: Math.round((evSum / (outPlans.length + inPlans.length)) * 100) / 100, max: evMax },
    versionsPerOutgoing: { min: vMin, avg: Math.round((vSum / outPlans.length) * 100) / 100, max: vMax },
    contentBytes: { min: cMin, avg: Math.round(cSum / Math.max(1, cN)), max: cMax },
    titleHits,
    samples,
    issue: {
      issuerUnitId: committee.id, issuerName: committee.orgName, reviewerId: reviewer, reviewerUsername: input.usernames.get(reviewer)!, signerId: input.benchLeaderId,
      signerUsername: input.usernames.get(input.benchLeaderId)!, recipients,
    },
    clerkOpen,
  };
}

const OUT_LABEL: Record<string, string> = {
  drafting: '拟稿', reviewing: '核稿', countersigning: '会签', signing: '签发', numbering: '编号登记', sealing: '用印', distributing: '印发',
  issued: '已印发', archived: '已归档', rejected: '不予发文', cancelled: '已撤销',
};

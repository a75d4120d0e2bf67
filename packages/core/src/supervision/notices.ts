/**
 * The documents 督查督办 sends, built as 公文 models: the 督查事项交办单 (dispatch), the 催办单 (chase)
 * and the 督办通知单 (supervise) to the lead unit as 信函式 通知 from the office, and the periodic
 * 通报 (circular) on how every unit handled its items, as a 文件式 通报 with its figures in tables.
 *
 * Pure: every figure and name comes in; nothing is looked up. The models pass `checkDocument`
 * without error, so a clerk can open them in the editor, adjust the wording and issue them.
 */
import type { BodyBlock, DocumentNumber, GongwenDocument } from '../gongwen/model.ts';
import { formatChineseDate, toChineseNumeral } from '../gongwen/text-forms.ts';

export interface NoticeItem {
  /** The item's number, e.g. 督〔2026〕12号. */
  serial: string;
  /** 事项名称 */
  title: string;
  /** 事项内容 / 交办内容; several paragraphs separated by line breaks. */
  content: string;
  /** Where the item comes from, e.g. 县委常委会会议纪要（2026年第12次）. */
  sourceLabel: string;
  /** 重点 or 一般. */
  levelLabel: string;
  /** 牵头单位 */
  leadUnitName: string;
  /** 配合单位 */
  cooperatingUnitNames: string[];
  /** 责任领导 */
  responsibleLeaderName: string;
  /** 责任人 */
  responsiblePersonName?: string;
  /** 完成标准 */
  completionStandard?: string;
  /** 办理期限, YYYY-MM-DD. */
  deadline: string;
  /** How often to report, e.g. 每月5日前反馈（遇节假日顺延）. */
  feedbackLabel: string;
  /** 分解任务 */
  tasks: { title: string; indicator?: string; target?: number; unitLabel?: string; ownerName?: string; deadline?: string }[];
}

/** Who sends a notice, when, under which number. */
export interface NoticeIssuer {
  /** e.g. 中共××县委办公室 */
  officeName: string;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /** e.g. 县委办督交〔2026〕3号 */
  noticeNumber: string;
}

/** Where an item stands when it is chased: progress against the straight-line schedule, and why it is behind. */
export interface EscalationStatus {
  /** Progress reported or measured, percent. */
  progress: number;
  /** Progress the schedule expects by now, percent. */
  expected: number;
  /** Why the item is yellow or red (rules.ts `computeColour`). */
  reasons: string[];
  /** Which escalation this is: 1 for the first 催办. */
  escalationNo: number;
  /** The written reply is due within this many working days. */
  replyWithinWorkdays: number;
}

export interface CircularUnitRow {
  unitName: string;
  assigned: number;
  concluded: number;
  concludedOnTime: number;
  /** Items open at the end of the period whose deadline had passed (逾期未办结). */
  overdue: number;
  red: number;
  feedbacksMissed: number;
  /** 按期办结率, 0..100 with one decimal; null when nothing was due. */
  onTimeRate: number | null;
}

export interface CircularListedItem {
  serial: string;
  title: string;
  leadUnitName: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** 红, 黄, 逾期 … */
  colourLabel: string;
  reason: string;
}

export interface CircularInput {
  officeName: string;
  /** The committee the office serves, e.g. 中共××县委; may be ''. */
  committeeName: string;
  /** e.g. 2026年10月, or 2026年10月1日至2026年11月15日 */
  periodLabel: string;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /** 主送 */
  recipients: string[];
  totals: { assigned: number; concluded: number; concludedOnTime: number; overdue: number; red: number; feedbacksMissed: number; open: number };
  /** Already in the order the 通报 lists them. */
  units: CircularUnitRow[];
  overdueAndRed: CircularListedItem[];
  /** How many overdue or red items there were in all, when `overdueAndRed` names only the first of them. */
  overdueAndRedTotal?: number;
  /** e.g. 按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100% */
  rateFormula: string;
}

// ── Writing helpers ───────────────────────────────────────────────────────────

/** Text as one sentence: trailing commas, semicolons and spaces dropped, ending in 。 unless it ends in ！ or ？. */
function sentence(text: string): string {
  const core = text.trim().replace(/[\s，,；;、：:。.]+$/, '');
  return /[！？!?]$/.test(core) ? core : `${core}。`;
}

/** A clause to join with others: trailing sentence punctuation dropped. */
function clause(text: string): string {
  return text.trim().replace(/[\s，,；;、：:。.！!？?]+$/, '');
}

/** A name in quotation marks; quotation marks inside it become single ones, as nested quotes are written. */
function quoted(text: string): string {
  return `“${text.trim().replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** A percentage as the text writes it: one decimal at most, "40" not "40.0". */
function percent(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** 按期办结率 as a table shows it: "85.7%", or "—" when nothing was due. */
function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 10) / 10).toFixed(1)}%`;
}

/** ISO dates inside a generated reason ("办理期限（2026-12-31）") written as the text writes dates. */
function chineseDates(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, formatChineseDate);
}

/** 发文字号 from the notice number: 机关代字 is what stands before 〔. */
function documentNumberOf(text: string): DocumentNumber {
  const written = text.trim();
  const m = /^(.*?)〔(\d{4})〕(\d+)号$/.exec(written);
  return { text: written, issuerCode: (m ? m[1]! : written.split('〔')[0]!).trim(), year: m ? Number(m[2]) : null, serial: m ? Number(m[3]) : null };
}

/** Builds a 正文 with its heading markers numbered in order: 一、 … and （一） … under each. */
function bodyWriter() {
  const blocks: BodyBlock[] = [];
  let level1 = 0;
  let level2 = 0;
  return {
    blocks,
    heading(text: string): void {
      level1 += 1;
      level2 = 0;
      blocks.push({ kind: 'heading', level: 1, marker: `${toChineseNumeral(level1)}、`, text });
    },
    /** A level-2 heading with its text run in: "（一）事项来源。……". */
    point(lead: string, text: string): void {
      level2 += 1;
      blocks.push({ kind: 'heading', level: 2, marker: `（${toChineseNumeral(level2)}）`, text: `${lead}。${text}` });
    },
    paragraph(text: string): void {
      blocks.push({ kind: 'paragraph', text });
    },
    table(caption: string, rows: string[][]): void {
      blocks.push({ kind: 'table', text: caption, rows });
    },
  };
}

type BodyWriter = ReturnType<typeof bodyWriter>;

// ── Notices ───────────────────────────────────────────────────────────────────

/** 交办内容 as sentences, one paragraph per line of the item's content. */
function contentSentences(item: NoticeItem): string[] {
  return item.content
    .split(/\r?\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(sentence);
}

/** "牵头单位：…；配合单位：…。" and "责任领导：…；责任人：…。" */
function responsibilityText(item: NoticeItem): { units: string; people: string } {
  const units = [`牵头单位：${item.leadUnitName}`];
  if (item.cooperatingUnitNames.length > 0) units.push(`配合单位：${item.cooperatingUnitNames.join('、')}`);
  const people = [`责任领导：${item.responsibleLeaderName}`];
  if (item.responsiblePersonName) people.push(`责任人：${item.responsiblePersonName}`);
  return { units: `${units.join('；')}。`, people: `${people.join('；')}。` };
}

/** The 分解任务 table: 序号, 任务, 指标, 目标值, 责任单位, 完成时限; a task without an owner or date is the lead unit's, by the item's deadline. */
function taskRows(item: NoticeItem): string[][] {
  return [
    ['序号', '任务', '指标', '目标值', '责任单位', '完成时限'],
    ...item.tasks.map((t, k) => [
      String(k + 1),
      clause(t.title),
      t.indicator?.trim() || '—',
      t.target !== undefined && Number.isFinite(t.target) ? `${targetText(t.target)}${t.unitLabel?.trim() ?? ''}` : '—',
      t.ownerName?.trim() || item.leadUnitName,
      formatChineseDate(t.deadline ?? item.deadline),
    ]),
  ];
}

/** A target value as written: up to two decimals, no trailing zeros. */
function targetText(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The parts every notice shares: 版头 (信函式), title, 主送 the lead unit, 抄送 the cooperating units, 署名 and date. */
function notice(item: NoticeItem, issuer: NoticeIssuer, title: string, body: BodyBlock[]): GongwenDocument {
  return {
    documentType: '通知',
    format: '信函式',
    elements: {
      issuerMark: issuer.officeName,
      documentNumber: documentNumberOf(issuer.noticeNumber),
      title,
      primaryRecipients: [item.leadUnitName],
      body,
      issuerSignatures: [issuer.officeName],
      issueDate: issuer.date,
      sealed: true,
      ...(item.cooperatingUnitNames.length > 0 ? { copyRecipients: [...item.cooperatingUnitNames] } : {}),
    },
  };
}

/**
 * 督查事项交办单: hands an item to its lead unit — where it comes from, what is to be done, who
 * answers for it, the standard, the sub-tasks (as a table), the deadline and how to report.
 * @param opts.receiptWorkdays the unit signs for the item within this many working days
 * @returns a 信函式 通知 from the office, numbered `issuer.noticeNumber`
 */
export function buildDispatchNotice(item: NoticeItem, issuer: NoticeIssuer, opts: { receiptWorkdays: number }): GongwenDocument {
  const w = bodyWriter();
  w.paragraph(`现将${quoted(item.title)}督查事项（编号：${item.serial}，${item.levelLabel}事项）交由你单位牵头办理。有关事项通知如下。`);
  w.heading('事项来源');
  w.paragraph(sentence(item.sourceLabel));
  w.heading('交办内容');
  for (const text of contentSentences(item)) w.paragraph(text);
  w.heading('责任分工');
  const { units, people } = responsibilityText(item);
  w.paragraph(units);
  w.paragraph(people);
  if (item.cooperatingUnitNames.length > 0) {
    w.paragraph('牵头单位对事项办理负总责，加强统筹协调；配合单位按照职责分工，主动对接、密切配合，形成工作合力。');
  }
  if (item.completionStandard?.trim()) {
    w.heading('完成标准');
    w.paragraph(sentence(item.completionStandard));
  }
  if (item.tasks.length > 0) {
    w.heading('分解任务');
    w.paragraph(`该事项分解为${item.tasks.length}项任务，请对照下表逐项落实。`);
    w.table('任务分解表', taskRows(item));
  }
  w.heading('办理时限');
  w.paragraph(`请于${formatChineseDate(item.deadline)}前办结。确需延期的，应在办理期限届满前提出书面申请，说明理由，经批准后方可延期。`);
  w.heading('反馈要求');
  w.paragraph(`请你单位收到本通知后${opts.receiptWorkdays}个工作日内签收，并明确具体承办人员。`);
  w.paragraph(`办理期间，请按照${quoted(item.feedbackLabel)}的要求，向${issuer.officeName}书面报送办理进展情况；事项办结后，及时报送办结报告及相关佐证材料。`);
  return notice(item, issuer, `关于交办${quoted(item.title)}督查事项的通知`, w.blocks);
}

/** 一、事项基本情况, as a chase or supervise notice recalls it: each part a run-in level-2 heading. */
function recallItem(w: BodyWriter, item: NoticeItem): void {
  w.heading('事项基本情况');
  w.point('事项来源', sentence(item.sourceLabel));
  w.point('交办内容', contentSentences(item).join(''));
  const { units, people } = responsibilityText(item);
  w.point('责任分工', units + people);
  if (item.completionStandard?.trim()) w.point('完成标准', sentence(item.completionStandard));
  if (item.tasks.length > 0) {
    w.point('分解任务', `该事项分解为${item.tasks.length}项任务，详见下表。`);
    w.table('任务分解表', taskRows(item));
  }
  w.point('办理时限', `${formatChineseDate(item.deadline)}前办结。`);
}

/** 二、办理进展和存在问题: progress against the schedule, then the reasons. */
function progressSection(w: BodyWriter, status: EscalationStatus): void {
  w.heading('办理进展和存在问题');
  const behind = Math.round((status.expected - status.progress) * 10) / 10;
  const lag = behind > 0 ? `，落后${percent(behind)}个百分点` : '';
  w.paragraph(`截至目前，该事项完成进度为${percent(status.progress)}%，按时序应完成${percent(status.expected)}%${lag}。`);
  const reasons = status.reasons.map((r) => clause(chineseDates(r))).filter((r) => r !== '');
  if (reasons.length > 0) w.paragraph(`经督查，该事项存在以下问题：${reasons.join('；')}。`);
}

/**
 * 催办单: the first escalation — recalls the item, states its progress against the schedule and
 * why it is behind, and asks for a written account within `replyWithinWorkdays` working days.
 * @returns a 信函式 通知 from the office, numbered `issuer.noticeNumber`
 */
export function buildChaseNotice(item: NoticeItem, issuer: NoticeIssuer, status: EscalationStatus): GongwenDocument {
  const w = bodyWriter();
  w.paragraph(
    `${quoted(item.title)}督查事项（编号：${item.serial}）由你单位牵头办理，办理期限为${formatChineseDate(item.deadline)}。经跟踪督查，该事项办理进展未达到要求，现予催办（第${status.escalationNo}次）。有关事项通知如下。`,
  );
  recallItem(w, item);
  progressSection(w, status);
  w.heading('催办要求');
  w.paragraph('请你单位高度重视，认真分析进展滞后的原因，采取有力措施加快推进，确保按期保质完成。');
  w.paragraph(`请于收到本通知后${status.replyWithinWorkdays}个工作日内，将办理进展、存在问题及下步措施书面报送${issuer.officeName}。`);
  w.paragraph(`此后，请按照${quoted(item.feedbackLabel)}的要求按时报送办理进展情况。`);
  return notice(item, issuer, `关于催办${quoted(item.title)}督查事项的通知`, w.blocks);
}

/**
 * 督办通知单: a further escalation after a 催办单 brought no improvement — stronger wording: the
 * unit's principal head studies the matter in person, and the unit explains in writing why it is
 * behind and how it will put it right, within `replyWithinWorkdays` working days.
 * @returns a 信函式 通知 from the office, numbered `issuer.noticeNumber`
 */
export function buildSuperviseNotice(item: NoticeItem, issuer: NoticeIssuer, status: EscalationStatus): GongwenDocument {
  const w = bodyWriter();
  w.paragraph(
    `${quoted(item.title)}督查事项（编号：${item.serial}）由你单位牵头办理，办理期限为${formatChineseDate(item.deadline)}。${issuer.officeName}已发出催办通知，但该事项办理进展仍未明显改进，现予督办（第${status.escalationNo}次催办督办）。有关事项通知如下。`,
  );
  recallItem(w, item);
  progressSection(w, status);
  w.heading('督办要求');
  w.paragraph('请你单位主要负责同志亲自研究，逐项查找问题原因，制定切实可行的整改措施，明确责任人和完成时限，确保事项按期办结。');
  w.paragraph(
    `请于收到本通知后${status.replyWithinWorkdays}个工作日内，将进展滞后的原因及整改措施书面报送${issuer.officeName}，书面说明须经你单位主要负责同志签字。`,
  );
  w.paragraph(`此后，请按照${quoted(item.feedbackLabel)}的要求按时报送办理进展情况。对整改不力、仍未按期办结的，将按照有关规定予以通报，并视情提请约谈或问责。`);
  return notice(item, issuer, `关于督办${quoted(item.title)}督查事项的通知`, w.blocks);
}

// ── Circular ──────────────────────────────────────────────────────────────────

const UNIT_HEADER = ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'];
const ITEM_HEADER = ['序号', '事项编号', '事项名称', '牵头单位', '办理期限', '预警状态', '原因'];

/** 按期办结率 of the totals: 按期办结数 ÷（办结数 + 逾期未办结数）× 100, one decimal; null when nothing was due. */
function totalRate(t: CircularInput['totals']): number | null {
  const due = t.concluded + t.overdue;
  return due > 0 ? Math.round((t.concludedOnTime / due) * 1000) / 10 : null;
}

/**
 * 督查督办事项办理情况通报: the totals in words, the figures of every unit as a table (with a 合计
 * row) and how the rate is computed, the overdue and red items as a second table, places for
 * the praise and the criticism the office decides on (marked 【请填写：……】), and standard requirements.
 * @returns a 文件式 通报 under `${officeName}文件`
 */
export function buildCircular(input: CircularInput): GongwenDocument {
  const t = input.totals;
  const rate = totalRate(t);
  const w = bodyWriter();
  const committee = input.committeeName.trim();
  w.paragraph(
    `为推动${committee}重大决策部署和领导批示事项落地落实，${input.officeName}对督查督办事项办理情况进行了跟踪督查。现将${input.periodLabel}督查督办事项办理情况通报如下。`,
  );

  w.heading('总体情况');
  const rateSentence = rate === null ? '统计期内无到期事项，不计算按期办结率' : `总体按期办结率为${rateText(rate)}`;
  w.paragraph(
    `${input.periodLabel}，共交办督查事项${t.assigned}项，办结${t.concluded}项，其中按期办结${t.concludedOnTime}项；逾期未办结${t.overdue}项，亮红灯${t.red}项，未按期反馈${t.feedbacksMissed}次；截至统计期末，尚在办理${t.open}项。${rateSentence}。`,
  );

  w.heading('各单位办理情况');
  if (input.units.length > 0) {
    w.paragraph('各单位督查督办事项办理情况见下表。');
    const rows = input.units.map((u, k) => [
      String(k + 1),
      u.unitName,
      String(u.assigned),
      String(u.concluded),
      String(u.concludedOnTime),
      String(u.overdue),
      String(u.red),
      String(u.feedbacksMissed),
      rateText(u.onTimeRate),
    ]);
    const sum = (key: 'assigned' | 'concluded' | 'concludedOnTime' | 'overdue' | 'red' | 'feedbacksMissed'): string => String(input.units.reduce((s, u) => s + u[key], 0));
    const totalRow = ['', '合计', sum('assigned'), sum('concluded'), sum('concludedOnTime'), sum('overdue'), sum('red'), sum('feedbacksMissed'), rateText(rateOf(input.units))];
    w.table('表1　各单位督查督办事项办理情况', [UNIT_HEADER, ...rows, totalRow]);
    w.paragraph(`表中按期办结率的计算方法为：${clause(input.rateFormula)}。统计期内无到期事项的单位不计算按期办结率，以“—”表示。`);
  } else {
    w.paragraph(`${input.periodLabel}，无交办给各单位的督查事项。`);
  }

  w.heading('逾期和红灯事项');
  if (input.overdueAndRed.length > 0) {
    const total = Math.max(input.overdueAndRedTotal ?? 0, input.overdueAndRed.length);
    w.paragraph(
      total > input.overdueAndRed.length
        ? `${input.periodLabel}，逾期未办结或亮红灯的督查事项共${total}项，下表列出办理期限最早的${input.overdueAndRed.length}项，其余${total - input.overdueAndRed.length}项见督查督办系统。`
        : `${input.periodLabel}，逾期未办结或亮红灯的督查事项共${total}项，具体如下。`,
    );
    w.table('表2　逾期和红灯事项', [
      ITEM_HEADER,
      ...input.overdueAndRed.map((i, k) => [String(k + 1), i.serial, clause(i.title), i.leadUnitName, formatChineseDate(i.deadline), i.colourLabel, clause(chineseDates(i.reason)) || '—']),
    ]);
  } else {
    w.paragraph(`${input.periodLabel}，无逾期未办结或亮红灯的督查事项。`);
  }

  w.heading('表扬');
  w.paragraph('【请填写：对按期办结率高、办理质量好、反馈及时的单位予以通报表扬的情况。】');
  w.heading('批评');
  w.paragraph('【请填写：对逾期未办结、亮红灯或未按期反馈的单位予以通报批评的情况及整改要求。】');

  w.heading('下步要求');
  w.point('提高思想认识', '各单位要充分认识督查督办工作的重要性，切实增强抓落实的政治自觉和行动自觉，主要负责同志要亲自研究、亲自推动，确保各项交办事项落地见效。');
  w.point('加快推进办理', '对逾期未办结和亮红灯的事项，牵头单位要逐项分析原因，制定整改措施，明确完成时限，尽快办结到位；配合单位要主动对接、密切配合，形成工作合力。');
  w.point(
    '严格反馈制度',
    `各单位要按照规定时限如实反馈办理进展，不得迟报、漏报、瞒报。${input.officeName}将持续跟踪督办，对敷衍塞责、推诿扯皮、造成不良影响的，按照有关规定严肃追责问责。`,
  );

  return {
    documentType: '通报',
    format: '文件式',
    elements: {
      issuerMark: `${input.officeName}文件`,
      title: `关于${input.periodLabel}督查督办事项办理情况的通报`,
      primaryRecipients: [...input.recipients],
      body: w.blocks,
      issuerSignatures: [input.officeName],
      issueDate: input.date,
      sealed: true,
      printingOrgan: input.officeName,
      printingDate: input.date,
    },
  };
}

/** 按期办结率 of the unit rows together (the 合计 row), computed from their counts. */
function rateOf(units: readonly CircularUnitRow[]): number | null {
  const onTime = units.reduce((s, u) => s + u.concludedOnTime, 0);
  const due = units.reduce((s, u) => s + u.concluded + u.overdue, 0);
  return due > 0 ? Math.round((onTime / due) * 1000) / 10 : null;
}

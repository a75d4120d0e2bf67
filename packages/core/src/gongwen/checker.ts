/**
 * The checker for the five gates (内容关、政策关、法规关、格式关、保密关) plus 文字关.
 *
 * Every rule was run over the real documents in fixtures/gongwen and tuned until correct
 * documents pass with no error: a checker that cries wolf gets switched off. Rules that need
 * judgement a machine cannot make (is this 请示 really one matter?) only warn.
 */
import {
  REQUEST_PHRASE,
  UPWARD_TYPES,
  type BodyBlock,
  type Finding,
  type Gate,
  type GongwenDocument,
  type Severity,
  type TextRange,
} from './model.ts';
import { getElementText } from './element-text.ts';
import { STARTER_MISUSED_WORDS, type MisusedWord } from './misused-words.ts';
import { documentTypeFromTitle } from './parse-text.ts';
import {
  bodyBlockText,
  formatChineseDate,
  isCjk,
  matchHeading,
  parseDate,
  splitOrgans,
  toChineseNumeral,
} from './text-forms.ts';

/** One unit of the organisation tree, for 行文规则 checks. */
export interface OrgUnit {
  name: string;
  /** Name of the unit directly above; absent for the root. */
  parent?: string | null;
  /** Other names the unit is written as (简称). */
  aliases?: string[];
}

export interface SensitiveTerm {
  term: string;
  /** Wording to use instead; when given, the finding carries a fix. */
  replacement?: string;
}

export interface CheckOptions {
  /** Administrator-maintained list of sensitive terms (保密关). */
  sensitiveTerms?: ReadonlyArray<string | SensitiveTerm>;
  /** Administrator-maintained misused words; replaces the starter list when given. */
  misusedWords?: readonly MisusedWord[];
  /** The organisation tree; enables the skipped-level and copied-downward checks. */
  orgTree?: readonly OrgUnit[];
  /** Also report elements a complete document must have but the input lacks. */
  complete?: boolean;
  /**
   * Whether the document is meant for public release. Defaults to what its 附注 says
   * ("此件公开发布", "此件主动公开").
   */
  publicRelease?: boolean;
}

const CLAUSE = {
  copyNumber: 'GB/T 9704-2012 7.2.1',
  documentNumber: 'GB/T 9704-2012 7.2.5',
  signers: 'GB/T 9704-2012 7.2.6；条例 第9条',
  title: 'GB/T 9704-2012 7.3.1；条例 第9条',
  primaryRecipients: 'GB/T 9704-2012 7.3.2',
  headings: 'GB/T 9704-2012 7.3.3',
  attachmentNotes: 'GB/T 9704-2012 7.3.4',
  issueDate: 'GB/T 9704-2012 7.3.5.4',
  attachments: 'GB/T 9704-2012 7.3.7',
  copyRecipients: 'GB/T 9704-2012 7.4.2',
  printingDate: 'GB/T 9704-2012 7.4.3',
  punctuation: 'GB/T 9704-2012 9；GB/T 15834-2011',
  citation: '公文引用惯例：先引标题，后引发文字号（GB/T 9704-2012 7.2.5 发文字号格式）',
} as const;

type Emit = (f: Finding) => void;

function make(
  code: string,
  severity: Severity,
  gate: Gate,
  element: string,
  message: string,
  clause: string,
  range?: TextRange,
  replacement?: string,
): Finding {
  const f: Finding = { code, severity, gate, element, message, clause };
  if (range) f.range = range;
  if (range && replacement !== undefined) f.fix = { element, range, replacement };
  return f;
}

/** Every text element the punctuation and wording rules read, with its path. */
function textElements(doc: GongwenDocument): Array<{ path: string; text: string; skip: number }> {
  const out: Array<{ path: string; text: string; skip: number }> = [];
  const el = doc.elements;
  if (el.title) out.push({ path: 'title', text: el.title, skip: 0 });
  el.body.forEach((b, i) => out.push({ path: `body[${i}]`, text: bodyBlockText(b), skip: b.marker?.length ?? 0 }));
  el.attachmentNotes?.forEach((n, i) => out.push({ path: `attachmentNotes[${i}]`, text: n.name, skip: 0 }));
  if (el.note) out.push({ path: 'note', text: el.note, skip: 0 });
  el.attachments?.forEach((a, i) => {
    if (a.title) out.push({ path: `attachments[${i}].title`, text: a.title, skip: 0 });
    a.body.forEach((b, j) => out.push({ path: `attachments[${i}].body[${j}]`, text: bodyBlockText(b), skip: b.marker?.length ?? 0 }));
  });
  return out;
}

// ── 格式关 ─────────────────────────────────────────────────────────────────────

const NUMBER_PARTS = /^([\u4e00-\u9fa5A-Za-z×Ｘ]{1,20}?)\s*([〔\[［【(（{「])\s*(\d{2,4})\s*([〕\]］】)）}」])\s*(第?)\s*(\d{1,5})\s*(号?)/d;

function checkDocumentNumber(doc: GongwenDocument, emit: Emit): void {
  const dn = doc.elements.documentNumber;
  if (!dn) return;
  const text = dn.text;
  if (doc.format === '命令式' && /^第\s*\d+\s*号$/.test(text)) return; // 令号
  if (doc.format === '纪要式' && /^第\s*\d+\s*期$/.test(text)) return; // 纪要期数
  const m = NUMBER_PARTS.exec(text);
  if (!m || !m.indices) {
    emit(make('DOCUMENT_NUMBER_FORM', 'error', 'format', 'documentNumber', `发文字号“${text}”无法识别，应写作“机关代字〔年份〕序号号”，如“国发〔2026〕5号”。`, CLAUSE.documentNumber));
    return;
  }
  const idx = m.indices;
  if (m[2] !== '〔' || m[4] !== '〕') {
    const range = { start: idx[2]![0], end: idx[4]![1] };
    emit(make('DOCUMENT_NUMBER_BRACKETS', 'error', 'format', 'documentNumber', `发文字号的年份应使用六角括号“〔〕”，不能用“${m[2]}${m[4]}”。`, CLAUSE.documentNumber, range, `〔${m[3]}〕`));
  }
  if (m[3]!.length !== 4) {
    emit(make('DOCUMENT_NUMBER_YEAR', 'error', 'format', 'documentNumber', `发文字号的年份应写全称（四位数字），“${m[3]}”不完整。`, CLAUSE.documentNumber, { start: idx[3]![0], end: idx[3]![1] }));
  }
  if (m[5] === '第') {
    emit(make('DOCUMENT_NUMBER_DI', 'error', 'format', 'documentNumber', '发文字号的序号前不加“第”字，请删除。', CLAUSE.documentNumber, { start: idx[5]![0], end: idx[5]![1] }, ''));
  }
  if (/^0\d*/.test(m[6]!) && Number(m[6]) > 0) {
    emit(make('DOCUMENT_NUMBER_LEADING_ZERO', 'error', 'format', 'documentNumber', `发文字号的序号不编虚位（如“1”不写作“01”），“${m[6]}”应写作“${Number(m[6])}”。`, CLAUSE.documentNumber, { start: idx[6]![0], end: idx[6]![1] }, String(Number(m[6]))));
  }
  if (m[7] !== '号') {
    const at = idx[6]![1];
    emit(make('DOCUMENT_NUMBER_SUFFIX', 'error', 'format', 'documentNumber', '发文字号应以“号”字结尾，请在序号后加“号”。', CLAUSE.documentNumber, { start: at, end: at }, '号'));
  }
}

function checkDate(doc: GongwenDocument, element: 'issueDate' | 'printingDate', emit: Emit): void {
  const written = doc.source?.[element];
  if (!written) return; // built from data: the renderer writes the date correctly
  const d = parseDate(written);
  const clause = element === 'issueDate' ? CLAUSE.issueDate : CLAUSE.printingDate;
  const label = element === 'issueDate' ? '成文日期' : '印发日期';
  if (!d) {
    emit(make('DATE_FORM', 'error', 'format', element, `${label}“${written}”无法识别，应写作“2026年1月5日”。`, clause));
    return;
  }
  const right = formatChineseDate(d.iso);
  const range = { start: 0, end: written.length };
  const messages: Record<string, [string, string]> = {
    padded: ['DATE_PADDING', `${label}的月、日不编虚位，“${written}”应写作“${right}”。`],
    chinese: ['DATE_CHINESE_NUMERALS', `${label}应使用阿拉伯数字，“${written}”应写作“${right}”。`],
    dashed: ['DATE_FORM', `${label}应写作“年月日”形式，“${written}”应写作“${right}”。`],
    'short-year': ['DATE_YEAR_SHORT', `${label}的年份应标全，“${written}”应写作“${right}”。`],
  };
  const hit = messages[d.style];
  if (hit) emit(make(hit[0], 'error', 'format', element, hit[1], clause, range, right));
}

function checkHeadings(blocks: readonly BodyBlock[], pathOf: (i: number) => string, emit: Emit): void {
  const counters: number[] = [0, 0, 0, 0, 0];
  let open = 0;
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading' || !block.level || !block.marker) return;
    const path = pathOf(i);
    const h = matchHeading(bodyBlockText(block));
    if (!h) return;
    const level = h.level;
    if (level > open + 1) {
      const missing = ['', '“一、”', '“（一）”', '“1.”', '“（1）”'][open + 1];
      emit(make('HEADING_LEVEL_SKIPPED', 'warning', 'format', path, `结构层次跳级：${block.marker}之前缺少${missing}一级。层次序数依次为“一、”“（一）”“1.”“（1）”。`, CLAUSE.headings, { start: 0, end: block.marker.length }));
    }
    const expected = counters[level]! + 1;
    if (h.value !== expected) {
      const right = canonicalMarker(level, expected, block.marker);
      emit(make('HEADING_NUMBER_SEQUENCE', 'error', 'format', path, `层次序数不连续：此处应为“${right}”，实为“${block.marker}”。`, CLAUSE.headings, { start: 0, end: block.marker.length }, right));
    } else if (!isCanonicalMarker(block.marker, h.canonicalMarker, level)) {
      emit(make('HEADING_MARKER_FORM', 'error', 'format', path, `层次序数“${block.marker}”写法不规范，应为“${h.canonicalMarker}”（第一层“一、”，第二层“（一）”，第三层“1.”，第四层“（1）”）。`, CLAUSE.headings, { start: 0, end: block.marker.length }, h.canonicalMarker));
    }
    counters[level] = h.value;
    for (let l = level + 1; l <= 4; l++) counters[l] = 0;
    open = level;
  });
}

function canonicalMarker(level: number, value: number, written: string): string {
  if (level === 1) return `${toChineseNumeral(value)}、`;
  if (level === 2) return `（${toChineseNumeral(value)}）`;
  if (level === 3) return `${value}${written.includes('．') ? '．' : '.'}`;
  return `（${value}）`;
}

/** Level-3 markers are written "1." or, in much real practice, with the full-width "1．"; both pass. */
function isCanonicalMarker(marker: string, canonical: string, level: number): boolean {
  if (marker === canonical) return true;
  return level === 3 && /^\d+[.．]$/.test(marker);
}

function checkTitle(doc: GongwenDocument, emit: Emit): void {
  const title = doc.elements.title;
  if (!title) return;
  const named = documentTypeFromTitle(title);
  if (!named) {
    emit(make('TITLE_DOCUMENT_TYPE_MISSING', 'error', 'format', 'title', '标题应以文种结尾（如“……的通知”“……的请示”），标题由发文机关名称、事由和文种组成。', CLAUSE.title));
  } else if (doc.documentType && named !== doc.documentType) {
    emit(make('TITLE_DOCUMENT_TYPE_MISMATCH', 'error', 'format', 'title', `标题中的文种“${named}”与公文文种“${doc.documentType}”不一致，请统一。`, CLAUSE.title));
  }
  if (/^关于/.test(title) && !doc.elements.issuerMark) {
    emit(make('TITLE_ISSUER_MISSING', 'warning', 'format', 'title', '标题一般由发文机关名称、事由和文种组成，此标题缺少发文机关名称。', CLAUSE.title, { start: 0, end: 0 }));
  }
  const trailing = /[。．.，,；;：:！!？?]+$/.exec(title);
  if (trailing) {
    emit(make('TITLE_PUNCTUATION', 'error', 'format', 'title', '标题末尾不加标点符号，请删除。', CLAUSE.title, { start: trailing.index, end: title.length }, ''));
  }
}

function checkRecipientsPunctuation(doc: GongwenDocument, emit: Emit): void {
  const primary = doc.source?.primaryRecipients;
  if (primary && !/。$/.test(primary) && !/：$/.test(primary)) {
    const colon = /[:︰]$/.test(primary);
    const range = colon ? { start: primary.length - 1, end: primary.length } : { start: primary.length, end: primary.length };
    emit(make('PRIMARY_RECIPIENTS_COLON', 'error', 'format', 'primaryRecipients', '主送机关最后一个机关名称后应标全角冒号“：”。', CLAUSE.primaryRecipients, range, '：'));
  }
  const copy = doc.source?.copyRecipients;
  if (copy && !/。$/.test(copy)) {
    const wrong = /[.，,；;：:]$/.test(copy);
    const range = wrong ? { start: copy.length - 1, end: copy.length } : { start: copy.length, end: copy.length };
    emit(make('COPY_RECIPIENTS_PERIOD', 'error', 'format', 'copyRecipients', '抄送机关最后一个机关名称后应标句号“。”。', CLAUSE.copyRecipients, range, '。'));
  }
}

function checkAttachments(doc: GongwenDocument, emit: Emit): void {
  const notes = doc.elements.attachmentNotes ?? [];
  if (notes.length > 1) {
    notes.forEach((n, i) => {
      if (n.index !== i + 1) {
        emit(make('ATTACHMENT_NOTE_NUMBERING', 'error', 'format', `attachmentNotes[${i}]`, `附件说明应按顺序用阿拉伯数字编号，第${i + 1}个附件应编为“${i + 1}.”。`, CLAUSE.attachmentNotes));
      }
    });
  }
  notes.forEach((n, i) => {
    const trailing = /[。．.，,；;：:]+$/.exec(n.name);
    if (trailing) {
      emit(make('ATTACHMENT_NOTE_PUNCTUATION', 'error', 'format', `attachmentNotes[${i}]`, '附件名称后不加标点符号，请删除。', CLAUSE.attachmentNotes, { start: trailing.index, end: n.name.length }, ''));
    }
  });
  const labelled = (doc.elements.attachments ?? []).filter((a) => a.index !== null || notes.length > 0);
  if (notes.length > 0 && labelled.length > 0) {
    if (labelled.length !== notes.length) {
      emit(make('ATTACHMENT_COUNT_MISMATCH', 'error', 'format', 'attachmentNotes', `附件说明列出${notes.length}个附件，实际附件为${labelled.length}个，请核对。`, CLAUSE.attachments));
    }
    const strip = (s: string): string => s.replace(/[《》\s]/g, '').replace(/[。．.]$/, '');
    notes.forEach((n, i) => {
      const att = labelled.find((a) => a.index === n.index) ?? labelled[i];
      if (att && att.title && strip(att.title) !== strip(n.name)) {
        emit(make('ATTACHMENT_NAME_MISMATCH', 'error', 'format', `attachmentNotes[${i}]`, `附件说明中的名称“${n.name}”与附件标题“${att.title}”不一致，请统一。`, CLAUSE.attachments, { start: 0, end: n.name.length }, att.title));
      }
    });
  }
}

function checkHeadElements(doc: GongwenDocument, options: CheckOptions, emit: Emit): void {
  const el = doc.elements;
  if (el.copyNumber !== undefined && !/^\d{6}$/.test(el.copyNumber)) {
    const digits = /^\d{1,5}$/.test(el.copyNumber);
    emit(make('COPY_NUMBER_FORM', 'error', 'format', 'copyNumber', '份号应为6位阿拉伯数字，不足6位的前面补0，如“000001”。', CLAUSE.copyNumber, digits ? { start: 0, end: el.copyNumber.length } : undefined, digits ? el.copyNumber.padStart(6, '0') : undefined));
  }
  if (el.classification && !el.copyNumber) {
    emit(make('CLASSIFICATION_WITHOUT_COPY_NUMBER', 'error', 'secrecy', 'copyNumber', `涉密公文（${el.classification.level}）应当标注份号，请编排6位份号。`, '条例 第9条；GB/T 9704-2012 7.2.1'));
  }
  const upward = isUpward(doc, options);
  const hasHead = Boolean(el.issuerMark || el.documentNumber);
  if (upward && (hasHead || options.complete) && (!el.signers || el.signers.length === 0)) {
    emit(make('SIGNERS_MISSING_UPWARD', 'error', 'format', 'signers', '上行文应当标注签发人姓名，请在发文字号同一行右侧标注“签发人：姓名”。', CLAUSE.signers));
  }
}

// ── 行文规则 (法规关、内容关) ──────────────────────────────────────────────────

function bodyText(doc: GongwenDocument): string {
  return doc.elements.body.map(bodyBlockText).join('\n');
}

/** Upward when the 文种 says so, or when the org tree puts every 主送 above the issuer. */
function isUpward(doc: GongwenDocument, options: CheckOptions): boolean {
  if (doc.documentType && UPWARD_TYPES.has(doc.documentType)) return true;
  const tree = options.orgTree;
  const issuer = issuerOf(doc);
  const recipients = doc.elements.primaryRecipients ?? [];
  if (!tree || !issuer || recipients.length === 0) return false;
  const chain = ancestors(tree, issuer);
  return recipients.every((r) => chain.includes(canonicalUnit(tree, r) ?? ''));
}

function issuerOf(doc: GongwenDocument): string | undefined {
  return doc.elements.issuerSignatures?.[0] ?? doc.elements.issuerMarkOrgans?.[0] ?? doc.elements.issuerMark?.replace(/(文件|纪要)$/, '');
}

function canonicalUnit(tree: readonly OrgUnit[], name: string): string | undefined {
  const u = tree.find((t) => t.name === name || t.aliases?.includes(name));
  return u?.name;
}

function ancestors(tree: readonly OrgUnit[], name: string): string[] {
  const out: string[] = [];
  let current = canonicalUnit(tree, name);
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const parent = tree.find((t) => t.name === current)?.parent ?? undefined;
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

const PERSONAL_ADDRESSEE = /(书记|副书记|县长|市长|省长|区长|州长|乡长|镇长|局长|厅长|部长|主任|同志|领导)$/;

function checkRouting(doc: GongwenDocument, options: CheckOptions, emit: Emit): void {
  const el = doc.elements;
  const type = doc.documentType;
  const recipients = el.primaryRecipients ?? [];
  const upward = isUpward(doc, options);

  recipients.forEach((r) => {
    if (PERSONAL_ADDRESSEE.test(r) && !/委员会$/.test(r)) {
      emit(make('ADDRESSED_TO_PERSON', upward ? 'error' : 'warning', 'law', 'primaryRecipients', `“${r}”是领导者个人。除上级机关负责人直接交办事项外，不得以本机关名义向上级机关负责人报送公文；请主送机关。`, '条例 第15条'));
    }
  });

  if (type === '请示') {
    const organs = splitOrgans(recipients.join('，'));
    if (organs.length > 1) {
      emit(make('REQUEST_SINGLE_RECIPIENT', 'error', 'law', 'primaryRecipients', `请示应当一般只主送一个上级机关，现主送${organs.length}个（${organs.join('、')}）；其他机关需要时抄送。`, '条例 第15条'));
    }
    const body = el.body;
    const tailText = body.slice(-3).map(bodyBlockText).join('');
    if (body.length > 0 && !REQUEST_PHRASE.test(tailText)) {
      emit(make('REQUEST_CLOSING_MISSING', 'error', 'content', `body[${body.length - 1}]`, '请示应在结尾明确提出请求，如“妥否，请批示。”“以上请示，请予批准。”。', '条例 第8条（十一）'));
    }
    const requests = bodyText(doc).match(new RegExp(REQUEST_PHRASE.source, 'g')) ?? [];
    if (requests.length > 1) {
      emit(make('REQUEST_MULTIPLE_MATTERS', 'warning', 'content', 'body', `请示应当一文一事，本文出现${requests.length}处请求批示的表述，请确认是否只请示一个事项。`, '条例 第15条'));
    }
  }

  if (type === '报告') {
    el.body.forEach((b, i) => {
      const text = bodyBlockText(b);
      const m = REQUEST_PHRASE.exec(text);
      if (m) {
        emit(make('REPORT_CONTAINS_REQUEST', 'error', 'law', `body[${i}]`, `报告中不得夹带请示事项（“${m[0]}”）；需要上级批准的事项请另行请示。`, '条例 第15条', { start: m.index, end: m.index + m[0].length }));
      }
    });
  }

  if (type === '批复') {
    const text = bodyText(doc);
    if (!/《[^》]*请示》|请示(收悉|〔|（)|的请示/.test(text)) {
      emit(make('REPLY_REQUEST_NOT_NAMED', 'error', 'content', 'body', '批复应当写明所答复的请示，如“你单位《关于……的请示》（×〔2026〕×号）收悉”。', '条例 第8条（十二）'));
    }
  }

  const copies = el.copyRecipients ?? [];
  const tree = options.orgTree;
  const issuer = issuerOf(doc);
  if (upward) {
    copies.forEach((c) => {
      const lower = /^各/.test(c) || (tree && issuer ? ancestors(tree, c).includes(canonicalUnit(tree, issuer) ?? '\u0000') : false);
      if (lower) {
        emit(make('UPWARD_COPIED_DOWNWARD', 'error', 'law', 'copyRecipients', `上行文不得抄送下级机关（“${c}”）。`, '条例 第15条'));
      }
    });
  }
  if (upward && tree && issuer) {
    const chain = ancestors(tree, issuer);
    recipients.forEach((r) => {
      const target = canonicalUnit(tree, r);
      const at = target ? chain.indexOf(target) : -1;
      if (at > 0) {
        const skipped = chain.slice(0, at);
        const copied = new Set(copies.map((c) => canonicalUnit(tree, c) ?? c));
        const missing = skipped.filter((s) => !copied.has(s));
        if (missing.length === 0) {
          emit(make('UPWARD_SKIPS_LEVEL_COPIED', 'info', 'law', 'primaryRecipients', `越级行文至“${r}”，已抄送被越过的机关（${skipped.join('、')}）。越级行文须确属必要。`, '条例 第14条'));
        } else {
          const current = getElementText(doc, 'copyRecipients');
          const range = current ? { start: Math.max(0, current.length - 1), end: current.length } : { start: 0, end: 0 };
          const replacement = current ? '，' + missing.join('，') + '。' : '抄送：' + missing.join('，') + '。';
          const f = make('UPWARD_SKIPS_LEVEL', 'error', 'law', 'primaryRecipients', `越级行文：“${r}”不是本机关的直接上级，越过了${skipped.join('、')}。一般不得越级行文；确需越级的，应当抄送被越过的机关。`, '条例 第14条');
          f.fix = { element: 'copyRecipients', range, replacement };
          emit(f);
        }
      }
    });
  }
}

// ── 保密关 ─────────────────────────────────────────────────────────────────────

const CLASSIFICATION_MARK = /(绝密|机密|秘密)\s*[★☆]|密\s*级\s*[：:]\s*(绝密|机密|秘密)/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isIdCardNumber(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]!;
  return check[sum % 11] === id[17]!.toUpperCase();
}

function mask(s: string, keepStart: number, keepEnd: number): string {
  return s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(s.length - keepEnd);
}

function checkSecrecy(doc: GongwenDocument, options: CheckOptions, emit: Emit): void {
  const texts = textElements(doc);
  if (!doc.elements.classification) {
    for (const t of texts) {
      const m = CLASSIFICATION_MARK.exec(t.text);
      if (m) {
        emit(make('CLASSIFICATION_MARK_IN_UNCLASSIFIED', 'error', 'secrecy', t.path, `正文含有密级标志“${m[0]}”，而本公文未标注密级。请核实：如涉密，应按密级标注并按涉密公文办理；如不涉密，删除该标志。`, '条例 第9条；《中华人民共和国保守国家秘密法》'));
      }
    }
  }
  const note = doc.elements.note ?? '';
  const isPublic = options.publicRelease ?? (/公开/.test(note) && !/不(予)?公开/.test(note));
  if (isPublic) {
    for (const t of texts) {
      for (const m of t.text.matchAll(/(?<![\dA-Za-z])(\d{17}[\dXx])(?![\dA-Za-z])/g)) {
        if (!isIdCardNumber(m[1]!)) continue;
        const s = m.index!;
        emit(make('PERSONAL_DATA_ID_CARD', 'error', 'secrecy', t.path, '拟公开发布的公文含有身份证号码，请删除或作脱敏处理。', '《中华人民共和国个人信息保护法》第28条；《政府信息公开条例》第15条', { start: s, end: s + 18 }, mask(m[1]!, 6, 4)));
      }
      for (const m of t.text.matchAll(/(?<!\d)(1[3-9]\d{9})(?!\d)/g)) {
        const s = m.index!;
        emit(make('PERSONAL_DATA_MOBILE', 'error', 'secrecy', t.path, '拟公开发布的公文含有个人手机号码，请改为办公电话或作脱敏处理。', '《中华人民共和国个人信息保护法》第28条；《政府信息公开条例》第15条', { start: s, end: s + 11 }, mask(m[1]!, 3, 4)));
      }
      for (const m of t.text.matchAll(/(?<!\d)([3-6]\d{15,18})(?!\d)/g)) {
        if (!luhn(m[1]!) || (m[1]!.length === 18 && isIdCardNumber(m[1]!))) continue;
        const s = m.index!;
        emit(make('PERSONAL_DATA_BANK_CARD', 'error', 'secrecy', t.path, '拟公开发布的公文含有银行卡号，请删除或作脱敏处理。', '《中华人民共和国个人信息保护法》第28条；《政府信息公开条例》第15条', { start: s, end: s + m[1]!.length }, mask(m[1]!, 4, 4)));
      }
    }
  }
  for (const entry of options.sensitiveTerms ?? []) {
    const term = typeof entry === 'string' ? { term: entry } : entry;
    if (!term.term) continue;
    for (const t of texts) {
      let at = t.text.indexOf(term.term);
      while (at !== -1) {
        emit(make('SENSITIVE_TERM', 'error', 'secrecy', t.path, `含有敏感词“${term.term}”${term.replacement !== undefined ? `，请改为“${term.replacement}”` : '，请核实后删除或改写'}。`, '本单位敏感词表（保密管理规定）', { start: at, end: at + term.term.length }, term.replacement));
        at = t.text.indexOf(term.term, at + term.term.length);
      }
    }
  }
}

// ── 标点与文字 ────────────────────────────────────────────────────────────────

const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };
const OPENERS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '(': ')', '〔': '〕', '【': '】', '〈': '〉', '［': '］' };
const CLOSERS = new Set(Object.values(OPENERS));
const FULL_PAREN: Record<string, string> = { '(': '（', ')': '）' };

function checkPunctuation(doc: GongwenDocument, emit: Emit): void {
  for (const t of textElements(doc)) {
    const { text, path, skip } = t;
    // Half-width punctuation next to Chinese characters.
    let first = -1;
    let last = -1;
    for (let i = skip; i < text.length; i++) {
      const ch = text[i]!;
      if (!(ch in HALF_TO_FULL)) continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      const nearCjk = isCjk(prev) || isCjk(next) || /[“”《》、，。]/.test(prev ?? '') || /[“”《》、，。]/.test(next ?? '');
      // "4:3:3" and "1,000" are numbers, not Chinese text.
      if (!nearCjk) continue;
      if (first === -1) first = i;
      last = i;
    }
    if (first !== -1) {
      const span = text.slice(first, last + 1);
      const fixed = [...span].map((c, k) => (c in HALF_TO_FULL && nearCjkAt(text, first + k) ? HALF_TO_FULL[c]! : c)).join('');
      emit(make('HALFWIDTH_PUNCTUATION', 'error', 'format', path, `中文文本应使用全角标点，“${text[first]}”等半角标点应改为全角。`, CLAUSE.punctuation, { start: first, end: last + 1 }, fixed));
    }
    // Paired quotes and brackets.
    const stack: Array<{ ch: string; at: number }> = [];
    let reported = false;
    for (let i = skip; i < text.length && !reported; i++) {
      const ch = text[i]!;
      if (ch in OPENERS) stack.push({ ch, at: i });
      else if (CLOSERS.has(ch)) {
        const top = stack[stack.length - 1];
        const matches = top && (OPENERS[top.ch] === ch || FULL_PAREN[top.ch] === ch || (top.ch === '（' && ch === ')') || (top.ch === '(' && ch === '）'));
        if (matches) stack.pop();
        else {
          emit(make('UNPAIRED_PUNCTUATION', 'error', 'format', path, `标点“${ch}”没有与之配对的前半个，请检查引号、书名号或括号是否成对。`, CLAUSE.punctuation, { start: i, end: i + 1 }));
          reported = true;
        }
      }
    }
    if (!reported && stack.length > 0) {
      const open = stack[0]!;
      emit(make('UNPAIRED_PUNCTUATION', 'error', 'format', path, `标点“${open.ch}”没有与之配对的后半个，请检查引号、书名号或括号是否成对。`, CLAUSE.punctuation, { start: open.at, end: open.at + 1 }));
    }
    // Doubled punctuation such as "。。" or "，。".
    for (const m of text.matchAll(/([，。、；：])([，。、；：])/g)) {
      const s = m.index! + 1;
      emit(make('DOUBLED_PUNCTUATION', 'error', 'format', path, `标点重复“${m[0]}”，请删除多余的“${m[2]}”。`, CLAUSE.punctuation, { start: s, end: s + 1 }, ''));
    }
  }
}

function nearCjkAt(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return isCjk(prev) || isCjk(next) || /[“”《》、，。]/.test(prev ?? '') || /[“”《》、，。]/.test(next ?? '');
}

const DOUBLED_CHARACTERS = /的的(?!确)|(?<![不一])了了(?!之)|是是(?!非)|和和(?![美气睦])|(?<![实自])在在/g;

const CITED_NUMBER = /([\u4e00-\u9fa5×Ｘ]{1,12}?)([〔\[［【(（])(\d{2,4})([〕\]］】)）])(第?)(\d{1,5})号/g;

function checkWording(doc: GongwenDocument, options: CheckOptions, emit: Emit): void {
  const words = options.misusedWords ?? STARTER_MISUSED_WORDS;
  for (const t of textElements(doc)) {
    const { text, path } = t;
    for (const m of text.matchAll(DOUBLED_CHARACTERS)) {
      const s = m.index!;
      emit(make('DOUBLED_CHARACTER', 'error', 'wording', path, `“${m[0]}”字重复，请删除一个“${m[0][0]}”。`, 'GB/T 9704-2012（条例 第20条：文字审核）', { start: s + 1, end: s + 2 }, ''));
    }
    for (const w of words) {
      let at = text.indexOf(w.wrong);
      while (at !== -1) {
        const after = text[at + w.wrong.length] ?? '';
        const before = text[at - 1] ?? '';
        const exempt = (w.unlessFollowedBy && after && w.unlessFollowedBy.includes(after)) || (w.unlessPrecededBy && before && w.unlessPrecededBy.includes(before));
        if (!exempt) {
          emit(make('MISUSED_WORD', w.severity ?? 'error', 'wording', path, `“${w.wrong}”疑为错别字，应为“${w.right}”。`, '条例 第20条（文字审核）；本单位易错词表', { start: at, end: at + w.wrong.length }, w.right));
        }
        at = text.indexOf(w.wrong, at + w.wrong.length);
      }
    }
    if (path === 'title') continue;
    for (const m of text.matchAll(CITED_NUMBER)) {
      const s = m.index!;
      const e = s + m[0].length;
      const [, code, open, year, close, di, serial] = m;
      if (open === '(' || open === '（') continue; // "（2013-2030）"-like text is not a number; real ones use 〔〕 or []
      const right = `${code}〔${year}〕${Number(serial)}号`;
      if (open !== '〔' || close !== '〕' || di || /^0/.test(serial!) ) {
        if (year!.length === 4) {
          emit(make('CITED_NUMBER_FORM', 'warning', 'format', path, `引用的发文字号“${m[0]}”写法不规范，应为“${right}”。`, CLAUSE.documentNumber, { start: s, end: e }, right));
        }
      }
      const before = text.slice(Math.max(0, s - 2), s);
      const after = text.slice(e, e + 1);
      if (after === '《') {
        const close2 = text.indexOf('》', e);
        if (close2 !== -1) {
          const title = text.slice(e, close2 + 1);
          emit(make('CITATION_ORDER', 'warning', 'format', path, '引用公文应当先引标题，后引发文字号，如“《……的通知》（国发〔2026〕5号）”。', CLAUSE.citation, { start: s, end: close2 + 1 }, `${title}（${m[0]}）`));
        }
      } else if (before.endsWith('》')) {
        emit(make('CITATION_NUMBER_BRACKETS', 'warning', 'format', path, '引用公文时，发文字号应放在标题后的圆括号内。', CLAUSE.citation, { start: s, end: e }, `（${m[0]}）`));
      }
    }
  }
}

// ── 完整性 (--complete) ───────────────────────────────────────────────────────

function checkComplete(doc: GongwenDocument, options: CheckOptions, emit: Emit): void {
  const el = doc.elements;
  const missing = (element: string, name: string, clause: string): void =>
    emit(make('ELEMENT_MISSING', 'error', 'format', element, `缺少${name}。`, clause));
  if (!el.issuerMark) missing('issuerMark', '发文机关标志', 'GB/T 9704-2012 7.2.4');
  if (!el.documentNumber && doc.format !== '纪要式') missing('documentNumber', '发文字号', CLAUSE.documentNumber);
  // A 命令（令） may go without a title: its mark and 令号 name it (10.2).
  if (!el.title && doc.format !== '纪要式' && doc.format !== '命令式') missing('title', '标题', CLAUSE.title);
  const noRecipients = doc.documentType && ['公告', '通告', '公报', '纪要', '决议', '命令'].includes(doc.documentType);
  if (!noRecipients && (!el.primaryRecipients || el.primaryRecipients.length === 0)) missing('primaryRecipients', '主送机关', CLAUSE.primaryRecipients);
  if (el.body.length === 0) missing('body', '正文', 'GB/T 9704-2012 7.3.3');
  if (doc.format === '命令式') {
    if (!el.signatureStamps || el.signatureStamps.length === 0) missing('signatureStamps', '签发人职务和签名章', 'GB/T 9704-2012 10.2、7.3.5.3');
  } else if (doc.format !== '纪要式' && (!el.issuerSignatures || el.issuerSignatures.length === 0)) {
    missing('issuerSignatures', '发文机关署名', 'GB/T 9704-2012 7.3.5');
  }
  if (!el.issueDate) missing('issueDate', '成文日期', CLAUSE.issueDate);
  if (doc.format !== '信函式') {
    if (!el.printingOrgan) missing('printingOrgan', '印发机关', CLAUSE.printingDate);
    if (!el.printingDate) missing('printingDate', '印发日期', CLAUSE.printingDate);
  }
  if (doc.format === '纪要式' && (!el.attendees || el.attendees.length === 0)) missing('attendees', '出席人员', 'GB/T 9704-2012 10.3');
  if (!doc.documentType) missing('documentType', '文种', '条例 第8条');
  void options;
}

/**
 * Checks a 公文 against GB/T 9704-2012, the 公文处理工作条例 and the unit's own lists.
 * @param doc the model (as `parseText`/`parseDocx` return it, or built from a form)
 * @param options administrator lists, the org tree, and whether to demand a complete document
 * @returns findings, errors first, each with its clause and, where one exists, a fix
 */
export function checkDocument(doc: GongwenDocument, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (f) => findings.push(f);
  checkHeadElements(doc, options, emit);
  checkDocumentNumber(doc, emit);
  checkTitle(doc, emit);
  checkRecipientsPunctuation(doc, emit);
  checkHeadings(doc.elements.body, (i) => `body[${i}]`, emit);
  doc.elements.attachments?.forEach((a, k) => checkHeadings(a.body, (i) => `attachments[${k}].body[${i}]`, emit));
  checkAttachments(doc, emit);
  checkDate(doc, 'issueDate', emit);
  checkDate(doc, 'printingDate', emit);
  checkRouting(doc, options, emit);
  checkSecrecy(doc, options, emit);
  checkPunctuation(doc, emit);
  checkWording(doc, options, emit);
  if (options.complete) checkComplete(doc, options, emit);
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

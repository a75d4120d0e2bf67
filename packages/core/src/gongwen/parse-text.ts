/**
 * Parser from plain text (what a clerk pastes from Word or WPS, or what a government website
 * publishes) into the 公文 model. Web text often lacks the 版头 and 版记: we read what is
 * there and never invent what is not.
 */
import {
  DOCUMENT_TYPES,
  type Attachment,
  type AttachmentNote,
  type BodyBlock,
  type ClassificationLevel,
  type DocumentFormat,
  type DocumentType,
  type GongwenElements,
  type GongwenSource,
  type ParseResult,
  type SignatureStamp,
  type Urgency,
} from './model.ts';
import {
  parseDate,
  parseDocumentNumber,
  splitNames,
  splitOrganList,
  tabSeparatedRows,
  toBodyBlock,
  isTableCaption,
  DOCUMENT_NUMBER_PATTERN,
} from './text-forms.ts';

/** One source paragraph, with layout hints a .docx can supply. */
export interface SourceLine {
  text: string;
  /** Heading level from a Word heading style or outline level. */
  headingLevel?: 1 | 2 | 3 | 4;
  /** Right indent in characters (from .docx), used to tell a sealed 成文日期 (4) from an unsealed one (2). */
  rightIndentChars?: number;
  /** A table: its cells, rows[0] the header row; `text` is then its caption ('' when none). */
  tableRows?: string[][];
}

const TITLE_SUFFIX = /(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$/;
const ORGAN_SUFFIX =
  /(人民政府|政府|委员会|党委|党组|县委|市委|省委|区委|州委|办公室|办公厅|厅|局|委|部|院|署|会|处|所|中心|管委会|街道办事处|办事处|公司|支部|总支|工委|纪委|监委)$/;
const SENTENCE_PUNCT = /[。，；！？,;!?]/;

/** Trims spaces of every width from both ends. */
function trimLine(s: string): string {
  return s.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, '');
}

/**
 * Splits raw text into non-empty trimmed lines. Consecutive tab-separated lines, as Word and WPS
 * copy a table, become one table line, taking a caption-like line just above it ("表1 …").
 */
export function textToLines(text: string): SourceLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const out: SourceLine[] = [];
  for (let k = 0; k < raw.length; ) {
    let end = k;
    while (end < raw.length && raw[end]!.includes('\t') && trimLine(raw[end]!) !== '') end++;
    const rows = end - k >= 2 ? tabSeparatedRows(raw.slice(k, end)) : null;
    if (rows) {
      const caption = out.length > 0 && !out[out.length - 1]!.tableRows && isTableCaption(out[out.length - 1]!.text) ? out.pop()!.text : '';
      out.push({ text: caption, tableRows: rows });
      k = end;
      continue;
    }
    const line = trimLine(raw[k]!);
    if (line) out.push({ text: line });
    k++;
  }
  return out;
}

/** Maps a title's last word to its 文种. */
export function documentTypeFromTitle(title: string): DocumentType | null {
  const m = TITLE_SUFFIX.exec(title);
  if (!m) return null;
  const word = m[1]!;
  if (word === '令') return '命令';
  return (DOCUMENT_TYPES as readonly string[]).includes(word) ? (word as DocumentType) : null;
}

function isOrganLike(line: string): boolean {
  return line.length <= 30 && !SENTENCE_PUNCT.test(line) && !/[：:]/.test(line) && ORGAN_SUFFIX.test(line);
}

/** A line holding nothing but a 发文字号 (optionally in brackets), or a 令号 like 第5号. */
function documentNumberLine(line: string): string | null {
  const inner = line.replace(/^[（(]\s*/, '').replace(/\s*[）)]$/, '').trim();
  const m = DOCUMENT_NUMBER_PATTERN.exec(inner);
  if (m && m.index === 0 && m[0].length >= inner.length - 0) return inner;
  if (/^第\s*\d{1,5}\s*[号期]$/.test(inner)) return inner;
  return null;
}

const TITLE_NUMBER_TAIL = /[（(]\s*([^（()）]*〔\d{4}〕[^（()）]*号)\s*[）)]$/;

function isTitleCandidate(line: string): boolean {
  const core = line.replace(TITLE_NUMBER_TAIL, '');
  return core.length <= 120 && TITLE_SUFFIX.test(core) && !/[。：:；]$/.test(core);
}

function isRecipientsLine(line: string): boolean {
  return (
    /[：:]$/.test(line) &&
    line.length <= 300 &&
    !/。/.test(line) &&
    !/^(附件|抄送|出席|请假|列席)/.test(line) &&
    !/(如下|下列|以下|要求|通知|意见|规定|指出|强调)[：:]$/.test(line)
  );
}

const ATTENDANCE = /^(出席|请假|列席)(人员)?\s*[：:]\s*(.*)$/;
const COPY_LINE = /^抄送\s*[：:]/;
const MOVED_PRIMARY_LINE = /^主送\s*[：:]/;
const PRINTING_LINE = /^(.+?)\s+(\S+?)\s*印发$/;
const ATTACHMENT_START = /^附件\s*(\d{0,3})$/;
/**
 * 附注 written without its brackets, as many web pages print the contact line under the date
 * ("联系人：陈西平 联系电话：6822773"); GB/T 9704 7.3.6 puts it in round brackets, which the
 * renderer adds.
 */
const CONTACT_NOTE = /^((?:联系人|联系电话|联 系 人)\s*[：:].+)$/;

/**
 * Parses source lines into the model. `parseText` and `parseDocx` both end here, so a .docx
 * and its text read the same way.
 */
export function parseLines(lines: readonly SourceLine[]): ParseResult {
  const el: GongwenElements = { body: [] };
  const source: GongwenSource = {};
  const n = lines.length;
  let i = 0;

  // ── 版头 and 标题: until the 主送 line or the first line that is none of these.
  let sawTitle = false;
  let joint: JointMark | null;
  while (i < n) {
    // A table starts the 正文.
    if (lines[i]!.tableRows) break;
    const line = lines[i]!.text;
    let m: RegExpExecArray | null;
    if (!el.copyNumber && (m = /^(?:份号\s*[：:]?\s*)?(\d{6})$/.exec(line) ?? (i === 0 ? /^(?:份号\s*[：:]?\s*)?(\d{1,8})$/.exec(line) : null))) {
      el.copyNumber = m[1]!;
    } else if (!el.classification && (m = /^(?:密级\s*[：:]\s*)?(绝密|机密|秘密)\s*(?:[★☆*]\s*(\S+))?$/.exec(line))) {
      el.classification = { level: m[1] as ClassificationLevel, ...(m[2] ? { period: m[2] } : {}) };
    } else if (!el.urgency && (m = /^(?:紧急程度\s*[：:]\s*)?(特急|加急|特提|平急)$/.exec(line))) {
      el.urgency = m[1] as Urgency;
    } else if ((m = /^(.*?)\s*签发人\s*[：:]\s*(.*)$/.exec(line))) {
      const before = m[1]!.trim();
      if (before && !el.documentNumber) {
        const dn = parseDocumentNumber(before);
        if (dn) el.documentNumber = dn;
      }
      el.signers = [...(el.signers ?? []), ...splitNames(m[2]!)];
    } else if (!el.documentNumber && documentNumberLine(line)) {
      const text = documentNumberLine(line)!;
      el.documentNumber = parseDocumentNumber(text) ?? { text, issuerCode: '', year: null, serial: Number(/\d+/.exec(text)![0]) };
    } else if (!sawTitle && !el.issuerMark && !el.documentNumber && (joint = jointMarkAt(lines, i))) {
      el.issuerMark = joint.organs.join('') + joint.suffix;
      el.issuerMarkOrgans = joint.organs;
      i += joint.span;
      continue;
    } else if (
      !sawTitle &&
      !el.issuerMark &&
      !el.documentNumber &&
      (/文件$/.test(line) ||
        ((isOrganLike(line) || /纪要$/.test(line) || /(命令|令)$/.test(line)) && numberFollows(lines, i + 1))) &&
      line.length <= 40 &&
      !SENTENCE_PUNCT.test(line)
    ) {
      el.issuerMark = line;
    } else if (!sawTitle && (isTitleCandidate(line) || titleSpan(lines, i) > 1)) {
      const span = isTitleCandidate(line) ? 1 : titleSpan(lines, i);
      let title = lines
        .slice(i, i + span)
        .map((l) => l.text)
        .join('');
      // Web pages often append the 发文字号 to the title: 《…》的通知（岳办发〔2017〕2号）.
      const tail = TITLE_NUMBER_TAIL.exec(title);
      if (tail) {
        if (!el.documentNumber) el.documentNumber = parseDocumentNumber(tail[1]!) ?? undefined;
        title = title.slice(0, tail.index).trim();
      }
      el.title = title;
      sawTitle = true;
      i += span;
      continue;
    } else if (
      !sawTitle &&
      (el.issuerMark || el.documentNumber) &&
      i + 1 < n &&
      isRecipientsLine(lines[i + 1]!.text) &&
      line.length <= 80 &&
      !/[，,；;：:]/.test(line)
    ) {
      // A title that does not end in a 文种 (a drafting error the checker reports) still sits
      // between the 版头 and the 主送.
      el.title = line;
      sawTitle = true;
    } else if (isRecipientsLine(line)) {
      source.primaryRecipients = line;
      el.primaryRecipients = splitOrganList(line.replace(/[：:]$/, ''));
      i++;
      break;
    } else {
      break;
    }
    i++;
  }

  // ── 成文日期: the first standalone date after the start of 正文.
  let dateIndex = -1;
  for (let k = i; k < n; k++) {
    if (!lines[k]!.tableRows && parseDate(lines[k]!.text)) {
      dateIndex = k;
      break;
    }
  }

  // 发文机关署名: short organ lines right above the date.
  let bodyEnd = dateIndex === -1 ? n : dateIndex;
  if (dateIndex !== -1) {
    let k = dateIndex - 1;
    // 签发人职务 and 签名章 (命令（令）, 7.3.5.3) stand where a 署名 would.
    const stamps: SignatureStamp[] = [];
    const orderFormat = Boolean(el.issuerMark && /(命令|令)$/.test(el.issuerMark));
    for (let stamp: SignatureStamp | null; k >= i && stamps.length < 6 && !lines[k]!.tableRows && (stamp = stampLine(lines[k]!.text, orderFormat)); k--) stamps.unshift(stamp);
    if (stamps.length > 0) el.signatureStamps = stamps;
    const sigs: string[] = [];
    while (stamps.length === 0 && k >= i && sigs.length < 6 && !lines[k]!.tableRows) {
      // Joint sealed documents set two 署名 side by side on one line, one under each seal.
      const row = lines[k]!.text.split(/[\s\u3000]{2,}/);
      if (row.length > 1 && row.every(isOrganLike)) sigs.unshift(...row);
      else if (isOrganLike(lines[k]!.text)) sigs.unshift(lines[k]!.text);
      else break;
      k--;
    }
    if (sigs.length > 0) el.issuerSignatures = sigs;
    bodyEnd = k + 1;
    const dateLine = lines[dateIndex]!;
    const date = parseDate(dateLine.text)!;
    el.issueDate = date.iso;
    source.issueDate = dateLine.text;
    if (dateLine.rightIndentChars !== undefined) el.sealed = dateLine.rightIndentChars >= 3;
  }

  // ── 正文, 附件说明 and (纪要) 出席/请假/列席 in the body region.
  const tail: SourceLine[] = [];
  let inNotes = false;
  const notes: AttachmentNote[] = [];
  for (let k = i; k < bodyEnd; k++) {
    const line = lines[k]!;
    if (line.tableRows) {
      inNotes = false;
      el.body.push({ kind: 'table', text: line.text, rows: line.tableRows });
      continue;
    }
    if (consumeTailLine(line.text, el, source)) continue;
    const noteStart = /^附件\s*[：:]\s*(.*)$/.exec(line.text);
    if (noteStart) {
      inNotes = true;
      pushNote(notes, noteStart[1]!);
      continue;
    }
    if (inNotes && /^\d{1,2}\s*[.．、]/.test(line.text)) {
      pushNote(notes, line.text);
      continue;
    }
    if (inNotes && notes.length > 0 && !SENTENCE_PUNCT.test(line.text) && line.text.length <= 40) {
      // A long attachment name wrapped onto the next line.
      notes[notes.length - 1]!.name += line.text;
      continue;
    }
    inNotes = false;
    el.body.push(toBodyBlock(line.text, line.headingLevel));
  }
  if (notes.length > 0) el.attachmentNotes = notes;

  // ── After the date: 附注, 附件, 版记.
  const attachments: Attachment[] = [];
  let k = dateIndex === -1 ? n : dateIndex + 1;
  if (dateIndex !== -1 && k < n && !lines[k]!.tableRows) {
    const note = /^[（(](.+)[）)]$/.exec(lines[k]!.text) ?? CONTACT_NOTE.exec(lines[k]!.text);
    if (note && !ATTACHMENT_START.test(lines[k]!.text)) {
      el.note = note[1]!;
      k++;
    }
  }
  let current: Attachment | null = null;
  for (; k < n; k++) {
    const line = lines[k]!;
    if (line.tableRows) {
      if (!current) attachments.push((current = { index: null, title: '', body: [] }));
      current.body.push({ kind: 'table', text: line.text, rows: line.tableRows });
      continue;
    }
    if (consumeTailLine(line.text, el, source)) {
      current = null;
      continue;
    }
    const start = ATTACHMENT_START.exec(line.text);
    if (start) {
      current = { index: start[1] ? Number(start[1]) : null, title: '', body: [] };
      attachments.push(current);
      continue;
    }
    if (!current) {
      // Text after the date with no 附件 label: the document a 印发/转发 notice carries.
      current = { index: null, title: '', body: [] };
      attachments.push(current);
    }
    if (!current.title) current.title = line.text;
    else current.body.push(toBodyBlock(line.text, line.headingLevel));
  }
  void tail;
  if (attachments.length > 0) el.attachments = attachments;

  const documentType = el.title
    ? documentTypeFromTitle(el.title)
    : el.issuerMark && /纪要$/.test(el.issuerMark)
      ? '纪要'
      : el.issuerMark && /(命令|令)$/.test(el.issuerMark)
        ? '命令'
        : null;
  const result: ParseResult = {
    documentType,
    format: formatOf(documentType, el.issuerMark),
    elements: el,
    findings: [],
  };
  if (Object.keys(source).length > 0) result.source = source;
  return result;
}

/** 版记 and 纪要 lines that may sit anywhere after the 正文; true when the line was taken. */
function consumeTailLine(text: string, el: GongwenElements, source: GongwenSource): boolean {
  let m: RegExpExecArray | null;
  if ((m = ATTENDANCE.exec(text))) {
    const names = splitNames(m[3]!);
    if (m[1] === '出席') el.attendees = names;
    else if (m[1] === '请假') el.absentees = names;
    else el.nonVotingAttendees = names;
    return true;
  }
  if (COPY_LINE.test(text)) {
    source.copyRecipients = text;
    el.copyRecipients = splitOrganList(text.replace(COPY_LINE, '').replace(/[。.]$/, ''));
    return true;
  }
  if (MOVED_PRIMARY_LINE.test(text) && !el.primaryRecipients) {
    source.primaryRecipients = text.replace(MOVED_PRIMARY_LINE, '');
    el.primaryRecipients = splitOrganList(source.primaryRecipients.replace(/[：:。]$/, ''));
    return true;
  }
  if ((m = PRINTING_LINE.exec(text))) {
    const date = parseDate(m[2]!);
    if (date) {
      el.printingOrgan = m[1]!.trim();
      el.printingDate = date.iso;
      source.printingDate = m[2]!;
      return true;
    }
  }
  return false;
}

function pushNote(notes: AttachmentNote[], text: string): void {
  const m = /^(\d{1,2})\s*[.．、]\s*(.*)$/.exec(text.trim());
  if (m) notes.push({ index: Number(m[1]), name: m[2]! });
  else if (text.trim()) notes.push({ index: null, name: text.trim() });
}

/** 份号, 密级 or 紧急程度 alone on a line (a 信函式 puts them under its mark). */
const HEAD_MARKING_LINE = /^(?:\d{6}|(?:绝密|机密|秘密)(?:\s*[★☆*]\s*\S+)?|特急|加急|特提|平急)$/;

/** True when the 发文字号 (or 令号) stands at line i, after any 份号/密级/紧急程度 lines. */
function numberFollows(lines: readonly SourceLine[], i: number): boolean {
  let k = i;
  while (k < lines.length && k - i < 3 && HEAD_MARKING_LINE.test(lines[k]!.text)) k++;
  return k < lines.length && documentNumberLine(lines[k]!.text) !== null;
}

interface JointMark {
  organs: string[];
  /** "文件" or "" */
  suffix: string;
  /** Lines taken. */
  span: number;
}

/**
 * A joint 发文机关标志 (GB/T 9704 7.2.4) starting at line i: two or more organ names one under
 * another, 主办机关 first, with "文件" on a line of its own (where a table cell put it) or ending
 * the last name, followed by the 发文字号 or 签发人 line. Null when none starts there.
 */
function jointMarkAt(lines: readonly SourceLine[], i: number): JointMark | null {
  const organs: string[] = [];
  let suffix = '';
  let k = i;
  for (; k < lines.length && k - i < 8; k++) {
    const text = lines[k]!.text;
    if (text === '文件' && !suffix) {
      suffix = '文件';
      continue;
    }
    const name = text.replace(/文件$/, '');
    if (suffix || !isOrganLike(name)) break;
    organs.push(name);
    if (name !== text) {
      suffix = '文件';
      k++;
      break;
    }
  }
  if (organs.length < 2) return null;
  const next = lines[k]?.text;
  if (next === undefined || (documentNumberLine(next) === null && !/签发人\s*[：:]/.test(next))) return null;
  return { organs, suffix, span: k - i };
}

/** 职务 words a 签名章 line ends its title with ("县长　张三"). */
const STAMP_TITLE = /(总理|主席|委员长|部长|主任|书记|省长|市长|州长|县长|区长|旗长|乡长|镇长|局长|厅长|院长|署长|行长|司令员|政委|会长|理事长|秘书长)$/;

/**
 * A 签发人职务 + 签名章 line ("总理　李强", "县长　王　伟"); a 命令（令） reads any such line,
 * other documents only one whose 职务 ends in a title word. Null when the line is not one.
 */
function stampLine(text: string, orderFormat: boolean): SignatureStamp | null {
  const parts = text.split(/[\s\u3000]+/);
  if (parts.length < 2) return null;
  let name = parts.pop()!;
  // A two-character name is often spaced out to the width of three: "王　伟".
  if (name.length === 1 && parts.length >= 2 && parts[parts.length - 1]!.length === 1) name = parts.pop()! + name;
  const title = parts.join('');
  if (!/^[\u4e00-\u9fa5·]{2,4}$/.test(name) || !/^[\u4e00-\u9fa5（）]{2,30}$/.test(title)) return null;
  if (!orderFormat && !STAMP_TITLE.test(title)) return null;
  return { title, name };
}

/** How many lines (2 or 3) a title broken across lines occupies starting at i; 0 if none. */
function titleSpan(lines: readonly SourceLine[], i: number): number {
  for (let span = 2; span <= 3; span++) {
    if (i + span > lines.length) return 0;
    const parts = lines.slice(i, i + span).map((l) => l.text);
    if (parts.slice(0, -1).some((p) => SENTENCE_PUNCT.test(p) || /[：:]$/.test(p) || p.length > 40)) return 0;
    if (isTitleCandidate(parts[parts.length - 1]!) && parts[parts.length - 1]!.length <= 40) return span;
  }
  return 0;
}

/** Chooses the format from the 文种 and the 发文机关标志. */
export function formatOf(documentType: DocumentType | null, issuerMark: string | undefined): DocumentFormat {
  if (documentType === '纪要' || (issuerMark && /纪要$/.test(issuerMark))) return '纪要式';
  if (documentType === '命令' || (issuerMark && /(命令|令)$/.test(issuerMark))) return '命令式';
  if (issuerMark && !/文件$/.test(issuerMark)) return '信函式';
  return '文件式';
}

/**
 * Parses a 公文 from plain text.
 * @param text what a clerk pasted or a website published
 * @returns the model with `findings: []` (run `checkDocument` for findings)
 */
export function parseText(text: string): ParseResult {
  return parseLines(textToLines(text));
}

export type { BodyBlock };

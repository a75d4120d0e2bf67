/**
 * Reading and writing the small written forms of a 公文: dates, 发文字号, heading markers,
 * Chinese numerals and name lists. Shared by the parser, the checker and the renderers so
 * that what one writes the other reads back.
 */
import type { BodyBlock, DocumentNumber } from './model.ts';

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, O: 0, o: 0, Ｏ: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Value of a Chinese numeral up to 九百九十九 ("十一", "二十", "一百零三"); null if not one. */
export function chineseNumeralValue(text: string): number | null {
  if (!/^[〇零一二三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + current;
}

/** Chinese numeral for 1–999, as used in level-1 and level-2 heading markers. */
export function toChineseNumeral(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n <= 0) return '〇';
  if (n < 10) return digits[n]!;
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
  const h = digits[Math.floor(n / 100)] + '百';
  const rest = n % 100;
  if (rest === 0) return h;
  if (rest < 10) return h + '零' + digits[rest];
  return h + (rest < 20 ? '一' : '') + toChineseNumeral(rest);
}

/** Reads a year written digit by digit in Chinese ("二〇一九", "二OO五"). */
function chineseYearValue(text: string): number | null {
  if (!/^[〇零一二三四五六七八九O○Ｏo]{4}$/.test(text)) return null;
  let v = 0;
  for (const ch of text) v = v * 10 + (CN_DIGITS[ch] ?? 0);
  return v;
}

export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  /** YYYY-MM-DD */
  iso: string;
  /** How the date was written. */
  style: 'arabic' | 'padded' | 'chinese' | 'dashed' | 'short-year';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The one correct written form of a date under GB/T 9704 §7.3.5.4: 2026年1月5日. */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

const ARABIC_DATE = /^(\d{2}|\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CHINESE_DATE = /^([〇零一二三四五六七八九O○Ｏo]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$/;
const DASHED_DATE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/;

/** Parses a standalone date in any form clerks write; null when the text is not a date. */
export function parseDate(raw: string): ParsedDate | null {
  const text = raw.trim();
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let style: ParsedDate['style'] = 'arabic';
  let m = ARABIC_DATE.exec(text);
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
    if (m[1]!.length === 2) {
      style = 'short-year';
      year += 2000;
    } else if (/^0/.test(m[2]!) || /^0/.test(m[3]!)) style = 'padded';
  } else if ((m = CHINESE_DATE.exec(text))) {
    year = chineseYearValue(m[1]!);
    month = chineseNumeralValue(m[2]!);
    day = chineseNumeralValue(m[3]!);
    style = 'chinese';
  } else if ((m = DASHED_DATE.exec(text))) {
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
    style = 'dashed';
  }
  if (year === null || month === null || day === null) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, iso: `${year}-${pad2(month)}-${pad2(day)}`, style };
}

/** True when the whole line is a date (used to find 成文日期). */
export function isDateLine(line: string): boolean {
  return parseDate(line) !== null;
}

/** 发文字号 pattern: code, any bracket pair around the year, optional 第, serial, optional 号. */
export const DOCUMENT_NUMBER_PATTERN =
  /([\u4e00-\u9fa5A-Za-z×Ｘ]{1,20}?)\s*([〔\[［【(（{「])\s*(\d{2,4})\s*([〕\]］】)）}」])\s*(第?)\s*(\d{1,5})\s*(号?)/;

/** Reads a 发文字号 leniently; null when the text holds none. */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  const m = DOCUMENT_NUMBER_PATTERN.exec(text.trim());
  if (!m) return null;
  const yearDigits = m[3]!;
  return {
    text: text.trim(),
    issuerCode: m[1]!,
    year: yearDigits.length === 4 ? Number(yearDigits) : null,
    serial: Number(m[6]),
  };
}

/** The one correct form: 机关代字〔2026〕5号. */
export function formatDocumentNumber(issuerCode: string, year: number, serial: number): string {
  return `${issuerCode}〔${year}〕${serial}号`;
}

export interface HeadingMatch {
  level: 1 | 2 | 3 | 4;
  marker: string;
  /** The number the marker carries. */
  value: number;
  /** The marker as the standard writes it. */
  canonicalMarker: string;
  rest: string;
}

const LEVEL1 = /^([一二三四五六七八九十百]{1,4})\s*([、，,．.：:])\s*/;
const LEVEL2 = /^([（(])\s*([一二三四五六七八九十百]{1,4})\s*([）)])\s*([、，,．.]?)\s*/;
const LEVEL3 = /^(\d{1,3})\s*([.．、，,])(?!\d)\s*/;
const LEVEL4 = /^([（(])\s*(\d{1,3})\s*([）)])\s*([、，,．.]?)\s*/;

/** Recognises a heading marker at the start of a paragraph. */
export function matchHeading(paragraph: string): HeadingMatch | null {
  let m = LEVEL2.exec(paragraph);
  if (m) {
    const value = chineseNumeralValue(m[2]!)!;
    return { level: 2, marker: m[0].trimEnd(), value, canonicalMarker: `（${toChineseNumeral(value)}）`, rest: paragraph.slice(m[0].length) };
  }
  m = LEVEL4.exec(paragraph);
  if (m) {
    const value = Number(m[2]);
    return { level: 4, marker: m[0].trimEnd(), value, canonicalMarker: `（${value}）`, rest: paragraph.slice(m[0].length) };
  }
  m = LEVEL1.exec(paragraph);
  if (m) {
    const value = chineseNumeralValue(m[1]!);
    // "一是", "十分" are words, not markers; the punctuation after the numeral decides.
    if (value !== null && value > 0) {
      return { level: 1, marker: m[0].trimEnd(), value, canonicalMarker: `${toChineseNumeral(value)}、`, rest: paragraph.slice(m[0].length) };
    }
  }
  m = LEVEL3.exec(paragraph);
  if (m) {
    const value = Number(m[1]);
    // Years and amounts ("2026、2027年") are not markers: a marker number stays small.
    if (value > 0 && value < 100) {
      const punct = m[2] === '．' ? '．' : '.';
      return { level: 3, marker: m[0].trimEnd(), value, canonicalMarker: `${value}${punct}`, rest: paragraph.slice(m[0].length) };
    }
  }
  return null;
}

/** Splits a paragraph into a body block, recognising heading markers. */
export function toBodyBlock(paragraph: string, forcedLevel?: 1 | 2 | 3 | 4): BodyBlock {
  const h = matchHeading(paragraph);
  if (h) return { kind: 'heading', level: h.level, marker: h.marker, text: h.rest };
  if (forcedLevel) return { kind: 'heading', level: forcedLevel, text: paragraph };
  return { kind: 'paragraph', text: paragraph };
}

/** Written text of a body block: marker then text; for a table, `tableText`. */
export function bodyBlockText(block: BodyBlock): string {
  if (block.kind === 'table') return tableText(block);
  return (block.marker ?? '') + block.text;
}

/** A cell as one line: a tab or line break inside it would read back as a cell or row boundary. */
function cellLine(cell: string): string {
  return cell.replace(/[\t\r\n]+/g, ' ');
}

/**
 * Written text of a table block, as Word copies a table as text: the caption on the first line
 * (left out when empty), then one line per row with the cells separated by tabs. This is the text
 * that version comparison shows and the wording rules read.
 */
export function tableText(block: BodyBlock): string {
  const rows = (block.rows ?? []).map((row) => row.map(cellLine).join('\t'));
  return (block.text ? [cellLine(block.text), ...rows] : rows).join('\n');
}

/**
 * Reads a table block back from `tableText` (after a fix has edited it).
 * @param hasCaption whether the first line is the caption, as it was in the block the text came from
 */
export function tableFromText(text: string, hasCaption: boolean): BodyBlock {
  const lines = text.split('\n');
  const caption = hasCaption ? (lines.shift() ?? '') : '';
  return { kind: 'table', text: caption, rows: lines.map((line) => line.split('\t')) };
}

/** A line named as a table's caption: "表1 …", "附表2 …" or "…统计表", short and not a sentence. */
export function isTableCaption(text: string): boolean {
  return text.length <= 60 && !/[。；]/.test(text) && /^附?表\s*[\d一二三四五六七八九十]|表$/.test(text);
}

/**
 * Reads tab-separated lines as table rows, as Word and WPS put a copied table on the clipboard:
 * at least two lines, each of at least two cells and all of the same count. A column left empty
 * in every row (Word ends each row with a tab) is dropped.
 * @returns the rows, or null when the lines are not a table
 */
export function tabSeparatedRows(lines: readonly string[]): string[][] | null {
  if (lines.length < 2) return null;
  let rows = lines.map((line) => line.split('\t').map((cell) => cell.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '')));
  const width = rows[0]!.length;
  if (width < 2 || rows.some((row) => row.length !== width)) return null;
  if (rows.every((row) => row[width - 1] === '')) rows = rows.map((row) => row.slice(0, -1));
  if (rows[0]!.length < 2 || rows.every((row) => row.every((cell) => cell === ''))) return null;
  return rows;
}

/**
 * Splits a 主送/抄送 list. Organ groups are separated by ，or ；; 、 joins organs inside a
 * group ("各乡、镇人民政府") and is kept, so the list reads back as written.
 */
export function splitOrganList(text: string): string[] {
  return text
    .split(/[，,；;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Splits a list into single organs, including 、-joined ones (for counting 主送 of a 请示). */
export function splitOrgans(text: string): string[] {
  return text
    .split(/[，,；;、]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Splits a list of people (签发人, 出席): by 、，; or runs of spaces. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、，,；;]|\s{1,}/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Is this character a CJK ideograph? */
export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && /[\u3400-\u9fff\uf900-\ufaff]/.test(ch);
}

/** Width of text in 3号 characters: half-width digits and Latin count half. */
export function textWidthChars(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

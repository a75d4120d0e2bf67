/**
 * Layout of a table block, shared by the .docx and HTML renderers so that both print the same
 * table: the grid (short rows padded), the type size, column widths spanning the 版心 and which
 * cells are centred.
 *
 * GB/T 9704 sets 公文 text in 3号, but tables inside a 公文 are by common practice set smaller so
 * that their columns fit: 4号 (14 pt) 仿宋_GB2312, and 小四 (12 pt) for wide tables, with the
 * header row in 黑体.
 */
import type { BodyBlock } from './model.ts';
import { textWidthChars } from './text-forms.ts';

/** 版心 width in mm (GB/T 9704 5.2.2). */
const TEXT_WIDTH_MM = 156;
/** Left plus right cell padding (3 mm) and the rule. */
const CELL_PADDING_MM = 3.5;
/** What a column asks for beyond its text: the padding, and 1 mm to spare for fonts set wider than their size. */
const CELL_EXTRA_MM = CELL_PADDING_MM + 1;
/** A longer header may wrap: it asks for at most this many characters a line. */
const HEADER_CHARS = 4;
/** A long cell wraps: it asks for at most this many characters a line. */
const BODY_CHARS = 16;
/** A cell of figures, a date or a dash: it should not wrap. */
const FIGURE = /^[\d\s.,%+\-—–年月日时分个项次万元亿]*$/;
/** No column of words is narrowed below this many characters. */
const MIN_CHARS = 4;
/** Tables of more columns than this are set in 小四 rather than 4号. */
const MAX_COLUMNS_AT_SIZE_4 = 5;

export interface TableLayout {
  /** Every row padded with '' to `columns` cells; rows[0] is the header row. */
  rows: string[][];
  columns: number;
  /** Type size in points: 14 (4号), or 12 (小四) for more than five columns. */
  points: number;
  /** Column widths as fractions of the 版心 width; they sum to 1. */
  fractions: number[];
  /** centred[r][c]: the header and text that fits on one line are centred; longer text is justified. */
  centred: boolean[][];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Width of a cell's text in characters of its size: as `textWidthChars`, plus the quarter
 * character Word and LibreOffice set between Chinese and Latin or digits ("2026年12月31日").
 */
function cellChars(text: string): number {
  const boundaries = text.match(/[\x21-\x7e](?=[^\x00-\x7f])|[^\x00-\x7f](?=[\x21-\x7e])/g)?.length ?? 0;
  return textWidthChars(text) + boundaries / 4;
}

/** The widest width `cap` such that the widths, none wider than `cap`, fill `total`; Infinity when they all fit. */
function capToFill(wants: readonly number[], total: number): number {
  const sorted = [...wants].sort((a, b) => a - b);
  let left = total;
  for (let k = 0; k < sorted.length; k++) {
    const cap = left / (sorted.length - k);
    if (sorted[k]! >= cap) return cap;
    left -= sorted[k]!;
  }
  return Infinity;
}

/**
 * Narrows the widest columns to one width until the table fits `total`. Columns of figures and
 * dates keep their width while the columns of words can give way (a name wraps well, "2026年12月
 * 31日" does not), as long as no column of words goes below `floor`; otherwise every column gives way.
 */
function narrowToFit(wants: readonly number[], rigid: readonly boolean[], total: number, floor: number): number[] {
  const fixed = sum(wants.filter((_, c) => rigid[c]));
  const words = wants.filter((_, c) => !rigid[c]);
  const cap = words.length > 0 ? capToFill(words, total - fixed) : 0;
  if (cap >= floor && cap !== Infinity) return wants.map((w, c) => (rigid[c] ? w : Math.min(w, cap)));
  const all = capToFill(wants, total);
  return wants.map((w) => Math.min(w, all));
}

/** From `base`, each column grows toward `goal` by the same share of what it lacks, using `room`. */
function growToward(base: readonly number[], goal: readonly number[], room: number): number[] {
  const lack = goal.map((g, c) => Math.max(0, g - base[c]!));
  const share = sum(lack) > 0 ? Math.min(1, room / sum(lack)) : 0;
  return base.map((b, c) => b + lack[c]! * share);
}

/**
 * Lays out a table block across the 版心.
 * @returns null when the block has no rows (only its caption is printed)
 */
export function layoutTable(block: BodyBlock): TableLayout | null {
  const source = block.rows ?? [];
  const columns = Math.max(0, ...source.map((row) => row.length));
  if (source.length === 0 || columns === 0) return null;
  const rows = source.map((row) => [...row, ...Array<string>(columns - row.length).fill('')]);
  const points = columns > MAX_COLUMNS_AT_SIZE_4 ? 12 : 14;
  const charMm = (points * 25.4) / 72;
  const mm = (chars: number): number => Math.max(1, chars) * charMm + CELL_EXTRA_MM;
  // A column is at least as wide as its cells' text (to BODY_CHARS) and two header characters, so
  // "序号" or "单位" never breaks.
  const header = rows[0]!.map(cellChars);
  const cells = Array.from({ length: columns }, (_, c) =>
    mm(Math.max(Math.min(2, header[c]!), Math.min(BODY_CHARS, Math.max(0, ...rows.slice(1).map((row) => cellChars(row[c]!)))))),
  );
  // Headers wrap first to two lines, then (with room) stand on one line of up to HEADER_CHARS.
  const twoLines = cells.map((w, c) => Math.max(w, mm(Math.min(HEADER_CHARS, Math.ceil(header[c]! / 2)))));
  const oneLine = cells.map((w, c) => Math.max(w, mm(Math.min(HEADER_CHARS, header[c]!))));
  let widths: number[];
  if (sum(oneLine) <= TEXT_WIDTH_MM) widths = oneLine.map((w) => (w * TEXT_WIDTH_MM) / sum(oneLine));
  else if (sum(twoLines) <= TEXT_WIDTH_MM) widths = growToward(twoLines, oneLine, TEXT_WIDTH_MM - sum(twoLines));
  else if (sum(cells) <= TEXT_WIDTH_MM) widths = growToward(cells, twoLines, TEXT_WIDTH_MM - sum(cells));
  else {
    const rigid = Array.from({ length: columns }, (_, c) => rows.slice(1).every((row) => FIGURE.test(row[c]!)));
    widths = narrowToFit(cells, rigid, TEXT_WIDTH_MM, mm(MIN_CHARS));
  }
  const centred = rows.map((row, r) => row.map((cell, c) => r === 0 || cellChars(cell) * charMm <= widths[c]! - CELL_PADDING_MM));
  return { rows, columns, points, fractions: widths.map((w) => w / TEXT_WIDTH_MM), centred };
}

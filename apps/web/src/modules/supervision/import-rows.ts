// Rows pasted from the 批量立项 sheet: text copied from Excel or WPS is tab-separated, and a cell that holds
// a line break, a tab or a quote comes wrapped in double quotes with inner quotes doubled.
import type { ImportRow } from './supervision.api';

type Column = { key: keyof ImportRow; label: string; required: boolean };

/** The template's columns, in order (docs/API.md, POST /api/supervision/import). */
export const IMPORT_COLUMNS: Column[] = [
  { key: 'title', label: '事项名称', required: true },
  { key: 'content', label: '事项内容', required: true },
  { key: 'sourceLabel', label: '来源类别', required: true },
  { key: 'sourceRef', label: '来源文件或会议', required: false },
  { key: 'level', label: '重要程度', required: false },
  { key: 'leadUnit', label: '牵头单位', required: true },
  { key: 'cooperatingUnits', label: '配合单位', required: false },
  { key: 'leader', label: '责任领导', required: true },
  { key: 'person', label: '责任人', required: false },
  { key: 'completionStandard', label: '完成标准', required: false },
  { key: 'deadline', label: '办理期限', required: true },
  { key: 'feedbackCycle', label: '反馈周期', required: false },
  { key: 'feedbackDay', label: '反馈日', required: false },
];

/** Chinese name of a row field, for error messages that name the field by its key. */
export function importFieldLabel(field: string): string {
  return IMPORT_COLUMNS.find((column) => column.key === field)?.label ?? field;
}

/** Where a quoted cell starting at `start` (on its opening quote) ends, or -1 when the quote is just text. */
function closingQuote(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const next = text[i + 1];
      return next === undefined || next === '\t' || next === '\n' || next === '\r' ? i : -1;
    }
    i += 1;
  }
  return -1;
}

/** Splits spreadsheet text into rows of cells. */
export function splitSpreadsheetText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    const end = text[i] === '"' ? closingQuote(text, i) : -1;
    if (end >= 0) {
      cell = text.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
    } else {
      while (i < text.length && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    }
    row.push(cell);
    const separator = text[i];
    if (separator === '\t') {
      i += 1;
      if (i === text.length) row.push('');
    } else {
      rows.push(row);
      row = [];
      i += separator === '\r' && text[i + 1] === '\n' ? 2 : 1;
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** Excel shows dates as 2026/6/30 or 2026年6月30日; the server reads YYYY-MM-DD. */
function normaliseDate(value: string): string {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (!match) return value;
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
}

const HEADER = /^\*?事项名称\*?$/;
/** The template's example row is marked 示例 and is not an item. */
const EXAMPLE = /^[（(【[]?示例/;

export type PastedRows = {
  rows: ImportRow[];
  /** Header and example rows left out. */
  skipped: number;
  /** Rows that have more cells than the template has columns (probably copied with an extra column). */
  tooWide: number[];
};

/** Turns pasted text into ImportRow objects in the template's column order. */
export function parsePastedRows(text: string): PastedRows {
  const rows: ImportRow[] = [];
  const tooWide: number[] = [];
  let skipped = 0;
  for (const cells of splitSpreadsheetText(text)) {
    const trimmed = cells.map((cell) => cell.trim());
    if (trimmed.every((cell) => cell === '')) continue;
    const first = trimmed[0] ?? '';
    if (HEADER.test(first) || EXAMPLE.test(first) || trimmed.includes('示例')) {
      skipped += 1;
      continue;
    }
    const nonEmptyTail = trimmed.slice(IMPORT_COLUMNS.length).some((cell) => cell !== '');
    if (nonEmptyTail) tooWide.push(rows.length + 1);
    const row: Record<string, string | number> = {};
    IMPORT_COLUMNS.forEach((column, index) => {
      const value = trimmed[index] ?? '';
      if (value === '' && !column.required) return;
      if (column.key === 'deadline') row[column.key] = normaliseDate(value);
      else if (column.key === 'feedbackDay' && /^\d+$/.test(value)) row[column.key] = Number(value);
      else row[column.key] = value;
    });
    rows.push(row as ImportRow);
  }
  return { rows, skipped, tooWide };
}

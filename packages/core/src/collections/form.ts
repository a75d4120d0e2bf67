/**
 * 情况征集 forms: the office designs a form (fields of a few types, with required fields and rules), units fill
 * it in. Both the design and a unit's values are checked here, every problem at once and each named by its path
 * (`fields[2].options`, `data.items[3].amount`) with a Chinese message a clerk can act on; both come back
 * normalised (strings trimmed, numbers given as text turned into numbers, dates as YYYY-MM-DD).
 */

export const FIELD_TYPES = ['text', 'number', 'date', 'single', 'multiple', 'file', 'table'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** A table's columns are simple values: one cell each. */
export const COLUMN_TYPES = ['text', 'number', 'date', 'single'] as const;
export const FIELD_TYPE_LABELS: Record<FieldType, string> = { text: '文字', number: '数字', date: '日期', single: '单选', multiple: '多选', file: '附件', table: '表格' };

export interface FormField {
  /** ^[a-z][a-z0-9_]{0,31}$, unique within the form (within the table for columns). */
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  help?: string;
  /** text: default 2000. */
  maxLength?: number;
  multiline?: boolean;
  min?: number;
  max?: number;
  /** number: digits after the point, 0 = whole numbers; default 2. */
  decimals?: number;
  /** number: e.g. 万元. */
  unit?: string;
  /** date: YYYY-MM-DD. */
  minDate?: string;
  maxDate?: string;
  /** single, multiple: 2–50 distinct. */
  options?: string[];
  minChoices?: number;
  maxChoices?: number;
  /** table: text | number | date | single only. */
  columns?: FormField[];
  minRows?: number;
  /** table: default 200. */
  maxRows?: number;
}

export interface FileValue {
  fileId: string;
  name: string;
}
export type Cell = string | number | null;
export type TableRow = Record<string, Cell>;
/** text, date, single: string; number: number; multiple: string[]; file: {fileId, name}; table: rows by column key. */
export type Value = string | number | string[] | FileValue | TableRow[] | null;
export type FormData = Record<string, Value>;

export interface FieldError {
  path: string;
  message: string;
}

export const FORM_LIMITS = {
  fields: 100,
  columns: 30,
  label: 60,
  help: 500,
  unit: 20,
  defaultMaxLength: 2000,
  maxLength: 20000,
  defaultDecimals: 2,
  maxDecimals: 6,
  minOptions: 2,
  maxOptions: 50,
  option: 100,
  defaultMaxRows: 200,
  maxRows: 1000,
  /** Larger figures are typing mistakes, and would not add up exactly. */
  maxAbs: 1e15,
} as const;

const KEY_RE = /^[a-z][a-z0-9_]{0,31}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The label a clerk sees: "金额（万元）" for a number with a unit. */
export function displayLabel(f: Pick<FormField, 'label' | 'unit' | 'type'>): string {
  return f.type === 'number' && f.unit ? `${f.label}（${f.unit}）` : f.label;
}

/** Whether a YYYY-MM-DD string names a real day. */
export function isValidDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

// ── the design ─────────────────────────────────────────────────────────────────

/** Chinese names of a field's settings, for the design's messages ("选项：至少两个且不能重复"). */
const SETTING_LABELS: Record<string, string> = {
  key: '标识', label: '名称', type: '类型', required: '必填', help: '填写说明', maxLength: '最多字数', multiline: '多行',
  min: '最小值', max: '最大值', decimals: '小数位数', unit: '计量单位', minDate: '最早日期', maxDate: '最晚日期',
  options: '选项', minChoices: '最少选择项数', maxChoices: '最多选择项数', columns: '表格列', minRows: '最少行数', maxRows: '最多行数',
};
const SETTINGS = new Set(Object.keys(SETTING_LABELS));

export interface DesignResult {
  /** The fields with only the settings their type uses, defaults filled in. */
  fields: FormField[];
  errors: FieldError[];
}

/**
 * Checks a form design: every problem, by path (`fields[2].options`, `fields[4].columns[1].key`). The fields come
 * back normalised — labels trimmed, settings another type does not use dropped, defaults (最多字数 2000, 小数位数 2,
 * 最多行数 200) written in — so the stored form says exactly what the units' values are checked against.
 */
export function validateFormDesign(input: unknown): DesignResult {
  const errors: FieldError[] = [];
  if (!Array.isArray(input)) return { fields: [], errors: [{ path: 'fields', message: '表单字段：格式不正确，应为字段列表' }] };
  if (input.length === 0) errors.push({ path: 'fields', message: '表单字段：至少设计一个字段' });
  if (input.length > FORM_LIMITS.fields) errors.push({ path: 'fields', message: `表单字段：最多${FORM_LIMITS.fields}个` });
  const fields = designFields(input.slice(0, FORM_LIMITS.fields), 'fields', false, errors);
  return { fields, errors };
}

function designFields(list: unknown[], base: string, inTable: boolean, errors: FieldError[]): FormField[] {
  const out: FormField[] = [];
  const seen = new Map<string, number>();
  list.forEach((raw, i) => {
    const path = `${base}[${i}]`;
    const f = designField(raw, path, inTable, errors);
    if (!f) return;
    const first = seen.get(f.key);
    if (first !== undefined) errors.push({ path: `${path}.key`, message: `标识：与第${first + 1}${inTable ? '列' : '个字段'}重复` });
    else seen.set(f.key, i);
    out.push(f);
  });
  return out;
}

function designField(raw: unknown, path: string, inTable: boolean, errors: FieldError[]): FormField | null {
  const what = inTable ? '表格列' : '字段';
  if (!isObject(raw)) {
    errors.push({ path, message: `${what}：格式不正确` });
    return null;
  }
  const bad = (setting: string, reason: string) => errors.push({ path: `${path}.${setting}`, message: `${SETTING_LABELS[setting] ?? setting}：${reason}` });
  for (const k of Object.keys(raw)) if (!SETTINGS.has(k)) errors.push({ path: `${path}.${k}`, message: `${what}：没有“${k}”这一设置项` });

  const key = raw.key;
  if (typeof key !== 'string' || !KEY_RE.test(key)) bad('key', '须以小写英文字母开头，只含小写字母、数字和下划线，最多32个字符');
  const label = typeof raw.label === 'string' ? raw.label.trim() : '';
  if (typeof raw.label !== 'string' || !label) bad('label', '不能为空');
  else if (label.length > FORM_LIMITS.label) bad('label', `不能超过${FORM_LIMITS.label}个字符`);
  const allowed: readonly string[] = inTable ? COLUMN_TYPES : FIELD_TYPES;
  const type = raw.type as FieldType;
  if (typeof raw.type !== 'string' || !allowed.includes(raw.type)) {
    bad('type', `须为${allowed.map((t) => FIELD_TYPE_LABELS[t as FieldType]).join('、')}之一${inTable ? '（表格的列不能是多选、附件或表格）' : ''}`);
    return null;
  }
  const f: FormField = { key: typeof key === 'string' ? key : '', label, type };
  if (raw.required !== undefined) {
    if (typeof raw.required !== 'boolean') bad('required', '须为是或否');
    else if (raw.required) f.required = true;
  }
  if (raw.help !== undefined && raw.help !== null) {
    if (typeof raw.help !== 'string') bad('help', '须为文字');
    else if (raw.help.trim().length > FORM_LIMITS.help) bad('help', `不能超过${FORM_LIMITS.help}个字符`);
    else if (raw.help.trim()) f.help = raw.help.trim();
  }
  const intSetting = (setting: string, lo: number, hi: number): number | undefined => {
    const v = raw[setting];
    if (v === undefined || v === null) return undefined;
    if (!isInt(v) || v < lo || v > hi) {
      bad(setting, `须为${lo}至${hi}之间的整数`);
      return undefined;
    }
    return v;
  };

  switch (type) {
    case 'text': {
      f.maxLength = intSetting('maxLength', 1, FORM_LIMITS.maxLength) ?? FORM_LIMITS.defaultMaxLength;
      if (raw.multiline !== undefined) {
        if (typeof raw.multiline !== 'boolean') bad('multiline', '须为是或否');
        else if (raw.multiline) f.multiline = true;
      }
      break;
    }
    case 'number': {
      f.decimals = intSetting('decimals', 0, FORM_LIMITS.maxDecimals) ?? FORM_LIMITS.defaultDecimals;
      for (const s of ['min', 'max'] as const) {
        const v = raw[s];
        if (v === undefined || v === null) continue;
        if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > FORM_LIMITS.maxAbs) bad(s, '须为数字');
        else f[s] = v;
      }
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) bad('min', '不能大于最大值');
      if (raw.unit !== undefined && raw.unit !== null) {
        if (typeof raw.unit !== 'string') bad('unit', '须为文字');
        else if (raw.unit.trim().length > FORM_LIMITS.unit) bad('unit', `不能超过${FORM_LIMITS.unit}个字符`);
        else if (raw.unit.trim()) f.unit = raw.unit.trim();
      }
      break;
    }
    case 'date': {
      for (const s of ['minDate', 'maxDate'] as const) {
        const v = raw[s];
        if (v === undefined || v === null || v === '') continue;
        if (typeof v !== 'string' || !isValidDay(v)) bad(s, '须为有效日期，格式为YYYY-MM-DD');
        else f[s] = v;
      }
      if (f.minDate && f.maxDate && f.minDate > f.maxDate) bad('minDate', '不能晚于最晚日期');
      break;
    }
    case 'single':
    case 'multiple': {
      const opts = raw.options;
      if (!Array.isArray(opts)) {
        bad('options', '至少两个且不能重复');
        break;
      }
      const cleaned: string[] = [];
      let itemProblem = false;
      opts.forEach((o, j) => {
        if (typeof o !== 'string' || !o.trim()) {
          bad('options', `第${j + 1}项不能为空`);
          itemProblem = true;
        } else if (o.trim().length > FORM_LIMITS.option) {
          bad('options', `第${j + 1}项不能超过${FORM_LIMITS.option}个字符`);
          itemProblem = true;
        } else if (type === 'multiple' && o.includes('、')) {
          // The summary joins several choices with "、"; an option holding one could not be told apart.
          bad('options', `第${j + 1}项不能包含“、”`);
          itemProblem = true;
        } else cleaned.push(o.trim());
      });
      if (itemProblem) break;
      if (cleaned.length > FORM_LIMITS.maxOptions) bad('options', `最多${FORM_LIMITS.maxOptions}个`);
      else if (cleaned.length < FORM_LIMITS.minOptions || new Set(cleaned).size !== cleaned.length) bad('options', '至少两个且不能重复');
      else f.options = cleaned;
      if (type === 'multiple') {
        const n = f.options?.length ?? FORM_LIMITS.maxOptions;
        const lo = intSetting('minChoices', 0, n);
        const hi = intSetting('maxChoices', 1, n);
        if (lo !== undefined && lo > 0) f.minChoices = lo;
        if (hi !== undefined) f.maxChoices = hi;
        if (lo !== undefined && hi !== undefined && lo > hi) bad('minChoices', '不能大于最多选择项数');
      }
      break;
    }
    case 'file':
      break;
    case 'table': {
      const cols = raw.columns;
      if (!Array.isArray(cols) || cols.length === 0) {
        bad('columns', '至少设计一列');
        break;
      }
      if (cols.length > FORM_LIMITS.columns) bad('columns', `最多${FORM_LIMITS.columns}列`);
      f.columns = designFields(cols.slice(0, FORM_LIMITS.columns), `${path}.columns`, true, errors);
      const lo = intSetting('minRows', 0, FORM_LIMITS.maxRows);
      const hi = intSetting('maxRows', 1, FORM_LIMITS.maxRows);
      if (lo !== undefined && lo > 0) f.minRows = lo;
      f.maxRows = hi ?? FORM_LIMITS.defaultMaxRows;
      if (lo !== undefined && lo > f.maxRows) bad('minRows', '不能大于最多行数');
      break;
    }
  }
  return f;
}

// ── the values ─────────────────────────────────────────────────────────────────

export interface ValuesResult {
  /** Every field's value (null when empty); table rows with every column, wholly empty rows dropped. */
  data: FormData;
  errors: FieldError[];
}

/**
 * Checks a unit's values against the form: every problem at once, by path (`data.amount`,
 * `data.items[3].amount`), messages naming the field and, in a table, the row ("第4行“金额（万元）”：须为数字").
 * `partial` (a draft being saved) checks only that each value is of its field's kind — a number, a date, one of
 * the options — and that it fits the storage limits (字数, 行数); required fields, ranges and counts of choices
 * or rows wait for the submission.
 */
export function validateValues(fields: readonly FormField[], input: unknown, opts: { partial?: boolean } = {}): ValuesResult {
  const partial = opts.partial === true;
  const errors: FieldError[] = [];
  const data: FormData = {};
  if (!isObject(input)) {
    for (const f of fields) data[f.key] = null;
    return { data, errors: [{ path: 'data', message: '填报内容：格式不正确' }] };
  }
  const known = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(input)) if (!known.has(k)) errors.push({ path: `data.${k}`, message: `填报内容：表单中没有“${k}”这一项` });
  for (const f of fields) {
    const path = `data.${f.key}`;
    const label = displayLabel(f);
    const say = (message: string, at = path) => errors.push({ path: at, message });
    if (f.type === 'table') {
      data[f.key] = tableValue(f, input[f.key], path, partial, say);
      continue;
    }
    const r = checkValue(f, input[f.key], partial);
    if (r.error) say(`${label}：${r.error}`);
    data[f.key] = r.value;
  }
  return { data, errors };
}

function tableValue(f: FormField, raw: unknown, path: string, partial: boolean, say: (message: string, at?: string) => void): TableRow[] | null {
  const label = displayLabel(f);
  if (raw === undefined || raw === null) {
    if (!partial && (f.required || (f.minRows ?? 0) > 0)) say(`${label}：至少填写${Math.max(1, f.minRows ?? 0)}行`);
    return null;
  }
  if (!Array.isArray(raw)) {
    say(`${label}：格式不正确，应为表格行的列表`);
    return null;
  }
  const maxRows = f.maxRows ?? FORM_LIMITS.defaultMaxRows;
  if (raw.length > maxRows) {
    say(`${label}：最多${maxRows}行`);
    return null;
  }
  const columns = f.columns ?? [];
  const known = new Set(columns.map((c) => c.key));
  const rows: TableRow[] = [];
  raw.forEach((r, i) => {
    const rowPath = `${path}[${i}]`;
    if (!isObject(r)) {
      say(`${label}第${i + 1}行：格式不正确`, rowPath);
      return;
    }
    for (const k of Object.keys(r)) if (!known.has(k)) say(`第${i + 1}行：表格中没有“${k}”这一列`, `${rowPath}.${k}`);
    const row: TableRow = {};
    let filled = false;
    const problems: [string, string][] = [];
    for (const c of columns) {
      // Required columns are checked only on rows that hold something: a blank row is not a row.
      const v = checkValue(c, r[c.key], true);
      if (v.error) problems.push([c.key, v.error]);
      row[c.key] = v.value as Cell;
      if (v.value !== null) filled = true;
    }
    if (filled && !partial) {
      for (const c of columns) {
        if (problems.some(([k]) => k === c.key)) continue;
        const full = checkValue(c, r[c.key], false);
        if (full.error) problems.push([c.key, full.error]);
      }
    }
    const order = new Map(columns.map((c, j) => [c.key, j]));
    problems.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
    for (const [k, reason] of problems) say(`第${i + 1}行“${displayLabel(columns[order.get(k)!]!)}”：${reason}`, `${rowPath}.${k}`);
    if (filled) rows.push(row);
  });
  if (!partial) {
    const min = Math.max(f.required ? 1 : 0, f.minRows ?? 0);
    if (rows.length < min) say(`${label}：至少填写${min}行`);
  }
  return rows.length ? rows : null;
}

interface Checked {
  value: Value;
  error?: string;
}

const FULL_WIDTH = /[０-９．－＋，]/g;
const toHalfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => (c === '．' ? '.' : c === '－' ? '-' : c === '＋' ? '+' : c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** A number from a number or from text as people type it ("1,234.50", "１２", " 3 "); undefined when it is not one. */
export function parseNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = toHalfWidth(v.trim()).replace(/\s+/g, '');
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+|\d*(?=\.\d))(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** A day from "2026-11-21", "2026/11/21", "2026.11.21" or "2026年11月21日"; undefined when it is not one. */
export function parseDay(v: string): string | undefined {
  const m = /^(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?$/.exec(v.trim());
  if (!m) return undefined;
  const s = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDay(s) ? s : undefined;
}

const isEmptyInput = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** One value against its field: the normalised value and at most one reason it is wrong. */
function checkValue(f: FormField, raw: unknown, partial: boolean): Checked {
  if (isEmptyInput(raw)) {
    // 最少选择项数 asks for an answer as 必填 does (as 最少行数 does for a table).
    const mustAnswer = f.required || (f.type === 'multiple' && (f.minChoices ?? 0) > 0);
    if (partial || !mustAnswer) return { value: null };
    const reason = f.type === 'multiple' ? `至少选择${Math.max(1, f.minChoices ?? 1)}项` : f.type === 'file' ? '请上传文件' : '不能为空';
    return { value: null, error: reason };
  }
  switch (f.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { value: null, error: '须为文字' };
      const s = String(raw).trim();
      const max = f.maxLength ?? FORM_LIMITS.defaultMaxLength;
      if (s.length > max) return { value: null, error: `不能超过${max}个字` };
      return { value: s };
    }
    case 'number': {
      const n = parseNumber(raw);
      if (n === undefined) return { value: null, error: '须为数字' };
      if (Math.abs(n) > FORM_LIMITS.maxAbs) return { value: null, error: '数值过大，请核对' };
      const value = n === 0 ? 0 : n; // -0 is 0
      if (partial) return { value };
      const d = f.decimals ?? FORM_LIMITS.defaultDecimals;
      if (Number(value.toFixed(d)) !== value) return { value, error: d === 0 ? '须为整数' : `最多保留${d}位小数` };
      if (f.min !== undefined && value < f.min) return { value, error: `不能小于${f.min}` };
      if (f.max !== undefined && value > f.max) return { value, error: `不能大于${f.max}` };
      return { value };
    }
    case 'date': {
      if (typeof raw !== 'string') return { value: null, error: '须为日期，格式为YYYY-MM-DD' };
      const day = parseDay(raw);
      if (!day) return { value: null, error: /^\d{4}\D\d{1,2}\D\d{1,2}/.test(raw.trim()) ? '不是有效的日期' : '须为日期，格式为YYYY-MM-DD' };
      if (partial) return { value: day };
      if (f.minDate && day < f.minDate) return { value: day, error: `不能早于${f.minDate}` };
      if (f.maxDate && day > f.maxDate) return { value: day, error: `不能晚于${f.maxDate}` };
      return { value: day };
    }
    case 'single': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { value: null, error: '须为选项之一' };
      const s = String(raw).trim();
      const options = f.options ?? [];
      if (!options.includes(s)) return { value: null, error: `须为以下选项之一：${options.join('、')}` };
      return { value: s };
    }
    case 'multiple': {
      const list = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) return { value: null, error: '须为所选项的列表' };
      const options = f.options ?? [];
      const picked = new Set((list as string[]).map((x) => x.trim()).filter(Boolean));
      const unknown = [...picked].filter((x) => !options.includes(x));
      if (unknown.length) return { value: null, error: `“${unknown[0]}”不是可选项（可选：${options.join('、')}）` };
      // In the form's order, so equal answers read the same in the summary.
      const value = options.filter((o) => picked.has(o));
      if (!value.length) return partial || !(f.required || (f.minChoices ?? 0) > 0) ? { value: null } : { value: null, error: `至少选择${Math.max(1, f.minChoices ?? 1)}项` };
      if (partial) return { value };
      if (f.minChoices !== undefined && value.length < f.minChoices) return { value, error: `至少选择${f.minChoices}项` };
      if (f.maxChoices !== undefined && value.length > f.maxChoices) return { value, error: `最多选择${f.maxChoices}项` };
      return { value };
    }
    case 'file': {
      if (!isObject(raw) || typeof raw.fileId !== 'string' || !raw.fileId.trim() || raw.fileId.length > 64) return { value: null, error: '须为上传的文件' };
      const name = typeof raw.name === 'string' ? raw.name.trim().slice(0, 200) : '';
      return { value: { fileId: raw.fileId.trim(), name } };
    }
    default:
      return { value: null, error: '格式不正确' };
  }
}

/** The files a unit's values name (file fields), for the server to check they are the submitter's own uploads. */
export function filesIn(fields: readonly FormField[], data: FormData | null): { key: string; file: FileValue }[] {
  if (!data) return [];
  const out: { key: string; file: FileValue }[] = [];
  for (const f of fields) {
    const v = data[f.key];
    if (f.type === 'file' && isObject(v) && typeof v.fileId === 'string') out.push({ key: f.key, file: v as unknown as FileValue });
  }
  return out;
}

/**
 * The summary table of a collection: one row per unit (or per table row), the figures of submitted units only,
 * and per column the sum of numbers (exact to the field's decimals: 0.1 + 0.2 is 0.3 here) and the count of
 * filled cells. Every unit the collection was sent to appears, in the order sent, whatever it has done.
 */
import { displayLabel, FORM_LIMITS, type Cell, type FieldType, type FormData, type FormField, type TableRow } from './form.ts';

export type UnitState = 'pending' | 'draft' | 'submitted' | 'returned';
export type CollectionState = 'draft' | 'open' | 'closed';
export type SummaryMode = 'unit' | 'row';

export const UNIT_STATE_LABELS: Record<UnitState, string> = { pending: '未填报', draft: '草稿', submitted: '已报送', returned: '已退回' };
export const COLLECTION_STATE_LABELS: Record<CollectionState, string> = { draft: '未发出', open: '征集中', closed: '已结束' };

export interface SummaryEntry {
  unitId: string;
  unitName: string;
  state: UnitState;
  submittedAt: string | null;
  late: boolean;
  /** The unit's stored values; read only when the unit has submitted. */
  data: FormData | null;
}

export interface SummaryColumn {
  key: string;
  label: string;
  type: FieldType;
  unit?: string;
  /** number columns: digits after the point (for display and export). */
  decimals?: number;
}

export interface SummaryRow {
  unitId: string;
  unitName: string;
  /** row mode: the row's number within its unit's table (1-based); null for a unit without rows and in unit mode. */
  rowNo: number | null;
  state: UnitState;
  submittedAt: string | null;
  late: boolean;
  cells: Record<string, Cell>;
}

export interface ColumnTotal {
  /** number columns: the sum; others null. */
  sum: number | null;
  /** filled cells. */
  count: number;
}

export interface Summary {
  columns: SummaryColumn[];
  rows: SummaryRow[];
  totals: Record<string, ColumnTotal>;
}

export interface Completion {
  total: number;
  submitted: number;
  draft: number;
  pending: number;
  returned: number;
  late: number;
}

/**
 * Late: submitted after the deadline, or not submitted while the deadline has passed (`asOf`: now, or when the
 * collection was closed).
 */
export function isLate(state: string, submittedAt: string | null, deadline: string | null, asOf: string): boolean {
  if (!deadline) return false;
  if (state === 'submitted') return submittedAt !== null && submittedAt > deadline;
  return asOf > deadline;
}

export function completionOf(entries: readonly { state: string; late: boolean }[]): Completion {
  const c: Completion = { total: entries.length, submitted: 0, draft: 0, pending: 0, returned: 0, late: 0 };
  for (const e of entries) {
    if (e.state === 'submitted' || e.state === 'draft' || e.state === 'pending' || e.state === 'returned') c[e.state]++;
    if (e.late) c.late++;
  }
  return c;
}

/** The form's first table field: what `row` mode lists. */
export function tableFieldOf(fields: readonly FormField[]): FormField | undefined {
  return fields.find((f) => f.type === 'table');
}

/**
 * A sum kept in whole units of the last decimal place, so that adding 0.1 and 0.2 gives 0.3; beyond what a double
 * holds exactly it carries on in a bigint.
 */
export class DecimalSum {
  private small = 0;
  private big: bigint | null = null;
  private readonly scale: number;
  constructor(readonly decimals: number) {
    this.scale = 10 ** decimals;
  }
  add(v: number): void {
    const scaled = Math.round(v * this.scale);
    if (this.big !== null) {
      this.big += BigInt(scaled);
      return;
    }
    const next = this.small + scaled;
    if (Number.isSafeInteger(next) && Number.isSafeInteger(scaled)) this.small = next;
    else this.big = BigInt(this.small) + BigInt(scaled);
  }
  value(): number {
    const v = (this.big !== null ? Number(this.big) : this.small) / this.scale;
    return v === 0 ? 0 : v;
  }
}

/** A number rounded to `decimals` places (half away from zero). */
export function roundTo(v: number, decimals: number): number {
  const s = 10 ** decimals;
  const r = (Math.sign(v) * Math.round(Math.abs(v) * s)) / s;
  return r === 0 ? 0 : r;
}

const decimalsOf = (f: FormField) => f.decimals ?? FORM_LIMITS.defaultDecimals;

/** A value as a summary cell: multiple choices joined with "、", a file by its name, numbers rounded to the field. */
function cellOf(f: FormField, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  switch (f.type) {
    case 'number':
      return typeof v === 'number' ? roundTo(v, decimalsOf(f)) : null;
    case 'multiple':
      return Array.isArray(v) && v.length ? v.join('、') : null;
    case 'file':
      return typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name ?? '') || null : null;
    default:
      return typeof v === 'string' ? (v === '' ? null : v) : typeof v === 'number' ? String(v) : null;
  }
}

interface Plan {
  column: SummaryColumn;
  /** number columns only: the decimals the column's sum keeps. */
  decimals: number | null;
  /** The cell of one unit (unit mode) or one table row (row mode). */
  read(data: FormData, row: TableRow | null): Cell;
}

function unitPlans(fields: readonly FormField[]): Plan[] {
  const plans: Plan[] = [];
  for (const f of fields) {
    if (f.type !== 'table') {
      plans.push({
        column: { key: f.key, label: displayLabel(f), type: f.type, ...(f.unit ? { unit: f.unit } : {}), ...(f.type === 'number' ? { decimals: decimalsOf(f) } : {}) },
        decimals: f.type === 'number' ? decimalsOf(f) : null,
        read: (data) => cellOf(f, data[f.key]),
      });
      continue;
    }
    // A table adds, per unit, the sum of each of its number columns.
    for (const c of f.columns ?? []) {
      if (c.type !== 'number') continue;
      const d = decimalsOf(c);
      plans.push({
        column: { key: `${f.key}.${c.key}`, label: `${f.label}·${displayLabel(c)}`, type: 'number', ...(c.unit ? { unit: c.unit } : {}), decimals: d },
        decimals: d,
        read: (data) => {
          const rows = data[f.key];
          if (!Array.isArray(rows)) return null;
          const sum = new DecimalSum(d);
          let any = false;
          for (const r of rows as TableRow[]) {
            const v = r?.[c.key];
            if (typeof v === 'number') {
              sum.add(v);
              any = true;
            }
          }
          return any ? sum.value() : null;
        },
      });
    }
  }
  return plans;
}

function rowPlans(table: FormField): Plan[] {
  return (table.columns ?? []).map((c) => ({
    column: { key: `${table.key}.${c.key}`, label: displayLabel(c), type: c.type, ...(c.unit ? { unit: c.unit } : {}), ...(c.type === 'number' ? { decimals: decimalsOf(c) } : {}) },
    decimals: c.type === 'number' ? decimalsOf(c) : null,
    read: (_data, row) => (row ? cellOf(c, row[c.key]) : null),
  }));
}

/**
 * The summary of a collection. `unit`: one row per unit with each field (a table field contributes the sums of
 * its number columns); `row`: one row per row of the form's table (a unit without rows still has one, empty).
 * Figures and totals come from submitted units only; the others' rows are there with empty cells.
 * Throws when `row` is asked of a form without a table (the caller refuses that first).
 */
export function summarise(fields: readonly FormField[], entries: readonly SummaryEntry[], mode: SummaryMode): Summary {
  const table = mode === 'row' ? tableFieldOf(fields) : undefined;
  if (mode === 'row' && !table) throw new Error('row mode needs a table field');
  const plans = table ? rowPlans(table) : unitPlans(fields);
  const sums = plans.map((p) => (p.decimals === null ? null : new DecimalSum(p.decimals)));
  const counts = plans.map(() => 0);
  const rows: SummaryRow[] = [];
  const empty = (): Record<string, Cell> => Object.fromEntries(plans.map((p) => [p.column.key, null]));

  const push = (e: SummaryEntry, rowNo: number | null, data: FormData | null, row: TableRow | null) => {
    const cells: Record<string, Cell> = {};
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i]!;
      const v = data ? p.read(data, row) : null;
      cells[p.column.key] = v;
      if (v === null) continue;
      counts[i]!++;
      if (typeof v === 'number') sums[i]?.add(v);
    }
    rows.push({ unitId: e.unitId, unitName: e.unitName, rowNo, state: e.state, submittedAt: e.submittedAt, late: e.late, cells });
  };

  for (const e of entries) {
    const data = e.state === 'submitted' ? e.data : null;
    if (!table) {
      if (data) push(e, null, data, null);
      else rows.push({ unitId: e.unitId, unitName: e.unitName, rowNo: null, state: e.state, submittedAt: e.submittedAt, late: e.late, cells: empty() });
      continue;
    }
    const tableRows = data && Array.isArray(data[table.key]) ? (data[table.key] as TableRow[]) : [];
    if (!tableRows.length) {
      rows.push({ unitId: e.unitId, unitName: e.unitName, rowNo: null, state: e.state, submittedAt: e.submittedAt, late: e.late, cells: empty() });
      continue;
    }
    tableRows.forEach((r, i) => push(e, i + 1, data, r));
  }

  const totals: Record<string, ColumnTotal> = {};
  plans.forEach((p, i) => {
    totals[p.column.key] = { sum: sums[i] ? sums[i]!.value() : null, count: counts[i]! };
  });
  return { columns: plans.map((p) => p.column), rows, totals };
}

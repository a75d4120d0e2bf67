// The field designer's model: what the clerk edits (labels, options one per line, no keys) and its translation to
// and from the API's FormField. Keys come from the position (f1, f2…; columns c1, c2…), so nobody types a key;
// fields can change only while the collection is a draft, when no unit has data under the old keys.
import type { ColumnType, FieldType, FormField } from './collections.api';

export type DesignColumn = {
  uid: string;
  label: string;
  type: ColumnType;
  required: boolean;
  unit: string;
  decimals: number | null;
  min: number | null;
  max: number | null;
  /** single: one option per line */
  optionsText: string;
};

export type DesignField = {
  uid: string;
  label: string;
  type: FieldType;
  required: boolean;
  help: string;
  multiline: boolean;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  decimals: number | null;
  unit: string;
  minDate: string | null;
  maxDate: string | null;
  /** single, multiple: one option per line */
  optionsText: string;
  minChoices: number | null;
  maxChoices: number | null;
  columns: DesignColumn[];
  minRows: number | null;
  maxRows: number | null;
};

let uidSeq = 0;
function nextUid(): string {
  uidSeq += 1;
  return `u${uidSeq}`;
}

export function newColumn(type: ColumnType = 'text'): DesignColumn {
  return { uid: nextUid(), label: '', type, required: false, unit: '', decimals: null, min: null, max: null, optionsText: '' };
}

export function newField(type: FieldType): DesignField {
  return {
    uid: nextUid(),
    label: '',
    type,
    required: false,
    help: '',
    multiline: false,
    maxLength: null,
    min: null,
    max: null,
    decimals: null,
    unit: '',
    minDate: null,
    maxDate: null,
    optionsText: '',
    minChoices: null,
    maxChoices: null,
    columns: type === 'table' ? [newColumn('text')] : [],
    minRows: null,
    maxRows: null,
  };
}

export function fieldKey(index: number): string {
  return `f${index + 1}`;
}

export function columnKey(index: number): string {
  return `c${index + 1}`;
}

/** The options as the API takes them: one per non-empty line, trimmed. */
export function optionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function put<K extends keyof FormField>(target: FormField, key: K, value: FormField[K] | null | undefined | ''): void {
  if (value === null || value === undefined || value === '') return;
  target[key] = value as FormField[K];
}

function columnToApi(column: DesignColumn, index: number): FormField {
  const out: FormField = { key: columnKey(index), label: column.label.trim(), type: column.type };
  if (column.required) out.required = true;
  if (column.type === 'number') {
    put(out, 'unit', column.unit.trim());
    put(out, 'decimals', column.decimals);
    put(out, 'min', column.min);
    put(out, 'max', column.max);
  }
  if (column.type === 'single') out.options = optionLines(column.optionsText);
  return out;
}

/** The designer's fields as the API's FormField list, keyed by position. */
export function toApiFields(fields: DesignField[]): FormField[] {
  return fields.map((field, index) => {
    const out: FormField = { key: fieldKey(index), label: field.label.trim(), type: field.type };
    if (field.required) out.required = true;
    put(out, 'help', field.help.trim());
    switch (field.type) {
      case 'text':
        if (field.multiline) out.multiline = true;
        put(out, 'maxLength', field.maxLength);
        break;
      case 'number':
        put(out, 'unit', field.unit.trim());
        put(out, 'min', field.min);
        put(out, 'max', field.max);
        put(out, 'decimals', field.decimals);
        break;
      case 'date':
        put(out, 'minDate', field.minDate);
        put(out, 'maxDate', field.maxDate);
        break;
      case 'single':
      case 'multiple':
        out.options = optionLines(field.optionsText);
        if (field.type === 'multiple') {
          put(out, 'minChoices', field.minChoices);
          put(out, 'maxChoices', field.maxChoices);
        }
        break;
      case 'table':
        out.columns = field.columns.map(columnToApi);
        put(out, 'minRows', field.minRows);
        put(out, 'maxRows', field.maxRows);
        break;
      case 'file':
        break;
    }
    return out;
  });
}

/** A saved form back into the designer. */
export function fromApiFields(fields: FormField[]): DesignField[] {
  return fields.map((field) => ({
    ...newField(field.type),
    label: field.label,
    required: Boolean(field.required),
    help: field.help ?? '',
    multiline: Boolean(field.multiline),
    maxLength: field.maxLength ?? null,
    min: field.min ?? null,
    max: field.max ?? null,
    decimals: field.decimals ?? null,
    unit: field.unit ?? '',
    minDate: field.minDate ?? null,
    maxDate: field.maxDate ?? null,
    optionsText: (field.options ?? []).join('\n'),
    minChoices: field.minChoices ?? null,
    maxChoices: field.maxChoices ?? null,
    columns: (field.columns ?? []).map((column) => ({
      ...newColumn(column.type as ColumnType),
      label: column.label,
      required: Boolean(column.required),
      unit: column.unit ?? '',
      decimals: column.decimals ?? null,
      min: column.min ?? null,
      max: column.max ?? null,
      optionsText: (column.options ?? []).join('\n'),
    })),
    minRows: field.minRows ?? null,
    maxRows: field.maxRows ?? null,
  }));
}

/**
 * Where a design error belongs: `fields[2].options` → card 2, part "options";
 * `fields[2].columns[1].label` → card 2, column 1, part "label". Null for paths outside the fields.
 */
export type DesignErrorPlace = { index: number; part: string | null; column: number | null; columnPart: string | null };

export function parseDesignPath(path: string): DesignErrorPlace | null {
  const match = /^fields\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?/.exec(path) ?? /^fields\.(\d+)(?:\.(\w+)(?:\.(\d+)(?:\.(\w+))?)?)?/.exec(path);
  if (!match) return null;
  return {
    index: Number(match[1]),
    part: match[2] ?? null,
    column: match[3] !== undefined ? Number(match[3]) : null,
    columnPart: match[4] ?? null,
  };
}

export type DesignError = DesignErrorPlace & { message: string };

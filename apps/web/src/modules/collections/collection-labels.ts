// Chinese words of the 情况征集 pages, in one place so list, detail and designer say the same thing.
import type { CollectionState, FieldType, UnitState } from './collections.api';

// The states are named as the server names them (core); the designer's type names below are the web's own.
export { COLLECTION_STATE_LABELS, UNIT_STATE_LABELS } from '@zhongshu/core/collections/summary.ts';
/** The order of the designer's "add field" buttons. */
export { COLUMN_TYPES, FIELD_TYPES } from '@zhongshu/core/collections/form.ts';

export const COLLECTION_STATE_COLORS: Record<CollectionState, string> = { draft: 'default', open: 'processing', closed: 'default' };

export const UNIT_STATE_COLORS: Record<UnitState, string> = { pending: 'default', draft: 'gold', submitted: 'green', returned: 'red' };

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '文本',
  number: '数字',
  date: '日期',
  single: '单选',
  multiple: '多选',
  file: '附件',
  table: '明细表',
};

/** What each field type is for, shown under its add button and on its card. */
export const FIELD_TYPE_HINTS: Record<FieldType, string> = {
  text: '一段文字，如情况说明',
  number: '一个数字，可带单位，汇总时求和',
  date: '一个日期',
  single: '从选项中选一项',
  multiple: '从选项中选多项',
  file: '上传一个附件',
  table: '可增减的多行明细，每行若干列',
};

/** A label with its unit as the summary's header shows it: 资金缺口（万元）. */
export function labelWithUnit(label: string, unit?: string | null): string {
  // The server's summary columns already carry the unit in their label.
  if (!unit || label.endsWith(`（${unit}）`)) return label;
  return `${label}（${unit}）`;
}

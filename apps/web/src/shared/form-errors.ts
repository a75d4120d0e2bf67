import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';
import { isApiError } from '../api/client';

/**
 * Puts a server validation message next to the field it names. Returns true when it did, so the
 * caller shows a toast only for errors that belong to no field.
 * `fieldMap` translates API field paths (e.g. "deadline.date") to form field names.
 */
export function showFieldError(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, string> = {},
): error is ApiError {
  if (!isApiError(error) || !error.field) return false;
  const name = fieldMap[error.field] ?? fieldMap[error.field.split('.')[0] ?? ''] ?? error.field;
  const known = form.getFieldsValue() as Record<string, unknown>;
  if (!(name in known) && !Object.values(fieldMap).includes(name)) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name, { block: 'center' });
  return true;
}

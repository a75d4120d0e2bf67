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

/**
 * Where a refused workflow step's error goes: beside the field it names; if someone else acted first
 * (WORKFLOW_ACTION_NOT_ALLOWED), a toast and the dialog closes so the page shows the current state;
 * anything else above the form.
 */
export function reportStepError(
  error: unknown,
  o: { form: FormInstance; fieldMap?: Record<string, string>; onStale: (error: ApiError) => void; setFormError: (message: string) => void },
): void {
  if (showFieldError(o.form, error, o.fieldMap)) return;
  if (isApiError(error) && error.code === 'WORKFLOW_ACTION_NOT_ALLOWED') {
    o.onStale(error);
    return;
  }
  o.setFormError(error instanceof Error ? error.message : '操作未成功，请稍后重试');
}

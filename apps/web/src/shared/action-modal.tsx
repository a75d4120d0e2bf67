import type { ReactNode } from 'react';
import { Alert, Button, Modal, type FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * The dialog of one action: 取消 and the action's button, and above the form what the server refused. A click on the
 * mask does not close it, so that a half-filled form is not lost by a stray click.
 */
export function ActionModal(props: {
  title: string;
  okText: string;
  onOk: () => void;
  onClose: () => void;
  busy: boolean;
  error: string | null;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={props.onClose}>
          取消
        </Button>,
        <Button key="submit" type="primary" danger={props.danger} loading={props.busy} data-testid="action-submit" onClick={props.onOk}>
          {props.okText}
        </Button>,
      ]}
    >
      {props.error ? <Alert type="error" showIcon title={props.error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      {props.children}
    </Modal>
  );
}

/**
 * Where an action's refusal goes: beside `field` when it names that field; above the form (`setFormError`) when the
 * user can act on it (4xx but 401); anything else to a toast.
 */
export function reportActionError(error: unknown, o: { setFormError: (message: string) => void; toastError: (error: unknown) => void; form?: FormInstance; field?: string }): void {
  if (o.form && o.field && isApiError(error) && error.field === o.field) o.form.setFields([{ name: o.field, errors: [error.message] }]);
  else if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) o.setFormError(error.message);
  else o.toastError(error);
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AssignmentDetail, AvailableAction, FileRef } from '../../api/types';
import { reportStepError } from '../../shared/form-errors';
import { formatDate } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useAssignmentAction } from './assignments.api';
import { FileUpload, uploadedIds } from '../../shared/file-upload';

/** Label and hint of the comment box for each action, so the person knows what to write. */
const COMMENT_COPY: Record<string, { label: string; placeholder: string }> = {
  sign: { label: '签收意见', placeholder: '可填写签收说明（选填）' },
  report_progress: { label: '进展情况', placeholder: '已开展的工作、取得的进展、下一步安排' },
  request_extension: { label: '延期理由', placeholder: '说明无法按期办结的原因和已做的工作' },
  approve_extension: { label: '审批意见', placeholder: '可填写审批意见（选填）' },
  refuse_extension: { label: '不同意理由', placeholder: '说明不同意延期的理由' },
  report_completion: { label: '办结情况', placeholder: '办理结果、成效和佐证材料说明' },
  confirm: { label: '确认意见', placeholder: '可填写确认意见（选填）' },
  send_back: { label: '退回理由', placeholder: '说明需要重新办理的内容' },
  cancel: { label: '撤销理由', placeholder: '说明撤销该交办事项的原因' },
};

const ACTIONS_WITH_ATTACHMENTS = new Set(['report_progress', 'report_completion']);

/** Actions that cannot be undone and so are confirmed once more before they are sent. */
export const DESTRUCTIVE_ACTIONS = new Set(['cancel']);

type ActionForm = { comment?: string; newDeadline?: Dayjs };

export function AssignmentActionModal({
  detail,
  action,
  onClose,
}: {
  detail: AssignmentDetail;
  action: AvailableAction | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ActionForm>();
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const mutation = useAssignmentAction(detail.id);
  const [files, setFiles] = useState<UploadFile<FileRef>[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setFiles([]);
      setFormError(null);
    }
  }, [action, form]);

  if (!action) return null;
  const copy = COMMENT_COPY[action.action] ?? { label: '办理意见', placeholder: '请填写办理意见' };
  const withAttachments = ACTIONS_WITH_ATTACHMENTS.has(action.action);
  const uploading = files.some((file) => file.status === 'uploading');

  const send = (values: ActionForm) => {
    const attachmentIds = uploadedIds(files);
    setFormError(null);
    mutation.mutate(
      {
        action: action.action,
        comment: values.comment?.trim() || undefined,
        newDeadline: values.newDeadline ? values.newDeadline.format('YYYY-MM-DD') : undefined,
        attachmentIds: withAttachments && attachmentIds.length ? attachmentIds : undefined,
      },
      {
        onSuccess: () => {
          message.success(`已${action.label}`);
          onClose();
        },
        onError: (error) => {
          // attachmentIds has no form field of its own; its message goes above the form.
          reportStepError(error, { form, setFormError, onStale: (e) => (toastError(e), onClose()) });
        },
      },
    );
  };

  const onFinish = (values: ActionForm) => {
    if (uploading) {
      setFormError('附件仍在上传，请稍候');
      return;
    }
    if (DESTRUCTIVE_ACTIONS.has(action.action)) {
      modal.confirm({
        title: `确定${action.label}该交办事项？`,
        content: `「${detail.title}」${action.label}后不可恢复。`,
        okText: `确定${action.label}`,
        okButtonProps: { danger: true },
        cancelText: '再想想',
        onOk: () => send(values),
      });
      return;
    }
    send(values);
  };

  return (
    <Modal
      open
      title={`${action.label}：${detail.title}`}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={DESTRUCTIVE_ACTIONS.has(action.action)}
          loading={mutation.isPending}
          disabled={uploading}
          onClick={() => form.submit()}
        >
          {`确定${action.label}`}
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form<ActionForm> form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        {action.action === 'request_extension' ? (
          <Form.Item
            label="申请延期至"
            name="newDeadline"
            extra={`当前办理期限：${formatDate(detail.deadline, true)}`}
            rules={[{ required: true, message: '请选择新的办理期限' }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(day) => !day.isAfter(dayjs(detail.deadline), 'day')}
              placeholder="选择新的截止日期"
            />
          </Form.Item>
        ) : null}
        {action.action === 'approve_extension' || action.action === 'refuse_extension' ? (
          detail.pendingExtension ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`申请延期至 ${formatDate(detail.pendingExtension.newDeadline, true)}`}
              description={`理由：${detail.pendingExtension.reason}`}
            />
          ) : null
        ) : null}
        <Form.Item
          label={copy.label}
          name="comment"
          rules={action.requiresComment ? [{ required: true, whitespace: true, message: `请填写${copy.label}` }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={copy.placeholder} />
        </Form.Item>
        {withAttachments ? (
          <Form.Item label="附件" extra="可上传多个文件，单个文件大小以系统设置为准">
            <FileUpload files={files} onChange={setFiles} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, type RadioGroupProps, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { FileRef } from '../../api/types';
import { reportStepError } from '../../shared/form-errors';
import { formatDate } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { FileUpload, uploadedIds } from '../../shared/file-upload';
import { useAssignmentAction, type ActionInput, type AssignmentDetail, type AvailableAction, type Rating } from './assignments.api';
import { RATING_LABELS, RATING_VALUES } from './assignment-labels';

/** Label and hint of the comment box for each action, so the person knows what to write. */
const COMMENT_COPY: Record<string, { label: string; placeholder: string }> = {
  dispatch: { label: '交办意见', placeholder: '可填写交办说明（选填）' },
  sign: { label: '签收意见', placeholder: '可填写签收说明（选填）' },
  report_progress: { label: '进展情况', placeholder: '已开展的工作、取得的进展、存在的问题和下一步安排' },
  contribute: { label: '配合情况', placeholder: '本单位承担的配合工作及完成情况' },
  request_extension: { label: '延期理由', placeholder: '说明无法按期办结的原因和已做的工作' },
  approve_extension: { label: '审批意见', placeholder: '可填写审批意见（选填）' },
  refuse_extension: { label: '不同意理由', placeholder: '说明不同意延期的理由' },
  report_completion: { label: '办结情况', placeholder: '办理结果、成效，对照完成标准逐项说明，并上传佐证材料' },
  accept: { label: '审核意见', placeholder: '可填写审核意见（选填）' },
  confirm: { label: '确认意见', placeholder: '可填写确认意见（选填）' },
  send_back: { label: '退回理由', placeholder: '说明需要重新办理的内容' },
  cancel: { label: '撤销理由', placeholder: '说明撤销该事项的原因' },
  escalate: { label: '催办意见', placeholder: '可写明催办要求（选填）' },
};

const ACTIONS_WITH_ATTACHMENTS = new Set(['report_progress', 'report_completion', 'contribute']);
/** Actions that report how far the work has got: figures per task, or one percentage when there are no tasks. */
const ACTIONS_WITH_PROGRESS = new Set(['report_progress', 'report_completion']);

/** Actions that cannot be undone and so are confirmed once more before they are sent. */
export const DESTRUCTIVE_ACTIONS = new Set(['cancel']);

/** rating '' is the office's 暂不建议. */
type ActionForm = { comment?: string; newDeadline?: Dayjs; rating?: Rating | ''; progress?: number | null } & Record<`figure_${number}`, number | null | undefined>;

const figureField = (index: number) => `figure_${index}` as const;

/** 优 良 中 差 as buttons; Form.Item hands it value and onChange. */
function RatingRadio({ optional, value, onChange }: { optional: boolean; value?: Rating | ''; onChange?: RadioGroupProps['onChange'] }) {
  return (
    <Radio.Group optionType="button" buttonStyle="solid" data-testid="rating" value={value} onChange={onChange}>
      {RATING_VALUES.map((value) => (
        <Radio.Button key={value} value={value}>
          {/* On the label, not the input: antd hides the input itself. */}
          <span data-testid={`rating-${value}`}>{RATING_LABELS[value]}</span>
        </Radio.Button>
      ))}
      {optional ? (
        <Radio.Button value="">
          <span data-testid="rating-none">暂不建议</span>
        </Radio.Button>
      ) : null}
    </Radio.Group>
  );
}

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
  const name = action.action;
  const copy = COMMENT_COPY[name] ?? { label: '办理意见', placeholder: '请填写办理意见' };
  const withAttachments = ACTIONS_WITH_ATTACHMENTS.has(name);
  const withProgress = ACTIONS_WITH_PROGRESS.has(name);
  const withFigures = withProgress && detail.tasks.length > 0;
  const uploading = files.some((file) => file.status === 'uploading');
  const isEscalate = name === 'escalate';
  // Each task starts at its last reported figure, so the unit changes only what moved.
  const initialValues: Partial<ActionForm> = {};
  if (withFigures) detail.tasks.forEach((task, index) => (initialValues[figureField(index)] = task.current));
  else if (withProgress) initialValues.progress = name === 'report_completion' ? 100 : detail.progress;
  if (name === 'accept') initialValues.rating = '';

  const send = (values: ActionForm) => {
    const attachmentIds = uploadedIds(files);
    setFormError(null);
    const input: ActionInput = {
      action: name,
      comment: values.comment?.trim() || undefined,
      newDeadline: values.newDeadline ? values.newDeadline.format('YYYY-MM-DD') : undefined,
      attachmentIds: withAttachments && attachmentIds.length ? attachmentIds : undefined,
    };
    if ((name === 'confirm' || name === 'accept') && values.rating) input.rating = values.rating;
    // Server field paths → form fields: "figures.<n>.value" names the n-th figure sent, not the n-th task.
    // An error about the figures as a whole ("figures") has no one field and goes above the form.
    const fieldMap: Record<string, string> = {};
    if (withFigures) {
      const sent = detail.tasks.flatMap((task, index) => {
        const value = values[figureField(index)];
        return value === null || value === undefined ? [] : [{ index, figure: { taskId: task.id, value } }];
      });
      input.figures = sent.map((entry) => entry.figure);
      sent.forEach(({ index }, n) => {
        for (const path of [`figures.${n}`, `figures.${n}.value`, `figures.${n}.taskId`]) fieldMap[path] = figureField(index);
      });
    } else if (withProgress && values.progress !== null && values.progress !== undefined) {
      input.progress = values.progress;
    }
    mutation.mutate(input, {
      onSuccess: () => {
        message.success(`已${action.label}`);
        onClose();
      },
      onError: (error) => {
        // attachmentIds has no form field of its own; its message goes above the form.
        reportStepError(error, { form, fieldMap, setFormError, onStale: (e) => (toastError(e), onClose()) });
      },
    });
  };

  const onFinish = (values: ActionForm) => {
    if (uploading) {
      setFormError('附件仍在上传，请稍候');
      return;
    }
    if (DESTRUCTIVE_ACTIONS.has(name)) {
      modal.confirm({
        title: `确定${action.label}该事项？`,
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
          danger={DESTRUCTIVE_ACTIONS.has(name)}
          loading={mutation.isPending}
          disabled={uploading}
          data-testid="action-submit"
          onClick={() => form.submit()}
        >
          {`确定${action.label}`}
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      {isEscalate ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`将向${detail.assigneeUnitName}发出${detail.escalationCount === 0 ? '催办单' : '督办通知单'}`}
          description={detail.escalationCount ? `此前已催办${detail.escalationCount}次` : '文书进入牵头单位待办，并记入督查文书'}
        />
      ) : null}
      {name === 'confirm' && detail.proposedRating ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`督查室建议评价：${RATING_LABELS[detail.proposedRating]}`} />
      ) : null}
      <Form<ActionForm> form={form} layout="vertical" onFinish={onFinish} preserve={false} initialValues={initialValues}>
        {name === 'request_extension' ? (
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
              data-testid="action-new-deadline"
            />
          </Form.Item>
        ) : null}
        {name === 'approve_extension' || name === 'refuse_extension' ? (
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
        {name === 'confirm' ? (
          <Form.Item label="办理评价" name="rating" rules={[{ required: true, message: '请选择办理评价' }]}>
            <RatingRadio optional={false} />
          </Form.Item>
        ) : null}
        {name === 'accept' ? (
          <Form.Item label="建议评价" name="rating" extra="选填，供责任领导确认销号时参考">
            <RatingRadio optional />
          </Form.Item>
        ) : null}
        <Form.Item
          label={copy.label}
          name="comment"
          rules={action.requiresComment ? [{ required: true, whitespace: true, message: `请填写${copy.label}` }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={copy.placeholder} data-testid="action-comment" />
        </Form.Item>
        {withFigures
          ? detail.tasks.map((task, index) => (
              <Form.Item
                key={task.id}
                label={`${task.title}${task.indicator ? `（${task.indicator}）` : ''}`}
                name={figureField(index)}
                extra={`目标 ${task.target}${task.unitLabel ?? ''}，上次填报 ${task.current}${task.unitLabel ?? ''}`}
                rules={[{ type: 'number', min: 0, message: '完成值不能小于0' }]}
              >
                <InputNumber
                  min={0}
                  style={{ width: 220 }}
                  suffix={task.unitLabel ?? undefined}
                  aria-label={`${task.title}完成值`}
                  data-testid={`figure-${index}`}
                />
              </Form.Item>
            ))
          : null}
        {withProgress && !withFigures ? (
          <Form.Item label="总体进度" name="progress" extra="按完成标准估计已完成的比例" rules={[{ type: 'number', min: 0, max: 100, message: '进度须在0到100之间' }]}>
            <InputNumber min={0} max={100} precision={1} suffix="%" style={{ width: 220 }} aria-label="总体进度" data-testid="progress-input" />
          </Form.Item>
        ) : null}
        {withAttachments ? (
          <Form.Item label="附件" extra={name === 'report_completion' ? '上传佐证材料，可多个文件' : '可上传多个文件，单个文件大小以系统设置为准'}>
            <FileUpload files={files} onChange={setFiles} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import type { AvailableAction, DocumentDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { reportStepError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import {
  InstructFields,
  OverrideReasonFields,
  ProposeFields,
  RegisterFields,
  ReplyField,
  RetentionField,
  SubmitFields,
  useActionPickers,
  type ActionForm,
} from './action-fields';
import { defaultDistribution, type DistributionDraft } from './distribution-editor';
import { useDocumentAction, type DocumentActionBody } from './documents.api';

/** Label and hint of the opinion box of each step, so the person knows what is being recorded. */
const COMMENT_COPY: Record<string, { label: string; placeholder: string }> = {
  submit: { label: '送核说明', placeholder: '可说明起草背景、需要重点把关的内容（选填）' },
  cancel: { label: '撤销理由', placeholder: '说明不再发文的原因' },
  review_pass: { label: '核稿意见', placeholder: '可填写核稿意见（选填）' },
  review_return: { label: '退回意见', placeholder: '说明需要修改的内容' },
  review_reject: { label: '不予发文的理由', placeholder: '说明不予发文的理由（条例 第21条）' },
  countersign_agree: { label: '会签意见', placeholder: '如：同意' },
  countersign_return: { label: '退回意见', placeholder: '说明不同意的理由和修改意见' },
  sign: { label: '签发意见', placeholder: '如：同意' },
  sign_return: { label: '退回意见', placeholder: '说明需要修改的内容' },
  void_number: { label: '作废原因', placeholder: '说明作废该发文字号的原因' },
  seal: { label: '用印说明', placeholder: '可填写用印说明（选填）' },
  issue: { label: '印发说明', placeholder: '可填写印发说明（选填）' },
  return_to_sender: { label: '退文理由', placeholder: '说明退回来文单位的理由' },
  accept: { label: '初审意见', placeholder: '可填写初审意见（选填）' },
  propose: { label: '拟办意见', placeholder: '如：呈王书记阅示，拟请县委组织部牵头办理' },
  instruct: { label: '批示内容', placeholder: '批示原文' },
  read: { label: '阅读意见', placeholder: '可填写阅读意见（选填）' },
  contribute: { label: '协办意见', placeholder: '本单位的意见和配合办理情况' },
  remind: { label: '催办内容', placeholder: '催办的事项和要求' },
  conclude: { label: '办理结果', placeholder: '办理情况和结果' },
};

/** Steps whose body carries no opinion at all (see the action table in docs/API.md). */
const NO_COMMENT = new Set(['receive', 'register', 'archive']);
/** Steps whose opinion is required by the contract even when the server does not flag it. */
const COMMENT_REQUIRED = new Set([
  'cancel',
  'review_return',
  'review_reject',
  'countersign_return',
  'sign',
  'sign_return',
  'void_number',
  'return_to_sender',
  'propose',
  'instruct',
  'contribute',
  'remind',
  'conclude',
]);

/** Steps that end a document or give a number away, confirmed once more before they are sent. */
export const DESTRUCTIVE_ACTIONS = new Set(['cancel', 'review_reject', 'return_to_sender', 'void_number']);
export const PRIMARY_ACTIONS = new Set([
  'submit',
  'review_pass',
  'countersign_agree',
  'sign',
  'register',
  'seal',
  'issue',
  'receive',
  'accept',
  'propose',
  'instruct',
  'read',
  'conclude',
  'archive',
]);

/** API field paths → form fields, for errors the server names. */
const FIELD_MAP: Record<string, string> = {
  countersigners: 'countersignUserIds',
  'createAssignment.assigneeUnitId': 'assignmentUnitId',
  'createAssignment.deadline': 'assignmentDeadline',
  'createAssignment.title': 'assignmentTitle',
  createAssignment: 'assignmentUnitId',
};

const ymd = (day: Dayjs | undefined) => (day ? day.format('YYYY-MM-DD') : undefined);
const trimmed = (text: string | undefined) => text?.trim() || undefined;
const nonEmpty = <T,>(list: T[] | undefined) => (list && list.length ? list : undefined);

/** Builds exactly the body the contract lists for the step from what the form holds. */
function toBody(action: string, values: ActionForm, withOverride: boolean): DocumentActionBody {
  const comment = trimmed(values.comment);
  switch (action) {
    case 'submit': {
      const countersigners = [
        ...(values.countersignUserIds ?? []).map((userId) => ({ userId })),
        ...(values.countersignUnitIds ?? []).map((unitId) => ({ unitId })),
      ];
      return { reviewerId: values.reviewerId, signerIds: values.signerIds ?? [], countersigners: nonEmpty(countersigners), comment };
    }
    case 'review_pass':
      return { comment, overrideReason: withOverride ? trimmed(values.overrideReason) : undefined };
    case 'register':
      return {
        copies: values.copies,
        distribution: (values.distribution ?? [])
          .filter((row) => row.name.trim())
          .map((row) => ({ ...(row.unitId ? { unitId: row.unitId } : {}), name: row.name.trim(), kind: row.kind, copies: row.copies })),
      };
    case 'archive':
      return { retention: values.retention };
    case 'receive':
      return {};
    case 'propose':
      if (values.forInformation) return { comment, forInformation: true, readerIds: nonEmpty(values.readerIds) };
      return {
        comment,
        instructorIds: nonEmpty(values.instructorIds),
        instructMode: (values.instructorIds?.length ?? 0) > 1 ? values.instructMode : undefined,
        leadUnitId: values.leadUnitId,
        coopUnitIds: nonEmpty(values.coopUnitIds),
        deadline: ymd(values.deadline),
        chaserId: values.chaserId,
        readerIds: nonEmpty(values.readerIds),
      };
    case 'instruct':
      return {
        comment,
        leadUnitId: values.leadUnitId,
        deadline: ymd(values.deadline),
        createAssignment: values.createAssignment
          ? { assigneeUnitId: values.assignmentUnitId!, deadline: ymd(values.assignmentDeadline)!, title: trimmed(values.assignmentTitle) }
          : undefined,
      };
    case 'conclude':
      return { comment, reply: trimmed(values.reply) };
    default:
      return { comment };
  }
}

function initialValues(action: string, detail: DocumentDetail, distribution: DistributionDraft[]): ActionForm {
  switch (action) {
    case 'sign':
      return { comment: '同意' };
    case 'countersign_agree':
      return { comment: '同意' };
    case 'register':
      return {
        distribution,
        copies: detail.copies ?? Math.max(1, distribution.reduce((sum, row) => sum + row.copies, 0)),
      };
    case 'propose':
      return { instructMode: 'sequential', deadline: detail.deadline ? dayjs(detail.deadline) : undefined };
    case 'instruct':
      return {
        leadUnitId: detail.leadUnitId ?? undefined,
        deadline: detail.deadline ? dayjs(detail.deadline) : undefined,
        assignmentUnitId: detail.leadUnitId ?? undefined,
        assignmentDeadline: detail.deadline ? dayjs(detail.deadline) : undefined,
      };
    default:
      return {};
  }
}

/**
 * One modal for every step of the 办文 flows. It asks for exactly what the step's body carries
 * (docs/API.md, the action table), checks what it can before sending, and puts the server's
 * refusal next to the field it names.
 */
export function DocumentActionModal({ detail, action, onClose }: { detail: DocumentDetail; action: AvailableAction | null; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<ActionForm>();
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const mutation = useDocumentAction(detail.id);
  const pickers = useActionPickers(detail);
  const { directory, units } = pickers;
  const [formError, setFormError] = useState<string | null>(null);
  const [forceOverride, setForceOverride] = useState(false);

  const errorFindings = detail.findings.filter((finding) => finding.severity === 'error');
  const needsOverride = action?.action === 'review_pass' && (errorFindings.length > 0 || forceOverride);

  useEffect(() => {
    if (!action) return;
    setFormError(null);
    setForceOverride(false);
    form.resetFields();
    form.setFieldsValue(initialValues(action.action, detail, action.action === 'register' ? defaultDistribution(detail, units) : []));
    // Only when another step is picked: a refreshed detail must not wipe what the user has typed.
  }, [action, form]);

  // The unit directory may arrive after the modal opened: match the 主送/抄送 again once it does,
  // unless the clerk has already edited the list.
  useEffect(() => {
    if (action?.action !== 'register' || !units.length || form.isFieldTouched('distribution')) return;
    const rows = defaultDistribution(detail, units);
    form.setFieldsValue({ distribution: rows, copies: detail.copies ?? Math.max(1, rows.reduce((sum, row) => sum + row.copies, 0)) });
    // Deliberately only when the directory or the step changes, not on every refresh of the detail.
  }, [units, action]);

  if (!action) return null;
  const name = action.action;
  const copy = COMMENT_COPY[name] ?? { label: '办理意见', placeholder: '请填写办理意见' };
  const commentRequired = action.requiresComment || COMMENT_REQUIRED.has(name);
  const destructive = DESTRUCTIVE_ACTIONS.has(name);

  const send = (values: ActionForm) => {
    setFormError(null);
    mutation.mutate(
      { action: name, body: toBody(name, values, needsOverride) },
      {
        onSuccess: () => {
          message.success(`已${action.label}`);
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'DOCUMENT_UNRESOLVED_ERRORS') {
            // The text changed since the page loaded: ask for the reason now.
            setForceOverride(true);
            setFormError(error.message);
            return;
          }
          reportStepError(error, { form, fieldMap: FIELD_MAP, setFormError, onStale: (e) => (toastError(e), onClose()) });
        },
      },
    );
  };

  const onFinish = (values: ActionForm) => {
    if (name === 'propose' && !values.forInformation && !values.instructorIds?.length && !values.leadUnitId) {
      form.setFields([{ name: 'instructorIds', errors: ['请选择呈批领导，或直接指定承办单位，或标为阅知件'] }]);
      return;
    }
    if (name === 'register' && !(values.distribution ?? []).some((row) => row.name.trim())) {
      setFormError('请至少添加一个收文单位');
      return;
    }
    if (destructive) {
      modal.confirm({
        title: `确定${action.label}？`,
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

  const internalRecipients = detail.distributions.filter((row) => row.recipientUnitId !== null).length;
  const offlineRecipients = detail.distributions.length - internalRecipients;

  return (
    <Modal
      open
      title={`${action.label}：${detail.title}`}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={name === 'register' || name === 'propose' || name === 'submit' ? 760 : 560}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={destructive}
          loading={mutation.isPending}
          // The 分发 list is matched against the unit directory; wait for it rather than send every unit as an outside organ.
          disabled={name === 'register' && directory.isPending}
          onClick={() => form.submit()}
          data-testid="action-confirm"
        >
          {`确定${action.label}`}
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      {directory.isError && !NO_COMMENT.has(name) ? <Alert type="warning" showIcon title="单位和人员列表加载失败，请关闭后重试" style={{ marginBottom: 12 }} /> : null}
      <Form<ActionForm> form={form} layout="vertical" onFinish={onFinish} preserve={false} scrollToFirstError={{ block: 'center' }}>
        {name === 'submit' ? <SubmitFields pickers={pickers} /> : null}
        {name === 'review_pass' && needsOverride ? <OverrideReasonFields errorFindings={errorFindings} /> : null}
        {name === 'sign' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="sign-record"
            title={`将记录：签发人 ${me.displayName}，签发日期 ${dayjs().format('YYYY年M月D日')}`}
            description={detail.versions.length ? `签发的是当前文稿（第${Math.max(...detail.versions.map((v) => v.versionNo))}稿）` : undefined}
          />
        ) : null}
        {name === 'register' ? <RegisterFields pickers={pickers} /> : null}
        {name === 'void_number' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`作废发文字号 ${detail.numberText ?? ''} 后该号不再使用，公文退回编号登记环节重新编号`} />
        ) : null}
        {name === 'issue' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`印发后向 ${internalRecipients} 家系统内单位分送（各生成一件待签收收文）${offlineRecipients ? `，${offlineRecipients} 家系统外单位线下送达` : ''}`}
          />
        ) : null}
        {name === 'receive' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="签收后登记收文编号，进入初审环节" /> : null}
        {name === 'archive' ? <RetentionField /> : null}
        {!NO_COMMENT.has(name) ? (
          <Form.Item label={copy.label} name="comment" rules={commentRequired ? [{ required: true, whitespace: true, message: `请填写${copy.label}` }] : []}>
            <Input.TextArea rows={name === 'instruct' || name === 'propose' ? 4 : 3} maxLength={2000} showCount placeholder={copy.placeholder} />
          </Form.Item>
        ) : null}
        {name === 'propose' ? <ProposeFields detail={detail} pickers={pickers} /> : null}
        {name === 'instruct' ? <InstructFields detail={detail} pickers={pickers} /> : null}
        {name === 'conclude' ? <ReplyField detail={detail} /> : null}
      </Form>
    </Modal>
  );
}

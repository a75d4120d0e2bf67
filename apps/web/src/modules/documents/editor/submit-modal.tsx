// 送核稿: the drafter names the 核稿人, the 签发 leaders and any 会签 parties (条例 第18–19条).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { isApiError } from '../../../api/client';
import { useMe } from '../../../app/auth';
import { showFieldError } from '../../../shared/form-errors';
import { isUpwardType } from './editor-model';
import { useSubmitDocument, type CountersignParty, type EditorDocumentDetail } from './editor.api';
import type { EditorPickers } from './use-editor-pickers';

type SubmitForm = {
  reviewerId?: string;
  signerIds?: string[];
  countersignLeaderIds?: string[];
  countersignUnitIds?: string[];
  comment?: string;
};

/** API fields the server may name in an error, and the form field that shows it. */
const FIELD_MAP: Record<string, string> = { countersigners: 'countersignLeaderIds' };

export function SubmitModal({
  detail,
  pickers,
  errorCount,
  important,
  flush,
  onClose,
  onSubmitted,
}: {
  detail: EditorDocumentDetail;
  pickers: EditorPickers;
  /** Errors the checker still reports: the 核稿人 will have to give a reason to pass them. */
  errorCount: number;
  important: boolean;
  /** Saves the text first, so that what is sent for review is what is on screen. */
  flush: () => Promise<void>;
  onClose: () => void;
  onSubmitted: (detail: EditorDocumentDetail) => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubmitForm>();
  const submit = useSubmitDocument(detail.id);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const principalRequired = isUpwardType(detail.docType) || important;

  const reviewerOptions = useMemo(
    () =>
      pickers.reviewerOptions
        .filter((option) => option.value !== me.id)
        // Clerks of the drafter's own unit first: the 核稿人 is usually the office's own reviewer.
        .sort((a, b) => Number(b.unitId === me.unitId) - Number(a.unitId === me.unitId)),
    [pickers.reviewerOptions, me.id, me.unitId],
  );

  const onFinish = async (values: SubmitForm) => {
    setFormError(null);
    setSaving(true);
    try {
      await flush();
    } catch (error) {
      setFormError(`文稿尚未保存，暂不能送核稿：${error instanceof Error ? error.message : '请稍后重试'}`);
      return;
    } finally {
      setSaving(false);
    }
    const countersigners: CountersignParty[] = [
      ...(values.countersignLeaderIds ?? []).map((userId) => ({ userId })),
      ...(values.countersignUnitIds ?? []).map((unitId) => ({ unitId })),
    ];
    submit.mutate(
      {
        reviewerId: values.reviewerId!,
        signerIds: values.signerIds ?? [],
        ...(countersigners.length ? { countersigners } : {}),
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      },
      {
        onSuccess: (next) => {
          message.success('已送核稿，核稿人将收到待办');
          onSubmitted(next);
        },
        onError: (error) => {
          if (showFieldError(form, error, FIELD_MAP)) return;
          if (isApiError(error) && error.code === 'WORKFLOW_ACTION_NOT_ALLOWED') {
            setFormError(`${error.message}（文稿可能已被送出，请刷新页面查看当前状态）`);
            return;
          }
          setFormError(error instanceof Error ? error.message : '送核稿未成功，请稍后重试');
        },
      },
    );
  };

  return (
    <Modal
      open
      title="送核稿"
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="submit" type="primary" data-testid="editor-submit-confirm" loading={saving || submit.isPending} onClick={() => form.submit()}>
          确定送核稿
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      {errorCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`检查仍发现 ${errorCount} 处错误`}
          description="可以先送核稿，但核稿人通过时须说明保留这些问题的理由。建议先按检查结果修改。"
        />
      ) : null}
      <Form<SubmitForm>
        form={form}
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        initialValues={{ reviewerId: detail.reviewerId ?? undefined }}
        scrollToFirstError={{ block: 'center' }}
      >
        <Form.Item label="核稿人" name="reviewerId" rules={[{ required: true, message: '请选择核稿人' }]} extra="一般为本单位办公室负责文稿审核的同志">
          <Select
            options={reviewerOptions}
            placeholder="请选择核稿人"
            showSearch={{ optionFilterProp: 'label' }}
            loading={pickers.isLoading}
            data-testid="submit-reviewer"
          />
        </Form.Item>
        <Form.Item
          label="签发领导"
          name="signerIds"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择签发领导' }]}
          extra={principalRequired ? undefined : '公文由本机关负责人签发；联合行文由各机关负责人分别签发'}
        >
          <Select
            mode="multiple"
            options={pickers.leaderOptions}
            placeholder="请选择签发领导"
            showSearch={{ optionFilterProp: 'label' }}
            loading={pickers.isLoading}
            data-testid="submit-signers"
          />
        </Form.Item>
        {principalRequired ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: -12, marginBottom: 16 }}
            title={`${isUpwardType(detail.docType) ? `${detail.docType}属上行文` : '本件为重要公文'}，须由机关主要负责人签发（条例 第19条）`}
          />
        ) : null}
        <Form.Item label="会签领导" name="countersignLeaderIds" extra="选填：涉及其他领导分管工作的，请其会签">
          <Select
            mode="multiple"
            options={pickers.leaderOptions}
            placeholder="不需会签可不选"
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
          />
        </Form.Item>
        <Form.Item label="会签单位" name="countersignUnitIds" extra="选填：涉及其他单位职权的，请该单位会签">
          <TreeSelect
            multiple
            treeData={pickers.unitTree}
            placeholder="不需会签可不选"
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            allowClear
          />
        </Form.Item>
        <Form.Item label="说明" name="comment">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填：需要核稿人注意的事项" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Tag } from 'antd';
import { CheckOutlined, CommentOutlined } from '@ant-design/icons';
import { getElementText } from '@zhongshu/core/gongwen/element-text.ts';
import type { DocumentComment, Finding, GongwenDocument } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { FINDING_SEVERITY_COLORS, FINDING_SEVERITY_LABELS, elementLabel } from './document-labels';
import type { PickedPassage } from './document-paper';
import { useAddDocumentComment, useResolveDocumentComment } from './documents.api';

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** 核稿 checker findings on the current text, errors first, each with the clause it rests on. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return <span className="zs-text-muted">未发现问题</span>;
  const sorted = [...findings].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
  return (
    <div className="zs-doc-list">
      {sorted.map((finding, index) => (
        <div key={`${finding.code}-${finding.element}-${index}`} className="zs-doc-list-item" data-testid="document-finding">
          <div style={{ minWidth: 0 }}>
            <div>
              <Tag color={FINDING_SEVERITY_COLORS[finding.severity]}>{FINDING_SEVERITY_LABELS[finding.severity] ?? finding.severity}</Tag>
              <span className="zs-text-muted">{elementLabel(finding.element)}</span>
            </div>
            <div style={{ marginTop: 2 }}>{finding.message}</div>
            {finding.clause ? <div className="zs-cell-sub">依据：{finding.clause}</div> : null}
          </div>
        </div>
      ))}
    </div>
  );
}

/** Element paths that carry text, in reading order, for the 批注 picker. */
const SINGLE_ELEMENTS = ['documentNumber', 'title', 'primaryRecipients'] as const;
const CLOSING_ELEMENTS = ['issueDate', 'note'] as const;

export function commentableElements(content: GongwenDocument): { value: string; label: string; text: string }[] {
  const el = content.elements;
  const paths: string[] = [...SINGLE_ELEMENTS];
  el.body.forEach((_block, i) => paths.push(`body[${i}]`));
  (el.attachmentNotes ?? []).forEach((_note, i) => paths.push(`attachmentNotes[${i}]`));
  (el.issuerSignatures ?? []).forEach((_sig, i) => paths.push(`issuerSignatures[${i}]`));
  paths.push(...CLOSING_ELEMENTS);
  (el.attachments ?? []).forEach((attachment, i) => {
    paths.push(`attachments[${i}].title`);
    attachment.body.forEach((_block, j) => paths.push(`attachments[${i}].body[${j}]`));
  });
  paths.push('copyRecipients');
  return paths
    .map((path) => ({ path, text: getElementText(content, path) }))
    .filter((entry): entry is { path: string; text: string } => Boolean(entry.text))
    .map(({ path, text }) => ({ value: path, text, label: `${elementLabel(path)}：${text.length > 40 ? text.slice(0, 40) + '…' : text}` }));
}

type CommentForm = { element?: string; quote?: string; text?: string };

function AddCommentModal({
  documentId,
  content,
  open,
  picked,
  onClose,
}: {
  documentId: string;
  content: GongwenDocument;
  open: boolean;
  picked: PickedPassage | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<CommentForm>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const add = useAddDocumentComment(documentId);
  const elements = useMemo(() => commentableElements(content), [content]);
  const element = Form.useWatch('element', form);
  const elementText = elements.find((e) => e.value === element)?.text ?? '';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (picked) form.setFieldsValue({ element: picked.element, quote: picked.quote });
  }, [open, picked, form]);

  const onFinish = (values: CommentForm) => {
    add.mutate(
      { element: values.element!, quote: values.quote?.trim() ?? '', text: values.text!.trim() },
      {
        onSuccess: () => {
          message.success('批注已添加');
          onClose();
        },
        onError: (error) => {
          if (!showFieldError(form, error)) toastError(error);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="添加批注"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="添加批注"
      okButtonProps={{ 'data-testid': 'comment-submit' }}
      confirmLoading={add.isPending}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="可在正文中选中一段文字后再点“添加批注”，所选段落和文字会自动带入。" />
      <Form<CommentForm> form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item label="批注位置" name="element" rules={[{ required: true, message: '请选择批注的段落或要素' }]}>
          <Select
            options={elements}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择标题、主送机关或正文段落"
            onChange={(value: string) => form.setFieldValue('quote', elements.find((e) => e.value === value)?.text ?? '')}
          />
        </Form.Item>
        <Form.Item
          label="引用原文"
          name="quote"
          extra="可删减为需要修改的那几个字"
          rules={[
            {
              validator: (_rule, value?: string) =>
                !value || !elementText || elementText.includes(value.trim()) ? Promise.resolve() : Promise.reject(new Error('引用的文字不在所选段落中')),
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label="批注意见" name="text" rules={[{ required: true, whitespace: true, message: '请填写批注意见' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：此处表述不准确，建议改为……" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 批注: reviewers and signers note what should change in a passage; the drafter marks each one resolved.
 * `canComment` / `canResolve` only decide which buttons show; the server checks again.
 */
export function CommentsPanel({
  documentId,
  comments,
  content,
  canComment,
  canResolve,
  picked,
}: {
  documentId: string;
  comments: DocumentComment[];
  content: GongwenDocument | null;
  canComment: boolean;
  canResolve: boolean;
  picked: PickedPassage | null;
}) {
  const [adding, setAdding] = useState(false);
  const [pickedAtOpen, setPickedAtOpen] = useState<PickedPassage | null>(null);
  const resolve = useResolveDocumentComment(documentId);
  const toastError = useErrorToast();
  const sorted = [...comments].sort((a, b) => Number(Boolean(a.resolvedAt)) - Number(Boolean(b.resolvedAt)) || b.createdAt.localeCompare(a.createdAt));
  return (
    <div>
      {sorted.length ? (
        <div className="zs-doc-list">
          {sorted.map((comment) => (
            <div key={comment.id} className="zs-doc-list-item" data-testid="document-comment">
              <div style={{ minWidth: 0, opacity: comment.resolvedAt ? 0.6 : 1 }}>
                <div className="zs-cell-sub">
                  {elementLabel(comment.element)} · 第{comment.versionNo}稿
                </div>
                {comment.quote ? <div className="zs-doc-quote">{comment.quote}</div> : null}
                <div className="zs-doc-opinion">{comment.text}</div>
                <div className="zs-cell-sub">
                  {comment.authorName} · {formatDateTime(comment.createdAt)}
                  {comment.resolvedAt ? ` · 已解决 ${formatDateTime(comment.resolvedAt)}` : ''}
                </div>
              </div>
              {comment.resolvedAt ? (
                <Tag color="success" style={{ marginInlineEnd: 0 }}>
                  已解决
                </Tag>
              ) : canResolve ? (
                <Button size="small" icon={<CheckOutlined />} loading={resolve.isPending && resolve.variables === comment.id} onClick={() => resolve.mutate(comment.id, { onError: toastError })}>
                  已解决
                </Button>
              ) : (
                <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                  待处理
                </Tag>
              )}
            </div>
          ))}
        </div>
      ) : (
        <span className="zs-text-muted">暂无批注</span>
      )}
      {canComment && content ? (
        <>
          <Button
            icon={<CommentOutlined />}
            style={{ marginTop: 8 }}
            data-testid="comment-add"
            onClick={() => {
              setPickedAtOpen(picked);
              setAdding(true);
            }}
          >
            添加批注
          </Button>
          <AddCommentModal documentId={documentId} content={content} open={adding} picked={pickedAtOpen} onClose={() => setAdding(false)} />
        </>
      ) : null}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Result, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AvailableAction } from '../../api/types';
import { reportStepError } from '../../shared/form-errors';
import { formatDate } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import { accessEnded, usePetitionAction, type Evaluation, type HandlingMode, type LegalRoute, type Outcome, type PetitionActionInput, type PetitionDetail } from './petitions.api';
import { EVALUATION_LABELS, EVALUATIONS, HANDLING_MODE_LABELS, LEGAL_ROUTE_LABELS, OUTCOME_LABELS, optionsOf, outcomesFor } from './petition-labels';
import { usePetitionUnitPickers } from './petition-parts';

/** Label and hint of the comment box for each action, so the clerk knows what to write. */
const COMMENT_COPY: Record<string, { label: string; placeholder: string }> = {
  accept: { label: '受理意见', placeholder: '可填写受理说明（选填），将写入受理告知书' },
  route_legal: { label: '告知内容', placeholder: '说明应通过何种法定途径解决，以及告知信访人的方式' },
  not_accept: { label: '不予受理理由', placeholder: '说明不予受理的理由和依据' },
  object: { label: '异议理由', placeholder: '说明该事项不属于本单位职责的理由，以及建议的办理单位' },
  request_extension: { label: '延期理由', placeholder: '说明情况复杂、需要延长办理期限的原因和已做的工作' },
  approve_extension: { label: '审批意见', placeholder: '可填写审批意见（选填）' },
  refuse_extension: { label: '不同意理由', placeholder: '说明不同意延期的理由' },
  reply: { label: '答复意见', placeholder: '查明的事实、处理意见及其依据；将生成信访处理意见书' },
  decide_review: { label: '复查意见', placeholder: '复查查明的事实、复查意见及其依据' },
  decide_recheck: { label: '复核意见', placeholder: '复核查明的事实、复核意见及其依据；复核意见为最终意见' },
  request_review: { label: '复查请求', placeholder: '信访人对处理意见不服的理由和请求' },
  request_recheck: { label: '复核请求', placeholder: '信访人对复查意见不服的理由和请求' },
  close: { label: '办结说明', placeholder: '可填写办结说明（选填）' },
  instruct: { label: '批示内容', placeholder: '领导对该信访事项的批示意见' },
};

/** Actions whose body carries `comment` without a `?` in docs/API.md, whatever requiresComment says. */
const COMMENT_REQUIRED = new Set(['route_legal', 'not_accept', 'object', 'request_extension', 'reply', 'decide_review', 'decide_recheck', 'request_review', 'request_recheck', 'instruct']);
const WITH_OUTCOME = new Set(['reply', 'decide_review', 'decide_recheck']);
/** Refusals and endings, shown in red so they are not pressed for the usual step. */
export const DESTRUCTIVE_ACTIONS = new Set(['not_accept', 'refuse_extension']);

type ActionForm = {
  comment?: string;
  handlingMode?: HandlingMode;
  handlingUnitId?: string;
  legalRoute?: LegalRoute;
  days?: number | null;
  outcome?: Outcome;
  evaluation?: Evaluation;
  assigneeUnitId?: string;
  deadline?: Dayjs;
};

/** Radio buttons whose labels carry test ids (antd hides the input itself). */
function TestRadio<V extends string>({ testId, options, value, onChange }: { testId: string; options: { value: V; label: string }[]; value?: V; onChange?: (value: V) => void }) {
  return (
    <Radio.Group optionType="button" buttonStyle="solid" data-testid={testId} value={value} onChange={(event) => onChange?.(event.target.value as V)}>
      {options.map((option) => (
        <Radio.Button key={option.value} value={option.value}>
          <span data-testid={`${testId}-${option.value}`}>{option.label}</span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

export function PetitionActionModal({ detail, action, onClose }: { detail: PetitionDetail; action: AvailableAction | null; onClose: () => void }) {
  const [form] = Form.useForm<ActionForm>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const toastError = useErrorToast();
  const mutation = usePetitionAction(detail.id);
  const directory = useDirectory(action !== null);
  const { unitTree } = usePetitionUnitPickers(directory);
  const [formError, setFormError] = useState<string | null>(null);
  /** After 领导批示: the supervision items it created, shown before the dialog closes. */
  const [createdItems, setCreatedItems] = useState<string[] | null>(null);
  const handlingMode = Form.useWatch('handlingMode', form);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setFormError(null);
      setCreatedItems(null);
    }
  }, [action, form]);

  if (!action) return null;
  const name = action.action;
  const copy = COMMENT_COPY[name] ?? { label: '办理意见', placeholder: '请填写办理意见' };
  const commentRequired = action.requiresComment || COMMENT_REQUIRED.has(name);
  const withComment = name !== 'evaluate';
  const needsUnit = handlingMode === 'transfer' || handlingMode === 'assign';

  const onFinish = (values: ActionForm) => {
    setFormError(null);
    const input: PetitionActionInput = { action: name };
    if (withComment && values.comment?.trim()) input.comment = values.comment.trim();
    if (name === 'accept') {
      input.handlingMode = values.handlingMode;
      if (needsUnit) input.handlingUnitId = values.handlingUnitId;
    }
    if (name === 'route_legal') input.legalRoute = values.legalRoute;
    if (name === 'request_extension' && values.days != null) input.days = values.days;
    if (WITH_OUTCOME.has(name)) input.outcome = values.outcome;
    if (name === 'evaluate') input.evaluation = values.evaluation;
    if (name === 'instruct') {
      input.assigneeUnitId = values.assigneeUnitId;
      input.deadline = values.deadline?.format('YYYY-MM-DD');
    }
    const before = new Set(detail.assignmentIds);
    mutation.mutate(input, {
      onSuccess: (next) => {
        message.success(`已${action.label}`);
        if (accessEnded(next)) {
          // 异议 returns the case to the 信访 office; this unit no longer sees it.
          navigate('/inbox');
          return;
        }
        if (name === 'instruct') {
          const created = next.assignmentIds.filter((id) => !before.has(id));
          setCreatedItems(created.length ? created : next.assignmentIds.slice(-1));
          return;
        }
        onClose();
      },
      onError: (error) => reportStepError(error, { form, setFormError, onStale: (e) => (toastError(e), onClose()) }),
    });
  };

  if (createdItems) {
    return (
      <Modal open title={action.label} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
        <Result
          status="success"
          title="已批示，并生成督查事项"
          subTitle="承办单位将收到督查事项的签收待办，办理进度可在督查督办中跟踪"
          extra={createdItems.map((id) => (
            <Link key={id} to={`/assignments/${encodeURIComponent(id)}`} data-testid="pt-instruct-assignment-link" onClick={onClose}>
              查看督查事项
            </Link>
          ))}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={`${action.label}：${detail.serial}`}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="submit" type="primary" danger={DESTRUCTIVE_ACTIONS.has(name)} loading={mutation.isPending} data-testid="action-submit" onClick={() => form.submit()}>
          {`确定${action.label}`}
        </Button>,
      ]}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <div className="zs-cell-sub" style={{ marginBottom: 12 }}>
        {detail.summary}
      </div>
      <Form<ActionForm> form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        {name === 'accept' ? (
          <>
            <Form.Item label="办理方式" name="handlingMode" rules={[{ required: true, message: '请选择办理方式' }]} extra="受理后生成受理告知书，开始计算60日办理期限">
              <TestRadio testId="pt-handling-mode" options={optionsOf(HANDLING_MODE_LABELS)} />
            </Form.Item>
            {needsUnit ? (
              <Form.Item label="承办单位" name="handlingUnitId" rules={[{ required: true, message: '转送或交办须选择承办单位' }]}>
                <TreeSelect
                  treeData={unitTree}
                  placeholder="选择承办单位"
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandAll
                  loading={directory.isPending}
                  data-testid="pt-handling-unit"
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {name === 'route_legal' ? (
          <Form.Item label="法定途径" name="legalRoute" rules={[{ required: true, message: '请选择法定途径' }]} extra="诉访分离：应当通过诉讼、仲裁、行政复议等法定途径解决的，导入相应程序">
            <Select options={optionsOf(LEGAL_ROUTE_LABELS)} placeholder="请选择" data-testid="pt-legal-route" />
          </Form.Item>
        ) : null}
        {name === 'request_extension' ? (
          <Form.Item
            label="延长天数"
            name="days"
            rules={[
              { required: true, message: '请填写延长天数' },
              { type: 'integer', min: 1, max: 30, message: '延长天数须在1到30之间' },
            ]}
            extra={detail.extensionUsed ? '本事项已延期过一次，不能再次延期' : '经批准可延长，最长不超过30日，只能延期一次'}
          >
            <InputNumber min={1} max={30} precision={0} suffix="日" style={{ width: 160 }} data-testid="pt-extension-days" />
          </Form.Item>
        ) : null}
        {WITH_OUTCOME.has(name) ? (
          <Form.Item label={name === 'reply' ? '处理意见' : name === 'decide_review' ? '复查结论' : '复核结论'} name="outcome" rules={[{ required: true, message: '请选择处理意见' }]}>
            <TestRadio testId="pt-outcome" options={outcomesFor(detail.kind).map((value) => ({ value, label: OUTCOME_LABELS[value] }))} />
          </Form.Item>
        ) : null}
        {name === 'evaluate' ? (
          <Form.Item label="信访人评价" name="evaluation" rules={[{ required: true, message: '请选择信访人的评价' }]} extra="按信访人本人的意见登记">
            <TestRadio testId="pt-evaluation" options={EVALUATIONS.map((value) => ({ value, label: EVALUATION_LABELS[value] }))} />
          </Form.Item>
        ) : null}
        {name === 'instruct' ? (
          <>
            <Form.Item label="承办单位" name="assigneeUnitId" rules={[{ required: true, message: '请选择承办单位' }]}>
              <TreeSelect
                treeData={unitTree}
                placeholder="选择承办单位"
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                loading={directory.isPending}
                data-testid="pt-instruct-unit"
              />
            </Form.Item>
            <Form.Item label="办理期限" name="deadline" rules={[{ required: true, message: '请选择办理期限' }]} extra="批示后生成督查事项（来源：领导批示），由督查室跟踪办理">
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(day) => !day.isAfter(dayjs(), 'day')}
                placeholder="选择截止日期"
                data-testid="pt-instruct-deadline"
              />
            </Form.Item>
          </>
        ) : null}
        {(name === 'approve_extension' || name === 'refuse_extension') && detail.nextDeadline ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`当前${detail.nextDeadline.label}期限：${formatDate(detail.nextDeadline.due, true)}`} />
        ) : null}
        {withComment ? (
          <Form.Item label={copy.label} name="comment" rules={commentRequired ? [{ required: true, whitespace: true, message: `请填写${copy.label}` }] : []}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={copy.placeholder} data-testid="action-comment" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

// 修改登记: the 信访 clerk corrects a registration. Only what differs is sent, with the reason; the clerk confirms
// the list of changes first, and a refusal lands on the field it names.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, TreeSelect } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { showFieldError } from '../../shared/form-errors';
import { useDirectory } from '../org/directory.api';
import {
  useEditPetition,
  usePetitionCategories,
  type Channel,
  type FirstOrgan,
  type PetitionCreateInput,
  type PetitionDetail,
  type PetitionEditField,
  type PetitionEditInput,
  type PetitionKind,
} from './petitions.api';
import { CHANNEL_LABELS, FIRST_ORGAN_LABELS, KIND_LABELS, optionsOf } from './petition-labels';
import { MATTER_RULES, usePetitionUnitPickers } from './petition-parts';

/** The registration's own fields, with the date as the picker holds it and the reason for the change. */
type EditForm = Pick<PetitionCreateInput, 'channel' | 'kind' | 'accusedUnitId' | 'superiorRef' | 'summary' | 'content' | 'townshipId' | 'village' | 'categoryId' | 'firstOrgan'> & {
  receivedAt: Dayjs;
  reason?: string;
};

/** The labels of the registration page, in the server's order of fields. */
const FIELD_LABELS: Record<PetitionEditField, string> = {
  channel: '信访渠道',
  kind: '信访事项类型',
  receivedAt: '收到日期',
  accusedUnitId: '被反映单位',
  superiorRef: '上级转送交办文号',
  summary: '摘要',
  content: '信访内容',
  townshipId: '所属乡镇',
  village: '村（社区）',
  categoryId: '问题类别',
  firstOrgan: '首次信访机关',
};
const FIELDS = Object.keys(FIELD_LABELS) as PetitionEditField[];
const DATE = 'YYYY-MM-DD';

type Change = { field: PetitionEditField; from: string; to: string };

const blank = (value: string | undefined | null) => (value?.trim() ? value.trim() : null);

function initialValues(detail: PetitionDetail): EditForm {
  return {
    channel: detail.channel,
    kind: detail.kind,
    receivedAt: dayjs(detail.receivedAt),
    accusedUnitId: detail.accusedUnitId ?? undefined,
    superiorRef: detail.superiorRef ?? undefined,
    summary: detail.summary,
    content: detail.content,
    townshipId: detail.townshipId,
    village: detail.village ?? undefined,
    categoryId: detail.categoryId,
    firstOrgan: detail.firstOrgan,
  };
}

/** The fields that differ from the case as registered, as the request sends them. */
function changedInput(detail: PetitionDetail, values: EditForm, reason: string): PetitionEditInput {
  const input: PetitionEditInput = { reason };
  if (values.channel !== detail.channel) input.channel = values.channel;
  if (values.kind !== detail.kind) input.kind = values.kind;
  const receivedAt = values.receivedAt.format(DATE);
  if (receivedAt !== detail.receivedAt) input.receivedAt = receivedAt;
  // Reclassified away from 检举控告, the server clears the accused unit by itself.
  const accused = values.kind === 'accusation' ? (values.accusedUnitId ?? null) : null;
  if (values.kind === 'accusation' && accused !== detail.accusedUnitId) input.accusedUnitId = accused;
  const superiorRef = blank(values.superiorRef);
  if (superiorRef !== detail.superiorRef) input.superiorRef = superiorRef;
  if (values.summary.trim() !== detail.summary) input.summary = values.summary.trim();
  if (values.content.trim() !== detail.content) input.content = values.content.trim();
  if (values.townshipId !== detail.townshipId) input.townshipId = values.townshipId;
  const village = blank(values.village);
  if (village !== detail.village) input.village = village;
  if (values.categoryId !== detail.categoryId) input.categoryId = values.categoryId;
  if (values.firstOrgan !== detail.firstOrgan) input.firstOrgan = values.firstOrgan;
  return input;
}

/** 修改登记 on the case page: the button and its dialog, for the clerk while the case may be edited. */
export function PetitionEditButton({ detail }: { detail: PetitionDetail }) {
  const [open, setOpen] = useState(false);
  if (!detail.editable.allowed) return null;
  return (
    <>
      <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="pt-edit-open">
        修改登记
      </Button>
      {open ? <PetitionEditModal detail={detail} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PetitionEditModal({ detail, onClose }: { detail: PetitionDetail; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const { message } = App.useApp();
  const edit = useEditPetition(detail.id);
  const categories = usePetitionCategories();
  const directory = useDirectory();
  const { unitTree, townshipTree } = usePetitionUnitPickers(directory);
  const [formError, setFormError] = useState<string | null>(null);
  /** Set once the form is valid: the changes shown for confirmation before they are sent. */
  const [pending, setPending] = useState<{ input: PetitionEditInput; changes: Change[] } | null>(null);
  const channel = Form.useWatch('channel', form);
  const kind = Form.useWatch('kind', form);
  const editable = new Set(detail.editable.fields);
  const routingLocked = detail.state !== 'registered';

  const categoryOptions = useMemo(
    () =>
      (categories.data ?? [])
        // A category no longer in use stays visible when it is the case's own, so the field shows its name.
        .filter((category) => !category.disabled || category.id === detail.categoryId)
        .map((category) => ({ value: category.id, label: category.name, disabled: category.disabled })),
    [categories.data, detail.categoryId],
  );
  const unitName = useMemo(() => new Map((directory.data?.units ?? []).map((unit) => [unit.id, unit.name])), [directory.data]);

  const show = (field: PetitionEditField, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '（空）';
    switch (field) {
      case 'channel':
        return CHANNEL_LABELS[value as Channel] ?? value;
      case 'kind':
        return KIND_LABELS[value as PetitionKind] ?? value;
      case 'firstOrgan':
        return FIRST_ORGAN_LABELS[value as FirstOrgan] ?? value;
      case 'categoryId':
        return categories.data?.find((category) => category.id === value)?.name ?? value;
      case 'townshipId':
      case 'accusedUnitId':
        return unitName.get(value) ?? value;
      case 'content':
        return value.length > 40 ? `${value.slice(0, 40)}…` : value;
      default:
        return value;
    }
  };

  /** A field that cannot change in the case's state is disabled, with the reason why as its hint. */
  const lock = (field: PetitionEditField) => {
    const locked = !editable.has(field);
    return { disabled: locked, extra: locked ? `事项${detail.stateLabel}，${FIELD_LABELS[field]}只能在受理前修改` : undefined };
  };

  const onFinish = (values: EditForm) => {
    setFormError(null);
    const input = changedInput(detail, values, values.reason?.trim() ?? '');
    const changes: Change[] = FIELDS.filter((field) => field in input).map((field) => ({
      field,
      from: show(field, field === 'accusedUnitId' ? detail.accusedUnitId : (detail[field] as string | null)),
      to: show(field, input[field] as string | null),
    }));
    if (input.kind && detail.kind === 'accusation' && detail.accusedUnitId && !('accusedUnitId' in input)) {
      changes.push({ field: 'accusedUnitId', from: show('accusedUnitId', detail.accusedUnitId), to: '（空）' });
    }
    if (!changes.length) {
      setFormError('修改登记：没有需要修改的内容');
      return;
    }
    setPending({ input, changes });
  };

  const send = () => {
    if (!pending) return;
    edit.mutate(pending.input, {
      onSuccess: () => {
        message.success('登记内容已修改');
        onClose();
      },
      onError: (error) => {
        setPending(null);
        if (showFieldError(form, error)) return;
        setFormError(error instanceof Error ? error.message : '修改未成功，请稍后重试');
      },
    });
  };

  const footer = pending
    ? [
        <Button key="back" onClick={() => setPending(null)} disabled={edit.isPending}>
          返回修改
        </Button>,
        <Button key="confirm" type="primary" loading={edit.isPending} onClick={send} data-testid="pt-edit-confirm">
          确认修改
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="next" type="primary" onClick={() => form.submit()} data-testid="pt-edit-submit">
          保存
        </Button>,
      ];

  return (
    <Modal open width={760} title={`修改登记：${detail.serial}`} onCancel={onClose} mask={{ closable: false }} footer={footer}>
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="pt-edit-error" /> : null}
      {pending ? (
        <div data-testid="pt-edit-summary">
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="请核对以下修改，确认后记入办理记录" />
          <ul style={{ paddingInlineStart: 20, margin: '0 0 8px' }}>
            {pending.changes.map((change) => (
              <li key={change.field} data-testid={`pt-edit-change-${change.field}`}>
                <strong>{FIELD_LABELS[change.field]}</strong>：{change.from} → {change.to}
              </li>
            ))}
          </ul>
          <div className="zs-cell-sub">修改原因：{pending.input.reason}</div>
        </div>
      ) : null}
      <Form<EditForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues(detail)}
        style={pending ? { display: 'none' } : undefined}
      >
        {routingLocked ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="事项已受理或已处理：信访渠道、类型、收到日期、被反映单位和上级文号不能再修改，其余内容可以更正"
          />
        ) : null}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="信访渠道" name="channel" rules={MATTER_RULES.channel} extra={lock('channel').extra}>
              <Select options={optionsOf(CHANNEL_LABELS)} data-testid="pt-edit-channel" disabled={lock('channel').disabled} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="收到日期" name="receivedAt" rules={MATTER_RULES.receivedAt} extra={lock('receivedAt').extra}>
              <DatePicker
                style={{ width: '100%' }}
                allowClear={false}
                disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                disabled={lock('receivedAt').disabled}
                data-testid="pt-edit-received-at"
              />
            </Form.Item>
          </Col>
        </Row>
        {channel === 'superior' || detail.superiorRef ? (
          <Form.Item
            label="上级转送交办文号"
            name="superiorRef"
            rules={channel === 'superior' ? MATTER_RULES.superiorRef : []}
            extra={lock('superiorRef').extra}
          >
            <Input maxLength={100} disabled={lock('superiorRef').disabled} data-testid="pt-edit-superior-ref" />
          </Form.Item>
        ) : null}
        <Form.Item label="信访事项类型" name="kind" rules={MATTER_RULES.kind} extra={lock('kind').extra}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="pt-edit-kind" disabled={lock('kind').disabled}>
            {optionsOf(KIND_LABELS).map((option) => (
              <Radio.Button key={option.value} value={option.value}>
                <span data-testid={`pt-edit-kind-${option.value}`}>{option.label}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {kind === 'accusation' ? (
          <Form.Item
            label="被反映单位"
            name="accusedUnitId"
            extra={lock('accusedUnitId').extra ?? '检举控告类事项对被反映单位的人员不可见（列表、检索、导出和统计中均不显示）'}
          >
            <TreeSelect
              treeData={unitTree}
              placeholder="选择被反映单位（本系统内的单位）"
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              disabled={lock('accusedUnitId').disabled}
              data-testid="pt-edit-accused-unit"
            />
          </Form.Item>
        ) : null}
        <Form.Item label="首次信访机关" name="firstOrgan" rules={[{ required: true, message: '请选择首次信访机关' }]} extra={lock('firstOrgan').extra}>
          <Radio.Group options={optionsOf(FIRST_ORGAN_LABELS)} disabled={lock('firstOrgan').disabled} data-testid="pt-edit-first-organ" />
        </Form.Item>
        <Form.Item
          label="摘要"
          name="summary"
          rules={MATTER_RULES.summary}
          extra={lock('summary').extra}
        >
          <Input maxLength={200} showCount disabled={lock('summary').disabled} data-testid="pt-edit-summary-input" />
        </Form.Item>
        <Form.Item
          label="信访内容"
          name="content"
          rules={MATTER_RULES.content}
          extra={lock('content').extra}
        >
          <Input.TextArea rows={5} maxLength={20000} disabled={lock('content').disabled} data-testid="pt-edit-content" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="所属乡镇" name="townshipId" rules={[{ required: true, message: '请选择所属乡镇' }]} extra={lock('townshipId').extra}>
              <TreeSelect
                treeData={townshipTree}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                loading={directory.isPending}
                disabled={lock('townshipId').disabled}
                data-testid="pt-edit-township"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="村（社区）" name="village" rules={MATTER_RULES.village} extra={lock('village').extra}>
              <Input maxLength={100} disabled={lock('village').disabled} data-testid="pt-edit-village" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="问题类别" name="categoryId" rules={MATTER_RULES.categoryId} extra={lock('categoryId').extra}>
              <Select
                options={categoryOptions}
                showSearch={{ optionFilterProp: 'label' }}
                loading={categories.isPending}
                disabled={lock('categoryId').disabled}
                data-testid="pt-edit-category"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="修改原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写修改原因' },
            { max: 500, message: '修改原因不超过500字' },
          ]}
          extra="修改原因和每项修改的原值、新值记入办理记录"
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：网上信访误归类，实为检举控告" data-testid="pt-edit-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, Result, Row, Select, Space, type ButtonProps } from 'antd';
import { ArrowLeftOutlined, SendOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import {
  isFieldsError,
  useCollection,
  useCreateCollection,
  useSendCollection,
  useUpcomingMeetings,
  useUpdateCollection,
  type CollectionDetail,
  type CollectionInput,
  type FieldType,
} from './collections.api';
import { AddFieldButtons, FieldCard } from './field-designer';
import { FillFields } from './fill-form';
import { validateFormDesign } from '@zhongshu/core/collections/form.ts';
import { fromApiFields, newField, parseDesignPath, toApiFields, type DesignError, type DesignField } from './form-design';
import './collections.css';

type BasicsForm = {
  title: string;
  description?: string;
  deadline?: Dayjs | null;
  unitIds: string[];
  meetingId?: string | null;
};

const DEADLINE_FORMAT = 'YYYY-MM-DD HH:mm';
const BASIC_FIELDS = ['title', 'description', 'deadline', 'unitIds', 'meetingId'] as const;
const CONFIRM_OK = { 'data-testid': 'action-submit' } as ButtonProps;
/** The unit kinds offered, in the order the office thinks of them. */
const UNIT_GROUPS: { kind: string; label: string }[] = [
  { kind: 'township', label: '乡镇' },
  { kind: 'department', label: '部门' },
  { kind: 'office', label: '县委及办公室' },
  { kind: 'committee', label: '县委及办公室' },
  { kind: 'village', label: '村（社区）' },
];

/** A send that failed after the new collection was saved; the edit page shows it where it belongs. */
type SendFailure = { message: string; field?: string };

/** The unit picker: every unit grouped by kind, with 全选 shortcuts for the townships and the departments. */
function UnitPicker({ value = [], onChange, units, loading }: { value?: string[]; onChange?: (ids: string[]) => void; units: { id: string; name: string; kind: string }[]; loading: boolean }) {
  const groups = useMemo(() => {
    const out: { label: string; options: { value: string; label: string }[] }[] = [];
    for (const group of UNIT_GROUPS) {
      const options = units.filter((unit) => unit.kind === group.kind).map((unit) => ({ value: unit.id, label: unit.name }));
      if (!options.length) continue;
      const existing = out.find((g) => g.label === group.label);
      if (existing) existing.options.push(...options);
      else out.push({ label: group.label, options });
    }
    return out;
  }, [units]);
  const addKind = (kind: string) => onChange?.([...new Set([...value, ...units.filter((unit) => unit.kind === kind).map((unit) => unit.id)])]);
  return (
    <div>
      <Select
        id="unitIds"
        mode="multiple"
        value={value}
        onChange={onChange}
        options={groups}
        loading={loading}
        placeholder="选择报送单位"
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
        allowClear
        data-testid="collection-units"
        style={{ width: '100%' }}
      />
      <Space size={4} wrap style={{ marginTop: 6 }}>
        <Button size="small" onClick={() => addKind('township')} data-testid="units-all-townships">
          全选乡镇
        </Button>
        <Button size="small" onClick={() => addKind('department')} data-testid="units-all-departments">
          全选部门
        </Button>
        <Button size="small" type="link" onClick={() => onChange?.([])} disabled={!value.length} data-testid="units-clear">
          清空
        </Button>
        <span className="zs-cell-sub">已选 {value.length} 个单位</span>
      </Space>
    </div>
  );
}

/** /collections/new and /collections/:id/edit — design the form, pick the units and the deadline, save or send. */
export function CollectionCreatePage() {
  const { id = '' } = useParams();
  const editing = Boolean(id);
  const query = useCollection(id);
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => history.back()} />;
  if (editing && (query.isPending || query.isError)) return <DetailLoadState query={query} title="编辑征集" back={back} />;
  const detail = editing ? query.data ?? null : null;
  if (detail && detail.state !== 'draft') return <AlreadySent detail={detail} />;
  return <Designer key={detail?.id ?? 'new'} detail={detail} />;
}

function AlreadySent({ detail }: { detail: CollectionDetail }) {
  const navigate = useNavigate();
  return (
    <div className="zs-panel">
      <Result
        status="info"
        title="该征集已发出，表单和征集单位不能再修改"
        subTitle="截止时间和关联会议可在征集页面修改；如需追加单位，请在征集页面操作。"
        extra={
          <Button type="primary" onClick={() => navigate(`/collections/${encodeURIComponent(detail.id)}`, { replace: true })}>
            返回征集
          </Button>
        }
      />
    </div>
  );
}

function Designer({ detail }: { detail: CollectionDetail | null }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<BasicsForm>();
  const [fields, setFields] = useState<DesignField[]>(() => (detail ? fromApiFields(detail.fields) : [newField('number')]));
  const [designErrors, setDesignErrors] = useState<DesignError[]>([]);
  const [designMessage, setDesignMessage] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const cardRefs = useRef<(HTMLDivElement | null)[]>([]);
  const directory = useDirectory();
  const meetings = useUpcomingMeetings();
  const create = useCreateCollection();
  const update = useUpdateCollection(detail?.id ?? '');
  const send = useSendCollection(detail?.id ?? '');
  const busy = create.isPending || update.isPending || send.isPending;
  const unitIds = Form.useWatch('unitIds', form) ?? [];

  const units = useMemo(() => (directory.data?.units ?? []).map((unit) => ({ id: unit.id, name: unit.name, kind: unit.kind })), [directory.data]);
  const meetingOptions = useMemo(() => {
    const options = (meetings.data ?? []).map((meeting) => ({ value: meeting.id, label: `${meeting.title}（${formatDateTime(meeting.startsAt)}）` }));
    if (detail?.meetingId && !options.some((option) => option.value === detail.meetingId)) options.unshift({ value: detail.meetingId, label: detail.meetingTitle ?? '已关联的会议' });
    return options;
  }, [meetings.data, detail]);
  const apiFields = useMemo(() => toApiFields(fields), [fields]);
  /** The preview starts afresh when fields move or change type, so no value lands on the wrong input. */
  const previewKey = fields.map((field) => `${field.uid}:${field.type}:${field.columns.map((c) => c.type).join(',')}`).join('|');

  // A send that failed right after the first save: show why, on the field it names.
  useEffect(() => {
    const failure = (location.state as { sendFailure?: SendFailure } | null)?.sendFailure;
    if (failure) placeError(failure.message, failure.field);
  }, []);

  const initialValues: BasicsForm = detail
    ? {
        title: detail.title,
        description: detail.description ?? '',
        deadline: detail.deadline ? dayjs(detail.deadline) : null,
        unitIds: detail.units.map((unit) => unit.unitId),
        meetingId: detail.meetingId,
      }
    : { title: '', description: '', deadline: null, unitIds: [], meetingId: searchParams.get('meetingId') || null };

  const changeField = (index: number, patch: Partial<DesignField>) => {
    setFields((list) => list.map((field, i) => (i === index ? { ...field, ...patch } : field)));
    setDesignErrors((list) => list.filter((error) => error.index !== index));
  };
  const moveField = (index: number, delta: -1 | 1) => {
    setFields((list) => {
      const next = [...list];
      const [moved] = next.splice(index, 1);
      next.splice(index + delta, 0, moved!);
      return next;
    });
    setDesignErrors([]);
  };
  const removeField = (index: number) => {
    setFields((list) => list.filter((_f, i) => i !== index));
    setDesignErrors([]);
  };
  const addField = (type: FieldType) => {
    setFields((list) => [...list, newField(type)]);
    setDesignMessage(null);
    // Bring the new card into view, its name ready to type.
    window.setTimeout(() => {
      const card = cardRefs.current[fields.length];
      card?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      card?.querySelector<HTMLInputElement>('input')?.focus();
    }, 50);
  };

  const scrollToCard = (index: number) => cardRefs.current[index]?.scrollIntoView({ block: 'center', behavior: 'smooth' });

  /**
   * Puts each message where it belongs: a field's card, a basic field, the designer as a whole, or above the form.
   * `byPath` holds every problem at once (the server's `error.fields`, or the same check run here).
   */
  function placeErrors(byPath: Record<string, string>) {
    const cards: DesignError[] = [];
    const basics: { name: keyof BasicsForm; errors: string[] }[] = [];
    const general: string[] = [];
    for (const [path, text] of Object.entries(byPath)) {
      const place = parseDesignPath(path);
      const top = path.split(/[.[]/)[0] ?? '';
      if (place) cards.push({ ...place, message: text });
      else if ((BASIC_FIELDS as readonly string[]).includes(top)) basics.push({ name: top as keyof BasicsForm, errors: [text] });
      else if (top === 'fields') setDesignMessage(text);
      else general.push(text);
    }
    setDesignErrors(cards);
    if (basics.length) form.setFields(basics);
    if (general.length) setFormError(general.join('；'));
    if (basics[0]) form.scrollToField(basics[0].name, { block: 'center' });
    else if (cards[0]) window.setTimeout(() => scrollToCard(Math.min(...cards.map((card) => card.index))), 50);
  }

  function placeError(text: string, field?: string) {
    placeErrors({ [field ?? '']: text });
  }

  function showError(error: unknown) {
    if (isFieldsError(error) && Object.keys(error.fields).length) placeErrors(error.fields);
    else if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) placeError(error.message, error.field);
    else toastError(error);
  }

  /** The checks that need no server: a title, named fields with their options; and for sending, a deadline ahead and units. */
  async function check(forSend: boolean): Promise<BasicsForm | null> {
    setFormError(null);
    setDesignMessage(null);
    let values: BasicsForm;
    try {
      values = await form.validateFields();
    } catch {
      return null;
    }
    const problems: { name: keyof BasicsForm; errors: string[] }[] = [];
    if (forSend) {
      if (!values.deadline) problems.push({ name: 'deadline', errors: ['截止时间：发出前须设定截止时间'] });
      else if (!values.deadline.isAfter(dayjs())) problems.push({ name: 'deadline', errors: ['截止时间：须晚于当前时间'] });
      if (!values.unitIds?.length) problems.push({ name: 'unitIds', errors: ['征集单位：至少选择一个单位'] });
    }
    if (problems.length) {
      form.setFields(problems);
      form.scrollToField(problems[0]!.name, { block: 'center' });
      return null;
    }
    // The server's own check of the design, run here first: every problem on its card before anything is sent.
    const { errors } = validateFormDesign(apiFields);
    setDesignErrors([]);
    if (errors.length) {
      const byPath: Record<string, string> = {};
      for (const error of errors) byPath[error.path] ??= error.message;
      placeErrors(byPath);
      return null;
    }
    return values;
  }

  function toInput(values: BasicsForm): CollectionInput {
    const input: CollectionInput = { title: values.title.trim(), fields: apiFields, unitIds: values.unitIds ?? [] };
    const description = values.description?.trim();
    if (description) input.description = description;
    else if (detail?.description) input.description = '';
    if (values.deadline) input.deadline = values.deadline.second(0).millisecond(0).format();
    if (values.meetingId) input.meetingId = values.meetingId;
    // Unlinking a meeting the saved draft had.
    else if (detail?.meetingId) input.meetingId = null;
    return input;
  }

  async function saveDraft() {
    const values = await check(false);
    if (!values) return;
    const input = toInput(values);
    if (detail) {
      update.mutate(input, {
        onSuccess: () => message.success('草稿已保存'),
        onError: showError,
      });
    } else {
      create.mutate(input, {
        onSuccess: (saved) => {
          message.success('草稿已保存，可继续编辑或发出');
          navigate(`/collections/${encodeURIComponent(saved.id)}/edit`, { replace: true });
        },
        onError: showError,
      });
    }
  }

  async function saveAndSend() {
    const values = await check(true);
    if (!values) return;
    const input = toInput(values);
    const count = input.unitIds?.length ?? 0;
    modal.confirm({
      title: '发出征集？',
      content: (
        <div data-testid="send-confirm">
          将向 <b>{count}</b> 个单位发出“{input.title}”，截止时间 <b>{values.deadline!.format(DEADLINE_FORMAT)}</b>。
          <br />
          各单位将收到填报待办；发出后表单字段和征集单位不能再修改（可追加单位、修改截止时间）。
        </div>
      ),
      okText: '发出',
      cancelText: '再检查一下',
      okButtonProps: CONFIRM_OK,
      onOk: async () => {
        let saved: CollectionDetail;
        try {
          saved = detail ? await update.mutateAsync(input) : await create.mutateAsync(input);
        } catch (error) {
          showError(error);
          return;
        }
        try {
          await send.mutateAsync(saved.id);
        } catch (error) {
          if (!detail && isApiError(error) && error.status < 500) {
            // Saved as a draft but not sent: continue on its edit page with the reason shown.
            navigate(`/collections/${encodeURIComponent(saved.id)}/edit`, { replace: true, state: { sendFailure: { message: error.message, field: error.field } } });
            message.warning('已保存为草稿，但未能发出');
            return;
          }
          showError(error);
          return;
        }
        message.success(`已发出征集，${count}个单位将收到填报待办`);
        navigate(`/collections/${encodeURIComponent(saved.id)}`, { replace: true });
      },
    });
  }

  const title = detail ? '编辑征集' : '新建征集';
  return (
    <div className="cl-designer-page">
      <PageHeader
        title={title}
        subtitle="设计要各单位填报的表单，选定单位和截止时间后发出；各单位报送后自动汇总成表"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(detail ? `/collections/${encodeURIComponent(detail.id)}` : '/collections')} />}
      />
      {formError ? <Alert type="error" showIcon title={formError} closable onClose={() => setFormError(null)} style={{ marginBottom: 16 }} data-testid="collection-form-error" /> : null}
      <Form<BasicsForm> form={form} layout="vertical" initialValues={initialValues} className="zs-panel" data-testid="collection-basics">
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '标题：不能为空' }, { max: 200, message: '标题：不超过200字' }]}>
              <Input maxLength={200} placeholder="如：关于报送今冬明春重点项目资金缺口情况的通知" data-testid="collection-title" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item label="截止时间" name="deadline" extra="发出前须设定，且晚于当前时间">
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={DEADLINE_FORMAT}
                placeholder="选择截止时间"
                disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                data-testid="collection-deadline"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item label="关联会议" name="meetingId" extra="选填；报送的数据将作为会议材料">
              <Select
                allowClear
                placeholder={meetings.isError ? '会议列表暂不可用' : '不关联会议'}
                options={meetingOptions}
                loading={meetings.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有可关联的会议" />}
                data-testid="collection-meeting"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description" rules={[{ max: 2000, message: '说明：不超过2000字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount placeholder="填报口径、统计时点、联系人等（选填）" data-testid="collection-description" />
        </Form.Item>
        <Form.Item label="征集单位" name="unitIds" style={{ marginBottom: 0 }}>
          <UnitPicker units={units} loading={directory.isPending} />
        </Form.Item>
      </Form>

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <div className="zs-panel" data-testid="field-designer">
            <div className="cl-section-head">
              <h3 className="cl-section-title">表单字段</h3>
              <span className="zs-cell-sub">共 {fields.length} 项；填报项的编号按顺序自动生成</span>
            </div>
            {designMessage ? <Alert type="error" showIcon title={designMessage} style={{ marginBottom: 12 }} data-testid="field-designer-error" /> : null}
            <div className="cl-field-list">
              {fields.map((field, index) => (
                <FieldCard
                  key={field.uid}
                  ref={(node) => {
                    cardRefs.current[index] = node;
                  }}
                  field={field}
                  index={index}
                  count={fields.length}
                  errors={designErrors.filter((error) => error.index === index)}
                  onChange={(patch) => changeField(index, patch)}
                  onMove={(delta) => moveField(index, delta)}
                  onRemove={() => removeField(index)}
                />
              ))}
              {!fields.length ? <Empty description="尚未添加字段，请从下方选择字段类型" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
            </div>
            <div className="cl-add-label">添加字段</div>
            <AddFieldButtons onAdd={addField} disabled={fields.length >= 100} />
          </div>
        </Col>
        <Col xs={24} lg={10}>
          <div className="zs-panel cl-preview" data-testid="collection-preview">
            <div className="cl-section-head">
              <h3 className="cl-section-title">填报预览</h3>
              <span className="zs-cell-sub">各单位看到的表单</span>
            </div>
            <Form key={previewKey} layout="vertical" className="cl-preview-form">
              <FillFields fields={apiFields} isMobile />
            </Form>
          </div>
        </Col>
      </Row>

      <div className="cl-footer-bar">
        <span className="zs-cell-sub cl-footer-note">{unitIds.length ? `已选 ${unitIds.length} 个单位` : '尚未选择征集单位'}</span>
        <Button icon={<SaveOutlined />} onClick={() => void saveDraft()} loading={create.isPending || update.isPending} disabled={busy} data-testid="collection-save">
          保存草稿
        </Button>
        <Button type="primary" icon={<SendOutlined />} onClick={() => void saveAndSend()} disabled={busy} loading={send.isPending} data-testid="collection-send">
          发出征集
        </Button>
      </div>
    </div>
  );
}

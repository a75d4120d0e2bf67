import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  TreeSelect,
  type FormInstance,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '../../api/client';
import type { Clearance, Urgency } from '../../api/types';
import { useMe } from '../../app/auth';
import { canCreateAssignment } from '../../app/access';
import { Forbidden } from '../../app/guards';
import { PageHeader } from '../../shared/page-header';
import { CLEARANCE_LABELS, URGENCY_LABELS } from '../../shared/labels';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { useCreateAssignment, type AssignmentCreateInput, type FeedbackCycle, type ItemLevel, type SourceKind } from './assignments.api';
import { defaultFeedbackDay, describeFeedback, FEEDBACK_CYCLE_LABELS, LEVEL_LABELS, SOURCE_KIND_OPTIONS, WEEKDAY_LABELS } from './assignment-labels';
import './assignments.css';

/** 分解任务 as the form holds it: one row per task, dates as dayjs. */
type TaskRow = {
  title?: string;
  indicator?: string;
  target?: number;
  unitLabel?: string;
  weight?: number;
  ownerUnitId?: string;
  deadline?: Dayjs;
};

/** Field names follow the request body wherever they can, so a server message lands on its field without a map. */
type CreateForm = {
  title: string;
  instruction: string;
  sourceKind: SourceKind;
  sourceRef?: string;
  sourceDate?: Dayjs;
  level: ItemLevel;
  leaderId?: string;
  assigneeUnitId?: string;
  assigneeUserId?: string;
  cooperatingUnitIds?: string[];
  completionStandard?: string;
  startDate: Dayjs;
  deadlineType: 'date' | 'workdays';
  deadlineDate?: Dayjs;
  deadlineDays?: number;
  feedbackCycle: FeedbackCycle;
  feedbackDay?: number | null;
  tasks?: TaskRow[];
  classification: Clearance;
  urgency: Urgency;
  dispatch: boolean;
};

const MAX_TASKS = 50;
const MAX_COOPERATING = 30;
const DATE = 'YYYY-MM-DD';

const CYCLE_OPTIONS = (Object.keys(FEEDBACK_CYCLE_LABELS) as FeedbackCycle[]).map((value) => ({ value, label: FEEDBACK_CYCLE_LABELS[value] }));
const WEEKDAY_OPTIONS = WEEKDAY_LABELS.slice(1).map((label, index) => ({ value: index + 1, label }));
const MONTH_DAY_OPTIONS = Array.from({ length: 28 }, (_, index) => ({ value: index + 1, label: `${index + 1}日` }));
const LEVEL_OPTIONS = (['general', 'key'] as const).map((value) => ({ value, label: LEVEL_LABELS[value] }));
const CLASSIFICATION_OPTIONS = (Object.keys(CLEARANCE_LABELS) as Clearance[]).map((value) => ({ value, label: CLEARANCE_LABELS[value] }));

/** The unit tree with one unit (the lead unit) not selectable: it cannot cooperate with itself. */
type PickerNode = { value: string; children: PickerNode[]; disabled?: boolean };
function withDisabled<N extends PickerNode>(nodes: N[], disabledId: string | undefined): PickerNode[] {
  if (!disabledId) return nodes;
  return nodes.map((node) => ({ ...node, disabled: node.value === disabledId, children: withDisabled(node.children, disabledId) }));
}

/**
 * Puts a server validation message beside its field. Task fields come back as "tasks.<i>.<field>" and the
 * deadline as "deadline.date"/"deadline.days"; everything else is named as in the form.
 */
function showCreateError(form: FormInstance<CreateForm>, error: unknown, deadlineType: CreateForm['deadlineType']): boolean {
  if (isApiError(error) && error.field) {
    const task = /^tasks\.(\d+)\.(\w+)/.exec(error.field);
    if (task) {
      const name = ['tasks', Number(task[1]), task[2] as keyof TaskRow] as ['tasks', number, keyof TaskRow];
      form.setFields([{ name, errors: [error.message] }]);
      form.scrollToField(name, { block: 'center' });
      return true;
    }
  }
  const deadlineField = deadlineType === 'date' ? 'deadlineDate' : 'deadlineDays';
  return showFieldError(form, error, {
    deadline: deadlineField,
    'deadline.date': 'deadlineDate',
    'deadline.days': 'deadlineDays',
    'deadline.type': 'deadlineType',
  });
}

function toTaskInput(row: TaskRow): NonNullable<AssignmentCreateInput['tasks']>[number] {
  const task: NonNullable<AssignmentCreateInput['tasks']>[number] = { title: (row.title ?? '').trim(), target: row.target ?? 0 };
  if (row.indicator?.trim()) task.indicator = row.indicator.trim();
  if (row.unitLabel?.trim()) task.unitLabel = row.unitLabel.trim();
  if (row.weight !== undefined && row.weight !== null) task.weight = row.weight;
  if (row.ownerUnitId) task.ownerUnitId = row.ownerUnitId;
  if (row.deadline) task.deadline = row.deadline.format(DATE);
  return task;
}

export function AssignmentCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const [form] = Form.useForm<CreateForm>();
  const directory = useDirectory();
  const create = useCreateAssignment();
  const unitId = Form.useWatch('assigneeUnitId', form);
  const deadlineType = Form.useWatch('deadlineType', form) ?? 'workdays';
  const feedbackCycle: FeedbackCycle = Form.useWatch('feedbackCycle', form) ?? 'once';
  const feedbackDay = Form.useWatch('feedbackDay', form);
  const dispatch = Form.useWatch('dispatch', form) ?? true;
  const isLeader = me.roles.includes('leader');
  // The office registers items on a leader's behalf, so it must say which leader is responsible;
  // a leader who also works in the office may record for a colleague too.
  const canPickLeader = me.roles.includes('office');

  const { unitTree, leaderOptions } = useDirectoryPickers(directory);
  const cooperatingTree = useMemo(() => withDisabled(unitTree, unitId), [unitTree, unitId]);
  const personOptions = useMemo(
    () =>
      (directory.data?.users ?? [])
        .filter((user) => unitId && user.unitId === unitId && !user.isLeader)
        .map((user) => ({ value: user.id, label: user.displayName })),
    [directory.data, unitId],
  );

  if (!canCreateAssignment(me)) return <Forbidden />;

  const onLeadUnitChange = (value?: string) => {
    form.setFieldValue('assigneeUserId', undefined);
    const cooperating = form.getFieldValue('cooperatingUnitIds') as string[] | undefined;
    if (value && cooperating?.includes(value)) form.setFieldValue('cooperatingUnitIds', cooperating.filter((id) => id !== value));
  };

  const onFinish = (values: CreateForm) => {
    const input: AssignmentCreateInput = {
      title: values.title.trim(),
      instruction: values.instruction.trim(),
      sourceKind: values.sourceKind,
      level: values.level,
      assigneeUnitId: values.assigneeUnitId!,
      urgency: values.urgency,
      classification: values.classification,
      deadline:
        values.deadlineType === 'date'
          ? { type: 'date', date: values.deadlineDate!.format(DATE) }
          : { type: 'workdays', days: values.deadlineDays! },
      feedbackCycle: values.feedbackCycle,
      feedbackDay: values.feedbackCycle === 'once' ? null : (values.feedbackDay ?? defaultFeedbackDay(values.feedbackCycle)),
      dispatch: values.dispatch,
    };
    if (values.sourceRef?.trim()) input.sourceRef = values.sourceRef.trim();
    if (values.sourceDate) input.sourceDate = values.sourceDate.format(DATE);
    if (values.assigneeUserId) input.assigneeUserId = values.assigneeUserId;
    if (values.cooperatingUnitIds?.length) input.cooperatingUnitIds = values.cooperatingUnitIds;
    if (canPickLeader && values.leaderId) input.leaderId = values.leaderId;
    if (values.completionStandard?.trim()) input.completionStandard = values.completionStandard.trim();
    // Today is the server's default; sending it only when it differs keeps the server's clock (Asia/Shanghai) in charge.
    if (values.startDate && !values.startDate.isSame(dayjs(), 'day')) input.startDate = values.startDate.format(DATE);
    if (values.tasks?.length) input.tasks = values.tasks.map(toTaskInput);
    create.mutate(input, {
      onSuccess: ({ id }) => {
        message.success(values.dispatch ? '督查事项已交办，牵头单位将收到待办' : '督查事项已立项，可在详情页交办');
        navigate(`/assignments/${id}`, { replace: true });
      },
      onError: (error) => {
        if (!showCreateError(form, error, values.deadlineType)) toastError(error);
      },
    });
  };

  const feedbackDayOptions = feedbackCycle === 'weekly' ? WEEKDAY_OPTIONS : MONTH_DAY_OPTIONS;

  return (
    <div>
      <PageHeader
        title="新建督查事项"
        subtitle="立项督查事项或领导交办事项：明确来源、牵头单位、责任领导、完成标准、办理期限和反馈要求"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/assignments')} />}
      />
      <div className="zs-panel" style={{ maxWidth: 960 }}>
        {directory.isError ? <Alert type="error" showIcon title="单位和人员列表加载失败，请刷新页面重试" style={{ marginBottom: 16 }} /> : null}
        <Form<CreateForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            sourceKind: 'leader_assignment',
            level: 'general',
            startDate: dayjs(),
            deadlineType: 'workdays',
            deadlineDays: 5,
            feedbackCycle: 'once',
            feedbackDay: null,
            classification: 'none',
            urgency: 'normal',
            dispatch: true,
            tasks: [],
            leaderId: isLeader && me.isLeader ? me.id : undefined,
          }}
          scrollToFirstError={{ block: 'center' }}
        >
          <div className="zs-sv-section-title">事项信息</div>
          {/* The aria-labels keep the 领导交办 words (标题, 批示内容, 交办单位) that people and tests look for. */}
          <Form.Item label="事项名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}>
            <Input maxLength={100} showCount placeholder="如：推进城区老旧小区改造" aria-label="事项名称（标题）" data-testid="sv-title" />
          </Form.Item>
          <Form.Item label="事项内容" name="instruction" rules={[{ required: true, whitespace: true, message: '请填写事项内容' }]}>
            <Input.TextArea
              rows={5}
              maxLength={2000}
              showCount
              placeholder="决策部署、会议议定内容、领导批示原文或交办要求"
              aria-label="事项内容（批示内容、交办要求）"
              data-testid="sv-instruction"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="来源类别" name="sourceKind" rules={[{ required: true, message: '请选择来源类别' }]}>
                <Select options={SOURCE_KIND_OPTIONS} aria-label="来源类别" data-testid="sv-source-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label="来源文件或会议" name="sourceRef">
                <Input maxLength={200} placeholder="如：县委常委会2026年第12次会议纪要" data-testid="sv-source-ref" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label="来源日期" name="sourceDate">
                <DatePicker style={{ width: '100%' }} placeholder="选择日期" disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="sv-source-date" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="重要程度" name="level">
                <Radio.Group optionType="button" buttonStyle="solid" options={LEVEL_OPTIONS} data-testid="sv-level" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="密级" name="classification">
                <Select options={CLASSIFICATION_OPTIONS} aria-label="密级" data-testid="sv-classification" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="紧急程度" name="urgency">
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  data-testid="sv-urgency"
                  options={(Object.keys(URGENCY_LABELS) as Urgency[]).map((value) => ({ value, label: URGENCY_LABELS[value] }))}
                />
              </Form.Item>
            </Col>
          </Row>

          <div className="zs-sv-section-title">责任分工</div>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="牵头单位" name="assigneeUnitId" rules={[{ required: true, message: '请选择牵头单位' }]}>
                <TreeSelect
                  treeData={unitTree}
                  placeholder="请选择牵头单位"
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandAll
                  loading={directory.isPending}
                  onChange={onLeadUnitChange}
                  aria-label="牵头单位（交办单位）"
                  data-testid="sv-lead-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="责任人"
                name="assigneeUserId"
                extra={unitId && personOptions.length === 0 ? '该单位暂无可选人员，可不指定' : '选填，不指定时由牵头单位确定'}
              >
                <Select
                  options={personOptions}
                  placeholder={unitId ? '请选择责任人' : '请先选择牵头单位'}
                  disabled={!unitId}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  aria-label="责任人"
                  data-testid="sv-person"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="配合单位"
            name="cooperatingUnitIds"
            rules={[{ type: 'array', max: MAX_COOPERATING, message: `配合单位最多${MAX_COOPERATING}个` }]}
          >
            <TreeSelect
              multiple
              treeData={cooperatingTree}
              placeholder="选填，可多选（不含牵头单位）"
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              allowClear
              loading={directory.isPending}
              aria-label="配合单位"
              data-testid="sv-cooperating-units"
            />
          </Form.Item>
          {canPickLeader ? (
            <Form.Item label="责任领导" name="leaderId" rules={[{ required: !isLeader, message: '请选择责任领导' }]}>
              <Select
                options={leaderOptions}
                placeholder="请选择责任领导"
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.isPending}
                aria-label="责任领导"
                data-testid="sv-leader"
              />
            </Form.Item>
          ) : null}

          <div className="zs-sv-section-title">办理要求</div>
          <Form.Item label="完成标准" name="completionStandard" extra="销号时据此审核，写明可检验的结果">
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：完成12个小区改造并通过验收" data-testid="sv-completion-standard" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="开始日期"
                name="startDate"
                rules={[{ required: true, message: '请选择开始日期' }]}
                extra="办理期限和应完成进度从此日起算；往期会议议定的事项可选会议当天"
              >
                <DatePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                  data-testid="sv-start-date"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label="办理期限" required style={{ marginBottom: 0 }}>
                <Form.Item name="deadlineType" style={{ marginBottom: 8 }}>
                  <Radio.Group
                    aria-label="时限方式"
                    data-testid="sv-deadline-type"
                    options={[
                      { value: 'workdays', label: 'N 个工作日' },
                      { value: 'date', label: '指定日期' },
                    ]}
                  />
                </Form.Item>
                {deadlineType === 'date' ? (
                  <Form.Item label="截止日期" name="deadlineDate" rules={[{ required: true, message: '请选择截止日期' }]}>
                    <DatePicker
                      style={{ width: 220 }}
                      disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                      placeholder="选择日期"
                      data-testid="sv-deadline-date"
                    />
                  </Form.Item>
                ) : (
                  <Form.Item
                    label="工作日数"
                    name="deadlineDays"
                    rules={[{ required: true, message: '请填写工作日数' }]}
                    extra="从开始日期起算，按法定节假日和调休计算"
                  >
                    <InputNumber min={1} max={365} precision={0} suffix="个工作日" style={{ width: 220 }} data-testid="sv-deadline-days" />
                  </Form.Item>
                )}
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="反馈周期" name="feedbackCycle">
                <Select
                  options={CYCLE_OPTIONS}
                  aria-label="反馈周期"
                  data-testid="sv-feedback-cycle"
                  onChange={(cycle: FeedbackCycle) => form.setFieldValue('feedbackDay', defaultFeedbackDay(cycle))}
                />
              </Form.Item>
            </Col>
            {feedbackCycle !== 'once' ? (
              <Col xs={24} md={8}>
                <Form.Item
                  label={feedbackCycle === 'weekly' ? '反馈日（每周）' : feedbackCycle === 'monthly' ? '反馈日（每月）' : '反馈日（每季度首月）'}
                  name="feedbackDay"
                  rules={[{ required: true, message: '请选择反馈日' }]}
                >
                  <Select options={feedbackDayOptions} aria-label="反馈日" data-testid="sv-feedback-day" />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={8}>
              <Form.Item label="反馈要求">
                <span className="zs-text-muted" data-testid="sv-feedback-preview">
                  {describeFeedback(feedbackCycle, feedbackDay)}
                </span>
              </Form.Item>
            </Col>
          </Row>

          <div className="zs-sv-section-title">分解任务</div>
          <Form.List name="tasks">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.length === 0 ? (
                  <div className="zs-text-muted" style={{ marginBottom: 12 }}>
                    可把事项分解为可计量的任务（如“改造小区 12 个”）；有分解任务时，进度按各任务完成值和权重自动计算。
                  </div>
                ) : null}
                {fields.map((field, index) => (
                  <div key={field.key} className="zs-sv-task-row" data-testid={`sv-task-row-${index}`}>
                    <div className="zs-sv-task-row-head">
                      <span>任务 {index + 1}</span>
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={`删除任务${index + 1}`}
                        data-testid={`sv-task-remove-${index}`}
                        onClick={() => remove(field.name)}
                      >
                        删除
                      </Button>
                    </div>
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item label="任务" name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写任务' }]}>
                          <Input maxLength={200} placeholder="如：老旧小区改造" aria-label={`任务${index + 1}名称`} data-testid={`sv-task-title-${index}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item label="指标" name={[field.name, 'indicator']}>
                          <Input maxLength={100} placeholder="如：完成改造数" aria-label={`任务${index + 1}指标`} data-testid={`sv-task-indicator-${index}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          label="目标值"
                          name={[field.name, 'target']}
                          rules={[
                            { required: true, message: '请填写目标值' },
                            { type: 'number', min: Number.MIN_VALUE, message: '目标值须大于0' },
                          ]}
                        >
                          <InputNumber min={0} style={{ width: '100%' }} aria-label={`任务${index + 1}目标值`} data-testid={`sv-task-target-${index}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item label="单位" name={[field.name, 'unitLabel']}>
                          <Input maxLength={20} placeholder="如：个" aria-label={`任务${index + 1}计量单位`} data-testid={`sv-task-unit-${index}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          label="权重"
                          name={[field.name, 'weight']}
                          rules={[{ type: 'number', min: Number.MIN_VALUE, message: '权重须大于0' }]}
                        >
                          <InputNumber min={0} style={{ width: '100%' }} aria-label={`任务${index + 1}权重`} data-testid={`sv-task-weight-${index}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item label="责任单位" name={[field.name, 'ownerUnitId']}>
                          <TreeSelect
                            treeData={unitTree}
                            placeholder="默认为牵头单位"
                            showSearch={{ treeNodeFilterProp: 'title' }}
                            treeDefaultExpandAll
                            allowClear
                            aria-label={`任务${index + 1}责任单位`}
                            data-testid={`sv-task-owner-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item label="完成时限" name={[field.name, 'deadline']}>
                          <DatePicker
                            style={{ width: '100%' }}
                            placeholder="默认为办理期限"
                            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                            aria-label={`任务${index + 1}完成时限`}
                            data-testid={`sv-task-deadline-${index}`}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_TASKS}
                  onClick={() => add({ weight: 1 })}
                  data-testid="sv-add-task"
                  style={{ marginBottom: 16 }}
                >
                  添加分解任务
                </Button>
              </>
            )}
          </Form.List>

          <div className="zs-sv-section-title">交办方式</div>
          <Form.Item name="dispatch" extra={dispatch ? '提交后立即生成交办单，牵头单位收到签收待办' : '仅登记立项，稍后在详情页“交办”'}>
            <Radio.Group
              data-testid="sv-dispatch"
              options={[
                { value: true, label: '立即交办' },
                { value: false, label: '仅立项' },
              ]}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="sv-submit">
                {dispatch ? '提交并交办' : '提交立项'}
              </Button>
              <Button onClick={() => navigate('/assignments')}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      </div>
    </div>
  );
}

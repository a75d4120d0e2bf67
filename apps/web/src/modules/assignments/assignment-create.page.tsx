import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, TreeSelect } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AssignmentCreateInput, Urgency } from '../../api/types';
import { useMe } from '../../app/auth';
import { canCreateAssignment } from '../../app/access';
import { Forbidden } from '../../app/guards';
import { PageHeader } from '../../shared/page-header';
import { URGENCY_LABELS } from '../../shared/labels';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { useCreateAssignment } from './assignments.api';

type CreateForm = {
  title: string;
  leaderId?: string;
  instruction: string;
  assigneeUnitId?: string;
  assigneeUserId?: string;
  deadlineType: 'date' | 'workdays';
  deadlineDate?: Dayjs;
  deadlineDays?: number;
  urgency: Urgency;
};

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
  const isLeader = me.roles.includes('leader');
  // The office records a 交办 on a leader's behalf, so it must say which leader gave the instruction;
  // a leader who also works in the office may record for a colleague too.
  const canPickLeader = me.roles.includes('office');

  const { unitTree, leaderOptions } = useDirectoryPickers(directory);
  const personOptions = useMemo(
    () =>
      (directory.data?.users ?? [])
        .filter((user) => unitId && user.unitId === unitId && !user.isLeader)
        .map((user) => ({ value: user.id, label: user.displayName })),
    [directory.data, unitId],
  );

  if (!canCreateAssignment(me)) return <Forbidden />;

  const onFinish = (values: CreateForm) => {
    const input: AssignmentCreateInput = {
      title: values.title.trim(),
      instruction: values.instruction.trim(),
      assigneeUnitId: values.assigneeUnitId!,
      urgency: values.urgency,
      deadline:
        values.deadlineType === 'date'
          ? { type: 'date', date: values.deadlineDate!.format('YYYY-MM-DD') }
          : { type: 'workdays', days: values.deadlineDays! },
    };
    if (values.assigneeUserId) input.assigneeUserId = values.assigneeUserId;
    if (canPickLeader && values.leaderId) input.leaderId = values.leaderId;
    create.mutate(input, {
      onSuccess: ({ id }) => {
        message.success('交办事项已下达，承办单位将收到待办');
        navigate(`/assignments/${id}`, { replace: true });
      },
      onError: (error) => {
        const deadlineField = values.deadlineType === 'date' ? 'deadlineDate' : 'deadlineDays';
        const mapped = showFieldError(form, error, {
          deadline: deadlineField,
          'deadline.date': 'deadlineDate',
          'deadline.days': 'deadlineDays',
          'deadline.type': 'deadlineType',
        });
        if (!mapped) toastError(error);
      },
    });
  };

  return (
    <div>
      <PageHeader
        title="新建交办"
        subtitle="领导批示事项，明确承办单位、责任人和办理时限"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/assignments')} />}
      />
      <div className="zs-panel" style={{ maxWidth: 880 }}>
        {directory.isError ? <Alert type="error" showIcon title="单位和人员列表加载失败，请刷新页面重试" style={{ marginBottom: 16 }} /> : null}
        <Form<CreateForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ deadlineType: 'workdays', deadlineDays: 5, urgency: 'normal', leaderId: isLeader && me.isLeader ? me.id : undefined }}
          scrollToFirstError={{ block: 'center' }}
        >
          <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写交办事项标题' }]}>
            <Input maxLength={100} showCount placeholder="如：关于做好防汛备汛工作的批示" />
          </Form.Item>
          {canPickLeader ? (
            <Form.Item label="交办领导" name="leaderId" rules={[{ required: !isLeader, message: '请选择作出批示的领导' }]}>
              <Select options={leaderOptions} placeholder="请选择领导" showSearch={{ optionFilterProp: 'label' }} loading={directory.isPending} />
            </Form.Item>
          ) : null}
          <Form.Item label="批示内容" name="instruction" rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder="领导批示原文" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label="交办单位" name="assigneeUnitId" rules={[{ required: true, message: '请选择交办单位' }]}>
                <TreeSelect
                  treeData={unitTree}
                  placeholder="请选择承办单位"
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandAll
                  loading={directory.isPending}
                  onChange={() => form.setFieldValue('assigneeUserId', undefined)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="责任人" name="assigneeUserId" extra={unitId && personOptions.length === 0 ? '该单位暂无可选人员，可不指定' : '选填，不指定时由承办单位确定'}>
                <Select
                  options={personOptions}
                  placeholder={unitId ? '请选择责任人' : '请先选择交办单位'}
                  disabled={!unitId}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="办理时限" required style={{ marginBottom: 0 }}>
            <Form.Item name="deadlineType" style={{ marginBottom: 8 }}>
              <Radio.Group
                aria-label="时限方式"
                options={[
                  { value: 'workdays', label: 'N 个工作日' },
                  { value: 'date', label: '指定日期' },
                ]}
              />
            </Form.Item>
            {deadlineType === 'date' ? (
              <Form.Item
                label="截止日期"
                name="deadlineDate"
                rules={[{ required: true, message: '请选择截止日期' }]}
              >
                <DatePicker style={{ width: 220 }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} placeholder="选择日期" />
              </Form.Item>
            ) : (
              <Form.Item
                label="工作日数"
                name="deadlineDays"
                rules={[{ required: true, message: '请填写工作日数' }]}
                extra="按法定节假日和调休计算"
              >
                <InputNumber min={1} max={365} precision={0} suffix="个工作日" style={{ width: 220 }} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item label="紧急程度" name="urgency">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(Object.keys(URGENCY_LABELS) as Urgency[]).map((value) => ({ value, label: URGENCY_LABELS[value] }))}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                提交交办
              </Button>
              <Button onClick={() => navigate('/assignments')}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space } from 'antd';
import { CheckOutlined, PauseOutlined, PlusOutlined } from '@ant-design/icons';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useDirectory } from '../org/directory.api';
import { useDecideTopic, useProposeTopic, type MeetingDetail, type Topic, type TopicInput } from './meetings.api';
import { formatInstant } from './meeting-labels';
import { useMeetingPickers } from './meeting-parts';
import { TopicStateTag } from './meeting-parts';
import { MaterialLink } from './meeting-materials';

type TopicForm = { title?: string; summary?: string; presenter?: string; unitId?: string };

/** 申报议题: title, summary and 汇报人; the office names the unit it proposes for. */
export function ProposeTopicModal({ meetingId, meetingTitle, onBehalf, onClose }: { meetingId: string; meetingTitle: string; onBehalf: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TopicForm>();
  const { message } = App.useApp();
  const propose = useProposeTopic();
  const directory = useDirectory(onBehalf);
  const pickers = useMeetingPickers(directory);
  const [formError, setFormError] = useState<string | null>(null);
  const onFinish = (values: TopicForm) => {
    setFormError(null);
    const input: TopicInput & { meetingId: string } = { meetingId, title: (values.title ?? '').trim() };
    if (values.summary?.trim()) input.summary = values.summary.trim();
    if (values.presenter?.trim()) input.presenter = values.presenter.trim();
    if (onBehalf && values.unitId) input.unitId = values.unitId;
    propose.mutate(input, {
      onSuccess: () => {
        message.success(onBehalf ? '议题已添加' : '议题已申报，等待县委办审定');
        onClose();
      },
      onError: (error) => {
        if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '申报未成功');
      },
    });
  };
  return (
    <Modal
      open
      title={`申报议题：${meetingTitle}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="申报"
      confirmLoading={propose.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Form<TopicForm> form={form} layout="vertical" onFinish={onFinish}>
        {onBehalf ? (
          <Form.Item label="申报单位" name="unitId" extra="不选则以县委办名义申报">
            <Select allowClear options={pickers.unitOptions.map((u) => ({ value: u.value, label: u.label }))} showSearch={{ optionFilterProp: 'label' }} placeholder="代哪个单位申报" data-testid="topic-unit" />
          </Form.Item>
        ) : null}
        <Form.Item
          label="议题名称"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请填写议题名称' },
            { max: 200, message: '议题名称不超过200字' },
          ]}
        >
          <Input maxLength={200} placeholder="如：关于审议《县城区老旧小区改造实施方案》的议题" data-testid="topic-title" />
        </Form.Item>
        <Form.Item label="议题摘要" name="summary" rules={[{ max: 2000, message: '议题摘要不超过2000字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="需会议研究的事项和建议意见" data-testid="topic-summary" />
        </Form.Item>
        <Form.Item label="汇报人" name="presenter" rules={[{ max: 50, message: '汇报人不超过50字' }]}>
          <Input maxLength={50} placeholder="如：县发改局局长 张三" data-testid="topic-presenter" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 暂缓 needs a reason the proposing unit will read. */
function DeferModal({ meetingId, topic, onClose }: { meetingId: string; topic: Topic; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const decide = useDecideTopic(meetingId);
  const [formError, setFormError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={`暂缓议题：${topic.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="暂缓"
      confirmLoading={decide.isPending}
      okButtonProps={{ 'data-testid': 'action-submit', danger: true }}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }: { reason: string }) =>
          decide.mutate(
            { topicId: topic.id, decision: 'deferred', reason: reason.trim() },
            {
              onSuccess: () => {
                message.success('已暂缓，申报单位将收到审定结果');
                onClose();
              },
              onError: (error) => {
                if (!showFieldError(form, error)) setFormError(error instanceof Error ? error.message : '操作未成功');
              },
            },
          )
        }
      >
        <Form.Item
          label="暂缓理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写暂缓理由' },
            { max: 500, message: '暂缓理由不超过500字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="如：前期调研不充分，待征求相关部门意见后再提交" data-testid="topic-defer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 议题: the topics of the meeting (others see the approved ones), the office's 通过/暂缓, and each topic's materials. */
export function TopicsPanel({ meeting }: { meeting: MeetingDetail }) {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const decide = useDecideTopic(meeting.id);
  const [deferring, setDeferring] = useState<Topic | null>(null);
  const [adding, setAdding] = useState(false);
  const manage = meeting.canManage;
  const open = meeting.state !== 'held' && meeting.state !== 'cancelled';
  const topics = [...meeting.topics].sort((a, b) => a.seq - b.seq);

  return (
    <div>
      <div className="mt-panel-tools">
        <span className="zs-cell-sub">
          {meeting.acceptsTopics ? `本次会议征集议题${meeting.topicDeadline ? `，截止 ${formatInstant(meeting.topicDeadline)}` : ''}` : '本次会议未开放议题申报'}
        </span>
        {manage && open ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="topic-add">
            新增议题
          </Button>
        ) : null}
      </div>
      {topics.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={manage ? '暂无议题' : '暂无已确定的议题'} />
      ) : (
        <ol className="mt-topics">
          {topics.map((t) => {
            const materials = meeting.materials.filter((m) => m.topicId === t.id);
            return (
              <li key={t.id} className="mt-topic" data-testid="topic-row" data-title={t.title} data-state={t.state}>
                <div className="mt-topic-head">
                  <span className="mt-topic-title">{`${t.seq}. ${t.title}`}</span>
                  <TopicStateTag state={t.state} label={t.stateLabel} />
                </div>
                <div className="zs-cell-sub">
                  {`申报单位：${t.proposerUnitName}`}
                  {t.presenter ? ` · 汇报人：${t.presenter}` : ''}
                  {` · ${formatInstant(t.createdAt)}`}
                </div>
                {t.summary ? <div className="mt-topic-summary">{t.summary}</div> : null}
                {t.state === 'deferred' && t.decisionReason ? <div className="mt-topic-reason">{`暂缓理由：${t.decisionReason}`}</div> : null}
                {materials.length ? (
                  <div className="mt-topic-materials">
                    {materials.map((m) => (
                      <MaterialLink key={m.id} meetingId={meeting.id} material={m}>
                        {`📎 ${m.title}`}
                      </MaterialLink>
                    ))}
                  </div>
                ) : null}
                {manage && open ? (
                  <Space size={8} style={{ marginTop: 8 }}>
                    {t.state !== 'approved' ? (
                      <Button
                        size="small"
                        type="primary"
                        icon={<CheckOutlined />}
                        loading={decide.isPending && decide.variables?.topicId === t.id}
                        onClick={() =>
                          decide.mutate({ topicId: t.id, decision: 'approved' }, { onSuccess: () => message.success('议题已通过，申报单位将收到审定结果'), onError: toastError })
                        }
                        data-testid="topic-approve"
                      >
                        通过
                      </Button>
                    ) : null}
                    {t.state !== 'deferred' ? (
                      <Button size="small" icon={<PauseOutlined />} onClick={() => setDeferring(t)} data-testid="topic-defer">
                        暂缓
                      </Button>
                    ) : null}
                  </Space>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {deferring ? <DeferModal meetingId={meeting.id} topic={deferring} onClose={() => setDeferring(null)} /> : null}
      {adding ? <ProposeTopicModal meetingId={meeting.id} meetingTitle={meeting.title} onBehalf onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

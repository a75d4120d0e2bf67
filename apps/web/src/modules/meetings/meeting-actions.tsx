import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Modal, Space } from 'antd';
import { isApiError } from '../../api/client';
import { useErrorToast } from '../../shared/use-error-toast';
import { useMeetingStep, useRemind, useSignInSwitch, useUpdateMeeting, type MeetingDetail } from './meetings.api';
import { EDITABLE_STATES, formatInstant } from './meeting-labels';
import { formValuesOf, MeetingFormFields, showMeetingFieldError, updateInputOf, type MeetingFormValues } from './meeting-form';

export type MeetingActionName = 'notify' | 'edit' | 'remind' | 'open-sign-in' | 'close-sign-in' | 'held' | 'cancel';

type ActionDef = { name: MeetingActionName; label: string; primary?: boolean; danger?: boolean };

/** The office's next steps for the meeting as it stands. */
export function availableActions(meeting: MeetingDetail): ActionDef[] {
  if (!meeting.canManage) return [];
  const s = meeting.state;
  const running = s === 'notified' || s === 'in_progress';
  const actions: ActionDef[] = [];
  if (s === 'planned') actions.push({ name: 'notify', label: '发出通知', primary: true });
  if (running && !meeting.signInOpen) actions.push({ name: 'open-sign-in', label: '开始签到', primary: s === 'notified' });
  if (meeting.signInOpen) actions.push({ name: 'close-sign-in', label: '结束签到' });
  if (running && meeting.counts.pending > 0) actions.push({ name: 'remind', label: '催报回执' });
  if (EDITABLE_STATES.has(s)) actions.push({ name: 'edit', label: '编辑' });
  if (running) actions.push({ name: 'held', label: '会议结束', primary: s === 'in_progress' });
  if (s === 'planned' || s === 'notified') actions.push({ name: 'cancel', label: '取消会议', danger: true });
  return actions;
}

export function MeetingActionButtons({ meeting, onPick, busy }: { meeting: MeetingDetail; onPick: (name: MeetingActionName) => void; busy: MeetingActionName | null }) {
  const actions = availableActions(meeting);
  if (!actions.length) return null;
  return (
    <div className="zs-actions-bar">
      {actions.map((a) => (
        <Button key={a.name} type={a.primary ? 'primary' : 'default'} danger={a.danger} loading={busy === a.name} onClick={() => onPick(a.name)} data-testid={`meeting-action-${a.name}`}>
          {a.label}
        </Button>
      ))}
    </div>
  );
}

/** 编辑: the same form as 新建会议, in a drawer over the meeting. */
export function MeetingEditDrawer({ meeting, open, onClose, isMobile }: { meeting: MeetingDetail; open: boolean; onClose: () => void; isMobile: boolean }) {
  const [form] = Form.useForm<MeetingFormValues>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const update = useUpdateMeeting(meeting.id);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.setFieldsValue(formValuesOf(meeting));
      setFormError(null);
    }
    // Only when the drawer opens: a reload while the clerk types must not undo the typing.
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onFinish = (values: MeetingFormValues) => {
    setFormError(null);
    const change = updateInputOf(values, meeting);
    if (!Object.keys(change.fields).length && !change.attendees) {
      onClose();
      return;
    }
    update.mutate(change, {
      onSuccess: (detail) => {
        if (detail.conflicts.length) message.warning('已保存，但有领导在同一时间另有会议，请核对');
        else message.success(meeting.state === 'notified' && change.attendees ? '已保存；新增的参会人员将收到会议通知' : '已保存');
        onClose();
      },
      onError: (error) => {
        if (showMeetingFieldError(form, error, form.getFieldsValue(true) as MeetingFormValues)) return;
        if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 401) setFormError(error.message);
        else toastError(error);
      },
    });
  };

  return (
    <Drawer
      open={open}
      title={`编辑会议：${meeting.title}`}
      size={isMobile ? '100%' : 820}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="action-submit">
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      }
    >
      {meeting.state === 'notified' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="通知已发出：修改时间、地点后请另行告知参会人员；新增的参会人员和单位将收到会议通知和回执。" />
      ) : null}
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="meeting-form-error" /> : null}
      <Form<MeetingFormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={formValuesOf(meeting)}>
        <MeetingFormFields form={form} editingId={meeting.id} isMobile={isMobile} />
      </Form>
    </Drawer>
  );
}

/** 催报回执: everyone still pending is ticked; the office may leave some out. */
function RemindModal({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const remind = useRemind(meeting.id);
  const pending = meeting.attendees.filter((a) => a.reply === 'pending');
  const [picked, setPicked] = useState<string[]>(pending.map((a) => a.id));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title="催报回执"
      onCancel={onClose}
      okText={`催报（${picked.length}）`}
      confirmLoading={remind.isPending}
      okButtonProps={{ 'data-testid': 'action-submit', disabled: picked.length === 0 }}
      onOk={() =>
        remind.mutate(picked.length === pending.length ? undefined : picked, {
          onSuccess: ({ reminded }) => {
            message.success(`已向${reminded}个参会人员（单位）催报回执`);
            onClose();
          },
          onError: (e) => setError(e instanceof Error ? e.message : '催报未成功'),
        })
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <p>{`以下${pending.length}个尚未回执，催报后将各收到一条“催报回执”待办${meeting.replyDeadline ? `（回执截止 ${formatInstant(meeting.replyDeadline)}）` : ''}：`}</p>
      <Checkbox.Group value={picked} onChange={(values) => setPicked(values as string[])} className="mt-remind-list" data-testid="remind-list">
        {pending.map((a) => (
          <Checkbox key={a.id} value={a.id}>
            {a.name}
            {a.remindedCount ? <span className="zs-cell-sub">{`（已催报${a.remindedCount}次）`}</span> : null}
          </Checkbox>
        ))}
      </Checkbox.Group>
    </Modal>
  );
}

/** 取消会议: the reason goes to every invited party; a meeting once cancelled stays so. */
function CancelModal({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const step = useMeetingStep(meeting.id);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={`取消会议：${meeting.title}`}
      onCancel={onClose}
      okText="确定取消会议"
      cancelText="不取消"
      confirmLoading={step.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'action-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={meeting.state === 'notified' ? '取消后，每个参会人员和单位都会收到“会议取消”待办，未完成的回执待办一并关闭。会议取消后不能恢复。' : '会议取消后不能恢复。'}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }: { reason: string }) =>
          step.mutate(
            { path: '/cancel', body: { reason: reason.trim() } },
            {
              onSuccess: () => {
                message.success('会议已取消');
                onClose();
              },
              onError: (e) => {
                if (isApiError(e) && e.field === 'reason') form.setFields([{ name: 'reason', errors: [e.message] }]);
                else setError(e instanceof Error ? e.message : '操作未成功');
              },
            },
          )
        }
      >
        <Form.Item
          label="取消原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写取消原因' },
            { max: 500, message: '取消原因不超过500字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="如：因上级会议冲突，会议延期，时间另行通知" data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Runs the office's actions: the ones with something to fill open their dialog; the others ask to confirm
 * (every step that tells or ends something), then call the server. Returns the handler and the dialogs to render.
 */
export function useMeetingActions(meeting: MeetingDetail, o: { isMobile: boolean; onSignInOpened: () => void }) {
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const step = useMeetingStep(meeting.id);
  const signIn = useSignInSwitch(meeting.id);
  const [dialog, setDialog] = useState<'edit' | 'remind' | 'cancel' | null>(null);
  const [busy, setBusy] = useState<MeetingActionName | null>(null);

  const confirmStep = (name: MeetingActionName, title: string, content: React.ReactNode, okText: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      content,
      okText,
      width: 480,
      okButtonProps: { danger, 'data-testid': 'action-submit' },
      onOk: () => {
        setBusy(name);
        return run()
          .catch(toastError)
          .finally(() => setBusy(null));
      },
    });

  const pick = (name: MeetingActionName) => {
    switch (name) {
      case 'edit':
      case 'remind':
      case 'cancel':
        setDialog(name);
        return;
      case 'notify': {
        const deadline = meeting.replyDeadline;
        const problems: string[] = [];
        if (!deadline) problems.push('尚未设定回执截止时间，请先编辑会议设定');
        else if (Date.parse(deadline) <= Date.now()) problems.push('回执截止时间已过，请先编辑会议调整');
        if (meeting.attendees.length === 0) problems.push('尚未设定参会人员');
        confirmStep(
          name,
          '发出会议通知？',
          <div data-testid="notify-preview">
            <p>{`将向${meeting.counts.invited}个参会人员和单位发出会议通知，各自收到一条“会议回执”待办${deadline ? `，须于${formatInstant(deadline)}前回执` : ''}。截止前半小时系统自动提醒未回执的。`}</p>
            {problems.length ? <Alert type="warning" showIcon title={problems.join('；')} /> : null}
          </div>,
          '发出通知',
          () => step.mutateAsync({ path: '/notify' }).then(() => void message.success('会议通知已发出')),
        );
        return;
      }
      case 'open-sign-in':
        setBusy(name);
        signIn.mutate(true, {
          onSuccess: () => {
            message.success('签到已开始，请将签到码投放到会场屏幕');
            o.onSignInOpened();
          },
          onError: toastError,
          onSettled: () => setBusy(null),
        });
        return;
      case 'close-sign-in':
        confirmStep(name, '结束签到？', '结束后参会人员不能再用签到码签到，会务人员仍可代签到或重新开始签到。', '结束签到', () =>
          signIn.mutateAsync(false).then(() => void message.success('签到已结束')),
        );
        return;
      case 'held':
        confirmStep(
          name,
          '会议已经结束？',
          `确认后会议状态改为“已召开”，签到随之关闭，标注“会后收回”的材料将收回，参会人员不能再下载。已签到 ${meeting.counts.signedIn} 人次。`,
          '会议结束',
          () => step.mutateAsync({ path: '/held' }).then(() => void message.success('会议已结束，可以起草纪要')),
          true,
        );
        return;
    }
  };

  const dialogs = (
    <>
      <MeetingEditDrawer meeting={meeting} open={dialog === 'edit'} onClose={() => setDialog(null)} isMobile={o.isMobile} />
      {dialog === 'remind' ? <RemindModal meeting={meeting} onClose={() => setDialog(null)} /> : null}
      {dialog === 'cancel' ? <CancelModal meeting={meeting} onClose={() => setDialog(null)} /> : null}
    </>
  );
  return { pick, busy, dialogs };
}

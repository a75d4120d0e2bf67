import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Form, Modal, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { showFieldError } from '../../shared/form-errors';
import { ResponsiveList } from '../../shared/responsive-list';
import { useErrorToast } from '../../shared/use-error-toast';
import { useRemind, useMeetingStep, type Attendee, type MeetingDetail } from './meetings.api';
import { formatInstant, formatShortInstant } from './meeting-labels';
import { ReplyTag } from './meeting-parts';
import { REPLY_FIELD_MAP, ReplyFields, replyInputOf, type ReplyFormValues } from './meeting-reply-form';

/** States in which 回执 are given (after the notice, until the meeting is over). */
const REPLY_STATES = new Set(['notified', 'in_progress']);
/** 代签到 once the meeting is under way (sign-in opened); before that there is nobody in the room to sign in. */
const SIGN_IN_STATES = new Set(['in_progress']);

export function replyDeadlinePassed(meeting: Pick<MeetingDetail, 'replyDeadline'>): boolean {
  return Boolean(meeting.replyDeadline && Date.parse(meeting.replyDeadline) < Date.now());
}

/** Who comes, or why not: a unit's names, a person's own 参加, the 请假 reason. */
function ReplyDetail({ attendee }: { attendee: Attendee }) {
  if (attendee.reply === 'leave') return <span>请假：{attendee.leaveReason || '—'}</span>;
  if (attendee.reply === 'attending') return <span>{attendee.kind === 'unit' ? attendee.attendeeNames || '—' : '本人参加'}</span>;
  return <span className="zs-text-muted">—</span>;
}

function SignedIn({ attendee }: { attendee: Attendee }) {
  if (!attendee.signedInAt) return <span className="zs-text-muted">未签到</span>;
  return (
    <div className="mt-signed" data-testid="attendee-signed-in">
      <div>已签到</div>
      <div className="zs-cell-sub">
        {formatShortInstant(attendee.signedInAt)}
        {attendee.signInMethod === 'clerk' ? ' 代签' : ''}
      </div>
    </div>
  );
}

/** The reader's own 回执 for one attendee row (a leader for himself, a clerk for his unit). */
function MyReply({ meeting, attendee }: { meeting: MeetingDetail; attendee: Attendee }) {
  const [form] = Form.useForm<ReplyFormValues>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const step = useMeetingStep(meeting.id);
  const closed = replyDeadlinePassed(meeting) && !meeting.canManage;
  const replied = attendee.reply !== 'pending';

  const onFinish = (values: ReplyFormValues) => {
    step.mutate(
      { path: '/reply', body: replyInputOf(attendee, values) },
      {
        onSuccess: () => message.success(values.reply === 'leave' ? '已提交请假回执' : '已提交回执'),
        onError: (error) => {
          if (!showFieldError(form, error, REPLY_FIELD_MAP)) toastError(error);
        },
      },
    );
  };

  return (
    <Card
      size="small"
      className="mt-my-reply"
      data-testid="reply-form"
      data-name={attendee.name}
      title={attendee.kind === 'unit' ? `${attendee.name}的回执` : '我的回执'}
      extra={<ReplyTag reply={attendee.reply} label={attendee.replyLabel} />}
    >
      {replied ? (
        <div className="mt-reply-current" data-testid="reply-current">
          <ReplyDetail attendee={attendee} />
          <span className="zs-cell-sub">
            {attendee.repliedByName ? `${attendee.repliedByName} ` : ''}
            {formatInstant(attendee.repliedAt)} 提交
          </span>
        </div>
      ) : null}
      {meeting.replyDeadline ? (
        <div className={closed ? 'zs-text-overdue' : 'zs-cell-sub'} style={{ marginBottom: closed ? 0 : 8 }} data-testid="reply-deadline">
          {closed ? `回执已于${formatInstant(meeting.replyDeadline)}截止，如需更改请联系县委办会务人员` : `请于${formatInstant(meeting.replyDeadline)}前提交回执，截止前可修改`}
        </div>
      ) : null}
      {closed ? null : (
        <Form<ReplyFormValues> form={form} layout="vertical" onFinish={onFinish} className="mt-reply-form">
          <ReplyFields form={form} attendee={attendee} />
          <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="reply-submit">
            {replied ? '修改回执' : '提交回执'}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The office records a 回执 on someone's behalf (by phone, after the deadline). */
function ReplyOnBehalfModal({ meeting, attendee, onClose }: { meeting: MeetingDetail; attendee: Attendee; onClose: () => void }) {
  const [form] = Form.useForm<ReplyFormValues>();
  const { message } = App.useApp();
  const step = useMeetingStep(meeting.id);
  const [formError, setFormError] = useState<string | null>(null);
  const onFinish = (values: ReplyFormValues) => {
    setFormError(null);
    step.mutate(
      { path: '/reply', body: replyInputOf(attendee, values) },
      {
        onSuccess: () => {
          message.success(`已代${attendee.name}填报回执`);
          onClose();
        },
        onError: (error) => {
          if (!showFieldError(form, error, REPLY_FIELD_MAP)) setFormError(error instanceof Error ? error.message : '操作未成功');
        },
      },
    );
  };
  return (
    <Modal
      open
      title={`代填回执：${attendee.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交回执"
      confirmLoading={step.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Form<ReplyFormValues> form={form} layout="vertical" onFinish={onFinish}>
        <ReplyFields form={form} attendee={attendee} />
      </Form>
    </Modal>
  );
}

/** 参会回执: who is invited, who replied and how, who signed in; the reader's own 回执 form; the office's per-row steps. */
export function AttendeesPanel({ meeting }: { meeting: MeetingDetail }) {
  const { modal, message } = App.useApp();
  const toastError = useErrorToast();
  const step = useMeetingStep(meeting.id);
  const remind = useRemind(meeting.id);
  const [replyFor, setReplyFor] = useState<Attendee | null>(null);
  const manage = meeting.canManage;
  const mine = meeting.attendees.filter((a) => meeting.myAttendeeIds.includes(a.id));
  const pending = meeting.attendees.filter((a) => a.reply === 'pending');
  const canReply = REPLY_STATES.has(meeting.state);
  const canSignIn = manage && SIGN_IN_STATES.has(meeting.state);
  const { counts } = meeting;

  const signIn = (attendee: Attendee) =>
    step.mutate(
      { path: `/attendees/${encodeURIComponent(attendee.id)}/sign-in` },
      { onSuccess: () => message.success(`已为${attendee.name}代签到`), onError: toastError },
    );
  const undoSignIn = (attendee: Attendee) =>
    modal.confirm({
      title: `撤销${attendee.name}的签到？`,
      content: '撤销后该参会人员显示为未签到，可重新签到。',
      okText: '撤销签到',
      okButtonProps: { danger: true, 'data-testid': 'action-submit' },
      onOk: () =>
        step
          .mutateAsync({ method: 'DELETE', path: `/attendees/${encodeURIComponent(attendee.id)}/sign-in` })
          .then(() => void message.success('已撤销签到'))
          .catch(toastError),
    });
  const remindOne = (attendee: Attendee) =>
    remind.mutate([attendee.id], { onSuccess: ({ reminded }) => message.success(reminded ? `已向${attendee.name}催报回执` : '没有需要催报的对象'), onError: toastError });

  const rowActions = (attendee: Attendee): ReactNode => {
    if (!manage) return null;
    const buttons: ReactNode[] = [];
    if (canSignIn && !attendee.signedInAt && attendee.reply !== 'leave')
      buttons.push(
        <Button key="sign" size="small" onClick={() => signIn(attendee)} data-testid="attendee-sign-in">
          代签到
        </Button>,
      );
    if (canSignIn && attendee.signedInAt)
      buttons.push(
        <Button key="undo" size="small" danger onClick={() => undoSignIn(attendee)} data-testid="attendee-sign-in-undo">
          撤销签到
        </Button>,
      );
    if (canReply)
      buttons.push(
        <Button key="reply" size="small" type="link" onClick={() => setReplyFor(attendee)} data-testid="attendee-reply">
          代填回执
        </Button>,
      );
    // Before the meeting only: once it has begun, the clerk signs the missing in rather than chasing a slip.
    if (meeting.state === 'notified' && attendee.reply === 'pending')
      buttons.push(
        <Button key="remind" size="small" type="link" loading={remind.isPending && remind.variables?.[0] === attendee.id} onClick={() => remindOne(attendee)} data-testid="attendee-remind">
          催报
        </Button>,
      );
    return buttons.length ? (
      <Space size={0} wrap>
        {buttons}
      </Space>
    ) : null;
  };

  const columns: TableColumnsType<Attendee> = [
    {
      title: '参会人员/单位',
      dataIndex: 'name',
      render: (name: string, a) => (
        <div>
          <div>
            {name}
            {a.kind === 'unit' ? <span className="zs-cell-sub">（单位）</span> : null}
          </div>
          {a.kind === 'person' && (a.post || a.unitName) ? <div className="zs-cell-sub">{a.post || a.unitName}</div> : null}
        </div>
      ),
    },
    { title: '出席/列席', dataIndex: 'roleLabel', width: 86 },
    { title: '回执', dataIndex: 'reply', width: 80, render: (_v, a) => <ReplyTag reply={a.reply} label={a.replyLabel} /> },
    { title: '参会人员/请假事由', dataIndex: 'attendeeNames', render: (_v, a) => <ReplyDetail attendee={a} /> },
    {
      title: '回执时间',
      dataIndex: 'repliedAt',
      width: 130,
      render: (_v, a) =>
        a.repliedAt ? (
          <div>
            <div>{formatShortInstant(a.repliedAt)}</div>
            {a.repliedByName ? <div className="zs-cell-sub">{a.repliedByName}</div> : null}
          </div>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
    { title: '签到', dataIndex: 'signedInAt', width: 120, render: (_v, a) => <SignedIn attendee={a} /> },
    {
      title: '催报',
      dataIndex: 'remindedCount',
      width: 70,
      render: (count: number, a) =>
        count ? (
          <Tooltip title={a.lastRemindedAt ? `最近一次：${formatInstant(a.lastRemindedAt)}` : undefined}>
            <span data-testid="attendee-reminded">{`${count}次`}</span>
          </Tooltip>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
    ...(manage ? [{ title: '操作', key: 'actions', width: 190, render: (_v: unknown, a: Attendee) => rowActions(a) }] : []),
  ];

  return (
    <div>
      {canReply && mine.length ? (
        <div className="mt-my-replies">
          {mine.map((a) => (
            <MyReply key={a.id} meeting={meeting} attendee={a} />
          ))}
        </div>
      ) : null}

      <div className="mt-counts" data-testid="attendee-counts">
        <span>{`邀请 ${counts.invited}`}</span>
        <span>{`已回执 ${counts.replied}`}</span>
        <span>{`参加 ${counts.attending}`}</span>
        <span>{`请假 ${counts.leave}`}</span>
        <span>{`已签到 ${counts.signedIn}`}</span>
      </div>
      {pending.length && canReply ? (
        <Alert
          type={meeting.state === 'notified' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="attendee-pending-summary"
          title={`未回执 ${pending.length} 个`}
          description={pending.map((a) => a.name).join('、')}
        />
      ) : null}

      {meeting.attendees.length === 0 ? (
        <Empty description="尚未设定参会人员" />
      ) : (
        <ResponsiveList<Attendee>
          items={meeting.attendees}
          columns={columns}
          size="small"
          scrollX={900}
          rowData={(a) => ({ 'data-testid': 'attendee-row', 'data-name': a.name, 'data-reply': a.reply })}
          rowClassName={(a) => (a.reply === 'pending' && meeting.state === 'notified' ? 'mt-row-pending' : '')}
          cardClassName={() => 'mt-attendee-card'}
          card={(a) => (
            <>
              <div className="mt-attendee-card-head">
                <span className="zs-item-card-title" style={{ marginBottom: 0 }}>
                  {a.name}
                </span>
                <Space size={4}>
                  <Tag style={{ marginInlineEnd: 0 }}>{a.roleLabel}</Tag>
                  <ReplyTag reply={a.reply} label={a.replyLabel} />
                </Space>
              </div>
              <div className="zs-item-card-meta">
                <ReplyDetail attendee={a} />
                <SignedIn attendee={a} />
              </div>
              {a.repliedAt || a.remindedCount ? (
                <div className="zs-cell-sub">
                  {a.repliedAt ? `回执 ${formatShortInstant(a.repliedAt)}` : ''}
                  {a.remindedCount ? `${a.repliedAt ? ' · ' : ''}已催报${a.remindedCount}次` : ''}
                </div>
              ) : null}
              {manage ? <div style={{ marginTop: 8 }}>{rowActions(a)}</div> : null}
            </>
          )}
        />
      )}
      {replyFor ? <ReplyOnBehalfModal meeting={meeting} attendee={replyFor} onClose={() => setReplyFor(null)} /> : null}
    </div>
  );
}

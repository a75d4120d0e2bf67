import { useRef } from 'react';
import { App, Button, Empty, Form, Input, Progress, Result } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { useErrorToast } from '../../shared/use-error-toast';
import { useMeetingStep, type MeetingDetail } from './meetings.api';
import { formatShortInstant } from './meeting-labels';

/** The code shown big on the room's screen, with how many have signed in so far. */
function CodeScreen({ meeting }: { meeting: MeetingDetail }) {
  const box = useRef<HTMLDivElement>(null);
  const { counts } = meeting;
  const expected = counts.attending || counts.invited;
  const notSigned = meeting.attendees.filter((a) => !a.signedInAt && a.reply !== 'leave');
  return (
    <div>
      <div ref={box} className="mt-code-screen" data-testid="sign-in-screen">
        <div className="mt-code-title">{meeting.title}</div>
        <div className="mt-code-hint">请在“会议”中打开本次会议，输入签到码签到</div>
        {meeting.signInCode ? (
          <div className="mt-code" data-testid="sign-in-code">
            {meeting.signInCode}
          </div>
        ) : (
          <div className="mt-code mt-code-waiting">······</div>
        )}
        <div className="mt-code-count" data-testid="sign-in-count">{`已签到 ${counts.signedIn}/${expected}`}</div>
      </div>
      <div className="mt-code-tools">
        <Progress percent={expected ? Math.round((counts.signedIn / expected) * 100) : 0} size="small" style={{ flex: '1 1 200px', margin: 0 }} />
        <Button
          icon={<FullscreenOutlined />}
          onClick={() => void box.current?.requestFullscreen?.().catch(() => undefined)}
          data-testid="sign-in-fullscreen"
        >
          全屏显示
        </Button>
      </div>
      {notSigned.length ? (
        <div className="zs-cell-sub" style={{ marginTop: 8 }} data-testid="sign-in-missing">
          {`未签到：${notSigned.map((a) => a.name).join('、')}`}
        </div>
      ) : null}
    </div>
  );
}

/** An attendee signs in with the code read off the screen. */
export function CodeEntry({ meeting }: { meeting: MeetingDetail }) {
  const [form] = Form.useForm<{ code: string }>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const step = useMeetingStep(meeting.id);
  const onFinish = ({ code }: { code: string }) =>
    step.mutate(
      { path: '/sign-in', body: { code: code.trim() } },
      {
        onSuccess: () => message.success('签到成功'),
        onError: (error) => {
          if (isApiError(error) && (error.field === 'code' || error.code === 'MEETING_SIGN_IN_CODE_WRONG')) form.setFields([{ name: 'code', errors: [error.message] }]);
          else toastError(error);
        },
      },
    );
  return (
    <Form form={form} layout="inline" onFinish={onFinish} className="mt-code-entry">
      <Form.Item
        name="code"
        rules={[
          { required: true, whitespace: true, message: '请输入会场屏幕上的签到码' },
          { pattern: /^\s*\d{6}\s*$/, message: '签到码为6位数字' },
        ]}
      >
        <Input aria-label="签到码" inputMode="numeric" maxLength={6} placeholder="6位签到码" autoComplete="off" className="mt-code-input" data-testid="sign-in-code-input" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="sign-in-submit">
          签到
        </Button>
      </Form.Item>
    </Form>
  );
}

/** 签到: for the office, the code screen while sign-in is open; for an attendee, the code entry or the time signed in. */
export function SignInPanel({ meeting }: { meeting: MeetingDetail }) {
  const mine = meeting.attendees.filter((a) => meeting.myAttendeeIds.includes(a.id));
  const mineSigned = mine.filter((a) => a.signedInAt);
  const mineToSign = mine.filter((a) => !a.signedInAt);
  const ended = meeting.state === 'held' || meeting.state === 'cancelled';

  return (
    <div className="mt-sign-in">
      {meeting.canManage ? (
        meeting.signInOpen ? (
          <CodeScreen meeting={meeting} />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              ended
                ? `签到已结束，共签到 ${meeting.counts.signedIn} 人次`
                : meeting.counts.signedIn
                  ? `签到已关闭，已签到 ${meeting.counts.signedIn} 人次；可点击“开始签到”重新开启`
                  : '签到尚未开始：会议开始前点击“开始签到”，将签到码投放到会场屏幕'
            }
          />
        )
      ) : null}
      {mine.length ? (
        <div className="mt-my-sign-in">
          {mineSigned.map((a) => (
            <div key={a.id} data-testid="sign-in-done">
              <Result
                status="success"
                title={mine.length > 1 ? `${a.name}已签到` : '已签到'}
                subTitle={`签到时间 ${formatShortInstant(a.signedInAt)}${a.signInMethod === 'clerk' ? '（会务人员代签）' : ''}`}
              />
            </div>
          ))}
          {mineToSign.length ? (
            meeting.signInOpen ? (
              <div className="zs-cell-sub">请在页面上方输入会场屏幕上的签到码完成签到。</div>
            ) : (
              <div data-testid="sign-in-not-open">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ended ? '签到已结束' : '签到尚未开始，会议开始前由会务人员开启签到'} />
              </div>
            )
          ) : null}
        </div>
      ) : !meeting.canManage ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="您不在本次会议的签到名单中" />
      ) : null}
    </div>
  );
}

/** Above the tabs while sign-in is open and the reader still has to sign in: the first thing seen on arriving in the room. */
export function SignInBanner({ meeting }: { meeting: MeetingDetail }) {
  const toSign = meeting.attendees.filter((a) => meeting.myAttendeeIds.includes(a.id) && !a.signedInAt);
  if (!meeting.signInOpen || toSign.length === 0) return null;
  return (
    <div className="mt-sign-in-banner" data-testid="sign-in-banner">
      <div className="mt-sign-in-banner-text">
        <div className="mt-sign-in-banner-title">会议签到已开始</div>
        <div className="zs-cell-sub">{`输入会场屏幕上的6位签到码${toSign.length > 1 ? `，为${toSign.map((a) => a.name).join('、')}签到` : ''}`}</div>
      </div>
      <CodeEntry meeting={meeting} />
    </div>
  );
}

import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Descriptions, Space, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { canAccess } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useAddMaterial, useMeeting, type Conflict, type MeetingDetail } from './meetings.api';
import { formatInstant, formatMeetingTime, formatMeetingTimeLong, placeOf } from './meeting-labels';
import { ClassificationTag, MeetingStateTag } from './meeting-parts';
import { MeetingActionButtons, useMeetingActions } from './meeting-actions';
import { AttendeesPanel } from './meeting-attendees';
import { SignInBanner, SignInPanel } from './meeting-sign-in';
import { TopicsPanel } from './meeting-topics-panel';
import { MaterialsPanel, MaterialUploadModal } from './meeting-materials';
import { MinutesPanel } from './meeting-minutes';
import './meetings.css';

/** The same leader booked into another meeting at the same time: a warning the office must see before notifying. */
function ConflictsAlert({ conflicts }: { conflicts: Conflict[] }) {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="meeting-conflicts"
      title={`${new Set(conflicts.map((c) => c.userId)).size}位领导在同一时间另有会议`}
      description={
        <ul className="mt-conflicts">
          {conflicts.map((c) => (
            <li key={`${c.userId}-${c.meetingId}`} data-testid="meeting-conflict">
              {`${c.name}：`}
              <Link to={`/meetings/${encodeURIComponent(c.meetingId)}`}>{c.title}</Link>
              {`（${formatMeetingTime(c.startsAt, c.endsAt)}）`}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Facts({ meeting, isMobile }: { meeting: MeetingDetail; isMobile: boolean }) {
  const items = [
    { key: 'type', label: '会议类型', children: meeting.typeName },
    { key: 'time', label: '时间', children: <span data-testid="meeting-time">{formatMeetingTimeLong(meeting.startsAt, meeting.endsAt)}</span> },
    { key: 'place', label: '地点', children: <span data-testid="meeting-place">{placeOf(meeting)}</span> },
    { key: 'host', label: '主持人', children: meeting.hostName ?? '—' },
    { key: 'deadline', label: '回执截止', children: formatInstant(meeting.replyDeadline) },
    ...(meeting.notifiedAt ? [{ key: 'notified', label: '通知发出', children: formatInstant(meeting.notifiedAt) }] : []),
    ...(meeting.acceptsTopics ? [{ key: 'topics', label: '议题截止', children: meeting.topicDeadline ? formatInstant(meeting.topicDeadline) : '开放申报' }] : []),
  ];
  return <Descriptions size="small" column={isMobile ? 1 : 3} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}

type TabKey = 'attendees' | 'sign-in' | 'topics' | 'materials' | 'minutes';

/** /meetings/:id — one meeting: the notice, 回执, sign-in, 议题, materials and, for the office, the 纪要. */
export function MeetingDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const query = useMeeting(id);
  const [params, update] = useUrlFilters();
  const [uploading, setUploading] = useState(false);

  const back = (
    <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate(canAccess(me, 'meetings') ? '/meetings' : '/inbox')} />
  );
  if (query.isPending || query.isError) return <DetailLoadState query={query} title="会议" back={back} />;
  return <MeetingDetailView meeting={query.data} back={back} isMobile={isMobile} tab={params.get('tab')} setTab={(tab) => update({ tab })} uploading={uploading} setUploading={setUploading} />;
}

function MeetingDetailView({
  meeting,
  back,
  isMobile,
  tab,
  setTab,
  uploading,
  setUploading,
}: {
  meeting: MeetingDetail;
  back: React.ReactNode;
  isMobile: boolean;
  tab: string | null;
  setTab: (tab: string) => void;
  uploading: boolean;
  setUploading: (open: boolean) => void;
}) {
  const actions = useMeetingActions(meeting, { isMobile, onSignInOpened: () => setTab('sign-in') });
  const addMaterial = useAddMaterial(meeting.id);
  const manage = meeting.canManage;
  const showMinutes = manage && (meeting.state === 'in_progress' || meeting.state === 'held');
  const showTopics = manage || meeting.acceptsTopics || meeting.topics.length > 0;
  const keys: TabKey[] = ['attendees', 'sign-in', ...(showTopics ? (['topics'] as const) : []), 'materials', ...(showMinutes ? (['minutes'] as const) : [])];
  const active: TabKey = keys.includes(tab as TabKey) ? (tab as TabKey) : 'attendees';
  const live = meeting.state !== 'cancelled' && meeting.state !== 'held';

  const tabLabel = (key: TabKey, label: string, count?: number) => (
    <span data-testid={`meeting-tab-${key}`}>
      {label}
      {count ? <span className="mt-tab-count">{count}</span> : null}
    </span>
  );
  const items = [
    { key: 'attendees', label: tabLabel('attendees', '参会回执'), children: <AttendeesPanel meeting={meeting} /> },
    { key: 'sign-in', label: tabLabel('sign-in', '签到'), children: <SignInPanel meeting={meeting} /> },
    ...(showTopics ? [{ key: 'topics', label: tabLabel('topics', '议题', meeting.topics.length), children: <TopicsPanel meeting={meeting} /> }] : []),
    {
      key: 'materials',
      label: tabLabel('materials', '会议材料', meeting.materials.length + meeting.collections.length),
      children: <MaterialsPanel meeting={meeting} onUpload={() => setUploading(true)} />,
    },
    ...(showMinutes ? [{ key: 'minutes', label: tabLabel('minutes', '纪要'), children: <MinutesPanel meeting={meeting} /> }] : []),
  ];

  return (
    <div>
      <PageHeader
        back={back}
        title={<span data-testid="meeting-heading">{meeting.title}</span>}
        subtitle={
          <Space size={6} wrap>
            <MeetingStateTag state={meeting.state} label={meeting.stateLabel} testId="meeting-state" />
            <Tag style={{ marginInlineEnd: 0 }}>{meeting.typeName}</Tag>
            <ClassificationTag classification={meeting.classification} />
            <span>{formatMeetingTime(meeting.startsAt, meeting.endsAt)}</span>
            <span>{placeOf(meeting)}</span>
          </Space>
        }
        extra={!isMobile ? <MeetingActionButtons meeting={meeting} onPick={actions.pick} busy={actions.busy} /> : undefined}
      />

      {meeting.state === 'cancelled' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title="会议已取消" data-testid="meeting-cancelled" /> : null}
      {manage && live && meeting.conflicts.length ? <ConflictsAlert conflicts={meeting.conflicts} /> : null}
      {manage && meeting.state === 'planned' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="会议尚未通知：核对时间、地点和参会人员后，点击“发出通知”，参会人员和单位将收到会议通知和回执待办。"
        />
      ) : null}
      <SignInBanner meeting={meeting} />

      <div className="zs-panel">
        <Facts meeting={meeting} isMobile={isMobile} />
        {meeting.notice ? (
          <details className="mt-notice" open={!manage && meeting.state === 'notified'}>
            <summary>会议通知</summary>
            <div className="mt-notice-text" data-testid="meeting-notice">
              {meeting.notice}
            </div>
          </details>
        ) : null}
      </div>

      <div className="zs-panel">
        <Tabs activeKey={active} onChange={setTab} items={items} />
      </div>

      {isMobile ? (
        <div style={{ marginTop: 16 }}>
          <MeetingActionButtons meeting={meeting} onPick={actions.pick} busy={actions.busy} />
        </div>
      ) : null}

      {actions.dialogs}
      {uploading ? (
        <MaterialUploadModal
          title="上传会议材料"
          attendees={meeting.attendees}
          topics={meeting.topics}
          pending={addMaterial.isPending}
          onSubmit={(input, handlers) => addMaterial.mutate(input, { onSuccess: handlers.onSuccess, onError: handlers.onError })}
          onClose={() => setUploading(false)}
        />
      ) : null}
    </div>
  );
}

import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Empty, Space, Spin, Tooltip } from 'antd';
import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useMeetingCalendar, type CalendarData, type Conflict } from './meetings.api';
import { REPLY_LABELS, ROLE_LABELS, beijingDay, beijingToday, formatHours, formatMeetingTime, toBeijing } from './meeting-labels';
import './meetings.css';

const DAY = 'YYYY-MM-DD';

type CalMeeting = CalendarData['meetings'][number];

function mondayOf(day: Dayjs): Dayjs {
  return day.subtract((day.day() + 6) % 7, 'day');
}

/** Conflicts grouped by leader: each leader with the meetings that overlap. */
function conflictGroups(conflicts: Conflict[]): { userId: string; name: string; meetings: Conflict[] }[] {
  const groups = new Map<string, { userId: string; name: string; meetings: Conflict[] }>();
  for (const c of conflicts) {
    const group = groups.get(c.userId) ?? { userId: c.userId, name: c.name, meetings: [] };
    if (!group.meetings.some((m) => m.meetingId === c.meetingId)) group.meetings.push(c);
    groups.set(c.userId, group);
  }
  return [...groups.values()].map((g) => ({ ...g, meetings: g.meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt)) }));
}

function MeetingChip({ meeting, clash, extra }: { meeting: CalMeeting; clash: boolean; extra?: string }) {
  return (
    <Link
      to={`/meetings/${encodeURIComponent(meeting.id)}`}
      className={`mt-cal-chip${clash ? ' mt-cal-chip-clash' : ''}${meeting.state === 'cancelled' ? ' mt-cal-chip-cancelled' : ''}`}
      data-testid="calendar-meeting"
      data-id={meeting.id}
      data-conflict={clash ? 'true' : undefined}
    >
      <span className="mt-cal-chip-time">{formatHours(meeting.startsAt, meeting.endsAt)}</span>
      <span className="mt-cal-chip-title">{meeting.title}</span>
      {extra ? <span className="mt-cal-chip-extra">{extra}</span> : null}
    </Link>
  );
}

/** /meetings/calendar — the week's meetings, and each leader's row with the meetings he attends; overlaps in red. */
export function MeetingCalendarPage() {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const today = beijingToday();
  const asked = params.get('week');
  const monday = mondayOf(asked && dayjs(asked, DAY).isValid() ? dayjs(asked) : dayjs(today));
  const days = Array.from({ length: 7 }, (_, i) => monday.add(i, 'day'));
  const from = days[0]!.format(DAY);
  const to = days[6]!.format(DAY);
  const calendar = useMeetingCalendar(from, to);
  const data = calendar.data;

  const byId = useMemo(() => new Map((data?.meetings ?? []).map((m) => [m.id, m])), [data]);
  const clashKeys = useMemo(() => new Set((data?.conflicts ?? []).map((c) => `${c.userId}|${c.meetingId}`)), [data]);
  const clashMeetings = useMemo(() => new Set((data?.conflicts ?? []).map((c) => c.meetingId)), [data]);
  const meetingsOn = (day: string) =>
    (data?.meetings ?? []).filter((m) => beijingDay(m.startsAt) <= day && beijingDay(m.endsAt) >= day).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const groups = conflictGroups(data?.conflicts ?? []);
  const go = (week: Dayjs | null) => update({ week: week ? week.format(DAY) : '' });
  const title = `${monday.format('YYYY年M月D日')} – ${days[6]!.format(monday.month() === days[6]!.month() ? 'D日' : 'M月D日')}`;

  const dayHead = (day: Dayjs) => {
    const key = day.format(DAY);
    return (
      <div className={`mt-cal-day-head${key === today ? ' mt-cal-today' : ''}`}>
        <span>{day.format('ddd')}</span>
        <span className="mt-cal-date">{day.format('M/D')}</span>
      </div>
    );
  };

  return (
    <div>
      <PageHeader
        title="会议日历"
        subtitle="本周会议和领导参会安排；同一领导同一时间有两个会议的标红"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回会议列表" onClick={() => navigate('/meetings')} />}
        extra={
          <Space wrap>
            <Button icon={<LeftOutlined />} onClick={() => go(monday.subtract(7, 'day'))} data-testid="calendar-prev">
              上一周
            </Button>
            <Button onClick={() => go(null)} data-testid="calendar-today">
              本周
            </Button>
            <Button onClick={() => go(monday.add(7, 'day'))} data-testid="calendar-next">
              下一周 <RightOutlined />
            </Button>
          </Space>
        }
      />
      <div className="mt-cal-title" data-testid="calendar-week">
        {title}
        {calendar.isFetching ? <Spin size="small" style={{ marginLeft: 8 }} /> : null}
      </div>

      {calendar.isError ? (
        <div className="zs-panel">
          <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
        </div>
      ) : (
        <>
          {groups.length ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="calendar-conflicts"
              title={`本周有${groups.length}位领导的会议时间冲突`}
              description={
                <ul className="mt-conflicts">
                  {groups.map((g) => (
                    <li key={g.userId} data-testid="calendar-conflict">
                      <strong>{g.name}</strong>
                      {'：'}
                      {g.meetings.map((m, i) => (
                        <span key={m.meetingId}>
                          {i ? '；' : ''}
                          <Link to={`/meetings/${encodeURIComponent(m.meetingId)}`}>{m.title}</Link>
                          {`（${formatMeetingTime(m.startsAt, m.endsAt)}）`}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}

          <div className="zs-panel">
            <h3 className="mt-section-title">本周会议</h3>
            {isMobile ? (
              <div className="mt-cal-list">
                {days.map((day) => {
                  const list = meetingsOn(day.format(DAY));
                  return (
                    <div key={day.format(DAY)} className="mt-cal-list-day">
                      {dayHead(day)}
                      {list.length ? (
                        list.map((m) => <MeetingChip key={m.id} meeting={m} clash={clashMeetings.has(m.id)} extra={m.roomName ?? m.location ?? undefined} />)
                      ) : (
                        <span className="zs-text-muted mt-cal-none">无会议</span>
                      )}
                    </div>
                  );
                })}
              </div>
            ) : (
              <div className="mt-cal-grid" data-testid="calendar-grid">
                {days.map((day) => {
                  const list = meetingsOn(day.format(DAY));
                  return (
                    <div key={day.format(DAY)} className="mt-cal-cell">
                      {dayHead(day)}
                      {list.map((m) => (
                        <Tooltip key={m.id} title={`${m.typeName} · ${m.roomName ?? m.location ?? ''}`}>
                          <div>
                            <MeetingChip meeting={m} clash={clashMeetings.has(m.id)} extra={m.roomName ?? m.location ?? undefined} />
                          </div>
                        </Tooltip>
                      ))}
                    </div>
                  );
                })}
              </div>
            )}
            {data && data.meetings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本周没有会议" /> : null}
          </div>

          <div className="zs-panel">
            <h3 className="mt-section-title">领导参会安排</h3>
            {!data ? null : data.leaders.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无领导" />
            ) : isMobile ? (
              <div className="zs-card-list">
                {data.leaders.map((leader) => {
                  const entries = leader.entries
                    .map((e) => ({ entry: e, meeting: byId.get(e.meetingId) }))
                    .filter((x): x is { entry: typeof x.entry; meeting: CalMeeting } => Boolean(x.meeting))
                    .sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt));
                  return (
                    <div key={leader.userId} className="zs-item-card" style={{ cursor: 'default' }} data-testid="calendar-leader" data-name={leader.name}>
                      <div className="zs-item-card-title">
                        {leader.name} {leader.post ? <span className="zs-cell-sub">{leader.post}</span> : null}
                      </div>
                      {entries.length ? (
                        entries.map(({ entry, meeting }) => (
                          <div key={meeting.id} className="mt-cal-leader-entry">
                            <span className="zs-cell-sub">{toBeijing(meeting.startsAt).format('ddd M/D')}</span>
                            <MeetingChip meeting={meeting} clash={clashKeys.has(`${leader.userId}|${meeting.id}`)} extra={`${ROLE_LABELS[entry.role]} · ${REPLY_LABELS[entry.reply]}`} />
                          </div>
                        ))
                      ) : (
                        <span className="zs-text-muted">本周无会议</span>
                      )}
                    </div>
                  );
                })}
              </div>
            ) : (
              <div className="mt-cal-leaders" role="table" aria-label="领导参会安排">
                <div className="mt-cal-leaders-row mt-cal-leaders-head" role="row">
                  <div className="mt-cal-leader-name" role="columnheader">
                    领导
                  </div>
                  {days.map((day) => (
                    <div key={day.format(DAY)} role="columnheader">
                      {dayHead(day)}
                    </div>
                  ))}
                </div>
                {data.leaders.map((leader) => (
                  <div key={leader.userId} className="mt-cal-leaders-row" role="row" data-testid="calendar-leader" data-name={leader.name}>
                    <div className="mt-cal-leader-name" role="rowheader">
                      <div>{leader.name}</div>
                      {leader.post ? <div className="zs-cell-sub">{leader.post}</div> : null}
                    </div>
                    {days.map((day) => {
                      const key = day.format(DAY);
                      const entries = leader.entries
                        .map((e) => ({ entry: e, meeting: byId.get(e.meetingId) }))
                        .filter((x): x is { entry: typeof x.entry; meeting: CalMeeting } => Boolean(x.meeting) && beijingDay(x.meeting!.startsAt) === key)
                        .sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt));
                      return (
                        <div key={key} role="cell" className="mt-cal-leader-cell">
                          {entries.map(({ entry, meeting }) => (
                            <MeetingChip
                              key={meeting.id}
                              meeting={meeting}
                              clash={clashKeys.has(`${leader.userId}|${meeting.id}`)}
                              extra={`${ROLE_LABELS[entry.role]}${entry.reply === 'leave' ? ' · 请假' : ''}`}
                            />
                          ))}
                        </div>
                      );
                    })}
                  </div>
                ))}
              </div>
            )}
          </div>
          <div className="mt-cal-legend zs-cell-sub">
            <Space size={12} wrap>
              <span>
                <span className="mt-cal-swatch" /> 会议
              </span>
              <span>
                <span className="mt-cal-swatch mt-cal-swatch-clash" /> 领导时间冲突
              </span>
              <span>已取消的会议以删除线显示</span>
            </Space>
          </div>
        </>
      )}
    </div>
  );
}

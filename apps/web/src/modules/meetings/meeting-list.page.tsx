import { Link, useNavigate } from 'react-router-dom';
import { Button, DatePicker, Segmented, Select, Space, Tag, type TableColumnsType } from 'antd';
import { BulbOutlined, CalendarOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../app/auth';
import { canAccess } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { FilterBar, ResponsiveList, useSearchBox } from '../../shared/responsive-list';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useMeetingList, useMeetingTypes, type MeetingFilters, type MeetingSummary } from './meetings.api';
import { MEETING_STATE_LABELS, beijingToday, formatMeetingTime, optionsOf, placeOf } from './meeting-labels';
import { ClassificationTag, MeetingStateTag, ReplyProgress } from './meeting-parts';
import './meetings.css';

const DAY = 'YYYY-MM-DD';
const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...optionsOf(MEETING_STATE_LABELS)];
/** 即将召开 (from today) is the default: the clerk's day is about the meetings ahead. */
const RANGE_OPTIONS = [
  { value: 'upcoming', label: '即将召开' },
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'all', label: '全部' },
];

/** The days a range filter stands for (custom: the dates in the URL). */
function rangeDays(range: string, from: string, to: string): { from: string; to: string } {
  const today = dayjs(beijingToday());
  switch (range) {
    case 'week': {
      const monday = today.subtract((today.day() + 6) % 7, 'day');
      return { from: monday.format(DAY), to: monday.add(6, 'day').format(DAY) };
    }
    case 'month':
      return { from: today.startOf('month').format(DAY), to: today.endOf('month').format(DAY) };
    case 'all':
      return { from: '', to: '' };
    case 'custom':
      return { from, to };
    default:
      return { from: today.format(DAY), to: '' };
  }
}

/** /meetings — 会议: the meetings the reader may see, the soonest first, with their 回执. */
export function MeetingListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const range = params.get('range') || (params.get('from') || params.get('to') ? 'custom' : 'upcoming');
  const days = rangeDays(range, params.get('from') ?? '', params.get('to') ?? '');
  const filters: Required<MeetingFilters> = {
    from: days.from,
    to: days.to,
    state: params.get('state') ?? '',
    typeId: params.get('typeId') ?? '',
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  const list = useMeetingList(filters);
  const types = useMeetingTypes();
  const isOffice = canAccess(me, 'meetings-office');
  const typeOptions = [{ value: '', label: '全部类型' }, ...(types.data ?? []).map((t) => ({ value: t.id, label: t.name }))];
  const anyFilter = range !== 'upcoming' || Boolean(filters.state || filters.typeId || filters.q);

  const open = (item: MeetingSummary) => navigate(`/meetings/${encodeURIComponent(item.id)}`);
  const columns: TableColumnsType<MeetingSummary> = [
    { title: '类型', dataIndex: 'typeName', width: 120, render: (name: string) => <Tag style={{ marginInlineEnd: 0 }}>{name}</Tag> },
    {
      title: '会议名称',
      dataIndex: 'title',
      render: (title: string, item) => (
        <div>
          <Link to={`/meetings/${encodeURIComponent(item.id)}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {title}
          </Link>{' '}
          <ClassificationTag classification={item.classification} />
          {item.hostName ? <div className="zs-cell-sub">主持：{item.hostName}</div> : null}
        </div>
      ),
    },
    { title: '时间', dataIndex: 'startsAt', width: 190, render: (_v, item) => <span className="mt-nowrap">{formatMeetingTime(item.startsAt, item.endsAt)}</span> },
    { title: '地点', dataIndex: 'roomName', width: 160, render: (_v, item) => placeOf(item) },
    { title: '状态', dataIndex: 'state', width: 90, render: (_v, item) => <MeetingStateTag state={item.state} label={item.stateLabel} /> },
    { title: '回执', dataIndex: 'counts', width: 120, render: (_v, item) => <ReplyProgress counts={item.counts} state={item.state} /> },
  ];

  const search = useSearchBox(filters.q, (q) => update({ q }), { testId: 'meeting-filter-q', placeholder: '会议名称', width: 220 });
  const clearAll = () => update({ range: '', from: '', to: '', state: '', typeId: '', q: '' });

  return (
    <div>
      <PageHeader
        title="会议"
        subtitle="会议通知、回执、签到、材料和纪要"
        extra={
          <Space wrap>
            <Button icon={<BulbOutlined />} onClick={() => navigate('/meetings/topics')} data-testid="meetings-topics-link">
              议题申报
            </Button>
            {canAccess(me, 'meetings-calendar') ? (
              <Button icon={<CalendarOutlined />} onClick={() => navigate('/meetings/calendar')} data-testid="meetings-calendar-link">
                会议日历
              </Button>
            ) : null}
            {isOffice ? (
              <Button icon={<SettingOutlined />} onClick={() => navigate('/meetings/settings')} data-testid="meetings-settings-link">
                会议室与类型
              </Button>
            ) : null}
            {isOffice ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/meetings/new')} data-testid="meeting-new">
                新建会议
              </Button>
            ) : null}
          </Space>
        }
      />
      <div className="zs-panel">
        <FilterBar active={anyFilter} onClear={clearAll} clearTestId="meeting-filter-clear">
          <Segmented
            aria-label="时间范围"
            data-testid="meeting-filter-range"
            value={range === 'custom' ? '' : range}
            options={RANGE_OPTIONS}
            onChange={(value) => update({ range: value === 'upcoming' ? '' : String(value), from: '', to: '' })}
          />
          <DatePicker.RangePicker
            aria-label="日期范围"
            data-testid="meeting-filter-dates"
            placeholder={['开始日期', '结束日期']}
            value={range === 'custom' && filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(value) =>
              value?.[0] && value[1] ? update({ range: 'custom', from: value[0].format(DAY), to: value[1].format(DAY) }) : update({ range: '', from: '', to: '' })
            }
          />
          <Select aria-label="会议类型" data-testid="meeting-filter-type" value={filters.typeId} options={typeOptions} onChange={(value) => update({ typeId: value })} style={{ width: 150 }} />
          <Select aria-label="状态" data-testid="meeting-filter-state" value={filters.state} options={STATE_OPTIONS} onChange={(value) => update({ state: value })} style={{ width: 120 }} />
          {search}
        </FilterBar>
        <ResponsiveList<MeetingSummary>
          items={list.data?.items ?? []}
          query={list}
          columns={columns}
          onOpen={open}
          rowData={(item) => ({ 'data-testid': 'meeting-row', 'data-id': item.id })}
          rowClassName={(item) => (item.state === 'cancelled' ? 'mt-row-cancelled' : '')}
          empty={range === 'upcoming' ? '近期没有会议' : '没有符合条件的会议'}
          scrollX={900}
          paging={{ page: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, countUnit: '个会议', onChange: (next) => update({ page: String(next) }) }}
          card={(item) => (
            <>
              <div className="zs-cell-sub">
                {item.typeName} · {formatMeetingTime(item.startsAt, item.endsAt)}
              </div>
              <div className="zs-item-card-title">{item.title}</div>
              <div className="zs-item-card-tags">
                <MeetingStateTag state={item.state} label={item.stateLabel} />
                <ClassificationTag classification={item.classification} />
              </div>
              <div className="zs-item-card-meta">
                <span>{placeOf(item)}</span>
                <ReplyProgress counts={item.counts} state={item.state} />
              </div>
            </>
          )}
        />
      </div>
    </div>
  );
}

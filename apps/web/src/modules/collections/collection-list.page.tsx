import { Link, useNavigate } from 'react-router-dom';
import { Button, Select, Space, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { canAccess } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { FilterBar, ResponsiveList, useSearchBox } from '../../shared/responsive-list';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useCollectionList, type CollectionFilters, type CollectionSummary } from './collections.api';
import { COLLECTION_STATE_LABELS } from './collection-labels';
import { CollectionStateTag, CompletionCell, DeadlineText, LateTag, MeetingLink, UnitStateTag, oversees, useNow } from './collection-parts';
import './collections.css';

const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...Object.entries(COLLECTION_STATE_LABELS).map(([value, label]) => ({ value, label }))];
const FILTER_KEYS = ['state', 'q'] as const;

/** A unit's own part: its state, and when it was submitted or returned. */
function MyState({ item }: { item: CollectionSummary }) {
  const mine = item.mine;
  if (!mine) return <span className="zs-text-muted">—</span>;
  return (
    <Space size={4} wrap>
      <UnitStateTag state={mine.state} label={mine.stateLabel} testId="collection-my-state" />
      {mine.late ? <LateTag /> : null}
    </Space>
  );
}

/** /collections — 情况征集: the office follows completion; a unit sees what it has to fill. */
export function CollectionListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const now = useNow();
  const [params, update] = useUrlFilters();
  const filters: Required<CollectionFilters> = {
    state: params.get('state') ?? '',
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  const list = useCollectionList(filters);
  const canCreate = canAccess(me, 'collections-office');
  const overseer = oversees(me);
  const open = (item: CollectionSummary) => navigate(`/collections/${encodeURIComponent(item.id)}`);

  const columns: TableColumnsType<CollectionSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, item) => (
        <div>
          <Link to={`/collections/${encodeURIComponent(item.id)}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {title}
          </Link>
        </div>
      ),
    },
    { title: '状态', dataIndex: 'state', width: 96, render: (_v, item) => <CollectionStateTag state={item.state} label={item.stateLabel} /> },
    { title: '截止时间', dataIndex: 'deadline', width: 170, render: (_v, item) => <DeadlineText deadline={item.deadline} state={item.state} now={now} /> },
    overseer
      ? { title: '完成情况', key: 'completion', width: 150, render: (_v, item) => (item.state === 'draft' ? <span className="zs-text-muted">未发出</span> : <CompletionCell completion={item.completion} />) }
      : { title: '本单位', key: 'mine', width: 130, render: (_v, item) => <MyState item={item} /> },
    { title: '关联会议', dataIndex: 'meetingTitle', width: 200, render: (_v, item) => <MeetingLink meetingId={item.meetingId} meetingTitle={item.meetingTitle} /> },
  ];

  const search = useSearchBox(filters.q, (q) => update({ q }), { testId: 'collection-filter-q', placeholder: '按标题搜索', width: 240 });
  const anyFilter = FILTER_KEYS.some((key) => filters[key]);

  return (
    <div>
      <PageHeader
        title="情况征集"
        subtitle={overseer ? '向各单位征集情况，跟踪报送进度，汇总成表' : '本单位需要填报的情况征集'}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="collection-new" onClick={() => navigate('/collections/new')}>
              新建征集
            </Button>
          ) : undefined
        }
      />
      <div className="zs-panel">
        <FilterBar active={anyFilter} onClear={() => update({ state: '', q: '' })} clearTestId="collection-filter-clear">
          <Select aria-label="状态" data-testid="collection-filter-state" value={filters.state} options={STATE_OPTIONS} onChange={(value) => update({ state: value })} style={{ width: 140 }} />
          {search}
        </FilterBar>
        <ResponsiveList<CollectionSummary>
          items={list.data?.items ?? []}
          query={list}
          columns={columns}
          onOpen={open}
          rowData={(item) => ({ 'data-testid': 'collection-row', 'data-id': item.id })}
          empty={anyFilter ? '没有符合条件的征集' : '暂无情况征集'}
          scrollX={860}
          paging={{ page: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, countUnit: '项', onChange: (next) => update({ page: String(next) }) }}
          card={(item) => (
            <>
              <div className="zs-item-card-title">{item.title}</div>
              <div className="zs-item-card-tags">
                <Space size={4} wrap>
                  <CollectionStateTag state={item.state} label={item.stateLabel} />
                  {!overseer ? <MyState item={item} /> : null}
                </Space>
              </div>
              {overseer && item.state !== 'draft' ? <CompletionCell completion={item.completion} /> : null}
              <div className="zs-item-card-meta">
                <DeadlineText deadline={item.deadline} state={item.state} now={now} inline />
                {item.meetingId ? <MeetingLink meetingId={item.meetingId} meetingTitle={item.meetingTitle} /> : null}
              </div>
            </>
          )}
        />
      </div>
    </div>
  );
}

import { useUrlFilters } from '../../shared/use-url-filters';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Empty, Input, Pagination, Segmented, Select, Table, TreeSelect, type TableColumnsType } from 'antd';
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import type { AssignmentState, AssignmentSummary } from '../../api/types';
import { useMe } from '../../app/auth';
import { canCreateAssignment } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { AssignmentStateTag, DaysRemaining, DueFlag, UrgencyTag } from '../../shared/status-tags';
import { ASSIGNMENT_STATE_LABELS } from '../../shared/labels';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { useAssignmentList } from './assignments.api';

const STATE_OPTIONS = [
  { value: '', label: '全部状态' },
  ...Object.entries(ASSIGNMENT_STATE_LABELS).map(([value, label]) => ({ value, label })),
];
const FLAG_OPTIONS = [
  { value: '', label: '全部' },
  { value: 'open', label: '在办（按期限）' },
  { value: 'overdue', label: '逾期' },
  { value: 'due_soon', label: '即将到期' },
];
const CLOSED: AssignmentState[] = ['completed', 'cancelled'];

function rowClass(item: AssignmentSummary): string {
  if (CLOSED.includes(item.state)) return 'zs-clickable-row';
  if (item.overdue) return 'zs-clickable-row zs-row-overdue';
  if (item.dueSoon) return 'zs-clickable-row zs-row-due-soon';
  return 'zs-clickable-row';
}

function Deadline({ item }: { item: AssignmentSummary }) {
  const closed = CLOSED.includes(item.state);
  return (
    <div>
      <div>{formatDate(item.deadline, true)}</div>
      <DaysRemaining days={item.daysRemaining} overdue={item.overdue} dueSoon={item.dueSoon} closed={closed} />
    </div>
  );
}

export function AssignmentListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const directory = useDirectory();
  const filters = {
    state: params.get('state') ?? '',
    unitId: params.get('unitId') ?? '',
    leaderId: params.get('leaderId') ?? '',
    flag: params.get('flag') ?? '',
    q: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  const [keyword, setKeyword] = useState(filters.q);
  // On a phone the less-used filters fold away so the list starts on the first screen.
  const [moreFilters, setMoreFilters] = useState(false);
  const activeMore = [filters.state, filters.unitId, filters.leaderId].filter(Boolean).length;
  const showMore = !isMobile || moreFilters;
  useEffect(() => setKeyword(filters.q), [filters.q]);
  const list = useAssignmentList(filters);

  const { unitTree, leaderOptions } = useDirectoryPickers(directory);


  const columns: TableColumnsType<AssignmentSummary> = [
    {
      title: '编号',
      dataIndex: 'serial',
      width: 150,
      render: (serial: string) => <span style={{ whiteSpace: 'nowrap' }}>{serial}</span>,
    },
    {
      title: '交办事项',
      dataIndex: 'title',
      render: (title: string, item) => (
        <div>
          <Link to={`/assignments/${item.id}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {title}
          </Link>{' '}
          <UrgencyTag urgency={item.urgency} hideNormal />
          <div className="zs-cell-sub">
            {item.leaderName} 交办 · {formatDate(item.createdAt)}
          </div>
        </div>
      ),
    },
    {
      title: '承办单位',
      dataIndex: 'assigneeUnitName',
      width: 150,
      render: (unit: string, item) => (
        <div>
          <div>{unit}</div>
          {item.assigneeUserName ? <div className="zs-cell-sub">责任人：{item.assigneeUserName}</div> : null}
        </div>
      ),
    },
    { title: '办理期限', dataIndex: 'deadline', width: 170, render: (_value, item) => <Deadline item={item} /> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 130,
      render: (state: AssignmentState, item) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          <AssignmentStateTag state={state} />
          {!CLOSED.includes(state) ? <DueFlag overdue={item.overdue} dueSoon={item.dueSoon} /> : null}
        </div>
      ),
    },
    {
      title: '最新进展',
      dataIndex: 'latestProgress',
      width: 280,
      render: (progress: AssignmentSummary['latestProgress']) =>
        progress ? (
          <div>
            <div className="zs-progress-cell" title={progress.comment}>
              {progress.comment}
            </div>
            <div className="zs-cell-sub">
              {progress.byName} · {formatDateTime(progress.at)}
            </div>
          </div>
        ) : (
          <span className="zs-text-muted">尚无进展</span>
        ),
    },
  ];

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const search = (
    <Input.Search
      aria-label="关键词"
      placeholder="标题、编号、批示内容"
      allowClear
      value={keyword}
      onChange={(event) => setKeyword(event.target.value)}
      onSearch={(value) => update({ q: value.trim() })}
      style={{ width: 240 }}
    />
  );

  return (
    <div>
      <PageHeader
        title="领导交办"
        subtitle="每件交办事项的办理状态与最新进展"
        extra={
          canCreateAssignment(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/assignments/new')}>
              新建交办
            </Button>
          ) : undefined
        }
      />
      <div className="zs-panel">
        <div className="zs-filters">
          <Segmented aria-label="期限" value={filters.flag} options={FLAG_OPTIONS} onChange={(value) => update({ flag: String(value) })} />
          {isMobile ? search : null}
          {isMobile ? (
            <Button icon={<FilterOutlined />} onClick={() => setMoreFilters((open) => !open)} aria-expanded={moreFilters}>
              {moreFilters ? '收起筛选' : activeMore ? `更多筛选（${activeMore}）` : '更多筛选'}
            </Button>
          ) : null}
          {showMore ? (
            <>
              <Select aria-label="状态" value={filters.state} options={STATE_OPTIONS} onChange={(value) => update({ state: value })} style={{ width: 140 }} />
              <TreeSelect
                aria-label="承办单位"
                value={filters.unitId || undefined}
                treeData={unitTree}
                placeholder="全部承办单位"
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                onChange={(value?: string) => update({ unitId: value ?? '' })}
                style={{ width: 200 }}
              />
              {leaderOptions.length > 1 ? (
                <Select
                  aria-label="交办领导"
                  value={filters.leaderId || undefined}
                  options={leaderOptions}
                  placeholder="全部交办领导"
                  allowClear
                  onChange={(value?: string) => update({ leaderId: value ?? '' })}
                  style={{ width: 170 }}
                />
              ) : null}
            </>
          ) : null}
          {!isMobile ? search : null}
        </div>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          <>
            {items.length === 0 && !list.isPending ? <Empty description="暂无交办事项" /> : null}
            <div className="zs-card-list">
              {items.map((item) => {
                const closed = CLOSED.includes(item.state);
                const flagClass = closed ? '' : item.overdue ? ' zs-item-card-overdue' : item.dueSoon ? ' zs-item-card-due-soon' : '';
                return (
                  <div
                    key={item.id}
                    role="link"
                    tabIndex={0}
                    className={`zs-item-card${flagClass}`}
                    onClick={() => navigate(`/assignments/${item.id}`)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') navigate(`/assignments/${item.id}`);
                    }}
                  >
                    <div className="zs-cell-sub">{item.serial}</div>
                    <div className="zs-item-card-title">{item.title}</div>
                    <div className="zs-item-card-tags">
                      <AssignmentStateTag state={item.state} />
                      <UrgencyTag urgency={item.urgency} hideNormal />
                      {!closed ? <DueFlag overdue={item.overdue} dueSoon={item.dueSoon} /> : null}
                    </div>
                    <div className="zs-item-card-meta">
                      <span>{item.assigneeUnitName}</span>
                      <span>
                        {formatDate(item.deadline)}{' '}
                        <DaysRemaining days={item.daysRemaining} overdue={item.overdue} dueSoon={item.dueSoon} closed={closed} />
                      </span>
                    </div>
                    {item.latestProgress ? (
                      <div className="zs-cell-sub" style={{ marginTop: 6 }}>
                        最新进展：{item.latestProgress.comment}
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </div>
            {total > filters.pageSize ? (
              <div className="zs-card-pagination">
                <Pagination simple current={filters.page} pageSize={filters.pageSize} total={total} onChange={(next) => update({ page: String(next) })} />
              </div>
            ) : null}
          </>
        ) : (
          <Table<AssignmentSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isPending}
            rowClassName={rowClass}
            onRow={(item) => ({ onClick: () => navigate(`/assignments/${item.id}`) })}
            locale={{ emptyText: <Empty description="暂无交办事项" /> }}
            scroll={{ x: 1080 }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total,
              showSizeChanger: false,
              showTotal: (count) => `共 ${count} 件`,
              onChange: (next) => update({ page: String(next) }),
            }}
          />
        )}
      </div>
    </div>
  );
}

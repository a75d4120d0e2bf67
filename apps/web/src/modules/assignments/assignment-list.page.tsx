import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Segmented, Select, Space, type TableColumnsType } from 'antd';
import { DownloadOutlined, FilterOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { canCreateAssignment } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { UnitFilter } from '../../shared/unit-filter';
import { DaysRemaining, DueFlag, UrgencyTag } from '../../shared/status-tags';
import { formatDate } from '../../shared/format';
import { useIsMobile } from '../../shared/use-is-mobile';
import { FilterBar, ResponsiveList, useSearchBox, type DueMark } from '../../shared/responsive-list';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { exportAssignments, useAssignmentList, type AssignmentFilters, type AssignmentSummary } from './assignments.api';
import { CLOSED_STATES, COLOUR_LABELS, LEVEL_LABELS, SOURCE_KIND_OPTIONS, STATE_LABELS } from './assignment-labels';
import { ColourTag, ItemStateTag, LevelTag, ProgressVsExpected } from './assignment-tags';

const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))];
const FLAG_OPTIONS = [
  { value: '', label: '全部' },
  { value: 'open', label: '在办（按期限）' },
  { value: 'overdue', label: '逾期' },
  { value: 'due_soon', label: '即将到期' },
];
const COLOUR_OPTIONS = [
  { value: '', label: '全部预警' },
  ...(['red', 'yellow', 'green'] as const).map((value) => ({ value, label: COLOUR_LABELS[value] })),
];
const SOURCE_OPTIONS = [{ value: '', label: '全部来源' }, ...SOURCE_KIND_OPTIONS];
const LEVEL_OPTIONS = [
  { value: '', label: '全部事项' },
  { value: 'key', label: LEVEL_LABELS.key },
  { value: 'general', label: LEVEL_LABELS.general },
];
const ROLE_OPTIONS = [
  { value: '', label: '本单位全部' },
  { value: 'lead', label: '本单位牵头' },
  { value: 'cooperating', label: '本单位配合' },
];

/** Filters the list reads from the URL, so the 督查看板 can link straight to e.g. the red items of one unit. */
const FILTER_KEYS = ['state', 'unitId', 'leaderId', 'colour', 'sourceKind', 'level', 'role', 'flag', 'q'] as const;
/** Filters folded away on a phone (flag and the search stay on screen). */
const MORE_KEYS = ['state', 'unitId', 'leaderId', 'colour', 'sourceKind', 'level', 'role'] as const;

/** 逾期 and 即将到期 matter only while the item is open. */
function dueMark(item: AssignmentSummary): DueMark {
  if (CLOSED_STATES.has(item.state)) return null;
  if (item.overdue) return 'overdue';
  if (item.dueSoon) return 'due-soon';
  return null;
}

function Deadline({ item }: { item: AssignmentSummary }) {
  return (
    <div>
      <div style={{ whiteSpace: 'nowrap' }}>{formatDate(item.deadline)}</div>
      <DaysRemaining days={item.daysRemaining} overdue={item.overdue} dueSoon={item.dueSoon} closed={CLOSED_STATES.has(item.state)} />
    </div>
  );
}

export function AssignmentListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [params, update] = useUrlFilters();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const directory = useDirectory();
  const read = (key: (typeof FILTER_KEYS)[number]) => params.get(key) ?? '';
  const filters: Required<AssignmentFilters> = {
    state: read('state'),
    unitId: read('unitId'),
    leaderId: read('leaderId'),
    colour: read('colour'),
    sourceKind: read('sourceKind'),
    level: read('level'),
    role: read('role'),
    flag: read('flag'),
    q: read('q'),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  // On a phone the less-used filters fold away so the list starts on the first screen.
  const [moreFilters, setMoreFilters] = useState(false);
  const activeMore = MORE_KEYS.filter((key) => filters[key]).length;
  const anyFilter = FILTER_KEYS.some((key) => filters[key]);
  const showMore = !isMobile || moreFilters;
  const list = useAssignmentList(filters);
  const { unitTree, leaderOptions } = useDirectoryPickers(directory);
  // 牵头/配合 only means something to a unit's own staff; the URL may still carry it from a link.
  const showRole = me.roles.includes('unit') || Boolean(filters.role);
  const canImport = me.roles.includes('office');

  const columns: TableColumnsType<AssignmentSummary> = [
    {
      title: '编号',
      dataIndex: 'serial',
      width: 124,
      render: (serial: string) => <span style={{ whiteSpace: 'nowrap' }}>{serial}</span>,
    },
    {
      title: '事项名称',
      dataIndex: 'title',
      render: (title: string, item) => (
        <div>
          <Link to={`/assignments/${item.id}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {title}
          </Link>{' '}
          <UrgencyTag urgency={item.urgency} hideNormal />
          {item.cooperatingUnits.length ? (
            <div className="zs-cell-sub">配合：{item.cooperatingUnits.map((unit) => unit.name).join('、')}</div>
          ) : null}
        </div>
      ),
    },
    { title: '来源', dataIndex: 'sourceLabel', width: 96 },
    { title: '重要程度', dataIndex: 'level', width: 76, render: (_value, item) => <LevelTag level={item.level} showGeneral /> },
    {
      title: '牵头单位',
      dataIndex: 'assigneeUnitName',
      width: 120,
      render: (unit: string, item) => (
        <div>
          <div>{unit}</div>
          {item.assigneeUserName ? <div className="zs-cell-sub">责任人：{item.assigneeUserName}</div> : null}
        </div>
      ),
    },
    { title: '责任领导', dataIndex: 'leaderName', width: 80 },
    { title: '办理期限', dataIndex: 'deadline', width: 116, render: (_value, item) => <Deadline item={item} /> },
    {
      title: '进度',
      dataIndex: 'progress',
      width: 120,
      render: (_value, item) =>
        item.state === 'registered' || item.state === 'cancelled' ? (
          <span className="zs-text-muted">—</span>
        ) : (
          <ProgressVsExpected progress={item.progress} expected={item.expectedProgress} colour={item.colour} />
        ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 122,
      render: (_value, item) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          <ItemStateTag state={item.state} label={item.stateLabel} />
          {!CLOSED_STATES.has(item.state) ? <DueFlag overdue={item.overdue} dueSoon={item.dueSoon} /> : null}
        </div>
      ),
    },
    {
      title: '预警',
      dataIndex: 'colour',
      width: 72,
      // Kept in view when the table scrolls sideways: the colour is what the board drills down by.
      fixed: 'right',
      render: (_value, item) =>
        item.colour ? <ColourTag colour={item.colour} reasons={item.colourReasons} /> : <span className="zs-text-muted">—</span>,
    },
  ];

  const search = useSearchBox(filters.q, (q) => update({ q }), { testId: 'sv-filter-q', placeholder: '事项名称、编号、内容', width: 240 });
  const clearAll = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])));

  return (
    <div>
      <PageHeader
        title="督查督办"
        subtitle="督查事项和领导交办事项的办理进度、红黄绿预警与反馈情况"
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              data-testid="sv-export"
              loading={exporting}
              onClick={() => {
                setExporting(true);
                exportAssignments(filters)
                  .catch((e: unknown) => message.error(e instanceof Error ? e.message : '导出失败，请稍后再试'))
                  .finally(() => setExporting(false));
              }}
            >
              导出
            </Button>
            {canImport ? (
              <Button icon={<ImportOutlined />} data-testid="sv-import" onClick={() => navigate('/supervision/import')}>
                批量导入
              </Button>
            ) : null}
            {canCreateAssignment(me) ? (
              <Button type="primary" icon={<PlusOutlined />} data-testid="sv-new" onClick={() => navigate('/assignments/new')}>
                新建督查事项
              </Button>
            ) : null}
          </Space>
        }
      />
      <div className="zs-panel">
        <FilterBar active={anyFilter} onClear={clearAll} clearTestId="sv-filter-clear">
          <Segmented
            aria-label="期限"
            data-testid="sv-filter-flag"
            value={filters.flag}
            options={FLAG_OPTIONS}
            onChange={(value) => update({ flag: String(value) })}
          />
          {isMobile ? search : null}
          {isMobile ? (
            <Button icon={<FilterOutlined />} onClick={() => setMoreFilters((open) => !open)} aria-expanded={moreFilters}>
              {moreFilters ? '收起筛选' : activeMore ? `更多筛选（${activeMore}）` : '更多筛选'}
            </Button>
          ) : null}
          {showMore ? (
            <>
              <Select
                aria-label="预警"
                data-testid="sv-filter-colour"
                value={filters.colour}
                options={COLOUR_OPTIONS}
                onChange={(value) => update({ colour: value })}
                style={{ width: 110 }}
              />
              <Select
                aria-label="状态"
                data-testid="sv-filter-state"
                value={filters.state}
                options={STATE_OPTIONS}
                onChange={(value) => update({ state: value })}
                style={{ width: 140 }}
              />
              <Select
                aria-label="来源类别"
                data-testid="sv-filter-source-kind"
                value={filters.sourceKind}
                options={SOURCE_OPTIONS}
                onChange={(value) => update({ sourceKind: value })}
                style={{ width: 140 }}
              />
              <Select
                aria-label="重要程度"
                data-testid="sv-filter-level"
                value={filters.level}
                options={LEVEL_OPTIONS}
                onChange={(value) => update({ level: value })}
                style={{ width: 110 }}
              />
              <UnitFilter label="牵头单位" placeholder="全部牵头单位" value={filters.unitId} treeData={unitTree} onChange={(unitId) => update({ unitId })} width={200} testId="sv-filter-unit" />
              {leaderOptions.length > 1 || filters.leaderId ? (
                <Select
                  aria-label="责任领导"
                  data-testid="sv-filter-leader"
                  value={filters.leaderId || undefined}
                  options={leaderOptions}
                  placeholder="全部责任领导"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(value?: string) => update({ leaderId: value ?? '' })}
                  style={{ width: 170 }}
                />
              ) : null}
              {showRole ? (
                <Select
                  aria-label="本单位角色"
                  data-testid="sv-filter-role"
                  value={filters.role}
                  options={ROLE_OPTIONS}
                  onChange={(value) => update({ role: value })}
                  style={{ width: 130 }}
                />
              ) : null}
            </>
          ) : null}
          {!isMobile ? search : null}
        </FilterBar>
        <ResponsiveList<AssignmentSummary>
          items={list.data?.items ?? []}
          query={list}
          columns={columns}
          onOpen={(item) => navigate(`/assignments/${item.id}`)}
          rowData={(item) => ({ 'data-testid': `sv-row-${item.id}` })}
          dueMark={dueMark}
          empty="暂无督查事项"
          scrollX={1120}
          paging={{ page: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, countUnit: '件', onChange: (next) => update({ page: String(next) }) }}
          card={(item) => {
            const closed = CLOSED_STATES.has(item.state);
            return (
              <>
                <div className="zs-cell-sub">
                  {item.serial} · {item.sourceLabel}
                </div>
                <div className="zs-item-card-title">{item.title}</div>
                <div className="zs-item-card-tags">
                  <ColourTag colour={item.colour} reasons={item.colourReasons} />
                  <ItemStateTag state={item.state} label={item.stateLabel} />
                  <LevelTag level={item.level} />
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
                {!closed && item.state !== 'registered' ? (
                  <div style={{ marginTop: 6 }}>
                    <ProgressVsExpected progress={item.progress} expected={item.expectedProgress} colour={item.colour} />
                  </div>
                ) : null}
              </>
            );
          }}
        />
      </div>
    </div>
  );
}

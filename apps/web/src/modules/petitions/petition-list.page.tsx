import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, DatePicker, Segmented, Select, Space, Tag, type TableColumnsType } from 'antd';
import { BarChartOutlined, DownloadOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../app/auth';
import { canAccess } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { UnitFilter } from '../../shared/unit-filter';
import { formatDate } from '../../shared/format';
import { useIsMobile } from '../../shared/use-is-mobile';
import { FilterBar, ResponsiveList, useSearchBox, type DueMark } from '../../shared/responsive-list';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useDirectory } from '../org/directory.api';
import { exportPetitions, usePetitionCategories, usePetitionList, type PetitionFilters, type PetitionSummary } from './petitions.api';
import { CHANNEL_LABELS, CLOSED_STATES, FLAG_LABELS, KIND_LABELS, STATE_LABELS, optionsOf } from './petition-labels';
import { NextDeadline, PetitionFlags, PetitionStateTag, usePetitionUnitPickers } from './petition-parts';

const DAY = 'YYYY-MM-DD';
const STATE_OPTIONS = [{ value: '', label: '全部状态' }, ...optionsOf(STATE_LABELS)];
const KIND_OPTIONS = [{ value: '', label: '全部类型' }, ...optionsOf(KIND_LABELS)];
const CHANNEL_OPTIONS = [{ value: '', label: '全部渠道' }, ...optionsOf(CHANNEL_LABELS)];
const FLAG_OPTIONS = [{ value: '', label: '全部' }, ...Object.entries(FLAG_LABELS).map(([value, label]) => ({ value, label }))];

/** Filters the list reads from the URL, so the 信访看板 can link straight to e.g. the overdue cases. */
const FILTER_KEYS = ['state', 'kind', 'channel', 'townshipId', 'categoryId', 'handlingUnitId', 'matterId', 'flag', 'q', 'from', 'to'] as const;
/** Filters folded away on a phone (flag and the search stay on screen). */
const MORE_KEYS = ['state', 'kind', 'channel', 'townshipId', 'categoryId', 'handlingUnitId', 'from', 'to'] as const;

/** 逾期 marks an open case only. */
function dueMark(item: PetitionSummary): DueMark {
  return !CLOSED_STATES.has(item.state) && item.overdue ? 'overdue' : null;
}

/** 信访人 as the list may show it: the name and the masked phone (never the full number). */
function Petitioner({ item }: { item: PetitionSummary }) {
  return (
    <div>
      <div>
        {item.petitionerName}
        {item.peopleCount > 1 ? <span className="zs-text-muted">等{item.peopleCount}人</span> : null}
      </div>
      {item.petitionerPhoneMasked ? <div className="zs-cell-sub">{item.petitionerPhoneMasked}</div> : null}
    </div>
  );
}

/** /petitions — 信访事项 with their next time limit. */
export function PetitionListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [params, update] = useUrlFilters();
  const [exporting, setExporting] = useState(false);
  const read = (key: (typeof FILTER_KEYS)[number]) => params.get(key) ?? '';
  const filters: Required<PetitionFilters> = {
    state: read('state'),
    kind: read('kind'),
    channel: read('channel'),
    townshipId: read('townshipId'),
    categoryId: read('categoryId'),
    handlingUnitId: read('handlingUnitId'),
    matterId: read('matterId'),
    flag: read('flag'),
    q: read('q'),
    from: read('from'),
    to: read('to'),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  const [moreFilters, setMoreFilters] = useState(false);
  const list = usePetitionList(filters);
  const categories = usePetitionCategories();
  const directory = useDirectory();
  const { unitTree, townshipTree } = usePetitionUnitPickers(directory);
  const activeMore = MORE_KEYS.filter((key) => filters[key]).length;
  const anyFilter = FILTER_KEYS.some((key) => filters[key]);
  const showMore = !isMobile || moreFilters;
  const canRegister = canAccess(me, 'petitions-staff');

  const categoryOptions = [{ value: '', label: '全部类别' }, ...(categories.data ?? []).map((category) => ({ value: category.id, label: category.name }))];

  const columns: TableColumnsType<PetitionSummary> = [
    { title: '编号', dataIndex: 'serial', width: 124, render: (serial: string) => <span style={{ whiteSpace: 'nowrap' }}>{serial}</span> },
    {
      title: '摘要',
      dataIndex: 'summary',
      render: (summary: string, item) => (
        <div>
          <Link to={`/petitions/${item.id}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {summary}
          </Link>{' '}
          <Space size={4} wrap>
            <PetitionFlags isGroup={item.isGroup} skipLevel={item.skipLevel} />
          </Space>
          <div className="zs-cell-sub">
            {item.kindLabel} · 收到 {formatDate(item.receivedAt)}
            {item.handlingUnitName ? ` · 承办：${item.handlingUnitName}` : ''}
          </div>
        </div>
      ),
    },
    { title: '信访人', dataIndex: 'petitionerName', width: 120, render: (_value, item) => <Petitioner item={item} /> },
    { title: '渠道', dataIndex: 'channelLabel', width: 96 },
    { title: '类别', dataIndex: 'categoryName', width: 110 },
    {
      title: '乡镇',
      dataIndex: 'townshipName',
      width: 110,
      render: (name: string, item) => (
        <div>
          <div>{name}</div>
          {item.village ? <div className="zs-cell-sub">{item.village}</div> : null}
        </div>
      ),
    },
    { title: '状态', dataIndex: 'state', width: 120, render: (_value, item) => <PetitionStateTag state={item.state} label={item.stateLabel} /> },
    { title: '下一期限', dataIndex: 'nextDeadline', width: 130, fixed: 'right', render: (_value, item) => <NextDeadline item={item} /> },
  ];

  const search = useSearchBox(filters.q, (q) => update({ q }), { testId: 'pt-filter-q', placeholder: '编号、摘要、信访人姓名', width: 240 });
  const clearAll = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])));

  return (
    <div>
      <PageHeader
        title="信访事项"
        subtitle="登记、受理、办理和答复情况，逾期事项标红"
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              data-testid="pt-export"
              loading={exporting}
              onClick={() => {
                setExporting(true);
                exportPetitions(filters)
                  .catch((e: unknown) => message.error(e instanceof Error ? e.message : '导出失败，请稍后再试'))
                  .finally(() => setExporting(false));
              }}
            >
              导出
            </Button>
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/petitions/board')}>
              看板与统计
            </Button>
            {canRegister ? (
              <Button type="primary" icon={<PlusOutlined />} data-testid="pt-new" onClick={() => navigate('/petitions/new')}>
                信访登记
              </Button>
            ) : null}
          </Space>
        }
      />
      <div className="zs-panel">
        <FilterBar active={anyFilter} onClear={clearAll} clearTestId="pt-filter-clear">
          <Segmented aria-label="标记" data-testid="pt-filter-flag" value={filters.flag} options={FLAG_OPTIONS} onChange={(value) => update({ flag: String(value) })} />
          {isMobile ? search : null}
          {isMobile ? (
            <Button icon={<FilterOutlined />} onClick={() => setMoreFilters((open) => !open)} aria-expanded={moreFilters}>
              {moreFilters ? '收起筛选' : activeMore ? `更多筛选（${activeMore}）` : '更多筛选'}
            </Button>
          ) : null}
          {showMore ? (
            <>
              <Select aria-label="状态" data-testid="pt-filter-state" value={filters.state} options={STATE_OPTIONS} onChange={(value) => update({ state: value })} style={{ width: 140 }} />
              <Select aria-label="类型" data-testid="pt-filter-kind" value={filters.kind} options={KIND_OPTIONS} onChange={(value) => update({ kind: value })} style={{ width: 120 }} />
              <Select aria-label="渠道" data-testid="pt-filter-channel" value={filters.channel} options={CHANNEL_OPTIONS} onChange={(value) => update({ channel: value })} style={{ width: 130 }} />
              <UnitFilter label="乡镇" placeholder="全部乡镇" value={filters.townshipId} treeData={townshipTree} onChange={(townshipId) => update({ townshipId })} width={150} testId="pt-filter-township" />
              <Select
                aria-label="类别"
                data-testid="pt-filter-category"
                value={filters.categoryId}
                options={categoryOptions}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(value) => update({ categoryId: value })}
                style={{ width: 140 }}
              />
              <UnitFilter label="承办单位" placeholder="全部承办单位" value={filters.handlingUnitId} treeData={unitTree} onChange={(handlingUnitId) => update({ handlingUnitId })} width={180} testId="pt-filter-handling-unit" />
              <DatePicker.RangePicker
                aria-label="收到日期"
                data-testid="pt-filter-dates"
                placeholder={['收到日期起', '收到日期止']}
                value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
                onChange={(range) => update({ from: range?.[0]?.format(DAY) ?? '', to: range?.[1]?.format(DAY) ?? '' })}
              />
            </>
          ) : null}
          {!isMobile ? search : null}
          {filters.matterId ? (
            // Reached from a 群体性预警: the cases found to be on one matter; the tag clears it.
            <Tag closable color="red" data-testid="pt-filter-matter" onClose={() => update({ matterId: '' })}>
              同一事项
            </Tag>
          ) : null}
        </FilterBar>
        <ResponsiveList<PetitionSummary>
          items={list.data?.items ?? []}
          query={list}
          columns={columns}
          onOpen={(item) => navigate(`/petitions/${item.id}`)}
          rowData={(item) => ({ 'data-testid': `pt-row-${item.id}` })}
          dueMark={dueMark}
          empty="暂无信访事项"
          scrollX={1080}
          paging={{ page: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, countUnit: '件', onChange: (next) => update({ page: String(next) }) }}
          card={(item) => (
            <>
              <div className="zs-cell-sub">
                {item.serial} · {item.channelLabel} · {item.categoryName}
              </div>
              <div className="zs-item-card-title">{item.summary}</div>
              <div className="zs-item-card-tags">
                <PetitionStateTag state={item.state} label={item.stateLabel} />
                <PetitionFlags isGroup={item.isGroup} skipLevel={item.skipLevel} />
              </div>
              <div className="zs-item-card-meta">
                <span>
                  {item.petitionerName} · {item.townshipName}
                </span>
                <NextDeadline item={item} />
              </div>
            </>
          )}
        />
      </div>
    </div>
  );
}

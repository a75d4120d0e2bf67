import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Checkbox, Empty, Input, Pagination, Select, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, FilterOutlined, InboxOutlined } from '@ant-design/icons';
import type { DocumentDirection, DocumentSummary } from '../../api/types';
import { useMe } from '../../app/auth';
import { canDraftDocument, canRegisterIncoming } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { formatDate, formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useUrlFilters } from '../../shared/use-url-filters';
import {
  CLOSED_STATES,
  DOCUMENT_TYPES,
  DOCUMENT_URGENCY_LABELS,
  INCOMING_STATE_LABELS,
  OUTGOING_STATE_LABELS,
  REGISTER_TITLES,
} from './document-labels';
import { ClassificationTag, DocumentStateTag, DocumentUrgencyTag, ImportantTag } from './document-tags';
import { exportDocumentRegister, useDocumentIssuers, useDocumentList, type DocumentFilters } from './documents.api';

const PAGE_SIZE = 20;

function yearOptions() {
  const now = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(now - i));
  return [{ value: '', label: '全部年份' }, ...years.map((year) => ({ value: year, label: `${year}年` }))];
}

const TYPE_OPTIONS = [{ value: '', label: '全部文种' }, ...DOCUMENT_TYPES.map((type) => ({ value: type, label: type }))];
const URGENCY_OPTIONS = [{ value: '', label: '全部紧急程度' }, ...Object.entries(DOCUMENT_URGENCY_LABELS).map(([value, label]) => ({ value, label }))];
const STATE_OPTIONS: Record<DocumentDirection, { value: string; label: string }[]> = {
  outgoing: [{ value: '', label: '全部状态' }, ...Object.entries(OUTGOING_STATE_LABELS).map(([value, label]) => ({ value, label }))],
  incoming: [{ value: '', label: '全部状态' }, ...Object.entries(INCOMING_STATE_LABELS).map(([value, label]) => ({ value, label }))],
};

const isOverdue = (item: DocumentSummary) => item.overdue && !CLOSED_STATES.has(item.state);

function TitleCell({ item }: { item: DocumentSummary }) {
  return (
    <div>
      <Link to={`/documents/${item.id}`} className="zs-title-link" data-testid="document-row-title" onClick={(event) => event.stopPropagation()}>
        {item.title || '（无标题）'}
      </Link>{' '}
      <ImportantTag important={item.important} />
    </div>
  );
}

/** 非密 is the common case and stays quiet; 秘密 and above are tagged. */
function Classification({ item }: { item: DocumentSummary }) {
  return item.classification === 'none' ? <span className="zs-text-muted">非密</span> : <ClassificationTag classification={item.classification} />;
}

function Holders({ holders }: { holders: string[] }) {
  return holders.length ? <span>{holders.join('、')}</span> : <span className="zs-text-muted">—</span>;
}

function Deadline({ item }: { item: DocumentSummary }) {
  if (!item.deadline) return <span className="zs-text-muted">—</span>;
  return <span className={isOverdue(item) ? 'zs-text-overdue' : undefined}>{formatDate(item.deadline)}{isOverdue(item) ? '（逾期）' : ''}</span>;
}

function outgoingColumns(): TableColumnsType<DocumentSummary> {
  return [
    {
      title: '发文字号',
      dataIndex: 'numberText',
      width: 140,
      render: (value: string | null) => (value ? <span style={{ whiteSpace: 'nowrap' }}>{value}</span> : <span className="zs-text-muted">未编号</span>),
    },
    { title: '标题', dataIndex: 'title', render: (_value, item) => <TitleCell item={item} /> },
    { title: '文种', dataIndex: 'docType', width: 64 },
    { title: '发文单位', dataIndex: 'unitName', width: 130 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 110,
      render: (state: string, item) => (
        <div>
          <DocumentStateTag state={state} label={item.stateLabel} />
          {item.holders.length && !CLOSED_STATES.has(state) ? <div className="zs-cell-sub">{item.holders.join('、')}</div> : null}
        </div>
      ),
    },
    { title: '紧急程度', dataIndex: 'urgency', width: 80, render: (_value, item) => <DocumentUrgencyTag urgency={item.urgency} hideNormal /> },
    { title: '密级', dataIndex: 'classification', width: 64, render: (_value, item) => <Classification item={item} /> },
    { title: '拟稿人', dataIndex: 'createdByName', width: 80 },
    {
      title: '签发/印发时间',
      key: 'dates',
      width: 150,
      render: (_value, item) =>
        item.signedAt || item.issuedAt ? (
          <div className="zs-cell-sub" style={{ marginTop: 0 }}>
            {item.signedAt ? <div>签发 {formatDateTime(item.signedAt)}</div> : null}
            {item.issuedAt ? <div>印发 {formatDateTime(item.issuedAt)}</div> : null}
          </div>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
  ];
}

/** `withUnit`: a clerk who keeps several units' registers (or sees copies sent to other units) needs the 收文单位. */
function incomingColumns(withUnit: boolean): TableColumnsType<DocumentSummary> {
  return [
    {
      title: '收文编号',
      dataIndex: 'incomingNumber',
      width: 120,
      render: (value: string | null) => (value ? <span style={{ whiteSpace: 'nowrap' }}>{value}</span> : <span className="zs-text-muted">待签收</span>),
    },
    { title: '来文单位', dataIndex: 'senderName', width: 140, render: (value: string | null) => value ?? '—' },
    { title: '来文字号', dataIndex: 'numberText', width: 130, render: (value: string | null) => value ?? <span className="zs-text-muted">—</span> },
    { title: '标题', dataIndex: 'title', render: (_value, item) => <TitleCell item={item} /> },
    { title: '紧急程度', dataIndex: 'urgency', width: 80, render: (_value, item) => <DocumentUrgencyTag urgency={item.urgency} hideNormal /> },
    { title: '密级', dataIndex: 'classification', width: 64, render: (_value, item) => <Classification item={item} /> },
    { title: '状态', dataIndex: 'state', width: 90, render: (state: string, item) => <DocumentStateTag state={state} label={item.stateLabel} /> },
    { title: '办理期限', dataIndex: 'deadline', width: 120, render: (_value, item) => <Deadline item={item} /> },
    { title: '当前办理人', dataIndex: 'holders', width: 120, render: (holders: string[]) => <Holders holders={holders} /> },
    ...(withUnit ? [{ title: '收文单位', dataIndex: 'unitName', width: 140 }] : []),
  ];
}

function RegisterCard({ item, onOpen }: { item: DocumentSummary; onOpen: () => void }) {
  const number = item.direction === 'incoming' ? item.incomingNumber : item.numberText;
  return (
    <div
      role="link"
      tabIndex={0}
      className={`zs-item-card${isOverdue(item) ? ' zs-item-card-overdue' : ''}`}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen();
      }}
    >
      <div className="zs-cell-sub">{number ?? (item.direction === 'incoming' ? '待签收' : '未编号')}</div>
      <div className="zs-item-card-title">
        <TitleCell item={item} />
      </div>
      <div className="zs-item-card-tags">
        <DocumentStateTag state={item.state} label={item.stateLabel} />
        <DocumentUrgencyTag urgency={item.urgency} hideNormal />
        <ClassificationTag classification={item.classification} hideNone />
      </div>
      <div className="zs-item-card-meta">
        <span>{item.direction === 'incoming' ? item.senderName : item.unitName}</span>
        <span>{item.direction === 'incoming' ? <Deadline item={item} /> : formatDate(item.issuedAt ?? item.createdAt)}</span>
      </div>
      {item.holders.length && !CLOSED_STATES.has(item.state) ? <div className="zs-cell-sub">当前办理人：{item.holders.join('、')}</div> : null}
    </div>
  );
}

/** 发文登记簿 / 收文登记簿: every document the user may read, filtered in the URL, exportable to .xlsx. */
function DocumentRegister({ direction }: { direction: DocumentDirection }) {
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const toastError = useErrorToast();
  const [params, update] = useUrlFilters();
  const issuers = useDocumentIssuers();
  const filters: DocumentFilters = {
    direction,
    year: params.get('year') ?? '',
    unitId: params.get('unitId') ?? '',
    docType: params.get('docType') ?? '',
    state: params.get('state') ?? '',
    urgency: params.get('urgency') ?? '',
    overdue: direction === 'incoming' && params.get('overdue') === 'true' ? true : undefined,
    q: params.get('q') ?? '',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useDocumentList({ ...filters, page, pageSize: PAGE_SIZE });
  const [keyword, setKeyword] = useState(filters.q);
  useEffect(() => setKeyword(filters.q ?? ''), [filters.q]);
  const [moreFilters, setMoreFilters] = useState(false);
  const [exporting, setExporting] = useState(false);
  const title = REGISTER_TITLES[direction];
  const unitOptions = issuers.data && issuers.data.length > 1 ? issuers.data.map((unit) => ({ value: unit.id, label: unit.name })) : null;
  const activeMore = [filters.year, filters.unitId, filters.docType, filters.state, filters.urgency, filters.overdue].filter(Boolean).length;
  const showMore = !isMobile || moreFilters;

  const open = (item: DocumentSummary) => navigate(`/documents/${item.id}`);
  const onExport = () => {
    setExporting(true);
    exportDocumentRegister(filters, `${title}.xlsx`)
      .catch(toastError)
      .finally(() => setExporting(false));
  };

  const search = (
    <Input.Search
      aria-label="关键词"
      placeholder={direction === 'incoming' ? '标题、文号、来文单位' : '标题、发文字号'}
      allowClear
      value={keyword}
      onChange={(event) => setKeyword(event.target.value)}
      onSearch={(value) => update({ q: value.trim() })}
      style={{ width: 240 }}
    />
  );

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const withUnit = Boolean(unitOptions) || new Set(items.map((item) => item.unitId)).size > 1;
  const empty = <Empty description={activeMore || filters.q ? '没有符合条件的公文' : direction === 'incoming' ? '暂无收文' : '暂无发文'} />;

  return (
    <div>
      <PageHeader
        title={title}
        subtitle={direction === 'incoming' ? '收到的上级、平级来文和系统内分送的公文' : '本单位拟制和印发的公文'}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport} data-testid="document-register-export">
              导出
            </Button>
            {direction === 'outgoing' && canDraftDocument(me) ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/documents/new')}>
                拟稿
              </Button>
            ) : null}
            {direction === 'incoming' && canRegisterIncoming(me) ? (
              <Button type="primary" icon={<InboxOutlined />} onClick={() => navigate('/documents/incoming/new')}>
                收文登记
              </Button>
            ) : null}
          </>
        }
      />
      <div className="zs-panel">
        <div className="zs-filters">
          {isMobile ? search : null}
          {isMobile ? (
            <Button icon={<FilterOutlined />} onClick={() => setMoreFilters((shown) => !shown)} aria-expanded={moreFilters}>
              {moreFilters ? '收起筛选' : activeMore ? `更多筛选（${activeMore}）` : '更多筛选'}
            </Button>
          ) : null}
          {showMore ? (
            <>
              <Select aria-label="年份" value={filters.year} options={yearOptions()} onChange={(value) => update({ year: value })} style={{ width: 120 }} />
              {unitOptions ? (
                <Select
                  aria-label="单位"
                  value={filters.unitId || undefined}
                  options={unitOptions}
                  placeholder="全部单位"
                  allowClear
                  onChange={(value?: string) => update({ unitId: value ?? '' })}
                  style={{ width: 180 }}
                />
              ) : null}
              <Select aria-label="文种" value={filters.docType} options={TYPE_OPTIONS} onChange={(value) => update({ docType: value })} style={{ width: 110 }} />
              <Select aria-label="状态" value={filters.state} options={STATE_OPTIONS[direction]} onChange={(value) => update({ state: value })} style={{ width: 120 }} />
              <Select aria-label="紧急程度" value={filters.urgency} options={URGENCY_OPTIONS} onChange={(value) => update({ urgency: value })} style={{ width: 130 }} />
              {direction === 'incoming' ? (
                <Checkbox checked={filters.overdue === true} onChange={(event) => update({ overdue: event.target.checked ? 'true' : '' })}>
                  仅看逾期
                </Checkbox>
              ) : null}
            </>
          ) : null}
          {!isMobile ? search : null}
        </div>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          <div data-testid="document-register-table">
            {items.length === 0 && !list.isPending ? empty : null}
            <div className="zs-card-list">
              {items.map((item) => (
                <RegisterCard key={item.id} item={item} onOpen={() => open(item)} />
              ))}
            </div>
            {total > PAGE_SIZE ? (
              <div className="zs-card-pagination">
                <Pagination simple current={page} pageSize={PAGE_SIZE} total={total} onChange={(next) => update({ page: String(next) })} />
              </div>
            ) : null}
          </div>
        ) : (
          <Table<DocumentSummary>
            data-testid="document-register-table"
            rowKey="id"
            size="middle"
            columns={direction === 'incoming' ? incomingColumns(withUnit) : outgoingColumns()}
            dataSource={items}
            loading={list.isPending}
            rowClassName={(item) => (isOverdue(item) ? 'zs-clickable-row zs-row-overdue' : 'zs-clickable-row')}
            onRow={(item) => ({ onClick: () => open(item) })}
            locale={{ emptyText: empty }}
            scroll={{ x: direction === 'outgoing' ? 1080 : withUnit ? 1270 : 1130 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
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

export function OutgoingRegisterPage() {
  return <DocumentRegister key="outgoing" direction="outgoing" />;
}

export function IncomingRegisterPage() {
  return <DocumentRegister key="incoming" direction="incoming" />;
}

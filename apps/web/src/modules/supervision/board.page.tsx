import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Col, Empty, Row, Segmented, Select, Skeleton, Table, type TableColumnsType } from 'antd';
import { ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import type { QueryParams } from '../../api/client';
import { useMe } from '../../app/auth';
import { canAccess, canRecordAccountability } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { UnitFilter } from '../../shared/unit-filter';
import { QueryError } from '../../shared/query-error';
import { formatDate, formatDateTime } from '../../shared/format';
import { DaysRemaining } from '../../shared/status-tags';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { AccountabilityFormModal, type AccountabilityPrefill } from './accountability-form';
import { useSupervisionBoard, type AttentionItem, type BoardFilters, type BoardTotals, type Colour, type ColourCounts, type InterviewProposal, type SupervisionBoard } from './supervision.api';
import { ColourBar, ColourTag, CountLink, itemsHref } from './supervision-parts';
import { COLOUR_LABELS, COLOURS, LEVEL_LABELS, SOURCE_KIND_LABELS } from './supervision-labels';
import './supervision.css';

const SOURCE_OPTIONS = Object.entries(SOURCE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const LEVEL_OPTIONS = [{ value: '', label: '全部' }, ...Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))];

type TotalCard = { key: keyof BoardTotals; label: string; tone: string; href: (filters: QueryParams) => string };

/** Each card opens the items it counts, with the board's own filters kept. */
const TOTAL_CARDS: TotalCard[] = [
  { key: 'open', label: '在办', tone: '', href: (f) => itemsHref({ ...f, flag: 'open' }) },
  ...COLOURS.map((colour) => ({ key: colour, label: COLOUR_LABELS[colour], tone: colour, href: (f: QueryParams) => itemsHref({ ...f, colour }) })),
  { key: 'registered', label: '待交办', tone: 'muted', href: (f) => itemsHref({ ...f, state: 'registered' }) },
  { key: 'completedThisMonth', label: '本月办结', tone: 'muted', href: (f) => itemsHref({ ...f, state: 'completed' }) },
];

function TotalCards({ totals, filters }: { totals: BoardTotals; filters: QueryParams }) {
  return (
    <div className="sv-totals">
      {TOTAL_CARDS.map((card) => (
        <Link key={card.key} to={card.href(filters)} className={`sv-total-card${card.tone ? ` sv-total-card-${card.tone}` : ''}`} data-testid={`sv-board-total-${card.key}`}>
          <div className="sv-total-card-label">{card.label}</div>
          <div className="sv-total-card-value">{totals[card.key]}</div>
        </Link>
      ))}
    </div>
  );
}

/** Columns shared by the by-unit, by-source and by-leader tables: a clickable count per colour and the share bar. */
function countColumns<T extends ColourCounts>(drill: (row: T) => QueryParams): TableColumnsType<T> {
  return [
    ...COLOURS.map((colour: Colour) => ({
      title: COLOUR_LABELS[colour].slice(0, 1),
      key: colour,
      width: 64,
      align: 'right' as const,
      render: (_: unknown, row: T) => <CountLink count={row[colour]} colour={colour} to={itemsHref({ ...drill(row), colour })} />,
    })),
    {
      title: '在办',
      key: 'open',
      width: 64,
      align: 'right' as const,
      render: (_: unknown, row: T) => <CountLink count={row.open} to={itemsHref({ ...drill(row), flag: 'open' })} />,
    },
    { title: '分布', key: 'bar', width: 160, render: (_: unknown, row: T) => <ColourBar counts={row} /> },
  ];
}

function rowTestId<T>(id: (row: T) => string) {
  return (row: T) => ({ 'data-testid': id(row) }) as HTMLAttributes<HTMLElement>;
}

function BreakdownTables({ board, filters }: { board: SupervisionBoard; filters: BoardFilters }) {
  type UnitRow = SupervisionBoard['byUnit'][number];
  type SourceRow = SupervisionBoard['bySource'][number];
  type LeaderRow = SupervisionBoard['byLeader'][number];
  const unitColumns: TableColumnsType<UnitRow> = [
    { title: '牵头单位', dataIndex: 'unitName' },
    ...countColumns<UnitRow>((row) => ({ ...filters, unitId: row.unitId })),
  ];
  const sourceColumns: TableColumnsType<SourceRow> = [
    { title: '来源类别', dataIndex: 'label' },
    ...countColumns<SourceRow>((row) => ({ ...filters, sourceKind: row.sourceKind })),
  ];
  const leaderColumns: TableColumnsType<LeaderRow> = [
    { title: '责任领导', dataIndex: 'leaderName' },
    ...countColumns<LeaderRow>((row) => ({ ...filters, leaderId: row.leaderId })),
  ];
  return (
    <>
      <div className="zs-panel">
        <h3 className="sv-section-title">按牵头单位</h3>
        <Table<UnitRow>
          rowKey="unitId"
          size="small"
          columns={unitColumns}
          dataSource={board.byUnit}
          onRow={rowTestId<UnitRow>((row) => `sv-board-unit-row-${row.unitId}`)}
          pagination={board.byUnit.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          locale={{ emptyText: '暂无在办事项' }}
        />
      </div>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <div className="zs-panel">
            <h3 className="sv-section-title">按来源类别</h3>
            <Table<SourceRow>
              rowKey="sourceKind"
              size="small"
              columns={sourceColumns}
              dataSource={board.bySource}
              onRow={rowTestId<SourceRow>((row) => `sv-board-source-row-${row.sourceKind}`)}
              pagination={false}
              scroll={{ x: 520 }}
              locale={{ emptyText: '暂无在办事项' }}
            />
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="zs-panel">
            <h3 className="sv-section-title">按责任领导</h3>
            <Table<LeaderRow>
              rowKey="leaderId"
              size="small"
              columns={leaderColumns}
              dataSource={board.byLeader}
              onRow={rowTestId<LeaderRow>((row) => `sv-board-leader-row-${row.leaderId}`)}
              pagination={false}
              scroll={{ x: 520 }}
              locale={{ emptyText: '暂无在办事项' }}
            />
          </div>
        </Col>
      </Row>
    </>
  );
}

function InterviewProposals({ proposals, canRecord, onRecord }: { proposals: InterviewProposal[]; canRecord: boolean; onRecord: (proposal: InterviewProposal) => void }) {
  const columns: TableColumnsType<InterviewProposal> = [
    { title: '单位', dataIndex: 'unitName' },
    { title: '季度', dataIndex: 'quarterLabel', width: 140 },
    {
      title: '本季度变红事项',
      dataIndex: 'redItems',
      width: 130,
      align: 'right',
      // Counted over the quarter, so not a link to today's red list.
      render: (count: number) => <span className="zs-text-overdue">{count}</span>,
    },
    ...(canRecord
      ? [
          {
            title: '操作',
            key: 'action',
            width: 110,
            render: (_: unknown, row: InterviewProposal) => (
              <Button size="small" onClick={() => onRecord(row)} data-testid={`sv-interview-record-${row.unitId}`}>
                登记约谈
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <div className="zs-panel" data-testid="sv-interview-proposals">
      <h3 className="sv-section-title">约谈提议</h3>
      <div className="zs-cell-sub" style={{ marginBottom: 8 }}>
        一个季度内牵头事项变红达到规定数量的单位，提议由领导约谈。
      </div>
      <Table<InterviewProposal> rowKey="unitId" size="small" columns={columns} dataSource={proposals} pagination={false} scroll={{ x: 480 }} locale={{ emptyText: '本季度暂无约谈提议' }} />
    </div>
  );
}

function AttentionList({ items }: { items: AttentionItem[] }) {
  const navigate = useNavigate();
  const columns: TableColumnsType<AttentionItem> = [
    { title: '预警', dataIndex: 'colour', width: 72, render: (colour: Colour | null) => <ColourTag colour={colour} /> },
    {
      title: '事项',
      dataIndex: 'title',
      render: (title: string, item) => (
        <div>
          <Link to={`/assignments/${item.id}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
            {title}
          </Link>
          <div className="zs-cell-sub">
            {item.serial} · {item.sourceLabel} · {item.leaderName}
          </div>
          {item.colourReasons.length ? (
            <ul className="sv-reasons">
              {item.colourReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ),
    },
    { title: '牵头单位', dataIndex: 'assigneeUnitName', width: 140 },
    {
      title: '办理期限',
      dataIndex: 'deadline',
      width: 150,
      render: (deadline: string, item) => (
        <div>
          <div>{formatDate(deadline)}</div>
          <DaysRemaining days={item.daysRemaining} overdue={item.overdue} dueSoon={item.dueSoon} />
        </div>
      ),
    },
    {
      title: '最新反馈',
      dataIndex: 'latestFeedback',
      width: 280,
      render: (feedback: AttentionItem['latestFeedback']) =>
        feedback ? (
          <div>
            <div className="zs-progress-cell" title={feedback.text}>
              {feedback.text}
            </div>
            <div className="zs-cell-sub">
              {feedback.unitName} · {formatDateTime(feedback.at)}
            </div>
          </div>
        ) : (
          <span className="zs-text-muted">尚无反馈</span>
        ),
    },
  ];
  return (
    <div className="zs-panel" data-testid="sv-attention">
      <h3 className="sv-section-title">重点关注（红灯、黄灯事项）</h3>
      <Table<AttentionItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        rowClassName={(item) => (item.colour === 'red' ? 'zs-clickable-row zs-row-overdue' : 'zs-clickable-row zs-row-due-soon')}
        onRow={(item) => ({ onClick: () => navigate(`/assignments/${item.id}`) })}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description="没有红灯、黄灯事项" /> }}
      />
    </div>
  );
}

/** /supervision — 督查督办看板: how many open items are red, yellow or green, where, and which need attention. */
export function SupervisionBoardPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const filters: BoardFilters = {
    unitId: params.get('unitId') ?? '',
    leaderId: params.get('leaderId') ?? '',
    sourceKind: params.get('sourceKind') ?? '',
    level: params.get('level') ?? '',
  };
  const board = useSupervisionBoard(filters);
  const directory = useDirectory();
  const { unitTree, leaderOptions } = useDirectoryPickers(directory);
  const [interview, setInterview] = useState<AccountabilityPrefill | null>(null);
  const canRecord = canRecordAccountability(me);

  const recordInterview = (proposal: InterviewProposal) =>
    setInterview({
      kind: 'interview',
      unitId: proposal.unitId,
      reason: `${proposal.unitName}${proposal.quarterLabel}牵头的督查事项中有${proposal.redItems}项亮红灯，达到约谈提议标准，提请约谈。`,
    });

  return (
    <div>
      <PageHeader
        title="督查督办看板"
        subtitle="在办事项的红黄绿预警分布；点击数字查看对应事项"
        extra={
          <>
            {canAccess(me, 'supervision-office') ? (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/supervision/import')}>
                批量立项
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} loading={board.isFetching && !board.isPending}>
              刷新
            </Button>
          </>
        }
      />
      <div className="zs-filters">
        <UnitFilter label="牵头单位" placeholder="全部牵头单位" value={filters.unitId ?? ''} treeData={unitTree} onChange={(unitId) => update({ unitId })} width={200} />
        <Select
          aria-label="责任领导"
          value={filters.leaderId || undefined}
          options={leaderOptions}
          placeholder="全部责任领导"
          allowClear
          onChange={(value?: string) => update({ leaderId: value ?? '' })}
          style={{ width: 180 }}
        />
        <Select
          aria-label="来源类别"
          value={filters.sourceKind || undefined}
          options={SOURCE_OPTIONS}
          placeholder="全部来源类别"
          allowClear
          onChange={(value?: string) => update({ sourceKind: value ?? '' })}
          style={{ width: 170 }}
        />
        <Segmented aria-label="重要程度" value={filters.level ?? ''} options={LEVEL_OPTIONS} onChange={(value) => update({ level: String(value) })} />
      </div>
      {board.isError ? (
        <div className="zs-panel">
          <QueryError error={board.error} onRetry={() => void board.refetch()} />
        </div>
      ) : board.isPending ? (
        <div className="zs-panel">
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      ) : (
        <>
          <TotalCards totals={board.data.totals} filters={filters} />
          <div className="zs-panel">
            <ColourBar counts={board.data.totals} height={14} />
            <div className="sv-colour-legend">
              {COLOURS.map((colour) => (
                <span key={colour}>
                  <i className={`sv-colour-bar-${colour}`} />
                  {COLOUR_LABELS[colour]} {board.data.totals[colour]} 项
                  {board.data.totals.open ? `（${((board.data.totals[colour] / board.data.totals.open) * 100).toFixed(1)}%）` : ''}
                </span>
              ))}
            </div>
          </div>
          <div style={{ marginTop: 16 }}>
            <BreakdownTables board={board.data} filters={filters} />
          </div>
          <div style={{ marginTop: 16 }}>
            <InterviewProposals proposals={board.data.interviewProposals} canRecord={canRecord} onRecord={recordInterview} />
          </div>
          <div style={{ marginTop: 16 }}>
            <AttentionList items={board.data.attention} />
          </div>
        </>
      )}
      {canRecord ? <AccountabilityFormModal open={interview !== null} prefill={interview ?? undefined} onClose={() => setInterview(null)} /> : null}
    </div>
  );
}

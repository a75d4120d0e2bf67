import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Col, DatePicker, Empty, Progress, Row, Skeleton, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { toQueryString, type QueryParams } from '../../api/client';
import { PageHeader } from '../../shared/page-header';
import { EChart } from '../../shared/echart';
import { QueryError } from '../../shared/query-error';
import { formatDate } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useUrlFilters } from '../../shared/use-url-filters';
import { downloadMonthlyReport, usePetitionBoard, usePetitionStats, type CountRow, type PetitionBoard, type PetitionStats } from './petitions.api';
import { formatRate } from './petition-labels';
import './petitions.css';

const DAY = 'YYYY-MM-DD';

function listHref(params: QueryParams): string {
  return `/petitions${toQueryString(params)}`;
}

type TotalKey = keyof PetitionBoard['totals'];
const TOTAL_CARDS: { key: TotalKey; label: string; tone: string; href: string }[] = [
  { key: 'open', label: '在办', tone: '', href: listHref({}) },
  { key: 'overdue', label: '逾期', tone: 'red', href: listHref({ flag: 'overdue' }) },
  { key: 'dueSoon', label: '临期', tone: 'orange', href: listHref({ flag: 'due_soon' }) },
  { key: 'group', label: '集体访', tone: 'orange', href: listHref({ flag: 'group' }) },
  { key: 'skipLevel', label: '越级访', tone: 'red', href: listHref({ flag: 'skip_level' }) },
];

function presets(): { label: string; value: [Dayjs, Dayjs] }[] {
  const today = dayjs().startOf('day');
  const lastMonth = today.subtract(1, 'month');
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
  return [
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [lastMonth.startOf('month'), lastMonth.endOf('month').startOf('day')] },
    { label: '本季度', value: [quarterStart, today] },
    { label: '本年', value: [today.startOf('year'), today] },
  ];
}

/** Counts as horizontal bars, longest first (the app has no chart library). */
function BarList({ rows, testId, empty = '期内无数据' }: { rows: CountRow[]; testId: string; empty?: string }) {
  if (!rows.length) return <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const max = Math.max(...rows.map((row) => row.count), 1);
  return (
    <div className="pt-bars" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.key} className="pt-bar-row" data-testid={`${testId}-${row.key}`}>
          <span className="pt-bar-label" title={row.label}>
            {row.label}
          </span>
          <span className="pt-bar-track" role="img" aria-label={`${row.label} ${row.count}件`}>
            <span className="pt-bar-fill" style={{ display: 'block', width: `${(row.count / max) * 100}%` }} />
          </span>
          <span className="pt-bar-count">{row.count}</span>
        </div>
      ))}
    </div>
  );
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="zs-panel" style={{ height: '100%' }} data-testid={testId}>
      <h3 className="pt-section-title">{title}</h3>
      {children}
    </div>
  );
}

function BoardSection({ board }: { board: PetitionBoard }) {
  type GroupAlert = PetitionBoard['groupAlerts'][number];
  type Frequent = PetitionBoard['frequentPetitioners'][number];
  const alertColumns: TableColumnsType<GroupAlert> = [
    { title: '乡镇', dataIndex: 'townshipName', width: 76 },
    {
      title: '事项',
      dataIndex: 'summary',
      render: (summary: string, row) => (
        <div>
          <div>{summary}</div>
          <div className="zs-cell-sub">
            {row.categoryNames.join('、')}
            {/* On a phone the start date has no column of its own. */}
            <span className="pt-hide-md"> · 自{formatDate(row.since)}</span>
          </div>
        </div>
      ),
    },
    {
      title: '件数',
      dataIndex: 'count',
      width: 70,
      align: 'right',
      render: (count: number, row) => (
        <Link to={listHref({ matterId: row.matterId, townshipId: row.townshipId, from: row.since.slice(0, 10), to: dayjs().format(DAY) })} className="zs-text-overdue" data-testid={`pt-group-count-${row.matterId}`}>
          {count}
        </Link>
      ),
    },
    { title: '起始日期', dataIndex: 'since', width: 120, responsive: ['md'], render: (since: string) => formatDate(since) },
  ];
  const frequentColumns: TableColumnsType<Frequent> = [
    { title: '信访人', dataIndex: 'name', render: (name: string) => <Link to={listHref({ q: name })}>{name}</Link> },
    { title: '次数', dataIndex: 'visits', width: 80, align: 'right' },
    { title: '首次', dataIndex: 'since', width: 120, render: (since: string) => formatDate(since) },
  ];
  return (
    <>
      <div className="pt-totals">
        {TOTAL_CARDS.map((card) => (
          <Link key={card.key} to={card.href} className={`pt-total-card${card.tone ? ` pt-total-card-${card.tone}` : ''}`} data-testid={`pt-board-${card.key}`}>
            <div className="pt-total-card-label">{card.label}</div>
            <div className="pt-total-card-value">{board.totals[card.key]}</div>
          </Link>
        ))}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title="群体性预警" testId="pt-group-alerts">
            <div className="zs-cell-sub" style={{ marginBottom: 8 }}>
              同一乡镇反映同一事项（内容相似）的信访事项在设定天数内达到设定件数的，提示可能形成群体性事件。
            </div>
            <Table<GroupAlert>
              rowKey={(row) => `${row.townshipId}-${row.matterId}`}
              size="small"
              columns={alertColumns}
              dataSource={board.groupAlerts}
              pagination={false}
              locale={{ emptyText: '暂无群体性预警' }}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="重复信访人" testId="pt-frequent">
            <div className="zs-cell-sub" style={{ marginBottom: 8 }}>
              设定天数内信访次数达到设定次数的信访人。
            </div>
            <Table<Frequent> rowKey="petitionerId" size="small" columns={frequentColumns} dataSource={board.frequentPetitioners} pagination={false} locale={{ emptyText: '暂无重复信访人' }} />
          </Panel>
        </Col>
      </Row>
    </>
  );
}

function StatsSection({ stats }: { stats: PetitionStats }) {
  type OnTime = PetitionStats['onTime'][number];
  type Top = PetitionStats['topMatters'][number];
  const total = stats.byChannel.reduce((sum, row) => sum + row.count, 0);
  const { satisfaction } = stats;
  const evaluated = satisfaction.satisfied + satisfaction.basically + satisfaction.unsatisfied;
  const onTimeColumns: TableColumnsType<OnTime> = [
    { title: '时限', dataIndex: 'label' },
    { title: '应完成', dataIndex: 'due', width: 80, align: 'right' },
    { title: '按期完成', dataIndex: 'met', width: 90, align: 'right' },
    {
      title: '按期率',
      dataIndex: 'rate',
      width: 170,
      render: (rate: number | null) =>
        rate === null ? (
          <span className="zs-text-muted">—</span>
        ) : (
          <Progress percent={rate} size="small" status="normal" format={() => formatRate(rate)} style={{ width: 150, margin: 0 }} />
        ),
    },
  ];
  const topColumns: TableColumnsType<Top> = [
    { title: '序号', key: 'index', width: 60, render: (_value, _row, index) => index + 1 },
    { title: '事项', dataIndex: 'summary' },
    { title: '乡镇', dataIndex: 'townshipNames', render: (names: string[]) => names.join('、') },
    { title: '类别', dataIndex: 'categoryNames', render: (names: string[]) => names.join('、') },
    {
      title: '件数',
      dataIndex: 'count',
      width: 80,
      align: 'right',
      render: (count: number, row) => <Link to={listHref({ matterId: row.matterId, from: stats.from, to: stats.to })}>{count}</Link>,
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <div className="zs-panel">
            <div className="zs-cell-sub">期内信访总量</div>
            <div className="pt-stat-figure" data-testid="stats-total">
              {total}
            </div>
          </div>
        </Col>
        <Col xs={12} md={6}>
          <div className="zs-panel">
            <div className="zs-cell-sub">满意率（满意＋基本满意）</div>
            <div className="pt-stat-figure" data-testid="stats-satisfaction">
              {formatRate(satisfaction.rate)}
            </div>
          </div>
        </Col>
        <Col xs={24} md={12}>
          <div className="zs-panel" data-testid="stats-evaluations">
            <div className="zs-cell-sub">信访人评价（共{evaluated}件）</div>
            <Space size={24} wrap style={{ marginTop: 6 }}>
              <span>满意 {satisfaction.satisfied}</span>
              <span>基本满意 {satisfaction.basically}</span>
              <span className={satisfaction.unsatisfied ? 'zs-text-overdue' : undefined}>不满意 {satisfaction.unsatisfied}</span>
            </Space>
          </div>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Panel title="渠道构成">
            <EChart
              ariaLabel="按渠道的信访件数饼图"
              testId="stats-chart-channel"
              option={{
                tooltip: { trigger: 'item', formatter: '{b}：{c}件（{d}%）' },
                legend: { bottom: 0 },
                series: [{ type: 'pie', radius: ['35%', '65%'], data: stats.byChannel.map((r) => ({ name: r.label, value: r.count })) }],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="月度走势">
            <EChart
              ariaLabel="各月信访件数折线图"
              testId="stats-chart-month"
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 16, top: 16, bottom: 32 },
                xAxis: { type: 'category', data: stats.byMonth.map((r) => r.label) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'line', name: '件数', data: stats.byMonth.map((r) => r.count), areaStyle: {} }],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按渠道">
            <BarList rows={stats.byChannel} testId="stats-channel" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按月份">
            <BarList rows={stats.byMonth} testId="stats-month" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按问题类别">
            <BarList rows={stats.byCategory} testId="stats-category" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按乡镇">
            <BarList rows={stats.byTownship} testId="stats-township" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按承办单位">
            <BarList rows={stats.byHandlingUnit} testId="stats-handling-unit" />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="按期办理情况" testId="stats-on-time">
            <Table<OnTime> rowKey="kind" size="small" columns={onTimeColumns} dataSource={stats.onTime} pagination={false} locale={{ emptyText: '期内无到期的时限' }} />
          </Panel>
        </Col>
        <Col xs={24}>
          <Panel title="突出问题" testId="stats-top-matters">
            <Table<Top>
              rowKey="matterId"
              size="small"
              columns={topColumns}
              dataSource={stats.topMatters}
              pagination={false}
              locale={{ emptyText: '期内没有反映两次以上的事项' }}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}

/** 月报: the monthly report of a chosen month, as .docx for the leaders and .xlsx for the figures. */
function MonthlyReport() {
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const toastError = useErrorToast();
  const { message } = App.useApp();
  const download = (format: 'docx' | 'xlsx') => {
    setBusy(format);
    downloadMonthlyReport(month.format('YYYY-MM'), format)
      .then(() => message.success('月报已下载'))
      .catch(toastError)
      .finally(() => setBusy(null));
  };
  return (
    <Space wrap>
      <span>月报</span>
      <DatePicker
        picker="month"
        aria-label="月报月份"
        value={month}
        allowClear={false}
        disabledDate={(day) => day.isAfter(dayjs(), 'month')}
        onChange={(value) => value && setMonth(value.startOf('month'))}
        data-testid="pt-report-month"
      />
      <Button icon={<DownloadOutlined />} loading={busy === 'docx'} onClick={() => download('docx')} data-testid="pt-report-docx">
        下载.docx
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => download('xlsx')} data-testid="pt-report-xlsx">
        下载.xlsx
      </Button>
    </Space>
  );
}

/** /petitions/board — 信访看板 (today's open cases and warnings) and the statistics of a period (this month by default). */
export function PetitionBoardPage() {
  const [params, update] = useUrlFilters();
  const from = params.get('from') || dayjs().startOf('month').format(DAY);
  const to = params.get('to') || dayjs().format(DAY);
  const board = usePetitionBoard();
  const stats = usePetitionStats({ from, to });

  return (
    <div>
      <PageHeader
        title="信访看板"
        subtitle="在办信访事项、预警和期内统计；点击数字查看对应事项"
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void board.refetch();
              void stats.refetch();
            }}
            loading={(board.isFetching && !board.isPending) || (stats.isFetching && !stats.isPending)}
          >
            刷新
          </Button>
        }
      />
      {board.isError ? (
        <div className="zs-panel">
          <QueryError error={board.error} onRetry={() => void board.refetch()} />
        </div>
      ) : board.isPending ? (
        <div className="zs-panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : (
        <BoardSection board={board.data} />
      )}

      <div className="zs-panel" style={{ marginTop: 16 }}>
        <div className="zs-filters" style={{ justifyContent: 'space-between', marginBottom: 0 }}>
          <Space wrap>
            <span>统计期间</span>
            <DatePicker.RangePicker
              aria-label="统计期间"
              data-testid="stats-period"
              value={[dayjs(from), dayjs(to)]}
              presets={presets()}
              allowClear={false}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              onChange={(range) => {
                if (range?.[0] && range[1]) update({ from: range[0].format(DAY), to: range[1].format(DAY) });
              }}
            />
          </Space>
          <MonthlyReport />
        </div>
      </div>
      <div style={{ marginTop: 16 }}>
        {stats.isError ? (
          <div className="zs-panel">
            <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
          </div>
        ) : stats.isPending ? (
          <div className="zs-panel">
            <Skeleton active paragraph={{ rows: 8 }} />
          </div>
        ) : (
          <StatsSection stats={stats.data} />
        )}
      </div>
    </div>
  );
}

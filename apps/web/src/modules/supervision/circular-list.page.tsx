import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, DatePicker, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { formatDate, formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useCirculars, useGenerateCircular, type CircularSummary } from './supervision.api';
import './supervision.css';

/** The monthly 通报 covers the previous calendar month, so that is what the form offers first. */
function previousMonth(): [Dayjs, Dayjs] {
  const month = dayjs().subtract(1, 'month');
  return [month.startOf('month'), month.endOf('month').startOf('day')];
}

function GenerateForm() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const generate = useGenerateCircular();
  const [initialFrom, initialTo] = previousMonth();
  const [from, setFrom] = useState<Dayjs | null>(initialFrom);
  const [to, setTo] = useState<Dayjs | null>(initialTo);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (!from || !to) {
      setProblem('请选择通报的起止日期');
      return;
    }
    if (to.isBefore(from, 'day')) {
      setProblem('截止日期不能早于起始日期');
      return;
    }
    setProblem(null);
    generate.mutate(
      { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') },
      {
        onSuccess: ({ id }) => {
          message.success('通报已生成');
          navigate(`/supervision/circulars/${id}`);
        },
        onError: toastError,
      },
    );
  };

  return (
    <div className="zs-panel">
      <h3 className="sv-section-title">生成通报</h3>
      <div className="zs-filters" style={{ marginBottom: 4 }}>
        <span>统计期间</span>
        <DatePicker
          aria-label="通报起始日期"
          placeholder="起始日期"
          value={from}
          onChange={(value) => setFrom(value)}
          allowClear={false}
          data-testid="circular-from"
        />
        <span>至</span>
        <DatePicker
          aria-label="通报截止日期"
          placeholder="截止日期"
          value={to}
          onChange={(value) => setTo(value)}
          allowClear={false}
          disabledDate={(day) => day.isAfter(dayjs(), 'day')}
          data-testid="circular-to"
        />
        <Button type="primary" icon={<FileAddOutlined />} loading={generate.isPending} onClick={submit} data-testid="circular-generate">
          生成通报
        </Button>
      </div>
      {problem ? <div className="zs-text-overdue">{problem}</div> : null}
      <div className="zs-cell-sub">每月1日系统自动生成上月通报；如需其他期间，可在此按需生成。</div>
    </div>
  );
}

/** /supervision/circulars — 通报: the monthly ones the scheduler made and those generated on demand. */
export function CircularListPage() {
  const navigate = useNavigate();
  const [params, update] = useUrlFilters();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const list = useCirculars(page, pageSize);

  const columns: TableColumnsType<CircularSummary> = [
    {
      title: '通报',
      dataIndex: 'title',
      render: (title: string, item) => (
        <Link to={`/supervision/circulars/${item.id}`} className="zs-title-link" onClick={(event) => event.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    {
      title: '统计期间',
      key: 'period',
      width: 220,
      render: (_, item) => `${formatDate(item.periodStart)} 至 ${formatDate(item.periodEnd)}`,
    },
    {
      title: '生成方式',
      dataIndex: 'auto',
      width: 100,
      render: (auto: boolean) => (auto ? <Tag color="blue">每月自动</Tag> : <Tag>按需生成</Tag>),
    },
    {
      title: '办文',
      dataIndex: 'documentId',
      width: 110,
      render: (documentId: string | null) =>
        documentId ? (
          <Link to={`/documents/${documentId}`} onClick={(event) => event.stopPropagation()}>
            已送拟稿
          </Link>
        ) : (
          <span className="zs-text-muted">未送办文</span>
        ),
    },
    { title: '生成人', dataIndex: 'createdByName', width: 110 },
    { title: '生成时间', dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
  ];

  return (
    <div>
      <PageHeader title="通报" subtitle="督查督办情况通报：按单位统计交办、办结、按期办结率和逾期、红灯事项" />
      <GenerateForm />
      <div className="zs-panel">
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CircularSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isPending}
            rowClassName={() => 'zs-clickable-row'}
            onRow={(item) => ({ onClick: () => navigate(`/supervision/circulars/${item.id}`) })}
            locale={{ emptyText: <Empty description="暂无通报" /> }}
            scroll={{ x: 860 }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (count) => `共 ${count} 期`,
              hideOnSinglePage: true,
              onChange: (next) => update({ page: String(next) }),
            }}
          />
        )}
      </div>
    </div>
  );
}

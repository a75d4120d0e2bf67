import { useUrlFilters } from '../../shared/use-url-filters';
import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, DatePicker, Input, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { AuditRow, AuditVerifyResult, Page } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { AUDIT_ACTION_OPTIONS, auditActionLabel, auditEntityLabel } from './audit-labels';

type AuditFilters = { from: string; to: string; actor: string; action: string; page: number; pageSize: number };

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

export function AuditPage() {
  const toastError = useErrorToast();
  const [params, setFilters] = useUrlFilters();
  const filters: AuditFilters = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(params.get('pageSize')) || 50)),
  };
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [actor, setActor] = useState(filters.actor);
  const [action, setAction] = useState(filters.action);
  useEffect(() => {
    setRange(filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null);
    setActor(filters.actor);
    setAction(filters.action);
  }, [filters.from, filters.to, filters.actor, filters.action]);

  const log = useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<Page<AuditRow>>('/audit', filters, { signal }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/audit/verify'),
    meta: { skipInboxRefresh: true },
    onError: toastError,
  });
  const [exporting, setExporting] = useState(false);


  const search = () =>
    setFilters({
      from: range?.[0]?.format('YYYY-MM-DD') ?? '',
      to: range?.[1]?.format('YYYY-MM-DD') ?? '',
      actor: actor.trim(),
      action: action.trim(),
    });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await api.download('/audit/export', { from: filters.from, to: filters.to, actor: filters.actor, action: filters.action }, `审计日志_${dayjs().format('YYYYMMDD')}.xlsx`);
    } catch (error) {
      toastError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditRow> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 150, render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value)}</span> },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 130,
      render: (value: string | null, row) => (value ? <span style={{ whiteSpace: 'nowrap' }}>{value}</span> : null) ?? (row.actorId ? <span className="zs-mono">{row.actorId}</span> : <span className="zs-text-muted">系统</span>),
    },
    { title: '来源地址', dataIndex: 'ip', width: 130, render: (value: string | null) => <span className="zs-mono">{value ?? '—'}</span> },
    {
      title: '操作',
      dataIndex: 'action',
      width: 190,
      render: (value: string) => {
        const label = auditActionLabel(value);
        return label ? (
          <div>
            <div>{label}</div>
            <div className="zs-mono zs-text-muted">{value}</div>
          </div>
        ) : (
          <span className="zs-mono">{value}</span>
        );
      },
    },
    {
      title: '对象',
      key: 'entity',
      width: 150,
      render: (_value, row) =>
        row.entityType ? (
          <Tooltip title={row.entityId ? `${row.entityType}:${row.entityId}` : row.entityType}>
            <span>
              {auditEntityLabel(row.entityType)}
              {row.entityId ? <span className="zs-mono zs-text-muted"> {row.entityId.slice(0, 8)}</span> : null}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: '详情',
      dataIndex: 'detail',
      render: (value: unknown) => {
        const text = detailText(value);
        return text ? (
          <Typography.Text className="zs-mono" ellipsis={{ tooltip: text }} style={{ maxWidth: 420 }}>
            {text}
          </Typography.Text>
        ) : (
          '—'
        );
      },
    },
  ];

  const verified = verify.data;

  return (
    <div>
      <PageHeader
        title="审计日志"
        subtitle="全部登录、变更和涉密内容查阅记录；每条记录以 SM3 哈希链接，任何篡改都可被发现"
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              校验哈希链
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
          </>
        }
      />
      {verified ? (
        verified.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-result"
            title={`哈希链完整：已校验 ${verified.rows} 条记录，未发现篡改。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-result"
            title={`哈希链断裂：序号 ${verified.brokenAt} 的记录与前序记录不一致，该记录或其之前的记录可能被篡改。`}
            description={
              <span>
                已校验 {verified.rows} 条记录。{' '}
                <a onClick={() => setFilters({ from: '', to: '', actor: '', action: '', page: '' })}>查看全部记录</a>
              </span>
            }
          />
        )
      ) : null}
      <div className="zs-panel">
        <div className="zs-filters">
          <DatePicker.RangePicker
            aria-label="时间范围"
            value={range}
            onChange={(value) => setRange(value)}
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
          />
          <Input aria-label="操作人" placeholder="操作人" value={actor} onChange={(event) => setActor(event.target.value)} onPressEnter={search} allowClear style={{ width: 160 }} />
          <AutoComplete
            aria-label="操作类型"
            placeholder="操作类型"
            value={action}
            options={AUDIT_ACTION_OPTIONS}
            onChange={(value: string) => setAction(value)}
            showSearch={{ filterOption: (input, option) => (option?.label ?? '').toString().includes(input) }}
            allowClear
            style={{ width: 240 }}
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={search}>
            查询
          </Button>
        </div>
        {log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<AuditRow>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={log.data?.items ?? []}
            loading={log.isPending}
            scroll={{ x: 1150 }}
            rowClassName={(row) => (verified && !verified.ok && row.seq === verified.brokenAt ? 'zs-row-overdue' : '')}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: log.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (count) => `共 ${count} 条`,
              onChange: (page, pageSize) => setFilters({ page: String(page), pageSize: pageSize === 50 ? '' : String(pageSize) }),
            }}
          />
        )}
      </div>
    </div>
  );
}

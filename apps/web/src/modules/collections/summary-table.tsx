// 汇总表: one row per unit (or per table row), figures of submitted units only, a 合计 row, refreshed as units submit.
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { QueryError } from '../../shared/query-error';
import { useIsMobile } from '../../shared/use-is-mobile';
import { summaryXlsxUrl, useCollectionSummary, type CollectionDetail, type SummaryMode, type SummaryRow } from './collections.api';
import { labelWithUnit } from './collection-labels';
import { LateTag, UnitStateTag } from './collection-parts';

/** Figures as the summary shows them: no grouping separators, no floating-point tails. */
export function formatFigure(value: number): string {
  return String(Number(value.toFixed(6)));
}

function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatFigure(value);
  return String(value);
}

const PAGE_SIZE = 100;

export function SummaryPanel({ detail }: { detail: CollectionDetail }) {
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const hasTable = detail.fields.some((field) => field.type === 'table');
  const [mode, setMode] = useState<SummaryMode>('unit');
  const activeMode: SummaryMode = hasTable ? mode : 'unit';
  const follow = detail.state === 'open';
  const summary = useCollectionSummary(detail.id, activeMode, follow, detail.state !== 'draft');
  const data = summary.data;
  const rowMode = data?.mode === 'row';

  const columns: TableColumnsType<SummaryRow> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      key: 'unitName',
      width: isMobile ? 112 : 180,
      fixed: isMobile ? undefined : 'left',
      render: (name: string) => <span className={isMobile ? undefined : 'cl-summary-unit'}>{name}</span>,
    },
    ...(rowMode ? [{ title: '行号', dataIndex: 'rowNo', key: 'rowNo', width: 64, align: 'center' as const, render: (rowNo: number | null) => rowNo ?? '' }] : []),
    {
      title: '状态',
      key: 'state',
      width: 110,
      render: (_v, row) => (
        <Space size={4} wrap>
          <UnitStateTag state={row.state} />
          {row.late && row.state === 'submitted' ? <LateTag /> : null}
        </Space>
      ),
    },
    ...(data?.columns ?? []).map((column) => ({
      title: labelWithUnit(column.label, column.unit),
      key: column.key,
      align: column.type === 'number' ? ('right' as const) : undefined,
      width: column.type === 'number' ? 130 : 170,
      render: (_v: unknown, row: SummaryRow) => cellText(row.cells[column.key]),
    })),
  ];

  const leading = rowMode ? 3 : 2;
  const rows = data?.rows ?? [];

  return (
    <div className="zs-panel" data-testid="collection-summary" data-mode={activeMode}>
      <div className="cl-section-head cl-summary-head">
        <h3 className="cl-section-title">汇总表</h3>
        <Space size={8} wrap>
          {hasTable ? (
            <Segmented<SummaryMode>
              value={activeMode}
              onChange={setMode}
              options={[
                { value: 'unit', label: '按单位' },
                { value: 'row', label: '按明细行' },
              ]}
              data-testid="summary-mode"
            />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void summary.refetch()} loading={summary.isFetching} aria-label="刷新汇总表" data-testid="summary-refresh" />
          <Button
            icon={<DownloadOutlined />}
            href={summaryXlsxUrl(detail.id, activeMode)}
            download={`${detail.title}汇总表.xlsx`}
            data-testid="collection-export"
            onClick={() => message.info('正在导出汇总表…')}
          >
            导出Excel
          </Button>
        </Space>
      </div>
      <div className="zs-cell-sub" style={{ marginBottom: 8 }}>
        合计只计已报送单位；未报送单位以灰色显示。{follow ? '征集期间每15秒自动刷新' : ''}
        {summary.dataUpdatedAt ? `（更新于 ${dayjs(summary.dataUpdatedAt).format('HH:mm:ss')}）` : ''}
      </div>
      {summary.isError && !data ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Table<SummaryRow>
          rowKey={(row) => `${row.unitId}-${row.rowNo ?? 0}`}
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          loading={summary.isPending}
          scroll={{ x: 'max-content' }}
          pagination={rows.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false, showTotal: (count) => `共 ${count} 行` } : false}
          rowClassName={(row) => (row.state === 'submitted' ? '' : 'cl-row-pending')}
          onRow={(row) => ({ 'data-testid': 'summary-row', 'data-unit': row.unitName, 'data-state': row.state }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: '尚无单位' }}
          summary={() =>
            data ? (
              <Table.Summary>
                <Table.Summary.Row data-testid="summary-total-row" className="cl-summary-total">
                  <Table.Summary.Cell index={0} colSpan={leading}>
                    合计（已报送 {data.completion.submitted}/{data.completion.total}）
                  </Table.Summary.Cell>
                  {data.columns.map((column, index) => {
                    const total = data.totals[column.key];
                    const text = !total ? '' : column.type === 'number' ? (total.sum === null ? '' : formatFigure(total.sum)) : `${total.count}项`;
                    return (
                      <Table.Summary.Cell key={column.key} index={leading + index} align={column.type === 'number' ? 'right' : undefined}>
                        <span data-testid={`summary-total-${column.key}`}>{text}</span>
                      </Table.Summary.Cell>
                    );
                  })}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </div>
  );
}

import { Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { DocumentDistribution } from '../../api/types';
import { formatDateTime } from '../../shared/format';

/** Internal recipients that have neither signed for the document nor sent it back. */
export function unsignedDistributions(rows: DocumentDistribution[]): DocumentDistribution[] {
  return rows.filter((row) => row.recipientUnitId !== null && !row.receivedAt && !row.returnedAt);
}

function ReceiptCell({ row }: { row: DocumentDistribution }) {
  if (row.returnedAt) {
    return (
      <div>
        <Tag color="error">已退文</Tag>
        <div className="zs-cell-sub">{formatDateTime(row.returnedAt)}</div>
        {row.returnReason ? <div style={{ whiteSpace: 'pre-wrap' }}>理由：{row.returnReason}</div> : null}
      </div>
    );
  }
  if (row.receivedAt) {
    return (
      <div>
        <Tag color="success">已签收</Tag>
        <div className="zs-cell-sub">
          {row.receivedByName ?? ''} {formatDateTime(row.receivedAt)}
        </div>
      </div>
    );
  }
  if (row.recipientUnitId === null) {
    return (
      <Tooltip title="系统外单位，纸质公文线下送达，不在系统内签收">
        <Tag>线下送达</Tag>
      </Tooltip>
    );
  }
  if (!row.sentAt) return <span className="zs-text-muted">尚未分送</span>;
  return <Tag color="warning">未签收</Tag>;
}

const columns: TableColumnsType<DocumentDistribution> = [
  {
    title: '收文单位',
    dataIndex: 'recipientName',
    render: (name: string, row) => (
      <span>
        {name} {row.recipientUnitId === null ? <Tag>系统外</Tag> : null}
      </span>
    ),
  },
  { title: '主送/抄送', dataIndex: 'kind', width: 90, render: (kind: DocumentDistribution['kind']) => (kind === 'primary' ? '主送' : '抄送') },
  { title: '份数', dataIndex: 'copies', width: 60, align: 'right' },
  { title: '分送时间', dataIndex: 'sentAt', width: 140, render: (value: string | null) => formatDateTime(value) },
  { title: '签收情况', key: 'receipt', width: 200, render: (_value, row) => <ReceiptCell row={row} /> },
];

/** 分发情况 of an outgoing document: who got it, how many copies, who signed for it and who sent it back. */
export function DistributionPanel({ distributions }: { distributions: DocumentDistribution[] }) {
  const sent = distributions.some((row) => row.sentAt);
  const unsigned = unsignedDistributions(distributions).length;
  const received = distributions.filter((row) => row.receivedAt).length;
  const returned = distributions.filter((row) => row.returnedAt).length;
  const offline = distributions.filter((row) => row.recipientUnitId === null).length;
  const totalCopies = distributions.reduce((sum, row) => sum + row.copies, 0);
  return (
    <div>
      <div className="zs-doc-toolbar" style={{ marginBottom: 8 }}>
        <span data-testid="distribution-unsigned-count" className={unsigned ? 'zs-doc-unsigned' : 'zs-doc-unsigned-zero'}>
          未签收 {unsigned} 家
        </span>
        <span className="zs-text-muted">
          共 {distributions.length} 家、{totalCopies} 份；已签收 {received} 家{returned ? `，退文 ${returned} 家` : ''}
          {offline ? `，线下送达 ${offline} 家` : ''}
          {sent ? '' : '（尚未印发分送）'}
        </span>
      </div>
      <Table<DocumentDistribution>
        data-testid="distribution-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={distributions}
        pagination={false}
        scroll={{ x: 640 }}
      />
    </div>
  );
}

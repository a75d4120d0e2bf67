import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Modal, Select, Skeleton, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { DiffOutlined, EyeOutlined } from '@ant-design/icons';
import type { DiffPart, DiffRow, DocumentDetail, DocumentVersion } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/use-is-mobile';
import { QueryError } from '../../shared/query-error';
import { DocumentPaper } from './document-paper';
import { useDocumentComparison, useDocumentVersion } from './documents.api';

const REMOVED_STYLE = { color: '#cf1322', background: '#fff1f0', textDecoration: 'line-through' } as const;
const ADDED_STYLE = { color: '#237804', background: '#f6ffed' } as const;

function versionLabel(version: DocumentVersion, signedVersionNo: number | null): string {
  return `第${version.versionNo}稿 · ${version.step} · ${version.authorName}${version.versionNo === signedVersionNo ? '（签发稿）' : ''}`;
}

/** One side of a row: changed parts struck through in red on the left, in green on the right. */
function DiffSide({ row, side }: { row: DiffRow; side: 'left' | 'right' }) {
  const text = side === 'left' ? row.left : row.right;
  const parts: DiffPart[] | undefined = side === 'left' ? row.leftParts : row.rightParts;
  const changedStyle = side === 'left' ? REMOVED_STYLE : ADDED_STYLE;
  if (text === null || text === undefined) return <span className="zs-text-muted">—</span>;
  if (row.kind === 'same') return <span className="zs-text-muted">{text}</span>;
  if ((row.kind === 'removed' && side === 'left') || (row.kind === 'added' && side === 'right')) return <span style={changedStyle}>{text}</span>;
  if (parts?.length) {
    return (
      <span>
        {parts.map((part, index) =>
          part.changed ? (
            <span key={index} style={changedStyle}>
              {part.text}
            </span>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </span>
    );
  }
  return <span style={row.kind === 'changed' ? changedStyle : undefined}>{text}</span>;
}

const KIND_TAGS: Record<DiffRow['kind'], { label: string; color?: string }> = {
  same: { label: '未改' },
  changed: { label: '修改', color: 'orange' },
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
};

/** Side-by-side comparison of two versions of the text (GET /api/documents/:id/compare). */
export function VersionCompareModal({ detail, open, onClose }: { detail: DocumentDetail; open: boolean; onClose: () => void }) {
  const isMobile = useIsMobile();
  const versions = detail.versions;
  const latest = versions.length ? Math.max(...versions.map((v) => v.versionNo)) : null;
  const previous = versions.length > 1 ? [...versions].map((v) => v.versionNo).sort((a, b) => b - a)[1]! : null;
  const [from, setFrom] = useState<number | null>(previous);
  const [to, setTo] = useState<number | null>(latest);
  const [changedOnly, setChangedOnly] = useState(false);

  useEffect(() => {
    if (open) {
      setFrom(previous);
      setTo(latest);
    }
  }, [open, previous, latest]);

  const comparison = useDocumentComparison(detail.id, open ? from : null, open ? to : null);
  const options = [...versions]
    .sort((a, b) => a.versionNo - b.versionNo)
    .map((v) => ({ value: v.versionNo, label: versionLabel(v, detail.signedVersionNo) }));
  const rows = (comparison.data?.rows ?? []).filter((row) => !changedOnly || row.kind !== 'same');
  const changes = (comparison.data?.rows ?? []).filter((row) => row.kind !== 'same').length;

  const columns: TableColumnsType<DiffRow> = [
    {
      title: '要素',
      dataIndex: 'label',
      width: 120,
      render: (label: string, row) => (
        <div>
          <div>{label}</div>
          {row.kind !== 'same' ? <Tag color={KIND_TAGS[row.kind].color}>{KIND_TAGS[row.kind].label}</Tag> : null}
        </div>
      ),
    },
    { title: from !== null ? `第${from}稿` : '原稿', key: 'left', render: (_value, row) => <DiffSide row={row} side="left" /> },
    { title: to !== null ? `第${to}稿` : '新稿', key: 'right', render: (_value, row) => <DiffSide row={row} side="right" /> },
  ];

  return (
    <Modal open={open} title="版本比较" onCancel={onClose} footer={null} width={isMobile ? '100%' : 1100} destroyOnHidden>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>原稿</span>
        <Select aria-label="原稿版本" value={from ?? undefined} options={options} onChange={setFrom} style={{ width: 280 }} placeholder="选择版本" />
        <span>对比</span>
        <Select aria-label="对比版本" value={to ?? undefined} options={options} onChange={setTo} style={{ width: 280 }} placeholder="选择版本" />
        <Switch checked={changedOnly} onChange={setChangedOnly} /> <span>只看改动</span>
      </Space>
      {from === null || to === null ? (
        <Empty description="请选择两个版本" />
      ) : from === to ? (
        <Alert type="info" showIcon title="请选择两个不同的版本" />
      ) : comparison.isError ? (
        <QueryError error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : comparison.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <div className="zs-text-muted" style={{ marginBottom: 8 }} data-testid="version-compare-summary">
            {changes ? `共 ${changes} 处改动：左侧红色删除线为删去的内容，右侧绿色为新增的内容` : '两个版本内容相同'}
          </div>
          <Table<DiffRow>
            data-testid="version-compare-table"
            rowKey={(row, index) => `${row.element}-${index}`}
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 720, y: 560 }}
            bordered
          />
        </>
      )}
    </Modal>
  );
}

/** One earlier version shown as it printed then. */
function VersionViewModal({ detail, versionNo, onClose }: { detail: DocumentDetail; versionNo: number | null; onClose: () => void }) {
  const version = useDocumentVersion(detail.id, versionNo);
  return (
    <Modal open={versionNo !== null} title={versionNo !== null ? `第${versionNo}稿` : ''} onCancel={onClose} footer={null} width={900} destroyOnHidden>
      {version.isError ? (
        <QueryError error={version.error} />
      ) : version.data ? (
        <>
          <div className="zs-text-muted" style={{ marginBottom: 8 }}>
            {version.data.step} · {version.data.authorName} · {formatDateTime(version.data.createdAt)}
          </div>
          <DocumentPaper content={version.data.content} topSecret={detail.topSecret} title={`第${versionNo}稿`} />
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </Modal>
  );
}

/** 版本记录: every saved version, each viewable, with a comparison of any two. */
export function VersionsPanel({ detail }: { detail: DocumentDetail }) {
  const [comparing, setComparing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const versions = [...detail.versions].sort((a, b) => b.versionNo - a.versionNo);
  if (!versions.length) return <span className="zs-text-muted">暂无版本记录</span>;
  return (
    <>
      <div className="zs-doc-list">
        {versions.map((version) => (
          <div key={version.versionNo} className="zs-doc-list-item">
            <div>
              <div>
                第{version.versionNo}稿 · {version.step}
                {version.versionNo === detail.signedVersionNo ? <Tag color="gold" style={{ marginLeft: 6 }}>签发稿</Tag> : null}
              </div>
              <div className="zs-cell-sub">
                {version.authorName} · {formatDateTime(version.createdAt)}
              </div>
            </div>
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setViewing(version.versionNo)}>
              查看
            </Button>
          </div>
        ))}
      </div>
      {versions.length > 1 ? (
        <Button icon={<DiffOutlined />} onClick={() => setComparing(true)} style={{ marginTop: 8 }} data-testid="version-compare-open">
          比较版本
        </Button>
      ) : null}
      <VersionCompareModal detail={detail} open={comparing} onClose={() => setComparing(false)} />
      <VersionViewModal detail={detail} versionNo={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

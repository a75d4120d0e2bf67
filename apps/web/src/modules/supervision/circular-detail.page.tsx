import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Descriptions, Empty, Table, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { formatDate, formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { circularDocxUrl, useCircular, useDraftCircular, type CircularDetail } from './supervision.api';
import { ColourTag, FormulaNote, UnitFiguresTable } from './supervision-parts';
import { TOTAL_LABELS } from './supervision-labels';
import './supervision.css';

type OverdueRow = CircularDetail['overdueAndRed'][number];

/** The period's totals, known figures first in their usual order; a figure without a Chinese name keeps its key. */
function Totals({ totals }: { totals: CircularDetail['totals'] }) {
  const keys = [...Object.keys(TOTAL_LABELS).filter((key) => key in totals), ...Object.keys(totals).filter((key) => !(key in TOTAL_LABELS) && typeof totals[key] === 'number')];
  if (!keys.length) return null;
  return (
    <div className="sv-totals" data-testid="circular-totals">
      {keys.map((key) => {
        const value = totals[key] ?? null;
        return (
          <div key={key} className={`sv-total-card${key === 'overdue' || key === 'red' ? ' sv-total-card-red' : ''}`} data-testid={`circular-total-${key}`}>
            <div className="sv-total-card-label">{TOTAL_LABELS[key] ?? key}</div>
            <div className="sv-total-card-value">
              {key === 'onTimeRate' ? (value === null ? '—' : `${value.toFixed(1)}%`) : (value ?? '—')}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** /supervision/circulars/:id — one 通报: figures per unit, the overdue and red items, the .docx and the way into 办文. */
export function CircularDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const toastError = useErrorToast();
  const circular = useCircular(id);
  const draft = useDraftCircular(id);
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/supervision/circulars')} />;

  if (circular.isPending || circular.isError) return <DetailLoadState query={circular} title="通报" back={back} />;
  const detail = circular.data;

  const sendToDrafting = () =>
    draft.mutate(undefined, {
      onSuccess: ({ documentId }) => navigate(`/documents/${documentId}/edit`),
      onError: toastError,
    });

  const overdueColumns: TableColumnsType<OverdueRow> = [
    { title: '预警', dataIndex: 'colour', width: 72, render: (colour: OverdueRow['colour']) => <ColourTag colour={colour} /> },
    { title: '编号', dataIndex: 'serial', width: 150, render: (serial: string) => <span style={{ whiteSpace: 'nowrap' }}>{serial}</span> },
    {
      title: '事项',
      dataIndex: 'title',
      render: (title: string, row) => (
        <Link to={`/assignments/${row.id}`} className="zs-title-link">
          {title}
        </Link>
      ),
    },
    { title: '牵头单位', dataIndex: 'leadUnitName', width: 150 },
    { title: '办理期限', dataIndex: 'deadline', width: 120, render: (deadline: string) => formatDate(deadline) },
    { title: '情况', dataIndex: 'reason', width: 280 },
  ];

  return (
    <div>
      <PageHeader
        title={detail.title}
        back={back}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={circularDocxUrl(detail.id)} download data-testid="circular-docx">
              下载通报(.docx)
            </Button>
            <Button type="primary" icon={<EditOutlined />} loading={draft.isPending} onClick={sendToDrafting} data-testid="circular-draft">
              送办文拟稿
            </Button>
          </>
        }
      />
      <div className="zs-panel">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'period', label: '统计期间', children: detail.periodLabel },
            { key: 'createdAt', label: '生成时间', children: formatDateTime(detail.createdAt) },
            {
              key: 'document',
              label: '办文',
              children: detail.documentId ? (
                <Link to={`/documents/${detail.documentId}`} data-testid="circular-document-link">
                  已送办文拟稿，查看
                </Link>
              ) : (
                <span className="zs-text-muted">尚未送办文</span>
              ),
            },
          ]}
        />
      </div>
      <div style={{ marginTop: 16 }}>
        <Totals totals={detail.totals} />
      </div>
      <div className="zs-panel">
        <h3 className="sv-section-title">各牵头单位办理情况</h3>
        <FormulaNote formula={detail.formula} />
        <UnitFiguresTable rows={detail.units} rowTestId={(row) => `circular-unit-row-${row.unitName}`} />
      </div>
      <div className="zs-panel">
        <h3 className="sv-section-title">逾期及红灯事项</h3>
        <Table<OverdueRow>
          rowKey="id"
          size="small"
          columns={overdueColumns}
          dataSource={detail.overdueAndRed}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="circular-overdue"
          locale={{ emptyText: <Empty description="本期没有逾期或红灯事项" /> }}
        />
      </div>
    </div>
  );
}

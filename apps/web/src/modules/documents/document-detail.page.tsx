import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, LockOutlined, PaperClipOutlined, PrinterOutlined } from '@ant-design/icons';
import { fileUrl } from '../../api/client';
import type { AvailableAction, DocumentDetail } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { formatDate, formatDateTime, formatFileSize } from '../../shared/format';
import { ASSIGNMENT_STATE_LABELS, labelOf } from '../../shared/labels';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { CLOSED_STATES, RETENTION_LABELS } from './document-labels';
import { ClassificationTag, DocumentStateTag, DocumentUrgencyTag, ImportantTag } from './document-tags';
import { DocumentActionModal, DESTRUCTIVE_ACTIONS, PRIMARY_ACTIONS } from './document-action-modal';
import { DocumentHistory } from './document-history';
import { DocumentPaper, type ElementMarks, type PickedPassage } from './document-paper';
import { DistributionPanel } from './distribution-panel';
import { ParticipantsPanel } from './participants-panel';
import { CommentsPanel, FindingsList } from './review-notes';
import { VersionsPanel } from './version-compare';
import { downloadDocx, printUrl, useDocument } from './documents.api';
import './documents.css';


function ActionButtons({ actions, onPick }: { actions: AvailableAction[]; onPick: (action: AvailableAction) => void }) {
  return (
    <div className="zs-actions-bar">
      {actions.map((action) => (
        <Button
          key={action.action}
          data-testid={`action-${action.action}`}
          type={PRIMARY_ACTIONS.has(action.action) ? 'primary' : 'default'}
          danger={DESTRUCTIVE_ACTIONS.has(action.action)}
          onClick={() => onPick(action)}
        >
          {action.label}
        </Button>
      ))}
    </div>
  );
}

function Facts({ detail, isMobile }: { detail: DocumentDetail; isMobile: boolean }) {
  const outgoing = detail.direction === 'outgoing';
  const closed = CLOSED_STATES.has(detail.state);
  const items = outgoing
    ? [
        { key: 'number', label: '发文字号', children: detail.numberText ?? <span className="zs-text-muted">未编号</span> },
        { key: 'type', label: '文种', children: `${detail.docType}（${detail.format}）` },
        { key: 'unit', label: '发文单位', children: [detail.unitName, ...detail.coIssuerUnits.map((unit) => unit.name)].join('、') },
        {
          key: 'classification',
          label: '密级',
          children: (
            <span>
              <ClassificationTag classification={detail.classification} />
              {detail.classificationPeriod ? `★${detail.classificationPeriod}` : null}
            </span>
          ),
        },
        { key: 'urgency', label: '紧急程度', children: <DocumentUrgencyTag urgency={detail.urgency} /> },
        { key: 'drafter', label: '拟稿人', children: `${detail.createdByName}（${formatDateTime(detail.createdAt)}）` },
        { key: 'reviewer', label: '核稿人', children: detail.reviewerName ?? '—' },
        ...(detail.reviewOverrideReason ? [{ key: 'override', label: '带错通过理由', children: detail.reviewOverrideReason }] : []),
        {
          key: 'signed',
          label: '签发',
          children: detail.signedAt ? `${detail.signedByNames.join('、')}（${formatDateTime(detail.signedAt)}）` : '—',
        },
        { key: 'copies', label: '印发份数', children: detail.copies ?? '—' },
        { key: 'issued', label: '印发时间', children: formatDateTime(detail.issuedAt) },
      ]
    : [
        { key: 'incomingNumber', label: '收文编号', children: detail.incomingNumber ?? <span className="zs-text-muted">签收后生成</span> },
        { key: 'sender', label: '来文单位', children: detail.senderName ?? '—' },
        { key: 'senderNumber', label: '来文字号', children: detail.numberText ?? '—' },
        { key: 'type', label: '文种', children: detail.docType },
        { key: 'classification', label: '密级', children: <ClassificationTag classification={detail.classification} /> },
        { key: 'urgency', label: '紧急程度', children: <DocumentUrgencyTag urgency={detail.urgency} /> },
        { key: 'copies', label: '份数', children: detail.copies ?? '—' },
        { key: 'via', label: '收文方式', children: detail.receivedVia ?? '—' },
        {
          key: 'received',
          label: '收到时间',
          children: detail.receivedAt ? `${formatDateTime(detail.receivedAt)}${detail.receivedByName ? `（${detail.receivedByName}）` : ''}` : '—',
        },
        { key: 'unit', label: '收文单位', children: detail.unitName },
        {
          key: 'deadline',
          label: '办理期限',
          children: detail.deadline ? (
            <span className={detail.overdue && !closed ? 'zs-text-overdue' : undefined}>
              {formatDate(detail.deadline, true)}
              {detail.overdue && !closed ? '（已逾期）' : ''}
            </span>
          ) : (
            '—'
          ),
        },
        { key: 'lead', label: '承办单位', children: detail.leadUnitName ?? '—' },
        { key: 'chaser', label: '催办人', children: detail.chaserName ?? '—' },
      ];
  if (detail.retention) items.push({ key: 'retention', label: '保管期限', children: `${RETENTION_LABELS[detail.retention]}（${formatDate(detail.archivedAt)} 归档）` });
  return (
    <Descriptions column={1} size="small" bordered={!isMobile} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} items={items} />
  );
}

/** 拟办意见, 办理结果 and 答复 of an incoming document, once given. */
function HandlingCard({ detail }: { detail: DocumentDetail }) {
  if (!detail.proposal && !detail.outcome && !detail.reply) return null;
  return (
    <Card title="办理情况" size="small" style={{ marginTop: 16 }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          ...(detail.proposal ? [{ key: 'proposal', label: '拟办意见', children: <span className="zs-doc-opinion">{detail.proposal}</span> }] : []),
          ...(detail.outcome ? [{ key: 'outcome', label: '办理结果', children: <span className="zs-doc-opinion">{detail.outcome}</span> }] : []),
          ...(detail.reply ? [{ key: 'reply', label: '答复内容', children: <span className="zs-doc-opinion">{detail.reply}</span> }] : []),
          ...(detail.concludedAt ? [{ key: 'concluded', label: '办结时间', children: formatDateTime(detail.concludedAt) }] : []),
        ]}
      />
    </Card>
  );
}

function Attachments({ detail }: { detail: DocumentDetail }) {
  if (!detail.attachments.length) return <span className="zs-text-muted">无附件</span>;
  return (
    <div className="zs-attachments">
      {detail.attachments.map((file) =>
        detail.topSecret ? (
          <span key={file.id}>
            <PaperClipOutlined /> {file.name} <span className="zs-text-muted">（{formatFileSize(file.size)}，绝密不可下载）</span>
          </span>
        ) : (
          <a key={file.id} href={fileUrl(file.id)} download={file.name} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {file.name} <span className="zs-text-muted">（{formatFileSize(file.size)}）</span>
          </a>
        ),
      )}
    </div>
  );
}

/** Findings and open 批注 coloured on the page, so the reviewer sees where they are. */
function elementMarks(detail: DocumentDetail): ElementMarks {
  const marks: ElementMarks = {};
  for (const finding of detail.findings) {
    if (finding.severity === 'error') marks[finding.element] = 'error';
    else if (finding.severity === 'warning' && !marks[finding.element]) marks[finding.element] = 'warning';
  }
  for (const comment of detail.comments) if (!comment.resolvedAt) marks[comment.element] = 'comment';
  return marks;
}

function TextCard({ detail, onPick, onDownload, downloading }: { detail: DocumentDetail; onPick: (picked: PickedPassage | null) => void; onDownload: () => void; downloading: boolean }) {
  const navigate = useNavigate();
  const marks = useMemo(() => elementMarks(detail), [detail]);
  const extra = (
    <Space size={4} wrap>
      {detail.editable ? (
        <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => navigate(`/documents/${detail.id}/edit`)} data-testid="document-edit">
          编辑
        </Button>
      ) : null}
      {detail.content && !detail.topSecret ? (
        <>
          <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={onDownload} data-testid="document-download">
            下载 .docx
          </Button>
          <Button size="small" icon={<PrinterOutlined />} href={printUrl(detail.id)} target="_blank" rel="noreferrer" data-testid="document-print">
            打印
          </Button>
        </>
      ) : null}
    </Space>
  );
  return (
    <Card
      title={detail.direction === 'incoming' ? '来文正文' : detail.signedVersionNo ? `正文（第${detail.signedVersionNo}稿已签发）` : '正文'}
      size="small"
      extra={extra}
    >
      {detail.topSecret ? (
        <Alert type="error" showIcon icon={<LockOutlined />} style={{ marginBottom: 12 }} title="绝密公文只能在系统内阅读" description="不能下载、打印或复制。" data-testid="top-secret-note" />
      ) : null}
      {detail.content ? (
        <DocumentPaper content={detail.content} topSecret={detail.topSecret} marks={marks} onPick={onPick} title={detail.title} />
      ) : (
        <Empty description={detail.direction === 'incoming' ? '纸质来文，正文见附件中的扫描件' : '尚无正文'} />
      )}
    </Card>
  );
}

function backPath(detail: DocumentDetail | undefined): string {
  return detail?.direction === 'incoming' ? '/documents/incoming' : '/documents/outgoing';
}

export function DocumentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const toastError = useErrorToast();
  const query = useDocument(id);
  const [picked, setPicked] = useState<AvailableAction | null>(null);
  const [passage, setPassage] = useState<PickedPassage | null>(null);
  const [downloading, setDownloading] = useState(false);

  const back = (
    <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回登记簿" onClick={() => navigate(backPath(query.data))} />
  );

  if (query.isPending || query.isError) return <DetailLoadState query={query} title="公文" back={back} rows={10} />;

  const detail = query.data;
  const outgoing = detail.direction === 'outgoing';
  const actions = detail.availableActions;
  const closed = CLOSED_STATES.has(detail.state);
  const canComment = detail.canComment;
  const canResolve = detail.canResolveComments;
  const number = outgoing ? detail.numberText : detail.incomingNumber;
  const onDownload = () => {
    setDownloading(true);
    downloadDocx(detail)
      .catch(toastError)
      .finally(() => setDownloading(false));
  };

  return (
    <div>
      <PageHeader
        back={back}
        title={<span data-testid="document-title">{detail.title || '（无标题）'}</span>}
        subtitle={
          <Space size={4} wrap>
            <span data-testid="document-state">
              <DocumentStateTag state={detail.state} label={detail.stateLabel} />
            </span>
            {number ? <span data-testid="document-number">{outgoing ? number : `${number}`}</span> : null}
            {!outgoing && detail.numberText ? <span className="zs-text-muted">来文字号 {detail.numberText}</span> : null}
            <ClassificationTag classification={detail.classification} hideNone />
            <DocumentUrgencyTag urgency={detail.urgency} hideNormal />
            <ImportantTag important={detail.important} />
            {detail.overdue && !closed ? (
              <Tag color="red" variant="solid">
                逾期
              </Tag>
            ) : null}
            <span className="zs-text-muted">
              {outgoing ? `${detail.unitName} · ${detail.docType}` : `${detail.senderName ?? ''} → ${detail.unitName}`}
            </span>
            {isMobile && detail.holders.length && !closed ? <span>当前办理人：{detail.holders.join('、')}</span> : null}
          </Space>
        }
        extra={!isMobile && actions.length ? <ActionButtons actions={actions} onPick={setPicked} /> : undefined}
      />

      {isMobile && actions.length ? (
        <div style={{ marginBottom: 16 }}>
          <ActionButtons actions={actions} onPick={setPicked} />
        </div>
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <TextCard detail={detail} onPick={setPassage} onDownload={onDownload} downloading={downloading} />
          {outgoing && detail.distributions.length ? (
            <Card title="分发情况" size="small" style={{ marginTop: 16 }}>
              <DistributionPanel distributions={detail.distributions} />
            </Card>
          ) : null}
          <Card title="办理过程" size="small" style={{ marginTop: 16 }}>
            <DocumentHistory history={detail.history} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="当前办理人" size="small" data-testid="document-holders">
            {detail.holders.length ? (
              <Space size={[4, 4]} wrap>
                {detail.holders.map((name) => (
                  <Tag key={name} color="processing">
                    {name}
                  </Tag>
                ))}
              </Space>
            ) : (
              <span className="zs-text-muted">{closed ? '已办毕' : '—'}</span>
            )}
          </Card>
          <Card title="基本信息" size="small" style={{ marginTop: 16 }}>
            <Facts detail={detail} isMobile={isMobile} />
          </Card>
          {!outgoing ? <HandlingCard detail={detail} /> : null}
          {detail.participants.length ? (
            <Card title={outgoing ? '会签与签发' : '批示、传阅与协办'} size="small" style={{ marginTop: 16 }}>
              <ParticipantsPanel participants={detail.participants} />
            </Card>
          ) : null}
          {outgoing && (detail.findings.length || ['drafting', 'reviewing'].includes(detail.state)) ? (
            <Card title={`核稿检查${detail.findings.length ? `（${detail.findings.length}）` : ''}`} size="small" style={{ marginTop: 16 }}>
              <FindingsList findings={detail.findings} />
            </Card>
          ) : null}
          {outgoing && (detail.comments.length || canComment) ? (
            <Card title="批注" size="small" style={{ marginTop: 16 }}>
              <CommentsPanel
                documentId={detail.id}
                comments={detail.comments}
                content={detail.content}
                canComment={canComment}
                canResolve={canResolve}
                picked={passage}
              />
            </Card>
          ) : null}
          <Card title="附件" size="small" style={{ marginTop: 16 }}>
            <Attachments detail={detail} />
          </Card>
          {detail.assignments.length ? (
            <Card title="关联交办事项" size="small" style={{ marginTop: 16 }}>
              <div className="zs-doc-list">
                {detail.assignments.map((assignment) => (
                  <div key={assignment.id} className="zs-doc-list-item">
                    <div>
                      <Link to={`/assignments/${assignment.id}`} data-testid="document-assignment-link">
                        {assignment.title}
                      </Link>
                      <div className="zs-cell-sub">{assignment.serial}</div>
                    </div>
                    <Tag>{labelOf(ASSIGNMENT_STATE_LABELS, assignment.state)}</Tag>
                  </div>
                ))}
              </div>
            </Card>
          ) : null}
          {detail.versions.length ? (
            <Card title="版本记录" size="small" style={{ marginTop: 16 }}>
              <VersionsPanel detail={detail} />
            </Card>
          ) : null}
          {detail.sourceDocumentId ? (
            <div className="zs-cell-sub" style={{ marginTop: 12 }}>
              <Tooltip title="本件为系统内发文单位印发后自动分送的收文">
                <span>系统内来文</span>
              </Tooltip>
            </div>
          ) : null}
        </Col>
      </Row>

      <DocumentActionModal detail={detail} action={picked} onClose={() => setPicked(null)} />
    </div>
  );
}

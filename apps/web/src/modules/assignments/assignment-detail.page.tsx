import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { fileUrl } from '../../api/client';
import type { AssignmentDetail, AssignmentHistoryEntry, AssignmentState, AvailableAction } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { AssignmentStateTag, DaysRemaining, DueFlag, UrgencyTag } from '../../shared/status-tags';
import { formatDate, formatDateTime, formatFileSize } from '../../shared/format';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useAssignment } from './assignments.api';
import { AssignmentActionModal, DESTRUCTIVE_ACTIONS } from './assignment-action-modal';

const CLOSED: AssignmentState[] = ['completed', 'cancelled'];
const PRIMARY_ACTIONS = new Set(['sign', 'report_completion', 'confirm', 'approve_extension']);

/** Dot colour of a history entry: green for closing steps, red for refusals and withdrawals. */
function historyColor(entry: AssignmentHistoryEntry): string {
  if (entry.action === 'cancel' || entry.action === 'send_back' || entry.action === 'refuse_extension') return 'red';
  if (entry.action === 'confirm' || entry.action === 'report_completion') return 'green';
  if (entry.action === 'request_extension' || entry.action === 'approve_extension') return 'purple';
  if (entry.action === 'create') return 'gray';
  return 'blue';
}

function HistoryEntry({ entry, instruction }: { entry: AssignmentHistoryEntry; instruction: string }) {
  // The creating entry carries the 批示 itself, which is already shown in full above.
  const comment = entry.comment && entry.comment !== instruction ? entry.comment : null;
  return (
    <div data-testid="assignment-history-entry">
      <div className="zs-timeline-head">
        <span className="zs-timeline-action">{entry.actionLabel}</span>
        <span>{entry.actorName}</span>
        <span className="zs-text-muted">{formatDateTime(entry.at)}</span>
      </div>
      {comment ? <div className="zs-timeline-comment">{comment}</div> : null}
      {entry.attachments.length ? (
        <div className="zs-attachments">
          {entry.attachments.map((file) => (
            <a key={file.id} href={fileUrl(file.id)} download={file.name} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {file.name} <span className="zs-text-muted">（{formatFileSize(file.size)}）</span>
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function ActionButtons({ actions, onPick }: { actions: AvailableAction[]; onPick: (action: AvailableAction) => void }) {
  return (
    <div className="zs-actions-bar">
      {actions.map((action) => (
        <Button
          key={action.action}
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

function Facts({ detail, isMobile }: { detail: AssignmentDetail; isMobile: boolean }) {
  const closed = CLOSED.includes(detail.state);
  return (
    <Descriptions
      column={1}
      size="small"
      bordered={!isMobile}
      styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'serial', label: '编号', children: detail.serial },
        { key: 'state', label: '状态', children: <AssignmentStateTag state={detail.state} /> },
        { key: 'urgency', label: '紧急程度', children: <UrgencyTag urgency={detail.urgency} /> },
        { key: 'leader', label: '交办领导', children: detail.leaderName },
        { key: 'unit', label: '承办单位', children: detail.assigneeUnitName },
        { key: 'person', label: '责任人', children: detail.assigneeUserName ?? <span className="zs-text-muted">未指定</span> },
        {
          key: 'deadline',
          label: '办理期限',
          children: (
            <Space orientation="vertical" size={0}>
              <span>{formatDate(detail.deadline, true)}</span>
              <DaysRemaining days={detail.daysRemaining} overdue={detail.overdue} dueSoon={detail.dueSoon} closed={closed} />
            </Space>
          ),
        },
        { key: 'rule', label: '期限规则', children: detail.deadlineRule },
        { key: 'created', label: '交办时间', children: formatDateTime(detail.createdAt) },
        { key: 'createdBy', label: '登记人', children: detail.createdByName },
      ]}
    />
  );
}

export function AssignmentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const query = useAssignment(id);
  const [picked, setPicked] = useState<AvailableAction | null>(null);

  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/assignments')} />;

  if (query.isPending || query.isError) return <DetailLoadState query={query} title="交办事项" back={back} />;

  const detail = query.data;
  const closed = CLOSED.includes(detail.state);
  const actions = detail.availableActions;

  return (
    <div>
      <PageHeader
        back={back}
        title={<span data-testid="assignment-title">{detail.title}</span>}
        subtitle={
          <Space size={4} wrap>
            <span>{detail.serial}</span>
            <span data-testid="assignment-state">
              <AssignmentStateTag state={detail.state} />
            </span>
            <UrgencyTag urgency={detail.urgency} hideNormal />
            {!closed ? <DueFlag overdue={detail.overdue} dueSoon={detail.dueSoon} /> : null}
            <span>
              期限 {formatDate(detail.deadline, true)}{' '}
              <DaysRemaining days={detail.daysRemaining} overdue={detail.overdue} dueSoon={detail.dueSoon} closed={closed} />
            </span>
          </Space>
        }
        extra={!isMobile && actions.length ? <ActionButtons actions={actions} onPick={setPicked} /> : undefined}
      />

      {detail.pendingExtension ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`承办单位申请延期至 ${formatDate(detail.pendingExtension.newDeadline, true)}，待领导审批`}
          description={`延期理由：${detail.pendingExtension.reason}`}
        />
      ) : null}
      {!closed && detail.overdue ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已超过办理期限（${formatDate(detail.deadline)}），逾期${-detail.daysRemaining}个工作日`}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title="领导批示" size="small">
            <div className="zs-instruction" data-testid="assignment-instruction">
              {detail.instruction}
              <div className="zs-instruction-sign">
                —— {detail.leaderName}　{formatDate(detail.createdAt)}
              </div>
            </div>
          </Card>
          <Card title="办理过程" size="small" style={{ marginTop: 16 }}>
            {detail.history.length ? (
              <Timeline
                style={{ marginTop: 8 }}
                items={detail.history.map((entry) => ({
                  key: entry.id,
                  color: historyColor(entry),
                  content: <HistoryEntry entry={entry} instruction={detail.instruction} />,
                }))}
              />
            ) : (
              <Empty description="暂无办理记录" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title="基本信息" size="small">
            <Facts detail={detail} isMobile={isMobile} />
          </Card>
          <Card title="最新进展" size="small" style={{ marginTop: 16 }}>
            {detail.latestProgress ? (
              <div>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{detail.latestProgress.comment}</Typography.Paragraph>
                <div className="zs-cell-sub">
                  {detail.latestProgress.byName} · {formatDateTime(detail.latestProgress.at)}
                </div>
              </div>
            ) : (
              <span className="zs-text-muted">承办单位尚未报告进展</span>
            )}
          </Card>
        </Col>
      </Row>

      {isMobile && actions.length ? (
        <div style={{ marginTop: 16 }}>
          <ActionButtons actions={actions} onPick={setPicked} />
        </div>
      ) : null}

      <AssignmentActionModal detail={detail} action={picked} onClose={() => setPicked(null)} />
    </div>
  );
}

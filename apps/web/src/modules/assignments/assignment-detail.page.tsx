import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Progress, Row, Space, Table, Tag, Timeline, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { fileUrl } from '../../api/client';
import type { FileRef } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { DaysRemaining, DueFlag, UrgencyTag } from '../../shared/status-tags';
import { CLEARANCE_LABELS, labelOf } from '../../shared/labels';
import { formatDate, formatDateTime, formatFileSize } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import {
  downloadNotice,
  noticeDocxPath,
  useAssignment,
  type AssignmentDetail,
  type AssignmentFeedback,
  type AssignmentHistoryEntry,
  type AssignmentNotice,
  type AssignmentTask,
  type AvailableAction,
} from './assignments.api';
import { CLOSED_STATES, FEEDBACK_KIND_COLORS, FEEDBACK_KIND_LABELS, LEADER_WORDS_SOURCES, RATING_LABELS, SOURCE_LINK_LABELS } from './assignment-labels';
import { ColourTag, ItemStateTag, LevelTag, ProgressVsExpected } from './assignment-tags';
import { AssignmentActionModal, DESTRUCTIVE_ACTIONS } from './assignment-action-modal';

const PRIMARY_ACTIONS = new Set(['dispatch', 'sign', 'report_completion', 'accept', 'confirm', 'approve_extension']);
/** States in which the schedule runs and the colour, progress and feedback dates mean something. */
const RUNNING_STATES = new Set(['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported', 'office_accepted']);

/** Dot colour of a history entry: green for closing steps, red for refusals and withdrawals. */
function historyColor(entry: AssignmentHistoryEntry): string {
  if (entry.action === 'cancel' || entry.action === 'send_back' || entry.action === 'refuse_extension') return 'red';
  if (entry.action === 'confirm' || entry.action === 'accept' || entry.action === 'report_completion') return 'green';
  if (entry.action === 'request_extension' || entry.action === 'approve_extension') return 'purple';
  if (entry.action === 'escalate') return 'orange';
  if (entry.action === 'create') return 'gray';
  return 'blue';
}

function Attachments({ files }: { files: FileRef[] }) {
  if (!files.length) return null;
  return (
    <div className="zs-attachments">
      {files.map((file) => (
        <a key={file.id} href={fileUrl(file.id)} download={file.name} target="_blank" rel="noreferrer" data-testid="attachment-link">
          <PaperClipOutlined /> {file.name} <span className="zs-text-muted">（{formatFileSize(file.size)}）</span>
        </a>
      ))}
    </div>
  );
}

function HistoryEntry({ entry, instruction }: { entry: AssignmentHistoryEntry; instruction: string }) {
  // The creating entry carries the 事项内容 itself, which is already shown in full above.
  const comment = entry.comment && entry.comment !== instruction ? entry.comment : null;
  return (
    <div data-testid="assignment-history-entry">
      <div className="zs-timeline-head">
        <span className="zs-timeline-action">{entry.actionLabel}</span>
        <span>{entry.actorName}</span>
        <span className="zs-text-muted">{formatDateTime(entry.at)}</span>
      </div>
      {comment ? <div className="zs-timeline-comment">{comment}</div> : null}
      <Attachments files={entry.attachments} />
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
          data-testid={`action-${action.action}`}
          onClick={() => onPick(action)}
        >
          {action.label}
        </Button>
      ))}
    </div>
  );
}

function OverviewItem({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <div className="zs-sv-overview-label">{label}</div>
      <div>{children}</div>
    </div>
  );
}

/** 督办概况: where the item stands against its schedule, at a glance. */
function Overview({ detail }: { detail: AssignmentDetail }) {
  const closed = CLOSED_STATES.has(detail.state);
  const running = RUNNING_STATES.has(detail.state);
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <div className="zs-sv-overview">
        {running ? (
          <OverviewItem label="完成进度（刻度为按时序应完成）" testId="sv-overview-progress">
            <ProgressVsExpected progress={detail.progress} expected={detail.expectedProgress} colour={detail.colour} large />
          </OverviewItem>
        ) : null}
        <OverviewItem label="办理期限" testId="sv-deadline">
          <div>{formatDate(detail.deadline, true)}</div>
          <DaysRemaining days={detail.daysRemaining} overdue={detail.overdue} dueSoon={detail.dueSoon} closed={closed} />
        </OverviewItem>
        {detail.receiptDue && (detail.state === 'pending_receipt' || detail.state === 'registered') ? (
          <OverviewItem label="签收时限" testId="sv-receipt-due">
            {formatDate(detail.receiptDue, true)}
          </OverviewItem>
        ) : null}
        <OverviewItem label="反馈要求" testId="sv-feedback">
          <div>{detail.feedbackLabel}</div>
          {running && detail.nextFeedbackDue ? <div className="zs-cell-sub">下次反馈：{formatDate(detail.nextFeedbackDue, true)}</div> : null}
          {detail.missedFeedbacks > 0 ? <div className="zs-text-overdue">漏报 {detail.missedFeedbacks} 次</div> : null}
        </OverviewItem>
        <OverviewItem label="催办次数" testId="sv-escalations">
          {detail.escalationCount ? `${detail.escalationCount} 次` : <span className="zs-text-muted">未催办</span>}
        </OverviewItem>
        {detail.ratingLabel ? (
          <OverviewItem label="办理评价" testId="sv-rating">
            <Tag color="blue">{detail.ratingLabel}</Tag>
          </OverviewItem>
        ) : detail.state === 'office_accepted' && detail.proposedRating ? (
          <OverviewItem label="督查室建议评价" testId="sv-proposed-rating">
            <Tag>{RATING_LABELS[detail.proposedRating]}</Tag>
          </OverviewItem>
        ) : null}
      </div>
      {detail.colour && detail.colour !== 'green' && detail.colourReasons.length ? (
        <Alert
          type={detail.colour === 'red' ? 'error' : 'warning'}
          showIcon
          style={{ marginTop: 12 }}
          title={detail.colour === 'red' ? '红灯预警' : '黄灯预警'}
          description={
            <ul className="zs-sv-reasons" data-testid="sv-colour-reasons">
              {detail.colourReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}

/** Records an item can link back to, by the page that shows them (the server still decides who may open it). */
const SOURCE_LINK_PATHS: Record<string, string> = { document: '/documents', petition: '/petitions', meeting: '/meetings' };

/** The source line: kind, the file or meeting, its date, and a link to the record it came from. */
function SourceText({ detail }: { detail: AssignmentDetail }) {
  const { source } = detail;
  const link = source.link;
  return (
    <Space orientation="vertical" size={0}>
      <span>{source.label || detail.sourceLabel}</span>
      {source.ref ? <span>{source.ref}</span> : null}
      {source.date ? <span className="zs-text-muted">{formatDate(source.date)}</span> : null}
      {link ? (
        SOURCE_LINK_PATHS[link.type] ? (
          <Link to={`${SOURCE_LINK_PATHS[link.type]}/${encodeURIComponent(link.id)}`} data-testid="sv-source-link">
            查看来源{SOURCE_LINK_LABELS[link.type] ?? '记录'}
          </Link>
        ) : (
          <span className="zs-text-muted">关联{SOURCE_LINK_LABELS[link.type] ?? '记录'}</span>
        )
      ) : null}
    </Space>
  );
}

function Facts({ detail, isMobile }: { detail: AssignmentDetail; isMobile: boolean }) {
  return (
    <Descriptions
      column={1}
      size="small"
      bordered={!isMobile}
      styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'serial', label: '编号', children: detail.serial },
        { key: 'state', label: '状态', children: <ItemStateTag state={detail.state} label={detail.stateLabel} /> },
        { key: 'source', label: '来源', children: <SourceText detail={detail} /> },
        { key: 'level', label: '重要程度', children: <LevelTag level={detail.level} showGeneral /> },
        { key: 'urgency', label: '紧急程度', children: <UrgencyTag urgency={detail.urgency} /> },
        { key: 'classification', label: '密级', children: labelOf(CLEARANCE_LABELS, detail.classification) },
        { key: 'leader', label: '责任领导', children: detail.leaderName },
        { key: 'unit', label: '牵头单位', children: detail.assigneeUnitName },
        { key: 'person', label: '责任人', children: detail.assigneeUserName ?? <span className="zs-text-muted">未指定</span> },
        {
          key: 'cooperating',
          label: '配合单位',
          children: detail.cooperatingUnits.length ? (
            detail.cooperatingUnits.map((unit) => unit.name).join('、')
          ) : (
            <span className="zs-text-muted">无</span>
          ),
        },
        { key: 'start', label: '开始日期', children: formatDate(detail.startDate) },
        { key: 'deadline', label: '办理期限', children: formatDate(detail.deadline, true) },
        { key: 'rule', label: '期限规则', children: detail.deadlineRule },
        { key: 'feedback', label: '反馈要求', children: detail.feedbackLabel },
        { key: 'created', label: '立项时间', children: formatDateTime(detail.createdAt) },
        { key: 'createdBy', label: '登记人', children: detail.createdByName },
        ...(detail.completedAt ? [{ key: 'completed', label: '销号时间', children: formatDateTime(detail.completedAt) }] : []),
      ]}
    />
  );
}

function TaskTable({ tasks, isMobile }: { tasks: AssignmentTask[]; isMobile: boolean }) {
  const withUnit = (value: number, task: AssignmentTask) => `${value}${task.unitLabel ?? ''}`;
  const columns: TableColumnsType<AssignmentTask> = [
    { title: '序号', dataIndex: 'seq', width: 56 },
    {
      title: '任务',
      dataIndex: 'title',
      render: (title: string, task) => (
        <div>
          <div>{title}</div>
          {task.indicator ? <div className="zs-cell-sub">指标：{task.indicator}</div> : null}
          {task.ownerUnitName || task.deadline ? (
            <div className="zs-cell-sub">
              {[task.ownerUnitName, task.deadline ? `${formatDate(task.deadline)}前` : null].filter(Boolean).join(' · ')}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: '目标值', dataIndex: 'target', width: 90, render: (value: number, task) => withUnit(value, task) },
    { title: '当前值', dataIndex: 'current', width: 90, render: (value: number, task) => withUnit(value, task) },
    {
      title: '完成率',
      dataIndex: 'percent',
      width: 150,
      render: (percent: number) => <Progress percent={Math.min(100, percent)} size="small" format={() => `${percent.toFixed(1)}%`} />,
    },
    ...(isMobile ? [] : [{ title: '权重', dataIndex: 'weight', width: 64 }]),
  ];
  return (
    <Table<AssignmentTask>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 560 }}
      onRow={(_task, index) => ({ 'data-testid': `sv-task-${index ?? 0}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

function FeedbackList({ feedbacks }: { feedbacks: AssignmentFeedback[] }) {
  if (!feedbacks.length) return <Empty description="尚无反馈" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="zs-sv-list">
      {feedbacks.map((feedback) => (
        <div key={feedback.id} className="zs-sv-list-item" data-testid="feedback-entry" data-kind={feedback.kind}>
          <div className="zs-sv-list-head">
            <Tag color={FEEDBACK_KIND_COLORS[feedback.kind]} style={{ marginInlineEnd: 0 }}>
              {FEEDBACK_KIND_LABELS[feedback.kind] ?? feedback.kind}
            </Tag>
            {feedback.late ? (
              <Tag color="red" data-testid="feedback-late" style={{ marginInlineEnd: 0 }}>
                迟报
              </Tag>
            ) : null}
            <span>{feedback.unitName}</span>
            <span>{feedback.authorName}</span>
            <span className="zs-text-muted">{formatDateTime(feedback.at)}</span>
          </div>
          <div className="zs-sv-list-text">{feedback.text}</div>
          {feedback.figures.length || feedback.progress !== null ? (
            <div className="zs-sv-figures">
              {feedback.figures.map((figure) => (
                <span key={figure.taskId}>
                  {figure.title}：{figure.value}
                </span>
              ))}
              {feedback.progress !== null ? <span>总体进度：{feedback.progress}%</span> : null}
            </div>
          ) : null}
          <Attachments files={feedback.attachments} />
        </div>
      ))}
    </div>
  );
}

/** 督查文书: 交办单, 催办单, 督办通知单, each downloadable as .docx. */
function NoticeList({ detail }: { detail: AssignmentDetail }) {
  const toastError = useErrorToast();
  const { message } = App.useApp();
  if (!detail.notices.length) return <Empty description="尚无督查文书" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const download = (notice: AssignmentNotice) => {
    void downloadNotice(detail.id, notice)
      .then(() => message.success(`已下载${notice.kindLabel}`))
      .catch(toastError);
  };
  return (
    <div className="zs-sv-list">
      {detail.notices.map((notice) => (
        <div key={notice.id} className="zs-sv-list-item zs-sv-notice" data-testid={`notice-${notice.kind}`}>
          <div>
            <div>
              <strong>{notice.kindLabel}</strong> <span>{notice.numberText}</span>
            </div>
            <div className="zs-cell-sub">
              致 {notice.unitName} · {formatDate(notice.createdAt)} · {notice.createdByName}
            </div>
          </div>
          <a
            href={`/api${noticeDocxPath(detail.id, notice.id)}`}
            data-testid={`notice-download-${notice.kind}`}
            onClick={(event) => {
              event.preventDefault();
              download(notice);
            }}
            style={{ whiteSpace: 'nowrap' }}
          >
            <DownloadOutlined /> 下载
          </a>
        </div>
      ))}
    </div>
  );
}

export function AssignmentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const query = useAssignment(id);
  const [picked, setPicked] = useState<AvailableAction | null>(null);

  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/assignments')} />;

  if (query.isPending || query.isError) return <DetailLoadState query={query} title="督查事项" back={back} />;

  const detail = query.data;
  const closed = CLOSED_STATES.has(detail.state);
  const actions = detail.availableActions;
  const leaderWords = LEADER_WORDS_SOURCES.has(detail.sourceKind);

  return (
    <div>
      <PageHeader
        back={back}
        title={<span data-testid="assignment-title">{detail.title}</span>}
        subtitle={
          <Space size={4} wrap>
            <span data-testid="assignment-serial">{detail.serial}</span>
            <span data-testid="assignment-state">
              <ItemStateTag state={detail.state} label={detail.stateLabel} />
            </span>
            <ColourTag colour={detail.colour} reasons={detail.colourReasons} />
            <LevelTag level={detail.level} />
            <UrgencyTag urgency={detail.urgency} hideNormal />
            {detail.classification !== 'none' ? <Tag>{labelOf(CLEARANCE_LABELS, detail.classification)}</Tag> : null}
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
          title={`牵头单位申请延期至 ${formatDate(detail.pendingExtension.newDeadline, true)}，待审批`}
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
      {detail.state === 'registered' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="已立项，尚未交办：交办后生成交办单，牵头单位收到签收待办" />
      ) : null}

      <Overview detail={detail} />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={leaderWords ? '领导批示' : '事项内容'} size="small">
            <div className="zs-instruction" data-testid="assignment-instruction">
              {detail.instruction}
              {leaderWords ? (
                <div className="zs-instruction-sign">
                  —— {detail.leaderName}　{formatDate(detail.source.date ?? detail.createdAt)}
                </div>
              ) : null}
            </div>
          </Card>
          {detail.completionStandard ? (
            <Card title="完成标准" size="small" style={{ marginTop: 16 }}>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="sv-completion-standard">
                {detail.completionStandard}
              </div>
            </Card>
          ) : null}
          {detail.tasks.length ? (
            <Card title="分解任务" size="small" style={{ marginTop: 16 }}>
              <TaskTable tasks={detail.tasks} isMobile={isMobile} />
            </Card>
          ) : null}
          <Card title="反馈记录" size="small" style={{ marginTop: 16 }} extra={detail.feedbacks.length ? `${detail.feedbacks.length} 条` : undefined}>
            <FeedbackList feedbacks={detail.feedbacks} />
          </Card>
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
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
          <Card title="事项信息" size="small">
            <Facts detail={detail} isMobile={isMobile} />
          </Card>
          <Card title="督查文书" size="small" style={{ marginTop: 16 }}>
            <NoticeList detail={detail} />
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

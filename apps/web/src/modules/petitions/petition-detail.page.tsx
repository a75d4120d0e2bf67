import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import type { AvailableAction } from '../../api/types';
import { useMe } from '../../app/auth';
import { canAccess, isPetitionStaff } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { DetailLoadState } from '../../shared/query-error';
import { labelOf } from '../../shared/labels';
import { formatDate, formatDateTime } from '../../shared/format';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { downloadPetitionDocument, usePetition, type Deadline, type PetitionDetail } from './petitions.api';
import {
  CLOSED_STATES,
  EVALUATION_LABELS,
  FIRST_ORGAN_LABELS,
  HANDLING_MODE_LABELS,
  LEGAL_ROUTE_LABELS,
  LINK_RELATION_LABELS,
  OUTCOME_LABELS,
  describeDays,
} from './petition-labels';
import { PetitionFlags, PetitionStateTag } from './petition-parts';
import { PetitionPeople } from './petition-people';
import { PetitionMatches } from './petition-matches';
import { DESTRUCTIVE_ACTIONS, PetitionActionModal } from './petition-action-modal';
import { PetitionEditButton } from './petition-edit';
import { PetitionFiles } from './petition-files';
import './petitions.css';

const PRIMARY_ACTIONS = new Set(['accept', 'reply', 'decide_review', 'decide_recheck', 'approve_extension', 'close', 'instruct']);
const STAGE_LABELS: Record<PetitionDetail['stage'], string> = { initial: '初次办理', review: '复查', recheck: '复核' };

function historyColor(action: string): string {
  if (action === 'not_accept' || action === 'refuse_extension' || action === 'object') return 'red';
  if (action === 'close' || action === 'reply' || action === 'decide_review' || action === 'decide_recheck') return 'green';
  if (action === 'request_extension' || action === 'approve_extension') return 'purple';
  if (action === 'instruct' || action === 'edit') return 'orange';
  if (action === 'create' || action === 'register') return 'gray';
  return 'blue';
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

/** 法定时限: every limit that applies to the case, with the rule that set it. */
function DeadlineTable({ deadlines, closed }: { deadlines: Deadline[]; closed: boolean }) {
  const columns: TableColumnsType<Deadline> = [
    { title: '时限', dataIndex: 'label', width: 110 },
    { title: '期满日', dataIndex: 'due', width: 150, render: (due: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(due, true)}</span> },
    { title: '计算规则', dataIndex: 'rule', render: (rule: string) => <span className="zs-cell-sub">{rule}</span> },
    {
      title: '剩余天数',
      dataIndex: 'daysRemaining',
      width: 110,
      render: (_value, deadline) =>
        deadline.metAt ? (
          <span className="pt-deadline-met" data-testid="pt-met">
            <CheckCircleFilled /> 已完成
          </span>
        ) : closed ? (
          <span className="zs-text-muted">—</span>
        ) : (
          <span className={deadline.overdue ? 'zs-text-overdue' : deadline.daysRemaining <= 3 ? 'zs-text-due-soon' : undefined}>{describeDays(deadline.daysRemaining)}</span>
        ),
    },
    {
      title: '完成时间',
      dataIndex: 'metAt',
      width: 110,
      render: (metAt: string | null, deadline) =>
        metAt ? (
          <span className={deadline.overdue ? 'zs-text-overdue' : undefined}>
            {formatDate(metAt)}
            {deadline.overdue ? '（超期）' : ''}
          </span>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
  ];
  return (
    <Table<Deadline>
      rowKey="kind"
      size="small"
      columns={columns}
      dataSource={deadlines}
      pagination={false}
      scroll={{ x: 640 }}
      rowClassName={(deadline) => (deadline.overdue && !deadline.metAt ? 'zs-row-overdue' : '')}
      onRow={(deadline) => ({ 'data-testid': `pt-deadline-${deadline.kind}`, 'data-overdue': String(deadline.overdue) }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: '尚无时限' }}
    />
  );
}

function Facts({ detail, isMobile }: { detail: PetitionDetail; isMobile: boolean }) {
  const items = [
    { key: 'serial', label: '编号', children: detail.serial },
    { key: 'state', label: '状态', children: <PetitionStateTag state={detail.state} label={detail.stateLabel} /> },
    { key: 'kind', label: '类型', children: detail.kindLabel },
    { key: 'channel', label: '渠道', children: detail.channelLabel },
    { key: 'received', label: '收到日期', children: formatDate(detail.receivedAt, true) },
    { key: 'place', label: '所属乡镇', children: [detail.townshipName, detail.village].filter(Boolean).join(' ') },
    { key: 'category', label: '问题类别', children: detail.categoryName },
    { key: 'people', label: '人数', children: detail.peopleCount > 1 ? `${detail.peopleCount}人（集体访）` : `${detail.peopleCount}人` },
    { key: 'firstOrgan', label: '首次信访机关', children: labelOf(FIRST_ORGAN_LABELS, detail.firstOrgan) },
    ...(detail.superiorRef ? [{ key: 'superiorRef', label: '转送交办文号', children: detail.superiorRef }] : []),
    { key: 'stage', label: '办理阶段', children: STAGE_LABELS[detail.stage] ?? detail.stage },
    ...(detail.handlingMode ? [{ key: 'mode', label: '办理方式', children: labelOf(HANDLING_MODE_LABELS, detail.handlingMode) }] : []),
    ...(detail.handlingUnitName ? [{ key: 'unit', label: '承办单位', children: detail.handlingUnitName }] : []),
    ...(detail.legalRoute ? [{ key: 'legal', label: '法定途径', children: labelOf(LEGAL_ROUTE_LABELS, detail.legalRoute) }] : []),
    ...(detail.extensionUsed ? [{ key: 'extension', label: '延期', children: '已延期一次' }] : []),
    ...(detail.parentId
      ? [
          {
            key: 'parent',
            label: '原信访事项',
            children: (
              <Link to={`/petitions/${encodeURIComponent(detail.parentId)}`} data-testid="pt-parent-link">
                查看原事项
              </Link>
            ),
          },
        ]
      : []),
    { key: 'created', label: '登记时间', children: formatDateTime(detail.createdAt) },
  ];
  return <Descriptions column={1} size="small" bordered={!isMobile} styles={{ label: { width: 104, whiteSpace: 'nowrap' } }} items={items} />;
}

function Documents({ detail }: { detail: PetitionDetail }) {
  const toastError = useErrorToast();
  const { message } = App.useApp();
  if (!detail.documents.length) return <Empty description="尚无文书" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="pt-doc-list">
      {detail.documents.map((doc) => (
        <div key={doc.id} className="pt-doc" data-testid={`pt-document-${doc.kind}`}>
          <div>
            <div>{doc.label}</div>
            <div className="zs-cell-sub">{formatDateTime(doc.createdAt)}</div>
          </div>
          <a
            href={`/api/petitions/${encodeURIComponent(detail.id)}/documents/${encodeURIComponent(doc.id)}/docx`}
            data-testid={`pt-document-download-${doc.kind}`}
            style={{ whiteSpace: 'nowrap' }}
            onClick={(event) => {
              event.preventDefault();
              void downloadPetitionDocument(detail, doc)
                .then(() => message.success(`已下载${doc.label}`))
                .catch(toastError);
            }}
          >
            <DownloadOutlined /> 下载.docx
          </a>
        </div>
      ))}
    </div>
  );
}

/** /petitions/:id — one 信访事项: its limits, people, suspected repeats, documents, history and the next steps. */
export function PetitionDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const isMobile = useIsMobile();
  const query = usePetition(id);
  const [picked, setPicked] = useState<AvailableAction | null>(null);
  const matchesRef = useRef<HTMLDivElement>(null);
  /** Set by the registration page when the server found suspected repeats on save. */
  const registeredMatches = (location.state as { registeredMatches?: number } | null)?.registeredMatches ?? 0;
  const staff = isPetitionStaff(me);

  useEffect(() => {
    if (registeredMatches && query.data) matchesRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [registeredMatches, query.data]);

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      aria-label="返回列表"
      onClick={() => navigate(canAccess(me, 'petitions') ? '/petitions' : '/inbox')}
    />
  );

  if (query.isPending || query.isError) return <DetailLoadState query={query} title="信访事项" back={back} />;

  const detail = query.data;
  const closed = CLOSED_STATES.has(detail.state);
  const actions = detail.availableActions;
  const legal = detail.legalRoute !== null || detail.state === 'routed_legal';
  const next = detail.nextDeadline;
  const openMatches = detail.matches.filter((match) => !match.dismissed && !detail.linked.some((link) => link.id === match.id)).length;

  return (
    <div>
      <PageHeader
        back={back}
        title={<span data-testid="pt-title">{detail.summary}</span>}
        subtitle={
          <Space size={4} wrap>
            <span data-testid="pt-serial">{detail.serial}</span>
            <PetitionStateTag state={detail.state} label={detail.stateLabel} testId="pt-state" />
            <Tag style={{ marginInlineEnd: 0 }}>{detail.kindLabel}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{detail.channelLabel}</Tag>
            <PetitionFlags isGroup={detail.isGroup} skipLevel={detail.skipLevel} legalRoute={legal} />
            {detail.stage !== 'initial' ? <Tag color="gold">{STAGE_LABELS[detail.stage]}</Tag> : null}
            {next && !closed ? (
              <span className={next.overdue ? 'zs-text-overdue' : undefined}>
                {next.label} {formatDate(next.due, true)} {describeDays(next.daysRemaining)}
              </span>
            ) : null}
          </Space>
        }
        extra={!isMobile && actions.length ? <ActionButtons actions={actions} onPick={setPicked} /> : undefined}
      />

      {registeredMatches > 0 && openMatches > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="pt-registered-matches"
          title={`登记时发现${openMatches}件疑似重复信访，请逐件核对`}
          description="属于同一信访人同一事项的，关联后按重复信访处理；已经复核终结的事项，信访人以同一事实和理由再次提出的不再受理。"
        />
      ) : null}
      {next && next.overdue && !closed ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${next.label}已超过期限（${formatDate(next.due)}），${describeDays(next.daysRemaining)}`} />
      ) : null}

      <PetitionMatches ref={matchesRef} detail={detail} canDecide={staff} />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title="信访内容" size="small">
            <div className="pt-content" data-testid="pt-content-text">
              {detail.content}
            </div>
          </Card>
          <Card title="法定时限" size="small" style={{ marginTop: 16 }}>
            <DeadlineTable deadlines={detail.deadlines} closed={closed} />
          </Card>
          {detail.outcome || detail.reply || detail.evaluation ? (
            <Card title="处理意见" size="small" style={{ marginTop: 16 }} data-testid="pt-reply">
              <Space size={8} wrap style={{ marginBottom: detail.reply ? 8 : 0 }}>
                {detail.outcome ? <Tag color="blue">{labelOf(OUTCOME_LABELS, detail.outcome)}</Tag> : null}
                {detail.evaluation ? <Tag color={detail.evaluation === 'unsatisfied' ? 'red' : 'green'}>信访人评价：{labelOf(EVALUATION_LABELS, detail.evaluation)}</Tag> : null}
              </Space>
              {detail.reply ? <div className="pt-content">{detail.reply}</div> : null}
            </Card>
          ) : null}
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
            {detail.history.length ? (
              <Timeline
                style={{ marginTop: 8 }}
                items={detail.history.map((entry) => ({
                  key: entry.id,
                  color: historyColor(entry.action),
                  content: (
                    <div data-testid="pt-history-entry">
                      <div className="zs-timeline-head">
                        <span className="zs-timeline-action">{entry.actionLabel}</span>
                        <span>{entry.actorName}</span>
                        <span className="zs-text-muted">{formatDateTime(entry.at)}</span>
                      </div>
                      {entry.comment ? <div className="zs-timeline-comment">{entry.comment}</div> : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description="暂无办理记录" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title="事项信息" size="small" extra={<PetitionEditButton detail={detail} />}>
            <Facts detail={detail} isMobile={isMobile} />
          </Card>
          <Card title="信访人" size="small" style={{ marginTop: 16 }} extra={staff ? <span className="zs-cell-sub">查看完整号码将记入审计日志</span> : undefined}>
            <PetitionPeople petitionId={detail.id} people={detail.people} canReveal={staff} />
          </Card>
          <Card title="文书" size="small" style={{ marginTop: 16 }}>
            <Documents detail={detail} />
          </Card>
          <PetitionFiles detail={detail} />
          {detail.linked.length ? (
            <Card title="关联事项" size="small" style={{ marginTop: 16 }}>
              <div className="pt-doc-list">
                {detail.linked.map((link) => (
                  <div key={link.id} className="pt-doc" data-testid={`pt-linked-${link.id}`}>
                    <Link to={`/petitions/${encodeURIComponent(link.id)}`}>{link.serial}</Link>
                    <Tag style={{ marginInlineEnd: 0 }}>{LINK_RELATION_LABELS[link.relation] ?? link.relation}</Tag>
                  </div>
                ))}
              </div>
            </Card>
          ) : null}
          {detail.assignmentIds.length ? (
            <Card title="领导批示督办" size="small" style={{ marginTop: 16 }}>
              <div className="pt-doc-list">
                {detail.assignmentIds.map((assignmentId, index) => (
                  <Link key={assignmentId} to={`/assignments/${encodeURIComponent(assignmentId)}`} data-testid={`pt-assignment-link-${assignmentId}`}>
                    督查事项{detail.assignmentIds.length > 1 ? ` ${index + 1}` : ''}：查看办理进度
                  </Link>
                ))}
              </div>
            </Card>
          ) : null}
        </Col>
      </Row>

      {isMobile && actions.length ? (
        <div style={{ marginTop: 16 }}>
          <ActionButtons actions={actions} onPick={setPicked} />
        </div>
      ) : null}

      <PetitionActionModal detail={detail} action={picked} onClose={() => setPicked(null)} />
    </div>
  );
}

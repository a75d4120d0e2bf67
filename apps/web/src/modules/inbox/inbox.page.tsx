import { useUrlFilters } from '../../shared/use-url-filters';
import { useNavigate } from 'react-router-dom';
import { Select, Tabs, Tag, type TableColumnsType } from 'antd';
import type { InboxBox, InboxItem } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { DueFlag, UrgencyTag } from '../../shared/status-tags';
import { DocumentUrgencyTag } from '../documents/document-tags';
import { MODULE_LABELS, URGENCY_LABELS, labelOf } from '../../shared/labels';
import { formatDateTime, formatDue } from '../../shared/format';
import { FilterBar, ResponsiveList, type DueMark } from '../../shared/responsive-list';
import { useErrorToast } from '../../shared/use-error-toast';
import { useInboxCounts, useInboxList, useMarkInboxRead } from './inbox.api';

const BOXES: { key: InboxBox; label: string }[] = [
  { key: 'todo', label: '待办' },
  { key: 'done', label: '已办' },
  { key: 'mine', label: '我发起的' },
];

/** Business modules that put items in the inbox; 办文 covers both 发文 and 收文. */
const INBOX_MODULE_LABELS: Record<string, string> = { ...MODULE_LABELS, document: '办文' };
const MODULE_OPTIONS = [{ value: '', label: '全部业务' }, ...Object.entries(INBOX_MODULE_LABELS).map(([value, label]) => ({ value, label }))];
const URGENCY_OPTIONS = [{ value: '', label: '全部紧急程度' }, ...Object.entries(URGENCY_LABELS).map(([value, label]) => ({ value, label }))];

/** Where an inbox item leads. Modules added later register their detail route here. */
export function inboxItemPath(item: Pick<InboxItem, 'module' | 'entityId'>): string | null {
  switch (item.module) {
    case 'assignment':
      return `/assignments/${encodeURIComponent(item.entityId)}`;
    case 'document':
      return `/documents/${encodeURIComponent(item.entityId)}`;
    case 'petition':
      return `/petitions/${encodeURIComponent(item.entityId)}`;
    case 'meeting':
      return `/meetings/${encodeURIComponent(item.entityId)}`;
    case 'collection':
      return `/collections/${encodeURIComponent(item.entityId)}`;
    default:
      return null;
  }
}

/** 公文 say 加急/特急 (GB/T 9704), other business 急件/特急. */
function ItemUrgency({ item, hideNormal = false }: { item: InboxItem; hideNormal?: boolean }) {
  return item.module === 'document' ? (
    <DocumentUrgencyTag urgency={item.urgency} hideNormal={hideNormal} />
  ) : (
    <UrgencyTag urgency={item.urgency} hideNormal={hideNormal} />
  );
}

/** Only a to-do is 逾期 or 即将到期; what is done or sent is past that. */
function dueMark(item: InboxItem, box: InboxBox): DueMark {
  if (box === 'todo' && item.overdue) return 'overdue';
  if (box === 'todo' && item.dueSoon) return 'due-soon';
  return null;
}

function TitleCell({ item }: { item: InboxItem }) {
  return (
    <span className={item.read ? undefined : 'zs-unread'}>
      {!item.read ? <span className="zs-unread-dot" aria-label="未读" /> : null}
      {item.title}
    </span>
  );
}

export function InboxPage() {
  const [params, update] = useUrlFilters();
  const navigate = useNavigate();
  const toastError = useErrorToast();
  const box = (BOXES.some((b) => b.key === params.get('box')) ? params.get('box') : 'todo') as InboxBox;
  const moduleFilter = params.get('module') ?? '';
  const urgency = params.get('urgency') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;

  const counts = useInboxCounts(true);
  const list = useInboxList({ box, module: moduleFilter, urgency, page, pageSize });
  const markRead = useMarkInboxRead();


  const open = (item: InboxItem) => {
    if (!item.read) markRead.mutate(item.id, { onError: toastError });
    const path = inboxItemPath(item);
    if (path) navigate(path);
  };

  const columns: TableColumnsType<InboxItem> = [
    {
      title: '事项',
      dataIndex: 'title',
      render: (_value, item) => (
        <div>
          <TitleCell item={item} />
          <div className="zs-cell-sub">{labelOf(INBOX_MODULE_LABELS, item.module)}</div>
        </div>
      ),
    },
    { title: '办理环节', dataIndex: 'task', width: 110, render: (task: string) => <Tag>{task}</Tag> },
    { title: '紧急程度', dataIndex: 'urgency', width: 96, render: (_value: InboxItem['urgency'], item) => <ItemUrgency item={item} /> },
    {
      title: '办理期限',
      dataIndex: 'dueAt',
      width: 200,
      render: (value: string | null, item) => (
        <span>
          <span className={box === 'todo' && item.overdue ? 'zs-text-overdue' : undefined}>{formatDue(value)}</span>{' '}
          {box === 'todo' ? <DueFlag overdue={item.overdue} dueSoon={item.dueSoon} /> : null}
        </span>
      ),
    },
    box === 'done'
      ? { title: '办理时间', dataIndex: 'doneAt', width: 150, render: (value: string | null) => formatDateTime(value) }
      : { title: '送达时间', dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value) },
  ];

  const countOf = (key: InboxBox) => counts.data?.[key];

  return (
    <div>
      <PageHeader
        title="待办事项"
        subtitle={
          counts.data ? (
            <>
              待办 {counts.data.todo} 件{counts.data.overdue ? <span className="zs-text-overdue">，逾期 {counts.data.overdue} 件</span> : null}
              {counts.data.unread ? `，未读 ${counts.data.unread} 件` : null}
            </>
          ) : undefined
        }
      />
      <div className="zs-panel">
        <Tabs
          activeKey={box}
          onChange={(key) => update({ box: key === 'todo' ? '' : key })}
          items={BOXES.map((b) => ({
            key: b.key,
            label: (
              <span data-testid={`inbox-tab-${b.key}`}>
                {b.label}
                {countOf(b.key) !== undefined ? (
                  <span className="zs-text-muted" data-testid={`inbox-tab-${b.key}-count`}>
                    {' '}
                    ({countOf(b.key)})
                  </span>
                ) : null}
              </span>
            ),
          }))}
        />
        <FilterBar>
          <Select
            aria-label="业务类型"
            value={moduleFilter}
            options={MODULE_OPTIONS}
            onChange={(value) => update({ module: value })}
            style={{ width: 160 }}
          />
          <Select
            aria-label="紧急程度"
            value={urgency}
            options={URGENCY_OPTIONS}
            onChange={(value) => update({ urgency: value })}
            style={{ width: 160 }}
          />
        </FilterBar>
        <ResponsiveList<InboxItem>
          items={list.data?.items ?? []}
          query={list}
          columns={columns}
          onOpen={open}
          dueMark={(item) => dueMark(item, box)}
          empty={box === 'todo' ? '暂无待办事项' : '暂无记录'}
          scrollX={760}
          paging={{ page, pageSize, total: list.data?.total ?? 0, countUnit: '件', onChange: (next) => update({ page: String(next) }) }}
          card={(item) => (
            <>
              <div className="zs-item-card-title">
                <TitleCell item={item} />
              </div>
              <div className="zs-item-card-tags">
                <Tag>{item.task}</Tag>
                <ItemUrgency item={item} hideNormal />
                {box === 'todo' ? <DueFlag overdue={item.overdue} dueSoon={item.dueSoon} /> : null}
              </div>
              <div className="zs-item-card-meta">
                <span>{labelOf(INBOX_MODULE_LABELS, item.module)}</span>
                <span>{item.dueAt ? `期限 ${formatDue(item.dueAt)}` : formatDateTime(item.createdAt)}</span>
              </div>
            </>
          )}
        />
      </div>
    </div>
  );
}

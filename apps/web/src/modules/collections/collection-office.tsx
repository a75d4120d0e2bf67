// What the office and the leaders see of a collection: completion, each unit's state with its actions, and the
// dialogs for 退回, 截止时间 and 追加单位; a unit's submission opens read-only in a drawer.
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, type ButtonProps, DatePicker, Drawer, Empty, Form, Input, Progress, Segmented, Select, Skeleton, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ActionModal, reportActionError } from '../../shared/action-modal';
import { formatDateTime } from '../../shared/format';
import { QueryError } from '../../shared/query-error';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useDirectory } from '../org/directory.api';
import {
  submissionFileUrl,
  useAddCollectionUnits,
  useRemindCollection,
  useReturnSubmission,
  useSubmission,
  useUpdateCollection,
  type CollectionDetail,
  type Completion,
  type UnitEntry,
} from './collections.api';
import { LateTag, UnitStateTag, completionPercent } from './collection-parts';
import { SubmissionView } from './fill-form';

const DEADLINE_FORMAT = 'YYYY-MM-DD HH:mm';

/** "已报送 7 / 10，逾期 2，退回 1" with the bar and the rest of the counts. */
export function CompletionPanel({ completion }: { completion: Completion }) {
  const done = completion.total > 0 && completion.submitted === completion.total;
  return (
    <div className="cl-completion">
      <div className="cl-completion-text">
        <span data-testid="collection-completion">
          已报送 {completion.submitted} / {completion.total}，逾期 {completion.late}，退回 {completion.returned}
        </span>
      </div>
      <Progress percent={completionPercent(completion)} strokeColor={done ? '#389e0d' : '#1f4e9c'} format={(percent) => `${percent}%`} />
      <div className="zs-cell-sub">
        未填报 {completion.pending} · 草稿 {completion.draft} · 已退回 {completion.returned} · 已报送 {completion.submitted}
      </div>
    </div>
  );
}

type UnitFilter = 'all' | 'open' | 'submitted' | 'returned';
const FILTER_OPTIONS: { value: UnitFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '未报送' },
  { value: 'submitted', label: '已报送' },
  { value: 'returned', label: '已退回' },
];

function matches(entry: UnitEntry, filter: UnitFilter): boolean {
  if (filter === 'open') return entry.state !== 'submitted';
  if (filter === 'submitted') return entry.state === 'submitted';
  if (filter === 'returned') return entry.state === 'returned';
  return true;
}

/** When the unit submitted; for one returned, when it last did; for a draft, when it was last saved. */
function EntryTime({ entry }: { entry: UnitEntry }) {
  if (entry.state === 'submitted' && entry.submittedAt) return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.submittedAt)}</span>;
  if (entry.state === 'returned' && entry.submittedAt) return <span className="zs-cell-sub">上次报送于 {formatDateTime(entry.submittedAt)}</span>;
  if (entry.savedAt) return <span className="zs-cell-sub">草稿保存于 {formatDateTime(entry.savedAt)}</span>;
  return <span className="zs-text-muted">—</span>;
}

/** Each unit sent to: its state, when it submitted, 逾期, the reason it was returned, how often it was reminded. */
export function UnitsTable({ detail, onView, onReturn, onRemind }: { detail: CollectionDetail; onView: (entry: UnitEntry) => void; onReturn: (entry: UnitEntry) => void; onRemind: (entry: UnitEntry) => void }) {
  const [filter, setFilter] = useState<UnitFilter>('all');
  const isMobile = useIsMobile();
  const manage = detail.canManage;
  const rows = detail.units.filter((entry) => matches(entry, filter));
  const actions = (entry: UnitEntry) => (
    <Space size={0} wrap>
      <Button type="link" size="small" disabled={entry.state === 'pending'} onClick={() => onView(entry)} data-testid="collection-view">
        查看
      </Button>
      {manage && entry.state === 'submitted' ? (
        <Button type="link" size="small" danger onClick={() => onReturn(entry)} data-testid="collection-return">
          退回
        </Button>
      ) : null}
      {manage && detail.state === 'open' && entry.state !== 'submitted' ? (
        <Button type="link" size="small" onClick={() => onRemind(entry)} data-testid="collection-remind-unit">
          催报
        </Button>
      ) : null}
    </Space>
  );
  const columns: TableColumnsType<UnitEntry> = [
    { title: '单位', dataIndex: 'unitName', width: 200, render: (name: string) => <span className="cl-summary-unit">{name}</span> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 120,
      render: (_v, entry) => (
        <Space size={4} wrap>
          <UnitStateTag state={entry.state} label={entry.stateLabel} />
          {entry.late ? <LateTag /> : null}
        </Space>
      ),
    },
    {
      title: '报送时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (_v, entry) => <EntryTime entry={entry} />,
    },
    {
      title: '退回原因',
      dataIndex: 'returnedReason',
      render: (_v, entry) =>
        entry.returnedReason ? (
          <div>
            <div className={entry.state === 'returned' ? 'cl-returned-text' : undefined}>{entry.returnedReason}</div>
            {entry.returnCount > 0 ? <div className="zs-cell-sub">已退回 {entry.returnCount} 次</div> : null}
          </div>
        ) : entry.returnCount > 0 ? (
          <span className="zs-cell-sub">已退回 {entry.returnCount} 次</span>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
    { title: '催报', dataIndex: 'remindedCount', width: 72, align: 'center', render: (count: number) => (count ? `${count}次` : <span className="zs-text-muted">—</span>) },
    { title: '操作', key: 'actions', width: manage ? 180 : 80, fixed: 'right', render: (_v, entry) => actions(entry) },
  ];
  return (
    <div>
      {detail.state !== 'draft' ? (
        <div className="zs-filters">
          <Segmented<UnitFilter>
            value={filter}
            onChange={setFilter}
            options={FILTER_OPTIONS.map((option) => ({ ...option, label: `${option.label} ${detail.units.filter((entry) => matches(entry, option.value)).length}` }))}
            data-testid="unit-filter"
          />
        </div>
      ) : null}
      {isMobile ? (
        <div className="zs-card-list">
          {rows.map((entry) => (
            <div
              key={entry.unitId}
              className={`zs-item-card cl-unit-card${entry.state === 'returned' ? ' cl-unit-card-returned' : ''}`}
              data-testid="collection-unit-row"
              data-unit={entry.unitName}
              data-state={entry.state}
            >
              <div className="cl-unit-card-head">
                <span className="cl-unit-card-name">{entry.unitName}</span>
                <Space size={4}>
                  <UnitStateTag state={entry.state} label={entry.stateLabel} />
                  {entry.late ? <LateTag /> : null}
                </Space>
              </div>
              <div className="zs-item-card-meta">
                <EntryTime entry={entry} />
                {entry.remindedCount ? <span>已催报 {entry.remindedCount} 次</span> : null}
              </div>
              {entry.returnedReason ? <div className={entry.state === 'returned' ? 'cl-returned-text' : 'zs-cell-sub'}>退回原因：{entry.returnedReason}</div> : null}
              <div className="cl-unit-card-actions">{actions(entry)}</div>
            </div>
          ))}
          {!rows.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={detail.units.length ? '没有符合条件的单位' : '尚未选择征集单位'} /> : null}
        </div>
      ) : (
        <Table<UnitEntry>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (count) => `共 ${count} 个单位` } : false}
          scroll={{ x: 860 }}
          rowClassName={(entry) => (entry.state === 'returned' ? 'cl-row-returned' : entry.late && entry.state !== 'submitted' ? 'zs-row-overdue' : '')}
          onRow={(entry) => ({ 'data-testid': 'collection-unit-row', 'data-unit': entry.unitName, 'data-state': entry.state }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={detail.units.length ? '没有符合条件的单位' : '尚未选择征集单位'} /> }}
        />
      )}
    </div>
  );
}

/** One unit's submission, read-only, with 退回 for the office when it is submitted. */
export function SubmissionDrawer({ detail, entry, onClose, onReturn }: { detail: CollectionDetail; entry: UnitEntry | null; onClose: () => void; onReturn: (entry: UnitEntry) => void }) {
  const isMobile = useIsMobile();
  const submission = useSubmission(detail.id, entry?.unitId, entry !== null);
  const current = submission.data ?? null;
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 760}
      destroyOnHidden
      title={entry ? `${entry.unitName}的填报` : ''}
      extra={
        detail.canManage && current?.state === 'submitted' && entry ? (
          <Button danger onClick={() => onReturn({ ...entry, ...current })} data-testid="drawer-return">
            退回
          </Button>
        ) : undefined
      }
    >
      <div data-testid="submission-drawer">
        {submission.isPending ? (
          <Skeleton active />
        ) : submission.isError ? (
          <QueryError error={submission.error} onRetry={() => void submission.refetch()} />
        ) : current ? (
          <>
            <Space size={8} wrap style={{ marginBottom: 12 }}>
              <UnitStateTag state={current.state} label={current.stateLabel} />
              {current.late ? <LateTag /> : null}
              {current.submittedAt && current.state === 'submitted' ? <span className="zs-cell-sub">报送于 {formatDateTime(current.submittedAt)}</span> : null}
              {current.state === 'draft' && current.savedAt ? <span className="zs-cell-sub">草稿保存于 {formatDateTime(current.savedAt)}（尚未报送）</span> : null}
            </Space>
            {current.returnedReason && current.state === 'returned' ? <Alert type="warning" showIcon title={`已退回：${current.returnedReason}`} style={{ marginBottom: 12 }} /> : null}
            <SubmissionView fields={detail.fields} data={current.data ?? {}} isMobile={isMobile} fileHref={(fileId) => submissionFileUrl(detail.id, current.unitId, fileId)} />
          </>
        ) : null}
      </div>
    </Drawer>
  );
}

/** 退回修改: the reason goes to the unit with a to-do. */
export function ReturnModal({ detail, entry, onClose, onDone }: { detail: CollectionDetail; entry: UnitEntry | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const mutation = useReturnSubmission(detail.id);
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (entry) {
      form.resetFields();
      setFormError(null);
    }
  }, [entry, form]);
  if (!entry) return null;
  const onFinish = ({ reason }: { reason: string }) => {
    setFormError(null);
    mutation.mutate(
      { unitId: entry.unitId, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(`已退回${entry.unitName}修改`);
          onDone();
        },
        onError: (error) => reportActionError(error, { form, field: 'reason', setFormError, toastError }),
      },
    );
  };
  return (
    <ActionModal title={`退回修改：${entry.unitName}`} okText="确定退回" danger busy={mutation.isPending} error={formError} onOk={() => form.submit()} onClose={onClose}>
      <div className="zs-cell-sub" style={{ marginBottom: 12 }}>
        退回后该单位将收到“退回修改”待办，修改后重新报送；汇总表在其重新报送前不计入该单位的数据。
      </div>
      <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item label="退回原因" name="reason" rules={[{ required: true, whitespace: true, message: '退回原因：不能为空' }, { max: 500, message: '退回原因：不超过500字' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="说明需要更正的内容，如：第2行资金缺口数字有误，请核实" data-testid="return-reason" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 修改截止时间 while the collection is open (or to reopen it later). */
export function DeadlineModal({ detail, onClose }: { detail: CollectionDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ deadline: Dayjs | null }>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const mutation = useUpdateCollection(detail.id);
  const [formError, setFormError] = useState<string | null>(null);
  const onFinish = ({ deadline }: { deadline: Dayjs | null }) => {
    if (!deadline) {
      form.setFields([{ name: 'deadline', errors: ['截止时间：不能为空'] }]);
      return;
    }
    if (!deadline.isAfter(dayjs())) {
      form.setFields([{ name: 'deadline', errors: ['截止时间：须晚于当前时间'] }]);
      return;
    }
    mutation.mutate(
      { deadline: deadline.second(0).millisecond(0).format() },
      {
        onSuccess: () => {
          message.success(`截止时间已改为 ${deadline.format(DEADLINE_FORMAT)}`);
          onClose();
        },
        onError: (error) => reportActionError(error, { form, field: 'deadline', setFormError, toastError }),
      },
    );
  };
  return (
    <ActionModal title="修改截止时间" okText="保存" busy={mutation.isPending} error={formError} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ deadline: detail.deadline ? dayjs(detail.deadline) : null }}>
        <Form.Item label="截止时间" name="deadline" extra="各单位的填报待办随之更新；已报送的单位不受影响">
          <DatePicker showTime={{ format: 'HH:mm' }} format={DEADLINE_FORMAT} disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: '100%' }} data-testid="deadline-input" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 追加单位 after sending: the same 填报 to-do goes to the new units. */
export function AddUnitsModal({ detail, onClose }: { detail: CollectionDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const directory = useDirectory();
  const mutation = useAddCollectionUnits(detail.id);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => {
    const taken = new Set(detail.units.map((entry) => entry.unitId));
    return (directory.data?.units ?? []).filter((unit) => !taken.has(unit.id)).map((unit) => ({ value: unit.id, label: unit.name }));
  }, [directory.data, detail.units]);
  const submit = () => {
    if (!unitIds.length) {
      setError('追加单位：请至少选择一个单位');
      return;
    }
    mutation.mutate(unitIds, {
      onSuccess: () => {
        message.success(`已追加${unitIds.length}个单位，并向其发送填报待办`);
        onClose();
      },
      onError: (e) => reportActionError(e, { setFormError: setError, toastError }),
    });
  };
  return (
    <ActionModal title="追加征集单位" okText="追加并发送" busy={mutation.isPending} error={error} onOk={submit} onClose={onClose}>
      <Select
        mode="multiple"
        aria-label="追加单位"
        value={unitIds}
        onChange={(ids) => {
          setUnitIds(ids);
          setError(null);
        }}
        options={options}
        loading={directory.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择尚未征集的单位"
        style={{ width: '100%' }}
        data-testid="add-units-select"
      />
    </ActionModal>
  );
}

/** 催报 of one unit or of all not yet submitted, after a confirmation naming how many. */
export function useRemind(detail: CollectionDetail) {
  const { message, modal } = App.useApp();
  const toastError = useErrorToast();
  const mutation = useRemindCollection(detail.id);
  return (entry?: UnitEntry) => {
    const targets = entry ? [entry] : detail.units.filter((unit) => unit.state !== 'submitted');
    if (!targets.length) {
      message.info('各单位均已报送，无需催报');
      return;
    }
    modal.confirm({
      title: entry ? `催报${entry.unitName}？` : `催报${targets.length}个未报送单位？`,
      content: entry ? '该单位的填报人员将收到“催报”待办。' : `${targets.map((unit) => unit.unitName).join('、')}的填报人员将收到“催报”待办。`,
      okText: '发送催报',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'action-submit' } as ButtonProps,
      onOk: () =>
        mutation
          .mutateAsync(entry ? [entry.unitId] : undefined)
          .then(({ reminded }) => {
            message.success(`已催报${reminded}个单位`);
          })
          .catch(toastError),
    });
  };
}

export function RemindTooltip({ children, count }: { children: React.ReactElement; count: number }) {
  return <Tooltip title={count ? `向${count}个未报送单位发送催报待办` : '各单位均已报送'}>{children}</Tooltip>;
}

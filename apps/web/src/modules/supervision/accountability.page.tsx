import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth';
import { canRecordAccountability } from '../../app/access';
import { PageHeader } from '../../shared/page-header';
import { UnitFilter } from '../../shared/unit-filter';
import { formatDate, formatDateTime } from '../../shared/format';
import { FilterBar, ResponsiveList } from '../../shared/responsive-list';
import { useUrlFilters } from '../../shared/use-url-filters';
import { useDirectory, useDirectoryPickers } from '../org/directory.api';
import { AccountabilityFormModal } from './accountability-form';
import { useAccountabilityList, type AccountabilityKind, type AccountabilityRecord } from './supervision.api';
import { ACCOUNTABILITY_KIND_COLORS } from './supervision-labels';
import './supervision.css';

/** 扣分 shows its points, 限期整改 its due date; the other kinds have neither. */
function Measure({ record }: { record: AccountabilityRecord }) {
  if (record.points !== null) return <span className="zs-text-overdue">扣 {record.points} 分</span>;
  if (record.dueDate) return <span>{formatDate(record.dueDate)} 前整改</span>;
  return <span className="zs-text-muted">—</span>;
}

/** /supervision/accountability — 问责记录: 约谈, 通报批评, 限期整改 and 扣分 per unit, with the items behind them. */
export function AccountabilityPage() {
  const me = useMe();
  const [params, update] = useUrlFilters();
  const directory = useDirectory();
  const { unitTree } = useDirectoryPickers(directory);
  const [formOpen, setFormOpen] = useState(false);
  const filters = {
    unitId: params.get('unitId') ?? '',
    assignmentId: params.get('assignmentId') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: 20,
  };
  const list = useAccountabilityList(filters);
  const items = list.data?.items ?? [];
  const linkedTitle = filters.assignmentId
    ? (items.flatMap((record) => record.assignments).find((item) => item.id === filters.assignmentId)?.title ?? '指定事项')
    : null;

  const columns: TableColumnsType<AccountabilityRecord> = [
    { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: '问责方式',
      dataIndex: 'kindLabel',
      width: 100,
      render: (label: string, record) => <Tag color={ACCOUNTABILITY_KIND_COLORS[record.kind as AccountabilityKind]}>{label}</Tag>,
    },
    { title: '单位', dataIndex: 'unitName', width: 150 },
    { title: '事由', dataIndex: 'reason', render: (reason: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{reason}</div> },
    {
      title: '关联事项',
      dataIndex: 'assignments',
      width: 260,
      render: (linked: AccountabilityRecord['assignments']) =>
        linked.length ? (
          <div>
            {linked.map((item) => (
              <div key={item.id}>
                <Link to={`/assignments/${item.id}`}>
                  {item.serial} {item.title}
                </Link>
              </div>
            ))}
          </div>
        ) : (
          <span className="zs-text-muted">—</span>
        ),
    },
    { title: '扣分 / 整改期限', key: 'measure', width: 140, render: (_, record) => <Measure record={record} /> },
    { title: '登记人', dataIndex: 'createdByName', width: 100 },
  ];

  return (
    <div>
      <PageHeader
        title="问责记录"
        subtitle="对督查事项办理不力单位的约谈、通报批评、限期整改和扣分"
        extra={
          canRecordAccountability(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="accountability-new">
              登记问责
            </Button>
          ) : undefined
        }
      />
      <div className="zs-panel">
        <FilterBar>
          <UnitFilter label="单位" placeholder="全部单位" value={filters.unitId} treeData={unitTree} onChange={(unitId) => update({ unitId })} width={220} />
          {linkedTitle ? (
            <Tag closable onClose={() => update({ assignmentId: '' })}>
              关联事项：{linkedTitle}
            </Tag>
          ) : null}
        </FilterBar>
        <ResponsiveList<AccountabilityRecord>
          items={items}
          query={list}
          columns={columns}
          empty="暂无问责记录"
          scrollX={1100}
          paging={{ page: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, countUnit: '条', onChange: (next) => update({ page: String(next) }) }}
        />
      </div>
      {canRecordAccountability(me) ? <AccountabilityFormModal open={formOpen} prefill={undefined} onClose={() => setFormOpen(false)} /> : null}
    </div>
  );
}

import { useMemo } from 'react';
import { Tag, Tooltip, type FormRule } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { buildUnitTree } from '../../shared/unit-tree';
import { formatDate } from '../../shared/format';
import type { useDirectory } from '../org/directory.api';
import type { Deadline, PetitionState, PetitionSummary } from './petitions.api';
import { STATE_COLORS, STATE_LABELS, describeDays } from './petition-labels';
import './petitions.css';

/** The state in the server's words (stateLabel), coloured by state. */
export function PetitionStateTag({ state, label, testId }: { state: PetitionState; label?: string; testId?: string }) {
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {label || STATE_LABELS[state] || state}
    </Tag>
  );
}

/** 集体访, 越级 and 诉访分离: the marks a clerk must not miss. */
export function PetitionFlags({ isGroup, skipLevel, legalRoute }: { isGroup: boolean; skipLevel: boolean; legalRoute?: boolean }) {
  return (
    <>
      {isGroup ? (
        <Tag color="orange" data-testid="pt-tag-group" style={{ marginInlineEnd: 0 }}>
          集体访
        </Tag>
      ) : null}
      {skipLevel ? (
        <Tag color="red" data-testid="pt-tag-skip-level" style={{ marginInlineEnd: 0 }}>
          越级
        </Tag>
      ) : null}
      {legalRoute ? (
        <Tag color="purple" data-testid="pt-tag-legal" style={{ marginInlineEnd: 0 }}>
          诉访分离
        </Tag>
      ) : null}
    </>
  );
}

/** "剩余3天" coloured: red once overdue, orange within three days, ✓ once met. */
export function DeadlineDays({ deadline }: { deadline: Deadline }) {
  if (deadline.metAt) {
    return (
      <Tooltip title={`已于${formatDate(deadline.metAt)}完成`}>
        <span className="pt-deadline-met" aria-label="已按期完成">
          <CheckOutlined />
        </span>
      </Tooltip>
    );
  }
  const className = deadline.overdue ? 'zs-text-overdue' : deadline.daysRemaining <= 3 ? 'zs-text-due-soon' : 'zs-text-muted';
  return <span className={className}>{describeDays(deadline.daysRemaining)}</span>;
}

/** The list's 下一期限 cell: which limit, its last day and how long is left. */
export function NextDeadline({ item }: { item: Pick<PetitionSummary, 'nextDeadline'> }) {
  const deadline = item.nextDeadline;
  if (!deadline) return <span className="zs-text-muted">—</span>;
  return (
    <div className={deadline.overdue ? 'pt-deadline-overdue' : undefined}>
      <div>{deadline.label}</div>
      <div style={{ whiteSpace: 'nowrap' }}>{formatDate(deadline.due)}</div>
      <DeadlineDays deadline={deadline} />
    </div>
  );
}

/** Pickers built from the directory: every unit (承办单位, 被反映单位) and the townships alone (乡镇). */
export function usePetitionUnitPickers(directory: ReturnType<typeof useDirectory>) {
  return useMemo(() => {
    const units = directory.data?.units ?? [];
    return {
      unitTree: buildUnitTree(units),
      townshipTree: buildUnitTree(units.filter((unit) => unit.kind === 'township')),
    };
  }, [directory.data]);
}

/** The registration's checks on the matter, the same in 信访登记 and 修改登记 (the server checks them again). */
export const MATTER_RULES = {
  channel: [{ required: true, message: '请选择信访渠道' }],
  receivedAt: [{ required: true, message: '请选择收到日期' }],
  superiorRef: [{ required: true, whitespace: true, message: '上级转送交办的事项须填写转送交办文号' }],
  kind: [{ required: true, message: '请选择信访事项类型' }],
  summary: [
    { required: true, whitespace: true, message: '请填写摘要' },
    { max: 200, message: '摘要不超过200字' },
  ],
  content: [
    { required: true, whitespace: true, message: '请填写信访内容' },
    { max: 20000, message: '信访内容不超过20000字' },
  ],
  village: [{ max: 100, message: '村（社区）不超过100字' }],
  categoryId: [{ required: true, message: '请选择问题类别' }],
} satisfies Record<string, FormRule[]>;

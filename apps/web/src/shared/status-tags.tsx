import { Tag } from 'antd';
import type { Urgency } from '../api/types';
import { URGENCY_COLORS, URGENCY_LABELS, labelOf } from './labels';
import { describeDaysRemaining } from './format';

export function UrgencyTag({ urgency, hideNormal = false }: { urgency: Urgency | string; hideNormal?: boolean }) {
  if (hideNormal && urgency === 'normal') return null;
  return (
    // Outlined, so that the solid 逾期/即将到期 flags stay the loudest marks on a row.
    <Tag color={URGENCY_COLORS[urgency as Urgency]} variant="outlined">
      {labelOf(URGENCY_LABELS, urgency)}
    </Tag>
  );
}

/** 逾期 in red, 即将到期 in orange; nothing for items with time to spare. */
export function DueFlag({ overdue, dueSoon }: { overdue: boolean; dueSoon: boolean }) {
  if (overdue) return <Tag color="red" variant="solid">逾期</Tag>;
  if (dueSoon) return <Tag color="orange" variant="solid">即将到期</Tag>;
  return null;
}

/** "剩余3个工作日" coloured by urgency of the deadline; closed items show no countdown. */
export function DaysRemaining({ days, overdue, dueSoon, closed }: { days: number; overdue: boolean; dueSoon: boolean; closed?: boolean }) {
  if (closed) return null;
  const className = overdue ? 'zs-text-overdue' : dueSoon ? 'zs-text-due-soon' : 'zs-text-muted';
  return <span className={className}>{describeDaysRemaining(days)}</span>;
}

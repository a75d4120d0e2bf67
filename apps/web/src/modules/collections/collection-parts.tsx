import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Progress, Tag } from 'antd';
import type { Me } from '../../api/types';
import { formatDateTime } from '../../shared/format';
import type { CollectionState, Completion, UnitState } from './collections.api';
import { COLLECTION_STATE_COLORS, COLLECTION_STATE_LABELS, UNIT_STATE_COLORS, UNIT_STATE_LABELS } from './collection-labels';
import './collections.css';

/** The current time, ticking once a minute, so "剩余2小时" counts down while the page stays open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "剩余2天3小时" / "剩余45分钟" / "已截止". */
export function describeTimeLeft(deadline: string, now: number): { text: string; past: boolean; soon: boolean } {
  const ms = new Date(deadline).getTime() - now;
  if (!Number.isFinite(ms)) return { text: '', past: false, soon: false };
  if (ms <= 0) return { text: '已截止', past: true, soon: false };
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const soon = ms < 24 * 3600_000;
  if (days > 0) return { text: `剩余${days}天${hours ? `${hours}小时` : ''}`, past: false, soon };
  if (hours > 0) return { text: `剩余${hours}小时${rest ? `${rest}分` : ''}`, past: false, soon };
  return { text: `剩余${Math.max(rest, 1)}分钟`, past: false, soon };
}

/** 征集中 / 已结束 … */
export function CollectionStateTag({ state, label, testId }: { state: CollectionState; label?: string; testId?: string }) {
  return (
    <Tag color={COLLECTION_STATE_COLORS[state] ?? 'default'} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {label || COLLECTION_STATE_LABELS[state] || state}
    </Tag>
  );
}

/** A unit's 未填报 / 草稿 / 已报送 / 已退回. */
export function UnitStateTag({ state, label, testId }: { state: UnitState; label?: string; testId?: string }) {
  return (
    <Tag color={UNIT_STATE_COLORS[state] ?? 'default'} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {label || UNIT_STATE_LABELS[state] || state}
    </Tag>
  );
}

export function LateTag() {
  return (
    <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }} data-testid="late-tag">
      逾期
    </Tag>
  );
}

/** The deadline with the time left; a closed collection shows no countdown. */
export function DeadlineText({ deadline, state, now, inline = false }: { deadline: string | null; state: CollectionState; now: number; inline?: boolean }) {
  if (!deadline) return <span className="zs-text-muted">未设截止时间</span>;
  const left = describeTimeLeft(deadline, now);
  const countdown =
    state === 'closed' ? null : (
      <span className={left.past ? 'zs-text-overdue' : left.soon ? 'zs-text-due-soon' : 'zs-text-muted'} data-testid="deadline-left">
        {left.text}
      </span>
    );
  if (inline) {
    return (
      <span>
        {formatDateTime(deadline)} {countdown}
      </span>
    );
  }
  return (
    <div>
      <div style={{ whiteSpace: 'nowrap' }}>{formatDateTime(deadline)}</div>
      {countdown ? <div className="cl-cell-sub-line">{countdown}</div> : null}
    </div>
  );
}

export function completionPercent(completion: Completion): number {
  return completion.total ? Math.round((completion.submitted / completion.total) * 100) : 0;
}

/** "已报送 7/10" with a small bar. */
export function CompletionCell({ completion }: { completion: Completion }) {
  return (
    <div className="cl-completion-cell">
      <div>
        已报送 {completion.submitted}/{completion.total}
      </div>
      <Progress percent={completionPercent(completion)} size="small" showInfo={false} strokeColor={completion.submitted === completion.total && completion.total ? '#389e0d' : '#1f4e9c'} />
    </div>
  );
}

export function MeetingLink({ meetingId, meetingTitle }: { meetingId: string | null; meetingTitle: string | null }) {
  if (!meetingId) return <span className="zs-text-muted">—</span>;
  return (
    <Link to={`/meetings/${encodeURIComponent(meetingId)}`} onClick={(event) => event.stopPropagation()} data-testid="collection-meeting-link">
      {meetingTitle || '查看会议'}
    </Link>
  );
}

/** The office and the committee's own leaders follow a collection as a whole; others see only their unit's part. */
export function oversees(me: Me, canManage = false): boolean {
  if (canManage || me.roles.includes('office')) return true;
  return me.roles.includes('leader') && (me.unitKind === 'committee' || me.unitKind === 'office');
}

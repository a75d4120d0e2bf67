import { useMemo } from 'react';
import { Tag } from 'antd';
import type { Clearance, UnitKind } from '../../api/types';
import { CLEARANCE_LABELS } from '../../shared/labels';
import type { useDirectory } from '../org/directory.api';
import type { Counts, MeetingState, Reply, TopicState } from './meetings.api';
import { MEETING_STATE_COLORS, MEETING_STATE_LABELS, REPLY_COLORS, REPLY_LABELS, TOPIC_STATE_COLORS, TOPIC_STATE_LABELS } from './meeting-labels';
import './meetings.css';

/** The state in the server's words, coloured by state. */
export function MeetingStateTag({ state, label, testId }: { state: MeetingState; label?: string; testId?: string }) {
  return (
    <Tag color={MEETING_STATE_COLORS[state] ?? 'default'} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {label || MEETING_STATE_LABELS[state] || state}
    </Tag>
  );
}

export function ReplyTag({ reply, label }: { reply: Reply; label?: string }) {
  return (
    <Tag color={REPLY_COLORS[reply]} data-reply={reply} style={{ marginInlineEnd: 0 }}>
      {label || REPLY_LABELS[reply]}
    </Tag>
  );
}

export function TopicStateTag({ state, label }: { state: TopicState; label?: string }) {
  return (
    <Tag color={TOPIC_STATE_COLORS[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {label || TOPIC_STATE_LABELS[state]}
    </Tag>
  );
}

/** 密级 — 非密 is the usual case and stays quiet; anything classified is red. */
export function ClassificationTag({ classification, showNone = false }: { classification: Clearance; showNone?: boolean }) {
  if (classification === 'none' && !showNone) return null;
  return (
    <Tag color={classification === 'none' ? 'default' : 'red'} data-testid="classification-tag" style={{ marginInlineEnd: 0 }}>
      {CLEARANCE_LABELS[classification] ?? classification}
    </Tag>
  );
}

/** "已回执 8/11", orange while some are missing. */
export function ReplyProgress({ counts, state }: { counts: Counts; state: MeetingState }) {
  if (counts.invited === 0) return <span className="zs-text-muted">未设参会人员</span>;
  if (state === 'planned') return <span className="zs-text-muted">{`拟邀 ${counts.invited}`}</span>;
  const done = counts.pending === 0;
  return (
    <span className={done ? 'mt-reply-done' : state === 'notified' ? 'zs-text-due-soon' : undefined} data-testid="meeting-reply-progress">
      {`已回执 ${counts.replied}/${counts.invited}`}
    </span>
  );
}

export type PersonOption = { value: string; label: string; unitId: string | null; isLeader: boolean };
export type UnitOption = { value: string; label: string; kind: UnitKind };

const UNIT_KIND_ORDER: Record<UnitKind, number> = { committee: 0, office: 1, department: 2, township: 3, village: 4 };

/** People and units for the meeting pickers, from the directory: leaders first (with their rank), units by kind. */
export function useMeetingPickers(directory: ReturnType<typeof useDirectory>) {
  return useMemo(() => {
    const units = directory.data?.units ?? [];
    const users = directory.data?.users ?? [];
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const leaders: PersonOption[] = users
      .filter((u) => u.isLeader)
      .map((u) => ({ value: u.id, label: u.leaderRank ? `${u.displayName}（${u.leaderRank}）` : u.displayName, unitId: u.unitId, isLeader: true }));
    const people: PersonOption[] = [
      ...leaders,
      ...users
        .filter((u) => !u.isLeader && u.roles.length > 0)
        .map((u) => ({ value: u.id, label: u.unitId && unitName.get(u.unitId) ? `${u.displayName}（${unitName.get(u.unitId)}）` : u.displayName, unitId: u.unitId, isLeader: false })),
    ];
    const unitOptions: UnitOption[] = units
      .filter((u) => u.kind !== 'village')
      .map((u) => ({ value: u.id, label: u.name, kind: u.kind }))
      .sort((a, b) => UNIT_KIND_ORDER[a.kind] - UNIT_KIND_ORDER[b.kind]);
    return {
      leaders,
      people,
      unitOptions,
      townshipIds: unitOptions.filter((u) => u.kind === 'township').map((u) => u.value),
      departmentIds: unitOptions.filter((u) => u.kind === 'department').map((u) => u.value),
      unitName: (id: string | null | undefined) => (id ? unitName.get(id) ?? '' : ''),
    };
  }, [directory.data]);
}

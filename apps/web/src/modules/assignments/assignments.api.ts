// 督查督办 items (领导交办 is one source among six): shapes of "Supervision items" in docs/API.md; keep in step with that file.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AssignmentState, Clearance, DeadlineInput, FileRef, Page, Urgency } from '../../api/types';

const KEY = ['assignments'] as const;

export type { AssignmentState };

/** 党委决策部署 会议议定事项 领导批示 领导交办 上级交办 媒体和群众反映 */
export type SourceKind =
  | 'committee_decision'
  | 'meeting_minutes'
  | 'leader_instruction'
  | 'leader_assignment'
  | 'superior_assignment'
  | 'public_issue';

/** 红黄绿 warning colour; null when the item is not open. */
export type Colour = 'green' | 'yellow' | 'red';
/** 重点 / 一般 */
export type ItemLevel = 'key' | 'general';
/** 优 良 中 差 */
export type Rating = 'excellent' | 'good' | 'fair' | 'poor';
export type FeedbackCycle = 'once' | 'weekly' | 'monthly' | 'quarterly';

export type AssignmentSummary = {
  id: string;
  /** e.g. "督〔2026〕12号" */
  serial: string;
  title: string;
  state: AssignmentState;
  stateLabel: string;
  urgency: Urgency;
  classification: Clearance;
  level: ItemLevel;
  sourceKind: SourceKind;
  sourceLabel: string;
  leaderId: string;
  leaderName: string;
  assigneeUnitId: string;
  assigneeUnitName: string;
  assigneeUserId: string | null;
  assigneeUserName: string | null;
  cooperatingUnits: { id: string; name: string }[];
  /** YYYY-MM-DD (Asia/Shanghai) */
  deadline: string;
  /** Working days; negative when overdue. */
  daysRemaining: number;
  overdue: boolean;
  dueSoon: boolean;
  colour: Colour | null;
  /** Chinese, e.g. "进度落后35.0个百分点（按时序应完成70.0%，实际35.0%）" */
  colourReasons: string[];
  /** Percent, one decimal. */
  progress: number;
  expectedProgress: number;
  missedFeedbacks: number;
  nextFeedbackDue: string | null;
  feedbackLabel: string;
  escalationCount: number;
  rating: Rating | null;
  ratingLabel: string | null;
  latestProgress: { comment: string; at: string; byName: string } | null;
  createdAt: string;
  completedAt: string | null;
};

/** 分解任务 with its measured figure. */
export type AssignmentTask = {
  id: string;
  seq: number;
  title: string;
  indicator: string | null;
  target: number;
  unitLabel: string | null;
  weight: number;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  deadline: string | null;
  current: number;
  percent: number;
};

/** 反馈 (lead unit), 配合 (cooperating unit) or 办结 (completion report). */
export type FeedbackKind = 'feedback' | 'contribution' | 'completion';

export type AssignmentFeedback = {
  id: string;
  kind: FeedbackKind;
  unitId: string;
  unitName: string;
  authorName: string;
  text: string;
  progress: number | null;
  figures: { taskId: string; title: string; value: number }[];
  attachments: FileRef[];
  at: string;
  /** 迟报: given after the feedback day it answers. */
  late: boolean;
};

/** 交办单 催办单 督办通知单 */
export type NoticeKind = 'dispatch' | 'chase' | 'supervise';

export type AssignmentNotice = {
  id: string;
  kind: NoticeKind;
  kindLabel: string;
  numberText: string;
  unitName: string;
  createdAt: string;
  createdByName: string;
};

export type AssignmentHistoryEntry = {
  id: string;
  action: string;
  actionLabel: string;
  fromState: string;
  toState: string;
  actorName: string;
  comment: string | null;
  at: string;
  attachments: FileRef[];
};

/** `escalate` (催办) comes without requiresComment: its comment is always optional. */
export type AvailableAction = { action: string; label: string; requiresComment?: boolean };

export type SourceLinkType = 'document' | 'petition' | 'information' | 'meeting';

export type AssignmentDetail = AssignmentSummary & {
  instruction: string;
  createdById: string;
  createdByName: string;
  /** e.g. "5个工作日（按法定节假日和调休计算）" or "指定日期" */
  deadlineRule: string;
  startDate: string;
  receiptDue: string | null;
  completionStandard: string | null;
  source: { kind: SourceKind; label: string; ref: string | null; date: string | null; link: { type: SourceLinkType | string; id: string } | null };
  /** e.g. ["assignee"], ["cooperator"], ["office"], ["leader"] */
  myRelations: string[];
  pendingExtension: { newDeadline: string; reason: string } | null;
  /** The office's proposal made with 审核通过; not in docs/API.md yet, so optional. */
  proposedRating?: Rating | null;
  tasks: AssignmentTask[];
  /** Newest first. */
  feedbacks: AssignmentFeedback[];
  notices: AssignmentNotice[];
  history: AssignmentHistoryEntry[];
  availableActions: AvailableAction[];
};

export type AssignmentTaskInput = {
  title: string;
  indicator?: string;
  target: number;
  unitLabel?: string;
  weight?: number;
  ownerUnitId?: string;
  deadline?: string;
};

/** Body of POST /api/assignments. */
export type AssignmentCreateInput = {
  title: string;
  instruction: string;
  leaderId?: string;
  assigneeUnitId: string;
  assigneeUserId?: string;
  cooperatingUnitIds?: string[];
  urgency: Urgency;
  classification?: Clearance;
  deadline: DeadlineInput;
  sourceKind?: SourceKind;
  sourceRef?: string;
  sourceDate?: string;
  sourceLink?: { type: SourceLinkType; id: string };
  level?: ItemLevel;
  completionStandard?: string;
  startDate?: string;
  feedbackCycle?: FeedbackCycle;
  feedbackDay?: number | null;
  tasks?: AssignmentTaskInput[];
  /** true (default): 交办 at once; false: 立项 only. */
  dispatch?: boolean;
};

/** Query of GET /api/assignments; empty strings are left out of the request. */
export type AssignmentFilters = {
  state?: string;
  unitId?: string;
  leaderId?: string;
  colour?: string;
  sourceKind?: string;
  level?: string;
  role?: string;
  flag?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export function useAssignmentList(filters: AssignmentFilters) {
  return useQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<AssignmentSummary>>('/assignments', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The list as filtered, as .xlsx (the server caps it and audits the export). */
export function exportAssignments(filters: AssignmentFilters): Promise<void> {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return api.download('/assignments/export.xlsx', rest, '督查事项.xlsx');
}

export function useAssignment(id: string) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<AssignmentDetail>(`/assignments/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentCreateInput) => api.post<{ id: string }>('/assignments', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}

export type ActionInput = {
  action: string;
  comment?: string;
  newDeadline?: string;
  attachmentIds?: string[];
  rating?: Rating;
  progress?: number;
  figures?: { taskId: string; value: number }[];
};

/** 催办 is not a workflow step (the state stays) and so has its own endpoint. */
const ESCALATE = 'escalate';

export function useAssignmentAction(id: string) {
  const queryClient = useQueryClient();
  const base = `/assignments/${encodeURIComponent(id)}`;
  return useMutation({
    mutationFn: ({ action, ...body }: ActionInput) =>
      action === ESCALATE
        ? api.post<AssignmentDetail>(`${base}/escalate`, { comment: body.comment })
        : api.post<AssignmentDetail>(`${base}/actions/${encodeURIComponent(action)}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...KEY, 'detail', id], detail);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
    // A refused transition usually means someone acted first: reload so the page shows the actions that are left.
    onError: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'detail', id] }),
  });
}

/** Path of a 督查文书 (交办单, 催办单, 督办通知单) as .docx. */
export function noticeDocxPath(assignmentId: string, noticeId: string): string {
  return `/assignments/${encodeURIComponent(assignmentId)}/notices/${encodeURIComponent(noticeId)}/docx`;
}

/** Downloads a 督查文书 through the API client, so a refusal shows as a message rather than a JSON page. */
export function downloadNotice(assignmentId: string, notice: AssignmentNotice): Promise<void> {
  return api.download(noticeDocxPath(assignmentId, notice.id), undefined, `${notice.numberText || notice.kindLabel}.docx`);
}

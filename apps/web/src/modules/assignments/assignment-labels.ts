// Chinese words for the codes of 督查督办 items. The server sends stateLabel and sourceLabel with each item;
// these are for filters and forms, where there is no item yet.
import type { AssignmentState, Colour, FeedbackCycle, FeedbackKind, ItemLevel, Rating, SourceKind } from './assignments.api';

export { ASSIGNMENT_STATE_LABELS as STATE_LABELS } from '../../shared/labels';

export const STATE_COLORS: Record<AssignmentState, string> = {
  registered: 'default',
  pending_receipt: 'gold',
  in_progress: 'processing',
  extension_requested: 'purple',
  completion_reported: 'cyan',
  office_accepted: 'geekblue',
  completed: 'success',
  cancelled: 'default',
};

/** States in which nothing is counted down any more. */
export const CLOSED_STATES: ReadonlySet<string> = new Set<AssignmentState>(['completed', 'cancelled']);

/** In the order the form offers them. */
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  committee_decision: '党委决策部署',
  meeting_minutes: '会议议定事项',
  leader_instruction: '领导批示',
  leader_assignment: '领导交办',
  superior_assignment: '上级交办',
  public_issue: '媒体和群众反映',
};

export const SOURCE_KIND_OPTIONS = (Object.keys(SOURCE_KIND_LABELS) as SourceKind[]).map((value) => ({ value, label: SOURCE_KIND_LABELS[value] }));

/** Sources whose 事项内容 is a leader's own words, shown as a 批示 with the leader's name under it. */
export const LEADER_WORDS_SOURCES: ReadonlySet<SourceKind> = new Set<SourceKind>(['leader_instruction', 'leader_assignment']);

export const COLOUR_LABELS: Record<Colour, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const COLOUR_TAG_COLORS: Record<Colour, string> = { red: 'red', yellow: 'gold', green: 'green' };
/** Bar colours of the progress bar, matching the warning colour. */
export const COLOUR_STROKES: Record<Colour, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

export const LEVEL_LABELS: Record<ItemLevel, string> = { key: '重点', general: '一般' };

export const RATING_LABELS: Record<Rating, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
export const RATING_VALUES = Object.keys(RATING_LABELS) as Rating[];

export const FEEDBACK_CYCLE_LABELS: Record<FeedbackCycle, string> = {
  once: '一次（办理期限前）',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
};

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The reporting day the server assumes when none is given: Friday weekly, the 5th monthly and quarterly. */
export function defaultFeedbackDay(cycle: FeedbackCycle): number | null {
  return cycle === 'once' ? null : 5;
}

/** What the unit will be asked to do, in the server's words (core `feedbackLabel`), for the form preview. */
export function describeFeedback(cycle: FeedbackCycle, day: number | null | undefined): string {
  switch (cycle) {
    case 'once':
      return '办理期限前反馈一次';
    case 'weekly':
      return `每周${WEEKDAY_LABELS[day ?? 5]}前反馈（遇节假日顺延）`;
    case 'monthly':
      return `每月${day ?? 5}日前反馈（遇节假日顺延）`;
    case 'quarterly':
      return `每季度首月${day ?? 5}日前反馈上季度进展（遇节假日顺延）`;
  }
}

export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = { feedback: '反馈', contribution: '配合', completion: '办结' };
export const FEEDBACK_KIND_COLORS: Record<FeedbackKind, string> = { feedback: 'blue', contribution: 'cyan', completion: 'green' };

export const SOURCE_LINK_LABELS: Record<string, string> = { document: '公文', petition: '信访件', information: '信息', meeting: '会议' };

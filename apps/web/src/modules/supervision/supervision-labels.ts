// Chinese words for the 督查督办 codes, one place so that the board, the circular and the ranking agree.
import { SUPERVISION_CONFIG_BOUNDS } from '@zhongshu/core/supervision/config.ts';
import type { AccountabilityKind, Colour, ItemLevel, SupervisionConfig, UnitFigures } from './supervision.api';

export const COLOUR_LABELS: Record<Colour, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
/** Red and green as people read warning lights; yellow dark enough to read as text on white. */
export const COLOUR_HEX: Record<Colour, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };
export const COLOUR_TAG: Record<Colour, string> = { red: 'red', yellow: 'gold', green: 'green' };
/** Most urgent first, the order every table and card uses. */
export const COLOURS: Colour[] = ['red', 'yellow', 'green'];

export { SOURCE_KIND_LABELS } from '../assignments/assignment-labels';

export const LEVEL_LABELS: Record<ItemLevel, string> = { key: '重点', general: '一般' };

export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, string> = {
  interview: '约谈',
  criticism: '通报批评',
  rectification: '限期整改',
  deduction: '扣分',
};
export const ACCOUNTABILITY_KIND_COLORS: Record<AccountabilityKind, string> = {
  interview: 'orange',
  criticism: 'volcano',
  rectification: 'gold',
  deduction: 'red',
};

type Figure = Exclude<keyof UnitFigures, 'unitId' | 'unitName' | 'rank'>;

/** Column words of the ranking and the circular, with what each counts (docs/API.md). */
export const FIGURES: { key: Figure; label: string; hint: string }[] = [
  { key: 'assigned', label: '交办', hint: '期内交办的事项数' },
  { key: 'concluded', label: '办结', hint: '期内销号的事项数' },
  { key: 'concludedOnTime', label: '按期办结', hint: '期内销号且不晚于当时有效期限的事项数' },
  { key: 'overdue', label: '逾期未办结', hint: '期末仍在办且已超过期限的事项数' },
  { key: 'red', label: '变红', hint: '期内转为红灯的事项数' },
  { key: 'feedbacksMissed', label: '未按期反馈', hint: '期内应反馈而到期未反馈的次数' },
];

/** Words for the totals of a circular, whatever subset of them the server sends. */
export const TOTAL_LABELS: Record<string, string> = {
  assigned: '交办事项',
  concluded: '办结事项',
  concludedOnTime: '按期办结',
  overdue: '逾期未办结',
  red: '变红事项',
  feedbacksMissed: '未按期反馈',
  open: '期末在办',
  onTimeRate: '按期办结率',
};

type NumericSetting = Exclude<keyof SupervisionConfig, 'autoEscalateOnRed'>;

/**
 * The warning rules as the office sets them. Bounds mirror SUPERVISION_CONFIG_BOUNDS in
 * packages/core (the server checks them again and names the field when it refuses).
 */
const CONFIG_HINTS: Record<NumericSetting, string> = {
  receiptWorkdays: '交办后须在此时限内签收',
  dueSoonWorkdays: '距办理期限不超过此工作日数时亮黄灯',
  yellowBehindPoints: '实际进度落后按时序应完成进度达到此值时亮黄灯',
  redBehindPoints: '落后超过此值时亮红灯；不能小于黄灯的百分点',
  yellowMissedFeedbacks: '连续未按期反馈达到此次数时亮黄灯',
  redMissedFeedbacks: '达到此次数时亮红灯；不能小于黄灯的次数',
  escalationReplyWorkdays: '催办单、督办通知单要求书面回复的时限',
  interviewRedThreshold: '一个季度内牵头事项变红达到此数的单位列入约谈提议',
};
/** Labels and bounds are the server's own (core), so the form refuses what the server would. */
export const CONFIG_FIELDS: { name: NumericSetting; label: string; min: number; max: number; hint: string }[] = (Object.keys(CONFIG_HINTS) as NumericSetting[]).map((name) => ({
  name,
  ...SUPERVISION_CONFIG_BOUNDS[name],
  hint: CONFIG_HINTS[name],
}));
export const AUTO_ESCALATE_LABEL = '变红自动催办';

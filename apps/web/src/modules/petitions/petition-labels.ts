// Chinese words for the 信访 codes (docs/API.md), one place so that every 信访 page says the same word.
import type { Channel, Evaluation, FirstOrgan, HandlingMode, LegalRoute, Match, Outcome, PersonRole, PetitionKind, PetitionState } from './petitions.api';

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网上信访',
  letter: '来信',
  visit: '来访',
  phone: '电话',
  fax: '传真',
  leader_mailbox: '领导信箱',
  superior: '上级转送交办',
};

export const KIND_LABELS: Record<PetitionKind, string> = { suggestion: '建议意见类', accusation: '检举控告类', appeal: '申诉求决类' };

export const STATE_LABELS: Record<PetitionState, string> = {
  registered: '已登记待受理',
  handling: '办理中',
  extension_requested: '延期审批中',
  replied: '已答复',
  review: '复查中',
  review_decided: '已复查',
  recheck: '复核中',
  closed: '已办结',
  routed_legal: '已导入法定程序',
  not_accepted: '不予受理',
};

export const STATE_COLORS: Record<PetitionState, string> = {
  registered: 'blue',
  handling: 'processing',
  extension_requested: 'purple',
  replied: 'cyan',
  review: 'orange',
  review_decided: 'cyan',
  recheck: 'volcano',
  closed: 'green',
  routed_legal: 'default',
  not_accepted: 'default',
};

/** States in which no limit runs any more. */
export const CLOSED_STATES = new Set<PetitionState>(['closed', 'routed_legal', 'not_accepted']);

export const FIRST_ORGAN_LABELS: Record<FirstOrgan, string> = {
  this_level: '本级',
  superior: '上一级',
  higher: '更高层级',
  none: '未到过其他机关',
};

export const HANDLING_MODE_LABELS: Record<HandlingMode, string> = { direct: '直接办理', transfer: '转送', assign: '交办' };

export const LEGAL_ROUTE_LABELS: Record<LegalRoute, string> = {
  litigation: '诉讼',
  arbitration: '仲裁',
  reconsideration: '行政复议',
  party_appeal: '党员申诉',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
  adopted: '采纳',
  not_adopted: '未采纳',
};

/** 建议意见 are 采纳 or not; 申诉求决 and 检举控告 are supported, explained or refused. */
export function outcomesFor(kind: PetitionKind): Outcome[] {
  return kind === 'suggestion' ? ['adopted', 'not_adopted'] : ['support', 'explain', 'reject'];
}

export const EVALUATION_LABELS: Record<Evaluation, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
export const EVALUATIONS: Evaluation[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

export const MATCH_REASON_LABELS: Record<Match['reason'], string> = {
  same_person: '同一信访人',
  similar_content: '内容相似',
  both: '同一信访人、内容相似',
};

export const LINK_RELATION_LABELS: Record<string, string> = { repeat: '重复信访', earlier_final: '已复核终结的原事项' };

export const PERSON_ROLE_LABELS: Record<PersonRole, string> = { petitioner: '信访人', representative: '代表', present: '到场人员' };

export const FLAG_LABELS: Record<string, string> = { overdue: '逾期', due_soon: '临期', group: '集体访', skip_level: '越级访' };

/** The most 集体访 representatives the 条例 allows (第十八条). */
export const MAX_REPRESENTATIVES = 5;

export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** "剩余3天" / "今日到期" / "逾期2天" (the day mode is the county's choice, so the unit stays plain 天). */
export function describeDays(days: number): string {
  if (days > 0) return `剩余${days}天`;
  if (days === 0) return '今日到期';
  return `逾期${-days}天`;
}

/** A rate as the server sends it (a percentage, one decimal): "93.5%", or "—" when there was nothing to count. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '—' : `${rate.toFixed(1)}%`;
}

/** A 0–1 similarity as "85%". */
export function formatSimilarity(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

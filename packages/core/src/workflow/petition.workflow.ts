/**
 * 信访 case flow (《信访工作条例》 第22–36条): 登记 → 受理 (or 导入法定程序 / 不予受理) → 办理 (the handling unit
 * may object within 5 working days, or ask once for up to 30 more days) → 答复 with the 意见书 → 评价 →
 * 复查 → 复核 → 办结. The time limits themselves are checked by the server against each case's deadlines.
 *
 * Relationships: `clerk` (信访工作人员), `handler` (the handling unit's staff, or the clerk when handled
 * directly), `leader` (a committee leader, who may 批示).
 */
import type { WorkflowDefinition } from './engine.ts';

export type PetitionState =
  | 'registered'
  | 'handling'
  | 'extension_requested'
  | 'replied'
  | 'review'
  | 'review_decided'
  | 'recheck'
  | 'closed'
  | 'routed_legal'
  | 'not_accepted';

const CLERK = ['clerk'] as const;
const HANDLER = ['handler'] as const;
const OUTCOMES = ['support', 'explain', 'reject', 'adopted', 'not_adopted'];
const outcomeField = [{ name: 'outcome', label: '处理意见' }];
const checkOutcome = (input: Record<string, unknown>) =>
  typeof input.outcome === 'string' && OUTCOMES.includes(input.outcome) ? null : { field: 'outcome', message: '处理意见：请选择支持、解释说明或不予支持（建议类为采纳或未采纳）' };

/** Steps that record something without moving the case. */
export const PETITION_STATE_KEEPING_ACTIONS: ReadonlySet<string> = new Set(['evaluate', 'instruct']);

export const petitionWorkflow: WorkflowDefinition<PetitionState> = {
  name: 'petition',
  label: '信访事项',
  initial: 'registered',
  states: {
    registered: { label: '已登记待受理' },
    handling: { label: '办理中' },
    extension_requested: { label: '延期审批中' },
    replied: { label: '已答复' },
    review: { label: '复查中' },
    review_decided: { label: '已复查' },
    recheck: { label: '复核中' },
    closed: { label: '已办结', final: true },
    routed_legal: { label: '已导入法定程序', final: true },
    not_accepted: { label: '不予受理', final: true },
  },
  transitions: [
    { action: 'accept', label: '受理', from: ['registered'], to: 'handling', allowed: CLERK, requiredFields: [{ name: 'handlingMode', label: '办理方式' }] },
    { action: 'route_legal', label: '导入法定程序', from: ['registered'], to: 'routed_legal', allowed: CLERK, requiresComment: true, requiredFields: [{ name: 'legalRoute', label: '法定途径' }] },
    { action: 'not_accept', label: '不予受理', from: ['registered'], to: 'not_accepted', allowed: CLERK, requiresComment: true },
    { action: 'object', label: '提出异议', from: ['handling'], to: 'registered', allowed: HANDLER, requiresComment: true },
    { action: 'request_extension', label: '申请延期', from: ['handling'], to: 'extension_requested', allowed: HANDLER, requiresComment: true, requiredFields: [{ name: 'days', label: '延期天数' }] },
    { action: 'approve_extension', label: '同意延期', from: ['extension_requested'], to: 'handling', allowed: CLERK },
    { action: 'refuse_extension', label: '不同意延期', from: ['extension_requested'], to: 'handling', allowed: CLERK, requiresComment: true },
    { action: 'reply', label: '答复', from: ['handling'], to: 'replied', allowed: HANDLER, requiresComment: true, requiredFields: outcomeField, validate: checkOutcome },
    { action: 'evaluate', label: '登记评价', from: ['replied', 'review_decided'], to: 'replied', allowed: CLERK, requiredFields: [{ name: 'evaluation', label: '评价' }] },
    { action: 'request_review', label: '申请复查', from: ['replied'], to: 'review', allowed: CLERK, requiresComment: true },
    { action: 'decide_review', label: '复查答复', from: ['review'], to: 'review_decided', allowed: CLERK, requiresComment: true, requiredFields: outcomeField, validate: checkOutcome },
    { action: 'request_recheck', label: '申请复核', from: ['review_decided'], to: 'recheck', allowed: CLERK, requiresComment: true },
    { action: 'decide_recheck', label: '复核答复', from: ['recheck'], to: 'closed', allowed: CLERK, requiresComment: true, requiredFields: outcomeField, validate: checkOutcome },
    { action: 'close', label: '办结', from: ['replied', 'review_decided'], to: 'closed', allowed: CLERK },
    { action: 'instruct', label: '领导批示', from: ['registered', 'handling', 'extension_requested', 'replied', 'review', 'review_decided', 'recheck'], to: 'handling', allowed: ['leader'], requiresComment: true },
  ],
};

// Chinese labels for the codes the API uses. One place, so every page says the same word.
import type { AdminRole, AssignmentState, BusinessRole, Clearance, UnitKind, Urgency } from '../api/types';

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '平件', urgent: '急件', very_urgent: '特急' };
export const URGENCY_COLORS: Record<Urgency, string | undefined> = { normal: undefined, urgent: 'orange', very_urgent: 'red' };

export const ASSIGNMENT_STATE_LABELS: Record<AssignmentState, string> = {
  registered: '已立项待交办',
  pending_receipt: '待签收',
  in_progress: '办理中',
  extension_requested: '延期审批中',
  completion_reported: '待审核办结',
  office_accepted: '待领导确认',
  completed: '已办结',
  cancelled: '已撤销',
};
export const BUSINESS_ROLE_LABELS: Record<BusinessRole, string> = { leader: '领导', office: '党办工作人员', unit: '承办单位工作人员', petition: '信访工作人员' };
export const ADMIN_ROLE_LABELS: Record<AdminRole, string> = { system: '系统管理员', security: '安全保密管理员', audit: '安全审计员' };
export const CLEARANCE_LABELS: Record<Clearance, string> = { none: '非密', secret: '秘密', confidential: '机密', top_secret: '绝密' };
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  committee: '党委',
  office: '办公室',
  department: '部门',
  township: '乡镇',
  village: '村（社区）',
};

export const MODULE_LABELS: Record<string, string> = { assignment: '督查督办', petition: '信访', meeting: '办会', collection: '情况征集' };

export function labelOf<K extends string>(labels: Record<K, string>, key: string | null | undefined, fallback = '—'): string {
  if (!key) return fallback;
  return (labels as Record<string, string>)[key] ?? key;
}

/** 密级, from lowest to highest: 非密, 秘密, 机密, 绝密. */
export const CLEARANCE_LEVELS = ['none', 'secret', 'confidential', 'top_secret'] as const;
export type Clearance = (typeof CLEARANCE_LEVELS)[number];
export const CLEARANCE_LABELS: Record<Clearance, string> = { none: '非密', secret: '秘密', confidential: '机密', top_secret: '绝密' };

/** Business roles: 领导, 党办工作人员, 承办单位工作人员, 信访工作人员. */
export const BUSINESS_ROLES = ['leader', 'office', 'unit', 'petition'] as const;
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export const BUSINESS_ROLE_LABELS: Record<BusinessRole, string> = { leader: '领导', office: '党办工作人员', unit: '承办单位工作人员', petition: '信访工作人员' };

/** 三员: 系统管理员, 安全保密管理员, 安全审计员. */
export const ADMIN_ROLES = ['system', 'security', 'audit'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const ADMIN_ROLE_LABELS: Record<AdminRole, string> = { system: '系统管理员', security: '安全保密管理员', audit: '安全审计员' };

export const UNIT_KINDS = ['committee', 'office', 'department', 'township', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = { committee: '党委', office: '办公室', department: '部门', township: '乡镇', village: '村（社区）' };

/** Levels a holder of `clearance` may read (their own and every lower one). */
export function clearedLevels(clearance: string): Clearance[] {
  const i = CLEARANCE_LEVELS.indexOf(clearance as Clearance);
  return CLEARANCE_LEVELS.slice(0, i < 0 ? 1 : i + 1);
}

export function isCleared(clearance: string, level: string): boolean {
  return clearedLevels(clearance).includes(level as Clearance);
}

export const URGENCY_LEVELS = ['normal', 'urgent', 'very_urgent'] as const;
export type Urgency = (typeof URGENCY_LEVELS)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '平件', urgent: '急件', very_urgent: '特急' };

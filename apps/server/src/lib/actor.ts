import { AppError, isCleared } from '@zhongshu/core';

/** The authenticated user making a request, as services see them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  /** committee, office, department, township, village; null for the 三员. */
  unitKind: string | null;
  roles: string[];
  adminRole: 'system' | 'security' | 'audit' | null;
  clearance: string;
  isLeader: boolean;
  leaderRank: string | null;
  mustChangePassword: boolean;
  isDemo: boolean;
  sessionId: string;
  csrfToken: string;
  ip: string | null;
}

/** 三员 never reach business content; business functions start with this. */
export function requireBusinessUser(actor: Actor, ...anyOfRoles: string[]): void {
  if (actor.adminRole) throw new AppError('ADMIN_NO_BUSINESS_ACCESS');
  if (anyOfRoles.length && !anyOfRoles.some((r) => actor.roles.includes(r))) throw new AppError('FORBIDDEN');
}

export function requireAdmin(actor: Actor, ...roles: Array<'system' | 'security' | 'audit'>): void {
  if (!actor.adminRole || !roles.includes(actor.adminRole)) {
    throw new AppError('FORBIDDEN', `此功能仅限${roles.map((r) => ({ system: '系统管理员', security: '安全保密管理员', audit: '安全审计员' })[r]).join('或')}使用`);
  }
}

export function requireClearance(actor: Actor, level: string): void {
  if (!isCleared(actor.clearance, level)) throw new AppError('CLEARANCE_INSUFFICIENT');
}

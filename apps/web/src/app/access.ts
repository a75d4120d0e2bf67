// Who sees which part of the app. The server decides what each request may do; this only keeps
// people from being shown menus that would answer 403 (三员分立: administrators see no business content).
import type { Me } from '../api/types';

export type Area =
  | 'inbox'
  | 'assignments'
  | 'documents'
  | 'supervision'
  | 'supervision-office'
  | 'petitions'
  | 'petitions-staff'
  | 'petitions-case'
  | 'meetings'
  | 'meetings-office'
  | 'meetings-calendar'
  | 'collections'
  | 'collections-office'
  | 'org-units'
  | 'org-users'
  | 'audit'
  | 'admin-calendar';

export function isBusinessUser(me: Me): boolean {
  return me.adminRole === null && me.roles.length > 0;
}

/** A leader of the committee itself or of its office (a township's leader is not one). */
function isCommitteeLeader(me: Me): boolean {
  return me.roles.includes('leader') && (me.unitKind === 'committee' || me.unitKind === 'office');
}

/** 信访工作人员 (信访局/信访办): register, route, accept and run every case. */
export function isPetitionStaff(me: Me): boolean {
  return me.roles.includes('petition');
}

export function canAccess(me: Me, area: Area): boolean {
  switch (area) {
    case 'inbox':
    case 'assignments':
    case 'documents':
      return isBusinessUser(me);
    // 督查督办 board, circulars, ranking and 问责 records: the office and the committee's own leaders (a township's leader follows his township's items in the list).
    case 'supervision':
      return isBusinessUser(me) && (me.roles.includes('office') || isCommitteeLeader(me));
    // Bulk 立项 and the warning rules change what every unit sees: the office only.
    case 'supervision-office':
      return isBusinessUser(me) && me.roles.includes('office');
    // 信访 list, board and statistics: the 信访 staff, the office and the committee's own leaders.
    case 'petitions':
      return isBusinessUser(me) && (isPetitionStaff(me) || me.roles.includes('office') || isCommitteeLeader(me));
    // Registration and the 信访 settings: the 信访 staff only.
    case 'petitions-staff':
      return isBusinessUser(me) && isPetitionStaff(me);
    // One case: a handling unit's staff open the cases routed to them from the inbox; the server decides which.
    case 'petitions-case':
      return isBusinessUser(me);
    // Meetings: every business user sees those they are invited to and proposes 议题; the server decides which.
    case 'meetings':
    case 'collections':
      return isBusinessUser(me);
    // Planning meetings, rooms and types, and designing collections: the office.
    case 'meetings-office':
    case 'collections-office':
      return isBusinessUser(me) && me.roles.includes('office');
    // The meetings calendar with the leaders' attendance: the office and the committee's own leaders.
    case 'meetings-calendar':
      return isBusinessUser(me) && (me.roles.includes('office') || isCommitteeLeader(me));
    case 'org-units':
    case 'admin-calendar':
      return me.adminRole === 'system';
    case 'org-users':
      return me.adminRole === 'system' || me.adminRole === 'security';
    case 'audit':
      return me.adminRole === 'audit';
  }
}

/** Leaders issue 交办; the office may issue one on a leader's behalf. */
export function canCreateAssignment(me: Me): boolean {
  return me.roles.includes('leader') || me.roles.includes('office');
}

/** 问责 records are written by the office; leaders read them. */
export function canRecordAccountability(me: Me): boolean {
  return me.roles.includes('office');
}

/** 拟稿 is the work of office and unit staff; the server decides for which units (GET /api/documents/issuers). */
export function canDraftDocument(me: Me): boolean {
  return me.roles.includes('office') || me.roles.includes('unit');
}

/** 收文登记 is done by a document clerk of the receiving unit. */
export function canRegisterIncoming(me: Me): boolean {
  return me.roles.includes('office') || me.roles.includes('unit');
}

/** The first page a user lands on after logging in. */
export function homePathFor(me: Me): string {
  if (canAccess(me, 'inbox')) return '/inbox';
  if (canAccess(me, 'org-users') && me.adminRole === 'security') return '/org/users';
  if (canAccess(me, 'org-units')) return '/org/units';
  if (canAccess(me, 'audit')) return '/audit';
  return '/no-access';
}

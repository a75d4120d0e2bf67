// Shapes of the HTTP contract in docs/API.md. Keep in step with that file.

export type BusinessRole = 'leader' | 'office' | 'unit';
export type AdminRole = 'system' | 'security' | 'audit';
/** 密级: 非密 秘密 机密 绝密 */
export type Clearance = 'none' | 'secret' | 'confidential' | 'top_secret';
/** 紧急程度: 平件 急件 特急 */
export type Urgency = 'normal' | 'urgent' | 'very_urgent';

export type Page<T> = { items: T[]; total: number };

export type Me = {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: BusinessRole[];
  adminRole: AdminRole | null;
  clearance: Clearance;
  isLeader: boolean;
  leaderRank: string | null;
  mustChangePassword: boolean;
  isDemo: boolean;
};

export type SessionResponse = { user: Me; csrfToken: string };

export type InboxBox = 'todo' | 'done' | 'mine';

export type InboxItem = {
  id: string;
  module: string;
  entityId: string;
  task: string;
  title: string;
  urgency: Urgency;
  dueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  read: boolean;
  state: 'open' | 'done';
  createdAt: string;
  doneAt: string | null;
};

export type InboxCounts = { todo: number; done: number; mine: number; unread: number; overdue: number };

/** 待签收 办理中 延期审批中 待确认办结 已办结 已撤销 */
export type AssignmentState =
  | 'pending_receipt'
  | 'in_progress'
  | 'extension_requested'
  | 'completion_reported'
  | 'completed'
  | 'cancelled';

export type AssignmentSummary = {
  id: string;
  serial: string;
  title: string;
  state: AssignmentState;
  urgency: Urgency;
  leaderId: string;
  leaderName: string;
  assigneeUnitId: string;
  assigneeUnitName: string;
  assigneeUserId: string | null;
  assigneeUserName: string | null;
  deadline: string;
  daysRemaining: number;
  overdue: boolean;
  dueSoon: boolean;
  latestProgress: { comment: string; at: string; byName: string } | null;
  createdAt: string;
};

export type FileRef = { id: string; name: string; size: number };

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

export type AvailableAction = { action: string; label: string; requiresComment: boolean };

export type AssignmentDetail = AssignmentSummary & {
  instruction: string;
  createdById: string;
  createdByName: string;
  deadlineRule: string;
  pendingExtension: { newDeadline: string; reason: string } | null;
  history: AssignmentHistoryEntry[];
  availableActions: AvailableAction[];
};

export type DeadlineInput = { type: 'date'; date: string } | { type: 'workdays'; days: number };

export type AssignmentCreateInput = {
  title: string;
  instruction: string;
  leaderId?: string;
  assigneeUnitId: string;
  assigneeUserId?: string;
  urgency: Urgency;
  deadline: DeadlineInput;
};

export type UnitKind = 'committee' | 'office' | 'department' | 'township' | 'village';

export type Unit = {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  sortOrder: number;
};

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  post: string | null;
  roles: BusinessRole[];
  adminRole: AdminRole | null;
  clearance: Clearance;
  isLeader: boolean;
  leaderRank: string | null;
  locked: boolean;
  disabled: boolean;
  isDemo: boolean;
};

export type Directory = {
  units: { id: string; name: string; parentId: string | null; kind: UnitKind }[];
  users: { id: string; displayName: string; unitId: string | null; isLeader: boolean; leaderRank: string | null; roles: BusinessRole[] }[];
};

export type ImportResult = {
  createdUnits: number;
  createdUsers: number;
  errors: { sheet: string; row: number; field: string; message: string }[];
  passwords: { username: string; initialPassword: string }[];
};

export type AuditRow = {
  id: string;
  seq: number;
  at: string;
  actorName: string | null;
  actorId: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  detail: unknown;
};

export type AuditVerifyResult = { ok: true; rows: number } | { ok: false; brokenAt: number; rows: number };

export type CalendarOverride = { date: string; kind: 'holiday' | 'workday'; name: string };
export type CalendarYear = { year: number; hasPackageData: boolean; overrides: CalendarOverride[] };

export type AdminWarning = { code: string; message: string };
export type AdminSettings = { sessionIdleMinutes: number; maxUploadMb: number };

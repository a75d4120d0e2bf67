// Shapes of the HTTP contract in docs/API.md. Keep in step with that file.

/** 领导, 党办工作人员, 承办单位工作人员, 信访工作人员 */
export type BusinessRole = 'leader' | 'office' | 'unit' | 'petition';
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
  unitKind: UnitKind | null;
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

/** 已立项待交办 待签收 办理中 延期审批中 待审核办结 待领导确认 已办结 已撤销 */
export type AssignmentState =
  | 'registered'
  | 'pending_receipt'
  | 'in_progress'
  | 'extension_requested'
  | 'completion_reported'
  | 'office_accepted'
  | 'completed'
  | 'cancelled';

export type FileRef = { id: string; name: string; size: number };

export type AvailableAction = { action: string; label: string; requiresComment: boolean };

export type DeadlineInput = { type: 'date'; date: string } | { type: 'workdays'; days: number };

export type UnitKind = 'committee' | 'office' | 'department' | 'township' | 'village';

export type Unit = {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  sortOrder: number;
  /** 机关代字 used in the unit's 发文字号, e.g. 示委办; null until the system administrator sets it. */
  issuerCode: string | null;
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
  /** 主要负责人 of the unit: signs 上行文 and important documents. */
  isPrincipal: boolean;
  locked: boolean;
  disabled: boolean;
  isDemo: boolean;
};

export type Directory = {
  units: { id: string; name: string; parentId: string | null; kind: UnitKind }[];
  users: {
    id: string;
    displayName: string;
    unitId: string | null;
    isLeader: boolean;
    leaderRank: string | null;
    isPrincipal?: boolean;
    roles: BusinessRole[];
  }[];
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

// ---------- 办文 (documents) ----------

export type GongwenDocument = import('@zhongshu/core/gongwen/model.ts').GongwenDocument;
export type Finding = import('@zhongshu/core/gongwen/model.ts').Finding;

/** 发文 or 收文 */
export type DocumentDirection = 'outgoing' | 'incoming';
/** 拟稿 核稿 会签 签发 编号登记 用印 印发 已印发 已归档 不予发文 已撤销 */
export type OutgoingState =
  | 'drafting'
  | 'reviewing'
  | 'countersigning'
  | 'signing'
  | 'numbering'
  | 'sealing'
  | 'distributing'
  | 'issued'
  | 'archived'
  | 'rejected'
  | 'cancelled';
/** 待签收 待初审 待拟办 待批示 承办中 已办结 已归档 已退文 */
export type IncomingState = 'pending_receipt' | 'registered' | 'proposing' | 'instructing' | 'handling' | 'concluded' | 'archived' | 'returned';
/** 保管期限: 永久 30年 10年 */
export type Retention = 'permanent' | '30y' | '10y';

/** One row of the 发文登记簿 / 收文登记簿. */
export type DocumentSummary = {
  id: string;
  direction: DocumentDirection;
  state: string;
  stateLabel: string;
  title: string;
  docType: string;
  classification: Clearance;
  urgency: Urgency;
  important: boolean;
  /** outgoing: the issuing unit; incoming: the receiving unit */
  unitId: string;
  unitName: string;
  /** 发文字号 (outgoing: allocated; incoming: the sender's) */
  numberText: string | null;
  /** 收文编号, incoming only */
  incomingNumber: string | null;
  /** 来文单位, incoming only */
  senderName: string | null;
  createdByName: string;
  createdAt: string;
  signedAt: string | null;
  issuedAt: string | null;
  receivedAt: string | null;
  /** incoming 办理期限, YYYY-MM-DD */
  deadline: string | null;
  overdue: boolean;
  /** who holds the document now */
  holders: string[];
};

export type DocumentParticipantKind = 'countersign' | 'signer' | 'instructor' | 'reader' | 'coop_unit';
export type DocumentParticipant = {
  id: string;
  kind: DocumentParticipantKind;
  userId: string | null;
  userName: string | null;
  unitId: string | null;
  unitName: string | null;
  seq: number;
  round: number;
  /** cancelled: the round ended (sent back) before this party acted */
  status: 'waiting' | 'pending' | 'agreed' | 'returned' | 'done' | 'cancelled';
  opinion: string | null;
  actedByName: string | null;
  actedAt: string | null;
};

export type DocumentDistribution = {
  id: string;
  /** 主送 or 抄送 */
  kind: 'primary' | 'copy';
  /** null for an organ outside Zhongshu (delivered on paper) */
  recipientUnitId: string | null;
  recipientName: string;
  copies: number;
  sentAt: string | null;
  receivedAt: string | null;
  receivedByName: string | null;
  returnedAt: string | null;
  returnReason: string | null;
};

export type DocumentVersion = { versionNo: number; step: string; authorName: string; createdAt: string };

export type DocumentComment = {
  id: string;
  versionNo: number;
  element: string;
  quote: string;
  text: string;
  authorName: string;
  createdAt: string;
  resolvedAt: string | null;
};

export type DocumentHistoryEntry = {
  id: string;
  action: string;
  actionLabel: string;
  fromState: string;
  fromStateLabel: string;
  toState: string;
  toStateLabel: string;
  actorName: string;
  comment: string | null;
  versionNo: number | null;
  at: string;
  data: Record<string, unknown> | null;
};

export type DocumentDetail = DocumentSummary & {
  format: '文件式' | '信函式' | '命令式' | '纪要式';
  classificationPeriod: string | null;
  coIssuerUnits: { id: string; name: string }[];
  content: GongwenDocument | null;
  contentRev: number;
  findings: Finding[];
  editable: boolean;
  canComment: boolean;
  canResolveComments: boolean;
  /** 绝密: read on screen only, no download, print or copy */
  topSecret: boolean;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewOverrideReason: string | null;
  signedVersionNo: number | null;
  signedByNames: string[];
  copies: number | null;
  receivedVia: string | null;
  receivedByName: string | null;
  proposal: string | null;
  leadUnitId: string | null;
  leadUnitName: string | null;
  chaserId: string | null;
  chaserName: string | null;
  outcome: string | null;
  reply: string | null;
  concludedAt: string | null;
  retention: Retention | null;
  archivedAt: string | null;
  sourceDocumentId: string | null;
  participants: DocumentParticipant[];
  distributions: DocumentDistribution[];
  versions: DocumentVersion[];
  comments: DocumentComment[];
  attachments: FileRef[];
  assignments: { id: string; serial: string; title: string; state: string }[];
  history: DocumentHistoryEntry[];
  availableActions: AvailableAction[];
};

export type DocumentVersionContent = DocumentVersion & { content: GongwenDocument };

export type { DiffPart, DiffRow } from '@zhongshu/core/gongwen/diff.ts';
import type { DiffRow } from '@zhongshu/core/gongwen/diff.ts';
export type DocumentComparison = { from: number; to: number; rows: DiffRow[] };

/** 收文登记 of a paper or outside document. */
export type IncomingCreateInput = {
  title: string;
  docType: string;
  senderName: string;
  senderNumber?: string;
  classification?: Clearance;
  urgency?: Urgency;
  copies?: number;
  receivedVia: string;
  receivedAt?: string;
  attachmentIds?: string[];
};

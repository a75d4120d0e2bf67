/**
 * Table types for Kysely. Conventions that hold on both SQLite and PostgreSQL:
 * instants are ISO-8601 UTC strings (sortable as text), calendar dates are "YYYY-MM-DD",
 * booleans are integers 0/1, ids are text UUIDs, structured extras are JSON text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UnitTable {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: string; // committee | office | department | township | village
  sort_order: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string | null;
  post: string | null;
  password_hash: string;
  must_change_password: number;
  admin_role: string | null; // system | security | audit (三员)
  clearance: string; // none | secret | confidential | top_secret
  is_leader: number;
  leader_rank: string | null;
  is_demo: number;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  password_changed_at: string | null;
  created_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string; // leader | office | unit
}

export interface SessionTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  last_hash: string;
}

export interface InboxItemTable {
  id: string;
  user_id: string;
  box: string; // todo | mine
  module: string;
  entity_id: string;
  task: string;
  title: string;
  urgency: string;
  due_at: string | null;
  state: string; // open | done
  is_read: number;
  created_at: string;
  done_at: string | null;
}

export interface ScheduledJobTable {
  id: string;
  kind: string;
  unique_key: string;
  run_at: string;
  payload: string;
  status: string; // pending | running | done | failed
  claimed_by: string | null;
  claimed_at: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface AssignmentTable {
  id: string;
  serial_year: number;
  serial_no: number;
  title: string;
  instruction: string;
  classification: string;
  leader_id: string;
  created_by: string;
  assignee_unit_id: string;
  assignee_user_id: string | null;
  urgency: string;
  deadline: string;
  deadline_rule: string;
  deadline_without_data: number;
  state: string;
  pending_new_deadline: string | null;
  pending_reason: string | null;
  latest_progress: string | null;
  latest_progress_at: string | null;
  latest_progress_by: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface AssignmentEventTable {
  id: string;
  assignment_id: string;
  action: string;
  from_state: string;
  to_state: string;
  actor_id: string;
  actor_name: string;
  comment: string | null;
  data: string | null;
  at: string;
}

export interface FileTable {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: string;
}

export interface FileLinkTable {
  file_id: string;
  entity_type: string;
  entity_id: string;
  event_id: string | null;
  created_at: string;
}

export interface CalendarOverrideTable {
  date: string;
  kind: string; // holiday | workday
  name: string | null;
  created_by: string | null;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface SerialCounterTable {
  scope: string;
  year: number;
  last_value: number;
}

export interface DocumentNumberTable {
  issuer_code: string;
  year: number;
  serial: number;
  status: string; // reserved | used | released | voided
  document_id: string | null;
  updated_at: string;
}

export interface DocumentNumberEventTable {
  id: string;
  issuer_code: string;
  year: number;
  serial: number;
  action: string; // reserve | use | release | void
  document_id: string | null;
  reason: string | null;
  actor_id: string | null;
  at: string;
}

export interface Database {
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  inbox_items: InboxItemTable;
  scheduled_jobs: ScheduledJobTable;
  assignments: AssignmentTable;
  assignment_events: AssignmentEventTable;
  files: FileTable;
  file_links: FileLinkTable;
  calendar_overrides: CalendarOverrideTable;
  settings: SettingTable;
  serial_counters: SerialCounterTable;
  document_numbers: DocumentNumberTable;
  document_number_events: DocumentNumberEventTable;
}

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type AssignmentEventRow = Selectable<AssignmentEventTable>;
export type InboxItemRow = Selectable<InboxItemTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type ScheduledJobRow = Selectable<ScheduledJobTable>;
export type FileRow = Selectable<FileTable>;
// Generated is re-exported for migrations that add serial columns later.
export type { Generated };

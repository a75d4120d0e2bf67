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
  /** 机关代字 for this unit's 发文字号, e.g. 示委; null when the unit does not issue documents. */
  issuer_code: string | null;
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
  /** 主要负责人 of their unit: signs upward and important documents (条例 第22条). */
  is_principal: number;
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
  /** What the assignment came from, e.g. 'document' and the incoming document's id. */
  source_type: string | null;
  source_id: string | null;
  /** 督查督办: what kind of source (committee_decision, meeting_minutes, leader_instruction, leader_assignment, superior_assignment, public_issue). */
  source_kind: string;
  source_ref: string | null;
  source_date: string | null;
  /** 'key' (重点) or 'general' (一般). */
  level: string;
  completion_standard: string | null;
  /** Schedule start (YYYY-MM-DD); the straight-line schedule runs from here to the deadline. */
  start_date: string | null;
  feedback_cycle: string;
  feedback_day: number | null;
  next_feedback_due: string | null;
  /** The current feedback window opened on this date (exclusive); a feedback after it answers next_feedback_due. */
  feedback_window_start: string | null;
  last_feedback_at: string | null;
  /** Feedback due dates passed without any feedback since the last one. */
  missed_feedbacks: number;
  progress: number;
  expected_progress: number;
  /** green | yellow | red while open with the unit; null otherwise. */
  colour: string | null;
  colour_reasons: string | null;
  escalation_count: number;
  receipt_due: string | null;
  rating: string | null;
  proposed_rating: string | null;
  dispatched_at: string | null;
  completion_reported_at: string | null;
}

export interface AssignmentUnitTable {
  assignment_id: string;
  unit_id: string;
  /** 'cooperating' (配合单位). */
  role: string;
}

export interface AssignmentTaskTable {
  id: string;
  assignment_id: string;
  seq: number;
  title: string;
  indicator: string | null;
  target_value: number;
  unit_label: string | null;
  weight: number;
  owner_unit_id: string | null;
  deadline: string | null;
  current_value: number;
  updated_at: string;
}

export interface AssignmentFeedbackTable {
  id: string;
  assignment_id: string;
  /** feedback (lead unit), contribution (cooperating unit), completion (办结报告). */
  kind: string;
  unit_id: string;
  author_id: string;
  author_name: string;
  text: string;
  progress: number | null;
  /** JSON [{ taskId, value }]. */
  figures: string | null;
  event_id: string | null;
  late: number;
  at: string;
}

export interface AssignmentFeedbackMissTable {
  assignment_id: string;
  due_date: string;
  unit_id: string;
  recorded_at: string;
}

export interface AssignmentNoticeTable {
  id: string;
  assignment_id: string;
  /** dispatch (交办单), chase (催办单), supervise (督办通知单). */
  kind: string;
  number_text: string;
  unit_id: string;
  /** The notice as a 公文 model (JSON). */
  content: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export interface AssignmentColourLogTable {
  id: string;
  assignment_id: string;
  unit_id: string;
  colour: string;
  at: string;
}

export interface AccountabilityRecordTable {
  id: string;
  /** interview (约谈), criticism (通报批评), rectification (限期整改), deduction (扣分). */
  kind: string;
  unit_id: string;
  reason: string;
  points: number | null;
  due_date: string | null;
  created_by: string;
  created_at: string;
}

export interface AccountabilityItemTable {
  record_id: string;
  assignment_id: string;
}

export interface SupervisionCircularTable {
  id: string;
  period_start: string;
  period_end: string;
  title: string;
  /** JSON: totals, units, overdueAndRed. */
  figures: string;
  /** The 通报 as a 公文 model (JSON). */
  content: string;
  auto: number;
  document_id: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export interface PetitionCategoryTable {
  id: string;
  name: string;
  sort_order: number;
  disabled: number;
}

export interface PetitionerTable {
  id: string;
  name: string;
  /** SM4-CBC, base64 of iv ‖ ciphertext. */
  id_number_enc: string | null;
  /** HMAC-SM3 of the normalised number, hex; how a person is found again. */
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  address: string | null;
  created_at: string;
}

export interface PetitionTable {
  id: string;
  serial_year: number;
  serial_no: number;
  channel: string;
  kind: string;
  state: string;
  /** initial, review (复查), recheck (复核). */
  stage: string;
  summary: string;
  content: string;
  township_id: string;
  village: string | null;
  category_id: string;
  first_organ: string;
  skip_level: number;
  superior_ref: string | null;
  people_count: number;
  petitioner_id: string;
  handling_mode: string | null;
  handling_unit_id: string | null;
  handling_received_at: string | null;
  accused_unit_id: string | null;
  legal_route: string | null;
  outcome: string | null;
  reply: string | null;
  evaluation: string | null;
  extension_used: number;
  pending_extension_days: number | null;
  parent_id: string | null;
  /** 1 once a 复核 decision (or a final refusal) closes the matter for good. */
  is_final: number;
  /** Cases on a similar matter share one id (the earliest case's); the 群体性 warning groups by it. Null only before a migration's backfill. */
  matter_id: string | null;
  query_code_hash: string | null;
  /** The earliest unmet deadline (YYYY-MM-DD), for lists and reminders. */
  next_due: string | null;
  /** YYYY-MM-DD (Shanghai). */
  received_at: string;
  replied_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PetitionPersonTable {
  petition_id: string;
  petitioner_id: string;
  role: string;
  seq: number;
}

export interface PetitionDeadlineTable {
  petition_id: string;
  kind: string;
  due: string;
  rule: string;
  met_at: string | null;
}

export interface PetitionEventTable {
  id: string;
  petition_id: string;
  action: string;
  from_state: string;
  to_state: string;
  actor_id: string;
  actor_name: string;
  comment: string | null;
  data: string | null;
  at: string;
}

export interface PetitionDocumentTable {
  id: string;
  petition_id: string;
  kind: string;
  content: string;
  created_at: string;
}

export interface PetitionLinkTable {
  petition_id: string;
  other_id: string;
  /** match (shown, undecided), repeat (linked as the same matter), dismissed, earlier_final. */
  relation: string;
  reason: string;
  similarity: number;
  decided_by: string | null;
  created_at: string;
}

/** A file attached to a case: the scanned letter (original), evidence, or the handling unit's material (handling). */
export interface PetitionFileTable {
  petition_id: string;
  file_id: string;
  kind: string;
  added_by: string;
  added_by_unit_id: string | null;
  added_at: string;
}

export interface PetitionBandTable {
  band: string;
  petition_id: string;
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

export interface DocumentTable {
  id: string;
  direction: string; // outgoing | incoming
  /** Outgoing: the issuing unit (its 发文字号 sequence). Incoming: the receiving unit. */
  unit_id: string;
  state: string;
  title: string;
  doc_type: string; // 文种, e.g. 请示
  format: string; // 文件式 | 信函式 | 命令式 | 纪要式
  classification: string; // none | secret | confidential | top_secret
  classification_period: string | null;
  urgency: string; // normal | urgent (加急) | very_urgent (特急)
  important: number;
  /** JSON array of unit ids issuing jointly with unit_id (the lead organ). */
  co_issuer_unit_ids: string | null;
  issuer_code: string | null;
  /** 发文字号: the allocated one (outgoing) or the sender's (incoming). */
  number_text: string | null;
  number_year: number | null;
  number_serial: number | null;
  /** 收文编号 within the receiving unit and year. */
  incoming_year: number | null;
  incoming_serial: number | null;
  sender_name: string | null;
  sender_unit_id: string | null;
  /** Incoming copy of an outgoing document sent through Zhongshu. */
  source_document_id: string | null;
  received_via: string | null;
  received_at: string | null;
  received_by: string | null;
  copies: number | null;
  /** The working text: a GongwenDocument as JSON. */
  content: string | null;
  content_rev: number;
  content_edited_by: string | null;
  signed_version_no: number | null;
  /** Hash of the signed text's substance; a different hash after 签发 sends it back to the signer. */
  signed_hash: string | null;
  signed_at: string | null;
  reviewer_id: string | null;
  review_override_reason: string | null;
  sealed_by: string | null;
  sealed_at: string | null;
  issued_at: string | null;
  proposal: string | null;
  lead_unit_id: string | null;
  deadline: string | null;
  chaser_id: string | null;
  outcome: string | null;
  reply: string | null;
  concluded_at: string | null;
  retention: string | null; // permanent | 30y | 10y
  archived_at: string | null;
  archived_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionTable {
  document_id: string;
  version_no: number;
  content: string;
  /** The step at which the text was made, e.g. 拟稿, 核稿. */
  step: string;
  author_id: string | null;
  author_name: string;
  created_at: string;
}

export interface DocumentParticipantTable {
  id: string;
  document_id: string;
  kind: string; // countersign | signer | instructor | reader | coop_unit
  user_id: string | null;
  unit_id: string | null;
  /** Order within a sequential step (批示 in order); equal seq means parallel. */
  seq: number;
  /** Each resubmission opens a new round; earlier rounds stay as history. */
  round: number;
  status: string; // waiting | pending | agreed | returned | done
  opinion: string | null;
  acted_by: string | null;
  acted_by_name: string | null;
  acted_at: string | null;
  created_at: string;
}

export interface DocumentDistributionTable {
  id: string;
  document_id: string;
  kind: string; // primary (主送) | copy (抄送)
  recipient_unit_id: string | null;
  recipient_name: string;
  copies: number;
  incoming_document_id: string | null;
  sent_at: string | null;
  received_at: string | null;
  received_by_name: string | null;
  returned_at: string | null;
  return_reason: string | null;
  seq: number;
}

export interface DocumentEventTable {
  id: string;
  document_id: string;
  action: string;
  from_state: string;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  data: string | null;
  version_no: number | null;
  at: string;
}

export interface DocumentCommentTable {
  id: string;
  document_id: string;
  version_no: number;
  /** Element path as the checker names it, e.g. body[3]. */
  element: string;
  quote: string;
  text: string;
  author_id: string;
  author_name: string;
  created_at: string;
  resolved_at: string | null;
}

export interface MeetingTypeTable {
  id: string;
  name: string;
  builtin: number;
  sort_order: number;
  disabled: number;
}

export interface MeetingRoomTable {
  id: string;
  name: string;
  location: string | null;
  capacity: number;
  disabled: number;
}

export interface MeetingTable {
  id: string;
  type_id: string;
  title: string;
  /** planned | notified | in_progress | held | cancelled */
  state: string;
  classification: string;
  room_id: string | null;
  /** Where, when there is no room (a 视频会议's 分会场, an outside venue). */
  location: string | null;
  /** ISO instants (UTC). */
  starts_at: string;
  ends_at: string;
  host_id: string | null;
  organiser_unit_id: string;
  notice: string | null;
  reply_deadline: string | null;
  notified_at: string | null;
  accepts_topics: number;
  topic_deadline: string | null;
  sign_in_code: string | null;
  sign_in_open: number;
  /** JSON: the 纪要 draft (number, paragraphs, attendance overrides). */
  minutes: string | null;
  minutes_updated_at: string | null;
  held_at: string | null;
  cancelled_reason: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendeeTable {
  id: string;
  meeting_id: string;
  /** A person invited by name (a leader), or null for a unit invitation. */
  user_id: string | null;
  /** The unit invited (it names who comes in its 回执), or the person's unit. */
  unit_id: string | null;
  /** attend (出席) | observe (列席) */
  role: string;
  seq: number;
  /** pending | attending | leave (请假) */
  reply: string;
  /** 回执: who will come for a unit invitation (names, 、-separated). */
  attendee_names: string | null;
  leave_reason: string | null;
  replied_at: string | null;
  replied_by: string | null;
  signed_in_at: string | null;
  /** code | clerk */
  sign_in_method: string | null;
  signed_in_by: string | null;
  reminded_count: number;
  last_reminded_at: string | null;
}

export interface MeetingTopicTable {
  id: string;
  meeting_id: string;
  seq: number;
  title: string;
  summary: string | null;
  presenter: string | null;
  proposer_unit_id: string;
  /** proposed | approved | deferred */
  state: string;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
}

export interface MeetingMaterialTable {
  id: string;
  meeting_id: string;
  topic_id: string | null;
  file_id: string;
  title: string;
  classification: string;
  /** JSON array of attendee ids; null: every attendee. */
  audience: string | null;
  withdraw_after: number;
  withdrawn_at: string | null;
  uploaded_by: string;
  created_at: string;
}

export interface MeetingDecisionTable {
  id: string;
  meeting_id: string;
  seq: number;
  content: string;
  lead_unit_id: string | null;
  /** JSON array of unit ids. */
  cooperating_unit_ids: string | null;
  leader_id: string | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  /** The supervision item made from it, once. */
  assignment_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CollectionTable {
  id: string;
  title: string;
  description: string | null;
  /** JSON: the form's fields (see @zhongshu/core/collections). */
  form: string;
  /** draft | open | closed */
  state: string;
  /** ISO instant. */
  deadline: string | null;
  meeting_id: string | null;
  organiser_unit_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  closed_at: string | null;
}

export interface CollectionUnitTable {
  id: string;
  collection_id: string;
  unit_id: string;
  seq: number;
  /** pending | draft | submitted | returned */
  state: string;
  /** JSON: the unit's values by field key. */
  data: string | null;
  saved_at: string | null;
  saved_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  returned_at: string | null;
  returned_reason: string | null;
  return_count: number;
  reminded_count: number;
  last_reminded_at: string | null;
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
  assignment_units: AssignmentUnitTable;
  assignment_tasks: AssignmentTaskTable;
  assignment_feedbacks: AssignmentFeedbackTable;
  assignment_feedback_misses: AssignmentFeedbackMissTable;
  assignment_notices: AssignmentNoticeTable;
  assignment_colour_log: AssignmentColourLogTable;
  accountability_records: AccountabilityRecordTable;
  accountability_items: AccountabilityItemTable;
  supervision_circulars: SupervisionCircularTable;
  petition_categories: PetitionCategoryTable;
  petitioners: PetitionerTable;
  petitions: PetitionTable;
  petition_people: PetitionPersonTable;
  petition_deadlines: PetitionDeadlineTable;
  petition_events: PetitionEventTable;
  petition_documents: PetitionDocumentTable;
  petition_links: PetitionLinkTable;
  petition_files: PetitionFileTable;
  petition_bands: PetitionBandTable;
  meeting_types: MeetingTypeTable;
  meeting_rooms: MeetingRoomTable;
  meetings: MeetingTable;
  meeting_attendees: MeetingAttendeeTable;
  meeting_topics: MeetingTopicTable;
  meeting_materials: MeetingMaterialTable;
  meeting_decisions: MeetingDecisionTable;
  collections: CollectionTable;
  collection_units: CollectionUnitTable;
  files: FileTable;
  file_links: FileLinkTable;
  calendar_overrides: CalendarOverrideTable;
  settings: SettingTable;
  serial_counters: SerialCounterTable;
  document_numbers: DocumentNumberTable;
  document_number_events: DocumentNumberEventTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  document_participants: DocumentParticipantTable;
  document_distributions: DocumentDistributionTable;
  document_events: DocumentEventTable;
  document_comments: DocumentCommentTable;
}

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type PetitionRow = Selectable<PetitionTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type MeetingAttendeeRow = Selectable<MeetingAttendeeTable>;
export type CollectionRow = Selectable<CollectionTable>;
export type CollectionUnitRow = Selectable<CollectionUnitTable>;
export type AssignmentEventRow = Selectable<AssignmentEventTable>;
export type InboxItemRow = Selectable<InboxItemTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type ScheduledJobRow = Selectable<ScheduledJobTable>;
export type FileRow = Selectable<FileTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type DocumentParticipantRow = Selectable<DocumentParticipantTable>;
export type DocumentDistributionRow = Selectable<DocumentDistributionTable>;
export type DocumentEventRow = Selectable<DocumentEventTable>;
// Generated is re-exported for migrations that add serial columns later.
export type { Generated };

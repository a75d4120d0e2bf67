import { z } from 'zod';
import { dateString, idString, pageQuery } from '../../lib/validation.ts';

export const SOURCE_KINDS = ['committee_decision', 'meeting_minutes', 'leader_instruction', 'leader_assignment', 'superior_assignment', 'public_issue'] as const;
export const SOURCE_KIND_LABELS: Record<(typeof SOURCE_KINDS)[number], string> = {
  committee_decision: '党委决策部署',
  meeting_minutes: '会议议定事项',
  leader_instruction: '领导批示',
  leader_assignment: '领导交办',
  superior_assignment: '上级交办',
  public_issue: '媒体和群众反映',
};
const STATES = ['registered', 'pending_receipt', 'in_progress', 'extension_requested', 'completion_reported', 'office_accepted', 'completed', 'cancelled'] as const;

export const TaskInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  indicator: z.string().trim().max(100).optional(),
  target: z.number().gt(0).max(1e12),
  unitLabel: z.string().trim().max(20).optional(),
  weight: z.number().gt(0).max(1000).default(1),
  ownerUnitId: idString.optional(),
  deadline: dateString.optional(),
});

export const CreateAssignmentBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  instruction: z.string().trim().min(1).max(5000),
  leaderId: idString.optional(),
  assigneeUnitId: idString,
  assigneeUserId: idString.nullish(),
  cooperatingUnitIds: z.array(idString).max(30).optional(),
  urgency: z.enum(['normal', 'urgent', 'very_urgent']).default('normal'),
  classification: z.enum(['none', 'secret', 'confidential', 'top_secret']).default('none'),
  deadline: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('date'), date: dateString }),
    z.strictObject({ type: z.literal('workdays'), days: z.number().int().min(1).max(365) }),
  ]),
  sourceKind: z.enum(SOURCE_KINDS).default('leader_assignment'),
  sourceRef: z.string().trim().max(200).optional(),
  sourceDate: dateString.optional(),
  sourceLink: z.strictObject({ type: z.enum(['document', 'petition', 'information', 'meeting']), id: idString }).optional(),
  level: z.enum(['key', 'general']).default('general'),
  completionStandard: z.string().trim().max(2000).optional(),
  startDate: dateString.optional(),
  feedbackCycle: z.enum(['once', 'weekly', 'monthly', 'quarterly']).default('once'),
  feedbackDay: z.number().int().min(1).max(28).nullish(),
  tasks: z.array(TaskInput).max(50).optional(),
  dispatch: z.boolean().default(true),
});
export type CreateAssignmentBody = z.input<typeof CreateAssignmentBody>;
export type CreateAssignmentInput = z.infer<typeof CreateAssignmentBody>;

export const ListAssignmentsQuery = z.strictObject({
  state: z.enum(STATES).optional(),
  unitId: idString.optional(),
  leaderId: idString.optional(),
  colour: z.enum(['green', 'yellow', 'red']).optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  level: z.enum(['key', 'general']).optional(),
  role: z.enum(['lead', 'cooperating']).optional(),
  flag: z.enum(['open', 'overdue', 'due_soon']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListAssignmentsQuery = z.infer<typeof ListAssignmentsQuery>;
export const ExportAssignmentsQuery = ListAssignmentsQuery.omit({ page: true, pageSize: true });

export const AssignmentActionParams = z.strictObject({
  id: idString,
  action: z.enum(['dispatch', 'sign', 'report_progress', 'contribute', 'request_extension', 'approve_extension', 'refuse_extension', 'report_completion', 'accept', 'confirm', 'send_back', 'cancel']),
});

export const AssignmentActionBody = z.strictObject({
  comment: z.string().trim().max(5000).optional(),
  newDeadline: dateString.optional(),
  attachmentIds: z.array(idString).max(20).optional(),
  rating: z.enum(['excellent', 'good', 'fair', 'poor']).optional(),
  progress: z.number().min(0).max(100).optional(),
  figures: z.array(z.strictObject({ taskId: idString, value: z.number().min(0).max(1e12) })).max(50).optional(),
}).optional();
export type AssignmentActionBody = NonNullable<z.infer<typeof AssignmentActionBody>>;

export const EscalateBody = z.strictObject({ comment: z.string().trim().max(2000).optional() }).optional();

export const IdParams = z.strictObject({ id: idString });
export const NoticeParams = z.strictObject({ id: idString, noticeId: idString });

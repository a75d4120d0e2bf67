import { z } from 'zod';
import { dateString, idString, pageQuery } from '../../lib/validation.ts';

export const CreateAssignmentBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  instruction: z.string().trim().min(1).max(5000),
  leaderId: idString.optional(),
  assigneeUnitId: idString,
  assigneeUserId: idString.nullish(),
  urgency: z.enum(['normal', 'urgent', 'very_urgent']).default('normal'),
  classification: z.enum(['none', 'secret', 'confidential', 'top_secret']).default('none'),
  deadline: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('date'), date: dateString }),
    z.strictObject({ type: z.literal('workdays'), days: z.number().int().min(1).max(365) }),
  ]),
});
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

export const ListAssignmentsQuery = z.strictObject({
  state: z.enum(['pending_receipt', 'in_progress', 'extension_requested', 'completion_reported', 'completed', 'cancelled']).optional(),
  unitId: idString.optional(),
  leaderId: idString.optional(),
  flag: z.enum(['open', 'overdue', 'due_soon']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListAssignmentsQuery = z.infer<typeof ListAssignmentsQuery>;

export const AssignmentActionParams = z.strictObject({
  id: idString,
  action: z.enum(['sign', 'report_progress', 'request_extension', 'approve_extension', 'refuse_extension', 'report_completion', 'confirm', 'send_back', 'cancel']),
});

export const AssignmentActionBody = z.strictObject({
  comment: z.string().trim().max(5000).optional(),
  newDeadline: dateString.optional(),
  attachmentIds: z.array(idString).max(20).optional(),
}).optional();
export type AssignmentActionBody = NonNullable<z.infer<typeof AssignmentActionBody>>;

export const IdParams = z.strictObject({ id: idString });

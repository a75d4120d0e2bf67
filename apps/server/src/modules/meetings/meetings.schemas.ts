import { z } from 'zod';
import { dateString, idString, pageQuery, trimmed } from '../../lib/validation.ts';

export const MEETING_STATES = ['planned', 'notified', 'in_progress', 'held', 'cancelled'] as const;
const CLASSIFICATIONS = ['none', 'secret', 'confidential', 'top_secret'] as const;
/** An ISO instant with its offset ("2026-11-21T14:00:00+08:00" or "…Z"). */
const instant = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const IdParams = z.strictObject({ id: idString });
export const AttendeeParams = z.strictObject({ id: idString, attendeeId: idString });
export const TopicParams = z.strictObject({ id: idString, topicId: idString });
export const MaterialParams = z.strictObject({ id: idString, materialId: idString });
export const CollectionParams = z.strictObject({ id: idString, collectionId: idString });

/** Nothing to send: the step itself is the request. */
export const EmptyBody = z.strictObject({}).optional();

export const TypeBody = z.strictObject({ name: trimmed(20) });
export const TypePatch = z.strictObject({ name: trimmed(20).optional(), disabled: z.boolean().optional() });
export type TypePatch = z.infer<typeof TypePatch>;

export const RoomBody = z.strictObject({ name: trimmed(50), location: optionalText(100), capacity: z.number().int().min(0).max(10000).nullish() });
export type RoomBody = z.infer<typeof RoomBody>;
export const RoomPatch = z.strictObject({
  name: trimmed(50).optional(),
  location: optionalText(100),
  capacity: z.number().int().min(0).max(10000).nullish(),
  disabled: z.boolean().optional(),
});
export type RoomPatch = z.infer<typeof RoomPatch>;

export const ListQuery = z.strictObject({
  from: dateString.optional(),
  to: dateString.optional(),
  state: z.enum(MEETING_STATES).optional(),
  typeId: idString.optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof ListQuery>;

export const CalendarQuery = z.strictObject({ from: dateString, to: dateString });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const AttendeeInput = z.strictObject({ userId: idString.optional(), unitId: idString.optional(), role: z.enum(['attend', 'observe']) });
export type AttendeeInput = z.infer<typeof AttendeeInput>;
const Attendees = z.array(AttendeeInput).max(500);

const meetingFields = {
  typeId: idString,
  title: trimmed(200),
  classification: z.enum(CLASSIFICATIONS).optional(),
  roomId: idString.nullish(),
  location: optionalText(200),
  startsAt: instant,
  endsAt: instant,
  hostId: idString.nullish(),
  notice: optionalText(5000),
  replyDeadline: instant.nullish(),
  acceptsTopics: z.boolean().optional(),
  topicDeadline: instant.nullish(),
  attendees: Attendees.optional(),
};
export const CreateMeetingBody = z.strictObject(meetingFields);
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;
export const UpdateMeetingBody = z.strictObject({ ...meetingFields, typeId: idString.optional(), title: trimmed(200).optional(), startsAt: instant.optional(), endsAt: instant.optional() });
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

export const AttendeesBody = z.strictObject({ attendees: Attendees });

export const ReplyBody = z.strictObject({
  attendeeId: idString,
  reply: z.enum(['attending', 'leave']),
  attendeeNames: optionalText(500),
  leaveReason: optionalText(200),
});
export type ReplyBody = z.infer<typeof ReplyBody>;

export const RemindBody = z.strictObject({ attendeeIds: z.array(idString).max(500).optional() }).optional();

export const SignInBody = z.strictObject({ code: z.string().trim().min(1).max(20) });

export const CancelBody = z.strictObject({ reason: trimmed(500) });

export const TopicBody = z.strictObject({
  title: trimmed(200),
  summary: optionalText(2000),
  presenter: optionalText(50),
  unitId: idString.optional(),
});
export type TopicBody = z.infer<typeof TopicBody>;

export const DecideTopicBody = z.strictObject({ decision: z.enum(['approved', 'deferred']), reason: optionalText(500) });
export type DecideTopicBody = z.infer<typeof DecideTopicBody>;

export const MaterialBody = z.strictObject({
  fileId: idString,
  title: trimmed(200),
  classification: z.enum(CLASSIFICATIONS).optional(),
  topicId: idString.nullish(),
  audience: z.array(idString).max(500).nullish(),
  withdrawAfter: z.boolean().optional(),
});
export type MaterialBody = z.infer<typeof MaterialBody>;

export const MinutesBody = z.strictObject({
  number: z.string().trim().min(1).max(20),
  date: dateString.optional(),
  paragraphs: z.array(z.string().max(5000)).min(1).max(200),
});
export type MinutesBody = z.infer<typeof MinutesBody>;

export const DecisionInput = z.strictObject({
  id: idString.optional(),
  content: trimmed(1000),
  leadUnitId: idString.nullish(),
  cooperatingUnitIds: z.array(idString).max(30).optional(),
  leaderId: idString.nullish(),
  deadline: dateString.nullish(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;
export const DecisionsBody = z.strictObject({ decisions: z.array(DecisionInput).max(100) });

export const SuperviseBody = z.strictObject({ decisionIds: z.array(idString).max(100).optional() }).optional();

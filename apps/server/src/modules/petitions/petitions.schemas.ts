import { z } from 'zod';
import { dateString, idString, pageQuery } from '../../lib/validation.ts';

export const CHANNELS = ['online', 'letter', 'visit', 'phone', 'fax', 'leader_mailbox', 'superior'] as const;
export const KINDS = ['suggestion', 'accusation', 'appeal'] as const;
export const STATES = ['registered', 'handling', 'extension_requested', 'replied', 'review', 'review_decided', 'recheck', 'closed', 'routed_legal', 'not_accepted'] as const;

const Person = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
});
export type PersonInput = z.infer<typeof Person>;

export const RegisterBody = z.strictObject({
  channel: z.enum(CHANNELS),
  kind: z.enum(KINDS),
  summary: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(20000),
  townshipId: idString,
  village: z.string().trim().max(100).optional(),
  categoryId: idString,
  firstOrgan: z.enum(['this_level', 'superior', 'higher', 'none']),
  superiorRef: z.string().trim().max(100).optional(),
  receivedAt: dateString.optional(),
  petitioner: Person,
  // The 6th is refused with its own message (第20条), so the array itself accepts a few more.
  representatives: z.array(Person).max(20).optional(),
  present: z.array(Person).max(50).optional(),
  peopleCount: z.number().int().min(1).max(10000).optional(),
  accusedUnitId: idString.optional(),
  /** The caller's own uploads (POST /api/files), attached as 来信原件. */
  fileIds: z.array(idString).max(20).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

/** 修改登记: every field optional; `reason` is checked by the service so its message names 修改原因. */
export const EditBody = z.strictObject({
  reason: z.string().max(2000).optional(),
  channel: z.enum(CHANNELS).optional(),
  kind: z.enum(KINDS).optional(),
  receivedAt: dateString.optional(),
  accusedUnitId: idString.nullable().optional(),
  superiorRef: z.string().trim().max(100).nullable().optional(),
  summary: z.string().trim().min(1).max(200).optional(),
  content: z.string().trim().min(1).max(20000).optional(),
  townshipId: idString.optional(),
  village: z.string().trim().max(100).nullable().optional(),
  categoryId: idString.optional(),
  firstOrgan: z.enum(['this_level', 'superior', 'higher', 'none']).optional(),
});
export type EditBody = z.infer<typeof EditBody>;
export const PETITION_FILE_KINDS = ['original', 'evidence', 'handling'] as const;
export const AttachFileBody = z.strictObject({ fileId: idString, kind: z.enum(PETITION_FILE_KINDS) });
export type AttachFileBody = z.infer<typeof AttachFileBody>;
export const FileParams = z.strictObject({ id: idString, fileId: idString });

export const ListQuery = z.strictObject({
  state: z.enum(STATES).optional(),
  kind: z.enum(KINDS).optional(),
  channel: z.enum(CHANNELS).optional(),
  townshipId: idString.optional(),
  categoryId: idString.optional(),
  handlingUnitId: idString.optional(),
  matterId: idString.optional(),
  flag: z.enum(['overdue', 'due_soon', 'group', 'skip_level']).optional(),
  q: z.string().trim().max(100).optional(),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof ListQuery>;
export const ExportQuery = ListQuery.omit({ page: true, pageSize: true });

export const ActionParams = z.strictObject({
  id: idString,
  action: z.enum(['accept', 'route_legal', 'not_accept', 'object', 'request_extension', 'approve_extension', 'refuse_extension', 'reply', 'evaluate', 'request_review', 'decide_review', 'request_recheck', 'decide_recheck', 'close', 'instruct']),
});
export const ActionBody = z
  .strictObject({
    comment: z.string().trim().max(5000).optional(),
    handlingMode: z.enum(['direct', 'transfer', 'assign']).optional(),
    handlingUnitId: idString.optional(),
    legalRoute: z.enum(['litigation', 'arbitration', 'reconsideration', 'party_appeal']).optional(),
    days: z.number().int().min(1).max(30).optional(),
    outcome: z.enum(['support', 'explain', 'reject', 'adopted', 'not_adopted']).optional(),
    evaluation: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
    assigneeUnitId: idString.optional(),
    deadline: dateString.optional(),
  })
  .optional();
export type ActionBody = NonNullable<z.infer<typeof ActionBody>>;

export const IdParams = z.strictObject({ id: idString });
export const DocParams = z.strictObject({ id: idString, docId: idString });
export const MatchParams = z.strictObject({ id: idString, matchId: idString });
export const MatchBody = z.strictObject({ decision: z.enum(['link', 'dismiss']) });
export const RevealBody = z.strictObject({ personId: idString, field: z.enum(['idNumber', 'phone']), reason: z.string().trim().min(2).max(200) });
export const CategoryBody = z.strictObject({ name: z.string().trim().min(1).max(30) });
export const CategoryPatch = z.strictObject({ name: z.string().trim().min(1).max(30).optional(), sortOrder: z.number().int().min(0).max(1000).optional(), disabled: z.boolean().optional() });
export const ConfigBody = z.strictObject({
  dayMode: z.enum(['calendar', 'workdays']),
  similarityThreshold: z.number().min(0.3).max(0.95),
  groupSimilarity: z.number().min(0.3).max(0.95).default(0.5),
  groupMinCases: z.number().int().min(2).max(100),
  groupWindowDays: z.number().int().min(1).max(365),
  frequentVisits: z.number().int().min(2).max(100),
  frequentWindowDays: z.number().int().min(1).max(365),
});
export type PetitionConfig = z.infer<typeof ConfigBody>;
export const StatsQuery = z.strictObject({ from: dateString.optional(), to: dateString.optional() });
export const ReportQuery = z.strictObject({ month: z.string().regex(/^(20\d{2}|2100)-(0[1-9]|1[0-2])$/, { error: '格式应为YYYY-MM，年份2000至2100' }) });

export const PublicSubmitBody = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().min(1).max(30),
  address: z.string().trim().max(200).optional(),
  townshipId: idString,
  categoryId: idString.optional(),
  summary: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(10000),
});
export const PublicQueryBody = z.strictObject({ queryCode: z.string().trim().min(8).max(40) });
export const PublicEvaluateBody = z.strictObject({ queryCode: z.string().trim().min(8).max(40), evaluation: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']) });

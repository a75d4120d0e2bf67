import { z } from 'zod';
import { dateString, idString, pageQuery } from '../../lib/validation.ts';
import { SOURCE_KINDS } from '../assignments/assignments.schemas.ts';

export const BoardQuery = z.strictObject({
  unitId: idString.optional(),
  leaderId: idString.optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  level: z.enum(['key', 'general']).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const RankingQuery = z.strictObject({ from: dateString.optional(), to: dateString.optional() });
export type RankingQuery = z.infer<typeof RankingQuery>;

export const PeriodBody = z.strictObject({ from: dateString, to: dateString });
export type PeriodBody = z.infer<typeof PeriodBody>;

export const DraftBody = z.strictObject({ issuerUnitId: idString.optional() }).optional();

export const AccountabilityBody = z.strictObject({
  kind: z.enum(['interview', 'criticism', 'rectification', 'deduction']),
  unitId: idString,
  assignmentIds: z.array(idString).max(50).optional(),
  reason: z.string().trim().min(1).max(2000),
  points: z.number().min(0).max(100).optional(),
  dueDate: dateString.optional(),
});
export type AccountabilityBody = z.infer<typeof AccountabilityBody>;

export const AccountabilityQuery = z.strictObject({ unitId: idString.optional(), assignmentId: idString.optional(), ...pageQuery });
export type AccountabilityQuery = z.infer<typeof AccountabilityQuery>;

export const ConfigBody = z.strictObject({
  receiptWorkdays: z.number().int(),
  dueSoonWorkdays: z.number().int(),
  yellowBehindPoints: z.number().int(),
  redBehindPoints: z.number().int(),
  yellowMissedFeedbacks: z.number().int(),
  redMissedFeedbacks: z.number().int(),
  autoEscalateOnRed: z.boolean(),
  escalationReplyWorkdays: z.number().int(),
  interviewRedThreshold: z.number().int(),
});

const cell = z.string().trim().max(2000);
export const ImportRow = z.strictObject({
  title: cell, content: cell, sourceLabel: cell, sourceRef: cell.optional(), level: cell.optional(), leadUnit: cell, cooperatingUnits: cell.optional(),
  leader: cell, person: cell.optional(), completionStandard: cell.optional(), deadline: cell, feedbackCycle: cell.optional(), feedbackDay: z.union([cell, z.number()]).optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;
export const ImportJsonBody = z.strictObject({ rows: z.array(ImportRow).min(1).max(500), dispatch: z.boolean().default(true) });
export const IdParams = z.strictObject({ id: idString });
export const PageQuery = z.strictObject({ ...pageQuery });

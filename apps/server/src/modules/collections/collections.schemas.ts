import { z } from 'zod';
import { idString, pageQuery } from '../../lib/validation.ts';

// The fields and a unit's values are checked in @zhongshu/core/collections, which names every problem by its
// path in Chinese (`fields[2].options`, `data.items[3].amount`); here only their outer shape.
const Fields = z.array(z.unknown()).max(200);
/** An instant (ISO, with offset or Z) or a day (YYYY-MM-DD: the end of that day in Shanghai); checked in the service. */
const Deadline = z.string().trim().max(40);
const UnitIds = z.array(idString).max(1000);

export const ListQuery = z.strictObject({
  state: z.enum(['draft', 'open', 'closed']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof ListQuery>;

export const CreateBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullish(),
  fields: Fields,
  deadline: Deadline.nullish(),
  unitIds: UnitIds.optional(),
  meetingId: idString.nullish(),
});
export type CreateBody = z.infer<typeof CreateBody>;

export const UpdateBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).nullish(),
  fields: Fields.optional(),
  deadline: Deadline.nullish(),
  unitIds: UnitIds.optional(),
  meetingId: idString.nullish(),
});
export type UpdateBody = z.infer<typeof UpdateBody>;

export const IdParams = z.strictObject({ id: idString });
export const UnitParams = z.strictObject({ id: idString, unitId: idString });
export const FileParams = z.strictObject({ id: idString, unitId: idString, fileId: idString });

export const UnitsBody = z.strictObject({ unitIds: UnitIds.min(1) });
export const RemindBody = z.strictObject({ unitIds: UnitIds.optional() }).nullish();
export const DataBody = z.strictObject({ data: z.record(z.string(), z.unknown()) });
export const ReturnBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const SummaryQuery = z.strictObject({ mode: z.enum(['unit', 'row']).default('unit') });
export type SummaryMode = z.infer<typeof SummaryQuery>['mode'];

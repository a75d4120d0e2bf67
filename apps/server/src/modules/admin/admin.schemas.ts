import { z } from 'zod';
import { dateString } from '../../lib/validation.ts';

export const CalendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const OverrideBody = z.strictObject({
  date: dateString,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(50).nullish(),
});
export type OverrideBody = z.infer<typeof OverrideBody>;
export const DateParams = z.strictObject({ date: dateString });
export const SettingsBody = z.strictObject({
  sessionIdleMinutes: z.number().int().min(5).max(480).optional(),
  maxUploadMb: z.number().int().min(1).max(1024).optional(),
});
export type SettingsBody = z.infer<typeof SettingsBody>;

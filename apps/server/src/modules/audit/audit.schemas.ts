import { z } from 'zod';
import { pageQuery } from '../../lib/validation.ts';

const instant = z.string().trim().max(40).regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: '格式应为YYYY-MM-DD或ISO时间' });
export const AuditQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  ...pageQuery,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

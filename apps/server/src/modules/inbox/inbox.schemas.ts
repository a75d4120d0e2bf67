import { z } from 'zod';
import { pageQuery } from '../../lib/validation.ts';

export const InboxQuery = z.strictObject({
  box: z.enum(['todo', 'done', 'mine']).default('todo'),
  module: z.string().max(40).optional(),
  urgency: z.enum(['normal', 'urgent', 'very_urgent']).optional(),
  ...pageQuery,
});
export type InboxQuery = z.infer<typeof InboxQuery>;
export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });

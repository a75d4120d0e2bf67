import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { IdParams, InboxQuery } from './inbox.schemas.ts';
import { inboxCounts, listInbox, markRead } from './inbox.service.ts';

export const inboxRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/', { schema: { tags: ['inbox'], summary: '待办/已办/我发起的', querystring: InboxQuery } }, (req) => listInbox(ctx, actorOf(req), req.query));
  app.get('/counts', { schema: { tags: ['inbox'], summary: '待办数量' } }, (req) => inboxCounts(ctx, actorOf(req)));
  app.post('/:id/read', { schema: { tags: ['inbox'], summary: '标记已读', params: IdParams } }, async (req) => {
    await markRead(ctx, actorOf(req), req.params.id);
    return { ok: true };
  });
};

import type { FastifyInstance } from 'fastify';
import { users } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';

export const healthRoutes = (ctx: AppContext) => async (app: FastifyInstance) => {
  app.get('/health', { schema: { tags: ['health'], summary: '健康检查' } }, async (_req, reply) => {
    let demo: boolean;
    try {
      // Tells the login page to point at the README's demo accounts; never true in production.
      demo = !ctx.config.production && (await users.hasDemoUsers(ctx.db));
    } catch {
      return reply.code(503).send({ status: 'error', database: ctx.dialect, version: ctx.config.version });
    }
    return { status: 'ok', database: ctx.dialect, version: ctx.config.version, demo };
  });
};

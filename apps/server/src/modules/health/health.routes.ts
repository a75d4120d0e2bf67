import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';

export const healthRoutes = (ctx: AppContext) => async (app: FastifyInstance) => {
  app.get('/health', { schema: { tags: ['health'], summary: '健康检查' } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
    } catch {
      return reply.code(503).send({ status: 'error', database: ctx.dialect, version: ctx.config.version });
    }
    return { status: 'ok', database: ctx.dialect, version: ctx.config.version };
  });
};

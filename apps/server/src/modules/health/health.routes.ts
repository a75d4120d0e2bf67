import type { FastifyInstance } from 'fastify';
import { ping, users } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';

// Load balancers probe often; whether demo accounts exist changes only through the CLI.
const DEMO_FLAG_TTL_MS = 60_000;

export const healthRoutes = (ctx: AppContext) => async (app: FastifyInstance) => {
  let demo: { at: number; value: boolean } | null = null;
  app.get('/health', { schema: { tags: ['health'], summary: '健康检查' } }, async (_req, reply) => {
    try {
      if (!demo || Date.now() - demo.at > DEMO_FLAG_TTL_MS) {
        // Tells the login page to point at the README's demo accounts; never true in production.
        demo = { at: Date.now(), value: !ctx.config.production && (await users.hasDemoUsers(ctx.db)) };
      } else {
        await ping(ctx.db);
      }
    } catch {
      return reply.code(503).send({ status: 'error', database: ctx.dialect, version: ctx.config.version });
    }
    return { status: 'ok', database: ctx.dialect, version: ctx.config.version, demo: demo.value };
  });
};

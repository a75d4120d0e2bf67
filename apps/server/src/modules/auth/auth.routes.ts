import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf, SESSION_COOKIE } from '../../app.ts';
import { ChangePasswordBody, LoginBody } from './auth.schemas.ts';
import { changePassword, login, logout, toMe } from './auth.service.ts';

export const authRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/login',
    { schema: { tags: ['auth'], summary: '登录', body: LoginBody }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { token, actor } = await login(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: ctx.config.production && req.protocol === 'https',
      });
      return { user: toMe(actor), csrfToken: actor.csrfToken };
    },
  );
  app.post('/logout', { schema: { tags: ['auth'], summary: '退出' } }, async (req, reply) => {
    await logout(ctx, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (req) => {
    const actor = actorOf(req);
    return { user: toMe(actor), csrfToken: actor.csrfToken };
  });
  app.post('/change-password', { schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordBody } }, async (req) => {
    await changePassword(ctx, actorOf(req), req.body);
    return { ok: true };
  });
};

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { AuditQuery } from './audit.schemas.ts';
import { exportAudit, listAudit, verifyForAuditor } from './audit.service.ts';

export const auditRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  app.get('/', { schema: { tags, summary: '审计日志（安全审计员）', querystring: AuditQuery } }, (req) => listAudit(ctx, actorOf(req), req.query));
  app.get('/export', { schema: { tags, summary: '导出审计日志.xlsx', querystring: AuditQuery } }, async (req, reply) => {
    const buf = await exportAudit(ctx, actorOf(req), req.query);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`);
    return reply.send(buf);
  });
  app.get('/verify', { schema: { tags, summary: '校验审计日志哈希链' } }, (req) => verifyForAuditor(ctx, actorOf(req)));
};

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { CalendarQuery, DateParams, OverrideBody, SettingsBody } from './admin.schemas.ts';
import * as admin from './admin.service.ts';

export const adminRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  app.get('/calendar', { schema: { tags, summary: '节假日调整', querystring: CalendarQuery } }, (req) => admin.getCalendarYear(ctx, actorOf(req), req.query.year));
  app.post('/calendar/overrides', { schema: { tags, summary: '录入节假日或调休上班日', body: OverrideBody } }, (req) => admin.putCalendarOverride(ctx, actorOf(req), req.body));
  app.delete('/calendar/overrides/:date', { schema: { tags, summary: '删除节假日调整', params: DateParams } }, (req) => admin.deleteCalendarOverride(ctx, actorOf(req), req.params.date));
  app.get('/warnings', { schema: { tags, summary: '管理提醒' } }, (req) => admin.adminWarnings(ctx, actorOf(req)));
  app.get('/settings', { schema: { tags, summary: '系统设置' } }, (req) => admin.getSettings(ctx, actorOf(req)));
  app.patch('/settings', { schema: { tags, summary: '修改系统设置', body: SettingsBody } }, (req) => admin.updateSettings(ctx, actorOf(req), req.body));
};

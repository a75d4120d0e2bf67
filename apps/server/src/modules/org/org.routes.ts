import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@zhongshu/core';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { CreateUnitBody, CreateUserBody, IdParams, ListUsersQuery, UpdateSecurityBody, UpdateUnitBody, UpdateUserBody } from './org.schemas.ts';
import * as org from './org.service.ts';
import { importRoster, importTemplate } from './org-import.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const orgRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];
  app.get('/units', { schema: { tags, summary: '单位列表' } }, (req) => org.listUnits(ctx, actorOf(req)));
  app.post('/units', { schema: { tags, summary: '新增单位', body: CreateUnitBody } }, (req) => org.createUnit(ctx, actorOf(req), req.body));
  app.patch('/units/:id', { schema: { tags, summary: '修改单位', params: IdParams, body: UpdateUnitBody } }, (req) => org.updateUnit(ctx, actorOf(req), req.params.id, req.body));
  app.delete('/units/:id', { schema: { tags, summary: '删除单位', params: IdParams } }, async (req) => {
    await org.deleteUnit(ctx, actorOf(req), req.params.id);
    return { ok: true };
  });
  app.get('/users', { schema: { tags, summary: '用户列表', querystring: ListUsersQuery } }, (req) => org.listUsers(ctx, actorOf(req), req.query));
  app.post('/users', { schema: { tags, summary: '新增用户（返回一次性初始密码）', body: CreateUserBody } }, (req) => org.createUser(ctx, actorOf(req), req.body));
  app.patch('/users/:id', { schema: { tags, summary: '修改用户', params: IdParams, body: UpdateUserBody } }, (req) => org.updateUser(ctx, actorOf(req), req.params.id, req.body));
  app.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码', params: IdParams } }, (req) => org.resetPassword(ctx, actorOf(req), req.params.id));
  app.post('/users/:id/unlock', { schema: { tags, summary: '解锁账号', params: IdParams } }, async (req) => {
    await org.unlockUser(ctx, actorOf(req), req.params.id);
    return { ok: true };
  });
  app.patch('/users/:id/security', { schema: { tags, summary: '设置业务角色和密级（安全保密管理员）', params: IdParams, body: UpdateSecurityBody } }, (req) =>
    org.updateSecurity(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get('/directory', { schema: { tags, summary: '单位和人员（选择器用）' } }, (req) => org.getDirectory(ctx, actorOf(req)));
  app.get('/import/template', { schema: { tags, summary: '下载导入模板' } }, async (req, reply) => {
    const buf = await importTemplate(actorOf(req));
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('组织机构导入模板.xlsx')}`);
    return reply.send(buf);
  });
  app.post('/import', { schema: { tags, summary: '从.xlsx批量导入单位和用户' } }, async (req) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传.xlsx文件', 'file');
    const part = await req.file();
    if (!part) throw new AppError('VALIDATION_FAILED', '文件：请选择要导入的.xlsx文件', 'file');
    const buf = await part.toBuffer();
    return importRoster(ctx, actor, buf);
  });
};

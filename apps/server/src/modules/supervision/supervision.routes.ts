import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@zhongshu/core';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { parseInput } from '../../lib/validation.ts';
import { AccountabilityBody, AccountabilityQuery, BoardQuery, ConfigBody, DraftBody, IdParams, ImportJsonBody, PageQuery, PeriodBody, RankingQuery } from './supervision.schemas.ts';
import { board, circularDocx, circularToDraft, createAccountability, createCircular, getCircular, getConfig, listAccountability, listCirculars, putConfig, ranking } from './supervision.service.ts';
import { importItems, importTemplate, rowsFromXlsx } from './supervision.import.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const supervisionRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  app.get('/board', { schema: { tags, summary: '督查督办看板', querystring: BoardQuery } }, (req) => board(ctx, actorOf(req), req.query));
  app.get('/ranking', { schema: { tags, summary: '单位按期办结率排名', querystring: RankingQuery } }, (req) => ranking(ctx, actorOf(req), req.query));
  app.get('/circulars', { schema: { tags, summary: '通报列表', querystring: PageQuery } }, (req) => listCirculars(ctx, actorOf(req), req.query));
  app.post('/circulars', { schema: { tags, summary: '生成通报（任意期间）', body: PeriodBody } }, (req) => createCircular(ctx, actorOf(req), req.body));
  app.get('/circulars/:id', { schema: { tags, summary: '通报详情', params: IdParams } }, (req) => getCircular(ctx, actorOf(req), req.params.id));
  app.get('/circulars/:id/docx', { schema: { tags, summary: '下载通报 .docx', params: IdParams } }, async (req, reply) => {
    const { buffer, filename } = await circularDocx(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.post('/circulars/:id/draft', { schema: { tags, summary: '通报送办文拟稿', params: IdParams, body: DraftBody } }, (req) => circularToDraft(ctx, actorOf(req), req.params.id, req.body?.issuerUnitId));
  app.get('/accountability', { schema: { tags, summary: '问责记录', querystring: AccountabilityQuery } }, (req) => listAccountability(ctx, actorOf(req), req.query));
  app.post('/accountability', { schema: { tags, summary: '登记问责（约谈、通报批评、限期整改、扣分）', body: AccountabilityBody } }, (req) => createAccountability(ctx, actorOf(req), req.body));
  app.get('/config', { schema: { tags, summary: '预警规则' } }, (req) => getConfig(ctx, actorOf(req)));
  app.put('/config', { schema: { tags, summary: '修改预警规则', body: ConfigBody } }, (req) => putConfig(ctx, actorOf(req), req.body));
  app.get('/import/template', { schema: { tags, summary: '下载批量立项模板' } }, async (req, reply) => {
    const buf = await importTemplate(actorOf(req));
    return reply.header('content-type', XLSX).header('content-disposition', attachment('督查事项批量立项模板.xlsx')).send(buf);
  });
  app.post('/import', { schema: { tags, summary: '批量立项（.xlsx 或粘贴的行）' } }, async (req) => {
    const actor = actorOf(req);
    if (req.isMultipart()) {
      let buf: Buffer | null = null;
      let dispatch = true;
      for await (const part of req.parts()) {
        if (part.type === 'file') buf = await part.toBuffer();
        else if (part.fieldname === 'dispatch') dispatch = String(part.value) !== 'false';
      }
      if (!buf) throw new AppError('VALIDATION_FAILED', '文件：请选择要导入的.xlsx文件', 'file');
      return importItems(ctx, actor, await rowsFromXlsx(buf), dispatch);
    }
    const body = parseInput(ImportJsonBody, req.body);
    return importItems(ctx, actor, body.rows.map((row, i) => ({ n: i + 1, row })), body.dispatch);
  });
};

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { CreateBody, DataBody, FileParams, IdParams, ListQuery, RemindBody, ReturnBody, SummaryQuery, UnitParams, UnitsBody, UpdateBody } from './collections.schemas.ts';
import {
  addUnits, closeCollection, createCollection, getCollectionDetail, getSummaryJson, getUnitEntry, listCollections, openSubmissionFile, remindCollection, reopenCollection,
  returnEntry, saveDraft, sendCollection, submitEntry, updateCollection,
} from './collections.service.ts';
import { summaryXlsx } from './collections.export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 情况征集 (docs/API.md, "Collections"). */
export const collectionRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['collections'];
  app.get('/', { schema: { tags, summary: '情况征集列表', querystring: ListQuery } }, (req) => listCollections(ctx, actorOf(req), req.query));
  app.post('/', { schema: { tags, summary: '新建情况征集（设计表单）', body: CreateBody } }, (req) => createCollection(ctx, actorOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: '情况征集详情', params: IdParams } }, (req) => getCollectionDetail(ctx, actorOf(req), req.params.id));
  app.put('/:id', { schema: { tags, summary: '修改情况征集', params: IdParams, body: UpdateBody } }, (req) => updateCollection(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/send', { schema: { tags, summary: '发出征集', params: IdParams } }, (req) => sendCollection(ctx, actorOf(req), req.params.id));
  app.post('/:id/units', { schema: { tags, summary: '追加征集单位', params: IdParams, body: UnitsBody } }, (req) => addUnits(ctx, actorOf(req), req.params.id, req.body.unitIds));
  app.post('/:id/remind', { schema: { tags, summary: '催报', params: IdParams, body: RemindBody } }, (req) => remindCollection(ctx, actorOf(req), req.params.id, req.body?.unitIds));
  app.post('/:id/close', { schema: { tags, summary: '结束征集', params: IdParams } }, (req) => closeCollection(ctx, actorOf(req), req.params.id));
  app.post('/:id/reopen', { schema: { tags, summary: '重新开启征集', params: IdParams } }, (req) => reopenCollection(ctx, actorOf(req), req.params.id));
  app.get('/:id/summary', { schema: { tags, summary: '汇总表', params: IdParams, querystring: SummaryQuery } }, async (req, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(await getSummaryJson(ctx, actorOf(req), req.params.id, req.query.mode)),
  );
  app.get('/:id/summary.xlsx', { schema: { tags, summary: '导出汇总表（.xlsx）', params: IdParams, querystring: SummaryQuery } }, async (req, reply) => {
    const { buffer, filename } = await summaryXlsx(ctx, actorOf(req), req.params.id, req.query.mode);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.get('/:id/units/:unitId', { schema: { tags, summary: '单位填报内容', params: UnitParams } }, (req) => getUnitEntry(ctx, actorOf(req), req.params.id, req.params.unitId));
  app.put('/:id/units/:unitId', { schema: { tags, summary: '保存草稿', params: UnitParams, body: DataBody } }, (req) => saveDraft(ctx, actorOf(req), req.params.id, req.params.unitId, req.body.data));
  app.post('/:id/units/:unitId/submit', { schema: { tags, summary: '报送', params: UnitParams, body: DataBody } }, (req) => submitEntry(ctx, actorOf(req), req.params.id, req.params.unitId, req.body.data));
  app.post('/:id/units/:unitId/return', { schema: { tags, summary: '退回修改', params: UnitParams, body: ReturnBody } }, (req) => returnEntry(ctx, actorOf(req), req.params.id, req.params.unitId, req.body.reason));
  app.get('/:id/units/:unitId/files/:fileId', { schema: { tags, summary: '下载填报附件', params: FileParams } }, async (req, reply) => {
    const { file, stream } = await openSubmissionFile(ctx, actorOf(req), req.params.id, req.params.unitId, req.params.fileId);
    return reply.header('content-type', file.mime).header('content-disposition', attachment(file.name)).header('content-length', String(file.size)).send(stream);
  });
};

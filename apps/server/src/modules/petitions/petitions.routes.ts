import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { recordAudit } from '../../lib/audit.ts';
import {
  ActionBody, ActionParams, AttachFileBody, CategoryBody, CategoryPatch, ConfigBody, DocParams, EditBody, ExportQuery, FileParams, IdParams, ListQuery, MatchBody, MatchParams,
  PublicEvaluateBody, PublicQueryBody, PublicSubmitBody, RegisterBody, ReportQuery, RevealBody, StatsQuery,
} from './petitions.schemas.ts';
import {
  actOnPetition, addCategory, decideMatch, documentDocx, getConfig, getPetitionDetail, listCategories, listPetitions, MODULE, putConfig, registerPetition, revealPii, updateCategory,
} from './petitions.service.ts';
import { editPetition } from './petitions.edit.ts';
import { attachPetitionFile, removePetitionFile } from './petitions.files.ts';
import { board, monthlyReportDocx, monthlyReportXlsx, stats } from './petitions.stats.ts';
import { publicCategories, publicEvaluate, publicQuery, publicSubmit, publicUnits } from './petitions.public.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const petitionRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['petitions'];
  app.get('/categories', { schema: { tags, summary: '信访问题类别' } }, (req) => (actorOf(req), listCategories(ctx)));
  app.post('/categories', { schema: { tags, summary: '新增问题类别', body: CategoryBody } }, (req) => addCategory(ctx, actorOf(req), req.body.name));
  app.put('/categories/:id', { schema: { tags, summary: '修改问题类别', params: IdParams, body: CategoryPatch } }, (req) => updateCategory(ctx, actorOf(req), req.params.id, req.body));
  app.get('/config', { schema: { tags, summary: '信访期限与预警设置' } }, (req) => getConfig(ctx, actorOf(req)));
  app.put('/config', { schema: { tags, summary: '修改信访期限与预警设置', body: ConfigBody } }, (req) => putConfig(ctx, actorOf(req), req.body));
  app.get('/board', { schema: { tags, summary: '信访看板（预警）' } }, (req) => board(ctx, actorOf(req)));
  app.get('/stats', { schema: { tags, summary: '信访统计', querystring: StatsQuery } }, (req) => stats(ctx, actorOf(req), req.query));
  app.get('/stats/report.docx', { schema: { tags, summary: '月度信访情况报告（.docx）', querystring: ReportQuery } }, async (req, reply) => {
    const { buffer, filename } = await monthlyReportDocx(ctx, actorOf(req), req.query.month);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.get('/stats/report.xlsx', { schema: { tags, summary: '月度信访情况统计（.xlsx）', querystring: ReportQuery } }, async (req, reply) => {
    const { buffer, filename } = await monthlyReportXlsx(ctx, actorOf(req), req.query.month);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.get('/', { schema: { tags, summary: '信访事项列表', querystring: ListQuery } }, (req) => listPetitions(ctx, actorOf(req), req.query));
  app.get('/export.xlsx', { schema: { tags, summary: '导出信访事项（.xlsx，证件号和电话已隐去）', querystring: ExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const rows = [];
    for (let page = 1; rows.length < 10_000; page++) {
      const { items } = await listPetitions(ctx, actor, { ...req.query, page, pageSize: 100 });
      rows.push(...items);
      if (items.length < 100) break;
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信访事项');
    const header = ['编号', '收到日期', '渠道', '类别', '性质', '摘要', '信访人', '身份证号', '联系电话', '乡镇', '承办单位', '状态', '下一期限'];
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow([r.serial, r.receivedAt, r.channelLabel, r.categoryName, r.kindLabel, r.summary, r.petitionerName, r.petitionerIdMasked ?? '', r.petitionerPhoneMasked ?? '', r.townshipName, r.handlingUnitName ?? '', r.stateLabel, r.nextDeadline ? `${r.nextDeadline.label} ${r.nextDeadline.due}` : '']);
    ws.columns.forEach((c) => (c.width = 16));
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'petition.export', entityType: MODULE, entityId: 'list', detail: { filters: req.query, rows: rows.length } }));
    return reply.header('content-type', XLSX).header('content-disposition', attachment('信访事项.xlsx')).send(Buffer.from(await wb.xlsx.writeBuffer()));
  });
  app.post('/', { schema: { tags, summary: '信访登记', body: RegisterBody } }, (req) => registerPetition(ctx, actorOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: '信访事项详情', params: IdParams } }, (req) => getPetitionDetail(ctx, actorOf(req), req.params.id));
  app.patch('/:id', { schema: { tags, summary: '修改登记', params: IdParams, body: EditBody } }, (req) => editPetition(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/files', { schema: { tags, summary: '添加附件（先经 POST /api/files 上传）', params: IdParams, body: AttachFileBody } }, (req) => attachPetitionFile(ctx, actorOf(req), req.params.id, req.body));
  app.delete('/:id/files/:fileId', { schema: { tags, summary: '删除附件', params: FileParams } }, (req) => removePetitionFile(ctx, actorOf(req), req.params.id, req.params.fileId));
  app.post('/:id/reveal', { schema: { tags, summary: '查看完整证件号或电话（留痕）', params: IdParams, body: RevealBody } }, (req) => revealPii(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/matches/:matchId', { schema: { tags, summary: '疑似重复件：关联或排除', params: MatchParams, body: MatchBody } }, (req) => decideMatch(ctx, actorOf(req), req.params.id, req.params.matchId, req.body.decision));
  app.post('/:id/actions/:action', { schema: { tags, summary: '办理信访事项', params: ActionParams, body: ActionBody } }, (req) => actOnPetition(ctx, actorOf(req), req.params.id, req.params.action, req.body ?? {}));
  app.get('/:id/documents/:docId/docx', { schema: { tags, summary: '下载受理告知书、意见书', params: DocParams } }, async (req, reply) => {
    const { buffer, filename } = await documentDocx(ctx, actorOf(req), req.params.id, req.params.docId);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(filename)).send(buffer);
  });
};

/** No session: rate limited per address and size limited, and answers only about the case whose code is given. */
export const publicPetitionRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];
  const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 hour' } });
  app.get('/units', { schema: { tags, summary: '网上信访：乡镇' }, config: limit(120) }, () => publicUnits(ctx));
  app.get('/categories', { schema: { tags, summary: '网上信访：问题类别' }, config: limit(120) }, () => publicCategories(ctx));
  app.post('/', { schema: { tags, summary: '网上信访：提交', body: PublicSubmitBody }, config: limit(5), bodyLimit: 20 * 1024 }, (req) => publicSubmit(ctx, req.body));
  app.post('/query', { schema: { tags, summary: '网上信访：凭查询码查询', body: PublicQueryBody }, config: limit(30), bodyLimit: 1024 }, (req) => publicQuery(ctx, req.body.queryCode));
  app.post('/evaluate', { schema: { tags, summary: '网上信访：评价', body: PublicEvaluateBody }, config: limit(30), bodyLimit: 1024 }, (req) => publicEvaluate(ctx, req.body.queryCode, req.body.evaluation));
};

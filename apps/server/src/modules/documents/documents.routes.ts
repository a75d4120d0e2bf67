import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@zhongshu/core';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import {
  AttachFilesBody, CommentBody, CommentParams, CompareQuery, CreateIncomingBody, CreateOutgoingBody, DocumentActionBody, DocumentActionParams,
  ExportDocumentsQuery, IdParams, ListDocumentsQuery, NumbersQuery, SaveContentBody, VersionParams,
} from './documents.schemas.ts';
import {
  addComment, attachFiles, compareVersions, createOutgoing, downloadDocx, getDocumentDetail, getVersion, listDocuments, listIssuers, numberRegister,
  parseDocxUpload, printView, registerIncoming, resolveComment, saveContent,
} from './documents.service.ts';
import { actOnDocument } from './documents.actions.ts';
import { exportRegister } from './documents.export.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const documentRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  app.get('/', { schema: { tags, summary: '发文登记簿 / 收文登记簿', querystring: ListDocumentsQuery } }, (req) => listDocuments(ctx, actorOf(req), req.query));
  app.get('/export.xlsx', { schema: { tags, summary: '导出登记簿（.xlsx）', querystring: ExportDocumentsQuery } }, async (req, reply) => {
    const { buf, name } = await exportRegister(ctx, actorOf(req), req.query);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(name)).send(buf);
  });
  app.get('/issuers', { schema: { tags, summary: '可以拟稿的发文单位' } }, (req) => listIssuers(ctx, actorOf(req)));
  app.get('/numbers', { schema: { tags, summary: '发文字号登记（含作废和空号）', querystring: NumbersQuery } }, (req) => numberRegister(ctx, actorOf(req), req.query.issuerCode, req.query.year));
  app.post('/outgoing', { schema: { tags, summary: '拟稿：新建发文', body: CreateOutgoingBody } }, (req) => createOutgoing(ctx, actorOf(req), req.body));
  app.post('/incoming', { schema: { tags, summary: '收文登记（纸质或系统外来文）', body: CreateIncomingBody } }, (req) => registerIncoming(ctx, actorOf(req), req.body));
  app.post('/parse-docx', { schema: { tags, summary: '解析上传的 .docx 为公文结构（不保存）' } }, async (req) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 .docx 文件', 'file');
    const part = await req.file();
    if (!part) throw new AppError('VALIDATION_FAILED', '文件：请选择要上传的 .docx 文件', 'file');
    return parseDocxUpload(actor, await part.toBuffer());
  });
  app.get('/:id', { schema: { tags, summary: '公文详情（含流程记录）', params: IdParams } }, (req) => getDocumentDetail(ctx, actorOf(req), req.params.id));
  app.put('/:id/content', { schema: { tags, summary: '保存文稿（自动保存）', params: IdParams, body: SaveContentBody } }, (req) => saveContent(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/attachments', { schema: { tags, summary: '添加附件', params: IdParams, body: AttachFilesBody } }, (req) => attachFiles(ctx, actorOf(req), req.params.id, req.body.fileIds));
  app.get('/:id/versions/:no', { schema: { tags, summary: '某一稿的全文', params: VersionParams } }, (req) => getVersion(ctx, actorOf(req), req.params.id, req.params.no));
  app.get('/:id/compare', { schema: { tags, summary: '两稿对比', params: IdParams, querystring: CompareQuery } }, (req) => compareVersions(ctx, actorOf(req), req.params.id, req.query.from, req.query.to));
  app.post('/:id/comments', { schema: { tags, summary: '批注文稿', params: IdParams, body: CommentBody } }, (req) => addComment(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/comments/:commentId/resolve', { schema: { tags, summary: '批注已处理', params: CommentParams } }, (req) => resolveComment(ctx, actorOf(req), req.params.id, req.params.commentId));
  app.get('/:id/docx', { schema: { tags, summary: '下载 .docx（绝密公文不能下载）', params: IdParams } }, async (req, reply) => {
    const { buf, name } = await downloadDocx(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(name)).send(buf);
  });
  app.get('/:id/print', { schema: { tags, summary: '打印版式（HTML，绝密公文不能打印）', params: IdParams } }, async (req, reply) => {
    const html = await printView(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.post('/:id/actions/:action', { schema: { tags, summary: '办理：送核稿、核稿、会签、签发、编号、用印、印发、归档、签收、退文、拟办、批示、传阅、协办、催办、办结', params: DocumentActionParams, body: DocumentActionBody } }, (req) =>
    actOnDocument(ctx, actorOf(req), req.params.id, req.params.action, req.body ?? {}),
  );
};

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { AssignmentActionBody, AssignmentActionParams, CreateAssignmentBody, EscalateBody, ExportAssignmentsQuery, IdParams, ListAssignmentsQuery, NoticeParams } from './assignments.schemas.ts';
import { exportAssignments } from './assignments.export.ts';
import { actOnAssignment, createAssignment, escalateAssignment, getAssignmentDetail, listAssignments, noticeDocx } from './assignments.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const assignmentRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['assignments'];
  app.get('/', { schema: { tags, summary: '督查督办事项列表（含领导交办）', querystring: ListAssignmentsQuery } }, (req) => listAssignments(ctx, actorOf(req), req.query));
  app.get('/export.xlsx', { schema: { tags, summary: '导出督查事项清单（.xlsx）', querystring: ExportAssignmentsQuery } }, async (req, reply) => {
    const { buf, name } = await exportAssignments(ctx, actorOf(req), req.query);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(name)).send(buf);
  });
  app.post('/', { schema: { tags, summary: '督查事项立项（可同时交办）', body: CreateAssignmentBody } }, (req) => createAssignment(ctx, actorOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: '督查事项详情', params: IdParams } }, (req) => getAssignmentDetail(ctx, actorOf(req), req.params.id));
  app.post('/:id/actions/:action', { schema: { tags, summary: '办理督查事项（交办、签收、反馈、配合、延期、办结、审核、销号、退回、撤销）', params: AssignmentActionParams, body: AssignmentActionBody } }, (req) =>
    actOnAssignment(ctx, actorOf(req), req.params.id, req.params.action, req.body ?? {}),
  );
  app.post('/:id/escalate', { schema: { tags, summary: '催办：依次印发催办单、督办通知单', params: IdParams, body: EscalateBody } }, (req) => escalateAssignment(ctx, actorOf(req), req.params.id, req.body?.comment));
  app.get('/:id/notices/:noticeId/docx', { schema: { tags, summary: '下载督查文书（交办单、催办单、督办通知单）', params: NoticeParams } }, async (req, reply) => {
    const { buffer, filename } = await noticeDocx(ctx, actorOf(req), req.params.id, req.params.noticeId);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(filename)).send(buffer);
  });
};

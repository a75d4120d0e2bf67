import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { AssignmentActionBody, AssignmentActionParams, CreateAssignmentBody, IdParams, ListAssignmentsQuery } from './assignments.schemas.ts';
import { actOnAssignment, createAssignment, getAssignmentDetail, listAssignments } from './assignments.service.ts';

export const assignmentRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['assignments'];
  app.get('/', { schema: { tags, summary: '领导交办事项列表', querystring: ListAssignmentsQuery } }, (req) => listAssignments(ctx, actorOf(req), req.query));
  app.post('/', { schema: { tags, summary: '新建领导交办事项', body: CreateAssignmentBody } }, (req) => createAssignment(ctx, actorOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: '交办事项详情', params: IdParams } }, (req) => getAssignmentDetail(ctx, actorOf(req), req.params.id));
  app.post('/:id/actions/:action', { schema: { tags, summary: '办理交办事项（签收、报告进展、申请延期、审批延期、报告办结、确认、退回、撤销）', params: AssignmentActionParams, body: AssignmentActionBody } }, (req) =>
    actOnAssignment(ctx, actorOf(req), req.params.id, req.params.action, req.body ?? {}),
  );
};

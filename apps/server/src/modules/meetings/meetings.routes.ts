import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import {
  AttendeeParams, AttendeesBody, CalendarQuery, CancelBody, CollectionParams, CreateMeetingBody, DecideTopicBody, DecisionsBody, EmptyBody, IdParams, ListQuery, MaterialBody,
  MaterialParams, MinutesBody, RemindBody, ReplyBody, RoomBody, RoomPatch, SignInBody, SuperviseBody, TopicBody, TopicParams, TypeBody, TypePatch, UpdateMeetingBody,
} from './meetings.schemas.ts';
import {
  addRoom, addType, cancelMeeting, createMeeting, getMeetingDetail, listMeetings, listRooms, listTypes, markHeld, meetingCalendar, notifyMeeting, replaceAttendees, updateMeeting, updateRoom, updateType,
} from './meetings.service.ts';
import { decideTopic, myTopics, openForTopics, proposeTopic } from './meetings.topics.ts';
import { closeSignIn, openSignIn, remindPending, replyToMeeting, signInByClerk, signInWithCode } from './meetings.attendance.ts';
import { addMaterial, collectionSummary, deleteMaterial, openMaterial } from './meetings.materials.ts';
import { minutesDocx, minutesPrint, putDecisions, saveMinutes, superviseDecisions } from './meetings.minutes.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const meetingRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  app.get('/types', { schema: { tags, summary: '会议类型' } }, (req) => listTypes(ctx, actorOf(req)));
  app.post('/types', { schema: { tags, summary: '新增会议类型', body: TypeBody } }, (req) => addType(ctx, actorOf(req), req.body.name));
  app.put('/types/:id', { schema: { tags, summary: '修改或停用会议类型', params: IdParams, body: TypePatch } }, (req) => updateType(ctx, actorOf(req), req.params.id, req.body));
  app.get('/rooms', { schema: { tags, summary: '会议室' } }, (req) => listRooms(ctx, actorOf(req)));
  app.post('/rooms', { schema: { tags, summary: '新增会议室', body: RoomBody } }, (req) => addRoom(ctx, actorOf(req), req.body));
  app.put('/rooms/:id', { schema: { tags, summary: '修改或停用会议室', params: IdParams, body: RoomPatch } }, (req) => updateRoom(ctx, actorOf(req), req.params.id, req.body));
  app.get('/calendar', { schema: { tags, summary: '会议日历（领导参会与冲突）', querystring: CalendarQuery } }, (req) => meetingCalendar(ctx, actorOf(req), req.query));
  app.get('/open-for-topics', { schema: { tags, summary: '正在征集议题的会议' } }, (req) => openForTopics(ctx, actorOf(req)));
  app.get('/topics/mine', { schema: { tags, summary: '本单位申报的议题' } }, (req) => myTopics(ctx, actorOf(req)));
  app.get('/', { schema: { tags, summary: '会议列表', querystring: ListQuery } }, (req) => listMeetings(ctx, actorOf(req), req.query));
  app.post('/', { schema: { tags, summary: '新建会议（预订会议室）', body: CreateMeetingBody } }, (req) => createMeeting(ctx, actorOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: '会议详情', params: IdParams } }, (req) => getMeetingDetail(ctx, actorOf(req), req.params.id, { auditRead: true }));
  app.put('/:id', { schema: { tags, summary: '修改会议', params: IdParams, body: UpdateMeetingBody } }, (req) => updateMeeting(ctx, actorOf(req), req.params.id, req.body));
  app.put('/:id/attendees', { schema: { tags, summary: '调整参会人员', params: IdParams, body: AttendeesBody } }, (req) => replaceAttendees(ctx, actorOf(req), req.params.id, req.body.attendees));
  app.post('/:id/notify', { schema: { tags, summary: '发出会议通知（含回执）', params: IdParams, body: EmptyBody } }, (req) => notifyMeeting(ctx, actorOf(req), req.params.id));
  app.post('/:id/reply', { schema: { tags, summary: '报送回执', params: IdParams, body: ReplyBody } }, (req) => replyToMeeting(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/remind', { schema: { tags, summary: '催报回执', params: IdParams, body: RemindBody } }, (req) => remindPending(ctx, actorOf(req), req.params.id, req.body?.attendeeIds));
  app.post('/:id/sign-in/open', { schema: { tags, summary: '开始签到（生成签到码）', params: IdParams, body: EmptyBody } }, (req) => openSignIn(ctx, actorOf(req), req.params.id));
  app.post('/:id/sign-in/close', { schema: { tags, summary: '结束签到', params: IdParams, body: EmptyBody } }, (req) => closeSignIn(ctx, actorOf(req), req.params.id));
  app.post('/:id/sign-in', { schema: { tags, summary: '凭签到码签到', params: IdParams, body: SignInBody } }, (req) => signInWithCode(ctx, actorOf(req), req.params.id, req.body.code));
  app.post('/:id/attendees/:attendeeId/sign-in', { schema: { tags, summary: '代签到', params: AttendeeParams, body: EmptyBody } }, (req) => signInByClerk(ctx, actorOf(req), req.params.id, req.params.attendeeId, true));
  app.delete('/:id/attendees/:attendeeId/sign-in', { schema: { tags, summary: '撤销签到', params: AttendeeParams } }, (req) => signInByClerk(ctx, actorOf(req), req.params.id, req.params.attendeeId, false));
  app.post('/:id/held', { schema: { tags, summary: '会议已召开（结束签到、收回材料）', params: IdParams, body: EmptyBody } }, (req) => markHeld(ctx, actorOf(req), req.params.id));
  app.post('/:id/cancel', { schema: { tags, summary: '取消会议', params: IdParams, body: CancelBody } }, (req) => cancelMeeting(ctx, actorOf(req), req.params.id, req.body.reason));
  app.post('/:id/topics', { schema: { tags, summary: '申报议题', params: IdParams, body: TopicBody } }, (req) => proposeTopic(ctx, actorOf(req), req.params.id, req.body));
  app.post('/:id/topics/:topicId/decide', { schema: { tags, summary: '审定议题（通过或暂缓）', params: TopicParams, body: DecideTopicBody } }, (req) =>
    decideTopic(ctx, actorOf(req), req.params.id, req.params.topicId, req.body),
  );
  app.post('/:id/materials', { schema: { tags, summary: '添加会议材料', params: IdParams, body: MaterialBody } }, (req) => addMaterial(ctx, actorOf(req), req.params.id, req.body));
  app.delete('/:id/materials/:materialId', { schema: { tags, summary: '删除会议材料', params: MaterialParams } }, (req) => deleteMaterial(ctx, actorOf(req), req.params.id, req.params.materialId));
  app.get('/:id/materials/:materialId/download', { schema: { tags, summary: '下载会议材料（按分发范围和密级）', params: MaterialParams } }, async (req, reply) => {
    const file = await openMaterial(ctx, actorOf(req), req.params.id, req.params.materialId);
    return reply.header('content-type', file.mime).header('content-disposition', attachment(file.name)).header('content-length', String(file.size)).header('cache-control', 'no-store').send(file.stream);
  });
  app.get('/:id/collections/:collectionId/summary.xlsx', { schema: { tags, summary: '关联情况征集的汇总表（.xlsx）', params: CollectionParams } }, async (req, reply) => {
    const { buffer, filename } = await collectionSummary(ctx, actorOf(req), req.params.id, req.params.collectionId);
    return reply.header('content-type', XLSX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.put('/:id/minutes', { schema: { tags, summary: '保存会议纪要', params: IdParams, body: MinutesBody } }, (req) => saveMinutes(ctx, actorOf(req), req.params.id, req.body));
  app.get('/:id/minutes.docx', { schema: { tags, summary: '下载会议纪要（.docx）', params: IdParams } }, async (req, reply) => {
    const { buffer, filename } = await minutesDocx(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', DOCX).header('content-disposition', attachment(filename)).send(buffer);
  });
  app.get('/:id/minutes/print', { schema: { tags, summary: '会议纪要打印版式（HTML）', params: IdParams } }, async (req, reply) => {
    const html = await minutesPrint(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  app.put('/:id/decisions', { schema: { tags, summary: '保存议定事项', params: IdParams, body: DecisionsBody } }, (req) => putDecisions(ctx, actorOf(req), req.params.id, req.body.decisions));
  app.post('/:id/decisions/supervise', { schema: { tags, summary: '议定事项转为督查事项', params: IdParams, body: SuperviseBody } }, (req) => superviseDecisions(ctx, actorOf(req), req.params.id, req.body?.decisionIds));
};

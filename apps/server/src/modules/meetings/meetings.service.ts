/**
 * 办会: meeting types and rooms, the meeting itself (booking, attendees, notice, held, cancelled) and the
 * calendar of leaders' meetings. 回执 and 签到 are in meetings.attendance.ts, 议题 in meetings.topics.ts,
 * materials in meetings.materials.ts, the 纪要 and 议定事项 in meetings.minutes.ts.
 */
import { randomUUID } from 'node:crypto';
import { AppError, clearedLevels, isCleared } from '@zhongshu/core';
import { isValidDate } from '@zhongshu/core/calendar/index.ts';
import { conflictsAmong, leaderConflicts, roomConflicts, type Conflict, type Engagement } from '@zhongshu/core/meetings/index.ts';
import { inbox, meetings as repo, units, users, type Executor, type MeetingRow } from '@zhongshu/db';
import type { AttendeeRow, EngagementRow, NamedMeeting } from '@zhongshu/db/repositories/meetings.repository.ts';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { closeTodos, openTodos } from '../inbox/inbox.service.ts';
import { overseesAll } from '../assignments/assignments.service.ts';
import { collectionsOfMeeting } from '../collections/collections.meeting.ts';
import {
  bad, canSeeMaterial, audienceOf, isOffice, loadForOffice, loadMeeting, MODULE, notInState, recipientsOf, REPLY_LABELS, requireOffice, ROLE_LABELS, shanghaiTime, STATE_LABELS, TASKS,
  unitsOfReader, usersDoneWith, type MeetingAccess,
} from './meetings.access.ts';
import { cancelReplyReminder, scheduleReplyReminder } from './meetings.jobs.ts';
import { topicOut } from './meetings.topics.ts';
import type { AttendeeInput, CalendarQuery, CreateMeetingBody, ListQuery, RoomBody, RoomPatch, TypePatch, UpdateMeetingBody } from './meetings.schemas.ts';

const DAY_MS = 86_400_000;
const CALENDAR_MAX_DAYS = 62;
const iso = (s: string) => new Date(s).toISOString();
/** The instant a Shanghai day starts. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

// ── types and rooms ───────────────────────────────────────────────────────────

const typeOut = (t: Awaited<ReturnType<typeof repo.listTypes>>[number]) => ({ id: t.id, name: t.name, builtin: t.builtin === 1, disabled: t.disabled === 1, sortOrder: Number(t.sort_order) });
const roomOut = (r: Awaited<ReturnType<typeof repo.listRooms>>[number]) => ({ id: r.id, name: r.name, location: r.location, capacity: Number(r.capacity), disabled: r.disabled === 1 });

export async function listTypes(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  return { items: (await repo.listTypes(ctx.db)).map(typeOut) };
}

export async function addType(ctx: AppContext, actor: Actor, name: string) {
  requireOffice(actor);
  if (await repo.typeByName(ctx.db, name)) throw bad('name', `名称：会议类型“${name}”已存在`);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertType(tx, { id, name, builtin: 0, sort_order: (await repo.maxTypeSortOrder(tx)) + 1, disabled: 0 });
    await recordAudit(tx, ctx, actor, { action: 'meeting.type_add', entityType: 'meeting_type', entityId: id, detail: { name } });
  });
  return typeOut((await repo.getType(ctx.db, id))!);
}

export async function updateType(ctx: AppContext, actor: Actor, id: string, body: TypePatch) {
  requireOffice(actor);
  const t = await repo.getType(ctx.db, id);
  if (!t) throw new AppError('NOT_FOUND');
  if (body.name !== undefined && body.name !== t.name) {
    if (t.builtin) throw bad('name', `名称：“${t.name}”是内置会议类型，名称不能修改`);
    if (await repo.typeByName(ctx.db, body.name)) throw bad('name', `名称：会议类型“${body.name}”已存在`);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateType(tx, id, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}) });
    await recordAudit(tx, ctx, actor, { action: 'meeting.type_update', entityType: 'meeting_type', entityId: id, detail: body });
  });
  return typeOut((await repo.getType(ctx.db, id))!);
}

export async function listRooms(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  return { items: (await repo.listRooms(ctx.db)).map(roomOut) };
}

export async function addRoom(ctx: AppContext, actor: Actor, body: RoomBody) {
  requireOffice(actor);
  if (await repo.roomByName(ctx.db, body.name)) throw bad('name', `名称：会议室“${body.name}”已存在`);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertRoom(tx, { id, name: body.name, location: body.location || null, capacity: body.capacity ?? 0, disabled: 0 });
    await recordAudit(tx, ctx, actor, { action: 'meeting.room_add', entityType: 'meeting_room', entityId: id, detail: body });
  });
  return roomOut((await repo.getRoom(ctx.db, id))!);
}

export async function updateRoom(ctx: AppContext, actor: Actor, id: string, body: RoomPatch) {
  requireOffice(actor);
  const r = await repo.getRoom(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  if (body.name !== undefined && body.name !== r.name && (await repo.roomByName(ctx.db, body.name))) throw bad('name', `名称：会议室“${body.name}”已存在`);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRoom(tx, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.location !== undefined ? { location: body.location || null } : {}),
      ...(body.capacity !== undefined ? { capacity: body.capacity ?? 0 } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
    });
    await recordAudit(tx, ctx, actor, { action: 'meeting.room_update', entityType: 'meeting_room', entityId: id, detail: body });
  });
  return roomOut((await repo.getRoom(ctx.db, id))!);
}

// ── reading ───────────────────────────────────────────────────────────────────

type Counts = Awaited<ReturnType<typeof repo.countsOf>> extends Map<string, infer C> ? C : never;

function summaryOf(m: NamedMeeting, counts: Counts, myAttendeeIds: string[]) {
  return {
    id: m.id,
    typeId: m.type_id,
    typeName: m.type_name,
    title: m.title,
    state: m.state,
    stateLabel: STATE_LABELS[m.state] ?? m.state,
    classification: m.classification,
    roomId: m.room_id,
    roomName: m.room_name,
    location: m.location,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    hostId: m.host_id,
    hostName: m.host_name,
    replyDeadline: m.reply_deadline,
    counts,
    myAttendeeIds,
  };
}

export function materialOut(m: Awaited<ReturnType<typeof repo.materialsOf>>[number]) {
  return {
    id: m.id,
    title: m.title,
    fileName: m.file_name,
    size: Number(m.file_size),
    classification: m.classification,
    topicId: m.topic_id,
    audience: audienceOf(m),
    withdrawAfter: m.withdraw_after === 1,
    withdrawn: m.withdrawn_at !== null,
    createdAt: m.created_at,
  };
}

export function decisionOut(d: Awaited<ReturnType<typeof repo.decisionsOf>>[number]) {
  return {
    id: d.id,
    seq: Number(d.seq),
    content: d.content,
    leadUnitId: d.lead_unit_id,
    leadUnitName: d.lead_unit_name,
    cooperatingUnitIds: d.cooperating_unit_ids ? (JSON.parse(d.cooperating_unit_ids) as string[]) : [],
    leaderId: d.leader_id,
    leaderName: d.leader_name,
    deadline: d.deadline,
    assignmentId: d.assignment_id,
  };
}

/** The stored 纪要 draft; null when none was written. */
export function minutesOf(m: Pick<MeetingRow, 'minutes' | 'minutes_updated_at'>): { number: string; date: string; paragraphs: string[]; updatedAt: string } | null {
  if (!m.minutes) return null;
  const stored = JSON.parse(m.minutes) as { number: string; date: string; paragraphs: string[] };
  return { number: stored.number, date: stored.date, paragraphs: stored.paragraphs, updatedAt: m.minutes_updated_at ?? '' };
}

const toEngagement = (r: EngagementRow): Engagement => ({ userId: r.user_id, name: r.name, meetingId: r.meeting_id, title: r.title, state: r.state, reply: r.reply, startsAt: r.starts_at, endsAt: r.ends_at });

/**
 * The persons of a meeting (invited by name and not on leave, and the host) booked into other meetings at
 * the same time. Another meeting above the reader's clearance is named only as such.
 */
async function conflictsOf(db: Executor, actor: Actor, m: MeetingRow, attendees: readonly AttendeeRow[]): Promise<Conflict[]> {
  if (m.state === 'cancelled') return [];
  const people = [...new Set([...attendees.filter((a) => a.user_id && a.reply !== 'leave').map((a) => a.user_id!), ...(m.host_id ? [m.host_id] : [])])];
  const rows = await repo.engagementsBetween(db, m.starts_at, m.ends_at, people);
  const secret = new Set(rows.filter((r) => !isCleared(actor.clearance, r.classification)).map((r) => r.meeting_id));
  return leaderConflicts({ id: m.id, userIds: people, startsAt: m.starts_at, endsAt: m.ends_at }, rows.map(toEngagement)).map((c) => (secret.has(c.meetingId) ? { ...c, title: '（密级高于您权限的会议）' } : c));
}

/** The whole meeting as this reader may see it. */
async function buildDetail(ctx: AppContext, actor: Actor, access: MeetingAccess) {
  const db = ctx.db;
  const m = access.meeting;
  const [named, attendees, topics, materials, decisions, collections, counts] = await Promise.all([
    repo.getMeetingNamed(db, m.id),
    repo.attendeesNamed(db, m.id),
    repo.topicsOf(db, m.id),
    repo.materialsOf(db, m.id),
    repo.decisionsOf(db, m.id),
    collectionsOfMeeting(db, m.id),
    repo.countsOf(db, [m.id]),
  ]);
  const conflicts = access.office || access.overseer ? await conflictsOf(db, actor, m, access.attendees) : [];
  return {
    ...summaryOf(named!, counts.get(m.id)!, access.answerable.map((a) => a.id)),
    notice: m.notice,
    notifiedAt: m.notified_at,
    acceptsTopics: m.accepts_topics === 1,
    topicDeadline: m.topic_deadline,
    attendees: attendees.map((a) => ({
      id: a.id,
      kind: a.user_id ? ('person' as const) : ('unit' as const),
      userId: a.user_id,
      unitId: a.unit_id,
      name: (a.user_id ? a.person_name : a.unit_name) ?? '',
      unitName: a.unit_name,
      minutesName: (a.user_id ? a.person_name : a.unit_short_name || a.unit_name) ?? '',
      post: a.user_id ? a.person_post : null,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role] ?? a.role,
      reply: a.reply,
      replyLabel: REPLY_LABELS[a.reply] ?? a.reply,
      attendeeNames: a.attendee_names,
      leaveReason: a.leave_reason,
      repliedAt: a.replied_at,
      repliedByName: a.replied_by_name,
      signedInAt: a.signed_in_at,
      signInMethod: a.sign_in_method,
      remindedCount: Number(a.reminded_count),
      lastRemindedAt: a.last_reminded_at,
    })),
    topics: topics.filter((t) => access.office || t.state === 'approved').map(topicOut),
    materials: materials.filter((x) => canSeeMaterial(actor, access, x)).map(materialOut),
    decisions: decisions.map(decisionOut),
    minutes: minutesOf(m),
    collections,
    signInOpen: m.sign_in_open === 1,
    signInCode: access.office && m.sign_in_open === 1 ? m.sign_in_code : null,
    conflicts,
    canManage: access.office,
  };
}

export type MeetingDetail = Awaited<ReturnType<typeof buildDetail>>;

/** The meeting as the reader may see it; a read of a classified meeting is on the record. */
export async function getMeetingDetail(ctx: AppContext, actor: Actor, id: string, opts: { auditRead?: boolean } = {}): Promise<MeetingDetail> {
  const access = await loadMeeting(ctx.db, actor, id);
  if (access.meeting.classification !== 'none' && opts.auditRead) {
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'meeting.read_classified', entityType: MODULE, entityId: id, detail: { classification: access.meeting.classification } }));
  }
  return buildDetail(ctx, actor, access);
}

export async function listMeetings(ctx: AppContext, actor: Actor, q: ListQuery) {
  requireBusinessUser(actor);
  if (q.from && !isValidDate(q.from)) throw bad('from', '开始时间：不是有效的日期');
  if (q.to && !isValidDate(q.to)) throw bad('to', '结束时间：不是有效的日期');
  const levels = clearedLevels(actor.clearance);
  const { clerkUnits, unitIds } = await unitsOfReader(ctx.db, actor);
  const all = isOffice(actor) || (await overseesAll(ctx.db, actor));
  const scope = all ? { all: true as const, clearedLevels: levels } : { all: false as const, userId: actor.id, unitIds, clearedLevels: levels };
  const { items, total } = await repo.listMeetings(ctx.db, scope, { from: q.from ? dayStart(q.from) : undefined, to: q.to ? new Date(Date.parse(dayStart(q.to)) + DAY_MS).toISOString() : undefined, state: q.state, typeId: q.typeId, q: q.q }, q);
  const ids = items.map((m) => m.id);
  const [counts, mine] = await Promise.all([repo.countsOf(ctx.db, ids), repo.answerableRows(ctx.db, ids, actor.id, clerkUnits)]);
  return { items: items.map((m) => summaryOf(m, counts.get(m.id)!, mine.filter((r) => r.meeting_id === m.id).map((r) => r.id))), total };
}

// ── the meeting's own fields ──────────────────────────────────────────────────

type MeetingFields = Pick<MeetingRow, 'type_id' | 'title' | 'classification' | 'room_id' | 'location' | 'starts_at' | 'ends_at' | 'host_id' | 'notice' | 'reply_deadline' | 'accepts_topics' | 'topic_deadline'>;

/** Merges a create or update body into the current fields (undefined keeps, null clears) and checks them. */
async function prepareFields(db: Executor, actor: Actor, body: UpdateMeetingBody, current: MeetingFields | null): Promise<MeetingFields> {
  const pick = <T>(v: T | null | undefined, keep: T | null): T | null => (v === undefined ? keep : v);
  const f: MeetingFields = {
    type_id: body.typeId ?? current?.type_id ?? '',
    title: body.title ?? current?.title ?? '',
    classification: body.classification ?? current?.classification ?? 'none',
    room_id: pick(body.roomId, current?.room_id ?? null),
    location: pick(body.location, current?.location ?? null) || null,
    starts_at: body.startsAt ? iso(body.startsAt) : (current?.starts_at ?? ''),
    ends_at: body.endsAt ? iso(body.endsAt) : (current?.ends_at ?? ''),
    host_id: pick(body.hostId, current?.host_id ?? null),
    notice: pick(body.notice, current?.notice ?? null) || null,
    reply_deadline: body.replyDeadline ? iso(body.replyDeadline) : body.replyDeadline === null ? null : (current?.reply_deadline ?? null),
    accepts_topics: body.acceptsTopics === undefined ? (current?.accepts_topics ?? 0) : body.acceptsTopics ? 1 : 0,
    topic_deadline: body.topicDeadline ? iso(body.topicDeadline) : body.topicDeadline === null ? null : (current?.topic_deadline ?? null),
  };
  if (!current || f.type_id !== current.type_id) {
    const type = await repo.getType(db, f.type_id);
    if (!type) throw bad('typeId', '会议类型：不存在');
    if (type.disabled) throw bad('typeId', `会议类型：“${type.name}”已停用`);
  }
  if (!isCleared(actor.clearance, f.classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：不能高于您本人的密级权限', 'classification');
  if (f.room_id && (!current || f.room_id !== current.room_id)) {
    const room = await repo.getRoom(db, f.room_id);
    if (!room) throw bad('roomId', '会议室：不存在');
    if (room.disabled) throw bad('roomId', `会议室：“${room.name}”已停用`);
  }
  if (!f.room_id && !f.location) throw bad('roomId', '会议室：请选择会议室或填写会议地点');
  if (f.ends_at <= f.starts_at) throw bad('endsAt', '结束时间：应晚于开始时间');
  if (f.reply_deadline && f.reply_deadline > f.starts_at) throw bad('replyDeadline', '回执截止时间：不能晚于会议开始时间');
  if (f.topic_deadline && f.topic_deadline > f.starts_at) throw bad('topicDeadline', '议题申报截止时间：不能晚于会议开始时间');
  if (f.host_id && (!current || f.host_id !== current.host_id || f.classification !== current.classification)) {
    const host = await users.getUserById(db, f.host_id);
    if (!host || host.disabled || host.admin_role) throw bad('hostId', '主持人：人员不存在或已停用');
    if (!isCleared(host.clearance, f.classification)) throw bad('hostId', `主持人：${host.display_name}的密级权限低于会议密级`);
  }
  return f;
}

/**
 * A double booking is refused inside the transaction, after the room's row is locked, so two offices
 * booking the same room at once cannot both succeed.
 */
async function assertRoomFree(tx: Executor, f: MeetingFields, meetingId: string | null): Promise<void> {
  if (!f.room_id) return;
  const room = await repo.lockRoom(tx, f.room_id);
  if (!room) throw bad('roomId', '会议室：不存在');
  const others = await repo.bookingsOfRoom(tx, f.room_id, f.starts_at, f.ends_at, meetingId);
  const clash = roomConflicts({ id: meetingId, roomId: f.room_id, startsAt: f.starts_at, endsAt: f.ends_at }, others.map((o) => ({ id: o.id, roomId: o.room_id, state: o.state, startsAt: o.starts_at, endsAt: o.ends_at })));
  if (clash.length > 0) {
    const c = clash[0]!;
    throw new AppError('ROOM_BOOKED', `会议室：${room.name}在${shanghaiTime(c.startsAt)}至${shanghaiTime(c.endsAt)}已有会议，请换一个会议室或时段`, 'roomId');
  }
}

interface ResolvedAttendee {
  user_id: string | null;
  unit_id: string | null;
  role: string;
}
const keyOf = (a: { user_id: string | null; unit_id: string | null }) => (a.user_id ? `u:${a.user_id}` : `n:${a.unit_id}`);

/** The invitation list checked: each a person or a unit, listed once, existing, and (persons) cleared for the meeting. */
async function resolveAttendees(db: Executor, list: readonly AttendeeInput[], classification: string): Promise<ResolvedAttendee[]> {
  const userIds = list.map((a) => a.userId).filter((x): x is string => !!x);
  const unitIds = list.map((a) => a.unitId).filter((x): x is string => !!x);
  const [people, unitRows] = await Promise.all([users.getUsersByIds(db, [...new Set(userIds)]), units.getUnitsByIds(db, [...new Set(unitIds)])]);
  const seen = new Set<string>();
  return list.map((a, i) => {
    const n = i + 1;
    if ((a.userId ? 1 : 0) + (a.unitId ? 1 : 0) !== 1) throw bad(`attendees.${i}`, `参会人员第${n}项：请选择一名人员或一个单位`);
    let row: ResolvedAttendee;
    let name: string;
    if (a.userId) {
      const u = people.find((p) => p.id === a.userId);
      if (!u || u.disabled || u.admin_role) throw bad(`attendees.${i}.userId`, `参会人员第${n}项：人员不存在或已停用`);
      if (!isCleared(u.clearance, classification)) throw bad(`attendees.${i}.userId`, `参会人员第${n}项：${u.display_name}的密级权限低于会议密级`);
      row = { user_id: u.id, unit_id: u.unit_id, role: a.role };
      name = u.display_name;
    } else {
      const unit = unitRows.find((u) => u.id === a.unitId);
      if (!unit) throw bad(`attendees.${i}.unitId`, `参会人员第${n}项：单位不存在`);
      row = { user_id: null, unit_id: unit.id, role: a.role };
      name = unit.name;
    }
    if (seen.has(keyOf(row))) throw bad(`attendees.${i}`, `参会人员第${n}项：${name}已在名单中，不能重复邀请`);
    seen.add(keyOf(row));
    return row;
  });
}

const newAttendeeRow = (meetingId: string, a: ResolvedAttendee, seq: number): AttendeeRow => ({
  id: uuidv7(), meeting_id: meetingId, user_id: a.user_id, unit_id: a.unit_id, role: a.role, seq, reply: 'pending', attendee_names: null, leave_reason: null,
  replied_at: null, replied_by: null, signed_in_at: null, sign_in_method: null, signed_in_by: null, reminded_count: 0, last_reminded_at: null,
});

/** Invited units whose notice would reach no one (no active clerk cleared for the meeting). */
async function assertReachable(tx: Executor, m: Pick<MeetingRow, 'classification'>, rows: readonly AttendeeRow[]): Promise<Map<string, string[]>> {
  const recipients = await recipientsOf(tx, m, rows);
  const lost = rows.filter((r) => (recipients.get(r.id) ?? []).length === 0);
  if (lost.length > 0) {
    const names = (await units.getUnitsByIds(tx, lost.map((r) => r.unit_id!))).map((u) => u.name);
    throw bad('attendees', `参会人员：${names.join('、')}没有可以接收会议通知的工作人员${m.classification !== 'none' ? '（或其密级权限不足）' : ''}，请先在用户管理中添加`);
  }
  return recipients;
}

export async function createMeeting(ctx: AppContext, actor: Actor, body: CreateMeetingBody): Promise<MeetingDetail> {
  requireOffice(actor);
  if (!actor.unitId) throw new AppError('FORBIDDEN', '您没有所属单位，不能组织会议');
  const f = await prepareFields(ctx.db, actor, body, null);
  const attendees = await resolveAttendees(ctx.db, body.attendees ?? [], f.classification);
  const id = uuidv7();
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await assertRoomFree(tx, f, null);
    await repo.insertMeeting(tx, {
      id, ...f, state: 'planned', organiser_unit_id: actor.unitId!, notified_at: null, sign_in_code: null, sign_in_open: 0, minutes: null, minutes_updated_at: null,
      held_at: null, cancelled_reason: null, version: 1, created_by: actor.id, created_at: at, updated_at: at,
    });
    await repo.insertAttendees(tx, attendees.map((a, i) => newAttendeeRow(id, a, i + 1)));
    await recordAudit(tx, ctx, actor, { action: 'meeting.create', entityType: MODULE, entityId: id, detail: { title: f.title, startsAt: f.starts_at, endsAt: f.ends_at, roomId: f.room_id, attendees: attendees.length } });
  });
  return getMeetingDetail(ctx, actor, id);
}

/** Opens the 会议回执 to-dos of some rows (the notice reaching them). */
async function sendNotice(tx: Executor, ctx: AppContext, m: MeetingRow, recipients: Map<string, string[]>, rowIds: readonly string[]): Promise<void> {
  await openTodos(tx, ctx, { module: MODULE, entityId: m.id, task: TASKS.reply, title: m.title, urgency: 'normal', dueAt: m.reply_deadline }, rowIds.flatMap((id) => recipients.get(id) ?? []));
}

/**
 * Replaces the invitation list, keeping the 回执 and 签到 of those kept. After the notice, new attendees
 * receive it and those removed lose their to-dos. Runs inside the caller's transaction.
 */
async function replaceAttendeesIn(tx: Executor, ctx: AppContext, m: MeetingRow, current: readonly AttendeeRow[], list: readonly AttendeeInput[]): Promise<{ added: number; removed: number }> {
  const wanted = await resolveAttendees(tx, list, m.classification);
  const byKey = new Map(current.map((a) => [keyOf(a), a]));
  const wantedKeys = new Set(wanted.map(keyOf));
  const removed = current.filter((a) => !wantedKeys.has(keyOf(a)));
  const added: AttendeeRow[] = [];
  for (const [i, w] of wanted.entries()) {
    const kept = byKey.get(keyOf(w));
    if (kept) await repo.updateAttendee(tx, kept.id, { role: w.role, seq: i + 1 });
    else added.push(newAttendeeRow(m.id, w, i + 1));
  }
  const notified = m.state === 'notified' || m.state === 'in_progress';
  if (notified && removed.length) {
    const remaining = current.filter((a) => wantedKeys.has(keyOf(a)));
    const recipients = await recipientsOf(tx, m, current);
    const done = usersDoneWith(recipients, removed.map((r) => r.id), remaining.filter((a) => a.reply === 'pending').map((a) => a.id));
    await inbox.closeOpenTodosOfUsers(tx, MODULE, m.id, done, ctx.now().toISOString());
  }
  await repo.deleteAttendees(tx, removed.map((r) => r.id));
  await repo.insertAttendees(tx, added);
  if (notified && added.length) await sendNotice(tx, ctx, m, await assertReachable(tx, m, added), added.map((a) => a.id));
  return { added: added.length, removed: removed.length };
}

export async function updateMeeting(ctx: AppContext, actor: Actor, id: string, body: UpdateMeetingBody): Promise<MeetingDetail> {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (m.state !== 'planned' && m.state !== 'notified') throw notInState(m, '修改会议信息');
    const f = await prepareFields(tx, actor, body, m);
    if (m.state === 'notified') {
      if (!f.reply_deadline) throw bad('replyDeadline', '回执截止时间：会议通知已发出，不能取消回执截止时间');
      if (f.reply_deadline !== m.reply_deadline && f.reply_deadline <= ctx.now().toISOString()) throw bad('replyDeadline', '回执截止时间：应晚于现在');
    }
    if (f.classification !== m.classification && body.attendees === undefined) {
      // The persons already invited must be cleared for the new 密级.
      const people = await users.getUsersByIds(tx, attendees.filter((a) => a.user_id).map((a) => a.user_id!));
      const low = people.find((p) => !isCleared(p.clearance, f.classification));
      if (low) throw bad('classification', `密级：参会人员${low.display_name}的密级权限低于该密级`);
    }
    if (f.room_id !== m.room_id || f.starts_at !== m.starts_at || f.ends_at !== m.ends_at) await assertRoomFree(tx, f, m.id);
    const updated: MeetingRow = { ...m, ...f, updated_at: ctx.now().toISOString(), version: Number(m.version) + 1 };
    await repo.updateMeeting(tx, m.id, { ...f, updated_at: updated.updated_at, version: updated.version });
    if (body.attendees !== undefined) await replaceAttendeesIn(tx, ctx, updated, attendees, body.attendees);
    if (m.state === 'notified' && f.reply_deadline !== m.reply_deadline) {
      await inbox.setOpenTodosDue(tx, MODULE, m.id, f.reply_deadline, TASKS.reply);
      await inbox.setOpenTodosDue(tx, MODULE, m.id, f.reply_deadline, TASKS.remind);
      await scheduleReplyReminder(tx, ctx, updated);
    }
    const changed = Object.fromEntries(Object.entries(f).filter(([k, v]) => m[k as keyof MeetingFields] !== v));
    await recordAudit(tx, ctx, actor, { action: 'meeting.update', entityType: MODULE, entityId: m.id, detail: { changed, ...(body.attendees !== undefined ? { attendees: body.attendees.length } : {}) } });
  });
  return getMeetingDetail(ctx, actor, id);
}

export async function replaceAttendees(ctx: AppContext, actor: Actor, id: string, list: readonly AttendeeInput[]): Promise<MeetingDetail> {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (m.state === 'held' || m.state === 'cancelled') throw notInState(m, '调整参会人员');
    const { added, removed } = await replaceAttendeesIn(tx, ctx, m, attendees, list);
    await recordAudit(tx, ctx, actor, { action: 'meeting.attendees', entityType: MODULE, entityId: m.id, detail: { count: list.length, added, removed } });
  });
  return getMeetingDetail(ctx, actor, id);
}

// ── the meeting's course ──────────────────────────────────────────────────────

/** planned → notified: the notice with its 回执 reaches each invited person and each invited unit's clerks. */
export async function notifyMeeting(ctx: AppContext, actor: Actor, id: string): Promise<MeetingDetail> {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (m.state !== 'planned') throw notInState(m, '发出通知');
    const at = ctx.now().toISOString();
    if (!m.reply_deadline) throw bad('replyDeadline', '回执截止时间：发出通知前请先设置回执截止时间');
    if (m.reply_deadline <= at) throw bad('replyDeadline', '回执截止时间：已经过去，请改为以后的时间');
    if (attendees.length === 0) throw bad('attendees', '参会人员：请先添加参会人员');
    const recipients = await assertReachable(tx, m, attendees);
    const updated: MeetingRow = { ...m, state: 'notified', notified_at: at, updated_at: at };
    await repo.updateMeeting(tx, m.id, { state: 'notified', notified_at: at, updated_at: at });
    await sendNotice(tx, ctx, updated, recipients, attendees.map((a) => a.id));
    await scheduleReplyReminder(tx, ctx, updated);
    await recordAudit(tx, ctx, actor, { action: 'meeting.notify', entityType: MODULE, entityId: m.id, detail: { attendees: attendees.length, recipients: new Set([...recipients.values()].flat()).size, replyDeadline: m.reply_deadline } });
  });
  return getMeetingDetail(ctx, actor, id);
}

/** notified or in progress → held: sign-in closes, materials marked so are withdrawn, open 回执 to-dos close. */
export async function markHeld(ctx: AppContext, actor: Actor, id: string): Promise<MeetingDetail> {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state !== 'notified' && m.state !== 'in_progress') throw notInState(m, '标记为已召开');
    const at = ctx.now().toISOString();
    await repo.updateMeeting(tx, m.id, { state: 'held', held_at: at, sign_in_open: 0, sign_in_code: null, updated_at: at });
    const withdrawn = await repo.withdrawMaterials(tx, m.id, at);
    await cancelReplyReminder(tx, m.id);
    await closeTodos(tx, ctx, MODULE, m.id);
    await recordAudit(tx, ctx, actor, { action: 'meeting.held', entityType: MODULE, entityId: m.id, detail: { withdrawnMaterials: withdrawn } });
  });
  return getMeetingDetail(ctx, actor, id);
}

/** → cancelled: open to-dos close, and every invited party is told (a to-do 会议取消). */
export async function cancelMeeting(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<MeetingDetail> {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (m.state === 'held' || m.state === 'cancelled') throw notInState(m, '取消会议');
    const at = ctx.now().toISOString();
    await repo.updateMeeting(tx, m.id, { state: 'cancelled', cancelled_reason: reason, sign_in_open: 0, sign_in_code: null, updated_at: at });
    await cancelReplyReminder(tx, m.id);
    await closeTodos(tx, ctx, MODULE, m.id);
    const recipients = await recipientsOf(tx, m, attendees);
    await openTodos(tx, ctx, { module: MODULE, entityId: m.id, task: TASKS.cancelled, title: `${m.title}（已取消：${reason}）`.slice(0, 300), urgency: 'urgent', dueAt: null }, [...recipients.values()].flat());
    await recordAudit(tx, ctx, actor, { action: 'meeting.cancel', entityType: MODULE, entityId: m.id, detail: { reason, from: m.state } });
  });
  return getMeetingDetail(ctx, actor, id);
}

// ── calendar ──────────────────────────────────────────────────────────────────

/** The office's and the committee leaders' view of meetings and who is booked where, with double bookings. */
export async function meetingCalendar(ctx: AppContext, actor: Actor, q: CalendarQuery) {
  requireBusinessUser(actor);
  if (!isOffice(actor) && !(await overseesAll(ctx.db, actor))) throw new AppError('FORBIDDEN', '会议日历供党办工作人员和县委领导查看');
  if (!isValidDate(q.from)) throw bad('from', '开始时间：不是有效的日期');
  if (!isValidDate(q.to)) throw bad('to', '结束时间：不是有效的日期');
  if (q.to < q.from) throw bad('to', '结束时间：不能早于开始时间');
  const from = dayStart(q.from);
  const to = new Date(Date.parse(dayStart(q.to)) + DAY_MS).toISOString();
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > CALENDAR_MAX_DAYS) throw bad('to', `结束时间：一次最多查看${CALENDAR_MAX_DAYS}天`);
  const [list, rows] = await Promise.all([repo.calendarMeetings(ctx.db, from, to, clearedLevels(actor.clearance)), repo.engagementsBetween(ctx.db, from, to)]);
  const shown = new Set(list.map((m) => m.id));
  const engaged = rows.filter((r) => shown.has(r.meeting_id));
  const leaders = new Map<string, { userId: string; name: string; post: string | null; entries: { meetingId: string; role: string; reply: string }[] }>();
  for (const r of engaged) {
    const l = leaders.get(r.user_id) ?? { userId: r.user_id, name: r.name, post: r.post, entries: [] };
    leaders.set(r.user_id, l);
    // The host presides: one entry per meeting, as attending.
    const entry = { meetingId: r.meeting_id, role: r.role === 'host' ? 'attend' : r.role, reply: r.role === 'host' ? 'attending' : (r.reply ?? 'pending') };
    const i = l.entries.findIndex((e) => e.meetingId === r.meeting_id);
    if (i < 0) l.entries.push(entry);
    else if (r.role === 'host') l.entries[i] = entry;
  }
  return {
    meetings: list.map((m) => ({ id: m.id, title: m.title, typeName: m.type_name, state: m.state, startsAt: m.starts_at, endsAt: m.ends_at, roomName: m.room_name, location: m.location })),
    leaders: [...leaders.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    conflicts: conflictsAmong(engaged.map(toEngagement)),
  };
}

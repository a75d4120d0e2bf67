/**
 * 办会: meeting types and rooms, meetings with their attendees (回执, 签到), 议题, materials and 议定事项.
 * Instants are stored as `Date.toISOString()` text, so comparing them as text compares them as times.
 */
import type { Executor } from '../database.ts';
import type { MeetingAttendeeTable, MeetingDecisionTable, MeetingMaterialTable, MeetingRoomTable, MeetingTable, MeetingTopicTable, MeetingTypeTable } from '../schema.ts';
import { containsText, inChunks, isPostgres, offsetOf, type Page } from './helpers.ts';

// ── types and rooms ───────────────────────────────────────────────────────────

export function listTypes(db: Executor) {
  return db.selectFrom('meeting_types').selectAll().orderBy('sort_order').orderBy('name').execute();
}
export function getType(db: Executor, id: string) {
  return db.selectFrom('meeting_types').selectAll().where('id', '=', id).executeTakeFirst();
}
export function typeByName(db: Executor, name: string) {
  return db.selectFrom('meeting_types').selectAll().where('name', '=', name).executeTakeFirst();
}
export async function insertType(db: Executor, row: MeetingTypeTable): Promise<void> {
  await db.insertInto('meeting_types').values(row).execute();
}
export async function updateType(db: Executor, id: string, patch: Partial<Omit<MeetingTypeTable, 'id'>>): Promise<void> {
  await db.updateTable('meeting_types').set(patch).where('id', '=', id).execute();
}
export async function maxTypeSortOrder(db: Executor): Promise<number> {
  const r = await db.selectFrom('meeting_types').select((eb) => eb.fn.max<number>('sort_order').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function listRooms(db: Executor) {
  return db.selectFrom('meeting_rooms').selectAll().orderBy('name').execute();
}
export function getRoom(db: Executor, id: string) {
  return db.selectFrom('meeting_rooms').selectAll().where('id', '=', id).executeTakeFirst();
}
/** The room, locked until the transaction ends (PostgreSQL), so two bookings of one room are checked one after the other. */
export function lockRoom(db: Executor, id: string) {
  const q = db.selectFrom('meeting_rooms').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}
export function roomByName(db: Executor, name: string) {
  return db.selectFrom('meeting_rooms').selectAll().where('name', '=', name).executeTakeFirst();
}
export async function insertRoom(db: Executor, row: MeetingRoomTable): Promise<void> {
  await db.insertInto('meeting_rooms').values(row).execute();
}
export async function updateRoom(db: Executor, id: string, patch: Partial<Omit<MeetingRoomTable, 'id'>>): Promise<void> {
  await db.updateTable('meeting_rooms').set(patch).where('id', '=', id).execute();
}

// ── meetings ──────────────────────────────────────────────────────────────────

export async function insertMeeting(db: Executor, row: MeetingTable): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}
export async function updateMeeting(db: Executor, id: string, patch: Partial<Omit<MeetingTable, 'id'>>): Promise<void> {
  await db.updateTable('meetings').set(patch).where('id', '=', id).execute();
}
export function getMeeting(db: Executor, id: string) {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}
/** The row, locked until the transaction ends (PostgreSQL; SQLite transactions already run one at a time). */
export function lockMeeting(db: Executor, id: string) {
  const q = db.selectFrom('meetings').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

const withNames = (db: Executor) =>
  db
    .selectFrom('meetings')
    .innerJoin('meeting_types', 'meeting_types.id', 'meetings.type_id')
    .leftJoin('meeting_rooms', 'meeting_rooms.id', 'meetings.room_id')
    .leftJoin('users as host', 'host.id', 'meetings.host_id')
    .selectAll('meetings')
    .select(['meeting_types.name as type_name', 'meeting_rooms.name as room_name', 'host.display_name as host_name']);

/** A meeting with its type, room and host named. */
export function getMeetingNamed(db: Executor, id: string) {
  return withNames(db).where('meetings.id', '=', id).executeTakeFirst();
}
export type NamedMeeting = NonNullable<Awaited<ReturnType<typeof getMeetingNamed>>>;

/**
 * Non-cancelled meetings in a room whose time overlaps [startsAt, endsAt) — touching ends do not —
 * other than `excludeId`.
 */
export function bookingsOfRoom(db: Executor, roomId: string, startsAt: string, endsAt: string, excludeId: string | null) {
  let q = db
    .selectFrom('meetings')
    .select(['id', 'room_id', 'state', 'starts_at', 'ends_at', 'title'])
    .where('room_id', '=', roomId)
    .where('state', '!=', 'cancelled')
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', startsAt);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return q.orderBy('starts_at').execute();
}

export interface EngagementRow {
  user_id: string;
  name: string;
  post: string | null;
  meeting_id: string;
  title: string;
  classification: string;
  starts_at: string;
  ends_at: string;
  state: string;
  /** attend | observe, or host */
  role: string;
  reply: string | null;
}

/**
 * Persons' parts in non-cancelled meetings overlapping [from, to): invited by name, or hosting.
 * Only those of `userIds` when given.
 */
export async function engagementsBetween(db: Executor, from: string, to: string, userIds?: readonly string[]): Promise<EngagementRow[]> {
  if (userIds && userIds.length === 0) return [];
  let invited = db
    .selectFrom('meeting_attendees')
    .innerJoin('meetings', 'meetings.id', 'meeting_attendees.meeting_id')
    .innerJoin('users', 'users.id', 'meeting_attendees.user_id')
    .select([
      'users.id as user_id', 'users.display_name as name', 'users.post', 'meetings.id as meeting_id', 'meetings.title', 'meetings.classification',
      'meetings.starts_at', 'meetings.ends_at', 'meetings.state', 'meeting_attendees.role', 'meeting_attendees.reply',
    ])
    .where('meetings.state', '!=', 'cancelled')
    .where('meetings.starts_at', '<', to)
    .where('meetings.ends_at', '>', from);
  let hosting = db
    .selectFrom('meetings')
    .innerJoin('users', 'users.id', 'meetings.host_id')
    .select([
      'users.id as user_id', 'users.display_name as name', 'users.post', 'meetings.id as meeting_id', 'meetings.title', 'meetings.classification',
      'meetings.starts_at', 'meetings.ends_at', 'meetings.state',
    ])
    .where('meetings.state', '!=', 'cancelled')
    .where('meetings.starts_at', '<', to)
    .where('meetings.ends_at', '>', from);
  if (userIds) {
    invited = invited.where('meeting_attendees.user_id', 'in', userIds);
    hosting = hosting.where('meetings.host_id', 'in', userIds);
  }
  const [a, h] = await Promise.all([invited.execute(), hosting.execute()]);
  return [...h.map((r) => ({ ...r, role: 'host', reply: null })), ...a].sort((x, y) => x.starts_at.localeCompare(y.starts_at) || x.meeting_id.localeCompare(y.meeting_id));
}

/** Whose meetings a reader sees: every one (office, committee leaders) or those they take part in; always within clearance. */
export type MeetingScope = { all: true; clearedLevels: string[] } | { all: false; userId: string; unitIds: string[]; clearedLevels: string[] };

export interface MeetingFilter {
  /** ISO instants: meetings ending after `from` and starting before `to`. */
  from?: string;
  to?: string;
  state?: string;
  typeId?: string;
  q?: string;
}

export async function listMeetings(db: Executor, scope: MeetingScope, f: MeetingFilter, page: Page) {
  let q = withNames(db).where('meetings.classification', 'in', scope.clearedLevels);
  if (!scope.all) {
    const { userId, unitIds } = scope;
    q = q.where((eb) =>
      eb.or([
        eb('meetings.host_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('meeting_attendees')
            .select('meeting_attendees.id')
            .whereRef('meeting_attendees.meeting_id', '=', 'meetings.id')
            .where((w) => w.or([w('meeting_attendees.user_id', '=', userId), ...(unitIds.length ? [w.and([w('meeting_attendees.user_id', 'is', null), w('meeting_attendees.unit_id', 'in', unitIds)])] : [])])),
        ),
      ]),
    );
  }
  if (f.from) q = q.where('meetings.ends_at', '>', f.from);
  if (f.to) q = q.where('meetings.starts_at', '<', f.to);
  if (f.state) q = q.where('meetings.state', '=', f.state);
  if (f.typeId) q = q.where('meetings.type_id', '=', f.typeId);
  if (f.q) q = q.where(containsText('meetings.title', f.q));
  const [items, total] = await Promise.all([
    q.orderBy('meetings.starts_at').orderBy('meetings.id').limit(page.pageSize).offset(offsetOf(page)).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Non-cancelled meetings overlapping [from, to) within clearance, soonest first (the calendar). */
export function calendarMeetings(db: Executor, from: string, to: string, clearedLevels: string[]) {
  return withNames(db)
    .where('meetings.state', '!=', 'cancelled')
    .where('meetings.classification', 'in', clearedLevels)
    .where('meetings.starts_at', '<', to)
    .where('meetings.ends_at', '>', from)
    .orderBy('meetings.starts_at')
    .orderBy('meetings.id')
    .execute();
}

export interface AttendanceCounts {
  invited: number;
  replied: number;
  pending: number;
  attending: number;
  leave: number;
  signedIn: number;
}

/** 回执 and 签到 counts per meeting, in one grouped pass. */
export async function countsOf(db: Executor, meetingIds: readonly string[]): Promise<Map<string, AttendanceCounts>> {
  const out = new Map<string, AttendanceCounts>(meetingIds.map((id) => [id, { invited: 0, replied: 0, pending: 0, attending: 0, leave: 0, signedIn: 0 }]));
  if (!meetingIds.length) return out;
  const rows = await db
    .selectFrom('meeting_attendees')
    .select((eb) => [
      'meeting_id',
      eb.fn.countAll<number>().as('invited'),
      eb.fn.sum<number>(eb.case().when('reply', '=', 'pending').then(1).else(0).end()).as('pending'),
      eb.fn.sum<number>(eb.case().when('reply', '=', 'attending').then(1).else(0).end()).as('attending'),
      eb.fn.sum<number>(eb.case().when('reply', '=', 'leave').then(1).else(0).end()).as('leave'),
      eb.fn.sum<number>(eb.case().when('signed_in_at', 'is not', null).then(1).else(0).end()).as('signed_in'),
    ])
    .where('meeting_id', 'in', meetingIds)
    .groupBy('meeting_id')
    .execute();
  for (const r of rows) {
    const pending = Number(r.pending ?? 0);
    out.set(r.meeting_id, { invited: Number(r.invited), replied: Number(r.invited) - pending, pending, attending: Number(r.attending ?? 0), leave: Number(r.leave ?? 0), signedIn: Number(r.signed_in ?? 0) });
  }
  return out;
}

// ── attendees ─────────────────────────────────────────────────────────────────

export async function insertAttendees(db: Executor, rows: MeetingAttendeeTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('meeting_attendees').values(chunk).execute());
}
export async function updateAttendee(db: Executor, id: string, patch: Partial<Omit<MeetingAttendeeTable, 'id' | 'meeting_id'>>): Promise<void> {
  await db.updateTable('meeting_attendees').set(patch).where('id', '=', id).execute();
}
export async function deleteAttendees(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('meeting_attendees').where('id', 'in', ids).execute();
}
/** The invitation list as stored, in order. */
export function attendeeRows(db: Executor, meetingId: string) {
  return db.selectFrom('meeting_attendees').selectAll().where('meeting_id', '=', meetingId).orderBy('seq').orderBy('id').execute();
}
export type AttendeeRow = Awaited<ReturnType<typeof attendeeRows>>[number];

/** The invitation list with names: the person (post, unit) or the unit, and who recorded the 回执. */
export function attendeesNamed(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_attendees')
    .leftJoin('users as person', 'person.id', 'meeting_attendees.user_id')
    .leftJoin('units as unit', 'unit.id', 'meeting_attendees.unit_id')
    .leftJoin('users as replier', 'replier.id', 'meeting_attendees.replied_by')
    .selectAll('meeting_attendees')
    .select(['person.display_name as person_name', 'person.post as person_post', 'unit.name as unit_name', 'unit.short_name as unit_short_name', 'replier.display_name as replied_by_name'])
    .where('meeting_attendees.meeting_id', '=', meetingId)
    .orderBy('meeting_attendees.seq')
    .orderBy('meeting_attendees.id')
    .execute();
}
export type NamedAttendee = Awaited<ReturnType<typeof attendeesNamed>>[number];

/** The rows of some meetings a reader answers for: invited by name, or as a unit whose clerk they are. */
export function answerableRows(db: Executor, meetingIds: readonly string[], userId: string, clerkUnitIds: readonly string[]) {
  if (!meetingIds.length) return Promise.resolve([] as { id: string; meeting_id: string }[]);
  return db
    .selectFrom('meeting_attendees')
    .select(['id', 'meeting_id'])
    .where('meeting_id', 'in', meetingIds)
    .where((w) => w.or([w('user_id', '=', userId), ...(clerkUnitIds.length ? [w.and([w('user_id', 'is', null), w('unit_id', 'in', clerkUnitIds)])] : [])]))
    .orderBy('seq')
    .execute();
}

// ── topics ────────────────────────────────────────────────────────────────────

const topicsNamed = (db: Executor) =>
  db.selectFrom('meeting_topics').innerJoin('units', 'units.id', 'meeting_topics.proposer_unit_id').selectAll('meeting_topics').select('units.name as proposer_unit_name');

export async function insertTopic(db: Executor, row: MeetingTopicTable): Promise<void> {
  await db.insertInto('meeting_topics').values(row).execute();
}
export async function updateTopic(db: Executor, id: string, patch: Partial<Omit<MeetingTopicTable, 'id' | 'meeting_id'>>): Promise<void> {
  await db.updateTable('meeting_topics').set(patch).where('id', '=', id).execute();
}
export function topicsOf(db: Executor, meetingId: string) {
  return topicsNamed(db).where('meeting_topics.meeting_id', '=', meetingId).orderBy('meeting_topics.seq').execute();
}
export function getTopic(db: Executor, meetingId: string, id: string) {
  return topicsNamed(db).where('meeting_topics.meeting_id', '=', meetingId).where('meeting_topics.id', '=', id).executeTakeFirst();
}
export type NamedTopic = NonNullable<Awaited<ReturnType<typeof getTopic>>>;
export async function nextTopicSeq(db: Executor, meetingId: string): Promise<number> {
  const r = await db.selectFrom('meeting_topics').select((eb) => eb.fn.max<number>('seq').as('n')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}
/** Topics proposed by some units, with their meeting, newest meeting first. */
export function topicsOfUnits(db: Executor, unitIds: readonly string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return topicsNamed(db)
    .innerJoin('meetings', 'meetings.id', 'meeting_topics.meeting_id')
    .select(['meetings.title as meeting_title', 'meetings.starts_at as meeting_starts_at'])
    .where('meeting_topics.proposer_unit_id', 'in', unitIds)
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('meeting_topics.seq')
    .limit(500)
    .execute();
}
/** Meetings taking 议题 now: not yet held, accepting, before their topic deadline, within clearance. */
export function meetingsOpenForTopics(db: Executor, now: string, clearedLevels: string[]) {
  return db
    .selectFrom('meetings')
    .innerJoin('meeting_types', 'meeting_types.id', 'meetings.type_id')
    .select(['meetings.id', 'meetings.title', 'meeting_types.name as type_name', 'meetings.starts_at', 'meetings.topic_deadline'])
    .where('meetings.accepts_topics', '=', 1)
    .where('meetings.state', 'in', ['planned', 'notified'])
    .where('meetings.classification', 'in', clearedLevels)
    .where((eb) => eb.or([eb('meetings.topic_deadline', 'is', null), eb('meetings.topic_deadline', '>', now)]))
    .where('meetings.starts_at', '>', now)
    .orderBy('meetings.starts_at')
    .limit(200)
    .execute();
}

// ── materials ─────────────────────────────────────────────────────────────────

const materialsNamed = (db: Executor) =>
  db
    .selectFrom('meeting_materials')
    .innerJoin('files', 'files.id', 'meeting_materials.file_id')
    .selectAll('meeting_materials')
    .select(['files.name as file_name', 'files.size as file_size', 'files.mime as file_mime', 'files.storage_key']);

export async function insertMaterial(db: Executor, row: MeetingMaterialTable): Promise<void> {
  await db.insertInto('meeting_materials').values(row).execute();
}
export function materialsOf(db: Executor, meetingId: string) {
  return materialsNamed(db).where('meeting_materials.meeting_id', '=', meetingId).orderBy('meeting_materials.created_at').orderBy('meeting_materials.id').execute();
}
export function getMaterial(db: Executor, meetingId: string, id: string) {
  return materialsNamed(db).where('meeting_materials.meeting_id', '=', meetingId).where('meeting_materials.id', '=', id).executeTakeFirst();
}
export type NamedMaterial = NonNullable<Awaited<ReturnType<typeof getMaterial>>>;
export async function deleteMaterial(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('meeting_materials').where('id', '=', id).execute();
}
/** Withdraws (收回) the materials marked so once the meeting is over; returns how many. */
export async function withdrawMaterials(db: Executor, meetingId: string, at: string): Promise<number> {
  const r = await db.updateTable('meeting_materials').set({ withdrawn_at: at }).where('meeting_id', '=', meetingId).where('withdraw_after', '=', 1).where('withdrawn_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── decisions ─────────────────────────────────────────────────────────────────

export function decisionsOf(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_decisions')
    .leftJoin('units', 'units.id', 'meeting_decisions.lead_unit_id')
    .leftJoin('users', 'users.id', 'meeting_decisions.leader_id')
    .selectAll('meeting_decisions')
    .select(['units.name as lead_unit_name', 'users.display_name as leader_name'])
    .where('meeting_decisions.meeting_id', '=', meetingId)
    .orderBy('meeting_decisions.seq')
    .execute();
}
export type NamedDecision = Awaited<ReturnType<typeof decisionsOf>>[number];
export async function insertDecisions(db: Executor, rows: MeetingDecisionTable[]): Promise<void> {
  await inChunks(rows, (chunk) => db.insertInto('meeting_decisions').values(chunk).execute());
}
export async function updateDecision(db: Executor, id: string, patch: Partial<Omit<MeetingDecisionTable, 'id' | 'meeting_id'>>): Promise<void> {
  await db.updateTable('meeting_decisions').set(patch).where('id', '=', id).execute();
}
export async function deleteDecisions(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('meeting_decisions').where('id', 'in', ids).execute();
}

// ── inbox ─────────────────────────────────────────────────────────────────────

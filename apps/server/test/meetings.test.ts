/**
 * 办会 end to end (docs/API.md "Meetings (办会)"): rooms booked without double bookings, leaders warned of
 * clashes, the notice with its 回执 and the reminder before the deadline, sign-in by code and by the clerk,
 * materials per attendee and 密级 and withdrawn after the meeting, 议题 from units, the 纪要 rendered by the
 * 公文 engine, and 议定事项 made supervision items. Every test builds its own county on a fresh database.
 *
 * The clock stands at Monday 2026-11-23 09:00 in Shanghai; meetings are on Wednesday 2026-11-25, replies due
 * Tuesday 17:00.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { parseDocx } from '@zhongshu/core/gongwen/index.ts';
import { Scheduler } from '../src/jobs/scheduler.ts';
import { countRows, createTestEnv, DIALECT, login, makeUnit, makeUser, multipart, ok, refused, request, type Res, type Session, type TestEnv } from './helpers.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** An instant in Shanghai. */
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const utc = (date: string, hhmm: string) => new Date(at(date, hhmm)).toISOString();
const DAY = '2026-11-25';
const REPLY_BY = at('2026-11-24', '17:00');
const when = (from: string, to: string, day = DAY) => ({ startsAt: at(day, from), endsAt: at(day, to) });

/** 县委 with its 办公室, two departments and two townships; clerks, leaders, a member who is no clerk, and a 三员. */
async function seedMeetingCounty(env: TestEnv) {
  const committee = await makeUnit(env, '县委', 'committee');
  const office = await makeUnit(env, '县委办公室', 'office', committee);
  const drc = await makeUnit(env, '县发改局', 'department', committee);
  const finance = await makeUnit(env, '县财政局', 'department', committee);
  const township = await makeUnit(env, '城关镇', 'township', committee);
  const hexi = await makeUnit(env, '河西镇', 'township', committee);
  const u = {
    office1: await makeUser(env, 'office1', { unitId: office, roles: ['office'], clearance: 'secret' }),
    leader1: await makeUser(env, 'leader1', { unitId: committee, roles: ['leader'], clearance: 'confidential' }),
    leader2: await makeUser(env, 'leader2', { unitId: committee, roles: ['leader'], clearance: 'none' }),
    drc1: await makeUser(env, 'drc1', { unitId: drc, roles: ['unit'], clearance: 'none' }),
    drc2: await makeUser(env, 'drc2', { unitId: drc, roles: ['unit'], clearance: 'secret' }),
    drchead: await makeUser(env, 'drchead', { unitId: drc, roles: ['leader'], clearance: 'secret' }),
    fin1: await makeUser(env, 'fin1', { unitId: finance, roles: ['unit'], clearance: 'secret' }),
    town1: await makeUser(env, 'town1', { unitId: township, roles: ['unit'] }),
    townhead: await makeUser(env, 'townhead', { unitId: township, roles: ['leader'], clearance: 'secret' }),
    hexi1: await makeUser(env, 'hexi1', { unitId: hexi, roles: ['unit'] }),
    sysadmin: await makeUser(env, 'sysadmin', { adminRole: 'system' }),
  };
  return { committee, office, drc, finance, township, hexi, ...u };
}

type County = Awaited<ReturnType<typeof seedMeetingCounty>>;
const USERNAMES = ['office1', 'leader1', 'leader2', 'drc1', 'drc2', 'drchead', 'fin1', 'town1', 'townhead', 'hexi1', 'sysadmin'] as const;
type Username = (typeof USERNAMES)[number];

interface World {
  env: TestEnv;
  c: County;
  s: Record<Username, Session>;
  room1: string;
  room2: string;
  /** A meeting in 第一会议室 on Wednesday 09:00–11:00 hosted by leader1, replies due Tuesday 17:00; `body` overrides. */
  create(body?: Record<string, unknown>): Promise<any>;
  tryCreate(body?: Record<string, unknown>): Promise<Res>;
  call(who: Username, method: string, url: string, body?: unknown): Promise<Res>;
  detail(who: Username, id: string): Promise<any>;
  /** The attendee row of a person or unit in a meeting, as the office sees it. */
  row(id: string, userOrUnitId: string): Promise<any>;
  /** Open to-dos of the module for a meeting: [username, task, dueAt] sorted. */
  todos(id: string, state?: 'open' | 'done'): Promise<[string, string, string | null][]>;
  count(table: 'meetings' | 'assignments' | 'meeting_materials'): Promise<number>;
  upload(who: Username, content: string, name: string): Promise<string>;
}

async function world(fn: (w: World) => Promise<void>): Promise<void> {
  const env = await createTestEnv({ now: utc('2026-11-23', '09:00'), idleMinutes: 10_000_000 });
  try {
    const c = await seedMeetingCounty(env);
    const sessions = await Promise.all(USERNAMES.map((u) => login(env, u)));
    const s = Object.fromEntries(USERNAMES.map((u, i) => [u, sessions[i]!])) as Record<Username, Session>;
    const names = new Map(USERNAMES.map((u) => [c[u], u]));
    const call = (who: Username, method: string, url: string, body?: unknown) => request(env, method, url, { session: s[who], ...(body !== undefined ? { body } : {}) });
    const room = async (name: string) => (await ok(call('office1', 'POST', '/api/meetings/rooms', { name, location: '县委大院', capacity: 40 }))).id as string;
    const room1 = await room('第一会议室');
    const room2 = await room('第二会议室');
    const base = () => ({ typeId: 'mt-3', title: '会议甲', roomId: room1, ...when('09:00', '11:00'), hostId: c.leader1, replyDeadline: REPLY_BY });
    const w: World = {
      env, c, s, room1, room2, call,
      tryCreate: (body = {}) => call('office1', 'POST', '/api/meetings', { ...base(), ...body }),
      create: async (body = {}) => ok(w.tryCreate(body)),
      detail: (who, id) => ok(call(who, 'GET', `/api/meetings/${id}`)),
      async row(id, userOrUnitId) {
        const d = await w.detail('office1', id);
        return d.attendees.find((a: any) => a.userId === userOrUnitId || (a.kind === 'unit' && a.unitId === userOrUnitId));
      },
      async todos(id, state = 'open') {
        const rows = await env.ctx.db.selectFrom('inbox_items').select(['user_id', 'task', 'due_at']).where('module', '=', 'meeting').where('entity_id', '=', id).where('box', '=', 'todo').where('state', '=', state).execute();
        return rows.map((r): [string, string, string | null] => [names.get(r.user_id) ?? r.user_id, r.task, r.due_at]).sort((a, b) => (`${a[0]} ${a[1]}` < `${b[0]} ${b[1]}` ? -1 : `${a[0]} ${a[1]}` > `${b[0]} ${b[1]}` ? 1 : 0));
      },
      count: (table) => countRows(env, table),
      async upload(who, content, name) {
        const m = multipart(Buffer.from(content), name);
        const r = await request(env, 'POST', '/api/files', { session: s[who], payload: m.payload, headers: m.headers });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.id;
      },
    };
    await fn(w);
  } finally {
    await env.close();
  }
}

async function docxText(raw: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(raw);
  return [...(await zip.file('word/document.xml')!.async('string')).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** A notified meeting with leader2 (by name), 县发改局 and 县财政局 invited. */
async function notified(w: World, body: Record<string, unknown> = {}) {
  const m = await w.create({ attendees: [{ userId: w.c.leader2, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }, { unitId: w.c.finance, role: 'observe' }], ...body });
  return ok(w.call('office1', 'POST', `/api/meetings/${m.id}/notify`, {}));
}

describe(`meetings (${DIALECT})`, () => {
  it('manages types and rooms: office only, unique names, builtin names fixed, disabled ones not bookable', () =>
    world(async (w) => {
      const t = await ok(w.call('office1', 'POST', '/api/meetings/types', { name: '专题协调会' }));
      assert.deepEqual({ ...t, id: undefined }, { id: undefined, name: '专题协调会', builtin: false, disabled: false, sortOrder: 5 });
      await refused(w.call('office1', 'POST', '/api/meetings/types', { name: '常委会' }), 400, 'VALIDATION_FAILED', 'name');
      await refused(w.call('office1', 'PUT', '/api/meetings/types/mt-1', { name: '县委常委会' }), 400, 'VALIDATION_FAILED', 'name');
      assert.equal((await ok(w.call('office1', 'PUT', `/api/meetings/types/${t.id}`, { name: '专题协调会议' }))).name, '专题协调会议');
      assert.equal((await ok(w.call('office1', 'PUT', '/api/meetings/types/mt-2', { disabled: true }))).disabled, true);
      await refused(w.tryCreate({ typeId: 'mt-2' }), 400, 'VALIDATION_FAILED', 'typeId');
      await refused(w.call('drc1', 'POST', '/api/meetings/types', { name: '碰头会' }), 403, 'FORBIDDEN');
      const types = await ok(w.call('drc1', 'GET', '/api/meetings/types'));
      assert.deepEqual(types.items.map((x: any) => x.name), ['常委会', '书记专题会', '工作推进会', '视频会议', '专题协调会议']);

      await refused(w.call('office1', 'POST', '/api/meetings/rooms', { name: '第一会议室' }), 400, 'VALIDATION_FAILED', 'name');
      const r = await ok(w.call('office1', 'PUT', `/api/meetings/rooms/${w.room2}`, { disabled: true, capacity: 20 }));
      assert.deepEqual({ name: r.name, capacity: r.capacity, disabled: r.disabled, location: r.location }, { name: '第二会议室', capacity: 20, disabled: true, location: '县委大院' });
      await refused(w.tryCreate({ roomId: w.room2 }), 400, 'VALIDATION_FAILED', 'roomId');
      await refused(w.call('drc1', 'POST', '/api/meetings/rooms', { name: '第三会议室' }), 403, 'FORBIDDEN');
      assert.equal(await w.count('meetings'), 0);
    }));

  it('refuses a double booking of a room with ROOM_BOOKED; touching times, another room and cancelled meetings do not clash', () =>
    world(async (w) => {
      const a = await w.create();
      assert.equal(a.state, 'planned');
      assert.equal(a.startsAt, '2026-11-25T01:00:00.000Z', 'returned in UTC');
      const e = await refused(w.tryCreate({ title: '会议乙', ...when('10:30', '12:00') }), 409, 'ROOM_BOOKED', 'roomId');
      assert.equal(e.message, '会议室：第一会议室在11月25日09:00至11月25日11:00已有会议，请换一个会议室或时段');
      await refused(w.tryCreate({ title: '会议乙', ...when('08:00', '12:00') }), 409, 'ROOM_BOOKED', 'roomId');
      await refused(w.tryCreate({ title: '会议乙', ...when('09:30', '10:00') }), 409, 'ROOM_BOOKED', 'roomId');
      assert.equal(await w.count('meetings'), 1, 'a refused booking creates nothing');

      const before = await w.create({ title: '会议丙', ...when('08:00', '09:00'), replyDeadline: null });
      const after = await w.create({ title: '会议丁', ...when('11:00', '12:00') });
      await w.create({ title: '会议戊', roomId: w.room2, ...when('09:00', '11:00') });
      await w.create({ title: '视频会议', typeId: 'mt-4', roomId: null, location: '各乡镇分会场', ...when('09:00', '11:00') });
      // Moving a meeting into another's time is refused as well; within its own slot it may move.
      await refused(w.call('office1', 'PUT', `/api/meetings/${after.id}`, when('10:45', '12:00')), 409, 'ROOM_BOOKED', 'roomId');
      assert.equal((await ok(w.call('office1', 'PUT', `/api/meetings/${after.id}`, when('11:00', '11:45')))).endsAt, utc(DAY, '11:45'));
      assert.equal((await w.detail('office1', before.id)).endsAt, utc(DAY, '09:00'));

      await ok(w.call('office1', 'POST', `/api/meetings/${a.id}/cancel`, { reason: '时间调整' }));
      const again = await w.create({ title: '会议己', ...when('09:30', '10:30') });
      assert.equal(again.roomName, '第一会议室');
      assert.equal(await w.count('meetings'), 6);
    }));

  it('refuses a meeting with bad fields, naming the field, and creates nothing', () =>
    world(async (w) => {
      await refused(w.tryCreate(when('10:00', '10:00')), 400, 'VALIDATION_FAILED', 'endsAt');
      await refused(w.tryCreate({ roomId: null }), 400, 'VALIDATION_FAILED', 'roomId');
      await refused(w.tryCreate({ replyDeadline: at(DAY, '09:30') }), 400, 'VALIDATION_FAILED', 'replyDeadline');
      await refused(w.tryCreate({ startsAt: '2026-11-25 09:00' }), 400, 'VALIDATION_FAILED', 'startsAt');
      const dup = await refused(w.tryCreate({ attendees: [{ userId: w.c.leader2, role: 'attend' }, { userId: w.c.leader2, role: 'observe' }] }), 400, 'VALIDATION_FAILED', 'attendees.1');
      assert.equal(dup.message, '参会人员第2项：leader2姓名已在名单中，不能重复邀请');
      await refused(w.tryCreate({ attendees: [{ userId: w.c.leader2, unitId: w.c.drc, role: 'attend' }] }), 400, 'VALIDATION_FAILED', 'attendees.0');
      await refused(w.tryCreate({ attendees: [{ unitId: 'no-such-unit', role: 'attend' }] }), 400, 'VALIDATION_FAILED', 'attendees.0.unitId');
      // A person invited by name must be cleared for the meeting's 密级.
      await refused(w.tryCreate({ classification: 'secret', attendees: [{ userId: w.c.leader2, role: 'attend' }] }), 400, 'VALIDATION_FAILED', 'attendees.0.userId');
      await refused(w.tryCreate({ classification: 'confidential' }), 403, 'CLEARANCE_INSUFFICIENT', 'classification');
      await refused(w.call('drc1', 'POST', '/api/meetings', { typeId: 'mt-3', title: 'x', location: 'y', ...when('09:00', '10:00') }), 403, 'FORBIDDEN');
      assert.equal(await w.count('meetings'), 0);
    }));

  it('warns of a leader booked into two meetings at once, and the calendar shows the clash to the office and the committee leaders', () =>
    world(async (w) => {
      const m1 = await w.create({ title: '会议甲', attendees: [{ userId: w.c.leader2, role: 'attend' }] });
      assert.deepEqual(m1.conflicts, []);
      const m2 = await w.create({ title: '会议乙', roomId: w.room2, ...when('10:00', '12:00'), hostId: null, attendees: [{ userId: w.c.leader1, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }] });
      // leader1 hosts 会议甲: a warning, not a refusal.
      assert.deepEqual(m2.conflicts, [{ userId: w.c.leader1, name: 'leader1姓名', meetingId: m1.id, title: '会议甲', startsAt: utc(DAY, '09:00'), endsAt: utc(DAY, '11:00') }]);
      assert.deepEqual((await w.detail('office1', m1.id)).conflicts, [{ userId: w.c.leader1, name: 'leader1姓名', meetingId: m2.id, title: '会议乙', startsAt: utc(DAY, '10:00'), endsAt: utc(DAY, '12:00') }]);
      const m3 = await w.create({ title: '会议丙', ...when('14:00', '15:00'), attendees: [{ userId: w.c.leader2, role: 'attend' }] });
      assert.deepEqual(m3.conflicts, [], 'later the same day: no clash');
      assert.deepEqual((await w.detail('drc1', m2.id)).conflicts, [], 'the warning is for those who plan');

      const cal = await ok(w.call('office1', 'GET', `/api/meetings/calendar?from=${DAY}&to=${DAY}`));
      assert.deepEqual(cal.meetings.map((m: any) => [m.title, m.roomName, m.state]), [['会议甲', '第一会议室', 'planned'], ['会议乙', '第二会议室', 'planned'], ['会议丙', '第一会议室', 'planned']]);
      assert.deepEqual(cal.leaders.map((l: any) => [l.name, l.entries.map((e: any) => [e.meetingId, e.role, e.reply])]), [
        ['leader1姓名', [[m1.id, 'attend', 'attending'], [m2.id, 'attend', 'pending'], [m3.id, 'attend', 'attending']]],
        ['leader2姓名', [[m1.id, 'attend', 'pending'], [m3.id, 'attend', 'pending']]],
      ]);
      assert.deepEqual(cal.conflicts.map((c: any) => [c.name, c.title]), [['leader1姓名', '会议甲'], ['leader1姓名', '会议乙']]);
      const byLeader = await ok(w.call('leader2', 'GET', `/api/meetings/calendar?from=2026-11-01&to=2026-11-30`));
      assert.equal(byLeader.conflicts.length, 2);

      // leader1 asks for leave from 会议乙: no longer in two places.
      await ok(w.call('office1', 'POST', `/api/meetings/${m2.id}/notify`, {}));
      await ok(w.call('leader1', 'POST', `/api/meetings/${m2.id}/reply`, { attendeeId: (await w.row(m2.id, w.c.leader1)).id, reply: 'leave', leaveReason: '主持会议甲' }));
      assert.deepEqual((await w.detail('office1', m1.id)).conflicts, []);
      assert.deepEqual((await ok(w.call('office1', 'GET', `/api/meetings/calendar?from=${DAY}&to=${DAY}`))).conflicts, []);

      await refused(w.call('office1', 'GET', '/api/meetings/calendar?from=2026-11-01&to=2027-01-02'), 400, 'VALIDATION_FAILED', 'to');
      await refused(w.call('office1', 'GET', '/api/meetings/calendar?from=2026-11-25&to=2026-11-24'), 400, 'VALIDATION_FAILED', 'to');
      assert.equal((await ok(w.call('office1', 'GET', '/api/meetings/calendar?from=2026-11-01&to=2027-01-01'))).meetings.length, 3, '62 days');
      await refused(w.call('drc1', 'GET', `/api/meetings/calendar?from=${DAY}&to=${DAY}`), 403, 'FORBIDDEN');
      await refused(w.call('townhead', 'GET', `/api/meetings/calendar?from=${DAY}&to=${DAY}`), 403, 'FORBIDDEN');
    }));

  it('sends the notice as 会议回执 to-dos to invited persons and the invited units\' clerks, due at the reply deadline, and reminds the pending half an hour before it', () =>
    world(async (w) => {
      const draft = await w.create({ replyDeadline: null, attendees: [{ userId: w.c.leader2, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }, { unitId: w.c.finance, role: 'observe' }] });
      await refused(w.call('office1', 'POST', `/api/meetings/${draft.id}/notify`, {}), 400, 'VALIDATION_FAILED', 'replyDeadline');
      const empty = await w.create({ title: '无人会议', roomId: w.room2 });
      await refused(w.call('office1', 'POST', `/api/meetings/${empty.id}/notify`, {}), 400, 'VALIDATION_FAILED', 'attendees');
      const lonely = await makeUnit(w.env, '县档案馆', 'department', w.c.committee);
      const unreachable = await w.create({ title: '无人接收', roomId: null, location: '档案馆', attendees: [{ unitId: lonely, role: 'attend' }] });
      const e = await refused(w.call('office1', 'POST', `/api/meetings/${unreachable.id}/notify`, {}), 400, 'VALIDATION_FAILED', 'attendees');
      assert.match(e.message, /县档案馆没有可以接收会议通知的工作人员/);
      await refused(w.call('drc1', 'POST', `/api/meetings/${draft.id}/notify`, {}), 403, 'FORBIDDEN');
      assert.deepEqual(await w.todos(draft.id), []);

      await ok(w.call('office1', 'PUT', `/api/meetings/${draft.id}`, { replyDeadline: REPLY_BY }));
      const m = await ok(w.call('office1', 'POST', `/api/meetings/${draft.id}/notify`, {}));
      assert.equal(m.state, 'notified');
      assert.equal(m.notifiedAt, utc('2026-11-23', '09:00'));
      const due = utc('2026-11-24', '17:00');
      // Both 县发改局 clerks, the 财政局 clerk and the leader; the 发改局's own leader is no clerk and gets none.
      assert.deepEqual(await w.todos(m.id), [['drc1', '会议回执', due], ['drc2', '会议回执', due], ['fin1', '会议回执', due], ['leader2', '会议回执', due]]);
      await refused(w.call('office1', 'POST', `/api/meetings/${m.id}/notify`, {}), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      const job = await w.env.ctx.db.selectFrom('scheduled_jobs').selectAll().where('kind', '=', 'meeting.remind_reply').executeTakeFirstOrThrow();
      assert.equal(job.run_at, utc('2026-11-24', '16:30'));

      // The deadline moves: the to-dos' due time and the reminder move with it.
      const later = at('2026-11-24', '18:00');
      await ok(w.call('office1', 'PUT', `/api/meetings/${m.id}`, { replyDeadline: later }));
      assert.deepEqual((await w.todos(m.id)).map((t) => t[2]), Array(4).fill(utc('2026-11-24', '18:00')));
      const jobs = await w.env.ctx.db.selectFrom('scheduled_jobs').select(['run_at', 'status']).where('kind', '=', 'meeting.remind_reply').orderBy('run_at').execute();
      assert.deepEqual(jobs, [{ run_at: utc('2026-11-24', '16:30'), status: 'cancelled' }, { run_at: utc('2026-11-24', '17:30'), status: 'pending' }]);

      const drcRow = (await w.row(m.id, w.c.drc)).id;
      await ok(w.call('drc1', 'POST', `/api/meetings/${m.id}/reply`, { attendeeId: drcRow, reply: 'attending', attendeeNames: '冯磊' }));
      w.env.clock.now = new Date(utc('2026-11-24', '17:29'));
      assert.equal(await new Scheduler(w.env.ctx).tick(), 0, 'not yet');
      w.env.clock.now = new Date(utc('2026-11-24', '17:31'));
      assert.equal(await new Scheduler(w.env.ctx).tick(), 1);
      assert.deepEqual((await w.todos(m.id)).filter((t) => t[1] === '催报回执').map((t) => t[0]), ['fin1', 'leader2']);
      const d = await w.detail('office1', m.id);
      assert.deepEqual(d.attendees.map((a: any) => [a.name, a.remindedCount]), [['leader2姓名', 1], ['县发改局', 0], ['县财政局', 1]]);
    }));

  it('takes 回执: a unit clerk names who comes, leave needs a reason, only the answering party\'s to-dos close; after the deadline only the office records', () =>
    world(async (w) => {
      const m = await notified(w);
      const drcRow = (await w.row(m.id, w.c.drc)).id;
      const finRow = (await w.row(m.id, w.c.finance)).id;
      const leaderRow = (await w.row(m.id, w.c.leader2)).id;
      const reply = (who: Username, body: Record<string, unknown>) => w.call(who, 'POST', `/api/meetings/${m.id}/reply`, body);
      assert.deepEqual((await w.detail('drc1', m.id)).myAttendeeIds, [drcRow]);
      assert.deepEqual((await w.detail('drchead', m.id)).myAttendeeIds, [], 'a member of the unit reads the meeting but does not reply for it');

      await refused(reply('drc1', { attendeeId: drcRow, reply: 'attending' }), 400, 'VALIDATION_FAILED', 'attendeeNames');
      await refused(reply('drc1', { attendeeId: drcRow, reply: 'leave' }), 400, 'VALIDATION_FAILED', 'leaveReason');
      await refused(reply('drchead', { attendeeId: drcRow, reply: 'attending', attendeeNames: '冯磊' }), 403, 'FORBIDDEN');
      await refused(reply('drc1', { attendeeId: finRow, reply: 'attending', attendeeNames: '冯磊' }), 403, 'FORBIDDEN');
      await refused(reply('hexi1', { attendeeId: drcRow, reply: 'attending', attendeeNames: '冯磊' }), 404, 'NOT_FOUND');
      assert.equal((await w.row(m.id, w.c.drc)).reply, 'pending', 'refusals change nothing');

      const d = await ok(reply('drc1', { attendeeId: drcRow, reply: 'attending', attendeeNames: '冯磊、张三' }));
      const row = d.attendees.find((a: any) => a.id === drcRow);
      assert.deepEqual([row.reply, row.replyLabel, row.attendeeNames, row.leaveReason, row.repliedByName, row.repliedAt], ['attending', '参加', '冯磊、张三', null, 'drc1姓名', utc('2026-11-23', '09:00')]);
      assert.deepEqual((await w.todos(m.id)).map((t) => t[0]), ['fin1', 'leader2'], 'both 发改局 clerks are done');
      assert.deepEqual((await w.todos(m.id, 'done')).map((t) => t[0]), ['drc1', 'drc2']);
      await ok(reply('leader2', { attendeeId: leaderRow, reply: 'leave', leaveReason: '出差' }));
      // Changed before the deadline.
      await ok(reply('drc2', { attendeeId: drcRow, reply: 'leave', leaveReason: '另有公务' }));
      assert.deepEqual(await w.row(m.id, w.c.drc).then((r) => [r.reply, r.attendeeNames, r.leaveReason]), ['leave', null, '另有公务']);

      // 催报: the pending only, counted; named rows that have replied are not reminded.
      assert.deepEqual(await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/remind`, {})), { reminded: 1 });
      assert.deepEqual(await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/remind`, { attendeeIds: [finRow, drcRow] })), { reminded: 1 });
      assert.deepEqual(await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/remind`, { attendeeIds: [drcRow] })), { reminded: 0 });
      await refused(w.call('office1', 'POST', `/api/meetings/${m.id}/remind`, { attendeeIds: ['no-such-row'] }), 400, 'VALIDATION_FAILED', 'attendeeIds');
      await refused(w.call('fin1', 'POST', `/api/meetings/${m.id}/remind`, {}), 403, 'FORBIDDEN');
      const fin = await w.row(m.id, w.c.finance);
      assert.equal(fin.remindedCount, 2);
      assert.equal(fin.lastRemindedAt, utc('2026-11-23', '09:00'));
      assert.deepEqual((await w.todos(m.id)).filter((t) => t[0] === 'fin1').map((t) => t[1]), ['会议回执', '催报回执', '催报回执']);

      w.env.clock.now = new Date(utc('2026-11-24', '17:01'));
      const late = await refused(reply('fin1', { attendeeId: finRow, reply: 'attending', attendeeNames: '何静' }), 409, 'MEETING_REPLY_CLOSED');
      assert.equal(late.message, '回执已于11月24日17:00截止，不能再报送，请直接与会务人员联系');
      await refused(reply('leader2', { attendeeId: leaderRow, reply: 'attending' }), 409, 'MEETING_REPLY_CLOSED');
      const byOffice = await ok(reply('office1', { attendeeId: finRow, reply: 'leave', leaveReason: '参加省厅培训' }));
      const f = byOffice.attendees.find((a: any) => a.id === finRow);
      assert.deepEqual([f.reply, f.leaveReason, f.repliedByName], ['leave', '参加省厅培训', 'office1姓名']);
      assert.deepEqual(byOffice.counts, { invited: 3, replied: 3, pending: 0, attending: 0, leave: 3, signedIn: 0 });
      assert.deepEqual(await w.todos(m.id), [], 'every 回执 to-do closed');
    }));

  it('signs in by the code on the screen (wrong code, closed), by the office\'s clerk, and undoes a sign-in', () =>
    world(async (w) => {
      const m = await notified(w);
      const drcRow = (await w.row(m.id, w.c.drc)).id;
      const leaderRow = (await w.row(m.id, w.c.leader2)).id;
      const signIn = (who: Username, code: string) => w.call(who, 'POST', `/api/meetings/${m.id}/sign-in`, { code });
      await refused(signIn('drc1', '123456'), 409, 'MEETING_SIGN_IN_CLOSED');
      await refused(w.call('drc1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {}), 403, 'FORBIDDEN');
      const { code } = await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {}));
      assert.match(code, /^\d{6}$/);
      assert.deepEqual(await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {})), { code }, 'the same code while open');
      const seen = await w.detail('office1', m.id);
      assert.deepEqual([seen.state, seen.signInOpen, seen.signInCode], ['in_progress', true, code]);
      const unitView = await w.detail('drc1', m.id);
      assert.deepEqual([unitView.signInOpen, unitView.signInCode], [true, null], 'the code is on the screen, not in the attendees\' hands');

      const wrong = code === '000000' ? '111111' : '000000';
      await refused(signIn('drc1', wrong), 400, 'MEETING_SIGN_IN_CODE_WRONG', 'code');
      await refused(signIn('hexi1', code), 404, 'NOT_FOUND');
      await refused(signIn('drchead', code), 403, 'FORBIDDEN');
      assert.equal((await w.row(m.id, w.c.drc)).signedInAt, null);
      const d = await ok(signIn('drc1', code));
      const row = d.attendees.find((a: any) => a.id === drcRow);
      assert.deepEqual([row.signedInAt, row.signInMethod], [utc('2026-11-23', '09:00'), 'code']);
      assert.equal(d.attendees.find((a: any) => a.id === leaderRow).signedInAt, null, 'only the reader\'s own rows');

      await refused(w.call('drc1', 'POST', `/api/meetings/${m.id}/attendees/${leaderRow}/sign-in`, {}), 403, 'FORBIDDEN');
      const byClerk = await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/attendees/${leaderRow}/sign-in`, {}));
      assert.equal(byClerk.attendees.find((a: any) => a.id === leaderRow).signInMethod, 'clerk');
      assert.equal(byClerk.counts.signedIn, 2);
      const undone = await ok(w.call('office1', 'DELETE', `/api/meetings/${m.id}/attendees/${drcRow}/sign-in`));
      assert.deepEqual([undone.attendees.find((a: any) => a.id === drcRow).signedInAt, undone.counts.signedIn], [null, 1]);

      assert.deepEqual(await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/close`, {})), { ok: true });
      await refused(signIn('drc1', code), 409, 'MEETING_SIGN_IN_CLOSED');
      const audit = await w.env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', m.id).where('action', 'like', 'meeting.sign_in%').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['meeting.sign_in_open', 'meeting.sign_in_open', 'meeting.sign_in', 'meeting.sign_in', 'meeting.sign_in_undo', 'meeting.sign_in_close']);
    }));

  it('hands out materials per attendee and 密级: uncleared readers neither list nor download; withdrawn after the meeting for all but the office', () =>
    world(async (w) => {
      // leader1 hosts the meeting without being on the list: what goes to every attendee goes to the host.
      const m = await w.create({ attendees: [{ userId: w.c.leader2, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }, { unitId: w.c.finance, role: 'observe' }] });
      const drcRow = (await w.row(m.id, w.c.drc)).id;
      const add = (who: Username, body: Record<string, unknown>) => w.call(who, 'POST', `/api/meetings/${m.id}/materials`, body);
      const secret = await ok(add('office1', { fileId: await w.upload('office1', '秘密材料正文', '汇报材料.docx'), title: '重点项目情况汇报', classification: 'secret' }));
      assert.deepEqual({ ...secret, id: undefined, createdAt: undefined }, {
        id: undefined, createdAt: undefined, title: '重点项目情况汇报', fileName: '汇报材料.docx', size: Buffer.byteLength('秘密材料正文'), classification: 'secret', topicId: null, audience: null, withdrawAfter: false, withdrawn: false,
      });
      const drcOnly = await ok(add('office1', { fileId: await w.upload('office1', '发改局材料', '发改.pdf'), title: '发改局专用', audience: [drcRow] }));
      const handout = await ok(add('office1', { fileId: await w.upload('office1', '会后收回', '讨论稿.pdf'), title: '讨论稿', withdrawAfter: true }));

      await refused(add('office1', { fileId: await w.upload('office1', 'x', 'x.pdf'), title: '机密件', classification: 'confidential' }), 403, 'CLEARANCE_INSUFFICIENT', 'classification');
      await refused(add('office1', { fileId: await w.upload('drc1', '别人的文件', 'y.pdf'), title: '别人的' }), 400, 'VALIDATION_FAILED', 'fileId');
      await refused(add('office1', { fileId: await w.upload('office1', 'z', 'z.pdf'), title: '范围有误', audience: ['no-such-row'] }), 400, 'VALIDATION_FAILED', 'audience');
      await refused(add('drc1', { fileId: await w.upload('drc1', 'u', 'u.pdf'), title: '单位上传' }), 403, 'FORBIDDEN');
      assert.equal(await w.count('meeting_materials'), 3);

      const listed = async (who: Username) => (await w.detail(who, m.id)).materials.map((x: any) => x.title);
      assert.deepEqual(await listed('office1'), ['重点项目情况汇报', '发改局专用', '讨论稿']);
      assert.deepEqual(await listed('leader1'), ['重点项目情况汇报', '讨论稿']);
      assert.deepEqual(await listed('leader2'), ['讨论稿'], 'not cleared for 秘密: not even listed');
      assert.deepEqual(await listed('drc1'), ['发改局专用', '讨论稿']);
      assert.deepEqual(await listed('drc2'), ['重点项目情况汇报', '发改局专用', '讨论稿']);
      assert.deepEqual(await listed('drchead'), ['重点项目情况汇报', '发改局专用', '讨论稿'], 'a user of the invited unit');
      assert.deepEqual(await listed('fin1'), ['重点项目情况汇报', '讨论稿']);

      const download = (who: Username, id: string) => w.call(who, 'GET', `/api/meetings/${m.id}/materials/${id}/download`);
      const got = await download('leader1', secret.id);
      assert.equal(got.status, 200);
      assert.equal(got.raw.toString(), '秘密材料正文');
      assert.match(String(got.headers['content-disposition']), /filename\*=UTF-8''/);
      await refused(download('leader2', secret.id), 404, 'NOT_FOUND');
      await refused(download('drc1', secret.id), 404, 'NOT_FOUND');
      await refused(download('fin1', drcOnly.id), 404, 'NOT_FOUND');
      await refused(download('hexi1', handout.id), 404, 'NOT_FOUND');
      await refused(download('sysadmin', handout.id), 403, 'ADMIN_NO_BUSINESS_ACCESS');
      assert.equal((await download('drc1', drcOnly.id)).raw.toString(), '发改局材料');
      // Not linked to the meeting through /api/files: only its uploader gets it there.
      await refused(w.call('leader1', 'GET', `/api/files/${(await w.env.ctx.db.selectFrom('meeting_materials').select('file_id').where('id', '=', secret.id).executeTakeFirstOrThrow()).file_id}`), 404, 'NOT_FOUND');

      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/notify`, {}));
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/held`, {}));
      assert.deepEqual((await w.detail('leader2', m.id)).materials.map((x: any) => [x.title, x.withdrawn]), [['讨论稿', true]]);
      const withdrawn = await refused(download('leader2', handout.id), 403, 'MEETING_MATERIAL_WITHDRAWN');
      assert.equal(withdrawn.message, '该材料已在会后收回，不能再查看或下载');
      assert.equal((await download('office1', handout.id)).raw.toString(), '会后收回');
      assert.equal((await download('leader1', secret.id)).status, 200, 'not marked for withdrawal');
      await refused(add('office1', { fileId: await w.upload('office1', 'late', 'late.pdf'), title: '会后补充' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');

      const audit = await w.env.ctx.db.selectFrom('audit_log').select(['actor_name', 'detail']).where('action', '=', 'meeting.material_download').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => [a.actor_name, JSON.parse(a.detail!).materialId]), [['leader1姓名', secret.id], ['drc1姓名', drcOnly.id], ['office1姓名', handout.id], ['leader1姓名', secret.id]]);

      await refused(w.call('drc1', 'DELETE', `/api/meetings/${m.id}/materials/${drcOnly.id}`), 403, 'FORBIDDEN');
      assert.deepEqual(await ok(w.call('office1', 'DELETE', `/api/meetings/${m.id}/materials/${drcOnly.id}`)), { ok: true });
      assert.deepEqual(await listed('drc1'), ['讨论稿']);
    }));

  it('takes 议题 from units until the topic deadline; the office approves or defers (with a reason); the proposing unit adds material to its approved topic', () =>
    world(async (w) => {
      const m = await w.create({ acceptsTopics: true, topicDeadline: at('2026-11-24', '12:00'), attendees: [{ unitId: w.c.drc, role: 'observe' }] });
      const closed = await w.create({ title: '不征集议题', roomId: w.room2 });
      const open = await ok(w.call('hexi1', 'GET', '/api/meetings/open-for-topics'));
      assert.deepEqual(open.items, [{ id: m.id, title: '会议甲', typeName: '工作推进会', startsAt: utc(DAY, '09:00'), topicDeadline: utc('2026-11-24', '12:00') }]);
      const propose = (who: Username, id: string, body: Record<string, unknown>) => w.call(who, 'POST', `/api/meetings/${id}/topics`, body);

      const t1 = await ok(propose('hexi1', m.id, { title: '河西镇工业园区扩区', summary: '拟扩区500亩', presenter: '马超' }));
      assert.deepEqual({ ...t1, id: undefined, createdAt: undefined }, {
        id: undefined, createdAt: undefined, seq: 1, title: '河西镇工业园区扩区', summary: '拟扩区500亩', presenter: '马超', proposerUnitId: w.c.hexi, proposerUnitName: '河西镇', state: 'proposed', stateLabel: '待审定', decisionReason: null,
      });
      const t2 = await ok(propose('hexi1', m.id, { title: '河西镇污水处理厂选址' }));
      await refused(propose('hexi1', m.id, { title: '代报', unitId: w.c.drc }), 403, 'FORBIDDEN', 'unitId');
      await refused(propose('hexi1', closed.id, { title: '无处申报' }), 404, 'NOT_FOUND');
      await refused(w.call('hexi1', 'GET', `/api/meetings/${m.id}`), 404, 'NOT_FOUND', undefined);
      const mine = await ok(w.call('hexi1', 'GET', '/api/meetings/topics/mine'));
      assert.deepEqual(mine.items.map((t: any) => [t.title, t.meetingId, t.meetingTitle, t.meetingStartsAt]), [['河西镇工业园区扩区', m.id, '会议甲', utc(DAY, '09:00')], ['河西镇污水处理厂选址', m.id, '会议甲', utc(DAY, '09:00')]]);

      assert.deepEqual((await w.detail('office1', m.id)).topics.map((t: any) => t.state), ['proposed', 'proposed']);
      assert.deepEqual((await w.detail('drc1', m.id)).topics, [], 'attendees see approved topics only');
      const decide = (who: Username, topicId: string, body: Record<string, unknown>) => w.call(who, 'POST', `/api/meetings/${m.id}/topics/${topicId}/decide`, body);
      await refused(decide('office1', t2.id, { decision: 'deferred' }), 400, 'VALIDATION_FAILED', 'reason');
      await refused(decide('hexi1', t1.id, { decision: 'approved' }), 403, 'FORBIDDEN');
      assert.equal((await ok(decide('office1', t1.id, { decision: 'approved' }))).stateLabel, '已通过');
      const deferred = await ok(decide('office1', t2.id, { decision: 'deferred', reason: '选址论证尚未完成' }));
      assert.deepEqual([deferred.state, deferred.decisionReason], ['deferred', '选址论证尚未完成']);
      assert.deepEqual(await w.todos(m.id), [['hexi1', '议题审定结果', null], ['hexi1', '议题审定结果', null]]);
      assert.deepEqual((await w.detail('drc1', m.id)).topics.map((t: any) => t.title), ['河西镇工业园区扩区']);

      const addTo = (topicId: string | undefined, name: string) => w.upload('hexi1', name, `${name}.pdf`).then((fileId) => w.call('hexi1', 'POST', `/api/meetings/${m.id}/materials`, { fileId, title: name, ...(topicId ? { topicId } : {}) }));
      const mat = await ok(addTo(t1.id, '扩区方案'));
      assert.equal(mat.topicId, t1.id);
      await refused(addTo(t2.id, '选址方案'), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      await refused(addTo(undefined, '无议题材料'), 404, 'NOT_FOUND');
      await refused(w.call('town1', 'POST', `/api/meetings/${m.id}/materials`, { fileId: await w.upload('town1', 'x', 'x.pdf'), title: '他人议题', topicId: t1.id }), 404, 'NOT_FOUND');
      assert.deepEqual((await w.detail('drc1', m.id)).materials.map((x: any) => x.title), ['扩区方案']);

      w.env.clock.now = new Date(utc('2026-11-24', '12:00'));
      const late = await refused(propose('hexi1', m.id, { title: '迟到的议题' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      assert.equal(late.message, '议题申报已于11月24日12:00截止，请与党办联系');
      assert.deepEqual((await ok(w.call('hexi1', 'GET', '/api/meetings/open-for-topics'))).items, []);
      const onBehalf = await ok(propose('office1', m.id, { title: '发改局代报议题', unitId: w.c.drc }));
      assert.deepEqual([onBehalf.proposerUnitName, onBehalf.seq], ['县发改局', 3]);
    }));

  it('saves the 纪要 and renders it through the 公文 engine as .docx and HTML with the attendance lines and the 议定事项', () =>
    world(async (w) => {
      const m = await w.create({ title: '全县重点项目建设工作推进会', attendees: [{ userId: w.c.leader1, role: 'attend' }, { userId: w.c.leader2, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }, { unitId: w.c.finance, role: 'observe' }] });
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/notify`, {}));
      const row = (id: string) => w.row(m.id, id).then((r) => r.id);
      await ok(w.call('leader2', 'POST', `/api/meetings/${m.id}/reply`, { attendeeId: await row(w.c.leader2), reply: 'leave', leaveReason: '出差' }));
      await ok(w.call('drc1', 'POST', `/api/meetings/${m.id}/reply`, { attendeeId: await row(w.c.drc), reply: 'attending', attendeeNames: '冯磊，张三' }));
      await ok(w.call('fin1', 'POST', `/api/meetings/${m.id}/reply`, { attendeeId: await row(w.c.finance), reply: 'leave', leaveReason: '参加培训' }));
      const minutes = { number: '12', paragraphs: ['2026年11月25日上午，县委书记主持召开全县重点项目建设工作推进会，听取重点项目进展情况汇报。', '  ', '会议强调，要倒排工期、挂图作战。'] };
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, minutes), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {}));
      w.env.clock.now = new Date(utc(DAY, '11:30'));
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, { ...minutes, number: '十二' }), 400, 'VALIDATION_FAILED', 'number');
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, { ...minutes, paragraphs: [' '] }), 400, 'VALIDATION_FAILED', 'paragraphs');
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, { ...minutes, paragraphs: [] }), 400, 'VALIDATION_FAILED', 'paragraphs');
      await refused(w.call('drc1', 'PUT', `/api/meetings/${m.id}/minutes`, minutes), 403, 'FORBIDDEN');
      await refused(w.call('drc1', 'GET', `/api/meetings/${m.id}/minutes.docx`), 404, 'NOT_FOUND');
      const saved = await ok(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, minutes));
      assert.deepEqual(saved, { number: '第12期', date: DAY, paragraphs: [minutes.paragraphs[0], minutes.paragraphs[2]], updatedAt: utc(DAY, '11:30') });
      await ok(w.call('office1', 'PUT', `/api/meetings/${m.id}/decisions`, {
        decisions: [
          { content: '加快城东片区征地拆迁，确保项目按期开工', leadUnitId: w.c.drc, cooperatingUnitIds: [w.c.finance], deadline: '2026-12-31' },
          { content: '统筹安排项目前期经费', leadUnitId: w.c.finance, deadline: '2026-12-15' },
        ],
      }));
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/held`, {}));
      assert.deepEqual((await w.detail('drc1', m.id)).minutes, saved);

      const docx = await w.call('drc1', 'GET', `/api/meetings/${m.id}/minutes.docx`);
      assert.equal(docx.status, 200);
      assert.equal(docx.headers['content-type'], DOCX);
      assert.equal(String(docx.headers['content-disposition']), `attachment; filename*=UTF-8''${encodeURIComponent('全县重点项目建设工作推进会纪要（第12期）.docx')}`);
      const text = await docxText(docx.raw);
      for (const part of [
        '县委工作推进会纪要', '第12期', '全县重点项目建设工作推进会纪要', '会议强调，要倒排工期、挂图作战。', '会议议定事项如下：',
        '一、加快城东片区征地拆迁，确保项目按期开工。', '牵头单位：县发改局；配合单位：县财政局；完成时限：2026年12月31日前。', '二、统筹安排项目前期经费。牵头单位：县财政局；完成时限：2026年12月15日前。',
        '出席：', 'leader1姓名', '请假：', 'leader2姓名（出差）、县财政局（参加培训）', '列席：', '县发改局冯磊、县发改局张三', '县委办公室',
      ]) assert.ok(text.includes(part), `${part} in ${text}`);
      const back = await parseDocx(docx.raw);
      assert.deepEqual([back.documentType, back.format, back.elements.documentNumber?.text], ['纪要', '纪要式', '第12期']);
      assert.deepEqual([back.elements.attendees, back.elements.absentees, back.elements.nonVotingAttendees], [['leader1姓名'], ['leader2姓名（出差）', '县财政局（参加培训）'], ['县发改局冯磊', '县发改局张三']]);

      const print = await w.call('leader2', 'GET', `/api/meetings/${m.id}/minutes/print`);
      assert.equal(print.status, 200);
      assert.match(String(print.headers['content-type']), /^text\/html/);
      const html = String(print.body);
      assert.match(html, /<article class="gongwen minutes">/);
      assert.match(html, /<span class="heiti">出席：<\/span>leader1姓名<\/p>/);
      assert.match(html, /<span class="heiti">请假：<\/span>leader2姓名（出差）、县财政局（参加培训）<\/p>/);
      assert.match(html, /<span class="heiti">列席：<\/span>县发改局冯磊、县发改局张三<\/p>/);
      assert.match(html, /一、加快城东片区征地拆迁，确保项目按期开工。<\/span>牵头单位：县发改局；配合单位：县财政局；完成时限：2026年12月31日前。/);
      await refused(w.call('hexi1', 'GET', `/api/meetings/${m.id}/minutes/print`), 404, 'NOT_FOUND');
      await refused(w.call('sysadmin', 'GET', `/api/meetings/${m.id}/minutes.docx`), 403, 'ADMIN_NO_BUSINESS_ACCESS');
      const audit = await w.env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', m.id).where('action', 'like', 'meeting.minutes%').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['meeting.minutes_save', 'meeting.minutes_download', 'meeting.minutes_print']);
    }));

  it('makes 议定事项 supervision items once, all or none, linked back to the meeting, with the lead unit\'s clerks holding the to-do', () =>
    world(async (w) => {
      const m = await w.create({ title: '全县重点项目建设工作推进会', attendees: [{ unitId: w.c.drc, role: 'observe' }] });
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/notify`, {}));
      await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {}));
      await ok(w.call('office1', 'PUT', `/api/meetings/${m.id}/minutes`, { number: '第12期', paragraphs: ['会议听取了汇报。'] }));
      const A = { content: '加快城东片区征地拆迁，确保项目按期开工。', leadUnitId: w.c.drc, cooperatingUnitIds: [w.c.finance], deadline: '2026-12-31' };
      const put = (decisions: Record<string, unknown>[]) => w.call('office1', 'PUT', `/api/meetings/${m.id}/decisions`, { decisions });
      const supervise = (body: Record<string, unknown> = {}) => w.call('office1', 'POST', `/api/meetings/${m.id}/decisions/supervise`, body);
      let items = (await ok(put([A, { content: '统筹安排项目前期经费', deadline: '2026-12-15' }]))).items;
      assert.deepEqual(items.map((d: any) => [d.seq, d.leadUnitName, d.cooperatingUnitIds, d.deadline, d.assignmentId]), [[1, '县发改局', [w.c.finance], '2026-12-31', null], [2, null, [], '2026-12-15', null]]);
      await refused(put([{ ...A, leadUnitId: 'no-such-unit' }]), 400, 'VALIDATION_FAILED', 'decisions[0].leadUnitId');
      await refused(put([{ ...A, cooperatingUnitIds: [w.c.drc] }]), 400, 'VALIDATION_FAILED', 'decisions[0].cooperatingUnitIds');
      await refused(put([{ ...A, leaderId: w.c.drc1 }]), 400, 'VALIDATION_FAILED', 'decisions[0].leaderId');

      const e = await refused(supervise(), 400, 'VALIDATION_FAILED', 'decisions[1].leadUnitId');
      assert.equal(e.message, '议定事项第2项：转为督查事项前请指定牵头单位');
      assert.equal(await w.count('assignments'), 0, 'none created when one fails');
      assert.deepEqual((await w.detail('office1', m.id)).decisions.map((d: any) => d.assignmentId), [null, null]);
      items = (await ok(put([{ id: items[0].id, ...A }, { id: items[1].id, content: '统筹安排项目前期经费', leadUnitId: w.c.finance }]))).items;
      await refused(supervise(), 400, 'VALIDATION_FAILED', 'decisions[1].deadline');
      await ok(put([{ id: items[0].id, ...A }, { id: items[1].id, content: '统筹安排项目前期经费', leadUnitId: w.c.finance, deadline: '2026-11-01' }]));
      const past = await refused(supervise(), 400, 'VALIDATION_FAILED', 'decisions[1].deadline');
      assert.match(past.message, /^议定事项第2项的办理期限：不能早于今天/);
      assert.equal(await w.count('assignments'), 0);
      await refused(w.call('drc1', 'POST', `/api/meetings/${m.id}/decisions/supervise`, {}), 403, 'FORBIDDEN');

      await ok(put([{ id: items[0].id, ...A }, { id: items[1].id, content: '统筹安排项目前期经费', leadUnitId: w.c.finance, deadline: '2026-12-15', leaderId: w.c.leader2 }]));
      const { created } = await ok(supervise({ decisionIds: [items[0].id] }));
      assert.deepEqual(created.map((c: any) => c.decisionId), [items[0].id]);
      const more = await ok(supervise());
      assert.deepEqual(more.created.map((c: any) => c.decisionId), [items[1].id], 'the rest, not the one already made');
      assert.deepEqual((await ok(supervise())).created, [], 'each decision becomes an item once');
      assert.equal(await w.count('assignments'), 2);

      const item = await ok(w.call('office1', 'GET', `/api/assignments/${created[0].assignmentId}`));
      assert.deepEqual(item.source, { kind: 'meeting_minutes', label: '会议议定事项', ref: '全县重点项目建设工作推进会纪要（第12期）', date: DAY, link: { type: 'meeting', id: m.id } });
      assert.deepEqual([item.title, item.instruction, item.assigneeUnitName, item.leaderId, item.deadline, item.cooperatingUnits.map((u: any) => u.name)], [
        '加快城东片区征地拆迁，确保项目按期开工', A.content, '县发改局', w.c.leader1, '2026-12-31', ['县财政局'],
      ]);
      const second = await ok(w.call('office1', 'GET', `/api/assignments/${more.created[0].assignmentId}`));
      assert.deepEqual([second.assigneeUnitName, second.leaderId], ['县财政局', w.c.leader2]);
      const todos = await w.env.ctx.db.selectFrom('inbox_items').select(['user_id', 'task']).where('module', '=', 'assignment').where('entity_id', '=', created[0].assignmentId).where('box', '=', 'todo').where('state', '=', 'open').execute();
      assert.deepEqual(todos.map((t) => [t.user_id, t.task]).sort(), [[w.c.drc1, '签收'], [w.c.drc2, '签收']].sort());
      assert.deepEqual((await w.detail('drc1', m.id)).decisions.map((d: any) => d.assignmentId), [created[0].assignmentId, more.created[0].assignmentId]);

      await refused(put([{ id: items[0].id, ...A, content: '改过的内容' }, { id: items[1].id, content: '统筹安排项目前期经费', leadUnitId: w.c.finance, deadline: '2026-12-15', leaderId: w.c.leader2 }]), 400, 'VALIDATION_FAILED', 'decisions[0]');
      await refused(put([{ id: items[0].id, ...A }]), 400, 'VALIDATION_FAILED', 'decisions');
      const kept = await ok(put([{ id: items[0].id, ...A }, { id: items[1].id, content: '统筹安排项目前期经费', leadUnitId: w.c.finance, deadline: '2026-12-15', leaderId: w.c.leader2 }, { content: '各单位每月报送进展' }]));
      assert.equal(kept.items.length, 3, 'unchanged items stay; new decisions may be added');
    }));

  it('shows each reader the meetings they may read: the office and committee leaders all within clearance, invitees theirs, strangers none', () =>
    world(async (w) => {
      const open = await w.create({ title: '推进会', attendees: [{ unitId: w.c.drc, role: 'observe' }, { userId: w.c.leader2, role: 'attend' }] });
      const secret = await w.create({ title: '涉密专题会', typeId: 'mt-2', classification: 'secret', roomId: w.room2, attendees: [{ unitId: w.c.finance, role: 'attend' }, { userId: w.c.leader1, role: 'attend' }] });
      const titles = async (who: Username, q = '') => (await ok(w.call(who, 'GET', `/api/meetings${q}`))).items.map((m: any) => m.title);
      assert.deepEqual(await titles('office1'), ['推进会', '涉密专题会']);
      assert.deepEqual(await titles('leader1'), ['推进会', '涉密专题会']);
      assert.deepEqual(await titles('leader2'), ['推进会'], 'a committee leader, but not cleared for 秘密');
      assert.deepEqual(await titles('drc1'), ['推进会']);
      assert.deepEqual(await titles('drchead'), ['推进会']);
      assert.deepEqual(await titles('fin1'), ['涉密专题会']);
      assert.deepEqual(await titles('hexi1'), []);
      assert.deepEqual(await titles('townhead'), [], 'a township\'s own leader reads only what concerns his township');
      assert.deepEqual(await titles('office1', '?q=专题'), ['涉密专题会']);
      assert.deepEqual(await titles('office1', '?typeId=mt-2'), ['涉密专题会']);
      assert.deepEqual(await titles('office1', '?state=notified'), []);
      assert.deepEqual(await titles('office1', '?from=2026-11-26'), []);
      assert.deepEqual(await titles('office1', `?from=${DAY}&to=${DAY}`), ['推进会', '涉密专题会']);
      const drcList = await ok(w.call('drc1', 'GET', '/api/meetings'));
      assert.deepEqual([drcList.total, drcList.items[0].myAttendeeIds, drcList.items[0].counts], [1, [(await w.row(open.id, w.c.drc)).id], { invited: 2, replied: 0, pending: 2, attending: 0, leave: 0, signedIn: 0 }]);
      await refused(w.call('leader2', 'GET', `/api/meetings/${secret.id}`), 404, 'NOT_FOUND');
      await refused(w.call('drc1', 'GET', `/api/meetings/${secret.id}`), 404, 'NOT_FOUND');
      assert.equal((await w.detail('fin1', secret.id)).canManage, false);
      assert.equal((await w.detail('office1', secret.id)).canManage, true);
      const reads = await w.env.ctx.db.selectFrom('audit_log').select(['actor_name', 'action']).where('entity_id', '=', secret.id).where('action', '=', 'meeting.read_classified').orderBy('seq').execute();
      assert.deepEqual(reads.map((r) => r.actor_name), ['fin1姓名', 'office1姓名']);
    }));

  it('refuses the 三员 everywhere and lets strangers learn nothing of a meeting', () =>
    world(async (w) => {
      const m = await notified(w, { acceptsTopics: true });
      const row = (await w.row(m.id, w.c.drc)).id;
      const fileId = await w.upload('office1', '材料', 'a.pdf');
      const material = await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/materials`, { fileId, title: '材料' }));
      const everywhere: [string, string, unknown?][] = [
        ['GET', '/api/meetings'], ['GET', '/api/meetings/types'], ['GET', '/api/meetings/rooms'], ['GET', `/api/meetings/calendar?from=${DAY}&to=${DAY}`],
        ['GET', '/api/meetings/open-for-topics'], ['GET', '/api/meetings/topics/mine'], ['POST', '/api/meetings/types', { name: '碰头会' }],
        ['POST', '/api/meetings', { typeId: 'mt-3', title: 'x', location: 'y', ...when('14:00', '15:00') }], ['GET', `/api/meetings/${m.id}`],
        ['PUT', `/api/meetings/${m.id}`, { title: '改名' }], ['PUT', `/api/meetings/${m.id}/attendees`, { attendees: [] }], ['POST', `/api/meetings/${m.id}/reply`, { attendeeId: row, reply: 'leave', leaveReason: '无' }],
        ['POST', `/api/meetings/${m.id}/remind`, {}], ['POST', `/api/meetings/${m.id}/sign-in/open`, {}], ['POST', `/api/meetings/${m.id}/sign-in`, { code: '123456' }],
        ['POST', `/api/meetings/${m.id}/attendees/${row}/sign-in`, {}], ['POST', `/api/meetings/${m.id}/topics`, { title: '议题' }],
        ['POST', `/api/meetings/${m.id}/materials`, { fileId, title: '再传' }], ['GET', `/api/meetings/${m.id}/materials/${material.id}/download`],
        ['GET', `/api/meetings/${m.id}/collections/c1/summary.xlsx`], ['PUT', `/api/meetings/${m.id}/minutes`, { number: '1', paragraphs: ['x'] }],
        ['GET', `/api/meetings/${m.id}/minutes.docx`], ['GET', `/api/meetings/${m.id}/minutes/print`], ['PUT', `/api/meetings/${m.id}/decisions`, { decisions: [] }],
        ['POST', `/api/meetings/${m.id}/decisions/supervise`, {}], ['POST', `/api/meetings/${m.id}/held`, {}], ['POST', `/api/meetings/${m.id}/cancel`, { reason: '无' }],
      ];
      for (const [method, url, body] of everywhere) await refused(w.call('sysadmin', method, url, body), 403, 'ADMIN_NO_BUSINESS_ACCESS');

      // Reads of the meeting are as if it did not exist; the office's steps are refused before anything is looked up.
      for (const who of ['hexi1', 'townhead'] as const) {
        for (const [method, url, body] of [
          ['GET', `/api/meetings/${m.id}`], ['POST', `/api/meetings/${m.id}/reply`, { attendeeId: row, reply: 'leave', leaveReason: '无' }], ['POST', `/api/meetings/${m.id}/sign-in`, { code: '123456' }],
          ['GET', `/api/meetings/${m.id}/materials/${material.id}/download`], ['GET', `/api/meetings/${m.id}/collections/c1/summary.xlsx`], ['GET', `/api/meetings/${m.id}/minutes.docx`],
          ['GET', `/api/meetings/${m.id}/minutes/print`], ['GET', '/api/meetings/no-such-meeting'],
        ] as [string, string, unknown?][]) await refused(w.call(who, method, url, body), 404, 'NOT_FOUND');
        for (const [method, url, body] of [
          ['PUT', `/api/meetings/${m.id}`, { title: '改名' }], ['POST', `/api/meetings/${m.id}/remind`, {}], ['POST', `/api/meetings/${m.id}/sign-in/open`, {}],
          ['POST', `/api/meetings/${m.id}/attendees/${row}/sign-in`, {}], ['PUT', `/api/meetings/${m.id}/decisions`, { decisions: [] }], ['POST', `/api/meetings/${m.id}/cancel`, { reason: '无' }],
          ['POST', `/api/meetings/${m.id}/held`, {}], ['DELETE', `/api/meetings/${m.id}/materials/${material.id}`],
        ] as [string, string, unknown?][]) await refused(w.call(who, method, url, body), 403, 'FORBIDDEN');
      }
      // An invited unit's reader may read the meeting but not run it.
      await refused(w.call('drc1', 'POST', `/api/meetings/${m.id}/held`, {}), 403, 'FORBIDDEN');
      await refused(w.call('drc1', 'GET', `/api/meetings/${m.id}/collections/c1/summary.xlsx`), 404, 'NOT_FOUND');
      assert.equal((await w.detail('office1', m.id)).state, 'notified', 'nothing changed');
    }));

  it('keeps replies when the list changes after the notice: new attendees get it, removed ones lose their to-dos; cancelling tells everyone notified', () =>
    world(async (w) => {
      const m = await notified(w);
      const drcRow = (await w.row(m.id, w.c.drc)).id;
      await ok(w.call('drc1', 'POST', `/api/meetings/${m.id}/reply`, { attendeeId: drcRow, reply: 'attending', attendeeNames: '冯磊' }));
      const d = await ok(w.call('office1', 'PUT', `/api/meetings/${m.id}/attendees`, { attendees: [{ unitId: w.c.drc, role: 'attend' }, { unitId: w.c.finance, role: 'observe' }, { unitId: w.c.township, role: 'observe' }] }));
      assert.deepEqual(d.attendees.map((a: any) => [a.name, a.role, a.reply, a.attendeeNames]), [['县发改局', 'attend', 'attending', '冯磊'], ['县财政局', 'observe', 'pending', null], ['城关镇', 'observe', 'pending', null]]);
      assert.equal(d.attendees[0].id, drcRow, 'kept rows keep their id');
      assert.deepEqual(await w.todos(m.id), [['fin1', '会议回执', utc('2026-11-24', '17:00')], ['town1', '会议回执', utc('2026-11-24', '17:00')]]);
      assert.deepEqual((await w.todos(m.id, 'done')).map((t) => t[0]), ['drc1', 'drc2', 'leader2'], 'leader2 was taken off the list');
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}/attendees`, { attendees: [{ unitId: w.c.drc, role: 'attend' }, { unitId: w.c.drc, role: 'observe' }] }), 400, 'VALIDATION_FAILED', 'attendees.1');

      await refused(w.call('office1', 'POST', `/api/meetings/${m.id}/cancel`, {}), 400, 'VALIDATION_FAILED', 'reason');
      const cancelled = await ok(w.call('office1', 'POST', `/api/meetings/${m.id}/cancel`, { reason: '与省委会议冲突' }));
      assert.deepEqual([cancelled.state, cancelled.stateLabel], ['cancelled', '已取消']);
      assert.deepEqual((await w.todos(m.id)).map((t) => [t[0], t[1]]), [['drc1', '会议取消'], ['drc2', '会议取消'], ['fin1', '会议取消'], ['town1', '会议取消']]);
      const job = await w.env.ctx.db.selectFrom('scheduled_jobs').select('status').where('kind', '=', 'meeting.remind_reply').executeTakeFirstOrThrow();
      assert.equal(job.status, 'cancelled');
      await refused(w.call('office1', 'POST', `/api/meetings/${m.id}/cancel`, { reason: '再取消' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      await refused(w.call('office1', 'PUT', `/api/meetings/${m.id}`, { title: '改名' }), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
      await refused(w.call('office1', 'POST', `/api/meetings/${m.id}/sign-in/open`, {}), 409, 'WORKFLOW_ACTION_NOT_ALLOWED');
    }));
});

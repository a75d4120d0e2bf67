/**
 * 回执 and 签到: an invited party's reply by its deadline (the office may record one at any time), the
 * office's reminders, and sign-in by the code on the screen or by the office's clerk (代签到).
 */
import { randomInt } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { inbox, meetings as repo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { bad, loadForOffice, loadMeeting, MODULE, notInState, recipientsOf, shanghaiTime, usersDoneWith } from './meetings.access.ts';
import { remindRows } from './meetings.jobs.ts';
import { getMeetingDetail, type MeetingDetail } from './meetings.service.ts';
import type { ReplyBody } from './meetings.schemas.ts';

/**
 * Records a 回执 for one invited party: by the person, a clerk of the invited unit, or the office on their
 * behalf. A unit attending names who comes; leave needs its reason. Until the deadline it may be changed;
 * after it only the office records. The to-dos of those who answered for the row close.
 */
export async function replyToMeeting(ctx: AppContext, actor: Actor, id: string, body: ReplyBody): Promise<MeetingDetail> {
  requireBusinessUser(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const access = await loadMeeting(tx, actor, id, { lock: true });
    const m = access.meeting;
    const row = access.attendees.find((a) => a.id === body.attendeeId);
    if (!row) throw bad('attendeeId', '参会人员：不在本次会议的参会名单中');
    if (!access.office && !access.answerable.some((a) => a.id === row.id)) throw new AppError('FORBIDDEN', '只能报送本人或本单位的回执', 'attendeeId');
    const open = ['notified', 'in_progress'].includes(m.state) || (access.office && m.state === 'held');
    if (!open) throw notInState(m, '报送回执');
    const now = ctx.now().toISOString();
    if (!access.office && m.reply_deadline && now > m.reply_deadline) {
      throw new AppError('MEETING_REPLY_CLOSED', `回执已于${shanghaiTime(m.reply_deadline)}截止，不能再报送，请直接与会务人员联系`);
    }
    const isUnit = row.user_id === null;
    if (body.reply === 'attending' && isUnit && !body.attendeeNames) throw bad('attendeeNames', '参会人员姓名：请填写本单位参会人员的姓名');
    if (body.reply === 'leave' && !body.leaveReason) throw bad('leaveReason', '请假事由：请假须填写事由');
    await repo.updateAttendee(tx, row.id, {
      reply: body.reply,
      attendee_names: body.reply === 'attending' && isUnit ? body.attendeeNames! : null,
      leave_reason: body.reply === 'leave' ? body.leaveReason! : null,
      replied_at: now,
      replied_by: actor.id,
    });
    const recipients = await recipientsOf(tx, m, access.attendees);
    const stillPending = access.attendees.filter((a) => a.reply === 'pending' && a.id !== row.id).map((a) => a.id);
    await inbox.closeOpenTodosOfUsers(tx, MODULE, m.id, usersDoneWith(recipients, [row.id], stillPending), now);
    await recordAudit(tx, ctx, actor, { action: 'meeting.reply', entityType: MODULE, entityId: m.id, detail: { attendeeId: row.id, reply: body.reply, onBehalf: !access.answerable.some((a) => a.id === row.id) } });
  });
  return getMeetingDetail(ctx, actor, id);
}

/** 催报: a to-do for each party still pending (or those named); returns how many were reminded. */
export async function remindPending(ctx: AppContext, actor: Actor, id: string, attendeeIds: readonly string[] | undefined): Promise<{ reminded: number }> {
  let reminded = 0;
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (m.state !== 'notified' && m.state !== 'in_progress') throw notInState(m, '催报回执');
    let rows = attendees.filter((a) => a.reply === 'pending');
    if (attendeeIds) {
      const unknown = attendeeIds.find((a) => !attendees.some((x) => x.id === a));
      if (unknown) throw bad('attendeeIds', '参会人员：有人员不在本次会议的参会名单中');
      rows = rows.filter((r) => attendeeIds.includes(r.id));
    }
    reminded = await remindRows(tx, ctx, m, rows);
    await recordAudit(tx, ctx, actor, { action: 'meeting.remind', entityType: MODULE, entityId: m.id, detail: { reminded, attendeeIds: rows.map((r) => r.id) } });
  });
  return { reminded };
}

/** A fresh six-digit code for the screen (not predictable from the last one). */
const newSignInCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** notified or in progress → in progress, with sign-in open; the code stays the same while it is open. */
export async function openSignIn(ctx: AppContext, actor: Actor, id: string): Promise<{ code: string }> {
  let code = '';
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state !== 'notified' && m.state !== 'in_progress') throw notInState(m, '开始签到');
    code = m.sign_in_open === 1 && m.sign_in_code ? m.sign_in_code : newSignInCode();
    await repo.updateMeeting(tx, m.id, { state: 'in_progress', sign_in_open: 1, sign_in_code: code, updated_at: ctx.now().toISOString() });
    await recordAudit(tx, ctx, actor, { action: 'meeting.sign_in_open', entityType: MODULE, entityId: m.id, detail: { from: m.state } });
  });
  return { code };
}

export async function closeSignIn(ctx: AppContext, actor: Actor, id: string): Promise<{ ok: true }> {
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state !== 'in_progress') throw notInState(m, '结束签到');
    await repo.updateMeeting(tx, m.id, { sign_in_open: 0, sign_in_code: null, updated_at: ctx.now().toISOString() });
    await recordAudit(tx, ctx, actor, { action: 'meeting.sign_in_close', entityType: MODULE, entityId: m.id });
  });
  return { ok: true };
}

/** An attendee signs in the rows they answer for, with the code shown in the room. */
export async function signInWithCode(ctx: AppContext, actor: Actor, id: string, code: string): Promise<MeetingDetail> {
  requireBusinessUser(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const access = await loadMeeting(tx, actor, id, { lock: true });
    const m = access.meeting;
    if (access.answerable.length === 0) throw new AppError('FORBIDDEN', '您不在本次会议的参会名单中，不能签到');
    if (m.state !== 'in_progress' || m.sign_in_open !== 1 || !m.sign_in_code) throw new AppError('MEETING_SIGN_IN_CLOSED');
    if (code !== m.sign_in_code) throw new AppError('MEETING_SIGN_IN_CODE_WRONG', undefined, 'code');
    const at = ctx.now().toISOString();
    const rows = access.answerable.filter((a) => !a.signed_in_at);
    for (const r of rows) await repo.updateAttendee(tx, r.id, { signed_in_at: at, sign_in_method: 'code', signed_in_by: actor.id });
    await recordAudit(tx, ctx, actor, { action: 'meeting.sign_in', entityType: MODULE, entityId: m.id, detail: { attendeeIds: rows.map((r) => r.id), method: 'code' } });
  });
  return getMeetingDetail(ctx, actor, id);
}

/** 代签到 by the office for anyone invited, or its undo. */
export async function signInByClerk(ctx: AppContext, actor: Actor, id: string, attendeeId: string, signedIn: boolean): Promise<MeetingDetail> {
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m, attendees } = await loadForOffice(tx, actor, id);
    if (!['notified', 'in_progress', 'held'].includes(m.state)) throw notInState(m, signedIn ? '代签到' : '撤销签到');
    const row = attendees.find((a) => a.id === attendeeId);
    if (!row) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    if (signedIn && !row.signed_in_at) await repo.updateAttendee(tx, row.id, { signed_in_at: at, sign_in_method: 'clerk', signed_in_by: actor.id });
    if (!signedIn) await repo.updateAttendee(tx, row.id, { signed_in_at: null, sign_in_method: null, signed_in_by: null });
    await recordAudit(tx, ctx, actor, { action: signedIn ? 'meeting.sign_in' : 'meeting.sign_in_undo', entityType: MODULE, entityId: m.id, detail: { attendeeIds: [row.id], method: 'clerk' } });
  });
  return getMeetingDetail(ctx, actor, id);
}

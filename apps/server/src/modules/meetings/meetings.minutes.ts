/**
 * 会议纪要 and 议定事项: the 纪要 drafted by the office and rendered by the 公文 engine (纪要式), the decisions
 * with their lead units and deadlines, and — with one action — each decision made a supervision item linked
 * back to the meeting.
 */
import { AppError, CLEARANCE_LABELS, type Clearance } from '@zhongshu/core';
import { isValidDate, toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { renderDocx, renderHtml, type ClassificationLevel, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { buildMinutes, type AttendanceEntry } from '@zhongshu/core/meetings/index.ts';
import { meetings as repo, units, users, type Executor, type MeetingRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { createAssignment } from '../assignments/assignments.service.ts';
import { bad, loadForOffice, loadMeeting, MODULE, notInState, requireOffice } from './meetings.access.ts';
import { decisionOut, minutesOf } from './meetings.service.ts';
import type { DecisionInput, MinutesBody } from './meetings.schemas.ts';

// ── 纪要 ──────────────────────────────────────────────────────────────────────

/** "12", "第12期" or "12期" → "第12期", the way the 纪要's header writes it. */
function normaliseNumber(text: string): string | null {
  const m = /^第?\s*(\d{1,4})\s*期?$/.exec(text.trim());
  return m ? `第${Number(m[1])}期` : null;
}

/** Saves the 纪要 draft (office; while the meeting is under way or after it). */
export async function saveMinutes(ctx: AppContext, actor: Actor, id: string, body: MinutesBody) {
  requireOffice(actor);
  const number = normaliseNumber(body.number);
  if (!number) throw bad('number', '期数：请填写期数，如“第12期”');
  if (body.date && !isValidDate(body.date)) throw bad('date', '日期：不是有效的日期');
  const paragraphs = body.paragraphs.map((p) => p.trim()).filter((p) => p !== '');
  if (paragraphs.length === 0) throw bad('paragraphs', '纪要正文：不能为空');
  const at = ctx.now().toISOString();
  const date = body.date ?? toShanghaiDate(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state !== 'in_progress' && m.state !== 'held') throw notInState(m, '起草纪要');
    await repo.updateMeeting(tx, m.id, { minutes: JSON.stringify({ number, date, paragraphs }), minutes_updated_at: at, updated_at: at });
    await recordAudit(tx, ctx, actor, { action: 'meeting.minutes_save', entityType: MODULE, entityId: m.id, detail: { number, date, paragraphs: paragraphs.length } });
  });
  return { number, date, paragraphs, updatedAt: at };
}

/** "中共示例县委员会" → "中共示例县委", the committee as a 纪要 mark names it. */
function committeeShortName(name: string): string {
  return name.replace(/委员会$/, '委');
}

/** The 纪要 as a 公文 model: "<committee><type>纪要", its number, the paragraphs, 议定事项 and attendance. */
async function minutesDocument(db: Executor, m: MeetingRow): Promise<GongwenDocument> {
  const minutes = minutesOf(m);
  if (!minutes) throw new AppError('NOT_FOUND', '会议纪要尚未起草');
  const [type, organiser, attendees, decisions] = await Promise.all([repo.getType(db, m.type_id), units.getUnit(db, m.organiser_unit_id), repo.attendeesNamed(db, m.id), repo.decisionsOf(db, m.id)]);
  const committee = organiser?.kind === 'office' && organiser.parent_id ? await units.getUnit(db, organiser.parent_id) : organiser?.kind === 'committee' ? organiser : undefined;
  const coopIds = [...new Set(decisions.flatMap((d) => (d.cooperating_unit_ids ? (JSON.parse(d.cooperating_unit_ids) as string[]) : [])))];
  const coopNames = new Map((await units.getUnitsByIds(db, coopIds)).map((u) => [u.id, u.name]));
  const attendance: AttendanceEntry[] = attendees.map((a) => ({
    kind: a.user_id ? 'person' : 'unit',
    // The 纪要 writes a unit by its short name ("县发改局冯磊"), as readers know it.
    name: (a.user_id ? a.person_name : a.unit_short_name || a.unit_name) ?? '',
    post: a.user_id ? a.person_post : null,
    role: a.role as AttendanceEntry['role'],
    reply: a.reply as AttendanceEntry['reply'],
    attendeeNames: a.attendee_names,
    leaveReason: a.leave_reason,
  }));
  return buildMinutes({
    issuerMark: `${committee ? committeeShortName(committee.name) : ''}${type?.name ?? ''}纪要`,
    number: minutes.number,
    title: m.title,
    date: minutes.date,
    paragraphs: minutes.paragraphs,
    decisions: decisions.map((d) => ({
      content: d.content,
      leadUnitName: d.lead_unit_name,
      cooperatingUnitNames: (d.cooperating_unit_ids ? (JSON.parse(d.cooperating_unit_ids) as string[]) : []).map((u) => coopNames.get(u) ?? '').filter((n) => n !== ''),
      deadline: d.deadline,
    })),
    attendance,
    ...(m.classification !== 'none' ? { classification: { level: CLEARANCE_LABELS[m.classification as Clearance] as ClassificationLevel } } : {}),
    ...(organiser ? { printingOrgan: organiser.name, printingDate: minutes.date } : {}),
  });
}

/** Loads the meeting for a reader of its 纪要; a 绝密 纪要 is read in the system only, like any 绝密 公文. */
async function loadForMinutes(ctx: AppContext, actor: Actor, id: string): Promise<MeetingRow> {
  const { meeting: m } = await loadMeeting(ctx.db, actor, id);
  if (m.classification === 'top_secret') throw new AppError('DOCUMENT_TOP_SECRET_NO_DOWNLOAD');
  return m;
}

const fileTitle = (m: MeetingRow, number: string) => `${/纪要$/.test(m.title) ? m.title : `${m.title}纪要`}（${number}）`;

export async function minutesDocx(ctx: AppContext, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const m = await loadForMinutes(ctx, actor, id);
  const doc = await minutesDocument(ctx.db, m);
  const buffer = await renderDocx(doc);
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'meeting.minutes_download', entityType: MODULE, entityId: id, detail: { classification: m.classification } }));
  return { buffer, filename: `${fileTitle(m, minutesOf(m)!.number)}.docx` };
}

export async function minutesPrint(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const m = await loadForMinutes(ctx, actor, id);
  const html = renderHtml(await minutesDocument(ctx.db, m));
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'meeting.minutes_print', entityType: MODULE, entityId: id, detail: { classification: m.classification } }));
  return html;
}

// ── 议定事项 ──────────────────────────────────────────────────────────────────

const coopOf = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Replaces the decisions (office). A decision already made a supervision item is fixed: it can be neither
 * removed nor changed.
 */
export async function putDecisions(ctx: AppContext, actor: Actor, id: string, list: readonly DecisionInput[]) {
  requireOffice(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state === 'cancelled') throw notInState(m, '修改议定事项');
    const existing = await repo.decisionsOf(tx, m.id);
    const unitIds = [...new Set(list.flatMap((d) => [...(d.leadUnitId ? [d.leadUnitId] : []), ...(d.cooperatingUnitIds ?? [])]))];
    const leaderIds = [...new Set(list.map((d) => d.leaderId).filter((x): x is string => !!x))];
    const [unitRows, leaders] = await Promise.all([units.getUnitsByIds(tx, unitIds), users.getUsersByIds(tx, leaderIds)]);
    const seenIds = new Set<string>();
    list.forEach((d, i) => {
      const at = `decisions[${i}]`;
      const n = `议定事项第${i + 1}项`;
      if (d.id) {
        if (!existing.some((e) => e.id === d.id) || seenIds.has(d.id)) throw bad(at, `${n}：不存在或重复（可能已被他人删除，请刷新）`);
        seenIds.add(d.id);
      }
      if (d.leadUnitId && !unitRows.some((u) => u.id === d.leadUnitId)) throw bad(`${at}.leadUnitId`, `${n}：牵头单位不存在`);
      if (d.deadline && !isValidDate(d.deadline)) throw bad(`${at}.deadline`, `${n}：完成时限不是有效的日期`);
      const coop = d.cooperatingUnitIds ?? [];
      if (coop.some((u) => !unitRows.some((x) => x.id === u))) throw bad(`${at}.cooperatingUnitIds`, `${n}：配合单位不存在`);
      if (d.leadUnitId && coop.includes(d.leadUnitId)) throw bad(`${at}.cooperatingUnitIds`, `${n}：配合单位不能包含牵头单位`);
      if (d.leaderId) {
        const leader = leaders.find((u) => u.id === d.leaderId);
        if (!leader || leader.disabled || leader.is_leader !== 1) throw bad(`${at}.leaderId`, `${n}：责任领导不存在、已停用或不是领导`);
      }
      const fixed = d.id ? existing.find((e) => e.id === d.id && e.assignment_id) : undefined;
      if (fixed) {
        const same = fixed.content === d.content && fixed.lead_unit_id === (d.leadUnitId ?? null) && sameSet(coopOf(fixed.cooperating_unit_ids), coop) && fixed.leader_id === (d.leaderId ?? null) && fixed.deadline === (d.deadline ?? null);
        if (!same) throw bad(at, `${n}：已转为督查事项，不能修改`);
      }
    });
    const removed = existing.filter((e) => !seenIds.has(e.id));
    const locked = removed.find((e) => e.assignment_id);
    if (locked) throw bad('decisions', `议定事项“${locked.content.slice(0, 30)}”已转为督查事项，不能删除`);
    const at = ctx.now().toISOString();
    await repo.deleteDecisions(tx, removed.map((e) => e.id));
    const fresh = [];
    for (const [i, d] of list.entries()) {
      const fields = { seq: i + 1, content: d.content, lead_unit_id: d.leadUnitId ?? null, cooperating_unit_ids: d.cooperatingUnitIds?.length ? JSON.stringify([...new Set(d.cooperatingUnitIds)]) : null, leader_id: d.leaderId ?? null, deadline: d.deadline ?? null };
      if (d.id) await repo.updateDecision(tx, d.id, { ...fields, updated_at: at });
      else fresh.push({ id: uuidv7(), meeting_id: m.id, ...fields, assignment_id: null, created_at: at, updated_at: at });
    }
    await repo.insertDecisions(tx, fresh);
    await recordAudit(tx, ctx, actor, { action: 'meeting.decisions', entityType: MODULE, entityId: m.id, detail: { count: list.length, added: fresh.length, removed: removed.length } });
  });
  return { items: (await repo.decisionsOf(ctx.db, id)).map(decisionOut) };
}

/** An item's title from a decision: its first line without the closing punctuation, at most 200 characters. */
function titleOf(content: string): string {
  const line = content.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? content.trim();
  const t = line.replace(/[。；;，,：:\s]+$/, '');
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

/** Where createAssignment's field errors belong on a decision. */
const DECISION_FIELD: Record<string, string> = { assigneeUnitId: 'leadUnitId', cooperatingUnitIds: 'cooperatingUnitIds', leaderId: 'leaderId', 'deadline.date': 'deadline', deadline: 'deadline', title: 'content', instruction: 'content', startDate: 'deadline', classification: 'leaderId' };

/**
 * Makes decisions supervision items (督查督办, source 会议议定事项), all in one transaction: every one named
 * (default: every one not yet an item) is created, or none. Each decision becomes an item once.
 */
export async function superviseDecisions(ctx: AppContext, actor: Actor, id: string, decisionIds: readonly string[] | undefined) {
  requireOffice(actor);
  // SQLite has one connection, held by the transaction below: the calendar is read before it.
  const calendar = await ctx.calendar();
  const created: { decisionId: string; assignmentId: string }[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state !== 'in_progress' && m.state !== 'held') throw notInState(m, '将议定事项转为督查事项');
    const all = await repo.decisionsOf(tx, m.id);
    if (decisionIds?.some((d) => !all.some((x) => x.id === d))) throw bad('decisionIds', '议定事项：有事项不属于本次会议');
    const today = toShanghaiDate(ctx.now());
    const meetingDay = toShanghaiDate(new Date(m.starts_at));
    const minutes = minutesOf(m);
    const sourceRef = (minutes ? `${/纪要$/.test(m.title) ? m.title : `${m.title}纪要`}（${minutes.number}）` : m.title).slice(0, 200);
    for (const [i, d] of all.entries()) {
      if (d.assignment_id || (decisionIds && !decisionIds.includes(d.id))) continue;
      const at = `decisions[${i}]`;
      const n = `议定事项第${i + 1}项`;
      if (!d.lead_unit_id) throw bad(`${at}.leadUnitId`, `${n}：转为督查事项前请指定牵头单位`);
      if (!d.deadline) throw bad(`${at}.deadline`, `${n}：转为督查事项前请填写完成时限`);
      const leaderId = d.leader_id ?? m.host_id;
      if (!leaderId) throw bad(`${at}.leaderId`, `${n}：请指定责任领导（会议未设主持人）`);
      const { id: assignmentId } = await createAssignment(
        ctx,
        actor,
        {
          title: titleOf(d.content),
          instruction: d.content,
          assigneeUnitId: d.lead_unit_id,
          cooperatingUnitIds: coopOf(d.cooperating_unit_ids),
          leaderId,
          classification: m.classification as Clearance,
          deadline: { type: 'date', date: d.deadline },
          sourceKind: 'meeting_minutes',
          sourceRef,
          sourceDate: meetingDay,
          ...(meetingDay <= today ? { startDate: meetingDay } : {}),
        },
        { tx, source: { type: MODULE, id: m.id }, calendar },
      ).catch((e: unknown) => {
        if (e instanceof AppError && e.field) throw new AppError(e.code, `${n}的${e.message}`, `${at}.${DECISION_FIELD[e.field] ?? e.field}`);
        throw e;
      });
      await repo.updateDecision(tx, d.id, { assignment_id: assignmentId, updated_at: ctx.now().toISOString() });
      created.push({ decisionId: d.id, assignmentId });
    }
    if (created.length) await recordAudit(tx, ctx, actor, { action: 'meeting.decisions_supervise', entityType: MODULE, entityId: m.id, detail: { created } });
  });
  return { created };
}


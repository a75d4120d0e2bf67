/**
 * 议题: proposed by units while a meeting takes them (or by the office on a unit's behalf), approved or
 * deferred by the office; the proposing unit follows its topics without reading the meeting.
 */
import { AppError, clearedLevels, isCleared } from '@zhongshu/core';
import { meetings as repo, units } from '@zhongshu/db';
import type { NamedTopic } from '@zhongshu/db/repositories/meetings.repository.ts';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { openTodos } from '../inbox/inbox.service.ts';
import { clerksOfUnit } from '../documents/documents.access.ts';
import { bad, isOffice, loadForOffice, MODULE, notInState, requireOffice, shanghaiTime, TASKS, TOPIC_STATE_LABELS, unitsOfReader } from './meetings.access.ts';
import type { DecideTopicBody, TopicBody } from './meetings.schemas.ts';

export function topicOut(t: NamedTopic) {
  return {
    id: t.id,
    seq: Number(t.seq),
    title: t.title,
    summary: t.summary,
    presenter: t.presenter,
    proposerUnitId: t.proposer_unit_id,
    proposerUnitName: t.proposer_unit_name,
    state: t.state,
    stateLabel: TOPIC_STATE_LABELS[t.state] ?? t.state,
    decisionReason: t.decision_reason,
    createdAt: t.created_at,
  };
}

export async function openForTopics(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  const rows = await repo.meetingsOpenForTopics(ctx.db, ctx.now().toISOString(), clearedLevels(actor.clearance));
  return { items: rows.map((m) => ({ id: m.id, title: m.title, typeName: m.type_name, startsAt: m.starts_at, topicDeadline: m.topic_deadline })) };
}

export async function myTopics(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  const { unitIds } = await unitsOfReader(ctx.db, actor);
  const rows = await repo.topicsOfUnits(ctx.db, unitIds);
  return { items: rows.map((t) => ({ ...topicOut(t), meetingId: t.meeting_id, meetingTitle: t.meeting_title, meetingStartsAt: t.meeting_starts_at })) };
}

/**
 * A 议题 proposed by a unit's user while the meeting takes them (before its topic deadline), or by the
 * office on a unit's behalf any time before the meeting is held.
 */
export async function proposeTopic(ctx: AppContext, actor: Actor, id: string, body: TopicBody) {
  requireBusinessUser(actor);
  const office = isOffice(actor);
  const topicId = uuidv7();
  await ctx.db.transaction().execute(async (tx) => {
    const m = await repo.lockMeeting(tx, id);
    // A meeting that takes no 议题 is, to those who may not read it, no meeting at all.
    if (!m || !isCleared(actor.clearance, m.classification) || (!office && m.accepts_topics !== 1)) throw new AppError('NOT_FOUND');
    const now = ctx.now().toISOString();
    let unitId: string;
    if (office) {
      if (m.state === 'held' || m.state === 'cancelled') throw notInState(m, '申报议题');
      unitId = body.unitId ?? actor.unitId ?? '';
      if (!(await units.getUnit(tx, unitId))) throw bad('unitId', '所属单位：申报单位不存在');
    } else {
      if (body.unitId && body.unitId !== actor.unitId) throw new AppError('FORBIDDEN', '只有党办工作人员可以代其他单位申报议题', 'unitId');
      if (!actor.unitId) throw new AppError('FORBIDDEN', '您没有所属单位，不能申报议题');
      unitId = actor.unitId;
      if (m.state !== 'planned' && m.state !== 'notified') throw notInState(m, '申报议题');
      const closesAt = m.topic_deadline ?? m.starts_at;
      if (now >= closesAt) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', `议题申报已于${shanghaiTime(closesAt)}截止，请与党办联系`);
    }
    await repo.insertTopic(tx, {
      id: topicId, meeting_id: m.id, seq: await repo.nextTopicSeq(tx, m.id), title: body.title, summary: body.summary || null, presenter: body.presenter || null,
      proposer_unit_id: unitId, state: 'proposed', decision_reason: null, decided_by: null, decided_at: null, created_by: actor.id, created_at: now,
    });
    await recordAudit(tx, ctx, actor, { action: 'meeting.topic_propose', entityType: MODULE, entityId: m.id, detail: { topicId, title: body.title, unitId } });
  });
  return topicOut((await repo.getTopic(ctx.db, id, topicId))!);
}

/** The office approves or defers (with the reason) a 议题; the proposing unit's clerks learn the result. */
export async function decideTopic(ctx: AppContext, actor: Actor, id: string, topicId: string, body: DecideTopicBody) {
  requireOffice(actor);
  if (body.decision === 'deferred' && !body.reason) throw bad('reason', '事由：暂缓议题须说明理由');
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    if (m.state === 'held' || m.state === 'cancelled') throw notInState(m, '审定议题');
    const t = await repo.getTopic(tx, m.id, topicId);
    if (!t) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    await repo.updateTopic(tx, t.id, { state: body.decision, decision_reason: body.reason || null, decided_by: actor.id, decided_at: at });
    const clerks = await clerksOfUnit(tx, t.proposer_unit_id);
    const result = body.decision === 'approved' ? '已通过' : `暂缓：${body.reason}`;
    await openTodos(tx, ctx, { module: MODULE, entityId: m.id, task: TASKS.topicDecided, title: `议题“${t.title}”${result}`.slice(0, 300), urgency: 'normal', dueAt: null }, clerks.filter((u) => u !== actor.id));
    await recordAudit(tx, ctx, actor, { action: 'meeting.topic_decide', entityType: MODULE, entityId: m.id, detail: { topicId, decision: body.decision, reason: body.reason ?? null } });
  });
  return topicOut((await repo.getTopic(ctx.db, id, topicId))!);
}

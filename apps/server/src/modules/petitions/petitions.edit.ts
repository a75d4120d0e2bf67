/**
 * 修改登记: the 信访 clerk corrects a registration afterwards — an online case filed as 申诉求决 under 其他 that
 * is really a 检举控告, a township typed wrong. What decides who sees the case, which limits run and where it goes
 * (channel, kind, receipt date, accused unit, superior reference) changes only before the case is routed; the
 * description of the matter while the case is open. Each change is on the record with its old and new value.
 */
import { AppError } from '@zhongshu/core';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { inbox as inboxRepo, petitions as repo, units, type Executor, type PetitionRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import {
  bad, CHANNEL_LABELS, getPetitionDetail, KIND_LABELS, loadForRead, MODULE, OPEN_STATES as OPEN, petitionConfig, petitionsChanged, refreshMatching, refreshNextDue, requireClerk, setDeadline,
  stateLabel, unitLabel,
} from './petitions.service.ts';
import type { EditBody } from './petitions.schemas.ts';

/** History labels of the events this file and petitions.files.ts write. */
export const EDIT_EVENT_LABELS: Record<string, string> = { edit: '修改登记', attach_file: '添加附件', remove_file: '删除附件' };

type EditField = Exclude<keyof EditBody, 'reason'>;
/** Changeable only while the case is 已登记待受理: they decide visibility (第30条), the limits and the routing. */
const ROUTING_FIELDS: readonly EditField[] = ['channel', 'kind', 'receivedAt', 'accusedUnitId', 'superiorRef'];
const MATTER_FIELDS: readonly EditField[] = ['summary', 'content', 'townshipId', 'village', 'categoryId', 'firstOrgan'];
/** The labels of the registration page. */
const FIELD_LABELS: Record<EditField, string> = {
  channel: '信访渠道', kind: '信访事项类型', receivedAt: '收到日期', accusedUnitId: '被反映单位', superiorRef: '上级转送交办文号',
  summary: '摘要', content: '信访内容', townshipId: '所属乡镇', village: '村（社区）', categoryId: '问题类别', firstOrgan: '首次信访机关',
};
const COLUMNS: Record<EditField, keyof PetitionRow> = {
  channel: 'channel', kind: 'kind', receivedAt: 'received_at', accusedUnitId: 'accused_unit_id', superiorRef: 'superior_ref',
  summary: 'summary', content: 'content', townshipId: 'township_id', village: 'village', categoryId: 'category_id', firstOrgan: 'first_organ',
};
const FIRST_ORGAN_LABELS: Record<string, string> = { this_level: '本级', superior: '上一级', higher: '更高层级', none: '未到过其他机关' };

/** What the case page may offer to change now (`PetitionDetail.editable`). */
export function editableOf(p: Pick<PetitionRow, 'state'>, rel: ReadonlySet<string>): { allowed: boolean; fields: string[] } {
  if (!rel.has('clerk') || !OPEN.has(p.state)) return { allowed: false, fields: [] };
  return { allowed: true, fields: p.state === 'registered' ? [...ROUTING_FIELDS, ...MATTER_FIELDS] : [...MATTER_FIELDS] };
}

/** One changed field: ids and codes as stored, with the names a reader understands. */
export interface FieldChange {
  field: EditField;
  label: string;
  from: string | null;
  to: string | null;
  fromName: string | null;
  toName: string | null;
}

export async function editPetition(ctx: AppContext, actor: Actor, id: string, body: EditBody) {
  requireClerk(actor);
  const now = ctx.now();
  const at = now.toISOString();
  const today = toShanghaiDate(now);
  const cal = await ctx.calendar();
  const config = await petitionConfig(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const { p, rel } = await loadForRead(tx, actor, id, true);
    if (!rel.has('clerk')) throw new AppError('FORBIDDEN', '修改登记由信访工作人员办理');
    const reason = body.reason?.trim() ?? '';
    if (!reason) throw bad('reason', '修改原因：不能为空');
    if (reason.length > 500) throw bad('reason', '修改原因：不能超过500个字符');
    if (!OPEN.has(p.state)) throw new AppError('PETITION_EDIT_LOCKED', `该信访事项${stateLabel(p.state)}，登记内容不能再修改`);

    const kind = body.kind ?? p.kind;
    const wanted: Record<EditField, string | null> = {
      channel: body.channel ?? p.channel,
      kind,
      receivedAt: body.receivedAt ?? p.received_at,
      // Only a 检举控告 names an accused unit: a case reclassified away from it loses the name (and its protection).
      accusedUnitId: body.accusedUnitId !== undefined ? body.accusedUnitId : kind === 'accusation' ? p.accused_unit_id : null,
      superiorRef: body.superiorRef !== undefined ? body.superiorRef || null : p.superior_ref,
      summary: body.summary ?? p.summary,
      content: body.content ?? p.content,
      townshipId: body.townshipId ?? p.township_id,
      village: body.village !== undefined ? body.village || null : p.village,
      categoryId: body.categoryId ?? p.category_id,
      firstOrgan: body.firstOrgan ?? p.first_organ,
    };
    const changed = (Object.keys(COLUMNS) as EditField[]).filter((f) => wanted[f] !== ((p[COLUMNS[f]] as string | null) ?? null));
    if (!changed.length) throw new AppError('VALIDATION_FAILED', '修改登记：没有需要修改的内容');
    if (p.state !== 'registered') {
      const locked = changed.find((f) => ROUTING_FIELDS.includes(f));
      if (locked) throw new AppError('PETITION_EDIT_LOCKED', `${FIELD_LABELS[locked]}：事项已${p.state === 'handling' ? '受理' : stateLabel(p.state)}，只有待受理的事项可以修改`, locked);
    }

    // The registration's checks, for what changes.
    const has = (f: EditField) => changed.includes(f);
    if (has('receivedAt') && wanted.receivedAt! > today) throw bad('receivedAt', '收到日期：不能晚于今天');
    const [township, categories, accused] = await Promise.all([
      has('townshipId') ? units.getUnit(tx, wanted.townshipId!) : Promise.resolve(undefined),
      repo.categories(tx),
      has('accusedUnitId') && wanted.accusedUnitId ? units.getUnit(tx, wanted.accusedUnitId) : Promise.resolve(undefined),
    ]);
    if (has('townshipId') && (!township || township.kind !== 'township')) throw bad('townshipId', '所属乡镇：请选择乡镇（街道）');
    const category = categories.find((c) => c.id === wanted.categoryId);
    if (has('categoryId') && (!category || category.disabled)) throw bad('categoryId', '问题类别：请从类别表中选择在用的类别');
    if ((has('channel') || has('superiorRef')) && wanted.channel === 'superior' && !wanted.superiorRef) {
      throw bad('superiorRef', '上级转送交办文号：上级转送、交办的信访事项须填写上级文号');
    }
    if (wanted.accusedUnitId && wanted.kind !== 'accusation') throw bad('accusedUnitId', '被反映单位：只有检举控告类需要填写');
    if (has('accusedUnitId') && wanted.accusedUnitId && !accused) throw bad('accusedUnitId', '被反映单位：不存在');
    if (has('channel') && p.channel === 'visit') {
      const people = await repo.peopleOf(tx, p.id);
      if (Number(p.people_count) > 1 || people.some((x) => x.role !== 'petitioner')) {
        throw bad('channel', '信访渠道：本事项登记了集体访代表或到场人员，只能是来访');
      }
    }

    const changes = await describeChanges(tx, p, wanted, changed, categories);
    const patch: Partial<PetitionRow> = { updated_at: at };
    for (const f of changed) Object.assign(patch, { [COLUMNS[f]]: wanted[f] });
    if (has('firstOrgan')) patch.skip_level = wanted.firstOrgan === 'higher' ? 1 : 0;
    await repo.updatePetition(tx, p.id, patch);

    if (has('receivedAt')) {
      // Both limits run from receipt (第22条); the case is still unrouted, so neither is met yet.
      await setDeadline(tx, cal, config, p, 'register', wanted.receivedAt!);
      await setDeadline(tx, cal, config, p, 'notice', wanted.receivedAt!);
      await refreshNextDue(tx, ctx, cal, p.id);
    }
    if (has('summary') || has('content')) {
      await refreshMatching(tx, ctx, { id: p.id, petitionerId: p.petitioner_id, text: `${wanted.summary}${wanted.content}`, at });
    }
    // To-dos carry the summary as their title.
    if (has('summary')) await inboxRepo.renameInboxItems(tx, MODULE, p.id, wanted.summary!);

    const comment = `${changes.map(changeText).join('；')}。原因：${reason}`;
    const data = { reason, changes };
    await repo.insertEvent(tx, { id: uuidv7(), petition_id: p.id, action: 'edit', from_state: p.state, to_state: p.state, actor_id: actor.id, actor_name: actor.displayName, comment, data: JSON.stringify(data), at });
    await recordAudit(tx, ctx, actor, { action: 'petition.edit', entityType: MODULE, entityId: p.id, detail: data });
  });
  petitionsChanged();
  return getPetitionDetail(ctx, actor, id);
}

async function describeChanges(
  db: Executor,
  p: PetitionRow,
  wanted: Record<EditField, string | null>,
  changed: readonly EditField[],
  categories: readonly { id: string; name: string }[],
): Promise<FieldChange[]> {
  const unitIds = changed.flatMap((f) => (f === 'townshipId' || f === 'accusedUnitId' ? [p[COLUMNS[f]] as string | null, wanted[f]] : [])).filter((x): x is string => !!x);
  const unitName = new Map((await units.getUnitsByIds(db, [...new Set(unitIds)])).map((u) => [u.id, unitLabel(u)]));
  const catName = new Map(categories.map((c) => [c.id, c.name]));
  const nameOf = (f: EditField, v: string | null): string | null => {
    if (v === null) return null;
    switch (f) {
      case 'channel':
        return CHANNEL_LABELS[v] ?? v;
      case 'kind':
        return KIND_LABELS[v] ?? v;
      case 'firstOrgan':
        return FIRST_ORGAN_LABELS[v] ?? v;
      case 'categoryId':
        return catName.get(v) ?? v;
      case 'townshipId':
      case 'accusedUnitId':
        return unitName.get(v) ?? v;
      default:
        return v;
    }
  };
  return changed.map((f) => {
    const from = (p[COLUMNS[f]] as string | null) ?? null;
    const to = wanted[f];
    return { field: f, label: FIELD_LABELS[f], from, to, fromName: nameOf(f, from), toName: nameOf(f, to) };
  });
}

/**
 * "问题类别 其他→城乡建设". The content is too long for a history line, and the accused unit is not named in it: the
 * history is read by the handling unit, the office and leaders, to whom the accused unit is not shown (第30条).
 * Both are in the event's data with their old and new values.
 */
function changeText(c: FieldChange): string {
  if (c.field === 'content') return `${c.label}已修改`;
  if (c.field === 'accusedUnitId') return `${c.label}${c.from === null ? '已填写' : c.to === null ? '已清除' : '已修改'}`;
  const show = (v: string | null) => (v === null || v === '' ? '（空）' : c.field === 'summary' ? `“${v}”` : v);
  return `${c.label} ${show(c.fromName)}→${show(c.toName)}`;
}

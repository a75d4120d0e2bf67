/**
 * 信访 cases: registration (people, PII encrypted, repeat and final-case checks), routing, every step of the
 * flow under the statutory limits, the petitioner's documents, and who may see what (第30条: the accused unit
 * never sees a 检举控告 case).
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../lib/ids.ts';
import { AppError } from '@zhongshu/core';
import { applyTransition, availableActions, petitionWorkflow, PETITION_STATE_KEEPING_ACTIONS } from '@zhongshu/core/workflow/index.ts';
import { toShanghaiDate, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import {
  bandKeys,
  bigrams,
  buildAcceptanceNotice,
  buildOpinion,
  isValidIdNumber,
  isValidPhone,
  jaccard,
  limitDeadline,
  matterOf,
  LIMITS,
  maskIdNumber,
  maskPhone,
  MAX_EXTENSION_DAYS,
  normaliseIdNumber,
  normalisePhone,
  type DeadlineKind,
} from '@zhongshu/core/petitions/index.ts';
import { renderDocx, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { assignments as assignmentsRepo, petitions as repo, settings as settingsRepo, units, users, type Executor, type PetitionRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { decryptPii, encryptPii, piiHash } from '../../lib/pii.ts';
import { closeTodos, openTodos } from '../inbox/inbox.service.ts';
import { scheduleDeadlineReminders } from '../../jobs/deadline-reminders.ts';
import { createAssignment, overseesAll } from '../assignments/assignments.service.ts';
import type { ActionBody, ListQuery, PersonInput, PetitionConfig, RegisterBody } from './petitions.schemas.ts';
import { EDIT_EVENT_LABELS, editableOf } from './petitions.edit.ts';
import { attachOnRegistration, filesOfCase } from './petitions.files.ts';

export const MODULE = 'petition';

let version = 0;
/** Bumped when this process changes any case, so figures built from many cases (the statistics) rebuild. */
export const petitionsVersion = () => version;
export function petitionsChanged(): void {
  version += 1;
}
const OPEN = new Set(repo.OPEN_PETITION_STATES);
const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, field);
/** Townships and units as a register writes them: 河西镇, 县住建局 (the short name), not the committee's full title. */
export const unitLabel = (u: { name: string; short_name: string | null }) => u.short_name || u.name;
export const serialText = (p: Pick<PetitionRow, 'serial_year' | 'serial_no'>) => `信〔${p.serial_year}〕${p.serial_no}号`;

export const CHANNEL_LABELS: Record<string, string> = { online: '网上信访', letter: '来信', visit: '来访', phone: '电话', fax: '传真', leader_mailbox: '领导信箱', superior: '上级转送交办' };
export const KIND_LABELS: Record<string, string> = { suggestion: '建议意见类', accusation: '检举控告类', appeal: '申诉求决类' };
const DEADLINE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, v.label]));
const stateLabel = (s: string) => petitionWorkflow.states[s as keyof typeof petitionWorkflow.states]?.label ?? s;

const CONFIG_KEY = 'petitions.config';
export const DEFAULT_CONFIG: PetitionConfig = { dayMode: 'calendar', similarityThreshold: 0.6, groupSimilarity: 0.5, groupMinCases: 5, groupWindowDays: 30, frequentVisits: 3, frequentWindowDays: 30 };

export async function petitionConfig(db: Executor): Promise<PetitionConfig> {
  const s = await settingsRepo.getSettings(db);
  try {
    return s[CONFIG_KEY] ? { ...DEFAULT_CONFIG, ...(JSON.parse(s[CONFIG_KEY]) as Partial<PetitionConfig>) } : { ...DEFAULT_CONFIG };
  } catch {
    return { ...DEFAULT_CONFIG };
  }
}

export async function putConfig(ctx: AppContext, actor: Actor, body: PetitionConfig) {
  requireClerk(actor);
  await ctx.db.transaction().execute(async (tx) => {
    await settingsRepo.putSetting(tx, CONFIG_KEY, JSON.stringify(body));
    await recordAudit(tx, ctx, actor, { action: 'petition.config_update', entityType: MODULE, entityId: 'config', detail: body });
  });
  // The board's warnings and the figures depend on the thresholds.
  petitionsChanged();
  return petitionConfig(ctx.db);
}

export async function getConfig(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  return petitionConfig(ctx.db);
}

const isClerk = (actor: Actor) => actor.roles.includes('petition');
function requireClerk(actor: Actor) {
  requireBusinessUser(actor);
  if (!isClerk(actor)) throw new AppError('FORBIDDEN', '此操作由信访工作人员办理');
}

/** Who sees every case: 信访 staff, the office and the committee's leaders. */
async function seesAll(db: Executor, actor: Actor) {
  return isClerk(actor) || actor.roles.includes('office') || (await overseesAll(db, actor));
}

/** The relationships a user holds to a case; none means the case is not theirs to know of. */
async function relationsOf(db: Executor, actor: Actor, p: PetitionRow): Promise<Set<string>> {
  const rel = new Set<string>();
  if (actor.adminRole) return rel;
  // 第30条: the accused unit learns nothing of the case, whoever else its staff are.
  if (p.kind === 'accusation' && p.accused_unit_id && actor.unitId === p.accused_unit_id) return rel;
  if (isClerk(actor)) rel.add('clerk');
  if (await overseesAll(db, actor)) rel.add('leader');
  if (actor.roles.includes('office')) rel.add('reader');
  if (p.handling_unit_id && actor.unitId === p.handling_unit_id) {
    rel.add('reader');
    if (actor.roles.includes('unit') || isClerk(actor)) rel.add('handler');
  }
  if (p.handling_mode === 'direct' && isClerk(actor)) rel.add('handler');
  return rel;
}

async function loadForRead(db: Executor, actor: Actor, id: string, lock = false) {
  requireBusinessUser(actor);
  const p = lock ? await repo.lockPetition(db, id) : await repo.getPetition(db, id);
  if (!p) throw new AppError('NOT_FOUND');
  const rel = await relationsOf(db, actor, p);
  if (rel.size === 0) throw new AppError('NOT_FOUND');
  return { p, rel };
}

// ── people ────────────────────────────────────────────────────────────────────

interface StoredPerson {
  id: string;
}

/** Finds the person by keyed hash of the identity number or phone, or records them; the values are stored encrypted. */
async function personOf(tx: Executor, ctx: AppContext, person: PersonInput, field: string, at: string): Promise<StoredPerson> {
  const id = person.idNumber ? normaliseIdNumber(person.idNumber) : null;
  const phone = person.phone ? normalisePhone(person.phone) : null;
  if (id && !isValidIdNumber(id)) throw bad(`${field}.idNumber`, `${field === 'petitioner' ? '信访人' : '人员'}身份证号：格式或校验位不正确，请核对18位号码`);
  if (phone && !isValidPhone(phone)) throw bad(`${field}.phone`, `${field === 'petitioner' ? '信访人' : '人员'}联系电话：请填写11位手机号或带区号的固定电话`);
  const idHash = id ? piiHash(ctx.config, id) : null;
  const phoneHash = phone ? piiHash(ctx.config, phone) : null;
  const found = await repo.findPetitionerByHash(tx, idHash, phoneHash);
  const fields = {
    ...(id ? { id_number_enc: encryptPii(ctx.config, id), id_number_hash: idHash, id_number_masked: maskIdNumber(id) } : {}),
    ...(phone ? { phone_enc: encryptPii(ctx.config, phone), phone_hash: phoneHash, phone_masked: maskPhone(phone) } : {}),
    ...(person.address ? { address: person.address } : {}),
  };
  if (found) {
    if (Object.keys(fields).length) await repo.updatePetitioner(tx, found.id, fields);
    return { id: found.id };
  }
  const row = { id: uuidv7(), name: person.name, id_number_enc: null, id_number_hash: null, id_number_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, address: null, created_at: at, ...fields };
  await repo.insertPetitioner(tx, row);
  return { id: row.id };
}

// ── deadlines ───────────────────────────────────────────────────────────────

async function setDeadline(tx: Executor, cal: WorkCalendar, config: PetitionConfig, p: Pick<PetitionRow, 'id'>, kind: DeadlineKind, start: string, extra = 0) {
  const d = limitDeadline(cal, kind, start, config.dayMode, extra);
  await repo.upsertDeadline(tx, { petition_id: p.id, kind, due: d.due, rule: d.rule, met_at: null });
  return d.due;
}

/** Keeps the case's earliest unmet deadline, and the reminders before it falls and when it is missed. */
async function refreshNextDue(tx: Executor, ctx: AppContext, cal: WorkCalendar, id: string): Promise<string | null> {
  const all = await repo.deadlinesOf(tx, [id]);
  // The objection window is a right of the handling unit, not a duty: it never makes a case late.
  const open = all.filter((d) => !d.met_at && d.kind !== 'objection').sort((a, b) => a.due.localeCompare(b.due));
  const next = open[0] ?? null;
  await repo.updatePetition(tx, id, { next_due: next?.due ?? null });
  await scheduleDeadlineReminders(tx, ctx, cal, {
    keyPrefix: `petition:${id}:`,
    kinds: { dueSoon: 'petition.remind_due_soon', overdue: 'petition.remind_overdue' },
    deadline: next?.due ?? null,
    payload: { petitionId: id, kind: next?.kind ?? null, due: next?.due ?? null },
  });
  return next?.due ?? null;
}

/** A due reminder job: a to-do for whoever holds the case, if that deadline is still the next one and unmet. */
export async function runPetitionReminder(ctx: AppContext, tx: Executor, jobKind: string, payload: { petitionId: string; kind: string; due: string }): Promise<void> {
  const p = await repo.lockPetition(tx, payload.petitionId);
  if (!p || !OPEN.has(p.state) || p.next_due !== payload.due) return;
  const overdue = jobKind === 'petition.remind_overdue';
  const label = DEADLINE_LABELS[payload.kind] ?? '办理';
  const who = p.state === 'handling' || p.state === 'extension_requested' ? await handlerIds(tx, p) : await petitionClerks(tx);
  await openTodos(tx, ctx, { module: MODULE, entityId: p.id, task: overdue ? `逾期：${label}期限已过` : `提醒：${label}期限将至`, title: p.summary, urgency: 'urgent', dueAt: new Date(`${payload.due}T23:59:59.999+08:00`).toISOString() }, who);
  await repo.insertEvent(tx, { id: uuidv7(), petition_id: p.id, action: 'remind', from_state: p.state, to_state: p.state, actor_id: 'system', actor_name: '系统', comment: `${label}期限${overdue ? '已过' : '将至'}（${payload.due}）`, data: null, at: ctx.now().toISOString() });
}

// ── matches ─────────────────────────────────────────────────────────────────

export interface Match {
  id: string;
  serial: string;
  summary: string;
  receivedAt: string;
  reason: 'same_person' | 'similar_content' | 'both';
  similarity: number;
  state: string;
  final: boolean;
  dismissed: boolean;
}

interface Scored {
  id: string;
  matterId: string | null;
  similarity: number;
  receivedAt: string;
}

/**
 * Other cases by the same person (keyed hash) or with similar text (MinHash bands, then exact Jaccard): the matches
 * shown to the clerk (at or above `threshold`, or the same person), and every candidate's score, from which the
 * case's matter for the group warning is chosen.
 */
async function scoreCandidates(db: Executor, text: string, petitionerId: string, excludeId: string, threshold: number): Promise<{ matches: Match[]; scored: Scored[] }> {
  const [byBand, byPerson] = await Promise.all([repo.bandCandidates(db, bandKeys(text), excludeId, 200), repo.casesOfPetitioner(db, petitionerId, excludeId, 200)]);
  const briefs = await repo.casesBrief(db, [...new Set([...byBand, ...byPerson])]);
  const mine = bigrams(text);
  const person = new Set(byPerson);
  const matches: Match[] = [];
  const scored: Scored[] = [];
  for (const b of briefs) {
    const s = Math.round(jaccard(mine, bigrams(`${b.summary}${b.content}`)) * 1000) / 1000;
    scored.push({ id: b.id, matterId: b.matter_id, similarity: s, receivedAt: b.received_at });
    const similar = s >= threshold;
    if (!similar && !person.has(b.id)) continue;
    matches.push({
      id: b.id, serial: serialText(b), summary: b.summary, receivedAt: b.received_at, similarity: s, state: b.state, final: b.is_final === 1, dismissed: false,
      reason: similar && person.has(b.id) ? 'both' : similar ? 'similar_content' : 'same_person',
    });
  }
  // Earliest first among equals, so a matter is named after the case that began it.
  scored.sort((a, b) => b.similarity - a.similarity || a.receivedAt.localeCompare(b.receivedAt));
  return { matches: matches.sort((a, b) => b.similarity - a.similarity || b.receivedAt.localeCompare(a.receivedAt)).slice(0, 20), scored };
}

/** Earlier cases by the same person or with similar text, most similar first (at most 20). */
export async function findMatches(db: Executor, text: string, petitionerId: string, excludeId: string, threshold: number): Promise<Match[]> {
  return (await scoreCandidates(db, text, petitionerId, excludeId, threshold)).matches;
}

/**
 * A case's text changed (修改登记): its similarity bands are rebuilt, matching runs again (new candidates are added
 * as undecided matches; those already linked or dismissed stay as decided), and its matter is chosen again unless
 * other cases already belong to the matter it began. Runs in the caller's transaction; the caller calls
 * petitionsChanged() once it has committed.
 */
export async function refreshMatching(tx: Executor, ctx: AppContext, c: { id: string; petitionerId: string; text: string; at: string }): Promise<Match[]> {
  const config = await petitionConfig(tx);
  const { matches, scored } = await scoreCandidates(tx, c.text, c.petitionerId, c.id, config.similarityThreshold);
  await repo.replaceBands(tx, c.id, bandKeys(c.text));
  const known = new Set((await repo.linksOf(tx, c.id)).map((l) => l.other_id));
  const fresh = matches.filter((m) => !known.has(m.id));
  if (fresh.length) await repo.upsertLinks(tx, fresh.map((m) => ({ petition_id: c.id, other_id: m.id, relation: 'match', reason: m.reason, similarity: m.similarity, decided_by: null, created_at: c.at })));
  if (!(await repo.matterHasOthers(tx, c.id))) await repo.updatePetition(tx, c.id, { matter_id: matterOf(c.id, scored, config.groupSimilarity) });
  return fresh;
}

// ── registration ──────────────────────────────────────────────────────────────

export async function registerPetition(ctx: AppContext, actor: Actor | null, body: RegisterBody, opts: { queryCodeHash?: string } = {}): Promise<{ id: string; matches: Match[] }> {
  if (actor) requireClerk(actor);
  const now = ctx.now();
  const today = toShanghaiDate(now);
  const receivedAt = body.receivedAt ?? today;
  if (receivedAt > today) throw bad('receivedAt', '收到日期：不能晚于今天');
  const [township, category, accused] = await Promise.all([
    units.getUnit(ctx.db, body.townshipId),
    repo.categories(ctx.db).then((c) => c.find((x) => x.id === body.categoryId)),
    body.accusedUnitId ? units.getUnit(ctx.db, body.accusedUnitId) : Promise.resolve(undefined),
  ]);
  if (!township || township.kind !== 'township') throw bad('townshipId', '所属乡镇：请选择乡镇（街道）');
  if (!category || category.disabled) throw bad('categoryId', '问题类别：请从类别表中选择在用的类别');
  if (body.channel === 'superior' && !body.superiorRef) throw bad('superiorRef', '上级转送交办文号：上级转送、交办的信访事项须填写上级文号');
  if (body.accusedUnitId && !accused) throw bad('accusedUnitId', '被反映单位：不存在');
  if (body.accusedUnitId && body.kind !== 'accusation') throw bad('accusedUnitId', '被反映单位：只有检举控告类需要填写');
  const reps = body.representatives ?? [];
  // 第20条: a group visit chooses representatives, at most five.
  if (reps.length > 5) throw bad('representatives', '代表：集体访推选的代表不得超过5人');
  const peopleCount = body.channel === 'visit' ? (body.peopleCount ?? 1 + (body.present?.length ?? 0)) : 1;
  if (peopleCount > 1 && body.channel === 'visit' && reps.length === 0) throw bad('representatives', '代表：集体访须登记推选的代表（1至5人）');
  if (body.channel !== 'visit' && (reps.length || body.present?.length)) throw bad('representatives', '代表：只有来访需要登记代表和到场人员');
  const config = await petitionConfig(ctx.db);
  const cal = await ctx.calendar();
  const text = `${body.summary}${body.content}`;
  const at = now.toISOString();
  const id = uuidv7();
  const year = Number(today.slice(0, 4));
  let matches: Match[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    const main = await personOf(tx, ctx, body.petitioner, 'petitioner', at);
    const repIds: string[] = [];
    for (const [i, r] of reps.entries()) repIds.push((await personOf(tx, ctx, r, `representatives.${i}`, at)).id);
    const presentIds: string[] = [];
    for (const [i, r] of (body.present ?? []).entries()) presentIds.push((await personOf(tx, ctx, r, `present.${i}`, at)).id);
    const found = await scoreCandidates(tx, text, main.id, id, config.similarityThreshold);
    matches = found.matches;
    // 第36条: after 复核 the same facts and reasons are not accepted again.
    const final = matches.find((m) => m.final && m.similarity >= config.similarityThreshold && (m.reason === 'both' || m.reason === 'similar_content'));
    if (final && (final.reason === 'both' || (await repo.casesOfPetitioner(tx, main.id, id, 500)).includes(final.id))) {
      throw new AppError('PETITION_FINAL', `该信访人以同一事实和理由反映的事项已经复核终结（${final.serial}），依照《信访工作条例》第三十六条不再受理`, final.id);
    }
    const serialNo = await repo.nextSerial(tx, year);
    const row: PetitionRow = {
      id, serial_year: year, serial_no: serialNo, channel: body.channel, kind: body.kind, state: 'registered', stage: 'initial', summary: body.summary, content: body.content,
      township_id: township.id, village: body.village ?? null, category_id: category.id, first_organ: body.firstOrgan, skip_level: body.firstOrgan === 'higher' ? 1 : 0,
      superior_ref: body.superiorRef ?? null, people_count: peopleCount, petitioner_id: main.id, handling_mode: null, handling_unit_id: null, handling_received_at: null,
      accused_unit_id: body.accusedUnitId ?? null, legal_route: null, outcome: null, reply: null, evaluation: null, extension_used: 0, pending_extension_days: null, parent_id: null,
      is_final: 0, matter_id: matterOf(id, found.scored, config.groupSimilarity), query_code_hash: opts.queryCodeHash ?? null, next_due: null, received_at: receivedAt, replied_at: null, closed_at: null, created_by: actor?.id ?? null, created_at: at, updated_at: at,
    };
    await repo.insertPetition(tx, row);
    await repo.insertPeople(tx, [
      { petition_id: id, petitioner_id: main.id, role: 'petitioner', seq: 0 },
      ...repIds.filter((r) => r !== main.id).map((r, i) => ({ petition_id: id, petitioner_id: r, role: 'representative', seq: i + 1 })),
      ...presentIds.filter((r) => r !== main.id && !repIds.includes(r)).map((r, i) => ({ petition_id: id, petitioner_id: r, role: 'present', seq: i + 1 })),
    ]);
    await repo.insertBands(tx, id, bandKeys(text));
    if (actor && body.fileIds?.length) await attachOnRegistration(tx, ctx, actor, id, body.fileIds, at);
    await setDeadline(tx, cal, config, row, 'register', receivedAt);
    await setDeadline(tx, cal, config, row, 'notice', receivedAt);
    await refreshNextDue(tx, ctx, cal, id);
    if (matches.length) {
      await repo.upsertLinks(tx, matches.map((m) => ({ petition_id: id, other_id: m.id, relation: 'match', reason: m.reason, similarity: m.similarity, decided_by: null, created_at: at })));
    }
    await repo.insertEvent(tx, { id: uuidv7(), petition_id: id, action: 'register', from_state: '', to_state: 'registered', actor_id: actor?.id ?? 'public', actor_name: actor?.displayName ?? '网上信访', comment: null, data: JSON.stringify({ channel: body.channel, matches: matches.length }), at });
    const clerks = await petitionClerks(tx);
    await openTodos(tx, ctx, { module: MODULE, entityId: id, task: matches.length ? `受理（疑似重复${matches.length}件）` : '受理', title: body.summary, urgency: peopleCount > 1 ? 'urgent' : 'normal', dueAt: null }, clerks);
    await recordAudit(tx, ctx, actor ?? { id: null, displayName: '网上信访', ip: null }, { action: 'petition.register', entityType: MODULE, entityId: id, detail: { channel: body.channel, kind: body.kind, matches: matches.length } });
  });
  petitionsChanged();
  return { id, matches };
}

async function petitionClerks(db: Executor): Promise<string[]> {
  const { users: all, roles } = await users.directory(db);
  const clerkIds = new Set(roles.filter((r) => r.role === 'petition').map((r) => r.user_id));
  return all.filter((u) => clerkIds.has(u.id)).map((u) => u.id);
}

// ── reading ───────────────────────────────────────────────────────────────────

async function scopeOf(db: Executor, actor: Actor): Promise<repo.PetitionScope> {
  return (await seesAll(db, actor)) ? { all: true, hideAccusedUnitId: actor.unitId } : { all: false, handlingUnitId: actor.unitId, hideAccusedUnitId: actor.unitId };
}

export async function listPetitions(ctx: AppContext, actor: Actor, q: ListQuery) {
  requireBusinessUser(actor);
  const today = toShanghaiDate(ctx.now());
  const cal = await ctx.calendar();
  let petitionerIds: string[] | undefined;
  if (q.idNumber || q.phone) {
    requireClerk(actor);
    const idHash = q.idNumber ? piiHash(ctx.config, normaliseIdNumber(q.idNumber)) : null;
    const phoneHash = q.phone ? piiHash(ctx.config, normalisePhone(q.phone)) : null;
    const p = await repo.findPetitionerByHash(ctx.db, idHash, phoneHash);
    petitionerIds = p ? [p.id] : [];
  }
  const { items, total } = await repo.listPetitions(
    ctx.db,
    await scopeOf(ctx.db, actor),
    {
      state: q.state, kind: q.kind, channel: q.channel, townshipId: q.townshipId, categoryId: q.categoryId, handlingUnitId: q.handlingUnitId, q: q.q, from: q.from, to: q.to, petitionerIds,
      overdueBefore: q.flag === 'overdue' ? today : undefined,
      dueBetween: q.flag === 'due_soon' ? [today, cal.addWorkdays(today, 3).date] : undefined,
      group: q.flag === 'group', skipLevel: q.flag === 'skip_level', matterId: q.matterId,
    },
    q,
  );
  return { items: await toSummaries(ctx, items), total };
}

type ListRow = Awaited<ReturnType<typeof repo.listPetitions>>['items'][number];

async function toSummaries(ctx: AppContext, rows: ListRow[]) {
  const cal = await ctx.calendar();
  const today = toShanghaiDate(ctx.now());
  const [deadlines, cats, unitRows] = await Promise.all([
    repo.deadlinesOf(ctx.db, rows.map((r) => r.id)),
    repo.categories(ctx.db),
    units.getUnitsByIds(ctx.db, [...new Set(rows.flatMap((r) => [r.township_id, r.handling_unit_id].filter((x): x is string => !!x)))]),
  ]);
  const unitName = new Map(unitRows.map((u) => [u.id, unitLabel(u)]));
  const catName = new Map(cats.map((c) => [c.id, c.name]));
  return rows.map((p) => {
    const mine = deadlines.filter((d) => d.petition_id === p.id).map((d) => toDeadline(cal, today, d));
    const next = mine.filter((d) => !d.metAt && d.kind !== 'objection').sort((a, b) => a.due.localeCompare(b.due))[0] ?? null;
    return {
      id: p.id, serial: serialText(p), channel: p.channel, channelLabel: CHANNEL_LABELS[p.channel] ?? p.channel, kind: p.kind, kindLabel: KIND_LABELS[p.kind] ?? p.kind,
      state: p.state, stateLabel: stateLabel(p.state), summary: p.summary, townshipId: p.township_id, townshipName: unitName.get(p.township_id) ?? '', village: p.village,
      categoryId: p.category_id, categoryName: catName.get(p.category_id) ?? '', peopleCount: Number(p.people_count), isGroup: Number(p.people_count) > 1, skipLevel: p.skip_level === 1,
      petitionerName: p.petitioner_name, petitionerIdMasked: p.id_number_masked, petitionerPhoneMasked: p.phone_masked,
      handlingUnitId: p.handling_unit_id, handlingUnitName: p.handling_unit_id ? (unitName.get(p.handling_unit_id) ?? '') : null,
      nextDeadline: OPEN.has(p.state) ? next : null, overdue: OPEN.has(p.state) && !!next && next.overdue, receivedAt: p.received_at, createdAt: p.created_at,
    };
  });
}

function toDeadline(cal: WorkCalendar, today: string, d: { kind: string; due: string; rule: string; met_at: string | null }) {
  const metDate = d.met_at ? toShanghaiDate(new Date(d.met_at)) : null;
  return {
    kind: d.kind, label: DEADLINE_LABELS[d.kind] ?? d.kind, due: d.due, rule: d.rule,
    daysRemaining: Math.round((Date.parse(`${d.due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000),
    metAt: d.met_at, overdue: d.kind === 'objection' ? false : metDate ? metDate > d.due : today > d.due, workdaysRemaining: cal.workdaysBetween(today, d.due),
  };
}

const DOC_LABELS: Record<string, string> = { acceptance_notice: '受理告知书', opinion: '信访事项处理意见书', review_decision: '复查意见书', recheck_decision: '复核意见书' };
const ACTION_LABELS: Record<string, string> = { register: '登记', match: '重复件处理', remind: '期限提醒' };

export async function getPetitionDetail(ctx: AppContext, actor: Actor, id: string) {
  const { p, rel } = await loadForRead(ctx.db, actor, id);
  const petitioner = (await repo.petitionersByIds(ctx.db, [p.petitioner_id]))[0]!;
  const [summary] = await toSummaries(ctx, [{ ...p, petitioner_name: petitioner.name, id_number_masked: petitioner.id_number_masked, phone_masked: petitioner.phone_masked }]);
  const cal = await ctx.calendar();
  const today = toShanghaiDate(ctx.now());
  const [people, deadlines, links, docs, events, assignments] = await Promise.all([
    repo.peopleOf(ctx.db, id),
    repo.deadlinesOf(ctx.db, [id]),
    repo.linksOf(ctx.db, id),
    repo.documentsOf(ctx.db, id),
    repo.eventsOf(ctx.db, id),
    assignmentsRepo.assignmentsFromSource(ctx.db, MODULE, id),
  ]);
  // A linked 检举控告 case stays hidden from its accused unit here too.
  const visibleLinks = links.filter((l) => !(l.kind === 'accusation' && l.accused_unit_id && l.accused_unit_id === actor.unitId));
  const actions = availableActions(petitionWorkflow, p.state, rel);
  const files = await filesOfCase(ctx.db, actor, p, rel);
  return {
    ...summary!,
    content: p.content, firstOrgan: p.first_organ, superiorRef: p.superior_ref,
    people: people.map((x) => ({ id: x.id, role: x.role, name: x.name, idMasked: x.id_number_masked, phoneMasked: x.phone_masked, address: x.address })),
    handlingMode: p.handling_mode, legalRoute: p.legal_route, accusedUnitId: rel.has('clerk') ? p.accused_unit_id : null,
    outcome: p.outcome, reply: p.reply, evaluation: p.evaluation, extensionUsed: p.extension_used === 1, stage: p.stage, parentId: p.parent_id,
    deadlines: deadlines.map((d) => toDeadline(cal, today, d)),
    matches: visibleLinks.filter((l) => l.relation === 'match' || l.relation === 'dismissed').map((l) => ({
      id: l.other_id, serial: serialText(l), summary: l.summary, receivedAt: l.received_at, reason: l.reason, similarity: Number(l.similarity), state: l.state, final: l.is_final === 1, dismissed: l.relation === 'dismissed',
    })),
    linked: visibleLinks.filter((l) => l.relation === 'repeat' || l.relation === 'earlier_final').map((l) => ({ id: l.other_id, serial: serialText(l), relation: l.relation })),
    documents: docs.map((d) => ({ id: d.id, kind: d.kind, label: DOC_LABELS[d.kind] ?? d.kind, createdAt: d.created_at })),
    history: events.map((e) => ({ id: e.id, action: e.action, actionLabel: ACTION_LABELS[e.action] ?? EDIT_EVENT_LABELS[e.action] ?? petitionWorkflow.transitions.find((t) => t.action === e.action)?.label ?? e.action, actorName: e.actor_name, comment: e.comment, at: e.at })),
    availableActions: actions,
    assignmentIds: assignments.map((a) => a.id),
    editable: editableOf(p, rel),
    files,
  };
}

/** The clear identity number or phone of one person on the case, for 信访 staff, with the reason on record. */
export async function revealPii(ctx: AppContext, actor: Actor, id: string, body: { personId: string; field: 'idNumber' | 'phone'; reason: string }) {
  requireClerk(actor);
  const { p } = await loadForRead(ctx.db, actor, id);
  const people = await repo.peopleOf(ctx.db, p.id);
  const person = people.find((x) => x.id === body.personId);
  if (!person) throw new AppError('NOT_FOUND');
  const stored = body.field === 'idNumber' ? person.id_number_enc : person.phone_enc;
  if (!stored) throw bad('field', body.field === 'idNumber' ? '身份证号：未登记' : '联系电话：未登记');
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'petition.reveal_pii', entityType: MODULE, entityId: id, detail: { personId: person.id, field: body.field, reason: body.reason } }));
  return { value: decryptPii(ctx.config, stored) };
}

export async function decideMatch(ctx: AppContext, actor: Actor, id: string, matchId: string, decision: 'link' | 'dismiss') {
  requireClerk(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { p } = await loadForRead(tx, actor, id, true);
    const link = (await repo.linksOf(tx, p.id)).find((l) => l.other_id === matchId);
    if (!link) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    await repo.upsertLinks(tx, [{ petition_id: p.id, other_id: matchId, relation: decision === 'link' ? 'repeat' : 'dismissed', reason: link.reason, similarity: Number(link.similarity), decided_by: actor.id, created_at: at }]);
    if (decision === 'link') {
      await repo.upsertLinks(tx, [{ petition_id: matchId, other_id: p.id, relation: 'repeat', reason: link.reason, similarity: Number(link.similarity), decided_by: actor.id, created_at: at }]);
      // Linked as the same matter: the two matters become one, under the earlier case's matter.
      const other = await repo.getPetition(tx, matchId);
      if (other) {
        const [earlier, later] = other.received_at <= p.received_at ? [other, p] : [p, other];
        await repo.mergeMatters(tx, later.matter_id ?? later.id, earlier.matter_id ?? earlier.id);
      }
    }
    await repo.insertEvent(tx, { id: uuidv7(), petition_id: p.id, action: 'match', from_state: p.state, to_state: p.state, actor_id: actor.id, actor_name: actor.displayName, comment: `${decision === 'link' ? '关联为重复信访' : '排除疑似重复'}：${serialText(link)}`, data: null, at });
    await recordAudit(tx, ctx, actor, { action: `petition.match_${decision}`, entityType: MODULE, entityId: p.id, detail: { other: matchId } });
  });
  petitionsChanged();
  return getPetitionDetail(ctx, actor, id);
}

// ── steps ────────────────────────────────────────────────────────────────────

const OUTCOMES_BY_KIND: Record<string, string[]> = { suggestion: ['adopted', 'not_adopted'], accusation: ['support', 'explain', 'reject'], appeal: ['support', 'explain', 'reject'] };

async function organName(db: Executor, actor: Actor): Promise<string> {
  if (!actor.unitId) return '信访工作机构';
  return (await units.getUnit(db, actor.unitId))?.name ?? '信访工作机构';
}

async function handlerIds(db: Executor, p: PetitionRow): Promise<string[]> {
  if (p.handling_mode === 'direct' || !p.handling_unit_id) return petitionClerks(db);
  const clerks = await users.activeUsersOfUnit(db, p.handling_unit_id, 'unit');
  return clerks.length ? clerks.map((u) => u.id) : petitionClerks(db);
}

export async function actOnPetition(ctx: AppContext, actor: Actor, id: string, action: string, body: ActionBody) {
  requireBusinessUser(actor);
  const now = ctx.now();
  const at = now.toISOString();
  const today = toShanghaiDate(now);
  const cal = await ctx.calendar();
  const config = await petitionConfig(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const { p, rel } = await loadForRead(tx, actor, id, true);
    const result = applyTransition(petitionWorkflow, { state: p.state, action, relations: rel, input: { ...body }, now });
    if (!result.ok) throw new AppError(result.code, result.message, result.field);
    const to = PETITION_STATE_KEEPING_ACTIONS.has(action) ? p.state : result.to;
    const patch: Partial<PetitionRow> = { state: to, updated_at: at };
    const deadlines = await repo.deadlinesOf(tx, [p.id]);
    const due = (kind: string) => deadlines.find((d) => d.kind === kind);
    const notPast = (kind: string, message: string) => {
      const d = due(kind);
      if (d && !d.met_at && today > d.due) throw new AppError('PETITION_LIMIT_PASSED', `${message}（期限${d.due}，${d.rule}）`);
    };
    let doc: { kind: string; content: GongwenDocument } | null = null;
    const docBase = async () => {
      const petitioner = (await repo.petitionersByIds(tx, [p.petitioner_id]))[0]!;
      return { organName: await organName(tx, actor), serial: serialText(p), petitionerName: petitioner.name, receivedAt: p.received_at, summary: p.summary, date: today };
    };
    switch (action) {
      case 'accept': {
        const mode = body.handlingMode!;
        let unitId: string | null = null;
        if (mode === 'direct') unitId = actor.unitId;
        else {
          if (!body.handlingUnitId) throw bad('handlingUnitId', '承办单位：转送、交办须选择承办单位');
          const unit = await units.getUnit(tx, body.handlingUnitId);
          if (!unit) throw bad('handlingUnitId', '承办单位：不存在');
          if (p.kind === 'accusation' && p.accused_unit_id === unit.id) throw bad('handlingUnitId', '承办单位：检举控告不得转交被反映单位办理（《信访工作条例》第三十条）');
          unitId = unit.id;
        }
        Object.assign(patch, { handling_mode: mode, handling_unit_id: unitId, handling_received_at: at });
        await repo.meetDeadline(tx, p.id, 'register', at);
        await repo.meetDeadline(tx, p.id, 'notice', at);
        const handleDue = await setDeadline(tx, cal, config, p, 'handle', today);
        if (mode !== 'direct') await setDeadline(tx, cal, config, p, 'objection', today);
        const handler = unitId ? ((await units.getUnit(tx, unitId))?.name ?? '') : '';
        doc = { kind: 'acceptance_notice', content: buildAcceptanceNotice({ ...(await docBase()), handlerName: handler, handleDue }) };
        break;
      }
      case 'route_legal':
        Object.assign(patch, { legal_route: body.legalRoute, closed_at: at });
        await repo.meetDeadline(tx, p.id, 'register', at);
        await repo.meetDeadline(tx, p.id, 'notice', at);
        break;
      case 'not_accept':
        patch.closed_at = at;
        await repo.meetDeadline(tx, p.id, 'register', at);
        await repo.meetDeadline(tx, p.id, 'notice', at);
        break;
      case 'object': {
        // 第23条: an objection that the matter is not the unit's, within 5 working days of receiving it.
        const d = due('objection');
        if (!d) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '直接办理的事项不能提出异议');
        if (today > d.due) throw new AppError('PETITION_LIMIT_PASSED', `异议须在收到之日起5个工作日内提出（期限${d.due}），已超过期限，请按时办理`);
        Object.assign(patch, { handling_mode: null, handling_unit_id: null, handling_received_at: null });
        await repo.meetDeadline(tx, p.id, 'objection', at);
        await tx.deleteFrom('petition_deadlines').where('petition_id', '=', p.id).where('kind', '=', 'handle').execute();
        // Routing is owed again, still under the 15 days from receipt (第22条).
        await tx.updateTable('petition_deadlines').set({ met_at: null }).where('petition_id', '=', p.id).where('kind', '=', 'register').execute();
        break;
      }
      case 'request_extension':
        if (p.extension_used) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '办理期限只能延长一次（《信访工作条例》第三十四条），已经延期过');
        if ((body.days ?? 0) > MAX_EXTENSION_DAYS) throw bad('days', `延期天数：不得超过${MAX_EXTENSION_DAYS}日`);
        notPast('handle', '办理期限已过，不能再申请延期');
        patch.pending_extension_days = body.days!;
        break;
      case 'approve_extension': {
        const accepted = (await repo.eventsOf(tx, p.id)).filter((e) => e.action === 'accept').pop();
        const start = accepted ? toShanghaiDate(new Date(accepted.at)) : p.received_at;
        await setDeadline(tx, cal, config, p, 'handle', start, p.pending_extension_days ?? 0);
        Object.assign(patch, { extension_used: 1, pending_extension_days: null });
        break;
      }
      case 'refuse_extension':
        patch.pending_extension_days = null;
        break;
      case 'reply': {
        if (!OUTCOMES_BY_KIND[p.kind]!.includes(body.outcome!)) throw bad('outcome', p.kind === 'suggestion' ? '处理意见：建议意见类请选择采纳或未采纳' : '处理意见：请选择支持、解释说明或不予支持');
        Object.assign(patch, { outcome: body.outcome, reply: result.comment, replied_at: at });
        await repo.meetDeadline(tx, p.id, 'handle', at);
        await repo.meetDeadline(tx, p.id, 'objection', at);
        await setDeadline(tx, cal, config, p, 'review_request', today);
        doc = { kind: 'opinion', content: buildOpinion({ ...(await docBase()), stage: 'initial', outcome: body.outcome!, reasons: result.comment!, nextStepDays: LIMITS.review_request.days }) };
        break;
      }
      case 'evaluate':
        patch.evaluation = body.evaluation!;
        break;
      case 'request_review':
        notPast('review_request', '复查须在收到处理意见书之日起30日内请求');
        await repo.meetDeadline(tx, p.id, 'review_request', at);
        await setDeadline(tx, cal, config, p, 'review', today);
        Object.assign(patch, { stage: 'review', evaluation: null });
        break;
      case 'decide_review':
        if (!OUTCOMES_BY_KIND[p.kind]!.includes(body.outcome!)) throw bad('outcome', '处理意见：与信访事项类别不符');
        Object.assign(patch, { outcome: body.outcome, reply: result.comment, replied_at: at });
        await repo.meetDeadline(tx, p.id, 'review', at);
        await setDeadline(tx, cal, config, p, 'recheck_request', today);
        doc = { kind: 'review_decision', content: buildOpinion({ ...(await docBase()), stage: 'review', outcome: body.outcome!, reasons: result.comment!, nextStepDays: LIMITS.recheck_request.days }) };
        break;
      case 'request_recheck':
        notPast('recheck_request', '复核须在收到复查意见之日起30日内请求');
        await repo.meetDeadline(tx, p.id, 'recheck_request', at);
        await setDeadline(tx, cal, config, p, 'recheck', today);
        Object.assign(patch, { stage: 'recheck', evaluation: null });
        break;
      case 'decide_recheck':
        if (!OUTCOMES_BY_KIND[p.kind]!.includes(body.outcome!)) throw bad('outcome', '处理意见：与信访事项类别不符');
        Object.assign(patch, { outcome: body.outcome, reply: result.comment, replied_at: at, is_final: 1, closed_at: at });
        await repo.meetDeadline(tx, p.id, 'recheck', at);
        doc = { kind: 'recheck_decision', content: buildOpinion({ ...(await docBase()), stage: 'recheck', outcome: body.outcome!, reasons: result.comment!, nextStepDays: 0 }) };
        break;
      case 'close':
        patch.closed_at = at;
        // The windows for 复查/复核 requests end with the case.
        await repo.meetDeadline(tx, p.id, 'review_request', at);
        await repo.meetDeadline(tx, p.id, 'recheck_request', at);
        break;
      case 'instruct': {
        if (!body.assigneeUnitId || !body.deadline) throw bad(!body.assigneeUnitId ? 'assigneeUnitId' : 'deadline', !body.assigneeUnitId ? '承办单位：批示交办须选择承办单位' : '办理期限：批示交办须填写期限');
        if (p.kind === 'accusation' && p.accused_unit_id === body.assigneeUnitId) throw bad('assigneeUnitId', '承办单位：检举控告不得交由被反映单位办理（《信访工作条例》第三十条）');
        const created = await createAssignment(
          ctx,
          actor,
          { title: `信访件${serialText(p)}：${p.summary}`.slice(0, 200), instruction: result.comment!, assigneeUnitId: body.assigneeUnitId, urgency: 'urgent', classification: 'none', deadline: { type: 'date', date: body.deadline }, sourceKind: 'leader_instruction', sourceRef: serialText(p) },
          { tx, source: { type: MODULE, id: p.id }, calendar: cal },
        ).catch((e: unknown) => {
          if (e instanceof AppError && e.field) throw new AppError(e.code, e.message, e.field === 'deadline.date' ? 'deadline' : e.field);
          throw e;
        });
        void created;
        break;
      }
    }
    await repo.updatePetition(tx, p.id, patch);
    const updated = { ...p, ...patch } as PetitionRow;
    await refreshNextDue(tx, ctx, cal, p.id);
    const eventId = uuidv7();
    await repo.insertEvent(tx, {
      id: eventId, petition_id: p.id, action, from_state: p.state, to_state: to, actor_id: actor.id, actor_name: actor.displayName, comment: result.comment,
      data: JSON.stringify({ ...(body.handlingMode ? { handlingMode: body.handlingMode, handlingUnitId: updated.handling_unit_id } : {}), ...(body.outcome ? { outcome: body.outcome } : {}), ...(body.days ? { days: body.days } : {}), ...(body.evaluation ? { evaluation: body.evaluation } : {}), ...(body.legalRoute ? { legalRoute: body.legalRoute } : {}) }),
      at,
    });
    if (doc) await repo.insertDocument(tx, { id: uuidv7(), petition_id: p.id, kind: doc.kind, content: JSON.stringify(doc.content), created_at: at });
    if (to !== p.state) {
      await closeTodos(tx, ctx, MODULE, p.id);
      const who = to === 'handling' ? await handlerIds(tx, updated) : OPEN.has(to) ? await petitionClerks(tx) : [];
      const task = { registered: '受理', handling: '办理', extension_requested: '审批延期', replied: '回访评价', review: '复查', review_decided: '跟踪复查结果', recheck: '复核' }[to as 'registered'];
      if (task && who.length) await openTodos(tx, ctx, { module: MODULE, entityId: p.id, task, title: p.summary, urgency: Number(p.people_count) > 1 ? 'urgent' : 'normal', dueAt: null }, who);
    }
    await recordAudit(tx, ctx, actor, { action: `petition.${action}`, entityType: MODULE, entityId: p.id, detail: { from: p.state, to } });
  });
  petitionsChanged();
  if (action === 'object' && !(await seesAll(ctx.db, actor))) {
    // The objecting unit no longer holds the case: it learns the step was taken, not the case's further course.
    return { id, state: 'registered', stateLabel: stateLabel('registered'), accessEnded: true as const };
  }
  return getPetitionDetail(ctx, actor, id);
}

export async function documentDocx(ctx: AppContext, actor: Actor, id: string, docId: string) {
  const { p } = await loadForRead(ctx.db, actor, id);
  const d = await repo.getDocument(ctx.db, p.id, docId);
  if (!d) throw new AppError('NOT_FOUND');
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'petition.document_download', entityType: MODULE, entityId: p.id, detail: { docId, kind: d.kind } }));
  return { buffer: await renderDocx(JSON.parse(d.content) as GongwenDocument), filename: `${serialText(p)}${DOC_LABELS[d.kind] ?? ''}.docx` };
}

// ── categories ─────────────────────────────────────────────────────────────────

export async function listCategories(ctx: AppContext) {
  const rows = await repo.categories(ctx.db);
  return { items: rows.map((c) => ({ id: c.id, name: c.name, sortOrder: Number(c.sort_order), disabled: c.disabled === 1 })) };
}

export async function addCategory(ctx: AppContext, actor: Actor, name: string) {
  requireClerk(actor);
  const all = await repo.categories(ctx.db);
  if (all.some((c) => c.name === name)) throw bad('name', `名称：“${name}”已存在`);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertCategory(tx, { id, name, sort_order: all.length + 1, disabled: 0 });
    await recordAudit(tx, ctx, actor, { action: 'petition.category_add', entityType: MODULE, entityId: id, detail: { name } });
  });
  petitionsChanged();
  return { id };
}

export async function updateCategory(ctx: AppContext, actor: Actor, id: string, body: { name?: string; sortOrder?: number; disabled?: boolean }) {
  requireClerk(actor);
  const all = await repo.categories(ctx.db);
  if (!all.some((c) => c.id === id)) throw new AppError('NOT_FOUND');
  if (body.name === undefined && body.sortOrder === undefined && body.disabled === undefined) throw bad('name', '修改类别：请至少修改名称、排序号或停用中的一项');
  if (body.name && all.some((c) => c.name === body.name && c.id !== id)) throw bad('name', `名称：“${body.name}”已存在`);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateCategory(tx, id, { ...(body.name ? { name: body.name } : {}), ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}) });
    await recordAudit(tx, ctx, actor, { action: 'petition.category_update', entityType: MODULE, entityId: id, detail: body });
  });
  petitionsChanged();
  return listCategories(ctx);
}

export { seesAll, scopeOf, requireClerk, loadForRead, relationsOf, setDeadline, refreshNextDue, OPEN as OPEN_STATES, bad, stateLabel };

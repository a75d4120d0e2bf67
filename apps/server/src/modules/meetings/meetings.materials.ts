/**
 * 会议材料: files uploaded through /api/files and attached here without a file link, so only this module
 * serves them — per attendee (audience), within clearance, and withdrawn after the meeting when so marked.
 * Also the summary of a 情况征集 attached to the meeting, as part of its materials.
 */
import { AppError, isCleared } from '@zhongshu/core';
import { files as filesRepo, meetings as repo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { meetingCollectionSummaryXlsx } from '../collections/collections.meeting.ts';
import { bad, canSeeMaterial, loadForOffice, loadMeeting, MODULE, notInState, unitsOfReader } from './meetings.access.ts';
import { materialOut } from './meetings.service.ts';
import type { MaterialBody } from './meetings.schemas.ts';

/**
 * Adds a material: the office, or a user of the unit whose approved 议题 it belongs to. The material's 密级
 * may not exceed the uploader's clearance, and the file must be the uploader's own upload.
 */
export async function addMaterial(ctx: AppContext, actor: Actor, id: string, body: MaterialBody) {
  requireBusinessUser(actor);
  const classification = body.classification ?? 'none';
  const materialId = uuidv7();
  const { unitIds } = await unitsOfReader(ctx.db, actor);
  await ctx.db.transaction().execute(async (tx) => {
    const access = await loadMeeting(tx, actor, id, { lock: true }).catch(async (e: unknown) => {
      // A proposing unit adds material to its topic without otherwise reading the meeting.
      if (!(e instanceof AppError) || e.code !== 'NOT_FOUND' || !body.topicId) throw e;
      return null;
    });
    const m = access?.meeting ?? (await repo.lockMeeting(tx, id));
    if (!m || !isCleared(actor.clearance, m.classification)) throw new AppError('NOT_FOUND');
    const office = access?.office ?? false;
    const topic = body.topicId ? await repo.getTopic(tx, m.id, body.topicId) : undefined;
    if (body.topicId && !topic) {
      if (!access) throw new AppError('NOT_FOUND');
      throw bad('topicId', '议题：不存在');
    }
    if (!office) {
      if (!topic || !unitIds.includes(topic.proposer_unit_id)) {
        if (!access) throw new AppError('NOT_FOUND');
        throw new AppError('FORBIDDEN', '会议材料由党办上传；议题申报单位可以为本单位已通过的议题上传材料');
      }
      if (topic.state !== 'approved') throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '议题尚未通过审定，暂不能上传材料');
    }
    if (m.state === 'held' || m.state === 'cancelled') throw notInState(m, '上传材料');
    if (!isCleared(actor.clearance, classification)) throw new AppError('CLEARANCE_INSUFFICIENT', '密级：材料密级不能高于您本人的密级权限', 'classification');
    const file = await filesRepo.getFile(tx, body.fileId);
    if (!file || file.uploaded_by !== actor.id) throw bad('fileId', '文件：请先上传文件（只能使用本人上传的文件）');
    const audience = body.audience ? [...new Set(body.audience)] : null;
    if (audience) {
      const ids = new Set((await repo.attendeeRows(tx, m.id)).map((a) => a.id));
      if (audience.length === 0) throw bad('audience', '分发范围：请至少选择一名参会人员，或不限定范围');
      if (audience.some((a) => !ids.has(a))) throw bad('audience', '分发范围：有人员不在本次会议的参会名单中');
    }
    await repo.insertMaterial(tx, {
      id: materialId, meeting_id: m.id, topic_id: topic?.id ?? null, file_id: file.id, title: body.title, classification, audience: audience ? JSON.stringify(audience) : null,
      withdraw_after: body.withdrawAfter ? 1 : 0, withdrawn_at: null, uploaded_by: actor.id, created_at: ctx.now().toISOString(),
    });
    await recordAudit(tx, ctx, actor, { action: 'meeting.material_add', entityType: MODULE, entityId: m.id, detail: { materialId, fileId: file.id, title: body.title, classification, audience, withdrawAfter: body.withdrawAfter ?? false } });
  });
  return materialOut((await repo.getMaterial(ctx.db, id, materialId))!);
}

export async function deleteMaterial(ctx: AppContext, actor: Actor, id: string, materialId: string): Promise<{ ok: true }> {
  await ctx.db.transaction().execute(async (tx) => {
    const { meeting: m } = await loadForOffice(tx, actor, id);
    const mat = await repo.getMaterial(tx, m.id, materialId);
    if (!mat || !isCleared(actor.clearance, mat.classification)) throw new AppError('NOT_FOUND');
    await repo.deleteMaterial(tx, mat.id);
    await recordAudit(tx, ctx, actor, { action: 'meeting.material_delete', entityType: MODULE, entityId: m.id, detail: { materialId, title: mat.title } });
  });
  return { ok: true };
}

/**
 * Opens a material for download: only for a reader who may see it (else NOT_FOUND, as if it did not
 * exist); once withdrawn after the meeting, for the office alone. Every download is on the record.
 */
export async function openMaterial(ctx: AppContext, actor: Actor, id: string, materialId: string) {
  const access = await loadMeeting(ctx.db, actor, id);
  const mat = await repo.getMaterial(ctx.db, id, materialId);
  if (!mat || !canSeeMaterial(actor, access, mat)) throw new AppError('NOT_FOUND');
  if (mat.withdrawn_at && !access.office) throw new AppError('MEETING_MATERIAL_WITHDRAWN');
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, actor, { action: 'meeting.material_download', entityType: MODULE, entityId: id, detail: { materialId, fileId: mat.file_id, classification: mat.classification } }),
  );
  return { name: mat.file_name, mime: mat.file_mime, size: Number(mat.file_size), stream: ctx.files.read(mat.storage_key) };
}

/** An attached collection's summary (.xlsx), for the meeting's readers. */
export async function collectionSummary(ctx: AppContext, actor: Actor, id: string, collectionId: string) {
  await loadMeeting(ctx.db, actor, id);
  return meetingCollectionSummaryXlsx(ctx, actor, id, collectionId);
}

/**
 * Files on a 信访 case: the scanned 来信 original, evidence, and the handling unit's material. Files are uploaded
 * through /api/files first and attached here; the files module serves them to whoever may read the case
 * ({@link canReadPetition}), so the accused unit of a 检举控告 never gets them.
 */
import { AppError } from '@zhongshu/core';
import { files as filesRepo, petitions as repo, type Executor, type PetitionRow } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { bad, getPetitionDetail, loadForRead, MODULE, OPEN_STATES as OPEN, relationsOf, stateLabel } from './petitions.service.ts';
import type { AttachFileBody } from './petitions.schemas.ts';

export const FILE_KIND_LABELS: Record<string, string> = { original: '来信原件', evidence: '证明材料', handling: '办理材料' };
/** While its unit holds the case, the handling unit adds its own material. */
const HOLDING = new Set(['handling', 'extension_requested']);
const lockedCase = (p: PetitionRow) => new AppError('PETITION_EDIT_LOCKED', `该信访事项${stateLabel(p.state)}，附件不能再添加或删除`);

/** Whether the user may read the case (and so its files); the files module asks this for each download. */
export async function canReadPetition(db: Executor, actor: Actor, petitionId: string): Promise<boolean> {
  if (actor.adminRole) return false;
  const p = await repo.getPetition(db, petitionId);
  return !!p && (await relationsOf(db, actor, p)).size > 0;
}

/** `PetitionDetail.files`: who added each file, and whether this reader may take it off the case. */
export async function filesOfCase(db: Executor, actor: Actor, p: Pick<PetitionRow, 'id' | 'state'>, rel: ReadonlySet<string>) {
  const rows = await repo.filesOfPetition(db, p.id);
  const open = OPEN.has(p.state);
  return rows.map((f) => ({
    id: f.id, name: f.name, size: Number(f.size), kind: f.kind, kindLabel: FILE_KIND_LABELS[f.kind] ?? f.kind,
    addedByName: f.added_by_name ?? '', addedByUnitName: f.added_by_unit_short_name || f.added_by_unit_name || null, addedAt: f.added_at,
    canRemove: open && (rel.has('clerk') || f.added_by === actor.id),
  }));
}

/** Checks the ids are the caller's own uploads, each once; the files (or a 400 naming `field`). */
async function ownUploads(db: Executor, actor: Actor, fileIds: readonly string[], field: string) {
  const ids = [...new Set(fileIds)];
  const found = await filesRepo.getFiles(db, ids);
  const mine = new Map(found.filter((f) => f.uploaded_by === actor.id).map((f) => [f.id, f]));
  if (ids.some((id) => !mine.has(id))) throw bad(field, '附件：请先上传文件（只能使用本人上传的文件）');
  return ids.map((id) => mine.get(id)!);
}

/** Registration's `fileIds`: the clerk's uploads, attached as 来信原件 in the registration's transaction. */
export async function attachOnRegistration(tx: Executor, ctx: AppContext, actor: Actor, petitionId: string, fileIds: readonly string[], at: string): Promise<void> {
  const files = await ownUploads(tx, actor, fileIds, 'fileIds');
  await repo.addPetitionFiles(tx, files.map((f) => ({ petition_id: petitionId, file_id: f.id, kind: 'original', added_by: actor.id, added_by_unit_id: actor.unitId, added_at: at, event_id: null })));
  await recordAudit(tx, ctx, actor, { action: 'petition.attach_file', entityType: MODULE, entityId: petitionId, detail: { kind: 'original', files: files.map((f) => ({ id: f.id, name: f.name })), onRegistration: true } });
}

/**
 * Attaches an upload: the 信访 clerk any kind while the case is open; the handling unit's users their 办理材料
 * while their unit holds the case.
 */
export async function attachPetitionFile(ctx: AppContext, actor: Actor, id: string, body: AttachFileBody) {
  requireBusinessUser(actor);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const { p, rel } = await loadForRead(tx, actor, id, true);
    const clerk = rel.has('clerk');
    const holder = !clerk && rel.has('handler') && !!p.handling_unit_id && p.handling_unit_id === actor.unitId;
    if (!clerk && !holder) throw new AppError('FORBIDDEN', '附件由信访工作人员添加；承办单位在办理期间可以添加办理材料');
    if (!OPEN.has(p.state)) throw lockedCase(p);
    if (!clerk) {
      if (!HOLDING.has(p.state)) throw new AppError('PETITION_EDIT_LOCKED', `承办单位在办理期间可以添加办理材料，该事项${stateLabel(p.state)}`);
      if (body.kind !== 'handling') throw bad('kind', '材料类别：承办单位添加的是办理材料');
    }
    const [file] = await ownUploads(tx, actor, [body.fileId], 'fileId');
    if (await repo.getPetitionFile(tx, p.id, file!.id)) throw bad('fileId', `文件：“${file!.name}”已在本事项的附件中`);
    const eventId = uuidv7();
    await repo.addPetitionFiles(tx, [{ petition_id: p.id, file_id: file!.id, kind: body.kind, added_by: actor.id, added_by_unit_id: actor.unitId, added_at: at, event_id: eventId }]);
    const label = FILE_KIND_LABELS[body.kind]!;
    await repo.insertEvent(tx, {
      id: eventId, petition_id: p.id, action: 'attach_file', from_state: p.state, to_state: p.state, actor_id: actor.id, actor_name: actor.displayName,
      comment: `${label}：${file!.name}`, data: JSON.stringify({ fileId: file!.id, name: file!.name, kind: body.kind }), at,
    });
    await recordAudit(tx, ctx, actor, { action: 'petition.attach_file', entityType: MODULE, entityId: p.id, detail: { fileId: file!.id, name: file!.name, kind: body.kind } });
  });
  return getPetitionDetail(ctx, actor, id);
}

/** Takes a file off the case: whoever attached it, or the 信访 clerk, while the case is open. The upload itself stays its uploader's. */
export async function removePetitionFile(ctx: AppContext, actor: Actor, id: string, fileId: string) {
  requireBusinessUser(actor);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const { p, rel } = await loadForRead(tx, actor, id, true);
    const attached = await repo.getPetitionFile(tx, p.id, fileId);
    if (!attached) throw new AppError('NOT_FOUND');
    if (!rel.has('clerk') && attached.added_by !== actor.id) throw new AppError('FORBIDDEN', '附件只能由添加人或信访工作人员删除');
    if (!OPEN.has(p.state)) throw lockedCase(p);
    const file = await filesRepo.getFile(tx, fileId);
    await repo.removePetitionFile(tx, p.id, fileId);
    const label = FILE_KIND_LABELS[attached.kind] ?? attached.kind;
    await repo.insertEvent(tx, {
      id: uuidv7(), petition_id: p.id, action: 'remove_file', from_state: p.state, to_state: p.state, actor_id: actor.id, actor_name: actor.displayName,
      comment: `${label}：${file?.name ?? fileId}`, data: JSON.stringify({ fileId, name: file?.name ?? null, kind: attached.kind, addedBy: attached.added_by }), at,
    });
    await recordAudit(tx, ctx, actor, { action: 'petition.remove_file', entityType: MODULE, entityId: p.id, detail: { fileId, name: file?.name ?? null, kind: attached.kind } });
  });
  return getPetitionDetail(ctx, actor, id);
}

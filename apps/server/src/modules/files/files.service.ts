import { randomUUID } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '@zhongshu/core';
import { assignments, files as repo } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { TooLarge } from '../../lib/file-store.ts';
import { canReadAssignment } from '../assignments/assignments.service.ts';
import { canDownloadDocumentFile } from '../documents/documents.service.ts';
import { canReadPetition } from '../petitions/petitions.files.ts';

/** Stores an upload (streamed, size-limited, fsynced) and records who uploaded it. */
export async function uploadFile(ctx: AppContext, actor: Actor, part: MultipartFile | undefined, maxMb: number) {
  requireBusinessUser(actor);
  if (!part) throw new AppError('VALIDATION_FAILED', '文件：请选择要上传的文件', 'file');
  const name = (part.filename || '未命名文件').replace(/[\\/\x00-\x1f]/g, '_').slice(0, 200);
  let stored;
  try {
    stored = await ctx.files.save(part.file, maxMb * 1024 * 1024);
  } catch (e) {
    if (e instanceof TooLarge || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', `文件"${name}"超过${maxMb}MB的大小上限，请压缩或拆分后再上传`, 'file');
    }
    throw e;
  }
  if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', `文件"${name}"超过${maxMb}MB的大小上限，请压缩或拆分后再上传`, 'file');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertFile(tx, {
      id,
      name,
      size: stored.size,
      mime: part.mimetype || 'application/octet-stream',
      sha256: stored.sha256,
      storage_key: stored.key,
      uploaded_by: actor.id,
      created_at: ctx.now().toISOString(),
    });
    await recordAudit(tx, ctx, actor, { action: 'file.upload', entityType: 'file', entityId: id, detail: { name, size: stored.size } });
  });
  return { id, name, size: stored.size };
}

/** A file may be read by its uploader, or by whoever may read a record it is attached to. */
export async function openFileForDownload(ctx: AppContext, actor: Actor, id: string) {
  requireBusinessUser(actor);
  const file = await repo.getFile(ctx.db, id);
  if (!file) throw new AppError('NOT_FOUND');
  const links = await repo.linksOfFile(ctx.db, id);
  // Document links are checked even for the uploader: a file attached to a 绝密 document leaves the system for nobody.
  let allowed = false;
  for (const link of links) if (link.entity_type === 'document' && (await canDownloadDocumentFile(ctx.db, actor, link.entity_id))) allowed = true;
  allowed ||= file.uploaded_by === actor.id;
  if (!allowed) {
    for (const link of links) {
      if (link.entity_type === 'assignment') {
        const a = await assignments.getAssignmentRow(ctx.db, link.entity_id);
        if (a && (await canReadAssignment(ctx.db, actor, a))) allowed = true;
      }
      // A 检举控告's files never reach its accused unit: the case's own read rule decides.
      if (link.entity_type === 'petition' && (await canReadPetition(ctx.db, actor, link.entity_id))) allowed = true;
      if (allowed) break;
    }
  }
  if (!allowed) throw new AppError('NOT_FOUND');
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, actor, { action: 'file.download', entityType: 'file', entityId: id, detail: { name: file.name } }));
  return { file, stream: ctx.files.read(file.storage_key) };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../app.ts';
import { openFileForDownload, uploadFile } from './files.service.ts';
import { AppError } from '@zhongshu/core';
import { effectiveSettings } from '../../lib/settings.ts';

const IdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const fileRoutes = (ctx: AppContext) => async (root: FastifyInstance) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/', { schema: { tags: ['files'], summary: '上传附件（multipart，字段名 file）' } }, async (req) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件', 'file');
    return uploadFile(ctx, actor, await req.file(), (await effectiveSettings(ctx)).maxUploadMb);
  });
  app.get('/:id', { schema: { tags: ['files'], summary: '下载附件', params: IdParams } }, async (req, reply) => {
    const { file, stream } = await openFileForDownload(ctx, actorOf(req), req.params.id);
    reply.header('content-type', file.mime);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    reply.header('content-length', String(file.size));
    return reply.send(stream);
  });
};

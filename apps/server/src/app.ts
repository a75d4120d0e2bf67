import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, ERROR_CATALOGUE, isAppError } from '@zhongshu/core';
import type { AppContext } from './context.ts';
import type { Actor } from './lib/actor.ts';
import { labelOf, validationError } from './lib/validation.ts';
import { resolveSession } from './modules/auth/auth.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { assignmentRoutes } from './modules/assignments/assignments.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { petitionRoutes, publicPetitionRoutes } from './modules/petitions/petitions.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { collectionRoutes } from './modules/collections/collections.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import { fileRoutes } from './modules/files/files.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';

export const SESSION_COOKIE = 'zs_session';
const MAX_UPLOAD_CEILING_MB = 1024;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export type App = FastifyInstance;

/** Paths reachable without a session, and those allowed before a forced password change. */
const PUBLIC = new Set(['/api/health', '/api/auth/login']);
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/change-password', '/api/auth/logout']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated actor, or UNAUTHENTICATED. Route handlers call this first. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Invalid JSON, wrong content type and the like are turned into our catalogue in the error handler.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('actor', null);

  // Zod validates; the first problem becomes one Chinese message naming the field.
  app.setValidatorCompiler<z.ZodType>(({ schema, url }) => (data) => {
    const r = schema.safeParse(data);
    return r.success ? { value: r.data } : { error: validationError(r.error.issues, url) };
  });
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: any, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return sendError(new AppError('ROUTE_NOT_FOUND'), req, reply);
    return serveIndex(ctx, reply);
  });

  await app.register(cookie);
  // The hard ceiling; the administrators' (lower) limit is enforced while the file streams to disk.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_CEILING_MB * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req) =>
      new AppError('RATE_LIMITED', req.url.startsWith('/api/public/') ? '提交或查询过于频繁，已达到每小时的次数上限，请稍后再试' : '登录尝试过于频繁，请1分钟后再试'),
  });
  await app.register(swagger, {
    openapi: { info: { title: '中枢 Zhongshu API', version: ctx.config.version }, components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0];
    // /api/public/ serves people without accounts (网上信访); those routes carry their own rate and size limits.
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || url.startsWith('/api/public/') || PUBLIC.has(url)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const actor = await resolveSession(ctx, token, req.ip);
    if (!actor) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    req.actor = actor;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('CSRF_REJECTED');
    if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(url)) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  // PostgreSQL cannot store NUL in text, and no user means to type it: refuse it everywhere, naming the field.
  app.addHook('preValidation', async (req) => {
    for (const part of [req.body, req.query, req.params]) {
      const field = findNul(part);
      if (field !== null) throw new AppError('VALIDATION_FAILED', `${labelOf(field.split('.'))}：包含不允许的控制字符`, field || undefined);
    }
  });

  await app.register(healthRoutes(ctx), { prefix: '/api' });
  await app.register(authRoutes(ctx), { prefix: '/api/auth' });
  await app.register(inboxRoutes(ctx), { prefix: '/api/inbox' });
  await app.register(assignmentRoutes(ctx), { prefix: '/api/assignments' });
  await app.register(supervisionRoutes(ctx), { prefix: '/api/supervision' });
  await app.register(petitionRoutes(ctx), { prefix: '/api/petitions' });
  await app.register(publicPetitionRoutes(ctx), { prefix: '/api/public/petitions' });
  await app.register(meetingRoutes(ctx), { prefix: '/api/meetings' });
  await app.register(collectionRoutes(ctx), { prefix: '/api/collections' });
  await app.register(documentRoutes(ctx), { prefix: '/api/documents' });
  await app.register(fileRoutes(ctx), { prefix: '/api/files' });
  await app.register(orgRoutes(ctx), { prefix: '/api/org' });
  await app.register(auditRoutes(ctx), { prefix: '/api/audit' });
  await app.register(adminRoutes(ctx), { prefix: '/api/admin' });

  if (fs.existsSync(path.join(ctx.config.webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: ctx.config.webDir, wildcard: true, index: false });
    app.get('/', (_req, reply) => serveIndex(ctx, reply));
  }
  return app;
}

/** Path of the first string holding a NUL character, or null. */
function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, [...path, k]);
      if (hit !== null) return hit;
    }
  }
  return null;
}

function serveIndex(ctx: AppContext, reply: FastifyReply) {
  const file = path.join(ctx.config.webDir, 'index.html');
  if (!fs.existsSync(file)) {
    return reply.code(404).type('text/plain; charset=utf-8').send('网页界面尚未构建：请运行 npm run build 后重启（API 仍可使用：/api/docs）');
  }
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(file));
}

/**
 * The multipart parser (busboy) reports a truncated body or a missing or over-long boundary as a plain Error
 * with neither code nor status; it is the client's upload that is broken, not the server.
 */
function isBrokenMultipart(err: unknown, req: FastifyRequest): boolean {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== undefined || !req.isMultipart()) return false;
  return /^Unexpected end of multipart data$|terminated early due to unexpected end of multipart data$|^Multipart: Boundary not found$|^The needle cannot/.test(err.message);
}

/** Maps any error to the catalogue's shape; anything unexpected is logged and reported without internals. */
function sendError(err: any, req: FastifyRequest, reply: FastifyReply) {
  let e: AppError;
  if (isAppError(err)) e = err;
  else if (err?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err instanceof SyntaxError && (err as { statusCode?: number }).statusCode === 400)) e = new AppError('MALFORMED_REQUEST');
  else if (err?.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    e = req.url.startsWith('/api/public/') ? new AppError('PAYLOAD_TOO_LARGE', '提交的内容过大（上限20KB），请精简反映内容后再提交') : new AppError('PAYLOAD_TOO_LARGE', '提交的内容过大（上限1MB），附件请通过上传功能提交');
  else if (err?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') e = new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以JSON提交');
  else if (err?.code === 'FST_REQ_FILE_TOO_LARGE') e = new AppError('FILE_TOO_LARGE');
  else if (isBrokenMultipart(err, req)) e = new AppError('MALFORMED_REQUEST', '上传的内容不完整或格式不正确，请重新选择文件上传', 'file');
  else if (err?.statusCode === 429) e = new AppError('RATE_LIMITED');
  else if (err?.code === 'FST_ERR_BAD_URL' || err?.code === 'FST_ERR_ASYNC_CONSTRAINT' || (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)) {
    e = new AppError('VALIDATION_FAILED', '请求不正确');
  } else {
    req.log.error({ err }, 'unexpected error');
    e = new AppError('INTERNAL');
  }
  return reply.code(ERROR_CATALOGUE[e.code].status).send({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}), ...(e.fields ? { fields: e.fields } : {}) } });
}

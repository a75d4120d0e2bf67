import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { checkPasswordPolicy } from '@zhongshu/core/security/index.ts';
import { sessions, users } from '@zhongshu/db';
import { effectiveSettings } from '../../lib/settings.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { hashPassword, verifyPassword, UNUSABLE_HASH } from '../../lib/passwords.ts';
import type { ChangePasswordBody, LoginBody } from './auth.schemas.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
// Writing last_seen on every request would turn every read into a write; a minute's precision is enough.
const TOUCH_INTERVAL_MS = 60_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The current user as the web app sees it (GET /api/auth/me). */
export function toMe(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    unitId: actor.unitId,
    unitName: actor.unitName,
    unitKind: actor.unitKind,
    roles: actor.roles,
    adminRole: actor.adminRole,
    clearance: actor.clearance,
    isLeader: actor.isLeader,
    leaderRank: actor.leaderRank,
    mustChangePassword: actor.mustChangePassword,
    isDemo: actor.isDemo,
  };
}

/** Checks the password, applies lockout, and opens a session stored in the database. */
export async function login(ctx: AppContext, body: LoginBody, meta: RequestMeta) {
  const now = ctx.now();
  const user = await users.findUserByUsername(ctx.db, body.username);
  const ok = await verifyPassword(body.password, user?.password_hash ?? UNUSABLE_HASH);
  const who = { id: user?.id ?? null, displayName: user?.display_name ?? body.username, ip: meta.ip };

  if (!user) {
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, { id: null, displayName: body.username, ip: meta.ip }, { action: 'auth.login_failed', detail: { username: body.username, reason: '用户不存在' } }));
    throw new AppError('LOGIN_FAILED');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, who, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id }));
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60000);
    throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次密码错误，账号已锁定，请${minutes}分钟后再试或联系系统管理员解锁`);
  }
  if (!ok) {
    const failed = user.failed_attempts + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await ctx.db.transaction().execute(async (tx) => {
      await users.updateUser(tx, user.id, {
        failed_attempts: lock ? 0 : failed,
        locked_until: lock ? new Date(now.getTime() + LOCK_MINUTES * 60000).toISOString() : user.locked_until,
      });
      await recordAudit(tx, ctx, who, { action: lock ? 'auth.account_locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, detail: { failedAttempts: failed } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次密码错误，账号已锁定${LOCK_MINUTES}分钟`);
    throw new AppError('LOGIN_FAILED', `用户名或密码错误，再错${MAX_FAILED_LOGINS - failed}次账号将被锁定${LOCK_MINUTES}分钟`);
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = hashToken(token);
  await ctx.db.transaction().execute(async (tx) => {
    await users.updateUser(tx, user.id, { failed_attempts: 0, locked_until: null });
    await sessions.insertSession(tx, {
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, ctx, who, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  const actor = await resolveSession(ctx, token, meta.ip);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return { token, actor };
}

/**
 * Finds the user behind a session token. Returns null when there is no such session; throws
 * SESSION_EXPIRED (and deletes the session) when it has been idle too long.
 */
export async function resolveSession(ctx: AppContext, token: string, ip: string | null): Promise<Actor | null> {
  const id = hashToken(token);
  const row = await sessions.findSessionWithUser(ctx.db, id);
  if (!row) return null;
  const now = ctx.now();
  const idleMs = (await effectiveSettings(ctx)).sessionIdleMinutes * 60000;
  const lastSeen = Date.parse(row.last_seen_at);
  if (now.getTime() - lastSeen > idleMs || row.disabled) {
    await sessions.deleteSession(ctx.db, id);
    throw new AppError(row.disabled ? 'ACCOUNT_DISABLED' : 'SESSION_EXPIRED');
  }
  if (now.getTime() - lastSeen > TOUCH_INTERVAL_MS) await sessions.touchSession(ctx.db, id, now.toISOString());
  const roles = row.admin_role || !row.roles ? [] : row.roles.split(',');
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitKind: row.unit_kind ?? null,
    roles,
    adminRole: row.admin_role as Actor['adminRole'],
    clearance: row.clearance,
    isLeader: row.is_leader === 1,
    leaderRank: row.leader_rank,
    mustChangePassword: row.must_change_password === 1,
    isDemo: row.is_demo === 1,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    ip,
  };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await sessions.deleteSession(tx, actor.sessionId);
    await recordAudit(tx, ctx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
  });
}

/** Changes the user's own password; other sessions of the user end. */
export async function changePassword(ctx: AppContext, actor: Actor, body: ChangePasswordBody): Promise<void> {
  const user = await users.getUserById(ctx.db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(body.oldPassword, user.password_hash))) throw new AppError('PASSWORD_WRONG', undefined, 'oldPassword');
  const policy = checkPasswordPolicy(body.newPassword, { username: user.username });
  if (!policy.ok) throw new AppError('PASSWORD_POLICY', `新密码：${policy.message}`, 'newPassword');
  if (body.newPassword === body.oldPassword) throw new AppError('PASSWORD_POLICY', '新密码：不能与原密码相同', 'newPassword');
  const hash = await hashPassword(body.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await users.updateUser(tx, actor.id, { password_hash: hash, must_change_password: 0, password_changed_at: ctx.now().toISOString() });
    await sessions.deleteSessionsOfUser(tx, actor.id, actor.sessionId);
    await recordAudit(tx, ctx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id });
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { generateOneTimePassword } from '@zhongshu/core/security/index.ts';
import { sessions, units, users, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { requireAdmin, requireBusinessUser, type Actor } from '../../lib/actor.ts';
import { recordAudit } from '../../lib/audit.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { CreateUnitBody, CreateUserBody, ListUsersQuery, UpdateSecurityBody, UpdateUnitBody, UpdateUserBody } from './org.schemas.ts';

type UnitRecord = NonNullable<Awaited<ReturnType<typeof units.getUnit>>>;
type UserRecord = NonNullable<Awaited<ReturnType<typeof users.getUserById>>>;

export function toUnit(u: UnitRecord) {
  return { id: u.id, parentId: u.parent_id, name: u.name, shortName: u.short_name, kind: u.kind, sortOrder: u.sort_order, issuerCode: u.issuer_code };
}

export function toUserRow(u: UserRecord, roles: string[], now: Date) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    post: u.post,
    roles,
    adminRole: u.admin_role,
    clearance: u.clearance,
    isLeader: u.is_leader === 1,
    leaderRank: u.leader_rank,
    isPrincipal: u.is_principal === 1,
    locked: !!u.locked_until && u.locked_until > now.toISOString(),
    disabled: u.disabled === 1,
    isDemo: u.is_demo === 1,
    mustChangePassword: u.must_change_password === 1,
  };
}

export const newOneTimePassword = () => generateOneTimePassword((n) => randomBytes(n));

// ---- units (系统管理员) ----

export async function listUnits(ctx: AppContext, actor: Actor) {
  // Every signed-in user may see the organisation tree; it carries no business content.
  void actor;
  return { items: (await units.listUnits(ctx.db)).map(toUnit) };
}

async function assertParentOk(db: Executor, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  let cursor: string | null = parentId;
  for (let depth = 0; cursor; depth++) {
    if (cursor === id) throw new AppError('VALIDATION_FAILED', '上级单位：不能选择本单位或其下级单位', 'parentId');
    const p = await units.getUnit(db, cursor);
    if (!p) throw new AppError('VALIDATION_FAILED', '上级单位：不存在', 'parentId');
    if (depth > 20) break;
    cursor = p.parent_id;
  }
}

export async function createUnit(ctx: AppContext, actor: Actor, body: CreateUnitBody) {
  requireAdmin(actor, 'system');
  await assertParentOk(ctx.db, null, body.parentId);
  const row = { id: randomUUID(), parent_id: body.parentId ?? null, name: body.name, short_name: body.shortName ?? null, kind: body.kind, sort_order: body.sortOrder, issuer_code: body.issuerCode ?? null, created_at: ctx.now().toISOString() };
  await ctx.db.transaction().execute(async (tx) => {
    await units.insertUnit(tx, row);
    await recordAudit(tx, ctx, actor, { action: 'org.unit_create', entityType: 'unit', entityId: row.id, detail: { name: row.name, kind: row.kind } });
  });
  return toUnit(row);
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: string, body: UpdateUnitBody) {
  requireAdmin(actor, 'system');
  const before = await units.getUnit(ctx.db, id);
  if (!before) throw new AppError('NOT_FOUND');
  if (body.parentId !== undefined) await assertParentOk(ctx.db, id, body.parentId);
  const patch = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.shortName !== undefined ? { short_name: body.shortName ?? null } : {}),
    ...(body.issuerCode !== undefined ? { issuer_code: body.issuerCode ?? null } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.parentId !== undefined ? { parent_id: body.parentId ?? null } : {}),
    ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await units.updateUnit(tx, id, patch);
    await recordAudit(tx, ctx, actor, { action: 'org.unit_update', entityType: 'unit', entityId: id, detail: { before: toUnit(before), change: body } });
  });
  return toUnit({ ...before, ...patch });
}

export async function deleteUnit(ctx: AppContext, actor: Actor, id: string) {
  requireAdmin(actor, 'system');
  const before = await units.getUnit(ctx.db, id);
  if (!before) throw new AppError('NOT_FOUND');
  const dep = await units.countUnitDependants(ctx.db, id);
  if (dep.children || dep.users || dep.assignments) {
    throw new AppError('UNIT_NOT_EMPTY', `"${before.name}"下还有${dep.children}个下级单位、${dep.users}名用户、${dep.assignments}件交办事项，不能删除；请先调整后再删除`);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await units.deleteUnit(tx, id);
    await recordAudit(tx, ctx, actor, { action: 'org.unit_delete', entityType: 'unit', entityId: id, detail: toUnit(before) });
  });
}

// ---- users ----

export async function listUsers(ctx: AppContext, actor: Actor, q: ListUsersQuery) {
  requireAdmin(actor, 'system', 'security');
  const { items, total } = await users.listUsers(ctx.db, { q: q.q, unitId: q.unitId }, q);
  const roles = await users.getRolesOf(ctx.db, items.map((u) => u.id));
  const now = ctx.now();
  return { items: items.map((u) => toUserRow(u, roles.get(u.id) ?? [], now)), total };
}

export async function createUser(ctx: AppContext, actor: Actor, body: CreateUserBody) {
  requireAdmin(actor, 'system');
  if (await users.findUserByUsername(ctx.db, body.username)) throw new AppError('USERNAME_TAKEN', `用户名：${body.username}已被使用，请换一个`, 'username');
  if (!(await units.getUnit(ctx.db, body.unitId))) throw new AppError('VALIDATION_FAILED', '所属单位：不存在', 'unitId');
  const initialPassword = newOneTimePassword();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await insertBusinessUser(tx, ctx, { id, ...body, password: initialPassword, isDemo: false });
    await recordAudit(tx, ctx, actor, { action: 'org.user_create', entityType: 'user', entityId: id, detail: { username: body.username, unitId: body.unitId } });
  });
  const created = await users.getUserById(ctx.db, id);
  return { user: toUserRow(created!, [], ctx.now()), initialPassword };
}

export async function insertBusinessUser(
  tx: Executor,
  ctx: AppContext,
  u: { id: string; username: string; displayName: string; unitId: string | null; post?: string | null; isLeader?: boolean; leaderRank?: string | null; isPrincipal?: boolean; password: string; isDemo: boolean; mustChange?: boolean; clearance?: string; adminRole?: string | null },
) {
  await users.insertUser(tx, {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    unit_id: u.unitId,
    post: u.post ?? null,
    password_hash: await hashPassword(u.password),
    must_change_password: u.mustChange === false ? 0 : 1,
    admin_role: u.adminRole ?? null,
    clearance: u.clearance ?? 'none',
    is_leader: u.isLeader ? 1 : 0,
    leader_rank: u.leaderRank ?? null,
    is_principal: u.isPrincipal ? 1 : 0,
    is_demo: u.isDemo ? 1 : 0,
    disabled: 0,
    failed_attempts: 0,
    locked_until: null,
    password_changed_at: null,
    created_at: ctx.now().toISOString(),
  });
}

async function loadUser(ctx: AppContext, id: string) {
  const u = await users.getUserById(ctx.db, id);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, body: UpdateUserBody) {
  requireAdmin(actor, 'system');
  const before = await loadUser(ctx, id);
  if (before.admin_role && (body.unitId || body.isLeader)) throw new AppError('ADMIN_ROLE_CONFLICT');
  if (before.admin_role && body.disabled && before.id === actor.id) throw new AppError('VALIDATION_FAILED', '停用：不能停用自己的账号', 'disabled');
  if (body.unitId && !(await units.getUnit(ctx.db, body.unitId))) throw new AppError('VALIDATION_FAILED', '所属单位：不存在', 'unitId');
  const patch = {
    ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
    ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
    ...(body.post !== undefined ? { post: body.post ?? null } : {}),
    ...(body.isLeader !== undefined ? { is_leader: body.isLeader ? 1 : 0 } : {}),
    ...(body.leaderRank !== undefined ? { leader_rank: body.leaderRank ?? null } : {}),
    ...(body.isPrincipal !== undefined ? { is_principal: body.isPrincipal ? 1 : 0 } : {}),
    ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await users.updateUser(tx, id, patch);
    if (body.disabled) await sessions.deleteSessionsOfUser(tx, id);
    await recordAudit(tx, ctx, actor, { action: 'org.user_update', entityType: 'user', entityId: id, detail: { username: before.username, change: body } });
  });
  const after = await loadUser(ctx, id);
  return toUserRow(after, await users.getRoles(ctx.db, id), ctx.now());
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: string) {
  requireAdmin(actor, 'system');
  const u = await loadUser(ctx, id);
  if (u.admin_role) throw new AppError('FORBIDDEN', '三员账号的密码请用命令 zhongshu create-admins --reset 重置');
  const initialPassword = newOneTimePassword();
  const hash = await hashPassword(initialPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await users.updateUser(tx, id, { password_hash: hash, must_change_password: 1, failed_attempts: 0, locked_until: null });
    await sessions.deleteSessionsOfUser(tx, id);
    await recordAudit(tx, ctx, actor, { action: 'org.user_reset_password', entityType: 'user', entityId: id, detail: { username: u.username } });
  });
  return { initialPassword };
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: string) {
  requireAdmin(actor, 'system');
  const u = await loadUser(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await users.updateUser(tx, id, { failed_attempts: 0, locked_until: null });
    await recordAudit(tx, ctx, actor, { action: 'org.user_unlock', entityType: 'user', entityId: id, detail: { username: u.username } });
  });
}

/** 安全保密管理员 sets business roles and 密级 clearance; never for the 三员 themselves. */
export async function updateSecurity(ctx: AppContext, actor: Actor, id: string, body: UpdateSecurityBody) {
  requireAdmin(actor, 'security');
  const u = await loadUser(ctx, id);
  if (u.admin_role) throw new AppError('ADMIN_ROLE_CONFLICT');
  const rolesBefore = await users.getRoles(ctx.db, id);
  await ctx.db.transaction().execute(async (tx) => {
    if (body.roles) await users.setRoles(tx, id, [...new Set(body.roles)]);
    if (body.clearance) await users.updateUser(tx, id, { clearance: body.clearance });
    // New rights take effect at the next login.
    await sessions.deleteSessionsOfUser(tx, id);
    await recordAudit(tx, ctx, actor, {
      action: 'org.user_security',
      entityType: 'user',
      entityId: id,
      detail: { username: u.username, before: { roles: rolesBefore, clearance: u.clearance }, after: { roles: body.roles ?? rolesBefore, clearance: body.clearance ?? u.clearance } },
    });
  });
  const after = await loadUser(ctx, id);
  return toUserRow(after, await users.getRoles(ctx.db, id), ctx.now());
}

/** Units and users for pickers; business users only. */
export async function getDirectory(ctx: AppContext, actor: Actor) {
  requireBusinessUser(actor);
  const d = await users.directory(ctx.db);
  const roles = new Map<string, string[]>();
  for (const r of d.roles) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), r.role]);
  return {
    units: d.units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id, kind: u.kind })),
    users: d.users.map((u) => ({ id: u.id, displayName: u.display_name, unitId: u.unit_id, isLeader: u.is_leader === 1, leaderRank: u.leader_rank, isPrincipal: u.is_principal === 1, roles: roles.get(u.id) ?? [] })),
  };
}


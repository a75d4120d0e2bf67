import { randomUUID } from 'node:crypto';
import { users } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../lib/audit.ts';
import { hashPassword } from '../lib/passwords.ts';
import { insertBusinessUser, newOneTimePassword } from '../modules/org/org.service.ts';

export const ADMIN_ACCOUNTS = [
  { username: 'sysadmin', displayName: '系统管理员', adminRole: 'system' },
  { username: 'secadmin', displayName: '安全保密管理员', adminRole: 'security' },
  { username: 'auditadmin', displayName: '安全审计员', adminRole: 'audit' },
] as const;

/**
 * Creates the three separated administrators (三员) that do not exist yet, each with a random one-time
 * password to be changed at first login. With `reset`, existing ones get new one-time passwords.
 * Returns the passwords so the caller can print them once; they are stored nowhere.
 */
export async function createAdmins(ctx: AppContext, opts: { reset?: boolean } = {}): Promise<{ username: string; role: string; password: string }[]> {
  const out: { username: string; role: string; password: string }[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    for (const a of ADMIN_ACCOUNTS) {
      const existing = await users.findUserByUsername(tx, a.username);
      const password = newOneTimePassword();
      if (!existing) {
        await insertBusinessUser(tx, ctx, { id: randomUUID(), username: a.username, displayName: a.displayName, unitId: null, password, isDemo: false, adminRole: a.adminRole });
      } else if (opts.reset) {
        await users.updateUser(tx, existing.id, { password_hash: await hashPassword(password), must_change_password: 1, failed_attempts: 0, locked_until: null });
      } else continue;
      out.push({ username: a.username, role: a.displayName, password });
      await recordAudit(tx, ctx, { id: null, displayName: '命令行', ip: null }, { action: existing ? 'org.admin_reset' : 'org.admin_create', entityType: 'user', detail: { username: a.username } });
    }
  });
  return out;
}

export async function adminsExist(ctx: AppContext): Promise<boolean> {
  const counts = await users.countAdmins(ctx.db);
  return ADMIN_ACCOUNTS.every((a) => (counts[a.adminRole] ?? 0) > 0);
}

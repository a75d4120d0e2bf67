import { units, users } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';

/** A demo user as the services see a signed-in user, so demo data goes through the real services. */
export async function seedActor(ctx: AppContext, username: string): Promise<Actor> {
  const u = (await users.findUserByUsername(ctx.db, username))!;
  const unit = u.unit_id ? await units.getUnit(ctx.db, u.unit_id) : undefined;
  return {
    id: u.id, username, displayName: u.display_name, unitId: u.unit_id, unitName: unit?.name ?? null, unitKind: unit?.kind ?? null, roles: await users.getRoles(ctx.db, u.id),
    adminRole: null, clearance: u.clearance, isLeader: u.is_leader === 1, leaderRank: u.leader_rank, mustChangePassword: false, isDemo: true, sessionId: 'seed', csrfToken: '', ip: null,
  };
}

import { settings as settingsRepo } from '@zhongshu/db';
import type { AppContext } from '../context.ts';

export interface EffectiveSettings {
  sessionIdleMinutes: number;
  maxUploadMb: number;
}

// Read on every request; other processes' changes show up within this time.
const TTL_MS = 30_000;
// Keyed by context: one process may hold several (tests do), each with its own database.
let cache = new WeakMap<AppContext, { at: number; value: EffectiveSettings }>();

/** The administrators' settings where set, else configuration. */
export async function effectiveSettings(ctx: AppContext): Promise<EffectiveSettings> {
  const hit = cache.get(ctx);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const s = await settingsRepo.getSettings(ctx.db);
  const value = {
    sessionIdleMinutes: Number(s.sessionIdleMinutes) > 0 ? Number(s.sessionIdleMinutes) : ctx.config.sessionIdleMinutes,
    maxUploadMb: Number(s.maxUploadMb) > 0 ? Number(s.maxUploadMb) : ctx.config.maxUploadMb,
  };
  cache.set(ctx, { at: Date.now(), value });
  return value;
}

export function forgetSettings(): void {
  cache = new WeakMap();
}

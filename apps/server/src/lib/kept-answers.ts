import type { AppContext } from '../context.ts';

/**
 * Answers built from many records (a board, a period's statistics, a ranking) are the same for every reader with
 * the same key. They are kept per context while `version()` is unchanged (it moves whenever this process changes a
 * record they are built from) and for at most `ttlMs`, within which other processes' changes show.
 */
export function keptAnswers<T>(ttlMs: number, version: () => number) {
  const stores = new WeakMap<AppContext, Map<string, { at: number; version: number; value: Promise<T> }>>();
  return function kept(ctx: AppContext, key: string, compute: () => Promise<T>): Promise<T> {
    let store = stores.get(ctx);
    if (!store) stores.set(ctx, (store = new Map()));
    const now = Date.now();
    const current = version();
    const hit = store.get(key);
    if (hit && hit.version === current && now - hit.at < ttlMs) return hit.value;
    // Stale answers go as new ones are built, so keys nobody asks again (yesterday's date) do not pile up.
    for (const [k, e] of store) if (e.version !== current || now - e.at >= ttlMs) store.delete(k);
    const value = compute();
    const kept = store;
    kept.set(key, { at: now, version: current, value });
    value.catch(() => kept.delete(key));
    return value;
  };
}

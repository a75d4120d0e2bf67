// temporary diagnostic (not part of the bench): times every SQL statement a service call runs, with its plan.
import { openDatabase, refreshPlannerStatistics } from '@zhongshu/db';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/context.ts';
import { board, stats } from '../apps/server/src/modules/petitions/petitions.stats.ts';
import { listPetitions } from '../apps/server/src/modules/petitions/petitions.service.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
const dataDir = process.argv[2]!;
const which = process.argv[3]!;
const handle = openDatabase({ databaseUrl: null, dataDir });
refreshPlannerStatistics(handle);
const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false });
const ctx = createContext(handle, config);
const sqlite = handle.sqlite!;
const u = sqlite.prepare("select u.id, u.unit_id, un.kind, un.name from users u join units un on un.id = u.unit_id where username = 'bench_pt_clerk'").get() as any;
const actor: Actor = { id: u.id, username: 'bench_pt_clerk', displayName: 'x', unitId: u.unit_id, unitName: u.name, unitKind: u.kind, roles: ['petition', 'unit'], adminRole: null, clearance: 'secret', isLeader: false, leaderRank: null, mustChangePassword: false, isDemo: false, sessionId: 's', csrfToken: 'c', ip: null };
const log: { sql: string; ms: number; rows: number; params: unknown[] }[] = [];
let on = false;
const orig = sqlite.prepare.bind(sqlite);
(sqlite as any).prepare = (sql: string) => {
  const st = orig(sql);
  return new Proxy(st, { get(t, k) { const v = (t as any)[k]; if ((k === 'all' || k === 'get' || k === 'run') && on) return (...a: unknown[]) => { const s = performance.now(); const r = v.apply(t, a); log.push({ sql, ms: performance.now() - s, rows: Array.isArray(r) ? r.length : 1, params: a.flat() }); return r; }; return typeof v === 'function' ? v.bind(t) : v; } });
};
const today = '2026-11-22';
const calls: Record<string, () => Promise<unknown>> = {
  statsMonth: () => stats(ctx, actor, {}),
  statsYear: () => stats(ctx, actor, { from: '2026-01-01', to: today }),
  list: () => listPetitions(ctx, actor, { page: 1, pageSize: 20 } as any),
  overdue: () => listPetitions(ctx, actor, { flag: 'overdue', page: 1, pageSize: 20 } as any),
  board: () => board(ctx, actor),
};
await calls[which]!();
on = true;
const t = performance.now();
await calls[which]!();
const total = performance.now() - t;
on = false;
for (const l of log.sort((a, b) => b.ms - a.ms).slice(0, 12)) {
  console.log(`\n${l.ms.toFixed(1)} ms, ${l.rows} rows: ${l.sql}\n  params ${JSON.stringify(l.params).slice(0, 200)}`);
  for (const p of orig(`explain query plan ${l.sql}`).all(...l.params) as any[]) console.log(`  plan: ${p.detail}`);
}
console.log(`\n${which}: total ${total.toFixed(1)} ms, ${log.length} statements, sum ${log.reduce((s, l) => s + l.ms, 0).toFixed(1)} ms`);

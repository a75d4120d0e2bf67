// throwaway profiling script (deleted after use)
import { openDatabase, refreshPlannerStatistics } from '@zhongshu/db';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/context.ts';
import { board, periodFigures, circularDocx, generateCircular } from '../apps/server/src/modules/supervision/supervision.service.ts';
import { previousMonth } from '@zhongshu/core/supervision/index.ts';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { renderDocx } from '@zhongshu/core/gongwen/index.ts';

const dataDir = process.argv[2]!;
const handle = openDatabase({ databaseUrl: null, dataDir });
refreshPlannerStatistics(handle);
const sqlite = handle.sqlite!;
const stats = new Map<string, { n: number; ms: number; rows: number }>();
const origPrepare = sqlite.prepare.bind(sqlite);
(sqlite as any).prepare = (src: string) => {
  const st = origPrepare(src);
  for (const m of ['all', 'get', 'run', 'iterate'] as const) {
    const f = (st as any)[m].bind(st);
    (st as any)[m] = (...a: any[]) => {
      const t = performance.now();
      const r = f(...a);
      const ms = performance.now() - t;
      const s = stats.get(src) ?? { n: 0, ms: 0, rows: 0 };
      s.n++; s.ms += ms; s.rows += Array.isArray(r) ? r.length : 1;
      stats.set(src, s);
      return r;
    };
  }
  return st;
};
const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false });
const ctx = createContext(handle, config);
const users = sqlite.prepare("select u.id, u.unit_id, u.display_name, u.clearance from users u where username in ('bench_sv_clerk','bench_sv_leader') order by username").all() as any[];
const mk = (u: any, roles: string[]) => ({ id: u.id, unitId: u.unit_id, displayName: u.display_name, clearance: u.clearance, roles, adminRole: null, ip: null } as any);
const clerk = mk(users[0], ['office']);
const leader = mk(users[1], ['leader']);
const what = process.argv[3] ?? 'board';
const reps = Number(process.argv[4] ?? 5);
const report = (label: string) => {
  console.log(`\n== ${label}`);
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  for (const [src, s] of rows) console.log(`${(s.ms / s.n).toFixed(1).padStart(8)} ms avg  x${s.n}  rows/call ${(s.rows / s.n).toFixed(0)}  ${src.replace(/\s+/g, ' ').slice(0, 400)}`);
  stats.clear();
};
const month = previousMonth(toShanghaiDate(new Date()));
for (let i = 0; i < reps; i++) {
  const t = performance.now();
  if (what === 'board') await board(ctx, clerk, {});
  if (what === 'boardLeader') await board(ctx, leader, {});
  if (what === 'figures') await periodFigures(ctx.db, month.start, month.end);
  if (what === 'year') await periodFigures(ctx.db, `${toShanghaiDate(new Date()).slice(0, 4)}-01-01`, toShanghaiDate(new Date()));
  if (what === 'circular') {
    const id = await ctx.db.transaction().execute((tx) => generateCircular(ctx, tx, clerk, month.start, month.end, false));
    const t2 = performance.now();
    const { buffer } = await circularDocx(ctx, clerk, id);
    console.log(`compute ${(t2 - t).toFixed(0)} ms, render ${(performance.now() - t2).toFixed(0)} ms, ${buffer.length} bytes`);
  }
  console.log(`${what} run ${i + 1}: ${(performance.now() - t).toFixed(1)} ms`);
}
report(what + ` (${reps} runs)`);
await handle.close();

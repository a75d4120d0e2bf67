/**
 * 督查督办 (issue 5): "With 60,000 items, 300,000 feedbacks and 400 units: the board's first view p95
 * under 100 ms; one month's 通报 computed and rendered in under 1 s."
 *
 * Builds its own database (generate-supervision.ts; the 领导交办/办文 database of run.ts has other
 * items), serves it with the real app in a child process (server.ts) and measures, as the people who use them:
 *   - GET /api/supervision/board — the 县委办 督查 clerk (office role, 秘密) and a 县委 副书记 (leader, 机密);
 *   - GET /api/assignments?colour=red&unitId=… — the clerk's drill-down from the board's red cell of the
 *     unit with the most red items;
 *   - GET /api/supervision/ranking — this year's on-time ranking (periodFigures from 1 January);
 *   - POST /api/supervision/circulars {from, to} for the last full month (figures computed and stored),
 *     then GET /api/supervision/circulars/:id/docx (rendered) — BENCH_CIRCULAR_RUNS times (10); the row's
 *     p50 is the median of compute + render, its p95 the slowest run.
 * Each GET: 10-connection autocannon (p50/p95/req/s) and the same request one at a time (p50/p95), then
 * the bare service call in-process (ceiling). A read too slow for concurrent load is measured one at a time only.
 *
 * Alone: `npm run bench:supervision -w bench` (merges its rows into results.json); `npm run bench` runs it
 * after the other scenarios unless BENCH_SUPERVISION_ITEMS=0.
 * Settings: BENCH_SUPERVISION_ITEMS (60000; 0 skips it in run.ts), BENCH_SUPERVISION_FEEDBACKS (5 per item),
 * BENCH_SUPERVISION_DATA=<kept dir> reuses a database (no generation), BENCH_CIRCULAR_RUNS (10), and the
 * common BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_SEED, BENCH_PROBE_TIMEOUT, BENCH_KEEP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase, refreshPlannerStatistics } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { previousMonth } from '@zhongshu/core/supervision/index.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/context.ts';
import { resolveSession } from '../apps/server/src/modules/auth/auth.service.ts';
import { board, ranking } from '../apps/server/src/modules/supervision/supervision.service.ts';
import { listAssignments } from '../apps/server/src/modules/assignments/assignments.service.ts';
import { itemsChanged } from '../apps/server/src/modules/supervision/supervision.items.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import type { BenchRow } from './gongwen.bench.ts';
import { generateSupervision, type SupervisionGenResult } from './generate-supervision.ts';
import { round, startServer, type Server } from './bench-util.ts';
import { ceiling, concurrent, CONNECTIONS, dbBytes, DURATION, loginSession, num, oneAtATime, PASSWORD, PROBE_TIMEOUT, request, type Measured, type Session } from './http-measure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const SEED = num('BENCH_SEED', 20261121);
export const SUPERVISION_ITEMS = num('BENCH_SUPERVISION_ITEMS', 60_000);
const FEEDBACKS = num('BENCH_SUPERVISION_FEEDBACKS', SUPERVISION_ITEMS * 5);
const CIRCULAR_RUNS = num('BENCH_CIRCULAR_RUNS', 10);

export const SCENARIOS = {
  boardClerk: 'supervision board (office clerk)',
  boardLeader: 'supervision board (leader)',
  drill: 'supervision red items of a unit',
  ranking: 'supervision ranking this year',
  circular: 'supervision circular month (compute+render)',
} as const;

/**
 * Issue 5: the board's first view p95 < 100 ms; a month's 通报 computed and rendered < 1 s (the row's
 * p95 is the slowest run). Not in the issue, held to the nearest bar: the drill-down is the board's
 * click-through (100 ms); the ranking runs the 通报's figures over the year so far (1 s).
 */
export const SUPERVISION_TARGETS: Record<string, { p95?: number }> = {
  [SCENARIOS.boardClerk]: { p95: 100 },
  [SCENARIOS.boardLeader]: { p95: 100 },
  [SCENARIOS.drill]: { p95: 100 },
  [SCENARIOS.ranking]: { p95: 1000 },
  [SCENARIOS.circular]: { p95: 1000 },
};

export interface SupervisionRow extends BenchRow {
  /** The 通报 row: medians of the two halves. */
  p50_compute_ms?: number;
  p50_render_ms?: number;
  /** The board rebuilt on every call (the kept view dropped first): what the first reader after a change waits. */
  p50_cold_ms?: number;
  p95_cold_ms?: number;
}

const log = (s: string) => console.log(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));



export function verdict(row: BenchRow): string {
  const t = SUPERVISION_TARGETS[row.scenario];
  if (!t?.p95) return '';
  if (row.p95_ms === null) return `no answer within ${PROBE_TIMEOUT} s  FAIL`;
  const out = [`p95<${t.p95}ms ${row.p95_ms < t.p95 ? 'PASS' : 'FAIL'}`];
  if (row.p95_single_ms !== undefined) out.push(`one at a time p95 ${row.p95_single_ms}ms ${row.p95_single_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  return out.join('  ');
}

export async function benchSupervision(): Promise<SupervisionRow[]> {
  const reuse = env.BENCH_SUPERVISION_DATA ? path.resolve(env.BENCH_SUPERVISION_DATA) : null;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-sv-'));
  const metaFile = path.join(dataDir, 'bench-supervision-meta.json');
  const handle = openDatabase({ databaseUrl: null, dataDir });
  let server: Server | null = null;
  try {
    const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false });
    const ctx = createContext(handle, config);
    await migrateToLatest(ctx.db);
    let gen: SupervisionGenResult;
    log(`\n督查督办 / supervision (issue 5)`);
    if (reuse) {
      gen = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
      log(`  复用数据 / reusing ${dataDir} (generated earlier in ${(gen.ms / 1000).toFixed(1)} s)`);
    } else {
      log(`  生成数据 / generating: 400 units, ${SUPERVISION_ITEMS.toLocaleString('en')} items, ${FEEDBACKS.toLocaleString('en')} feedbacks (seed ${SEED}) in ${dataDir}`);
      gen = await generateSupervision(ctx, handle, { seed: SEED, items: SUPERVISION_ITEMS, feedbacks: FEEDBACKS, password: PASSWORD });
      fs.writeFileSync(metaFile, JSON.stringify(gen));
    }
    // The bare measurements run on this connection: give it the planner statistics the server has.
    refreshPlannerStatistics(handle);
    log(`  generated in ${(gen.ms / 1000).toFixed(1)} s (indexes rebuilt in ${(gen.indexMs / 1000).toFixed(1)} s); database ${(dbBytes(dataDir) / 1048576).toFixed(0)} MB`);
    log(`  rows: ${Object.entries(gen.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`  states: ${Object.entries(gen.states).map(([s, n]) => `${s} ${n}`).join(', ')}; on time ${Math.round(gen.onTimeShare * 100)} % of 销号`);
    const coloured = Object.values(gen.colours).reduce((s, n) => s + n, 0);
    log(`  colours (${coloured} items with a colour): ${Object.entries(gen.colours).map(([c, n]) => `${c} ${n} (${Math.round((n / coloured) * 100)} %)`).join(', ')}`);
    log(`  sources: ${Object.entries(gen.sources).map(([s, n]) => `${s} ${n}`).join(', ')}; levels: ${Object.entries(gen.levels).map(([s, n]) => `${s} ${n}`).join(', ')}; cycles: ${Object.entries(gen.cycles).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    log(`  drill-down unit: ${gen.busyUnit.name} (${gen.busyUnit.open} open, ${gen.busyUnit.red} red, ${gen.busyUnit.redForClerk} within the clerk's clearance); ${gen.leadUnits} lead units hold open items`);

    server = await startServer(dataDir);
    const base = () => `http://127.0.0.1:${server!.port}`;
    const who = { clerk: gen.clerk.username, leader: gen.leader.username } as const;
    const sessions = {} as Record<keyof typeof who, Session>;
    const logInAll = async () => {
      for (const k of Object.keys(who) as (keyof typeof who)[]) sessions[k] = await loginSession(server!.port, who[k]);
    };
    await logInAll();
    const actorOf = async (k: keyof typeof who): Promise<Actor> => {
      const a = await resolveSession(ctx, sessions[k].token, '127.0.0.1');
      if (!a) throw new Error('session vanished');
      return a;
    };

    interface Scenario {
      name: string;
      url: string;
      who: keyof typeof who;
      check(b: any): string | null;
      bare(a: Actor): Promise<unknown>;
    }
    const boardCheck = (open: number) => (b: any) =>
      b?.totals?.open === open && Array.isArray(b.byUnit) && b.byUnit.length > 0 && b.byLeader?.length > 0 && b.bySource?.length > 0 && b.attention?.length === Math.min(20, (b.totals.red ?? 0) + (b.totals.yellow ?? 0))
        ? null
        : `totals ${JSON.stringify(b?.totals)}, ${b?.byUnit?.length} units, ${b?.attention?.length} attention items; expected ${open} open`;
    const drillUrl = `/api/assignments?colour=red&unitId=${gen.busyUnit.id}`;
    const scenarios: Scenario[] = [
      { name: SCENARIOS.boardClerk, url: '/api/supervision/board', who: 'clerk', check: boardCheck(gen.boardOpen.clerk), bare: (a) => board(ctx, a, {}) },
      { name: SCENARIOS.boardLeader, url: '/api/supervision/board', who: 'leader', check: boardCheck(gen.boardOpen.leader), bare: (a) => board(ctx, a, {}) },
      {
        name: SCENARIOS.drill,
        url: drillUrl,
        who: 'clerk',
        check: (b) => (b.total === gen.busyUnit.redForClerk && b.items?.length === Math.min(20, b.total) && b.items.every((i: any) => i.colour === 'red' && i.assigneeUnitId === gen.busyUnit.id) ? null : `total ${b.total}, ${b.items?.length} items; expected ${gen.busyUnit.redForClerk} red`),
        bare: (a) => listAssignments(ctx, a, { colour: 'red', unitId: gen.busyUnit.id, page: 1, pageSize: 20 } as never),
      },
      { name: SCENARIOS.ranking, url: '/api/supervision/ranking', who: 'clerk', check: (b) => (Array.isArray(b.rows) && b.rows.length > 0 ? null : `${b.rows?.length} rows`), bare: (a) => ranking(ctx, a, {}) },
    ];

    const rows: SupervisionRow[] = [];
    const measured: { sc: Scenario; m: Measured | null; alone: Measured | null; rss: number; sequential: boolean }[] = [];
    for (const sc of scenarios) {
      let probe: Awaited<ReturnType<typeof request>>;
      try {
        probe = await request(base(), sessions[sc.who], 'GET', sc.url);
      } catch (err) {
        if (!(err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) throw err;
        log(`  ${sc.name}: GET ${sc.url} → no answer within ${PROBE_TIMEOUT} s; restarting the server, no figures for this row`);
        server.child.kill('SIGKILL');
        await sleep(500);
        server = await startServer(dataDir);
        await logInAll();
        measured.push({ sc, m: null, alone: null, rss: await server.rssMb(), sequential: false });
        continue;
      }
      const body = JSON.parse(probe.buf.toString('utf8'));
      const problem = sc.check(body);
      if (problem) throw new Error(`${sc.name}: GET ${sc.url} answered ${problem}`);
      log(`  ${sc.name}: GET ${sc.url} → ${probe.buf.length} bytes in ${round(probe.ms, 1)} ms${body.total !== undefined ? `, total ${body.total}` : ''}${body.totals ? `, open ${body.totals.open} (red ${body.totals.red}, yellow ${body.totals.yellow})` : ''}${body.rows ? `, ${body.rows.length} units` : ''}`);
      // So slow that CONNECTIONS of them queued would take half the run: one at a time only.
      const sequential = probe.ms * CONNECTIONS > DURATION * 1000 * 0.5;
      const alone = await oneAtATime(base(), sc.url, sessions[sc.who]);
      const m = sequential ? alone : await concurrent(base(), sc.url, sessions[sc.who]);
      measured.push({ sc, m, alone, rss: await server.rssMb(), sequential });
      log(`    ${sequential ? 'one at a time only (too slow for concurrent load)' : `${CONNECTIONS} connections: ${round(m.rps, 1)} req/s, p50 ${round(m.p50)} ms, p95 ${round(m.p95)} ms (${m.requests} answers)`}; one at a time: p50 ${round(alone.p50)} ms, p95 ${round(alone.p95)} ms (${alone.requests})`);
    }

    // The month's 通报: figures computed and stored, then the .docx rendered.
    const month = previousMonth(toShanghaiDate(new Date()));
    log(`  通报 / circular for ${month.label} (${month.start} – ${month.end}), ${CIRCULAR_RUNS} runs`);
    const sums: number[] = [];
    const computes: number[] = [];
    const renders: number[] = [];
    for (let i = 0; i < CIRCULAR_RUNS; i++) {
      const post = await request(base(), sessions.clerk, 'POST', '/api/supervision/circulars', { from: month.start, to: month.end });
      const id = (JSON.parse(post.buf.toString('utf8')) as { id: string }).id;
      const docx = await request(base(), sessions.clerk, 'GET', `/api/supervision/circulars/${id}/docx`);
      if (docx.buf.subarray(0, 2).toString('latin1') !== 'PK' || !docx.res.headers.get('content-type')?.includes('wordprocessingml')) throw new Error(`GET /api/supervision/circulars/${id}/docx: not a .docx (${docx.res.headers.get('content-type')}, ${docx.buf.length} bytes)`);
      computes.push(post.ms);
      renders.push(docx.ms);
      sums.push(post.ms + docx.ms);
      if (i === 0) {
        const detail = JSON.parse((await request(base(), sessions.clerk, 'GET', `/api/supervision/circulars/${id}`)).buf.toString('utf8'));
        log(`    figures: ${detail.units?.length} units, totals ${JSON.stringify(detail.totals)}, ${detail.overdueAndRed?.length} items named; docx ${docx.buf.length.toLocaleString('en')} bytes`);
      }
      log(`    run ${i + 1}: POST /api/supervision/circulars ${round(post.ms, 0)} ms + GET …/docx ${round(docx.ms, 0)} ms = ${round(post.ms + docx.ms, 0)} ms`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const circularRss = await server.rssMb();

    for (const { sc, m, alone, rss, sequential } of measured) {
      if (!m || !alone) {
        rows.push({ scenario: sc.name, p50_ms: null, p95_ms: null, rps: null, ceiling_rps: null, rss_mb: rss });
        continue;
      }
      const bare = await ceiling(async () => sc.bare(await actorOf(sc.who)));
      log(`  ${sc.name}, bare: ${round(bare.rps, 1)}/s, p50 ${round(bare.p50, 2)} ms, p95 ${round(bare.p95, 2)} ms`);
      const isBoard = sc.name === SCENARIOS.boardClerk || sc.name === SCENARIOS.boardLeader;
      const cold = isBoard
        ? await ceiling(async () => {
            itemsChanged();
            return sc.bare(await actorOf(sc.who));
          })
        : null;
      if (cold) log(`  ${sc.name}, rebuilt every call (cold): p50 ${round(cold.p50, 2)} ms, p95 ${round(cold.p95, 2)} ms`);
      const rps = (x: number) => (x >= 10 ? Math.round(x) : round(x, 2));
      rows.push({
        scenario: sc.name, p50_ms: round(m.p50), p95_ms: round(m.p95), rps: rps(m.rps), ceiling_rps: rps(bare.rps), rss_mb: rss,
        ...(sequential ? { load: 'sequential' as const } : {}), p50_single_ms: round(alone.p50), p95_single_ms: round(alone.p95),
        ...(cold ? { p50_cold_ms: round(cold.p50), p95_cold_ms: round(cold.p95) } : {}),
      });
    }
    if (sums.length) {
      const med = median(sums);
      rows.push({ scenario: SCENARIOS.circular, p50_ms: round(med, 0), p95_ms: round(Math.max(...sums), 0), rps: round(1000 / med, 2), ceiling_rps: null, rss_mb: circularRss, p50_compute_ms: round(median(computes), 0), p50_render_ms: round(median(renders), 0) });
    }
    await server.stop();
    server = null;
    return rows;
  } finally {
    if (server) server.child.kill();
    await handle.close();
    if (env.BENCH_KEEP || reuse) log(`  督查督办 data kept in ${dataDir} (BENCH_SUPERVISION_DATA=${dataDir} reuses it)`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- alone: npm run bench:supervision -w bench ----------------------------------------------------
async function main(): Promise<void> {
  const began = performance.now();
  const rows = await benchSupervision();
  const head = ['scenario', 'p50_ms', 'p95_ms', 'rps', 'p50_single', 'p95_single', 'ceiling_rps', 'rss_mb', 'targets'];
  const cell = (x: number | null | undefined) => (x === null || x === undefined ? '-' : String(x));
  const cells = rows.map((r) => [r.scenario, cell(r.p50_ms), cell(r.p95_ms), cell(r.rps), cell(r.p50_single_ms), cell(r.p95_single_ms), cell(r.ceiling_rps), String(r.rss_mb), verdict(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  log('');
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) log(line(c));
  // results.json holds every scenario: replace this one's rows, keep the others'.
  const out = path.join(here, 'results.json');
  const names = new Set<string>(Object.values(SCENARIOS));
  const kept = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as BenchRow[]).filter((r) => !names.has(r.scenario)) : [];
  fs.writeFileSync(out, `${JSON.stringify([...kept, ...rows], null, 2)}\n`);
  log(`\nwritten ${path.relative(process.cwd(), out) || out}; total ${((performance.now() - began) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error('supervision bench failed:', err);
      process.exit(1);
    },
  );
}

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
import { refreshPlannerStatistics } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { previousMonth } from '@zhongshu/core/supervision/index.ts';
import { board, ranking } from '../apps/server/src/modules/supervision/supervision.service.ts';
import { listAssignments } from '../apps/server/src/modules/assignments/assignments.service.ts';
import { itemsChanged } from '../apps/server/src/modules/supervision/supervision.items.ts';
import type { BenchRow } from './gongwen.bench.ts';
import { generateSupervision } from './generate-supervision.ts';
import { generateOnce, log, round, runAlone, withBenchData } from './bench-util.ts';
import { dbBytes, loginSession, num, p95Verdict, PASSWORD, readRows, request, SEED, sessionActor, timeReads, type Read, type ReadRow, type Session } from './http-measure.ts';

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

export interface SupervisionRow extends ReadRow {
  /** The 通报 row: medians of the two halves. */
  p50_compute_ms?: number;
  p50_render_ms?: number;
}

export const verdict = (row: BenchRow): string => p95Verdict(SUPERVISION_TARGETS, row);

export function benchSupervision(): Promise<SupervisionRow[]> {
  return withBenchData({ prefix: 'zs-bench-sv-', label: '督查督办', reuseVar: 'BENCH_SUPERVISION_DATA' }, async (d) => {
    const { ctx, handle, dataDir } = d;
    log(`\n督查督办 / supervision (issue 5)`);
    const gen = await generateOnce(d, 'bench-supervision-meta.json', `  生成数据 / generating: 400 units, ${SUPERVISION_ITEMS.toLocaleString('en')} items, ${FEEDBACKS.toLocaleString('en')} feedbacks (seed ${SEED}) in ${dataDir}`, () =>
      generateSupervision(ctx, handle, { seed: SEED, items: SUPERVISION_ITEMS, feedbacks: FEEDBACKS, password: PASSWORD }),
    );
    // The bare measurements run on this connection: give it the planner statistics the server has.
    refreshPlannerStatistics(handle);
    log(`  generated in ${(gen.ms / 1000).toFixed(1)} s (indexes rebuilt in ${(gen.indexMs / 1000).toFixed(1)} s); database ${(dbBytes(dataDir) / 1048576).toFixed(0)} MB`);
    log(`  rows: ${Object.entries(gen.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`  states: ${Object.entries(gen.states).map(([s, n]) => `${s} ${n}`).join(', ')}; on time ${Math.round(gen.onTimeShare * 100)} % of 销号`);
    const coloured = Object.values(gen.colours).reduce((s, n) => s + n, 0);
    log(`  colours (${coloured} items with a colour): ${Object.entries(gen.colours).map(([c, n]) => `${c} ${n} (${Math.round((n / coloured) * 100)} %)`).join(', ')}`);
    log(`  sources: ${Object.entries(gen.sources).map(([s, n]) => `${s} ${n}`).join(', ')}; levels: ${Object.entries(gen.levels).map(([s, n]) => `${s} ${n}`).join(', ')}; cycles: ${Object.entries(gen.cycles).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    log(`  drill-down unit: ${gen.busyUnit.name} (${gen.busyUnit.open} open, ${gen.busyUnit.red} red, ${gen.busyUnit.redForClerk} within the clerk's clearance); ${gen.leadUnits} lead units hold open items`);

    await d.startServer();
    const base = () => `http://127.0.0.1:${d.server().port}`;
    const who = { clerk: gen.clerk.username, leader: gen.leader.username } as const;
    const sessions = {} as Record<keyof typeof who, Session>;
    const logInAll = async () => {
      for (const k of Object.keys(who) as (keyof typeof who)[]) sessions[k] = await loginSession(d.server().port, who[k]);
    };
    await logInAll();

    type Scenario = Read & { who: keyof typeof who };
    const boardCheck = (open: number) => (b: any) =>
      b?.totals?.open === open && Array.isArray(b.byUnit) && b.byUnit.length > 0 && b.byLeader?.length > 0 && b.bySource?.length > 0 && b.attention?.length === Math.min(20, (b.totals.red ?? 0) + (b.totals.yellow ?? 0))
        ? null
        : `totals ${JSON.stringify(b?.totals)}, ${b?.byUnit?.length} units, ${b?.attention?.length} attention items; expected ${open} open`;
    const drillUrl = `/api/assignments?colour=red&unitId=${gen.busyUnit.id}`;
    // The board keeps what it built until an item changes (itemsChanged): its rows also time it rebuilt every call.
    const scenarios: Scenario[] = [
      { name: SCENARIOS.boardClerk, url: '/api/supervision/board', who: 'clerk', check: boardCheck(gen.boardOpen.clerk), bare: (a) => board(ctx, a, {}), drop: itemsChanged },
      { name: SCENARIOS.boardLeader, url: '/api/supervision/board', who: 'leader', check: boardCheck(gen.boardOpen.leader), bare: (a) => board(ctx, a, {}), drop: itemsChanged },
      {
        name: SCENARIOS.drill,
        url: drillUrl,
        who: 'clerk',
        check: (b) => (b.total === gen.busyUnit.redForClerk && b.items?.length === Math.min(20, b.total) && b.items.every((i: any) => i.colour === 'red' && i.assigneeUnitId === gen.busyUnit.id) ? null : `total ${b.total}, ${b.items?.length} items; expected ${gen.busyUnit.redForClerk} red`),
        bare: (a) => listAssignments(ctx, a, { colour: 'red', unitId: gen.busyUnit.id, page: 1, pageSize: 20 } as never),
      },
      { name: SCENARIOS.ranking, url: '/api/supervision/ranking', who: 'clerk', check: (b) => (Array.isArray(b.rows) && b.rows.length > 0 ? null : `${b.rows?.length} rows`), bare: (a) => ranking(ctx, a, {}), drop: itemsChanged },
    ];

    const timed = await timeReads(scenarios, {
      server: d.server,
      session: (sc) => sessions[sc.who],
      restart: async () => {
        await d.restartServer();
        await logInAll();
      },
      note: (body) => `${body.total !== undefined ? `, total ${body.total}` : ''}${body.totals ? `, open ${body.totals.open} (red ${body.totals.red}, yellow ${body.totals.yellow})` : ''}${body.rows ? `, ${body.rows.length} units` : ''}`,
    });

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
    const circularRss = await d.server().rssMb();

    const rows: SupervisionRow[] = await readRows(timed, (sc) => sessionActor(ctx, sessions[sc.who]));
    if (sums.length) {
      const med = median(sums);
      rows.push({ scenario: SCENARIOS.circular, p50_ms: round(med, 0), p95_ms: round(Math.max(...sums), 0), rps: round(1000 / med, 2), ceiling_rps: null, rss_mb: circularRss, p50_compute_ms: round(median(computes), 0), p50_render_ms: round(median(renders), 0) });
    }
    await d.stopServer();
    return rows;
  });
}

runAlone(import.meta.url, { name: 'supervision', bench: benchSupervision, scenarios: SCENARIOS, verdict });

/**
 * 情况征集 (issue 7): "a collection to 400 units with 50 rows each: the summary table computes in under 300 ms
 * and exports in under 2 s."
 *
 * Builds its own database (generate-collections.ts: 400 units, all submitted, 50 table rows each), serves it with
 * the real app in a child process (server.ts) and measures, as the 县委办 clerk (`bench_cl_office`) uses them:
 *   - GET /api/collections/:id/summary?mode=unit — one row per unit (400), the table's number columns summed;
 *   - GET /api/collections/:id/summary?mode=row — one row per table row (20,000);
 *   - GET /api/collections/:id/summary.xlsx (unit) and ?mode=row — the export;
 *   each one request at a time (p50/p95), the summaries also under 10-connection autocannon load, then the bare
 *   service calls in-process (getSummary, summaryXlsx) one after another. Every answer is checked against the
 *   figures the generator added up itself.
 *
 * Alone: `npm run bench:collections -w bench` (merges its rows into results.json); `npm run bench` runs it after
 * the other scenarios. Settings: BENCH_COLLECTION_UNITS (400), BENCH_COLLECTION_ROWS (50 a unit), and the common
 * BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_SEED, BENCH_PROBE_TIMEOUT, BENCH_KEEP.
 */
import ExcelJS from 'exceljs';
import { refreshPlannerStatistics } from '@zhongshu/db';
import { dropKeptSummaries, getSummary } from '../apps/server/src/modules/collections/collections.service.ts';
import { summaryXlsx } from '../apps/server/src/modules/collections/collections.export.ts';
import { generateCollections } from './generate-collections.ts';
import { log, round, runAlone, withBenchData } from './bench-util.ts';
import { dbBytes, loginSession, num, PASSWORD, readRows, SEED, sessionActor, timeReads, type Read, type ReadRow } from './http-measure.ts';

const UNITS = num('BENCH_COLLECTION_UNITS', 400);
const ROWS = num('BENCH_COLLECTION_ROWS', 50);

export const COLLECTION_SCENARIOS = {
  unit: 'collections summary by unit (400 units)',
  row: 'collections summary by table row (20,000 rows)',
  xlsx: 'collections summary .xlsx by unit',
  xlsxRow: 'collections summary .xlsx by table row',
} as const;

/** Issue 7: the summary under 300 ms (both modes), the export under 2 s (p95, one request at a time). */
export const COLLECTION_TARGETS: Record<string, { p95?: number }> = {
  [COLLECTION_SCENARIOS.unit]: { p95: 300 },
  [COLLECTION_SCENARIOS.row]: { p95: 300 },
  [COLLECTION_SCENARIOS.xlsx]: { p95: 2000 },
  [COLLECTION_SCENARIOS.xlsxRow]: { p95: 2000 },
};

export interface CollectionRow extends ReadRow {
  /** The bare service call in-process, one after another. */
  p50_bare_ms?: number;
  p95_bare_ms?: number;
  bytes?: number;
}

export function collectionVerdict(row: CollectionRow): string {
  const t = COLLECTION_TARGETS[row.scenario];
  if (!t?.p95) return '';
  const single = row.p95_single_ms ?? row.p95_ms;
  if (single === null || single === undefined) return 'no answer  FAIL';
  const out = [`one at a time p95<${t.p95}ms ${single < t.p95 ? 'PASS' : 'FAIL'}`];
  if (row.p95_bare_ms !== undefined) out.push(`bare p95 ${row.p95_bare_ms}ms ${row.p95_bare_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  // The summary is kept until a unit's submission changes it: the first reader after a change waits this.
  if (row.p95_cold_ms !== undefined) out.push(`rebuilt p95 ${row.p95_cold_ms}ms ${row.p95_cold_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  return out.join('  ');
}

export function benchCollections(): Promise<CollectionRow[]> {
  return withBenchData({ prefix: 'zs-bench-cl-', label: '情况征集' }, async (d) => {
    const { ctx, handle, dataDir } = d;
    log(`\n情况征集 / collections (issue 7)`);
    log(`  生成数据 / generating: ${UNITS} units, one collection sent to all, ${ROWS} table rows each (seed ${SEED}) in ${dataDir}`);
    const gen = await generateCollections(ctx, handle, { seed: SEED, units: UNITS, rowsPerUnit: ROWS, password: PASSWORD });
    refreshPlannerStatistics(handle);
    log(`  generated in ${(gen.ms / 1000).toFixed(1)} s: ${gen.units} units submitted (${gen.late} late), ${gen.tableRows.toLocaleString('en')} table rows, ${(gen.dataBytes / 1048576).toFixed(1)} MB of submissions; database ${(dbBytes(dataDir) / 1048576).toFixed(0)} MB`);

    const id = gen.collectionId;
    const e = gen.expect;
    const checkUnit = (b: any) =>
      b?.rows?.length === gen.units && b.totals.invest.sum === e.invest / 100 && b.totals.projects.sum === e.projects && b.totals['items.amount'].sum === e.itemsAmount / 100 &&
      b.totals['items.jobs'].sum === e.itemsJobs && b.totals.areas.count === e.areasCount && b.totals.contact.count === e.contactCount && b.completion.submitted === gen.units && b.completion.late === gen.late
        ? null
        : `rows ${b?.rows?.length}, totals ${JSON.stringify(b?.totals)}, completion ${JSON.stringify(b?.completion)}; expected ${gen.units} rows, ${JSON.stringify(e)}`;
    const checkRow = (b: any) =>
      b?.rows?.length === gen.tableRows && b.totals['items.amount'].sum === e.itemsAmount / 100 && b.totals['items.amount'].count === gen.tableRows && b.totals['items.jobs'].sum === e.itemsJobs
        ? null
        : `rows ${b?.rows?.length}, totals ${JSON.stringify(b?.totals)}; expected ${gen.tableRows} rows, amount ${e.itemsAmount / 100}, jobs ${e.itemsJobs}`;
    const checkXlsx = (rowsExpected: number) => async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const last = ws.getRow(ws.rowCount).values as unknown[];
      return ws.rowCount === rowsExpected + 4 && last[1] === '合计' ? null : `${ws.rowCount} rows, last ${JSON.stringify(last)}; expected ${rowsExpected + 4} rows ending in 合计`;
    };

    const server = await d.startServer();
    const office = await loginSession(server.port, gen.office);
    // The exports take long enough that ten at once only measure the queue: `json: false` times them one at a time.
    const reads: Read[] = [
      { name: COLLECTION_SCENARIOS.unit, url: `/api/collections/${id}/summary?mode=unit`, check: checkUnit, bare: (a) => getSummary(ctx, a, id, 'unit'), drop: dropKeptSummaries },
      { name: COLLECTION_SCENARIOS.row, url: `/api/collections/${id}/summary?mode=row`, check: checkRow, bare: (a) => getSummary(ctx, a, id, 'row'), drop: dropKeptSummaries },
      { name: COLLECTION_SCENARIOS.xlsx, url: `/api/collections/${id}/summary.xlsx`, json: false, check: checkXlsx(gen.units), bare: (a) => summaryXlsx(ctx, a, id, 'unit'), drop: dropKeptSummaries },
      { name: COLLECTION_SCENARIOS.xlsxRow, url: `/api/collections/${id}/summary.xlsx?mode=row`, json: false, check: checkXlsx(gen.tableRows), bare: (a) => summaryXlsx(ctx, a, id, 'row'), drop: dropKeptSummaries },
    ];
    const timed = await timeReads(reads, { server: d.server, session: () => office, note: () => ' (answer checked)' });
    await d.stopServer();
    return readRows<Read, CollectionRow>(timed, () => sessionActor(ctx, office), ({ bytes }, bare) => ({ p50_bare_ms: round(bare.p50), p95_bare_ms: round(bare.p95), bytes }));
  });
}

runAlone(import.meta.url, {
  name: 'collections',
  bench: benchCollections,
  scenarios: COLLECTION_SCENARIOS,
  verdict: collectionVerdict,
  columns: [
    ['p50_bare', (r) => r.p50_bare_ms],
    ['p95_bare', (r) => r.p95_bare_ms],
    ['p50_rebuilt', (r) => r.p50_cold_ms],
    ['p95_rebuilt', (r) => r.p95_cold_ms],
  ],
});

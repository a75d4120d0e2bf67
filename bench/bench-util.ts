/**
 * What every bench script shares: the server in a child process (as `npm start` runs it, with its own
 * event loop), percentiles and rounding; for the module benches (supervision, petitions, collections) also
 * their own database around the run and the stand-alone run that prints the table and merges results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '@zhongshu/db';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext, type AppContext } from '../apps/server/src/context.ts';
import type { BenchRow } from './gongwen.bench.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

export const log = (s: string) => console.log(s);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Requests a second as the rows hold them: whole from 10 up, two decimals below. */
export const roundRps = (x: number) => (x >= 10 ? Math.round(x) : round(x, 2));

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface Server {
  child: ChildProcess;
  port: number;
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

export function startServer(dataDir: string): Promise<Server> {
  const execArgv = ['--import', 'tsx'];
  if (env.BENCH_PROFILE) execArgv.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(env.BENCH_PROFILE)}`);
  const child = fork(path.join(here, 'server.ts'), [], { execArgv, env: { ...env, ZHONGSHU_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: any) => {
        if (m && key in m) {
          child.off('message', on);
          resolve(m[key]);
        }
      };
      child.on('message', on);
      child.send(msg);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening`)));
    child.once('message', (m: any) => {
      child.removeAllListeners('exit');
      resolve({
        child,
        port: m.port,
        rssMb: async () => round((await ask<number>('rss', 'rss')) / 1048576, 0),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

// ---- a module bench's own database ------------------------------------------------------------

export interface BenchData {
  ctx: AppContext;
  handle: DatabaseHandle;
  dataDir: string;
  /** A directory kept by an earlier run and named by the bench's reuse variable: its data is not generated again. */
  reused: boolean;
  /** The server on this data (startServer first). */
  server(): Server;
  startServer(): Promise<Server>;
  /** The server stopped answering (a synchronous query blocks its event loop): killed, and another started. */
  restartServer(): Promise<Server>;
  stopServer(): Promise<void>;
}

/**
 * A migrated SQLite database in a temporary directory (or the kept one `reuseVar` names) for the length of `run`;
 * the server `run` starts is killed whatever happens, and the directory removed unless BENCH_KEEP or reused.
 */
export async function withBenchData<T>(o: { prefix: string; label: string; reuseVar?: string }, run: (d: BenchData) => Promise<T>): Promise<T> {
  const reuse = o.reuseVar && env[o.reuseVar] ? path.resolve(env[o.reuseVar]!) : null;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), o.prefix));
  const handle = openDatabase({ databaseUrl: null, dataDir });
  let server: Server | null = null;
  try {
    const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false });
    const ctx = createContext(handle, config);
    await migrateToLatest(ctx.db);
    const start = async () => (server = await startServer(dataDir));
    return await run({
      ctx,
      handle,
      dataDir,
      reused: reuse !== null,
      server: () => {
        if (!server) throw new Error('the bench server is not running');
        return server;
      },
      startServer: start,
      async restartServer() {
        server?.child.kill('SIGKILL');
        server = null;
        await sleep(500);
        return start();
      },
      async stopServer() {
        await server?.stop();
        server = null;
      },
    });
  } finally {
    if (server) (server as Server).child.kill();
    await handle.close();
    if (env.BENCH_KEEP || reuse) log(`  ${o.label} data kept in ${dataDir}${o.reuseVar ? ` (${o.reuseVar}=${dataDir} reuses it)` : ''}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The generator's result, kept in `metaName` beside the database: read back when the data is reused, else generated now and kept. */
export async function generateOnce<G extends { ms: number }>(d: BenchData, metaName: string, announce: string, generate: () => Promise<G>): Promise<G> {
  const metaFile = path.join(d.dataDir, metaName);
  if (d.reused) {
    const gen = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as G;
    log(`  复用数据 / reusing ${d.dataDir} (generated earlier in ${(gen.ms / 1000).toFixed(1)} s)`);
    return gen;
  }
  log(announce);
  const gen = await generate();
  fs.writeFileSync(metaFile, JSON.stringify(gen));
  return gen;
}

// ---- the table, and a bench run alone --------------------------------------------------------

export const cell = (x: number | null | undefined) => (x === null || x === undefined ? '-' : String(x));

/** The scenario left-aligned, the figures right-aligned, the targets last. */
export function printTable(head: string[], cells: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) log(line(c));
}

/**
 * `node --import tsx <module>.bench.ts` (npm run bench:<module> -w bench): runs the bench, prints its table — under
 * load, one at a time, then `columns` (the ceiling unless given), RSS and the targets — and puts its rows into
 * results.json in place of this bench's scenarios, keeping every other scenario's. Does nothing when imported.
 */
export function runAlone<Row extends BenchRow>(
  moduleUrl: string,
  o: { name: string; bench: () => Promise<Row[]>; scenarios: Record<string, string>; verdict: (row: Row) => string; columns?: [string, (row: Row) => number | null | undefined][] },
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  const columns = o.columns ?? [['ceiling_rps', (r) => r.ceiling_rps]];
  const main = async () => {
    const began = performance.now();
    const rows = await o.bench();
    const head = ['scenario', 'p50_ms', 'p95_ms', 'rps', 'p50_single', 'p95_single', ...columns.map(([h]) => h), 'rss_mb', 'targets'];
    const cells = rows.map((r) => [r.scenario, cell(r.p50_ms), cell(r.p95_ms), cell(r.rps), cell(r.p50_single_ms), cell(r.p95_single_ms), ...columns.map(([, f]) => cell(f(r))), String(r.rss_mb), o.verdict(r)]);
    log('');
    printTable(head, cells);
    const out = path.join(here, 'results.json');
    const names = new Set<string>(Object.values(o.scenarios));
    const kept = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as BenchRow[]).filter((r) => !names.has(r.scenario)) : [];
    fs.writeFileSync(out, `${JSON.stringify([...kept, ...rows], null, 2)}\n`);
    log(`\nwritten ${path.relative(process.cwd(), out) || out}; total ${((performance.now() - began) / 1000).toFixed(0)} s`);
  };
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`${o.name} bench failed:`, err);
      process.exit(1);
    },
  );
}

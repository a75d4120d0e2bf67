/**
 * How the module benches (supervision, petitions, collections) measure over HTTP and in process: sign-in, timed
 * requests, 10-connection load, one request at a time, the bare call; their reads probed, checked and timed in
 * turn, the bare calls behind them, the rows and the targets' verdict.
 * Settings (environment): BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_PROBE_TIMEOUT, BENCH_SEED.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import type { AppContext } from '../apps/server/src/context.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { resolveSession } from '../apps/server/src/modules/auth/auth.service.ts';
import type { BenchRow } from './gongwen.bench.ts';
import { log, percentile, round, roundRps, type Server } from './bench-util.ts';

const env = process.env;
export const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
export const DURATION = num('BENCH_DURATION', 10);
export const WARMUP = num('BENCH_WARMUP', 2);
export const CONNECTIONS = num('BENCH_CONNECTIONS', 10);
export const PROBE_TIMEOUT = num('BENCH_PROBE_TIMEOUT', 60);
export const SEED = num('BENCH_SEED', 20261121);
/** The bench users' password (bench data only; never a real installation). */
export const PASSWORD = 'Bench-Passw0rd';

export interface Session {
  token: string;
  csrf: string;
}

export async function loginSession(port: number, username: string): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const token = res.headers.getSetCookie().map((c) => /^zs_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!token) throw new Error(`login ${username}: no zs_session cookie`);
  return { token, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

export async function request(base: string, s: Session, method: string, url: string, body?: unknown, timeoutS = PROBE_TIMEOUT): Promise<{ ms: number; res: Response; buf: Buffer }> {
  const t = performance.now();
  const res = await fetch(base + url, {
    method,
    headers: { cookie: `zs_session=${s.token}`, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutS * 1000),
  });
  const buf = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${method} ${url}${body === undefined ? '' : ` ${JSON.stringify(body).slice(0, 500)}`} → ${res.status} ${buf.toString('utf8').slice(0, 2000)}`);
  return { ms, res, buf };
}

export interface Measured {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
}

export function summarise(latencies: number[], seconds: number): Measured {
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / seconds, requests: latencies.length };
}

/** Waits until the server answers /api/health quickly three times running (nothing left queued). */
export async function drain(base: string): Promise<void> {
  const end = performance.now() + 300_000;
  for (let quick = 0; quick < 3 && performance.now() < end; ) {
    const t = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    quick = performance.now() - t < 50 ? quick + 1 : 0;
  }
}

/** CONNECTIONS connections for DURATION s after a WARMUP s warm-up; every answer must be a 200. */
export async function concurrent(base: string, url: string, s: Session): Promise<Measured> {
  const headers = { cookie: `zs_session=${s.token}` };
  const timeout = PROBE_TIMEOUT * 2;
  if (WARMUP > 0) await autocannon({ url: base + url, connections: CONNECTIONS, duration: WARMUP, headers, timeout });
  await drain(base);
  const latencies: number[] = [];
  const run = autocannon({ url: base + url, connections: CONNECTIONS, duration: DURATION, headers, timeout });
  run.on('response', (_c, status, _b, ms) => {
    if (status === 200) latencies.push(ms);
  });
  const r = await run;
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts under load (${JSON.stringify(r.statusCodeStats)})`);
  await drain(base);
  return summarise(latencies, r.duration);
}

/** One request after another for DURATION s (at least five), each timed alone: what one user waits. */
export async function oneAtATime(base: string, url: string, s: Session): Promise<Measured> {
  const warmEnd = performance.now() + Math.min(WARMUP, 1) * 1000;
  while (performance.now() < warmEnd) await request(base, s, 'GET', url);
  const latencies: number[] = [];
  const start = performance.now();
  while (latencies.length < 5 || performance.now() - start < DURATION * 1000) latencies.push((await request(base, s, 'GET', url)).ms);
  return summarise(latencies, (performance.now() - start) / 1000);
}

/** The bare service call in-process, one after another (better-sqlite3 is synchronous). */
export async function ceiling(fn: () => Promise<unknown>): Promise<Measured> {
  const warmEnd = performance.now() + Math.min(WARMUP, 1) * 1000;
  while (performance.now() < warmEnd) await fn();
  const latencies: number[] = [];
  const start = performance.now();
  while (latencies.length < 5 || performance.now() - start < DURATION * 1000) {
    const t = performance.now();
    await fn();
    latencies.push(performance.now() - t);
  }
  return summarise(latencies, (performance.now() - start) / 1000);
}

export function dbBytes(dataDir: string): number {
  return fs.readdirSync(dataDir).filter((f) => f.startsWith('zhongshu.db')).reduce((s, f) => s + fs.statSync(path.join(dataDir, f)).size, 0);
}

/** The actor the server's onRequest hook makes of a session, for the bare calls. */
export async function sessionActor(ctx: AppContext, s: Session): Promise<Actor> {
  const a = await resolveSession(ctx, s.token, '127.0.0.1');
  if (!a) throw new Error('session vanished');
  return a;
}

// ---- the reads a module bench times ------------------------------------------------------

/** A read as its user makes it: GET `url`, the answer checked before it is timed, and the same work bare in-process. */
export interface Read {
  name: string;
  url: string;
  /** false: a file, not JSON, timed one request at a time only (ten at once would only measure their queue). */
  json?: boolean;
  /** What is wrong with the answer (parsed JSON; the bytes when `json` is false), or null. */
  check(answer: any): string | null | Promise<string | null>;
  bare(a: Actor): Promise<unknown>;
  /** Drops the answer the server keeps between calls: the row then also holds the bare call rebuilt every time (cold). */
  drop?(): void;
}

export interface Timed<R extends Read> {
  sc: R;
  /** Under CONNECTIONS connections, or the one-at-a-time figures when `sequential`; null: no answer within PROBE_TIMEOUT. */
  m: Measured | null;
  alone: Measured | null;
  rss: number;
  sequential: boolean;
  /** The size of the probe's answer. */
  bytes: number;
}

/**
 * Each read probed once and its answer checked (a wrong answer stops the bench), then timed one at a time and, unless
 * too slow for it or a file, under load. A probe with no answer within PROBE_TIMEOUT gets no figures when the bench
 * can `restart` its server (else it stops the bench). `note`: what the log line tells of an answer.
 */
export async function timeReads<R extends Read>(reads: R[], o: { server: () => Server; session: (sc: R) => Session; restart?: () => Promise<void>; note?: (answer: any) => string }): Promise<Timed<R>[]> {
  const timed: Timed<R>[] = [];
  for (const sc of reads) {
    const base = `http://127.0.0.1:${o.server().port}`;
    let probe: Awaited<ReturnType<typeof request>>;
    try {
      probe = await request(base, o.session(sc), 'GET', sc.url);
    } catch (err) {
      if (!(o.restart && err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) throw err;
      log(`  ${sc.name}: GET ${sc.url} → no answer within ${PROBE_TIMEOUT} s; restarting the server, no figures for this row`);
      await o.restart();
      timed.push({ sc, m: null, alone: null, rss: await o.server().rssMb(), sequential: false, bytes: 0 });
      continue;
    }
    const answer = sc.json === false ? probe.buf : JSON.parse(probe.buf.toString('utf8'));
    const problem = await sc.check(answer);
    if (problem) throw new Error(`${sc.name}: GET ${sc.url} answered ${problem}`);
    log(`  ${sc.name}: GET ${sc.url} → ${probe.buf.length.toLocaleString('en')} bytes in ${round(probe.ms, 1)} ms${o.note?.(answer) ?? ''}`);
    // So slow that CONNECTIONS of them queued would take half the run: one at a time only.
    const sequential = sc.json === false || probe.ms * CONNECTIONS > DURATION * 1000 * 0.5;
    const alone = await oneAtATime(base, sc.url, o.session(sc));
    const m = sequential ? alone : await concurrent(base, sc.url, o.session(sc));
    timed.push({ sc, m, alone, rss: await o.server().rssMb(), sequential, bytes: probe.buf.length });
    log(`    ${sequential ? 'one at a time only (too slow for concurrent load)' : `${CONNECTIONS} connections: ${round(m.rps, 1)} req/s, p50 ${round(m.p50)} ms, p95 ${round(m.p95)} ms (${m.requests} answers)`}; one at a time: p50 ${round(alone.p50)} ms, p95 ${round(alone.p95)} ms (${alone.requests})`);
  }
  return timed;
}

export interface ReadRow extends BenchRow {
  /** The read rebuilt on every call (its kept answer dropped first): what the first reader after a change waits. */
  p50_cold_ms?: number;
  p95_cold_ms?: number;
}

/**
 * The rows of the timed reads, each with its bare call (in-process, one after another: the ceiling) and, for a read
 * that keeps its answer, the same rebuilt every time; `more` adds a bench's own figures at the row's end.
 */
export async function readRows<R extends Read, Row extends ReadRow = ReadRow>(timed: Timed<R>[], actor: (sc: R) => Promise<Actor>, more?: (t: Timed<R>, bare: Measured) => Omit<Row, keyof ReadRow>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const t of timed) {
    const { sc, m, alone, rss, sequential } = t;
    if (!m || !alone) {
      rows.push({ scenario: sc.name, p50_ms: null, p95_ms: null, rps: null, ceiling_rps: null, rss_mb: rss } as Row);
      continue;
    }
    const bare = await ceiling(async () => sc.bare(await actor(sc)));
    log(`  ${sc.name}, bare: ${round(bare.rps, 1)}/s, p50 ${round(bare.p50, 2)} ms, p95 ${round(bare.p95, 2)} ms`);
    const drop = sc.drop?.bind(sc);
    const cold = drop
      ? await ceiling(async () => {
          drop();
          return sc.bare(await actor(sc));
        })
      : null;
    if (cold) log(`  ${sc.name}, rebuilt every call (cold): p50 ${round(cold.p50, 2)} ms, p95 ${round(cold.p95, 2)} ms`);
    rows.push({
      scenario: sc.name, p50_ms: round(m.p50), p95_ms: round(m.p95), rps: roundRps(m.rps), ceiling_rps: roundRps(bare.rps), rss_mb: rss,
      ...(sequential ? { load: 'sequential' as const } : {}), p50_single_ms: round(alone.p50), p95_single_ms: round(alone.p95),
      ...(cold ? { p50_cold_ms: round(cold.p50), p95_cold_ms: round(cold.p95) } : {}),
      ...more?.(t, bare),
    } as Row);
  }
  return rows;
}

/** The targets column: p95 under the target under load, and (where measured) one request at a time. */
export function p95Verdict(targets: Record<string, { p95?: number }>, row: BenchRow): string {
  const t = targets[row.scenario];
  if (!t?.p95) return '';
  if (row.p95_ms === null) return `no answer within ${PROBE_TIMEOUT} s  FAIL`;
  const out = [`p95<${t.p95}ms ${row.p95_ms < t.p95 ? 'PASS' : 'FAIL'}`];
  if (row.p95_single_ms !== undefined) out.push(`one at a time p95 ${row.p95_single_ms}ms ${row.p95_single_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  return out.join('  ');
}

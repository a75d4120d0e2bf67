/**
 * How the module benches measure over HTTP and in process, shared by supervision.bench.ts and
 * petitions.bench.ts: sign-in, timed requests, 10-connection load, one request at a time, the bare call.
 * Settings (environment): BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_PROBE_TIMEOUT.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { percentile } from './bench-util.ts';

const env = process.env;
export const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
export const DURATION = num('BENCH_DURATION', 10);
export const WARMUP = num('BENCH_WARMUP', 2);
export const CONNECTIONS = num('BENCH_CONNECTIONS', 10);
export const PROBE_TIMEOUT = num('BENCH_PROBE_TIMEOUT', 60);
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

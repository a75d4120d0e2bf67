/**
 * `npm run bench`: generates a county's worth of data in a fresh SQLite database, serves it with
 * the real app in a child process, measures the inbox, the assignment detail and the 办文 registers
 * and document detail with autocannon, measures the same work bare (the ceiling), times 印发 to 300
 * units, runs the 公文 engine benchmarks, prints a table with PASS/FAIL against the issues' targets
 * and writes bench/results.json.
 *
 * A missed target is a finding, not a failure: the process exits non-zero only when the bench
 * itself cannot run (generation, server start, login, a non-200 answer under load, or a 办文 step
 * of the 印发 scenario refused). A register that gives no answer within BENCH_PROBE_TIMEOUT is a
 * finding too: its row has no figures, and the server (stuck in a synchronous query) is restarted.
 * Settings (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 2), BENCH_CONNECTIONS (10),
 * BENCH_ASSIGNMENTS (100000), BENCH_DOCUMENTS (300000; 0 leaves 办文 out), BENCH_ISSUE_RUNS (5),
 * BENCH_PROBE_TIMEOUT (s, 60), BENCH_USERS (4000), BENCH_SEED, BENCH_KEEP=1 keeps the data directory,
 * BENCH_DATA=<kept dir> skips generation and reuses it, BENCH_PROFILE=<dir> writes a CPU profile of the server there.
 * 督查督办 (issue 5) runs last on a database of its own (supervision.bench.ts): BENCH_SUPERVISION_ITEMS (60000;
 * 0 leaves it out), BENCH_SUPERVISION_DATA=<kept dir> reuses one, BENCH_CIRCULAR_RUNS (10).
 * 信访 (issue 6) runs after it on a database of its own (petitions.bench.ts): BENCH_PETITIONS (100000 cases;
 * 0 leaves it out), BENCH_PETITIONS_DATA=<kept dir> reuses one, BENCH_MATCH_TEXTS (200), BENCH_PETITION_REGISTRATIONS (100).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { assignments, files, inbox, migrateToLatest, openDatabase, refreshPlannerStatistics } from '@zhongshu/db';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext, type AppContext } from '../apps/server/src/context.ts';
import { resolveSession } from '../apps/server/src/modules/auth/auth.service.ts';
import { getDocumentDetail, listDocuments } from '../apps/server/src/modules/documents/documents.service.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { bulkPassword, generate, type GenerateResult } from './generate.ts';
import { SEARCH_TERMS } from './generate-documents.ts';
import { issueToUnits } from './issue.bench.ts';
import { benchGongwen, type BenchRow } from './gongwen.bench.ts';
import { benchSupervision, SUPERVISION_ITEMS, SUPERVISION_TARGETS } from './supervision.bench.ts';
import { benchPetitions, PETITIONS_CASES, PETITION_TARGETS } from './petitions.bench.ts';
import { benchCollections, COLLECTION_TARGETS } from './collections.bench.ts';
import { cell, percentile, printTable, round, startServer, type Server } from './bench-util.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const CONNECTIONS = num('BENCH_CONNECTIONS', 10);
const ASSIGNMENTS = num('BENCH_ASSIGNMENTS', 100_000);
const USERS = num('BENCH_USERS', 4_000);
const DOCUMENTS = num('BENCH_DOCUMENTS', 300_000);
const ISSUE_RUNS = num('BENCH_ISSUE_RUNS', 5);
const PROBE_TIMEOUT = num('BENCH_PROBE_TIMEOUT', 60);
const SEED = num('BENCH_SEED', 20261121);
const PASSWORD = 'Bench-Passw0rd';

/**
 * Issue 2's targets (SQLite, this 2-core machine) are stated for the inbox first page; the other
 * HTTP scenarios are held to the same bar. 公文 targets are those in gongwen.bench.ts.
 */
const HTTP_TARGETS = { p95: 20, rps: 1500, ceilingShare: 0.5 };
/**
 * 办文 (issue 3, with 300,000 documents): registers' first page and a title search p95 < 50 ms,
 * opening a document with its history p95 < 30 ms, 印发 to 300 units < 2 s (the row's p95 is the slowest run).
 */
const TARGETS: Record<string, { p95?: number; p50?: number; rps?: number; ceilingShare?: number }> = {
  'gongwen parse+check 10k chars': { p50: 5 },
  'gongwen render 5-page docx': { p50: 50 },
  'documents incoming register (clerk)': { p95: 50 },
  'documents outgoing register (clerk)': { p95: 50 },
  'documents title search (clerk)': { p95: 50 },
  'documents incoming register (leader)': { p95: 50 },
  'document detail (clerk)': { p95: 30 },
  'document detail (leader)': { p95: 30 },
  'document issue to 300 units': { p95: 2000 },
};
// 督查督办 (issue 5): board p95 < 100 ms, a month's 通报 computed and rendered < 1 s (see supervision.bench.ts).
Object.assign(TARGETS, SUPERVISION_TARGETS);
// 信访 (issue 6): duplicate matching p95 < 100 ms, the statistics page p95 < 200 ms (see petitions.bench.ts).
Object.assign(TARGETS, PETITION_TARGETS);
// 情况征集 (issue 7): 400 units × 50 rows summed p95 < 300 ms, exported < 2 s (see collections.bench.ts).
Object.assign(TARGETS, COLLECTION_TARGETS);

const log = (s: string) => console.log(s);


export interface Session {
  token: string;
  csrf: string;
}

async function loginSession(port: number, username: string, password = PASSWORD): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => /^zs_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!cookie) throw new Error(`login ${username}: no zs_session cookie`);
  const body = (await res.json()) as { csrfToken: string };
  return { token: cookie, csrf: body.csrfToken };
}

async function login(port: number, username: string): Promise<string> {
  return (await loginSession(port, username)).token;
}

async function getJson(url: string, token: string, timeoutS?: number): Promise<any> {
  const res = await fetch(url, { headers: { cookie: `zs_session=${token}` }, ...(timeoutS ? { signal: AbortSignal.timeout(timeoutS * 1000) } : {}) });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isTimeout = (err: unknown) => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');

// ---- measurements ------------------------------------------------------------------------
interface Measured {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  max: number;
}

/** Waits until the server answers /api/health quickly three times running: whatever autocannon left behind has finished. */
async function drain(base: string): Promise<void> {
  const end = performance.now() + 300_000;
  for (let quick = 0; quick < 3 && performance.now() < end; ) {
    const t = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    quick = performance.now() - t < 50 ? quick + 1 : 0;
  }
}

/**
 * Load on one URL, or on a random one of `paths` per request. `slow`: the 办文 reads, which may take
 * seconds at this scale — warm-up is sequential (no requests left running into the measurement),
 * requests may take up to PROBE_TIMEOUT × 2, and the server is drained afterwards.
 * `sequential`: a read so slow that concurrent load would only measure its queue — one request after
 * another for the duration (at least three), each timed alone.
 */
async function load(base: string, url: string, token: string, opts: { paths?: string[]; slow?: boolean; sequential?: boolean } = {}): Promise<Measured> {
  const connections = CONNECTIONS;
  const headers = { cookie: `zs_session=${token}` };
  const pick = () => (opts.paths ? opts.paths[Math.floor(Math.random() * opts.paths.length)]! : url);
  const requests = opts.paths ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: pick() }) }] : undefined;
  const timeout = opts.slow ? PROBE_TIMEOUT * 2 : undefined;
  if (WARMUP > 0) {
    if (opts.slow) {
      const end = performance.now() + WARMUP * 1000;
      for (let n = 0; n < 2 || performance.now() < end; n++) await getJson(base + pick(), token, timeout);
    } else await autocannon({ url: base + url, connections, duration: WARMUP, headers, requests });
  }
  const latencies: number[] = [];
  if (opts.sequential) {
    const start = performance.now();
    while (latencies.length < 3 || performance.now() - start < DURATION * 1000) {
      const t = performance.now();
      await getJson(base + pick(), token, timeout);
      latencies.push(performance.now() - t);
    }
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / elapsed, requests: latencies.length, max: latencies[latencies.length - 1]! };
  }
  const run = autocannon({ url: base + url, connections, duration: DURATION, headers, requests, ...(timeout ? { timeout } : {}) });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) latencies.push(ms);
  });
  const r = await run;
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts under load (${JSON.stringify(r.statusCodeStats)})`);
  latencies.sort((a, b) => a - b);
  const max = latencies.length ? latencies[latencies.length - 1]! : 0;
  if (opts.slow) await drain(base);
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / r.duration, requests: latencies.length, max };
}

/** The bare queries, one after another for the same duration (better-sqlite3 is synchronous: concurrency adds nothing). */
async function ceiling(fn: () => Promise<unknown>): Promise<Measured> {
  const warmEnd = performance.now() + Math.min(WARMUP, 1) * 1000;
  while (performance.now() < warmEnd) await fn();
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + DURATION * 1000;
  let t = start;
  while (t < end) {
    await fn();
    const t2 = performance.now();
    latencies.push(t2 - t);
    t = t2;
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rps: latencies.length / ((t - start) / 1000), requests: latencies.length, max: latencies[latencies.length - 1] ?? 0 };
}

/** What the onRequest hook does for every request: resolveSession (session, user, roles; settings cached). */
async function sessionLookup(ctx: AppContext, token: string): Promise<Actor> {
  const actor = await resolveSession(ctx, token, '127.0.0.1');
  if (!actor) throw new Error('session vanished');
  return actor;
}

// ---- report ------------------------------------------------------------------------------
function verdicts(row: BenchRow): string {
  const t = TARGETS[row.scenario] ?? (row.ceiling_rps !== null ? HTTP_TARGETS : undefined);
  if (!t) return '';
  const out: string[] = [];
  if (row.p95_ms === null || row.p50_ms === null || row.rps === null) return `no answer within ${PROBE_TIMEOUT} s  FAIL`;
  if (t.p95 !== undefined) out.push(`p95<${t.p95}ms ${row.p95_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  if (t.p95 !== undefined && row.p95_single_ms !== undefined) out.push(`one at a time p95 ${row.p95_single_ms}ms ${row.p95_single_ms < t.p95 ? 'PASS' : 'FAIL'}`);
  if (t.p50 !== undefined) out.push(`p50<${t.p50}ms ${row.p50_ms < t.p50 ? 'PASS' : 'FAIL'}`);
  if (t.rps !== undefined) out.push(`rps>=${t.rps} ${row.rps >= t.rps ? 'PASS' : 'FAIL'}`);
  if (t.ceilingShare !== undefined && row.ceiling_rps) {
    const share = row.rps / row.ceiling_rps;
    out.push(`>=${t.ceilingShare * 100}% of ceiling (${Math.round(share * 100)}%) ${share >= t.ceilingShare ? 'PASS' : 'FAIL'}`);
  }
  return out.join('  ');
}

function printResults(rows: BenchRow[]) {
  const head = ['scenario', 'p50_ms', 'p95_ms', 'rps', 'ceiling_rps', 'rss_mb', 'targets'];
  printTable(head, rows.map((r) => [r.scenario, cell(r.p50_ms), cell(r.p95_ms), cell(r.rps), cell(r.ceiling_rps), String(r.rss_mb), verdicts(r)]));
}

// ---- main --------------------------------------------------------------------------------
async function main(): Promise<number> {
  const began = performance.now();
  // BENCH_DATA=<dir> reuses a database kept by an earlier BENCH_KEEP=1 run (pending migrations are applied).
  const reuse = env.BENCH_DATA ? path.resolve(env.BENCH_DATA) : null;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-'));
  const metaFile = path.join(dataDir, 'bench-meta.json');
  let server: Server | null = null;
  const handle = openDatabase({ databaseUrl: null, dataDir });
  let exitCode = 0;
  try {
    const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false });
    const ctx = createContext(handle, config);
    await migrateToLatest(ctx.db);
    // The bare measurements run on this connection: give it the planner statistics the server has.
    refreshPlannerStatistics(handle);

    let gen: GenerateResult;
    if (reuse) {
      gen = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
      log(`复用数据 / reusing ${dataDir} (generated earlier in ${(gen.ms / 1000).toFixed(1)} s)`);
      // Earlier runs' 印发 scenario sent the measured clerk more to-dos; count what the database holds now.
      const open = handle.sqlite!.prepare("select count(*) n from inbox_items where user_id = ? and box = 'todo' and state = 'open'").get(gen.clerk.id) as { n: number };
      gen.clerk.openTodos = Number(open.n);
    } else {
      log(`生成数据 / generating: ${USERS} users, ${ASSIGNMENTS} assignments (seed ${SEED}) in ${dataDir}`);
      gen = await generate(ctx, handle, { seed: SEED, users: USERS, assignments: ASSIGNMENTS, documents: DOCUMENTS, password: PASSWORD });
      fs.writeFileSync(metaFile, JSON.stringify(gen));
    }
    const dbBytes = fs.readdirSync(dataDir).filter((f) => f.startsWith('zhongshu.db')).reduce((s, f) => s + fs.statSync(path.join(dataDir, f)).size, 0);
    log(`  generated in ${(gen.ms / 1000).toFixed(1)} s; database ${(dbBytes / 1048576).toFixed(0)} MB`);
    log(`  rows: ${Object.entries(gen.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`  final states: ${Object.entries(gen.states).map(([s, n]) => `${s} ${n}`).join(', ')}; open and overdue ${gen.overdueOpen}`);
    log(`  events per assignment: min ${gen.eventsPerAssignment.min}, avg ${gen.eventsPerAssignment.avg}, max ${gen.eventsPerAssignment.max}`);
    log(`  measured: ${gen.clerk.username} (${gen.clerk.unitName} clerk, ${gen.clerk.openTodos} open to-dos); ${gen.leader.username} reads assignment ${gen.detail.assignmentId} (${gen.detail.events} events, ${gen.detail.files} attachments)`);

    const docs = gen.documents ?? null;
    if (docs) {
      log(`  办文: ${docs.outgoing.toLocaleString('en')} outgoing, ${docs.incoming.toLocaleString('en')} incoming (${docs.incomingCopies.toLocaleString('en')} of them copies of issued documents) in ${(docs.ms / 1000).toFixed(1)} s (indexes rebuilt in ${(docs.indexMs / 1000).toFixed(1)} s)`);
      log(`  states: ${Object.entries(docs.states).sort().map(([s, n]) => `${s} ${n}`).join(', ')}`);
      log(`  events per document: min ${docs.eventsPerDocument.min}, avg ${docs.eventsPerDocument.avg}, max ${docs.eventsPerDocument.max}; versions per outgoing: min ${docs.versionsPerOutgoing.min}, avg ${docs.versionsPerOutgoing.avg}, max ${docs.versionsPerOutgoing.max}; text ${docs.contentBytes.min}–${docs.contentBytes.max} bytes (avg ${docs.contentBytes.avg})`);
      log(`  incoming titles holding ${Object.entries(docs.titleHits).map(([t, n]) => `${t}: ${n}`).join(', ')}; open documents of the 县委 and its office: ${docs.clerkOpen}`);
    }

    server = await startServer(dataDir);
    const base = () => `http://127.0.0.1:${server!.port}`;
    // Sessions by who they are, so that a restarted server can log everyone in again.
    const who = { clerk: gen.clerk.username, leader: gen.leader.username, docClerk: gen.docClerk?.username ?? 'bench_doc_clerk' } as const;
    type Who = keyof typeof who;
    const sessions = {} as Record<Who, Session>;
    const logInAll = async () => {
      for (const k of Object.keys(who) as Who[]) if (k !== 'docClerk' || docs) sessions[k] = await loginSession(server!.port, who[k]);
    };
    await logInAll();
    const clerk = gen.clerk.id;
    const detailId = gen.detail.assignmentId;
    const now = () => ctx.now().toISOString();
    const term = SEARCH_TERMS[0]!;
    const page = { page: 1, pageSize: 20 };
    // Each scenario: the URL under load (or random paths), whose session, a check of the answer, and the bare work behind it.
    interface Scenario {
      name: string;
      url: string;
      paths?: string[];
      who: Who;
      slow?: boolean;
      check(body: any): string | null;
      bare(actor: Actor): Promise<unknown>;
    }
    const scenarios: Scenario[] = [
      {
        name: 'inbox todo first page',
        url: '/api/inbox?box=todo',
        who: 'clerk',
        check: (b) => (b.total === gen.clerk.openTodos && b.items.length === Math.min(20, gen.clerk.openTodos) ? null : `total ${b.total}, ${b.items?.length} items; expected ${gen.clerk.openTodos}`),
        bare: () => inbox.listInbox(ctx.db, clerk, { box: 'todo' }, page),
      },
      {
        name: 'assignment detail',
        url: `/api/assignments/${detailId}`,
        who: 'leader',
        check: (b) => (b.history?.length === gen.detail.events ? null : `${b.history?.length} history entries; expected ${gen.detail.events}`),
        bare: async () => {
          await assignments.getAssignment(ctx.db, detailId);
          await Promise.all([assignments.listAssignmentEvents(ctx.db, detailId), files.filesOfEntity(ctx.db, 'assignment', detailId)]);
        },
      },
      // Not in issue 2's list, measured because they are the inbox's other everyday reads: 已办 and the header counts.
      {
        name: 'inbox done first page',
        url: '/api/inbox?box=done',
        who: 'clerk',
        check: (b) => (b.items?.length === 20 ? null : `${b.items?.length} items`),
        bare: () => inbox.listInbox(ctx.db, clerk, { box: 'done' }, page),
      },
      {
        name: 'inbox counts (leader)',
        url: '/api/inbox/counts',
        who: 'leader',
        check: (b) => (typeof b.todo === 'number' && b.mine > 0 ? null : JSON.stringify(b)),
        bare: () => inbox.countInbox(ctx.db, gen.leader.id, now()),
      },
    ];
    if (docs) {
      // 办文 (issue 3): the 县委办 document clerk's registers and a title search, the leader's register, and opening documents.
      const register = (b: any) => (Array.isArray(b.items) && b.total > 0 && b.items.length === Math.min(20, b.total) ? null : `total ${b.total}, ${b.items?.length} items`);
      const detail = (b: any) => (typeof b.id === 'string' && Array.isArray(b.history) && b.history.length > 0 ? null : `id ${b.id}, ${b.history?.length} history entries`);
      const list = (q: Record<string, string>) => (actor: Actor) => listDocuments(ctx, actor, { ...q, ...page } as never);
      const randomOf = (ids: string[]) => () => ids[Math.floor(Math.random() * ids.length)]!;
      const clerkDoc = randomOf(docs.samples.clerk);
      const leaderDoc = randomOf(docs.samples.leader);
      scenarios.push(
        { name: 'documents incoming register (clerk)', url: '/api/documents?direction=incoming', who: 'docClerk', slow: true, check: register, bare: list({ direction: 'incoming' }) },
        { name: 'documents outgoing register (clerk)', url: '/api/documents?direction=outgoing', who: 'docClerk', slow: true, check: register, bare: list({ direction: 'outgoing' }) },
        {
          name: 'documents title search (clerk)',
          url: `/api/documents?direction=incoming&q=${encodeURIComponent(term)}`,
          who: 'docClerk',
          slow: true,
          check: (b) => register(b) ?? (b.items.every((d: any) => [d.title, d.numberText, d.senderName].some((x) => typeof x === 'string' && x.includes(term))) ? null : `an item without “${term}”`),
          bare: list({ direction: 'incoming', q: term }),
        },
        { name: 'documents incoming register (leader)', url: '/api/documents?direction=incoming', who: 'leader', slow: true, check: register, bare: list({ direction: 'incoming' }) },
        { name: 'document detail (clerk)', url: `/api/documents/${docs.samples.clerk[0]}`, paths: docs.samples.clerk.map((id) => `/api/documents/${id}`), who: 'docClerk', slow: true, check: detail, bare: (a) => getDocumentDetail(ctx, a, clerkDoc()) },
        { name: 'document detail (leader)', url: `/api/documents/${docs.samples.leader[0]}`, paths: docs.samples.leader.map((id) => `/api/documents/${id}`), who: 'leader', slow: true, check: detail, bare: (a) => getDocumentDetail(ctx, a, leaderDoc()) },
      );
    }
    /** A server stuck in a query that runs for minutes blocks its event loop: stop it and start another. */
    const restartServer = async () => {
      const old = server!;
      await new Promise<void>((done) => {
        old.child.once('exit', () => done());
        old.child.kill('SIGKILL');
      });
      server = await startServer(dataDir);
      await logInAll();
    };
    // The answers must be the real ones before their speed means anything; a 办文 read that does not answer in time is a finding.
    const stuck = new Set<string>();
    // A read so slow that CONNECTIONS of them queued would take half the run is measured one request at a time.
    const oneConnection = new Set<string>();
    for (const sc of scenarios) {
      const t = performance.now();
      let body: any;
      try {
        body = await getJson(base() + sc.url, sessions[sc.who].token, sc.slow ? PROBE_TIMEOUT : undefined);
      } catch (err) {
        if (!sc.slow || !isTimeout(err)) throw err;
        log(`  ${sc.name}: GET ${sc.url} → no answer within ${PROBE_TIMEOUT} s; restarting the server, no figures for this row`);
        stuck.add(sc.name);
        await restartServer();
        continue;
      }
      const ms = performance.now() - t;
      if (sc.slow && ms * CONNECTIONS > DURATION * 1000 * 0.5) oneConnection.add(sc.name);
      const problem = sc.check(body);
      if (problem) throw new Error(`${sc.name}: ${sc.url} answered ${problem}`);
      log(`  ${sc.name}: GET ${sc.url} → ${JSON.stringify(body).length} bytes in ${round(ms, 1)} ms${body.total !== undefined ? `, total ${body.total}` : ''}${body.history ? `, ${body.history.length} history entries` : ''}`);
    }

    log(`\n测量 / measuring: autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each; then the bare work for ${DURATION} s each`);
    const http: { sc: Scenario; m: Measured | null; rss: number; alone?: Measured }[] = [];
    for (const sc of scenarios) {
      if (stuck.has(sc.name)) {
        http.push({ sc, m: null, rss: await server!.rssMb() });
        continue;
      }
      const single = oneConnection.has(sc.name);
      const m = await load(base(), sc.url, sessions[sc.who].token, { paths: sc.paths, slow: sc.slow, sequential: single });
      // A register under ten connections mostly measures the queue (one SQLite, one event loop); one at a time is what a clerk waits.
      const alone = sc.slow && !single ? await load(base(), sc.url, sessions[sc.who].token, { paths: sc.paths, slow: sc.slow, sequential: true }) : undefined;
      http.push({ sc, m, rss: await server!.rssMb(), alone });
      log(`  ${sc.name}: ${round(m.rps, 1)} req/s, p50 ${round(m.p50)} ms, p95 ${round(m.p95)} ms (${m.requests} answers${single ? ', one at a time: too slow for concurrent load' : ''})${alone ? `; one at a time p50 ${round(alone.p50)} ms, p95 ${round(alone.p95)} ms` : ''}`);
    }

    // 印发 to 300 units (issue 3): a document taken through the API to 印发 (distributing), then the issue step timed alone.
    let issueRow: BenchRow | null = null;
    if (docs && ISSUE_RUNS > 0) {
      log(`\n印发 / issuing to ${docs.issue.recipients.length} units, ${ISSUE_RUNS} times (each document prepared through the API first)`);
      const times: number[] = [];
      const reviewer = await loginSession(server!.port, docs.issue.reviewerUsername, bulkPassword(gen.seed ?? SEED));
      for (let i = 0; i < ISSUE_RUNS; i++) {
        const r = await issueToUnits(base(), { clerk: sessions.docClerk, reviewer, signer: sessions.leader }, docs.issue, i);
        times.push(r.ms);
        log(`  run ${i + 1}: POST /api/documents/${r.id}/actions/issue → ${r.recipients} incoming documents in ${round(r.ms, 0)} ms (${r.bytes} bytes answered)`);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      issueRow = { scenario: 'document issue to 300 units', p50_ms: round(median, 0), p95_ms: round(times[times.length - 1]!, 0), rps: round(1000 / median, 2), ceiling_rps: null, rss_mb: await server!.rssMb() };
    }

    const rows: BenchRow[] = [];
    for (const { sc, m, rss, alone } of http) {
      if (!m) {
        rows.push({ scenario: sc.name, p50_ms: null, p95_ms: null, rps: null, ceiling_rps: null, rss_mb: rss });
        continue;
      }
      const bare = await ceiling(async () => {
        const actor = await sessionLookup(ctx, sessions[sc.who].token);
        await sc.bare(actor);
      });
      log(`  ${sc.name}, bare: ${round(bare.rps, 1)}/s, p50 ${round(bare.p50, 3)} ms`);
      rows.push({ scenario: sc.name, p50_ms: round(m.p50), p95_ms: round(m.p95), rps: m.rps >= 10 ? Math.round(m.rps) : round(m.rps, 2), ceiling_rps: bare.rps >= 10 ? Math.round(bare.rps) : round(bare.rps, 2), rss_mb: rss, ...(oneConnection.has(sc.name) ? { load: 'sequential' as const } : {}), ...(alone ? { p50_single_ms: round(alone.p50), p95_single_ms: round(alone.p95) } : {}) });
    }
    if (issueRow) rows.push(issueRow);
    log(`  server RSS after the run: ${await server!.rssMb()} MB`);
    await server!.stop();
    server = null;

    try {
      rows.push(...(await benchGongwen()));
    } catch (err) {
      console.error('公文 benchmarks failed:', err);
      exitCode = 1;
    }

    // 督查督办 (issue 5): its own database and server, after the others have stopped.
    if (SUPERVISION_ITEMS > 0) {
      try {
        rows.push(...(await benchSupervision()));
      } catch (err) {
        console.error('督查督办 benchmarks failed:', err);
        exitCode = 1;
      }
    }

    // 信访 (issue 6): its own database and server, last.
    if (PETITIONS_CASES > 0) {
      try {
        rows.push(...(await benchPetitions()));
      } catch (err) {
        console.error('信访 benchmarks failed:', err);
        exitCode = 1;
      }
    }

    // 情况征集 (issue 7): its own small database and server, last.
    try {
      rows.push(...(await benchCollections()));
    } catch (err) {
      console.error('情况征集 benchmarks failed:', err);
      exitCode = 1;
    }

    log('');
    printResults(rows);
    const out = path.join(here, 'results.json');
    fs.writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
    log(`\nwritten ${path.relative(process.cwd(), out) || out}; total ${((performance.now() - began) / 1000).toFixed(0)} s`);
  } finally {
    if (server) server.child.kill();
    await handle.close();
    if (env.BENCH_KEEP || reuse) log(`data kept in ${dataDir} (BENCH_DATA=${dataDir} reuses it)`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench failed:', err);
    process.exit(1);
  },
);

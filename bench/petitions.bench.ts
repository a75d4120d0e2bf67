/**
 * 信访 (issue 6): "With 100,000 cases: duplicate matching for a new registration under 100 ms p95; the
 * statistics page under 200 ms p95."
 *
 * Builds its own database (generate-petitions.ts), serves it with the real app in a child process (server.ts)
 * and measures, as the 县信访局 clerk (`bench_pt_clerk`, roles petition + unit) would use them:
 *   - GET /api/petitions/stats — this month (the page's first view) and this year (from 1 January);
 *   - GET /api/petitions — the register's first page, and ?flag=overdue;
 *   - GET /api/petitions/board — the warnings board;
 *   each one request at a time (p50/p95), then 10-connection autocannon (p50/p95/req/s), then the bare service
 *   call in-process (ceiling);
 *   - POST /api/petitions — registrations one at a time (each writes: the case, its people, bands, deadlines,
 *     links, event, to-dos, audit), half near-duplicates of the registering person's own earlier cases, half
 *     new matters, by a few petitioners reused (some who keep coming back);
 *   - findMatches(db, text, petitionerId, excludeId, 0.6) — the duplicate matching registration runs, bare
 *     in-process, one at a time for BENCH_MATCH_TEXTS (200) new texts: half near-duplicates of stored cases
 *     (the same person's, or someone else's), half new matters; the issue's 100 ms target is for this call.
 *
 * Alone: `npm run bench:petitions -w bench` (merges its rows into results.json); `npm run bench` runs it after
 * the other scenarios unless BENCH_PETITIONS=0.
 * Settings: BENCH_PETITIONS (cases, 100000; 0 skips it in run.ts), BENCH_PETITIONERS (0.6 per case),
 * BENCH_PETITIONS_DATA=<kept dir> reuses a database (no generation), BENCH_MATCH_TEXTS (200),
 * BENCH_PETITION_REGISTRATIONS (100), and the common BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS,
 * BENCH_SEED, BENCH_PROBE_TIMEOUT, BENCH_KEEP.
 */
import { refreshPlannerStatistics } from '@zhongshu/db';
import { toShanghaiDate } from '@zhongshu/core/calendar/index.ts';
import { bandKeys } from '@zhongshu/core/petitions/index.ts';
import { findMatches, listPetitions, petitionsChanged } from '../apps/server/src/modules/petitions/petitions.service.ts';
import { board, stats } from '../apps/server/src/modules/petitions/petitions.stats.ts';
import type { ListQuery } from '../apps/server/src/modules/petitions/petitions.schemas.ts';
import { uuidv7 } from '../apps/server/src/lib/ids.ts';
import type { BenchRow } from './gongwen.bench.ts';
import { generatePetitions, TOWNSHIPS } from './generate-petitions.ts';
import { perturb, textKit, THEMES } from './petition-texts.ts';
import { mulberry32 } from './gen-util.ts';
import { generateOnce, log, percentile, round, runAlone, withBenchData } from './bench-util.ts';
import { dbBytes, loginSession, num, p95Verdict, PASSWORD, readRows, request, SEED, sessionActor, summarise, timeReads, type Read, type ReadRow } from './http-measure.ts';

export const PETITIONS_CASES = num('BENCH_PETITIONS', 100_000);
const PETITIONERS = num('BENCH_PETITIONERS', Math.round(PETITIONS_CASES * 0.6));
const MATCH_TEXTS = num('BENCH_MATCH_TEXTS', 200);
const REGISTRATIONS = num('BENCH_PETITION_REGISTRATIONS', 100);
const THRESHOLD = 0.6;

export const PETITION_SCENARIOS = {
  matching: 'petitions duplicate matching (bare findMatches)',
  register: 'petitions registration (POST, one at a time)',
  statsMonth: 'petitions stats this month (clerk)',
  statsYear: 'petitions stats this year (clerk)',
  list: 'petitions list first page (clerk)',
  overdue: 'petitions list overdue (clerk)',
  board: 'petitions board (clerk)',
} as const;

/**
 * Issue 6: duplicate matching for a new registration p95 < 100 ms (the bare findMatches call; the whole
 * registration is shown beside it without a target); the statistics page p95 < 200 ms (this month and this
 * year). Not in the issue, held to the statistics page's bar: the register's first page, its overdue filter
 * and the warnings board (200 ms).
 */
export const PETITION_TARGETS: Record<string, { p95?: number }> = {
  [PETITION_SCENARIOS.matching]: { p95: 100 },
  [PETITION_SCENARIOS.register]: {},
  [PETITION_SCENARIOS.statsMonth]: { p95: 200 },
  [PETITION_SCENARIOS.statsYear]: { p95: 200 },
  [PETITION_SCENARIOS.list]: { p95: 200 },
  [PETITION_SCENARIOS.overdue]: { p95: 200 },
  [PETITION_SCENARIOS.board]: { p95: 200 },
};

export interface PetitionRow extends ReadRow {
  /** Matching: p95 of the near-duplicate and of the new texts; how many of the near-duplicates found their source. */
  p95_near_ms?: number;
  p95_new_ms?: number;
  recall?: number;
  avg_matches?: number;
  texts?: number;
}

export const petitionVerdict = (row: BenchRow): string => p95Verdict(PETITION_TARGETS, row);

interface Probe {
  id: string;
  text: string;
  summary: string;
  content: string;
  petitionerId: string;
  /** The stored case it was made from (near-duplicates), which matching should find. */
  source: string | null;
  townshipId: string;
  categoryId: string;
}

export function benchPetitions(): Promise<PetitionRow[]> {
  return withBenchData({ prefix: 'zs-bench-pt-', label: '信访', reuseVar: 'BENCH_PETITIONS_DATA' }, async (d) => {
    const { ctx, handle, dataDir } = d;
    log(`\n信访 / petitions (issue 6)`);
    const gen = await generateOnce(d, 'bench-petitions-meta.json', `  生成数据 / generating: 400 units, ${PETITIONS_CASES.toLocaleString('en')} cases, ${PETITIONERS.toLocaleString('en')} petitioners (seed ${SEED}) in ${dataDir}`, () =>
      generatePetitions(ctx, handle, { seed: SEED, cases: PETITIONS_CASES, petitioners: PETITIONERS, password: PASSWORD }),
    );
    refreshPlannerStatistics(handle);
    const sqlite = handle.sqlite!;
    log(`  generated in ${(gen.ms / 1000).toFixed(1)} s (cases played forward ${(gen.simulateMs / 1000).toFixed(1)} s, written ${(gen.writeMs / 1000).toFixed(1)} s, bands ${(gen.bandMs / 1000).toFixed(1)} s, indexes rebuilt ${(gen.indexMs / 1000).toFixed(1)} s); database ${(dbBytes(dataDir) / 1048576).toFixed(0)} MB`);
    log(`  rows: ${Object.entries(gen.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    log(`  states: ${Object.entries(gen.states).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    log(`  channels: ${Object.entries(gen.channels).map(([s, n]) => `${s} ${n}`).join(', ')}; kinds: ${Object.entries(gen.kinds).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    log(`  subjects: ${Object.entries(gen.themes).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    log(`  petitioners by cases: ${Object.entries(gen.repeatHistogram).map(([s, n]) => `${s}: ${n}`).join(', ')}; ${Math.round(gen.repeatShare * 100)} % of cases have an earlier case on the same matter`);
    const bandStats = sqlite.prepare('select count(*) keys, max(n) most, avg(n) mean from (select band, count(*) n from petition_bands group by band)').get() as { keys: number; most: number; mean: number };
    log(`  bands: ${bandStats.keys.toLocaleString('en')} distinct keys, ${round(bandStats.mean, 2)} cases a key on average, ${bandStats.most} at most`);

    // What the clerk's reads must answer, counted here (a reused database also holds earlier runs' registrations).
    const today = toShanghaiDate(ctx.now());
    const yearFrom = `${today.slice(0, 4)}-01-01`;
    const monthFrom = `${today.slice(0, 7)}-01`;
    const OPEN = "('registered','handling','extension_requested','replied','review','review_decided','recheck')";
    const n = (q: string, ...a: unknown[]) => Number((sqlite.prepare(q).get(...a) as { n: number }).n);
    const expect = {
      all: n('select count(*) n from petitions'),
      open: n(`select count(*) n from petitions where state in ${OPEN}`),
      overdue: n(`select count(*) n from petitions where state in ${OPEN} and next_due < ?`, today),
      month: n('select count(*) n from petitions where received_at between ? and ?', monthFrom, today),
      year: n('select count(*) n from petitions where received_at between ? and ?', yearFrom, today),
    };
    log(`  the clerk sees ${expect.all} cases, ${expect.open} open (${expect.overdue} overdue); received this month ${expect.month}, this year ${expect.year}`);

    await d.startServer();
    const base = () => `http://127.0.0.1:${d.server().port}`;
    let clerk = await loginSession(d.server().port, gen.clerk.username);

    const statsCheck = (total: number) => (b: any) =>
      b?.total === total && Array.isArray(b.byChannel) && Array.isArray(b.onTime) && b.onTime.length > 0 && Array.isArray(b.byTownship) && (total === 0 || b.byTownship.length > 0)
        ? null
        : `total ${b?.total}, ${b?.byChannel?.length} channels, ${b?.onTime?.length} on-time rows; expected ${total}`;
    // The statistics are kept until a case changes (petitionsChanged): their rows also time them rebuilt every call.
    const scenarios: Read[] = [
      { name: PETITION_SCENARIOS.statsMonth, url: '/api/petitions/stats', check: statsCheck(expect.month), bare: (a) => stats(ctx, a, {}), drop: petitionsChanged },
      { name: PETITION_SCENARIOS.statsYear, url: `/api/petitions/stats?from=${yearFrom}&to=${today}`, check: statsCheck(expect.year), bare: (a) => stats(ctx, a, { from: yearFrom, to: today }), drop: petitionsChanged },
      {
        name: PETITION_SCENARIOS.list, url: '/api/petitions',
        check: (b) => (b.total === expect.all && b.items?.length === Math.min(20, expect.all) ? null : `total ${b.total}, ${b.items?.length} items; expected ${expect.all}`),
        bare: (a) => listPetitions(ctx, a, { page: 1, pageSize: 20 } as ListQuery),
      },
      {
        name: PETITION_SCENARIOS.overdue, url: '/api/petitions?flag=overdue',
        check: (b) => (b.total === expect.overdue && b.items?.length === Math.min(20, expect.overdue) && b.items.every((i: any) => i.overdue) ? null : `total ${b.total}, ${b.items?.length} items (${b.items?.filter((i: any) => i.overdue).length} overdue); expected ${expect.overdue}`),
        bare: (a) => listPetitions(ctx, a, { flag: 'overdue', page: 1, pageSize: 20 } as ListQuery),
      },
      {
        name: PETITION_SCENARIOS.board, url: '/api/petitions/board',
        check: (b) => (b?.totals?.open === expect.open && b.totals.overdue === expect.overdue && Array.isArray(b.groupAlerts) && Array.isArray(b.frequentPetitioners) ? null : `totals ${JSON.stringify(b?.totals)}; expected ${expect.open} open, ${expect.overdue} overdue`),
        bare: (a) => board(ctx, a),
        drop: petitionsChanged,
      },
    ];

    const timed = await timeReads(scenarios, {
      server: d.server,
      session: () => clerk,
      restart: async () => {
        await d.restartServer();
        clerk = await loginSession(d.server().port, gen.clerk.username);
      },
      note: (body) =>
        body.totals ? `, open ${body.totals.open} (overdue ${body.totals.overdue}, due soon ${body.totals.dueSoon}, group ${body.totals.group}), ${body.groupAlerts.length} group alerts, ${body.frequentPetitioners.length} frequent petitioners`
        : body.onTime ? `, total ${body.total}, ${body.byTownship.length} townships, ${body.byHandlingUnit.length} handling units, on time ${body.onTime.map((o: any) => `${o.kind} ${o.rate ?? '-'}%`).join(' ')}`
        : `, total ${body.total}`,
    });

    // ---- new texts: near-duplicates of stored cases and new matters -------------------------------------
    const rnd = mulberry32((SEED ^ 0x0bad5eed) >>> 0);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const kt = textKit(mulberry32((SEED ^ 0x0ddba11) >>> 0));
    const maxRow = n('select max(rowid) n from petitions');
    const caseAt = sqlite.prepare('select id, summary, content, petitioner_id, township_id, category_id from petitions where rowid >= ? order by rowid limit 1');
    type Stored = { id: string; summary: string; content: string; petitioner_id: string; township_id: string; category_id: string };
    const randomCase = () => caseAt.get(int(1, maxRow)) as Stored;
    const month = Number(today.slice(5, 7));
    const townIds = new Map(gen.townships.map((t) => [t.name, t.id]));
    const freshMatter = () => {
      const theme = kt.pickTheme(month);
      const town = rnd() < 0.2 ? 0 : int(0, TOWNSHIPS.length - 1);
      const m = kt.newMatter(theme, town, `${['王庄', '李家', '张湾', '刘岗', '陈庄', '杨河', '赵集', '黄营'][int(0, 7)]}村`);
      const t = kt.render(m, kt.newWriter(m, `${'王李张刘陈杨赵黄'[int(0, 7)]}${'建国秀英志强桂兰'[int(0, 7)]}`), 'first', TOWNSHIPS);
      return { ...t, townshipId: townIds.get(TOWNSHIPS[town]!)!, categoryId: THEMES[theme]!.category };
    };
    const probes = (count: number): Probe[] => {
      const out: Probe[] = [];
      for (let i = 0; i < count; i++) {
        if (i % 2 === 0) {
          // The same person again (mostly), or another on the same matter.
          const src = randomCase();
          const t = perturb(rnd, src.summary, src.content);
          out.push({ id: uuidv7(), text: `${t.summary}${t.content}`, ...t, petitionerId: rnd() < 0.7 ? src.petitioner_id : randomCase().petitioner_id, source: src.id, townshipId: src.township_id, categoryId: src.category_id });
        } else {
          // A new matter, from someone new (60 %) or someone who has written before (as often as they write).
          const t = freshMatter();
          out.push({ id: uuidv7(), text: `${t.summary}${t.content}`, summary: t.summary, content: t.content, petitionerId: rnd() < 0.6 ? uuidv7() : randomCase().petitioner_id, source: null, townshipId: t.townshipId, categoryId: t.categoryId });
        }
      }
      return out;
    };

    // ---- registrations through the API, one at a time ----------------------------------------------------
    const regTimes: number[] = [];
    let regFound = 0;
    let regNear = 0;
    let regMatches = 0;
    const people = gen.samplePeople.filter((p) => p.idNumber);
    const ownCase = sqlite.prepare('select id, summary, content, township_id, category_id from petitions where petitioner_id = ? order by received_at desc limit 1');
    const channels = ['online', 'letter', 'visit', 'phone'] as const;
    const bodyFor = (i: number) => {
      // A few petitioners reused: the five who come most often take every fourth registration.
      const person = i % 4 === 0 ? people[Math.floor(i / 4) % Math.min(5, people.length)]! : people[5 + (i % Math.max(1, people.length - 5))] ?? people[0]!;
      const own = ownCase.get(person.id) as Omit<Stored, 'petitioner_id'> | undefined;
      const near = i % 2 === 0 && !!own;
      const t = near ? { ...perturb(rnd, own!.summary, own!.content), townshipId: own!.township_id, categoryId: own!.category_id } : freshMatter();
      return {
        near, source: near ? own!.id : null,
        body: {
          channel: channels[i % channels.length]!, kind: 'appeal', summary: t.summary, content: t.content, townshipId: t.townshipId, categoryId: t.categoryId, firstOrgan: 'this_level',
          petitioner: { name: person.name, ...(person.idNumber ? { idNumber: person.idNumber } : {}), ...(person.phone ? { phone: person.phone } : {}) },
        },
      };
    };
    if (REGISTRATIONS > 0 && people.length) {
      log(`  registrations: POST /api/petitions ${REGISTRATIONS} times one at a time (after 5 unmeasured), ${Math.min(5, people.length)} frequent and ${Math.max(0, people.length - 5)} occasional petitioners; half near-duplicates of their own latest case`);
      for (let i = 0; i < REGISTRATIONS + 5; i++) {
        const r = bodyFor(i);
        const res = await request(base(), clerk, 'POST', '/api/petitions', r.body);
        const answer = JSON.parse(res.buf.toString('utf8')) as { id: string; matches: { id: string }[] };
        if (i < 5) continue;
        regTimes.push(res.ms);
        regMatches += answer.matches.length;
        if (r.near) {
          regNear++;
          if (answer.matches.some((m) => m.id === r.source)) regFound++;
        }
      }
    }
    const regRss = await d.server().rssMb();
    const front: PetitionRow[] = [];

    // ---- the bare reads (server idle) ----------------------------------------------------------------
    const rows: PetitionRow[] = await readRows(timed, () => sessionActor(ctx, clerk));
    if (regTimes.length) {
      const s = summarise([...regTimes], regTimes.reduce((a, b) => a + b, 0) / 1000);
      log(`  registration: p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms, slowest ${round(Math.max(...regTimes))} ms; ${round(regMatches / regTimes.length, 1)} matches each; ${regFound}/${regNear} near-duplicates found their source`);
      front.push({ scenario: PETITION_SCENARIOS.register, p50_ms: round(s.p50), p95_ms: round(s.p95), rps: round(1000 / s.p50, 1), ceiling_rps: null, rss_mb: regRss, load: 'sequential', p50_single_ms: round(s.p50), p95_single_ms: round(s.p95) });
    }

    // ---- duplicate matching, bare ------------------------------------------------------------------
    if (MATCH_TEXTS > 0) {
      const warm = probes(20);
      for (const p of warm) await findMatches(ctx.db, p.text, p.petitionerId, p.id, THRESHOLD);
      const set = probes(MATCH_TEXTS);
      const near: number[] = [];
      const fresh: number[] = [];
      let found = 0;
      let matches = 0;
      const bandRows: number[] = [];
      const countBands = sqlite.prepare(`select count(*) n from petition_bands where band in (select value from json_each(?))`);
      for (const p of set) {
        const t = performance.now();
        const ms = await findMatches(ctx.db, p.text, p.petitionerId, p.id, THRESHOLD);
        const took = performance.now() - t;
        (p.source ? near : fresh).push(took);
        matches += ms.length;
        if (p.source && ms.some((x) => x.id === p.source)) found++;
        bandRows.push(Number((countBands.get(JSON.stringify(bandKeys(p.text))) as { n: number }).n));
      }
      const all = [...near, ...fresh].sort((a, b) => a - b);
      const s = summarise([...all], all.reduce((a, b) => a + b, 0) / 1000);
      const sn = summarise(near, 1);
      const sf = summarise(fresh, 1);
      bandRows.sort((a, b) => a - b);
      log(`  duplicate matching, bare findMatches (threshold ${THRESHOLD}), ${set.length} texts one at a time: p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms, slowest ${round(all[all.length - 1]!)} ms`);
      log(`    near-duplicates: p50 ${round(sn.p50)} ms, p95 ${round(sn.p95)} ms, ${found}/${near.length} found their source; new matters: p50 ${round(sf.p50)} ms, p95 ${round(sf.p95)} ms; ${round(matches / set.length, 1)} matches a text`);
      log(`    band rows read per text: p50 ${percentile(bandRows, 0.5)}, p95 ${percentile(bandRows, 0.95)}, max ${bandRows[bandRows.length - 1]}`);
      front.unshift({
        scenario: PETITION_SCENARIOS.matching, p50_ms: round(s.p50), p95_ms: round(s.p95), rps: round(1000 / s.p50, 1), ceiling_rps: null, rss_mb: round(process.memoryUsage().rss / 1048576, 0), load: 'sequential',
        p95_near_ms: round(sn.p95), p95_new_ms: round(sf.p95), recall: round(found / Math.max(1, near.length), 3), avg_matches: round(matches / set.length, 1), texts: set.length,
      });
    }
    await d.stopServer();
    return [...front, ...rows];
  });
}

runAlone(import.meta.url, { name: 'petitions', bench: benchPetitions, scenarios: PETITION_SCENARIOS, verdict: petitionVerdict });

// temporary experiment (not part of the bench)
import SQLite from 'better-sqlite3';
const db = new SQLite(process.argv[2]!);
const unit = (db.prepare("select unit_id from users where username = 'bench_pt_clerk'").get() as any).unit_id as string;
const today = '2026-11-22';
const med = (fn: () => unknown) => { fn(); const xs: number[] = []; for (let i = 0; i < 9; i++) { const t = performance.now(); fn(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); return `median ${xs[4]!.toFixed(1)} ms, p90 ${xs[8]!.toFixed(1)} ms`; };
const plan = (sql: string, p: object) => (db.prepare(`explain query plan ${sql}`).all(p) as any[]).map((r) => r.detail).join(' | ');
const scope = `(p.kind != 'accusation' or p.accused_unit_id is null or p.accused_unit_id != @unit)`;
db.exec(`create index if not exists x_deadlines_kind_cover on petition_deadlines (kind, due, met_at, petition_id); analyze`);
for (const [f, t] of [['2026-01-01', today], ['2026-11-01', today]] as const) {
  const p = { f, t, unit, today };
  const w = `from petitions p indexed by x_petitions_figures where ${scope} and p.received_at >= @f and p.received_at <= @t`;
  const q = [
    `select p.category_id, p.township_id, count(*) n ${w} group by 1, 2`,
    `select p.channel, substr(p.received_at, 1, 7) m, p.evaluation, count(*) n ${w} group by 1, 2, 3`,
    `select p.handling_unit_id, count(*) n ${w} group by 1`,
  ].map((s) => db.prepare(s));
  console.log(`${f}: three group-by scans (category×township, channel×month×evaluation, handling unit): ${med(() => q.forEach((s) => s.all(p)))}`);
  const ot = `select d.kind, count(*) filter (where d.met_at is not null or d.due < @today) due_n, count(*) filter (where d.met_at < d.due || 'T16:00:00') met_n from petition_deadlines d indexed by x_deadlines_kind_cover where d.kind in ('register', 'notice', 'handle', 'review', 'recheck') and d.due >= @f and d.due <= @t and d.petition_id not in (select id from petitions where kind = 'accusation' and accused_unit_id = @unit) group by d.kind`;
  const ots = db.prepare(ot);
  console.log(`${f}: onTime in SQL, (kind, due, met_at, petition_id), five kinds: ${med(() => ots.all(p))}  [${plan(ot, p)}]`);
  const ot2 = ot.replace(" and d.petition_id not in (select id from petitions where kind = 'accusation' and accused_unit_id = @unit)", '').replace('x_deadlines_kind_cover', 'x_deadlines_kind_cover');
  console.log(`${f}: the same without the accused exclusion: ${med(() => db.prepare(ot2).all(p))}`);
  const both = [...q, ots];
  console.log(`${f}: all of stats' figures: ${med(() => both.forEach((s) => s.all(p)))}`);
}

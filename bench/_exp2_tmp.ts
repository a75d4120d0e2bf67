// temporary experiment (not part of the bench)
import SQLite from 'better-sqlite3';
const db = new SQLite(process.argv[2]!);
const unit = (db.prepare("select unit_id from users where username = 'bench_pt_clerk'").get() as any).unit_id as string;
const today = '2026-11-22';
const med = (fn: () => unknown) => { fn(); const xs: number[] = []; for (let i = 0; i < 7; i++) { const t = performance.now(); fn(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); return `median ${xs[3]!.toFixed(1)} ms, max ${xs[6]!.toFixed(1)} ms`; };
const plan = (sql: string, p: object) => (db.prepare(`explain query plan ${sql}`).all(p) as any[]).map((r) => r.detail).join(' | ');
const scope = `(p.kind != 'accusation' or p.accused_unit_id is null or p.accused_unit_id != @unit)`;
db.exec(`drop index if exists x_deadlines_due; create index if not exists x_deadlines_cover on petition_deadlines (due, kind, met_at, petition_id); analyze`);
for (const [f, t] of [['2026-01-01', today], ['2026-11-01', today]] as const) {
  const p = { f, t, unit, today };
  const cols = ['channel', 'category_id', 'township_id', 'handling_unit_id', "substr(p.received_at, 1, 7)", 'evaluation'];
  const sqls = cols.map((c) => `select ${c.startsWith('substr') ? c : `p.${c}`} key, count(*) n from petitions p indexed by x_petitions_figures where ${scope} and p.received_at >= @f and p.received_at <= @t group by 1`);
  sqls.push(`select p.category_id, p.township_id, count(*) n from petitions p indexed by x_petitions_figures where ${scope} and p.received_at >= @f and p.received_at <= @t group by 1, 2 order by n desc limit 10`);
  const sts = sqls.map((s) => db.prepare(s));
  console.log(`${f}: 7 group-by queries, covering figures index, no join: ${med(() => sts.forEach((s) => s.all(p)))}`);
  console.log(`   plan of one: ${plan(sqls[3]!, p)}`);
  const raw = db.prepare(`select p.channel, p.category_id, p.township_id, p.handling_unit_id, p.received_at, p.evaluation from petitions p indexed by x_petitions_figures where ${scope} and p.received_at >= @f and p.received_at <= @t`).raw(true);
  console.log(`${f}: rows to JS and counted there: ${med(() => { const m = new Map<string, number>(); for (const r of raw.iterate(p) as Iterable<unknown[]>) for (let i = 0; i < 6; i++) { const k = `${i}:${i === 4 ? String(r[i]).slice(0, 7) : r[i]}`; m.set(k, (m.get(k) ?? 0) + 1); } })}`);
  const ot = `select d.kind, count(*) filter (where d.met_at is not null or d.due < @today) due_n, count(*) filter (where d.met_at < d.due || 'T16:00:00') met_n from petition_deadlines d indexed by x_deadlines_cover where d.due >= @f and d.due <= @t and d.kind != 'objection' and d.petition_id not in (select id from petitions where kind = 'accusation' and accused_unit_id = @unit) group by d.kind`;
  const ots = db.prepare(ot);
  console.log(`${f}: onTime aggregated in SQL, covering (due, kind, met_at, petition_id): ${med(() => ots.all(p))}  [${plan(ot, p)}]`);
  const ot2 = `select d.kind, count(*) filter (where d.met_at is not null or d.due < @today) due_n, count(*) filter (where d.met_at < d.due || 'T16:00:00') met_n from petition_deadlines d indexed by x_deadlines_cover where d.due >= @f and d.due <= @t and d.kind != 'objection' group by d.kind`;
  const ots2 = db.prepare(ot2);
  console.log(`${f}: same without the accused-unit exclusion: ${med(() => ots2.all(p))}`);
}
console.log(JSON.stringify(db.prepare(`select d.kind, count(*) filter (where d.met_at is not null or d.due < @today) due_n, count(*) filter (where d.met_at < d.due || 'T16:00:00') met_n, count(*) filter (where date(d.met_at, '+8 hours') <= d.due) met_check from petition_deadlines d where d.due >= '2026-01-01' and d.due <= @today group by d.kind`).all({ today })));
const sz = db.prepare(`select name, sum(pgsize) b from dbstat where name like 'x_%' group by name`).all() as any[];
for (const s of sz) console.log(`  ${s.name}: ${(s.b / 1048576).toFixed(1)} MB`);

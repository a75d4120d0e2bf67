// temporary experiment (not part of the bench): candidate query/index changes timed on a copy of the bench database.
import SQLite from 'better-sqlite3';
const db = new SQLite(process.argv[2]!);
db.pragma('journal_mode = WAL');
const unit = (db.prepare("select unit_id from users where username = 'bench_pt_clerk'").get() as any).unit_id as string;
const from = '2026-01-01', to = '2026-11-22', mfrom = '2026-11-01', today = '2026-11-22';
const time = (label: string, sql: string, ...p: unknown[]) => {
  const st = db.prepare(sql);
  st.all(...p);
  const xs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 7; i++) { const t = performance.now(); rows = st.all(...p).length; xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(`${label}: median ${xs[3]!.toFixed(1)} ms, max ${xs[6]!.toFixed(1)} ms (${rows} rows)`);
  for (const r of db.prepare(`explain query plan ${sql}`).all(...p) as any[]) console.log(`    ${r.detail}`);
};
const scope = `(p.kind != 'accusation' or p.accused_unit_id is null or p.accused_unit_id != @unit)`;
const figures = (f: string, t: string) => time(`figures one pass ${f}..${t}`, `select p.channel, p.category_id, p.township_id, p.handling_unit_id, substr(p.received_at, 1, 7) m, p.evaluation, count(*) n from petitions p where p.received_at >= @f and p.received_at <= @t and ${scope} group by 1, 2, 3, 4, 5, 6`, { f, t, unit });
const countByNoJoin = (f: string, t: string) => time(`countBy channel, no petitioners join ${f}..${t}`, `select p.channel key, count(*) n from petitions p where ${scope} and p.received_at >= @f and p.received_at <= @t group by p.channel`, { f, t, unit });
const onTime = (f: string, t: string) => time(`onTime in SQL ${f}..${t}`, `select d.kind, count(*) filter (where d.met_at is not null or d.due < @today) due_n, count(*) filter (where d.met_at is not null and date(d.met_at, '+8 hours') <= d.due) met_n from petition_deadlines d where d.due >= @f and d.due <= @t and d.kind != 'objection' and d.petition_id not in (select id from petitions where kind = 'accusation' and accused_unit_id = @unit) group by d.kind`, { f, t, today, unit });
const listCount = () => time('list count, no petitioners join', `select count(*) n from petitions p where ${scope}`, { unit });
const listCountNotIn = () => time('list count, NOT IN form', `select count(*) n from petitions p where p.id not in (select id from petitions where kind = 'accusation' and accused_unit_id = @unit)`, { unit });
const listCountSub = () => time('list count, all minus hidden', `select (select count(*) from petitions) - (select count(*) from petitions where kind = 'accusation' and accused_unit_id = @unit) n`, { unit });
const open = "('registered','handling','extension_requested','replied','review','review_decided','recheck')";
const totals = () => time('board totals one pass', `select count(*) open, count(*) filter (where p.next_due < @today) overdue, count(*) filter (where p.next_due >= @today and p.next_due <= @soon) due_soon, count(*) filter (where p.people_count > 1) grp, count(*) filter (where p.skip_level = 1) skip from petitions p where p.state in ${open} and ${scope}`, { today, soon: '2026-11-25', unit });

console.log('--- as is');
figures(from, to); figures(mfrom, to); countByNoJoin(from, to); onTime(from, to); onTime(mfrom, to); listCount(); listCountNotIn(); listCountSub(); totals();
console.log('--- with indexes');
db.exec(`create index if not exists x_petitions_figures on petitions (received_at, channel, category_id, township_id, handling_unit_id, evaluation, kind, accused_unit_id)`);
db.exec(`create index if not exists x_deadlines_due on petition_deadlines (due, kind, met_at)`);
db.exec(`create index if not exists x_petitions_accused on petitions (accused_unit_id, kind)`);
db.exec(`create index if not exists x_petitions_open on petitions (state, next_due, people_count, skip_level, kind, accused_unit_id)`);
db.exec('analyze');
figures(from, to); figures(mfrom, to); countByNoJoin(from, to); onTime(from, to); onTime(mfrom, to); listCount(); listCountNotIn(); listCountSub(); totals();
const sz = db.prepare(`select name, sum(pgsize) b from dbstat where name like 'x_%' group by name`).all() as any[];
for (const s of sz) console.log(`  ${s.name}: ${(s.b / 1048576).toFixed(1)} MB`);

import SQLite from 'better-sqlite3';
import { bandKeys } from '../packages/core/src/petitions/similarity.ts';
const db = new SQLite(process.argv[2]!, { readonly: true });
const rows = db.prepare('select id, summary || content t from petitions limit 100000').all() as { id: string; t: string }[];
console.log('avg len', rows.reduce((s, r) => s + r.t.length, 0) / rows.length);
let t = performance.now();
const bands: [string, string][] = [];
for (const r of rows) for (const b of new Set(bandKeys(r.t))) bands.push([b, r.id]);
console.log('bandKeys', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
bands.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
console.log('sort', (performance.now() - t).toFixed(0), 'ms');
const out = new SQLite('/tmp/pt/bandtest.db');
out.pragma('journal_mode = WAL'); out.pragma('synchronous = OFF'); out.pragma('cache_size = -262144');
out.exec('drop table if exists petition_bands; create table petition_bands (band text not null, petition_id text not null, constraint petition_bands_pk primary key (band, petition_id))');
const per = 500;
const sqlFor = (n: number) => `insert into petition_bands (band, petition_id) values ${Array(n).fill('(?, ?)').join(', ')}`;
const full = out.prepare(sqlFor(per));
t = performance.now();
for (let s = 0; s < bands.length; s += 100_000) {
  out.transaction(() => {
    const chunk = bands.slice(s, s + 100_000);
    for (let i = 0; i < chunk.length; i += per) { const part = chunk.slice(i, i + per); (part.length === per ? full : out.prepare(sqlFor(part.length))).run(part.flat()); }
  })();
}
console.log('insert sorted', (performance.now() - t).toFixed(0), 'ms');
out.exec('delete from petition_bands');
const shuffled = [...bands].sort(() => Math.random() - 0.5);
t = performance.now();
for (let s = 0; s < shuffled.length; s += 100_000) {
  out.transaction(() => {
    const chunk = shuffled.slice(s, s + 100_000);
    for (let i = 0; i < chunk.length; i += per) { const part = chunk.slice(i, i + per); (part.length === per ? full : out.prepare(sqlFor(part.length))).run(part.flat()); }
  })();
}
console.log('insert random', (performance.now() - t).toFixed(0), 'ms');

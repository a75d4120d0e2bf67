// throwaway: EXPLAIN QUERY PLAN + timing through better-sqlite3 (the server's SQLite build)
import Database from 'better-sqlite3';
const db = new Database(process.argv[2] + '/zhongshu.db', { readonly: true });
console.log('sqlite', (db.prepare('select sqlite_version() v').get() as any).v);
const sqls = JSON.parse(process.argv[3]!) as [string, unknown[]][];
for (const [sql, params] of sqls) {
  console.log('\n' + sql.replace(/\s+/g, ' '));
  for (const r of db.prepare('explain query plan ' + sql).all(...params) as any[]) console.log('   ', r.id, r.parent, r.detail);
  const st = db.prepare(sql);
  st.all(...params);
  const t = performance.now();
  let n = 0;
  for (let i = 0; i < 5; i++) n = st.all(...params).length;
  console.log(`    → ${n} rows, ${((performance.now() - t) / 5).toFixed(1)} ms avg`);
}

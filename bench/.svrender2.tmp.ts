import fs from 'node:fs';
import { renderDocx } from '@zhongshu/core/gongwen/index.ts';
const doc = JSON.parse(fs.readFileSync('/tmp/svprof/circular.json', 'utf8'));
const big = doc.elements.body.findIndex((b: any) => b.kind === 'table' && b.rows.length > 100);
const full = doc.elements.body[big].rows;
for (const n of [501, 201, 101, 1]) {
  doc.elements.body[big].rows = full.slice(0, n);
  await renderDocx(doc);
  const ts: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await renderDocx(doc); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(`item table ${n - 1} rows (+ 71-row unit table): median ${ts[2]!.toFixed(0)} ms, min ${ts[0]!.toFixed(0)} ms`);
}

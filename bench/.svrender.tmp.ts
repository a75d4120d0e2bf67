import fs from 'node:fs';
import { renderDocx } from '@zhongshu/core/gongwen/index.ts';
const doc = JSON.parse(fs.readFileSync('/tmp/svprof/circular.json', 'utf8'));
const blocks = doc.elements.body ?? [];
console.log('body blocks', blocks.length, 'kinds', JSON.stringify(blocks.map((b: any) => b.kind + (b.rows ? `(${b.rows.length} rows)` : '')).slice(0, 40)));
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  const b = await renderDocx(doc);
  console.log(`render ${i + 1}: ${(performance.now() - t).toFixed(0)} ms, ${b.length} bytes`);
}

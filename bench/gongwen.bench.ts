/**
 * 公文 engine benchmarks: parse + check of a 10,000-character document (target median < 5 ms)
 * and rendering a 5-page document to .docx (target median < 50 ms). In-process, so rps = 1000 / p50.
 */
import { checkDocument, parseText, renderDocx } from '../packages/core/src/gongwen/index.ts';

export interface BenchRow {
  scenario: string;
  /** null: the scenario gave no answer within the bench's probe timeout. */
  p50_ms: number | null;
  p95_ms: number | null;
  rps: number | null;
  ceiling_rps: number | null;
  rss_mb: number;
  /** Present when the row was not measured under the usual concurrent load: "sequential" (one request at a time). */
  load?: 'sequential';
  /** For the 办文 registers: the same request one at a time, i.e. what one clerk waits without a queue. */
  p50_single_ms?: number;
  p95_single_ms?: number;
}

const PARAGRAPH = '各单位要进一步提高思想认识，切实加强组织领导，把公文处理工作摆上重要议事日程，明确分管领导和具体责任人，健全工作制度，规范办文流程，确保公文处理及时、准确、安全。';

/** A realistic notice of about `chars` characters with headings at all four levels. */
function sampleText(chars: number): string {
  const lines = ['××县人民政府文件', '×政发〔2026〕5号', '××县人民政府关于加强公文处理工作的通知', '各乡镇人民政府，县政府各部门：'];
  let size = lines.join('').length;
  let h1 = 0;
  while (size < chars) {
    h1++;
    const block = [`${'一二三四五六七八九十'[(h1 - 1) % 10]}、重点工作${h1}`, `（一）明确责任。${PARAGRAPH}`, `1.健全制度。${PARAGRAPH}`, `（1）起草环节。${PARAGRAPH}`, PARAGRAPH];
    if (h1 > 10) block.shift();
    lines.push(...block);
    size += block.join('').length;
  }
  lines.push('××县人民政府', '2026年1月5日', '抄送：县委办公室。', '××县人民政府办公室 2026年1月5日印发');
  return lines.join('\n');
}

async function measure(scenario: string, iterations: number, fn: () => unknown): Promise<BenchRow> {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length * 0.5)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return { scenario, p50_ms: round(p50), p95_ms: round(p95), rps: Math.round(1000 / p50), ceiling_rps: null, rss_mb: Math.round(process.memoryUsage().rss / 1048576) };
}

/** Runs the 公文 benchmarks and returns one row per scenario. */
export async function benchGongwen(): Promise<BenchRow[]> {
  const text = sampleText(10_000);
  const fivePages = parseText(sampleText(3_000)); // 22 × 28 characters a page: ~3,000 characters fill 5 pages
  return [
    await measure('gongwen parse+check 10k chars', 300, () => checkDocument(parseText(text))),
    await measure('gongwen render 5-page docx', 60, () => renderDocx(fivePages)),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchGongwen();
  console.table(rows);
}

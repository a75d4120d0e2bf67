import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GongwenDocument } from './model.ts';
import { renderDocx } from './render-docx.ts';
import { SAMPLE_TEXT, docOf } from './test-helpers.ts';
import { readPdfWords, requireCommands, type PdfWord } from './pdf-test-tools.ts';

type Word = PdfWord;

const LIBREOFFICE_TOOLS: Array<[string, string]> = [['libreoffice', '--version'], ['pdftotext', '-v']];
const needLibreOffice = (t: TestContext) => requireCommands(t, LIBREOFFICE_TOOLS, 'libreoffice-writer 与 poppler-utils');

/** Renders to PDF with LibreOffice and reads word boxes (points) with pdftotext -bbox. */
async function pdfWords(doc: GongwenDocument): Promise<Word[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.docx'), await renderDocx(doc));
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], { stdio: 'ignore', timeout: 120_000 });
    return readPdfWords(join(dir, 'doc.pdf'), join(dir, 'doc.html')).words;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PT_PER_MM = 72 / 25.4;
const BOX = { left: 28 * PT_PER_MM, right: (28 + 156) * PT_PER_MM, top: 37 * PT_PER_MM, bottom: (37 + 225) * PT_PER_MM };
const TOLERANCE = 1.5; // points

test('PDF via LibreOffice: text lies inside the 版心, page numbers below it, odd right and even left', async (t) => {
  if (!needLibreOffice(t)) return;
  const words = await pdfWords(docOf(SAMPLE_TEXT));
  assert.ok(words.length > 50);
  const outside = words.filter((w) => {
    const isPageNumber = /^[—\d]+$/.test(w.text) && w.yMin > BOX.bottom;
    if (isPageNumber) return false;
    return w.xMin < BOX.left - TOLERANCE || w.xMax > BOX.right + TOLERANCE || w.yMin < BOX.top - TOLERANCE || w.yMax > BOX.bottom + TOLERANCE;
  });
  assert.deepEqual(outside, []);
  // Page numbers: 7 mm below the 版心, odd pages right, even pages left.
  const numbers = words.filter((w) => /^\d+$/.test(w.text) && w.yMin > BOX.bottom);
  assert.ok(numbers.length >= 2);
  for (const n of numbers) {
    if (n.page % 2 === 1) assert.ok(n.xMin > (BOX.left + BOX.right) / 2, `page ${n.page} number on the right`);
    else assert.ok(n.xMax < (BOX.left + BOX.right) / 2, `page ${n.page} number on the left`);
  }
});

// The 28 characters come from the run spacing (3号 less 0.25 pt), not from a character grid:
// LibreOffice 7.4 lays a w:docGrid type="linesAndChars" with the charSpace for 28 characters in
// 156 mm at 16 pt out at 18 characters a line (each 16 pt glyph spills over its 15.8 pt cell), so
// the .docx declares a line grid only. What counts is what prints, so this checks the PDF.
test('PDF via LibreOffice: a full page holds 22 lines, and a full line 28 characters', async (t) => {
  if (!needLibreOffice(t)) return;
  const filler = '公文处理工作应当坚持实事求是准确规范精简高效安全保密的原则'; // 29 characters
  const text = filler.repeat(2); // 58: a 26-character first line (2-character indent), 28, then 4
  const full: GongwenDocument = { documentType: null, format: '文件式', elements: { body: Array.from({ length: 30 }, () => ({ kind: 'paragraph' as const, text })) } };
  const page1 = (await pdfWords(full)).filter((w) => w.page === 1 && w.yMax <= BOX.bottom + TOLERANCE);
  const lines = new Map<number, string>();
  for (const w of page1) {
    const key = Math.round(w.yMin);
    lines.set(key, (lines.get(key) ?? '') + w.text);
  }
  const counts = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => [...s].length);
  assert.equal(counts.length, 22, 'lines on a full page');
  assert.deepEqual(counts, [...Array.from({ length: 7 }, () => [26, 28, 4]).flat(), 26]);
});

test('PDF via LibreOffice: the 版记 sits at the foot of the 版心 on the last page, not right after the text', async (t) => {
  if (!needLibreOffice(t)) return;
  const words = await pdfWords(docOf(SAMPLE_TEXT));
  const last = Math.max(...words.map((w) => w.page));
  const onLast = words.filter((w) => w.page === last && w.yMax <= BOX.bottom + TOLERANCE);
  const printing = onLast.filter((w) => w.text.includes('印发'));
  const copy = onLast.filter((w) => w.text.startsWith('抄送'));
  assert.equal(printing.length, 1, '印发 line on the last page');
  assert.equal(copy.length, 1, '抄送 line on the last page');
  // The 印发 line is the last line of the 版心: its foot within one 4号 line (28 pt) of the 版心's
  // bottom edge, where the last separator line coincides with that edge (GB/T 9704 7.4.1).
  const printingLine = onLast.filter((w) => Math.abs(w.yMin - printing[0]!.yMin) < 1);
  const foot = Math.max(...printingLine.map((w) => w.yMax));
  assert.ok(foot <= BOX.bottom + TOLERANCE, `印发 line ends at ${foot} pt, inside the 版心 (${BOX.bottom} pt)`);
  assert.ok(foot >= BOX.bottom - 28, `印发 line ends at ${foot} pt, within a line of the 版心's foot (${BOX.bottom} pt)`);
  assert.ok(copy[0]!.yMax <= printing[0]!.yMin + TOLERANCE, '抄送 above 印发');
  // The attachment text on the same page ends far above: the 版记 does not just follow it.
  const body = onLast.filter((w) => w.yMax < copy[0]!.yMin - TOLERANCE);
  assert.ok(body.length > 0);
  assert.ok(copy[0]!.yMin - Math.max(...body.map((w) => w.yMax)) > 100, 'a gap between the text and the 版记');
});

/** Horizontal runs of red pixels on page 1 at 300 dpi: [top, bottom, left, right] in mm, one per band. */
async function redBands(doc: GongwenDocument): Promise<Array<{ top: number; bottom: number; left: number; right: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-red-'));
  try {
    writeFileSync(join(dir, 'doc.docx'), await renderDocx(doc));
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], { stdio: 'ignore', timeout: 120_000 });
    execFileSync('pdftoppm', ['-r', '300', '-f', '1', '-l', '1', join(dir, 'doc.pdf'), join(dir, 'p')]);
    const ppm = readFileSync(join(dir, 'p-1.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = ppm.subarray(header[0].length);
    const mm = (px: number): number => Math.round((px * 254) / 300) / 10;
    const bands: Array<{ top: number; bottom: number; left: number; right: number; wide: boolean }> = [];
    for (let y = 0; y < h; y++) {
      let first = -1;
      let last = -1;
      let count = 0;
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 3;
        if (data[o]! > 200 && data[o + 1]! < 120 && data[o + 2]! < 120) {
          if (first < 0) first = x;
          last = x;
          count++;
        }
      }
      if (count === 0) continue;
      const wide = count > w * 0.6; // a rule, not lettering
      const prev = bands[bands.length - 1];
      if (prev && prev.wide === wide && y - Math.round((prev.bottom * 300) / 25.4) <= 2) {
        prev.bottom = mm(y + 1);
        prev.left = Math.min(prev.left, mm(first));
        prev.right = Math.max(prev.right, mm(last + 1));
      } else bands.push({ top: mm(y), bottom: mm(y + 1), left: mm(first), right: mm(last + 1), wide });
    }
    return bands.map(({ top, bottom, left, right }) => ({ top, bottom, left, right }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('PDF via LibreOffice: 信函式 mark 30 mm from the top edge, double lines 4 mm under it and 20 mm from the bottom, 170 mm long', async (t) => {
  if (!needLibreOffice(t)) return;
  const letter: GongwenDocument = {
    documentType: '函',
    format: '信函式',
    elements: {
      issuerMark: '××县人民政府办公室',
      documentNumber: { text: '×政办函〔2026〕12号', issuerCode: '×政办函', year: 2026, serial: 12 },
      title: '××县人民政府办公室关于商请支持城东小学建设的函',
      primaryRecipients: ['××市教育局'],
      body: Array.from({ length: 14 }, () => ({ kind: 'paragraph' as const, text: '为做好城东小学建设工作，现商请贵局在用地审批、资金安排和师资调配等方面给予支持。' })),
      issuerSignatures: ['××县人民政府办公室'],
      issueDate: '2026-03-02',
    },
  };
  const bands = await redBands(letter);
  // The mark (lettering), then two double lines (each a thick and a thin band).
  const [mark, ...rules] = bands;
  assert.ok(mark!.top >= 29 && mark!.top <= 32, `mark top ${mark!.top} mm, 30 mm from the top edge`);
  assert.equal(rules.length, 4, JSON.stringify(rules));
  const [t1, t2, b1, b2] = rules as [typeof mark, typeof mark, typeof mark, typeof mark];
  assert.ok(t1!.bottom - t1!.top > t2!.bottom - t2!.top, 'first double line thick over thin');
  assert.ok(b2!.bottom - b2!.top > b1!.bottom - b1!.top, 'second double line thin over thick');
  assert.ok(Math.abs(t1!.top - mark!.bottom - 4) <= 1, `first double line ${t1!.top - mark!.bottom} mm under the mark`);
  assert.ok(Math.abs(297 - b2!.bottom - 20) <= 0.5, `second double line ${297 - b2!.bottom} mm from the bottom edge`);
  for (const r of rules) assert.ok(Math.abs(r!.right - r!.left - 170) <= 1 && Math.abs(r!.left - 20) <= 1, `170 mm centred: ${r!.left}–${r!.right}`);
  // No page number on page 1; page 2 keeps its number, 7 mm below the 版心.
  const words = await pdfWords(letter);
  assert.ok(Math.max(...words.map((w) => w.page)) >= 2, 'two pages');
  const numbers = words.filter((w) => /^\d+$/.test(w.text) && w.yMin > BOX.bottom);
  assert.deepEqual(numbers.map((n) => [n.page, n.text]), [[2, '2']]);
  assert.ok(Math.abs(numbers[0]!.yMin - (BOX.bottom + 7 * PT_PER_MM)) < 6, 'page 2 number 7 mm below the 版心');
});

test('PDF via LibreOffice: a joint mark stacks the names, "文件" to their right centred between them', async (t) => {
  if (!needLibreOffice(t)) return;
  const doc: GongwenDocument = {
    documentType: '通知',
    format: '文件式',
    elements: {
      issuerMark: '中共××县委员会××县人民政府文件',
      issuerMarkOrgans: ['中共××县委员会', '××县人民政府'],
      documentNumber: { text: '×发〔2026〕3号', issuerCode: '×发', year: 2026, serial: 3 },
      title: '关于加强基层治理工作的通知',
      body: [{ kind: 'paragraph', text: '现将有关事项通知如下。' }],
    },
  };
  const words = (await pdfWords(doc)).filter((w) => w.page === 1 && w.yMax < BOX.top + 90 * PT_PER_MM);
  const suffix = words.find((w) => w.text === '文件');
  assert.ok(suffix, '"文件" printed');
  // The names: the rows of red mark words around "文件", top to bottom.
  const rows = new Map<number, Word[]>();
  for (const w of words.filter((x) => x !== suffix && x.yMax < suffix.yMax + 40 && x.yMin > suffix.yMin - 40)) {
    const key = Math.round(w.yMin);
    rows.set(key, [...(rows.get(key) ?? []), w]);
  }
  const [first, second] = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, ws]) => ws) as [Word[], Word[]];
  assert.equal(rows.size, 2, 'two stacked names');
  assert.equal(first.map((w) => w.text).join(''), '中共××县委员会', '主办机关 first');
  assert.equal(second.map((w) => w.text).join(''), '××县人民政府');
  const top = Math.min(...first.map((w) => w.yMin));
  const bottom = Math.max(...second.map((w) => w.yMax));
  const mid = (suffix.yMin + suffix.yMax) / 2;
  assert.ok(Math.abs(mid - (top + bottom) / 2) < 4, `"文件" centred on the names: ${mid} vs ${(top + bottom) / 2}`);
  assert.ok(suffix.xMin > Math.max(...first.concat(second).map((w) => w.xMax)), '"文件" right of the names');
  // Names spread to one width.
  const left = (ws: Word[]): number => Math.min(...ws.map((w) => w.xMin));
  const right = (ws: Word[]): number => Math.max(...ws.map((w) => w.xMax));
  assert.ok(Math.abs(left(first) - left(second)) < 3 && Math.abs(right(first) - right(second)) < 3, 'names spread to one width');
});

test('PDF via LibreOffice: a nine-column table stays inside the 版心, unit names and two-character headers unbroken', async (t) => {
  if (!needLibreOffice(t)) return;
  const header = ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'];
  const units = ['县发展和改革局', '县财政局', '县住房和城乡建设局'];
  const doc: GongwenDocument = {
    documentType: '通报',
    format: '文件式',
    elements: {
      title: '关于督查督办事项办理情况的通报',
      body: [
        { kind: 'paragraph', text: '现将有关情况通报如下。' },
        { kind: 'table', text: '各单位办理情况', rows: [header, ...units.map((u, k) => [String(k + 1), u, '12', '10', '9', '1', '0', '2', '81.8%'])] },
        { kind: 'paragraph', text: '特此通报。' },
      ],
    },
  };
  const words = await pdfWords(doc);
  const outside = words.filter((w) => !(/^[—\d]+$/.test(w.text) && w.yMin > BOX.bottom) && (w.xMin < BOX.left - TOLERANCE || w.xMax > BOX.right + TOLERANCE || w.yMin < BOX.top - TOLERANCE));
  assert.deepEqual(outside, []);
  // Each unit name on one line, in order, left to right after its 序号.
  const names = words.filter((w) => units.includes(w.text));
  assert.deepEqual(names.map((w) => w.text), units);
  for (const head of ['序号', '单位']) assert.ok(words.some((w) => w.text === head), `the header "${head}" on one line`);
  const caption = words.find((w) => w.text === '各单位办理情况')!;
  assert.ok(Math.abs((caption.xMin + caption.xMax) / 2 - (BOX.left + BOX.right) / 2) < 3, 'caption centred on the 版心');
  assert.ok(caption.yMax <= Math.min(...names.map((w) => w.yMin)), 'caption above the table');
});

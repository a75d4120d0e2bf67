import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GongwenDocument } from './model.ts';
import { renderDocx } from './render-docx.ts';
import { SAMPLE_TEXT, docOf } from './test-helpers.ts';

function hasLibreOffice(): boolean {
  try {
    execFileSync('libreoffice', ['--version'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Renders to PDF with LibreOffice and reads word boxes (points) with pdftotext -bbox. */
async function pdfWords(doc: GongwenDocument): Promise<Word[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.docx'), await renderDocx(doc));
    execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], { stdio: 'ignore', timeout: 120_000 });
    execFileSync('pdftotext', ['-bbox', join(dir, 'doc.pdf'), join(dir, 'doc.html')]);
    const html = readFileSync(join(dir, 'doc.html'), 'utf8');
    const words: Word[] = [];
    let page = 0;
    for (const m of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      if (m[0].startsWith('<page')) page++;
      else words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
    return words;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PT_PER_MM = 72 / 25.4;
const BOX = { left: 28 * PT_PER_MM, right: (28 + 156) * PT_PER_MM, top: 37 * PT_PER_MM, bottom: (37 + 225) * PT_PER_MM };
const TOLERANCE = 1.5; // points

test('PDF via LibreOffice: text lies inside the 版心, page numbers below it, odd right and even left', async (t) => {
  if (!hasLibreOffice()) {
    if (process.env.CI === 'true') assert.fail('libreoffice 未安装：CI 必须安装 libreoffice-writer 与 poppler-utils');
    t.skip('libreoffice 未安装');
    return;
  }
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
  if (!hasLibreOffice()) {
    if (process.env.CI === 'true') assert.fail('libreoffice 未安装：CI 必须安装 libreoffice-writer 与 poppler-utils');
    t.skip('libreoffice 未安装');
    return;
  }
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
  if (!hasLibreOffice()) {
    if (process.env.CI === 'true') assert.fail('libreoffice 未安装：CI 必须安装 libreoffice-writer 与 poppler-utils');
    t.skip('libreoffice 未安装');
    return;
  }
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

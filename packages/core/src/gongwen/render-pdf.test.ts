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

test('PDF via LibreOffice: text lies inside the 版心, a full page holds 22 lines of 28 characters', async (t) => {
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

  const filler = '公文处理工作应当坚持实事求是准确规范精简高效安全保密的原则'; // 28 characters
  const full: GongwenDocument = { documentType: null, format: '文件式', elements: { body: Array.from({ length: 30 }, () => ({ kind: 'paragraph' as const, text: filler.repeat(2) })) } };
  const page1 = (await pdfWords(full)).filter((w) => w.page === 1 && w.yMax <= BOX.bottom + TOLERANCE);
  const lines = new Map<number, string>();
  for (const w of page1) {
    const key = Math.round(w.yMin);
    lines.set(key, (lines.get(key) ?? '') + w.text);
  }
  assert.equal(lines.size, 22, 'lines on a full page');
  const counts = [...lines.values()].map((s) => [...s].length);
  // Paragraphs start with a 2-character indent, so the second line of each is a full line.
  assert.equal(Math.max(...counts), 28, 'characters on a full line');
});

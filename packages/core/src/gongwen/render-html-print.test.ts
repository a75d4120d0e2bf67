/**
 * The HTML rendering as Chromium prints it: each document is printed to PDF with headless
 * Chromium (the same build the e2e tier uses) and the PDF is measured with poppler-utils —
 * word boxes from `pdftotext -bbox`, rules from the red and black pixel rows of `pdftoppm`.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as pw, type Browser } from 'playwright-core';
import type { GongwenDocument } from './model.ts';
import { renderHtml } from './render-html.ts';
import { toChineseNumeral } from './text-forms.ts';
import { SAMPLE_TEXT, docOf } from './test-helpers.ts';
import { hasCommand, readPdfWords, requireCommands, type PdfWord } from './pdf-test-tools.ts';

const POPPLER_TOOLS: Array<[string, string]> = [['pdftotext', '-v'], ['pdftoppm', '-v']];
const POPPLER = POPPLER_TOOLS.every(([c, flag]) => hasCommand(c, flag));
const needPoppler = (t: TestContext) => requireCommands(t, POPPLER_TOOLS, 'poppler-utils');

let browser: Browser | undefined;
let dir = '';

before(async () => {
  if (!POPPLER) return;
  dir = mkdtempSync(join(tmpdir(), 'gongwen-html-print-'));
  browser = await pw.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args.filter((a) => a !== '--single-process'), '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const MM = 72 / 25.4; // points per millimetre
const BOX = { left: 28 * MM, right: 184 * MM, top: 37 * MM, bottom: 262 * MM };
const TOL = 1.5; // points

type Word = PdfWord;

interface Printed {
  pages: number;
  words: Word[];
  /** Rasterised page `page` (1-based). */
  page(page: number): Raster;
}

/** A horizontal band of pixel rows, in mm from the top and left edges of the page. */
interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * What a page shows, row by row. Word boxes from pdftotext are not enough for vertical checks:
 * their height is the font's bounding box (a 16 pt fallback CJK word comes out 41 pt tall), so
 * vertical positions are read from the ink.
 */
interface Raster {
  /** Red rules: rows at least 60 % red across the page. */
  redRules: Band[];
  /** Red rows that are not rules: the lettering of the 发文机关标志. */
  redLettering: Band[];
  /** Black rules (the 版记's lines). */
  blackRules: Band[];
  /** Bands of rows carrying dark (black or grey, not red) ink: lines of text and rules. */
  ink: Band[];
}

let serial = 0;

/** Prints the HTML of `doc` with Chromium and reads the PDF back. */
async function print(doc: GongwenDocument): Promise<Printed> {
  const name = join(dir, `doc${++serial}`);
  const page = await browser!.newPage();
  try {
    await page.setContent(renderHtml(doc));
    writeFileSync(`${name}.pdf`, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await page.close();
  }
  const { pages, words } = readPdfWords(`${name}.pdf`, `${name}.html`);
  const rasters = new Map<number, Raster>();
  return {
    pages,
    words,
    page: (p) => {
      if (!rasters.has(p)) rasters.set(p, rasterise(`${name}.pdf`, p));
      return rasters.get(p)!;
    },
  };
}

const DPI = 150;

/** Rasterises one page with pdftoppm and groups its red, black and dark pixel rows into bands. */
function rasterise(pdf: string, page: number): Raster {
  const out = `${pdf}-p${page}`;
  execFileSync('pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  const ppm = readFileSync(`${out}.ppm`);
  rmSync(`${out}.ppm`, { force: true });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const mm = (px: number): number => Math.round((px * 254) / DPI) / 10;
  const kinds = ['redRules', 'redLettering', 'blackRules', 'ink'] as const;
  const result: Raster = { redRules: [], redLettering: [], blackRules: [], ink: [] };
  const last: Record<(typeof kinds)[number], number> = { redRules: -2, redLettering: -2, blackRules: -2, ink: -2 };
  const add = (kind: (typeof kinds)[number], y: number, first: number, lastX: number): void => {
    const list = result[kind];
    const band = list[list.length - 1];
    if (band && last[kind] === y - 1) {
      band.bottom = mm(y + 1);
      band.left = Math.min(band.left, mm(first));
      band.right = Math.max(band.right, mm(lastX + 1));
    } else list.push({ top: mm(y), bottom: mm(y + 1), left: mm(first), right: mm(lastX + 1) });
    last[kind] = y;
  };
  for (let y = 0; y < h; y++) {
    let red = 0, rf = -1, rl = -1, black = 0, dark = 0, df = -1, dl = -1;
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
      if (r > 180 && g < 110 && b < 110) {
        red++;
        if (rf < 0) rf = x;
        rl = x;
      } else if (r < 160 && g < 160 && b < 160) {
        dark++;
        if (r < 90 && g < 90 && b < 90) black++;
        if (df < 0) df = x;
        dl = x;
      }
    }
    if (red > w * 0.6) add('redRules', y, rf, rl);
    else if (red > 0) add('redLettering', y, rf, rl);
    if (black > w * 0.6) add('blackRules', y, df, dl);
    if (dark > 0) add('ink', y, df, dl);
  }
  return result;
}

/**
 * Dark ink outside the 版心 on any page: above `top` (the 版心's top, 30 mm on a 信函's first
 * page), below it other than the page number's band (265–280 mm), or beside it.
 */
function inkOutside(doc: Printed, top: (page: number) => number = () => 37): string[] {
  const bad: string[] = [];
  for (let p = 1; p <= doc.pages; p++) {
    for (const b of doc.page(p).ink) {
      const inBox = b.top >= top(p) - 0.3 && b.bottom <= 262.3;
      const pageNumber = b.top >= 265 && b.bottom <= 280;
      if ((!inBox && !pageNumber) || b.left < 27.7 || b.right > 184.3) bad.push(`page ${p}: ink ${b.top}–${b.bottom} mm × ${b.left}–${b.right} mm`);
    }
  }
  return bad;
}

/** Words whose horizontal extent leaves the 版心. */
function wordsBeside(words: readonly Word[]): Word[] {
  return words.filter((w) => w.xMin < BOX.left - TOL || w.xMax > BOX.right + TOL);
}

/** First ink band at or below `mm` on a page. */
function inkBelow(r: Raster, mm: number): Band {
  const band = r.ink.find((b) => b.top >= mm);
  assert.ok(band, `ink below ${mm} mm`);
  return band;
}

/** Page numbers "— n —" 7 mm below the 版心: odd pages right, even pages left, one character in. */
function assertPageNumbers(doc: Printed, pages: readonly number[]): void {
  const numbers = doc.words.filter((w) => /^\d+$/.test(w.text) && w.yMin > BOX.bottom);
  assert.deepEqual(numbers.map((n) => [n.page, n.text]), pages.map((p) => [p, String(p)]), 'numbered pages');
  for (const n of numbers) {
    const line = doc.words.filter((w) => w.page === n.page && Math.abs(w.yMin - n.yMin) < 1);
    assert.deepEqual(line.map((w) => w.text), ['—', n.text, '—'], `page ${n.page}: "— ${n.text} —"`);
    const ink = doc.page(n.page).ink.filter((b) => b.top > 262.5);
    assert.equal(ink.length, 1, `page ${n.page}: one line under the 版心`);
    assert.ok(Math.abs(ink[0]!.top - 269) <= 1.5, `page ${n.page}: number ${ink[0]!.top} mm from the top, 7 mm below the 版心`);
    const em = 14; // one 4号 character
    if (n.page % 2 === 1) assert.ok(Math.abs(line[2]!.xMax - (BOX.right - em)) < 2, `page ${n.page}: right, one character in (${line[2]!.xMax})`);
    else assert.ok(Math.abs(line[0]!.xMin - (BOX.left + em)) < 2, `page ${n.page}: left, one character in (${line[0]!.xMin})`);
  }
  for (let p = 1; p <= doc.pages; p++) {
    if (!pages.includes(p)) assert.deepEqual(doc.page(p).ink.filter((b) => b.top > 262.5), [], `page ${p} unnumbered`);
  }
}

/** The 版记 of a 文件式: its last (thick) rule on the 版心's bottom edge of the last page, 印发 just above. */
function assertImprintAtFoot(doc: Printed): void {
  const last = doc.pages;
  const rules = doc.page(last).blackRules;
  assert.ok(rules.length >= 2, `版记 rules on the last page: ${JSON.stringify(rules)}`);
  const bottom = rules[rules.length - 1]!;
  assert.ok(Math.abs(bottom.bottom - 262) <= 1, `last 版记 rule at ${bottom.bottom} mm, on the 版心's foot (262 mm)`);
  assert.ok(Math.abs(bottom.left - 28) <= 0.5 && Math.abs(bottom.right - 184) <= 0.5, `版记 rule as wide as the 版心: ${bottom.left}–${bottom.right}`);
  const printing = doc.words.filter((w) => w.page === last && w.text.includes('印发'));
  assert.equal(printing.length, 1, '印发 on the last page');
  // The text line right above the last rule is the 印发 line (4号, within one line of it).
  const above = doc.page(last).ink.filter((b) => b.bottom < bottom.top - 0.2 && b.top > bottom.top - 10);
  assert.ok(above.length > 0, 'a line of text right above the last rule');
  for (let p = 1; p < last; p++) assert.deepEqual(doc.page(p).blackRules, [], `no 版记 rule on page ${p}`);
}

/** A 文件式 of several pages with two attachments and a full 版记. */
function longNotice(): GongwenDocument {
  const doc = docOf(SAMPLE_TEXT);
  const filler = { kind: 'paragraph' as const, text: '各单位要严格执行公文处理各项制度，做到要素齐全、格式规范，切实提高公文质量和办文效率。' };
  doc.elements.body = [...doc.elements.body, ...Array.from({ length: 16 }, () => filler)];
  doc.elements.attachments![0]!.body = [...doc.elements.attachments![0]!.body, ...Array.from({ length: 14 }, () => filler)];
  return doc;
}

const LETTER: GongwenDocument = {
  documentType: '函',
  format: '信函式',
  elements: {
    copyNumber: '000001',
    urgency: '特急',
    issuerMark: '××县人民政府办公室',
    documentNumber: { text: '×政办函〔2026〕12号', issuerCode: '×政办函', year: 2026, serial: 12 },
    title: '××县人民政府办公室关于商请支持城东小学建设的函',
    primaryRecipients: ['××市教育局'],
    body: Array.from({ length: 14 }, () => ({ kind: 'paragraph' as const, text: '为做好城东小学建设工作，现商请贵局在用地审批、资金安排和师资调配等方面给予支持。' })),
    issuerSignatures: ['××县人民政府办公室'],
    issueDate: '2026-03-02',
    sealed: true,
    copyRecipients: ['县教育局'],
  },
};

test('HTML print (Chromium): a multi-page 文件式 keeps text in the 版心, attachments on new pages, numbers per 7.5, 版记 at the last foot', async (t) => {
  if (!needPoppler(t)) return;
  const doc = await print(longNotice());
  assert.ok(doc.pages >= 5, `${doc.pages} pages`);
  assert.deepEqual(inkOutside(doc), []);
  assert.deepEqual(wordsBeside(doc.words), []);
  assertPageNumbers(doc, Array.from({ length: doc.pages }, (_, k) => k + 1));
  // 发文机关标志: red, its top edge 35 mm below the top of the 版心 (the three lines of 份号,
  // 密级 and 紧急程度 above it included); the red separator as wide as the 版心.
  const page1 = doc.page(1);
  const mark = page1.redLettering[0]!;
  assert.ok(Math.abs(mark.top - (37 + 35)) <= 1.5, `mark top ${mark.top} mm`);
  assert.equal(page1.redRules.length, 1, 'one red rule on page 1');
  const separator = page1.redRules[0]!;
  assert.ok(Math.abs(separator.left - 28) <= 0.5 && Math.abs(separator.right - 184) <= 0.5, `separator ${separator.left}–${separator.right} mm`);
  // 发文字号 centred between the mark and the separator, 4 mm above the separator.
  const number = inkBelow(page1, mark.bottom + 1);
  assert.ok(Math.abs(separator.top - number.bottom - 4) <= 1.5, `separator ${(separator.top - number.bottom).toFixed(1)} mm under the 发文字号`);
  // 标题: centred, two blank lines (2 × 10.2 mm) below the separator.
  const titleInk = inkBelow(page1, separator.bottom + 0.5);
  assert.ok(titleInk.top - separator.bottom > 19.5 && titleInk.top - separator.bottom < 24, `title ${(titleInk.top - separator.bottom).toFixed(1)} mm below the separator`);
  assert.ok(Math.abs((titleInk.left + titleInk.right) / 2 - 106) < 1.5, `title centred on the 版心 (${titleInk.left}–${titleInk.right})`);
  const titleWord = doc.words.find((w) => w.page === 1 && w.text === '县人民政府关于加强公文处理工作的通知');
  assert.ok(titleWord, 'the title on one line');
  // Each 附件 starts a page of its own, "附件N" on the first line of the 版心.
  // ("附件" and its number come from different fonts, so pdftotext gives two words.)
  const heads = doc.words.filter((w) => /^附件\d?$/.test(w.text) && Math.abs(w.xMin - BOX.left) < TOL);
  assert.equal(heads.length, 2, '附件1 and 附件2 flush left');
  const notePage = doc.words.find((w) => w.text.includes('此件发至乡镇'))!.page;
  assert.ok(heads[0]!.page > notePage && heads[1]!.page > heads[0]!.page, 'attachments after the 附注, each on a new page');
  for (const h of heads) {
    assert.equal(Math.min(...doc.words.filter((w) => w.page === h.page).map((w) => w.yMin)), h.yMin, `${h.text} first on its page`);
    const first = doc.page(h.page).ink[0]!;
    assert.ok(first.top >= 37 && first.top < 41, `${h.text} on the first line (${first.top} mm)`);
  }
  // The first 附件 runs over two pages; the 版记 is at the foot of the second 附件's (last) page.
  assert.equal(heads[1]!.page, doc.pages);
  assert.ok(heads[1]!.page - heads[0]!.page >= 2, '附件1 runs over more than one page');
  assertImprintAtFoot(doc);
});

test('HTML print (Chromium): 信函式 170 mm double lines on page 1 only, mark 30 mm from the top, no number on page 1', async (t) => {
  if (!needPoppler(t)) return;
  const doc = await print(LETTER);
  assert.equal(doc.pages, 2);
  // Page 1's 版心 starts at the mark, 30 mm from the top edge.
  assert.deepEqual(inkOutside(doc, (p) => (p === 1 ? 30 : 37)), []);
  assert.deepEqual(wordsBeside(doc.words), []);
  const page1 = doc.page(1);
  const mark = page1.redLettering[0]!;
  assert.ok(mark.top >= 29 && mark.top <= 31.5, `mark top ${mark.top} mm, 30 mm from the top edge`);
  const rules = page1.redRules;
  assert.equal(rules.length, 4, `two double lines: ${JSON.stringify(rules)}`);
  const [t1, t2, b1, b2] = rules as [Band, Band, Band, Band];
  const thick = (b: Band): number => b.bottom - b.top;
  assert.ok(thick(t1) > thick(t2), 'upper double line thick over thin');
  assert.ok(thick(b2) > thick(b1), 'lower double line thin over thick');
  assert.ok(Math.abs(t1.top - mark.bottom - 4) <= 1, `upper line ${(t1.top - mark.bottom).toFixed(1)} mm under the mark`);
  assert.ok(Math.abs(297 - b2.bottom - 20) <= 0.5, `lower line ${(297 - b2.bottom).toFixed(1)} mm above the bottom edge`);
  for (const r of rules) assert.ok(Math.abs(r.right - r.left - 170) <= 1 && Math.abs(r.left - 21) <= 1, `170 mm, centred on the 版心: ${r.left}–${r.right}`);
  const page2 = doc.page(2);
  assert.deepEqual(page2.redRules, [], 'no double lines on page 2');
  assert.deepEqual(page2.redLettering, [], 'nothing red on page 2');
  // 份号 flush left and 发文字号 flush right under the upper line, 7/8 of a 3号 character (4.9 mm) down.
  const copy = doc.words.find((w) => w.text === '000001')!;
  const numberEnd = doc.words.find((w) => w.page === 1 && w.text.endsWith('号'))!;
  assert.ok(Math.abs(copy.xMin - BOX.left) < TOL, '份号 flush left');
  assert.ok(Math.abs(numberEnd.xMax - BOX.right) < 2, `发文字号 flush right (${numberEnd.xMax})`);
  const headInk = inkBelow(page1, t2.bottom + 0.2);
  assert.ok(headInk.top - t2.bottom > 3.5 && headInk.top - t2.bottom < 6, `份号 ${(headInk.top - t2.bottom).toFixed(1)} mm under the line`);
  // Page numbers from page 2 only (10.1).
  assertPageNumbers(doc, [2]);
  // 版记: 抄送 only, no rules, at the foot of the last page's 版心.
  const copyTo = doc.words.filter((w) => w.text.startsWith('抄送'));
  assert.equal(copyTo.length, 1);
  assert.equal(copyTo[0]!.page, 2);
  const lastLine = page2.ink.filter((b) => b.bottom <= 262.5).at(-1)!;
  assert.ok(lastLine.bottom > 255, `抄送 at the foot of the 版心 (${lastLine.top}–${lastLine.bottom} mm)`);
  assert.deepEqual(page2.blackRules, [], "a letter's 版记 has no rules");
});

test('HTML print (Chromium): a one-page 信函 keeps both double lines on its only page', async (t) => {
  if (!needPoppler(t)) return;
  const doc = await print({ ...LETTER, elements: { ...LETTER.elements, body: LETTER.elements.body.slice(0, 2) } });
  assert.equal(doc.pages, 1);
  const rules = doc.page(1).redRules;
  assert.equal(rules.length, 4, JSON.stringify(rules));
  assert.ok(Math.abs(297 - rules[3]!.bottom - 20) <= 0.5);
  assertPageNumbers(doc, []);
  const lastLine = doc.page(1).ink.filter((b) => b.bottom <= 262.5).at(-1)!;
  assert.ok(lastLine.bottom > 255, `抄送 at the foot of the 版心 (${lastLine.bottom} mm)`);
});

test('HTML print (Chromium): 命令式 mark 20 mm below the 版心 top, no separator; 纪要式 mark 35 mm, 出席, a 版记 page of its own', async (t) => {
  if (!needPoppler(t)) return;
  const order = await print({
    documentType: '命令',
    format: '命令式',
    elements: {
      issuerMark: '××省人民政府令',
      documentNumber: { text: '第5号', issuerCode: '', year: null, serial: 5 },
      body: [{ kind: 'paragraph', text: '《××省公文处理办法》已经2026年1月5日省人民政府第12次常务会议通过，现予公布，自2026年3月1日起施行。' }],
      signatureStamps: [{ title: '省长', name: '王伟' }],
      issueDate: '2026-01-10',
    },
  });
  assert.equal(order.pages, 1);
  assert.deepEqual(inkOutside(order), []);
  const orderMark = order.page(1).redLettering[0]!;
  assert.ok(Math.abs(orderMark.top - (37 + 20)) <= 1.5, `order mark top ${orderMark.top} mm`);
  assert.deepEqual(order.page(1).redRules, [], '命令 has no red separator');
  assertPageNumbers(order, [1]);

  const minutes = await print({
    documentType: '纪要',
    format: '纪要式',
    elements: {
      issuerMark: '××县人民政府常务会议纪要',
      documentNumber: { text: '〔2026〕3号', issuerCode: '', year: 2026, serial: 3 },
      title: '××县人民政府第12次常务会议纪要',
      body: [
        { kind: 'paragraph', text: '2026年3月2日，县长张三主持召开县人民政府第12次常务会议，研究城东小学建设等事项。现纪要如下。' },
        { kind: 'heading', level: 1, marker: '一、', text: '关于城东小学建设' },
      ],
      attendees: ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '钱十一', '冯十二', '陈十三'],
      absentees: ['蒋十六'],
      nonVotingAttendees: ['县教育局局长沈十七'],
      copyRecipients: ['县委办公室'],
      printingOrgan: '××县人民政府办公室',
      printingDate: '2026-03-03',
    },
  });
  assert.deepEqual(inkOutside(minutes), []);
  assert.deepEqual(wordsBeside(minutes.words), []);
  const minutesMark = minutes.page(1).redLettering[0]!;
  assert.ok(Math.abs(minutesMark.top - (37 + 35)) <= 1.5, `minutes mark top ${minutesMark.top} mm`);
  const present = minutes.words.find((w) => w.text.startsWith('出席'))!;
  assert.ok(Math.abs(present.xMin - (BOX.left + 2 * 15.8)) < 3, '出席 indented 2 characters');
  assert.equal(minutes.pages, 1);
  assertImprintAtFoot(minutes);
  assertPageNumbers(minutes, [1]);
});

test('HTML print (Chromium): a 版记 with no room under the text takes the next page, unnumbered (7.5)', async (t) => {
  if (!needPoppler(t)) return;
  // 21 one-line paragraphs leave one line of the 22 free; the 版记 needs two.
  const doc = await print({
    documentType: '通知',
    format: '文件式',
    elements: {
      body: Array.from({ length: 21 }, (_, k) => ({ kind: 'paragraph' as const, text: `第${k + 1}段。现将有关事项通知如下。` })),
      copyRecipients: ['县委办公室'],
      printingOrgan: '××县人民政府办公室',
      printingDate: '2026-03-03',
    },
  });
  assert.equal(doc.pages, 2);
  assert.deepEqual(inkOutside(doc), []);
  assert.deepEqual(doc.words.filter((w) => w.page === 2 && w.text.includes('段')), [], 'only the 版记 on page 2');
  assertImprintAtFoot(doc);
  assertPageNumbers(doc, [1]);
});

test('HTML print (Chromium): a long table breaks between rows with its header row on every page, and the 版记 still meets the last foot', async (t) => {
  if (!needPoppler(t)) return;
  // Names in Chinese characters only: pdftotext splits digits set in a fallback font into words of their own.
  const units = Array.from({ length: 45 }, (_, k) => `责任单位${toChineseNumeral(k + 1)}`);
  const doc = await print({
    documentType: '通报',
    format: '文件式',
    elements: {
      issuerMark: '中共××县委办公室文件',
      documentNumber: { text: '县委办〔2026〕30号', issuerCode: '县委办', year: 2026, serial: 30 },
      title: '关于督查督办事项办理情况的通报',
      primaryRecipients: ['各乡镇党委', '县直各单位'],
      body: [
        { kind: 'paragraph', text: '现将各单位督查督办事项办理情况通报如下。' },
        { kind: 'table', text: '表1　各单位办理情况', rows: [['序号', '单位', '交办数', '按期办结率'], ...units.map((u, k) => [String(k + 1), u, String((k % 7) + 1), `${80 + (k % 20)}.5%`])] },
        { kind: 'paragraph', text: '各单位要对照通报情况，认真抓好整改落实。' },
      ],
      issuerSignatures: ['中共××县委办公室'],
      issueDate: '2026-11-20',
      copyRecipients: ['县委各部门'],
      printingOrgan: '中共××县委办公室',
      printingDate: '2026-11-20',
    },
  });
  assert.ok(doc.pages >= 3, `${doc.pages} pages`);
  assert.deepEqual(inkOutside(doc), []);
  assert.deepEqual(wordsBeside(doc.words), []);
  const rowWords = doc.words.filter((w) => /^责任单位[一二三四五六七八九十]+$/.test(w.text));
  assert.deepEqual(rowWords.map((w) => w.text), units, 'every row printed once, in order');
  const rowPages = [...new Set(rowWords.map((w) => w.page))];
  assert.ok(rowPages.length >= 2, `the table spans pages ${rowPages}`);
  assert.deepEqual([...new Set(doc.words.filter((w) => w.text === '序号').map((w) => w.page))], rowPages, 'the header row on each page of the table');
  const last = doc.page(doc.pages).blackRules;
  assert.ok(Math.abs(last[last.length - 1]!.bottom - 262) <= 1, `last 版记 rule at ${last[last.length - 1]!.bottom} mm, on the 版心's foot (262 mm)`);
  assert.equal(doc.words.filter((w) => w.text.includes('印发')).map((w) => w.page).join(), String(doc.pages), '印发 on the last page');
  assertPageNumbers(doc, Array.from({ length: doc.pages }, (_, k) => k + 1));
});

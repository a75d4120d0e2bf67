import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { parseDocx } from './parse-docx.ts';
import { renderDocx } from './render-docx.ts';
import type { GongwenDocument } from './model.ts';
import { SAMPLE_TABLE, SAMPLE_TEXT, docOf, sampleWithTables } from './test-helpers.ts';

async function xmlOf(buf: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return zip.file(name)!.async('string');
}

test('page, margins, grid and fonts follow GB/T 9704', async () => {
  const doc = await xmlOf(await renderDocx(docOf(SAMPLE_TEXT)), 'word/document.xml');
  assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
  const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)![1]!;
  const attr = (n: string): number => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
  const mm = (tw: number): number => Math.round((tw / 1440) * 25.4 * 10) / 10;
  assert.equal(mm(attr('top')), 37);
  assert.equal(mm(attr('left')), 28);
  assert.equal(mm(11906 - attr('left') - attr('right')), 156);
  assert.equal(mm(16838 - attr('top') - attr('bottom')), 225);
  const grid = /<w:docGrid ([^>]*)\/>/.exec(doc)![1]!;
  const pitch = Number(/w:linePitch="(\d+)"/.exec(grid)![1]);
  assert.equal(Math.floor((16838 - attr('top') - attr('bottom')) / pitch), 22);
  assert.match(grid, /w:type="lines"/);
  // 28 characters a line come from 3号 text set 0.25 pt tighter (render-pdf.test.ts checks the
  // printed line); every 3号 run carries that spacing.
  const runs = [...doc.matchAll(/<w:rPr>((?:(?!<\/w:rPr>).)*<w:sz w:val="32"\/>(?:(?!<\/w:rPr>).)*)<\/w:rPr>/gs)].map((m) => m[1]!);
  assert.ok(runs.length > 20);
  for (const r of runs) assert.match(r, /<w:spacing w:val="-5"\/>/);
  assert.equal(Math.floor((11906 - attr('left') - attr('right')) / (16 * 20 - 5)), 28);
  for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']) {
    assert.match(doc, new RegExp(`w:eastAsia="${font}"`), font);
  }
});

test('the 发文机关标志 and the separator line are red', async () => {
  const doc = await xmlOf(await renderDocx(docOf(SAMPLE_TEXT)), 'word/document.xml');
  const mark = /<w:p>(?:(?!<\/w:p>).)*××县人民政府文件(?:(?!<w:p>).)*<\/w:p>/s.exec(doc)![0];
  assert.match(mark, /<w:color w:val="FF0000"\/>/);
  assert.match(mark, /w:eastAsia="方正小标宋简体"/);
  assert.match(doc, /<w:bottom w:val="single" w:color="FF0000"/);
});

test('page numbers "— 1 —" in 4号宋体, odd right and even left', async () => {
  const buf = await renderDocx(docOf(SAMPLE_TEXT));
  const zip = await JSZip.loadAsync(buf);
  const settings = await zip.file('word/settings.xml')!.async('string');
  assert.match(settings, /<w:evenAndOddHeaders\/>/);
  const doc = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const footerFile = (type: string): string => {
    const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(doc)![1];
    return 'word/' + new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1];
  };
  const odd = await zip.file(footerFile('default'))!.async('string');
  const even = await zip.file(footerFile('even'))!.async('string');
  assert.match(odd, /<w:jc w:val="right"\/>/);
  assert.match(even, /<w:jc w:val="left"\/>/);
  for (const f of [odd, even]) {
    assert.match(f, /— <\/w:t>/);
    assert.match(f, /PAGE/);
    assert.match(f, /w:eastAsia="宋体"/);
    assert.match(f, /<w:sz w:val="28"\/>/);
  }
});

test('round trip: model → docx → parse gives the same elements', async () => {
  const model = docOf(SAMPLE_TEXT);
  const back = await parseDocx(await renderDocx({ ...model, elements: { ...model.elements, sealed: false } }));
  assert.deepEqual(back.elements, { ...model.elements, sealed: false });
  assert.equal(back.documentType, model.documentType);
  assert.equal(back.format, model.format);
  const sealed = await parseDocx(await renderDocx({ ...model, elements: { ...model.elements, sealed: true } }));
  assert.equal(sealed.elements.sealed, true, 'a sealed layout reads back as sealed');
});

test('the 版记 is a table floated to the bottom of the 版心, its lines as wide as the 版心', async () => {
  const doc = await xmlOf(await renderDocx(docOf(SAMPLE_TEXT)), 'word/document.xml');
  const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  assert.equal(tables.length, 1);
  const table = tables[0]!;
  const float = /<w:tblpPr ([^>]*)\/>/.exec(table)![1]!;
  assert.match(float, /w:vertAnchor="margin"/);
  assert.match(float, /w:tblpYSpec="bottom"/);
  assert.match(float, /w:horzAnchor="page"/);
  assert.match(float, /w:tblpX="1587"/, 'left edge at the 订口, 28 mm');
  assert.match(table, /<w:tblW w:type="dxa" w:w="8845"\/>/, '156 mm wide');
  const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  assert.equal(rows.length, 2);
  const border = (row: string, side: string): string => new RegExp(`<w:${side} w:val="(\\w+)" w:color="\\w+" w:sz="(\\d+)"`).exec(/<w:tcBorders>[\s\S]*?<\/w:tcBorders>/.exec(row)![0])!.slice(1).join(' ');
  assert.equal(border(rows[0]!, 'top'), 'single 8', 'first line thick');
  assert.equal(border(rows[0]!, 'bottom'), 'single 6', 'thin line between 抄送 and 印发');
  assert.equal(border(rows[1]!, 'bottom'), 'single 8', 'last line thick');
  assert.match(rows[0]!, /抄送：县委办公室，县人大常委会办公室，县政协办公室。/);
  assert.match(rows[1]!, /××县人民政府办公室[\s\S]*2026年1月5日印发/);
  // The table is the last block of the body but for the paragraph it anchors to.
  assert.match(doc, /<\/w:tbl><w:p>[\s\S]*?<\/w:p><w:sectPr/);
});

/** The tables of the body that are not floating (the 版记 floats), in order. */
function bodyTablesOf(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).filter((t) => !t.includes('<w:tblpPr'));
}

/** Rows of a table as lists of cell texts. */
function cellTexts(table: string): string[][] {
  return [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
}

test('a table block is a Word table as wide as the 版心, single black rules, its caption centred above it', async () => {
  const xml = await xmlOf(await renderDocx(sampleWithTables()), 'word/document.xml');
  const tables = bodyTablesOf(xml);
  assert.equal(tables.length, 2, 'the 正文 table and the 附件 table');
  const table = tables[0]!;
  assert.deepEqual(cellTexts(table), SAMPLE_TABLE.rows);
  assert.match(table, /<w:tblW w:type="dxa" w:w="8845"\/>/, '156 mm wide');
  const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.equal(grid.length, 4);
  assert.equal(grid.reduce((a, b) => a + b, 0), 8845, 'columns fill the 版心');
  assert.match(table, /<w:tblPr><w:tblW w:type="dxa" w:w="8845"\/><w:jc w:val="center"\/>/);
  const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(table)![1]!;
  assert.deepEqual(
    [...borders.matchAll(/<w:(\w+) w:val="(\w+)" w:color="(\w+)" w:sz="(\d+)"\/>/g)].map((m) => m.slice(1).join(' ')),
    ['top single 000000 4', 'left single 000000 4', 'bottom single 000000 4', 'right single 000000 4', 'insideH single 000000 4', 'insideV single 000000 4'],
  );
  // The caption: the paragraph right before the table, centred, in the 题注 style parseDocx reads back.
  const caption = /<w:p>((?:(?!<w:p>).)*)<\/w:p><w:tbl>(?:(?!<\/w:tbl>).)*序号/s.exec(xml)![1]!;
  assert.match(caption, /<w:pStyle w:val="Caption"\/>/);
  assert.match(caption, /<w:jc w:val="center"\/>/);
  assert.match(caption, />表1　公文处理各环节责任分工<\/w:t>/);
});

test('a table is set in 4号 仿宋 with the header row in 黑体, repeated on each page; short cells centred, long ones justified', async () => {
  const table = bodyTablesOf(await xmlOf(await renderDocx(sampleWithTables()), 'word/document.xml'))[0]!;
  const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  assert.equal(rows.length, 4);
  assert.match(rows[0]!, /<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
  for (const row of rows.slice(1)) assert.match(row, /<w:trPr><w:cantSplit\/><\/w:trPr>/);
  const runFonts = (row: string): string[] => [...row.matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(runFonts(rows[0]!), ['黑体', '黑体', '黑体', '黑体']);
  assert.deepEqual(runFonts(rows[1]!), ['仿宋_GB2312', '仿宋_GB2312', '仿宋_GB2312', '仿宋_GB2312']);
  assert.deepEqual([...table.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => m[1]).filter((v) => v !== '28'), [], 'every cell 14 pt');
  const align = (row: string): string[] => [...row.matchAll(/<w:jc w:val="(\w+)"\/>/g)].map((m) => m[1]!);
  assert.deepEqual(align(rows[0]!), ['center', 'center', 'center', 'center']);
  assert.deepEqual(align(rows[1]!), ['center', 'center', 'center', 'both'], 'the long 完成时限 wraps, justified');
  assert.deepEqual(align(rows[2]!), ['center', 'center', 'center', 'center']);
});

test('a table of more than five columns is set in 小四 (12 pt) so that its columns fit', async () => {
  const header = ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'];
  const doc: GongwenDocument = {
    documentType: '通报',
    format: '文件式',
    elements: { body: [{ kind: 'table', text: '', rows: [header, ['1', '县发展和改革局', '12', '10', '9', '1', '0', '2', '81.8%']] }] },
  };
  const table = bodyTablesOf(await xmlOf(await renderDocx(doc), 'word/document.xml'))[0]!;
  assert.deepEqual(cellTexts(table), doc.elements.body[0]!.rows);
  assert.deepEqual([...new Set([...table.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => m[1]))], ['24']);
  const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.equal(grid.reduce((a, b) => a + b, 0), 8845);
  // 县发展和改革局 (7 characters of 12 pt) fits on one line of its column.
  assert.ok(grid[1]! - 170 >= 7 * 240, `单位 column ${grid[1]} twips`);
});

test('a table ending the document, or followed by another, is closed by a paragraph so Word keeps the tables apart', async () => {
  const table = (cell: string) => ({ kind: 'table' as const, text: '', rows: [['项目', '内容'], [cell, '甲']] });
  const doc: GongwenDocument = { documentType: null, format: '文件式', elements: { body: [{ kind: 'paragraph', text: '情况如下。' }, table('一'), table('二')] } };
  const xml = await xmlOf(await renderDocx(doc), 'word/document.xml');
  assert.equal(bodyTablesOf(xml).length, 2);
  assert.match(xml, /<\/w:tbl><w:p>(?:(?!<\/w:p>).)*<\/w:p><w:tbl>/s, 'a paragraph between the tables');
  assert.match(xml, /<\/w:tbl><w:p>(?:(?!<\/w:p>).)*<\/w:p><w:sectPr/s, 'a paragraph after the last table');
  const back = await parseDocx(await renderDocx(doc));
  assert.deepEqual(back.elements.body, doc.elements.body);
});

test('round trip: table blocks in the 正文 and in a 附件 read back from the .docx as they were', async () => {
  const model = { ...sampleWithTables(), documentType: '通知' as const };
  model.elements.sealed = false;
  const back = await parseDocx(await renderDocx(model));
  assert.deepEqual(back.elements, model.elements);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { parseDocx } from './parse-docx.ts';
import { renderDocx } from './render-docx.ts';
import { SAMPLE_TEXT, docOf } from './test-helpers.ts';

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

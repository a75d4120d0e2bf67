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
  const charSpace = Number(/w:charSpace="(-?\d+)"/.exec(grid)![1]);
  assert.equal(Math.floor((11906 - attr('left') - attr('right')) / ((16 + charSpace / 4096) * 20)), 28);
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

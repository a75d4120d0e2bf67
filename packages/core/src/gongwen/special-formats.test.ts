import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { checkDocument } from './checker.ts';
import type { GongwenDocument } from './model.ts';
import { parseDocx } from './parse-docx.ts';
import { parseText } from './parse-text.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import { docOf } from './test-helpers.ts';

/** A joint notice (constructed for tests): two organs in the mark, three sealed 署名. */
export const JOINT_TEXT = `中共××县委员会
××县人民政府
文件
×发〔2026〕3号
中共××县委员会××县人民政府关于加强基层治理工作的通知
各乡镇党委、人民政府，县直各单位：
现将有关事项通知如下，请认真贯彻落实。
中共××县委员会　　××县人民政府
××县总工会
2026年1月5日
抄送：市委办公室，市政府办公室。
中共××县委办公室 2026年1月6日印发`;

/** A 信函式 函 (constructed for tests). */
export const LETTER_TEXT = `000001
机密★1年
特急
××县人民政府办公室
×政办函〔2026〕12号
××县人民政府办公室关于商请支持城东小学建设的函
××市教育局：
为做好城东小学建设工作，现商请贵局给予支持。
特此函商。
××县人民政府办公室
2026年3月2日
抄送：县教育局。`;

/** A 命令（令） (constructed for tests). */
export const ORDER_TEXT = `××省人民政府令
第5号
《××省公文处理办法》已经2026年1月5日省人民政府第12次常务会议通过，现予公布，自2026年3月1日起施行。
省长　王　伟
2026年1月10日`;

async function documentXml(doc: GongwenDocument): Promise<{ body: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(await renderDocx(doc));
  return { body: await zip.file('word/document.xml')!.async('string'), zip };
}

test('parses a joint 发文机关标志: names stacked, 主办机关 first, "文件" on its own line', () => {
  const r = parseText(JOINT_TEXT);
  assert.equal(r.elements.issuerMark, '中共××县委员会××县人民政府文件');
  assert.deepEqual(r.elements.issuerMarkOrgans, ['中共××县委员会', '××县人民政府']);
  assert.equal(r.elements.documentNumber?.text, '×发〔2026〕3号');
  assert.equal(r.format, '文件式');
  assert.deepEqual(r.elements.issuerSignatures, ['中共××县委员会', '××县人民政府', '××县总工会'], 'two 署名 side by side on one line are two');
});

test('parses a joint mark whose last name carries "文件"', () => {
  const r = parseText('中共××县委员会\n××县人民政府文件\n×发〔2026〕3号\n关于加强基层治理工作的通知\n各乡镇：\n正文。');
  assert.deepEqual(r.elements.issuerMarkOrgans, ['中共××县委员会', '××县人民政府']);
  assert.equal(r.elements.issuerMark, '中共××县委员会××县人民政府文件');
});

test('a single-organ mark stays a single mark', () => {
  const r = parseText('××县人民政府文件\n×政发〔2026〕5号\n××县人民政府关于加强公文处理工作的通知\n各乡镇：\n正文。');
  assert.equal(r.elements.issuerMark, '××县人民政府文件');
  assert.equal(r.elements.issuerMarkOrgans, undefined);
});

test('the joint mark is a borderless table: names distributed one under another, "文件" vertically centred on their right', async () => {
  const { body } = await documentXml({ ...docOf(JOINT_TEXT), elements: { ...docOf(JOINT_TEXT).elements, sealed: true } });
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(body)![0];
  assert.match(table, /<w:jc w:val="center"\/>/, 'table centred on the 版心');
  const cells = [...table.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
  assert.equal(cells.length, 2);
  const names = [...cells[0]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
  assert.deepEqual(names, ['中共××县委员会', '××县人民政府']);
  assert.equal((cells[0]!.match(/<w:jc w:val="distribute"\/>/g) ?? []).length, 2);
  assert.match(cells[1]!, /<w:vAlign w:val="center"\/>/);
  assert.match(cells[1]!, /<w:t[^>]*>文件<\/w:t>/);
  for (const c of cells) assert.match(c, /<w:color w:val="FF0000"\/>/);
  assert.doesNotMatch(table, /<w:(top|bottom|left|right) w:val="single"/, 'no borders');
});

test('joint sealed 署名 sit two to a row, centred on tab stops; the last row is over the date', async () => {
  const model = { ...docOf(JOINT_TEXT), elements: { ...docOf(JOINT_TEXT).elements, sealed: true } };
  const { body } = await documentXml(model);
  const row = /<w:p>(?:(?!<\/w:p>).)*中共××县委员会<\/w:t>(?:(?!<\/w:p>).)*××县人民政府<\/w:t>(?:(?!<w:p>).)*<\/w:p>/s.exec(body.slice(body.indexOf('现将有关事项')))![0];
  assert.equal((row.match(/<w:tab w:val="center"/g) ?? []).length, 2);
  // The right slot is centred over the date "2026年1月5日" (6 wide) set 4 from the right; the left
  // one 10 characters further: the widest 署名 (8) plus 2, more than the 9 that keeps seals apart.
  const C = 315;
  const positions = [...row.matchAll(/<w:tab w:val="center" w:pos="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.deepEqual(positions, [8845 - 4 * C - 3 * C - 10 * C, 8845 - 4 * C - 3 * C]);
});

test('round trip: a joint document reads back with the same elements, sealed or not', async () => {
  for (const sealed of [true, false]) {
    const model = { ...docOf(JOINT_TEXT), elements: { ...docOf(JOINT_TEXT).elements, sealed } };
    const back = await parseDocx(await renderDocx(model));
    assert.deepEqual(back.elements, model.elements, `sealed ${sealed}`);
  }
});

test('信函式: the mark and a thick-over-thin double line 170 mm long in the first-page header, 30 mm from the top', async () => {
  const { body, zip } = await documentXml(docOf(LETTER_TEXT));
  assert.match(body, /<w:titlePg\/>/);
  assert.match(body, /w:header="1701"/, 'header 30 mm from the top of the page');
  assert.doesNotMatch(body, /××县人民政府办公室<\/w:t><\/w:r><\/w:p><w:p>(?:(?!<\/w:p>).)*×政办函/s, 'the mark is not in the body');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const part = async (type: 'header' | 'footer'): Promise<string> => {
    const id = new RegExp(`<w:${type}Reference w:type="first" r:id="(\\w+)"`).exec(body)![1];
    return zip.file('word/' + new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1])!.async('string');
  };
  const header = await part('header');
  assert.match(header, /<w:t[^>]*>××县人民政府办公室<\/w:t>/);
  assert.match(header, /<w:color w:val="FF0000"\/>/);
  assert.match(header, /<w:bottom w:val="thickThinSmallGap" w:color="FF0000"/);
  assert.match(header, /<w:ind w:left="-397" w:right="-397"\/>/, '7 mm beyond each side of the 156 mm 版心: 170 mm');
  const footer = await part('footer');
  assert.match(footer, /<w:top w:val="thickThinSmallGap" w:color="FF0000"/, 'the second double line, thin over thick as LibreOffice draws a top border');
  assert.doesNotMatch(footer, /PAGE/, 'no page number on page 1');
});

test('信函式: 份号, 密级 and 紧急程度 flush left under the line, the 发文字号 flush right beside them; no 印发 line', async () => {
  const doc = docOf(LETTER_TEXT);
  doc.elements.printingOrgan = '××县人民政府办公室';
  doc.elements.printingDate = '2026-03-02';
  const { body } = await documentXml(doc);
  const head = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(body)![0];
  const cells = [...head.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('|'));
  assert.deepEqual(cells, ['000001|机密★1年|特急', '×政办函〔2026〕12号']);
  assert.match(/<w:tc>[\s\S]*?<\/w:tc>\s*<w:tc>[\s\S]*?<\/w:tc>/.exec(head)![0], /<w:jc w:val="right"\/>/);
  assert.doesNotMatch(body, /印发<\/w:t>/);
});

test('round trip: a 信函式 reads back with the same elements and format', async () => {
  const model = docOf(LETTER_TEXT);
  const back = await parseDocx(await renderDocx(model));
  assert.equal(back.format, '信函式');
  assert.deepEqual(back.elements, model.elements);
});

test('命令式: "…令" mark, 令号 centred below, no separator line, 职务 and 签名章 at the right', async () => {
  const r = parseText(ORDER_TEXT);
  assert.equal(r.format, '命令式');
  assert.equal(r.documentType, '命令');
  assert.equal(r.elements.documentNumber?.text, '第5号');
  assert.deepEqual(r.elements.signatureStamps, [{ title: '省长', name: '王伟' }]);
  assert.equal(r.elements.issuerSignatures, undefined);
  const { body } = await documentXml(docOf(ORDER_TEXT));
  assert.doesNotMatch(body, /<w:bottom w:val="single" w:color="FF0000"/, 'no red separator');
  assert.match(body, /<w:jc w:val="center"\/>(?:(?!<\/w:p>).)*第5号/s);
  const stamp = /<w:p>(?:(?!<\/w:p>).)*省长(?:(?!<w:p>).)*<\/w:p>/s.exec(body)![0];
  // 签名章 4 characters from the right (2 wide), the 职务 ending 2 characters to its left.
  const C = 315;
  assert.match(stamp, new RegExp(`<w:tab w:val="right" w:pos="${8845 - 4 * C - 2 * C - 2 * C}"/>`));
  assert.match(stamp, new RegExp(`<w:tab w:val="left" w:pos="${8845 - 4 * C - 2 * C}"/>`));
  assert.match(stamp, /w:before="1158"/, 'two blank lines below the body');
  const back = await parseDocx(await renderDocx(docOf(ORDER_TEXT)));
  assert.deepEqual(back.elements, docOf(ORDER_TEXT).elements);
});

test('命令式 --complete asks for the 签名章, not a 署名 or a title; a clean order has no error', () => {
  const clean = parseText(ORDER_TEXT);
  assert.deepEqual(checkDocument(clean).filter((f) => f.severity === 'error'), []);
  const noStamp = parseText(ORDER_TEXT.replace('省长　王　伟\n', ''));
  const missing = checkDocument(noStamp, { complete: true }).filter((f) => f.code === 'ELEMENT_MISSING').map((f) => f.element);
  assert.ok(missing.includes('signatureStamps'));
  assert.ok(!missing.includes('issuerSignatures'));
  assert.ok(!missing.includes('title'));
});

test('HTML: joint mark as a flex row, letter double lines, order without red line, title broken into lines', () => {
  const joint = renderHtml(docOf(JOINT_TEXT));
  assert.match(joint, /<div class="mark joint" data-element="issuerMark" style="font-size:36pt"><span class="organs"><span>中共××县委员会<\/span><span>××县人民政府<\/span><\/span><span class="suffix">文件<\/span><\/div>/);
  assert.match(joint, /\.gongwen \.mark\.joint \{ display: flex; justify-content: center; align-items: center;/);
  const letter = renderHtml(docOf(LETTER_TEXT));
  assert.match(letter, /<p class="mark" data-element="issuerMark" style="font-size:30pt">××县人民政府办公室<\/p>\n<div class="double-line" role="separator"><\/div>\n<div class="letter-head"><div><p class="head-line" data-element="copyNumber">000001<\/p>/);
  assert.match(letter, /<div class="double-line foot" role="separator"><\/div>/);
  assert.match(letter, /@page :first \{ margin-top: 30mm; @bottom-right \{ content: none; \}/);
  assert.doesNotMatch(letter, /class="red-line"/);
  assert.match(letter, /<h1 class="title" data-element="title">××县人民政府办公室<br>关于商请支持城东小学建设的函<\/h1>/);
  const order = renderHtml(docOf(ORDER_TEXT));
  assert.doesNotMatch(order, /class="red-line"/);
  assert.match(order, /<p class="stamp" data-element="signatureStamps\[0\]" style="padding-right:4em;margin-top:20.45mm"><span class="stamp-title">省长<\/span><span class="stamp-name" style="width:2em">王伟<\/span><\/p>/);
});

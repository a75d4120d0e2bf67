import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GongwenDocument } from './model.ts';
import { renderHtml } from './render-html.ts';
import { PAGINATE_SCRIPT } from './render-html-script.ts';
import { SAMPLE_TEXT, docOf, sampleWithTables } from './test-helpers.ts';

/** The blocks of the rendered <article>, one per line as the renderer writes them. */
function blocks(html: string): string[] {
  const article = /<article class="gongwen [a-z]+">\n([\s\S]*)\n<\/article>/.exec(html);
  assert.ok(article, 'an <article class="gongwen …"> holds the document');
  return article[1]!.split('\n');
}

/** Index of the first block carrying `data-element="path"`; fails when none does. */
function at(list: readonly string[], path: string): number {
  const i = list.findIndex((b) => b.includes(`data-element="${path}"`));
  assert.ok(i !== -1, `block for ${path}`);
  return i;
}

/** The CSS rule for a selector, e.g. ".gongwen .mark". */
function rule(html: string, selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|\\n)${escaped} \\{([^}]*)\\}`).exec(html);
  assert.ok(m, `CSS rule ${selector}`);
  return m[1]!;
}

test('renders the 版头: red 发文机关标志, centred 发文字号, then the red separator', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  const list = blocks(html);
  assert.deepEqual(list.slice(0, 3), [
    '<p class="head-line" data-element="copyNumber">000001</p>',
    '<p class="head-line heiti" data-element="classification">机密★1年</p>',
    '<p class="head-line heiti" data-element="urgency">特急</p>',
  ]);
  assert.equal(list[3], '<p class="mark" data-element="issuerMark" style="font-size:36pt">××县人民政府文件</p>');
  assert.match(rule(html, '.gongwen .mark'), /color: #f00;/);
  assert.match(rule(html, '.gongwen .mark'), /text-align: center;/);
  assert.match(rule(html, '.gongwen .mark'), /"方正小标宋简体"/);
  assert.equal(list[4], '<p class="number" data-element="documentNumber">×政发〔2026〕5号</p>');
  assert.match(rule(html, '.gongwen .number'), /text-align: center;/);
  assert.equal(list[5], '<div class="red-line" role="separator"></div>');
  assert.match(rule(html, '.gongwen .red-line'), /border-bottom: [\d.]+pt solid #f00;/);
});

test('an upward document puts 发文字号 and 签发人 on one line, names in 楷体', () => {
  const doc = docOf(SAMPLE_TEXT);
  doc.elements.signers = ['张三', '李四'];
  const list = blocks(renderHtml(doc));
  assert.equal(
    list[at(list, 'documentNumber')],
    '<p class="upward"><span data-element="documentNumber">×政发〔2026〕5号</span><span data-element="signers">签发人：<span class="kaiti">张三　李四</span></span></p>',
  );
});

test('renders title, 主送 and body headings in order, level 1 in 黑体 and level 2 lead sentence in 楷体', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  const list = blocks(html);
  const title = at(list, 'title');
  assert.equal(list[title], '<h1 class="title" data-element="title">××县人民政府关于加强公文处理工作的通知</h1>');
  assert.equal(list[title + 1], '<p class="recipients" data-element="primaryRecipients">各乡镇人民政府，县政府各部门：</p>');
  assert.ok(title > at(list, 'documentNumber'));
  assert.equal(list[at(list, 'body[1]')], '<p class="indent heiti" data-element="body[1]">一、提高思想认识</p>');
  assert.equal(list[at(list, 'body[2]')], '<p class="indent" data-element="body[2]"><span class="kaiti">（一）明确责任。</span>各单位主要负责同志是本单位公文处理工作的第一责任人，要亲自抓、负总责。</p>');
  assert.equal(list[at(list, 'body[3]')], '<p class="indent" data-element="body[3]">1.健全制度。建立公文起草、审核、签发各环节责任制度。</p>');
  assert.match(rule(html, '.gongwen .heiti'), /"黑体"/);
  assert.match(rule(html, '.gongwen .kaiti'), /"楷体_GB2312"/);
  assert.match(rule(html, '.gongwen .indent'), /text-indent: 2em;/);
});

test('places an unsealed 署名 2 characters from the right and the date 2 characters right of it', () => {
  const list = blocks(renderHtml({ ...docOf(SAMPLE_TEXT), elements: { ...docOf(SAMPLE_TEXT).elements, sealed: false } }));
  const sig = at(list, 'issuerSignatures[0]');
  assert.ok(sig > at(list, 'attachmentNotes[1]'), '署名 after the 附件说明');
  // "××县人民政府" is 7 characters wide, "2026年1月5日" 6 (digits are half-width): the 署名 sits
  // 2 from the right, starting at character 28 − 2 − 7 = 19; the date starts 2 later, at 21,
  // and so ends 1 character from the right.
  assert.equal(list[sig], '<p class="sig sig-first" data-element="issuerSignatures[0]" style="padding-right:2em">××县人民政府</p>');
  assert.equal(list[sig + 1], '<p class="sig" data-element="issueDate" style="padding-right:1em">2026年1月5日</p>');
  assert.equal(list[sig + 2], '<p class="indent" data-element="note">（此件发至乡镇）</p>');
});

test('sets a date longer than the unsealed 署名 2 characters from the right and pushes the 署名 right', () => {
  const doc = docOf(SAMPLE_TEXT);
  doc.elements.issuerSignatures = ['某局'];
  doc.elements.sealed = false;
  const list = blocks(renderHtml(doc));
  // The date (6 wide) starts at 28 − 2 − 6 = 20; the 署名 starts 2 earlier, at 18, and is 2 wide.
  assert.equal(list[at(list, 'issuerSignatures[0]')], '<p class="sig sig-first" data-element="issuerSignatures[0]" style="padding-right:8em">某局</p>');
  assert.equal(list[at(list, 'issueDate')], '<p class="sig" data-element="issueDate" style="padding-right:2em">2026年1月5日</p>');
});

test('places a sealed date 4 characters from the right with the 署名 centred over it', () => {
  // Date 6 wide at 4 from the right; the 7-wide 署名 centred over it overhangs by half a character.
  const doc = docOf(SAMPLE_TEXT);
  doc.elements.sealed = true;
  const list = blocks(renderHtml(doc));
  assert.equal(list[at(list, 'issuerSignatures[0]')], '<p class="sig sig-first" data-element="issuerSignatures[0]" style="padding-right:3.5em">××县人民政府</p>');
  assert.equal(list[at(list, 'issueDate')], '<p class="sig" data-element="issueDate" style="padding-right:4em">2026年1月5日</p>');
});

test('starts each attachment on a new page, after the 主体 and before the 版记', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  const list = blocks(html);
  const first = at(list, 'attachments[0]');
  assert.equal(
    list[first],
    '<section class="attachment" data-element="attachments[0]"><p class="heiti">附件1</p><h2 class="title" data-element="attachments[0].title">公文格式常见错误清单</h2><p class="indent heiti" data-element="attachments[0].body[0]">一、发文字号使用圆括号。</p><p class="indent heiti" data-element="attachments[0].body[1]">二、成文日期使用汉字数字。</p></section>',
  );
  assert.ok(first > at(list, 'note'));
  assert.ok(at(list, 'attachments[1]') < at(list, 'copyRecipients'));
  const css = rule(html, '.gongwen .attachment');
  assert.match(css, /break-before: page;/);
  assert.match(css, /page-break-before: always;/);
});

test('renders the 版记 last, between thick lines, 抄送 over a thin line above 印发机关 and 印发日期', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  const list = blocks(html);
  assert.deepEqual(list.slice(-4), [
    '<footer class="imprint">',
    '<p class="copy" data-element="copyRecipients">抄送：县委办公室，县人大常委会办公室，县政协办公室。</p>',
    '<p class="printing"><span data-element="printingOrgan">××县人民政府办公室</span><span data-element="printingDate">2026年1月5日印发</span></p>',
    '</footer>',
  ]);
  const imprint = rule(html, '.gongwen .imprint');
  assert.match(imprint, /border-top: 0\.35mm solid #000;/);
  assert.match(imprint, /border-bottom: 0\.35mm solid #000;/);
  assert.match(imprint, /font-size: 14pt;/);
  assert.match(rule(html, '.gongwen .imprint .copy'), /border-bottom: 0\.25mm solid #000;/);
  assert.match(rule(html, '.gongwen .imprint .printing'), /justify-content: space-between;/);
});

test('sets the page: A4, 版心 margins, page numbers "— n —" odd right and even left', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  // Top and bottom margins on the page; the 28 mm 订口 on the column, so that Chromium, which clips
  // at the page area, still prints what reaches beyond the 版心 (the 信函's 170 mm lines).
  assert.match(html, /@page \{ size: 210mm 297mm; margin: 37mm 0 35mm 0; \}/);
  assert.match(rule(html, '.gongwen'), /width: 156mm; margin: 0 0 0 28mm;/);
  // "— n —" 7 mm below the 版心, one 4号 character in from its right (odd) or left (even) edge.
  assert.match(html, /@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —"; font: 14pt "宋体"[^}]*margin-right: 26mm; padding: 7mm 14pt 0 0; text-align: right; vertical-align: top; \} \}/);
  assert.match(html, /@page :left \{ @bottom-left \{ content: "— " counter\(page\) " —"; font: 14pt "宋体"[^}]*margin-left: 28mm; padding: 7mm 0 0 14pt; text-align: left; vertical-align: top; \} \}/);
  assert.match(html, /print-color-adjust: exact;/);
  assert.doesNotMatch(html, /@page :first/, 'only a 信函 changes its first page');
});

test('a 信函 prints its first page without a number and with the lower double line in the bottom margin box', () => {
  const doc = docOf(SAMPLE_TEXT);
  doc.format = '信函式';
  const html = renderHtml(doc);
  assert.match(html, /@page :first \{ margin-top: 30mm; @bottom-right \{ content: none; \} @bottom-left \{ content: none; \} @bottom-center \{ content: ""; width: 170mm; [^}]*border-top: 0\.25mm solid #f00; border-bottom: 1mm solid #f00;/);
  assert.match(rule(html, '.gongwen .double-line'), /margin: 4mm -7mm 0;/);
  // 10.1: no 印发机关 or 印发日期 and no separator lines in a letter's 版记.
  assert.doesNotMatch(html, /data-element="printingOrgan"/);
  assert.match(rule(html, '.gongwen.letter .imprint'), /border: 0;/);
});

test('places the 发文机关标志 35 mm below the top of the 版心 counting the lines above it (20 mm for a 命令)', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  assert.match(rule(html, '.gongwen .mark'), /margin-top: calc\(var\(--mark-top\) - var\(--head-lines, 0\) \* 10\.227mm\);/);
  assert.match(rule(html, '.gongwen'), /--mark-top: 35mm;/);
  assert.match(rule(html, '.gongwen.order'), /--mark-top: 20mm;/);
  assert.match(rule(html, '.gongwen .head-line + .head-line + .head-line + .mark'), /--head-lines: 3;/);
});

test('carries one script of its own, which sets the 版记 at the foot of the last page', () => {
  const html = renderHtml(docOf(SAMPLE_TEXT));
  assert.equal(html.match(/<script>/g)?.length, 1);
  assert.ok(html.includes(`<script>${PAGINATE_SCRIPT}</script></body>`));
  assert.match(rule(html, '.gongwen .imprint'), /margin-top: var\(--imprint-gap, 10\.227mm\);/);
  // The script is ES2017 that any browser parses as it stands.
  assert.doesNotThrow(() => new Function(PAGINATE_SCRIPT));
});

test('escapes user text: a title with <script> comes out as text, never as markup', () => {
  const doc: GongwenDocument = {
    documentType: '通知',
    format: '文件式',
    elements: {
      issuerMark: 'A&B<i>文件',
      title: '关于<script>alert("x")</script>的通知',
      primaryRecipients: ['"各单位"'],
      body: [{ kind: 'paragraph', text: "<img src=x onerror='y'>" }],
      issuerSignatures: ['<b>局</b>'],
      copyRecipients: ['</footer><script>'],
    },
  };
  // The renderer's own script aside, no markup comes from the text.
  const html = renderHtml(doc).replace(`<script>${PAGINATE_SCRIPT}</script>`, '');
  assert.doesNotMatch(html, /<script|<img|<b>|<i>|<\/footer><script/);
  assert.match(html, /<title>关于&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;的通知<\/title>/);
  const list = blocks(html);
  assert.equal(list[at(list, 'title')], '<h1 class="title" data-element="title">关于&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;的通知</h1>');
  assert.equal(list[at(list, 'issuerMark')], '<p class="mark" data-element="issuerMark" style="font-size:36pt">A&amp;B&lt;i&gt;文件</p>');
  assert.equal(list[at(list, 'body[0]')], '<p class="indent" data-element="body[0]">&lt;img src=x onerror=&#39;y&#39;&gt;</p>');
  assert.equal(list[at(list, 'primaryRecipients')], '<p class="recipients" data-element="primaryRecipients">&quot;各单位&quot;：</p>');
  assert.equal(list[at(list, 'copyRecipients')], '<p class="copy" data-element="copyRecipients">抄送：&lt;/footer&gt;&lt;script&gt;。</p>');
});

test('a document without 版头 or 版记 renders neither the separator nor the imprint', () => {
  const list = blocks(renderHtml({ documentType: null, format: '文件式', elements: { body: [{ kind: 'paragraph', text: '正文。' }] } }));
  assert.deepEqual(list, ['<p class="indent" data-element="body[0]">正文。</p>']);
});

test('renders a table block as an HTML table under its centred caption, columns as wide as in the .docx', () => {
  const html = renderHtml(sampleWithTables());
  const list = blocks(html);
  assert.equal(
    list[at(list, 'body[8]')],
    '<div class="table-block" data-element="body[8]"><p class="table-caption">表1　公文处理各环节责任分工</p>' +
      '<table class="body-table"><colgroup><col style="width:9.82%"><col style="width:9.82%"><col style="width:23.31%"><col style="width:57.05%"></colgroup>' +
      '<thead><tr><th>序号</th><th>环节</th><th>责任单位</th><th>完成时限</th></tr></thead><tbody>' +
      '<tr><td class="center">1</td><td class="center">起草</td><td class="center">起草部门</td><td>收到交办后3个工作日内完成初稿并送办公室审核</td></tr>' +
      '<tr><td class="center">2</td><td class="center">审核</td><td class="center">县政府办公室</td><td class="center">1个工作日</td></tr>' +
      '<tr><td class="center">3</td><td class="center">签发</td><td class="center">县政府领导</td><td class="center">—</td></tr>' +
      '</tbody></table></div>',
  );
  assert.equal(list[at(list, 'body[9]')], '<p class="indent heiti" data-element="body[9]">二、规范格式要求</p>');
  assert.match(list[at(list, 'attachments[1]')]!, /<p class="indent" data-element="attachments\[1\]\.body\[0\]">县政府办公室负责公文审核。<\/p><div class="table-block" data-element="attachments\[1\]\.body\[1\]"><table class="body-table">/);
  assert.match(rule(html, '.gongwen .body-table'), /width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 14pt;/);
  assert.match(rule(html, '.gongwen .body-table th, .gongwen .body-table td'), /border: 0.5pt solid #000;/);
  assert.match(rule(html, '.gongwen .body-table th'), /font-family: "黑体"/);
  assert.match(rule(html, '.gongwen .body-table td.center'), /text-align: center;/);
  assert.match(rule(html, '.gongwen .table-caption'), /text-align: center;/);
});

test('a table of more than five columns is set in 小四, and one with no rows prints its caption only', () => {
  const wide = Array.from({ length: 6 }, (_, k) => `第${k + 1}列`);
  const list = blocks(renderHtml({ documentType: null, format: '文件式', elements: { body: [{ kind: 'table', text: '', rows: [wide, wide] }, { kind: 'table', text: '表2　空表', rows: [] }] } }));
  assert.match(list[0]!, /^<div class="table-block" data-element="body\[0\]"><table class="body-table small">/);
  assert.equal(list[1], '<div class="table-block" data-element="body[1]"><p class="table-caption">表2　空表</p></div>');
  assert.match(rule(renderHtml(sampleWithTables()), '.gongwen .body-table.small'), /font-size: 12pt;/);
});

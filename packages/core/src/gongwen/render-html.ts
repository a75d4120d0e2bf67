/**
 * HTML rendering of the same GB/T 9704 layout, for preview and printing in the browser.
 * Page size, margins, fonts, page numbers and the 信函's lower double line come from CSS paged
 * media as Chromium implements it (margin boxes since Chrome 131); browsers without margin-box
 * support still print the layout, only without page numbers. A small inline script
 * (`render-html-script.ts`) puts the 版记 at the foot of the last page.
 */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { bodyBlockText, formatChineseDate, textWidthChars } from './text-forms.ts';
import { PAGINATE_SCRIPT } from './render-html-script.ts';
import { layoutTable } from './table-layout.ts';
import { breakTitle } from './title-lines.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One of the 22 lines of the 版心: 225 mm / 22 (GB/T 9704 5.2.3). */
const LINE = '10.227mm';

/**
 * Print is laid out for Chromium's paged media. The page margins are 37 mm top and 35 mm bottom
 * only: Chromium clips whatever overflows the page area, so with 28/26 mm side margins the
 * 信函's 170 mm double lines would be cut to the 156 mm 版心. The page area therefore spans the
 * sheet's width and the article sits 28 mm from its left edge (订口). Page numbers are margin
 * boxes, "— n —" 7 mm below the 版心, one character in from its right edge on odd pages and its
 * left edge on even pages (7.5). On screen the same column sits on a white A4 sheet.
 */
const CSS = `
@page { size: 210mm 297mm; margin: 37mm 0 35mm 0; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Songti SC", serif; width: 100mm; margin-right: 26mm; padding: 7mm 14pt 0 0; text-align: right; vertical-align: top; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Songti SC", serif; width: 100mm; margin-left: 28mm; padding: 7mm 0 0 14pt; text-align: left; vertical-align: top; } }
@page imprint:right { @bottom-right { content: none; } }
@page imprint:left { @bottom-left { content: none; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.gongwen { width: 156mm; margin: 0 0 0 28mm; font: 16pt/${LINE} "仿宋_GB2312", "FangSong_GB2312", FangSong, STFangsong, serif; letter-spacing: -0.25pt; color: #000; orphans: 1; widows: 1; position: relative; --mark-top: 35mm; }
.gongwen p { margin: 0; text-align: justify; }
.gongwen .indent { text-indent: 2em; }
.gongwen .head-line { text-align: left; }
.gongwen .heiti { font-family: "黑体", SimHei, "Heiti SC", sans-serif; }
.gongwen .kaiti { font-family: "楷体_GB2312", "KaiTi_GB2312", KaiTi, STKaiti, serif; }
.gongwen .mark { color: #f00; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", serif; font-size: 36pt; line-height: 1; margin-top: calc(var(--mark-top) - var(--head-lines, 0) * ${LINE}); letter-spacing: 0; }
.gongwen.order { --mark-top: 20mm; }
.gongwen .head-line + .mark { --head-lines: 1; }
.gongwen .head-line + .head-line + .mark { --head-lines: 2; }
.gongwen .head-line + .head-line + .head-line + .mark { --head-lines: 3; }
.gongwen .number { text-align: center; margin-top: 20.45mm; }
.gongwen .upward { display: flex; justify-content: space-between; padding: 0 1em; margin-top: 20.45mm; }
.gongwen .red-line { border-bottom: 1.5pt solid #f00; height: 1.3mm; }
.gongwen .title { margin: 0; font-weight: normal; line-height: ${LINE}; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", serif; font-size: 22pt; margin-top: 20.45mm; letter-spacing: 0; }
.gongwen .recipients { margin-top: ${LINE}; }
.gongwen .order-body { margin-top: 20.45mm; }
.gongwen .notes { margin-top: ${LINE}; padding-left: 5em; text-indent: -3em; }
.gongwen .notes-more { padding-left: 5em; }
.gongwen .attendance { padding-left: 5em; text-indent: -3em; }
.gongwen .sig { text-align: right; }
.gongwen .sig-first { margin-top: ${LINE}; }
.gongwen .mark.joint { display: flex; justify-content: center; align-items: center; gap: 0.5em; line-height: 1.2; }
.gongwen .mark.joint .organs { display: flex; flex-direction: column; }
.gongwen .mark.joint .organs span { text-align: justify; text-align-last: justify; }
.gongwen.letter .mark { margin-top: 0; }
.gongwen .double-line { margin: 4mm -7mm 0; height: 0.4mm; border-top: 1mm solid #f00; border-bottom: 0.25mm solid #f00; }
.gongwen .double-line.foot { display: none; }
.gongwen .letter-head { display: flex; justify-content: space-between; margin-top: calc(4.94mm - 0.1em); line-height: 1.2; }
.gongwen .letter-head .number { margin-top: 0; }
.gongwen .stamp { text-align: right; }
.gongwen .stamp .stamp-title { margin-right: 2em; }
.gongwen .stamp .stamp-name { display: inline-block; text-align: left; }
.gongwen .table-caption { text-align: center; }
.gongwen .body-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 14pt; line-height: 1.25; letter-spacing: 0; }
.gongwen .body-table.small { font-size: 12pt; }
.gongwen .body-table th, .gongwen .body-table td { border: 0.5pt solid #000; padding: 0.5mm 1.5mm; vertical-align: middle; text-align: justify; overflow-wrap: anywhere; }
.gongwen .body-table th { font-family: "黑体", SimHei, "Heiti SC", sans-serif; font-weight: normal; text-align: center; }
.gongwen .body-table td.center { text-align: center; }
.gongwen .body-table tr { break-inside: avoid; page-break-inside: avoid; }
.gongwen .attachment { break-before: page; page-break-before: always; }
.gongwen .attachment > .title { margin-top: ${LINE}; }
.gongwen .attachment > .title:first-child { margin-top: 0; }
.gongwen .attachment > .title + p { margin-top: ${LINE}; }
.gongwen .attachment > .title + .table-block { margin-top: ${LINE}; }
.gongwen .imprint { margin-top: var(--imprint-gap, ${LINE}); font-size: 14pt; letter-spacing: 0; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; break-inside: avoid; }
.gongwen .imprint.alone { page: imprint; break-before: page; }
.gongwen .imprint p { padding: 0 1em; line-height: 28pt; }
.gongwen .imprint .copy { border-bottom: 0.25mm solid #000; padding-left: 4em; text-indent: -3em; }
.gongwen .imprint .printing { display: flex; justify-content: space-between; }
.gongwen.letter .imprint { border: 0; }
.gongwen.letter .imprint .copy { border: 0; }
@media print {
  .gongwen .double-line.foot, .gongwen .page-guide { display: none; }
}
@media screen {
  html { background: #e6e6e6; }
  body { padding: 6mm 0; }
  .gongwen { box-sizing: content-box; margin: 0 auto; padding: 37mm 26mm 35mm 28mm; min-height: 225mm; background: #fff; box-shadow: 0 0.5mm 3mm rgba(0, 0, 0, 0.25); }
  .gongwen.letter { padding-top: 30mm; min-height: 232mm; }
  .gongwen.letter.one-page .double-line.foot { display: block; position: absolute; top: 275.35mm; left: 21mm; width: 170mm; margin: 0; border-top-width: 0.25mm; border-bottom-width: 1mm; }
  .gongwen .page-guide { position: absolute; left: 0; right: 0; height: 0; border-top: 1px dashed #aaa; pointer-events: none; }
  .gongwen .body-table th, .gongwen .body-table td { border-width: 1px; }
  .gongwen .page-guide::after { content: "第" attr(data-page) "页"; position: absolute; right: 1mm; top: 0.5mm; font: 10pt "宋体", SimSun, serif; color: #999; letter-spacing: 0; }
}
`;

/**
 * 信函式 first page (10.1): the 版心 starts at the mark, 30 mm from the top edge; no page number;
 * and the lower red double line (thin over thick, 170 mm, its foot 20 mm above the bottom edge)
 * drawn in the bottom margin box, which is the only place print can draw below the page area.
 * The margin box is centred on the page; its 2 mm left margin centres it on the 版心 as the upper
 * line is (21–191 mm). 262 mm (版心 foot) + 13.35 mm + 1.65 mm of lines = 277 mm.
 */
const LETTER_FIRST_PAGE =
  '@page :first { margin-top: 30mm; @bottom-right { content: none; } @bottom-left { content: none; } ' +
  '@bottom-center { content: ""; width: 170mm; height: 0.4mm; margin: 13.35mm 0 auto 2mm; border-top: 0.25mm solid #f00; border-bottom: 1mm solid #f00; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n';

/**
 * A table block as the .docx prints it (table-layout.ts): the caption centred above, the header
 * row in 黑体 repeated on each printed page, single black rules, 4号 or 小四 仿宋.
 */
function tableBlock(b: BodyBlock, path: string, extra: string): string {
  const caption = b.text ? `<p class="table-caption">${esc(b.text)}</p>` : '';
  const layout = layoutTable(b);
  const cls = extra ? `table-block ${extra}` : 'table-block';
  if (!layout) return `<div class="${cls}" data-element="${path}">${caption}</div>`;
  const cols = layout.fractions.map((f) => `<col style="width:${Math.round(f * 10000) / 100}%">`).join('');
  const [header, ...rest] = layout.rows;
  const head = `<thead><tr>${header!.map((cell) => `<th>${esc(cell)}</th>`).join('')}</tr></thead>`;
  const rows = rest.map((row, r) => `<tr>${row.map((cell, c) => `<td${layout.centred[r + 1]![c] ? ' class="center"' : ''}>${esc(cell)}</td>`).join('')}</tr>`);
  const table = `<table class="body-table${layout.points < 14 ? ' small' : ''}"><colgroup>${cols}</colgroup>${head}<tbody>${rows.join('')}</tbody></table>`;
  return `<div class="${cls}" data-element="${path}">${caption}${table}</div>`;
}

/** One body paragraph; `path` is the element path findings use ("body[3]"), so a preview can mark them. */
function block(b: BodyBlock, path: string, extra = ''): string {
  if (b.kind === 'table') return tableBlock(b, path, extra);
  const text = bodyBlockText(b);
  const at = ` data-element="${path}"`;
  const indent = extra ? `indent ${extra}` : 'indent';
  const cls = b.kind === 'heading' && b.level === 1 ? 'heiti' : b.kind === 'heading' && b.level === 2 ? 'kaiti' : '';
  if (!cls) return `<p class="${indent}"${at}>${esc(text)}</p>`;
  const stop = text.indexOf('。');
  if (stop !== -1 && stop < text.length - 1) return `<p class="${indent}"${at}><span class="${cls}">${esc(text.slice(0, stop + 1))}</span>${esc(text.slice(stop + 1))}</p>`;
  return `<p class="${indent} ${cls}"${at}>${esc(text)}</p>`;
}

/** The 发文机关标志: one line, or a joint mark with the names stacked and "文件" centred to their right (7.2.4). */
function issuerMarkHtml(doc: GongwenDocument): string {
  const el = doc.elements;
  const organs = el.issuerMarkOrgans;
  const mark = el.issuerMark ?? '';
  const joint = organs && organs.length > 1 && mark.startsWith(organs.join('')) ? organs : null;
  if (joint && doc.format !== '信函式') {
    const suffix = mark.slice(joint.join('').length);
    const chars = Math.max(...joint.map(textWidthChars)) + (suffix ? textWidthChars(suffix) + 0.5 : 0);
    const pt = Math.max(22, Math.min(36, Math.floor(430 / chars)));
    const names = joint.map((o) => `<span>${esc(o)}</span>`).join('');
    return `<div class="mark joint" data-element="issuerMark" style="font-size:${pt}pt"><span class="organs">${names}</span>${suffix ? `<span class="suffix">${esc(suffix)}</span>` : ''}</div>`;
  }
  // 信函式: a joint letter shows the 主办机关's mark only (10.1).
  const text = joint ? joint[0]! : mark;
  const pt = Math.max(22, Math.min(doc.format === '信函式' ? 30 : 36, Math.floor(430 / Math.max(textWidthChars(text), 1))));
  return `<p class="mark" data-element="issuerMark" style="font-size:${pt}pt">${esc(text)}</p>`;
}

/** Characters on a line of the 版心 (GB/T 9704 5.2.3). */
const LINE_CHARS = 28;

/**
 * Right indents (in characters) of the 署名 lines and the date, as the .docx places them:
 * sealed, date 4 from the right and 署名 centred over it (7.3.5.1); unsealed, 署名 2 from the
 * right and the date starting 2 characters further right, or the date 2 from the right when it
 * is the longer (7.3.5.2).
 */
function signatureIndents(sigs: readonly string[], date: string, sealed: boolean): { sigs: number[]; date: number } {
  const dateW = textWidthChars(date);
  if (sealed) return { sigs: sigs.map((s) => Math.max(0, 4 + (dateW - textWidthChars(s)) / 2)), date: 4 };
  const sigW = Math.max(0, ...sigs.map(textWidthChars));
  const dateStart = dateW > sigW ? LINE_CHARS - 2 - dateW : LINE_CHARS - sigW;
  const sigStart = dateStart - 2;
  return { sigs: sigs.map((s) => Math.max(0, LINE_CHARS - sigStart - textWidthChars(s))), date: Math.max(0, LINE_CHARS - dateStart - dateW) };
}

const em = (n: number): string => `${Math.round(n * 100) / 100}em`;

/** 署名 and 成文日期, 签名章 lines, or joint sealed rows, placed as the .docx places them (7.3.5). */
function signatureHtml(doc: GongwenDocument): string[] {
  const el = doc.elements;
  const parts: string[] = [];
  const sigs = el.issuerSignatures ?? [];
  const date = el.issueDate ? formatChineseDate(el.issueDate) : '';
  const stamps = el.signatureStamps ?? [];
  if (stamps.length > 0) {
    // 7.3.5.3: two blank lines down, the 签名章 4 characters from the right, the 职务 2 to its left.
    const nameW = Math.max(...stamps.map((s) => textWidthChars(s.name)));
    stamps.forEach((s, k) =>
      parts.push(
        `<p class="stamp" data-element="signatureStamps[${k}]" style="padding-right:4em${k === 0 ? ';margin-top:20.45mm' : ''}"><span class="stamp-title">${esc(s.title)}</span><span class="stamp-name" style="width:${em(nameW)}">${esc(s.name)}</span></p>`,
      ),
    );
    if (date) parts.push(`<p class="sig sig-first" data-element="issueDate" style="padding-right:4em">${esc(date)}</p>`);
    return parts;
  }
  if (el.sealed && sigs.length > 1) {
    // 7.3.5.1 joint: two 署名 a row, each centred in a seal-wide slot; the last over the date.
    const dateW = textWidthChars(date);
    const pitch = Math.max(9, Math.max(...sigs.map(textWidthChars)) + 2);
    const pad = 4 + dateW / 2 - pitch / 2;
    for (let k = 0; k < sigs.length; k += 2) {
      const row = sigs.slice(k, k + 2).map((s, j) => `<span data-element="issuerSignatures[${k + j}]" style="display:inline-block;width:${em(pitch)};text-align:center">${esc(s)}</span>`);
      parts.push(`<p class="sig" style="padding-right:${em(pad)};margin-top:${k === 0 ? '20.45mm' : '30.68mm'}">${row.join('')}</p>`);
    }
    if (date) parts.push(`<p class="sig" data-element="issueDate" style="padding-right:4em">${esc(date)}</p>`);
    return parts;
  }
  const indents = signatureIndents(sigs, date, el.sealed === true);
  sigs.forEach((s, k) => parts.push(`<p class="sig${k === 0 ? ' sig-first' : ''}" data-element="issuerSignatures[${k}]" style="padding-right:${em(indents.sigs[k]!)}">${esc(s)}</p>`));
  if (date) parts.push(`<p class="sig${sigs.length === 0 ? ' sig-first' : ''}" data-element="issueDate" style="padding-right:${em(indents.date)}">${esc(date)}</p>`);
  return parts;
}

/**
 * Renders a 公文 to a self-contained HTML page laid out as GB/T 9704 prints it.
 * @param doc the model
 * @returns an HTML document (UTF-8)
 */
export function renderHtml(doc: GongwenDocument): string {
  const el = doc.elements;
  const parts: string[] = [];
  const headLines: string[] = [];
  if (el.copyNumber) headLines.push(`<p class="head-line" data-element="copyNumber">${esc(el.copyNumber)}</p>`);
  if (el.classification) headLines.push(`<p class="head-line heiti" data-element="classification">${esc(el.classification.level)}${el.classification.period ? '★' + esc(el.classification.period) : ''}</p>`);
  if (el.urgency) headLines.push(`<p class="head-line heiti" data-element="urgency">${esc(el.urgency)}</p>`);
  const number = el.documentNumber?.text ?? '';
  const letter = doc.format === '信函式' && !el.signers?.length;
  if (letter) {
    // 信函式 (10.1): the mark 30 mm from the top of the page, a double line (thick over thin) 4 mm
    // under it, then 份号 … flush left and the 发文字号 flush right; a double line (thin over
    // thick) 20 mm from the bottom of the first page.
    if (el.issuerMark) parts.push(issuerMarkHtml(doc), '<div class="double-line" role="separator"></div>');
    if (headLines.length || number) {
      parts.push(`<div class="letter-head"><div>${headLines.join('')}</div>${number ? `<p class="number" data-element="documentNumber">${esc(number)}</p>` : ''}</div>`);
    }
    parts.push('<div class="double-line foot" role="separator"></div>');
  } else {
    parts.push(...headLines);
    if (el.issuerMark) parts.push(issuerMarkHtml(doc));
    if (el.signers && el.signers.length > 0) {
      parts.push(`<p class="upward"><span data-element="documentNumber">${esc(number)}</span><span data-element="signers">签发人：<span class="kaiti">${esc(el.signers.join('　'))}</span></span></p>`);
    } else if (number) parts.push(`<p class="number" data-element="documentNumber">${esc(number)}</p>`);
    // 命令（令） has no separator line (10.2).
    if ((el.issuerMark || number) && doc.format !== '命令式') parts.push('<div class="red-line" role="separator"></div>');
  }
  if (el.title) parts.push(`<h1 class="title" data-element="title">${breakTitle(el.title).map(esc).join('<br>')}</h1>`);
  if (el.primaryRecipients?.length) parts.push(`<p class="recipients" data-element="primaryRecipients">${esc(el.primaryRecipients.join('，'))}：</p>`);
  // 命令（令）: the body two blank lines below the 令号 (10.2).
  const orderGap = doc.format === '命令式' && Boolean(el.issuerMark || number) && !el.title && !el.primaryRecipients?.length;
  el.body.forEach((b, i) => parts.push(block(b, `body[${i}]`, i === 0 && orderGap ? 'order-body' : '')));
  (el.attachmentNotes ?? []).forEach((n, k) => {
    const label = n.index !== null ? `${n.index}.` : '';
    parts.push(k === 0 ? `<p class="notes" data-element="attachmentNotes[0]">附件：${esc(label + n.name)}</p>` : `<p class="notes-more" data-element="attachmentNotes[${k}]">${esc(label + n.name)}</p>`);
  });
  // 纪要 (10.3): 出席 one blank line below the body or 附件说明, then 请假 and 列席 on their own lines.
  let firstAttendance = true;
  for (const [label, names, key] of [['出席', el.attendees, 'attendees'], ['请假', el.absentees, 'absentees'], ['列席', el.nonVotingAttendees, 'nonVotingAttendees']] as const) {
    if (!names?.length) continue;
    parts.push(`<p class="${firstAttendance ? 'notes' : 'attendance'}" data-element="${key}"><span class="heiti">${label}：</span>${esc(names.join('、'))}</p>`);
    firstAttendance = false;
  }
  parts.push(...signatureHtml(doc));
  if (el.note) parts.push(`<p class="indent" data-element="note">（${esc(el.note)}）</p>`);
  (el.attachments ?? []).forEach((a, i) => {
    const head = a.index !== null ? `<p class="heiti">附件${a.index}</p>` : '';
    const body = a.body.map((b, j) => block(b, `attachments[${i}].body[${j}]`)).join('');
    parts.push(`<section class="attachment" data-element="attachments[${i}]">${head}<h2 class="title" data-element="attachments[${i}].title">${esc(a.title)}</h2>${body}</section>`);
  });
  // 信函式: "版记不加印发机关和印发日期、分隔线" (10.1).
  const printing = doc.format !== '信函式' && Boolean(el.printingOrgan || el.printingDate);
  if (el.copyRecipients?.length || printing) {
    parts.push('<footer class="imprint">');
    if (el.copyRecipients?.length) parts.push(`<p class="copy" data-element="copyRecipients">抄送：${esc(el.copyRecipients.join('，'))}。</p>`);
    if (printing) parts.push(`<p class="printing"><span data-element="printingOrgan">${esc(el.printingOrgan ?? '')}</span><span data-element="printingDate">${el.printingDate ? esc(formatChineseDate(el.printingDate)) + '印发' : ''}</span></p>`);
    parts.push('</footer>');
  }
  const formatClass = { 文件式: 'file', 信函式: 'letter', 命令式: 'order', 纪要式: 'minutes' }[doc.format];
  const css = letter ? CSS + LETTER_FIRST_PAGE : CSS;
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(el.title ?? '公文')}</title><style>${css}</style></head><body><article class="gongwen ${formatClass}">\n${parts.join('\n')}\n</article>\n<script>${PAGINATE_SCRIPT}</script></body></html>\n`;
}

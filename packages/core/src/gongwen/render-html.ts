/**
 * HTML rendering of the same GB/T 9704 layout, for preview and printing in the browser.
 * Page size, margins, fonts and page numbers come from CSS paged media; browsers without
 * margin-box support still print the layout, only without page numbers.
 */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { bodyBlockText, formatChineseDate, textWidthChars } from './text-forms.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, serif; margin-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, serif; margin-left: 1em; } }
.gongwen { width: 156mm; margin: 0 auto; font: 16pt/10.227mm "仿宋_GB2312", FangSong, STFangsong, serif; letter-spacing: -0.25pt; color: #000; }
.gongwen p { margin: 0; text-align: justify; }
.gongwen .indent { text-indent: 2em; }
.gongwen .head-line { text-align: left; }
.gongwen .heiti { font-family: "黑体", SimHei, sans-serif; }
.gongwen .kaiti { font-family: "楷体_GB2312", KaiTi, STKaiti, serif; }
.gongwen .mark { color: #f00; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", serif; font-size: 36pt; line-height: 1.25; margin-top: 35mm; }
.gongwen .number { text-align: center; margin-top: 20.45mm; }
.gongwen .upward { display: flex; justify-content: space-between; padding: 0 1em; margin-top: 20.45mm; }
.gongwen .red-line { border-bottom: 1.5pt solid #f00; height: 4mm; }
.gongwen .title { margin: 0; font-weight: normal; line-height: 10.227mm; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", serif; font-size: 22pt; margin-top: 20.45mm; }
.gongwen .recipients { margin-top: 10.227mm; }
.gongwen .notes { margin-top: 10.227mm; padding-left: 5em; text-indent: -3em; }
.gongwen .notes-more { padding-left: 5em; }
.gongwen .sig { text-align: right; }
.gongwen .sig-first { margin-top: 10.227mm; }
.gongwen.letter .red-line { display: none; }
.gongwen.letter .mark { border-bottom: 1.5pt double #f00; margin-top: -7mm; }
.gongwen .attachment { break-before: page; page-break-before: always; }
.gongwen .imprint { margin-top: 10.227mm; font-size: 14pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; break-inside: avoid; }
.gongwen .imprint p { padding: 0 1em; }
.gongwen .imprint .copy { border-bottom: 0.25mm solid #000; padding-left: 4em; text-indent: -3em; }
.gongwen .imprint .printing { display: flex; justify-content: space-between; }
`;

/** One body paragraph; `path` is the element path findings use ("body[3]"), so a preview can mark them. */
function block(b: BodyBlock, path: string): string {
  const text = bodyBlockText(b);
  const at = ` data-element="${path}"`;
  const cls = b.kind === 'heading' && b.level === 1 ? 'heiti' : b.kind === 'heading' && b.level === 2 ? 'kaiti' : '';
  if (!cls) return `<p class="indent"${at}>${esc(text)}</p>`;
  const stop = text.indexOf('。');
  if (stop !== -1 && stop < text.length - 1) return `<p class="indent"${at}><span class="${cls}">${esc(text.slice(0, stop + 1))}</span>${esc(text.slice(stop + 1))}</p>`;
  return `<p class="indent ${cls}"${at}>${esc(text)}</p>`;
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

/**
 * Renders a 公文 to a self-contained HTML page laid out as GB/T 9704 prints it.
 * @param doc the model
 * @returns an HTML document (UTF-8)
 */
export function renderHtml(doc: GongwenDocument): string {
  const el = doc.elements;
  const parts: string[] = [];
  if (el.copyNumber) parts.push(`<p class="head-line" data-element="copyNumber">${esc(el.copyNumber)}</p>`);
  if (el.classification) parts.push(`<p class="head-line heiti" data-element="classification">${esc(el.classification.level)}${el.classification.period ? '★' + esc(el.classification.period) : ''}</p>`);
  if (el.urgency) parts.push(`<p class="head-line heiti" data-element="urgency">${esc(el.urgency)}</p>`);
  if (el.issuerMark) {
    const pt = Math.max(22, Math.min(doc.format === '信函式' ? 30 : 36, Math.floor(430 / Math.max(textWidthChars(el.issuerMark), 1))));
    parts.push(`<p class="mark" data-element="issuerMark" style="font-size:${pt}pt">${esc(el.issuerMark)}</p>`);
  }
  const number = el.documentNumber?.text ?? '';
  if (el.signers && el.signers.length > 0) {
    parts.push(`<p class="upward"><span data-element="documentNumber">${esc(number)}</span><span data-element="signers">签发人：<span class="kaiti">${esc(el.signers.join('　'))}</span></span></p>`);
  } else if (number) parts.push(`<p class="number" data-element="documentNumber">${esc(number)}</p>`);
  if (el.issuerMark || number) parts.push('<div class="red-line" role="separator"></div>');
  if (el.title) parts.push(`<h1 class="title" data-element="title">${esc(el.title)}</h1>`);
  if (el.primaryRecipients?.length) parts.push(`<p class="recipients" data-element="primaryRecipients">${esc(el.primaryRecipients.join('，'))}：</p>`);
  el.body.forEach((b, i) => parts.push(block(b, `body[${i}]`)));
  (el.attachmentNotes ?? []).forEach((n, k) => {
    const label = n.index !== null ? `${n.index}.` : '';
    parts.push(k === 0 ? `<p class="notes" data-element="attachmentNotes[0]">附件：${esc(label + n.name)}</p>` : `<p class="notes-more" data-element="attachmentNotes[${k}]">${esc(label + n.name)}</p>`);
  });
  for (const [label, names, key] of [['出席', el.attendees, 'attendees'], ['请假', el.absentees, 'absentees'], ['列席', el.nonVotingAttendees, 'nonVotingAttendees']] as const) {
    if (names?.length) parts.push(`<p class="notes" data-element="${key}"><span class="heiti">${label}：</span>${esc(names.join('、'))}</p>`);
  }
  const sigs = el.issuerSignatures ?? [];
  const date = el.issueDate ? formatChineseDate(el.issueDate) : '';
  const indents = signatureIndents(sigs, date, el.sealed === true);
  sigs.forEach((s, k) => parts.push(`<p class="sig${k === 0 ? ' sig-first' : ''}" data-element="issuerSignatures[${k}]" style="padding-right:${em(indents.sigs[k]!)}">${esc(s)}</p>`));
  if (date) parts.push(`<p class="sig${sigs.length === 0 ? ' sig-first' : ''}" data-element="issueDate" style="padding-right:${em(indents.date)}">${esc(date)}</p>`);
  if (el.note) parts.push(`<p class="indent" data-element="note">（${esc(el.note)}）</p>`);
  (el.attachments ?? []).forEach((a, i) => {
    const head = a.index !== null ? `<p class="heiti">附件${a.index}</p>` : '';
    const body = a.body.map((b, j) => block(b, `attachments[${i}].body[${j}]`)).join('');
    parts.push(`<section class="attachment" data-element="attachments[${i}]">${head}<h2 class="title" data-element="attachments[${i}].title">${esc(a.title)}</h2>${body}</section>`);
  });
  if (el.copyRecipients?.length || el.printingOrgan || el.printingDate) {
    parts.push('<footer class="imprint">');
    if (el.copyRecipients?.length) parts.push(`<p class="copy" data-element="copyRecipients">抄送：${esc(el.copyRecipients.join('，'))}。</p>`);
    if (el.printingOrgan || el.printingDate) parts.push(`<p class="printing"><span data-element="printingOrgan">${esc(el.printingOrgan ?? '')}</span><span data-element="printingDate">${el.printingDate ? esc(formatChineseDate(el.printingDate)) + '印发' : ''}</span></p>`);
    parts.push('</footer>');
  }
  const formatClass = { 文件式: 'file', 信函式: 'letter', 命令式: 'order', 纪要式: 'minutes' }[doc.format];
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(el.title ?? '公文')}</title><style>${CSS}</style></head><body><article class="gongwen ${formatClass}">\n${parts.join('\n')}\n</article></body></html>\n`;
}

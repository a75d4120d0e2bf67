/**
 * HTML rendering of the same GB/T 9704 layout, for preview and printing in the browser.
 * Page size, margins, fonts and page numbers come from CSS paged media; browsers without
 * margin-box support still print the layout, only without page numbers.
 */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { bodyBlockText, formatChineseDate } from './text-forms.ts';

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
.gongwen .title { text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", serif; font-size: 22pt; margin-top: 20.45mm; }
.gongwen .recipients { margin-top: 10.227mm; }
.gongwen .notes { margin-top: 10.227mm; padding-left: 5em; text-indent: -3em; }
.gongwen .sig { text-align: right; }
.gongwen .attachment { break-before: page; }
.gongwen .imprint { margin-top: 10.227mm; font-size: 14pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; break-inside: avoid; }
.gongwen .imprint p { padding: 0 1em; }
.gongwen .imprint .copy { border-bottom: 0.25mm solid #000; padding-left: 4em; text-indent: -3em; }
.gongwen .imprint .printing { display: flex; justify-content: space-between; }
`;

function block(b: BodyBlock): string {
  const text = bodyBlockText(b);
  const cls = b.kind === 'heading' && b.level === 1 ? 'heiti' : b.kind === 'heading' && b.level === 2 ? 'kaiti' : '';
  if (!cls) return `<p class="indent">${esc(text)}</p>`;
  const stop = text.indexOf('。');
  if (stop !== -1 && stop < text.length - 1) return `<p class="indent"><span class="${cls}">${esc(text.slice(0, stop + 1))}</span>${esc(text.slice(stop + 1))}</p>`;
  return `<p class="indent ${cls}">${esc(text)}</p>`;
}

/**
 * Renders a 公文 to a self-contained HTML page laid out as GB/T 9704 prints it.
 * @param doc the model
 * @returns an HTML document (UTF-8)
 */
export function renderHtml(doc: GongwenDocument): string {
  const el = doc.elements;
  const parts: string[] = [];
  if (el.copyNumber) parts.push(`<p class="head-line">${esc(el.copyNumber)}</p>`);
  if (el.classification) parts.push(`<p class="head-line heiti">${esc(el.classification.level)}${el.classification.period ? '★' + esc(el.classification.period) : ''}</p>`);
  if (el.urgency) parts.push(`<p class="head-line heiti">${esc(el.urgency)}</p>`);
  if (el.issuerMark) parts.push(`<p class="mark">${esc(el.issuerMark)}</p>`);
  const number = el.documentNumber?.text ?? '';
  if (el.signers && el.signers.length > 0) {
    parts.push(`<p class="upward"><span>${esc(number)}</span><span>签发人：<span class="kaiti">${esc(el.signers.join('　'))}</span></span></p>`);
  } else if (number) parts.push(`<p class="number">${esc(number)}</p>`);
  if (el.issuerMark || number) parts.push('<div class="red-line"></div>');
  if (el.title) parts.push(`<p class="title">${esc(el.title)}</p>`);
  if (el.primaryRecipients?.length) parts.push(`<p class="recipients">${esc(el.primaryRecipients.join('，'))}：</p>`);
  el.body.forEach((b) => parts.push(block(b)));
  (el.attachmentNotes ?? []).forEach((n, k) => {
    const label = n.index !== null ? `${n.index}.` : '';
    parts.push(k === 0 ? `<p class="notes">附件：${esc(label + n.name)}</p>` : `<p style="padding-left:5em">${esc(label + n.name)}</p>`);
  });
  for (const [label, names] of [['出席', el.attendees], ['请假', el.absentees], ['列席', el.nonVotingAttendees]] as const) {
    if (names?.length) parts.push(`<p class="notes"><span class="heiti">${label}：</span>${esc(names.join('、'))}</p>`);
  }
  const right = el.sealed ? '4em' : '2em';
  (el.issuerSignatures ?? []).forEach((s, k) => parts.push(`<p class="sig" style="padding-right:${right};${k === 0 ? 'margin-top:10.227mm' : ''}">${esc(s)}</p>`));
  if (el.issueDate) parts.push(`<p class="sig" style="padding-right:${right}">${esc(formatChineseDate(el.issueDate))}</p>`);
  if (el.note) parts.push(`<p class="indent">（${esc(el.note)}）</p>`);
  (el.attachments ?? []).forEach((a) => {
    parts.push(`<section class="attachment">${a.index !== null ? `<p class="heiti">附件${a.index}</p>` : ''}<p class="title">${esc(a.title)}</p>${a.body.map(block).join('')}</section>`);
  });
  if (el.copyRecipients?.length || el.printingOrgan || el.printingDate) {
    parts.push('<div class="imprint">');
    if (el.copyRecipients?.length) parts.push(`<p class="copy">抄送：${esc(el.copyRecipients.join('，'))}。</p>`);
    if (el.printingOrgan || el.printingDate) parts.push(`<p class="printing"><span>${esc(el.printingOrgan ?? '')}</span><span>${el.printingDate ? esc(formatChineseDate(el.printingDate)) + '印发' : ''}</span></p>`);
    parts.push('</div>');
  }
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(el.title ?? '公文')}</title><style>${CSS}</style></head><body><article class="gongwen">${parts.join('\n')}</article></body></html>\n`;
}

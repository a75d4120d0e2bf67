/**
 * 复核 (条例 第25条): after 签发, a change to what the document says must go back to the signer;
 * what the 编号登记 and 印发 steps fill in (份号, 发文字号, 成文日期, 印发机关 and 印发日期, 抄送,
 * 附注, the 密级 and 紧急程度 markings, 签发人, 署名) may change without re-signing.
 */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { bodyBlockText } from './text-forms.ts';

/** Whitespace of any width, including 全角空格 (\u3000) and zero-width spaces a paste can carry. */
const WHITESPACE = /[\s\u200b\u2060]+/g;

/** The text with every whitespace removed: spacing is layout, not substance. */
function normalise(text: string | undefined): string {
  return (text ?? '').replace(WHITESPACE, '');
}

/**
 * 正文 as [heading level or 0, written text]; blank paragraphs are layout and are left out. A table
 * is ['table', caption, cells]: its cells stay apart, so text moved from one cell to the next counts.
 */
function blocks(body: readonly BodyBlock[]): [number | string, string, string[][]?][] {
  return body
    .map((b): [number | string, string, string[][]?] =>
      b.kind === 'table'
        ? ['table', normalise(b.text), (b.rows ?? []).map((row) => row.map(normalise))]
        : [b.kind === 'heading' ? (b.level ?? 'heading') : 0, normalise(bodyBlockText(b))],
    )
    .filter(([level, text]) => level !== 0 || text !== '');
}

/**
 * A canonical string of the substance of a document: 标题, 主送机关, 正文 (text and heading
 * levels), 附件说明 and 附件 (titles and bodies). Two versions need re-signing between them
 * exactly when their substance strings differ; whitespace-only edits do not count.
 * @returns stable JSON, equal for documents of equal substance
 */
export function documentSubstance(doc: GongwenDocument): string {
  const el = doc.elements;
  return JSON.stringify({
    title: normalise(el.title),
    primaryRecipients: (el.primaryRecipients ?? []).map(normalise).filter((r) => r !== ''),
    body: blocks(el.body),
    attachmentNotes: (el.attachmentNotes ?? []).map((n) => [n.index, normalise(n.name)]),
    attachments: (el.attachments ?? []).map((a) => [a.index, normalise(a.title), blocks(a.body)]),
  });
}

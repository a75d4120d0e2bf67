// Paste from Word or WPS into the body: the clipboard's text is read by the engine's own parser,
// so "一、" "（一）" "1." "（1）" paragraphs become headings of levels 1–4, and a whole pasted
// document also fills the elements the draft does not have yet (标题, 主送, 抄送 …).
import type { BodyBlock, GongwenDocument, GongwenElements } from '@zhongshu/core/gongwen/model.ts';
import { parseLines, textToLines } from '@zhongshu/core/gongwen/parse-text.ts';
import { toBodyBlock } from '@zhongshu/core/gongwen/text-forms.ts';
import { describeElement } from './element-paths';
import { normalise } from './editor-model';

const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR', 'TABLE', 'BLOCKQUOTE']);

/** Text of pasted HTML with one line per block element (Word's HTML when it offers no plain text). */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines: string[] = [];
  let line = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.textContent ?? '';
      return;
    }
    if (!(node instanceof Element) || node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
    const isBlock = BLOCK_TAGS.has(node.tagName);
    if (isBlock && line.trim()) {
      lines.push(line);
      line = '';
    }
    node.childNodes.forEach(walk);
    if (isBlock && line.trim()) {
      lines.push(line);
      line = '';
    }
  };
  walk(doc.body);
  if (line.trim()) lines.push(line);
  return lines.join('\n');
}

/** The pasted text: plain text when there is any, else the HTML stripped to its lines. */
export function clipboardText(data: DataTransfer): string {
  const plain = data.getData('text/plain');
  if (plain.trim()) return plain;
  const html = data.getData('text/html');
  return html ? htmlToText(html) : '';
}

/** True when the text is more than one paragraph, so it is worth parsing rather than inserting as typed. */
export function isMultiParagraph(text: string): boolean {
  return textToLines(text).length > 1;
}

/** Elements a pasted whole document may fill when the draft has none of its own. */
const FILLABLE: (keyof GongwenElements)[] = [
  'title', 'primaryRecipients', 'signers', 'attachmentNotes', 'note', 'attendees', 'absentees',
  'nonVotingAttendees', 'attachments', 'copyRecipients', 'printingOrgan', 'printingDate',
];

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export type PastePlacement = 'replace' | 'before' | 'after';

export type PasteOutcome = {
  content: GongwenDocument;
  /** Paragraphs put into the body. */
  paragraphCount: number;
  /** Names of the elements filled from the paste, e.g. ["标题", "主送机关"]. */
  filled: string[];
};

/**
 * Puts pasted text into the draft at body paragraph `index`.
 * @param placement replace that paragraph (it was empty), or insert before or after it
 */
export function pasteIntoBody(content: GongwenDocument, text: string, index: number, placement: PastePlacement): PasteOutcome {
  const lines = textToLines(text);
  const parsed = parseLines(lines);

  const elements: GongwenElements = { ...content.elements };
  const filled: string[] = [];
  for (const key of FILLABLE) {
    const value = parsed.elements[key];
    if (!isEmpty(value) && isEmpty(elements[key])) {
      (elements as unknown as Record<string, unknown>)[key] = value;
      filled.push(describeElement(key));
    }
  }
  // Parsing may take every line for something the draft already has (a date, a 附件 block); unless the
  // paste filled an element instead, keep its lines as paragraphs rather than drop them.
  let blocks: BodyBlock[] = parsed.elements.body;
  if (blocks.length === 0 && filled.length === 0) blocks = lines.map((line) => toBodyBlock(line.text));

  const body = [...content.elements.body];
  // With nothing for the body, an empty paragraph pasted into stays where it was.
  if (placement === 'replace') body.splice(index, blocks.length > 0 ? 1 : 0, ...blocks);
  else body.splice(placement === 'before' ? index : index + 1, 0, ...blocks);
  elements.body = body;

  return { content: normalise({ ...content, elements }), paragraphCount: blocks.length, filled };
}

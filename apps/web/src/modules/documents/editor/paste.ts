// Paste from Word or WPS into the body: the clipboard's text is read by the engine's own parser,
// so "一、" "（一）" "1." "（1）" paragraphs become headings of levels 1–4, a copied table (its cells
// separated by tabs) becomes a table, and a whole pasted document also fills the elements the
// draft does not have yet (标题, 主送, 抄送 …).
import type { BodyBlock, GongwenDocument, GongwenElements } from '@zhongshu/core/gongwen/model.ts';
import { parseLines, textToLines, type SourceLine } from '@zhongshu/core/gongwen/parse-text.ts';
import { toBodyBlock } from '@zhongshu/core/gongwen/text-forms.ts';
import { describeElement } from './element-paths';
import { normalise } from './editor-model';

const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR', 'TABLE', 'BLOCKQUOTE']);

/**
 * Text of pasted HTML with one line per block element (Word's HTML when it offers no plain text);
 * a table row is one line with its cells separated by tabs, as Word's plain text writes it.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line.trim()) lines.push(line);
    line = '';
  };
  /** The text of a table cell on one line: its paragraphs and breaks become spaces. */
  const cellText = (cell: Element): string => {
    const saved = line;
    line = '';
    const inCell = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) line += (node.textContent ?? '').replace(/\s+/g, ' ');
      else if (node instanceof Element && node.tagName !== 'STYLE' && node.tagName !== 'SCRIPT') {
        if (BLOCK_TAGS.has(node.tagName) && line && !line.endsWith(' ')) line += ' ';
        node.childNodes.forEach(inCell);
      }
    };
    cell.childNodes.forEach(inCell);
    const text = line.trim();
    line = saved;
    return text;
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.textContent ?? '';
      return;
    }
    if (!(node instanceof Element) || node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
    if (node.tagName === 'TR') {
      flush();
      const cells = [...node.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH').map(cellText);
      if (cells.some((c) => c !== '')) lines.push(cells.join('\t'));
      return;
    }
    const isBlock = BLOCK_TAGS.has(node.tagName);
    if (isBlock) flush();
    node.childNodes.forEach(walk);
    if (isBlock) flush();
  };
  walk(doc.body);
  flush();
  return lines.join('\n');
}

/** The pasted text: plain text when there is any, else the HTML stripped to its lines. */
export function clipboardText(data: DataTransfer): string {
  const plain = data.getData('text/plain');
  if (plain.trim()) return plain;
  const html = data.getData('text/html');
  return html ? htmlToText(html) : '';
}

/** True when the text is more than one paragraph, or a table, so it is worth parsing rather than inserting as typed. */
export function isMultiParagraph(text: string): boolean {
  const lines = textToLines(text);
  return lines.length > 1 || lines.some((line) => line.tableRows);
}

/** A source line as a body block: a table, or a paragraph read for a heading marker. */
function lineBlock(line: SourceLine): BodyBlock {
  return line.tableRows ? { kind: 'table', text: line.text, rows: line.tableRows } : toBodyBlock(line.text);
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
  if (blocks.length === 0 && filled.length === 0) blocks = lines.map(lineBlock);

  const body = [...content.elements.body];
  // With nothing for the body, an empty paragraph pasted into stays where it was.
  if (placement === 'replace') body.splice(index, blocks.length > 0 ? 1 : 0, ...blocks);
  else body.splice(placement === 'before' ? index : index + 1, 0, ...blocks);
  elements.body = body;

  return { content: normalise({ ...content, elements }), paragraphCount: blocks.length, filled };
}

// Edits of the 正文 block list. Pure; the editor renumbers the headings after each one. Paragraph
// edits leave a table block alone: a table is edited cell by cell, or removed whole.
import type { BodyBlock, GongwenDocument } from '@zhongshu/core/gongwen/model.ts';
import { matchHeading } from '@zhongshu/core/gongwen/text-forms.ts';
import { withLevel, type HeadingLevel } from './editor-model';

function withBody(content: GongwenDocument, body: BodyBlock[]): GongwenDocument {
  return { ...content, elements: { ...content.elements, body } };
}

const EMPTY_PARAGRAPH: BodyBlock = { kind: 'paragraph', text: '' };

export function setBlockText(content: GongwenDocument, index: number, text: string): GongwenDocument {
  const body = [...content.elements.body];
  const block = body[index];
  if (!block || block.kind === 'table') return content;
  body[index] = { ...block, text };
  return withBody(content, body);
}

export function setBlockLevel(content: GongwenDocument, index: number, level: HeadingLevel | 0): GongwenDocument {
  const body = [...content.elements.body];
  const block = body[index];
  if (!block || block.kind === 'table') return content;
  body[index] = withLevel(block, level);
  return withBody(content, body);
}

export function insertParagraph(content: GongwenDocument, at: number): GongwenDocument {
  const body = [...content.elements.body];
  body.splice(at, 0, EMPTY_PARAGRAPH);
  return withBody(content, body);
}

/** Removes a paragraph; the body keeps one empty paragraph rather than none, so there is somewhere to type. */
export function removeBlock(content: GongwenDocument, index: number): GongwenDocument {
  const body = content.elements.body.filter((_, i) => i !== index);
  return withBody(content, body.length ? body : [EMPTY_PARAGRAPH]);
}

export function moveBlock(content: GongwenDocument, index: number, delta: -1 | 1): GongwenDocument {
  const target = index + delta;
  const body = [...content.elements.body];
  if (target < 0 || target >= body.length) return content;
  [body[index], body[target]] = [body[target]!, body[index]!];
  return withBody(content, body);
}

/** Enter: the text after the cursor becomes a new paragraph (empty when the cursor was at the end). */
export function splitBlock(content: GongwenDocument, index: number, start: number, end: number): GongwenDocument {
  const body = [...content.elements.body];
  const block = body[index];
  if (!block || block.kind === 'table') return content;
  body.splice(index, 1, { ...block, text: block.text.slice(0, start) }, { kind: 'paragraph', text: block.text.slice(end) });
  return withBody(content, body);
}

/**
 * Backspace at the start of a paragraph joins it to the one before; returns where the cursor goes.
 * Null when there is nothing to join to, or either side is a table.
 */
export function mergeWithPrevious(content: GongwenDocument, index: number): { content: GongwenDocument; caret: number } | null {
  const body = [...content.elements.body];
  const previous = body[index - 1];
  const block = body[index];
  if (!previous || !block || previous.kind === 'table' || block.kind === 'table') return null;
  body.splice(index - 1, 2, { ...previous, text: previous.text + block.text });
  return { content: withBody(content, body), caret: previous.text.length };
}

/**
 * A paragraph typed as "一、总体要求" becomes a level-1 heading with the text "总体要求"; the marker is
 * then numbered from position. Returns the content unchanged when the paragraph starts with no marker.
 */
export function adoptTypedMarker(content: GongwenDocument, index: number): GongwenDocument {
  const block = content.elements.body[index];
  if (!block || block.kind === 'table') return content;
  const heading = matchHeading(block.text);
  if (!heading || !heading.rest.trim()) return content;
  const body = [...content.elements.body];
  body[index] = { kind: 'heading', level: heading.level, text: heading.rest };
  return withBody(content, body);
}

/** The cells of a table block, every row as long as the longest (a pasted table may be ragged). */
function tableRows(block: BodyBlock): string[][] {
  const rows = block.rows ?? [];
  const width = Math.max(1, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
}

/** Sets one cell of a table block; row 0 is the header row. */
export function setTableCell(content: GongwenDocument, index: number, row: number, column: number, text: string): GongwenDocument {
  const block = content.elements.body[index];
  if (block?.kind !== 'table') return content;
  const rows = tableRows(block);
  if (!rows[row] || column < 0 || column >= rows[row]!.length) return content;
  rows[row] = rows[row]!.map((cell, c) => (c === column ? text.replace(/[\t\r\n]+/g, ' ') : cell));
  const body = [...content.elements.body];
  body[index] = { ...block, rows };
  return withBody(content, body);
}

/** Sets a table's caption, the line printed centred above it ('' for none). */
export function setTableCaption(content: GongwenDocument, index: number, caption: string): GongwenDocument {
  const block = content.elements.body[index];
  if (block?.kind !== 'table') return content;
  const body = [...content.elements.body];
  body[index] = { ...block, text: caption.replace(/[\r\n]+/g, '') };
  return withBody(content, body);
}

/** Adds an empty row at the foot of a table (at most 200 rows, as the server accepts). */
export function addTableRow(content: GongwenDocument, index: number): GongwenDocument {
  const block = content.elements.body[index];
  if (block?.kind !== 'table') return content;
  const rows = tableRows(block);
  if (rows.length >= 200) return content;
  const body = [...content.elements.body];
  body[index] = { ...block, rows: [...rows, Array<string>(rows[0]?.length ?? 1).fill('')] };
  return withBody(content, body);
}

/** Removes a row below the header; the header row stays. */
export function removeTableRow(content: GongwenDocument, index: number, row: number): GongwenDocument {
  const block = content.elements.body[index];
  if (block?.kind !== 'table' || row < 1 || row >= (block.rows?.length ?? 0)) return content;
  const body = [...content.elements.body];
  body[index] = { ...block, rows: block.rows!.filter((_, r) => r !== row) };
  return withBody(content, body);
}

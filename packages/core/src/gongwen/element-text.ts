/**
 * The written text of each element, and how to put edited text back. Findings give ranges
 * into this text; `applyFix` edits it and re-reads the element, so a fix behaves exactly as
 * if the clerk had typed the correction.
 */
import type { BodyBlock, Finding, GongwenDocument } from './model.ts';
import {
  bodyBlockText,
  formatChineseDate,
  parseDate,
  parseDocumentNumber,
  splitOrganList,
  tableFromText,
  toBodyBlock,
} from './text-forms.ts';

const INDEXED = /^(body|attachmentNotes|issuerSignatures|signers)\[(\d+)\]$/;
const ATTACHMENT_PATH = /^attachments\[(\d+)\]\.(title|body\[(\d+)\])$/;

/** Written text of an element path ("title", "body[3]", "primaryRecipients", …); undefined if absent. */
export function getElementText(doc: GongwenDocument, path: string): string | undefined {
  const el = doc.elements;
  const a = ATTACHMENT_PATH.exec(path);
  if (a) {
    const att = el.attachments?.[Number(a[1])];
    if (!att) return undefined;
    if (a[2] === 'title') return att.title;
    const block = att.body[Number(a[3])];
    return block ? bodyBlockText(block) : undefined;
  }
  const m = INDEXED.exec(path);
  if (m) {
    const i = Number(m[2]);
    if (m[1] === 'body') return el.body[i] ? bodyBlockText(el.body[i]!) : undefined;
    if (m[1] === 'attachmentNotes') return el.attachmentNotes?.[i]?.name;
    if (m[1] === 'issuerSignatures') return el.issuerSignatures?.[i];
    return el.signers?.[i];
  }
  switch (path) {
    case 'title':
      return el.title;
    case 'documentNumber':
      return el.documentNumber?.text;
    case 'copyNumber':
      return el.copyNumber;
    case 'note':
      return el.note;
    case 'issueDate':
      return doc.source?.issueDate ?? (el.issueDate ? formatChineseDate(el.issueDate) : undefined);
    case 'printingDate':
      return doc.source?.printingDate ?? (el.printingDate ? formatChineseDate(el.printingDate) : undefined);
    case 'primaryRecipients':
      return doc.source?.primaryRecipients ?? (el.primaryRecipients ? el.primaryRecipients.join('，') + '：' : undefined);
    case 'copyRecipients':
      return doc.source?.copyRecipients ?? (el.copyRecipients ? '抄送：' + el.copyRecipients.join('，') + '。' : undefined);
    default:
      return undefined;
  }
}

/** A body block re-read from edited text: a table stays a table; a paragraph is read for a heading marker. */
function rereadBlock(old: BodyBlock | undefined, text: string, forcedLevel?: 1 | 2 | 3 | 4): BodyBlock {
  if (old?.kind === 'table') return tableFromText(text, old.text !== '');
  return toBodyBlock(text, forcedLevel);
}

/** Returns a copy of the document with the element's written text replaced and the element re-read. */
export function setElementText(doc: GongwenDocument, path: string, text: string): GongwenDocument {
  const next: GongwenDocument = structuredClone(doc);
  const el = next.elements;
  const source = (next.source ??= {});
  const a = ATTACHMENT_PATH.exec(path);
  if (a) {
    const att = el.attachments?.[Number(a[1])];
    if (att && a[2] === 'title') att.title = text;
    else if (att) att.body[Number(a[3])] = rereadBlock(att.body[Number(a[3])], text);
    return next;
  }
  const m = INDEXED.exec(path);
  if (m) {
    const i = Number(m[2]);
    if (m[1] === 'body') el.body[i] = rereadBlock(el.body[i], text, el.body[i]?.marker ? undefined : el.body[i]?.level);
    else if (m[1] === 'attachmentNotes' && el.attachmentNotes?.[i]) el.attachmentNotes[i]!.name = text;
    else if (m[1] === 'issuerSignatures' && el.issuerSignatures) el.issuerSignatures[i] = text;
    else if (m[1] === 'signers' && el.signers) el.signers[i] = text;
    return next;
  }
  switch (path) {
    case 'title':
      el.title = text;
      break;
    case 'documentNumber':
      el.documentNumber = parseDocumentNumber(text) ?? { text, issuerCode: '', year: null, serial: null };
      el.documentNumber.text = text;
      break;
    case 'copyNumber':
      el.copyNumber = text;
      break;
    case 'note':
      el.note = text;
      break;
    case 'issueDate': {
      source.issueDate = text;
      const d = parseDate(text);
      if (d) el.issueDate = d.iso;
      break;
    }
    case 'printingDate': {
      source.printingDate = text;
      const d = parseDate(text);
      if (d) el.printingDate = d.iso;
      break;
    }
    case 'primaryRecipients':
      source.primaryRecipients = text;
      el.primaryRecipients = splitOrganList(text.replace(/[：:]$/, ''));
      break;
    case 'copyRecipients':
      source.copyRecipients = text;
      el.copyRecipients = splitOrganList(text.replace(/^抄送\s*[：:]/, '').replace(/[。.]$/, ''));
      break;
  }
  return next;
}

/**
 * Applies a finding's mechanical fix. Pure: returns a new document and leaves the input alone.
 * @returns the fixed document, or the same document when the finding carries no fix
 */
export function applyFix<T extends GongwenDocument>(doc: T, finding: Finding): T {
  const fix = finding.fix;
  if (!fix) return doc;
  // 抄送 may not exist yet when the fix is to add one (a skipped organ must be copied).
  const text = getElementText(doc, fix.element) ?? (fix.element === 'copyRecipients' ? '' : undefined);
  if (text === undefined) return doc;
  const edited = text.slice(0, fix.range.start) + fix.replacement + text.slice(fix.range.end);
  return setElementText(doc, fix.element, edited) as T;
}

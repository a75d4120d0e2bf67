// Pure helpers over the engine's 公文 model, as the editor edits it. No React here.
import {
  DOCUMENT_TYPES,
  UPWARD_TYPES,
  type AttachmentNote,
  type BodyBlock,
  type ClassificationLevel,
  type DocumentFormat,
  type DocumentType,
  type GongwenDocument,
  type GongwenElements,
  type Urgency,
} from '@zhongshu/core/gongwen/model.ts';
import { toChineseNumeral } from '@zhongshu/core/gongwen/text-forms.ts';
import type { DocumentClassification, DocumentUrgency, SaveContentInput } from './editor.api';

export type HeadingLevel = 1 | 2 | 3 | 4;

/** What the editor edits: the text itself plus the one flag the model does not carry. */
export type DraftValue = {
  content: GongwenDocument;
  /** 重要公文 — decides, with 上行文, that the principal head must sign. */
  important: boolean;
};

export const CLASSIFICATION_OPTIONS: { value: DocumentClassification; label: string }[] = [
  { value: 'none', label: '非密' },
  { value: 'secret', label: '秘密' },
  { value: 'confidential', label: '机密' },
  { value: 'top_secret', label: '绝密' },
];

/** Documents use 加急 and 特急 (条例 第9条); 平急/特提 are telegram words. */
export const DOCUMENT_URGENCY_OPTIONS: { value: DocumentUrgency; label: string }[] = [
  { value: 'normal', label: '普通' },
  { value: 'urgent', label: '加急' },
  { value: 'very_urgent', label: '特急' },
];

const LEVEL_OF: Record<Exclude<DocumentClassification, 'none'>, ClassificationLevel> = {
  secret: '秘密',
  confidential: '机密',
  top_secret: '绝密',
};

export function classificationOfLevel(level: ClassificationLevel | undefined): DocumentClassification {
  if (level === '绝密') return 'top_secret';
  if (level === '机密') return 'confidential';
  if (level === '秘密') return 'secret';
  return 'none';
}

export function levelOfClassification(value: DocumentClassification): ClassificationLevel | undefined {
  return value === 'none' ? undefined : LEVEL_OF[value];
}

export function urgencyOfMark(mark: Urgency | undefined): DocumentUrgency {
  if (mark === '特急' || mark === '特提') return 'very_urgent';
  if (mark === '加急' || mark === '平急') return 'urgent';
  return 'normal';
}

export function markOfUrgency(value: DocumentUrgency): Urgency | undefined {
  if (value === 'very_urgent') return '特急';
  if (value === 'urgent') return '加急';
  return undefined;
}

const CLASSIFICATION_RANK: Record<DocumentClassification, number> = { none: 0, secret: 1, confidential: 2, top_secret: 3 };

/** The higher of two 密级: a disagreement between record and text must never lower the protection. */
export function higherClassification(a: DocumentClassification, b: DocumentClassification): DocumentClassification {
  return CLASSIFICATION_RANK[a] >= CLASSIFICATION_RANK[b] ? a : b;
}

export function isDocumentType(value: string | null | undefined): value is DocumentType {
  return Boolean(value) && (DOCUMENT_TYPES as readonly string[]).includes(value!);
}

/** 上行文 (请示, 报告) carry 签发人 in the 版头 and must be signed by the principal head. */
export function isUpwardType(type: string | null | undefined): boolean {
  return isDocumentType(type) && UPWARD_TYPES.has(type);
}

/** The usual format for a 文种: 纪要 and 命令 have their own, a 函 goes out as a letter. */
export function defaultFormatFor(type: DocumentType | undefined): DocumentFormat {
  if (type === '纪要') return '纪要式';
  if (type === '命令') return '命令式';
  if (type === '函') return '信函式';
  return '文件式';
}

/** The marker the standard writes for the n-th heading of a level: 一、（一）1.（1） */
export function headingMarker(level: HeadingLevel, n: number): string {
  if (level === 1) return `${toChineseNumeral(n)}、`;
  if (level === 2) return `（${toChineseNumeral(n)}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

/**
 * Numbers every heading from its position: a heading counts on from the last one of its level,
 * and a higher heading restarts the levels below it. Markers are therefore right by construction;
 * blocks whose marker is already right are returned as they were.
 */
export function numberHeadings(blocks: readonly BodyBlock[]): BodyBlock[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((block) => {
    if (block.kind !== 'heading' || !block.level) {
      if (block.marker === undefined && block.level === undefined) return block;
      return { kind: 'paragraph', text: block.text };
    }
    const level = block.level;
    counters[level] = counters[level]! + 1;
    for (let deeper = level + 1; deeper <= 4; deeper++) counters[deeper] = 0;
    const marker = headingMarker(level, counters[level]!);
    return block.marker === marker ? block : { ...block, marker };
  });
}

/** Sets a block to a paragraph or a heading of the given level, keeping its text. */
export function withLevel(block: BodyBlock, level: HeadingLevel | 0): BodyBlock {
  if (level === 0) return { kind: 'paragraph', text: block.text };
  return { kind: 'heading', level, text: block.text };
}

/** 附件说明 from names: numbered 1. 2. … only when there are several (GB/T 9704 7.3.4). */
export function numberAttachmentNotes(names: readonly string[]): AttachmentNote[] {
  return names.map((name, i) => ({ index: names.length > 1 ? i + 1 : null, name }));
}

/** Returns a copy with the body renumbered; every change goes through here. */
export function normalise(content: GongwenDocument): GongwenDocument {
  const body = numberHeadings(content.elements.body);
  const same = body.every((block, i) => block === content.elements.body[i]);
  return same ? content : { ...content, elements: { ...content.elements, body } };
}

/** Replaces one element; `undefined` or an empty list removes it, so the renderer leaves it out. */
export function setElement<K extends keyof GongwenElements>(
  content: GongwenDocument,
  key: K,
  value: GongwenElements[K] | undefined,
): GongwenDocument {
  const elements = { ...content.elements };
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty && key !== 'body') delete elements[key];
  else elements[key] = value as GongwenElements[K];
  return { ...content, elements };
}

/**
 * Drops the written form of an element the clerk has now set through the form: the renderer
 * writes it correctly, so rules about how it was written no longer apply.
 */
export function dropSource(content: GongwenDocument, key: 'issueDate' | 'printingDate' | 'primaryRecipients' | 'copyRecipients'): GongwenDocument {
  if (!content.source || content.source[key] === undefined) return content;
  const source = { ...content.source };
  delete source[key];
  const next: GongwenDocument = { ...content, source };
  if (Object.keys(source).length === 0) delete next.source;
  return next;
}

/**
 * Brings the text's 密级 and 紧急程度 in line with the document record when they differ, taking
 * the higher 密级 of the two.
 */
export function reconcileWithRecord(
  content: GongwenDocument,
  record: { classification: DocumentClassification; classificationPeriod: string | null; urgency: DocumentUrgency },
): GongwenDocument {
  let next = content;
  const inText = classificationOfLevel(content.elements.classification?.level);
  const wanted = higherClassification(inText, record.classification);
  if (wanted !== inText) {
    const period = content.elements.classification?.period ?? record.classificationPeriod ?? undefined;
    next = setElement(next, 'classification', { level: levelOfClassification(wanted)!, ...(period ? { period } : {}) });
  }
  if (!next.elements.urgency && record.urgency !== 'normal') next = setElement(next, 'urgency', markOfUrgency(record.urgency));
  return normalise(next);
}

/** The body of the autosave PUT: the text and the record fields mirrored from it. */
export function saveInput(rev: number, value: DraftValue): SaveContentInput {
  const el = value.content.elements;
  return {
    rev,
    content: value.content,
    title: el.title ?? '',
    classification: classificationOfLevel(el.classification?.level),
    classificationPeriod: el.classification?.period ?? null,
    urgency: urgencyOfMark(el.urgency),
    important: value.important,
  };
}

/** A 公文 with nothing in it but its 文种 and format, for when the server sends no text. */
export function emptyContent(type: string | null, format: DocumentFormat): GongwenDocument {
  return { documentType: isDocumentType(type) ? type : null, format, elements: { body: [{ kind: 'paragraph', text: '' }] } };
}

/** Two values hold the same text (cheap enough for documents of a few hundred paragraphs). */
export function sameContent(a: GongwenDocument, b: GongwenDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

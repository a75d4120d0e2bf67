import { createHash } from 'node:crypto';
import { checkDocument, type CheckOptions, type Finding, type GongwenDocument } from '@zhongshu/core/gongwen/index.ts';
import { documentSubstance } from '@zhongshu/core/gongwen/substance.ts';
import type { DocumentRow } from '@zhongshu/db';

/** The document's 密级 and 紧急程度 as the 公文 model writes them in the 版头. */
const LEVEL_TEXT: Record<string, '秘密' | '机密' | '绝密' | undefined> = { secret: '秘密', confidential: '机密', top_secret: '绝密' };
const URGENCY_TEXT: Record<string, '加急' | '特急' | undefined> = { urgent: '加急', very_urgent: '特急' };
export const URGENCY_LABELS: Record<string, string> = { normal: '普通', urgent: '加急', very_urgent: '特急' };
export const CLASSIFICATION_LABELS: Record<string, string> = { none: '非密', secret: '秘密', confidential: '机密', top_secret: '绝密' };

export function parseContent(row: Pick<DocumentRow, 'content'>): GongwenDocument | null {
  return row.content ? (JSON.parse(row.content) as GongwenDocument) : null;
}

/** The text with the register's facts written into it: 密级, 紧急程度 and, once allocated, the 发文字号. */
export function withRegisterFacts(doc: GongwenDocument, row: Pick<DocumentRow, 'classification' | 'classification_period' | 'urgency' | 'number_text' | 'issuer_code' | 'number_year' | 'number_serial'>): GongwenDocument {
  const el = { ...doc.elements };
  const level = LEVEL_TEXT[row.classification];
  if (level) el.classification = { level, ...(row.classification_period ? { period: row.classification_period } : {}) };
  else delete el.classification;
  const urgency = URGENCY_TEXT[row.urgency];
  if (urgency) el.urgency = urgency;
  else if (el.urgency === '加急' || el.urgency === '特急') delete el.urgency;
  if (row.number_text) el.documentNumber = { text: row.number_text, issuerCode: row.issuer_code ?? '', year: row.number_year, serial: row.number_serial };
  return { ...doc, elements: el };
}

/** Findings on a working draft: the engine's checks, without "element missing" ones the later steps fill in. */
export function findingsOf(doc: GongwenDocument | null, options: CheckOptions = {}): Finding[] {
  if (!doc) return [];
  return checkDocument(doc, options);
}

/** Hash of the text's substance; a different value after 签发 means the signer must see it again (条例 第25条). */
export function substanceHash(doc: GongwenDocument): string {
  return createHash('sha256').update(documentSubstance(doc)).digest('hex');
}

/** A starting text for a new draft, from the issuing organs (发文机关标志 and 署名). */
export function starterContent(p: { docType: GongwenDocument['documentType']; format: GongwenDocument['format']; issuerNames: string[]; title: string; today: string }): GongwenDocument {
  const joint = p.issuerNames.length > 1;
  const markNames = p.issuerNames.join('');
  const issuerMark = p.format === '信函式' ? markNames : p.format === '纪要式' ? `${p.issuerNames[0]}会议纪要` : p.format === '命令式' ? `${markNames}令` : `${markNames}文件`;
  return {
    documentType: p.docType,
    format: p.format,
    elements: {
      issuerMark,
      // A joint mark stacks the organs' names (GB/T 9704 7.2.4); 纪要 and 命令 marks are one line.
      ...(joint && (p.format === '文件式' || p.format === '信函式') ? { issuerMarkOrgans: p.issuerNames } : {}),
      title: p.title,
      primaryRecipients: [],
      body: [{ kind: 'paragraph', text: '' }],
      issuerSignatures: p.issuerNames,
      issueDate: p.today,
      sealed: p.format !== '纪要式',
    },
  };
}

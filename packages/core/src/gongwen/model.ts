/**
 * 公文 document model: every element of GB/T 9704-2012 as structured data.
 *
 * Elements hold normalised values (dates as YYYY-MM-DD, recipients as lists). Where a rule
 * concerns how an element was *written* (a padded date, a missing colon after 主送), the
 * parser also keeps the written text in `source`, so the checker can point at it and a fix
 * can rewrite it. A model built from a form has no `source`: the renderer writes every such
 * element correctly, so those rules cannot fail — right by construction.
 */

/** 文种 — the 15 document types of 条例 第8条 (命令（令） is stored as 命令). */
export const DOCUMENT_TYPES = [
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知',
  '通报', '报告', '请示', '批复', '议案', '函', '纪要',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** 公文格式 — the general 文件格式 and the three special formats of GB/T 9704 §10. */
export const DOCUMENT_FORMATS = ['文件式', '信函式', '命令式', '纪要式'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** 密级 — 条例 第9条. */
export const CLASSIFICATION_LEVELS = ['绝密', '机密', '秘密'] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

/** 紧急程度 — 特急/加急 for documents; 特提/平急 only occur on telegrams. */
export const URGENCY_LEVELS = ['特急', '加急', '特提', '平急'] as const;
export type Urgency = (typeof URGENCY_LEVELS)[number];

export interface Classification {
  level: ClassificationLevel;
  /** 保密期限, e.g. "1年", "长期"; absent when not stated. */
  period?: string;
}

/** 发文字号, e.g. 国发〔2026〕5号. `text` is exactly as written; the parts are read leniently from it. */
export interface DocumentNumber {
  text: string;
  /** 机关代字 */
  issuerCode: string;
  year: number | null;
  serial: number | null;
}

/**
 * One block of 正文: a paragraph, a heading, or a table. Headings carry their level
 * (1 一、 2 （一） 3 1. 4 （1）) and marker; a table carries its cells in `rows`.
 */
export interface BodyBlock {
  kind: 'heading' | 'paragraph' | 'table';
  level?: 1 | 2 | 3 | 4;
  /** The numbering marker as written, e.g. "一、", "（二）", "3.", "（4）". */
  marker?: string;
  /** Paragraph text without the marker; for a table, its caption line ('' when it has none). */
  text: string;
  /** Table cells, kind 'table' only: rows[0] is the header row; a cell is one line of text. */
  rows?: string[][];
}

/** One line of 附件说明. `index` is null for a single unnumbered attachment. */
export interface AttachmentNote {
  index: number | null;
  name: string;
}

/** One 签发人签名章 with the signer's 职务 printed to its left, e.g. { title: "县长", name: "张三" }. */
export interface SignatureStamp {
  /** 签发人职务, in full. */
  title: string;
  /** The name the 签名章 carries. */
  name: string;
}

/** 附件 — an attachment printed after the 主体, each on a new page. */
export interface Attachment {
  index: number | null;
  title: string;
  body: BodyBlock[];
}

export interface GongwenElements {
  /** 份号 — six digits. */
  copyNumber?: string;
  /** 密级和保密期限 */
  classification?: Classification;
  /** 紧急程度 */
  urgency?: Urgency;
  /** 发文机关标志, e.g. "××县人民政府文件"; for a joint mark, the names in order then "文件" if any. */
  issuerMark?: string;
  /**
   * 联合行文: the organ names stacked in the 发文机关标志, 主办机关 first (GB/T 9704 7.2.4).
   * Absent for a single organ. `issuerMark` is always these names joined, plus "文件" if the mark has it,
   * so a reader that knows only `issuerMark` still reads the whole mark.
   */
  issuerMarkOrgans?: string[];
  /** 发文字号 */
  documentNumber?: DocumentNumber;
  /** 签发人 (names, several for joint upward documents). */
  signers?: string[];
  /** 标题 */
  title?: string;
  /** 主送机关 */
  primaryRecipients?: string[];
  /** 正文 */
  body: BodyBlock[];
  /** 附件说明 */
  attachmentNotes?: AttachmentNote[];
  /** 发文机关署名 (several for joint issue, lead organ first). */
  issuerSignatures?: string[];
  /** 签发人职务 and 签名章 (GB/T 9704 7.3.5.3), as a 命令（令） is signed; 主办机关's signer first. */
  signatureStamps?: SignatureStamp[];
  /** 成文日期, YYYY-MM-DD. */
  issueDate?: string;
  /** 印章 — true sealed, false unsealed, absent when the source does not say. */
  sealed?: boolean;
  /** 附注, without its round brackets. */
  note?: string;
  /** 附件 */
  attachments?: Attachment[];
  /** 抄送机关 */
  copyRecipients?: string[];
  /** 印发机关 */
  printingOrgan?: string;
  /** 印发日期, YYYY-MM-DD. */
  printingDate?: string;
  /** 纪要: 出席 */
  attendees?: string[];
  /** 纪要: 请假 */
  absentees?: string[];
  /** 纪要: 列席 */
  nonVotingAttendees?: string[];
}

/** Written forms of elements whose normalised value loses what a rule needs to see. */
export interface GongwenSource {
  issueDate?: string;
  printingDate?: string;
  primaryRecipients?: string;
  copyRecipients?: string;
}

export interface GongwenDocument {
  /** null when the text does not say (e.g. a web page that dropped the title). */
  documentType: DocumentType | null;
  format: DocumentFormat;
  elements: GongwenElements;
  source?: GongwenSource;
}

export type Severity = 'error' | 'warning' | 'info';
/** 五关 (content, policy, law, format, secrecy) plus 文字 (wording). */
export type Gate = 'content' | 'policy' | 'law' | 'format' | 'secrecy' | 'wording';

export interface TextRange {
  start: number;
  end: number;
}

export interface Fix {
  /** Element path, e.g. "title", "documentNumber", "body[3]", "primaryRecipients". */
  element: string;
  range: TextRange;
  replacement: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  gate: Gate;
  element: string;
  range?: TextRange;
  message: string;
  clause: string;
  fix?: Fix;
}

/** What `parse` returns: the model plus findings (parsing itself reports none today). */
export interface ParseResult extends GongwenDocument {
  findings: Finding[];
}

/** Document types that always go upward (上行文). */
export const UPWARD_TYPES: ReadonlySet<DocumentType> = new Set<DocumentType>(['请示', '报告']);

/** Closing phrases that ask a superior for instruction or approval (请示 must end with one; 报告 must not carry one). */
export const REQUEST_PHRASE =
  /(妥否|当否|是否妥当|是否可行|可否)[，,]?\s*请.{0,4}(批示|批复|核示|示复|审批|批准|指示)|请予?(批示|批复|审批|核准|批准)|请批准|请核示/;

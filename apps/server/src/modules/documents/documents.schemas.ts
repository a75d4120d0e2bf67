import { z } from 'zod';
import { CLASSIFICATION_LEVELS, DOCUMENT_FORMATS, DOCUMENT_TYPES, URGENCY_LEVELS } from '@zhongshu/core/gongwen/model.ts';
import { dateString, idString, pageQuery } from '../../lib/validation.ts';

const line = (max: number) => z.string().max(max);
const names = z.array(z.string().trim().min(1).max(100)).max(400);
/** Sizes of a table block (kind 'table'): its rows, columns a row, characters a cell and of its caption. */
const TABLE_LIMITS = { rows: 200, columns: 12, cell: 200, caption: 300 };
const bodyBlock = z
  .strictObject({
    kind: z.enum(['heading', 'paragraph', 'table']),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    marker: line(20).optional(),
    /** For a table, its caption. */
    text: line(20000),
    /** Table cells, kind 'table' only: rows[0] is the header row. */
    rows: z.array(z.array(z.string())).optional(),
  })
  // Checked here rather than on `rows` itself so that a message names the 正文, not a field called "rows".
  .superRefine((b, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (b.kind !== 'table') {
      if (b.rows !== undefined) fail('段落和标题不能带表格行');
      return;
    }
    const rows = b.rows ?? [];
    if (rows.length === 0) fail('表格至少要有一行');
    else if (rows.length > TABLE_LIMITS.rows) fail(`表格最多${TABLE_LIMITS.rows}行`);
    else if (rows.some((row) => row.length === 0 || row.length > TABLE_LIMITS.columns)) fail(`表格每行应有1至${TABLE_LIMITS.columns}列`);
    else if (rows.some((row) => row.some((cell) => cell.length > TABLE_LIMITS.cell))) fail(`表格每格不能超过${TABLE_LIMITS.cell}个字符`);
    if (b.text.length > TABLE_LIMITS.caption) fail(`表格标题不能超过${TABLE_LIMITS.caption}个字符`);
    if (b.level !== undefined || b.marker !== undefined) fail('表格不带层级和序号');
  });
const range = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) });

/** The 公文 model (packages/core/src/gongwen/model.ts) as the editor sends it; sizes bound what one draft may hold. */
export const GongwenDocumentSchema = z.strictObject({
  documentType: z.enum(DOCUMENT_TYPES).nullable(),
  format: z.enum(DOCUMENT_FORMATS),
  elements: z.strictObject({
    copyNumber: line(10).optional(),
    classification: z.strictObject({ level: z.enum(CLASSIFICATION_LEVELS), period: line(20).optional() }).optional(),
    urgency: z.enum(URGENCY_LEVELS).optional(),
    issuerMark: line(200).optional(),
    issuerMarkOrgans: names.optional(),
    documentNumber: z.strictObject({ text: line(50), issuerCode: line(30), year: z.number().int().nullable(), serial: z.number().int().nullable() }).optional(),
    signers: names.optional(),
    title: line(300).optional(),
    primaryRecipients: names.optional(),
    body: z.array(bodyBlock).max(2000),
    attachmentNotes: z.array(z.strictObject({ index: z.number().int().nullable(), name: line(300) })).max(100).optional(),
    issuerSignatures: names.optional(),
    signatureStamps: z.array(z.strictObject({ title: line(100), name: line(50) })).max(20).optional(),
    issueDate: z.string().max(20).optional(),
    sealed: z.boolean().optional(),
    note: line(1000).optional(),
    attachments: z.array(z.strictObject({ index: z.number().int().nullable(), title: line(300), body: z.array(bodyBlock).max(2000) })).max(50).optional(),
    copyRecipients: names.optional(),
    printingOrgan: line(200).optional(),
    printingDate: z.string().max(20).optional(),
    attendees: names.optional(),
    absentees: names.optional(),
    nonVotingAttendees: names.optional(),
  }),
  source: z.strictObject({ issueDate: line(50).optional(), printingDate: line(50).optional(), primaryRecipients: line(2000).optional(), copyRecipients: line(2000).optional() }).optional(),
});

const classification = z.enum(['none', 'secret', 'confidential', 'top_secret']);
const urgency = z.enum(['normal', 'urgent', 'very_urgent']);

export const CreateOutgoingBody = z.strictObject({
  issuerUnitId: idString,
  docType: z.enum(DOCUMENT_TYPES),
  format: z.enum(DOCUMENT_FORMATS).optional(),
  title: z.string().trim().max(300).optional(),
  classification: classification.default('none'),
  classificationPeriod: z.string().trim().max(20).nullish(),
  urgency: urgency.default('normal'),
  important: z.boolean().default(false),
  coIssuerUnitIds: z.array(idString).max(10).optional(),
  content: GongwenDocumentSchema.optional(),
});
export type CreateOutgoingBody = z.infer<typeof CreateOutgoingBody>;

export const SaveContentBody = z.strictObject({
  rev: z.number().int().min(0),
  content: GongwenDocumentSchema,
  title: z.string().trim().max(300).optional(),
  classification: classification.optional(),
  classificationPeriod: z.string().trim().max(20).nullish(),
  urgency: urgency.optional(),
  important: z.boolean().optional(),
});
export type SaveContentBody = z.infer<typeof SaveContentBody>;

export const AttachFilesBody = z.strictObject({ fileIds: z.array(idString).min(1).max(20) });

export const CreateIncomingBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  docType: z.enum(DOCUMENT_TYPES),
  senderName: z.string().trim().min(1).max(200),
  senderNumber: z.string().trim().max(50).nullish(),
  classification: classification.default('none'),
  urgency: urgency.default('normal'),
  important: z.boolean().default(false),
  copies: z.number().int().min(1).max(100000).default(1),
  receivedVia: z.enum(['机要交通', '邮寄', '传真', '面交', '电子公文', '其他']),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  attachmentIds: z.array(idString).max(20).optional(),
});
export type CreateIncomingBody = z.infer<typeof CreateIncomingBody>;

export const ListDocumentsQuery = z.strictObject({
  direction: z.enum(['outgoing', 'incoming']),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: idString.optional(),
  docType: z.enum(DOCUMENT_TYPES).optional(),
  state: z.string().trim().max(30).optional(),
  urgency: urgency.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListDocumentsQuery = z.infer<typeof ListDocumentsQuery>;

export const ExportDocumentsQuery = ListDocumentsQuery.omit({ page: true, pageSize: true });
export type ExportDocumentsQuery = z.infer<typeof ExportDocumentsQuery>;

export const DOCUMENT_ACTIONS = [
  'submit', 'cancel', 'review_pass', 'review_return', 'review_reject', 'countersign_agree', 'countersign_return', 'sign', 'sign_return',
  'register', 'void_number', 'seal', 'issue', 'archive', 'receive', 'return_to_sender', 'accept', 'propose', 'instruct', 'read',
  'contribute', 'remind', 'conclude',
] as const;

export const DocumentActionParams = z.strictObject({ id: idString, action: z.enum(DOCUMENT_ACTIONS) });

export const DocumentActionBody = z
  .strictObject({
    comment: z.string().trim().max(5000).optional(),
    reviewerId: idString.optional(),
    signerIds: z.array(idString).max(10).optional(),
    countersigners: z.array(z.union([z.strictObject({ userId: idString }), z.strictObject({ unitId: idString })])).max(50).optional(),
    overrideReason: z.string().trim().max(2000).optional(),
    copies: z.number().int().optional(),
    distribution: z
      .array(z.strictObject({ unitId: idString.nullish(), name: z.string().trim().min(1).max(200), kind: z.enum(['primary', 'copy']), copies: z.number().int().min(1).max(1000).default(1) }))
      .max(2000)
      .optional(),
    retention: z.enum(['permanent', '30y', '10y']).optional(),
    instructorIds: z.array(idString).max(20).optional(),
    instructMode: z.enum(['sequential', 'parallel']).optional(),
    leadUnitId: idString.nullish(),
    coopUnitIds: z.array(idString).max(50).optional(),
    deadline: dateString.nullish(),
    chaserId: idString.nullish(),
    readerIds: z.array(idString).max(100).optional(),
    forInformation: z.boolean().optional(),
    createAssignment: z.strictObject({ assigneeUnitId: idString, deadline: dateString, title: z.string().trim().min(1).max(200).optional() }).optional(),
    reply: z.string().trim().max(5000).optional(),
  })
  .optional();
export type DocumentActionBody = NonNullable<z.infer<typeof DocumentActionBody>>;

export const IdParams = z.strictObject({ id: idString });
export const VersionParams = z.strictObject({ id: idString, no: z.coerce.number().int().min(1).max(100000) });
export const CompareQuery = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const CommentBody = z.strictObject({ element: z.string().trim().min(1).max(50), quote: z.string().max(500).default(''), text: z.string().trim().min(1).max(2000) });
export const CommentParams = z.strictObject({ id: idString, commentId: idString });
export const NumbersQuery = z.strictObject({ issuerCode: z.string().trim().min(1).max(20), year: z.coerce.number().int().min(2000).max(2100) });

/**
 * The 会议纪要 as a 公文 model in the 纪要式 format (GB/T 9704 10.3): the mark "……纪要" with the 期数
 * under it, the title, the paragraphs the office wrote, the 议定事项 numbered 一、二、… each with its
 * 牵头单位 and 完成时限, then 出席, 请假 and 列席. Rendered by the 公文 engine like any other document.
 */
import type { BodyBlock, Classification, GongwenDocument } from '../gongwen/model.ts';
import { formatChineseDate, toChineseNumeral } from '../gongwen/text-forms.ts';
import { attendanceLists, type AttendanceEntry } from './attendance.ts';

/** One 议定事项 as the minutes state it. */
export interface MinutesDecision {
  content: string;
  /** 牵头单位 */
  leadUnitName?: string | null;
  /** 配合单位 */
  cooperatingUnitNames?: readonly string[];
  /** 完成时限, YYYY-MM-DD. */
  deadline?: string | null;
}

export interface MinutesInput {
  /** 纪要标志, e.g. 中共示例县委工作推进会纪要 ("纪要" is added when missing). */
  issuerMark: string;
  /** 期数, e.g. 第12期; printed under the mark. */
  number?: string | null;
  /** The meeting's title, e.g. 全县重点项目建设工作推进会; "纪要" is added when it does not end so. */
  title?: string | null;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /** What the meeting heard and discussed, one paragraph each (line breaks start new ones). */
  paragraphs: readonly string[];
  decisions?: readonly MinutesDecision[];
  /** The invitation list with its 回执, in order; becomes 出席, 请假 and 列席. */
  attendance: readonly AttendanceEntry[];
  /** 密级 of a classified meeting's minutes (with `copyNumber`, which a classified document must carry). */
  classification?: Classification;
  copyNumber?: string;
  /** 印发机关 and 印发日期 of the 版记, e.g. 中共示例县委办公室. */
  printingOrgan?: string;
  printingDate?: string;
}

/** Text as one sentence: trailing commas, semicolons and spaces dropped, ending in 。 unless it ends in ！ or ？. */
function sentence(text: string): string {
  const core = text.trim().replace(/[\s，,；;、：:。.]+$/, '');
  return /[！？!?]$/.test(core) ? core : `${core}。`;
}

/** "第12期" → 12, as the 公文 parser reads a 纪要's number. */
function serialOf(number: string): number | null {
  const m = /\d+/.exec(number);
  return m ? Number(m[0]) : null;
}

/** "牵头单位：县发改局；配合单位：县财政局、县住建局；完成时限：2026年12月31日前。" — the parts that are known. */
function responsibility(d: MinutesDecision): string {
  const parts: string[] = [];
  if (d.leadUnitName?.trim()) parts.push(`牵头单位：${d.leadUnitName.trim()}`);
  const coop = (d.cooperatingUnitNames ?? []).map((n) => n.trim()).filter((n) => n !== '');
  if (coop.length > 0) parts.push(`配合单位：${coop.join('、')}`);
  if (d.deadline) parts.push(`完成时限：${formatChineseDate(d.deadline)}前`);
  return parts.length > 0 ? `${parts.join('；')}。` : '';
}

/**
 * Builds the 纪要 of a meeting.
 * @returns a 纪要式 纪要 that `renderDocx` and `renderHtml` print and `checkDocument` accepts
 */
export function buildMinutes(input: MinutesInput): GongwenDocument {
  const body: BodyBlock[] = input.paragraphs
    .flatMap((p) => p.split(/\r?\n+/))
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => ({ kind: 'paragraph' as const, text }));
  const decisions = (input.decisions ?? []).filter((d) => d.content.trim() !== '');
  if (decisions.length > 0) {
    body.push({ kind: 'paragraph', text: '会议议定事项如下：' });
    // Level-1 headings: the renderer sets the first sentence (the decision itself) in 黑体, the rest in 仿宋.
    decisions.forEach((d, k) => body.push({ kind: 'heading', level: 1, marker: `${toChineseNumeral(k + 1)}、`, text: `${sentence(d.content)}${responsibility(d)}` }));
  }
  const mark = input.issuerMark.trim();
  const title = input.title?.trim();
  const number = input.number?.trim();
  const lists = attendanceLists(input.attendance);
  return {
    documentType: '纪要',
    format: '纪要式',
    elements: {
      ...(input.copyNumber ? { copyNumber: input.copyNumber } : {}),
      ...(input.classification ? { classification: input.classification } : {}),
      issuerMark: /纪要$/.test(mark) ? mark : `${mark}纪要`,
      ...(number ? { documentNumber: { text: number, issuerCode: '', year: null, serial: serialOf(number) } } : {}),
      ...(title ? { title: /纪要$/.test(title) ? title : `${title}纪要` } : {}),
      body,
      issueDate: input.date,
      ...(lists.attendees.length > 0 ? { attendees: lists.attendees } : {}),
      ...(lists.absentees.length > 0 ? { absentees: lists.absentees } : {}),
      ...(lists.nonVotingAttendees.length > 0 ? { nonVotingAttendees: lists.nonVotingAttendees } : {}),
      ...(input.printingOrgan ? { printingOrgan: input.printingOrgan } : {}),
      ...(input.printingDate ? { printingDate: input.printingDate } : {}),
    },
  };
}

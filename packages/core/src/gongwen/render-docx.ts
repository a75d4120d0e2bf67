/**
 * GB/T 9704-2012 .docx rendering with the `docx` package: A4, 版心 156 × 225 mm at 37 mm
 * from the top and 28 mm from the left, 22 lines of 28 characters, fonts named as the
 * standard names them, red 发文机关标志 and separator line, 版记 at the foot of the last
 * page, page numbers "— 1 —" odd right / even left. Fonts are named, not embedded.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import type { BodyBlock, GongwenDocument } from './model.ts';
import { layoutTable } from './table-layout.ts';
import { bodyBlockText, formatChineseDate, textWidthChars } from './text-forms.ts';
import { breakTitle } from './title-lines.ts';

export { textWidthChars };

/** Page geometry in twips (1 mm = 56.7 twips). */
export const PAGE = {
  width: 11906,
  height: 16838,
  marginTop: 2098, // 37 mm 天头
  marginLeft: 1587, // 28 mm 订口
  marginRight: 1474, // 26 mm
  marginBottom: 1984, // 35 mm
  /** 版心 width 156 mm. */
  textWidth: 8845,
  /** 版心 height 225 mm. */
  textHeight: 12756,
  /** One of 22 lines: 225 mm / 22. */
  linePitch: 579,
  /** One of 28 characters: 3号 (16 pt) less the 0.25 pt run spacing; 28 of them fit in 156 mm. */
  charPitch: 315,
  /** Footer distance so the page-number line starts 7 mm below the 版心. */
  footer: 1300,
} as const;

/** Font names as GB/T 9704 names them. */
export const FONTS = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
} as const;

/** Paragraph style of a table's caption: Word's built-in 题注 (Caption), which parseDocx reads back. */
export const CAPTION_STYLE = 'Caption';

/** Custom document property carrying 印章 (sealed or not). */
export const SEALED_PROPERTY = 'ZhongshuSealed';

/** Red of the 发文机关标志 and separator lines. */
export const RED = 'FF0000';

const SIZE_3 = 32; // 3号 = 16 pt, in half-points
const SIZE_2 = 44; // 2号 = 22 pt
const SIZE_4 = 28; // 4号 = 14 pt
const C = PAGE.charPitch;
const L = PAGE.linePitch;
const C4 = 280; // one 4号 character

type FontName = (typeof FONTS)[keyof typeof FONTS];

interface RunSpec {
  text: string;
  font?: FontName;
  size?: number;
  color?: string;
  /** Start a new line (w:br) before this run. */
  breakBefore?: boolean;
}

function run(spec: RunSpec): TextRun {
  const font = spec.font ?? FONTS.fangsong;
  const size = spec.size ?? SIZE_3;
  return new TextRun({
    text: spec.text,
    font: { ascii: font === FONTS.fangsong ? 'Times New Roman' : font, hAnsi: font === FONTS.fangsong ? 'Times New Roman' : font, eastAsia: font, cs: font },
    size,
    ...(spec.color ? { color: spec.color } : {}),
    ...(spec.breakBefore ? { break: 1 } : {}),
    // 16 pt glyphs are a little wider than a 156 mm / 28 cell; this brings 28 to a line.
    ...(size === SIZE_3 ? { characterSpacing: -5 } : {}),
  });
}

interface ParaSpec {
  runs: RunSpec[];
  align?: 'left' | 'center' | 'right' | 'justify';
  before?: number;
  left?: number;
  right?: number;
  firstLine?: number;
  hanging?: number;
  line?: number;
  pageBreakBefore?: boolean;
  extra?: Partial<IParagraphOptions>;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

function para(spec: ParaSpec): Paragraph {
  return new Paragraph({
    children: spec.runs.map(run),
    alignment: ALIGN[spec.align ?? 'justify'],
    spacing: { line: spec.line ?? L, lineRule: LineRuleType.EXACT, before: spec.before ?? 0, after: 0 },
    indent: {
      ...(spec.left ? { left: spec.left } : {}),
      ...(spec.right ? { right: spec.right } : {}),
      ...(spec.firstLine ? { firstLine: spec.firstLine } : {}),
      ...(spec.hanging ? { hanging: spec.hanging } : {}),
    },
    ...(spec.pageBreakBefore ? { pageBreakBefore: true } : {}),
    // Every page carries its full 22 lines; widow/orphan control would leave lines empty.
    widowControl: false,
    ...spec.extra,
  });
}

const HEADING_FONT: Record<number, FontName> = { 1: FONTS.heiti, 2: FONTS.kaiti, 3: FONTS.fangsong, 4: FONTS.fangsong };

/** A body paragraph; a level-1/2 heading with run-in text sets only its lead sentence in the heading font. */
function bodyParagraph(block: BodyBlock, before = 0): Paragraph {
  const text = bodyBlockText(block);
  const font = block.kind === 'heading' && block.level ? HEADING_FONT[block.level]! : FONTS.fangsong;
  let runs: RunSpec[] = [{ text, font }];
  if (font !== FONTS.fangsong) {
    const stop = text.indexOf('。');
    if (stop !== -1 && stop < text.length - 1) runs = [{ text: text.slice(0, stop + 1), font }, { text: text.slice(stop + 1) }];
  }
  return para({ runs, firstLine: 2 * C, before });
}

/** Rules of a table in the body: black, single, 0.5 pt. */
const TABLE_RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
/** Cell padding: 1.5 mm left and right (table-layout.ts counts it), 0.5 mm above and below. */
const CELL_MARGINS = { top: 28, bottom: 28, left: 85, right: 85 };

/** Column widths in twips from fractions of the 版心, summing exactly to its width. */
function columnTwips(fractions: readonly number[]): number[] {
  const widths = fractions.map((f) => Math.round(f * PAGE.textWidth));
  widths[widths.length - 1] += PAGE.textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Tables in the body, told apart from the layout tables of the 版头 and 版记. */
const bodyTables = new WeakSet<Table>();

/**
 * A table block: its caption centred on the line above (in Word's 题注 style, so it reads back as
 * the caption), then a table as wide as the 版心 with single black rules, the header row in 黑体
 * and repeated on each page, cells in 仿宋_GB2312 at the size table-layout.ts chooses.
 */
function bodyTable(block: BodyBlock, before: number): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  if (block.text) out.push(para({ runs: [{ text: block.text }], align: 'center', before, extra: { style: CAPTION_STYLE, keepNext: true } }));
  else if (before > 0) out.push(new Paragraph({ children: [], spacing: { line: before, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }));
  const layout = layoutTable(block);
  if (!layout) return out;
  const size = layout.points * 2;
  const line = Math.round(layout.points * 20 * 1.25);
  const widths = columnTwips(layout.fractions);
  const rows = layout.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        ...(r === 0 ? { tableHeader: true } : {}),
        children: row.map(
          (cell, c) =>
            new TableCell({
              width: { size: widths[c]!, type: WidthType.DXA },
              margins: CELL_MARGINS,
              verticalAlign: VerticalAlignTable.CENTER,
              children: [
                new Paragraph({
                  children: [run({ text: cell, font: r === 0 ? FONTS.heiti : FONTS.fangsong, size })],
                  alignment: layout.centred[r]![c] ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
                  spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
                  widowControl: false,
                }),
              ],
            }),
        ),
      }),
  );
  const table = new Table({
    rows,
    width: { size: PAGE.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: TABLE_RULE, bottom: TABLE_RULE, left: TABLE_RULE, right: TABLE_RULE, insideHorizontal: TABLE_RULE, insideVertical: TABLE_RULE },
  });
  bodyTables.add(table);
  out.push(table);
  return out;
}

/** One block of 正文 or of a 附件: a paragraph, or a table with its caption. */
function bodyBlock(block: BodyBlock, before = 0): Array<Paragraph | Table> {
  return block.kind === 'table' ? bodyTable(block, before) : [bodyParagraph(block, before)];
}

/**
 * Word joins two tables with nothing between them into one, and a document must end with a
 * paragraph: a body table followed by another table, or by nothing, gets an empty hairline paragraph.
 */
function separateTables(items: Array<Paragraph | Table>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  items.forEach((item, k) => {
    out.push(item);
    const next = items[k + 1];
    if (item instanceof Table && bodyTables.has(item) && (next === undefined || next instanceof Table)) {
      out.push(new Paragraph({ children: [], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, run: { size: 2 } }));
    }
  });
  return out;
}

function lineBorder(color: string, size: number, style: (typeof BorderStyle)[keyof typeof BorderStyle] = BorderStyle.SINGLE) {
  return { style, size, color, space: 0 };
}

/** Point size of the 发文机关标志: as large as fits, 22–36 pt (信函式 at most 30). */
function markPoints(doc: GongwenDocument, widthChars: number): number {
  return Math.max(22, Math.min(doc.format === '信函式' ? 30 : 36, Math.floor(430 / Math.max(widthChars, 1))));
}

/**
 * The organ names of a joint 发文机关标志 and what follows them ("文件" or ""), when the model has
 * a consistent joint mark; null for a single organ.
 */
export function jointMarkParts(doc: GongwenDocument): { organs: string[]; suffix: string } | null {
  const organs = doc.elements.issuerMarkOrgans;
  const mark = doc.elements.issuerMark ?? '';
  if (!organs || organs.length < 2 || !mark.startsWith(organs.join(''))) return null;
  return { organs, suffix: mark.slice(organs.join('').length) };
}

/**
 * A joint 发文机关标志 (GB/T 9704 7.2.4): the names stacked, 主办机关 first, each spread to the
 * width of the longest, and "文件" to their right, centred on the stack — a borderless table,
 * centred on the 版心.
 */
function jointMarkTable(doc: GongwenDocument, organs: string[], suffix: string): Table {
  const nameChars = Math.max(...organs.map(textWidthChars));
  const suffixChars = textWidthChars(suffix);
  const pt = Math.max(22, Math.min(36, Math.floor(430 / (nameChars + (suffix ? suffixChars + 0.5 : 0)))));
  const charTw = pt * 20;
  const lineTw = Math.round(charTw * 1.2);
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const borders = { top: none, bottom: none, left: none, right: none };
  const markRun = (text: string): TextRun => run({ text, font: FONTS.xiaobiaosong, size: pt * 2, color: RED });
  const nameWidth = Math.ceil(nameChars * charTw);
  const suffixWidth = suffix ? Math.ceil((suffixChars + 0.5) * charTw) : 0;
  const cells = [
    new TableCell({
      width: { size: nameWidth, type: WidthType.DXA },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      borders,
      children: organs.map(
        (o) => new Paragraph({ children: [markRun(o)], alignment: AlignmentType.DISTRIBUTE, spacing: { line: lineTw, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }),
      ),
    }),
  ];
  if (suffix) {
    cells.push(
      new TableCell({
        width: { size: suffixWidth, type: WidthType.DXA },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        borders,
        verticalAlign: VerticalAlignTable.CENTER,
        children: [new Paragraph({ children: [markRun(suffix)], alignment: AlignmentType.RIGHT, spacing: { line: lineTw, lineRule: LineRuleType.EXACT, before: 0, after: 0 } })],
      }),
    );
  }
  void doc;
  return new Table({
    rows: [new TableRow({ cantSplit: true, children: cells })],
    width: { size: nameWidth + suffixWidth, type: WidthType.DXA },
    columnWidths: suffix ? [nameWidth, suffixWidth] : [nameWidth],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TableBorders.NONE,
  });
}

/**
 * 信函式 (GB/T 9704 10.1): spacing before the first line under the first red double line, which
 * leaves 7/8 of a 3号 character (4.9 mm) between the line and the characters (measured in LibreOffice).
 */
const LETTER_GAP = 150;

/**
 * The 信函式 版头 below the first red double line: 份号, 密级, 紧急程度 flush left one under another,
 * 发文字号 flush right on the first line (side by side in a borderless table when both are present).
 * The 发文机关标志 and the double line are in the first-page header (`letterHeader`).
 */
function letterHead(doc: GongwenDocument): Array<Paragraph | Table> {
  const el = doc.elements;
  const left: RunSpec[] = [];
  if (el.copyNumber) left.push({ text: el.copyNumber });
  if (el.classification) left.push({ text: el.classification.period ? `${el.classification.level}★${el.classification.period}` : el.classification.level, font: FONTS.heiti });
  if (el.urgency) left.push({ text: el.urgency, font: FONTS.heiti });
  const number = el.documentNumber?.text ?? '';
  const leftParas = left.map((r, k) => para({ runs: [r], align: 'left', before: k === 0 ? LETTER_GAP : 0 }));
  const numberPara = para({ runs: [{ text: number }], align: 'right', before: LETTER_GAP });
  if (left.length === 0) return number ? [numberPara] : [];
  if (!number) return leftParas;
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const borders = { top: none, bottom: none, left: none, right: none };
  const half = Math.round(PAGE.textWidth / 2);
  const cell = (children: Paragraph[], width: number): TableCell =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { top: 0, bottom: 0, left: 0, right: 0 }, borders, children });
  return [
    new Table({
      rows: [new TableRow({ children: [cell(leftParas, half), cell([numberPara], PAGE.textWidth - half)] })],
      width: { size: PAGE.textWidth, type: WidthType.DXA },
      columnWidths: [half, PAGE.textWidth - half],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
    }),
  ];
}

/** Header distance putting the 信函式 mark's top edge 30 mm from the top of the page. */
const LETTER_HEADER = 1701;

/** 170 mm double lines reach 7 mm beyond each side of the 156 mm 版心 (GB/T 9704 10.1). */
const LETTER_LINE_OVERHANG = 397;

/**
 * 信函式 first-page header: the 发文机关标志 with its top edge 30 mm from the top of the page and,
 * 4 mm under it, a red double line, thick over thin, 170 mm long. A joint letter shows only the
 * 主办机关's mark ("联合行文时，使用主办机关标志").
 */
function letterHeader(doc: GongwenDocument): Header {
  const joint = jointMarkParts(doc);
  const mark = joint ? joint.organs[0]! : (doc.elements.issuerMark ?? '');
  const pt = markPoints(doc, textWidthChars(mark));
  return new Header({
    children: [
      new Paragraph({
        children: mark ? [run({ text: mark, font: FONTS.xiaobiaosong, size: pt * 2, color: RED })] : [],
        alignment: AlignmentType.CENTER,
        spacing: { line: Math.round(pt * 20 * 1.25), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        indent: { left: -LETTER_LINE_OVERHANG, right: -LETTER_LINE_OVERHANG },
        border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 6 } },
      }),
    ],
  });
}

/**
 * 信函式 footer distance: the first-page footer's one paragraph (its double line drawn on its top
 * edge) stands 20 mm above the bottom edge of the page; page numbers keep their place with
 * spacing after them.
 */
const LETTER_FOOTER = 1134 - 40;

/**
 * 信函式 first-page footer: no page number, and a red double line, thin over thick, 170 mm long,
 * 20 mm from the bottom edge of the page.
 */
function letterFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        children: [],
        spacing: { line: 40, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        indent: { left: -LETTER_LINE_OVERHANG, right: -LETTER_LINE_OVERHANG },
        border: { top: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 0 } },
      }),
    ],
  });
}

/** The 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 / 签发人 and the red line. */
function head(doc: GongwenDocument): { paragraphs: Array<Paragraph | Table>; hasHead: boolean } {
  const el = doc.elements;
  if (doc.format === '信函式' && !(el.signers && el.signers.length > 0)) {
    const paragraphs = letterHead(doc);
    return { paragraphs, hasHead: paragraphs.length > 0 || Boolean(el.issuerMark) };
  }
  const out: Array<Paragraph | Table> = [];
  let used = 0;
  if (el.copyNumber) {
    out.push(para({ runs: [{ text: el.copyNumber }], align: 'left' }));
    used++;
  }
  if (el.classification) {
    const c = el.classification;
    out.push(para({ runs: [{ text: c.period ? `${c.level}★${c.period}` : c.level, font: FONTS.heiti }], align: 'left' }));
    used++;
  }
  if (el.urgency) {
    out.push(para({ runs: [{ text: el.urgency, font: FONTS.heiti }], align: 'left' }));
    used++;
  }
  const hasHead = Boolean(el.issuerMark || el.documentNumber || (el.signers && el.signers.length > 0));
  if (!hasHead) return { paragraphs: out, hasHead };

  const joint = jointMarkParts(doc);
  // Top edge 35 mm below the 版心 top (命令式 20 mm; a 信函式 with 签发人 at the top of the 版心).
  const targetTop = doc.format === '命令式' ? 1134 : doc.format === '信函式' ? 0 : 1984;
  if (joint && doc.format !== '信函式') {
    const spacer = targetTop - used * L;
    // LibreOffice snaps an empty paragraph to the line grid, so the spacer is one grid line plus
    // spacing before it.
    if (spacer >= L) out.push(new Paragraph({ children: [], spacing: { line: L, lineRule: LineRuleType.EXACT, before: spacer - L, after: 0 } }));
    out.push(jointMarkTable(doc, joint.organs, joint.suffix));
  } else if (el.issuerMark) {
    const pt = markPoints(doc, textWidthChars(el.issuerMark));
    const lineTw = Math.round(pt * 20 * 1.25);
    const before = Math.max(0, targetTop - used * L);
    out.push(
      para({
        runs: [{ text: el.issuerMark, font: FONTS.xiaobiaosong, size: pt * 2, color: RED }],
        align: 'center',
        before,
        line: lineTw,
        extra: doc.format === '信函式' ? { border: { bottom: lineBorder(RED, 18, BorderStyle.THICK_THIN_SMALL_GAP) }, indent: { left: -397, right: -397 } } : {},
      }),
    );
  }

  const signers = el.signers ?? [];
  const number = el.documentNumber?.text ?? '';
  const before = el.issuerMark ? (doc.format === '信函式' ? Math.round(L * 0.5) : 2 * L) : 0;
  if (signers.length > 0) {
    // 上行文: 发文字号 one character from the left, 签发人 one from the right, on one line;
    // further signers two to a line above it.
    const pairs: string[][] = [];
    for (let k = 0; k < signers.length; k += 2) pairs.push(signers.slice(k, k + 2));
    pairs.forEach((pair, k) => {
      const last = k === pairs.length - 1;
      const label = k === 0 ? '签发人：' : '';
      const runs: RunSpec[] = [];
      if (last) runs.push({ text: number }, { text: '\t' });
      if (label) runs.push({ text: label });
      runs.push({ text: pair.join('　'), font: FONTS.kaiti });
      out.push(
        new Paragraph({
          children: runs.map((r) => (r.text === '\t' ? new TextRun({ text: '\t' }) : run(r))),
          alignment: last ? AlignmentType.LEFT : AlignmentType.RIGHT,
          spacing: { line: L, lineRule: LineRuleType.EXACT, before: k === 0 ? before : 0, after: 0 },
          indent: last ? { left: C, right: C } : { right: C },
          tabStops: [{ type: TabStopType.RIGHT, position: PAGE.textWidth - C }],
        }),
      );
    });
  } else if (number) {
    out.push(para({ runs: [{ text: number }], align: doc.format === '信函式' ? 'right' : 'center', before }));
  }
  // 命令（令） has no separator line (GB/T 9704 10.2, 图12).
  if (doc.format !== '信函式' && doc.format !== '命令式') {
    // Red separator 4 mm below the 发文字号, as wide as the 版心.
    out.push(new Paragraph({ children: [], spacing: { line: 227, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, border: { bottom: lineBorder(RED, 12) } }));
  }
  return { paragraphs: out, hasHead };
}

/** 发文机关署名 and 成文日期, placed for sealed or unsealed documents (GB/T 9704 7.3.5). */
function signature(doc: GongwenDocument): Paragraph[] {
  const el = doc.elements;
  const sigs = el.issuerSignatures ?? [];
  const date = el.issueDate ? formatChineseDate(el.issueDate) : '';
  if (sigs.length === 0 && !date) return [];
  const out: Paragraph[] = [];
  const dateW = textWidthChars(date) * C;
  const stamps = el.signatureStamps ?? [];
  if (stamps.length > 0) {
    // 签名章 two blank lines below the body, 4 characters from the right, the 职务 2 characters
    // to its left; joint signers one to a line, aligned on the first; the date one blank line
    // below, 4 characters from the right (7.3.5.3).
    const stampStart = PAGE.textWidth - 4 * C - Math.max(...stamps.map((st) => textWidthChars(st.name) * C));
    stamps.forEach((st, k) =>
      out.push(
        new Paragraph({
          children: [new TextRun({ text: '\t' }), run({ text: st.title }), new TextRun({ text: '\t' }), run({ text: st.name })],
          alignment: AlignmentType.LEFT,
          spacing: { line: L, lineRule: LineRuleType.EXACT, before: k === 0 ? 2 * L : 0, after: 0 },
          tabStops: [
            { type: TabStopType.RIGHT, position: Math.round(stampStart - 2 * C) },
            { type: TabStopType.LEFT, position: Math.round(stampStart) },
          ],
        }),
      ),
    );
    if (date) out.push(para({ runs: [{ text: date }], align: 'right', right: 4 * C, before: L }));
    return out;
  }
  if (el.sealed && sigs.length > 1) {
    // Joint sealed (7.3.5.1): the 署名 in issuing order, two to a row, each under its own seal;
    // the last sits over the date (4 characters from the right) so its seal covers both. Slots
    // 9 characters (50 mm) apart keep 42 mm seals from touching; rows 3 lines apart likewise.
    const right = PAGE.textWidth - 4 * C - dateW / 2;
    const widest = Math.max(...sigs.map((s) => textWidthChars(s) * C));
    const left = right - Math.max(9 * C, widest + 2 * C);
    const rows: string[][] = [];
    for (let k = 0; k < sigs.length; k += 2) rows.push(sigs.slice(k, k + 2));
    rows.forEach((row, k) => {
      const centres = row.length === 2 ? [left, right] : [right];
      const children: TextRun[] = [];
      row.forEach((s) => children.push(new TextRun({ text: '\t' }), run({ text: s })));
      out.push(
        new Paragraph({
          children,
          alignment: AlignmentType.LEFT,
          spacing: { line: L, lineRule: LineRuleType.EXACT, before: k === 0 ? 2 * L : 3 * L, after: 0 },
          tabStops: centres.map((c) => ({ type: TabStopType.CENTER, position: Math.round(c) })),
        }),
      );
    });
    if (date) out.push(para({ runs: [{ text: date }], align: 'right', right: 4 * C }));
    return out;
  }
  if (el.sealed) {
    // Date 4 characters from the right; 署名 centred over the date.
    const dateRight = 4 * C;
    sigs.forEach((s, k) => {
      const right = Math.max(0, Math.round(dateRight + (dateW - textWidthChars(s) * C) / 2));
      out.push(para({ runs: [{ text: s }], align: 'right', right, before: k === 0 ? 2 * L : 0 }));
    });
    if (date) out.push(para({ runs: [{ text: date }], align: 'right', right: dateRight, before: sigs.length === 0 ? 2 * L : 0 }));
    return out;
  }
  // Unsealed: 署名 2 characters from the right, one blank line below the body; the date's first
  // character 2 characters right of the 署名's. A date longer than the 署名 is itself set 2 from
  // the right, and the 署名's right indent grows to keep the 2-character offset (7.3.5.2).
  const sigW = Math.max(0, ...sigs.map((s) => textWidthChars(s) * C));
  const dateStart = dateW > sigW ? PAGE.textWidth - 2 * C - dateW : PAGE.textWidth - 2 * C - sigW + 2 * C;
  const sigStart = dateStart - 2 * C;
  sigs.forEach((s, k) => {
    const right = Math.max(0, Math.round(PAGE.textWidth - sigStart - textWidthChars(s) * C));
    out.push(para({ runs: [{ text: s }], align: 'right', right, before: k === 0 ? L : 0 }));
  });
  if (date) out.push(para({ runs: [{ text: date }], align: 'right', right: Math.max(0, Math.round(PAGE.textWidth - dateStart - dateW)), before: sigs.length === 0 ? L : 0 }));
  return out;
}

/** 出席/请假/列席 for 纪要 (GB/T 9704 10.3). */
function attendance(doc: GongwenDocument): Paragraph[] {
  const el = doc.elements;
  const rows: Array<[string, string[] | undefined]> = [
    ['出席', el.attendees],
    ['请假', el.absentees],
    ['列席', el.nonVotingAttendees],
  ];
  const out: Paragraph[] = [];
  for (const [label, names] of rows) {
    if (!names || names.length === 0) continue;
    out.push(
      para({
        runs: [{ text: `${label}：`, font: FONTS.heiti }, { text: names.join('、') }],
        left: 5 * C,
        hanging: 3 * C,
        before: out.length === 0 ? L : 0,
      }),
    );
  }
  return out;
}

/**
 * The 版记 (GB/T 9704 7.4), as a one-column table floated to the bottom of the 版心 on the last
 * page (w:tblpPr vertAnchor="margin" tblpYSpec="bottom"), with its separator lines as cell
 * borders exactly as wide as the 版心. Word and LibreOffice both honour a floating table's
 * bottom alignment; LibreOffice ignores the same alignment on a paragraph frame (w:framePr),
 * which is what this used before, and a section with w:vAlign="bottom" would need a page of its own.
 * The table is followed by a one-point paragraph for it to anchor to.
 */
function imprint(doc: GongwenDocument): Array<Paragraph | Table> {
  const el = doc.elements;
  const hasCopy = Boolean(el.copyRecipients && el.copyRecipients.length > 0);
  const hasPrint = doc.format !== '信函式' && Boolean(el.printingOrgan || el.printingDate);
  if (!hasCopy && !hasPrint) return [];
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' }; // 1 pt ≈ 0.35 mm
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' }; // 0.75 pt ≈ 0.25 mm
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  // 信函式: "版记不加印发机关和印发日期、分隔线" (GB/T 9704 10.1).
  const ruled = doc.format !== '信函式';
  const line = 560;
  const rows: TableRow[] = [];
  const row = (paragraph: Paragraph, top: typeof thick | typeof none, bottom: typeof thick | typeof none): TableRow =>
    new TableRow({
      height: { value: line, rule: HeightRule.ATLEAST },
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: PAGE.textWidth, type: WidthType.DXA },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          verticalAlign: VerticalAlignTable.CENTER,
          borders: { top: ruled ? top : none, bottom: ruled ? bottom : none, left: none, right: none },
          children: [paragraph],
        }),
      ],
    });
  if (hasCopy) {
    const p = new Paragraph({
      children: [run({ text: '抄送：' + el.copyRecipients!.join('，') + '。', size: SIZE_4 })],
      spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      indent: { left: C4 + 3 * C4, right: C4, hanging: 3 * C4 },
      widowControl: false,
    });
    rows.push(row(p, thick, hasPrint ? thin : thick));
  }
  if (hasPrint) {
    const date = el.printingDate ? formatChineseDate(el.printingDate) + '印发' : '';
    const p = new Paragraph({
      children: [run({ text: el.printingOrgan ?? '', size: SIZE_4 }), new TextRun({ text: '\t' }), run({ text: date, size: SIZE_4 })],
      spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      indent: { left: C4, right: C4 },
      tabStops: [{ type: TabStopType.RIGHT, position: PAGE.textWidth - 2 * C4 }],
      widowControl: false,
    });
    rows.push(row(p, hasCopy ? none : thick, thick));
  }
  const table = new Table({
    rows,
    width: { size: PAGE.textWidth, type: WidthType.DXA },
    columnWidths: [PAGE.textWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    float: {
      // Anchored to the page at the 订口 rather than centred in the margins: LibreOffice only
      // floats a table as wide as the text area when its horizontal position is page-relative.
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: PAGE.marginLeft,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      topFromText: 0,
      bottomFromText: 0,
      leftFromText: 0,
      rightFromText: 0,
    },
  });
  const anchor = new Paragraph({ children: [], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, run: { size: 2 } });
  return [table, anchor];
}

function pageNumberFooter(odd: boolean, footerDistance: number = PAGE.footer): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: C4 } : { left: C4 },
        spacing: { line: 300, lineRule: LineRuleType.EXACT, before: 0, after: PAGE.footer - footerDistance },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: FONTS.songti, hAnsi: FONTS.songti, eastAsia: FONTS.songti, cs: FONTS.songti },
            size: SIZE_4,
          }),
        ],
      }),
    ],
  });
}

/** Builds the paragraphs of the whole document (exported for the HTML renderer's tests and the bench). */
function buildParagraphs(doc: GongwenDocument): Array<Paragraph | Table> {
  const el = doc.elements;
  const { paragraphs, hasHead } = head(doc);
  const out: Array<Paragraph | Table> = [...paragraphs];
  if (el.title) {
    // One paragraph, broken into a 梯形 or 菱形 with line breaks (7.3.1).
    const runs = breakTitle(el.title).map((text, k): RunSpec => ({ text, font: FONTS.xiaobiaosong, size: SIZE_2, breakBefore: k > 0 }));
    out.push(para({ runs, align: 'center', before: hasHead ? 2 * L : 0 }));
  }
  const hasRecipients = Boolean(el.primaryRecipients && el.primaryRecipients.length > 0);
  if (hasRecipients) {
    out.push(para({ runs: [{ text: el.primaryRecipients!.join('，') + '：' }], align: 'left', before: el.title ? L : 0 }));
  }
  // 命令（令）: the body two blank lines below the 令号 (10.2).
  const orderBodyGap = doc.format === '命令式' && hasHead && !el.title && !hasRecipients ? 2 * L : 0;
  el.body.forEach((b, k) => out.push(...bodyBlock(b, k === 0 ? orderBodyGap : 0)));
  const notes = el.attachmentNotes ?? [];
  notes.forEach((n, k) => {
    const label = n.index !== null ? `${n.index}.` : '';
    if (k === 0) out.push(para({ runs: [{ text: `附件：${label}${n.name}` }], left: 5 * C, hanging: 3 * C, before: L }));
    else out.push(para({ runs: [{ text: `${label}${n.name}` }], left: 5 * C }));
  });
  if (doc.format === '纪要式') out.push(...attendance(doc));
  out.push(...signature(doc));
  if (el.note) out.push(para({ runs: [{ text: `（${el.note}）` }], firstLine: 2 * C }));
  (el.attachments ?? []).forEach((a) => {
    const labelled = a.index !== null || notes.length > 0;
    if (labelled) {
      out.push(para({ runs: [{ text: `附件${a.index ?? ''}`, font: FONTS.heiti }], align: 'left', pageBreakBefore: true }));
    }
    out.push(para({ runs: [{ text: a.title, font: FONTS.xiaobiaosong, size: SIZE_2 }], align: 'center', before: labelled ? L : 0, pageBreakBefore: !labelled }));
    a.body.forEach((b, k) => out.push(...bodyBlock(b, k === 0 ? L : 0)));
  });
  out.push(...imprint(doc));
  return separateTables(out);
}

/**
 * Renders a 公文 to a GB/T 9704-2012 .docx.
 * @param doc the model; accepts exactly what `parseText`/`parseDocx` return
 * @returns the .docx file
 */
export async function renderDocx(doc: GongwenDocument): Promise<Buffer> {
  const letter = doc.format === '信函式';
  // 信函式: the 发文机关标志's top edge 30 mm from the top of the page, in the first-page header.
  const letterMark = letter && Boolean(doc.elements.issuerMark) && !(doc.elements.signers && doc.elements.signers.length > 0);
  const document = new Document({
    evenAndOddHeaderAndFooters: true,
    creator: 'Zhongshu',
    // The layout alone cannot say whether a seal is meant (a long 署名 also pushes the date
    // in), so the model's answer travels with the file.
    ...(doc.elements.sealed !== undefined ? { customProperties: [{ name: SEALED_PROPERTY, value: String(doc.elements.sealed) }] } : {}),
    title: doc.elements.title ?? '',
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.fangsong, cs: FONTS.fangsong }, size: SIZE_3 },
          paragraph: { spacing: { line: L, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        // The caption style's own italic, colour and size would show through the caption's runs.
        caption: { run: { italics: false, bold: false, color: '000000', size: SIZE_3 }, paragraph: { spacing: { line: L, lineRule: LineRuleType.EXACT, before: 0, after: 0 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginLeft,
              right: PAGE.marginRight,
              header: letterMark ? LETTER_HEADER : 851,
              footer: letter ? LETTER_FOOTER : PAGE.footer,
              gutter: 0,
            },
          },
          // 22 lines of 28 characters. The grid is a line grid only: LibreOffice 7.4 lays out a
          // linesAndChars grid whose charSpace gives 28 characters in 156 mm at 16 pt at 18 a
          // line (render-pdf.test.ts), so the 28 characters come from the run spacing above,
          // which Word, WPS and LibreOffice all honour.
          grid: { type: DocumentGridType.LINES, linePitch: L },
          // 信函式: no page number on page 1.
          ...(letter ? { titlePage: true } : {}),
        },
        ...(letterMark ? { headers: { first: letterHeader(doc) } } : {}),
        footers: {
          default: pageNumberFooter(true, letter ? LETTER_FOOTER : PAGE.footer),
          even: pageNumberFooter(false, letter ? LETTER_FOOTER : PAGE.footer),
          ...(letter ? { first: letterFooter() } : {}),
        },
        children: buildParagraphs(doc),
      },
    ],
  });
  return Packer.toBuffer(document);
}

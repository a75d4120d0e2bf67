/**
 * Parser from .docx: extracts the paragraphs of word/document.xml in order, keeps heading
 * levels from Word heading styles and outline levels, and reads the 成文日期's right indent
 * to tell a sealed layout (4 characters) from an unsealed one (2). A table of data (two rows
 * and two columns at least, not floating) becomes one line carrying its cells, with the
 * caption above it when that is marked as one; the borderless tables that lay out a 版头 or
 * 版记 are read paragraph by paragraph. The text then goes through the same parser as plain text.
 */
import JSZip from 'jszip';
import type { ParseResult } from './model.ts';
import { parseLines, type SourceLine } from './parse-text.ts';
import { isTableCaption } from './text-forms.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Not ASCII: a Chinese character or full-width punctuation. */
function isCjkText(ch: string): boolean {
  return ch !== '' && !/[\x00-\x7f]/.test(ch);
}

/** Reads one <w:p> into a source line. */
function paragraphLine(xml: string): SourceLine {
  let text = '';
  let lineBreak = false;
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (m[0] === '<w:tab/>') text += '\t';
    else if (m[0] === '<w:br/>') lineBreak = true;
    else {
      const t = decode(m[1] ?? '');
      // A line break inside Chinese text (a title broken into lines) joins with nothing; between
      // Latin words it stands for a space.
      if (lineBreak && t && !(isCjkText(text.slice(-1)) && isCjkText(t[0]!))) text += ' ';
      lineBreak = false;
      text += t;
    }
  }
  const line: SourceLine = { text: text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') };
  const style = /<w:pStyle w:val="(?:Heading|heading|标题)\s?([1-4])"/.exec(xml);
  const outline = /<w:outlineLvl w:val="([0-3])"/.exec(xml);
  if (style) line.headingLevel = Number(style[1]) as 1 | 2 | 3 | 4;
  else if (outline) line.headingLevel = (Number(outline[1]) + 1) as 1 | 2 | 3 | 4;
  return line;
}

/**
 * The outermost elements named `tag` in `xml`, in order; an element nested in one of the same
 * name (a table in a table's cell) stays inside it.
 */
function outerElements(xml: string, tag: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*?)?(/?)>|</${tag}>`, 'g'))) {
    if (m[0].startsWith('</')) {
      if (depth > 0 && --depth === 0) out.push(xml.slice(start, m.index + m[0].length));
    } else if (m[1]) {
      if (depth === 0) out.push(m[0]);
    } else if (depth++ === 0) start = m.index;
  }
  return out;
}

const PARAGRAPH = /<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g;

/** A caption in Word's 题注 style, or a centred line named like one ("表1 …", "…统计表"). */
function isCaptionParagraph(xml: string, text: string): boolean {
  if (/<w:pStyle w:val="(?:Caption|caption|题注)"/.test(xml)) return true;
  return /<w:jc w:val="center"\/>/.test(xml) && isTableCaption(text);
}

/** The text of a table cell: its paragraphs joined as one line. */
function cellText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(PARAGRAPH)) {
    const t = paragraphLine(m[0]).text.replace(/\t+/g, ' ');
    if (!t) continue;
    text += text && !(isCjkText(text.slice(-1)) && isCjkText(t[0]!)) ? ' ' + t : t;
  }
  return text;
}

/**
 * The cells of a table of data, or null for a layout table: a floating table (the 版记), or one
 * of a single row or column (a joint 发文机关标志, the 信函式 版头). A merged cell counts once for each
 * column it spans, the first with the text, so the columns stay in line.
 */
function dataTableRows(xml: string): string[][] | null {
  if (/<w:tblpPr[\s/>]/.test(xml)) return null;
  const inner = xml.replace(/^<w:tbl(?:\s[^>]*)?>/, '').replace(/<\/w:tbl>$/, '');
  const rows = outerElements(inner, 'w:tr').map((tr) =>
    outerElements(tr, 'w:tc').flatMap((tc) => {
      const props = /^<w:tc(?:\s[^>]*)?>\s*<w:tcPr>[\s\S]*?<\/w:tcPr>/.exec(tc)?.[0] ?? '';
      const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(props)?.[1] ?? 1);
      return [cellText(tc), ...Array<string>(Math.max(0, span - 1)).fill('')];
    }),
  );
  if (rows.length < 2 || Math.max(...rows.map((r) => r.length)) < 2) return null;
  return rows;
}

/** The XML of the first-page header the last section refers to, or "" when it has none. */
async function firstPageHeader(zip: JSZip, body: string): Promise<string> {
  const id = /<w:headerReference w:type="first" r:id="([^"]+)"/.exec(body)?.[1];
  const rels = id ? await zip.file('word/_rels/document.xml.rels')?.async('string') : undefined;
  const target = rels && new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  const file = target ? zip.file('word/' + target.replace(/^\/?word\//, '')) : null;
  return file ? file.async('string') : '';
}

/**
 * Parses a 公文 from a .docx file.
 * @param data the .docx bytes
 * @returns the model with `findings: []`
 */
export async function parseDocx(data: Uint8Array | ArrayBuffer): Promise<ParseResult> {
  const zip = await JSZip.loadAsync(data);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('不是有效的 .docx 文件：缺少 word/document.xml。');
  const xml = await file.async('string');
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  // A 信函式 puts its 发文机关标志 in the first-page header (GB/T 9704 10.1): read it first.
  const header = /<w:titlePg\/>/.test(body) ? await firstPageHeader(zip, body) : '';
  const lines: SourceLine[] = [];
  let captionAbove = false;
  const readParagraph = (paragraph: string): void => {
    const line = paragraphLine(paragraph);
    // Tabs separate 发文字号 from 签发人 and 印发机关 from 印发日期; the text parser reads spaces.
    line.text = line.text.replace(/\t+/g, '  ');
    if (!line.text) return;
    lines.push(line);
    captionAbove = isCaptionParagraph(paragraph, line.text);
  };
  const source = header + body;
  let depth = 0;
  let start = 0;
  for (const m of source.matchAll(/<w:tbl(?:\s[^>]*)?>|<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    if (m[0] === '</w:tbl>') {
      if (depth === 0 || --depth > 0) continue;
      const table = source.slice(start, m.index + m[0].length);
      const rows = dataTableRows(table);
      if (rows) {
        const caption = captionAbove ? lines.pop()!.text : '';
        lines.push({ text: caption, tableRows: rows });
        captionAbove = false;
      } else for (const p of table.matchAll(PARAGRAPH)) readParagraph(p[0]);
    } else if (m[0].startsWith('<w:tbl')) {
      if (depth++ === 0) start = m.index;
    } else if (depth === 0) readParagraph(m[0]);
  }
  const result = parseLines(lines);
  // 印章 cannot be read from text; Zhongshu's own files carry it as a document property.
  const custom = await zip.file('docProps/custom.xml')?.async('string');
  const sealed = custom && /name="ZhongshuSealed"[\s\S]*?<vt:lpwstr>(true|false)<\/vt:lpwstr>/.exec(custom);
  if (sealed) result.elements.sealed = sealed[1] === 'true';
  return result;
}

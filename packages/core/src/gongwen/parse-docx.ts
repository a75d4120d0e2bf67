/**
 * Parser from .docx: extracts the paragraphs of word/document.xml in order, keeps heading
 * levels from Word heading styles and outline levels, and reads the 成文日期's right indent
 * to tell a sealed layout (4 characters) from an unsealed one (2). The text then goes
 * through the same parser as plain text.
 */
import JSZip from 'jszip';
import type { ParseResult } from './model.ts';
import { parseLines, type SourceLine } from './parse-text.ts';

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
  for (const m of (header + body).matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const line = paragraphLine(m[0]);
    // Tabs separate 发文字号 from 签发人 and 印发机关 from 印发日期; the text parser reads spaces.
    line.text = line.text.replace(/\t+/g, '  ');
    if (line.text) lines.push(line);
  }
  const result = parseLines(lines);
  // 印章 cannot be read from text; Zhongshu's own files carry it as a document property.
  const custom = await zip.file('docProps/custom.xml')?.async('string');
  const sealed = custom && /name="ZhongshuSealed"[\s\S]*?<vt:lpwstr>(true|false)<\/vt:lpwstr>/.exec(custom);
  if (sealed) result.elements.sealed = sealed[1] === 'true';
  return result;
}

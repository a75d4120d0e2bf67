/**
 * `zhongshu gongwen …`: parse, check and render 公文 files. The engine in @zhongshu/core is
 * pure; this file does the reading and writing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  checkDocument,
  parseDocx,
  parseText,
  renderDocx,
  renderHtml,
  type Finding,
  type GongwenDocument,
  type ParseResult,
} from '@zhongshu/core/gongwen/index.ts';

const USAGE = `用法：
  zhongshu gongwen parse --json FILE          解析 .txt 或 .docx，输出 JSON
  zhongshu gongwen check [--json] [--complete] FILE
                                              检查公文，有错误时退出码为 1
  zhongshu gongwen render FILE.json -o OUT    按 GB/T 9704 生成 .docx（OUT 以 .html 结尾时生成 HTML）
`;

async function load(file: string): Promise<ParseResult> {
  const data = await readFile(file);
  if (extname(file).toLowerCase() === '.docx') return parseDocx(data);
  return parseText(data.toString('utf8'));
}

function describe(f: Finding): string {
  const where = f.range ? `${f.element}[${f.range.start}-${f.range.end}]` : f.element;
  const label = { error: '错误', warning: '警告', info: '提示' }[f.severity];
  return `${label} ${f.code} ${where}：${f.message}（依据：${f.clause}）${f.fix ? ' [可自动修正]' : ''}`;
}

/** Validates that parsed JSON has the shape `parse --json` prints. */
function asDocument(value: unknown): GongwenDocument {
  const v = value as Partial<GongwenDocument> | null;
  if (!v || typeof v !== 'object' || !v.elements || typeof v.elements !== 'object' || !Array.isArray(v.elements.body)) {
    throw new Error('输入不是公文 JSON：需要 documentType、format、elements（含 body 数组），即 parse --json 的输出。');
  }
  return { documentType: v.documentType ?? null, format: v.format ?? '文件式', elements: v.elements, ...(v.source ? { source: v.source } : {}) };
}

/**
 * Runs `gongwen` subcommands.
 * @param argv arguments after `gongwen`, e.g. ["parse", "--json", "file.txt"]
 * @returns the process exit code (0 ok, 1 findings with errors, 2 usage or input error)
 */
export async function runGongwenCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const positional: string[] = [];
  let output: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-o' || a === '--output') output = rest[++i];
    else if (!a.startsWith('--')) positional.push(a);
  }
  const file = positional[0];
  try {
    if (command === 'parse' && file) {
      const result = await load(file);
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    if (command === 'check' && file) {
      const doc = await load(file);
      const findings = checkDocument(doc, { complete: flags.has('--complete') });
      if (flags.has('--json')) process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
      else if (findings.length === 0) process.stdout.write('未发现问题。\n');
      else process.stdout.write(findings.map(describe).join('\n') + `\n共 ${findings.length} 项，其中错误 ${findings.filter((f) => f.severity === 'error').length} 项。\n`);
      return findings.some((f) => f.severity === 'error') ? 1 : 0;
    }
    if (command === 'render' && file && output) {
      const doc = asDocument(JSON.parse(await readFile(file, 'utf8')));
      if (extname(output).toLowerCase() === '.html') await writeFile(output, renderHtml(doc), 'utf8');
      else await writeFile(output, await renderDocx(doc));
      process.stdout.write(`已生成 ${output}\n`);
      return 0;
    }
    process.stderr.write(USAGE);
    return 2;
  } catch (error) {
    process.stderr.write(`gongwen ${command ?? ''}：${(error as Error).message}\n`);
    return 2;
  }
}

/**
 * Helpers shared by the tests that measure printed PDFs (LibreOffice for .docx, Chromium for
 * HTML): whether the system tools are there, and the word boxes `pdftotext -bbox` reports.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';

/** One word as pdftotext places it, in points from the page's top-left corner. */
export interface PdfWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

const present = new Map<string, boolean>();
/** Whether a command runs (answers its version flag); remembered per process. */
export function hasCommand(command: string, versionFlag: string): boolean {
  if (!present.has(command)) {
    try {
      execFileSync(command, [versionFlag], { stdio: 'ignore' });
      present.set(command, true);
    } catch {
      present.set(command, false);
    }
  }
  return present.get(command)!;
}

/**
 * True when every command is installed. Otherwise the test is skipped on a developer's machine and
 * fails in CI, which installs them (.ci/run), so a missing tool can never hide a layout regression.
 */
export function requireCommands(t: TestContext, commands: ReadonlyArray<[command: string, versionFlag: string]>, packages: string): boolean {
  const missing = commands.filter(([c, flag]) => !hasCommand(c, flag)).map(([c]) => c);
  if (missing.length === 0) return true;
  if (process.env.CI === 'true') assert.fail(`${missing.join('、')} 未安装：CI 必须安装 ${packages}`);
  t.skip(`${missing.join('、')} 未安装`);
  return false;
}

/** Runs `pdftotext -bbox` on a PDF and returns its words with 1-based page numbers. */
export function readPdfWords(pdfPath: string, htmlOutPath: string): { pages: number; words: PdfWord[] } {
  execFileSync('pdftotext', ['-bbox', pdfPath, htmlOutPath]);
  const words: PdfWord[] = [];
  let pages = 0;
  for (const m of readFileSync(htmlOutPath, 'utf8').matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) pages++;
    else words.push({ page: pages, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return { pages, words };
}

/**
 * `zhongshu gongwen` end to end, through the real binary: parse → render → parse keeps every
 * element of each complete real document in the corpus, and `check` reports in words and by
 * exit code. No database is touched.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'apps/server/bin/zhongshu.mjs');
const corpus = path.join(root, 'packages/core/fixtures/gongwen');
/** The complete documents: the corpus's top level (excerpts/ and pre-2012/ are kept apart). */
const documents = fs.readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function gongwen(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'gongwen', ...args], { cwd: root, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs jobs at most `limit` at a time (one per core): each CLI start costs over a second of CPU. */
async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-cli-'));

describe('zhongshu gongwen CLI', () => {
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it(`should keep every element through parse --json → render → parse for the ${documents.length} complete corpus documents`, async () => {
    assert.ok(documents.length >= 9, `${documents.length} documents`);
    const results = await pool(documents, Math.max(2, os.availableParallelism()), async (file) => {
      const base = path.join(tmp, path.basename(file, '.txt'));
      const parsed = await gongwen(['parse', '--json', path.join(corpus, file)]);
      assert.equal(parsed.code, 0, `${file}: parse exits 0 (${parsed.stderr})`);
      fs.writeFileSync(`${base}.json`, parsed.stdout);
      const rendered = await gongwen(['render', `${base}.json`, '-o', `${base}.docx`]);
      assert.equal(rendered.code, 0, `${file}: render exits 0 (${rendered.stderr})`);
      assert.equal(rendered.stdout, `已生成 ${base}.docx\n`);
      const reparsed = await gongwen(['parse', '--json', `${base}.docx`]);
      assert.equal(reparsed.code, 0, `${file}: parse of the .docx exits 0 (${reparsed.stderr})`);
      return { file, before: JSON.parse(parsed.stdout), after: JSON.parse(reparsed.stdout) };
    });
    for (const { file, before, after } of results) {
      assert.ok(before.elements.body.length > 0, `${file}: body parsed`);
      assert.deepEqual(after.elements, before.elements, `${file}: same elements after the round trip`);
      assert.equal(after.documentType, before.documentType, `${file}: same 文种`);
      assert.equal(after.format, before.format, `${file}: same format`);
      assert.deepEqual(after.findings, []);
    }
  });

  it('should exit 1 with a readable finding for a document with a known error, and 0 for a clean one', async () => {
    const [bad, clean] = await Promise.all([
      gongwen(['check', path.join(corpus, 'pre-2012/pujiang-pifu-2005.txt')]),
      gongwen(['check', path.join(corpus, 'taihu-tongzhi-2019.txt')]),
    ]);
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stdout,
      '错误 DATE_CHINESE_NUMERALS issueDate[0-11]：成文日期应使用阿拉伯数字，“二OO五年四月二十九日”应写作“2005年4月29日”。（依据：GB/T 9704-2012 7.3.5.4） [可自动修正]\n共 1 项，其中错误 1 项。\n',
    );
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, '未发现问题。\n');
  });

  it('should report the elements a complete document must have with --complete, and exit 1', async () => {
    // The published web text has no 版头 and no 版记.
    const r = await gongwen(['check', '--complete', path.join(corpus, 'taihu-tongzhi-2019.txt')]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      '错误 ELEMENT_MISSING issuerMark：缺少发文机关标志。（依据：GB/T 9704-2012 7.2.4）',
      '错误 ELEMENT_MISSING documentNumber：缺少发文字号。（依据：GB/T 9704-2012 7.2.5）',
      '错误 ELEMENT_MISSING printingOrgan：缺少印发机关。（依据：GB/T 9704-2012 7.4.3）',
      '错误 ELEMENT_MISSING printingDate：缺少印发日期。（依据：GB/T 9704-2012 7.4.3）',
      '共 4 项，其中错误 4 项。',
    ]);
  });
});

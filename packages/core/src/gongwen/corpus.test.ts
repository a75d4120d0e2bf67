import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkDocument } from './checker.ts';
import { parseDocx } from './parse-docx.ts';
import { parseText } from './parse-text.ts';
import { renderDocx } from './render-docx.ts';

// Tests may read files; the engine itself never does.
const dir = fileURLToPath(new URL('../../fixtures/gongwen/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));

/** Elements the text visibly contains, checked by simple independent patterns. */
function present(text: string): string[] {
  const out: string[] = [];
  const head = text.split('\n').slice(0, 5).join('\n');
  if (/〔\d{4}〕\d+号/.test(head)) out.push('documentNumber');
  if (/签发人[：:]/.test(head)) out.push('signers');
  if (/(的通知|的批复|的请示|的报告|的意见|的函|纪要)(（[^）]*）)?$/m.test(head)) out.push('title');
  if (/^.+：$/m.test(text)) out.push('primaryRecipients');
  if (/^\d{4}年\d{1,2}月\d{1,2}日$/m.test(text)) out.push('issueDate');
  if (/^（此件.+）$|^联系人[：:]/m.test(text)) out.push('note');
  if (/印发$/m.test(text)) out.push('printingOrgan');
  return out;
}

test('the corpus holds at least 9 complete real documents', () => {
  assert.ok(files.length >= 9, `${files.length}`);
});

for (const file of files) {
  test(`${file}: no error findings, every element present is parsed, round trip holds`, async () => {
    const text = readFileSync(dir + file, 'utf8');
    const parsed = parseText(text);
    const errors = checkDocument(parsed).filter((f) => f.severity === 'error');
    assert.deepEqual(errors, []);
    for (const key of present(text)) {
      assert.ok((parsed.elements as unknown as Record<string, unknown>)[key] !== undefined, `${key} parsed`);
    }
    assert.ok(parsed.elements.body.length > 0, 'body parsed');
    assert.ok(parsed.elements.issuerSignatures && parsed.elements.issuerSignatures.length > 0, '署名 parsed');
    const back = await parseDocx(await renderDocx(parsed));
    assert.deepEqual(back.elements, parsed.elements);
  });
}

// Web pages that cut a long document short (the stored excerpt ends before the 署名): the
// checker must still find no error in what is there, and the 版头 and 主送 must be read.
const excerptDir = dir + 'excerpts/';
for (const file of readdirSync(excerptDir).filter((f) => f.endsWith('.txt'))) {
  test(`excerpts/${file}: no error findings in a real document cut short, head elements parsed`, () => {
    const text = readFileSync(excerptDir + file, 'utf8');
    const parsed = parseText(text);
    assert.deepEqual(checkDocument(parsed).filter((f) => f.severity === 'error'), []);
    for (const key of present(text)) {
      assert.ok((parsed.elements as unknown as Record<string, unknown>)[key] !== undefined, `${key} parsed`);
    }
    assert.ok(parsed.documentType !== null, '文种 read from the title');
    assert.ok(parsed.elements.body.some((b) => b.kind === 'heading'), 'headings parsed');
  });
}

test('the corpus covers 通知, 函 and (as excerpts) 意见 by title (the 批复 page carries no title)', () => {
  const types = new Set([...files.map((f) => readFileSync(dir + f, 'utf8')), ...readdirSync(excerptDir).map((f) => readFileSync(excerptDir + f, 'utf8'))].map((t) => parseText(t).documentType));
  for (const type of ['通知', '函', '意见'] as const) assert.ok(types.has(type), type);
});

test('a real pre-2012 document with a Chinese-numeral date is caught and fixable', () => {
  const parsed = parseText(readFileSync(dir + 'pre-2012/pujiang-pifu-2005.txt', 'utf8'));
  const f = checkDocument(parsed).filter((x) => x.severity === 'error');
  assert.deepEqual(f.map((x) => x.code), ['DATE_CHINESE_NUMERALS']);
  assert.equal(f[0]!.fix?.replacement, '2005年4月29日');
});

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
  if (/〔\d{4}〕\d+号/.test(text.split('\n').slice(0, 4).join('\n'))) out.push('documentNumber');
  if (/^[^\n]*(的通知|的批复|的请示|的报告|的意见|的函)(（[^）]*）)?$/m.test(text.split('\n')[0]!)) out.push('title');
  if (/^.+：$/m.test(text)) out.push('primaryRecipients');
  if (/^\d{4}年\d{1,2}月\d{1,2}日$/m.test(text)) out.push('issueDate');
  if (/^（此件.+）$/m.test(text)) out.push('note');
  if (/印发$/m.test(text)) out.push('printingOrgan');
  return out;
}

test('the corpus holds at least 7 real documents', () => {
  assert.ok(files.length >= 7, `${files.length}`);
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

test('a real pre-2012 document with a Chinese-numeral date is caught and fixable', () => {
  const parsed = parseText(readFileSync(dir + 'pre-2012/pujiang-pifu-2005.txt', 'utf8'));
  const f = checkDocument(parsed).filter((x) => x.severity === 'error');
  assert.deepEqual(f.map((x) => x.code), ['DATE_CHINESE_NUMERALS']);
  assert.equal(f[0]!.fix?.replacement, '2005年4月29日');
});

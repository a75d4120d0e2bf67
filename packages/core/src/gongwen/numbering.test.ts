import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRegister, emptyRegister, findGaps, nextSerial, NumberingError, releaseNumber, reserveNumber, useNumber, voidNumber } from './numbering.ts';

const code = '×政发';

test('allocates consecutive serials per issuer code and year', () => {
  let reg = emptyRegister();
  const a = reserveNumber(reg, { issuerCode: code, year: 2026, documentId: 'd1' });
  reg = a.register;
  const b = reserveNumber(reg, { issuerCode: code, year: 2026, documentId: 'd2' });
  reg = b.register;
  assert.equal(a.text, '×政发〔2026〕1号');
  assert.equal(b.text, '×政发〔2026〕2号');
  assert.equal(nextSerial(reg, code, 2027), 1, 'a new year starts at 1');
  assert.equal(nextSerial(reg, '×政办发', 2026), 1, 'each issuer code has its own sequence');
});

test('a released reservation is reused, so it leaves no gap', () => {
  let reg = emptyRegister();
  reg = reserveNumber(reg, { issuerCode: code, year: 2026 }).register;
  reg = reserveNumber(reg, { issuerCode: code, year: 2026 }).register;
  reg = releaseNumber(reg, { issuerCode: code, year: 2026, serial: 1 });
  assert.deepEqual(findGaps(reg, code, 2026), [1]);
  const again = reserveNumber(reg, { issuerCode: code, year: 2026, documentId: 'd3' });
  assert.equal(again.entry.serial, 1);
  assert.deepEqual(findGaps(again.register, code, 2026), []);
  assert.deepEqual(again.entry.history.map((h) => h.action), ['reserve', 'release', 'reserve']);
});

test('a used number cannot be released, only voided with a reason, and is never reissued', () => {
  let reg = reserveNumber(emptyRegister(), { issuerCode: code, year: 2026, documentId: 'd1' }).register;
  reg = useNumber(reg, { issuerCode: code, year: 2026, serial: 1, documentId: 'd1' });
  assert.throws(() => releaseNumber(reg, { issuerCode: code, year: 2026, serial: 1 }), (e: unknown) => e instanceof NumberingError && e.code === 'DOCUMENT_NUMBER_NOT_RESERVED');
  assert.throws(() => voidNumber(reg, { issuerCode: code, year: 2026, serial: 1, reason: ' ' }), (e: unknown) => e instanceof NumberingError && e.code === 'DOCUMENT_NUMBER_VOID_REASON_REQUIRED');
  reg = voidNumber(reg, { issuerCode: code, year: 2026, serial: 1, reason: '文件撤销重发' });
  assert.equal(nextSerial(reg, code, 2026), 2);
  assert.deepEqual(describeRegister(reg, code, 2026), [{ text: '×政发〔2026〕1号', status: '已作废', documentId: 'd1', reason: '文件撤销重发' }]);
});

test('a number cannot be used twice or by another document', () => {
  let reg = reserveNumber(emptyRegister(), { issuerCode: code, year: 2026, documentId: 'd1' }).register;
  assert.throws(() => useNumber(reg, { issuerCode: code, year: 2026, serial: 1, documentId: 'd2' }), (e: unknown) => e instanceof NumberingError && e.code === 'DOCUMENT_NUMBER_TAKEN');
  reg = useNumber(reg, { issuerCode: code, year: 2026, serial: 1, documentId: 'd1' });
  assert.throws(() => useNumber(reg, { issuerCode: code, year: 2026, serial: 1, documentId: 'd1' }), (e: unknown) => e instanceof NumberingError && e.code === 'DOCUMENT_NUMBER_TAKEN');
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  documentNumberRegister,
  recordExistingDocumentNumber,
  releaseDocumentNumber,
  reserveDocumentNumber,
  useDocumentNumber,
  voidDocumentNumber,
} from '../src/modules/documents/document-numbers.service.ts';
import { createTestEnv, DIALECT, type TestEnv } from './helpers.ts';

describe(`发文字号 register (${DIALECT})`, () => {
  let env: TestEnv;
  const who = { id: null };
  const tx = <T>(fn: (t: any) => Promise<T>) => env.ctx.db.transaction().execute(fn);
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('hands out distinct serials to concurrent reservations', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => tx((t) => reserveDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026 }))));
    assert.deepEqual(results.map((r) => r.serial).sort(), [1, 2, 3, 4]);
    assert.deepEqual(results.map((r) => r.text).sort(), ['县委发〔2026〕1号', '县委发〔2026〕2号', '县委发〔2026〕3号', '县委发〔2026〕4号']);
  });

  it('reuses a released reservation so no number is skipped, and keeps each number\'s fate', async () => {
    await tx((t) => releaseDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 2 }));
    const again = await tx((t) => reserveDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, documentId: 'doc-9' }));
    assert.equal(again.serial, 2);
    await tx((t) => useDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 2, documentId: 'doc-9' }));
    await tx((t) => voidDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 3, reason: '文件撤回重发' }));
    const reg = await documentNumberRegister(env.ctx.db, '县委发', 2026);
    assert.deepEqual(reg.numbers, [
      { text: '县委发〔2026〕1号', status: '已预留' },
      { text: '县委发〔2026〕2号', status: '已使用', documentId: 'doc-9' },
      { text: '县委发〔2026〕3号', status: '已作废', reason: '文件撤回重发' },
      { text: '县委发〔2026〕4号', status: '已预留' },
    ]);
    assert.deepEqual(reg.gaps, []);
    const events = await env.ctx.db.selectFrom('document_number_events').select(['action']).where('serial', '=', 2).orderBy('at').orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['reserve', 'release', 'reserve', 'use']);
  });

  it('refuses reuse of a used number, a void without a reason, and a taken existing number, changing nothing', async () => {
    const used = tx((t) => useDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 2, documentId: 'other' }));
    await assert.rejects(used, (e: any) => e.code === 'DOCUMENT_NUMBER_TAKEN' && /县委发〔2026〕2号/.test(e.message));
    await assert.rejects(tx((t) => voidDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 1, reason: '  ' })), (e: any) => e.code === 'DOCUMENT_NUMBER_VOID_REASON_REQUIRED');
    await assert.rejects(tx((t) => recordExistingDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2026, serial: 4, documentId: 'x' })), (e: any) => e.code === 'DOCUMENT_NUMBER_TAKEN');
    const reg = await documentNumberRegister(env.ctx.db, '县委发', 2026);
    assert.equal(reg.numbers[0].status, '已预留');
  });

  it('is enforced by the database itself: a second row for the same number is refused', async () => {
    await assert.rejects(
      env.ctx.db.insertInto('document_numbers').values({ issuer_code: '县委发', year: 2026, serial: 2, status: 'used', document_id: 'dup', updated_at: 'x' }).execute(),
      /UNIQUE|duplicate key|PRIMARY/i,
    );
  });

  it('keeps sequences apart per issuer code and year', async () => {
    const a = await tx((t) => reserveDocumentNumber(t, env.ctx, who, { issuerCode: '县委办发', year: 2026 }));
    const b = await tx((t) => reserveDocumentNumber(t, env.ctx, who, { issuerCode: '县委发', year: 2027 }));
    assert.deepEqual([a.text, b.text], ['县委办发〔2026〕1号', '县委发〔2027〕1号']);
  });
});

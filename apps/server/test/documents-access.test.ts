import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestEnv, DIALECT, login, makeUser, multipart, request, seedDocumentCounty, type Session, type TestEnv } from './helpers.ts';

/** 公文 secrecy (密级, 绝密), who sees what, the registers (发文登记簿 / 收文登记簿) and their export. */

const TEXT = (title: string, docType = '通知') => ({
  documentType: docType,
  format: '文件式',
  elements: {
    issuerMark: '县委文件', title, primaryRecipients: ['城关镇'], body: [{ kind: 'paragraph', text: '请认真贯彻落实。' }],
    issuerSignatures: ['县委'], issueDate: '2026-11-02', sealed: true,
  },
});

describe(`公文 secrecy and access (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedDocumentCounty>>;
  let drafter: Session, reviewer: Session, secretary: Session, deputy: Session, propClerk: Session, townClerk: Session, auditor: Session;

  before(async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z', idleMinutes: 60 * 24 * 365 });
    c = await seedDocumentCounty(env);
    await makeUser(env, 'auditadm', { adminRole: 'audit' });
    [drafter, reviewer, secretary, deputy, propClerk, townClerk, auditor] = await Promise.all(['office1', 'office2', 'shuji', 'fushuji', 'prop1', 'town1', 'auditadm'].map((u) => login(env, u)));
  });
  after(() => env.close());

  const act = (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => request(env, 'POST', `/api/documents/${id}/actions/${action}`, { session: s, body });
  const get = (s: Session, url: string) => request(env, 'GET', url, { session: s });
  const listed = async (s: Session, query: string) => (await get(s, `/api/documents?direction=outgoing&${query}`)).body;

  /** A classified 县委 draft, taken to 会签 by the 宣传部 (prop1 there holds no clearance, prop2 does) when asked. */
  async function classified(title: string, classification: string, o: { toCountersign?: boolean } = {}) {
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title, classification, classificationPeriod: '10年' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const id = r.body.id as string;
    const d = (await get(drafter, `/api/documents/${id}`)).body;
    const content = { ...TEXT(title), elements: { ...TEXT(title).elements, copyNumber: '000001' } };
    assert.equal((await request(env, 'PUT', `/api/documents/${id}/content`, { session: drafter, body: { rev: d.contentRev, content } })).status, 200);
    if (o.toCountersign) {
      assert.equal((await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: c.propDept }] })).status, 200);
      const passed = await act(reviewer, id, 'review_pass', { overrideReason: '密级标志由编号登记补全' });
      assert.equal(passed.body.state, 'countersigning', JSON.stringify(passed.body));
    }
    return id;
  }

  it('should hide a classified document from an involved user without clearance: not listed, not opened, not downloaded', async () => {
    const id = await classified('关于秘密事项的通知', 'secret', { toCountersign: true });
    assert.equal((await listed(propClerk, 'q=秘密事项')).total, 0);
    for (const url of [`/api/documents/${id}`, `/api/documents/${id}/docx`, `/api/documents/${id}/print`, `/api/documents/${id}/versions/1`, `/api/documents/${id}/compare?from=1&to=2`]) {
      const r = await get(propClerk, url);
      assert.equal(r.status, 403, url);
      assert.deepEqual(r.body.error, { code: 'CLEARANCE_INSUFFICIENT', message: '您的密级权限不足，不能查看该内容' }, url);
    }
    const agree = await act(propClerk, id, 'countersign_agree', { comment: '同意' });
    assert.equal(agree.status, 403);
    assert.equal(agree.body.error.code, 'CLEARANCE_INSUFFICIENT');
    assert.equal((await get(drafter, `/api/documents/${id}`)).body.participants[0].status, 'pending');
  });

  it('should refuse a 会签 unit with no clerk cleared for the 密级, naming it, and change nothing', async () => {
    const id = await classified('关于秘密会签的通知', 'secret');
    const r = await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: c.otherTownship }] });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.error, { code: 'VALIDATION_FAILED', message: '会签单位或领导：河西镇没有具备本文密级权限的文书，请调整或先由安全保密管理员授权', field: 'countersigners' });
    const d = (await get(drafter, `/api/documents/${id}`)).body;
    assert.equal(d.state, 'drafting');
    assert.deepEqual(d.participants, []);
  });

  it('should not show the title of a classified document in the inbox of a user without clearance', async () => {
    const id = await classified('关于秘密人事安排的通知', 'secret', { toCountersign: true });
    const inbox = await get(propClerk, '/api/inbox?box=todo&pageSize=100');
    assert.deepEqual(inbox.body.items.filter((i: any) => i.entityId === id).map((i: any) => i.title), []);
    assert.equal(JSON.stringify(inbox.body).includes('秘密人事安排'), false);
  });

  it('should answer 404 to a cleared user who is not involved, and leave it out of the register and search', async () => {
    const id = await classified('关于机要事项的通知', 'secret');
    const r = await get(deputy, `/api/documents/${id}`);
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
    assert.equal((await listed(deputy, 'q=机要事项')).total, 0);
    assert.equal((await listed(deputy, '')).items.some((i: any) => i.id === id), false);
    const mine = await listed(drafter, 'q=机要事项');
    assert.deepEqual(mine.items.map((i: any) => [i.id, i.classification]), [[id, 'secret']]);
    const xlsx = await get(deputy, `/api/documents/export.xlsx?direction=outgoing&q=${encodeURIComponent('机要事项')}`);
    assert.equal(xlsx.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as any);
    assert.equal(wb.worksheets[0]!.rowCount, 3, 'title, summary and header rows only');
  });

  it('should audit every read of classified content, and only that', async () => {
    const id = await classified('关于审计阅读的通知', 'secret', { toCountersign: true });
    const plain = (await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: '关于公开事项的通知' } })).body.id;
    await get(drafter, `/api/documents/${plain}`);
    await get(secretary, `/api/documents/${id}`);
    await get(reviewer, `/api/documents/${id}/versions/1`);
    await get(reviewer, `/api/documents/${id}/compare?from=1&to=2`);
    const dl = await get(drafter, `/api/documents/${id}/docx`);
    assert.equal(dl.status, 200);
    const pr = await get(drafter, `/api/documents/${id}/print`);
    assert.equal(pr.status, 200);

    const rows = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'detail']).where('entity_id', '=', id).where('action', 'in', ['document.read_classified', 'document.download', 'document.print']).orderBy('seq').execute();
    // The audit log records that a classified document was read, never what it says: the audit administrator holds no clearance.
    const detail = JSON.stringify({ classification: 'secret' });
    assert.deepEqual(rows, [
      { actor_id: c.drafter, action: 'document.read_classified', detail }, // while drafting it, in classified()
      { actor_id: c.secretary, action: 'document.read_classified', detail },
      { actor_id: c.reviewer, action: 'document.read_classified', detail },
      { actor_id: c.reviewer, action: 'document.read_classified', detail },
      { actor_id: c.drafter, action: 'document.download', detail },
      { actor_id: c.drafter, action: 'document.print', detail },
    ]);
    const plainReads = await env.ctx.db.selectFrom('audit_log').select('seq').where('entity_id', '=', plain).where('action', '=', 'document.read_classified').execute();
    assert.deepEqual(plainReads, []);

    const viaApi = await get(auditor, '/api/audit?action=document.read_classified&pageSize=100');
    assert.equal(viaApi.status, 200);
    const forDoc = viaApi.body.items.filter((i: any) => i.entityId === id);
    assert.deepEqual(forDoc.map((i: any) => [i.actorName, i.entityType, i.detail]).sort(), [['office1姓名', 'document', detail], ['office2姓名', 'document', detail], ['office2姓名', 'document', detail], ['shuji姓名', 'document', detail]].sort());
  });

  it('should refuse to download or print a 绝密 document, and its attachments', async () => {
    const id = await classified('关于绝密事项的通知', 'top_secret');
    const { payload, headers } = multipart(Buffer.from('绝密附件内容'), '绝密附件.txt');
    const up = await request(env, 'POST', '/api/files', { session: drafter, payload, headers });
    assert.equal(up.status, 200);
    const att = await request(env, 'POST', `/api/documents/${id}/attachments`, { session: drafter, body: { fileIds: [up.body.id] } });
    assert.deepEqual([att.status, att.body], [200, { ok: true }]);
    assert.equal((await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] })).status, 200);

    const d = (await get(reviewer, `/api/documents/${id}`)).body;
    assert.deepEqual([d.topSecret, d.classification, d.attachments], [true, 'top_secret', [{ id: up.body.id, name: '绝密附件.txt', size: up.body.size }]]);
    for (const url of [`/api/documents/${id}/docx`, `/api/documents/${id}/print`, `/api/files/${up.body.id}`]) {
      const r = await get(reviewer, url);
      assert.equal(r.status, 403, url);
      assert.deepEqual(r.body.error, { code: 'DOCUMENT_TOP_SECRET_NO_DOWNLOAD', message: '绝密公文只能在系统内阅读，不能下载、打印或复制' }, url);
    }
    const downloads = await env.ctx.db.selectFrom('audit_log').select('seq').where('action', 'in', ['document.download', 'document.print', 'file.download']).where('actor_id', '=', c.reviewer).execute();
    assert.deepEqual(downloads, []);
    const uninvolved = await get(deputy, `/api/documents/${id}`);
    assert.equal(uninvolved.status, 404);
  });

  it('should refuse the uploader too, once the file belongs to a 绝密 document', async () => {
    const id = await classified('关于绝密附件的通知', 'top_secret');
    const { payload, headers } = multipart(Buffer.from('绝密材料'), '绝密材料.txt');
    const up = await request(env, 'POST', '/api/files', { session: drafter, payload, headers });
    await request(env, 'POST', `/api/documents/${id}/attachments`, { session: drafter, body: { fileIds: [up.body.id] } });
    const r = await get(drafter, `/api/files/${up.body.id}`);
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'DOCUMENT_TOP_SECRET_NO_DOWNLOAD');
  });

  it('lets involved users download the attachments and the .docx of an ordinary document', async () => {
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: '关于普通附件的通知' } });
    const id = r.body.id;
    const { payload, headers } = multipart(Buffer.from('普通附件内容'), '普通附件.txt');
    const up = await request(env, 'POST', '/api/files', { session: drafter, payload, headers });
    await request(env, 'POST', `/api/documents/${id}/attachments`, { session: drafter, body: { fileIds: [up.body.id] } });
    await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] });
    const file = await get(reviewer, `/api/files/${up.body.id}`);
    assert.equal(file.status, 200);
    assert.equal(file.raw.toString(), '普通附件内容');
    assert.equal((await get(deputy, `/api/files/${up.body.id}`)).status, 404);
    const docx = await get(reviewer, `/api/documents/${id}/docx`);
    assert.equal(docx.status, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(docx.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('关于普通附件的通知.docx')}`);
    assert.equal(docx.raw.subarray(0, 2).toString(), 'PK');
    const print = await get(reviewer, `/api/documents/${id}/print`);
    assert.equal(print.status, 200);
    assert.match(String(print.headers['content-type']), /^text\/html/);
    assert.match(print.raw.toString(), /关于普通附件的通知/);
  });

  it('should refuse attachments that are not the user\'s own, or at a step where they may not edit', async () => {
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: '关于附件校验的通知' } });
    const id = r.body.id;
    const { payload, headers } = multipart(Buffer.from('别人的文件'), '别人的文件.txt');
    const others = await request(env, 'POST', '/api/files', { session: reviewer, payload, headers });
    const notMine = await request(env, 'POST', `/api/documents/${id}/attachments`, { session: drafter, body: { fileIds: [others.body.id] } });
    assert.equal(notMine.status, 400);
    assert.deepEqual(notMine.body.error, { code: 'VALIDATION_FAILED', message: '附件：只能添加您本人上传的文件', field: 'fileIds' });
    const empty = await request(env, 'POST', `/api/documents/${id}/attachments`, { session: drafter, body: { fileIds: [] } });
    assert.deepEqual(empty.body.error, { code: 'VALIDATION_FAILED', message: '附件：至少选择1项', field: 'fileIds' });
    const byReviewer = await request(env, 'POST', `/api/documents/${id}/attachments`, { session: reviewer, body: { fileIds: [others.body.id] } });
    assert.equal(byReviewer.status, 409);
    assert.deepEqual(byReviewer.body.error, { code: 'DOCUMENT_READ_ONLY', message: '当前环节您不能添加附件' });
    assert.deepEqual((await get(drafter, `/api/documents/${id}`)).body.attachments, []);
  });

  it('should refuse a 密级 above the user\'s own clearance when drafting or saving', async () => {
    const tooHigh = await request(env, 'POST', '/api/documents/outgoing', { session: townClerk, body: { issuerUnitId: c.township, docType: '通知', title: '关于机密事项的通知', classification: 'confidential' } });
    assert.equal(tooHigh.status, 403);
    assert.deepEqual(tooHigh.body.error, { code: 'CLEARANCE_INSUFFICIENT', message: '密级：不能高于您本人的密级权限', field: 'classification' });
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: townClerk, body: { issuerUnitId: c.township, docType: '通知', title: '关于镇里事项的通知' } });
    assert.equal(r.status, 200);
    const d = (await get(townClerk, `/api/documents/${r.body.id}`)).body;
    const raise = await request(env, 'PUT', `/api/documents/${r.body.id}/content`, { session: townClerk, body: { rev: d.contentRev, content: d.content, classification: 'top_secret' } });
    assert.equal(raise.status, 403);
    assert.deepEqual(raise.body.error, { code: 'CLEARANCE_INSUFFICIENT', message: '密级：不能高于您本人的密级权限', field: 'classification' });
    const after = (await get(townClerk, `/api/documents/${r.body.id}`)).body;
    assert.deepEqual([after.classification, after.contentRev], ['none', d.contentRev]);
  });

  it('shows the number register only to the issuer\'s clerks', async () => {
    const other = await get(townClerk, `/api/documents/numbers?issuerCode=${encodeURIComponent('示委')}&year=2026`);
    assert.equal(other.status, 403);
    assert.deepEqual(other.body.error, { code: 'FORBIDDEN', message: '只能查看本单位的发文字号登记' });
    const missing = await get(drafter, '/api/documents/numbers?year=2026');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error, { code: 'VALIDATION_FAILED', message: '机关代字：不能为空', field: 'issuerCode' });
  });
});

/** A sheet's rows as arrays of cell values; a merged title row reads as its one value. */
function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  return Array.from({ length: ws.rowCount }, (_, i) => {
    const row = ws.getRow(i + 1);
    if (row.getCell(1).isMerged) return [row.getCell(1).value];
    return (row.values as unknown[]).slice(1).map((v) => v ?? '');
  });
}

describe(`登记簿 registers and export (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedDocumentCounty>>;
  let drafter: Session, reviewer: Session, secretary: Session, townClerk: Session, otherClerk: Session;
  const ids: Record<string, string> = {};

  const act = (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => request(env, 'POST', `/api/documents/${id}/actions/${action}`, { session: s, body });
  const register = async (s: Session, query: string) => {
    const r = await request(env, 'GET', `/api/documents?${query}`, { session: s });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const draft = async (title: string, o: Record<string, unknown> = {}) => {
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title, ...o } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.id as string;
  };

  // Four 县委 documents across the new year in Shanghai, and two incoming documents of the 城关镇.
  before(async () => {
    env = await createTestEnv({ now: '2025-12-31T15:00:00Z', idleMinutes: 60 * 24 * 365 });
    c = await seedDocumentCounty(env);
    [drafter, reviewer, secretary, townClerk, otherClerk] = await Promise.all(['office1', 'office2', 'shuji', 'town1', 'town2'].map((u) => login(env, u)));
    ids.lastYear = await draft('关于2025年岁末工作的通知'); // 23:00 on 31 December in Shanghai
    env.clock.now = new Date('2025-12-31T16:30:00Z'); // 00:30 on 1 January 2026
    ids.request = await draft('关于申请专项经费的请示', { docType: '请示', urgency: 'urgent' });
    env.clock.now = new Date('2026-11-02T02:00:00Z');
    ids.issued = await draft('关于森林防火的通知', { urgency: 'very_urgent' });
    const d = (await request(env, 'GET', `/api/documents/${ids.issued}`, { session: drafter })).body;
    await request(env, 'PUT', `/api/documents/${ids.issued}/content`, { session: drafter, body: { rev: d.contentRev, content: TEXT('关于森林防火的通知') } });
    for (const [s, action, body] of [
      [drafter, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }],
      [reviewer, 'review_pass', {}],
      [secretary, 'sign', { comment: '同意' }],
      [drafter, 'register', { copies: 5 }],
      [drafter, 'seal', {}],
      [drafter, 'issue', {}],
    ] as const) {
      const r = await act(s, ids.issued, action, body);
      assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
    }
    env.clock.now = new Date('2026-11-02T03:00:00Z');
    ids.flood = await draft('关于做好防汛准备的通知');
    ids.paper = (await request(env, 'POST', '/api/documents/incoming', { session: townClerk, body: { title: '关于报送统计数据的函', docType: '函', senderName: '县统计局', senderNumber: '县统〔2026〕3号', receivedVia: '邮寄' } })).body.id;
  });
  after(() => env.close());

  it('lists the issuer\'s register newest first, filtered by year in Shanghai time', async () => {
    const all = await register(drafter, 'direction=outgoing');
    assert.deepEqual(all.items.map((i: any) => i.id), [ids.flood, ids.issued, ids.request, ids.lastYear]);
    assert.equal(all.total, 4);
    assert.deepEqual((await register(drafter, 'direction=outgoing&year=2025')).items.map((i: any) => i.id), [ids.lastYear]);
    const y2026 = await register(drafter, 'direction=outgoing&year=2026');
    assert.deepEqual([y2026.items.map((i: any) => i.id), y2026.total], [[ids.flood, ids.issued, ids.request], 3]);
    const page = await register(drafter, 'direction=outgoing&year=2026&pageSize=2&page=2');
    assert.deepEqual([page.items.map((i: any) => i.id), page.total], [[ids.request], 3]);
  });

  it('filters by 文种, state, urgency and a search on the title and the 发文字号', async () => {
    const ids_ = async (q: string) => (await register(drafter, `direction=outgoing&${q}`)).items.map((i: any) => i.id);
    assert.deepEqual(await ids_(`docType=${encodeURIComponent('请示')}`), [ids.request]);
    assert.deepEqual(await ids_('state=issued'), [ids.issued]);
    assert.deepEqual(await ids_('state=drafting'), [ids.flood, ids.request, ids.lastYear]);
    assert.deepEqual(await ids_('urgency=very_urgent'), [ids.issued]);
    assert.deepEqual(await ids_(`q=${encodeURIComponent('防汛')}`), [ids.flood]);
    assert.deepEqual(await ids_(`q=${encodeURIComponent('示委〔2026〕1号')}`), [ids.issued]);
    assert.deepEqual(await ids_(`q=${encodeURIComponent('示委')}&year=2025`), []);
    const row = (await register(drafter, 'direction=outgoing&state=issued')).items[0];
    assert.deepEqual(
      [row.title, row.docType, row.numberText, row.urgency, row.unitName, row.createdByName, row.stateLabel, row.signedAt, row.issuedAt, row.holders],
      ['关于森林防火的通知', '通知', '示委〔2026〕1号', 'very_urgent', '县委', 'office1姓名', '已印发', '2026-11-02T02:00:00.000Z', '2026-11-02T02:00:00.000Z', []],
    );
  });

  it('lists only what the user may see: the recipient sees its incoming copy, not the issuer\'s drafts', async () => {
    assert.equal((await register(townClerk, 'direction=outgoing')).total, 0);
    const incoming = await register(townClerk, 'direction=incoming');
    assert.deepEqual(incoming.items.map((i: any) => [i.title, i.state, i.senderName]), [
      ['关于报送统计数据的函', 'registered', '县统计局'],
      ['关于森林防火的通知', 'pending_receipt', '县委'],
    ]);
    assert.deepEqual((await register(townClerk, `direction=incoming&q=${encodeURIComponent('统计局')}`)).items.map((i: any) => i.incomingNumber), ['收〔2026〕1号']);
    assert.equal((await register(otherClerk, 'direction=incoming')).total, 0);
  });

  it('exports the filtered register as .xlsx: a title row, a summary, the header and one row per document', async () => {
    const r = await request(env, 'GET', '/api/documents/export.xlsx?direction=outgoing&year=2026', { session: drafter });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(r.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('2026年发文登记簿.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as any);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '2026年发文登记簿');
    const rows = sheetRows(ws);
    assert.deepEqual(ws.getCell('A1').isMerged && ws.getCell('K1').isMerged, true, 'the title spans the columns');
    assert.deepEqual(rows[0], ['2026年发文登记簿']);
    assert.deepEqual(rows[1], ['导出时间：2026-11-02 11:00　共 3 件']);
    assert.deepEqual(rows[2], ['发文字号', '标题', '文种', '发文单位', '密级', '紧急程度', '拟稿人', '拟稿时间', '签发时间', '印发时间', '状态']);
    assert.deepEqual(rows.slice(3), [
      [undefined, '关于做好防汛准备的通知', '通知', '县委', '非密', '普通', 'office1姓名', '2026-11-02 11:00', undefined, undefined, '拟稿'],
      ['示委〔2026〕1号', '关于森林防火的通知', '通知', '县委', '非密', '特急', 'office1姓名', '2026-11-02 10:00', '2026-11-02 10:00', '2026-11-02 10:00', '已印发'],
      [undefined, '关于申请专项经费的请示', '请示', '县委', '非密', '加急', 'office1姓名', '2026-01-01 00:30', undefined, undefined, '拟稿'],
    ].map((row) => row.map((v) => v ?? '')));
    const audited = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'document.export').execute();
    assert.deepEqual(audited, [{ actor_id: c.drafter, detail: JSON.stringify({ direction: 'outgoing', rows: 3 }) }]);
  });

  it('exports the incoming register with its own columns', async () => {
    const r = await request(env, 'GET', `/api/documents/export.xlsx?direction=incoming&q=${encodeURIComponent('统计')}`, { session: townClerk });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as any);
    const ws = wb.worksheets[0]!;
    const rows = sheetRows(ws);
    assert.deepEqual(rows[0], ['收文登记簿']);
    assert.deepEqual(rows[2], ['收文编号', '来文单位', '来文字号', '标题', '文种', '密级', '紧急程度', '收文时间', '办理期限', '当前办理', '状态']);
    assert.deepEqual(rows.slice(3), [['收〔2026〕1号', '县统计局', '县统〔2026〕3号', '关于报送统计数据的函', '函', '非密', '普通', '2026-11-02 11:00', '', '城关镇', '待初审']]);
  });

  it('refuses bad register queries naming the field', async () => {
    const cases: [string, string, string][] = [
      ['', 'direction', '收发类别：不能为空'],
      ['direction=sideways', 'direction', '收发类别：取值无效（可选：outgoing、incoming）'],
      ['direction=outgoing&year=1999', 'year', '年份：不能小于2000'],
      ['direction=outgoing&docType=memo', 'docType', '文种：取值无效'],
      ['direction=outgoing&overdue=yes', 'overdue', '仅看逾期：取值无效（可选：true、false）'],
      ['direction=outgoing&pageSize=1000', 'pageSize', '每页条数：不能大于100'],
    ];
    for (const [query, field, message] of cases) {
      for (const url of [`/api/documents?${query}`, `/api/documents/export.xlsx?${query}`]) {
        if (url.includes('export') && field === 'pageSize') continue;
        const r = await request(env, 'GET', url, { session: drafter });
        assert.equal(r.status, 400, url);
        assert.equal(r.body.error.field, field, url);
        assert.ok(r.body.error.message.startsWith(message), `${url}: ${r.body.error.message}`);
      }
    }
  });

  it('counts a document once however many ways the user is involved in it, whether their unit\'s or another\'s', async () => {
    // A 城关镇 draft reviewed by the 县委办's office2 and countersigned by the 县委办 as a unit.
    const town = await request(env, 'POST', '/api/documents/outgoing', { session: townClerk, body: { issuerUnitId: c.township, docType: '通知', title: '关于城关镇冬季供暖的通知' } });
    assert.equal(town.status, 200, JSON.stringify(town.body));
    const submitted = await act(townClerk, town.body.id, 'submit', { reviewerId: c.reviewer, signerIds: [c.townHead], countersigners: [{ unitId: c.office }] });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    // office2 reviews ids.issued (the 县委's own) and the township draft; office1 sees the township draft through the 县委办's 会签.
    for (const s of [reviewer, drafter]) {
      const all = await register(s, 'direction=outgoing');
      assert.deepEqual([all.total, all.items.map((i: any) => i.id)], [5, [town.body.id, ids.flood, ids.issued, ids.request, ids.lastYear]]);
      const search = await register(s, `direction=outgoing&q=${encodeURIComponent('通知')}`);
      assert.deepEqual([search.total, search.items.map((i: any) => i.id)], [4, [town.body.id, ids.flood, ids.issued, ids.lastYear]]);
    }
    assert.equal((await act(townClerk, town.body.id, 'cancel', { comment: '并入年度通知' })).status, 409, 'under review it cannot be withdrawn');
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, DIALECT, login, makeUnit, makeUser, request, seedDocumentCounty, type Session, type TestEnv } from './helpers.ts';

/** 发文 (条例 第18–22条, 第25条): 拟稿 → 核稿 → 会签 → 签发 → 复核 → 编号登记 → 用印 → 印发 → 归档, through the HTTP API. */
describe(`发文 outgoing documents (${DIALECT})`, () => {
  let env: TestEnv;
  let c: Awaited<ReturnType<typeof seedDocumentCounty>>;
  let drafter: Session, reviewer: Session, secretary: Session, deputy: Session, orgHead: Session, orgClerk: Session, propClerk: Session;
  let townClerk: Session, otherClerk: Session, auditor: Session;

  // Monday 2026-11-02 10:00 Shanghai. Sessions outlive the clock moves below.
  before(async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z', idleMinutes: 60 * 24 * 365 });
    c = await seedDocumentCounty(env);
    await makeUser(env, 'auditadm', { adminRole: 'audit' });
    [drafter, reviewer, secretary, deputy, orgHead, orgClerk, propClerk, townClerk, otherClerk, auditor] = await Promise.all(
      ['office1', 'office2', 'shuji', 'fushuji', 'orghead', 'org1', 'prop1', 'town1', 'town2', 'auditadm'].map((u) => login(env, u)),
    );
  });
  after(() => env.close());

  // ---- small steps -----------------------------------------------------------------------------

  const TITLE = '关于做好冬季防火工作的通知';
  /** A text the checker finds no error in; `body` may carry one on purpose. */
  const text = (o: { title?: string; body?: string; primary?: string[]; copy?: string[]; printingDate?: string; docType?: string } = {}) => ({
    documentType: o.docType ?? '通知',
    format: '文件式',
    elements: {
      issuerMark: '县委文件',
      title: o.title ?? TITLE,
      primaryRecipients: o.primary ?? ['城关镇', '河西镇'],
      body: [{ kind: 'paragraph', text: o.body ?? '为切实做好今冬明春火灾防控工作，现将有关事项通知如下。' }],
      issuerSignatures: ['县委'],
      issueDate: '2026-11-02',
      sealed: true,
      copyRecipients: o.copy ?? ['县委组织部', '县应急管理局'],
      ...(o.printingDate ? { printingDate: o.printingDate } : {}),
    },
  });
  const detail = async (s: Session, id: string) => (await request(env, 'GET', `/api/documents/${id}`, { session: s })).body;
  const act = (s: Session, id: string, action: string, body: Record<string, unknown> = {}) => request(env, 'POST', `/api/documents/${id}/actions/${action}`, { session: s, body });
  /** Saves a whole text with the current rev. */
  const save = async (s: Session, id: string, content: unknown) => {
    const rev = (await detail(s, id)).contentRev;
    return request(env, 'PUT', `/api/documents/${id}/content`, { session: s, body: { rev, content } });
  };
  /** Edits the current text as the editor does: change some elements, save with the current rev. */
  const edit = async (s: Session, id: string, elements: Record<string, unknown>) => {
    const d = await detail(s, id);
    return request(env, 'PUT', `/api/documents/${id}/content`, { session: s, body: { rev: d.contentRev, content: { ...d.content, elements: { ...d.content.elements, ...elements } } } });
  };
  const todos = async (s: Session, id?: string) => {
    const r = await request(env, 'GET', '/api/inbox?box=todo&pageSize=100', { session: s });
    return r.body.items.filter((i: any) => i.module === 'document' && (!id || i.entityId === id)).map((i: any) => i.task);
  };
  const numbers = async () => (await request(env, 'GET', `/api/documents/numbers?issuerCode=${encodeURIComponent('示委')}&year=2026`, { session: drafter })).body;
  const countDocuments = async () => Number((await env.ctx.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** A draft of the 县委 with a clean text; returns its id. */
  async function draft(o: { body?: Record<string, unknown>; text?: Parameters<typeof text>[0] } = {}): Promise<string> {
    const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: TITLE, ...o.body } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const saved = await save(drafter, r.body.id, text(o.text));
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    return r.body.id;
  }
  /** Expects a step to succeed and land in `state`; returns the DocumentDetail. */
  async function ok(r: Promise<{ status: number; body: any }>, state: string) {
    const res = await r;
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.state, state);
    return res.body;
  }
  /** 拟稿 → 核稿 → 签发 by the 书记, no 会签. */
  async function toSigning(o: Parameters<typeof draft>[0] = {}): Promise<string> {
    const id = await draft(o);
    await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
    await ok(act(reviewer, id, 'review_pass'), 'signing');
    return id;
  }
  async function toNumbering(o: Parameters<typeof draft>[0] = {}): Promise<string> {
    const id = await toSigning(o);
    await ok(act(secretary, id, 'sign', { comment: '同意' }), 'numbering');
    return id;
  }
  async function toSealing(o: Parameters<typeof draft>[0] = {}): Promise<string> {
    const id = await toNumbering(o);
    await ok(act(drafter, id, 'register', { copies: 10 }), 'sealing');
    return id;
  }

  // ---- the whole way, one document ---------------------------------------------------------------

  describe('the whole way: 拟稿 to 归档', () => {
    let id: string;

    it('creates a draft with a starting text from the issuer and an "initiated" row for the drafter', async () => {
      const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: TITLE } });
      assert.equal(r.status, 200);
      id = r.body.id;
      const d = await detail(drafter, id);
      assert.equal(d.state, 'drafting');
      assert.equal(d.stateLabel, '拟稿');
      assert.equal(d.unitName, '县委');
      assert.equal(d.format, '文件式');
      assert.equal(d.contentRev, 1);
      assert.equal(d.editable, true);
      assert.deepEqual(d.content, {
        documentType: '通知', format: '文件式',
        elements: { issuerMark: '县委文件', title: TITLE, primaryRecipients: [], body: [{ kind: 'paragraph', text: '' }], issuerSignatures: ['县委'], issueDate: '2026-11-02', sealed: true },
      });
      assert.deepEqual(d.versions, [{ versionNo: 1, step: '拟稿', authorName: 'office1姓名', createdAt: '2026-11-02T02:00:00.000Z' }]);
      assert.deepEqual(d.history.map((h: any) => [h.action, h.actionLabel, h.toState]), [['create', '拟稿', 'drafting']]);
      assert.deepEqual(d.availableActions.map((a: any) => a.action), ['submit', 'cancel']);
      const mine = await request(env, 'GET', '/api/inbox?box=mine', { session: drafter });
      const row = mine.body.items.find((i: any) => i.entityId === id);
      assert.deepEqual([row.module, row.task, row.title, row.state], ['document', '拟稿', TITLE, 'open']);
    });

    it('autosaves with a rising rev; a stale rev is refused with 409 and changes nothing', async () => {
      const first = await request(env, 'PUT', `/api/documents/${id}/content`, { session: drafter, body: { rev: 1, content: text({ body: '各单位要再接再励，做好防火工作。' }) } });
      assert.equal(first.status, 200);
      assert.equal(first.body.rev, 2);
      assert.equal(first.body.resignRequired, false);
      assert.deepEqual(first.body.findings.map((f: any) => [f.code, f.severity, f.element, f.message]), [['MISUSED_WORD', 'error', 'body[0]', '“再接再励”疑为错别字，应为“再接再厉”。']]);

      const stale = await request(env, 'PUT', `/api/documents/${id}/content`, { session: drafter, body: { rev: 1, content: text({ body: '别人的旧稿。' }) } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.code, 'DOCUMENT_EDIT_CONFLICT');
      assert.equal(stale.body.error.message, '文稿已被他人修改，请刷新后再编辑（您未保存的内容已保留在本机）');
      const d = await detail(drafter, id);
      assert.equal(d.contentRev, 2);
      assert.equal(d.content.elements.body[0].text, '各单位要再接再励，做好防火工作。');
      assert.equal(d.versions.length, 1, 'autosaves do not make versions; steps do');
    });

    it('submits to the reviewer with signers and 会签 parties; the reviewer gets a 核稿 to-do', async () => {
      const d = await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: c.propDept }, { userId: c.deputy }] }), 'reviewing');
      assert.equal(d.reviewerName, 'office2姓名');
      assert.deepEqual(d.holders, ['office2姓名']);
      assert.equal(d.editable, false, 'the drafter no longer holds the text');
      assert.deepEqual(d.participants.map((p: any) => [p.kind, p.userName ?? p.unitName, p.round, p.status]), [
        ['countersign', '县委宣传部', 1, 'waiting'],
        ['countersign', 'fushuji姓名', 1, 'waiting'],
        ['signer', 'shuji姓名', 1, 'waiting'],
      ]);
      assert.deepEqual(d.versions.map((v: any) => [v.versionNo, v.step, v.authorName]), [[1, '拟稿', 'office1姓名'], [2, '拟稿', 'office1姓名']]);
      assert.deepEqual(await todos(reviewer, id), ['核稿']);
      assert.equal((await detail(reviewer, id)).editable, true, 'the reviewer may edit while 核稿');
    });

    it('核稿 returns it to the drafter with reasons, who gets a 修改文稿 to-do', async () => {
      const noReason = await act(reviewer, id, 'review_return', { comment: '  ' });
      assert.equal(noReason.status, 400);
      assert.deepEqual(noReason.body.error, { code: 'VALIDATION_FAILED', message: '意见：不能为空', field: 'comment' });

      const d = await ok(act(reviewer, id, 'review_return', { comment: '第一段有错别字，请修改' }), 'drafting');
      const last = d.history.at(-1);
      assert.deepEqual([last.action, last.actionLabel, last.fromState, last.toState, last.actorName, last.comment], ['review_return', '退回修改', 'reviewing', 'drafting', 'office2姓名', '第一段有错别字，请修改']);
      assert.deepEqual(await todos(drafter, id), ['修改文稿']);
      assert.deepEqual(await todos(reviewer, id), []);
      assert.equal(d.participants.some((p: any) => p.status === 'waiting' || p.status === 'pending'), false, 'the round is over');
    });

    it('refuses 核稿通过 while the checker still finds an error, and passes once the reviewer fixes it', async () => {
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: c.propDept }, { userId: c.deputy }] }), 'reviewing');
      assert.deepEqual(await todos(drafter, id), [], 'resubmitting settles 修改文稿');

      const refused = await act(reviewer, id, 'review_pass', {});
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'DOCUMENT_UNRESOLVED_ERRORS');
      assert.equal(refused.body.error.field, 'overrideReason');
      assert.equal(refused.body.error.message, '核稿通过理由：文稿还有1处错误（如““再接再励”疑为错别字，应为“再接再厉”。”），请修改，或填写仍予通过的理由');
      assert.equal((await detail(reviewer, id)).state, 'reviewing');

      const fixed = await save(reviewer, id, text({ body: '各单位要再接再厉，做好防火工作。' }));
      assert.deepEqual(fixed.body.findings, []);
      const d = await ok(act(reviewer, id, 'review_pass', { comment: '已改正' }), 'countersigning');
      assert.equal(d.reviewOverrideReason, null);
      assert.deepEqual(d.versions.map((v: any) => [v.versionNo, v.step, v.authorName]), [[1, '拟稿', 'office1姓名'], [2, '拟稿', 'office1姓名'], [3, '核稿', 'office2姓名']]);
      assert.deepEqual(d.participants.filter((p: any) => p.round === 2).map((p: any) => [p.kind, p.status]), [['countersign', 'pending'], ['countersign', 'pending'], ['signer', 'waiting']]);
    });

    it('核稿通过 with errors left needs a reason, which is recorded with the errors', async () => {
      const other = await draft({ text: { title: '关于核稿理由的通知', body: '各单位要再接再励，做好防火工作。' } });
      await ok(act(drafter, other, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      const d = await ok(act(reviewer, other, 'review_pass', { overrideReason: '引用原文，不作修改' }), 'signing');
      assert.equal(d.reviewOverrideReason, '引用原文，不作修改');
      assert.deepEqual(d.history.at(-1).data, { unresolvedErrors: ['MISUSED_WORD'], overrideReason: '引用原文，不作修改' });
      assert.deepEqual(d.findings.map((f: any) => f.code), ['MISUSED_WORD'], 'the finding stays visible to the signer');
    });

    it('会签 in parallel: stays in 会签 after the first party agrees, moves to 签发 after the last', async () => {
      assert.deepEqual(await todos(propClerk, id), ['会签']);
      assert.deepEqual(await todos(deputy, id), ['会签']);
      const afterFirst = await ok(act(propClerk, id, 'countersign_agree', { comment: '宣传部同意' }), 'countersigning');
      assert.deepEqual(afterFirst.holders, ['fushuji姓名']);
      const prop = afterFirst.participants.find((p: any) => p.round === 2 && p.unitName === '县委宣传部');
      assert.deepEqual([prop.status, prop.opinion, prop.actedByName, prop.actedAt], ['agreed', '宣传部同意', 'prop1姓名', '2026-11-02T02:00:00.000Z']);
      assert.deepEqual(await todos(propClerk, id), []);
      assert.deepEqual(await todos(deputy, id), ['会签']);
      assert.deepEqual(await todos(secretary, id), [], 'the signer waits for 会签');

      const again = await act(propClerk, id, 'countersign_agree', { comment: '再次同意' });
      assert.equal(again.status, 403, 'a party who has agreed no longer holds it');
      assert.equal(again.body.error.code, 'WORKFLOW_FORBIDDEN');

      await ok(act(deputy, id, 'countersign_agree', { comment: '同意' }), 'signing');
      assert.deepEqual(await todos(secretary, id), ['签发']);
    });

    it('签发 records the opinion, name and date, and sets the 成文日期 to the day of signing', async () => {
      env.clock.now = new Date('2026-11-03T01:30:00Z'); // Tuesday
      const noOpinion = await act(secretary, id, 'sign', {});
      assert.equal(noOpinion.status, 400);
      assert.deepEqual(noOpinion.body.error, { code: 'VALIDATION_FAILED', message: '意见：不能为空', field: 'comment' });

      const d = await ok(act(secretary, id, 'sign', { comment: '同意印发' }), 'numbering');
      assert.equal(d.signedAt, '2026-11-03T01:30:00.000Z');
      assert.deepEqual(d.signedByNames, ['shuji姓名']);
      const signer = d.participants.find((p: any) => p.kind === 'signer' && p.round === 2);
      assert.deepEqual([signer.status, signer.opinion, signer.actedByName, signer.actedAt], ['agreed', '同意印发', 'shuji姓名', '2026-11-03T01:30:00.000Z']);
      assert.equal(d.content.elements.issueDate, '2026-11-03');
      assert.equal(d.signedVersionNo, 4);
      assert.deepEqual(d.versions.at(-1), { versionNo: 4, step: '签发', authorName: 'shuji姓名', createdAt: '2026-11-03T01:30:00.000Z' }, 'the 成文日期 is the signer\'s change');
      assert.deepEqual(await todos(drafter, id), ['编号登记']);
      assert.deepEqual(await todos(secretary, id), []);
    });

    it('编号登记 validates the copies, then allocates 示委〔2026〕1号 and the distribution from 主送 and 抄送', async () => {
      const none = await act(drafter, id, 'register', {});
      assert.deepEqual(none.body.error, { code: 'VALIDATION_FAILED', message: '印发份数：不能为空', field: 'copies' });
      const zero = await act(drafter, id, 'register', { copies: 0 });
      assert.equal(zero.status, 400);
      assert.deepEqual(zero.body.error, { code: 'VALIDATION_FAILED', message: '印发份数：请填写1至100000之间的整数', field: 'copies' });
      assert.equal((await detail(drafter, id)).numberText, null, 'a refused registration takes no number');

      const d = await ok(act(drafter, id, 'register', { copies: 30 }), 'sealing');
      assert.equal(d.numberText, '示委〔2026〕1号');
      assert.equal(d.copies, 30);
      assert.deepEqual(d.content.elements.documentNumber, { text: '示委〔2026〕1号', issuerCode: '示委', year: 2026, serial: 1 });
      assert.deepEqual(d.distributions.map((x: any) => [x.kind, x.recipientName, x.recipientUnitId, x.copies, x.sentAt]), [
        ['primary', '城关镇', c.township, 1, null],
        ['primary', '河西镇', c.otherTownship, 1, null],
        ['copy', '县委组织部', c.orgDept, 1, null],
        ['copy', '县应急管理局', null, 1, null],
      ]);
      assert.deepEqual(await numbers(), { numbers: [{ text: '示委〔2026〕1号', status: '已使用', documentId: id }], gaps: [] });
    });

    it('作废文号 keeps the number as void with its reason, and the next registration takes a new one', async () => {
      const noReason = await act(drafter, id, 'void_number', {});
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.error.field, 'comment');
      const d = await ok(act(drafter, id, 'void_number', { comment: '印制前发现文号登记错误' }), 'numbering');
      assert.equal(d.numberText, null);
      assert.equal(d.content.elements.documentNumber, undefined);
      assert.deepEqual(await numbers(), { numbers: [{ text: '示委〔2026〕1号', status: '已作废', documentId: id, reason: '印制前发现文号登记错误' }], gaps: [] });

      const again = await ok(act(drafter, id, 'register', { copies: 30 }), 'sealing');
      assert.equal(again.numberText, '示委〔2026〕2号');
      assert.deepEqual(await numbers(), {
        numbers: [
          { text: '示委〔2026〕1号', status: '已作废', documentId: id, reason: '印制前发现文号登记错误' },
          { text: '示委〔2026〕2号', status: '已使用', documentId: id },
        ],
        gaps: [],
      });
    });

    it('用印 and 印发: each internal recipient gets an incoming document awaiting 签收, outside organs none', async () => {
      const sealed = await ok(act(drafter, id, 'seal'), 'distributing');
      assert.deepEqual(sealed.availableActions.map((a: any) => a.action), ['void_number', 'issue']);
      const d = await ok(act(drafter, id, 'issue', { comment: '机要交换' }), 'issued');
      assert.equal(d.issuedAt, '2026-11-03T01:30:00.000Z');
      assert.equal(d.content.elements.printingDate, '2026-11-03');
      assert.equal(d.content.elements.printingOrgan, '县委办公室', 'the 办公室 prints for the 党委');
      assert.deepEqual(d.distributions.map((x: any) => [x.recipientName, x.sentAt, x.receivedAt]), [
        ['城关镇', '2026-11-03T01:30:00.000Z', null],
        ['河西镇', '2026-11-03T01:30:00.000Z', null],
        ['县委组织部', '2026-11-03T01:30:00.000Z', null],
        ['县应急管理局', '2026-11-03T01:30:00.000Z', null],
      ]);
      const copies = await env.ctx.db.selectFrom('documents').select(['id', 'unit_id', 'state', 'direction']).where('source_document_id', '=', id).execute();
      assert.deepEqual(copies.map((x) => [x.unit_id, x.state, x.direction]).sort(), [[c.township, 'pending_receipt', 'incoming'], [c.otherTownship, 'pending_receipt', 'incoming'], [c.orgDept, 'pending_receipt', 'incoming']].sort());

      const townInbox = await request(env, 'GET', '/api/inbox?box=todo', { session: townClerk });
      const todo = townInbox.body.items.find((i: any) => i.module === 'document');
      assert.deepEqual([todo.task, todo.title], ['签收', TITLE]);
      const incoming = await detail(townClerk, todo.entityId);
      assert.deepEqual(
        [incoming.direction, incoming.state, incoming.stateLabel, incoming.unitName, incoming.senderName, incoming.numberText, incoming.sourceDocumentId, incoming.receivedVia],
        ['incoming', 'pending_receipt', '待签收', '城关镇', '县委', '示委〔2026〕2号', id, '电子公文'],
      );
      assert.deepEqual(incoming.content, d.content, 'the recipient gets the issued text');
      assert.deepEqual(await todos(orgClerk), ['签收']);
      assert.deepEqual(await todos(otherClerk), ['签收']);
      assert.deepEqual(await todos(drafter, id), [], 'nothing left to do on the issued document');
      const mine = (await request(env, 'GET', '/api/inbox?box=mine', { session: drafter })).body.items.find((i: any) => i.entityId === id);
      assert.deepEqual([mine.task, mine.state], ['已印发', 'done']);
    });

    it('shows on the distribution list who has signed for it and who has not', async () => {
      env.clock.now = new Date('2026-11-03T02:00:00Z');
      const incomingId = (await env.ctx.db.selectFrom('documents').select('id').where('source_document_id', '=', id).where('unit_id', '=', c.township).executeTakeFirstOrThrow()).id;
      await ok(act(townClerk, incomingId, 'receive'), 'registered');
      const d = await detail(drafter, id);
      assert.deepEqual(d.distributions.map((x: any) => [x.recipientName, x.receivedAt, x.receivedByName]), [
        ['城关镇', '2026-11-03T02:00:00.000Z', 'town1姓名'],
        ['河西镇', null, null],
        ['县委组织部', null, null],
        ['县应急管理局', null, null],
      ]);
      const note = d.history.at(-1);
      assert.deepEqual([note.action, note.actionLabel, note.actorName, note.fromState, note.toState], ['recipient_received', '收文单位签收', 'town1姓名（城关镇）', 'issued', 'issued']);
    });

    it('归档 needs a retention; an archived document is read-only', async () => {
      const none = await act(drafter, id, 'archive', {});
      assert.deepEqual(none.body.error, { code: 'VALIDATION_FAILED', message: '保管期限：不能为空', field: 'retention' });
      const wrong = await act(drafter, id, 'archive', { retention: '5y' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.field, 'retention');
      assert.equal(wrong.body.error.message, '保管期限：取值无效（可选：permanent、30y、10y）');

      const d = await ok(act(drafter, id, 'archive', { retention: 'permanent' }), 'archived');
      assert.deepEqual([d.retention, d.archivedAt, d.editable, d.availableActions, d.holders], ['permanent', '2026-11-03T02:00:00.000Z', false, [], []]);
      const edit = await request(env, 'PUT', `/api/documents/${id}/content`, { session: drafter, body: { rev: d.contentRev, content: text({ body: '归档后再改。' }) } });
      assert.equal(edit.status, 409);
      assert.deepEqual(edit.body.error, { code: 'DOCUMENT_READ_ONLY', message: '已归档的公文只能查阅，不能修改' });
      assert.deepEqual((await detail(drafter, id)).content.elements.body, d.content.elements.body);
      const late = await act(drafter, id, 'issue');
      assert.equal(late.status, 409);
      assert.deepEqual(late.body.error, { code: 'WORKFLOW_ACTION_NOT_ALLOWED', message: '当前状态"已归档"下不能执行"印发分送"' });
    });

    it('keeps every step in the history, in order', async () => {
      const d = await detail(drafter, id);
      assert.deepEqual(
        d.history.map((h: any) => h.action),
        ['create', 'submit', 'review_return', 'submit', 'review_pass', 'countersign_agree', 'countersign_agree', 'sign', 'register', 'void_number', 'register', 'seal', 'issue', 'recipient_received', 'archive'],
      );
      assert.deepEqual(d.history.find((h: any) => h.action === 'void_number').data, { voided: '示委〔2026〕1号' });
    });
  });

  // ---- other ends ---------------------------------------------------------------------------------

  describe('drafts that are not issued', () => {
    it('退回不予发文 ends the draft for good (条例 第21条)', async () => {
      const id = await draft();
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      const noReason = await act(reviewer, id, 'review_reject', {});
      assert.equal(noReason.body.error.field, 'comment');
      const d = await ok(act(reviewer, id, 'review_reject', { comment: '无发文必要' }), 'rejected');
      assert.deepEqual([d.stateLabel, d.availableActions, d.editable, d.holders], ['不予发文', [], false, []]);
      assert.deepEqual(await todos(drafter, id), [], 'a rejected draft is not sent back for changes');
      assert.deepEqual(await todos(reviewer, id), []);
      const resubmit = await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] });
      assert.equal(resubmit.status, 409);
      assert.deepEqual(resubmit.body.error, { code: 'WORKFLOW_ACTION_NOT_ALLOWED', message: '当前状态"不予发文"下不能执行"送核稿"' });
      const edit = await save(drafter, id, text({ body: '再改一稿。' }));
      assert.equal(edit.status, 409);
      assert.equal(edit.body.error.code, 'DOCUMENT_READ_ONLY');
    });

    it('the drafter cancels a draft with a reason; nobody else may', async () => {
      const id = await draft();
      const byReviewer = await act(reviewer, id, 'cancel', { comment: '撤销' });
      assert.equal(byReviewer.status, 403, 'the 办公室 colleague keeps the 县委 documents but did not draft this one');
      assert.equal(byReviewer.body.error.code, 'WORKFLOW_FORBIDDEN');
      const noReason = await act(drafter, id, 'cancel', {});
      assert.deepEqual(noReason.body.error, { code: 'VALIDATION_FAILED', message: '意见：不能为空', field: 'comment' });
      const d = await ok(act(drafter, id, 'cancel', { comment: '情况变化，不再发文' }), 'cancelled');
      assert.deepEqual([d.stateLabel, d.availableActions], ['已撤销', []]);
      const mine = (await request(env, 'GET', '/api/inbox?box=mine&pageSize=100', { session: drafter })).body.items.find((i: any) => i.entityId === id);
      assert.deepEqual([mine.task, mine.state], ['已撤销', 'done']);
    });

    it('会签退回 sends it back to the drafter and ends the round for the other parties', async () => {
      const id = await draft();
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: c.propDept }, { userId: c.deputy }] }), 'reviewing');
      await ok(act(reviewer, id, 'review_pass'), 'countersigning');
      const noReason = await act(deputy, id, 'countersign_return', {});
      assert.equal(noReason.body.error.field, 'comment');
      const d = await ok(act(deputy, id, 'countersign_return', { comment: '第二条与现行规定不一致' }), 'drafting');
      const dep = d.participants.find((p: any) => p.userName === 'fushuji姓名');
      assert.deepEqual([dep.status, dep.opinion], ['returned', '第二条与现行规定不一致']);
      assert.deepEqual(await todos(drafter, id), ['修改文稿']);
      assert.deepEqual(await todos(propClerk, id), [], 'the other 会签 party no longer has it');
      const late = await act(propClerk, id, 'countersign_agree', { comment: '同意' });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'WORKFLOW_ACTION_NOT_ALLOWED');

      const again = await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ userId: c.deputy }] }), 'reviewing');
      assert.deepEqual(again.participants.filter((p: any) => p.round === 2).map((p: any) => [p.kind, p.userName, p.status]), [['countersign', 'fushuji姓名', 'waiting'], ['signer', 'shuji姓名', 'waiting']]);
    });

    it('marks the parties a return set aside as cancelled (the round ended before they acted)', async () => {
      const id = await draft();
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ userId: c.deputy }] }), 'reviewing');
      const d = await ok(act(reviewer, id, 'review_return', { comment: '请修改' }), 'drafting');
      assert.deepEqual(d.participants.map((p: any) => [p.kind, p.round, p.status]), [['countersign', 1, 'cancelled'], ['signer', 1, 'cancelled']]);
    });

    it('签发 may be refused: the signer returns it to the drafter', async () => {
      const id = await toSigning();
      const d = await ok(act(secretary, id, 'sign_return', { comment: '请补充具体措施' }), 'drafting');
      assert.equal(d.signedAt, null);
      assert.deepEqual(await todos(drafter, id), ['修改文稿']);
      assert.deepEqual(await todos(secretary, id), []);
    });
  });

  // ---- 复核 ------------------------------------------------------------------------------------------

  describe('复核 after 签发 (条例 第25条)', () => {
    it('a clerk\'s change to the 正文 sends it back to the signer', async () => {
      const id = await toNumbering({ text: { title: '关于复核正文的通知' } });
      const before = await detail(drafter, id);
      assert.equal(before.editable, true, 'the issuer\'s clerk may correct the text before printing');
      const r = await edit(drafter, id, { body: [{ kind: 'paragraph', text: '为切实做好今冬明春火灾防控工作，现将有关要求通知如下。' }] });
      assert.equal(r.status, 200);
      assert.equal(r.body.resignRequired, true);
      const d = await detail(drafter, id);
      assert.equal(d.state, 'signing');
      const last = d.history.at(-1);
      assert.deepEqual([last.action, last.actionLabel, last.fromState, last.toState, last.actorName, last.comment], ['recheck', '复核（签发后修改）', 'numbering', 'signing', 'office1姓名', '签发后对文稿实质内容作了修改，退回签发人复核']);
      assert.deepEqual(await todos(secretary, id), ['签发']);
      assert.deepEqual(await todos(drafter, id), [], 'no 编号登记 until it is signed again');
      assert.deepEqual(d.versions.at(-1).step, '编号登记', 'the changed text is kept as a version of the step it was changed in');
      assert.equal(d.versions.at(-1).authorName, 'office1姓名');

      const cmp = await request(env, 'GET', `/api/documents/${id}/compare?from=${before.signedVersionNo}&to=${d.versions.at(-1).versionNo}`, { session: secretary });
      assert.equal(cmp.status, 200);
      assert.deepEqual(cmp.body.rows.filter((x: any) => x.kind !== 'same').map((x: any) => [x.kind, x.element, x.label, x.left, x.right]), [
        ['changed', 'body[0]', '正文第1段', '为切实做好今冬明春火灾防控工作，现将有关事项通知如下。', '为切实做好今冬明春火灾防控工作，现将有关要求通知如下。'],
      ]);

      const resigned = await ok(act(secretary, id, 'sign', { comment: '同意修改' }), 'numbering');
      assert.deepEqual(resigned.signedByNames, ['shuji姓名']);
    });

    it('a substantive change after 编号登记 goes back to 签发 and keeps the number for the re-signed text', async () => {
      const id = await toSealing({ text: { title: '关于复核保留文号的通知' } });
      const { numberText } = await detail(drafter, id);
      const r = await edit(drafter, id, { primaryRecipients: ['城关镇'] });
      assert.equal(r.body.resignRequired, true, '主送 is substance');
      await ok(act(secretary, id, 'sign', { comment: '同意' }), 'numbering');
      const d = await ok(act(drafter, id, 'register', { copies: 5 }), 'sealing');
      assert.equal(d.numberText, numberText);
      const entries = (await numbers()).numbers.filter((n: any) => n.documentId === id);
      assert.deepEqual(entries.map((n: any) => [n.text, n.status]), [[numberText, '已使用']]);
    });

    it('a numbered document sent back at 复核 and then refused voids its number instead of failing', async () => {
      const id = await toSealing({ text: { title: '关于复核后不予发文的通知' } });
      const { numberText } = await detail(drafter, id);
      assert.equal((await edit(drafter, id, { body: [{ kind: 'paragraph', text: '签发后改写了正文，结果被退回。' }] })).body.resignRequired, true);
      await ok(act(secretary, id, 'sign_return', { comment: '改动太大，重新起草' }), 'drafting');
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      const d = await ok(act(reviewer, id, 'review_reject', { comment: '不再发文' }), 'rejected');
      const entry = (await numbers()).numbers.find((n: any) => n.text === numberText);
      assert.equal(entry.status, '已作废', 'a number that was used is never handed out again');
      assert.equal(d.state, 'rejected');
    });

    it('a change of only 抄送 or 印发日期 needs no re-signing', async () => {
      const id = await toNumbering({ text: { title: '关于复核抄送的通知' } });
      const r = await edit(drafter, id, { copyRecipients: ['县委组织部'], printingDate: '2026-11-04' });
      assert.equal(r.status, 200);
      assert.equal(r.body.resignRequired, false);
      const d = await detail(drafter, id);
      assert.equal(d.state, 'numbering');
      assert.deepEqual(d.content.elements.copyRecipients, ['县委组织部']);
      assert.equal(d.history.some((h: any) => h.action === 'recheck'), false);
      assert.deepEqual(await todos(secretary, id), []);
    });

    it('nobody edits while the signer holds it', async () => {
      const id = await toSigning({ text: { title: '关于签发中不可修改的通知' } });
      const r = await edit(drafter, id, { body: [{ kind: 'paragraph', text: '改。' }] });
      assert.equal(r.status, 409);
      assert.deepEqual(r.body.error, { code: 'DOCUMENT_READ_ONLY', message: '“签发”环节不能修改文稿' });
    });
  });

  // ---- 签发 rules -------------------------------------------------------------------------------

  describe('签发 rules (条例 第22条)', () => {
    it('a 请示 (upward) must be signed by the issuer\'s principal head, who is named as 签发人', async () => {
      const id = await draft({ body: { docType: '请示', title: '关于申请防火专项经费的请示' }, text: { docType: '请示', title: '关于申请防火专项经费的请示', primary: ['市委'], copy: [], body: '妥否，请批示。' } });
      const r = await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.deputy] });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.error, { code: 'DOCUMENT_PRINCIPAL_REQUIRED', message: '签发领导：上行文须由县委主要负责人签发（条例 第22条）', field: 'signerIds' });
      const unchanged = await detail(drafter, id);
      assert.deepEqual([unchanged.state, unchanged.participants, unchanged.history.length], ['drafting', [], 1]);

      const d = await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      assert.deepEqual(d.content.elements.signers, ['shuji姓名']);
    });

    it('an important document must be signed by the principal head too', async () => {
      const id = await draft({ body: { important: true } });
      const r = await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.deputy] });
      assert.deepEqual(r.body.error, { code: 'DOCUMENT_PRINCIPAL_REQUIRED', message: '签发领导：重要公文须由县委主要负责人签发（条例 第22条）', field: 'signerIds' });
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary, c.deputy] }), 'reviewing');
    });

    it('an ordinary 通知 may be signed by a deputy', async () => {
      const id = await draft();
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.deputy] }), 'reviewing');
    });

    it('a joint document needs a signer of every co-issuer, and moves on when the last has signed', async () => {
      const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: '关于联合开展检查的通知', coIssuerUnitIds: [c.orgDept] } });
      const id = r.body.id;
      const d0 = await detail(drafter, id);
      assert.deepEqual(d0.coIssuerUnits, [{ id: c.orgDept, name: '县委组织部' }]);
      assert.deepEqual([d0.content.elements.issuerMark, d0.content.elements.issuerMarkOrgans, d0.content.elements.issuerSignatures], ['县委县委组织部文件', ['县委', '县委组织部'], ['县委', '县委组织部']]);
      await save(drafter, id, { ...text({ title: '关于联合开展检查的通知' }), elements: { ...text({ title: '关于联合开展检查的通知' }).elements, issuerMark: '县委县委组织部文件', issuerMarkOrgans: ['县委', '县委组织部'], issuerSignatures: ['县委', '县委组织部'] } });

      const alone = await act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] });
      assert.equal(alone.status, 400);
      assert.deepEqual(alone.body.error, { code: 'VALIDATION_FAILED', message: '签发领导：须有县委组织部的领导签发（联合行文由各联署机关负责人会签）', field: 'signerIds' });

      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary, c.orgHead] }), 'reviewing');
      await ok(act(reviewer, id, 'review_pass'), 'signing');
      assert.deepEqual(await todos(orgHead, id), ['签发']);
      const first = await ok(act(secretary, id, 'sign', { comment: '同意' }), 'signing');
      assert.deepEqual(first.holders, ['orghead姓名']);
      assert.equal(first.signedAt, null);
      const d = await ok(act(orgHead, id, 'sign', { comment: '同意联合印发' }), 'numbering');
      assert.deepEqual([...d.signedByNames].sort(), ['orghead姓名', 'shuji姓名']);
    });

    it('names the 签发人 of a joint 请示 in the order chosen, the lead organ\'s head first (GB/T 9704 7.2.6)', async () => {
      const lead = await makeUnit(env, '县纪委', 'committee', null, { issuerCode: '示纪' });
      // An id after every other and created last: neither the database's id order nor its insertion order puts this head first.
      const leadHead = await makeUser(env, 'jiweishuji', { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', unitId: lead, roles: ['leader'], isPrincipal: true });
      await makeUser(env, 'jiwei1', { unitId: lead, roles: ['unit'] });
      const leadClerk = await login(env, 'jiwei1');
      const title = '关于联合申请廉政教育经费的请示';
      const r = await request(env, 'POST', '/api/documents/outgoing', { session: leadClerk, body: { issuerUnitId: lead, docType: '请示', title, coIssuerUnitIds: [c.orgDept] } });
      assert.equal(r.status, 200);
      const d = await ok(act(leadClerk, r.body.id, 'submit', { reviewerId: c.reviewer, signerIds: [leadHead, c.orgHead] }), 'reviewing');
      assert.deepEqual(d.participants.filter((p: any) => p.kind === 'signer').map((p: any) => [p.userName, p.seq]), [['jiweishuji姓名', 0], ['orghead姓名', 1]]);
      assert.deepEqual(d.content.elements.signers, ['jiweishuji姓名', 'orghead姓名']);
    });

    it('checks the people named at 送核稿, naming the field', async () => {
      const id = await draft();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ signerIds: [c.secretary] }, 'reviewerId', '核稿人：不能为空'],
        [{ reviewerId: c.reviewer }, 'signerIds', '签发领导：不能为空'],
        [{ reviewerId: c.drafter, signerIds: [c.secretary] }, 'reviewerId', '核稿人：不能由拟稿人本人核稿'],
        [{ reviewerId: c.propClerk, signerIds: [c.secretary] }, 'reviewerId', '核稿人：须为本单位办公室（文秘）人员'],
        [{ reviewerId: 'no-such-user', signerIds: [c.secretary] }, 'reviewerId', '核稿人：所选人员不存在或已停用'],
        [{ reviewerId: c.reviewer, signerIds: [c.townClerk] }, 'signerIds', '签发领导：所选人员须为在职领导'],
        [{ reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ userId: c.propClerk }] }, 'countersigners', '会签单位或领导：会签人须为在职领导'],
        [{ reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ unitId: 'no-such-unit' }] }, 'countersigners', '会签单位或领导：有单位不存在'],
        [{ reviewerId: c.reviewer, signerIds: [c.secretary], priority: 1 }, '', '请求内容：包含不允许的字段：priority'],
      ];
      for (const [body, field, message] of cases) {
        const r = await act(drafter, id, 'submit', body);
        assert.equal(r.status, 400, message);
        assert.equal(r.body.error.message, message);
        if (field) assert.equal(r.body.error.field, field);
      }
      const d = await detail(drafter, id);
      assert.deepEqual([d.state, d.participants, d.reviewerId, d.history.length], ['drafting', [], null, 1]);
    });
  });

  // ---- who may act --------------------------------------------------------------------------------

  describe('who may act', () => {
    it('should answer 404 to a user of another unit who is not involved, for reading and acting alike', async () => {
      const id = await toSigning();
      for (const [method, url, body] of [
        ['GET', `/api/documents/${id}`, undefined],
        ['POST', `/api/documents/${id}/actions/sign`, { comment: '同意' }],
        ['PUT', `/api/documents/${id}/content`, { rev: 1, content: text() }],
        ['GET', `/api/documents/${id}/versions/1`, undefined],
        ['GET', `/api/documents/${id}/docx`, undefined],
      ] as const) {
        const r = await request(env, method, url, { session: otherClerk, body });
        assert.equal(r.status, 404, url);
        assert.equal(r.body.error.code, 'NOT_FOUND', url);
      }
      assert.equal((await detail(drafter, id)).state, 'signing');
    });

    it('should refuse with 403 an involved user who does not hold the step', async () => {
      const id = await draft();
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      const byDrafter = await act(drafter, id, 'review_pass');
      assert.equal(byDrafter.status, 403);
      assert.deepEqual(byDrafter.body.error, { code: 'WORKFLOW_FORBIDDEN', message: '您无权执行"核稿通过"' });
      const earlySign = await act(secretary, id, 'sign', { comment: '同意' });
      assert.equal(earlySign.status, 409, 'the signer is involved, but it is not at 签发 yet');
      assert.deepEqual(earlySign.body.error, { code: 'WORKFLOW_ACTION_NOT_ALLOWED', message: '当前状态"核稿"下不能执行"签发"' });
      const edit = await save(drafter, id, text({ body: '拟稿人在核稿时改稿。' }));
      assert.equal(edit.status, 403);
      assert.deepEqual(edit.body.error, { code: 'FORBIDDEN', message: '当前环节只有经办人可以修改文稿' });
      await ok(act(reviewer, id, 'review_pass'), 'signing');
      const byDeputy = await act(deputy, id, 'sign', { comment: '同意' });
      assert.equal(byDeputy.status, 404, 'a leader who is not a signer does not see it');
      const registerEarly = await act(drafter, id, 'register', { copies: 1 });
      assert.equal(registerEarly.status, 409);
      assert.deepEqual(registerEarly.body.error, { code: 'WORKFLOW_ACTION_NOT_ALLOWED', message: '当前状态"签发"下不能执行"编号登记"' });
      const bySigner = await act(secretary, id, 'register', { copies: 1 });
      assert.equal(bySigner.status, 409);
      const signed = await ok(act(secretary, id, 'sign', { comment: '同意' }), 'numbering');
      assert.deepEqual(signed.availableActions, [], 'the signer has nothing left to do');
      const registerBySigner = await act(secretary, id, 'register', { copies: 1 });
      assert.equal(registerBySigner.status, 403);
      assert.deepEqual(registerBySigner.body.error, { code: 'WORKFLOW_FORBIDDEN', message: '您无权执行"编号登记"' });
    });

    it('should refuse an unknown action with 400', async () => {
      const id = await draft();
      const r = await act(drafter, id, 'publish');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.equal(r.body.error.field, 'action');
    });

    it('should refuse a draft in another unit\'s name', async () => {
      const before = await countDocuments();
      const r = await request(env, 'POST', '/api/documents/outgoing', { session: townClerk, body: { issuerUnitId: c.committee, docType: '通知', title: '冒名发文的通知' } });
      assert.equal(r.status, 403);
      assert.deepEqual(r.body.error, { code: 'FORBIDDEN', message: '发文单位：只能以本单位（办公室可代党委）名义拟稿', field: 'issuerUnitId' });
      const issuers = await request(env, 'GET', '/api/documents/issuers', { session: drafter });
      assert.deepEqual(issuers.body.items.map((u: any) => [u.name, u.issuerCode]).sort(), [['县委', '示委'], ['县委办公室', null]].sort());
      assert.equal(await countDocuments(), before);
    });

    it('should refuse the 三员 every document endpoint with ADMIN_NO_BUSINESS_ACCESS', async () => {
      const id = await draft();
      for (const [method, url, body] of [
        ['GET', '/api/documents?direction=outgoing', undefined],
        ['GET', `/api/documents/${id}`, undefined],
        ['GET', '/api/documents/issuers', undefined],
        ['POST', '/api/documents/outgoing', { issuerUnitId: c.committee, docType: '通知' }],
        ['POST', `/api/documents/${id}/actions/cancel`, { comment: '撤销' }],
        ['PUT', `/api/documents/${id}/content`, { rev: 2, content: text() }],
      ] as const) {
        const r = await request(env, method, url, { session: auditor, body });
        assert.equal(r.status, 403, url);
        assert.equal(r.body.error.code, 'ADMIN_NO_BUSINESS_ACCESS', url);
      }
      assert.equal((await detail(drafter, id)).state, 'drafting');
    });
  });

  // ---- 批注 -------------------------------------------------------------------------------------------

  describe('批注 comments on the text', () => {
    it('the holder of a step comments, the drafter marks it resolved', async () => {
      const id = await toSigning({ text: { title: '关于批注的通知' } });
      const empty = await request(env, 'POST', `/api/documents/${id}/comments`, { session: secretary, body: { element: 'body[0]', quote: '', text: ' ' } });
      assert.equal(empty.status, 400);
      assert.deepEqual(empty.body.error, { code: 'VALIDATION_FAILED', message: '内容：不能为空', field: 'text' });
      const r = await request(env, 'POST', `/api/documents/${id}/comments`, { session: secretary, body: { element: 'body[0]', quote: '有关事项', text: '请写明具体要求' } });
      assert.equal(r.status, 200);
      const versionNo = (await detail(drafter, id)).versions.at(-1).versionNo;
      assert.deepEqual(r.body, { id: r.body.id, versionNo, element: 'body[0]', quote: '有关事项', text: '请写明具体要求', authorName: 'shuji姓名', createdAt: env.clock.now.toISOString(), resolvedAt: null });
      const stranger = await request(env, 'POST', `/api/documents/${id}/comments/${r.body.id}/resolve`, { session: otherClerk, body: {} });
      assert.equal(stranger.status, 404);
      const resolved = await request(env, 'POST', `/api/documents/${id}/comments/${r.body.id}/resolve`, { session: drafter, body: {} });
      assert.deepEqual([resolved.status, resolved.body], [200, { ok: true }]);
      assert.deepEqual((await detail(drafter, id)).comments.map((x: any) => [x.text, x.authorName, x.resolvedAt]), [['请写明具体要求', 'shuji姓名', env.clock.now.toISOString()]]);
    });

    it('a 会签 party who has agreed no longer comments', async () => {
      const id = await draft({ text: { title: '关于会签后批注的通知' } });
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary], countersigners: [{ userId: c.deputy }, { unitId: c.propDept }] }), 'reviewing');
      await ok(act(reviewer, id, 'review_pass'), 'countersigning');
      await ok(act(deputy, id, 'countersign_agree', { comment: '同意' }), 'countersigning');
      const r = await request(env, 'POST', `/api/documents/${id}/comments`, { session: deputy, body: { element: 'title', text: '再提一条' } });
      assert.equal(r.status, 403);
      assert.deepEqual(r.body.error, { code: 'FORBIDDEN', message: '只有正在核稿、会签、签发的经办人可以批注文稿' });
    });

    it('a reviewer who has passed the draft no longer comments (API: reviewer, signers, countersigners while they hold it)', async () => {
      const id = await toSigning({ text: { title: '关于核稿后批注的通知' } });
      const r = await request(env, 'POST', `/api/documents/${id}/comments`, { session: reviewer, body: { element: 'title', text: '核稿通过后又想改' } });
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'FORBIDDEN');
    });
  });

  // ---- numbers, versions, input ------------------------------------------------------------------

  describe('numbers, versions and input', () => {
    it('gives the next document of the issuer the next number, with no gap', async () => {
      const before = (await numbers()).numbers.length;
      const a = await toSealing({ text: { title: '关于编号甲的通知' } });
      const b = await toSealing({ text: { title: '关于编号乙的通知' } });
      const [da, db] = [await detail(drafter, a), await detail(drafter, b)];
      assert.equal(da.numberText, `示委〔2026〕${before + 1}号`);
      assert.equal(db.numberText, `示委〔2026〕${before + 2}号`);
      assert.deepEqual((await numbers()).gaps, []);
    });

    it('作废文号 after 用印 sends it back to 编号登记 and clears the seal', async () => {
      const id = await toSealing({ text: { title: '关于用印后作废的通知' } });
      const { numberText } = await ok(act(drafter, id, 'seal'), 'distributing');
      const d = await ok(act(drafter, id, 'void_number', { comment: '用印后发现份数有误' }), 'numbering');
      assert.equal(d.numberText, null);
      const row = await env.ctx.db.selectFrom('documents').select(['sealed_by', 'sealed_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { sealed_by: null, sealed_at: null });
      assert.equal((await numbers()).numbers.find((n: any) => n.text === numberText).status, '已作废');
    });

    it('refuses 编号登记 for an issuer without a 机关代字', async () => {
      const officeHead = await makeUser(env, 'officehead', { unitId: c.office, roles: ['leader'], leaderRank: '办公室主任' });
      const officeHeadSession = await login(env, 'officehead');
      const r = await request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.office, docType: '通知', title: TITLE } });
      const id = r.body.id;
      await save(drafter, id, { ...text(), elements: { ...text().elements, issuerMark: '县委办公室文件', issuerSignatures: ['县委办公室'] } });
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [officeHead] }), 'reviewing');
      await ok(act(reviewer, id, 'review_pass'), 'signing');
      await ok(act(officeHeadSession, id, 'sign', { comment: '同意' }), 'numbering');
      const reg = await act(drafter, id, 'register', { copies: 3 });
      assert.equal(reg.status, 409);
      assert.deepEqual(reg.body.error, { code: 'DOCUMENT_NO_ISSUER_CODE', message: '发文单位尚未设置机关代字，请系统管理员在单位管理中设置' });
      assert.equal((await detail(drafter, id)).state, 'numbering');
    });

    it('validates the distribution given at 编号登记', async () => {
      const id = await toNumbering();
      const dup = await act(drafter, id, 'register', { copies: 2, distribution: [{ unitId: c.township, name: '城关镇', kind: 'primary' }, { unitId: c.township, name: '城关镇', kind: 'copy' }] });
      assert.deepEqual(dup.body.error, { code: 'VALIDATION_FAILED', message: '分送范围：“城关镇”重复', field: 'distribution' });
      const missing = await act(drafter, id, 'register', { copies: 2, distribution: [{ unitId: 'no-such-unit', name: '某单位', kind: 'primary' }] });
      assert.deepEqual(missing.body.error, { code: 'VALIDATION_FAILED', message: '分送范围：有单位不存在', field: 'distribution' });
      const empty = await act(drafter, id, 'register', { copies: 2, distribution: [] });
      assert.deepEqual(empty.body.error, { code: 'VALIDATION_FAILED', message: '分送范围：请至少填写一个主送或抄送单位', field: 'distribution' });
      const d = await detail(drafter, id);
      assert.deepEqual([d.state, d.numberText, d.distributions], ['numbering', null, []]);
    });

    it('keeps a version for each step that changed the text, readable and comparable', async () => {
      const id = await draft({ text: { title: '关于版本记录的通知', body: '第一稿正文，请各单位认真落实。' } });
      await ok(act(drafter, id, 'submit', { reviewerId: c.reviewer, signerIds: [c.secretary] }), 'reviewing');
      await edit(reviewer, id, { body: [{ kind: 'paragraph', text: '核稿后的正文，请各单位认真落实。' }] });
      await ok(act(reviewer, id, 'review_pass'), 'signing');
      const d = await detail(drafter, id);
      assert.deepEqual(d.versions.map((v: any) => [v.versionNo, v.step, v.authorName]), [[1, '拟稿', 'office1姓名'], [2, '拟稿', 'office1姓名'], [3, '核稿', 'office2姓名']]);
      assert.deepEqual(d.history.filter((h: any) => h.versionNo !== null).map((h: any) => [h.action, h.versionNo]), [['create', 1], ['submit', 2], ['review_pass', 3]]);

      const v2 = await request(env, 'GET', `/api/documents/${id}/versions/2`, { session: reviewer });
      assert.equal(v2.status, 200);
      assert.deepEqual([v2.body.versionNo, v2.body.step, v2.body.authorName, v2.body.content.elements.body[0].text], [2, '拟稿', 'office1姓名', '第一稿正文，请各单位认真落实。']);
      const missing = await request(env, 'GET', `/api/documents/${id}/versions/9`, { session: reviewer });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.message, '第9稿不存在');

      const cmp = await request(env, 'GET', `/api/documents/${id}/compare?from=2&to=3`, { session: secretary });
      assert.equal(cmp.status, 200);
      assert.deepEqual([cmp.body.from, cmp.body.to], [2, 3]);
      const changed = cmp.body.rows.filter((x: any) => x.kind !== 'same');
      assert.deepEqual(changed.map((x: any) => [x.kind, x.element, x.label, x.left, x.right]), [['changed', 'body[0]', '正文第1段', '第一稿正文，请各单位认真落实。', '核稿后的正文，请各单位认真落实。']]);
      assert.ok(changed[0].leftParts.some((p: any) => p.changed) && changed[0].rightParts.some((p: any) => p.changed));
      assert.ok(cmp.body.rows.some((x: any) => x.kind === 'same' && x.element === 'title' && x.left === '关于版本记录的通知'));
      const bad = await request(env, 'GET', `/api/documents/${id}/compare?from=2&to=7`, { session: secretary });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error, { code: 'VALIDATION_FAILED', message: '对比版本：第7稿不存在', field: 'to' });
    });

    it('refuses bad drafts naming the field in Chinese, and stores nothing', async () => {
      const before = await countDocuments();
      const post = (body: Record<string, unknown>) => request(env, 'POST', '/api/documents/outgoing', { session: drafter, body });
      const cases: [Record<string, unknown>, string, string][] = [
        [{ docType: '通知' }, 'issuerUnitId', '发文单位：不能为空'],
        [{ issuerUnitId: c.committee }, 'docType', '文种：不能为空'],
        [{ issuerUnitId: c.committee, docType: '公函' }, 'docType', '文种：取值无效'],
        [{ issuerUnitId: c.committee, docType: '通知', urgency: '急件' }, 'urgency', '紧急程度：取值无效'],
        [{ issuerUnitId: c.committee, docType: '通知', title: '长'.repeat(301) }, 'title', '标题：不能超过300个字符'],
        [{ issuerUnitId: c.committee, docType: '通知', coIssuerUnitIds: ['no-such-unit'] }, 'coIssuerUnitIds', '联合发文单位：有单位不存在'],
      ];
      for (const [body, field, message] of cases) {
        const r = await post(body);
        assert.equal(r.status, 400, message);
        assert.equal(r.body.error.field, field, message);
        assert.ok(r.body.error.message.startsWith(message), `${r.body.error.message} should start with ${message}`);
      }
      assert.equal(await countDocuments(), before);
    });

    it('refuses a bad text at autosave naming the field, and keeps the saved text', async () => {
      const id = await draft({ text: { body: '保存的正文。' } });
      const d = await detail(drafter, id);
      const put = (body: Record<string, unknown>) => request(env, 'PUT', `/api/documents/${id}/content`, { session: drafter, body });
      const noBody = { ...d.content, elements: { ...d.content.elements, body: undefined } };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ content: d.content }, 'rev', '文稿版本：不能为空'],
        [{ rev: d.contentRev }, 'content', '文稿：不能为空'],
        [{ rev: d.contentRev, content: noBody }, 'content.elements.body', '正文：不能为空'],
        [{ rev: d.contentRev, content: { ...d.content, format: '便函式' } }, 'content.format', '格式：取值无效'],
        [{ rev: d.contentRev, content: d.content, classification: 'internal' }, 'classification', '密级：取值无效'],
      ];
      for (const [body, field, message] of cases) {
        const r = await put(body);
        assert.equal(r.status, 400, message);
        assert.equal(r.body.error.field, field, message);
        assert.ok(r.body.error.message.startsWith(message), `${r.body.error.message} should start with ${message}`);
      }
      const after = await detail(drafter, id);
      assert.deepEqual([after.contentRev, after.content], [d.contentRev, d.content]);
    });
  });
});

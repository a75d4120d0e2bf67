import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { countRows, createTestEnv, DIALECT, login, makeUnit, makeUser, multipart, multipartWithFields, ok, request, requestFrom, seedDocumentCounty, type Res, type Session, type TestEnv } from './helpers.ts';

/**
 * "No request may produce a 500" for 督查督办 (assignments and supervision), 信访 (staff and public), 办文, the inbox
 * and files: every endpoint, as the office clerk, a unit clerk and the petition clerk (and the public routes with
 * no session), with real, missing, malformed and hostile ids, wrong query strings, and bodies of every wrong shape
 * plus per-module shapes that pass the schema's first checks. Each answer must be a 2xx or a 4xx.
 */

/** Longer than this for one request is a finding (on a small, shared machine the slowest legitimate one takes ~0.3 s). */
const SLOW_MS = 3000;
const at10 = (date: string) => new Date(`${date}T10:00:00+08:00`).toISOString();

/** Every route of the files named in the header, as registered (prefix from app.ts); `:x` are filled per id kind. */
const ROUTES: readonly (readonly [string, string])[] = [
  // assignments.routes.ts (7)
  ['GET', '/api/assignments'], ['GET', '/api/assignments/export.xlsx'], ['POST', '/api/assignments'], ['GET', '/api/assignments/:aid'],
  ['POST', '/api/assignments/:aid/actions/:aaction'], ['POST', '/api/assignments/:aid/escalate'], ['GET', '/api/assignments/:aid/notices/:nid/docx'],
  // supervision.routes.ts (13)
  ['GET', '/api/supervision/board'], ['GET', '/api/supervision/ranking'], ['GET', '/api/supervision/circulars'], ['POST', '/api/supervision/circulars'],
  ['GET', '/api/supervision/circulars/:cid'], ['GET', '/api/supervision/circulars/:cid/docx'], ['POST', '/api/supervision/circulars/:cid/draft'],
  ['GET', '/api/supervision/accountability'], ['POST', '/api/supervision/accountability'], ['GET', '/api/supervision/config'], ['PUT', '/api/supervision/config'],
  ['GET', '/api/supervision/import/template'], ['POST', '/api/supervision/import'],
  // petitions.routes.ts, staff (17)
  ['GET', '/api/petitions/categories'], ['POST', '/api/petitions/categories'], ['PUT', '/api/petitions/categories/:catid'], ['GET', '/api/petitions/config'],
  ['PUT', '/api/petitions/config'], ['GET', '/api/petitions/board'], ['GET', '/api/petitions/stats'], ['GET', '/api/petitions/stats/report.docx'],
  ['GET', '/api/petitions/stats/report.xlsx'], ['GET', '/api/petitions'], ['GET', '/api/petitions/export.xlsx'], ['POST', '/api/petitions'],
  ['GET', '/api/petitions/:pid'], ['POST', '/api/petitions/:pid/reveal'], ['POST', '/api/petitions/:pid/matches/:mid'],
  ['POST', '/api/petitions/:pid/actions/:paction'], ['GET', '/api/petitions/:pid/documents/:pdoc/docx'],
  // petitions.routes.ts, public (5)
  ['GET', '/api/public/petitions/units'], ['GET', '/api/public/petitions/categories'], ['POST', '/api/public/petitions'],
  ['POST', '/api/public/petitions/query'], ['POST', '/api/public/petitions/evaluate'],
  // documents.routes.ts (17)
  ['GET', '/api/documents'], ['GET', '/api/documents/export.xlsx'], ['GET', '/api/documents/issuers'], ['GET', '/api/documents/numbers'],
  ['POST', '/api/documents/outgoing'], ['POST', '/api/documents/incoming'], ['POST', '/api/documents/parse-docx'], ['GET', '/api/documents/:did'],
  ['PUT', '/api/documents/:did/content'], ['POST', '/api/documents/:did/attachments'], ['GET', '/api/documents/:did/versions/:no'],
  ['GET', '/api/documents/:did/compare'], ['POST', '/api/documents/:did/comments'], ['POST', '/api/documents/:did/comments/:cmt/resolve'],
  ['GET', '/api/documents/:did/docx'], ['GET', '/api/documents/:did/print'], ['POST', '/api/documents/:did/actions/:daction'],
  // inbox.routes.ts (3)
  ['GET', '/api/inbox'], ['GET', '/api/inbox/counts'], ['POST', '/api/inbox/:tid/read'],
  // files.routes.ts (2)
  ['POST', '/api/files'], ['GET', '/api/files/:fid'],
];

/** Wrong values for query strings, per list or report route (each also gets the generic ones below). */
const GENERIC_QUERIES = ['', '?page=-1&pageSize=100000', '?page=abc&pageSize=1e400', '?q=%00', '?zzz=1', '?page=1&page=2', '?from=2026-13-45&to=2026-02-30'];
const QUERIES: Record<string, string[]> = {
  '/api/assignments': ['?state=zzz&colour=purple&flag=x', '?unitId=' + 'a'.repeat(100), "?q='; drop table assignments; --&role=lead&level=key", '?leaderId=nope&sourceKind=x', '?q=' + '%E4%B8%AD'.repeat(150)],
  '/api/assignments/export.xlsx': ['?state=zzz', '?unitId=nope&flag=overdue', '?page=1'],
  '/api/supervision/board': ['?unitId=nope&leaderId=nope&level=key', '?level=zzz&sourceKind=x'],
  '/api/supervision/ranking': ['?from=2026-10-32', '?from=2026-02-30', '?from=2026-12-31&to=2026-01-01', '?from=0000-00-00&to=9999-99-99', '?from=1000-01-01&to=2999-12-31'],
  '/api/supervision/accountability': ['?unitId=nope&assignmentId=nope', '?unitId=%00'],
  '/api/petitions/stats': ['?from=2026-02-30&to=2026-13-45', '?from=2026-12-31&to=2026-01-01', '?from=0000-00-00&to=9999-99-99', '?from=1000-01-01&to=2999-12-31'],
  '/api/petitions/stats/report.docx': ['?month=2026-13', '?month=0000-01', '?month=9999-12', '?month=zzz', '?month=2026-02'],
  '/api/petitions/stats/report.xlsx': ['?month=2026-13', '?month=0000-01', '?month=9999-12', '?month=2026-02'],
  '/api/petitions': ['?from=2026-10-32', '?state=zzz&kind=x&channel=y&flag=z', '?from=2026-02-30&to=2026-13-45', '?from=0000-00-00&to=9999-99-99', '?idNumber=abc&phone=%2B%2B', '?townshipId=nope&categoryId=nope&handlingUnitId=nope', '?idNumber=110101199003070000'],
  '/api/petitions/export.xlsx': ['?from=2026-02-30', '?state=zzz', '?idNumber=xyz&phone=1'],
  '/api/documents': ['?direction=zzz', '?direction=outgoing&year=1999', '?direction=incoming&year=abc&docType=x', '?direction=outgoing&state=' + 'x'.repeat(40), '?direction=outgoing&overdue=maybe&urgency=x', '?direction=outgoing&unitId=nope&q=%25%5F'],
  '/api/documents/export.xlsx': ['?direction=zzz', '?direction=outgoing&year=2026&page=1', '?direction=incoming&state=nope&overdue=true'],
  '/api/documents/numbers': ['?issuerCode=%00&year=2026', '?issuerCode=示委&year=1999', '?issuerCode=示委&year=2026', '?issuerCode=' + 'x'.repeat(30) + '&year=2026', '?year=2026'],
  '/api/documents/:did/compare': ['?from=1&to=99', '?from=0&to=-1', '?from=abc&to=1', '?from=1&to=1', '?from=1e400&to=1'],
  '/api/inbox': ['?box=zzz&module=x&urgency=y', '?box=done&module=' + 'x'.repeat(41), '?box=mine&urgency=urgent&module=petition'],
};

/** Bodies of every wrong shape, sent to every route that takes one. */
const GENERIC_BODIES: unknown[] = [
  undefined, {}, [], 'str', 42, null, true, { title: 5 }, { title: 'x'.repeat(100_000) }, { id: 'x', __proto__: { admin: true } },
  { comment: ['a'] }, { comment: 'x'.repeat(6000) }, { deadline: '2026-02-30' }, { date: '2026-13-45' }, { unitId: {} }, [{ title: 'x' }],
  { nested: { deeper: [null, { x: 1e308 }] } }, { from: '2026-02-30', to: '2026-13-45' }, { rows: 'x' }, { name: null }, { fileIds: 'x' },
];

/** Per-route shapes that get past the schema's first checks (and the ids that make them interesting). */
function specificBodies(route: string, r: Real): unknown[] {
  const task = { title: 't', target: 10 };
  const item = { title: '推进老旧小区改造', instruction: '月底前报告。', leaderId: r.leader, assigneeUnitId: r.township, deadline: { type: 'workdays', days: 5 } };
  const petition = { channel: 'visit', kind: 'appeal', summary: '反映道路破损', content: '城关镇东关村道路破损严重，请求修缮。', townshipId: r.township, categoryId: 'cat-01', firstOrgan: 'this_level', petitioner: { name: '张三' } };
  const gongwen = { documentType: '通知', format: 'standard', elements: { body: [{ kind: 'paragraph', text: 'x' }] } };
  const importRow = { title: '事项', content: '内容', sourceLabel: '上级交办', leadUnit: '城关镇', leader: 'shuji姓名', deadline: '2026-12-31' };
  const periods = [{ from: '2026-02-30', to: '2026-03-01' }, { from: '2026-13-45', to: '2026-13-46' }, { from: '2026-12-01', to: '2026-01-01' }, { from: '0000-00-00', to: '9999-99-99' }, { from: '1000-01-01', to: '2026-10-31' }, { from: '2026-10-01', to: '2999-12-31' }, { from: '0001-01-01', to: '0001-12-31' }, { from: '2026-10-32', to: '2026-11-01' }, { from: '2026-11-02', to: '2026-11-02' }];
  switch (route) {
    case 'POST /api/assignments':
      return [
        { ...item, deadline: { type: 'date', date: '2026-02-30' } }, { ...item, deadline: { type: 'date', date: '2026-13-45' } }, { ...item, deadline: { type: 'date', date: '0000-00-00' } },
        { ...item, deadline: { type: 'date', date: '9999-12-31' } }, { ...item, deadline: { type: 'date', date: '2020-01-01' } }, { ...item, deadline: { type: 'zzz' } },
        { ...item, assigneeUnitId: 'nope' }, { ...item, leaderId: 'nope' }, { ...item, leaderId: r.unitClerk }, { ...item, assigneeUserId: 'nope' }, { ...item, assigneeUserId: r.otherClerk },
        { ...item, cooperatingUnitIds: [r.township, 'nope', 'nope'] }, { ...item, sourceLink: { type: 'document', id: 'nope' } }, { ...item, sourceLink: { type: 'petition', id: r.did } },
        { ...item, sourceDate: '2026-02-30', startDate: '2026-13-45' }, { ...item, startDate: '2027-06-01' }, { ...item, feedbackCycle: 'weekly', feedbackDay: 28 }, { ...item, feedbackCycle: 'monthly', feedbackDay: 0 },
        { ...item, tasks: [{ ...task, ownerUnitId: 'nope', deadline: '2026-02-30' }] }, { ...item, tasks: [{ ...task, target: -1 }] }, { ...item, tasks: [task, { ...task, deadline: '2099-01-01' }] },
        { ...item, sourceDate: '2026-10-32' }, { ...item, startDate: '2026-10-32' }, { ...item, tasks: [{ ...task, deadline: '2026-11-31' }] }, { ...item, deadline: { type: 'date', date: '2026-11-31' } },
        { ...item, classification: 'top_secret' }, { ...item, urgency: 'zzz' }, { ...item, deadline: { type: 'workdays', days: 365 } }, { ...item, title: '   ' },
      ];
    case 'POST /api/assignments/:aid/actions/:aaction':
      return [
        { newDeadline: '2026-02-30' }, { newDeadline: '9999-99-99' }, { newDeadline: '2026-11-31', comment: '延期' }, { newDeadline: '9999-12-31', comment: '延期' }, { newDeadline: '2020-01-01', comment: '延期' }, { figures: [{ taskId: 'nope', value: 1 }] }, { figures: [{ taskId: r.aid, value: 1e12 }] },
        { attachmentIds: ['nope', r.fid] }, { progress: 50, comment: '进展' }, { progress: -1 }, { rating: 'zzz' }, { rating: 'excellent', comment: 'x' },
      ];
    case 'POST /api/assignments/:aid/escalate':
      return [{ comment: '请抓紧' }, { comment: 5 }];
    case 'POST /api/supervision/circulars':
      return periods;
    case 'POST /api/supervision/circulars/:cid/draft':
      return [{ issuerUnitId: 'nope' }, { issuerUnitId: r.township }, { issuerUnitId: r.committee }];
    case 'POST /api/supervision/accountability':
      return [
        { kind: 'interview', unitId: 'nope', reason: '未按期办结' }, { kind: 'deduction', unitId: r.township, reason: 'x', assignmentIds: ['nope'], points: 100 },
        { kind: 'rectification', unitId: r.township, reason: 'x', dueDate: '2026-02-30' }, { kind: 'rectification', unitId: r.township, reason: 'x', dueDate: '0000-00-00' }, { kind: 'rectification', unitId: r.township, reason: 'x', dueDate: '2026-11-31' }, { kind: 'rectification', unitId: r.township, reason: 'x', dueDate: '9999-12-31' }, { kind: 'zzz', unitId: r.township, reason: 'x' },
      ];
    case 'PUT /api/supervision/config': {
      const c = { receiptWorkdays: 2, dueSoonWorkdays: 3, yellowBehindPoints: 10, redBehindPoints: 20, yellowMissedFeedbacks: 1, redMissedFeedbacks: 2, autoEscalateOnRed: false, escalationReplyWorkdays: 3, interviewRedThreshold: 3 };
      return [{ ...c, receiptWorkdays: -5 }, { ...c, receiptWorkdays: 1e9 }, { ...c, yellowBehindPoints: Number.MAX_SAFE_INTEGER }, { ...c, redBehindPoints: 1e300 }, { ...c, autoEscalateOnRed: 'yes' }, { ...c, extra: 1 }];
    }
    case 'POST /api/supervision/import':
      return [
        { rows: [] }, { rows: [{}] }, { rows: [importRow], dispatch: 'no' }, { rows: [{ ...importRow, deadline: '2026-02-30' }], dispatch: false }, { rows: [{ ...importRow, deadline: 'garbage', feedbackDay: 1e308 }] },
        { rows: [{ ...importRow, deadline: '9999-12-31' }] }, { rows: [{ ...importRow, leadUnit: '不存在', leader: '不存在', level: '绝密', feedbackCycle: '每秒', feedbackDay: -3 }] }, { rows: Array.from({ length: 501 }, () => importRow) }, { rows: [{ ...importRow, title: '' }] },
      ];
    case 'POST /api/petitions/categories':
      return [{ name: '' }, { name: 'x'.repeat(31) }, { name: 5 }];
    case 'PUT /api/petitions/categories/:catid':
      return [{ sortOrder: -1 }, { sortOrder: 5 }, { disabled: 'yes' }, { name: '' }, { name: '其他' }];
    case 'PUT /api/petitions/config':
      return [{ dayMode: 'zzz' }, { dayMode: 'workdays', similarityThreshold: 2, groupMinCases: 0, groupWindowDays: 0, frequentVisits: 0, frequentWindowDays: 0 }];
    case 'POST /api/petitions':
      return [
        { ...petition, townshipId: 'nope' }, { ...petition, categoryId: 'nope' }, { ...petition, townshipId: r.committee }, { ...petition, receivedAt: '2026-02-30' }, { ...petition, receivedAt: '2026-13-45' },
        { ...petition, receivedAt: '0000-00-00' }, { ...petition, receivedAt: '2026-10-32' }, { ...petition, receivedAt: '2999-01-01' }, { ...petition, petitioner: { name: '张三', idNumber: '123', phone: 'abc' } }, { ...petition, petitioner: { name: '张三', idNumber: '11010119900307001X', phone: '1' } },
        { ...petition, representatives: Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}` })) }, { ...petition, accusedUnitId: 'nope', kind: 'accusation' }, { ...petition, channel: 'zzz' }, { ...petition, peopleCount: 0 },
        { ...petition, present: [{ name: '' }] }, { ...petition, channel: 'superior', superiorRef: 'x'.repeat(101) }, { ...petition, petitioner: 'x' },
      ];
    case 'POST /api/petitions/:pid/reveal':
      return [{ personId: 'nope', field: 'idNumber', reason: '核对身份' }, { personId: r.pid, field: 'phone', reason: '核对' }, { personId: 'x', field: 'zzz', reason: 'x' }];
    case 'POST /api/petitions/:pid/matches/:mid':
      return [{ decision: 'link' }, { decision: 'dismiss' }, { decision: 'zzz' }];
    case 'POST /api/petitions/:pid/actions/:paction':
      return [
        { handlingMode: 'transfer', handlingUnitId: 'nope' }, { handlingMode: 'assign', handlingUnitId: r.committee, deadline: '2026-02-30' }, { handlingMode: 'direct' }, { handlingMode: 'transfer' }, { handlingMode: 'assign', handlingUnitId: r.township, deadline: '2026-11-31' }, { handlingMode: 'assign', handlingUnitId: r.township, deadline: '9999-12-31' }, { assigneeUnitId: r.township, deadline: '2026-11-31', comment: '批示' },
        { legalRoute: 'litigation', comment: '请诉讼' }, { days: 30, comment: '复杂' }, { outcome: 'support', comment: '支持' }, { evaluation: 'satisfied' }, { assigneeUnitId: 'nope', deadline: '2026-13-45', comment: '批示' },
        { outcome: 'zzz' }, { days: 0 },
      ];
    case 'POST /api/public/petitions':
      return [
        { name: '李四', phone: 'abc', townshipId: r.township, summary: 's', content: 'c' }, { name: '李四', phone: '13800138000', townshipId: 'nope', summary: 's', content: 'c' },
        { name: '李四', phone: '13800138000', townshipId: r.township, categoryId: 'nope', summary: 's', content: 'c' }, { name: '李四', phone: '13800138000', idNumber: '123456', townshipId: r.township, summary: 's', content: 'c' },
        { name: '李四', phone: '13800138000', townshipId: r.committee, summary: 's', content: 'c' }, { name: '李四', phone: '13800138000', townshipId: r.township, summary: 's', content: 'x'.repeat(30_000) },
      ];
    case 'POST /api/public/petitions/query':
      return [{ queryCode: 'AAAA-BBBB-CCCC-DDDD' }, { queryCode: 'x'.repeat(8) }, { queryCode: '--------' }, { queryCode: 12345678 }, { queryCode: '\u0000'.repeat(8) }];
    case 'POST /api/public/petitions/evaluate':
      return [{ queryCode: 'AAAA-BBBB-CCCC-DDDD', evaluation: 'satisfied' }, { queryCode: 'AAAA-BBBB-CCCC-DDDD', evaluation: 'zzz' }];
    case 'POST /api/documents/outgoing':
      return [
        { issuerUnitId: 'nope', docType: '通知' }, { issuerUnitId: r.committee, docType: '通知', coIssuerUnitIds: ['nope', r.committee] }, { issuerUnitId: r.committee, docType: 'zzz' },
        { issuerUnitId: r.committee, docType: '通知', format: 'letter', content: gongwen }, { issuerUnitId: r.committee, docType: '通知', content: { ...gongwen, elements: { body: [{ kind: 'table', text: 'x', rows: [] }] } } },
        { issuerUnitId: r.committee, docType: '通知', content: { ...gongwen, elements: { body: [], issueDate: '2026-02-30', documentNumber: { text: 'x', issuerCode: 'y', year: -1, serial: 1e15 } } } },
        { issuerUnitId: r.committee, docType: '通知', classification: 'top_secret', classificationPeriod: 'x'.repeat(21) }, { issuerUnitId: r.township, docType: '通知', classification: 'secret' },
      ];
    case 'POST /api/documents/incoming': {
      const inc = { title: '关于x的通知', docType: '通知', senderName: '市委办', receivedVia: '邮寄' };
      return [{ ...inc, receivedAt: '2026-02-30T00:00:00Z' }, { ...inc, receivedAt: '9999-12-31T23:59:59Z' }, { ...inc, attachmentIds: ['nope'] }, { ...inc, copies: 0 }, { ...inc, receivedVia: 'zzz' }, { ...inc, classification: 'top_secret' }];
    }
    case 'PUT /api/documents/:did/content':
      return [
        { rev: 999, content: gongwen }, { rev: -1, content: gongwen }, { rev: 0, content: { ...gongwen, documentType: 'zzz' } }, { rev: 0, content: gongwen, classification: 'top_secret' },
        { rev: 0, content: { ...gongwen, elements: { body: [{ kind: 'heading', level: 9, text: 'x' }] } } }, { rev: 1e308, content: gongwen }, { rev: 0, content: gongwen, title: 'x'.repeat(301) },
      ];
    case 'POST /api/documents/:did/attachments':
      return [{ fileIds: ['nope'] }, { fileIds: [r.fid, r.fid] }, { fileIds: [] }, { fileIds: [5] }];
    case 'POST /api/documents/:did/comments':
      return [{ element: 'body.999', text: 'x' }, { element: '../..', quote: 'x'.repeat(501), text: 'y' }, { element: 'title', text: '' }];
    case 'POST /api/documents/:did/actions/:daction':
      return [
        { reviewerId: 'nope' }, { reviewerId: r.unitClerk }, { signerIds: ['nope'] }, { countersigners: [{ unitId: 'nope' }, { userId: 'nope' }] }, { distribution: [{ unitId: 'nope', name: 'x', kind: 'primary' }] },
        { deadline: '2026-02-30', leadUnitId: 'nope' }, { instructorIds: [r.leader], deadline: '9999-12-31' }, { leadUnitId: r.township, coopUnitIds: ['nope'] }, { readerIds: [r.unitClerk], forInformation: true }, { deadline: '2026-11-31', leadUnitId: r.township }, { createAssignment: { assigneeUnitId: r.township, deadline: '2026-11-31' } }, { createAssignment: { assigneeUnitId: r.township, deadline: '9999-12-31' } }, { deadline: '9999-12-31', leadUnitId: r.township }, { createAssignment: { assigneeUnitId: 'nope', deadline: '2026-02-30' } }, { createAssignment: { assigneeUnitId: r.township, deadline: '2026-13-45' } },
        { copies: -5 }, { copies: 1e15 }, { instructorIds: ['nope'], instructMode: 'parallel' }, { readerIds: ['nope'] }, { chaserId: 'nope', deadline: '0000-00-00' }, { retention: 'zzz' },
      ];
    case 'POST /api/supervision/circulars/:cid/docx':
      return [];
    default:
      return [];
  }
}

/** Ids a route's placeholders take: the real ones, then hostile ones shared by every placeholder. */
interface Real {
  aid: string; nid: string; cid: string; pid: string; registeredPid: string; incomingDid: string; pdoc: string; mid: string; catid: string; did: string; cmt: string; no: string; tid: string; fid: string;
  township: string; committee: string; leader: string; unitClerk: string; otherClerk: string;
}
const HOSTILE_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "'; drop table assignments; --", 'a'.repeat(65), '%00', '..%2F..%2Fetc%2Fpasswd', '0', '-1', '1e400', '%E4%B8%AD'];
/** Each flow's steps, those that move a case forward first, so that the fuzz meets it in as many states as it can. */
const ACTIONS: Record<string, string[]> = {
  aaction: ['dispatch', 'sign', 'report_progress', 'contribute', 'request_extension', 'approve_extension', 'refuse_extension', 'report_completion', 'accept', 'confirm', 'send_back', 'cancel', 'zzz'],
  paction: ['accept', 'request_extension', 'approve_extension', 'refuse_extension', 'reply', 'evaluate', 'request_review', 'decide_review', 'request_recheck', 'decide_recheck', 'close', 'instruct', 'object', 'route_legal', 'not_accept', 'zzz'],
  daction: [
    'submit', 'review_pass', 'countersign_agree', 'sign', 'register', 'seal', 'issue', 'archive', 'receive', 'accept', 'propose', 'instruct', 'read', 'contribute', 'remind', 'conclude',
    'review_return', 'review_reject', 'countersign_return', 'sign_return', 'void_number', 'return_to_sender', 'cancel', 'zzz',
  ],
};

/** Multipart uploads of the wrong kind, for the upload routes. */
async function badUploads() {
  const zip = new JSZip();
  zip.file('word/document.xml', '<not-xml');
  const notDocx = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
  const onlyField = (() => {
    const boundary = '----zhongshuX';
    return { payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dispatch"\r\n\r\nfalse\r\n--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  })();
  return [
    multipart(Buffer.from('garbage, not a spreadsheet'), 'x.xlsx'), multipart(Buffer.alloc(0), 'empty.docx'), multipart(notDocx, 'broken.docx'), multipart(Buffer.from('PK\u0003\u0004trunc'), '../../etc/passwd'),
    multipartWithFields(notDocx, 'a.xlsx', { dispatch: 'maybe' }), onlyField,
    { payload: Buffer.from('--x\r\nbroken'), headers: { 'content-type': 'multipart/form-data; boundary=x' } },
    { payload: Buffer.from('--x\r\n\r\n--x--'), headers: { 'content-type': 'multipart/form-data' } },
    { payload: Buffer.from('--x\r\n\r\n--x--'), headers: { 'content-type': `multipart/form-data; boundary=${'b'.repeat(300)}` } },
    { payload: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc'), headers: { 'content-type': 'multipart/form-data; boundary=x' } },
    { payload: Buffer.from('<xml/>'), headers: { 'content-type': 'application/xml' } }, { payload: Buffer.from('{"a":'), headers: { 'content-type': 'application/json' } },
  ];
}

interface World {
  env: TestEnv;
  real: Real;
  /** 县委办 clerk (office1), also the reviewer of the real document. */
  office: Session;
  /** 城关镇 clerk (town1): the item's lead unit and the petition's handling unit. */
  unit: Session;
  /** 信访局 clerk (xf1, petition and unit). */
  petition: Session;
  /** The next client address for the public routes. */
  ip: number;
}

async function world(): Promise<World> {
  const env = await createTestEnv({ now: at10('2026-11-02'), idleMinutes: 10_000_000 });
  const c = await seedDocumentCounty(env);
  const bureau = await makeUnit(env, '县信访局', 'department', c.committee);
  await makeUser(env, 'xf1', { unitId: bureau, roles: ['petition', 'unit'] });
  const [office, unit, petition] = await Promise.all(['office1', 'town1', 'xf1'].map((u) => login(env, u)));

  const fid = (await ok(request(env, 'POST', '/api/files', { session: office, ...multipart(Buffer.from('附件内容'), '材料.txt') }))).id as string;
  const aid = (await ok(request(env, 'POST', '/api/assignments', { session: office, body: { title: '推进老旧小区改造', instruction: '月底前报告。', leaderId: c.secretary, assigneeUnitId: c.township, deadline: { type: 'date', date: '2026-12-18' }, tasks: [{ title: '改造小区', target: 3 }] } }))).id as string;
  const notices = (await ok(request(env, 'GET', `/api/assignments/${aid}`, { session: office }))).notices as { id: string }[];
  assert.ok(notices.length > 0, 'the 交办单 is issued on dispatch');
  const cid = (await ok(request(env, 'POST', '/api/supervision/circulars', { session: office, body: { from: '2026-10-01', to: '2026-10-31' } }))).id as string;

  const petitionBody = { channel: 'visit', kind: 'appeal', summary: '反映东关村道路破损', content: '城关镇东关村主干道路面破损严重，雨天积水，群众出行困难，请求尽快修缮。', townshipId: c.township, categoryId: 'cat-01', firstOrgan: 'this_level', petitioner: { name: '张建国', phone: '13800138000' } };
  const pid = (await ok(request(env, 'POST', '/api/petitions', { session: petition, body: petitionBody }))).id as string;
  const second = await ok(request(env, 'POST', '/api/petitions', { session: petition, body: { ...petitionBody, petitioner: { name: '王小梅' } } }));
  const mid = (second.matches as { id: string }[])[0];
  await ok(request(env, 'POST', `/api/petitions/${pid}/actions/accept`, { session: petition, body: { handlingMode: 'transfer', handlingUnitId: c.township } }));
  const pDetail = await ok(request(env, 'GET', `/api/petitions/${pid}`, { session: petition }));
  const pdoc = (pDetail.documents as { id: string }[])[0]!.id;

  // Drafted by office2 and under review by office1, so the office clerk's steps on it get past the checks.
  const drafter = await login(env, 'office2');
  const did = (await ok(request(env, 'POST', '/api/documents/outgoing', { session: drafter, body: { issuerUnitId: c.committee, docType: '通知', title: '关于冬季供暖的通知' } }))).id as string;
  await ok(request(env, 'POST', `/api/documents/${did}/actions/submit`, { session: drafter, body: { reviewerId: c.drafter, signerIds: [c.secretary] } }));
  const cmt = (await ok(request(env, 'POST', `/api/documents/${did}/comments`, { session: office, body: { element: 'title', text: '请斟酌' } }))).id as string;
  const incomingDid = (await ok(request(env, 'POST', '/api/documents/incoming', { session: office, body: { title: '关于做好冬季安全生产工作的通知', docType: '通知', senderName: '市委办公室', receivedVia: '邮寄' } }))).id as string;
  const inbox = await ok(request(env, 'GET', '/api/inbox?box=todo', { session: unit }));
  const tid = (inbox.items as { id: string }[])[0]!.id;
  return {
    env, office, unit, petition, ip: 0,
    real: { aid, nid: notices[0]!.id, cid, pid, registeredPid: second.id, incomingDid, pdoc, mid: mid?.id ?? second.id, catid: 'cat-01', did, cmt, no: '1', tid, fid, township: c.township, committee: c.committee, leader: c.secretary, unitClerk: c.townClerk, otherClerk: c.otherClerk },
  };
}

const actionKindOf = (template: string) => Object.keys(ACTIONS).find((k) => template.includes(`:${k}`));

function fill(template: string, real: Real, hostile: string | null, action: string): string {
  return template.replace(/:(\w+)/g, (_, k: string) => {
    if (k in ACTIONS) return action;
    if (hostile !== null) return encodeURIComponent(hostile).replace(/%25/g, '%');
    return encodeURIComponent(real[k as keyof Real]);
  });
}

/** One pass of the fuzz over the routes under these prefixes; the 5xx answers, each with its request. */
async function fuzz(w: World, prefixes: string[], other: Partial<Real> = {}): Promise<string[]> {
  const { env } = w;
  const real = { ...w.real, ...other };
  const started = Date.now();
  const bad: string[] = [];
  let sent = 0;
  const send = async (session: Session | null, method: string, url: string, o: { body?: unknown; payload?: Buffer; headers?: Record<string, string> }) => {
    sent++;
    const t0 = Date.now();
    // The public routes limit each address; a fresh address for each request lets them reach the handler.
    const r: Res = session === null && url.startsWith('/api/public/')
      ? await requestFrom(env, `10.9.${(w.ip >> 8) & 255}.${w.ip++ & 255}`, method, url, o)
      : await request(env, method, url, { session, ...o });
    if (r.status >= 500) bad.push(`${method} ${url} ${o.payload ? `<${o.headers?.['content-type']?.slice(0, 60)} ${o.payload.length}B>` : JSON.stringify(o.body)?.slice(0, 400)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    else assert.ok(r.status >= 200 && r.status < 500, `${method} ${url} → ${r.status}`);
    // A value that makes one request run for seconds (a deadline in 9999 counted day by day) is as bad as a 500.
    const ms = Date.now() - t0;
    if (ms > SLOW_MS) bad.push(`${method} ${url} ${JSON.stringify(o.body)?.slice(0, 400)} → ${r.status} after ${ms} ms`);
  };
  const uploads = await badUploads();
  const uploadRoutes = new Set(['POST /api/files', 'POST /api/supervision/import', 'POST /api/documents/parse-docx']);

  for (const [method, template] of ROUTES.filter(([, t]) => prefixes.some((p) => t === p || t.startsWith(`${p}/`)))) {
    const key = `${method} ${template}`;
    const isPublic = template.startsWith('/api/public/');
    const actionKind = actionKindOf(template);
    const actions = actionKind ? ACTIONS[actionKind]! : [''];
    const hasBody = method !== 'GET';
    const specific = hasBody ? specificBodies(key, real) : [];
    const queries = method === 'GET' && (!template.includes('/:') || QUERIES[template]) ? [...GENERIC_QUERIES, ...(QUERIES[template] ?? [])] : [''];
    // Without a session every staff route is refused before anything else.
    if (!isPublic) await send(null, method, fill(template, real, null, actions[0]!), { body: hasBody ? {} : undefined });
    // Each step of a flow is tried by every session before the next step, so a step one of them may take is
    // taken (the unit signs before the office cancels) and later steps meet a case that has moved on.
    for (const action of actions) {
      for (const session of isPublic ? [null, w.office] : [w.office, w.unit, w.petition]) {
        // Real ids: every query and body; the steps of a flow with the per-route shapes and a few wrong ones.
        const url = fill(template, real, null, action);
        // Steps that need an opinion check it first; with one added, the same shapes reach the step itself.
        const withComment = specific.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && !Array.isArray(b) && !('comment' in b)).map((b) => ({ comment: '请阅示', ...b }));
        const bodies = !hasBody ? [undefined] : actionKind ? [undefined, {}, [], 'str', null, { comment: ['a'] }, ...specific, ...withComment] : [...GENERIC_BODIES, ...specific];
        for (const q of queries) for (const body of bodies) await send(session, method, url + q, { body });
        if (uploadRoutes.has(key)) for (const u of uploads) await send(session, method, url, u);
        // Hostile ids: with a plausible body, so that the schema lets them through and the lookup itself is tried.
        if (template.includes('/:') && action === actions[0]) {
          for (const id of HOSTILE_IDS) {
            for (const body of hasBody ? [undefined, {}, ...specific.slice(0, 2)] : [undefined]) await send(session, method, fill(template, real, id, action) + (QUERIES[template]?.[0] ?? ''), { body });
          }
        }
      }
    }
  }
  console.log(`fuzz ${prefixes.join(' ')}${Object.keys(other).length ? ` with another ${Object.keys(other).join(', ')}` : ''} (${DIALECT}): ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return [...new Set(bad)];
}

/** Rows in a table, for the tables countRows (helpers.ts) does not take. */
async function rowsIn(env: TestEnv, table: 'assignment_events' | 'assignment_tasks' | 'assignment_notices' | 'accountability_records' | 'supervision_circulars' | 'petition_events' | 'petitioners' | 'documents' | 'document_events' | 'document_comments' | 'audit_log' | 'inbox_items' | 'files') {
  const r = await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function snapshot(env: TestEnv) {
  const tables = ['assignment_events', 'assignment_tasks', 'assignment_notices', 'accountability_records', 'supervision_circulars', 'petition_events', 'petitioners', 'documents', 'document_events', 'document_comments', 'audit_log', 'inbox_items', 'files'] as const;
  const counts: Record<string, number> = { assignments: await countRows(env, 'assignments'), petitions: await countRows(env, 'petitions') };
  for (const t of tables) counts[t] = await rowsIn(env, t);
  return counts;
}

describe(`督查督办, 信访, 办文, inbox and files answer bad input without a 500 (${DIALECT})`, () => {
  let w: World;
  const started = Date.now();
  before(async () => {
    w = await world();
  });
  after(async () => {
    console.log(`fuzz-business (${DIALECT}): ${ROUTES.length} routes, ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
    await w?.env.close();
  });

  it('the worst bodies are refused with a 4xx and change nothing in the database', async () => {
    const { env, real, office, unit, petition } = w;
    const item = { title: '推进老旧小区改造', instruction: '月底前报告。', leaderId: real.leader, assigneeUnitId: real.township, deadline: { type: 'workdays', days: 5 } };
    const reg = { channel: 'visit', kind: 'appeal', summary: '反映道路破损', content: '道路破损严重。', townshipId: real.township, categoryId: 'cat-01', firstOrgan: 'this_level', petitioner: { name: '张三' } };
    const row = { title: '事项', content: '内容', sourceLabel: '上级交办', leadUnit: '城关镇', leader: 'shuji姓名', deadline: '2026-12-31' };
    await ok(request(env, 'POST', `/api/assignments/${real.aid}/actions/sign`, { session: unit, body: {} }));
    const before = await snapshot(env);
    const worst: [Session, string, string, unknown, string][] = [
      [office, 'POST', '/api/assignments', { ...item, deadline: { type: 'date', date: '2026-02-30' } }, 'deadline.date'],
      [office, 'POST', '/api/assignments', { ...item, assigneeUnitId: 'nope' }, 'assigneeUnitId'],
      [office, 'POST', '/api/assignments', { ...item, tasks: [{ title: 't', target: 1, deadline: '2026-13-45' }] }, 'tasks.0.deadline'],
      [office, 'POST', '/api/assignments', { ...item, title: 'x'.repeat(100_000) }, 'title'],
      [office, 'POST', '/api/assignments', [item], ''],
      [unit, 'POST', `/api/assignments/${real.aid}/actions/request_extension`, { newDeadline: '2026-11-31', comment: '申请延期' }, 'newDeadline'],
      [office, 'POST', '/api/assignments', { ...item, startDate: '2026-10-32' }, 'startDate'],
      [office, 'POST', '/api/assignments', { ...item, sourceDate: '2026-10-32' }, 'sourceDate'],
      [office, 'POST', '/api/assignments', { ...item, tasks: [{ title: 't', target: 1, deadline: '2026-11-31' }] }, 'tasks.0.deadline'],
      [office, 'POST', '/api/supervision/circulars', { from: '2026-02-30', to: '2026-13-45' }, 'from'],
      [office, 'POST', '/api/supervision/accountability', { kind: 'rectification', unitId: real.township, reason: '限期整改', dueDate: '2026-11-31' }, 'dueDate'],
      [office, 'GET', '/api/supervision/ranking?from=2026-10-32', undefined, 'from'],
      [office, 'POST', '/api/supervision/accountability', { kind: 'interview', unitId: 'nope', reason: '约谈' }, 'unitId'],
      [petition, 'POST', '/api/petitions', { ...reg, townshipId: 'nope' }, 'townshipId'],
      [petition, 'POST', '/api/petitions', { ...reg, receivedAt: '2999-01-01' }, 'receivedAt'],
      [petition, 'POST', '/api/petitions', { ...reg, representatives: Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}` })) }, 'representatives'],
      [office, 'POST', '/api/documents/outgoing', { issuerUnitId: 'nope', docType: '通知' }, 'issuerUnitId'],
      [office, 'POST', '/api/documents/incoming', { title: '关于x的通知', docType: '通知', senderName: '市委办', receivedVia: '邮寄', receivedAt: '2026-02-30T00:00:00Z' }, 'receivedAt'],
      [office, 'POST', '/api/documents/incoming', { title: '关于x的通知', docType: '通知', senderName: '市委办', receivedVia: '邮寄', attachmentIds: ['nope'] }, 'attachmentIds'],
      [office, 'PUT', `/api/documents/${real.did}/content`, { rev: 999, content: { documentType: '通知', format: 'standard', elements: { body: [] } } }, ''],
    ];
    const answers = [];
    for (const [session, method, url, body, field] of worst) {
      const r = await request(env, method, url, { session, body });
      answers.push(`${method} ${url} → ${r.status}${r.status === 400 && r.body.error?.field !== undefined ? ` ${r.body.error.field}` : ''}`);
      assert.ok(r.status >= 400 && r.status < 500, `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${r.status} ${JSON.stringify(r.body)}`);
      if (field) assert.equal(r.body.error.field, field, `${method} ${url}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.error.message, /[\u4e00-\u9fff]/, `${method} ${url}: a Chinese message`);
    }
    // 批量立项 is all or nothing: one bad row, and the good one is not registered either.
    const imported = await ok(request(env, 'POST', '/api/supervision/import', { session: office, body: { rows: [row, { ...row, deadline: '2026-02-30' }] } }));
    assert.deepEqual(imported, { created: 0, ids: [], errors: [{ row: 2, field: '办理期限', message: '“2026-02-30”不是有效日期，格式为YYYY-MM-DD' }] });
    assert.deepEqual(await snapshot(env), before, answers.join('\n'));
  });

  it('督查督办 (assignments and supervision)', async () => {
    assert.deepEqual((await fuzz(w, ['/api/assignments', '/api/supervision'])).slice(0, 40), []);
  });

  it('信访 (staff and public), on a case being handled and on one not yet accepted', async () => {
    const bad = [...(await fuzz(w, ['/api/petitions', '/api/public/petitions'])), ...(await fuzz(w, ['/api/petitions'], { pid: w.real.registeredPid }))];
    assert.deepEqual([...new Set(bad)].slice(0, 40), []);
  });

  it('办文 (documents), on an outgoing and on an incoming document', async () => {
    const bad = [...(await fuzz(w, ['/api/documents'])), ...(await fuzz(w, ['/api/documents'], { did: w.real.incomingDid }))];
    assert.deepEqual([...new Set(bad)].slice(0, 40), []);
  });

  it('inbox and files', async () => {
    assert.deepEqual((await fuzz(w, ['/api/inbox', '/api/files'])).slice(0, 40), []);
  });
});

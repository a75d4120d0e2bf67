import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { checkDocument } from '../gongwen/checker.ts';
import type { BodyBlock, GongwenDocument } from '../gongwen/model.ts';
import { parseDocx } from '../gongwen/parse-docx.ts';
import { renderDocx } from '../gongwen/render-docx.ts';
import { bodyBlockText } from '../gongwen/text-forms.ts';
import { buildChaseNotice, buildCircular, buildDispatchNotice, buildSuperviseNotice, type CircularInput, type EscalationStatus, type NoticeIssuer, type NoticeItem } from './notices.ts';

const ITEM: NoticeItem = {
  serial: '督〔2026〕12号',
  title: '城东片区老旧小区改造',
  content: '推进城东片区12个老旧小区改造，完成管网、屋面和道路改造。\n年底前全部完工并通过验收',
  sourceLabel: '县委常委会会议纪要（2026年第12次）',
  levelLabel: '重点',
  leadUnitName: '县住房和城乡建设局',
  cooperatingUnitNames: ['县财政局', '县自然资源局'],
  responsibleLeaderName: '张三',
  responsiblePersonName: '李四',
  completionStandard: '12个小区全部完工并通过竣工验收',
  deadline: '2026-12-31',
  feedbackLabel: '每月5日前反馈（遇节假日顺延）',
  tasks: [
    { title: '完成改造方案设计', indicator: '方案数', target: 12, unitLabel: '个', ownerName: '县住房和城乡建设局', deadline: '2026-06-30' },
    { title: '落实改造资金', indicator: '到位资金', target: 3600, unitLabel: '万元', ownerName: '县财政局' },
    { title: '组织竣工验收' },
  ],
};

const ISSUER: NoticeIssuer = { officeName: '中共××县委办公室', date: '2026-11-20', noticeNumber: '县委办督交〔2026〕3号' };

const STATUS: EscalationStatus = {
  progress: 40,
  expected: 70,
  reasons: ['进度落后30.0个百分点（按时序应完成70.0%，实际40.0%）', '连续2次未按期反馈', '距办理期限（2026-12-31）仅剩3个工作日'],
  escalationNo: 1,
  replyWithinWorkdays: 3,
};

const CIRCULAR: CircularInput = {
  officeName: '中共××县委办公室',
  committeeName: '中共××县委',
  periodLabel: '2026年10月',
  date: '2026-11-01',
  recipients: ['各乡镇党委', '县直各单位'],
  totals: { assigned: 20, concluded: 15, concludedOnTime: 12, overdue: 2, red: 3, feedbacksMissed: 4, open: 5 },
  units: [
    { unitName: '县发展和改革局', assigned: 8, concluded: 7, concludedOnTime: 6, overdue: 0, red: 1, feedbacksMissed: 1, onTimeRate: 85.7 },
    { unitName: '县住房和城乡建设局', assigned: 10, concluded: 8, concludedOnTime: 6, overdue: 2, red: 2, feedbacksMissed: 3, onTimeRate: 60 },
    { unitName: '县财政局', assigned: 2, concluded: 0, concludedOnTime: 0, overdue: 0, red: 0, feedbacksMissed: 0, onTimeRate: null },
  ],
  overdueAndRed: [
    { serial: '督〔2026〕12号', title: '城东片区老旧小区改造', leadUnitName: '县住房和城乡建设局', deadline: '2026-10-31', colourLabel: '逾期', reason: '已超过办理期限（2026-10-31）' },
  ],
  rateFormula: '按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100%',
};

/** The 正文 as written lines: marker and text, a table as its caption and tab-separated rows. */
const lines = (body: readonly BodyBlock[]): string[] => body.map(bodyBlockText);

/** The level-1 headings of the 正文. */
const headings = (doc: GongwenDocument): string[] => doc.elements.body.filter((b) => b.kind === 'heading' && b.level === 1).map(bodyBlockText);

const TASK_ROWS = [
  ['序号', '任务', '指标', '目标值', '责任单位', '完成时限'],
  ['1', '完成改造方案设计', '方案数', '12个', '县住房和城乡建设局', '2026年6月30日'],
  ['2', '落实改造资金', '到位资金', '3600万元', '县财政局', '2026年12月31日'],
  ['3', '组织竣工验收', '—', '—', '县住房和城乡建设局', '2026年12月31日'],
];

/** Every text run of the .docx's document.xml, in order, joined. */
async function docxText(doc: GongwenDocument): Promise<string> {
  const zip = await JSZip.loadAsync(await renderDocx(doc));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

test('the 交办单 is a 信函式 通知 from the office to the lead unit, copied to the cooperating units', () => {
  const doc = buildDispatchNotice(ITEM, ISSUER, { receiptWorkdays: 2 });
  assert.equal(doc.documentType, '通知');
  assert.equal(doc.format, '信函式');
  const { body, ...head } = doc.elements;
  assert.deepEqual(head, {
    issuerMark: '中共××县委办公室',
    documentNumber: { text: '县委办督交〔2026〕3号', issuerCode: '县委办督交', year: 2026, serial: 3 },
    title: '关于交办“城东片区老旧小区改造”督查事项的通知',
    primaryRecipients: ['县住房和城乡建设局'],
    issuerSignatures: ['中共××县委办公室'],
    issueDate: '2026-11-20',
    sealed: true,
    copyRecipients: ['县财政局', '县自然资源局'],
  });
  assert.deepEqual(lines(body), [
    '现将“城东片区老旧小区改造”督查事项（编号：督〔2026〕12号，重点事项）交由你单位牵头办理。有关事项通知如下。',
    '一、事项来源',
    '县委常委会会议纪要（2026年第12次）。',
    '二、交办内容',
    '推进城东片区12个老旧小区改造，完成管网、屋面和道路改造。',
    '年底前全部完工并通过验收。',
    '三、责任分工',
    '牵头单位：县住房和城乡建设局；配合单位：县财政局、县自然资源局。',
    '责任领导：张三；责任人：李四。',
    '牵头单位对事项办理负总责，加强统筹协调；配合单位按照职责分工，主动对接、密切配合，形成工作合力。',
    '四、完成标准',
    '12个小区全部完工并通过竣工验收。',
    '五、分解任务',
    '该事项分解为3项任务，请对照下表逐项落实。',
    ['任务分解表', ...TASK_ROWS.map((r) => r.join('\t'))].join('\n'),
    '六、办理时限',
    '请于2026年12月31日前办结。确需延期的，应在办理期限届满前提出书面申请，说明理由，经批准后方可延期。',
    '七、反馈要求',
    '请你单位收到本通知后2个工作日内签收，并明确具体承办人员。',
    '办理期间，请按照“每月5日前反馈（遇节假日顺延）”的要求，向中共××县委办公室书面报送办理进展情况；事项办结后，及时报送办结报告及相关佐证材料。',
  ]);
  assert.deepEqual(body[14], { kind: 'table', text: '任务分解表', rows: TASK_ROWS });
});

test('a 交办单 without 完成标准, tasks or cooperating units leaves those parts out and numbers the rest in order', () => {
  const doc = buildDispatchNotice({ ...ITEM, completionStandard: undefined, tasks: [], cooperatingUnitNames: [], responsiblePersonName: undefined }, ISSUER, { receiptWorkdays: 3 });
  assert.deepEqual(headings(doc), ['一、事项来源', '二、交办内容', '三、责任分工', '四、办理时限', '五、反馈要求']);
  assert.equal(doc.elements.body.some((b) => b.kind === 'table'), false);
  assert.equal(doc.elements.copyRecipients, undefined);
  assert.deepEqual(lines(doc.elements.body).slice(7, 9), ['牵头单位：县住房和城乡建设局。', '责任领导：张三。']);
  assert.equal(lines(doc.elements.body)[12], '请你单位收到本通知后3个工作日内签收，并明确具体承办人员。');
  assert.deepEqual(checkDocument(doc), []);
});

test('the 催办单 recalls the item, states progress against the schedule and the reasons, and asks for a written reply', () => {
  const doc = buildChaseNotice(ITEM, { ...ISSUER, noticeNumber: '县委办督催〔2026〕7号' }, STATUS);
  assert.equal(doc.elements.title, '关于催办“城东片区老旧小区改造”督查事项的通知');
  assert.deepEqual(doc.elements.documentNumber, { text: '县委办督催〔2026〕7号', issuerCode: '县委办督催', year: 2026, serial: 7 });
  assert.deepEqual(doc.elements.primaryRecipients, ['县住房和城乡建设局']);
  const text = lines(doc.elements.body);
  assert.equal(text[0], '“城东片区老旧小区改造”督查事项（编号：督〔2026〕12号）由你单位牵头办理，办理期限为2026年12月31日。经跟踪督查，该事项办理进展未达到要求，现予催办（第1次）。有关事项通知如下。');
  assert.deepEqual(headings(doc), ['一、事项基本情况', '二、办理进展和存在问题', '三、催办要求']);
  assert.deepEqual(text.slice(1, 7), [
    '一、事项基本情况',
    '（一）事项来源。县委常委会会议纪要（2026年第12次）。',
    '（二）交办内容。推进城东片区12个老旧小区改造，完成管网、屋面和道路改造。年底前全部完工并通过验收。',
    '（三）责任分工。牵头单位：县住房和城乡建设局；配合单位：县财政局、县自然资源局。责任领导：张三；责任人：李四。',
    '（四）完成标准。12个小区全部完工并通过竣工验收。',
    '（五）分解任务。该事项分解为3项任务，详见下表。',
  ]);
  assert.deepEqual(doc.elements.body[7], { kind: 'table', text: '任务分解表', rows: TASK_ROWS });
  assert.deepEqual(text.slice(8), [
    '（六）办理时限。2026年12月31日前办结。',
    '二、办理进展和存在问题',
    '截至目前，该事项完成进度为40%，按时序应完成70%，落后30个百分点。',
    '经督查，该事项存在以下问题：进度落后30.0个百分点（按时序应完成70.0%，实际40.0%）；连续2次未按期反馈；距办理期限（2026年12月31日）仅剩3个工作日。',
    '三、催办要求',
    '请你单位高度重视，认真分析进展滞后的原因，采取有力措施加快推进，确保按期保质完成。',
    '请于收到本通知后3个工作日内，将办理进展、存在问题及下步措施书面报送中共××县委办公室。',
    '此后，请按照“每月5日前反馈（遇节假日顺延）”的要求按时报送办理进展情况。',
  ]);
});

test('the 督办通知单 says the 催办 brought no improvement and asks the principal head for a written account', () => {
  const doc = buildSuperviseNotice(ITEM, { ...ISSUER, noticeNumber: '县委办督办〔2026〕2号' }, { ...STATUS, progress: 45.5, expected: 80.25, escalationNo: 2, replyWithinWorkdays: 5 });
  assert.equal(doc.elements.title, '关于督办“城东片区老旧小区改造”督查事项的通知');
  assert.deepEqual(doc.elements.documentNumber, { text: '县委办督办〔2026〕2号', issuerCode: '县委办督办', year: 2026, serial: 2 });
  const text = lines(doc.elements.body);
  assert.equal(
    text[0],
    '“城东片区老旧小区改造”督查事项（编号：督〔2026〕12号）由你单位牵头办理，办理期限为2026年12月31日。中共××县委办公室已发出催办通知，但该事项办理进展仍未明显改进，现予督办（第2次催办督办）。有关事项通知如下。',
  );
  assert.deepEqual(headings(doc), ['一、事项基本情况', '二、办理进展和存在问题', '三、督办要求']);
  assert.equal(text[10], '截至目前，该事项完成进度为45.5%，按时序应完成80.3%，落后34.8个百分点。');
  assert.deepEqual(text.slice(-4), [
    '三、督办要求',
    '请你单位主要负责同志亲自研究，逐项查找问题原因，制定切实可行的整改措施，明确责任人和完成时限，确保事项按期办结。',
    '请于收到本通知后5个工作日内，将进展滞后的原因及整改措施书面报送中共××县委办公室，书面说明须经你单位主要负责同志签字。',
    '此后，请按照“每月5日前反馈（遇节假日顺延）”的要求按时报送办理进展情况。对整改不力、仍未按期办结的，将按照有关规定予以通报，并视情提请约谈或问责。',
  ]);
});

test('an item on schedule with no reasons is chased without a lag or a list of problems', () => {
  const doc = buildChaseNotice(ITEM, ISSUER, { ...STATUS, progress: 75, expected: 70, reasons: [] });
  const text = lines(doc.elements.body);
  const at = text.indexOf('二、办理进展和存在问题');
  assert.deepEqual(text.slice(at, at + 3), ['二、办理进展和存在问题', '截至目前，该事项完成进度为75%，按时序应完成70%。', '三、催办要求']);
});

test('the 通报 gives the totals, a table of every unit with a 合计 row and the formula, and a table of overdue and red items', () => {
  const doc = buildCircular(CIRCULAR);
  assert.equal(doc.documentType, '通报');
  assert.equal(doc.format, '文件式');
  const { body, ...head } = doc.elements;
  assert.deepEqual(head, {
    issuerMark: '中共××县委办公室文件',
    title: '关于2026年10月督查督办事项办理情况的通报',
    primaryRecipients: ['各乡镇党委', '县直各单位'],
    issuerSignatures: ['中共××县委办公室'],
    issueDate: '2026-11-01',
    sealed: true,
    printingOrgan: '中共××县委办公室',
    printingDate: '2026-11-01',
  });
  assert.deepEqual(headings(doc), ['一、总体情况', '二、各单位办理情况', '三、逾期和红灯事项', '四、表扬', '五、批评', '六、下步要求']);
  const text = lines(body);
  assert.deepEqual(text.slice(0, 3), [
    '为推动中共××县委重大决策部署和领导批示事项落地落实，中共××县委办公室对督查督办事项办理情况进行了跟踪督查。现将2026年10月督查督办事项办理情况通报如下。',
    '一、总体情况',
    '2026年10月，共交办督查事项20项，办结15项，其中按期办结12项；逾期未办结2项，亮红灯3项，未按期反馈4次；截至统计期末，尚在办理5项。总体按期办结率为70.6%。',
  ]);
  assert.deepEqual(body[5], {
    kind: 'table',
    text: '表1　各单位督查督办事项办理情况',
    rows: [
      ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'],
      ['1', '县发展和改革局', '8', '7', '6', '0', '1', '1', '85.7%'],
      ['2', '县住房和城乡建设局', '10', '8', '6', '2', '2', '3', '60.0%'],
      ['3', '县财政局', '2', '0', '0', '0', '0', '0', '—'],
      ['', '合计', '20', '15', '12', '2', '3', '4', '70.6%'],
    ],
  });
  assert.equal(text[6], '表中按期办结率的计算方法为：按期办结率 = 按期办结数 ÷（办结数 + 逾期未办结数）× 100%。统计期内无到期事项的单位不计算按期办结率，以“—”表示。');
  assert.deepEqual(body[9], {
    kind: 'table',
    text: '表2　逾期和红灯事项',
    rows: [
      ['序号', '事项编号', '事项名称', '牵头单位', '办理期限', '预警状态', '原因'],
      ['1', '督〔2026〕12号', '城东片区老旧小区改造', '县住房和城乡建设局', '2026年10月31日', '逾期', '已超过办理期限（2026年10月31日）'],
    ],
  });
  assert.deepEqual(text.slice(10, 14), [
    '四、表扬',
    '【请填写：对按期办结率高、办理质量好、反馈及时的单位予以通报表扬的情况。】',
    '五、批评',
    '【请填写：对逾期未办结、亮红灯或未按期反馈的单位予以通报批评的情况及整改要求。】',
  ]);
  assert.deepEqual(text.slice(15).map((t) => t.slice(0, 9)), ['（一）提高思想认识', '（二）加快推进办理', '（三）严格反馈制度']);
});

test('a 通报 of a quiet period says there was nothing overdue and no rate where nothing was due', () => {
  const doc = buildCircular({
    ...CIRCULAR,
    committeeName: '',
    totals: { assigned: 2, concluded: 0, concludedOnTime: 0, overdue: 0, red: 0, feedbacksMissed: 0, open: 2 },
    units: [CIRCULAR.units[2]!],
    overdueAndRed: [],
  });
  const text = lines(doc.elements.body);
  assert.equal(text[0], '为推动重大决策部署和领导批示事项落地落实，中共××县委办公室对督查督办事项办理情况进行了跟踪督查。现将2026年10月督查督办事项办理情况通报如下。');
  assert.equal(text[2], '2026年10月，共交办督查事项2项，办结0项，其中按期办结0项；逾期未办结0项，亮红灯0项，未按期反馈0次；截至统计期末，尚在办理2项。统计期内无到期事项，不计算按期办结率。');
  assert.deepEqual(doc.elements.body[5]!.rows!.at(-1), ['', '合计', '2', '0', '0', '0', '0', '0', '—']);
  assert.deepEqual(text.slice(7, 9), ['三、逾期和红灯事项', '2026年10月，无逾期未办结或亮红灯的督查事项。']);
  assert.equal(doc.elements.body.filter((b) => b.kind === 'table').length, 1);
  assert.deepEqual(checkDocument(doc), []);
});

test('every document passes the checker without a finding; complete, only the 通报 lacks its 发文字号 until it is registered', () => {
  const notices = [
    buildDispatchNotice(ITEM, ISSUER, { receiptWorkdays: 2 }),
    buildChaseNotice(ITEM, ISSUER, STATUS),
    buildSuperviseNotice(ITEM, ISSUER, { ...STATUS, escalationNo: 3 }),
  ];
  for (const doc of notices) {
    assert.deepEqual(checkDocument(doc), [], doc.elements.title!);
    assert.deepEqual(checkDocument(doc, { complete: true }), [], doc.elements.title!);
  }
  const circular = buildCircular(CIRCULAR);
  assert.deepEqual(checkDocument(circular), []);
  assert.deepEqual(checkDocument(circular, { complete: true }).map((f) => [f.code, f.severity, f.element]), [['ELEMENT_MISSING', 'error', 'documentNumber']]);
});

test('text typed with stray punctuation or its own quotation marks still reads as correct 公文', () => {
  const messy: NoticeItem = {
    ...ITEM,
    title: '“四好农村路”建设',
    content: '完成道路硬化20公里。',
    sourceLabel: '县委书记批示。',
    completionStandard: '通过市级验收；',
    feedbackLabel: '办理期限前反馈一次',
    tasks: [{ title: '完成路基施工。', target: Number.NaN, unitLabel: '公里' }],
  };
  const doc = buildSuperviseNotice(messy, ISSUER, { ...STATUS, reasons: ['连续2次未按期反馈。', ''] });
  assert.equal(doc.elements.title, '关于督办“‘四好农村路’建设”督查事项的通知');
  const text = lines(doc.elements.body);
  assert.equal(text[2], '（一）事项来源。县委书记批示。');
  assert.equal(text[3], '（二）交办内容。完成道路硬化20公里。');
  assert.equal(text[5], '（四）完成标准。通过市级验收。');
  assert.deepEqual(doc.elements.body[7]!.rows![1], ['1', '完成路基施工', '—', '—', '县住房和城乡建设局', '2026年12月31日']);
  assert.equal(text[11], '经督查，该事项存在以下问题：连续2次未按期反馈。');
  assert.deepEqual(checkDocument(doc), []);
});

test('every document renders to .docx with its figures, and reads back with its tables', async () => {
  const dispatch = buildDispatchNotice(ITEM, ISSUER, { receiptWorkdays: 2 });
  const dispatchText = await docxText(dispatch);
  for (const expected of ['中共××县委办公室', '县委办督交〔2026〕3号', '关于交办“城东片区老旧小区改造”督查事项的通知', '任务分解表', '3600万元', '2026年6月30日', '抄送：县财政局，县自然资源局。']) {
    assert.ok(dispatchText.includes(expected), expected);
  }
  const chaseText = await docxText(buildChaseNotice(ITEM, ISSUER, STATUS));
  assert.ok(chaseText.includes('截至目前，该事项完成进度为40%，按时序应完成70%，落后30个百分点。'));
  const superviseText = await docxText(buildSuperviseNotice(ITEM, ISSUER, { ...STATUS, escalationNo: 2 }));
  assert.ok(superviseText.includes('主要负责同志亲自研究'));

  const circular = buildCircular(CIRCULAR);
  const circularText = await docxText(circular);
  for (const row of circular.elements.body.filter((b) => b.kind === 'table').flatMap((b) => b.rows!)) {
    assert.ok(circularText.includes(row.join('')), row.join(' | '));
  }
  assert.ok(circularText.includes('县住房和城乡建设局108622360.0%'), 'a unit row: name, counts and rate cell by cell');
  assert.ok(circularText.includes('总体按期办结率为70.6%。'));
  const back = await parseDocx(await renderDocx(circular));
  assert.deepEqual(
    back.elements.body.filter((b) => b.kind === 'table'),
    circular.elements.body.filter((b) => b.kind === 'table'),
  );
});

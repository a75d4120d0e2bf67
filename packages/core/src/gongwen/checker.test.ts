import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, type CheckOptions } from './checker.ts';
import { applyFix, getElementText } from './element-text.ts';
import type { GongwenDocument } from './model.ts';
import { SAMPLE_TABLE, SAMPLE_TEXT, docOf, requestText, sampleWithTables } from './test-helpers.ts';

const codes = (doc: GongwenDocument, options?: CheckOptions): string[] => checkDocument(doc, options).map((f) => f.code);

/**
 * Each rule: a failing example, a passing example, and (when the rule has a fix) the fix
 * applied to the failing example gives text that passes.
 */
interface RuleCase {
  code: string;
  bad: string;
  good: string;
  options?: CheckOptions;
  fixable: boolean;
  severity?: 'error' | 'warning' | 'info';
}

const notice = (o: { number?: string; title?: string; recipients?: string; body?: string[]; date?: string; tail?: string[]; head?: string[] } = {}): string =>
  [
    ...(o.head ?? []),
    '××县人民政府文件',
    o.number ?? '×政发〔2026〕5号',
    o.title ?? '××县人民政府关于做好春季防火工作的通知',
    o.recipients ?? '各乡镇人民政府，县政府各部门：',
    ...(o.body ?? ['现就做好春季防火工作通知如下。', '一、落实责任', '各单位要落实防火责任。']),
    '××县人民政府',
    o.date ?? '2026年3月1日',
    ...(o.tail ?? []),
  ].join('\n');

const CASES: RuleCase[] = [
  { code: 'DOCUMENT_NUMBER_BRACKETS', bad: notice({ number: '×政发[2026]5号' }), good: notice(), fixable: true },
  { code: 'DOCUMENT_NUMBER_BRACKETS', bad: notice({ number: '×政发（2026）5号' }), good: notice(), fixable: true },
  { code: 'DOCUMENT_NUMBER_DI', bad: notice({ number: '×政发〔2026〕第5号' }), good: notice(), fixable: true },
  { code: 'DOCUMENT_NUMBER_LEADING_ZERO', bad: notice({ number: '×政发〔2026〕05号' }), good: notice(), fixable: true },
  { code: 'DOCUMENT_NUMBER_SUFFIX', bad: notice({ number: '×政发〔2026〕5' }), good: notice(), fixable: true },
  { code: 'DOCUMENT_NUMBER_YEAR', bad: notice({ number: '×政发〔26〕5号' }), good: notice(), fixable: false },
  { code: 'DATE_PADDING', bad: notice({ date: '2026年03月01日' }), good: notice(), fixable: true },
  { code: 'DATE_CHINESE_NUMERALS', bad: notice({ date: '二〇二六年三月一日' }), good: notice(), fixable: true },
  { code: 'DATE_FORM', bad: notice({ date: '2026-3-1' }), good: notice(), fixable: true },
  { code: 'DATE_PADDING', bad: notice({ tail: ['××县人民政府办公室 2026年03月01日印发'] }), good: notice({ tail: ['××县人民政府办公室 2026年3月1日印发'] }), fixable: true },
  { code: 'HEADING_MARKER_FORM', bad: notice({ body: ['一.落实责任', '各单位要落实。'] }), good: notice(), fixable: true },
  { code: 'HEADING_MARKER_FORM', bad: notice({ body: ['一、落实责任', '（一）、压实责任。', '各单位要落实。'] }), good: notice({ body: ['一、落实责任', '（一）压实责任。'] }), fixable: true },
  { code: 'HEADING_MARKER_FORM', bad: notice({ body: ['一、落实责任', '（一）压实责任', '1、明确分工。'] }), good: notice({ body: ['一、落实责任', '（一）压实责任', '1.明确分工。'] }), fixable: true },
  { code: 'HEADING_MARKER_FORM', bad: notice({ body: ['一、落实责任', '（一）压实责任', '1.明确分工', '(1)专人负责。'] }), good: notice({ body: ['一、落实责任', '（一）压实责任', '1.明确分工', '（1）专人负责。'] }), fixable: true },
  { code: 'HEADING_NUMBER_SEQUENCE', bad: notice({ body: ['一、落实责任', '三、加强检查'] }), good: notice({ body: ['一、落实责任', '二、加强检查'] }), fixable: true },
  { code: 'HEADING_LEVEL_SKIPPED', bad: notice({ body: ['一、落实责任', '1.明确分工。'] }), good: notice({ body: ['一、落实责任', '（一）明确分工。'] }), fixable: false, severity: 'warning' },
  { code: 'TITLE_DOCUMENT_TYPE_MISSING', bad: notice({ title: '××县人民政府关于做好春季防火工作的安排' }), good: notice(), fixable: false },
  { code: 'TITLE_PUNCTUATION', bad: notice({ title: '××县人民政府关于做好春季防火工作的通知。' }), good: notice(), fixable: true },
  { code: 'PRIMARY_RECIPIENTS_COLON', bad: notice({ recipients: '各乡镇人民政府，县政府各部门:' }), good: notice(), fixable: true },
  { code: 'COPY_RECIPIENTS_PERIOD', bad: notice({ tail: ['抄送：县委办公室，县人大常委会办公室'] }), good: notice({ tail: ['抄送：县委办公室，县人大常委会办公室。'] }), fixable: true },
  { code: 'ATTACHMENT_NOTE_PUNCTUATION', bad: notice({ body: ['现通知如下。', '附件：防火责任表。'] }), good: notice({ body: ['现通知如下。', '附件：防火责任表'] }), fixable: true },
  { code: 'ATTACHMENT_NAME_MISMATCH', bad: notice({ body: ['现通知如下。', '附件：1.防火责任表', '2.值班表'], tail: ['附件1', '防火责任清单', '附件2', '值班表'] }), good: notice({ body: ['现通知如下。', '附件：1.防火责任表', '2.值班表'], tail: ['附件1', '防火责任表', '附件2', '值班表'] }), fixable: true },
  { code: 'ATTACHMENT_NOTE_NUMBERING', bad: notice({ body: ['现通知如下。', '附件：1.防火责任表', '3.值班表'] }), good: notice({ body: ['现通知如下。', '附件：1.防火责任表', '2.值班表'] }), fixable: false },
  { code: 'CLASSIFICATION_WITHOUT_COPY_NUMBER', bad: notice({ head: ['秘密★1年'] }), good: notice({ head: ['000012', '秘密★1年'] }), fixable: false },
  { code: 'COPY_NUMBER_FORM', bad: notice({ head: ['0012', '秘密★1年'] }), good: notice({ head: ['000012', '秘密★1年'] }), fixable: true },
  { code: 'SIGNERS_MISSING_UPWARD', bad: requestText({ head: '××县教育局文件\n×教〔2026〕8号' }), good: requestText({ head: '××县教育局文件\n×教〔2026〕8号    签发人：王五' }), fixable: false },
  { code: 'REQUEST_SINGLE_RECIPIENT', bad: requestText({ recipients: '××县人民政府、××县财政局：' }), good: requestText(), fixable: false },
  { code: 'REQUEST_CLOSING_MISSING', bad: requestText({ body: ['城东片区学位不足。', '拟新建城东小学一所。'] }), good: requestText(), fixable: false },
  { code: 'REQUEST_MULTIPLE_MATTERS', bad: requestText({ body: ['拟新建城东小学，妥否，请批示。', '拟扩建城西中学，妥否，请批示。'] }), good: requestText(), fixable: false, severity: 'warning' },
  { code: 'UPWARD_COPIED_DOWNWARD', bad: requestText({ copy: '抄送：各乡镇中心学校。' }), good: requestText({ copy: '抄送：××县财政局。' }), fixable: false },
  { code: 'ADDRESSED_TO_PERSON', bad: requestText({ recipients: '张县长：' }), good: requestText(), fixable: false },
  {
    code: 'REPORT_CONTAINS_REQUEST',
    bad: '××县教育局关于2025年教育工作情况的报告\n××县人民政府：\n现将2025年工作报告如下。\n拟新建城东小学，妥否，请批示。\n××县教育局\n2026年1月8日',
    good: '××县教育局关于2025年教育工作情况的报告\n××县人民政府：\n现将2025年工作报告如下。\n特此报告。\n××县教育局\n2026年1月8日',
    fixable: false,
  },
  {
    code: 'REPLY_REQUEST_NOT_NAMED',
    bad: '××县人民政府关于同意新建城东小学的批复\n县教育局：\n同意新建城东小学。\n此复。\n××县人民政府\n2026年3月9日',
    good: '××县人民政府关于同意新建城东小学的批复\n县教育局：\n你局《关于新建城东小学的请示》（×教〔2026〕8号）收悉。同意新建城东小学。\n此复。\n××县人民政府\n2026年3月9日',
    fixable: false,
  },
  { code: 'CLASSIFICATION_MARK_IN_UNCLASSIFIED', bad: notice({ body: ['本通知内容为机密★1年，不得外传。'] }), good: notice(), fixable: false },
  { code: 'PERSONAL_DATA_MOBILE', bad: notice({ body: ['联系人：张三，电话：13912345678。'], tail: ['（此件公开发布）'] }), good: notice({ body: ['联系人：张三，电话：0571-87654321。'], tail: ['（此件公开发布）'] }), fixable: true },
  { code: 'PERSONAL_DATA_ID_CARD', bad: notice({ body: ['张三（身份证号11010519491231002X）已登记。'], tail: ['（此件公开发布）'] }), good: notice({ body: ['张三已登记。'], tail: ['（此件公开发布）'] }), fixable: true },
  { code: 'PERSONAL_DATA_BANK_CARD', bad: notice({ body: ['请汇入账号6222021234567890128。'], tail: ['（此件公开发布）'] }), good: notice({ body: ['请汇入指定账户。'], tail: ['（此件公开发布）'] }), fixable: true },
  { code: 'SENSITIVE_TERM', bad: notice({ body: ['请做好××工程的保障工作。'] }), good: notice({ body: ['请做好有关工程的保障工作。'] }), options: { sensitiveTerms: [{ term: '××工程', replacement: '有关工程' }] }, fixable: true },
  { code: 'HALFWIDTH_PUNCTUATION', bad: notice({ body: ['各单位要落实责任,加强检查;确保安全(重点时段).'] }), good: notice({ body: ['各单位要落实责任，加强检查；确保安全（重点时段）。'] }), fixable: true },
  { code: 'UNPAIRED_PUNCTUATION', bad: notice({ body: ['根据《森林防火条例要求，做好工作。'] }), good: notice({ body: ['根据《森林防火条例》要求，做好工作。'] }), fixable: false },
  { code: 'UNPAIRED_PUNCTUATION', bad: notice({ body: ['落实“四个到位要求。'] }), good: notice({ body: ['落实“四个到位”要求。'] }), fixable: false },
  { code: 'DOUBLED_PUNCTUATION', bad: notice({ body: ['各单位要落实责任。。'] }), good: notice({ body: ['各单位要落实责任。'] }), fixable: true },
  { code: 'DOUBLED_CHARACTER', bad: notice({ body: ['这是我们的的责任。'] }), good: notice({ body: ['这是我们的责任。'] }), fixable: true },
  { code: 'MISUSED_WORD', bad: notice({ body: ['各单位要再接再励，一股作气完成任务。'] }), good: notice({ body: ['各单位要再接再厉，一鼓作气完成任务。'] }), fixable: true },
  { code: 'CITED_NUMBER_FORM', bad: notice({ body: ['根据《关于防火的通知》（×政发[2025]3号）要求。'] }), good: notice({ body: ['根据《关于防火的通知》（×政发〔2025〕3号）要求。'] }), fixable: true, severity: 'warning' },
  { code: 'CITATION_ORDER', bad: notice({ body: ['根据×政发〔2025〕3号《关于防火的通知》要求。'] }), good: notice({ body: ['根据《关于防火的通知》（×政发〔2025〕3号）要求。'] }), fixable: true, severity: 'warning' },
  { code: 'CITATION_NUMBER_BRACKETS', bad: notice({ body: ['根据《关于防火的通知》×政发〔2025〕3号要求。'] }), good: notice({ body: ['根据《关于防火的通知》（×政发〔2025〕3号）要求。'] }), fixable: true, severity: 'warning' },
];

for (const c of CASES) {
  test(`${c.code}: fires on the failing example, not on the passing one${c.fixable ? ', and its fix passes' : ''}`, () => {
    const bad = docOf(c.bad);
    const found = checkDocument(bad, c.options).filter((f) => f.code === c.code);
    assert.ok(found.length > 0, `expected ${c.code} in ${JSON.stringify(codes(bad, c.options))}`);
    const f = found[0]!;
    assert.equal(f.severity, c.severity ?? 'error');
    assert.ok(f.message.length > 0 && /[\u4e00-\u9fa5]/.test(f.message), 'message is Chinese');
    assert.ok(f.clause.length > 0);
    assert.deepEqual(codes(docOf(c.good), c.options).filter((x) => x === c.code), []);
    assert.equal(Boolean(f.fix), c.fixable, 'fix availability');
    if (c.fixable) {
      let fixed = bad;
      for (const each of found) fixed = applyFix(fixed, checkDocument(fixed, c.options).find((x) => x.code === c.code && x.element === each.element) ?? each);
      assert.deepEqual(codes(fixed, c.options).filter((x) => x === c.code), [], `after fix: ${JSON.stringify(fixed.elements)}`);
    }
  });
}

test('the fix rewrites exactly the written text', () => {
  const bad = docOf(notice({ number: '×政发[2026]05号' }));
  let doc = bad;
  for (const code of ['DOCUMENT_NUMBER_BRACKETS', 'DOCUMENT_NUMBER_LEADING_ZERO']) {
    doc = applyFix(doc, checkDocument(doc).find((f) => f.code === code)!);
  }
  assert.deepEqual(doc.elements.documentNumber, { text: '×政发〔2026〕5号', issuerCode: '×政发', year: 2026, serial: 5 });
  assert.equal(bad.elements.documentNumber?.text, '×政发[2026]05号', 'applyFix is pure');
});

test('the complete sample document has no findings at all', () => {
  assert.deepEqual(checkDocument(docOf(SAMPLE_TEXT)), []);
  assert.deepEqual(checkDocument(docOf(SAMPLE_TEXT), { complete: true }), []);
});

test('--complete reports missing elements of web text', () => {
  const doc = docOf('县水务局：\n原则同意。\n2026年3月1日');
  const missing = checkDocument(doc, { complete: true }).filter((f) => f.code === 'ELEMENT_MISSING').map((f) => f.element);
  assert.deepEqual(missing.sort(), ['documentNumber', 'documentType', 'issuerMark', 'issuerSignatures', 'printingDate', 'printingOrgan', 'title']);
  assert.deepEqual(checkDocument(doc), []);
});

test('the starter misused-word list does not fire on correct text', () => {
  const correct = notice({
    body: [
      '各单位要认真部署，按装修标准安装设备，即使困难再大也要完成。',
      '既使用财政资金又使用社会资金，截止日期为3月31日，按排名先后安排。',
      '工作要实实在在地推进，不了了之的问题要追责，是是非非要分清。',
      '的确要把好事办好，和和美美过节。',
    ],
  });
  assert.deepEqual(checkDocument(docOf(correct)).filter((f) => f.gate === 'wording'), []);
});

test('skipping a level upward is flagged and fixed by copying the skipped organ', () => {
  const orgTree = [
    { name: '××市人民政府' },
    { name: '××县人民政府', parent: '××市人民政府' },
    { name: '××县教育局', parent: '××县人民政府' },
  ];
  const bad = docOf(requestText({ recipients: '××市人民政府：' }));
  const f = checkDocument(bad, { orgTree }).find((x) => x.code === 'UPWARD_SKIPS_LEVEL');
  assert.ok(f, 'skipping is an error');
  assert.equal(f.severity, 'error');
  const fixed = applyFix(bad, f);
  assert.deepEqual(fixed.elements.copyRecipients, ['××县人民政府']);
  const after = checkDocument(fixed, { orgTree }).map((x) => x.code);
  assert.ok(!after.includes('UPWARD_SKIPS_LEVEL'));
  assert.ok(after.includes('UPWARD_SKIPS_LEVEL_COPIED'));
  assert.deepEqual(checkDocument(docOf(requestText()), { orgTree }).filter((x) => x.gate === 'law'), []);
});

test('personal data in a document not meant for release is not flagged', () => {
  const doc = docOf(notice({ body: ['联系人：张三，电话：13912345678。'] }));
  assert.deepEqual(checkDocument(doc).filter((f) => f.gate === 'secrecy'), []);
});

test('a table between headings raises nothing: heading numbering runs on past it', () => {
  const doc = sampleWithTables();
  assert.deepEqual(checkDocument(doc), []);
  assert.deepEqual(checkDocument(doc, { complete: true }), []);
  // A table standing where a heading was does not count as one: 一、 table 二、 stays in sequence.
  const replaced = sampleWithTables();
  replaced.elements.body.splice(2, 7, structuredClone(SAMPLE_TABLE));
  assert.deepEqual(replaced.elements.body.map((b) => b.marker ?? b.kind), ['paragraph', '一、', 'table', '二、', 'paragraph']);
  assert.deepEqual(checkDocument(replaced), []);
});

test('the wording and punctuation rules read table cells, and their fixes keep the table a table', () => {
  const doc = sampleWithTables();
  doc.elements.body[8]!.rows![2]![3] = '1个工作日,不得拖延';
  doc.elements.body[8]!.rows![3]![2] = '县政府的的领导';
  const found = checkDocument(doc).filter((f) => f.element === 'body[8]');
  const text = getElementText(doc, 'body[8]')!;
  assert.equal(text.split('\n')[3], '2\t审核\t县政府办公室\t1个工作日,不得拖延');
  assert.deepEqual(found.map((f) => [f.code, text.slice(f.range!.start, f.range!.end), text.slice(0, f.range!.start).split('\n').length - 1]), [
    ['HALFWIDTH_PUNCTUATION', ',', 3],
    ['DOUBLED_CHARACTER', '的', 4],
  ]);
  let fixed = doc;
  for (const code of ['HALFWIDTH_PUNCTUATION', 'DOUBLED_CHARACTER']) fixed = applyFix(fixed, checkDocument(fixed).find((f) => f.code === code)!);
  assert.deepEqual(fixed.elements.body[8], {
    ...SAMPLE_TABLE,
    rows: [SAMPLE_TABLE.rows![0], SAMPLE_TABLE.rows![1], ['2', '审核', '县政府办公室', '1个工作日，不得拖延'], ['3', '签发', '县政府的领导', '—']],
  });
  assert.deepEqual(checkDocument(fixed), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GongwenElements } from './model.ts';
import { documentSubstance } from './substance.ts';
import { docOf, SAMPLE_TEXT, sampleWithTables } from './test-helpers.ts';

const signed = docOf(SAMPLE_TEXT);
const signedSubstance = documentSubstance(signed);

/** The substance of the signed sample after `edit`. */
function substanceAfter(edit: (el: GongwenElements) => void): string {
  const next = structuredClone(signed);
  edit(next.elements);
  return documentSubstance(next);
}

test('is stable JSON of 标题, 主送, 正文, 附件说明 and 附件', () => {
  assert.equal(documentSubstance(structuredClone(signed)), signedSubstance);
  assert.deepEqual(JSON.parse(signedSubstance), {
    title: '××县人民政府关于加强公文处理工作的通知',
    primaryRecipients: ['各乡镇人民政府', '县政府各部门'],
    body: [
      [0, '为进一步规范公文处理工作，提高公文质量和效率，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。'],
      [1, '一、提高思想认识'],
      [2, '（一）明确责任。各单位主要负责同志是本单位公文处理工作的第一责任人，要亲自抓、负总责。'],
      [3, '1.健全制度。建立公文起草、审核、签发各环节责任制度。'],
      [4, '（1）起草环节。起草部门对公文内容负责。'],
      [4, '（2）审核环节。办公室对公文格式负责。'],
      [3, '2.加强培训。每年至少组织一次公文处理业务培训。'],
      [2, '（二）强化考核。将公文质量纳入年度绩效考核。'],
      [1, '二、规范格式要求'],
      [0, '各单位制发公文，严格执行《党政机关公文格式》（GB/T9704-2012）国家标准，做到要素齐全、格式规范。'],
    ],
    attachmentNotes: [[1, '公文格式常见错误清单'], [2, '公文处理工作责任分工表']],
    attachments: [
      [1, '公文格式常见错误清单', [[1, '一、发文字号使用圆括号。'], [1, '二、成文日期使用汉字数字。']]],
      [2, '公文处理工作责任分工表', [[0, '县政府办公室负责公文审核。']]],
    ],
  });
});

const substantive: [string, (el: GongwenElements) => void][] = [
  ['标题', (el) => void (el.title = '××县人民政府关于进一步加强公文处理工作的通知')],
  ['标题 removed', (el) => void delete el.title],
  ['主送机关 added', (el) => void el.primaryRecipients!.push('县直各单位')],
  ['主送机关 reordered', (el) => void el.primaryRecipients!.reverse()],
  ['正文 one character', (el) => void (el.body[0]!.text = el.body[0]!.text.replace('效率', '效能'))],
  ['正文 punctuation', (el) => void (el.body[6]!.text = el.body[6]!.text.replace('。每年', '，每年'))],
  ['正文 paragraph added', (el) => void el.body.push({ kind: 'paragraph', text: '本通知自印发之日起施行。' })],
  ['正文 paragraph removed', (el) => void el.body.splice(4, 1)],
  ['正文 paragraphs swapped', (el) => void el.body.splice(4, 2, el.body[5]!, el.body[4]!)],
  ['正文 paragraph split in two', (el) => void el.body.splice(0, 1, { kind: 'paragraph', text: '为进一步规范公文处理工作，提高公文质量和效率，' }, { kind: 'paragraph', text: '根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。' })],
  ['正文 heading marker', (el) => void (el.body[3]!.marker = '1．')],
  ['正文 heading level', (el) => void (el.body[8]!.level = 2)],
  ['正文 heading made a paragraph', (el) => void (el.body[1] = { kind: 'paragraph', text: '一、提高思想认识' })],
  ['附件说明 name', (el) => void (el.attachmentNotes![1]!.name = '公文处理责任分工表')],
  ['附件说明 numbering', (el) => void (el.attachmentNotes![1]!.index = 3)],
  ['附件说明 removed', (el) => void el.attachmentNotes!.pop()],
  ['附件 title', (el) => void (el.attachments![0]!.title = '公文格式常见问题清单')],
  ['附件 body', (el) => void (el.attachments![1]!.body[0]!.text = '县政府办公室负责公文审核和校对。')],
  ['附件 paragraph added', (el) => void el.attachments![0]!.body.push({ kind: 'heading', level: 1, marker: '三、', text: '标题回行不当。' })],
  ['附件 removed', (el) => void el.attachments!.pop()],
];

for (const [name, edit] of substantive) {
  test(`a change of ${name} is a change of substance`, () => {
    assert.notEqual(substanceAfter(edit), signedSubstance);
  });
}

const clerical: [string, (el: GongwenElements) => void][] = [
  ['份号', (el) => void (el.copyNumber = '000002')],
  ['发文字号', (el) => void (el.documentNumber = { text: '×政发〔2026〕6号', issuerCode: '×政发', year: 2026, serial: 6 })],
  ['成文日期', (el) => void (el.issueDate = '2026-01-08')],
  ['印发日期', (el) => void (el.printingDate = '2026-01-09')],
  ['印发机关', (el) => void (el.printingOrgan = '××县人民政府办公厅')],
  ['抄送机关', (el) => void (el.copyRecipients = ['县委办公室'])],
  ['附注', (el) => void (el.note = '联系人：张三，电话：1234567')],
  ['密级', (el) => void (el.classification = { level: '秘密', period: '6个月' })],
  ['紧急程度', (el) => void delete el.urgency],
  ['签发人', (el) => void (el.signers = ['张三'])],
  ['发文机关署名', (el) => void (el.issuerSignatures = ['××县人民政府', '××县人民政府办公室'])],
  ['签名章', (el) => void (el.signatureStamps = [{ title: '县长', name: '张三' }])],
  ['印章', (el) => void (el.sealed = true)],
];

for (const [name, edit] of clerical) {
  test(`a change of ${name} is not a change of substance`, () => {
    assert.equal(substanceAfter(edit), signedSubstance);
  });
}

test('whitespace-only edits are not a change of substance', () => {
  const respaced = substanceAfter((el) => {
    el.title = `  ${el.title}　`;
    el.primaryRecipients = ['各乡镇人民政府 ', '　县政府各部门', '  '];
    el.body[0]!.text = '　　' + el.body[0]!.text + '\u00a0';
    el.body[1]!.text = '提高　思想认识';
    el.body[9]!.text = el.body[9]!.text.replace('GB/T 9704', 'GB/T　9704');
    el.body.push({ kind: 'paragraph', text: '　 ' });
    el.attachmentNotes![0]!.name = ' 公文格式常见错误清单\t';
    el.attachments![0]!.title = '公文格式常见错误清单\u200b';
    el.attachments![1]!.body[0]!.text = '县政府办公室负责公文审核。\n';
  });
  assert.equal(respaced, signedSubstance);
});

test('a document without optional elements has a substance, equal to one with them empty', () => {
  const bare = { documentType: null, format: '文件式' as const, elements: { body: [] } };
  const empty = { documentType: null, format: '文件式' as const, elements: { title: ' ', primaryRecipients: [], body: [], attachmentNotes: [], attachments: [] } };
  assert.equal(documentSubstance(bare), '{"title":"","primaryRecipients":[],"body":[],"attachmentNotes":[],"attachments":[]}');
  assert.equal(documentSubstance(empty), documentSubstance(bare));
});

test('a table is caption and cells: a changed cell, a cell moved to the next, a row or the caption change the substance', () => {
  const tabled = sampleWithTables();
  const base = documentSubstance(tabled);
  assert.deepEqual(JSON.parse(base).body[8], [
    'table',
    '表1公文处理各环节责任分工',
    [['序号', '环节', '责任单位', '完成时限'], ['1', '起草', '起草部门', '收到交办后3个工作日内完成初稿并送办公室审核'], ['2', '审核', '县政府办公室', '1个工作日'], ['3', '签发', '县政府领导', '—']],
  ]);
  const after = (edit: (el: GongwenElements) => void): string => {
    const next = structuredClone(tabled);
    edit(next.elements);
    return documentSubstance(next);
  };
  assert.notEqual(after((el) => void (el.body[8]!.rows![2]![3] = '2个工作日')), base, 'a cell');
  assert.notEqual(after((el) => void (el.body[8]!.rows![2]!.splice(2, 2, '县政府办公室1', '个工作日'))), base, 'text moved across cells');
  assert.notEqual(after((el) => void el.body[8]!.rows!.pop()), base, 'a row removed');
  assert.notEqual(after((el) => void (el.body[8]!.text = '表1　责任分工')), base, 'the caption');
  assert.notEqual(after((el) => void (el.attachments![1]!.body[1]!.rows![2]![1] = '档案归档')), base, 'a cell of a 附件 table');
  assert.equal(after((el) => void (el.body[8]!.rows![2]![2] = ' 县政府　办公室 ')), base, 'spacing inside a cell is layout');
});

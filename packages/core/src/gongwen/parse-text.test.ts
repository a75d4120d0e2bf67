import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from './parse-text.ts';
import { SAMPLE_TEXT } from './test-helpers.ts';

test('parses every element of a complete 文件式 document', () => {
  const r = parseText(SAMPLE_TEXT);
  assert.equal(r.documentType, '通知');
  assert.equal(r.format, '文件式');
  assert.deepEqual(r.findings, []);
  const e = r.elements;
  assert.equal(e.copyNumber, '000001');
  assert.deepEqual(e.classification, { level: '机密', period: '1年' });
  assert.equal(e.urgency, '特急');
  assert.equal(e.issuerMark, '××县人民政府文件');
  assert.deepEqual(e.documentNumber, { text: '×政发〔2026〕5号', issuerCode: '×政发', year: 2026, serial: 5 });
  assert.equal(e.title, '××县人民政府关于加强公文处理工作的通知');
  assert.deepEqual(e.primaryRecipients, ['各乡镇人民政府', '县政府各部门']);
  assert.deepEqual(
    e.body.map((b) => [b.kind, b.level ?? null, b.marker ?? null]),
    [
      ['paragraph', null, null],
      ['heading', 1, '一、'],
      ['heading', 2, '（一）'],
      ['heading', 3, '1.'],
      ['heading', 4, '（1）'],
      ['heading', 4, '（2）'],
      ['heading', 3, '2.'],
      ['heading', 2, '（二）'],
      ['heading', 1, '二、'],
      ['paragraph', null, null],
    ],
  );
  assert.equal(e.body[1]!.text, '提高思想认识');
  assert.deepEqual(e.attachmentNotes, [
    { index: 1, name: '公文格式常见错误清单' },
    { index: 2, name: '公文处理工作责任分工表' },
  ]);
  assert.deepEqual(e.issuerSignatures, ['××县人民政府']);
  assert.equal(e.issueDate, '2026-01-05');
  assert.equal(e.note, '此件发至乡镇');
  assert.deepEqual(e.attachments?.map((a) => [a.index, a.title, a.body.length]), [
    [1, '公文格式常见错误清单', 2],
    [2, '公文处理工作责任分工表', 1],
  ]);
  assert.deepEqual(e.copyRecipients, ['县委办公室', '县人大常委会办公室', '县政协办公室']);
  assert.equal(e.printingOrgan, '××县人民政府办公室');
  assert.equal(e.printingDate, '2026-01-05');
  assert.equal(e.sealed, undefined, 'text says nothing about a seal, so none is invented');
});

test('upward document: 发文字号 and 签发人 on one line', () => {
  const r = parseText('××县人民政府文件\n×政报〔2026〕3号    签发人：张三　李四\n××县人民政府关于2025年工作情况的报告\n××市人民政府：\n现将有关情况报告如下。\n特此报告。\n××县人民政府\n2026年2月1日');
  assert.equal(r.documentType, '报告');
  assert.equal(r.elements.documentNumber?.text, '×政报〔2026〕3号');
  assert.deepEqual(r.elements.signers, ['张三', '李四']);
});

test('web text without 版头 or 版记 yields only what is there', () => {
  const r = parseText('县水务局：\n原则同意。\n特此批复。\n二OO五年四月二十九日');
  assert.equal(r.documentType, null);
  assert.deepEqual(Object.keys(r.elements).sort(), ['body', 'issueDate', 'primaryRecipients']);
  assert.equal(r.elements.issueDate, '2005-04-29');
});

test('纪要: 出席, 请假, 列席', () => {
  const r = parseText('××县人民政府常务会议纪要\n第3期\n2月1日，县长张三主持召开县政府常务会议。\n一、会议同意……。\n出席：张三、李四、王五\n请假：赵六\n列席：县财政局、县审计局\n');
  assert.equal(r.documentType, '纪要');
  assert.equal(r.format, '纪要式');
  assert.equal(r.elements.issuerMark, '××县人民政府常务会议纪要');
  assert.deepEqual(r.elements.attendees, ['张三', '李四', '王五']);
  assert.deepEqual(r.elements.absentees, ['赵六']);
  assert.deepEqual(r.elements.nonVotingAttendees, ['县财政局', '县审计局']);
});

test('a title the website ended with its 发文字号 is split into title and number', () => {
  const r = parseText('××市委办公室印发《实施意见》的通知（×办发〔2017〕2号）\n各县市区委：\n现印发给你们。');
  assert.equal(r.elements.title, '××市委办公室印发《实施意见》的通知');
  assert.equal(r.elements.documentNumber?.text, '×办发〔2017〕2号');
});

test('tab-separated lines, as Word copies a table, are read as a table block with the caption above', () => {
  const text = ['××县人民政府关于公文处理工作分工的通知', '各乡镇人民政府：', '现将分工通知如下。', '表1　各环节责任分工', '序号\t环节\t责任单位\t', '1\t起草\t起草部门\t', '2\t审核\t \t', '请遵照执行。', '××县人民政府', '2026年1月5日'].join('\n');
  const e = parseText(text).elements;
  assert.deepEqual(e.body, [
    { kind: 'paragraph', text: '现将分工通知如下。' },
    { kind: 'table', text: '表1　各环节责任分工', rows: [['序号', '环节', '责任单位'], ['1', '起草', '起草部门'], ['2', '审核', '']] },
    { kind: 'paragraph', text: '请遵照执行。' },
  ]);
  assert.deepEqual(e.issuerSignatures, ['××县人民政府']);
  assert.equal(e.issueDate, '2026-01-05');
});

test('tab-separated lines of differing cell counts, or a single one, stay paragraphs', () => {
  const e = parseText(['各乡镇人民政府：', '甲\t乙', '丙\t丁\t戊', '独行\t一句', '', '正文。'].join('\n')).elements;
  assert.deepEqual(e.body.map((b) => b.kind), ['paragraph', 'paragraph', 'paragraph', 'paragraph']);
});

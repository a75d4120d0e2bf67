import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { checkDocument } from '../gongwen/checker.ts';
import type { Finding } from '../gongwen/model.ts';
import { parseDocx } from '../gongwen/parse-docx.ts';
import { renderDocx } from '../gongwen/render-docx.ts';
import { renderHtml } from '../gongwen/render-html.ts';
import { bodyBlockText } from '../gongwen/text-forms.ts';
import { buildMinutes, type MinutesInput } from './minutes.ts';

const INPUT: MinutesInput = {
  issuerMark: '中共示例县委工作推进会纪要',
  number: '第12期',
  title: '全县重点项目建设工作推进会',
  date: '2026-11-21',
  paragraphs: [
    '2026年11月21日下午，县委书记王建国主持召开全县重点项目建设工作推进会，听取各乡镇和县直有关单位重点项目建设情况汇报，研究部署下一阶段工作。',
    '会议认为，今年以来全县重点项目建设总体进展顺利。\n会议强调，各单位要倒排工期、挂图作战。',
  ],
  decisions: [
    { content: '加快城东片区征地拆迁，确保项目按期开工', leadUnitName: '中共示例县城关镇委员会', cooperatingUnitNames: ['示例县财政局', '示例县发展和改革局'], deadline: '2026-12-31' },
    { content: '统筹安排项目前期经费。', leadUnitName: '示例县财政局', deadline: '2026-12-15' },
    { content: '各单位每月报送项目进展' },
  ],
  attendance: [
    { kind: 'person', name: '王建国', role: 'attend', reply: 'attending' },
    { kind: 'person', name: '李明', role: 'attend', reply: 'leave', leaveReason: '出差' },
    { kind: 'unit', name: '县发改局', role: 'observe', reply: 'attending', attendeeNames: '冯磊、张三' },
  ],
  printingOrgan: '中共示例县委办公室',
  printingDate: '2026-11-21',
};

/** The checker's errors (its warnings are for the editor to weigh). */
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

test('buildMinutes: a 纪要式 纪要 with mark, 期数, title, paragraphs, numbered 议定事项 and attendance', () => {
  const doc = buildMinutes(INPUT);
  assert.equal(doc.documentType, '纪要');
  assert.equal(doc.format, '纪要式');
  assert.equal(doc.elements.issuerMark, '中共示例县委工作推进会纪要');
  assert.deepEqual(doc.elements.documentNumber, { text: '第12期', issuerCode: '', year: null, serial: 12 });
  assert.equal(doc.elements.title, '全县重点项目建设工作推进会纪要');
  assert.equal(doc.elements.issueDate, '2026-11-21');
  assert.deepEqual(doc.elements.body.map(bodyBlockText), [
    '2026年11月21日下午，县委书记王建国主持召开全县重点项目建设工作推进会，听取各乡镇和县直有关单位重点项目建设情况汇报，研究部署下一阶段工作。',
    '会议认为，今年以来全县重点项目建设总体进展顺利。',
    '会议强调，各单位要倒排工期、挂图作战。',
    '会议议定事项如下：',
    '一、加快城东片区征地拆迁，确保项目按期开工。牵头单位：中共示例县城关镇委员会；配合单位：示例县财政局、示例县发展和改革局；完成时限：2026年12月31日前。',
    '二、统筹安排项目前期经费。牵头单位：示例县财政局；完成时限：2026年12月15日前。',
    '三、各单位每月报送项目进展。',
  ]);
  assert.deepEqual(doc.elements.body.slice(4).map((b) => [b.kind, b.level, b.marker]), [['heading', 1, '一、'], ['heading', 1, '二、'], ['heading', 1, '三、']]);
  assert.deepEqual(doc.elements.attendees, ['王建国']);
  assert.deepEqual(doc.elements.absentees, ['李明（出差）']);
  assert.deepEqual(doc.elements.nonVotingAttendees, ['县发改局冯磊', '县发改局张三']);
  assert.equal(doc.elements.printingOrgan, '中共示例县委办公室');
});

test('buildMinutes: the checker finds no error, complete or not (the 期数 aside), and none at all without a number', () => {
  const doc = buildMinutes(INPUT);
  assert.deepEqual(errorsOf(checkDocument(doc)), []);
  assert.deepEqual(errorsOf(checkDocument(doc, { complete: true })), []);
  assert.deepEqual(checkDocument(buildMinutes({ ...INPUT, number: null })), []);
  assert.deepEqual(checkDocument(buildMinutes({ ...INPUT, number: null }), { complete: true }), []);
});

test('buildMinutes: "纪要" is added to a mark or title that lacks it, and kept where present', () => {
  const doc = buildMinutes({ ...INPUT, issuerMark: '常委会', title: '县委常委会2026年第12次会议纪要' });
  assert.equal(doc.elements.issuerMark, '常委会纪要');
  assert.equal(doc.elements.title, '县委常委会2026年第12次会议纪要');
});

test('buildMinutes: without decisions there is no 议定事项 lead-in; empty lines and empty lists are left out', () => {
  const doc = buildMinutes({ ...INPUT, decisions: [{ content: '  ' }], paragraphs: ['会议听取了汇报。', '', '  '], attendance: [{ kind: 'person', name: '王建国', role: 'attend', reply: 'pending' }] });
  assert.deepEqual(doc.elements.body.map(bodyBlockText), ['会议听取了汇报。']);
  assert.deepEqual(doc.elements.attendees, ['王建国']);
  assert.equal('absentees' in doc.elements, false);
  assert.equal('nonVotingAttendees' in doc.elements, false);
});

test('buildMinutes: a classified 纪要 carries its 密级 and 份号', () => {
  const doc = buildMinutes({ ...INPUT, classification: { level: '秘密' }, copyNumber: '000001' });
  assert.deepEqual(doc.elements.classification, { level: '秘密' });
  assert.equal(doc.elements.copyNumber, '000001');
  assert.deepEqual(errorsOf(checkDocument(doc)), []);
});

test('the 纪要 renders to .docx with every line, and reads back as the same document', async () => {
  const doc = buildMinutes(INPUT);
  const buffer = await renderDocx(doc);
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  for (const part of ['中共示例县委工作推进会纪要', '第12期', '会议议定事项如下：', '一、加快城东片区征地拆迁', '牵头单位：中共示例县城关镇委员会', '完成时限：2026年12月31日前', '出席：', '王建国', '请假：', '李明（出差）', '列席：', '县发改局冯磊、县发改局张三']) {
    assert.ok(text.includes(part), part);
  }
  const back = await parseDocx(buffer);
  assert.equal(back.format, '纪要式');
  assert.equal(back.documentType, '纪要');
  assert.deepEqual(back.elements, doc.elements);
});

test('the 纪要 renders to HTML with the mark, 期数, 议定事项 and attendance lines', () => {
  const html = renderHtml(buildMinutes(INPUT));
  assert.match(html, /<article class="gongwen minutes">/);
  assert.match(html, /data-element="documentNumber">第12期</);
  assert.match(html, /会议议定事项如下：/);
  assert.match(html, /<span class="heiti">二、统筹安排项目前期经费。<\/span>牵头单位：示例县财政局；完成时限：2026年12月15日前。<\/p>/);
  assert.match(html, /<span class="heiti">出席：<\/span>王建国<\/p>/);
  assert.match(html, /<span class="heiti">请假：<\/span>李明（出差）<\/p>/);
  assert.match(html, /<span class="heiti">列席：<\/span>县发改局冯磊、县发改局张三<\/p>/);
});

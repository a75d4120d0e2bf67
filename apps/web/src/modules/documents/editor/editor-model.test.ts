/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument } from '@zhongshu/core/gongwen/checker.ts';
import { applyFix } from '@zhongshu/core/gongwen/element-text.ts';
import type { BodyBlock, GongwenDocument } from '@zhongshu/core/gongwen/model.ts';
import {
  addTableRow,
  adoptTypedMarker,
  mergeWithPrevious,
  removeBlock,
  removeTableRow,
  setBlockLevel,
  setBlockText,
  setTableCaption,
  setTableCell,
  splitBlock,
} from './body-ops';
import { normalise, numberAttachmentNotes, numberHeadings, reconcileWithRecord, saveInput } from './editor-model';
import { isMultiParagraph, pasteIntoBody } from './paste';

const heading = (level: 1 | 2 | 3 | 4, text: string): BodyBlock => ({ kind: 'heading', level, text });
const paragraph = (text: string): BodyBlock => ({ kind: 'paragraph', text });

function doc(body: BodyBlock[], extra: Partial<GongwenDocument['elements']> = {}): GongwenDocument {
  return { documentType: '通知', format: '文件式', elements: { body, ...extra } };
}

describe('numberHeadings', () => {
  it('should number headings from their position and restart the levels below a higher heading', () => {
    const body = numberHeadings([
      heading(1, '总体要求'),
      heading(2, '指导思想'),
      heading(3, '坚持问题导向'),
      heading(4, '排查'),
      heading(3, '坚持系统观念'),
      heading(2, '目标任务'),
      heading(3, '压实责任'),
      paragraph('正文。'),
      heading(1, '工作措施'),
      heading(2, '加强领导'),
    ]);
    assert.deepEqual(
      body.map((b) => b.marker ?? ''),
      ['一、', '（一）', '1.', '（1）', '2.', '（二）', '1.', '', '二、', '（一）'],
    );
  });

  it('should leave the checker nothing to say about numbering it produced', () => {
    const body = numberHeadings([heading(1, '甲'), heading(2, '乙'), heading(2, '丙'), heading(1, '丁')]);
    const codes = checkDocument(doc(body)).map((f) => f.code);
    assert.ok(!codes.some((c) => c.startsWith('HEADING_')), codes.join(','));
  });
});

describe('body edits', () => {
  it('should split a paragraph at the cursor with Enter and join it back with Backspace', () => {
    const split = splitBlock(doc([paragraph('前半句后半句')]), 0, 3, 3);
    assert.deepEqual(split.elements.body, [paragraph('前半句'), paragraph('后半句')]);
    const merged = mergeWithPrevious(split, 1);
    assert.deepEqual(merged, { content: doc([paragraph('前半句后半句')]), caret: 3 });
  });

  it('should turn a paragraph typed as "（一）…" into a level-2 heading without its marker', () => {
    const next = adoptTypedMarker(doc([paragraph('（一）加强组织领导')]), 0);
    assert.deepEqual(next.elements.body, [heading(2, '加强组织领导')]);
  });
});

describe('pasteIntoBody', () => {
  it('should read pasted Word paragraphs into headings of levels 1–4 and paragraphs', () => {
    const text = '一、总体要求\r\n（一）指导思想\r\n1.坚持问题导向。\r\n（1）全面排查。\r\n各单位要高度重视。';
    const { content, paragraphCount, filled } = pasteIntoBody(doc([paragraph('')]), text, 0, 'replace');
    assert.equal(paragraphCount, 5);
    assert.deepEqual(filled, []);
    assert.deepEqual(
      content.elements.body.map((b) => [b.kind, b.level ?? 0, b.marker ?? '', b.text]),
      [
        ['heading', 1, '一、', '总体要求'],
        ['heading', 2, '（一）', '指导思想'],
        ['heading', 3, '1.', '坚持问题导向。'],
        ['heading', 4, '（1）', '全面排查。'],
        ['paragraph', 0, '', '各单位要高度重视。'],
      ],
    );
  });

  it('should fill the title and 主送 from a pasted whole document when the draft has none', () => {
    const text = '关于做好防汛工作的通知\n各村（社区）党组织，镇直各单位：\n现将有关事项通知如下。';
    const { content, filled } = pasteIntoBody(doc([paragraph('')], { title: '' }), text, 0, 'replace');
    assert.equal(content.elements.title, '关于做好防汛工作的通知');
    assert.deepEqual(content.elements.primaryRecipients, ['各村（社区）党组织', '镇直各单位']);
    assert.deepEqual(filled, ['标题', '主送机关']);
    assert.deepEqual(content.elements.body, [paragraph('现将有关事项通知如下。')]);
  });

  it('should insert after the paragraph pasted into and keep what the draft already has', () => {
    const start = doc([paragraph('已有段落。')], { title: '原标题的通知' });
    const { content } = pasteIntoBody(start, '新标题的通知\n第一段。\n第二段。', 0, 'after');
    assert.equal(content.elements.title, '原标题的通知');
    assert.deepEqual(
      content.elements.body.map((b) => b.text),
      ['已有段落。', '第一段。', '第二段。'],
    );
  });
});

describe('one-click fix on the editor model', () => {
  it('should fix a half-width comma in a heading and keep it a heading', () => {
    const start = doc(numberHeadings([heading(1, '关于责任,落实')]));
    const finding = checkDocument(start).find((f) => f.code === 'HALFWIDTH_PUNCTUATION')!;
    const fixed = applyFix(start, finding);
    assert.deepEqual(fixed.elements.body, [{ kind: 'heading', level: 1, marker: '一、', text: '关于责任，落实' }]);
  });
});

describe('record fields', () => {
  it('should raise the text to the record’s 密级 and never lower it', () => {
    const record = { classification: 'confidential' as const, classificationPeriod: '1年', urgency: 'urgent' as const };
    const raised = reconcileWithRecord(doc([]), record);
    assert.deepEqual(raised.elements.classification, { level: '机密', period: '1年' });
    assert.equal(raised.elements.urgency, '加急');
    const kept = reconcileWithRecord(doc([], { classification: { level: '绝密' } }), record);
    assert.deepEqual(kept.elements.classification, { level: '绝密' });
  });

  it('should mirror title, 密级 and 紧急程度 from the text into the save', () => {
    const input = saveInput(5, { content: doc([], { title: '关于X的通知', classification: { level: '秘密', period: '长期' }, urgency: '特急' }), important: true });
    assert.deepEqual(
      { ...input, content: undefined },
      { rev: 5, content: undefined, title: '关于X的通知', classification: 'secret', classificationPeriod: '长期', urgency: 'very_urgent', important: true },
    );
  });

  it('should number 附件说明 only when there are several', () => {
    assert.deepEqual(numberAttachmentNotes(['预案']), [{ index: null, name: '预案' }]);
    assert.deepEqual(numberAttachmentNotes(['甲', '乙']), [
      { index: 1, name: '甲' },
      { index: 2, name: '乙' },
    ]);
  });
});

describe('table blocks', () => {
  const table = (): BodyBlock => ({ kind: 'table', text: '表1　任务分工', rows: [['序号', '任务'], ['1', '排查隐患'], ['2']] });

  it('should keep a table through numbering, the record reconciliation and the save, and number headings across it', () => {
    const start = doc([heading(1, '总体要求'), table(), heading(1, '工作措施')]);
    const numbered = normalise(start);
    assert.deepEqual(numbered.elements.body.map((b) => b.marker ?? b.kind), ['一、', 'table', '二、']);
    assert.equal(numbered.elements.body[1], start.elements.body[1], 'the table block is the same object');
    const saved = saveInput(3, { content: reconcileWithRecord(numbered, { classification: 'none', classificationPeriod: null, urgency: 'normal' }), important: false });
    assert.deepEqual(JSON.parse(JSON.stringify(saved.content)).elements.body[1], table());
    assert.deepEqual(checkDocument(numbered).filter((f) => f.element === 'body[1]' || f.code.startsWith('HEADING_')), []);
  });

  it('should edit cells and the caption, add and remove rows, and pad a short row when a cell of it is set', () => {
    let content = doc([paragraph('情况如下。'), table()]);
    content = setTableCell(content, 1, 2, 1, '整改\t落实\n到位');
    assert.deepEqual(content.elements.body[1]!.rows, [['序号', '任务'], ['1', '排查隐患'], ['2', '整改 落实 到位']]);
    content = setTableCell(content, 1, 0, 1, '工作任务');
    assert.deepEqual(content.elements.body[1]!.rows![0], ['序号', '工作任务']);
    content = setTableCaption(content, 1, '表1　分工\n');
    assert.equal(content.elements.body[1]!.text, '表1　分工');
    content = addTableRow(content, 1);
    assert.deepEqual(content.elements.body[1]!.rows!.at(-1), ['', '']);
    content = removeTableRow(content, 1, 1);
    assert.deepEqual(content.elements.body[1]!.rows, [['序号', '工作任务'], ['2', '整改 落实 到位'], ['', '']]);
    assert.equal(removeTableRow(content, 1, 0), content, 'the header row stays');
    assert.equal(setTableCell(content, 1, 9, 0, 'x'), content, 'no such row');
    assert.equal(setTableCell(content, 0, 0, 0, 'x'), content, 'not a table');
    assert.deepEqual(removeBlock(content, 1).elements.body, [paragraph('情况如下。')], '删除表格');
  });

  it('should leave a table alone under paragraph edits: text, level, split, marker and Backspace merges', () => {
    const content = doc([paragraph('情况如下。'), table(), paragraph('以上。')]);
    assert.equal(setBlockText(content, 1, '改写'), content);
    assert.equal(setBlockLevel(content, 1, 1), content);
    assert.equal(splitBlock(content, 1, 1, 1), content);
    assert.equal(adoptTypedMarker(doc([{ kind: 'table', text: '一、表格', rows: [['甲', '乙']] }]), 0).elements.body[0]!.kind, 'table');
    assert.equal(mergeWithPrevious(content, 2), null, 'Backspace after a table');
    assert.equal(mergeWithPrevious(content, 1), null, 'Backspace on a table');
  });

  it('should paste a table copied from Word (cells separated by tabs) as a table block', () => {
    const text = '现将分工列表如下。\r\n表1　任务分工\r\n序号\t任务\t责任单位\t\r\n1\t排查隐患\t县应急管理局\t\r\n2\t整改落实\t各乡镇\t\r\n';
    assert.equal(isMultiParagraph('序号\t任务\n1\t排查'), true, 'a table alone is parsed');
    const { content, paragraphCount } = pasteIntoBody(doc([paragraph('')]), text, 0, 'replace');
    assert.equal(paragraphCount, 2);
    assert.deepEqual(content.elements.body, [
      paragraph('现将分工列表如下。'),
      { kind: 'table', text: '表1　任务分工', rows: [['序号', '任务', '责任单位'], ['1', '排查隐患', '县应急管理局'], ['2', '整改落实', '各乡镇']] },
    ]);
    const alone = pasteIntoBody(doc([paragraph('已有段落。')]), '序号\t任务\n1\t排查', 0, 'after');
    assert.deepEqual(alone.content.elements.body, [paragraph('已有段落。'), { kind: 'table', text: '', rows: [['序号', '任务'], ['1', '排查']] }]);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutTable } from './table-layout.ts';

/** Column widths in mm of the 156 mm 版心, to 0.1 mm. */
const widthsMm = (rows: string[][]): number[] => layoutTable({ kind: 'table', text: '', rows })!.fractions.map((f) => Math.round(f * 1560) / 10);

test('columns fill the 版心: with room to spare every column grows in proportion', () => {
  const rows = [['项目', '内容'], ['甲', '乙']];
  const layout = layoutTable({ kind: 'table', text: '', rows })!;
  assert.equal(layout.points, 14, '4号 up to five columns');
  assert.equal(layout.fractions.reduce((a, b) => a + b, 0).toFixed(6), '1.000000');
  assert.deepEqual(widthsMm(rows), [78, 78]);
});

test('a nine-column table is set in 小四; its cells stay on one line and its longer headers wrap to two', () => {
  const rows = [
    ['序号', '单位', '交办数', '办结数', '按期办结数', '逾期数', '红灯数', '未按期反馈数', '按期办结率'],
    ['1', '县发展和改革局', '12', '10', '9', '1', '0', '2', '81.8%'],
  ];
  const layout = layoutTable({ kind: 'table', text: '', rows })!;
  assert.equal(layout.points, 12);
  assert.deepEqual(widthsMm(rows), [13, 34.1, 13.7, 13.7, 18, 13.7, 13.7, 18, 18]);
  assert.deepEqual(layout.centred, [Array(9).fill(true), Array(9).fill(true)]);
});

test('when the cells do not fit, the columns of words wrap and the columns of figures and dates keep their width', () => {
  const rows = [
    ['序号', '任务', '指标', '目标值', '责任单位', '完成时限'],
    ['1', '完成改造方案设计', '方案数', '12个', '县住房和城乡建设局', '2026年6月30日'],
    ['2', '落实改造资金', '到位资金', '3600万元', '县财政局', '2026年12月31日'],
  ];
  const layout = layoutTable({ kind: 'table', text: '', rows })!;
  assert.deepEqual(widthsMm(rows), [13, 29.8, 21.4, 22.5, 29.8, 39.4]);
  assert.deepEqual(layout.centred.slice(1), [
    [true, false, true, true, false, true],
    [true, true, true, true, true, true],
  ]);
});

test('short rows are padded to the widest row, and a table without rows has no layout', () => {
  const layout = layoutTable({ kind: 'table', text: '', rows: [['甲', '乙', '丙'], ['一']] })!;
  assert.deepEqual(layout.rows, [['甲', '乙', '丙'], ['一', '', '']]);
  assert.equal(layout.columns, 3);
  assert.equal(layoutTable({ kind: 'table', text: '表', rows: [] }), null);
});

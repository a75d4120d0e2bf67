import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateFormDesign, type FormData } from './form.ts';
import { completionOf, DecimalSum, isLate, roundTo, summarise, tableFieldOf, type SummaryEntry } from './summary.ts';

const FIELDS = validateFormDesign([
  { key: 'amount', label: '完成投资', type: 'number', unit: '万元', decimals: 2 },
  { key: 'count', label: '项目数', type: 'number', decimals: 0 },
  { key: 'areas', label: '领域', type: 'multiple', options: ['工业', '农业', '服务业'] },
  { key: 'level', label: '进度', type: 'single', options: ['顺利', '滞后'] },
  { key: 'proof', label: '材料', type: 'file' },
  {
    key: 'rows', label: '项目清单', type: 'table',
    columns: [
      { key: 'title', label: '项目', type: 'text' },
      { key: 'money', label: '投资', type: 'number', unit: '万元', decimals: 2 },
      { key: 'kind', label: '类别', type: 'single', options: ['新建', '续建'] },
    ],
  },
]).fields;

const entry = (unitId: string, state: SummaryEntry['state'], data: FormData | null, late = false): SummaryEntry => ({
  unitId, unitName: `${unitId}单位`, state, submittedAt: state === 'submitted' ? '2026-11-20T02:00:00.000Z' : null, late, data,
});

const ENTRIES: SummaryEntry[] = [
  entry('A', 'submitted', {
    amount: 0.1, count: 2, areas: ['工业', '农业'], level: '顺利', proof: { fileId: 'f1', name: '甲.pdf' },
    rows: [{ title: '道路', money: 0.1, kind: '新建' }, { title: '桥梁', money: 0.2, kind: null }],
  }),
  entry('B', 'submitted', { amount: 0.2, count: 3, areas: ['服务业'], level: null, proof: null, rows: [{ title: '学校', money: 10.07, kind: '续建' }] }, true),
  // A draft and a returned submission hold figures that must not be counted.
  entry('C', 'draft', { amount: 100, count: 100, areas: ['工业'], level: '滞后', proof: null, rows: [{ title: '草稿', money: 100, kind: null }] }),
  entry('D', 'returned', { amount: 50, count: 1, areas: null, level: null, proof: null, rows: [{ title: '退回', money: 50, kind: null }] }),
  entry('E', 'pending', null, true),
  entry('F', 'submitted', { amount: null, count: 0, areas: null, level: '滞后', proof: null, rows: null }),
];

describe('summarise (unit mode)', () => {
  const s = summarise(FIELDS, ENTRIES, 'unit');

  it('should have a column per field, and per number column of the table, with labels and units', () => {
    assert.deepEqual(s.columns, [
      { key: 'amount', label: '完成投资（万元）', type: 'number', unit: '万元', decimals: 2 },
      { key: 'count', label: '项目数', type: 'number', decimals: 0 },
      { key: 'areas', label: '领域', type: 'multiple' },
      { key: 'level', label: '进度', type: 'single' },
      { key: 'proof', label: '材料', type: 'file' },
      { key: 'rows.money', label: '项目清单·投资（万元）', type: 'number', unit: '万元', decimals: 2 },
    ]);
  });

  it('should list every unit in the order given, with figures from submitted units only', () => {
    assert.deepEqual(s.rows.map((r) => [r.unitId, r.state, r.rowNo, r.late]), [['A', 'submitted', null, false], ['B', 'submitted', null, true], ['C', 'draft', null, false], ['D', 'returned', null, false], ['E', 'pending', null, true], ['F', 'submitted', null, false]]);
    assert.deepEqual(s.rows[0]!.cells, { amount: 0.1, count: 2, areas: '工业、农业', level: '顺利', proof: '甲.pdf', 'rows.money': 0.3 });
    assert.deepEqual(s.rows[1]!.cells, { amount: 0.2, count: 3, areas: '服务业', level: null, proof: null, 'rows.money': 10.07 });
    const empty = { amount: null, count: null, areas: null, level: null, proof: null, 'rows.money': null };
    assert.deepEqual(s.rows[2]!.cells, empty);
    assert.deepEqual(s.rows[3]!.cells, empty);
    assert.deepEqual(s.rows[4]!.cells, empty);
    assert.deepEqual(s.rows[5]!.cells, { amount: null, count: 0, areas: null, level: '滞后', proof: null, 'rows.money': null });
    assert.equal(s.rows[0]!.unitName, 'A单位');
    assert.equal(s.rows[0]!.submittedAt, '2026-11-20T02:00:00.000Z');
  });

  it('should total exactly: 0.1 + 0.2 is 0.3; count the filled cells, zero included', () => {
    assert.deepEqual(s.totals, {
      amount: { sum: 0.3, count: 2 },
      count: { sum: 5, count: 3 },
      areas: { sum: null, count: 2 },
      level: { sum: null, count: 2 },
      proof: { sum: null, count: 1 },
      'rows.money': { sum: 10.37, count: 2 },
    });
  });

  it('should give a number column a sum of 0 when nobody has submitted', () => {
    const none = summarise(FIELDS, [entry('E', 'pending', null)], 'unit');
    assert.deepEqual(none.totals.amount, { sum: 0, count: 0 });
    assert.deepEqual(none.totals.areas, { sum: null, count: 0 });
    assert.deepEqual(summarise(FIELDS, [], 'unit').rows, []);
  });
});

describe('summarise (row mode)', () => {
  const s = summarise(FIELDS, ENTRIES, 'row');

  it('should have the table columns', () => {
    assert.deepEqual(s.columns, [
      { key: 'rows.title', label: '项目', type: 'text' },
      { key: 'rows.money', label: '投资（万元）', type: 'number', unit: '万元', decimals: 2 },
      { key: 'rows.kind', label: '类别', type: 'single' },
    ]);
  });

  it('should list each submitted row with its unit and number, and one empty row for every other unit', () => {
    assert.deepEqual(
      s.rows.map((r) => [r.unitId, r.rowNo, r.cells['rows.title'], r.cells['rows.money'], r.cells['rows.kind']]),
      [
        ['A', 1, '道路', 0.1, '新建'],
        ['A', 2, '桥梁', 0.2, null],
        ['B', 1, '学校', 10.07, '续建'],
        ['C', null, null, null, null],
        ['D', null, null, null, null],
        ['E', null, null, null, null],
        ['F', null, null, null, null],
      ],
    );
    assert.deepEqual(s.totals, { 'rows.title': { sum: null, count: 3 }, 'rows.money': { sum: 10.37, count: 3 }, 'rows.kind': { sum: null, count: 2 } });
  });

  it('should refuse row mode for a form without a table', () => {
    const plain = FIELDS.filter((f) => f.type !== 'table');
    assert.equal(tableFieldOf(plain), undefined);
    assert.equal(tableFieldOf(FIELDS)?.key, 'rows');
    assert.throws(() => summarise(plain, ENTRIES, 'row'), /row mode needs a table field/);
  });
});

describe('sums and rounding', () => {
  it('should add decimals exactly where floating point would not', () => {
    const s = new DecimalSum(2);
    for (let i = 0; i < 10; i++) s.add(0.1);
    assert.equal(s.value(), 1);
    const t = new DecimalSum(2);
    [0.1, 0.2].forEach((v) => t.add(v));
    assert.equal(t.value(), 0.3);
    assert.notEqual(0.1 + 0.2, 0.3);
    const u = new DecimalSum(3);
    [1.005, 2.115, 0.001].forEach((v) => u.add(v));
    assert.equal(u.value(), 3.121);
    const neg = new DecimalSum(2);
    [0.3, -0.1, -0.2].forEach((v) => neg.add(v));
    assert.equal(Object.is(neg.value(), 0), true);
  });

  it('should carry on exactly beyond the integers a double holds', () => {
    const s = new DecimalSum(2);
    for (let i = 0; i < 3; i++) s.add(5e13);
    assert.equal(s.value(), 1.5e14);
    s.add(0.01);
    assert.equal(s.value(), 150000000000000.01);
  });

  it('should round half away from zero', () => {
    assert.equal(roundTo(2.345, 2), 2.35);
    assert.equal(roundTo(-2.345, 2), -2.35);
    assert.equal(roundTo(2.5, 0), 3);
    assert.equal(roundTo(-2.5, 0), -3);
    assert.equal(Object.is(roundTo(-0.001, 2), 0), true);
  });
});

describe('late and completion', () => {
  const deadline = '2026-11-25T09:00:00.000Z';
  it('should be late when submitted after the deadline, or not submitted once it has passed', () => {
    assert.equal(isLate('submitted', '2026-11-25T09:00:00.000Z', deadline, '2026-11-30T00:00:00.000Z'), false);
    assert.equal(isLate('submitted', '2026-11-25T09:00:00.001Z', deadline, '2026-11-25T09:00:00.001Z'), true);
    assert.equal(isLate('pending', null, deadline, '2026-11-25T09:00:00.000Z'), false);
    assert.equal(isLate('draft', null, deadline, '2026-11-25T09:00:00.001Z'), true);
    assert.equal(isLate('returned', '2026-11-20T00:00:00.000Z', deadline, '2026-11-26T00:00:00.000Z'), true);
    assert.equal(isLate('pending', null, null, '2099-01-01T00:00:00.000Z'), false);
  });

  it('should count units by state and the late ones', () => {
    assert.deepEqual(completionOf(ENTRIES), { total: 6, submitted: 3, draft: 1, pending: 1, returned: 1, late: 2 });
    assert.deepEqual(completionOf([]), { total: 0, submitted: 0, draft: 0, pending: 0, returned: 0, late: 0 });
  });
});

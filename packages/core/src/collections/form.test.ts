import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayLabel, filesIn, isValidDay, parseDay, parseNumber, validateFormDesign, validateValues, type FormField } from './form.ts';

const paths = (errors: { path: string }[]) => errors.map((e) => e.path);
const byPath = (errors: { path: string; message: string }[]) => Object.fromEntries(errors.map((e) => [e.path, e.message]));

describe('validateFormDesign', () => {
  it('should accept a form of every type and return it normalised with the defaults written in', () => {
    const r = validateFormDesign([
      { key: 'name', label: ' 填报人 ', type: 'text', required: true, decimals: 3, options: ['x'] },
      { key: 'amount', label: '金额', type: 'number', unit: '万元', min: 0 },
      { key: 'day', label: '日期', type: 'date', minDate: '2026-01-01', maxDate: '2026-12-31' },
      { key: 'level', label: '进度', type: 'single', options: [' 顺利 ', '滞后'] },
      { key: 'areas', label: '领域', type: 'multiple', options: ['工业', '农业', '服务业'], minChoices: 1, maxChoices: 2 },
      { key: 'proof', label: '佐证材料', type: 'file', help: '  PDF  ' },
      { key: 'items', label: '项目清单', type: 'table', columns: [{ key: 'title', label: '项目', type: 'text', required: true }, { key: 'money', label: '投资', type: 'number', decimals: 0 }], minRows: 1 },
    ]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.fields, [
      { key: 'name', label: '填报人', type: 'text', required: true, maxLength: 2000 },
      { key: 'amount', label: '金额', type: 'number', decimals: 2, min: 0, unit: '万元' },
      { key: 'day', label: '日期', type: 'date', minDate: '2026-01-01', maxDate: '2026-12-31' },
      { key: 'level', label: '进度', type: 'single', options: ['顺利', '滞后'] },
      { key: 'areas', label: '领域', type: 'multiple', options: ['工业', '农业', '服务业'], minChoices: 1, maxChoices: 2 },
      { key: 'proof', label: '佐证材料', type: 'file', help: 'PDF' },
      {
        key: 'items', label: '项目清单', type: 'table', minRows: 1, maxRows: 200,
        columns: [{ key: 'title', label: '项目', type: 'text', required: true, maxLength: 2000 }, { key: 'money', label: '投资', type: 'number', decimals: 0 }],
      },
    ]);
  });

  it('should refuse a form that is not a list, or has no field, or more than 100', () => {
    assert.deepEqual(validateFormDesign('x').errors, [{ path: 'fields', message: '表单字段：格式不正确，应为字段列表' }]);
    assert.deepEqual(validateFormDesign([]).errors, [{ path: 'fields', message: '表单字段：至少设计一个字段' }]);
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `f${i}`, label: `字段${i}`, type: 'text' }));
    assert.deepEqual(validateFormDesign(many).errors, [{ path: 'fields', message: '表单字段：最多100个' }]);
    assert.deepEqual(validateFormDesign(many.slice(0, 100)).errors, []);
  });

  it('should name the options of the third field when it has fewer than two or repeats one', () => {
    const base = [
      { key: 'a', label: 'A', type: 'text' },
      { key: 'b', label: 'B', type: 'number' },
    ];
    for (const options of [['只有一个'], ['甲', '甲'], ['甲', ' 甲 '], [], undefined]) {
      const r = validateFormDesign([...base, { key: 'c', label: 'C', type: 'single', options }]);
      assert.deepEqual(r.errors, [{ path: 'fields[2].options', message: '选项：至少两个且不能重复' }], JSON.stringify(options));
    }
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'single', options: ['甲', ''] }]).errors, [{ path: 'fields[0].options', message: '选项：第2项不能为空' }]);
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'multiple', options: ['甲、乙', '丙'] }]).errors, [{ path: 'fields[0].options', message: '选项：第1项不能包含“、”' }]);
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'single', options: ['甲、乙', '丙'] }]).errors, []);
    const fifty = Array.from({ length: 50 }, (_, i) => `选项${i}`);
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'single', options: fifty }]).errors, []);
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'single', options: [...fifty, '多一个'] }]).errors, [{ path: 'fields[0].options', message: '选项：最多50个' }]);
    assert.deepEqual(validateFormDesign([{ key: 'c', label: 'C', type: 'single', options: ['x'.repeat(101), 'y'] }]).errors, [{ path: 'fields[0].options', message: '选项：第1项不能超过100个字符' }]);
  });

  it('should check keys: the pattern, 32 characters at most, unique in the form and within a table', () => {
    const r = validateFormDesign([
      { key: 'Amount', label: 'A', type: 'text' },
      { key: '1st', label: 'B', type: 'text' },
      { key: 'a'.repeat(32), label: 'C', type: 'text' },
      { key: 'a'.repeat(33), label: 'D', type: 'text' },
      { key: 'dup', label: 'E', type: 'text' },
      { key: 'dup', label: 'F', type: 'number' },
      { key: 'tbl', label: 'G', type: 'table', columns: [{ key: 'x', label: 'X', type: 'text' }, { key: 'x', label: 'Y', type: 'number' }, { key: 'dup', label: 'Z', type: 'text' }] },
    ]);
    assert.deepEqual(byPath(r.errors), {
      'fields[0].key': '标识：须以小写英文字母开头，只含小写字母、数字和下划线，最多32个字符',
      'fields[1].key': '标识：须以小写英文字母开头，只含小写字母、数字和下划线，最多32个字符',
      'fields[3].key': '标识：须以小写英文字母开头，只含小写字母、数字和下划线，最多32个字符',
      'fields[5].key': '标识：与第5个字段重复',
      'fields[6].columns[1].key': '标识：与第1列重复',
    });
  });

  it('should check labels (not empty, at most 60 characters), types and unknown settings', () => {
    const r = validateFormDesign([
      { key: 'a', label: '  ', type: 'text' },
      { key: 'b', label: '字'.repeat(61), type: 'text' },
      { key: 'c', label: '字'.repeat(60), type: 'text' },
      { key: 'd', label: 'D', type: 'image' },
      { key: 'e', label: 'E', type: 'text', colour: 'red' },
      { key: 'f', label: 'F', type: 'text', required: 'yes' },
      'not a field',
    ]);
    assert.deepEqual(byPath(r.errors), {
      'fields[0].label': '名称：不能为空',
      'fields[1].label': '名称：不能超过60个字符',
      'fields[3].type': '类型：须为文字、数字、日期、单选、多选、附件、表格之一',
      'fields[4].colour': '字段：没有“colour”这一设置项',
      'fields[5].required': '必填：须为是或否',
      'fields[6]': '字段：格式不正确',
    });
  });

  it('should check the settings of numbers, dates, choices and text', () => {
    const r = validateFormDesign([
      { key: 'a', label: 'A', type: 'number', min: 10, max: 5 },
      { key: 'b', label: 'B', type: 'number', decimals: 7 },
      { key: 'c', label: 'C', type: 'number', decimals: 1.5 },
      { key: 'd', label: 'D', type: 'date', minDate: '2026-02-30' },
      { key: 'e', label: 'E', type: 'date', minDate: '2026-12-01', maxDate: '2026-11-01' },
      { key: 'f', label: 'F', type: 'multiple', options: ['甲', '乙', '丙'], minChoices: 3, maxChoices: 2 },
      { key: 'g', label: 'G', type: 'multiple', options: ['甲', '乙'], maxChoices: 3 },
      { key: 'h', label: 'H', type: 'text', maxLength: 0 },
      { key: 'i', label: 'I', type: 'text', maxLength: 20001 },
      { key: 'j', label: 'J', type: 'number', decimals: 6, min: -1e15, max: 1e15, unit: '单'.repeat(21) },
    ]);
    assert.deepEqual(byPath(r.errors), {
      'fields[0].min': '最小值：不能大于最大值',
      'fields[1].decimals': '小数位数：须为0至6之间的整数',
      'fields[2].decimals': '小数位数：须为0至6之间的整数',
      'fields[3].minDate': '最早日期：须为有效日期，格式为YYYY-MM-DD',
      'fields[4].minDate': '最早日期：不能晚于最晚日期',
      'fields[5].minChoices': '最少选择项数：不能大于最多选择项数',
      'fields[6].maxChoices': '最多选择项数：须为1至2之间的整数',
      'fields[7].maxLength': '最多字数：须为1至20000之间的整数',
      'fields[8].maxLength': '最多字数：须为1至20000之间的整数',
      'fields[9].unit': '计量单位：不能超过20个字符',
    });
  });

  it('should allow only text, number, date and single columns in a table, 1 to 30 of them, and check the rows', () => {
    const cols = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `c${i}`, label: `列${i}`, type: 'text' }));
    assert.deepEqual(validateFormDesign([{ key: 't', label: 'T', type: 'table', columns: cols(30) }]).errors, []);
    assert.deepEqual(byPath(validateFormDesign([{ key: 't', label: 'T', type: 'table', columns: cols(31) }]).errors), { 'fields[0].columns': '表格列：最多30列' });
    assert.deepEqual(byPath(validateFormDesign([{ key: 't', label: 'T', type: 'table', columns: [] }]).errors), { 'fields[0].columns': '表格列：至少设计一列' });
    const r = validateFormDesign([
      {
        key: 't', label: 'T', type: 'table', minRows: 5, maxRows: 4,
        columns: [
          { key: 'a', label: 'A', type: 'multiple', options: ['x', 'y'] },
          { key: 'b', label: 'B', type: 'file' },
          { key: 'c', label: 'C', type: 'table', columns: [] },
          { key: 'd', label: 'D', type: 'single', options: ['x'] },
        ],
      },
      { key: 'u', label: 'U', type: 'table', columns: [{ key: 'a', label: 'A', type: 'text' }], maxRows: 1001 },
    ]);
    assert.deepEqual(byPath(r.errors), {
      'fields[0].columns[0].type': '类型：须为文字、数字、日期、单选之一（表格的列不能是多选、附件或表格）',
      'fields[0].columns[1].type': '类型：须为文字、数字、日期、单选之一（表格的列不能是多选、附件或表格）',
      'fields[0].columns[2].type': '类型：须为文字、数字、日期、单选之一（表格的列不能是多选、附件或表格）',
      'fields[0].columns[3].options': '选项：至少两个且不能重复',
      'fields[0].minRows': '最少行数：不能大于最多行数',
      'fields[1].maxRows': '最多行数：须为1至1000之间的整数',
    });
  });
});

const FORM: FormField[] = validateFormDesign([
  { key: 'name', label: '填报人', type: 'text', required: true, maxLength: 5 },
  { key: 'amount', label: '金额', type: 'number', unit: '万元', required: true, min: 0, max: 10000, decimals: 2 },
  { key: 'count', label: '项目数', type: 'number', decimals: 0 },
  { key: 'day', label: '开工日期', type: 'date', minDate: '2026-01-01', maxDate: '2026-12-31' },
  { key: 'level', label: '进度', type: 'single', options: ['顺利', '滞后'], required: true },
  { key: 'areas', label: '领域', type: 'multiple', options: ['工业', '农业', '服务业'], minChoices: 1, maxChoices: 2 },
  { key: 'proof', label: '佐证材料', type: 'file' },
  {
    key: 'rows', label: '项目清单', type: 'table', minRows: 1, maxRows: 3,
    columns: [
      { key: 'title', label: '项目', type: 'text', required: true },
      { key: 'amount', label: '金额', type: 'number', unit: '万元', min: 0 },
      { key: 'kind', label: '类别', type: 'single', options: ['新建', '续建'] },
      { key: 'start', label: '开工', type: 'date' },
    ],
  },
]).fields;

const GOOD = {
  name: ' 张三 ',
  amount: '1,234.5',
  count: 3,
  day: '2026/3/5',
  level: '顺利',
  areas: ['服务业', '工业', '工业'],
  proof: { fileId: 'f-1', name: ' 报告.pdf ' },
  rows: [
    { title: '道路', amount: 12.25, kind: '新建', start: '2026年4月1日' },
    { title: '', amount: null, kind: '', start: '' },
    { title: '桥梁', amount: '８８．８', kind: null },
  ],
};

describe('validateValues', () => {
  it('should accept good values and normalise them: trimmed, numbers from text, dates as YYYY-MM-DD, choices in the form order, blank rows dropped', () => {
    const r = validateValues(FORM, GOOD);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.data, {
      name: '张三',
      amount: 1234.5,
      count: 3,
      day: '2026-03-05',
      level: '顺利',
      areas: ['工业', '服务业'],
      proof: { fileId: 'f-1', name: '报告.pdf' },
      rows: [
        { title: '道路', amount: 12.25, kind: '新建', start: '2026-04-01' },
        { title: '桥梁', amount: 88.8, kind: null, start: null },
      ],
    });
  });

  it('should return every error at once, by path, naming the field and the row', () => {
    const r = validateValues(FORM, {
      name: '张三李四王五',
      amount: 'abc',
      count: 2.5,
      day: '2026-13-01',
      level: '很好',
      areas: ['工业', '农业', '服务业'],
      proof: 'x',
      rows: [{ title: '道路', amount: -1 }, { title: '', amount: '十二' }, { amount: 5, kind: '改建', colour: 1 }],
      extra: 1,
    });
    assert.deepEqual(r.errors, [
      { path: 'data.extra', message: '填报内容：表单中没有“extra”这一项' },
      { path: 'data.name', message: '填报人：不能超过5个字' },
      { path: 'data.amount', message: '金额（万元）：须为数字' },
      { path: 'data.count', message: '项目数：须为整数' },
      { path: 'data.day', message: '开工日期：不是有效的日期' },
      { path: 'data.level', message: '进度：须为以下选项之一：顺利、滞后' },
      { path: 'data.areas', message: '领域：最多选择2项' },
      { path: 'data.proof', message: '佐证材料：须为上传的文件' },
      { path: 'data.rows[0].amount', message: '第1行“金额（万元）”：不能小于0' },
      { path: 'data.rows[1].amount', message: '第2行“金额（万元）”：须为数字' },
      { path: 'data.rows[2].colour', message: '第3行：表格中没有“colour”这一列' },
      { path: 'data.rows[2].title', message: '第3行“项目”：不能为空' },
      { path: 'data.rows[2].kind', message: '第3行“类别”：须为以下选项之一：新建、续建' },
    ]);
  });

  it('should refuse empty required fields with a message fitting the type, and a table below its minimum rows', () => {
    const r = validateValues(FORM, { name: '  ', rows: [{ title: '', amount: '' }] });
    assert.deepEqual(byPath(r.errors), {
      'data.name': '填报人：不能为空',
      'data.amount': '金额（万元）：不能为空',
      'data.level': '进度：不能为空',
      'data.areas': '领域：至少选择1项',
      'data.rows': '项目清单：至少填写1行',
    });
    const fileRequired = validateFormDesign([{ key: 'f', label: '材料', type: 'file', required: true }, { key: 'm', label: '多选', type: 'multiple', options: ['a', 'b'], required: true }]).fields;
    assert.deepEqual(byPath(validateValues(fileRequired, { m: [] }).errors), { 'data.f': '材料：请上传文件', 'data.m': '多选：至少选择1项' });
  });

  it('should hold numbers at their bounds: min and max themselves pass, one hundredth beyond fails, decimals exact', () => {
    const ok = (amount: unknown) => paths(validateValues(FORM, { ...GOOD, amount }).errors);
    assert.deepEqual(ok(0), []);
    assert.deepEqual(ok(10000), []);
    assert.deepEqual(ok('10,000.00'), []);
    assert.deepEqual(ok(-0.01), ['data.amount']);
    assert.deepEqual(ok(10000.01), ['data.amount']);
    assert.deepEqual(ok(0.1), []);
    assert.deepEqual(ok(9999.99), []);
    assert.deepEqual(validateValues(FORM, { ...GOOD, amount: 0.123 }).errors, [{ path: 'data.amount', message: '金额（万元）：最多保留2位小数' }]);
    assert.deepEqual(validateValues(FORM, { ...GOOD, amount: 1e16 }).errors, [{ path: 'data.amount', message: '金额（万元）：数值过大，请核对' }]);
    assert.equal(validateValues(FORM, { ...GOOD, amount: -0 }).data.amount, 0);
    assert.equal(Object.is(validateValues(FORM, { ...GOOD, amount: -0 }).data.amount, 0), true);
  });

  it('should hold dates and choices at their bounds', () => {
    const err = (patch: object) => byPath(validateValues(FORM, { ...GOOD, ...patch }).errors);
    assert.deepEqual(err({ day: '2026-01-01' }), {});
    assert.deepEqual(err({ day: '2026-12-31' }), {});
    assert.deepEqual(err({ day: '2025-12-31' }), { 'data.day': '开工日期：不能早于2026-01-01' });
    assert.deepEqual(err({ day: '2027-01-01' }), { 'data.day': '开工日期：不能晚于2026-12-31' });
    assert.deepEqual(err({ day: '明天' }), { 'data.day': '开工日期：须为日期，格式为YYYY-MM-DD' });
    assert.deepEqual(err({ day: 20260101 }), { 'data.day': '开工日期：须为日期，格式为YYYY-MM-DD' });
    assert.deepEqual(err({ areas: ['工业'] }), {});
    assert.deepEqual(err({ areas: ['工业', '农业'] }), {});
    assert.deepEqual(err({ areas: ['矿业'] }), { 'data.areas': '领域：“矿业”不是可选项（可选：工业、农业、服务业）' });
    assert.deepEqual(err({ areas: '农业' }), {});
    assert.deepEqual(err({ areas: [1] }), { 'data.areas': '领域：须为所选项的列表' });
    assert.deepEqual(err({ name: 12345 }), {});
    assert.deepEqual(err({ name: { a: 1 } }), { 'data.name': '填报人：须为文字' });
  });

  it('should hold table rows at their bounds: the maximum passes, one more fails, and blank rows do not count', () => {
    const row = { title: '道路', amount: 1 };
    assert.deepEqual(validateValues(FORM, { ...GOOD, rows: [row, row, row] }).errors, []);
    assert.deepEqual(validateValues(FORM, { ...GOOD, rows: [row, row, row, row] }).errors, [{ path: 'data.rows', message: '项目清单：最多3行' }]);
    assert.deepEqual(validateValues(FORM, { ...GOOD, rows: [{}, { title: ' ' }] }).errors, [{ path: 'data.rows', message: '项目清单：至少填写1行' }]);
    assert.deepEqual(validateValues(FORM, { ...GOOD, rows: 'x' }).errors, [{ path: 'data.rows', message: '项目清单：格式不正确，应为表格行的列表' }]);
    assert.deepEqual(validateValues(FORM, { ...GOOD, rows: [row, 5] }).errors, [{ path: 'data.rows[1]', message: '项目清单第2行：格式不正确' }]);
  });

  it('should, for a draft, check kinds and storage limits only: not required, ranges, decimals or counts', () => {
    const draft = validateValues(FORM, { amount: 5000.123, count: 1.5, day: '2030-01-01', areas: ['工业', '农业', '服务业'], rows: [{ amount: -5 }] }, { partial: true });
    assert.deepEqual(draft.errors, []);
    assert.deepEqual(draft.data, {
      name: null, amount: 5000.123, count: 1.5, day: '2030-01-01', level: null, areas: ['工业', '农业', '服务业'], proof: null,
      rows: [{ title: null, amount: -5, kind: null, start: null }],
    });
    const wrong = validateValues(FORM, { amount: 'x', level: '很好', name: '超过五个字了', rows: [{ start: '2026-02-30' }, {}, {}, {}] }, { partial: true });
    assert.deepEqual(byPath(wrong.errors), {
      'data.amount': '金额（万元）：须为数字',
      'data.level': '进度：须为以下选项之一：顺利、滞后',
      'data.name': '填报人：不能超过5个字',
      'data.rows': '项目清单：最多3行',
    });
    assert.deepEqual(validateValues(FORM, {}, { partial: true }).errors, []);
  });

  it('should refuse data that is not an object', () => {
    assert.deepEqual(validateValues(FORM, [1, 2]).errors, [{ path: 'data', message: '填报内容：格式不正确' }]);
    assert.deepEqual(validateValues(FORM, null).errors, [{ path: 'data', message: '填报内容：格式不正确' }]);
  });
});

describe('parsing helpers', () => {
  it('should read numbers as people type them and refuse the rest', () => {
    assert.equal(parseNumber('1,234,567.5'), 1234567.5);
    assert.equal(parseNumber(' -12 '), -12);
    assert.equal(parseNumber('+.5'), 0.5);
    assert.equal(parseNumber('１２３．４'), 123.4);
    assert.equal(parseNumber('1２,３45'), 12345);
    for (const bad of ['', '1,2', '12,34', '1.2.3', '1e5', 'NaN', '5.', '--1', '一']) assert.equal(parseNumber(bad), undefined, bad);
    assert.equal(parseNumber(Infinity), undefined);
    assert.equal(parseNumber(true), undefined);
  });

  it('should read days in the usual Chinese ways and refuse impossible ones', () => {
    assert.equal(parseDay('2026-11-21'), '2026-11-21');
    assert.equal(parseDay('2026/1/5'), '2026-01-05');
    assert.equal(parseDay('2026.01.05'), '2026-01-05');
    assert.equal(parseDay('2026年1月5日'), '2026-01-05');
    assert.equal(parseDay('2024-02-29'), '2024-02-29');
    assert.equal(parseDay('2026-02-29'), undefined);
    assert.equal(parseDay('2100-02-29'), undefined);
    assert.equal(parseDay('2000-02-29'), '2000-02-29');
    assert.equal(parseDay('2026-04-31'), undefined);
    assert.equal(parseDay('26-04-01'), undefined);
    assert.equal(isValidDay('2026-00-10'), false);
    assert.equal(isValidDay('2026-12-00'), false);
  });

  it('should show a number field with its unit, and list the files named by the values', () => {
    assert.equal(displayLabel({ label: '金额', unit: '万元', type: 'number' }), '金额（万元）');
    assert.equal(displayLabel({ label: '金额', type: 'number' }), '金额');
    assert.deepEqual(filesIn(FORM, validateValues(FORM, GOOD).data), [{ key: 'proof', file: { fileId: 'f-1', name: '报告.pdf' } }]);
    assert.deepEqual(filesIn(FORM, null), []);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakTitle, isTrapezoidOrDiamond } from './title-lines.ts';
import { textWidthChars } from './text-forms.ts';

// Titles of the real documents in fixtures/gongwen, broken for a 156 mm line of 2号 characters (20).
test('breaks real long titles without splitting words, as a 梯形 or 菱形', () => {
  const cases: Array<[string, string[]]> = [
    ['东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案（2023—2025年）》的通知', ['东阳市人民政府办公室关于印发', '《东阳市促进残疾人就业行动实施方案', '（2023—2025年）》的通知']],
    ['中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知', ['中共岳阳市委办公室', '岳阳市人民政府办公室印发《关于', '全面推进政务公开工作的实施意见》的通知']],
    ['金昌市人民政府关于印发《金昌市创建全国法治政府建设示范市实施方案》的通知', ['金昌市人民政府关于印发', '《金昌市创建全国法治政府建设示范市', '实施方案》的通知']],
    ['关于对政协子洲县第十届委员会第二次会议第14号提案的复函', ['关于对政协子洲县第十届委员会', '第二次会议第14号提案的复函']],
    ['对宁陕县第十八届人大六次会议第17号建议的复函', ['对宁陕县第十八届人大六次会议', '第17号建议的复函']],
    ['太湖县人民政府关于印发《太湖县人民政府工作规则》的通知', ['太湖县人民政府关于印发', '《太湖县人民政府工作规则》的通知']],
  ];
  for (const [title, lines] of cases) {
    const got = breakTitle(title);
    assert.deepEqual(got, lines, title);
    assert.equal(got.join(''), title, 'no character lost or added');
    assert.ok(got.every((l) => textWidthChars(l) <= 20), 'each line fits the 版心');
    assert.ok(isTrapezoidOrDiamond(got.map(textWidthChars)), 'a 梯形 or 菱形');
  }
});

test('a title that fits one line stays on one line', () => {
  assert.deepEqual(breakTitle('××县人民政府关于加强公文处理工作的通知'), ['××县人民政府关于加强公文处理工作的通知']);
});

test('avoids the hourglass a break at every 《 would give', () => {
  // Breaking before 《 and before 实施方案 gives 14 / 13 / 16 characters, narrow in the middle.
  const got = breakTitle('东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案（2023—2025年）》的通知');
  assert.notDeepEqual(got, ['东阳市人民政府办公室关于印发', '《东阳市促进残疾人就业行动', '实施方案（2023—2025年）》的通知']);
});

test('shape rule: rising, falling and rising-then-falling pass; a dip in the middle fails', () => {
  assert.equal(isTrapezoidOrDiamond([10, 14, 18]), true, '正梯形');
  assert.equal(isTrapezoidOrDiamond([18, 14, 10]), true, '倒梯形');
  assert.equal(isTrapezoidOrDiamond([10, 18, 12]), true, '菱形');
  assert.equal(isTrapezoidOrDiamond([16, 12, 16]), false, '沙漏形');
  assert.equal(isTrapezoidOrDiamond([12, 18, 10, 16]), false, '花瓶形');
});

test('never breaks inside round brackets or a run of digits', () => {
  const title = '关于做好2026年度全县城乡居民基本医疗保险（含大病保险）参保缴费工作的通知';
  const got = breakTitle(title);
  assert.equal(got.join(''), title);
  for (const line of got) {
    assert.equal((line.match(/（/g) ?? []).length, (line.match(/）/g) ?? []).length, `brackets whole in “${line}”`);
    assert.doesNotMatch(line, /^\d|\d$/, `digits whole in “${line}”`);
  }
});

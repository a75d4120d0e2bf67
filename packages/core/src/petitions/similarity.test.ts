import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BANDS, bandKeys, bigrams, jaccard, matterOf, normaliseText, similarity } from './similarity.ts';

const NEAR_A = '某某村拆迁补偿款至今未发放，要求尽快发放';
const NEAR_B = '要求尽快发放某某村拆迁补偿款，至今仍未发放';
const SAME_VILLAGE_OTHER_MATTER = '某某村村委会账目不公开，要求公开村级财务';

const shared = (a: string[], b: string[]) => a.filter((k) => b.includes(k)).length;

describe('normaliseText', () => {
  it('should drop Chinese and ASCII punctuation and all spaces, and lower-case letters', () => {
    assert.equal(normaliseText(' 拆迁，补偿 ABC-12！'), '拆迁补偿abc12');
    assert.equal(normaliseText('“某某村”（拆迁）：补偿款、安置房；\n\t要求…… 解决？'), '某某村拆迁补偿款安置房要求解决');
    assert.equal(normaliseText('，。！ \n'), '');
  });
});

describe('bigrams', () => {
  it('should give the four overlapping pairs of a 5-character string', () => {
    assert.deepEqual([...bigrams('拆迁补偿款')], ['拆迁', '迁补', '补偿', '偿款']);
  });

  it('should ignore punctuation and spaces between characters', () => {
    assert.deepEqual([...bigrams('拆迁，补 偿款')], ['拆迁', '迁补', '补偿', '偿款']);
  });

  it('should keep each bigram once', () => {
    assert.deepEqual([...bigrams('发放发放')], ['发放', '放发']);
  });

  it('should give a single character itself and empty text nothing', () => {
    assert.deepEqual([...bigrams('拆')], ['拆']);
    assert.deepEqual([...bigrams('')], []);
    assert.deepEqual([...bigrams('，。')], []);
  });
});

describe('jaccard', () => {
  it('should give |A∩B| ÷ |A∪B| on hand-made sets', () => {
    assert.equal(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd'])), 0.5);
    assert.equal(jaccard(new Set(['a', 'b']), new Set(['a', 'b'])), 1);
    assert.equal(jaccard(new Set(['a', 'b']), new Set(['c', 'd'])), 0);
    assert.equal(jaccard(new Set(['a']), new Set(['a', 'b', 'c', 'd'])), 0.25);
    assert.equal(jaccard(new Set(['a', 'b', 'c', 'd']), new Set(['a'])), 0.25);
    assert.equal(jaccard(new Set(['a', 'b', 'c']), new Set(['c', 'd', 'e', 'f', 'g'])), 1 / 7);
  });

  it('should give 0 for two empty sets and for one empty set', () => {
    assert.equal(jaccard(new Set(), new Set()), 0);
    assert.equal(jaccard(new Set(['a']), new Set()), 0);
  });
});

describe('similarity', () => {
  it('should give identical texts 1, also with different punctuation and spaces', () => {
    assert.equal(similarity(NEAR_A, NEAR_A), 1);
    assert.equal(similarity('拆迁补偿款未发放', '拆迁 补偿款，未发放！'), 1);
  });

  it('should give unrelated texts 0', () => {
    assert.equal(similarity(NEAR_A, '今天天气很好我们去公园散步'), 0);
    assert.equal(similarity('', NEAR_A), 0);
  });

  it('should give the reworded complaint 0.75 (15 shared bigrams of 20)', () => {
    assert.equal(bigrams(NEAR_A).size, 17);
    assert.equal(bigrams(NEAR_B).size, 18);
    assert.equal(similarity(NEAR_A, NEAR_B), 0.75);
    assert.ok(similarity(NEAR_A, NEAR_B) > 0.5);
    assert.equal(similarity(NEAR_B, NEAR_A), 0.75);
  });

  it('should give a different matter in the same village 0.097 (3 shared bigrams of 31)', () => {
    assert.equal(similarity(NEAR_A, SAME_VILLAGE_OTHER_MATTER), 0.097);
    assert.ok(similarity(NEAR_A, SAME_VILLAGE_OTHER_MATTER) < 0.2);
  });

  it('should round to three decimals', () => {
    assert.equal(similarity('甲乙丙', '乙丙丁戊己'), 0.2); // {甲乙,乙丙} vs {乙丙,丙丁,丁戊,戊己}: 1 ÷ 5
    assert.equal(similarity('甲乙丙丁', '丙丁戊'), 0.25); // 1 ÷ 4
    assert.equal(similarity('甲乙丙丁', '乙丙丁戊己庚'), 0.333); // 2 ÷ 6
  });
});

// 20 near-duplicate pairs: five villages × four complaints, each complaint in two wordings.
const VILLAGES = ['东山村', '西河村', '南岭村', '北坡村', '青石村'];
const COMPLAINTS: [(v: string) => string, (v: string) => string][] = [
  [(v) => `${v}拆迁补偿款至今未发放，要求尽快发放`, (v) => `要求尽快发放${v}拆迁补偿款，至今仍未发放`],
  [(v) => `${v}建筑工地拖欠农民工工资三个月，要求督促施工单位支付工资`, (v) => `要求督促施工单位支付工资，${v}建筑工地拖欠农民工工资已三个月`],
  [(v) => `${v}养殖场污水直排河道，臭气严重影响村民生活，要求环保部门查处`, (v) => `${v}养殖场将污水直接排入河道，臭气严重影响村民生活，请环保部门查处`],
  [(v) => `反映${v}低保评定不公平，有车有房的家庭享受低保，要求重新核查`, (v) => `${v}低保评定不公平，有房有车的家庭也享受低保，要求重新核查`],
];
const NEAR_PAIRS = VILLAGES.flatMap((v) => COMPLAINTS.map(([first, second]) => [first(v), second(v)] as const));
const OTHER_MATTERS = [
  '某小区物业公司乱收停车费，要求物价部门调查',
  '县医院挂号难排队时间长，建议增加自助挂号机',
  '学校周边道路没有红绿灯，学生过马路很危险',
  '自来水水质发黄有异味，请水务公司检修管网',
  '公交线路调整后老人出行不便，建议恢复原站点',
];
const UNRELATED_PAIRS = NEAR_PAIRS.map(([a], i) => [a, OTHER_MATTERS[i % OTHER_MATTERS.length]] as const);

describe('bandKeys', () => {
  it('should give 20 keys, numbered by band', () => {
    const keys = bandKeys(NEAR_A);
    assert.equal(BANDS, 20);
    assert.equal(keys.length, 20);
    keys.forEach((k, i) => assert.match(k, new RegExp(`^${i}:[0-9a-z]+\\.[0-9a-z]+\\.[0-9a-z]+$`)));
    assert.equal(new Set(keys).size, 20);
  });

  it('should be deterministic', () => {
    assert.deepEqual(bandKeys(NEAR_A), bandKeys(NEAR_A));
    assert.deepEqual(bandKeys(NEAR_B), bandKeys(String(NEAR_B)));
  });

  it('should give texts with the same bigrams all the same keys', () => {
    assert.deepEqual(bandKeys(NEAR_A), bandKeys(`  ${NEAR_A.replace('，', '。')} `));
    assert.equal(shared(bandKeys(NEAR_A), bandKeys(NEAR_A)), 20);
  });

  it('should give empty text (or only punctuation) no keys', () => {
    assert.deepEqual(bandKeys(''), []);
    assert.deepEqual(bandKeys('，。！ '), []);
  });

  it('should let the reworded complaint share a key but not the other matter in the same village', () => {
    assert.ok(shared(bandKeys(NEAR_A), bandKeys(NEAR_B)) >= 1);
    assert.equal(shared(bandKeys(NEAR_A), bandKeys(SAME_VILLAGE_OTHER_MATTER)), 0);
  });

  it('should let every one of 20 generated near-duplicate pairs (similarity ≥ 0.6) share at least one key', () => {
    assert.equal(NEAR_PAIRS.length, 20);
    const sharing = NEAR_PAIRS.filter(([a, b]) => {
      assert.ok(similarity(a, b) >= 0.6, `${a} / ${b}: ${similarity(a, b)}`);
      return shared(bandKeys(a), bandKeys(b)) >= 1;
    });
    assert.equal(sharing.length, 20);
  });

  it('should let none of 20 generated unrelated pairs share a key', () => {
    assert.equal(UNRELATED_PAIRS.length, 20);
    for (const [a, b] of UNRELATED_PAIRS) {
      assert.ok(similarity(a, b) < 0.1, `${a} / ${b}: ${similarity(a, b)}`);
      assert.equal(shared(bandKeys(a), bandKeys(b)), 0, `${a} / ${b}`);
    }
  });
});

describe('matterOf', () => {
  const scored = [
    { id: 'a', matterId: 'm1', similarity: 0.5 },
    { id: 'b', matterId: null, similarity: 0.72 },
    { id: 'c', matterId: 'm3', similarity: 0.49 },
  ];

  it('should join the matter of the most similar case at or above the threshold', () => {
    assert.equal(matterOf('new', scored, 0.5), 'b', 'b has no matter yet, so b itself starts it');
    assert.equal(matterOf('new', scored.slice(0, 1).concat(scored.slice(2)), 0.5), 'm1', 'exactly at the threshold joins');
  });

  it('should start a matter of its own when nothing reaches the threshold', () => {
    assert.equal(matterOf('new', scored, 0.73), 'new');
    assert.equal(matterOf('new', [], 0.5), 'new');
  });

  it('should never join itself', () => {
    assert.equal(matterOf('b', scored, 0.6), 'b');
    assert.equal(matterOf('b', scored, 0.5), 'm1');
  });

  it('should keep the first of equally similar cases', () => {
    assert.equal(matterOf('new', [{ id: 'x', matterId: 'mx', similarity: 0.8 }, { id: 'y', matterId: 'my', similarity: 0.8 }], 0.5), 'mx');
  });

  it('should put a reworded complaint in the same matter and another matter of the same village apart, at the default 0.5', () => {
    assert.equal(matterOf('B', [{ id: 'A', matterId: 'A', similarity: similarity(NEAR_A, NEAR_B) }], 0.5), 'A');
    assert.equal(matterOf('O', [{ id: 'A', matterId: 'A', similarity: similarity(NEAR_A, SAME_VILLAGE_OTHER_MATTER) }], 0.5), 'O');
  });
});

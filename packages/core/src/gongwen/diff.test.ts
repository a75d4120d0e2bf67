import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDocuments, type DiffRow } from './diff.ts';
import type { GongwenDocument } from './model.ts';
import { docOf, SAMPLE_TEXT, sampleWithTables } from './test-helpers.ts';

const original = docOf(SAMPLE_TEXT);

/** A copy of the sample with `edit` applied to its elements. */
function edited(edit: (el: GongwenDocument['elements']) => void): GongwenDocument {
  const next = structuredClone(original);
  edit(next.elements);
  return next;
}

/** The rows that are not "same". */
const changes = (rows: DiffRow[]): DiffRow[] => rows.filter((r) => r.kind !== 'same');

test('flattens every element into labelled rows in reading order, all same when nothing changed', () => {
  const rows = compareDocuments(original, structuredClone(original));
  assert.deepEqual(
    rows.map((r) => [r.kind, r.element, r.label, r.left]),
    [
      ['same', 'copyNumber', '份号', '000001'],
      ['same', 'classification', '密级', '机密★1年'],
      ['same', 'urgency', '紧急程度', '特急'],
      ['same', 'issuerMark', '发文机关标志', '××县人民政府文件'],
      ['same', 'documentNumber', '发文字号', '×政发〔2026〕5号'],
      ['same', 'title', '标题', '××县人民政府关于加强公文处理工作的通知'],
      ['same', 'primaryRecipients', '主送机关', '各乡镇人民政府，县政府各部门'],
      ['same', 'body[0]', '正文第1段', '为进一步规范公文处理工作，提高公文质量和效率，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。'],
      ['same', 'body[1]', '正文第2段', '一、提高思想认识'],
      ['same', 'body[2]', '正文第3段', '（一）明确责任。各单位主要负责同志是本单位公文处理工作的第一责任人，要亲自抓、负总责。'],
      ['same', 'body[3]', '正文第4段', '1.健全制度。建立公文起草、审核、签发各环节责任制度。'],
      ['same', 'body[4]', '正文第5段', '（1）起草环节。起草部门对公文内容负责。'],
      ['same', 'body[5]', '正文第6段', '（2）审核环节。办公室对公文格式负责。'],
      ['same', 'body[6]', '正文第7段', '2.加强培训。每年至少组织一次公文处理业务培训。'],
      ['same', 'body[7]', '正文第8段', '（二）强化考核。将公文质量纳入年度绩效考核。'],
      ['same', 'body[8]', '正文第9段', '二、规范格式要求'],
      ['same', 'body[9]', '正文第10段', '各单位制发公文，严格执行《党政机关公文格式》（GB/T 9704-2012）国家标准，做到要素齐全、格式规范。'],
      ['same', 'attachmentNotes[0]', '附件说明第1项', '1.公文格式常见错误清单'],
      ['same', 'attachmentNotes[1]', '附件说明第2项', '2.公文处理工作责任分工表'],
      ['same', 'issuerSignatures[0]', '发文机关署名', '××县人民政府'],
      ['same', 'issueDate', '成文日期', '2026年1月5日'],
      ['same', 'note', '附注', '此件发至乡镇'],
      ['same', 'attachments[0].title', '附件1标题', '公文格式常见错误清单'],
      ['same', 'attachments[0].body[0]', '附件1第1段', '一、发文字号使用圆括号。'],
      ['same', 'attachments[0].body[1]', '附件1第2段', '二、成文日期使用汉字数字。'],
      ['same', 'attachments[1].title', '附件2标题', '公文处理工作责任分工表'],
      ['same', 'attachments[1].body[0]', '附件2第1段', '县政府办公室负责公文审核。'],
      ['same', 'copyRecipients', '抄送机关', '县委办公室，县人大常委会办公室，县政协办公室'],
      ['same', 'printingOrgan', '印发机关', '××县人民政府办公室'],
      ['same', 'printingDate', '印发日期', '2026年1月5日'],
    ],
  );
  for (const r of rows) {
    assert.equal(r.right, r.left);
    assert.equal(r.leftParts, undefined);
    assert.equal(r.rightParts, undefined);
  }
});

test('one word changed in a paragraph is one changed row with that word marked on each side', () => {
  const next = edited((el) => {
    el.body[0]!.text = el.body[0]!.text.replace('质量和效率', '质量和水平');
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    {
      kind: 'changed',
      element: 'body[0]',
      label: '正文第1段',
      left: '为进一步规范公文处理工作，提高公文质量和效率，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。',
      right: '为进一步规范公文处理工作，提高公文质量和水平，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。',
      leftParts: [
        { text: '为进一步规范公文处理工作，提高公文质量和', changed: false },
        { text: '效率', changed: true },
        { text: '，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。', changed: false },
      ],
      rightParts: [
        { text: '为进一步规范公文处理工作，提高公文质量和', changed: false },
        { text: '水平', changed: true },
        { text: '，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。', changed: false },
      ],
    },
  ]);
});

test('a paragraph inserted in the middle is one added row and the paragraphs after it stay same', () => {
  const next = edited((el) => {
    el.body.splice(4, 0, { kind: 'paragraph', text: '各单位要明确专人负责公文处理。' });
  });
  const rows = compareDocuments(original, next);
  assert.deepEqual(changes(rows), [
    { kind: 'added', element: 'body[4]', label: '正文第5段', left: null, right: '各单位要明确专人负责公文处理。' },
  ]);
  // The rows after it carry their new place in the newer version.
  assert.deepEqual(rows.find((r) => r.left === '（1）起草环节。起草部门对公文内容负责。'), {
    kind: 'same', element: 'body[5]', label: '正文第6段', left: '（1）起草环节。起草部门对公文内容负责。', right: '（1）起草环节。起草部门对公文内容负责。',
  });
  assert.equal(rows.length, 31);
});

test('a deleted paragraph is one removed row named by its place in the older version', () => {
  const next = edited((el) => {
    el.body.splice(6, 1);
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    { kind: 'removed', element: 'body[6]', label: '正文第7段', left: '2.加强培训。每年至少组织一次公文处理业务培训。', right: null },
  ]);
});

test('a changed title is one changed row with the inserted words marked', () => {
  const next = edited((el) => {
    el.title = '××县人民政府关于进一步加强公文处理工作的通知';
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    {
      kind: 'changed',
      element: 'title',
      label: '标题',
      left: '××县人民政府关于加强公文处理工作的通知',
      right: '××县人民政府关于进一步加强公文处理工作的通知',
      leftParts: [{ text: '××县人民政府关于加强公文处理工作的通知', changed: false }],
      rightParts: [
        { text: '××县人民政府关于', changed: false },
        { text: '进一步', changed: true },
        { text: '加强公文处理工作的通知', changed: false },
      ],
    },
  ]);
});

test('an added recipient is one changed 主送 row with the new organ marked', () => {
  const next = edited((el) => {
    el.primaryRecipients = ['各乡镇人民政府', '县政府各部门', '县直各单位'];
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    {
      kind: 'changed',
      element: 'primaryRecipients',
      label: '主送机关',
      left: '各乡镇人民政府，县政府各部门',
      right: '各乡镇人民政府，县政府各部门，县直各单位',
      leftParts: [{ text: '各乡镇人民政府，县政府各部门', changed: false }],
      rightParts: [
        { text: '各乡镇人民政府，县政府各部门', changed: false },
        { text: '，县直各单位', changed: true },
      ],
    },
  ]);
});

test('wholly different recipients are still one changed row, as there is one 主送 on each side', () => {
  const next = edited((el) => {
    el.primaryRecipients = ['县直各单位'];
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    {
      kind: 'changed',
      element: 'primaryRecipients',
      label: '主送机关',
      left: '各乡镇人民政府，县政府各部门',
      right: '县直各单位',
      // The coincidental 县 and 各 in common are not left unmarked in the middle of a replacement.
      leftParts: [{ text: '各乡镇人民政府，县政府各部门', changed: true }],
      rightParts: [{ text: '县直各单位', changed: true }],
    },
  ]);
});

test('a paragraph rewritten beyond recognition is shown removed and added, not changed', () => {
  const next = edited((el) => {
    el.body[9]!.text = '本通知自印发之日起施行。';
  });
  assert.deepEqual(changes(compareDocuments(original, next)), [
    { kind: 'removed', element: 'body[9]', label: '正文第10段', left: '各单位制发公文，严格执行《党政机关公文格式》（GB/T 9704-2012）国家标准，做到要素齐全、格式规范。', right: null },
    { kind: 'added', element: 'body[9]', label: '正文第10段', left: null, right: '本通知自印发之日起施行。' },
  ]);
});

test('an inserted paragraph next to an edited one is one added row and one changed row', () => {
  const next = edited((el) => {
    el.body[5]!.text = '审核环节。办公室对公文格式和文字负责。';
    el.body.splice(6, 0, { kind: 'heading', level: 4, marker: '（3）', text: '签发环节。签发人对公文负总责。' });
  });
  assert.deepEqual(
    changes(compareDocuments(original, next)).map((r) => [r.kind, r.element, r.label, r.left, r.right]),
    [
      ['changed', 'body[5]', '正文第6段', '（2）审核环节。办公室对公文格式负责。', '（2）审核环节。办公室对公文格式和文字负责。'],
      ['added', 'body[6]', '正文第7段', null, '（3）签发环节。签发人对公文负总责。'],
    ],
  );
});

test('a paragraph moved into an attachment is removed from 正文 and added to the attachment, not matched across them', () => {
  const next = edited((el) => {
    const [moved] = el.body.splice(9, 1);
    el.attachments![1]!.body.push(moved!);
  });
  assert.deepEqual(
    changes(compareDocuments(original, next)).map((r) => [r.kind, r.element, r.label]),
    [
      ['removed', 'body[9]', '正文第10段'],
      ['added', 'attachments[1].body[1]', '附件2第2段'],
    ],
  );
});

test('an element present on one side only is removed or added', () => {
  const next = edited((el) => {
    delete el.note;
    el.urgency = '加急';
  });
  assert.deepEqual(
    changes(compareDocuments(original, next)).map((r) => [r.kind, r.element, r.left, r.right, r.leftParts, r.rightParts]),
    [
      ['changed', 'urgency', '特急', '加急', [{ text: '特', changed: true }, { text: '急', changed: false }], [{ text: '加', changed: true }, { text: '急', changed: false }]],
      ['removed', 'note', '此件发至乡镇', null, undefined, undefined],
    ],
  );
});

test('a coincidental common character inside a replaced word is marked with the word', () => {
  // 强化 → 加强 share 强; marking 加 and 化 around an unmarked 强 would be harder to read.
  const a = edited((el) => {
    el.body[7]!.text = '强化考核。将公文质量纳入年度绩效考核。';
  });
  const b = edited((el) => {
    el.body[7]!.text = '加强考核。将公文质量纳入年度绩效考核。';
  });
  assert.deepEqual(
    changes(compareDocuments(a, b)).map((r) => [r.element, r.leftParts, r.rightParts]),
    [
      [
        'body[7]',
        [{ text: '（二）', changed: false }, { text: '强化', changed: true }, { text: '考核。将公文质量纳入年度绩效考核。', changed: false }],
        [{ text: '（二）', changed: false }, { text: '加强', changed: true }, { text: '考核。将公文质量纳入年度绩效考核。', changed: false }],
      ],
    ],
  );
});

test('a long paragraph with a small edit far from either end is still marked character by character', () => {
  const filler = '各单位要高度重视公文处理工作，'.repeat(100);
  const a = edited((el) => {
    el.body[0]!.text = `开头。${filler}加强${filler}结尾。`;
  });
  const b = edited((el) => {
    el.body[0]!.text = `开头。${filler}强化${filler}结尾。`;
  });
  const [row] = changes(compareDocuments(a, b));
  assert.deepEqual(row!.leftParts, [
    { text: `开头。${filler}`, changed: false },
    { text: '加强', changed: true },
    { text: `${filler}结尾。`, changed: false },
  ]);
  assert.deepEqual(row!.rightParts, [
    { text: `开头。${filler}`, changed: false },
    { text: '强化', changed: true },
    { text: `${filler}结尾。`, changed: false },
  ]);
});

test('a long paragraph rewritten throughout is marked whole between its common start and end, not character by character', () => {
  // 1,200 characters differing in every fourth: alike enough to pair, too many edits to trace one by one.
  const alternate = (odd: string): string => `${odd}丙丁戊`.repeat(300);
  const a = edited((el) => {
    el.body[0]!.text = `开头。${alternate('甲')}结尾。`;
  });
  const b = edited((el) => {
    el.body[0]!.text = `开头。${alternate('乙')}结尾。`;
  });
  const [row] = changes(compareDocuments(a, b));
  assert.deepEqual(row!.leftParts, [
    { text: '开头。', changed: false },
    { text: alternate('甲').slice(0, -3), changed: true },
    { text: '丙丁戊结尾。', changed: false },
  ]);
  assert.deepEqual(row!.rightParts, [
    { text: '开头。', changed: false },
    { text: alternate('乙').slice(0, -3), changed: true },
    { text: '丙丁戊结尾。', changed: false },
  ]);
});

test('a long document with edits near both ends shows just those edits', () => {
  const body = Array.from({ length: 3000 }, (_, k) => ({ kind: 'paragraph' as const, text: `第${k + 1}条　各单位应当按照规定办理。` }));
  const a: GongwenDocument = { documentType: '通知', format: '文件式', elements: { body } };
  const b = structuredClone(a);
  b.elements.body[1]!.text = '第2条　各单位应当按照规定及时办理。';
  b.elements.body.splice(2998, 1);
  assert.deepEqual(
    changes(compareDocuments(a, b)).map((r) => [r.kind, r.element, r.right]),
    [
      ['changed', 'body[1]', '第2条　各单位应当按照规定及时办理。'],
      ['removed', 'body[2998]', null],
    ],
  );
});

test('a character outside the Basic Multilingual Plane is compared as one character', () => {
  const a = edited((el) => {
    el.issuerSignatures = ['𠀾县人民政府'];
  });
  const b = edited((el) => {
    el.issuerSignatures = ['𠁀县人民政府'];
  });
  assert.deepEqual(changes(compareDocuments(a, b)), [
    {
      kind: 'changed',
      element: 'issuerSignatures[0]',
      label: '发文机关署名',
      left: '𠀾县人民政府',
      right: '𠁀县人民政府',
      leftParts: [{ text: '𠀾', changed: true }, { text: '县人民政府', changed: false }],
      rightParts: [{ text: '𠁀', changed: true }, { text: '县人民政府', changed: false }],
    },
  ]);
});

test('纪要 attendance lists, 签发人 and 签名章 are rows of their own', () => {
  const minutes: GongwenDocument = {
    documentType: '纪要',
    format: '纪要式',
    elements: {
      title: '县政府第5次常务会议纪要',
      body: [{ kind: 'paragraph', text: '会议研究了公文处理工作。' }],
      attendees: ['张三', '李四'],
      absentees: ['王五'],
      nonVotingAttendees: ['赵六'],
      signers: ['张三'],
      signatureStamps: [{ title: '县长', name: '张三' }],
    },
  };
  const next = structuredClone(minutes);
  next.elements.attendees = ['张三', '李四', '王五'];
  next.elements.absentees = [];
  const rows = compareDocuments(minutes, next);
  assert.deepEqual(
    rows.map((r) => [r.kind, r.element, r.label, r.left, r.right]),
    [
      ['same', 'signers', '签发人', '张三', '张三'],
      ['same', 'title', '标题', '县政府第5次常务会议纪要', '县政府第5次常务会议纪要'],
      ['same', 'body[0]', '正文第1段', '会议研究了公文处理工作。', '会议研究了公文处理工作。'],
      ['changed', 'attendees', '出席', '张三、李四', '张三、李四、王五'],
      ['removed', 'absentees', '请假', '王五', null],
      ['same', 'nonVotingAttendees', '列席', '赵六', '赵六'],
      ['same', 'signatureStamps[0]', '签名章', '县长　张三', '县长　张三'],
    ],
  );
});

test('a table is one row of caption and cells, and one changed cell is one changed row with that cell marked', () => {
  const before = sampleWithTables();
  const after = structuredClone(before);
  after.elements.body[8]!.rows![2]![3] = '2个工作日';
  const rows = compareDocuments(before, after);
  const table = '表1　公文处理各环节责任分工\n序号\t环节\t责任单位\t完成时限\n1\t起草\t起草部门\t收到交办后3个工作日内完成初稿并送办公室审核\n';
  assert.deepEqual(changes(rows), [
    {
      kind: 'changed',
      element: 'body[8]',
      label: '正文第9段（表格）',
      left: `${table}2\t审核\t县政府办公室\t1个工作日\n3\t签发\t县政府领导\t—`,
      right: `${table}2\t审核\t县政府办公室\t2个工作日\n3\t签发\t县政府领导\t—`,
      leftParts: [
        { text: `${table}2\t审核\t县政府办公室\t`, changed: false },
        { text: '1', changed: true },
        { text: '个工作日\n3\t签发\t县政府领导\t—', changed: false },
      ],
      rightParts: [
        { text: `${table}2\t审核\t县政府办公室\t`, changed: false },
        { text: '2', changed: true },
        { text: '个工作日\n3\t签发\t县政府领导\t—', changed: false },
      ],
    },
  ]);
  assert.deepEqual(
    rows.filter((r) => r.element === 'attachments[1].body[1]').map((r) => [r.kind, r.label, r.left]),
    [['same', '附件2第2段（表格）', '单位\t职责\n县政府办公室\t公文审核\n县档案馆\t公文归档']],
  );
});

test('a table added between paragraphs is one added row', () => {
  const before = docOf(SAMPLE_TEXT);
  assert.deepEqual(
    changes(compareDocuments(before, sampleWithTables())).map((r) => [r.kind, r.element, r.label]),
    [
      ['added', 'body[8]', '正文第9段（表格）'],
      ['added', 'attachments[1].body[1]', '附件2第2段（表格）'],
    ],
  );
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderDocx } from '../gongwen/render-docx.ts';
import type { GongwenDocument } from '../gongwen/model.ts';
import { buildAcceptanceNotice, buildOpinion } from './documents.ts';

const BASE = {
  organName: '中共某某县委办公室',
  serial: 'XF2026-000123',
  petitionerName: '张三',
  receivedAt: '2026-03-10',
  summary: '某某村拆迁补偿款至今未发放',
  date: '2026-03-12',
};
const REASONS = '经查，该村拆迁补偿款已于2026年1月拨付至镇财政所，尚未发放到户。';

const STAGES = ['initial', 'review', 'recheck'] as const;
const OUTCOMES = ['support', 'explain', 'reject', 'adopted', 'not_adopted'] as const;

const TITLE = { initial: '信访事项处理意见书', review: '信访事项复查意见书', recheck: '信访事项复核意见书' };
const REMEDY = {
  initial: '如对本处理意见不服，可以自收到本意见书之日起30日内请求原办理机关的上一级机关复查。',
  review: '如对本复查意见不服，可以自收到本意见书之日起30日内向复查机关的上一级机关请求复核。',
  recheck: '本复核意见为终结意见。信访人仍以同一事实和理由提出信访事项的，不再受理。',
};
const OPINION_PHRASE = { support: '予以支持。', explain: '现作解释说明。', reject: '不予支持。', adopted: '予以采纳。', not_adopted: '暂不采纳' };

/** Renders a document and reads back the text of word/document.xml, one line a paragraph. */
async function renderedText(doc: GongwenDocument): Promise<{ buf: Buffer; lines: string[] }> {
  const buf = await renderDocx(doc);
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  const lines = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, '')).filter((l) => l !== '');
  return { buf, lines };
}

function assertDocx(buf: Buffer): void {
  assert.ok(Buffer.isBuffer(buf));
  assert.ok(buf.length > 1000, `${buf.length} bytes`);
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
}

describe('buildAcceptanceNotice (受理告知书)', () => {
  const doc = buildAcceptanceNotice({ ...BASE, handlerName: '县住房和城乡建设局', handleDue: '2026-05-09' });

  it('should be a sealed 信函式 letter to the petitioner from the organ', () => {
    assert.equal(doc.documentType, '函');
    assert.equal(doc.format, '信函式');
    assert.equal(doc.elements.title, '信访事项受理告知书');
    assert.deepEqual(doc.elements.primaryRecipients, ['张三']);
    assert.deepEqual(doc.elements.issuerSignatures, ['中共某某县委办公室']);
    assert.equal(doc.elements.issueDate, '2026-03-12');
    assert.equal(doc.elements.sealed, true);
  });

  it('should render to a .docx carrying the serial, the name, the Chinese dates, the handler and 第二十三条', async () => {
    const { buf, lines } = await renderedText(doc);
    assertDocx(buf);
    const text = lines.join('\n');
    assert.ok(lines.includes('信访事项受理告知书'), text);
    assert.ok(lines.includes('张三：'), text);
    assert.ok(lines.includes('你（们）于2026年3月10日反映的“某某村拆迁补偿款至今未发放”信访事项（编号：XF2026-000123）已收悉。'), text);
    assert.ok(text.includes('由县住房和城乡建设局办理，办理期限至2026年5月9日。'), text);
    assert.ok(text.includes('《信访工作条例》第二十三条'), text);
    assert.ok(lines.includes('2026年3月12日'), text);
    assert.ok(lines.includes('特此告知。'), text);
  });
});

describe('buildOpinion (处理/复查/复核 意见书)', () => {
  for (const stage of STAGES) {
    for (const outcome of OUTCOMES) {
      it(`should render the ${stage} opinion with outcome ${outcome}`, async () => {
        const doc = buildOpinion({ ...BASE, stage, outcome, reasons: REASONS, nextStepDays: 30 });
        assert.equal(doc.elements.title, TITLE[stage]);
        assert.deepEqual(doc.elements.primaryRecipients, ['张三']);
        const { buf, lines } = await renderedText(doc);
        assertDocx(buf);
        const text = lines.join('\n');
        assert.ok(lines.includes(TITLE[stage]), text);
        assert.ok(lines.includes('张三：'), text);
        assert.ok(lines.includes('你（们）于2026年3月10日反映的“某某村拆迁补偿款至今未发放”信访事项（编号：XF2026-000123），经调查核实，现提出如下意见。'), text);
        assert.ok(lines.includes(REASONS), text);
        assert.ok(text.includes(OPINION_PHRASE[outcome]), text);
        assert.ok(lines.includes(REMEDY[stage]), text);
        assert.ok(lines.includes('2026年3月12日'), text);
        for (const heading of ['调查核实情况', '处理意见', '救济途径']) assert.ok(text.includes(heading), heading);
      });
    }
  }

  it('should give each stage its own remedy: 30日内…复查, …复核, 不再受理', () => {
    const remedyOf = (stage: (typeof STAGES)[number]) => {
      const body = buildOpinion({ ...BASE, stage, outcome: 'reject', reasons: REASONS, nextStepDays: 30 }).elements.body;
      return body[body.length - 1].text;
    };
    assert.match(remedyOf('initial'), /30日内.*复查。$/);
    assert.doesNotMatch(remedyOf('initial'), /复核|不再受理/);
    assert.match(remedyOf('review'), /30日内.*复核。$/);
    assert.doesNotMatch(remedyOf('review'), /不再受理/);
    assert.match(remedyOf('recheck'), /不再受理。$/);
    assert.doesNotMatch(remedyOf('recheck'), /日内/);
  });

  it('should write the given number of days into the remedy', () => {
    const body = buildOpinion({ ...BASE, stage: 'initial', outcome: 'support', reasons: REASONS, nextStepDays: 15 }).elements.body;
    assert.ok(body[body.length - 1].text.includes('之日起15日内'));
  });

  it('should number the three headings 一、二、三、', () => {
    const body = buildOpinion({ ...BASE, stage: 'review', outcome: 'explain', reasons: REASONS, nextStepDays: 30 }).elements.body;
    assert.deepEqual(
      body.filter((b) => b.kind === 'heading').map((b) => `${b.marker}${b.text}`),
      ['一、调查核实情况', '二、处理意见', '三、救济途径'],
    );
  });
});

/** Shared test fixtures: a complete 公文 exercising every element, and a model builder. */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { parseText } from './parse-text.ts';

/** A complete 文件式 notice (constructed for tests, not a real document). */
export const SAMPLE_TEXT = `000001
机密★1年
特急
××县人民政府文件
×政发〔2026〕5号
××县人民政府关于加强公文处理工作的通知
各乡镇人民政府，县政府各部门：
为进一步规范公文处理工作，提高公文质量和效率，根据《党政机关公文处理工作条例》（中办发〔2012〕14号），现就有关事项通知如下。
一、提高思想认识
（一）明确责任。各单位主要负责同志是本单位公文处理工作的第一责任人，要亲自抓、负总责。
1.健全制度。建立公文起草、审核、签发各环节责任制度。
（1）起草环节。起草部门对公文内容负责。
（2）审核环节。办公室对公文格式负责。
2.加强培训。每年至少组织一次公文处理业务培训。
（二）强化考核。将公文质量纳入年度绩效考核。
二、规范格式要求
各单位制发公文，严格执行《党政机关公文格式》（GB/T 9704-2012）国家标准，做到要素齐全、格式规范。
附件：1.公文格式常见错误清单
2.公文处理工作责任分工表
××县人民政府
2026年1月5日
（此件发至乡镇）
附件1
公文格式常见错误清单
一、发文字号使用圆括号。
二、成文日期使用汉字数字。
附件2
公文处理工作责任分工表
县政府办公室负责公文审核。
抄送：县委办公室，县人大常委会办公室，县政协办公室。
××县人民政府办公室 2026年1月5日印发
`;

/** Parses text into a plain document (without the parse-only `findings`). */
export function docOf(text: string): GongwenDocument {
  const { findings: _f, ...doc } = parseText(text);
  void _f;
  return doc;
}

/** A minimal 请示 body around the given lines. */
export function requestText(opts: { recipients?: string; body?: string[]; copy?: string; head?: string } = {}): string {
  return [
    opts.head ?? '',
    '××县教育局关于新建城东小学的请示',
    opts.recipients ?? '××县人民政府：',
    ...(opts.body ?? ['城东片区适龄儿童逐年增加，现有学校学位不足。', '拟于2026年新建城东小学一所。', '妥否，请批示。']),
    '××县教育局',
    '2026年3月2日',
    opts.copy ?? '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A table with a caption: four columns, one cell long enough to wrap. */
export const SAMPLE_TABLE: BodyBlock = {
  kind: 'table',
  text: '表1　公文处理各环节责任分工',
  rows: [
    ['序号', '环节', '责任单位', '完成时限'],
    ['1', '起草', '起草部门', '收到交办后3个工作日内完成初稿并送办公室审核'],
    ['2', '审核', '县政府办公室', '1个工作日'],
    ['3', '签发', '县政府领导', '—'],
  ],
};

/** The sample with SAMPLE_TABLE before "二、规范格式要求" and a captionless table ending 附件2. */
export function sampleWithTables(): GongwenDocument {
  const doc = docOf(SAMPLE_TEXT);
  doc.elements.body.splice(8, 0, structuredClone(SAMPLE_TABLE));
  doc.elements.attachments![1]!.body.push({ kind: 'table', text: '', rows: [['单位', '职责'], ['县政府办公室', '公文审核'], ['县档案馆', '公文归档']] });
  return doc;
}

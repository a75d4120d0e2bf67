/**
 * The written notices a petitioner receives, as 公文 models the engine renders: the 受理告知书 (第23条),
 * the 信访处理意见书 (第32条) and the 复查/复核 意见书 (第35–36条).
 */
import type { BodyBlock, GongwenDocument } from '../gongwen/model.ts';

export interface PetitionDocInput {
  organName: string;
  serial: string;
  petitionerName: string;
  receivedAt: string;
  summary: string;
  date: string;
}

const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const para = (text: string): BodyBlock => ({ kind: 'paragraph', text });

function letter(title: string, to: string, body: BodyBlock[], organ: string, date: string): GongwenDocument {
  return {
    documentType: '函',
    format: '信函式',
    elements: { issuerMark: organ, title, primaryRecipients: [to], body, issuerSignatures: [organ], issueDate: date, sealed: true },
  };
}

/** 受理告知书: the case is accepted, who handles it and by when. */
export function buildAcceptanceNotice(p: PetitionDocInput & { handlerName: string; handleDue: string }): GongwenDocument {
  return letter(
    '信访事项受理告知书',
    p.petitionerName,
    [
      para(`你（们）于${chineseDate(p.receivedAt)}反映的“${p.summary}”信访事项（编号：${p.serial}）已收悉。`),
      para(`根据《信访工作条例》第二十三条的规定，该事项已予受理，由${p.handlerName}办理，办理期限至${chineseDate(p.handleDue)}。办理机关将依法出具信访处理意见书。`),
      para('你（们）可凭查询码登录网上信访系统查询办理进展和结果，并对办理情况作出评价。'),
      para('特此告知。'),
    ],
    p.organName,
    p.date,
  );
}

const OUTCOME_TEXT: Record<string, string> = {
  support: '你（们）的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。',
  explain: '你（们）的请求事出有因，但无法律、法规、规章或者其他有关规定作为依据，现作解释说明。',
  reject: '你（们）的请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，不予支持。',
  adopted: '你（们）提出的建议意见具有可行性，予以采纳。',
  not_adopted: '你（们）提出的建议意见经研究暂不采纳，感谢你（们）的关心和支持。',
};

/** 信访处理意见书 (and the 复查/复核 意见书): the request, the facts found, the opinion and the next remedy. */
export function buildOpinion(p: PetitionDocInput & { stage: 'initial' | 'review' | 'recheck'; outcome: string; reasons: string; nextStepDays: number }): GongwenDocument {
  const title = p.stage === 'initial' ? '信访事项处理意见书' : p.stage === 'review' ? '信访事项复查意见书' : '信访事项复核意见书';
  const remedy =
    p.stage === 'initial'
      ? `如对本处理意见不服，可以自收到本意见书之日起${p.nextStepDays}日内请求原办理机关的上一级机关复查。`
      : p.stage === 'review'
        ? `如对本复查意见不服，可以自收到本意见书之日起${p.nextStepDays}日内向复查机关的上一级机关请求复核。`
        : '本复核意见为终结意见。信访人仍以同一事实和理由提出信访事项的，不再受理。';
  return letter(
    title,
    p.petitionerName,
    [
      para(`你（们）于${chineseDate(p.receivedAt)}反映的“${p.summary}”信访事项（编号：${p.serial}），经调查核实，现提出如下意见。`),
      { kind: 'heading', level: 1, marker: '一、', text: '调查核实情况' },
      para(p.reasons),
      { kind: 'heading', level: 1, marker: '二、', text: '处理意见' },
      para(OUTCOME_TEXT[p.outcome] ?? p.outcome),
      { kind: 'heading', level: 1, marker: '三、', text: '救济途径' },
      para(remedy),
    ],
    p.organName,
    p.date,
  );
}

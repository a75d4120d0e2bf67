/**
 * Starter list of commonly misused words (常见错别字) for the 文字关. Administrators maintain
 * their own list; this one ships so the check is useful on day one.
 *
 * Every entry was chosen so that the wrong form is not itself a word, or carries the context
 * in which it is legitimate ("既使用" is 既 + 使用, "按装修标准" is 按 + 装修). A list that
 * fires on correct text gets switched off, so when in doubt an entry stays out.
 */
export interface MisusedWord {
  /** The wrong form as it appears in text. */
  wrong: string;
  /** The correction. */
  right: string;
  /** Characters that, right after the match, make it legitimate. */
  unlessFollowedBy?: string;
  /** Characters that, right before the match, make it legitimate. */
  unlessPrecededBy?: string;
  severity?: 'error' | 'warning';
}

export const STARTER_MISUSED_WORDS: readonly MisusedWord[] = [
  { wrong: '按装', right: '安装', unlessFollowedBy: '修卸箱配订载备置' },
  { wrong: '既使', right: '即使', unlessFollowedBy: '用' },
  { wrong: '再接再励', right: '再接再厉' },
  { wrong: '一股作气', right: '一鼓作气' },
  { wrong: '迫不急待', right: '迫不及待' },
  { wrong: '穿流不息', right: '川流不息' },
  { wrong: '走头无路', right: '走投无路' },
  { wrong: '默守成规', right: '墨守成规' },
  { wrong: '一愁莫展', right: '一筹莫展' },
  { wrong: '名符其实', right: '名副其实' },
  { wrong: '针贬时弊', right: '针砭时弊' },
  { wrong: '按步就班', right: '按部就班' },
  { wrong: '变本加利', right: '变本加厉' },
  { wrong: '不径而走', right: '不胫而走' },
  { wrong: '直接了当', right: '直截了当' },
  { wrong: '天翻地复', right: '天翻地覆' },
  { wrong: '言简意骇', right: '言简意赅' },
  { wrong: '关怀倍至', right: '关怀备至' },
  { wrong: '病入膏盲', right: '病入膏肓' },
  { wrong: '发人深醒', right: '发人深省' },
  { wrong: '事得其反', right: '适得其反' },
  { wrong: '妄费心机', right: '枉费心机' },
  { wrong: '再所难免', right: '在所难免' },
  { wrong: '迫在眉捷', right: '迫在眉睫' },
  { wrong: '精兵减政', right: '精兵简政' },
  { wrong: '原形必露', right: '原形毕露' },
  { wrong: '一如继往', right: '一如既往' },
  { wrong: '既往不究', right: '既往不咎' },
  { wrong: '莫明其妙', right: '莫名其妙' },
  { wrong: '循私舞弊', right: '徇私舞弊' },
  { wrong: '贪脏枉法', right: '贪赃枉法' },
  { wrong: '滥芋充数', right: '滥竽充数' },
  { wrong: '融汇贯通', right: '融会贯通' },
  { wrong: '破斧沉舟', right: '破釜沉舟' },
  { wrong: '不加思索', right: '不假思索' },
  { wrong: '全力以付', right: '全力以赴' },
  { wrong: '竞竞业业', right: '兢兢业业' },
  { wrong: '坚苦奋斗', right: '艰苦奋斗' },
  { wrong: '有持无恐', right: '有恃无恐' },
  { wrong: '挖墙角', right: '挖墙脚' },
  { wrong: '励行节约', right: '厉行节约' },
  { wrong: '通货膨涨', right: '通货膨胀' },
  { wrong: '部暑', right: '部署' },
  { wrong: '布署', right: '部署' },
  { wrong: '必竟', right: '毕竟' },
  { wrong: '凑效', right: '奏效' },
  { wrong: '防碍', right: '妨碍' },
  { wrong: '松驰', right: '松弛' },
  { wrong: '气慨', right: '气概' },
  { wrong: '幅射', right: '辐射' },
  { wrong: '重迭', right: '重叠' },
  { wrong: '国藉', right: '国籍' },
  { wrong: '书藉', right: '书籍' },
  { wrong: '竞然', right: '竟然' },
  { wrong: '脉博', right: '脉搏' },
  { wrong: '按排', right: '安排', unlessFollowedBy: '名序列号位' },
  // 截止 ends a period ("截止日期"); 截至 runs up to a point ("截至2025年底").
  { wrong: '截止目前', right: '截至目前', severity: 'warning' },
  { wrong: '截止到', right: '截至', severity: 'warning' },
];

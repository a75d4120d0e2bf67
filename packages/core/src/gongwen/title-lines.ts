/**
 * Line breaks for a long 标题 (GB/T 9704 7.3.1): "回行时，要做到词意完整，排列对称，长短适宜，
 * 间距恰当，标题排列应当使用梯形或菱形". Without a dictionary, words are kept whole by breaking
 * only where a title's own structure allows it (before 关于 and 《, after an organ name, before a
 * head noun such as 实施方案 …); the lines must rise, fall, or rise then fall — never dip in the
 * middle as a vase or an hourglass does.
 */
import { textWidthChars } from './text-forms.ts';

/** 2号 (22 pt) characters on a line of the 156 mm 版心. */
export const TITLE_LINE_CHARS = 20;

/** Break allowed after these (organ names end a segment). */
const AFTER_WORDS = ['人民政府', '办公室', '办公厅', '委员会', '常委会', '党委', '党组', '县委', '市委', '省委', '区委', '州委', '工委', '纪委', '监委', '管委会', '政府', '局', '厅', '会议', '建议', '提案'];
/** Break allowed before these (they open a segment). */
const BEFORE_WORDS = [
  '关于', '印发', '转发', '批转', '进一步', '加强', '推进', '促进', '做好', '开展', '全面', '深入', '深化', '规范', '建立', '健全', '完善', '落实', '支持', '加快',
  '实施方案', '实施意见', '实施细则', '实施办法', '工作方案', '工作规则', '议事规则', '工作规程', '工作制度', '管理办法', '暂行办法', '管理规定', '若干措施', '若干意见',
  '行动计划', '行动方案', '专项行动', '有关事项', '有关问题', '政协', '人大',
];
const OPENING = '（(《〈“‘「【';
const CLOSING = '）)》〉”’」】、，。：；！？';
/** A penalty this high means the break may split a word. */
const ARBITRARY = 100;

/** Penalty for breaking before character p (between p − 1 and p); Infinity where never allowed. */
function breakPenalties(title: string): number[] {
  const chars = [...title];
  const n = chars.length;
  const penalty = new Array<number>(n + 1).fill(ARBITRARY);
  // Never inside a bracket pair, an ASCII run, or next to a dash or connecting punctuation.
  let depth = 0;
  let book = 0;
  for (let p = 1; p < n; p++) {
    const prev = chars[p - 1]!;
    const next = chars[p]!;
    if (prev === '（' || prev === '(') depth++;
    if (prev === '）' || prev === ')') depth--;
    if (prev === '《') book++;
    if (prev === '》') book--;
    const asciiRun = /[\x21-\x7e]/.test(prev) && /[\x21-\x7e]/.test(next);
    if (depth > 0 || OPENING.includes(prev) || CLOSING.includes(next) || asciiRun || /[—–-]/.test(prev + next)) {
      penalty[p] = Infinity;
      continue;
    }
    const before = chars.slice(0, p).join('');
    const after = chars.slice(p).join('');
    let best = ARBITRARY;
    if (next === '《') best = 1;
    else if (prev === '》') best = after.startsWith('的') ? 6 : 1;
    else if (prev === '、') best = 2;
    else if (next === '（' || next === '(') best = 4;
    if (/^关于/.test(after)) best = Math.min(best, 1);
    if (/^的(通知|请示|报告|意见|批复|函|复函|决定|通报|通告|公告|纪要|决议|议案)$/.test(after)) best = Math.min(best, 5);
    // An organ name ends here unless it runs on ("人民政府|办公室", "法治政府|建设").
    if (AFTER_WORDS.some((w) => before.endsWith(w)) && !/^(办公|常务|委员|党组|机关|建设|工作|系统|部门|[》）])/.test(after)) best = Math.min(best, 2);
    if (BEFORE_WORDS.some((w) => after.startsWith(w))) best = Math.min(best, 3);
    if (/^第[\d一二三四五六七八九十百]/.test(after)) best = Math.min(best, 3);
    if (/^(和|与|及|暨)/.test(after)) best = Math.min(best, 4);
    // "关于" and "印发" at a line end are accepted; splitting "关于印发" is not.
    if (before.endsWith('关于') && /^(印发|转发|批转)/.test(after)) best = Math.max(best, 30);
    // An adverb stays with its verb: "全面|推进" splits a phrase.
    if (/(全面|进一步|深入|切实|加快|大力|积极|认真|不断|持续)$/.test(before)) best = ARBITRARY;
    // Prefer to keep a 《》 title whole.
    if (book > 0 && best < ARBITRARY) best += 5;
    penalty[p] = best;
  }
  return penalty;
}

/** True when widths rise, fall, or rise then fall (梯形 or 菱形); false for a dip in the middle. */
export function isTrapezoidOrDiamond(widths: readonly number[]): boolean {
  let falling = false;
  for (let i = 1; i < widths.length; i++) {
    if (widths[i]! < widths[i - 1]!) falling = true;
    else if (widths[i]! > widths[i - 1]! && falling) return false;
  }
  return true;
}

/**
 * Breaks a title into centred lines of at most `maxWidth` characters (half-width digits count
 * half), keeping words whole and the lines in a 梯形 or 菱形 (GB/T 9704 7.3.1).
 * @returns the lines; a title that fits on one line comes back as one line
 */
export function breakTitle(title: string, maxWidth: number = TITLE_LINE_CHARS): string[] {
  const total = textWidthChars(title);
  if (total <= maxWidth) return [title];
  const chars = [...title];
  const widthBefore = [0];
  for (const ch of chars) widthBefore.push(widthBefore[widthBefore.length - 1]! + textWidthChars(ch));
  const penalty = breakPenalties(title);
  const minLines = Math.ceil(total / maxWidth);

  let best: { cost: number; breaks: number[] } | null = null;
  const search = (lines: number, wordSafeOnly: boolean): void => {
    const breaks: number[] = [];
    const walk = (from: number, left: number, cost: number): void => {
      if (best && cost >= best.cost) return;
      if (left === 1) {
        const w = widthBefore[chars.length]! - widthBefore[from]!;
        if (w > maxWidth) return;
        const points = [0, ...breaks, chars.length];
        const widths = points.slice(1).map((p, k) => widthBefore[p]! - widthBefore[points[k]!]!);
        if (!isTrapezoidOrDiamond(widths)) return;
        const mean = total / lines;
        const balance = widths.reduce((s, x) => s + (x - mean) ** 2, 0) / 10;
        if (!best || cost + balance < best.cost) best = { cost: cost + balance, breaks: [...breaks] };
        return;
      }
      for (let p = from + 1; p < chars.length; p++) {
        const w = widthBefore[p]! - widthBefore[from]!;
        if (w > maxWidth) break;
        if (widthBefore[chars.length]! - widthBefore[p]! > (left - 1) * maxWidth) continue;
        const pen = penalty[p]!;
        if (pen === Infinity || (wordSafeOnly && pen >= ARBITRARY)) continue;
        breaks.push(p);
        walk(p, left - 1, cost + pen);
        breaks.pop();
      }
    };
    walk(0, lines, 0);
  };
  // Fewest lines with word-safe breaks first; a word is split only when nothing else fits.
  for (const wordSafeOnly of [true, false]) {
    for (let lines = minLines; lines <= minLines + 1 && !best; lines++) search(lines, wordSafeOnly);
    if (best) break;
  }
  if (!best) return [title];
  const points = [0, ...(best as { breaks: number[] }).breaks, chars.length];
  return points.slice(1).map((p, k) => chars.slice(points[k]!, p).join(''));
}

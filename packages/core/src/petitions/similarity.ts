/**
 * Similar content for repeat petitions: character bigrams of the summary and text (Chinese has no spaces,
 * and two characters already carry a word: 拆迁, 工资, 补偿), compared by Jaccard similarity. To find the
 * similar among 100,000 earlier cases without comparing them all, each text gets MinHash band keys
 * (locality-sensitive hashing): two texts sharing any band are candidates, then compared exactly.
 */

/** Letters, digits and CJK only; punctuation and spaces say nothing about the matter. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function bigrams(text: string): Set<string> {
  const t = normaliseText(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

/** |A ∩ B| ÷ |A ∪ B|, 0 for two empty texts. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let inter = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}

export function similarity(a: string, b: string): number {
  return Math.round(jaccard(bigrams(a), bigrams(b)) * 1000) / 1000;
}

export const BANDS = 20;
export const ROWS_PER_BAND = 3;

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * MinHash band keys of a text: BANDS keys of ROWS_PER_BAND minimum hashes each. Two texts with Jaccard
 * similarity s share at least one band with probability 1 − (1 − s³)²⁰: 0.93 at s = 0.5, 0.99 at 0.6.
 */
export function bandKeys(text: string): string[] {
  const grams = [...bigrams(text)];
  if (!grams.length) return [];
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    const mins: number[] = [];
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      const seed = b * ROWS_PER_BAND + r + 1;
      let min = 0xffffffff;
      for (const g of grams) {
        const h = fnv1a(g, Math.imul(seed, 0x9e3779b1));
        if (h < min) min = h;
      }
      mins.push(min);
    }
    keys.push(`${b}:${mins.map((m) => m.toString(36)).join('.')}`);
  }
  return keys;
}

/**
 * The matter a case belongs to, for the 群体性 warning: that of its most similar other case when the two texts
 * are at least `threshold` alike (ties go to the earlier-listed case), otherwise a matter of its own.
 */
export function matterOf(ownId: string, scored: readonly { id: string; matterId: string | null; similarity: number }[], threshold: number): string {
  let best: { id: string; matterId: string | null; similarity: number } | undefined;
  for (const s of scored) if (s.id !== ownId && s.similarity >= threshold && (!best || s.similarity > best.similarity)) best = s;
  return best ? (best.matterId ?? best.id) : ownId;
}

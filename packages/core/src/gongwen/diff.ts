/**
 * Version compare (版本比对): two versions of a 公文 side by side, element by element, with the
 * changed characters marked.
 *
 * Each document is flattened into labelled rows in reading order, as the renderer prints them.
 * Rows are aligned by a longest common subsequence on (element kind, text), so an inserted
 * paragraph is one "added" row rather than every later paragraph "changed"; the removed and
 * added rows left between two matches are then paired as "changed" where they are the same
 * element (标题 with 标题) or similar enough to be an edit of one another (正文 paragraphs).
 * Every step that could grow quadratically has a budget and a plainer fallback, so even two
 * very long, wholly different versions compare in bounded time.
 */
import type { BodyBlock, GongwenDocument } from './model.ts';
import { bodyBlockText, formatChineseDate } from './text-forms.ts';

/** A run of characters of one side of a "changed" row; `changed` marks what differs from the other side. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

/** One row of the compare view (the `compare` endpoint's DiffRow). */
export type DiffRow = {
  kind: 'same' | 'changed' | 'added' | 'removed';
  /** Model path of the element: in the newer version, or in the older one for a removed row. */
  element: string;
  /** Chinese name of the element, e.g. "正文第4段". */
  label: string;
  left: string | null;
  right: string | null;
  leftParts?: DiffPart[];
  rightParts?: DiffPart[];
};

/** One element of one version, flattened. */
interface ElementRow {
  /** Model path, e.g. "body[3]". */
  element: string;
  /** The path without indices ("body", "attachments.body"): only rows of one kind are compared. */
  kind: string;
  label: string;
  text: string;
}

/**
 * Work allowed to the row LCS (about D², D the number of rows added and removed); beyond it the
 * rows between the common start and end are shown removed then added.
 */
const MAX_ROW_COST = 1_000_000;
/** Work allowed to the character LCS of one changed row; beyond it the differing middle is marked whole. */
const MAX_CHAR_COST = 250_000;
/** Removed × added rows considered for pairing at most per gap; beyond this only same-kind singletons pair. */
const MAX_PAIRING_CELLS = 250_000;
/**
 * How far off the gap's diagonal a paragraph is looked for as the edit of another: an edited
 * paragraph stays near its place, and scoring every pair of a long gap would be quadratic.
 */
const PAIRING_BAND = 8;
/** Two paragraphs at least this similar (Dice coefficient of character bigrams) are an edit of one another. */
const MIN_SIMILARITY = 0.4;
/** Elements that occur at most once: a removed and an added one always pair, however different. */
const SINGLETON_KINDS = new Set([
  'copyNumber', 'classification', 'urgency', 'issuerMark', 'documentNumber', 'signers', 'title',
  'primaryRecipients', 'attendees', 'absentees', 'nonVotingAttendees', 'issueDate', 'note',
  'copyRecipients', 'printingOrgan', 'printingDate',
]);

/** One row per block; a table is one row whose text is its caption and cells (`tableText`). */
function blockRows(blocks: BodyBlock[], pathPrefix: string, kind: string, labelPrefix: string): ElementRow[] {
  return blocks.map((b, j) => ({
    element: `${pathPrefix}[${j}]`,
    kind,
    label: `${labelPrefix}第${j + 1}段${b.kind === 'table' ? '（表格）' : ''}`,
    text: bodyBlockText(b),
  }));
}

/** Flattens a document into labelled rows in reading order (the order renderHtml prints them). */
function documentRows(doc: GongwenDocument): ElementRow[] {
  const el = doc.elements;
  const rows: ElementRow[] = [];
  const add = (element: string, label: string, text: string | undefined): void => {
    if (text !== undefined) rows.push({ element, kind: element, label, text });
  };
  const list = (names: string[] | undefined, sep: string): string | undefined => (names?.length ? names.join(sep) : undefined);
  const date = (iso: string | undefined): string | undefined => (iso ? formatChineseDate(iso) : undefined);
  const ordinal = (count: number, k: number, unit: string): string => (count > 1 ? `第${k + 1}${unit}` : '');

  add('copyNumber', '份号', el.copyNumber);
  add('classification', '密级', el.classification ? el.classification.level + (el.classification.period ? `★${el.classification.period}` : '') : undefined);
  add('urgency', '紧急程度', el.urgency);
  add('issuerMark', '发文机关标志', el.issuerMark);
  add('documentNumber', '发文字号', el.documentNumber?.text);
  add('signers', '签发人', list(el.signers, '、'));
  add('title', '标题', el.title);
  add('primaryRecipients', '主送机关', list(el.primaryRecipients, '，'));
  rows.push(...blockRows(el.body, 'body', 'body', '正文'));
  const notes = el.attachmentNotes ?? [];
  notes.forEach((n, k) =>
    rows.push({ element: `attachmentNotes[${k}]`, kind: 'attachmentNotes', label: `附件说明${ordinal(notes.length, k, '项')}`, text: (n.index !== null ? `${n.index}.` : '') + n.name }),
  );
  add('attendees', '出席', list(el.attendees, '、'));
  add('absentees', '请假', list(el.absentees, '、'));
  add('nonVotingAttendees', '列席', list(el.nonVotingAttendees, '、'));
  const stamps = el.signatureStamps ?? [];
  stamps.forEach((s, k) =>
    rows.push({ element: `signatureStamps[${k}]`, kind: 'signatureStamps', label: `签名章${ordinal(stamps.length, k, '个')}`, text: `${s.title}　${s.name}` }),
  );
  const sigs = el.issuerSignatures ?? [];
  sigs.forEach((s, k) =>
    rows.push({ element: `issuerSignatures[${k}]`, kind: 'issuerSignatures', label: `发文机关署名${ordinal(sigs.length, k, '个')}`, text: s }),
  );
  add('issueDate', '成文日期', date(el.issueDate));
  add('note', '附注', el.note);
  const attachments = el.attachments ?? [];
  attachments.forEach((a, i) => {
    const name = `附件${a.index ?? (attachments.length > 1 ? i + 1 : '')}`;
    rows.push({ element: `attachments[${i}].title`, kind: 'attachments.title', label: `${name}标题`, text: a.title });
    rows.push(...blockRows(a.body, `attachments[${i}].body`, 'attachments.body', name));
  });
  add('copyRecipients', '抄送机关', list(el.copyRecipients, '，'));
  add('printingOrgan', '印发机关', el.printingOrgan);
  add('printingDate', '印发日期', date(el.printingDate));
  return rows;
}

/**
 * Index pairs [i, j] of a longest common subsequence of a and b, in order (compared with ===),
 * by Myers' O((N+M)·D) algorithm: fast when the versions differ by few edits, however long.
 * Its memory grows with D², so past `maxCost` it gives up and matches only the common prefix
 * and suffix; versions that far apart are shown as removed and added rows anyway.
 */
function lcsPairs<T>(a: readonly T[], b: readonly T[], maxCost: number): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: [number, number][] = [];
  for (let k = 0; k < start; k++) pairs.push([k, k]);
  pairs.push(...myersMiddle(a, b, start, endA, endB, maxCost));
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

/** The LCS pairs of a[start..endA) and b[start..endB); empty when the edit distance exceeds the budget. */
function myersMiddle<T>(a: readonly T[], b: readonly T[], start: number, endA: number, endB: number, maxCost: number): [number, number][] {
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  // v[offset + k] = furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * max + 3);
  // Before step d, v[-d-1 .. d+1] is saved from trace[d² + 2d] on (the sizes 3, 5, 7, … before it), for walking back.
  let trace = new Int32Array(Math.min(maxCost, 256));
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    const base = d * d + 2 * d;
    const size = 2 * d + 3;
    if (base + size > maxCost) return [];
    if (base + size > trace.length) {
      const grown = new Int32Array(Math.min(maxCost, trace.length * 2 + size));
      grown.set(trace);
      trace = grown;
    }
    trace.set(v.subarray(offset - d - 1, offset + d + 2), base);
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    // trace[at + k] = v[k] before step d.
    const at = d * d + 2 * d + d + 1;
    const k = x - y;
    const prevK = k === -d || (k !== d && trace[at + k - 1]! < trace[at + k + 1]!) ? k + 1 : k - 1;
    const prevX = trace[at + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([start + x, start + y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/** The text's character bigrams as sorted numbers; a one-character text counts as its own bigram. */
function bigrams(text: string): Float64Array {
  const codes = Array.from(text, (ch) => ch.codePointAt(0)!);
  if (codes.length === 1) return Float64Array.of(codes[0]!);
  const grams = new Float64Array(Math.max(0, codes.length - 1));
  // Offset so no bigram equals a lone character's code.
  for (let k = 0; k + 1 < codes.length; k++) grams[k] = codes[k]! * 0x110000 + codes[k + 1]! + 0x110000;
  return grams.sort();
}

/** Dice coefficient of two bigram multisets: 1 for equal texts, 0 for texts with nothing in common. */
function similarity(a: Float64Array, b: Float64Array): number {
  if (a.length + b.length === 0) return 1;
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * Pairs removed rows with added rows of one gap, in order, maximising total similarity: a pair
 * must be of one kind, and either a singleton element or similar paragraphs.
 * @returns index pairs into `removed` and `added`
 */
function pairGap(removed: ElementRow[], added: ElementRow[]): [number, number][] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0) return [];
  if (n * m > MAX_PAIRING_CELLS) {
    // Too many to score: pair the singletons only, which occur at most once on each side.
    const addedAt = new Map<string, number>();
    added.forEach((r, j) => {
      if (SINGLETON_KINDS.has(r.kind)) addedAt.set(r.kind, j);
    });
    const pairs: [number, number][] = [];
    let after = -1;
    removed.forEach((r, i) => {
      const j = addedAt.get(r.kind);
      if (j !== undefined && j > after) {
        pairs.push([i, j]);
        after = j;
      }
    });
    return pairs;
  }
  const gramsL = removed.map((r) => bigrams(r.text));
  const gramsR = added.map((r) => bigrams(r.text));
  const lowBand = Math.min(0, m - n) - PAIRING_BAND;
  const highBand = Math.max(0, m - n) + PAIRING_BAND;
  const scoreOf = (i: number, j: number): number => {
    if (removed[i]!.kind !== added[j]!.kind) return 0;
    if (SINGLETON_KINDS.has(removed[i]!.kind)) return 1;
    if (j - i < lowBand || j - i > highBand) return 0;
    const s = similarity(gramsL[i]!, gramsR[j]!);
    return s >= MIN_SIMILARITY ? s : 0;
  };
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const score = new Float64Array(n * m);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = scoreOf(i, j);
      score[i * m + j] = s;
      const skip = Math.max(best[(i + 1) * width + j]!, best[i * width + j + 1]!);
      best[i * width + j] = s > 0 ? Math.max(skip, best[(i + 1) * width + j + 1]! + s) : skip;
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = score[i * m + j]!;
    if (s > 0 && best[i * width + j] === best[(i + 1) * width + j + 1]! + s) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (best[(i + 1) * width + j]! >= best[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

type Op = { op: 'equal' | 'delete' | 'insert'; text: string };

/** Appends to an edit script, joining a run of the same operation. */
function pushOp(ops: Op[], op: Op['op'], text: string): void {
  if (text === '') return;
  const last = ops[ops.length - 1];
  if (last?.op === op) last.text += text;
  else ops.push({ op, text });
}

/** Character edit script from `left` to `right`; past the LCS budget the differing middle is one replacement. */
function charEdits(left: string, right: string): Op[] {
  const a = Array.from(left);
  const b = Array.from(right);
  const pairs = lcsPairs(a, b, MAX_CHAR_COST);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (let p = 0; p < pairs.length; ) {
    const [pi, pj] = pairs[p]!;
    // A run of consecutive matches is one equality.
    let run = 1;
    while (p + run < pairs.length && pairs[p + run]![0] === pi + run && pairs[p + run]![1] === pj + run) run++;
    pushOp(ops, 'delete', a.slice(i, pi).join(''));
    pushOp(ops, 'insert', b.slice(j, pj).join(''));
    pushOp(ops, 'equal', a.slice(pi, pi + run).join(''));
    i = pi + run;
    j = pj + run;
    p += run;
  }
  pushOp(ops, 'delete', a.slice(i).join(''));
  pushOp(ops, 'insert', b.slice(j).join(''));
  return cleanupSemantic(ops);
}

/** Length in characters (code points), as the reader counts them. */
function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

interface EditGroup {
  del: string;
  ins: string;
  /** max(deleted, inserted) characters. */
  size: number;
}

/**
 * Folds short coincidental equalities into the edits around them (diff-match-patch's semantic
 * cleanup rule: an equality no longer than the edits on both sides goes), so "强化管理" →
 * "加强管理" reads as 强化→加强 rather than 加·强·化. One pass with a stack: after a merge the
 * equality before it is looked at again, as the edit after it has grown.
 */
function cleanupSemantic(ops: Op[]): Op[] {
  const group = (del: string, ins: string): EditGroup => ({ del, ins, size: Math.max(charCount(del), charCount(ins)) });
  // The script as edit, equality, edit, …, equality, edit; the edits at the ends may be empty.
  const edits: EditGroup[] = [group('', '')];
  const equals: string[] = [];
  for (const o of ops) {
    if (o.op === 'equal') {
      equals.push(o.text);
      edits.push(group('', ''));
    } else {
      const last = edits[edits.length - 1]!;
      edits[edits.length - 1] = o.op === 'delete' ? group(last.del + o.text, last.ins) : group(last.del, last.ins + o.text);
    }
  }
  const keptEdits: EditGroup[] = [edits[0]!];
  const keptEquals: string[] = [];
  for (let q = 0; q < equals.length; q++) {
    keptEquals.push(equals[q]!);
    keptEdits.push(edits[q + 1]!);
    while (keptEquals.length > 0) {
      const t = keptEquals.length - 1;
      const before = keptEdits[t]!;
      const after = keptEdits[t + 1]!;
      const eq = keptEquals[t]!;
      if (before.size === 0 || after.size === 0 || charCount(eq) > Math.min(before.size, after.size)) break;
      keptEquals.pop();
      keptEdits.pop();
      keptEdits[t] = group(before.del + eq + after.del, before.ins + eq + after.ins);
    }
  }
  const result: Op[] = [];
  keptEdits.forEach((e, k) => {
    pushOp(result, 'delete', e.del);
    pushOp(result, 'insert', e.ins);
    if (k < keptEquals.length) pushOp(result, 'equal', keptEquals[k]!);
  });
  return result;
}

/** Marks the characters of a changed row: each side keeps its equal runs unmarked and its own edits marked. */
function changedParts(left: string, right: string): { leftParts: DiffPart[]; rightParts: DiffPart[] } {
  const leftParts: DiffPart[] = [];
  const rightParts: DiffPart[] = [];
  const push = (parts: DiffPart[], text: string, changed: boolean): void => {
    const last = parts[parts.length - 1];
    if (last?.changed === changed) last.text += text;
    else parts.push({ text, changed });
  };
  for (const o of charEdits(left, right)) {
    if (o.op !== 'insert') push(leftParts, o.text, o.op === 'delete');
    if (o.op !== 'delete') push(rightParts, o.text, o.op === 'insert');
  }
  return { leftParts, rightParts };
}

/**
 * Compares two versions of a document for the side-by-side view.
 * @param a the older version (left)
 * @param b the newer version (right)
 * @returns rows in reading order; a row's `element` and `label` are those of the newer version,
 *   or of the older one for a removed row
 */
export function compareDocuments(a: GongwenDocument, b: GongwenDocument): DiffRow[] {
  const left = documentRows(a);
  const right = documentRows(b);
  // Intern (kind, text) so the LCS compares numbers.
  const ids = new Map<string, number>();
  const idOf = (r: ElementRow): number => {
    const key = `${r.kind}\u0000${r.text}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const matches = lcsPairs(left.map(idOf), right.map(idOf), MAX_ROW_COST);

  const rows: DiffRow[] = [];
  const emitGap = (i0: number, i1: number, j0: number, j1: number): void => {
    const removed = left.slice(i0, i1);
    const added = right.slice(j0, j1);
    let i = 0;
    let j = 0;
    const flushTo = (ti: number, tj: number): void => {
      for (; i < ti; i++) rows.push({ kind: 'removed', element: removed[i]!.element, label: removed[i]!.label, left: removed[i]!.text, right: null });
      for (; j < tj; j++) rows.push({ kind: 'added', element: added[j]!.element, label: added[j]!.label, left: null, right: added[j]!.text });
    };
    for (const [pi, pj] of pairGap(removed, added)) {
      flushTo(pi, pj);
      const l = removed[pi]!;
      const r = added[pj]!;
      rows.push({ kind: 'changed', element: r.element, label: r.label, left: l.text, right: r.text, ...changedParts(l.text, r.text) });
      i = pi + 1;
      j = pj + 1;
    }
    flushTo(removed.length, added.length);
  };

  let i = 0;
  let j = 0;
  for (const [mi, mj] of matches) {
    emitGap(i, mi, j, mj);
    const r = right[mj]!;
    rows.push({ kind: 'same', element: r.element, label: r.label, left: left[mi]!.text, right: r.text });
    i = mi + 1;
    j = mj + 1;
  }
  emitGap(i, left.length, j, right.length);
  return rows;
}

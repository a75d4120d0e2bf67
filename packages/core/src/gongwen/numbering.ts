/**
 * 发文字号 allocation per 机关代字 and year: next serial, reservation, release of an unused
 * reservation, voiding with a reason. Pure: every function takes a register and returns a
 * new one. The register keeps every number ever handed out with its history, so it shows
 * the fate of each number and a gap can never be silent. The database enforces uniqueness
 * on top of this; these rules decide what is allowed.
 */
import { formatDocumentNumber } from './text-forms.ts';

export type NumberStatus = 'reserved' | 'used' | 'released' | 'voided';

export interface NumberEvent {
  action: 'reserve' | 'use' | 'release' | 'void';
  documentId?: string;
  reason?: string;
  /** Supplied by the caller (core reads no clock). */
  at?: string;
}

export interface NumberEntry {
  issuerCode: string;
  year: number;
  serial: number;
  status: NumberStatus;
  documentId?: string;
  history: NumberEvent[];
}

export interface NumberRegister {
  entries: readonly NumberEntry[];
}

/** Stable error codes for the shared error catalogue. */
export type NumberingErrorCode =
  | 'DOCUMENT_NUMBER_TAKEN'
  | 'DOCUMENT_NUMBER_NOT_FOUND'
  | 'DOCUMENT_NUMBER_NOT_RESERVED'
  | 'DOCUMENT_NUMBER_VOID_REASON_REQUIRED'
  | 'DOCUMENT_NUMBER_INVALID';

export class NumberingError extends Error {
  constructor(
    readonly code: NumberingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NumberingError';
  }
}

export const emptyRegister = (): NumberRegister => ({ entries: [] });

function key(issuerCode: string, year: number): (e: NumberEntry) => boolean {
  return (e) => e.issuerCode === issuerCode && e.year === year;
}

function validate(issuerCode: string, year: number, serial?: number): void {
  if (!issuerCode.trim()) throw new NumberingError('DOCUMENT_NUMBER_INVALID', '机关代字不能为空。');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new NumberingError('DOCUMENT_NUMBER_INVALID', '年份应为四位数字。');
  if (serial !== undefined && (!Number.isInteger(serial) || serial < 1)) throw new NumberingError('DOCUMENT_NUMBER_INVALID', '序号应为正整数。');
}

/**
 * The serial the next allocation gets: the lowest released number (so a released
 * reservation leaves no gap), otherwise one past the highest ever issued.
 */
export function nextSerial(register: NumberRegister, issuerCode: string, year: number): number {
  validate(issuerCode, year);
  const mine = register.entries.filter(key(issuerCode, year));
  const released = mine.filter((e) => e.status === 'released').map((e) => e.serial);
  if (released.length > 0) return Math.min(...released);
  return mine.reduce((max, e) => Math.max(max, e.serial), 0) + 1;
}

function put(register: NumberRegister, entry: NumberEntry): NumberRegister {
  const rest = register.entries.filter((e) => !(e.issuerCode === entry.issuerCode && e.year === entry.year && e.serial === entry.serial));
  return { entries: [...rest, entry].sort((a, b) => a.issuerCode.localeCompare(b.issuerCode) || a.year - b.year || a.serial - b.serial) };
}

function find(register: NumberRegister, issuerCode: string, year: number, serial: number): NumberEntry {
  const e = register.entries.find((x) => x.issuerCode === issuerCode && x.year === year && x.serial === serial);
  if (!e) throw new NumberingError('DOCUMENT_NUMBER_NOT_FOUND', `发文字号${formatDocumentNumber(issuerCode, year, serial)}尚未分配。`);
  return e;
}

/** 预留 — reserves the next serial for a document being drafted. */
export function reserveNumber(
  register: NumberRegister,
  request: { issuerCode: string; year: number; documentId?: string; at?: string },
): { register: NumberRegister; entry: NumberEntry; text: string } {
  const serial = nextSerial(register, request.issuerCode, request.year);
  const previous = register.entries.find((e) => key(request.issuerCode, request.year)(e) && e.serial === serial);
  const entry: NumberEntry = {
    issuerCode: request.issuerCode,
    year: request.year,
    serial,
    status: 'reserved',
    ...(request.documentId ? { documentId: request.documentId } : {}),
    history: [...(previous?.history ?? []), { action: 'reserve', documentId: request.documentId, at: request.at }],
  };
  return { register: put(register, entry), entry, text: formatDocumentNumber(entry.issuerCode, entry.year, entry.serial) };
}

/** 使用 — the document is issued under a reserved number; the number is final from now on. */
export function useNumber(
  register: NumberRegister,
  n: { issuerCode: string; year: number; serial: number; documentId: string; at?: string },
): NumberRegister {
  validate(n.issuerCode, n.year, n.serial);
  const e = find(register, n.issuerCode, n.year, n.serial);
  if (e.status !== 'reserved') {
    throw new NumberingError('DOCUMENT_NUMBER_TAKEN', `发文字号${formatDocumentNumber(n.issuerCode, n.year, n.serial)}当前状态为“${STATUS_LABEL[e.status]}”，不能使用。`);
  }
  if (e.documentId && e.documentId !== n.documentId) {
    throw new NumberingError('DOCUMENT_NUMBER_TAKEN', `发文字号${formatDocumentNumber(n.issuerCode, n.year, n.serial)}已为其他公文预留。`);
  }
  return put(register, { ...e, status: 'used', documentId: n.documentId, history: [...e.history, { action: 'use', documentId: n.documentId, at: n.at }] });
}

/** 释放 — gives back a reservation that was never used; the next allocation takes it again. */
export function releaseNumber(
  register: NumberRegister,
  n: { issuerCode: string; year: number; serial: number; at?: string },
): NumberRegister {
  const e = find(register, n.issuerCode, n.year, n.serial);
  if (e.status !== 'reserved') {
    throw new NumberingError('DOCUMENT_NUMBER_NOT_RESERVED', `只有预留未用的发文字号可以释放，${formatDocumentNumber(n.issuerCode, n.year, n.serial)}的状态为“${STATUS_LABEL[e.status]}”；已使用的号请作废并注明原因。`);
  }
  const { documentId: _dropped, ...rest } = e;
  void _dropped;
  return put(register, { ...rest, status: 'released', history: [...e.history, { action: 'release', at: n.at }] });
}

/** 作废 — voids a number (used or reserved) with a reason; a voided number is never reissued. */
export function voidNumber(
  register: NumberRegister,
  n: { issuerCode: string; year: number; serial: number; reason: string; at?: string },
): NumberRegister {
  if (!n.reason || !n.reason.trim()) {
    throw new NumberingError('DOCUMENT_NUMBER_VOID_REASON_REQUIRED', '作废发文字号必须填写原因。');
  }
  const e = find(register, n.issuerCode, n.year, n.serial);
  if (e.status === 'voided') return register;
  return put(register, { ...e, status: 'voided', history: [...e.history, { action: 'void', reason: n.reason.trim(), at: n.at }] });
}

/** Records an existing number (e.g. a document issued before the system) as used. */
export function recordUsedNumber(
  register: NumberRegister,
  n: { issuerCode: string; year: number; serial: number; documentId: string; at?: string },
): NumberRegister {
  validate(n.issuerCode, n.year, n.serial);
  const existing = register.entries.find((e) => key(n.issuerCode, n.year)(e) && e.serial === n.serial);
  if (existing && existing.status !== 'released') {
    throw new NumberingError('DOCUMENT_NUMBER_TAKEN', `发文字号${formatDocumentNumber(n.issuerCode, n.year, n.serial)}已被占用。`);
  }
  return put(register, { issuerCode: n.issuerCode, year: n.year, serial: n.serial, status: 'used', documentId: n.documentId, history: [...(existing?.history ?? []), { action: 'use', documentId: n.documentId, at: n.at }] });
}

const STATUS_LABEL: Record<NumberStatus, string> = { reserved: '已预留', used: '已使用', released: '已释放', voided: '已作废' };

/**
 * Serials from 1 to the highest issued that have no entry at all, or were released and not
 * taken again. Each one must be explained (reserved again or voided) before the year closes.
 */
export function findGaps(register: NumberRegister, issuerCode: string, year: number): number[] {
  const mine = register.entries.filter(key(issuerCode, year));
  const max = mine.reduce((m, e) => Math.max(m, e.serial), 0);
  const bySerial = new Map(mine.map((e) => [e.serial, e]));
  const gaps: number[] = [];
  for (let s = 1; s <= max; s++) {
    const e = bySerial.get(s);
    if (!e || e.status === 'released') gaps.push(s);
  }
  return gaps;
}

/** The register as a clerk reads it: every number with its fate. */
export function describeRegister(register: NumberRegister, issuerCode: string, year: number): Array<{ text: string; status: string; documentId?: string; reason?: string }> {
  return register.entries.filter(key(issuerCode, year)).map((e) => {
    const reason = [...e.history].reverse().find((h) => h.action === 'void')?.reason;
    return {
      text: formatDocumentNumber(e.issuerCode, e.year, e.serial),
      status: STATUS_LABEL[e.status],
      ...(e.documentId ? { documentId: e.documentId } : {}),
      ...(e.status === 'voided' && reason ? { reason } : {}),
    };
  });
}

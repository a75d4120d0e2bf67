import { AppError } from '@zhongshu/core';
import {
  describeRegister,
  findGaps,
  NumberingError,
  releaseNumber,
  reserveNumber,
  recordUsedNumber,
  useNumber,
  voidNumber,
  type NumberEntry,
  type NumberRegister,
} from '@zhongshu/core/gongwen/index.ts';
import { documentNumbers as repo, type Executor } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { uuidv7 } from '../../lib/ids.ts';

/**
 * 发文字号 allocation on the database: the pure rules of the 公文 engine decide, the register table
 * (one row per number, primary key on issuer code, year and serial) makes a duplicate impossible, and
 * the issuer's sequence is locked for the transaction so concurrent reservations queue. Callers run
 * these inside the transaction of the document step they belong to (登记, 作废 …).
 */
type Who = { id: string | null };

async function loadRegister(tx: Executor, issuerCode: string, year: number): Promise<NumberRegister> {
  const [rows, events] = await Promise.all([repo.listNumbers(tx, issuerCode, year), repo.listNumberEvents(tx, issuerCode, year)]);
  const history = new Map<number, NumberEntry['history']>();
  for (const e of events) {
    history.set(e.serial, [
      ...(history.get(e.serial) ?? []),
      { action: e.action as 'reserve', ...(e.document_id ? { documentId: e.document_id } : {}), ...(e.reason ? { reason: e.reason } : {}), at: e.at },
    ]);
  }
  return {
    entries: rows.map((r) => ({
      issuerCode: r.issuer_code,
      year: Number(r.year),
      serial: Number(r.serial),
      status: r.status as NumberEntry['status'],
      ...(r.document_id ? { documentId: r.document_id } : {}),
      history: history.get(Number(r.serial)) ?? [],
    })),
  };
}

/** Writes what a rule changed: the entries whose history grew, with their new events. */
async function saveChanges(tx: Executor, ctx: AppContext, who: Who, before: NumberRegister, after: NumberRegister): Promise<void> {
  const old = new Map(before.entries.map((e) => [`${e.issuerCode}|${e.year}|${e.serial}`, e.history.length]));
  const at = ctx.now().toISOString();
  for (const e of after.entries) {
    const seen = old.get(`${e.issuerCode}|${e.year}|${e.serial}`) ?? 0;
    if (e.history.length === seen) continue;
    await repo.upsertNumber(tx, { issuer_code: e.issuerCode, year: e.year, serial: e.serial, status: e.status, document_id: e.documentId ?? null, updated_at: at });
    for (const h of e.history.slice(seen)) {
      await repo.insertNumberEvent(tx, { id: uuidv7(), issuer_code: e.issuerCode, year: e.year, serial: e.serial, action: h.action, document_id: h.documentId ?? null, reason: h.reason ?? null, actor_id: who.id, at: h.at ?? at });
    }
  }
}

async function apply<T>(tx: Executor, ctx: AppContext, who: Who, issuerCode: string, year: number, rule: (r: NumberRegister) => { register: NumberRegister; result: T }): Promise<T> {
  await repo.lockSequence(tx, issuerCode, year);
  const before = await loadRegister(tx, issuerCode, year);
  let outcome: { register: NumberRegister; result: T };
  try {
    outcome = rule(before);
  } catch (e) {
    if (e instanceof NumberingError) throw new AppError(e.code, e.message);
    throw e;
  }
  await saveChanges(tx, ctx, who, before, outcome.register);
  return outcome.result;
}

/** 预留: the next serial (a released one first, so nothing is skipped). */
export function reserveDocumentNumber(tx: Executor, ctx: AppContext, who: Who, p: { issuerCode: string; year: number; documentId?: string }) {
  const at = ctx.now().toISOString();
  return apply(tx, ctx, who, p.issuerCode, p.year, (r) => {
    const out = reserveNumber(r, { ...p, at });
    return { register: out.register, result: { serial: out.entry.serial, text: out.text } };
  });
}

export function useDocumentNumber(tx: Executor, ctx: AppContext, who: Who, p: { issuerCode: string; year: number; serial: number; documentId: string }) {
  const at = ctx.now().toISOString();
  return apply(tx, ctx, who, p.issuerCode, p.year, (r) => ({ register: useNumber(r, { ...p, at }), result: undefined }));
}

export function releaseDocumentNumber(tx: Executor, ctx: AppContext, who: Who, p: { issuerCode: string; year: number; serial: number }) {
  const at = ctx.now().toISOString();
  return apply(tx, ctx, who, p.issuerCode, p.year, (r) => ({ register: releaseNumber(r, { ...p, at }), result: undefined }));
}

export function voidDocumentNumber(tx: Executor, ctx: AppContext, who: Who, p: { issuerCode: string; year: number; serial: number; reason: string }) {
  const at = ctx.now().toISOString();
  return apply(tx, ctx, who, p.issuerCode, p.year, (r) => ({ register: voidNumber(r, { ...p, at }), result: undefined }));
}

/** Records a number issued outside the system (e.g. before it was introduced) as used. */
export function recordExistingDocumentNumber(tx: Executor, ctx: AppContext, who: Who, p: { issuerCode: string; year: number; serial: number; documentId: string }) {
  const at = ctx.now().toISOString();
  return apply(tx, ctx, who, p.issuerCode, p.year, (r) => ({ register: recordUsedNumber(r, { ...p, at }), result: undefined }));
}

/** The register as a clerk reads it, with the serials that still need explaining. */
export async function documentNumberRegister(db: Executor, issuerCode: string, year: number) {
  const register = await loadRegister(db, issuerCode, year);
  return { numbers: describeRegister(register, issuerCode, year), gaps: findGaps(register, issuerCode, year) };
}

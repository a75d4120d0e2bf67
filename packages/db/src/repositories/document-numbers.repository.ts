import { sql } from 'kysely';
import type { Executor } from '../database.ts';
import type { DocumentNumberEventTable, DocumentNumberTable } from '../schema.ts';

/**
 * Takes the issuer's sequence for the year for the rest of the transaction: the counter row is
 * written first, which holds its row lock (PostgreSQL) or the write lock (SQLite) until commit,
 * so two clerks reserving at once queue up instead of computing the same next number.
 */
export async function lockSequence(db: Executor, issuerCode: string, year: number): Promise<void> {
  await db
    .insertInto('serial_counters')
    .values({ scope: `document_number:${issuerCode}`, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ last_value: sql`serial_counters.last_value` }))
    .execute();
}

export function listNumbers(db: Executor, issuerCode: string, year: number) {
  return db.selectFrom('document_numbers').selectAll().where('issuer_code', '=', issuerCode).where('year', '=', year).orderBy('serial').execute();
}

export function listNumberEvents(db: Executor, issuerCode: string, year: number) {
  return db.selectFrom('document_number_events').selectAll().where('issuer_code', '=', issuerCode).where('year', '=', year).orderBy('serial').orderBy('at').orderBy('id').execute();
}

/** Writes a number's current state; the primary key refuses a second row for the same number. */
export async function upsertNumber(db: Executor, row: DocumentNumberTable): Promise<void> {
  await db
    .insertInto('document_numbers')
    .values(row)
    .onConflict((oc) => oc.columns(['issuer_code', 'year', 'serial']).doUpdateSet({ status: row.status, document_id: row.document_id, updated_at: row.updated_at }))
    .execute();
}

export async function insertNumberEvent(db: Executor, e: DocumentNumberEventTable): Promise<void> {
  await db.insertInto('document_number_events').values(e).execute();
}

import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Executor } from '../database.ts';

/** True when the executor talks to PostgreSQL; the only place repositories branch on dialect. */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** `column LIKE %term%` with the user's wildcards escaped, the same on SQLite and PostgreSQL. */
export function containsText(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likeContains(term)} escape '\\'`;
}

export interface Page {
  page: number;
  pageSize: number;
}

export function offsetOf(p: Page): number {
  return (p.page - 1) * p.pageSize;
}

/**
 * Calls `write` with consecutive slices of `rows` whose bound parameters (rows × columns) stay under
 * SQLite's per-statement limit, so a batch of any size inserts on both databases.
 */
export async function inChunks<T extends object>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(900 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

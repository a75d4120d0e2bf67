import { PostgresAdapter } from 'kysely';
import type { Executor } from '../database.ts';

/** True when the executor talks to PostgreSQL; the only place repositories branch on dialect. */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export interface Page {
  page: number;
  pageSize: number;
}

export function offsetOf(p: Page): number {
  return (p.page - 1) * p.pageSize;
}

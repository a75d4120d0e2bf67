/** Helpers shared by the data generators: a seeded generator, time-ordered ids, and schema-checked bulk inserts. */
import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UUIDv7 carrying the row's own time, as the server's ids for events do. */
export function uuidv7At(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  // Random parts taken from a v4 UUID (xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx) as they stand: its variant nibble is already 8–b.
  const r = randomUUID();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${r.slice(15, 18)}-${r.slice(19, 23)}-${r.slice(24, 36)}`;
}

/**
 * An INSERT for every column of the table, bound by name. Rows are typed as the full table
 * interface from schema.ts, and a column the row lacks makes better-sqlite3 throw, so the
 * generator cannot silently drift from the schema.
 */
export function inserter<T extends object>(sqlite: SQLite.Database, table: string, counts: Record<string, number>): (row: T) => void {
  const cols = (sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const stmt = sqlite.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
  counts[table] ??= 0;
  return (row) => {
    stmt.run(row);
    counts[table]!++;
  };
}


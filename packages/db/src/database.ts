import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction on it: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** For SQLite, the path of the database file; null on PostgreSQL. */
  sqlitePath: string | null;
  /** The raw better-sqlite3 handle (for online backup); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; anything else (or nothing) selects SQLite. */
  databaseUrl?: string | null;
  /** Directory for the SQLite file (zhongshu.db). */
  dataDir: string;
  /** Override the SQLite file name, e.g. ':memory:'. */
  sqliteFile?: string;
  poolSize?: number;
}

// PostgreSQL returns int8/numeric as strings; our counts and sizes fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens SQLite (WAL, foreign keys, busy timeout, full sync) or PostgreSQL, per the options. */
export function openDatabase(opts: DatabaseOptions): DatabaseHandle {
  const url = opts.databaseUrl ?? '';
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // A broken idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlitePath: null, sqlite: null, close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? 'zhongshu.db';
  let sqlitePath = file;
  if (file !== ':memory:') {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    sqlitePath = path.join(opts.dataDir, file);
  }
  const sqlite = new SQLite(sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL makes every acknowledged commit survive a power cut as well as a process kill.
  sqlite.pragma('synchronous = FULL');
  // Kysely's SQLite driver prepares every query afresh; keep the compiled statements (bounded) instead.
  const statements = new Map<string, SQLite.Statement>();
  const cached = {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let st = statements.get(sql);
      if (!st) {
        st = sqlite.prepare(sql);
        if (statements.size >= 500) statements.delete(statements.keys().next().value!);
        statements.set(sql, st);
      }
      return st;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return { db, dialect: 'sqlite', sqlitePath, sqlite, close: () => db.destroy() };
}

/**
 * Keeps the query planner's statistics current. SQLite gathers none by itself, and without them it
 * can pick a plan that walks a whole register per row; SQLite recommends this on opening and every few
 * hours (the analysis limit keeps it to milliseconds on a large file). PostgreSQL's autovacuum does it there.
 */
export function refreshPlannerStatistics(handle: Pick<DatabaseHandle, 'sqlite'>): void {
  if (!handle.sqlite) return;
  handle.sqlite.pragma('analysis_limit = 1000');
  handle.sqlite.pragma('optimize = 0x10002');
}

/** Round trip to the database (health checks). */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when the file is a readable SQLite database holding Zhongshu's tables (checked before a restore). */
export function isZhongshuSqliteFile(file: string): boolean {
  let probe: SQLite.Database | null = null;
  try {
    probe = new SQLite(file, { readonly: true, fileMustExist: true });
    probe.prepare('select seq, last_hash from audit_head where id = 1').get();
    return true;
  } catch {
    return false;
  } finally {
    probe?.close();
  }
}

/** Applies all pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Reverts every migration, newest first (tests that each `down` undoes its `up`). */
export async function migrateAllDown(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateTo(NO_MIGRATIONS);
  if (error) throw error;
}


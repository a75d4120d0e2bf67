import { createHash } from 'node:crypto';
import type { DatabaseHandle, Db, Dialect } from '@zhongshu/db';
import { calendar as calendarRepo } from '@zhongshu/db';
import { createCalendar, type WorkCalendar } from '@zhongshu/core/calendar/index.ts';
import type { Config } from './config.ts';
import { FileStore } from './lib/file-store.ts';

/** What every service needs: the database, configuration, the clock and shared engines. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  handle: DatabaseHandle;
  config: Config;
  now(): Date;
  sm3(s: string): string;
  /** The working-day calendar with the administrators' overrides, cached briefly across requests. */
  calendar(): Promise<WorkCalendar>;
  invalidateCalendar(): void;
  files: FileStore;
}

export function sm3(s: string): string {
  return createHash('sm3').update(s, 'utf8').digest('hex');
}

// Other processes may change overrides; a short cache keeps them in step without a query per row.
const CALENDAR_TTL_MS = 60_000;

export function createContext(handle: DatabaseHandle, config: Config, now: () => Date = () => new Date()): AppContext {
  let cached: { at: number; cal: WorkCalendar } | null = null;
  return {
    db: handle.db,
    dialect: handle.dialect,
    handle,
    config,
    now,
    sm3,
    async calendar() {
      const t = Date.now();
      if (cached && t - cached.at < CALENDAR_TTL_MS) return cached.cal;
      const rows = await calendarRepo.listCalendarOverrides(handle.db);
      const cal = createCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as 'holiday' | 'workday', name: r.name ?? undefined })));
      cached = { at: t, cal };
      return cal;
    },
    invalidateCalendar() {
      cached = null;
    },
    files: new FileStore(config.filesDir),
  };
}

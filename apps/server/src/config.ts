import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  filesDir: string;
  databaseUrl: string | null;
  production: boolean;
  /** Idle minutes after which a session ends (等保: 30 by default). */
  sessionIdleMinutes: number;
  maxUploadMb: number;
  /** Serve the built web app from here when it exists. */
  webDir: string;
  version: string;
  trustProxy: boolean;
  /** Run the reminder scheduler in this process. */
  scheduler: boolean;
  logLevel: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`环境变量 ${name} 必须是正整数，当前为"${value}"`);
  return n;
}

/** Reads configuration from the environment; every setting has a safe zero-configuration default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.ZHONGSHU_DATA_DIR || path.join(process.cwd(), 'data'));
  return {
    port: int(env.PORT, 8080, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir,
    filesDir: path.resolve(env.ZHONGSHU_FILES_DIR || path.join(dataDir, 'files')),
    databaseUrl: env.DATABASE_URL || null,
    production: env.NODE_ENV === 'production',
    sessionIdleMinutes: int(env.ZHONGSHU_SESSION_IDLE_MINUTES, 30, 'ZHONGSHU_SESSION_IDLE_MINUTES'),
    maxUploadMb: int(env.ZHONGSHU_MAX_UPLOAD_MB, 50, 'ZHONGSHU_MAX_UPLOAD_MB'),
    // Another build of the web app can be served (e.g. one per developer checking a branch's pages).
    webDir: path.resolve(env.ZHONGSHU_WEB_DIR || path.join(repoRoot, 'apps/web/dist')),
    version: readVersion(),
    trustProxy: env.ZHONGSHU_TRUST_PROXY === '1' || env.ZHONGSHU_TRUST_PROXY === 'true',
    scheduler: env.ZHONGSHU_SCHEDULER !== 'off',
    logLevel: env.LOG_LEVEL || 'warn',
    ...overrides,
  };
}

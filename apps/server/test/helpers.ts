/**
 * Integration-test harness: a real database per test file (SQLite in a temp dir, or a fresh
 * PostgreSQL database when ZHONGSHU_TEST_PG_URL is set by scripts/test.mjs), the real Fastify app
 * driven through inject(), a settable clock, and factories for units and users.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { migrateToLatest, openDatabase, units, users, type DatabaseHandle } from '@zhongshu/db';
import { loadConfig } from '../src/config.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { buildApp } from '../src/app.ts';
import { insertBusinessUser } from '../src/modules/org/org.service.ts';

export const DIALECT = process.env.ZHONGSHU_TEST_PG_URL ? 'postgres' : 'sqlite';
export const PASSWORD = 'Test-Passw0rd';

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  handle: DatabaseHandle;
  clock: { now: Date };
  dataDir: string;
  close(): Promise<void>;
}

async function freshDatabaseUrl(): Promise<string | null> {
  const base = process.env.ZHONGSHU_TEST_PG_URL;
  if (!base) return null;
  const name = `zs_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A migrated database and an app on it; `clock.now` is what the services see as the time. */
export async function createTestEnv(opts: { now?: string; idleMinutes?: number; maxUploadMb?: number } = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-test-'));
  const databaseUrl = await freshDatabaseUrl();
  const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } as NodeJS.ProcessEnv, {
    logLevel: 'silent',
    scheduler: false,
    ...(opts.idleMinutes ? { sessionIdleMinutes: opts.idleMinutes } : {}),
    ...(opts.maxUploadMb ? { maxUploadMb: opts.maxUploadMb } : {}),
  });
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir, poolSize: 4 });
  const clock = { now: new Date(opts.now ?? '2026-11-02T02:00:00Z') };
  const ctx = createContext(handle, config, () => clock.now);
  await migrateToLatest(ctx.db);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    handle,
    clock,
    dataDir,
    async close() {
      await app.close();
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function makeUnit(
  env: TestEnv,
  name: string,
  kind = 'department',
  parentId: string | null = null,
  o: { issuerCode?: string | null; shortName?: string | null } = {},
): Promise<string> {
  const id = randomUUID();
  await units.insertUnit(env.ctx.db, { id, name, short_name: o.shortName ?? null, kind, parent_id: parentId, sort_order: 0, issuer_code: o.issuerCode ?? null, created_at: env.clock.now.toISOString() });
  return id;
}

export async function makeUser(
  env: TestEnv,
  username: string,
  o: { id?: string; unitId?: string | null; roles?: string[]; clearance?: string; isLeader?: boolean; isPrincipal?: boolean; leaderRank?: string; adminRole?: string; mustChange?: boolean; password?: string } = {},
): Promise<string> {
  const id = o.id ?? randomUUID();
  await insertBusinessUser(env.ctx.db, env.ctx, {
    id,
    username,
    displayName: `${username}姓名`,
    unitId: o.unitId ?? null,
    isLeader: o.isLeader ?? o.roles?.includes('leader') ?? false,
    isPrincipal: o.isPrincipal ?? false,
    leaderRank: o.leaderRank ?? null,
    password: o.password ?? PASSWORD,
    isDemo: false,
    mustChange: o.mustChange ?? false,
    clearance: o.clearance ?? 'none',
    adminRole: o.adminRole ?? null,
  });
  if (o.roles?.length) await users.setRoles(env.ctx.db, id, o.roles);
  return id;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Res {
  status: number;
  body: any;
  headers: Record<string, unknown>;
  raw: Buffer;
}

export async function request(env: TestEnv, method: string, url: string, opts: { session?: Session | null; body?: unknown; csrf?: string | null; headers?: Record<string, string>; payload?: string | Buffer } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.session) headers.cookie = `zs_session=${opts.session.cookie}`;
  const csrf = opts.csrf === undefined ? opts.session?.csrf : opts.csrf;
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  const r = await env.app.inject({
    method: method as any,
    url,
    headers,
    ...(opts.payload !== undefined ? { payload: opts.payload } : opts.body !== undefined ? { payload: opts.body as any } : {}),
  });
  return toRes(r);
}

/** The answer with its body parsed when it is JSON. */
function toRes(r: LightMyRequestResponse): Res {
  let body: any = r.body;
  try {
    body = JSON.parse(r.body);
  } catch {
    /* not JSON */
  }
  return { status: r.statusCode, body, headers: r.headers, raw: r.rawPayload };
}

/** The body of an answer that must be a 200. */
export async function ok(p: Promise<Res>) {
  const r = await p;
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** An answer that must be refused with this status and error code (and, when given, naming this field); its error. */
export async function refused(p: Promise<Res>, status: number, code: string, field?: string) {
  const r = await p;
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error.code, code, JSON.stringify(r.body));
  if (field !== undefined) assert.equal(r.body.error.field, field, JSON.stringify(r.body));
  return r.body.error as { code: string; message: string; field?: string };
}

/** How many rows a table holds, whoever may see them. */
export async function countRows(env: TestEnv, table: 'meetings' | 'assignments' | 'meeting_materials' | 'petitions'): Promise<number> {
  const r = await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function login(env: TestEnv, username: string, password = PASSWORD): Promise<Session> {
  const r = await request(env, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  const setCookie = String(r.headers['set-cookie']);
  const cookie = /zs_session=([^;]+)/.exec(setCookie)![1];
  return { cookie, csrf: r.body.csrfToken };
}

/** A small county: office, two units, a leader, an office clerk, two unit clerks. */
export async function seedCounty(env: TestEnv) {
  const committee = await makeUnit(env, '县委', 'committee');
  const office = await makeUnit(env, '县委办公室', 'office', committee);
  const township = await makeUnit(env, '城关镇', 'township', committee);
  const otherTownship = await makeUnit(env, '河西镇', 'township', committee);
  const leader = await makeUser(env, 'leader1', { unitId: committee, roles: ['leader'], clearance: 'confidential' });
  const leader2 = await makeUser(env, 'leader2', { unitId: committee, roles: ['leader'], clearance: 'confidential' });
  const clerk = await makeUser(env, 'office1', { unitId: office, roles: ['office'], clearance: 'secret' });
  const townClerk = await makeUser(env, 'town1', { unitId: township, roles: ['unit'] });
  const otherClerk = await makeUser(env, 'town2', { unitId: otherTownship, roles: ['unit'] });
  return { committee, office, township, otherTownship, leader, leader2, clerk, townClerk, otherClerk };
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipart(file: Buffer, name = 'roster.xlsx') {
  const boundary = '----zhongshu' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A county for 办文: the 县委 (机关代字 示委) whose documents its 办公室 keeps, two departments, two
 * townships with a village, the 书记 as the 县委's principal head (主要负责人), and a clerk for each unit.
 */
export async function seedDocumentCounty(env: TestEnv) {
  const committee = await makeUnit(env, '县委', 'committee', null, { issuerCode: '示委' });
  const office = await makeUnit(env, '县委办公室', 'office', committee, { shortName: '县委办' });
  const orgDept = await makeUnit(env, '县委组织部', 'department', committee, { issuerCode: '示组' });
  const propDept = await makeUnit(env, '县委宣传部', 'department', committee, { issuerCode: '示宣' });
  const township = await makeUnit(env, '城关镇', 'township', committee, { issuerCode: '城委' });
  const otherTownship = await makeUnit(env, '河西镇', 'township', committee);
  const village = await makeUnit(env, '东关村', 'village', township);
  const u = {
    secretary: await makeUser(env, 'shuji', { unitId: committee, roles: ['leader'], isPrincipal: true, leaderRank: '书记', clearance: 'top_secret' }),
    deputy: await makeUser(env, 'fushuji', { unitId: committee, roles: ['leader'], leaderRank: '副书记', clearance: 'confidential' }),
    drafter: await makeUser(env, 'office1', { unitId: office, roles: ['office'], clearance: 'top_secret' }),
    reviewer: await makeUser(env, 'office2', { unitId: office, roles: ['office'], clearance: 'top_secret' }),
    orgHead: await makeUser(env, 'orghead', { unitId: orgDept, roles: ['leader'], isPrincipal: true, leaderRank: '部长', clearance: 'secret' }),
    orgClerk: await makeUser(env, 'org1', { unitId: orgDept, roles: ['unit'] }),
    propClerk: await makeUser(env, 'prop1', { unitId: propDept, roles: ['unit'] }),
    // A second 宣传部 clerk who is cleared, so the 宣传部 can take part in a 秘密 document that prop1 may not read.
    propClerkCleared: await makeUser(env, 'prop2', { unitId: propDept, roles: ['unit'], clearance: 'secret' }),
    townHead: await makeUser(env, 'townhead', { unitId: township, roles: ['leader'], isPrincipal: true, leaderRank: '党委书记', clearance: 'secret' }),
    townDeputy: await makeUser(env, 'towndeputy', { unitId: township, roles: ['leader'], leaderRank: '镇长', clearance: 'secret' }),
    townClerk: await makeUser(env, 'town1', { unitId: township, roles: ['unit'], clearance: 'secret' }),
    otherClerk: await makeUser(env, 'town2', { unitId: otherTownship, roles: ['unit'] }),
    villageClerk: await makeUser(env, 'village1', { unitId: village, roles: ['unit'] }),
  };
  return { committee, office, orgDept, propDept, township, otherTownship, village, ...u };
}

/**
 * A county for 督查督办: seedCounty (县委, 县委办公室, 城关镇, 河西镇, two leaders, an office clerk, a clerk
 * for each township) plus two departments that cooperate on items, 县财政局 and 县住建局, with a clerk each.
 */
export async function seedSupervisionCounty(env: TestEnv) {
  const base = await seedCounty(env);
  const finance = await makeUnit(env, '县财政局', 'department', base.committee);
  const housing = await makeUnit(env, '县住建局', 'department', base.committee);
  const financeClerk = await makeUser(env, 'fin1', { unitId: finance, roles: ['unit'] });
  const housingClerk = await makeUser(env, 'build1', { unitId: housing, roles: ['unit'] });
  return { ...base, finance, housing, financeClerk, housingClerk };
}

/** A multipart/form-data body with one file in the field `file` and plain text fields. */
export function multipartWithFields(file: Buffer, name: string, fields: Record<string, string>) {
  const boundary = '----zhongshu' + Math.random().toString(16).slice(2);
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([...parts, head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A county for 信访: 县委 with its 办公室, the 县信访局 (a department) whose clerk has the roles petition and unit,
 * the 县纪委监委 (a department) with a clerk, two townships (城关镇, 河西镇) and the 县住建局 with a clerk each, a 县委
 * leader and an office user. Users: xf1, jw1, town1, town2, build1, leader1, office1.
 */
export async function seedPetitionCounty(env: TestEnv) {
  const committee = await makeUnit(env, '县委', 'committee');
  const office = await makeUnit(env, '县委办公室', 'office', committee);
  const bureau = await makeUnit(env, '县信访局', 'department', committee);
  const discipline = await makeUnit(env, '县纪委监委', 'department', committee);
  const township = await makeUnit(env, '城关镇', 'township', committee);
  const otherTownship = await makeUnit(env, '河西镇', 'township', committee);
  const housing = await makeUnit(env, '县住建局', 'department', committee);
  const clerk = await makeUser(env, 'xf1', { unitId: bureau, roles: ['petition', 'unit'] });
  const disciplineClerk = await makeUser(env, 'jw1', { unitId: discipline, roles: ['unit'] });
  const townClerk = await makeUser(env, 'town1', { unitId: township, roles: ['unit'] });
  const otherClerk = await makeUser(env, 'town2', { unitId: otherTownship, roles: ['unit'] });
  const housingClerk = await makeUser(env, 'build1', { unitId: housing, roles: ['unit'] });
  const leader = await makeUser(env, 'leader1', { unitId: committee, roles: ['leader'], isLeader: true, clearance: 'confidential' });
  const officeUser = await makeUser(env, 'office1', { unitId: office, roles: ['office'], clearance: 'secret' });
  return { committee, office, bureau, discipline, township, otherTownship, housing, clerk, disciplineClerk, townClerk, otherClerk, housingClerk, leader, officeUser };
}

/** A valid 18-digit identity number (GB 11643-1999) from its first 17 digits: the check character appended. */
export function withIdCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  if (!/^\d{17}$/.test(first17)) throw new Error(`17 digits expected: ${first17}`);
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A request without a session from a given client address (for the per-address limits of the public endpoints). */
export async function requestFrom(env: TestEnv, ip: string, method: string, url: string, opts: { body?: unknown; headers?: Record<string, string>; payload?: string | Buffer } = {}): Promise<Res> {
  const r = await env.app.inject({
    method: method as any,
    url,
    remoteAddress: ip,
    headers: opts.headers ?? {},
    ...(opts.payload !== undefined ? { payload: opts.payload } : opts.body !== undefined ? { payload: opts.body as any } : {}),
  });
  return toRes(r);
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createTestEnv, DIALECT, login, seedCounty, type TestEnv } from './helpers.ts';
import { seedDemo } from '../src/seed/demo.ts';

const run = promisify(execFile);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/zhongshu.mjs');

async function cli(env: TestEnv, args: string[], extraEnv: Record<string, string> = {}) {
  const childEnv = { ...process.env, ZHONGSHU_DATA_DIR: env.dataDir, DATABASE_URL: env.ctx.config.databaseUrl ?? '', NODE_ENV: '', ...extraEnv };
  try {
    const r = await run(process.execPath, [bin, ...args], { env: childEnv, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e: any) {
    return { code: e.code as number, out: String(e.stdout) + String(e.stderr) };
  }
}

describe(`zhongshu CLI (${DIALECT})`, () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
    await seedCounty(env);
    await login(env, 'leader1');
    await env.handle.close();
    // The CLI opens the same database as a separate process; reopen ours afterwards only for checks.
  });
  after(async () => {
    fs.rmSync(env.dataDir, { recursive: true, force: true });
  });

  it('audit verify prints OK and exits 0 on an intact chain', async () => {
    const r = await cli(env, ['audit', 'verify']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^OK 审计日志哈希链完整，共 1 条/m);
  });

  it('create-admins creates the three administrators once, with one-time passwords', async () => {
    const first = await cli(env, ['create-admins']);
    assert.equal(first.code, 0, first.out);
    assert.equal((first.out.match(/一次性密码 \S{16}/g) ?? []).length, 3);
    const second = await cli(env, ['create-admins']);
    assert.match(second.out, /三员账号已存在/);
  });

  it('audit verify prints the first broken row and exits 1 after a direct change', async () => {
    const { openDatabase } = await import('@zhongshu/db');
    const h = openDatabase({ databaseUrl: env.ctx.config.databaseUrl, dataDir: env.dataDir });
    await sql`update audit_log set detail = ${'{"forged":true}'} where seq = 2`.execute(h.db);
    await h.close();
    const r = await cli(env, ['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^BROKEN 第 2 条：第2条记录的哈希值与内容不符/m);
  });

  it('start --production refuses to run while demo accounts exist', async () => {
    const { openDatabase } = await import('@zhongshu/db');
    const { createContext } = await import('../src/context.ts');
    const h = openDatabase({ databaseUrl: env.ctx.config.databaseUrl, dataDir: env.dataDir });
    await seedDemo(createContext(h, env.ctx.config));
    await h.close();
    const r = await cli(env, ['start', '--production'], { PORT: '18765' });
    assert.equal(r.code, 1);
    assert.match(r.out, /生产模式拒绝启动/);
    assert.match(r.out, /演示账号/);
  });

  it('backs up and restores SQLite, or prints the pg_dump command', async () => {
    const file = path.join(env.dataDir, 'backup.db');
    const b = await cli(env, ['backup', file]);
    assert.equal(b.code, 0, b.out);
    if (DIALECT === 'postgres') {
      assert.match(b.out, /pg_dump --format=custom/);
      return;
    }
    assert.ok(fs.statSync(file).size > 0);
    const notDb = path.join(env.dataDir, 'not-a-db.db');
    fs.writeFileSync(notDb, 'hello');
    const bad = await cli(env, ['restore', notDb]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /不是中枢的数据库备份/);
    const ok = await cli(env, ['restore', file]);
    assert.equal(ok.code, 0, ok.out);
    const verify = await cli(env, ['audit', 'verify']);
    assert.match(verify.out, /^BROKEN 第 2 条/m, 'the restored copy is the (tampered) database that was backed up');
  });
});

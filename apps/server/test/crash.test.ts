import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@zhongshu/db';
import { createTestEnv, DIALECT, type TestEnv } from './helpers.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/zhongshu.mjs');

/** Starts `zhongshu start` as its own process and resolves with the demo password it prints. */
function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; password: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let password = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      password ||= /统一密码：(\S+?)（/.exec(out)?.[1] ?? '';
      if (/中枢已启动/.test(out)) {
        clearTimeout(timer);
        resolve({ child, password });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

describe(`crash durability (${DIALECT})`, () => {
  let env: TestEnv;
  let dataDir: string;
  before(async () => {
    env = await createTestEnv(); // only for a fresh PostgreSQL database URL when testing PostgreSQL
    await env.handle.close();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-crash-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an acknowledged assignment after kill -9', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const childEnv = { ...process.env, ZHONGSHU_DATA_DIR: dataDir, DATABASE_URL: env.ctx.config.databaseUrl ?? '', PORT: String(port), HOST: '127.0.0.1', ZHONGSHU_SCHEDULER: 'off', NODE_ENV: '' };
    const { child, password } = await startProcess(childEnv);
    const base = `http://127.0.0.1:${port}`;
    try {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'shuji', password }) });
      assert.equal(login.status, 200);
      const cookie = /zs_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const dir = (await (await fetch(`${base}/api/org/directory`, { headers: { cookie } })).json()) as { units: { id: string; name: string }[] };
      const unit = dir.units.find((u) => u.name.includes('城关镇'))!;
      const created = await fetch(`${base}/api/assignments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ title: '断电前最后一件交办', instruction: '确认不丢失', assigneeUnitId: unit.id, deadline: { type: 'workdays', days: 3 } }),
      });
      assert.equal(created.status, 200);
      const { id } = (await created.json()) as { id: string };
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const h = openDatabase({ databaseUrl: env.ctx.config.databaseUrl, dataDir });
      try {
        const row = await h.db.selectFrom('assignments').select(['title', 'state']).where('id', '=', id).executeTakeFirst();
        assert.deepEqual(row, { title: '断电前最后一件交办', state: 'pending_receipt' });
        const audit = await h.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
        assert.deepEqual(audit.map((a) => a.action), ['assignment.create']);
      } finally {
        await h.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

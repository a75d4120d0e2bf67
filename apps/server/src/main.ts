import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';

// Each command loads only what it needs: `gongwen` must not pay for the server and database layers.
const db = () => import('@zhongshu/db');

const HELP = `中枢 Zhongshu 命令行

用法: zhongshu <命令> [选项]

  start [--production]     启动服务（默认端口 8080，PORT 可改；数据在 ./data，ZHONGSHU_DATA_DIR 可改）
  migrate                  执行数据库迁移
  seed --demo              写入演示单位和演示账号（仅供演示）
  create-admins [--reset]  创建三员账号（--reset 为已有三员重置一次性密码）
  backup <文件>            备份数据库（SQLite 在线备份；PostgreSQL 给出 pg_dump 命令）
  restore <文件>           从备份恢复（须先停止服务）
  audit verify             校验审计日志哈希链，断链时退出码为 1
  gongwen parse|check|render …   公文解析、检查、排版（见 README）
`;

async function context() {
  const [{ openDatabase }, { createContext }] = await Promise.all([db(), import('./context.ts')]);
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return createContext(handle, config);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { production: { type: 'boolean' } } });
      const config = loadConfig(process.env, values.production ? { production: true } : {});
      const { startServer } = await import('./server.ts');
      const server = await startServer(config);
      const shutdown = () => {
        server.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return -1; // keep running
    }
    case 'migrate': {
      const ctx = await context();
      const { migrateToLatest } = await db();
      const done = await migrateToLatest(ctx.db);
      console.log(done.length ? `已执行迁移：${done.join('、')}` : '数据库已是最新结构');
      await ctx.handle.close();
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (!values.demo) {
        console.error('请使用 zhongshu seed --demo');
        return 2;
      }
      const ctx = await context();
      if (ctx.config.production) {
        console.error('生产模式（NODE_ENV=production）下不能写入演示数据');
        return 2;
      }
      const [{ migrateToLatest }, { seedDemo }] = await Promise.all([db(), import('./seed/demo.ts')]);
      await migrateToLatest(ctx.db);
      const r = await seedDemo(ctx);
      console.log(r.created ? `已写入演示数据（仅供演示）。演示账号统一密码：${r.password}` : '演示数据已存在，未重复写入');
      await ctx.handle.close();
      return 0;
    }
    case 'create-admins': {
      const { values } = parseArgs({ args: rest, options: { reset: { type: 'boolean' } } });
      const ctx = await context();
      const [{ migrateToLatest }, { createAdmins }] = await Promise.all([db(), import('./seed/admins.ts')]);
      await migrateToLatest(ctx.db);
      const created = await createAdmins(ctx, { reset: values.reset });
      if (!created.length) console.log('三员账号已存在；如需重置密码请加 --reset');
      for (const a of created) console.log(`${a.role}  用户名 ${a.username}  一次性密码 ${a.password}`);
      if (created.length) console.log('以上一次性密码只显示这一次，首次登录须修改。');
      await ctx.handle.close();
      return 0;
    }
    case 'backup': {
      const file = rest[0];
      if (!file) {
        console.error('用法: zhongshu backup <文件>');
        return 2;
      }
      const ctx = await context();
      if (ctx.dialect === 'postgres') {
        console.log(`PostgreSQL 请使用：pg_dump --format=custom --file="${file}" "$DATABASE_URL"`);
        console.log(`附件目录 ${ctx.config.filesDir} 请一并备份（如 tar czf files.tgz -C "${ctx.config.filesDir}" .）`);
        await ctx.handle.close();
        return 0;
      }
      await ctx.handle.sqlite!.backup(path.resolve(file));
      console.log(`已备份数据库到 ${path.resolve(file)}；附件目录 ${ctx.config.filesDir} 请一并备份。`);
      await ctx.handle.close();
      return 0;
    }
    case 'restore': {
      const file = rest[0];
      if (!file || !fs.existsSync(file)) {
        console.error('用法: zhongshu restore <备份文件>（文件须存在）');
        return 2;
      }
      const config = loadConfig();
      if (config.databaseUrl) {
        console.log(`PostgreSQL 请使用：pg_restore --clean --if-exists --dbname="$DATABASE_URL" "${file}"`);
        return 0;
      }
      // Check the backup really is a Zhongshu database before replacing anything.
      const { isZhongshuSqliteFile } = await db();
      if (!isZhongshuSqliteFile(path.resolve(file))) {
        console.error('该文件不是中枢的数据库备份，未做任何更改');
        return 1;
      }
      const target = path.join(config.dataDir, 'zhongshu.db');
      fs.mkdirSync(config.dataDir, { recursive: true });
      for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
      fs.copyFileSync(file, target);
      console.log(`已从 ${file} 恢复数据库到 ${target}。请确认服务已停止后再启动。`);
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') {
        console.error('用法: zhongshu audit verify');
        return 2;
      }
      const ctx = await context();
      const { verifyAuditChain } = await import('./modules/audit/audit.service.ts');
      const r = await verifyAuditChain(ctx);
      await ctx.handle.close();
      if (r.ok) {
        console.log(`OK 审计日志哈希链完整，共 ${r.rows} 条`);
        return 0;
      }
      console.log(`BROKEN 第 ${r.brokenAt} 条：${r.reason}`);
      return 1;
    }
    case 'gongwen': {
      const mod = await import('./cli/gongwen.ts');
      return mod.runGongwenCli(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`未知命令：${command}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);

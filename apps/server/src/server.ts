import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, openDatabase, refreshPlannerStatistics, users } from '@zhongshu/db';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { createContext, type AppContext } from './context.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { adminsExist, createAdmins } from './seed/admins.ts';
import { seedDemo } from './seed/demo.ts';

export const DEMO_FILE = 'demo-accounts.txt';

/** Refuses production settings that would weaken security; returns the reasons (Chinese). */
export async function productionProblems(ctx: AppContext): Promise<string[]> {
  const problems: string[] = [];
  if (await users.hasDemoUsers(ctx.db)) problems.push('数据库中存在演示账号。生产环境请使用新的数据目录或数据库，不要在演示数据上运行。');
  if (ctx.config.sessionIdleMinutes > 30) problems.push(`会话空闲超时为${ctx.config.sessionIdleMinutes}分钟，生产环境不得超过30分钟（ZHONGSHU_SESSION_IDLE_MINUTES）。`);
  if (ctx.config.databaseUrl && /^postgres(ql)?:\/\/[^:@/]+@/.test(ctx.config.databaseUrl)) problems.push('DATABASE_URL 未设置数据库密码。');
  return problems;
}

/** Opens the database, migrates, seeds what a first start needs, and serves API and web on one port. */
export async function startServer(config: Config, log: (s: string) => void = console.log, now?: () => Date) {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // `now` lets the browser tests move the server's clock past a deadline; the CLI never passes it.
  const ctx = createContext(handle, config, now);
  await migrateToLatest(ctx.db);
  refreshPlannerStatistics(handle);

  if (config.production) {
    const problems = await productionProblems(ctx);
    if (problems.length) {
      await handle.close();
      throw new Error(`生产模式拒绝启动：\n- ${problems.join('\n- ')}`);
    }
  } else {
    const demo = await seedDemo(ctx);
    if (demo.created && demo.password) {
      const file = path.join(config.dataDir, DEMO_FILE);
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, `演示账号（仅供演示，切勿用于生产）\n用户名见 README；统一密码：${demo.password}\n`, { mode: 0o600 });
      log(`已创建演示单位和演示账号（仅供演示）。演示账号统一密码：${demo.password}（已保存到 ${file}）`);
    }
  }
  if (!(await adminsExist(ctx))) {
    const created = await createAdmins(ctx);
    log('已创建三员账号，以下一次性密码只显示这一次，首次登录须修改：');
    for (const a of created) log(`  ${a.role}  用户名 ${a.username}  一次性密码 ${a.password}`);
  }

  const app = await buildApp(ctx);
  const scheduler = new Scheduler(ctx);
  if (config.scheduler) scheduler.start();
  await app.listen({ port: config.port, host: config.host });
  log(`中枢已启动：http://localhost:${config.port}  数据库：${ctx.dialect === 'sqlite' ? handle.sqlitePath : 'PostgreSQL'}  接口文档：/api/docs`);

  const close = async () => {
    await scheduler.stop();
    await app.close();
    await handle.close();
  };
  return { app, ctx, close };
}

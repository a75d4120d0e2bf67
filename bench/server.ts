/**
 * The server under test, in its own process so that autocannon (in the parent) does not share
 * its event loop: the real buildApp on the generated database, logger silent, scheduler off,
 * on a loopback port. Talks to the parent over IPC: sends { port }, answers 'rss', obeys 'stop'.
 */
import { openDatabase, refreshPlannerStatistics } from '@zhongshu/db';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/context.ts';
import { buildApp } from '../apps/server/src/app.ts';

const dataDir = process.env.ZHONGSHU_DATA_DIR;
if (!dataDir || !process.send) throw new Error('bench/server.ts is started by bench/run.ts');

const config = loadConfig({ ZHONGSHU_DATA_DIR: dataDir } as NodeJS.ProcessEnv, { logLevel: 'silent', scheduler: false, host: '127.0.0.1', port: 0 });
const handle = openDatabase({ databaseUrl: null, dataDir });
// As startServer does: the planner needs statistics on a database this size.
refreshPlannerStatistics(handle);
const ctx = createContext(handle, config);
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');

process.on('message', async (msg: unknown) => {
  if (msg === 'rss') process.send!({ rss: process.memoryUsage().rss });
  if (msg === 'stop') {
    await app.close();
    await handle.close();
    process.exit(0);
  }
});
process.send({ port: address.port });

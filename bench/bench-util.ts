/**
 * What every bench script shares: the server in a child process (as `npm start` runs it, with its own
 * event loop), percentiles and rounding.
 */
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface Server {
  child: ChildProcess;
  port: number;
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

export function startServer(dataDir: string): Promise<Server> {
  const execArgv = ['--import', 'tsx'];
  if (env.BENCH_PROFILE) execArgv.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(env.BENCH_PROFILE)}`);
  const child = fork(path.join(here, 'server.ts'), [], { execArgv, env: { ...env, ZHONGSHU_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: any) => {
        if (m && key in m) {
          child.off('message', on);
          resolve(m[key]);
        }
      };
      child.on('message', on);
      child.send(msg);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening`)));
    child.once('message', (m: any) => {
      child.removeAllListeners('exit');
      resolve({
        child,
        port: m.port,
        rssMb: async () => round((await ask<number>('rss', 'rss')) / 1048576, 0),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

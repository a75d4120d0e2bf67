#!/usr/bin/env node
/**
 * `npm start`: builds the web app when it is missing or older than its sources, then starts the
 * server (API and web on one port). Extra arguments go to `zhongshu start`, e.g. `npm start -- --production`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildWebIfStale();
process.argv = [process.argv[0], path.join(root, 'apps/server/bin/zhongshu.mjs'), 'start', ...process.argv.slice(2)];
await import(path.join(root, 'apps/server/bin/zhongshu.mjs'));

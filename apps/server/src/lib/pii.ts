/**
 * Personal data at rest (等保, 个人信息保护法): identity numbers and phones are encrypted with SM4-CBC and
 * found again through a keyed hash (HMAC-SM3), so the database alone reveals neither. The key lives outside
 * the database: `ZHONGSHU_PII_KEY` (96 hex characters, the same on every node of a cluster), else a file
 * `pii.key` in the data directory, created with a random key on first use and readable by its owner only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

interface PiiKeys {
  sm4: Buffer;
  hmac: Buffer;
}

const cache = new Map<string, PiiKeys>();

function keysOf(config: Config): PiiKeys {
  const hit = cache.get(config.dataDir);
  if (hit) return hit;
  let raw: Buffer;
  const fromEnv = process.env.ZHONGSHU_PII_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{96}$/.test(fromEnv)) throw new Error('ZHONGSHU_PII_KEY must be 96 hexadecimal characters (48 bytes)');
    raw = Buffer.from(fromEnv, 'hex');
  } else {
    const file = path.join(config.dataDir, 'pii.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      // 'wx' fails if another process created it first; then that process's key is the one.
      try {
        fs.writeFileSync(file, randomBytes(48).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    raw = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  }
  const keys = { sm4: raw.subarray(0, 16), hmac: raw.subarray(16, 48) };
  cache.set(config.dataDir, keys);
  return keys;
}

/** base64(iv ‖ SM4-CBC ciphertext). */
export function encryptPii(config: Config, plain: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', keysOf(config).sm4, iv);
  return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
}

export function decryptPii(config: Config, stored: string): string {
  const buf = Buffer.from(stored, 'base64');
  const d = createDecipheriv('sm4-cbc', keysOf(config).sm4, buf.subarray(0, 16));
  return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8');
}

/** HMAC-SM3 of the normalised value: equal values give equal hashes, and nobody without the key can test a guess. */
export function piiHash(config: Config, normalised: string): string {
  return createHmac('sm3', keysOf(config).hmac).update(normalised, 'utf8').digest('hex');
}

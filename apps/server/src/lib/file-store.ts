import fs from 'node:fs';
import path from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';

/** Files on disk under the data directory, named by a random key so user-supplied names never touch paths. */
export class FileStore {
  constructor(readonly root: string) {}

  pathOf(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  /**
   * Streams an upload to disk, fsyncs it (so an acknowledged upload survives a crash) and returns its
   * key, size and SHA-256. Throws `TooLarge` (and removes the partial file) past `maxBytes`.
   */
  async save(stream: Readable, maxBytes: number): Promise<{ key: string; size: number; sha256: string }> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new TooLarge());
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const out = fs.createWriteStream(target, { flags: 'wx' });
    try {
      await pipeline(stream, meter, out);
      const fd = await fs.promises.open(target, 'r');
      await fd.sync();
      await fd.close();
    } catch (e) {
      await fs.promises.rm(target, { force: true });
      throw e;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  read(key: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(key));
  }
}

export class TooLarge extends Error {
  constructor() {
    super('file too large');
  }
}

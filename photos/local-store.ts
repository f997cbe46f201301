import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, type PhotoStore } from './store-contract';

/**
 * Photos as files under one folder (`<dataDir>/photos/<jobId>/<photoId>.jpg` by default). A put
 * writes a temporary file beside the target, fsyncs it, renames it into place and fsyncs the
 * folder: after a crash the key holds the whole old photo or the whole new one, never a part,
 * and a put that resolved is on the disk.
 */
export class LocalPhotoStore implements PhotoStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `local disk, ${root}`;
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    await fs.promises.mkdir(dir, { recursive: true });
    const temporary = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await pipeline(body, fs.createWriteStream(temporary, { flags: 'wx', mode: 0o640 }));
      // fsync reaches the file's data through any descriptor of it.
      await syncFile(temporary);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
    await fs.promises.rename(temporary, target);
    await syncDirectory(dir);
  }

  async get(key: string): Promise<{ body: Readable; size: number } | undefined> {
    let file: fs.promises.FileHandle;
    try {
      file = await fs.promises.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // The size and the bytes of one and the same file, even if a put replaces it meanwhile.
    const { size } = await file.stat();
    return { body: file.createReadStream(), size };
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.root, checkKey(key));
  }
}

/** The rename is durable only once the folder holding it is written out. */
const syncDirectory = syncFile;

async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

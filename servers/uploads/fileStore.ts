/**
 * NODE ONLY (fs). The browser must never import this file.
 *
 * Layout in the data folder: `<id>.bin` (the bytes, appended as they arrive) and `<id>.json` (the
 * record, replaced atomically by write-to-temp + rename). The offset is the size of `<id>.bin`, so
 * after a crash it matches the bytes on disk by construction. A `pendingFrom` journal mark (written
 * before a checksummed PATCH) keeps unverified bytes out of the offset; `repair` (at recovery, or
 * under the upload's lock) truncates them.
 *
 * Paths come only from ids that passed the hex allowlist, and are re-checked to stay inside the folder.
 */
import { promises as fs, createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Appender, StoredUpload, UploadRecord, UploadStore } from '../../simulations/upload/server/store';
import { UPLOAD_ID } from '../../simulations/upload/server/protocol';

/** Small writes are gathered up to this size before hitting the disk (bounded, never a whole body). */
const WRITE_BATCH_BYTES = 1024 * 1024;

export class FileStore implements UploadStore {
  readonly kind = 'file' as const;
  readonly directory: string;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  async init(): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
  }

  async create(record: UploadRecord): Promise<void> {
    const fh = await fs.open(this.dataPath(record.id), 'wx');
    await fh.close();
    await this.writeRecord(record);
  }

  async get(id: string): Promise<StoredUpload | undefined> {
    const record = await this.readRecord(id);
    if (!record) return undefined;
    const size = await this.dataSize(id);
    return { record, offset: record.pendingFrom === null ? size : Math.min(size, record.pendingFrom) };
  }

  async repair(id: string): Promise<void> {
    const record = await this.readRecord(id);
    if (!record || record.pendingFrom === null) return;
    await this.truncate(id, record.pendingFrom);
    await this.writeRecord({ ...record, pendingFrom: null });
  }

  private async readRecord(id: string): Promise<UploadRecord | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.recordPath(id), 'utf8')) as UploadRecord;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async update(record: UploadRecord): Promise<void> {
    await this.writeRecord(record);
  }

  async openAppender(id: string): Promise<Appender> {
    const fh: FileHandle = await fs.open(this.dataPath(id), 'a');
    // Small network chunks are copied into one reusable buffer and written when it is full, so the
    // request's own buffers die young and a write costs one syscall per WRITE_BATCH_BYTES.
    const batch = Buffer.allocUnsafe(WRITE_BATCH_BYTES);
    let filled = 0;
    let closed = false;
    const flush = async () => {
      let at = 0;
      while (at < filled) at += (await fh.write(batch, at, filled - at)).bytesWritten;
      filled = 0;
    };
    return {
      write: async (chunk) => {
        if (closed) throw new Error('appender closed');
        let at = 0;
        while (at < chunk.length) {
          const n = Math.min(chunk.length - at, WRITE_BATCH_BYTES - filled);
          batch.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === WRITE_BATCH_BYTES) await flush();
        }
      },
      close: async () => {
        if (closed) return this.dataSize(id);
        closed = true;
        try {
          await flush();
          return (await fh.stat()).size;
        } finally {
          await fh.close();
        }
      },
    };
  }

  async freeBytes(): Promise<number | null> {
    try {
      const s = await fs.statfs(this.directory);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  }

  async truncate(id: string, size: number): Promise<void> {
    try {
      await fs.truncate(this.dataPath(id), size);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async removeData(id: string): Promise<void> {
    await fs.rm(this.dataPath(id), { force: true });
  }

  async remove(id: string): Promise<void> {
    await fs.rm(this.recordPath(id), { force: true });
    await fs.rm(this.dataPath(id), { force: true });
  }

  async list(): Promise<string[]> {
    const names = await fs.readdir(this.directory);
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => UPLOAD_ID.test(id))
      .sort();
  }

  async sha256(id: string): Promise<string> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.dataPath(id))) hash.update(chunk as Buffer);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    return hash.digest('hex');
  }

  dataPath(id: string): string {
    return this.safePath(id, '.bin');
  }

  private recordPath(id: string): string {
    return this.safePath(id, '.json');
  }

  private async dataSize(id: string): Promise<number> {
    try {
      return (await fs.stat(this.dataPath(id))).size;
    } catch (e) {
      if (isNotFound(e)) return 0;
      throw e;
    }
  }

  private async writeRecord(record: UploadRecord): Promise<void> {
    const target = this.recordPath(record.id);
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(record));
    await fs.rename(tmp, target);
  }

  private safePath(id: string, ext: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error('invalid upload id');
    const p = path.join(this.directory, id + ext);
    if (path.dirname(p) !== this.directory) throw new Error('path escapes the upload folder');
    return p;
  }
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

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
 *
 * A record that cannot be parsed (a truncated `{"id":`) throws `DamagedRecord` for that id only. A
 * record temp file is removed when its write fails, and `init` removes strays (`*.tmp`) a crash left.
 * `capacityBytes` caps the folder (data + records), like a small volume: a write past it fails with
 * ENOSPC, keeping the part that fit (the hostile tests' disk, or an operator's cap).
 */
import { promises as fs, createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { DamagedRecord, type Appender, type StoredUpload, type UploadRecord, type UploadStore } from '../../simulations/upload/server/store';
import { UPLOAD_ID } from '../../simulations/upload/server/protocol';

/** Small writes are gathered up to this size before hitting the disk (bounded, never a whole body). */
const WRITE_BATCH_BYTES = 1024 * 1024;

export interface FileStoreOptions {
  /** cap on the folder's bytes (data + records): writes past it fail with ENOSPC. Default: none. */
  capacityBytes?: number;
  /**
   * false: `freeBytes` answers null, as if the volume could not tell, or someone else fills it
   * behind the server's back (tests of ENOSPC mid-write). Default true.
   */
  reportsFreeSpace?: boolean;
}

export class FileStore implements UploadStore {
  readonly kind = 'file' as const;
  /** a record (metadata up to 4 KiB) twice, while the temp copy and the old one both exist */
  readonly recordBytes = 16 * 1024;
  readonly directory: string;
  readonly capacityBytes: number;
  /** bytes in the folder (data + records), kept only when a capacity is set */
  private used = 0;
  /** temp files removed by the last `init` */
  straysRemoved = 0;

  private readonly reportsFreeSpace: boolean;

  constructor(directory: string, options: FileStoreOptions = {}) {
    this.directory = path.resolve(directory);
    this.capacityBytes = options.capacityBytes ?? Infinity;
    this.reportsFreeSpace = options.reportsFreeSpace ?? true;
  }

  /** Create the folder, remove stray temp files (a crash mid-write), measure usage under a capacity. */
  async init(): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    this.straysRemoved = 0;
    this.used = 0;
    for (const name of await fs.readdir(this.directory)) {
      const p = path.join(this.directory, name);
      if (name.endsWith('.tmp')) {
        await fs.rm(p, { force: true });
        this.straysRemoved++;
      } else if (this.capacityBytes !== Infinity) {
        this.used += await sizeOf(p);
      }
    }
  }

  /** Bytes in the folder as the capacity sees them (tests). */
  usedBytes(): number {
    return this.used;
  }

  /** Take `n` bytes of the capacity; returns how many fit (all of them without a capacity). */
  private claim(n: number): number {
    if (this.capacityBytes === Infinity) return n;
    const fits = Math.max(0, Math.min(n, this.capacityBytes - this.used));
    this.used += fits;
    return fits;
  }

  private unclaim(n: number): void {
    if (this.capacityBytes !== Infinity) this.used = Math.max(0, this.used - n);
  }

  async create(record: UploadRecord): Promise<void> {
    const fh = await fs.open(this.dataPath(record.id), 'wx');
    await fh.close();
    try {
      await this.writeRecord(record);
    } catch (e) {
      await fs.rm(this.dataPath(record.id), { force: true }).catch(() => undefined);
      throw e;
    }
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
    let text: string;
    try {
      text = await fs.readFile(this.recordPath(id), 'utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      const code = (e as { code?: string }).code;
      // EMFILE, ENOMEM…: the server's trouble, not this record's
      if (code === 'EISDIR' || code === 'EIO' || code === 'EACCES' || code === 'EPERM') throw new DamagedRecord(id, code);
      throw e;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      throw new DamagedRecord(id, `not JSON (${text.length} bytes)`);
    }
    if (!isRecord(record, id)) throw new DamagedRecord(id, 'not an upload record');
    return record;
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
    let full = false;
    const flush = async () => {
      let at = 0;
      while (at < filled) at += (await fh.write(batch, at, filled - at)).bytesWritten;
      filled = 0;
    };
    return {
      buffered: () => filled,
      write: async (chunk) => {
        if (closed) throw new Error('appender closed');
        if (full) throw noSpace();
        const fits = this.claim(chunk.length);
        if (fits < chunk.length) {
          full = true;
          chunk = chunk.subarray(0, fits);
        }
        let at = 0;
        while (at < chunk.length) {
          const n = Math.min(chunk.length - at, WRITE_BATCH_BYTES - filled);
          batch.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === WRITE_BATCH_BYTES) await flush();
        }
        if (full) throw noSpace();
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
    if (!this.reportsFreeSpace) return null;
    return this.actualFreeBytes();
  }

  /** Free bytes whatever `reportsFreeSpace` says (tests watch the reserve with it). */
  async actualFreeBytes(): Promise<number | null> {
    let free: number | null;
    try {
      const s = await fs.statfs(this.directory);
      free = s.bavail * s.bsize;
    } catch {
      free = null;
    }
    if (this.capacityBytes === Infinity) return free;
    const left = Math.max(0, this.capacityBytes - this.used);
    return free === null ? left : Math.min(free, left);
  }

  async truncate(id: string, size: number): Promise<void> {
    const before = await this.dataSize(id);
    try {
      await fs.truncate(this.dataPath(id), size);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (before > size) this.unclaim(before - size);
  }

  async removeData(id: string): Promise<void> {
    await this.removeFile(this.dataPath(id));
  }

  /** Everything about the upload, including a record temp file a failed write might have left. */
  async remove(id: string): Promise<void> {
    await this.removeFile(this.recordPath(id));
    await this.removeFile(this.dataPath(id));
    const prefix = `${id}.json.`;
    for (const name of await fs.readdir(this.directory)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await fs.rm(path.join(this.directory, name), { force: true });
    }
  }

  private async removeFile(p: string): Promise<void> {
    const size = this.capacityBytes === Infinity ? 0 : await sizeOf(p);
    await fs.rm(p, { force: true });
    this.unclaim(size);
  }

  /** Stray temp files in the folder now (tests: none may outlive a failed write). */
  async strays(): Promise<string[]> {
    return (await fs.readdir(this.directory)).filter((n) => n.endsWith('.tmp'));
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

  /** Write-to-temp + rename. The temp file never outlives a failed write (ENOSPC left zero-byte ones). */
  private async writeRecord(record: UploadRecord): Promise<void> {
    const target = this.recordPath(record.id);
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const text = Buffer.from(JSON.stringify(record));
    const old = this.capacityBytes === Infinity ? 0 : await sizeOf(target);
    let claimed = 0;
    try {
      const fh = await fs.open(tmp, 'wx');
      try {
        claimed = this.claim(text.length);
        if (claimed < text.length) throw noSpace();
        await fh.writeFile(text);
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, target);
      this.unclaim(old);
    } catch (e) {
      this.unclaim(claimed);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  private safePath(id: string, ext: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error('invalid upload id');
    const p = path.join(this.directory, id + ext);
    if (path.dirname(p) !== this.directory) throw new Error('path escapes the upload folder');
    return p;
  }
}

function noSpace(): Error {
  return Object.assign(new Error('ENOSPC: no space left on the upload store'), { code: 'ENOSPC' });
}

async function sizeOf(p: string): Promise<number> {
  try {
    return (await fs.stat(p)).size;
  } catch {
    return 0;
  }
}

const STATES = new Set(['open', 'complete', 'expired']);

/** The fields the server relies on, with the right types (a record edited or cut short fails this). */
function isRecord(r: unknown, id: string): r is UploadRecord {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  return (
    o.id === id &&
    typeof o.ownerId === 'string' &&
    (o.videoId === null || typeof o.videoId === 'string') &&
    (o.length === null || count(o.length)) &&
    Array.isArray(o.metadata) &&
    typeof o.createdAt === 'number' &&
    typeof o.expiresAt === 'number' &&
    typeof o.state === 'string' &&
    STATES.has(o.state) &&
    (o.pendingFrom === null || count(o.pendingFrom)) &&
    (o.sha256 === null || typeof o.sha256 === 'string')
  );
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

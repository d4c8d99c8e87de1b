/**
 * In-memory store for the browser simulation and tests. Chunks are kept by reference (the network
 * hands over ownership), so a simulated 64 MiB upload costs 64 MiB once, not twice.
 * Synchronous on purpose: the handler then runs inside one scheduler event (see flow.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Appender, StoredUpload, UploadRecord, UploadStore } from '../store';
import { knownSha256 } from '../knownDigests';

interface Entry {
  record: UploadRecord;
  chunks: Uint8Array[];
  size: number;
}

export class MemoryStore implements UploadStore {
  readonly kind = 'memory' as const;
  private entries = new Map<string, Entry>();

  /** `capacityBytes`: a small volume (tests, disk-full scenarios); writes past it fail like ENOSPC. */
  constructor(private readonly capacityBytes = Infinity) {}

  freeBytes(): number | null {
    return this.capacityBytes === Infinity ? null : Math.max(0, this.capacityBytes - this.totalBytes());
  }

  create(record: UploadRecord): void {
    if (this.entries.has(record.id)) throw new Error(`upload ${record.id} exists`);
    this.entries.set(record.id, { record: { ...record }, chunks: [], size: 0 });
  }

  get(id: string): StoredUpload | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const { pendingFrom } = e.record;
    return { record: { ...e.record }, offset: pendingFrom === null ? e.size : Math.min(e.size, pendingFrom) };
  }

  repair(id: string): void {
    const e = this.entries.get(id);
    if (!e || e.record.pendingFrom === null) return;
    this.truncate(id, e.record.pendingFrom);
    e.record = { ...e.record, pendingFrom: null };
  }

  update(record: UploadRecord): void {
    const e = this.must(record.id);
    e.record = { ...record };
  }

  openAppender(id: string): Appender {
    const e = this.must(id);
    let closed = false;
    return {
      write: (chunk) => {
        if (closed) throw new Error('appender closed');
        if (!this.entries.has(id)) throw new Error(`upload ${id} was removed`);
        if (chunk.length === 0) return;
        const free = this.freeBytes();
        const fits = free === null ? chunk.length : Math.min(chunk.length, free);
        if (fits > 0) {
          e.chunks.push(fits === chunk.length ? chunk : chunk.subarray(0, fits));
          e.size += fits;
        }
        if (fits < chunk.length) throw Object.assign(new Error('no space left on the store'), { code: 'ENOSPC' });
      },
      close: () => {
        closed = true;
        return e.size;
      },
    };
  }

  truncate(id: string, size: number): void {
    const e = this.must(id);
    while (e.size > size) {
      const last = e.chunks[e.chunks.length - 1];
      const excess = e.size - size;
      if (last.length <= excess) {
        e.chunks.pop();
        e.size -= last.length;
      } else {
        e.chunks[e.chunks.length - 1] = last.subarray(0, last.length - excess);
        e.size -= excess;
      }
    }
  }

  removeData(id: string): void {
    const e = this.must(id);
    e.chunks = [];
    e.size = 0;
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  list(): string[] {
    return [...this.entries.keys()];
  }

  sha256(id: string): string {
    const chunks = this.must(id).chunks;
    // the simulation's file, stored by reference: its digest is known (knownDigests.ts)
    const known = knownSha256(chunks);
    if (known !== null) return known;
    const h = sha256.create();
    for (const c of chunks) h.update(c);
    return bytesToHex(h.digest());
  }

  /** Test/simulation helper: the stored bytes, concatenated. */
  bytes(id: string): Uint8Array {
    const e = this.must(id);
    const out = new Uint8Array(e.size);
    let at = 0;
    for (const c of e.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  /** Total data bytes held (for the simulation's storage gauge). */
  totalBytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  private must(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`unknown upload ${id}`);
    return e;
  }
}

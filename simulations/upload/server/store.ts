/**
 * Storage behind the tus handler. Two implementations: stores/memoryStore.ts (browser simulation,
 * tests) and servers/uploads/fileStore.ts (Node only, the real server).
 *
 * Invariants every store keeps:
 * - the committed offset IS the number of data bytes stored (no separate counter that can drift),
 *   so after a crash the offset always matches the bytes on disk;
 * - `pendingFrom` is a journal mark written before a PATCH whose bytes may have to be rolled back
 *   (checksum); while it is set, `get` reports the offset as `pendingFrom` (unverified bytes never
 *   count) and `repair` cuts the data back to it;
 * - ids reaching a store have passed the UPLOAD_ID allowlist; stores never see metadata in paths.
 */
import type { Step } from './flow';
import type { Metadata } from './protocol';

export type UploadState = 'open' | 'complete' | 'expired';

export interface UploadRecord {
  id: string;
  /** From the authenticated session, never from client metadata. */
  ownerId: string;
  videoId: string | null;
  /** null while the length is deferred */
  length: number | null;
  metadata: Metadata;
  createdAt: number;
  /** open uploads: when they expire; complete: when they are swept; expired: when the tombstone goes */
  expiresAt: number;
  state: UploadState;
  pendingFrom: number | null;
  /** hex SHA-256 of the stored bytes, filled in once computed for a complete upload */
  sha256: string | null;
  /** the client address that created it (per-address limits after a restart); absent when unknown */
  client?: string | null;
}

export interface StoredUpload {
  record: UploadRecord;
  offset: number;
}

export interface Appender {
  /** Append at the end of the data. The chunk is owned by the store afterwards. */
  write(chunk: Uint8Array): Step<void>;
  /** Flush and release; returns the committed offset (= stored bytes). */
  close(): Step<number>;
  /** Bytes taken by `write` but not yet on the medium (a write batch); 0 or absent when writes go straight through. */
  buffered?(): number;
}

export interface UploadStore {
  readonly kind: 'memory' | 'file';
  create(record: UploadRecord): Step<void>;
  /**
   * Record + offset; undefined if unknown. Read-only: with a journal mark set, the offset is the mark.
   * LOUD: never repair here. Lookups read uploads without their lock, while a checksummed PATCH may
   * be streaming; cutting the data under that writer corrupted uploads (tests/unit/upload/core.test.ts).
   */
  get(id: string): Step<StoredUpload | undefined>;
  /**
   * Apply a leftover journal mark (crash or failed store write mid-PATCH): cut the data back to it
   * and clear it. Only when nobody writes to the upload: under its lock, or at recovery.
   */
  repair(id: string): Step<void>;
  /** Replace the record (metadata file written atomically by the file store). */
  update(record: UploadRecord): Step<void>;
  openAppender(id: string): Step<Appender>;
  /** Cut the data back to `size` bytes (rollback). */
  truncate(id: string, size: number): Step<void>;
  /** Delete the data bytes but keep the record (tombstone of an expired upload). */
  removeData(id: string): Step<void>;
  /** Delete everything about the upload. */
  remove(id: string): Step<void>;
  list(): Step<string[]>;
  /** Hex SHA-256 of the stored bytes, streamed (never loads the whole upload). */
  sha256(id: string): Step<string>;
  /**
   * Room one record write can take beside the data (a file store writes a temp copy, then renames):
   * every PATCH and creation reserves it with its bytes. 0 or absent when records cost no space.
   */
  readonly recordBytes?: number;
  /** Bytes still free where the data goes (the volume for files); null when unknown. */
  freeBytes?(): Step<number | null>;
}

/** What a store throws when it has no room left (like ENOSPC/EDQUOT from a file system). */
export function isOutOfSpace(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * A store throws this when an upload's record exists but cannot be read (truncated or corrupt JSON,
 * an I/O error on that one file). It damages only that upload: the server logs it with the id and
 * answers 410 for it, and everything else keeps working.
 */
export class DamagedRecord extends Error {
  readonly code = 'EDAMAGED';
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`upload ${id}: record cannot be read (${reason})`);
    this.name = 'DamagedRecord';
  }
}

export function isDamagedRecord(e: unknown): e is DamagedRecord {
  return e instanceof DamagedRecord || (e as { code?: unknown } | null)?.code === 'EDAMAGED';
}

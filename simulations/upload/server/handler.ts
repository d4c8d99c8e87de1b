/**
 * A framework-independent tus 1.0.0 server: core + creation, creation-with-upload,
 * creation-defer-length, expiration, checksum (sha1, sha256) and termination, plus two small JSON
 * endpoints of our own (GET the collection: session / (videoId, user) lookup; GET an upload: info and
 * the server's SHA-256 for verification).
 *
 * Input: method, URL path, lower-cased headers, the authenticated user id, and a pull reader over
 * the streamed body. Output: status, headers, optional text body. The same instance type serves the
 * real Node/Next server (file store, wall clock) and the browser simulation (memory store, virtual
 * clock): see flow.ts for why the request logic is written as coroutines.
 */
import { Future, run, toFuture, wait, isPromiseLike, type Coroutine, type Step } from './flow';
import type { ServerClock, TimerHandle } from './clock';
import { isOutOfSpace, type StoredUpload, type UploadRecord, type UploadStore } from './store';
import { UploadLocks, LockTimeout, type Release } from './locks';
import { UploadIndex } from './uploadIndex';
import { ConnectionLost, EMPTY_BODY, type BodyReader } from './body';
import { createHash, equalBytes } from './checksum';
import {
  CHECKSUM_ALGORITHMS,
  EXTENSIONS,
  OFFSET_CONTENT_TYPE,
  STATUS_CHECKSUM_MISMATCH,
  TUS_VERSION,
  UPLOAD_ID,
  VIDEO_ID,
  formatMetadata,
  httpDate,
  mediaType,
  parseByteCount,
  parseChecksum,
  parseMetadata,
  sanitizeForDisplay,
  uploadIdFromBytes,
  type ChecksumRequest,
} from './protocol';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;

export interface TusServerOptions {
  store: UploadStore;
  clock: ServerClock;
  /** crypto.getRandomValues in the real server, the seeded rng in the simulation */
  randomBytes: (n: number) => Uint8Array;
  basePath?: string;
  /** Tus-Max-Size: largest whole upload, enforced on bytes actually written. Default 4 GiB. */
  maxSize?: number;
  /** Sliding expiry: an open upload expires this long after its last progress. Default 24 h. */
  expireAfterMs?: number;
  /** Hard cap on an open upload's life, from creation (GCS uses one week). Default 7 days. */
  maxLifetimeMs?: number;
  /** Completed uploads are swept this long after completion. Default 24 h. */
  completedRetentionMs?: number;
  /** Expired uploads answer 410 (tombstone) for this long, then 404. Default 7 days. */
  tombstoneRetentionMs?: number;
  /** Per user: sum of lengths of open uploads (deferred: bytes stored) and number of open uploads. */
  quota?: { bytesPerUser: number; openUploadsPerUser: number };
  /** A PATCH that delivers nothing for this long is cut (half-open connections). Default 30 s. */
  idleReadTimeoutMs?: number;
  /** Slow-trickle guard: after `graceMs`, average body rate must stay above this. */
  minRate?: { bytesPerSecond: number; graceMs: number };
  /** How long a request waits for the lock after asking the holder to stop. Default 3 s. */
  lockWaitMs?: number;
  /**
   * Room always left free on the store's volume: a POST or PATCH whose bytes would eat into it gets
   * 507 before any byte is read. Default 256 MiB. Only for stores that know their free space.
   */
  minFreeBytes?: number;
  onEvent?: (event: ServerEvent) => void;
}

export interface TusRequest {
  method: string;
  /** path plus optional query string, e.g. /api/uploads/0f…?x=1 (no scheme/host) */
  url: string;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  /** from the session; null = anonymous without a session (owns nothing) */
  userId: string | null;
  body?: BodyReader;
}

export interface TusResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** false when the handler answered without reading the whole body: the adapter must close the connection */
  bodyConsumed: boolean;
}

export type PatchOutcome = 'ok' | 'connection-lost' | 'idle-timeout' | 'too-slow' | 'interrupted' | 'checksum-mismatch' | 'too-large' | 'out-of-space' | 'store-error';

export type ServerEvent =
  | { type: 'server.created'; id: string; ownerId: string; videoId: string | null; length: number | null }
  | { type: 'server.append'; id: string; from: number; to: number; received: number; outcome: PatchOutcome; status: number }
  | { type: 'server.rejected'; method: string; status: number; reason: string }
  | { type: 'server.takeover'; id: string }
  | { type: 'server.completed'; id: string; length: number }
  | { type: 'server.expired'; id: string; offset: number }
  | { type: 'server.deleted'; id: string }
  | { type: 'server.swept'; expired: number; removed: number };

class Interrupted extends Error {
  constructor(readonly reason: 'takeover' | 'shutdown') {
    super(`request interrupted (${reason})`);
  }
}
class IdleTimeout extends Error {}
class TooSlow extends Error {}
/** The store failed to take bytes (disk full, I/O error), as opposed to the connection failing. */
class StoreFailure extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}
const NO_SPACE = 'not enough free space on the server for this upload; try again later';
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface RequestControl {
  interrupted: Interrupted | null;
  /**
   * The read in progress, if any: an interrupt rejects it.
   * LOUD: keep this a plain reference, never a per-read closure. `control` lives as long as the PATCH
   * and so ends up in V8's old space; a fresh closure stored here on every read made the 64 KiB body
   * chunks outlive young-generation GCs until the next full GC (1 GiB upload: 66-73 MiB RSS growth,
   * 35-39 MiB with the plain reference; see bench/upload.ts).
   */
  pendingRead: Future<Uint8Array | null> | null;
}

export interface SweepReport {
  expired: number;
  removed: number;
}

export class TusServer {
  readonly basePath: string;
  readonly maxSize: number;
  private readonly store: UploadStore;
  private readonly clock: ServerClock;
  private readonly locks: UploadLocks;
  readonly index = new UploadIndex();
  /** owner → (upload id → reserved bytes) for open uploads */
  private readonly reservations = new Map<string, Map<string, number>>();
  private readonly o: Required<Omit<TusServerOptions, 'onEvent' | 'basePath' | 'maxSize'>>;
  private readonly emit: (e: ServerEvent) => void;
  private sweeperTimer: TimerHandle | null = null;

  constructor(options: TusServerOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.basePath = (options.basePath ?? '/api/uploads').replace(/\/+$/, '');
    this.maxSize = options.maxSize ?? 4 * 1024 * MiB;
    this.locks = new UploadLocks(options.clock);
    this.emit = options.onEvent ?? (() => undefined);
    this.o = {
      store: options.store,
      clock: options.clock,
      randomBytes: options.randomBytes,
      expireAfterMs: options.expireAfterMs ?? 24 * HOUR,
      maxLifetimeMs: options.maxLifetimeMs ?? 7 * 24 * HOUR,
      completedRetentionMs: options.completedRetentionMs ?? 24 * HOUR,
      tombstoneRetentionMs: options.tombstoneRetentionMs ?? 7 * 24 * HOUR,
      quota: options.quota ?? { bytesPerUser: 8 * 1024 * MiB, openUploadsPerUser: 10 },
      idleReadTimeoutMs: options.idleReadTimeoutMs ?? 30_000,
      minRate: options.minRate ?? { bytesPerSecond: 1024, graceMs: 20_000 },
      lockWaitMs: options.lockWaitMs ?? 3_000,
      minFreeBytes: options.minFreeBytes ?? 256 * MiB,
    };
  }

  /** Rebuild the index and quota reservations from the store (after a restart). */
  recover(): Future<void> {
    return run(this.recoverCo());
  }

  handle(req: TusRequest): Future<TusResponse> {
    const body = req.body ?? EMPTY_BODY;
    let bodyConsumed = req.body === undefined;
    const tracked: BodyReader = {
      read: () => {
        const step = body.read();
        const note = (v: Uint8Array | null) => {
          if (v === null) bodyConsumed = true;
          return v;
        };
        if (step instanceof Future) {
          const f = new Future<Uint8Array | null>();
          step.onSettle((o) => (o.ok ? f.resolve(note(o.value)) : f.reject(o.error)));
          return f;
        }
        if (isPromiseLike(step)) return Promise.resolve(step).then(note);
        return note(step as Uint8Array | null);
      },
      cancel: (r) => body.cancel(r),
    };
    const out = new Future<TusResponse>();
    run(this.dispatch({ ...req, body: tracked })).onSettle((o) => {
      const res = o.ok ? o.value : this.internalError(req.method, o.error);
      if (!bodyConsumed) body.cancel('response sent');
      out.resolve({ ...res, bodyConsumed });
    });
    return out;
  }

  /** Expire overdue uploads, drop old tombstones and completed uploads, prune the index. */
  sweep(): Future<SweepReport> {
    return run(this.sweepCo());
  }

  /** Periodic sweeper on the injected clock. Returns a stop function. */
  startSweeper(intervalMs: number): () => void {
    const tick = () => {
      this.sweep().onSettle(() => {
        if (this.sweeperTimer !== null) this.sweeperTimer = this.clock.setTimeout(tick, intervalMs);
      });
    };
    this.sweeperTimer = this.clock.setTimeout(tick, intervalMs);
    return () => {
      if (this.sweeperTimer !== null) this.clock.clearTimeout(this.sweeperTimer);
      this.sweeperTimer = null;
    };
  }

  /** Stop sweeping and ask in-flight PATCHes to commit and finish (graceful shutdown). */
  shutdown(): void {
    if (this.sweeperTimer !== null) this.clock.clearTimeout(this.sweeperTimer);
    this.sweeperTimer = null;
    this.locks.interruptAll();
  }

  /** Open uploads of a user (for tests and the simulation's gauges). */
  openUploadsOf(userId: string): number {
    return this.reservations.get(userId)?.size ?? 0;
  }

  uploadUrl(id: string): string {
    return `${this.basePath}/${id}`;
  }

  // ---- routing ---------------------------------------------------------------------------------

  private *dispatch(req: Required<TusRequest>): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const override = req.headers['x-http-method-override'];
    const method = (override ?? req.method).trim().toUpperCase();
    const [path, query = ''] = req.url.split('?', 2);
    const route = this.route(path);
    if (!route) return this.reject(method, 404, 'not found');
    if (method === 'OPTIONS') return this.options();
    if (method === 'GET') {
      return route.id === null ? yield* this.getCollection(req, query) : yield* this.getInfo(req, route.id);
    }
    if (!['POST', 'HEAD', 'PATCH', 'DELETE'].includes(method)) {
      return this.reject(method, 405, `method ${sanitizeForDisplay(method, 20)} not allowed`, { Allow: 'OPTIONS, GET, POST, HEAD, PATCH, DELETE' });
    }
    const version = req.headers['tus-resumable'];
    if (version !== TUS_VERSION) {
      return this.reject(method, 412, version === undefined ? 'Tus-Resumable header missing' : 'unsupported tus version', { 'Tus-Version': TUS_VERSION });
    }
    if (route.id === null) {
      if (method !== 'POST') return this.reject(method, 405, 'use POST to create an upload', { Allow: 'OPTIONS, GET, POST' });
      return yield* this.create(req);
    }
    if (method === 'POST') return this.reject(method, 405, 'POST goes to the collection', { Allow: 'OPTIONS, GET, HEAD, PATCH, DELETE' });
    if (method === 'HEAD') return yield* this.head(req, route.id);
    if (method === 'PATCH') return yield* this.patch(req, route.id);
    return yield* this.terminate(req, route.id);
  }

  /** null → not ours; id null → the collection. Ids must match the hex allowlist exactly (no decoding). */
  private route(path: string): { id: string | null } | null {
    if (path === this.basePath || path === `${this.basePath}/`) return { id: null };
    if (!path.startsWith(`${this.basePath}/`)) return null;
    const rest = path.slice(this.basePath.length + 1);
    return UPLOAD_ID.test(rest) ? { id: rest } : null;
  }

  private options(): Omit<TusResponse, 'bodyConsumed'> {
    return {
      status: 204,
      headers: {
        'Tus-Resumable': TUS_VERSION,
        'Tus-Version': TUS_VERSION,
        'Tus-Extension': EXTENSIONS.join(','),
        'Tus-Max-Size': String(this.maxSize),
        'Tus-Checksum-Algorithm': CHECKSUM_ALGORITHMS.join(','),
      },
    };
  }

  // ---- POST (creation, creation-with-upload, creation-defer-length) ----------------------------

  private *create(req: Required<TusRequest>): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const h = req.headers;
    if (h['upload-concat'] !== undefined) return this.reject('POST', 501, 'the concatenation extension is not supported');
    const lengthText = h['upload-length'];
    const deferText = h['upload-defer-length'];
    if (lengthText !== undefined && deferText !== undefined) return this.reject('POST', 400, 'send Upload-Length or Upload-Defer-Length, not both');
    if (lengthText === undefined && deferText === undefined) return this.reject('POST', 400, 'Upload-Length or Upload-Defer-Length is required');
    if (deferText !== undefined && deferText !== '1') return this.reject('POST', 400, 'Upload-Defer-Length must be 1');
    let length: number | null = null;
    if (lengthText !== undefined) {
      const parsed = parseByteCount('Upload-Length', lengthText);
      if (!parsed.ok) return this.reject('POST', 400, parsed.error);
      length = parsed.value;
      if (length > this.maxSize) return this.reject('POST', 413, `Upload-Length exceeds Tus-Max-Size ${this.maxSize}`);
    }
    const metadata = parseMetadata(h['upload-metadata']);
    if (!metadata.ok) return this.reject('POST', 400, metadata.error);
    const videoEntry = metadata.value.find(([k]) => k === 'videoId');
    const videoId = videoEntry ? videoEntry[1] : null;
    if (videoId !== null && !VIDEO_ID.test(videoId)) return this.reject('POST', 400, 'metadata videoId must be 1-128 characters of A-Z a-z 0-9 _ -');

    const contentType = mediaType(h['content-type']);
    const contentLength = h['content-length'] === undefined ? null : parseByteCount('Content-Length', h['content-length']);
    if (contentLength && !contentLength.ok) return this.reject('POST', 400, contentLength.error);
    const declaredBody = contentLength ? contentLength.value : h['transfer-encoding'] ? null : 0;
    const withUpload = contentType === OFFSET_CONTENT_TYPE;
    if (!withUpload && declaredBody !== 0 && contentType !== undefined) {
      return this.reject('POST', 415, `creation-with-upload needs Content-Type: ${OFFSET_CONTENT_TYPE}`);
    }
    const checksum = parseChecksum(h['upload-checksum']);
    if (!checksum.ok) return this.reject('POST', 400, checksum.error);

    const userId = req.userId;
    if (userId === null) return this.reject('POST', 401, 'no session');
    const now = this.clock.now();

    if (videoId !== null) {
      const existing = yield* this.liveIndexed(videoId, userId, now);
      if (existing && existing.record.state === 'open') {
        return this.reject('POST', 409, 'an unfinished upload of this video exists for you: resume it', {
          Location: this.uploadUrl(existing.record.id),
          'Upload-Offset': String(existing.offset),
        });
      }
    }

    const mine = this.reservations.get(userId);
    const openCount = mine?.size ?? 0;
    if (openCount >= this.o.quota.openUploadsPerUser) return this.reject('POST', 429, `at most ${this.o.quota.openUploadsPerUser} open uploads per user`);
    const reserved = sum(mine);
    if (reserved + (length ?? 0) > this.o.quota.bytesPerUser) return this.reject('POST', 413, 'per-user storage quota exceeded');
    if (withUpload && declaredBody !== null && declaredBody > (length ?? this.maxSize)) {
      return this.reject('POST', 413, 'first chunk is longer than the upload');
    }
    if (!(yield* this.roomFor(length ?? declaredBody ?? 0))) return this.reject('POST', 507, NO_SPACE);

    const id = uploadIdFromBytes(this.o.randomBytes(16));
    const record: UploadRecord = {
      id,
      ownerId: userId,
      videoId,
      length,
      metadata: metadata.value,
      createdAt: now,
      expiresAt: Math.min(now + this.o.maxLifetimeMs, now + this.o.expireAfterMs),
      state: length === 0 ? 'complete' : 'open',
      pendingFrom: null,
      sha256: null,
    };
    if (record.state === 'complete') record.expiresAt = now + this.o.completedRetentionMs;
    yield* wait(this.store.create(record));
    if (record.state === 'open') this.reserve(userId, id, length ?? 0);
    if (videoId !== null) this.index.set(videoId, userId, { uploadId: id, expiresAt: record.expiresAt });
    this.emit({ type: 'server.created', id, ownerId: userId, videoId, length });

    const headers: Record<string, string> = {
      'Tus-Resumable': TUS_VERSION,
      Location: this.uploadUrl(id),
    };
    if (record.state === 'open') headers['Upload-Expires'] = httpDate(record.expiresAt);
    if (!withUpload) return { status: 201, headers };

    const result = yield* this.appendUnderLock(req, id, 0, checksum.value, declaredBody);
    if (result.status === 413 || result.status === STATUS_CHECKSUM_MISMATCH) {
      // The first chunk was bad: leave nothing behind.
      yield* this.forget(id);
      return result;
    }
    headers['Upload-Offset'] = result.headers['Upload-Offset'] ?? '0';
    if (result.headers['Upload-Expires']) headers['Upload-Expires'] = result.headers['Upload-Expires'];
    else delete headers['Upload-Expires'];
    return { status: 201, headers };
  }

  // ---- HEAD ------------------------------------------------------------------------------------

  private *head(req: Required<TusRequest>, id: string): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const found = yield* this.loadOwned(req, id);
    if ('status' in found) return found;
    // Take the lock so a PATCH still streaming commits first: the offset we answer is then final
    // and will be accepted by the client's next PATCH.
    const release = yield* this.lockOrFail('HEAD', id);
    if (typeof release !== 'function') return release;
    try {
      const fresh = yield* this.loadOwned(req, id);
      if ('status' in fresh) return fresh;
      const { record, offset } = fresh;
      const headers: Record<string, string> = {
        'Tus-Resumable': TUS_VERSION,
        'Cache-Control': 'no-store',
        'Upload-Offset': String(offset),
      };
      if (record.length === null) headers['Upload-Defer-Length'] = '1';
      else headers['Upload-Length'] = String(record.length);
      if (record.metadata.length) headers['Upload-Metadata'] = formatMetadata(record.metadata);
      if (record.state === 'open') headers['Upload-Expires'] = httpDate(record.expiresAt);
      return { status: 200, headers };
    } finally {
      release();
    }
  }

  // ---- PATCH -----------------------------------------------------------------------------------

  private *patch(req: Required<TusRequest>, id: string): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const h = req.headers;
    if (mediaType(h['content-type']) !== OFFSET_CONTENT_TYPE) return this.reject('PATCH', 415, `Content-Type must be ${OFFSET_CONTENT_TYPE}`);
    const offset = parseByteCount('Upload-Offset', h['upload-offset']);
    if (!offset.ok) return this.reject('PATCH', 400, offset.error);
    let declaredLength: number | null = null;
    if (h['upload-length'] !== undefined) {
      const parsed = parseByteCount('Upload-Length', h['upload-length']);
      if (!parsed.ok) return this.reject('PATCH', 400, parsed.error);
      declaredLength = parsed.value;
    }
    const checksum = parseChecksum(h['upload-checksum']);
    if (!checksum.ok) return this.reject('PATCH', 400, checksum.error);
    let contentLength: number | null = null;
    if (h['content-length'] !== undefined) {
      const parsed = parseByteCount('Content-Length', h['content-length']);
      if (!parsed.ok) return this.reject('PATCH', 400, parsed.error);
      contentLength = parsed.value;
    }
    const found = yield* this.loadOwned(req, id);
    if ('status' in found) return found;
    return yield* this.appendUnderLock(req, id, offset.value, checksum.value, contentLength, declaredLength);
  }

  /** Lock, re-check the offset under the lock, then stream the body into the store. */
  private *appendUnderLock(
    req: Required<TusRequest>,
    id: string,
    clientOffset: number,
    checksum: ChecksumRequest | null,
    contentLength: number | null,
    declaredLength: number | null = null,
  ): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const control: RequestControl = { interrupted: null, pendingRead: null };
    const holder = {
      interrupt: (reason: 'takeover' | 'shutdown') => {
        if (control.interrupted) return;
        control.interrupted = new Interrupted(reason);
        if (reason === 'takeover') this.emit({ type: 'server.takeover', id });
        control.pendingRead?.reject(control.interrupted);
      },
    };
    let release: Release;
    try {
      release = yield* wait(this.locks.acquire(id, holder, this.o.lockWaitMs));
    } catch (e) {
      if (e instanceof LockTimeout) return this.reject('PATCH', 423, 'upload is locked by another request');
      throw e;
    }
    try {
      // Under the lock nobody else writes: cut back bytes a crashed or failed checksummed PATCH left.
      yield* wait(this.store.repair(id));
      const fresh = yield* this.loadOwned(req, id);
      if ('status' in fresh) return fresh;
      let { record } = fresh;
      const { offset } = fresh;
      if (clientOffset !== offset) {
        return this.reject('PATCH', 409, `Upload-Offset ${clientOffset} does not match the upload's offset`);
      }
      if (declaredLength !== null) {
        if (record.length !== null && record.length !== declaredLength) return this.reject('PATCH', 400, 'Upload-Length cannot change once set');
        if (declaredLength < offset) return this.reject('PATCH', 400, 'Upload-Length is smaller than the bytes already stored');
        if (declaredLength > this.maxSize) return this.reject('PATCH', 413, `Upload-Length exceeds Tus-Max-Size ${this.maxSize}`);
        if (record.length === null) {
          const others = sum(this.reservations.get(record.ownerId)) - (this.reservations.get(record.ownerId)?.get(id) ?? 0);
          if (others + declaredLength > this.o.quota.bytesPerUser) return this.reject('PATCH', 413, 'per-user storage quota exceeded');
          record = { ...record, length: declaredLength };
          yield* wait(this.store.update(record));
          this.reserve(record.ownerId, id, declaredLength);
        }
      }
      const limit = this.byteLimit(record, id);
      if (contentLength !== null && offset + contentLength > limit) {
        return this.reject('PATCH', 413, record.length !== null && offset + contentLength > record.length ? 'body is longer than the rest of the upload' : 'upload would exceed the size limit');
      }
      if (control.interrupted) return this.interruptedResponse(control.interrupted, offset);
      if (!(yield* this.roomFor(contentLength ?? (record.length !== null ? record.length - offset : 0)))) {
        return this.reject('PATCH', 507, NO_SPACE, { 'Upload-Offset': String(offset) });
      }
      return yield* this.streamBody(req.body, control, record, offset, limit, checksum);
    } finally {
      release();
    }
  }

  /** Whether `bytes` more still leave minFreeBytes free (true when the store cannot tell). */
  private *roomFor(bytes: number): Coroutine<boolean> {
    if (!this.store.freeBytes) return true;
    const free = yield* wait(this.store.freeBytes());
    return free === null || free - bytes >= this.o.minFreeBytes;
  }

  private byteLimit(record: UploadRecord, id: string): number {
    if (record.length !== null) return record.length;
    const mine = this.reservations.get(record.ownerId);
    const others = sum(mine) - (mine?.get(id) ?? 0);
    return Math.min(this.maxSize, this.o.quota.bytesPerUser - others);
  }

  private *streamBody(
    body: BodyReader,
    control: RequestControl,
    record: UploadRecord,
    startOffset: number,
    limit: number,
    checksum: ChecksumRequest | null,
  ): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const id = record.id;
    if (checksum) {
      record = { ...record, pendingFrom: startOffset };
      yield* wait(this.store.update(record));
    }
    const hash = checksum ? createHash(checksum.algorithm) : null;
    const appender = yield* wait(this.store.openAppender(id));
    const started = this.clock.now();
    let received = 0;
    let outcome: PatchOutcome = 'ok';
    let failure: unknown = null;
    try {
      for (;;) {
        if (control.interrupted) throw control.interrupted;
        const chunk = yield* wait(this.readWithGuards(body, control));
        if (chunk === null) break;
        if (startOffset + received + chunk.length > limit) throw new HttpError(413, 'body goes past the end of the upload or the size limit');
        hash?.update(chunk);
        try {
          yield* wait(appender.write(chunk));
        } catch (e) {
          throw new StoreFailure(e);
        }
        received += chunk.length;
        const elapsed = this.clock.now() - started;
        if (elapsed >= this.o.minRate.graceMs && (received * 1000) / elapsed < this.o.minRate.bytesPerSecond) throw new TooSlow();
      }
    } catch (e) {
      failure = e;
      outcome =
        e instanceof Interrupted ? 'interrupted'
        : e instanceof IdleTimeout ? 'idle-timeout'
        : e instanceof TooSlow ? 'too-slow'
        : e instanceof HttpError ? 'too-large'
        : e instanceof StoreFailure ? isOutOfSpace(e.reason) ? 'out-of-space' : 'store-error'
        : 'connection-lost';
      if (!(e instanceof ConnectionLost)) body.cancel(e);
    }
    let committed: number;
    try {
      committed = yield* wait(appender.close());
    } catch (e) {
      // the last buffered bytes did not reach the store: what did is the offset (never more)
      if (outcome === 'ok' || outcome === 'connection-lost') {
        failure = e;
        outcome = isOutOfSpace(e) ? 'out-of-space' : 'store-error';
      }
      committed = (yield* wait(this.store.get(id)))?.offset ?? startOffset;
    }
    let rollback = outcome === 'too-large' || (checksum !== null && outcome !== 'ok');
    if (checksum && outcome === 'ok' && !equalBytes(hash!.digest(), checksum.digest)) {
      outcome = 'checksum-mismatch';
      rollback = true;
    }
    if (rollback && committed !== startOffset) {
      yield* wait(this.store.truncate(id, startOffset));
      committed = startOffset;
    }
    const now = this.clock.now();
    const progressed = committed > startOffset;
    if (record.length !== null && committed === record.length) {
      record = { ...record, state: 'complete', expiresAt: now + this.o.completedRetentionMs, pendingFrom: null };
      this.unreserve(record.ownerId, id);
      this.emit({ type: 'server.completed', id, length: committed });
    } else {
      if (progressed) record = { ...record, expiresAt: Math.min(record.createdAt + this.o.maxLifetimeMs, now + this.o.expireAfterMs) };
      record = { ...record, pendingFrom: null };
      if (record.length === null) this.reserve(record.ownerId, id, committed);
    }
    if (checksum || progressed || record.state === 'complete') yield* wait(this.store.update(record));
    if (record.videoId !== null && (progressed || record.state === 'complete')) {
      this.index.set(record.videoId, record.ownerId, { uploadId: id, expiresAt: record.expiresAt });
    }

    const status =
      outcome === 'ok' ? 204
      : outcome === 'checksum-mismatch' ? STATUS_CHECKSUM_MISMATCH
      : outcome === 'too-large' ? 413
      : outcome === 'interrupted' ? (failure as Interrupted).reason === 'takeover' ? 423 : 503
      : outcome === 'idle-timeout' || outcome === 'too-slow' ? 408
      : outcome === 'out-of-space' ? 507
      : outcome === 'store-error' ? 500
      : 400;
    this.emit({ type: 'server.append', id, from: startOffset, to: committed, received, outcome, status });
    const headers: Record<string, string> = { 'Tus-Resumable': TUS_VERSION, 'Upload-Offset': String(committed) };
    if (record.state === 'open') headers['Upload-Expires'] = httpDate(record.expiresAt);
    if (status === 204) return { status, headers };
    const message =
      outcome === 'out-of-space' ? `${NO_SPACE} (bytes up to the offset are kept)`
      : outcome === 'store-error' ? 'the server could not store the bytes (bytes up to the offset are kept)'
      : outcome === 'checksum-mismatch' ? 'checksum mismatch: chunk discarded'
      : outcome === 'too-large' ? (failure as HttpError).message
      : outcome === 'too-slow' ? 'request body too slow'
      : outcome === 'idle-timeout' ? 'no data received for too long'
      : outcome === 'interrupted' ? 'another request took over this upload'
      : 'connection lost';
    if (status === 413 || status === STATUS_CHECKSUM_MISMATCH) delete headers['Upload-Offset'];
    return { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: message };
  }

  /** Next chunk, raced against the idle timeout and a takeover. */
  private readWithGuards(body: BodyReader, control: RequestControl): Step<Uint8Array | null> {
    const step = body.read();
    if (!(step instanceof Future) && !isPromiseLike(step)) return step;
    const source = toFuture(step);
    if (source.settled) return source;
    const out = new Future<Uint8Array | null>();
    const timer = this.clock.setTimeout(() => out.reject(new IdleTimeout()), this.o.idleReadTimeoutMs);
    control.pendingRead = out;
    source.onSettle((o) => (o.ok ? out.resolve(o.value) : out.reject(o.error)));
    out.onSettle(() => {
      this.clock.clearTimeout(timer);
      control.pendingRead = null;
    });
    return out;
  }

  private interruptedResponse(e: Interrupted, offset: number): Omit<TusResponse, 'bodyConsumed'> {
    return {
      status: e.reason === 'takeover' ? 423 : 503,
      headers: { 'Tus-Resumable': TUS_VERSION, 'Upload-Offset': String(offset), 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'another request took over this upload',
    };
  }

  // ---- DELETE (termination) ---------------------------------------------------------------------

  private *terminate(req: Required<TusRequest>, id: string): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const found = yield* this.loadOwned(req, id);
    if ('status' in found) return found;
    const release = yield* this.lockOrFail('DELETE', id);
    if (typeof release !== 'function') return release;
    try {
      const fresh = yield* this.loadOwned(req, id);
      if ('status' in fresh) return fresh;
      yield* this.forget(id);
      this.emit({ type: 'server.deleted', id });
      return { status: 204, headers: { 'Tus-Resumable': TUS_VERSION } };
    } finally {
      release();
    }
  }

  // ---- GET (our JSON endpoints) ----------------------------------------------------------------

  private *getCollection(req: Required<TusRequest>, query: string): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const params = new URLSearchParams(query);
    const videoId = params.get('videoId');
    if (videoId === null) return json(200, { userId: req.userId });
    if (!VIDEO_ID.test(videoId)) return this.reject('GET', 400, 'videoId must be 1-128 characters of A-Z a-z 0-9 _ -');
    if (req.userId === null) return json(404, { error: 'no upload for this video' });
    const found = yield* this.liveIndexed(videoId, req.userId, this.clock.now());
    if (!found) return json(404, { error: 'no upload for this video' });
    const { record, offset } = found;
    return json(200, {
      uploadUrl: this.uploadUrl(record.id),
      state: record.state,
      offset,
      length: record.length,
      expiresAt: record.state === 'open' ? record.expiresAt : null,
    });
  }

  private *getInfo(req: Required<TusRequest>, id: string): Coroutine<Omit<TusResponse, 'bodyConsumed'>> {
    const found = yield* this.loadOwned(req, id);
    if ('status' in found) return found;
    let { record } = found;
    if (record.state === 'complete' && record.sha256 === null) {
      const release = yield* this.lockOrFail('GET', id);
      if (typeof release !== 'function') return release;
      try {
        const digest = yield* wait(this.store.sha256(id));
        record = { ...record, sha256: digest };
        yield* wait(this.store.update(record));
      } finally {
        release();
      }
    }
    return json(200, {
      id,
      state: record.state,
      offset: found.offset,
      length: record.length,
      videoId: record.videoId,
      metadata: Object.fromEntries(record.metadata.map(([k, v]) => [sanitizeForDisplay(k, 64), sanitizeForDisplay(v)])),
      expiresAt: record.state === 'open' ? record.expiresAt : null,
      sha256: record.sha256,
      /** the content hash matches the videoId the client declared (videoId = hex SHA-256) */
      matchesVideoId: record.sha256 !== null && record.videoId !== null ? record.sha256 === record.videoId : null,
    });
  }

  // ---- shared steps ----------------------------------------------------------------------------

  /** Load an upload the requesting user owns; foreign or unknown → 404, expired → 410. */
  private *loadOwned(req: Required<TusRequest>, id: string): Coroutine<StoredUpload | Omit<TusResponse, 'bodyConsumed'>> {
    const method = req.method.toUpperCase();
    const stored = yield* wait(this.store.get(id));
    if (!stored || req.userId === null || stored.record.ownerId !== req.userId) return this.reject(method, 404, 'upload not found');
    if (stored.record.state === 'expired') return this.reject(method, 410, 'upload expired');
    if (stored.record.state === 'open' && stored.record.expiresAt <= this.clock.now()) {
      if (!this.locks.isLocked(id)) yield* this.expire(stored);
      return this.reject(method, 410, 'upload expired');
    }
    return stored;
  }

  private *lockOrFail(method: string, id: string): Coroutine<Release | Omit<TusResponse, 'bodyConsumed'>> {
    try {
      return yield* wait(this.locks.acquire(id, { interrupt: () => undefined }, this.o.lockWaitMs));
    } catch (e) {
      if (e instanceof LockTimeout) return this.reject(method, 423, 'upload is locked by another request');
      throw e;
    }
  }

  private *liveIndexed(videoId: string, userId: string, now: number): Coroutine<StoredUpload | undefined> {
    const entry = this.index.get(videoId, userId, now);
    if (!entry) return undefined;
    const stored = yield* wait(this.store.get(entry.uploadId));
    if (!stored || stored.record.ownerId !== userId || stored.record.state === 'expired') {
      this.index.removeUpload(entry.uploadId);
      return undefined;
    }
    if (stored.record.state === 'open' && stored.record.expiresAt <= now) {
      if (!this.locks.isLocked(entry.uploadId)) yield* this.expire(stored);
      return undefined;
    }
    return stored;
  }

  /** Delete the bytes, keep a tombstone so the id answers 410 for a while. */
  private *expire(stored: StoredUpload): Coroutine<void> {
    const { record, offset } = stored;
    yield* wait(this.store.removeData(record.id));
    yield* wait(this.store.update({ ...record, state: 'expired', expiresAt: this.clock.now() + this.o.tombstoneRetentionMs, pendingFrom: null }));
    this.index.removeUpload(record.id);
    this.unreserve(record.ownerId, record.id);
    this.emit({ type: 'server.expired', id: record.id, offset });
  }

  private *forget(id: string): Coroutine<void> {
    const stored = yield* wait(this.store.get(id));
    if (stored) this.unreserve(stored.record.ownerId, id);
    this.index.removeUpload(id);
    yield* wait(this.store.remove(id));
  }

  private *sweepCo(): Coroutine<SweepReport> {
    const now = this.clock.now();
    let expired = 0;
    let removed = 0;
    const ids = yield* wait(this.store.list());
    for (const id of ids) {
      if (this.locks.isLocked(id)) continue;
      const stored = yield* wait(this.store.get(id));
      if (!stored) continue;
      const { record } = stored;
      if (record.expiresAt > now) continue;
      if (record.state === 'open') {
        yield* this.expire(stored);
        expired++;
      } else {
        yield* this.forget(id);
        removed++;
      }
    }
    this.index.sweep(now);
    if (expired || removed) this.emit({ type: 'server.swept', expired, removed });
    return { expired, removed };
  }

  private *recoverCo(): Coroutine<void> {
    this.reservations.clear();
    const ids = yield* wait(this.store.list());
    for (const id of ids) {
      if (!UPLOAD_ID.test(id)) continue;
      yield* wait(this.store.repair(id));
      const stored = yield* wait(this.store.get(id));
      if (!stored) continue;
      const { record, offset } = stored;
      if (record.state === 'open') this.reserve(record.ownerId, id, record.length ?? offset);
      if (record.state !== 'expired' && record.videoId !== null) {
        const current = this.index.get(record.videoId, record.ownerId, this.clock.now());
        if (!current || record.state === 'open') this.index.set(record.videoId, record.ownerId, { uploadId: id, expiresAt: record.expiresAt });
      }
    }
  }

  private reserve(owner: string, id: string, bytes: number): void {
    let m = this.reservations.get(owner);
    if (!m) this.reservations.set(owner, (m = new Map()));
    m.set(id, bytes);
  }

  private unreserve(owner: string, id: string): void {
    const m = this.reservations.get(owner);
    if (!m) return;
    m.delete(id);
    if (m.size === 0) this.reservations.delete(owner);
  }

  private reject(method: string, status: number, reason: string, extra: Record<string, string> = {}): Omit<TusResponse, 'bodyConsumed'> {
    this.emit({ type: 'server.rejected', method, status, reason });
    return {
      status,
      headers: { 'Tus-Resumable': TUS_VERSION, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
      body: reason,
    };
  }

  private internalError(method: string, error: unknown): Omit<TusResponse, 'bodyConsumed'> {
    return this.reject(method, 500, `internal error: ${sanitizeForDisplay(error instanceof Error ? error.message : String(error))}`);
  }
}

function sum(m: Map<string, number> | undefined): number {
  let n = 0;
  if (m) for (const v of m.values()) n += v;
  return n;
}

function json(status: number, value: unknown): Omit<TusResponse, 'bodyConsumed'> {
  return {
    status,
    headers: { 'Tus-Resumable': TUS_VERSION, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: JSON.stringify(value),
  };
}

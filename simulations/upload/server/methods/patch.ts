/**
 * tus core: PATCH appends a body at the upload's offset, streamed into the store under the upload's
 * lock; with the checksum extension (Upload-Checksum, sha1/sha256) a chunk that does not match is
 * rolled back (460). Also the deferred length (creation-defer-length: Upload-Length on a PATCH), the
 * half-open-connection guards (idle timeout, minimum rate) and lock takeovers (423).
 */
import { Future, isPromiseLike, toFuture, wait, type Coroutine, type Step } from '../flow';
import { isDamagedRecord, isOutOfSpace, type Appender, type UploadRecord } from '../store';
import { LockTimeout, type Release } from '../locks';
import { ConnectionLost, type BodyReader } from '../body';
import { createHash, equalBytes } from '../checksum';
import { httpDate, mediaType, OFFSET_CONTENT_TYPE, parseByteCount, parseChecksum, STATUS_CHECKSUM_MISMATCH, TUS_VERSION, type ChecksumRequest } from '../protocol';
import type { PatchOutcome, Reply, TusContext, TusRequest } from '../context';
import { reject } from '../responses';
import { damagedReply, loadOwned } from '../access';
import { NO_SPACE, RESERVATION_STEP_BYTES, reserve, type Grant } from '../diskSpace';

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

export function* patch(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<Reply> {
  const h = req.headers;
  if (mediaType(h['content-type']) !== OFFSET_CONTENT_TYPE) return reject(ctx, 'PATCH', 415, `Content-Type must be ${OFFSET_CONTENT_TYPE}`);
  const offset = parseByteCount('Upload-Offset', h['upload-offset']);
  if (!offset.ok) return reject(ctx, 'PATCH', 400, offset.error);
  let declaredLength: number | null = null;
  if (h['upload-length'] !== undefined) {
    const parsed = parseByteCount('Upload-Length', h['upload-length']);
    if (!parsed.ok) return reject(ctx, 'PATCH', 400, parsed.error);
    declaredLength = parsed.value;
  }
  const checksum = parseChecksum(h['upload-checksum']);
  if (!checksum.ok) return reject(ctx, 'PATCH', 400, checksum.error);
  let contentLength: number | null = null;
  if (h['content-length'] !== undefined) {
    const parsed = parseByteCount('Content-Length', h['content-length']);
    if (!parsed.ok) return reject(ctx, 'PATCH', 400, parsed.error);
    contentLength = parsed.value;
  }
  const found = yield* loadOwned(ctx, req, id);
  if ('status' in found) return found;
  return yield* appendUnderLock(ctx, req, id, offset.value, checksum.value, contentLength, declaredLength);
}

/** Lock, re-check the offset under the lock, then stream the body into the store (PATCH, and POST with creation-with-upload). */
export function* appendUnderLock(
  ctx: TusContext,
  req: Required<TusRequest>,
  id: string,
  clientOffset: number,
  checksum: ChecksumRequest | null,
  contentLength: number | null,
  declaredLength: number | null = null,
): Coroutine<Reply> {
  const control: RequestControl = { interrupted: null, pendingRead: null };
  const holder = {
    interrupt: (reason: 'takeover' | 'shutdown') => {
      if (control.interrupted) return;
      control.interrupted = new Interrupted(reason);
      if (reason === 'takeover') ctx.emit({ type: 'server.takeover', id });
      control.pendingRead?.reject(control.interrupted);
    },
  };
  let release: Release;
  try {
    release = yield* wait(ctx.locks.acquire(id, holder, ctx.o.lockWaitMs));
  } catch (e) {
    if (e instanceof LockTimeout) return reject(ctx, 'PATCH', 423, 'upload is locked by another request');
    throw e;
  }
  try {
    // Under the lock nobody else writes: cut back bytes a crashed or failed checksummed PATCH left.
    try {
      yield* wait(ctx.store.repair(id));
    } catch (e) {
      if (!isDamagedRecord(e)) throw e;
      return damagedReply(ctx, 'PATCH', id, e);
    }
    const fresh = yield* loadOwned(ctx, req, id);
    if ('status' in fresh) return fresh;
    let { record } = fresh;
    const { offset } = fresh;
    if (clientOffset !== offset) {
      return reject(ctx, 'PATCH', 409, `Upload-Offset ${clientOffset} does not match the upload's offset`);
    }
    if (declaredLength !== null) {
      if (record.length !== null && record.length !== declaredLength) return reject(ctx, 'PATCH', 400, 'Upload-Length cannot change once set');
      if (declaredLength < offset) return reject(ctx, 'PATCH', 400, 'Upload-Length is smaller than the bytes already stored');
      if (declaredLength > ctx.maxSize) return reject(ctx, 'PATCH', 413, `Upload-Length exceeds Tus-Max-Size ${ctx.maxSize}`);
      if (record.length === null) {
        const others = ctx.reservations.othersThan(record.ownerId, id);
        if (others + declaredLength > ctx.o.quota.bytesPerUser) return reject(ctx, 'PATCH', 413, 'per-user storage quota exceeded');
        record = { ...record, length: declaredLength };
        yield* wait(ctx.store.update(record));
        ctx.reservations.reserve(record.ownerId, id, declaredLength);
      }
    }
    const limit = byteLimit(ctx, record, id);
    if (contentLength !== null && offset + contentLength > limit) {
      return reject(ctx, 'PATCH', 413, record.length !== null && offset + contentLength > record.length ? 'body is longer than the rest of the upload' : 'upload would exceed the size limit');
    }
    if (control.interrupted) return interruptedResponse(control.interrupted, offset);
    // Reserve before reading a byte: a declared body whole, a chunked one a first bounded step.
    // The grant also covers the record writes this PATCH makes (journal mark, final record).
    const grant: Grant = { held: 0, settled: 0 };
    const written = { bytes: 0 };
    const overhead = ctx.store.recordBytes ?? 0;
    try {
      const wanted = contentLength ?? Math.min(RESERVATION_STEP_BYTES, limit - offset);
      const atLeast = (contentLength === null ? Math.min(1, wanted) : wanted) + overhead;
      if (atLeast > 0 && (yield* reserve(ctx, grant, wanted + overhead, atLeast)) === 0) {
        return reject(ctx, 'PATCH', 507, NO_SPACE, { 'Upload-Offset': String(offset) });
      }
      return yield* streamBody(ctx, req.body, control, record, offset, limit, checksum, grant, written, overhead);
    } finally {
      ctx.space.release(grant, written.bytes + overhead);
    }
  } finally {
    release();
  }
}

/** An out-of-space failure the store did not raise itself: the reservation could not be extended. */
function outOfSpace(): Error {
  return Object.assign(new Error('no space left within the reserve'), { code: 'ENOSPC' });
}

/** Most bytes the upload may hold: its length, or for a deferred length what the size limit and quota leave. */
function byteLimit(ctx: TusContext, record: UploadRecord, id: string): number {
  if (record.length !== null) return record.length;
  const others = ctx.reservations.othersThan(record.ownerId, id);
  return Math.min(ctx.maxSize, ctx.o.quota.bytesPerUser - others);
}

function* streamBody(
  ctx: TusContext,
  body: BodyReader,
  control: RequestControl,
  record: UploadRecord,
  startOffset: number,
  limit: number,
  checksum: ChecksumRequest | null,
  grant: Grant,
  written: { bytes: number },
  overhead: number,
): Coroutine<Reply> {
  const id = record.id;
  let appender: Appender;
  try {
    if (checksum) {
      record = { ...record, pendingFrom: startOffset };
      yield* wait(ctx.store.update(record));
    }
    appender = yield* wait(ctx.store.openAppender(id));
  } catch (e) {
    // nothing was written: the upload keeps its offset
    body.cancel(e);
    return yield* storeFailed(ctx, id, startOffset, 0, e);
  }
  const hash = checksum ? createHash(checksum.algorithm) : null;
  const started = ctx.clock.now();
  let received = 0;
  let outcome: PatchOutcome = 'ok';
  let failure: unknown = null;
  try {
    for (;;) {
      if (control.interrupted) throw control.interrupted;
      const chunk = yield* wait(readWithGuards(ctx, body, control));
      if (chunk === null) break;
      if (startOffset + received + chunk.length > limit) throw new HttpError(413, 'body goes past the end of the upload or the size limit');
      // The bytes must be reserved before they are written; extend the grant, or keep what fits and stop (507).
      const unwritten = grant.held + grant.settled - overhead - written.bytes;
      let piece = chunk;
      if (chunk.length > unwritten) {
        const need = chunk.length - unwritten;
        const step = Math.max(need, Math.min(RESERVATION_STEP_BYTES, limit - startOffset - received - unwritten));
        const got = yield* reserve(ctx, grant, step, 1);
        if (got < need) piece = chunk.subarray(0, unwritten + got);
      }
      if (piece.length > 0) {
        hash?.update(piece);
        try {
          yield* wait(appender.write(piece));
        } catch (e) {
          throw new StoreFailure(e);
        }
        received += piece.length;
        written.bytes = received;
        // bytes on the volume stop counting as reserved (never the record allowance)
        ctx.space.settle(grant, Math.min(received - (appender.buffered?.() ?? 0) - grant.settled, grant.held - overhead));
      }
      if (piece !== chunk) throw new StoreFailure(outOfSpace());
      const elapsed = ctx.clock.now() - started;
      if (elapsed >= ctx.o.minRate.graceMs && (received * 1000) / elapsed < ctx.o.minRate.bytesPerSecond) throw new TooSlow();
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
    committed = yield* keptOffset(ctx, id, startOffset);
  }
  let rollback = outcome === 'too-large' || (checksum !== null && outcome !== 'ok');
  if (checksum && outcome === 'ok' && !equalBytes(hash!.digest(), checksum.digest)) {
    outcome = 'checksum-mismatch';
    rollback = true;
  }
  const before = record;
  try {
    if (rollback && committed !== startOffset) {
      yield* wait(ctx.store.truncate(id, startOffset));
      committed = startOffset;
    }
    record = yield* commitRecord(ctx, record, committed, startOffset, checksum !== null);
  } catch (e) {
    // The bytes are stored but the record could not be written (disk full, I/O error): answer with
    // the offset the store reports now (a journal mark left behind keeps unverified bytes out of it).
    if (before.state === 'open' && before.length !== null) ctx.reservations.reserve(before.ownerId, id, before.length);
    return yield* storeFailed(ctx, id, startOffset, received, e);
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
  ctx.emit({ type: 'server.append', id, from: startOffset, to: committed, received, outcome, status });
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

/** The record after a PATCH stored `committed` bytes: completed, or with its expiry slid; written when it changed. */
function* commitRecord(ctx: TusContext, record: UploadRecord, committed: number, startOffset: number, journaled: boolean): Coroutine<UploadRecord> {
  const id = record.id;
  const now = ctx.clock.now();
  const progressed = committed > startOffset;
  if (record.length !== null && committed === record.length) {
    record = { ...record, state: 'complete', expiresAt: now + ctx.o.completedRetentionMs, pendingFrom: null };
    ctx.reservations.unreserve(record.ownerId, id);
    ctx.emit({ type: 'server.completed', id, length: committed });
  } else {
    if (progressed) record = { ...record, expiresAt: Math.min(record.createdAt + ctx.o.maxLifetimeMs, now + ctx.o.expireAfterMs) };
    record = { ...record, pendingFrom: null };
    if (record.length === null) ctx.reservations.reserve(record.ownerId, id, committed);
  }
  if (journaled || progressed || record.state === 'complete') yield* wait(ctx.store.update(record));
  if (record.videoId !== null && (progressed || record.state === 'complete')) {
    ctx.index.set(record.videoId, record.ownerId, { uploadId: id, expiresAt: record.expiresAt });
  }

  return record;
}

/** The offset the store reports now, or `fallback` when even that cannot be read. */
function* keptOffset(ctx: TusContext, id: string, fallback: number): Coroutine<number> {
  try {
    return (yield* wait(ctx.store.get(id)))?.offset ?? fallback;
  } catch {
    return fallback;
  }
}

/** The store failed outside the byte loop (journal mark, opening, the record): 507 or 500, always with the kept offset. */
function* storeFailed(ctx: TusContext, id: string, startOffset: number, received: number, e: unknown): Coroutine<Reply> {
  const offset = yield* keptOffset(ctx, id, startOffset);
  const full = isOutOfSpace(e);
  const status = full ? 507 : 500;
  ctx.emit({ type: 'server.append', id, from: startOffset, to: offset, received, outcome: full ? 'out-of-space' : 'store-error', status });
  return {
    status,
    headers: { 'Tus-Resumable': TUS_VERSION, 'Upload-Offset': String(offset), 'Content-Type': 'text/plain; charset=utf-8' },
    body: full ? `${NO_SPACE} (bytes up to the offset are kept)` : 'the server could not store the bytes (bytes up to the offset are kept)',
  };
}

/** Next chunk, raced against the idle timeout and a takeover. */
function readWithGuards(ctx: TusContext, body: BodyReader, control: RequestControl): Step<Uint8Array | null> {
  const step = body.read();
  if (!(step instanceof Future) && !isPromiseLike(step)) return step;
  const source = toFuture(step);
  if (source.settled) return source;
  const out = new Future<Uint8Array | null>();
  const timer = ctx.clock.setTimeout(() => out.reject(new IdleTimeout()), ctx.o.idleReadTimeoutMs);
  control.pendingRead = out;
  source.onSettle((o) => (o.ok ? out.resolve(o.value) : out.reject(o.error)));
  out.onSettle(() => {
    ctx.clock.clearTimeout(timer);
    control.pendingRead = null;
  });
  return out;
}

function interruptedResponse(e: Interrupted, offset: number): Reply {
  return {
    status: e.reason === 'takeover' ? 423 : 503,
    headers: { 'Tus-Resumable': TUS_VERSION, 'Upload-Offset': String(offset), 'Content-Type': 'text/plain; charset=utf-8' },
    body: 'another request took over this upload',
  };
}

/**
 * tus creation (POST to the collection), with creation-with-upload (a first chunk in the POST body)
 * and creation-defer-length (Upload-Defer-Length: 1). Concatenation is not supported (501). Also our
 * (videoId, user) rule: one unfinished upload per video and user (409 with its Location: resume it),
 * the per-user quota (413/429) and the disk-space reserve (507).
 */
import { wait, type Coroutine } from '../flow';
import { isOutOfSpace, type UploadRecord } from '../store';
import {
  httpDate,
  mediaType,
  OFFSET_CONTENT_TYPE,
  parseByteCount,
  parseChecksum,
  parseMetadata,
  STATUS_CHECKSUM_MISMATCH,
  TUS_VERSION,
  uploadIdFromBytes,
  VIDEO_ID,
} from '../protocol';
import { uploadUrl, type Reply, type TusContext, type TusRequest } from '../context';
import { reject } from '../responses';
import { liveIndexed } from '../access';
import { NO_SPACE, reserve, roomFor, type Grant } from '../diskSpace';
import { appendUnderLock } from './patch';
import { forget } from './termination';

export function* create(ctx: TusContext, req: Required<TusRequest>): Coroutine<Reply> {
  const h = req.headers;
  if (h['upload-concat'] !== undefined) return reject(ctx, 'POST', 501, 'the concatenation extension is not supported');
  const lengthText = h['upload-length'];
  const deferText = h['upload-defer-length'];
  if (lengthText !== undefined && deferText !== undefined) return reject(ctx, 'POST', 400, 'send Upload-Length or Upload-Defer-Length, not both');
  if (lengthText === undefined && deferText === undefined) return reject(ctx, 'POST', 400, 'Upload-Length or Upload-Defer-Length is required');
  if (deferText !== undefined && deferText !== '1') return reject(ctx, 'POST', 400, 'Upload-Defer-Length must be 1');
  let length: number | null = null;
  if (lengthText !== undefined) {
    const parsed = parseByteCount('Upload-Length', lengthText);
    if (!parsed.ok) return reject(ctx, 'POST', 400, parsed.error);
    length = parsed.value;
    if (length > ctx.maxSize) return reject(ctx, 'POST', 413, `Upload-Length exceeds Tus-Max-Size ${ctx.maxSize}`);
  }
  const metadata = parseMetadata(h['upload-metadata']);
  if (!metadata.ok) return reject(ctx, 'POST', 400, metadata.error);
  const videoEntry = metadata.value.find(([k]) => k === 'videoId');
  const videoId = videoEntry ? videoEntry[1] : null;
  if (videoId !== null && !VIDEO_ID.test(videoId)) return reject(ctx, 'POST', 400, 'metadata videoId must be 1-128 characters of A-Z a-z 0-9 _ -');

  const contentType = mediaType(h['content-type']);
  const contentLength = h['content-length'] === undefined ? null : parseByteCount('Content-Length', h['content-length']);
  if (contentLength && !contentLength.ok) return reject(ctx, 'POST', 400, contentLength.error);
  const declaredBody = contentLength ? contentLength.value : h['transfer-encoding'] ? null : 0;
  const withUpload = contentType === OFFSET_CONTENT_TYPE;
  if (!withUpload && declaredBody !== 0 && contentType !== undefined) {
    return reject(ctx, 'POST', 415, `creation-with-upload needs Content-Type: ${OFFSET_CONTENT_TYPE}`);
  }
  const checksum = parseChecksum(h['upload-checksum']);
  if (!checksum.ok) return reject(ctx, 'POST', 400, checksum.error);

  const userId = req.userId;
  if (userId === null) return reject(ctx, 'POST', 401, 'no session');
  const now = ctx.clock.now();

  if (videoId !== null) {
    const existing = yield* liveIndexed(ctx, videoId, userId, now);
    if (existing && existing.record.state === 'open') {
      return reject(ctx, 'POST', 409, 'an unfinished upload of this video exists for you: resume it', {
        Location: uploadUrl(ctx, existing.record.id),
        'Upload-Offset': String(existing.offset),
      });
    }
  }

  const openCount = ctx.reservations.openCount(userId);
  if (openCount >= ctx.o.quota.openUploadsPerUser) {
    return reject(ctx, 'POST', 429, `at most ${ctx.o.quota.openUploadsPerUser} open uploads per user`, { 'Retry-After': '60' });
  }
  const reserved = ctx.reservations.total(userId);
  if (reserved + (length ?? 0) > ctx.o.quota.bytesPerUser) return reject(ctx, 'POST', 413, 'per-user storage quota exceeded');
  if (withUpload && declaredBody !== null && declaredBody > (length ?? ctx.maxSize)) {
    return reject(ctx, 'POST', 413, 'first chunk is longer than the upload');
  }
  if (ctx.admission) {
    const refused = ctx.admission.admit(ctx.reservations, req.client, length ?? 0);
    if (refused) return reject(ctx, 'POST', refused.status, refused.reason, { 'Retry-After': String(refused.retryAfterS) });
  }
  if (!(yield* roomFor(ctx, length ?? declaredBody ?? 0))) return reject(ctx, 'POST', 507, NO_SPACE);

  const id = uploadIdFromBytes(ctx.o.randomBytes(16));
  const record: UploadRecord = {
    id,
    ownerId: userId,
    videoId,
    length,
    metadata: metadata.value,
    createdAt: now,
    expiresAt: Math.min(now + ctx.o.maxLifetimeMs, now + ctx.o.expireAfterMs),
    state: length === 0 ? 'complete' : 'open',
    pendingFrom: null,
    sha256: null,
  };
  if (req.client !== null) record.client = req.client;
  if (record.state === 'complete') record.expiresAt = now + ctx.o.completedRetentionMs;
  // the record itself takes room too: reserve it for the write
  const grant: Grant = { held: 0, settled: 0 };
  const overhead = ctx.store.recordBytes ?? 0;
  try {
    if (overhead > 0 && (yield* reserve(ctx, grant, overhead)) === 0) return reject(ctx, 'POST', 507, NO_SPACE);
    yield* wait(ctx.store.create(record));
  } catch (e) {
    if (isOutOfSpace(e)) return reject(ctx, 'POST', 507, NO_SPACE);
    throw e;
  } finally {
    ctx.space.release(grant, overhead);
  }
  if (record.state === 'open') ctx.reservations.reserve(userId, id, length ?? 0, req.client);
  if (videoId !== null) ctx.index.set(videoId, userId, { uploadId: id, expiresAt: record.expiresAt });
  ctx.emit({ type: 'server.created', id, ownerId: userId, videoId, length });

  const headers: Record<string, string> = {
    'Tus-Resumable': TUS_VERSION,
    Location: uploadUrl(ctx, id),
  };
  if (record.state === 'open') headers['Upload-Expires'] = httpDate(record.expiresAt);
  if (!withUpload) return { status: 201, headers };

  const result = yield* appendUnderLock(ctx, req, id, 0, checksum.value, declaredBody);
  if (result.status === 413 || result.status === STATUS_CHECKSUM_MISMATCH) {
    // The first chunk was bad: leave nothing behind.
    yield* forget(ctx, id);
    return result;
  }
  headers['Upload-Offset'] = result.headers['Upload-Offset'] ?? '0';
  if (result.headers['Upload-Expires']) headers['Upload-Expires'] = result.headers['Upload-Expires'];
  else delete headers['Upload-Expires'];
  return { status: 201, headers };
}

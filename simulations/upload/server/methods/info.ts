/**
 * Our own JSON endpoints (not tus): GET the collection (the session's user id, or the user's live
 * upload of a video: the "resume from the same point" lookup) and GET an upload (info and the
 * server's SHA-256, computed once the upload is complete, for the client's verification).
 */
import { wait, type Coroutine } from '../flow';
import { sanitizeForDisplay, VIDEO_ID } from '../protocol';
import { uploadUrl, type Reply, type TusContext, type TusRequest } from '../context';
import { json, reject } from '../responses';
import { liveIndexed, loadOwned, lockOrFail } from '../access';

export function* getCollection(ctx: TusContext, req: Required<TusRequest>, query: string): Coroutine<Reply> {
  const params = new URLSearchParams(query);
  const videoId = params.get('videoId');
  if (videoId === null) return json(200, { userId: req.userId });
  if (!VIDEO_ID.test(videoId)) return reject(ctx, 'GET', 400, 'videoId must be 1-128 characters of A-Z a-z 0-9 _ -');
  if (req.userId === null) return json(404, { error: 'no upload for this video' });
  const found = yield* liveIndexed(ctx, videoId, req.userId, ctx.clock.now());
  if (!found) return json(404, { error: 'no upload for this video' });
  const { record, offset } = found;
  return json(200, {
    uploadUrl: uploadUrl(ctx, record.id),
    state: record.state,
    offset,
    length: record.length,
    expiresAt: record.state === 'open' ? record.expiresAt : null,
  });
}

export function* getInfo(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<Reply> {
  const found = yield* loadOwned(ctx, req, id);
  if ('status' in found) return found;
  let { record } = found;
  if (record.state === 'complete' && record.sha256 === null) {
    const release = yield* lockOrFail(ctx, 'GET', id);
    if (typeof release !== 'function') return release;
    try {
      const digest = yield* wait(ctx.store.sha256(id));
      record = { ...record, sha256: digest };
      yield* wait(ctx.store.update(record));
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

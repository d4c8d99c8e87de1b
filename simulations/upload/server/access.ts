/**
 * Steps every per-upload request starts with: find the upload the requesting user owns (expiring it
 * on the way when overdue), find a user's live upload of a video, take the upload's lock or answer 423.
 */
import { wait, type Coroutine } from './flow';
import { LockTimeout, type Release } from './locks';
import { isDamagedRecord, type StoredUpload } from './store';
import type { Reply, TusContext, TusRequest } from './context';
import { reject } from './responses';
import { expire } from './expiration';

/** Load an upload the requesting user owns; foreign or unknown → 404, expired → 410. */
export function* loadOwned(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<StoredUpload | Reply> {
  const method = req.method.toUpperCase();
  let stored: StoredUpload | undefined;
  try {
    stored = yield* wait(ctx.store.get(id));
  } catch (e) {
    if (!isDamagedRecord(e)) throw e;
    return damagedReply(ctx, method, id, e);
  }
  if (!stored || req.userId === null || stored.record.ownerId !== req.userId) return reject(ctx, method, 404, 'upload not found');
  if (stored.record.state === 'expired') return reject(ctx, method, 410, 'upload expired');
  if (stored.record.state === 'open' && stored.record.expiresAt <= ctx.clock.now()) {
    if (!ctx.locks.isLocked(id)) yield* expire(ctx, stored);
    return reject(ctx, method, 410, 'upload expired');
  }
  return stored;
}

export function* lockOrFail(ctx: TusContext, method: string, id: string): Coroutine<Release | Reply> {
  try {
    return yield* wait(ctx.locks.acquire(id, { interrupt: () => undefined }, ctx.o.lockWaitMs));
  } catch (e) {
    if (e instanceof LockTimeout) return reject(ctx, method, 423, 'upload is locked by another request');
    throw e;
  }
}

export function* liveIndexed(ctx: TusContext, videoId: string, userId: string, now: number): Coroutine<StoredUpload | undefined> {
  const entry = ctx.index.get(videoId, userId, now);
  if (!entry) return undefined;
  let stored: StoredUpload | undefined;
  try {
    stored = yield* wait(ctx.store.get(entry.uploadId));
  } catch (e) {
    if (!isDamagedRecord(e)) throw e;
    noteDamaged(ctx, entry.uploadId, e);
    stored = undefined;
  }
  if (!stored || stored.record.ownerId !== userId || stored.record.state === 'expired') {
    ctx.index.removeUpload(entry.uploadId);
    return undefined;
  }
  if (stored.record.state === 'open' && stored.record.expiresAt <= now) {
    if (!ctx.locks.isLocked(entry.uploadId)) yield* expire(ctx, stored);
    return undefined;
  }
  return stored;
}

/** Log a damaged record once (with its id); it stays damaged until an operator removes or repairs it. */
export function noteDamaged(ctx: TusContext, id: string, e: unknown): void {
  if (ctx.damaged.has(id)) return;
  ctx.damaged.add(id);
  ctx.log(`upload ${id}: record cannot be read, the upload is unavailable (${e instanceof Error ? e.message : String(e)})`);
}

/** What a request for a damaged upload gets: 410, so clients start a new upload instead of retrying. */
export function damagedReply(ctx: TusContext, method: string, id: string, e: unknown): Reply {
  noteDamaged(ctx, id, e);
  return reject(ctx, method, 410, 'this upload is damaged on the server (its record cannot be read) and cannot be resumed; start a new upload');
}

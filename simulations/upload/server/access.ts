/**
 * Steps every per-upload request starts with: find the upload the requesting user owns (expiring it
 * on the way when overdue), find a user's live upload of a video, take the upload's lock or answer 423.
 */
import { wait, type Coroutine } from './flow';
import { LockTimeout, type Release } from './locks';
import type { StoredUpload } from './store';
import type { Reply, TusContext, TusRequest } from './context';
import { reject } from './responses';
import { expire } from './expiration';

/** Load an upload the requesting user owns; foreign or unknown → 404, expired → 410. */
export function* loadOwned(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<StoredUpload | Reply> {
  const method = req.method.toUpperCase();
  const stored = yield* wait(ctx.store.get(id));
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
  const stored = yield* wait(ctx.store.get(entry.uploadId));
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

/** tus termination: DELETE an upload (its bytes, record, quota reservation and index entry). */
import { wait, type Coroutine } from '../flow';
import { TUS_VERSION } from '../protocol';
import type { Reply, TusContext, TusRequest } from '../context';
import { loadOwned, lockOrFail } from '../access';

export function* terminate(ctx: TusContext, req: Required<TusRequest>, id: string): Coroutine<Reply> {
  const found = yield* loadOwned(ctx, req, id);
  if ('status' in found) return found;
  const release = yield* lockOrFail(ctx, 'DELETE', id);
  if (typeof release !== 'function') return release;
  try {
    const fresh = yield* loadOwned(ctx, req, id);
    if ('status' in fresh) return fresh;
    yield* forget(ctx, id);
    ctx.emit({ type: 'server.deleted', id });
    return { status: 204, headers: { 'Tus-Resumable': TUS_VERSION } };
  } finally {
    release();
  }
}

/** Remove an upload entirely (no tombstone). */
export function* forget(ctx: TusContext, id: string): Coroutine<void> {
  const stored = yield* wait(ctx.store.get(id));
  if (stored) ctx.reservations.unreserve(stored.record.ownerId, id);
  ctx.index.removeUpload(id);
  yield* wait(ctx.store.remove(id));
}

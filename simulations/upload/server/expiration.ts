/** tus expiration: an overdue open upload loses its bytes and becomes a tombstone (410 for a while). */
import { wait, type Coroutine } from './flow';
import type { StoredUpload } from './store';
import type { TusContext } from './context';

/** Delete the bytes, keep a tombstone so the id answers 410 for a while. */
export function* expire(ctx: TusContext, stored: StoredUpload): Coroutine<void> {
  const { record, offset } = stored;
  yield* wait(ctx.store.removeData(record.id));
  yield* wait(ctx.store.update({ ...record, state: 'expired', expiresAt: ctx.clock.now() + ctx.o.tombstoneRetentionMs, pendingFrom: null }));
  ctx.index.removeUpload(record.id);
  ctx.reservations.unreserve(record.ownerId, record.id);
  ctx.emit({ type: 'server.expired', id: record.id, offset });
}

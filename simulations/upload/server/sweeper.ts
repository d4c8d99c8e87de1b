/**
 * The expiration sweeper: a periodic job on the server's clock that expires overdue open uploads
 * (tombstones), removes old tombstones and completed uploads, and prunes the (videoId, user) index.
 */
import { wait, type Coroutine } from './flow';
import type { SweepReport, TusContext } from './context';
import type { StoredUpload } from './store';
import { noteDamaged } from './access';
import { expire } from './expiration';
import { forget } from './methods/termination';

export function* sweep(ctx: TusContext): Coroutine<SweepReport> {
  const now = ctx.clock.now();
  let expired = 0;
  let removed = 0;
  const ids = yield* wait(ctx.store.list());
  for (const id of ids) {
    if (ctx.locks.isLocked(id) || ctx.damaged.has(id)) continue;
    let stored: StoredUpload | undefined;
    try {
      stored = yield* wait(ctx.store.get(id));
    } catch (e) {
      noteDamaged(ctx, id, e);
      continue;
    }
    if (!stored) continue;
    const { record } = stored;
    if (record.expiresAt > now) continue;
    if (record.state === 'open') {
      yield* expire(ctx, stored);
      expired++;
    } else {
      yield* forget(ctx, id);
      removed++;
    }
  }
  ctx.index.sweep(now);
  if (expired || removed) ctx.emit({ type: 'server.swept', expired, removed });
  return { expired, removed };
}

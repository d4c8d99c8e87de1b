/** After a restart: repair what a crash left, rebuild the quota reservations and the (videoId, user) index from the store. */
import { wait, type Coroutine } from './flow';
import { UPLOAD_ID } from './protocol';
import type { TusContext } from './context';
import type { StoredUpload } from './store';
import { noteDamaged } from './access';

export function* recover(ctx: TusContext): Coroutine<void> {
  ctx.reservations.clear();
  const ids = yield* wait(ctx.store.list());
  for (const id of ids) {
    if (!UPLOAD_ID.test(id)) continue;
    let stored: StoredUpload | undefined;
    try {
      yield* wait(ctx.store.repair(id));
      stored = yield* wait(ctx.store.get(id));
    } catch (e) {
      // one bad record must not take the server down: that upload answers 410, the rest works
      noteDamaged(ctx, id, e);
      continue;
    }
    if (!stored) continue;
    const { record, offset } = stored;
    if (record.state === 'open') ctx.reservations.reserve(record.ownerId, id, record.length ?? offset, record.client ?? null);
    if (record.state !== 'expired' && record.videoId !== null) {
      const current = ctx.index.get(record.videoId, record.ownerId, ctx.clock.now());
      if (!current || record.state === 'open') ctx.index.set(record.videoId, record.ownerId, { uploadId: id, expiresAt: record.expiresAt });
    }
  }
}

/** The disk-space reserve: never let an upload eat into the room kept free on the store's volume (507). */
import { wait, type Coroutine } from './flow';
import type { TusContext } from './context';

export const NO_SPACE = 'not enough free space on the server for this upload; try again later';

/** Whether `bytes` more still leave minFreeBytes free (true when the store cannot tell). */
export function* roomFor(ctx: TusContext, bytes: number): Coroutine<boolean> {
  if (!ctx.store.freeBytes) return true;
  const free = yield* wait(ctx.store.freeBytes());
  return free === null || free - bytes >= ctx.o.minFreeBytes;
}

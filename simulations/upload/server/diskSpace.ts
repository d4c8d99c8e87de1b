/**
 * The disk-space reserve: never let an upload eat into the room kept free on the store's volume (507).
 *
 * Checking free space is not enough: eight uploads created together each passed the check and then
 * filled the disk together. So every write reserves its bytes first (`SpaceLedger`): a PATCH with a
 * Content-Length reserves it whole before reading a byte; a body without one (chunked) reserves in
 * bounded steps, extended as bytes arrive, and stops with 507 (keeping what it stored) when no more
 * can be granted. A reservation is released when the PATCH ends (completion, error, takeover), so a
 * deleted or expired upload, which never has a PATCH running, holds none.
 *
 * The ledger is in memory and synchronous: a decision reads the store's free space (async for a file
 * store), then compares and reserves in one synchronous step, so two requests never both take the
 * same bytes. A free-space reading is older than the decision: bytes that moved from a reservation
 * onto the disk while the reading was in flight may be missing from it, so they are counted as still
 * reserved (`settled`, a running total).
 */
import { wait, type Coroutine } from './flow';
import type { TusContext } from './context';
import type { Grant } from './spaceLedger';

export { SpaceLedger, type Grant } from './spaceLedger';

export const NO_SPACE = 'not enough free space on the server for this upload; try again later';

/** Chunked bodies reserve at most this much at a time. */
export const RESERVATION_STEP_BYTES = 8 * 1024 * 1024;

/**
 * Bytes a new reservation may take: free space minus what is reserved, minus the reserve
 * (minFreeBytes). Infinity when the store cannot tell its free space (the simulation's memory store).
 */
function* grantable(ctx: TusContext): Coroutine<number> {
  if (!ctx.store.freeBytes) return Infinity;
  const settledBefore = ctx.space.settled;
  const free = yield* wait(ctx.store.freeBytes());
  if (free === null) return Infinity;
  const settledDuring = ctx.space.settled - settledBefore;
  return Math.max(0, free - settledDuring - ctx.space.reserved - ctx.o.minFreeBytes);
}

/** Whether `bytes` more would still fit beside every reservation and leave minFreeBytes free (no reservation made). */
export function* roomFor(ctx: TusContext, bytes: number): Coroutine<boolean> {
  return (yield* grantable(ctx)) >= bytes;
}

/**
 * Add between `atLeast` and `wanted` bytes to `grant`: the most that fits, or nothing when not even
 * `atLeast` fits. Returns the bytes added. The write must `release` its grant when it ends.
 */
export function* reserve(ctx: TusContext, grant: Grant, wanted: number, atLeast = wanted): Coroutine<number> {
  if (wanted <= 0) return 0;
  const room = yield* grantable(ctx);
  const got = Math.min(wanted, room);
  if (got < atLeast || got <= 0) return 0;
  ctx.space.take(grant, got);
  return got;
}

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

export const NO_SPACE = 'not enough free space on the server for this upload; try again later';

/** Chunked bodies reserve at most this much at a time. */
export const RESERVATION_STEP_BYTES = 8 * 1024 * 1024;

/** One write's reservation: what it holds in the ledger and how much of it is on the disk already. */
export interface Grant {
  /** bytes this write holds in the ledger (reserved, not yet settled) */
  held: number;
  /** bytes this write has settled (written and flushed, so the volume's free space shows them) */
  settled: number;
}

export class SpaceLedger {
  /** bytes reserved by writes in progress and not yet settled */
  private reservedBytes = 0;
  /** running total of bytes settled (see the file comment) */
  private settledBytes = 0;

  get reserved(): number {
    return this.reservedBytes;
  }

  get settled(): number {
    return this.settledBytes;
  }

  /** Count `bytes` more as held by `grant` (after `reserve` found room for them). */
  take(grant: Grant, bytes: number): void {
    grant.held += bytes;
    this.reservedBytes += bytes;
  }

  /** `bytes` of the grant are on the volume now: the free space shows them, the ledger stops counting them. */
  settle(grant: Grant, bytes: number): void {
    const n = Math.min(bytes, grant.held);
    if (n <= 0) return;
    grant.held -= n;
    grant.settled += n;
    this.reservedBytes -= n;
    this.settledBytes += n;
  }

  /** The write ended: `flushed` bytes (in total) reached the volume; the rest of the grant is returned. */
  release(grant: Grant, flushed: number): void {
    this.settle(grant, flushed - grant.settled);
    this.reservedBytes -= grant.held;
    grant.held = 0;
  }
}

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

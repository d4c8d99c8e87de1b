/**
 * The bookkeeping behind diskSpace.ts: bytes reserved on the store's volume by writes in progress,
 * and the running total of bytes that moved from a reservation onto the volume. In memory and
 * synchronous, so a reservation is taken in the same step that found room for it.
 */
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

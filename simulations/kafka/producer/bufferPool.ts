/**
 * buffer.memory as a byte budget (BufferPool): batches take memory when created and give it back
 * when they complete. One application thread can wait for memory (FIFO with one waiter).
 * LOUD: `used` must never pass `total` (invariant 1); only tryAllocate may raise it.
 */
export class BufferPool {
  used = 0;
  maxUsed = 0;
  /** bytes the waiting thread needs, 0 = nobody waits */
  waitingFor = 0;
  onFree: (() => void) | null = null;

  constructor(readonly total: number) {}

  get available(): number {
    return this.total - this.used;
  }

  /** While a thread waits, every partition counts as ready (RecordAccumulator.partitionReady). */
  get hasWaiters(): boolean {
    return this.waitingFor > 0;
  }

  tryAllocate(bytes: number): boolean {
    if (this.used + bytes > this.total) return false;
    this.used += bytes;
    if (this.used > this.maxUsed) this.maxUsed = this.used;
    return true;
  }

  release(bytes: number): void {
    if (bytes <= 0) return;
    this.used -= bytes;
    if (this.used < 0) throw new Error('BufferPool: released more than allocated');
    if (this.waitingFor > 0 && this.available >= this.waitingFor) this.onFree?.();
  }
}

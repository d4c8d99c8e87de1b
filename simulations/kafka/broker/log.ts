/**
 * One replica's log of one partition: batch-granular entries (a produced batch is appended, copied
 * and truncated whole, as in Kafka), the log end offset (LEO) and the leader-epoch cache
 * (epoch -> start offset) used for truncation on rejoin (KIP-101/279/320).
 *
 * Entries point at the producer's immutable batch payload; replicas share it, nothing is copied.
 */

export interface BatchPayload {
  readonly batchId: number;
  readonly partition: number;
  /** global record ids, in send order within the batch */
  readonly recordIds: readonly number[];
  readonly producerId: number;
  /** -1 when the producer is not idempotent */
  readonly producerEpoch: number;
  readonly baseSequence: number;
  /** bytes on the wire and on disk (after compression) */
  readonly wireBytes: number;
}

export interface LogEntry {
  readonly baseOffset: number;
  readonly count: number;
  readonly leaderEpoch: number;
  readonly payload: BatchPayload;
}

export class PartitionLog {
  entries: LogEntry[] = [];
  /**
   * LOUD: parallel to `entries` (same index): virtual ms when THIS replica wrote the entry. Entries are
   * shared between replicas, so the time cannot live on the entry. Every splice of `entries` must
   * splice this too. Used by the un-fsynced tail loss (disk-loss with lostTailMs).
   */
  writtenAt: number[] = [];
  leo = 0;
  /** leader epoch cache: ascending epochs with their start offsets */
  epochs: { epoch: number; startOffset: number }[] = [];

  get lastEntry(): LogEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  latestEpoch(): number {
    return this.epochs.length ? this.epochs[this.epochs.length - 1].epoch : -1;
  }

  /** LeaderEpochFileCache.assign: a new epoch starts at `startOffset` (ignored if not newer). */
  assignEpoch(epoch: number, startOffset: number): void {
    if (epoch > this.latestEpoch()) this.epochs.push({ epoch, startOffset });
  }

  appendAsLeader(payload: BatchPayload, leaderEpoch: number, at = 0): LogEntry {
    this.assignEpoch(leaderEpoch, this.leo);
    const entry: LogEntry = { baseOffset: this.leo, count: payload.recordIds.length, leaderEpoch, payload };
    this.entries.push(entry);
    this.writtenAt.push(at);
    this.leo += entry.count;
    return entry;
  }

  /** Follower append of an entry fetched from the leader (offsets already assigned). */
  appendReplica(entry: LogEntry, at = 0): void {
    if (entry.baseOffset !== this.leo) throw new Error(`replica append at ${entry.baseOffset} but LEO is ${this.leo}`);
    this.assignEpoch(entry.leaderEpoch, entry.baseOffset);
    this.entries.push(entry);
    this.writtenAt.push(at);
    this.leo += entry.count;
  }

  /** Index of the entry containing `offset`, or -1. */
  indexOf(offset: number): number {
    const e = this.entries;
    let lo = 0;
    let hi = e.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const en = e[mid];
      if (offset < en.baseOffset) hi = mid - 1;
      else if (offset >= en.baseOffset + en.count) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** First index with baseOffset >= offset. */
  firstIndexFrom(offset: number): number {
    const e = this.entries;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid].baseOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Remove every offset >= `offset` (rounded down to an entry boundary). Returns the removed
   * entries (for the audit and the UI).
   */
  truncateTo(offset: number): LogEntry[] {
    if (offset >= this.leo) return [];
    let idx = this.indexOf(offset);
    if (idx < 0) idx = this.firstIndexFrom(offset);
    const removed = this.entries.splice(idx);
    this.writtenAt.length = idx;
    this.leo = idx > 0 ? this.entries[idx - 1].baseOffset + this.entries[idx - 1].count : 0;
    while (this.epochs.length && this.epochs[this.epochs.length - 1].startOffset >= this.leo) {
      // keep an epoch that starts exactly at a non-empty boundary only if it still has entries
      this.epochs.pop();
    }
    return removed;
  }

  wipe(): void {
    this.entries = [];
    this.writtenAt = [];
    this.leo = 0;
    this.epochs = [];
  }

  /**
   * Offset of the first entry this replica wrote at or after `since` (LEO if none): where a crash
   * that loses the page-cache tail written since then cuts the log.
   */
  offsetWrittenSince(since: number): number {
    const t = this.writtenAt;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid] < since) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.entries.length ? this.entries[lo].baseOffset : this.leo;
  }

  /**
   * OffsetsForLeaderEpoch: the largest epoch <= `epoch` this log knows and the offset where it ends
   * (start of the next epoch, or LEO for the latest). {epoch: -1, endOffset: -1} if none.
   */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: number } {
    const ep = this.epochs;
    for (let i = ep.length - 1; i >= 0; i--) {
      if (ep[i].epoch <= epoch) {
        const end = i + 1 < ep.length ? ep[i + 1].startOffset : this.leo;
        return { epoch: ep[i].epoch, endOffset: end };
      }
    }
    return { epoch: -1, endOffset: -1 };
  }

  /** Entries from `offset` up to `maxBytes` (always at least one entry if any). */
  read(offset: number, maxBytes: number, upTo = this.leo): LogEntry[] {
    const out: LogEntry[] = [];
    let i = this.firstIndexFrom(offset);
    let bytes = 0;
    const e = this.entries;
    while (i < e.length && e[i].baseOffset < upTo) {
      const en = e[i];
      if (en.baseOffset + en.count > upTo) break;
      if (out.length > 0 && bytes + en.payload.wireBytes > maxBytes) break;
      out.push(en);
      bytes += en.payload.wireBytes;
      i++;
    }
    return out;
  }

  /** Entry at exactly `baseOffset`, or undefined. */
  entryAt(baseOffset: number): LogEntry | undefined {
    const i = this.indexOf(baseOffset);
    return i >= 0 && this.entries[i].baseOffset === baseOffset ? this.entries[i] : undefined;
  }
}

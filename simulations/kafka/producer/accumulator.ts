/**
 * RecordAccumulator: one queue of ProducerBatches per partition, the "is it sendable" rule, drain
 * into requests, re-enqueue of retries (front of the queue; sequence order when idempotent), split
 * of too-large batches, and the compression-ratio estimate that decides how many records fit.
 *
 * Hot path: append() runs per record and touches only the partition's last batch.
 */
import type { BatchPayload } from '../broker/log';
import { RECORD_BATCH_OVERHEAD } from '../config';

/** batch lifecycle states (the XState machine in machines/batchLifecycle.ts mirrors these) */
export const BATCH = {
  accumulating: 0,
  ready: 1,
  inFlight: 2,
  retrying: 3,
  acked: 4,
  expired: 5,
  failed: 6,
  dropped: 7,
  split: 8,
} as const;
export type BatchStateCode = (typeof BATCH)[keyof typeof BATCH];
export const BATCH_STATE_NAMES = ['accumulating', 'ready', 'inFlight', 'retrying', 'acked', 'expired', 'failed', 'dropped', 'split'] as const;

export const COMPRESSION_RATE_ESTIMATION_FACTOR = 1.05;
const COMPRESSION_RATIO_IMPROVING_STEP = 0.005;
const COMPRESSION_RATIO_DETERIORATE_STEP = 0.05;

export class ProducerBatch implements BatchPayload {
  recordIds: number[] = [];
  producerEpoch = -1;
  baseSequence = -1;
  wireBytes = 0;
  uncompressedBytes = 0;
  state: BatchStateCode = BATCH.accumulating;
  attempts = 0;
  lastAttemptMs: number;
  retryAtMs = 0;
  /** leader the last attempt went to (KIP-951: no backoff when the leader changed) */
  lastLeader = -1;
  closed = false;
  /** the sender was woken because this batch (or its successor) made the queue full */
  fullNotified = false;
  /** another batch queued behind this one when it was drained (the "full" half of the rule) */
  queueFullAtDrain = false;
  /** callback fired (acked / failed / expired / split away) */
  done = false;
  /** wall of the state machine log: times the batch entered each state (for the UI) */
  sentAtMs = -1;
  actualRatio = 1;

  constructor(
    readonly batchId: number,
    readonly partition: number,
    readonly producerId: number,
    readonly createdMs: number,
    /** bytes taken from buffer.memory (0 for split pieces, allocated off-pool as in Kafka) */
    readonly bufferBytes: number,
    readonly writeLimit: number,
  ) {
    this.lastAttemptMs = createdMs;
  }

  get recordCount(): number {
    return this.recordIds.length;
  }
}

export interface AccumulatorConfig {
  partitions: number;
  batchSize: number;
  lingerMs: number;
  compressionRatio: number;
  producerId: number;
}

export class RecordAccumulator {
  readonly queues: ProducerBatch[][];
  /** per-topic compression ratio estimate (CompressionRatioEstimator); 1 until batches close */
  estimatedRatio = 1;
  private nextBatchId = 0;
  batchesCreated = 0;
  private readonly compressed: boolean;

  constructor(readonly cfg: AccumulatorConfig) {
    this.queues = Array.from({ length: cfg.partitions }, () => []);
    this.compressed = cfg.compressionRatio < 1;
  }

  /** MemoryRecordsBuilder.estimatedBytesWritten */
  estimatedBytes(b: ProducerBatch): number {
    return this.compressed
      ? RECORD_BATCH_OVERHEAD + b.uncompressedBytes * this.estimatedRatio * COMPRESSION_RATE_ESTIMATION_FACTOR
      : RECORD_BATCH_OVERHEAD + b.uncompressedBytes;
  }

  /** hasRoomFor: a batch always takes its first record. */
  hasRoomFor(b: ProducerBatch, recordBytes: number): boolean {
    return b.recordIds.length === 0 || this.estimatedBytes(b) + recordBytes <= b.writeLimit;
  }

  isFull(b: ProducerBatch): boolean {
    return b.closed || (b.recordIds.length > 0 && this.estimatedBytes(b) >= b.writeLimit);
  }

  /** The last batch of a partition if it can take this record, else null (a new batch is needed). */
  lastOpenBatchFor(p: number, recordBytes: number): ProducerBatch | null {
    const q = this.queues[p];
    const last = q.length > 0 ? q[q.length - 1] : undefined;
    if (last && !last.closed && this.hasRoomFor(last, recordBytes)) return last;
    return null;
  }

  /** Buffer size for a new batch: max(batch.size, the record's upper-bound size). */
  bufferSizeFor(recordBytes: number): number {
    return Math.max(this.cfg.batchSize, recordBytes + RECORD_BATCH_OVERHEAD);
  }

  newBatch(p: number, t: number, bufferBytes: number): ProducerBatch {
    const b = new ProducerBatch(this.nextBatchId++, p, this.cfg.producerId, t, bufferBytes, Math.max(this.cfg.batchSize, bufferBytes));
    this.queues[p].push(b);
    this.batchesCreated++;
    return b;
  }

  /**
   * Returns true when this append made the partition's queue "full" for the first time (batchIsFull
   * in KafkaProducer.doSend: wake the sender). LOUD: waking on every append to an already-full
   * queue would run the sender once per record.
   */
  appendTo(b: ProducerBatch, recordId: number, recordBytes: number): boolean {
    b.recordIds.push(recordId);
    b.uncompressedBytes += recordBytes;
    // a second batch in the queue makes the partition "full" (deque.size() > 1)
    if (b.recordIds.length === 1 && this.queues[b.partition].length === 2) return true;
    if (!b.fullNotified && this.isFull(b)) {
      b.fullNotified = true;
      return true;
    }
    return false;
  }

  /** KIP-794 enableSwitch: only the last batch may be incomplete, so check it. */
  allBatchesFull(p: number): boolean {
    const q = this.queues[p];
    return q.length === 0 || this.isFull(q[q.length - 1]);
  }

  /**
   * Close a batch as it is drained: fixes its records and its compressed size, and updates the
   * compression-ratio estimate. `actualRatio` is this batch's real compressed/uncompressed ratio.
   */
  close(b: ProducerBatch, actualRatio: number): void {
    if (b.closed) return;
    b.closed = true;
    b.actualRatio = actualRatio;
    b.wireBytes = Math.ceil(RECORD_BATCH_OVERHEAD + b.uncompressedBytes * actualRatio);
    if (this.compressed) {
      const cur = this.estimatedRatio;
      if (actualRatio > cur) this.estimatedRatio = Math.max(cur + COMPRESSION_RATIO_DETERIORATE_STEP, actualRatio);
      else if (actualRatio < cur) this.estimatedRatio = Math.max(cur - COMPRESSION_RATIO_IMPROVING_STEP, actualRatio);
    }
  }

  /**
   * The sendable rule for a partition's head batch (RecordAccumulator.batchReady). Returns the time
   * it becomes sendable (<= now means now), or Infinity if never by time alone.
   */
  readyTime(p: number, now: number, exhausted: boolean, closing: boolean, backoffApplies: boolean): number {
    const q = this.queues[p];
    if (q.length === 0) return Infinity;
    const h = q[0];
    const backingOff = backoffApplies && h.attempts > 0 && now < h.retryAtMs;
    if (backingOff) return h.retryAtMs;
    const full = q.length > 1 || this.isFull(h);
    if (full || exhausted || closing) return now;
    const waitUntil = h.attempts > 0 ? h.retryAtMs : h.createdMs + this.cfg.lingerMs;
    return waitUntil;
  }

  /** Retry: back to the FRONT of the queue (RecordAccumulator.reenqueue / insertInSequenceOrder). */
  reenqueue(b: ProducerBatch, inSequenceOrder: boolean): void {
    const q = this.queues[b.partition];
    if (!inSequenceOrder || b.baseSequence < 0) {
      q.unshift(b);
      return;
    }
    let i = 0;
    while (i < q.length && q[i].baseSequence >= 0 && q[i].baseSequence < b.baseSequence) i++;
    q.splice(i, 0, b);
  }

  /**
   * MESSAGE_TOO_LARGE on a batch of k > 1 records: split into pieces of about batch.size (and at
   * most half the records, so a batch.size above message.max.bytes still makes progress), reset the
   * ratio estimate, put the pieces at the front in order. Pieces keep the creation time and the
   * sequence range of the original.
   */
  split(b: ProducerBatch, recordBytes: number, inSequenceOrder: boolean): ProducerBatch[] {
    this.estimatedRatio = Math.max(1, b.actualRatio);
    const ids = b.recordIds;
    const perPieceBySize = Math.max(1, Math.floor((this.cfg.batchSize - RECORD_BATCH_OVERHEAD) / Math.max(1, recordBytes)));
    const perPiece = Math.max(1, Math.min(perPieceBySize, Math.ceil(ids.length / 2)));
    const pieces: ProducerBatch[] = [];
    for (let i = 0; i < ids.length; i += perPiece) {
      const piece = new ProducerBatch(this.nextBatchId++, b.partition, b.producerId, b.createdMs, 0, this.cfg.batchSize);
      for (let j = i; j < Math.min(ids.length, i + perPiece); j++) {
        piece.recordIds.push(ids[j]);
        piece.uncompressedBytes += recordBytes;
      }
      piece.attempts = b.attempts;
      piece.lastAttemptMs = b.lastAttemptMs;
      if (b.baseSequence >= 0) {
        piece.baseSequence = b.baseSequence + i;
        piece.producerEpoch = b.producerEpoch;
      }
      pieces.push(piece);
    }
    const q = this.queues[b.partition];
    if (inSequenceOrder && b.baseSequence >= 0) {
      for (let k = pieces.length - 1; k >= 0; k--) this.reenqueue(pieces[k], true);
    } else q.unshift(...pieces);
    return pieces;
  }

  queuedBatches(): number {
    let n = 0;
    for (const q of this.queues) n += q.length;
    return n;
  }
}

/**
 * The drain side of the RecordAccumulator (the Java client's RecordAccumulator.ready / drain /
 * mutePartition): which brokers have a sendable head batch and when the next one becomes
 * sendable, which batches go into one request to a broker (round-robin over its partitions, one
 * batch per partition, up to max.request.size, behind the idempotent sequence gate), and the
 * partitions muted while their batch is in flight (max.in.flight.requests.per.connection = 1).
 */
import type { RandomStream } from '../../core/rng';
import type { ResolvedConfig } from '../config';
import { BATCH, type ProducerBatch, type RecordAccumulator } from './accumulator';
import type { BufferPool } from './bufferPool';
import type { Partitioner } from './partitioner';
import type { Metadata } from './metadata';
import type { TransactionManager } from './transactionManager';

export const REQUEST_OVERHEAD_BYTES = 100;

export class AccumulatorDrain {
  private readonly muted: Uint8Array;
  private readonly drainIndex: number[];
  private readonly queueSizes: Int32Array;
  private readonly guaranteeOrder: boolean;
  /**
   * The last drain skipped a head batch at the idempotent sequence gate. Kafka's ready() does not
   * look at that gate, so the request then carries only the other partitions' (piggybacked) heads.
   */
  lastDrainGated = false;

  constructor(
    private readonly cfg: ResolvedConfig,
    private readonly acc: RecordAccumulator,
    private readonly pool: BufferPool,
    private readonly partitioner: Partitioner,
    private readonly metadata: Metadata,
    private readonly txn: TransactionManager,
    private readonly rngCompression: RandomStream,
    brokers: number,
  ) {
    this.drainIndex = new Array(brokers).fill(0);
    this.muted = new Uint8Array(cfg.partitions);
    this.queueSizes = new Int32Array(cfg.partitions);
    this.guaranteeOrder = cfg.maxInFlight === 1;
  }

  /** RecordAccumulator.ready: nodes with a sendable head batch, and when the next one becomes sendable. */
  ready(now: number, closing: boolean): { nodes: number[]; next: number; unknownLeader: boolean } {
    const P = this.cfg.partitions;
    const exhausted = this.pool.hasWaiters;
    const nodes: number[] = [];
    let next = Infinity;
    let unknownLeader = false;
    for (let p = 0; p < P; p++) {
      const q = this.acc.queues[p];
      this.queueSizes[p] = q.length;
      if (q.length === 0) continue;
      const leader = this.metadata.leaderOf[p];
      if (leader < 0) {
        unknownLeader = true;
        continue;
      }
      if (this.muted[p]) continue;
      const h = q[0];
      const t = this.acc.readyTime(p, now, exhausted, closing, !this.skipsBackoff(h, leader));
      if (t <= now) {
        if (h.state === BATCH.accumulating) h.state = BATCH.ready;
        if (!nodes.includes(leader)) nodes.push(leader);
      } else if (t < next) next = t;
    }
    const leaderOf = this.metadata.leaderOf;
    this.partitioner.updateLoadStats(this.queueSizes, (p) => leaderOf[p] >= 0);
    return { nodes, next, unknownLeader };
  }

  /** KIP-951 (3.7+): no retry backoff when the batch now goes to a different leader. */
  private skipsBackoff(h: ProducerBatch, leader: number): boolean {
    return this.cfg.version === '4.x' && h.attempts > 0 && h.lastLeader !== leader;
  }

  /** RecordAccumulator.drainBatchesForOneNode: round-robin over the node's partitions. */
  drain(node: number, now: number): ProducerBatch[] {
    this.lastDrainGated = false;
    const parts = this.metadata.partitionsByLeader[node];
    if (!parts || parts.length === 0) return [];
    const out: ProducerBatch[] = [];
    let size = REQUEST_OVERHEAD_BYTES;
    const n = parts.length;
    const start = this.drainIndex[node] % n;
    let i = 0;
    let brokeAt = -1;
    for (; i < n; i++) {
      const p = parts[(start + i) % n];
      if (this.muted[p]) continue;
      const q = this.acc.queues[p];
      if (q.length === 0) continue;
      const h = q[0];
      if (h.attempts > 0 && now < h.retryAtMs && !this.skipsBackoff(h, node)) continue;
      if (this.cfg.idempotence && this.txn.shouldStopDrain(p, h)) {
        this.lastDrainGated = true;
        continue;
      }
      const est = h.closed ? h.wireBytes : this.acc.estimatedBytes(h);
      if (out.length > 0 && size + est > this.cfg.maxRequestSize) {
        brokeAt = i;
        break;
      }
      if (q.length > 1) h.queueFullAtDrain = true;
      q.shift();
      if (!h.closed) this.acc.close(h, this.actualRatio());
      if (this.cfg.idempotence && h.baseSequence < 0) this.txn.assignSequence(p, h);
      if (this.cfg.idempotence) this.txn.addInFlightBatch(p, h);
      out.push(h);
      size += h.wireBytes;
      if (this.guaranteeOrder) this.muted[p] = 1;
    }
    this.drainIndex[node] = brokeAt >= 0 ? (start + brokeAt) % n : (start + 1) % n;
    return out;
  }

  private actualRatio(): number {
    const r = this.cfg.compressionRatio;
    if (r >= 1) return 1;
    return Math.min(1, r * (0.9 + 0.2 * this.rngCompression.next()));
  }

  /** The batches' responses arrived (or their connection failed): their partitions may send again. */
  unmute(batches: ProducerBatch[]): void {
    if (!this.guaranteeOrder) return;
    for (const b of batches) this.muted[b.partition] = 0;
  }
}

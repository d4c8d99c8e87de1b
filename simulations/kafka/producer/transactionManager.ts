/**
 * The idempotent producer's sequence bookkeeping (the Java client's TransactionManager, without
 * transactions): producer id and epoch, per-partition sequences, the in-flight sequence gate that
 * keeps retries in order, unresolved sequences after an ambiguous expiry, and KIP-360 epoch bumps.
 */
import type { ErrorCode, EventSink } from '../types';
import type { ProducerBatch } from './accumulator';

/** idempotent producer bookkeeping per partition */
interface SequenceState {
  nextSeq: number;
  lastAckedSeq: number;
  /** producer epoch the sequences above belong to */
  seqEpoch: number;
  /** sequenced batches in flight, ascending sequence */
  inflight: ProducerBatch[];
  /** last sequence of a batch whose fate is unknown (expired in flight / failed), -1 = none */
  unresolvedSeq: number;
  /** broker lost our state (OUT_OF_ORDER on the next expected batch, UNKNOWN_PRODUCER_ID) */
  needsReset: boolean;
}

export class TransactionManager {
  readonly producerId = 1000;
  producerEpoch = 0;
  epochBumps = 0;
  private readonly seq: SequenceState[];

  constructor(
    partitions: number,
    /** the accumulator's per-partition queues (re-sequenced on an epoch bump) */
    private readonly queues: readonly ProducerBatch[][],
    private readonly events: EventSink,
  ) {
    this.seq = Array.from({ length: partitions }, () => ({ nextSeq: 0, lastAckedSeq: -1, seqEpoch: 0, inflight: [], unresolvedSeq: -1, needsReset: false }));
  }

  /** A batch's fate is unknown (expired in flight, or failed): its sequences may be in the log. */
  markUnresolved(b: ProducerBatch): void {
    const st = this.seq[b.partition];
    if (b.producerEpoch !== st.seqEpoch) return;
    st.unresolvedSeq = Math.max(st.unresolvedSeq, b.baseSequence + b.recordIds.length - 1);
  }

  private queueHasSequenced(p: number): boolean {
    for (const b of this.queues[p]) if (b.baseSequence >= 0) return true;
    return false;
  }

  /**
   * TransactionManager drain gate: nothing new while the partition's sequence is unresolved or must
   * be reset (until its in-flight batches complete); retries only when they are the first in flight.
   */
  shouldStopDrain(p: number, h: ProducerBatch): boolean {
    const st = this.seq[p];
    if (st.unresolvedSeq >= 0 || st.needsReset) {
      if (st.inflight.length > 0) return true;
      if (st.needsReset || st.lastAckedSeq < st.unresolvedSeq) this.bumpEpoch(p);
      st.unresolvedSeq = -1;
      st.needsReset = false;
    }
    if (h.baseSequence >= 0) {
      return st.inflight.length > 0 && st.inflight[0].baseSequence !== h.baseSequence && st.inflight[0].baseSequence < h.baseSequence;
    }
    if (st.seqEpoch !== this.producerEpoch) {
      if (st.inflight.length > 0 || this.queueHasSequenced(p)) return true;
      st.seqEpoch = this.producerEpoch;
      st.nextSeq = 0;
      st.lastAckedSeq = -1;
    }
    return false;
  }

  /**
   * KIP-360 epoch bump for an idempotent producer: a new epoch restarts sequences at 0. Batches of
   * this partition still waiting with old sequences are re-sequenced (they were refused or their
   * fate is unknown; in the unknown case Kafka has the same duplicate risk).
   */
  private bumpEpoch(p: number): void {
    this.producerEpoch++;
    this.epochBumps++;
    const st = this.seq[p];
    st.seqEpoch = this.producerEpoch;
    st.nextSeq = 0;
    st.lastAckedSeq = -1;
    for (const b of this.queues[p]) {
      b.baseSequence = -1;
      b.producerEpoch = -1;
    }
    this.events.log({ type: 'epoch-bump', producerEpoch: this.producerEpoch, partition: p });
  }

  assignSequence(p: number, b: ProducerBatch): void {
    const st = this.seq[p];
    b.producerEpoch = st.seqEpoch;
    b.baseSequence = st.nextSeq;
    st.nextSeq += b.recordIds.length;
  }

  /** The batch goes on the wire: keep the partition's in-flight batches in sequence order. */
  addInFlightBatch(p: number, b: ProducerBatch): void {
    const arr = this.seq[p].inflight;
    let i = arr.length;
    while (i > 0 && arr[i - 1].baseSequence > b.baseSequence) i--;
    arr.splice(i, 0, b);
  }

  removeInFlightBatch(b: ProducerBatch): void {
    const arr = this.seq[b.partition].inflight;
    const i = arr.indexOf(b);
    if (i >= 0) arr.splice(i, 1);
  }

  /** The broker acknowledged the batch: its sequences are the partition's last acked ones. */
  handleCompletedBatch(b: ProducerBatch): void {
    if (b.baseSequence < 0) return;
    const st = this.seq[b.partition];
    if (b.producerEpoch === st.seqEpoch) st.lastAckedSeq = Math.max(st.lastAckedSeq, b.baseSequence + b.recordIds.length - 1);
  }

  /** The broker refused the batch: on the next expected batch, it lost our state -> new epoch. */
  handleRefusedBatch(b: ProducerBatch, error: ErrorCode): void {
    if (error !== 'OUT_OF_ORDER_SEQUENCE_NUMBER' && error !== 'UNKNOWN_PRODUCER_ID') return;
    const st = this.seq[b.partition];
    // the next expected batch was refused: the broker lost our state (e.g. truncation) -> new epoch
    if (b.baseSequence === st.lastAckedSeq + 1 && b.producerEpoch === st.seqEpoch) st.needsReset = true;
  }
}

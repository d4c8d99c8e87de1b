/**
 * The producer's Sender thread: expires batches past delivery.timeout.ms (queued and in flight),
 * finds ready nodes, drains at most one batch per partition per request up to max.request.size,
 * keeps <= max.in.flight requests per connection (muting partitions when it is 1), times requests
 * out after request.timeout.ms (closing the connection), retries with backoff, splits too-large
 * batches, refreshes metadata, and runs the idempotent producer's sequence bookkeeping
 * (TransactionManager: producer id/epoch, per-partition sequences, in-order retries, unresolved
 * sequences after an ambiguous expiry, epoch bumps).
 */
import type { RandomStream } from '../../core/rng';
import type { ResolvedConfig } from '../config';
import type { ClusterEnv, ErrorCode, PartitionResult, ProduceRequest } from '../types';
import { BATCH, type ProducerBatch, type RecordAccumulator } from './accumulator';
import type { BufferPool } from './bufferPool';
import type { Partitioner } from './partitioner';
import { PRODUCER } from '../net/network';
import { DetMath } from '../../core/math';

export const REQUEST_OVERHEAD_BYTES = 100;
export const METADATA_RTT_MS = 2;
export const METADATA_MIN_INTERVAL_MS = 100;
export const RECONNECT_BACKOFF_MS = 50;
export const RECONNECT_BACKOFF_MAX_MS = 1000;

export interface ClusterView {
  /** the controller's current leader of p (what a metadata response says) */
  leaderOf(p: number): number;
  /** can a TCP connection to this broker be opened right now (process up, link not cut)? */
  canConnect(node: number): boolean;
  deliver(node: number, req: ProduceRequest): void;
  /** the client closed a connection (the broker drops requests it has not read yet) */
  disconnected(node: number, gen: number): void;
}

export interface Completions {
  acked(b: ProducerBatch, baseOffset: number, now: number): void;
  failed(b: ProducerBatch, error: string, now: number, how: 'failed' | 'expired'): void;
  /** a batch changed lifecycle state (sent, retrying, split, ...) */
  stateChanged(b: ProducerBatch, now: number): void;
}

const RETRIABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
]);

/** Java exception names, as the callback would see them */
export const EXCEPTION_NAMES: Record<ErrorCode, string> = {
  NOT_LEADER_OR_FOLLOWER: 'NotLeaderOrFollowerException',
  NOT_ENOUGH_REPLICAS: 'NotEnoughReplicasException',
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 'NotEnoughReplicasAfterAppendException',
  MESSAGE_TOO_LARGE: 'RecordTooLargeException',
  OUT_OF_ORDER_SEQUENCE_NUMBER: 'OutOfOrderSequenceException',
  UNKNOWN_PRODUCER_ID: 'UnknownProducerIdException',
  INVALID_PRODUCER_EPOCH: 'InvalidProducerEpochException',
  REQUEST_TIMED_OUT: 'TimeoutException',
  NETWORK_EXCEPTION: 'NetworkException',
};

interface InFlight {
  req: ProduceRequest;
  batches: ProducerBatch[];
  node: number;
}

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

export class Sender {
  readonly producerId = 1000;
  producerEpoch = 0;
  private readonly inflight: InFlight[][];
  private readonly connGen: number[];
  private readonly connected: boolean[];
  private readonly reconnectAt: number[];
  private readonly reconnectBackoff: number[];
  private readonly timeoutArmedAt: number[];
  private readonly muted: Uint8Array;
  private readonly drainIndex: number[];
  readonly leaderOf: Int32Array;
  private partitionsByLeader: number[][] = [];
  private readonly seq: SequenceState[];
  private readonly guaranteeOrder: boolean;
  private metadataPending = false;
  private lastMetadataMs = -Infinity;
  private wakeAt = Infinity;
  private nextRequestId = 0;
  private readonly queueSizes: Int32Array;
  closing = false;
  // ---- stats ----
  requests = 0;
  batchesSent = 0;
  recordsInSentBatches = 0;
  epochBumps = 0;
  splits = 0;
  /** ambiguous expiries: batches that were in flight when delivery.timeout.ms expired them */
  ambiguousExpiries = 0;

  constructor(
    private readonly env: ClusterEnv,
    private readonly cfg: ResolvedConfig,
    private readonly acc: RecordAccumulator,
    private readonly pool: BufferPool,
    private readonly partitioner: Partitioner,
    private readonly cluster: ClusterView,
    private readonly done: Completions,
    private readonly rngBackoff: RandomStream,
    private readonly rngCompression: RandomStream,
    private readonly recordBytes: number,
    brokers: number,
  ) {
    this.inflight = Array.from({ length: brokers }, () => []);
    this.connGen = new Array(brokers).fill(0);
    this.connected = new Array(brokers).fill(false);
    this.reconnectAt = new Array(brokers).fill(0);
    this.reconnectBackoff = new Array(brokers).fill(RECONNECT_BACKOFF_MS);
    this.timeoutArmedAt = new Array(brokers).fill(Infinity);
    this.drainIndex = new Array(brokers).fill(0);
    this.muted = new Uint8Array(cfg.partitions);
    this.leaderOf = new Int32Array(cfg.partitions).fill(-1);
    this.queueSizes = new Int32Array(cfg.partitions);
    this.seq = Array.from({ length: cfg.partitions }, () => ({ nextSeq: 0, lastAckedSeq: -1, seqEpoch: 0, inflight: [], unresolvedSeq: -1, needsReset: false }));
    this.guaranteeOrder = cfg.maxInFlight === 1;
  }

  get idempotent(): boolean {
    return this.cfg.idempotence;
  }

  inFlightCount(node: number): number {
    return this.inflight[node].length;
  }

  /** Initial metadata (bootstrap). */
  bootstrap(): void {
    this.applyMetadata();
  }

  // ---- wake-ups --------------------------------------------------------------------------------

  /** Run the sender loop at time t (coalesced: only the earliest pending wake-up matters). */
  wake(t: number): void {
    if (t >= this.wakeAt) return;
    this.wakeAt = t;
    this.env.scheduler.at(t, this.onWake);
  }

  private readonly onWake = (): void => {
    if (this.wakeAt !== this.env.scheduler.now) return;
    this.wakeAt = Infinity;
    this.run();
  };

  // ---- metadata --------------------------------------------------------------------------------

  requestMetadata(): void {
    if (this.metadataPending) return;
    const s = this.env.scheduler;
    this.metadataPending = true;
    const at = Math.max(s.now, this.lastMetadataMs + METADATA_MIN_INTERVAL_MS) + METADATA_RTT_MS;
    s.at(at, () => {
      this.metadataPending = false;
      this.lastMetadataMs = s.now;
      this.applyMetadata();
      this.wake(s.now);
    });
  }

  private applyMetadata(): void {
    const P = this.cfg.partitions;
    const byLeader: number[][] = Array.from({ length: this.cfg.brokers }, () => []);
    let changed = false;
    for (let p = 0; p < P; p++) {
      const l = this.cluster.leaderOf(p);
      if (this.leaderOf[p] !== l) changed = true;
      this.leaderOf[p] = l;
      if (l >= 0) byLeader[l].push(p);
    }
    this.partitionsByLeader = byLeader;
    this.partitioner.setAvailable((p) => this.leaderOf[p] >= 0);
    if (changed) this.env.events.log({ type: 'metadata-update' });
  }

  // ---- connections -----------------------------------------------------------------------------

  private nodeReady(node: number, now: number): boolean {
    if (!this.connected[node]) {
      if (now < this.reconnectAt[node]) {
        // LOUD: without this wake-up a batch for an unreachable leader sleeps until its expiry
        this.wake(this.reconnectAt[node]);
        return false;
      }
      if (this.cluster.canConnect(node)) {
        this.connected[node] = true;
        this.connGen[node]++;
        this.reconnectBackoff[node] = RECONNECT_BACKOFF_MS;
      } else {
        this.reconnectAt[node] = now + this.reconnectBackoff[node];
        this.reconnectBackoff[node] = Math.min(RECONNECT_BACKOFF_MAX_MS, this.reconnectBackoff[node] * 2);
        this.requestMetadata();
        this.wake(this.reconnectAt[node]);
        return false;
      }
    }
    return this.inflight[node].length < this.cfg.maxInFlight;
  }

  /** Connection closed (broker died, or a request timed out): everything in flight on it fails. */
  disconnect(node: number, why: string): void {
    if (!this.connected[node]) return;
    const now = this.env.scheduler.now;
    this.connected[node] = false;
    this.reconnectAt[node] = now + RECONNECT_BACKOFF_MS;
    const gen = this.connGen[node];
    this.cluster.disconnected(node, gen);
    const failed = this.inflight[node];
    this.inflight[node] = [];
    this.env.events.log({ type: 'producer-disconnect', node, reason: why, requests: failed.length });
    for (const f of failed) this.completeRequest(f, null, now);
    this.requestMetadata();
    this.wake(now);
  }

  /** The broker process died: the OS resets the connection (seen after one link latency). */
  brokerCrashed(node: number): void {
    this.env.scheduler.after(this.env.net.link.latencyMs, () => this.disconnect(node, 'connection reset'));
  }

  private armRequestTimeout(node: number): void {
    const q = this.inflight[node];
    if (q.length === 0 || this.timeoutArmedAt[node] !== Infinity) return;
    const at = q[0].req.sentMs + this.cfg.requestTimeoutMs;
    this.timeoutArmedAt[node] = at;
    this.env.scheduler.at(at, () => {
      this.timeoutArmedAt[node] = Infinity;
      const head = this.inflight[node][0];
      if (!head) return;
      if (head.req.sentMs + this.cfg.requestTimeoutMs <= this.env.scheduler.now) this.disconnect(node, 'request timeout');
      else this.armRequestTimeout(node);
    });
  }

  // ---- the loop --------------------------------------------------------------------------------

  run(): void {
    const now = this.env.scheduler.now;
    let nextWake = this.expire(now);
    // Kafka's loop runs again at once while it sent something: recompute readiness every round
    const maxRounds = this.cfg.maxInFlight * this.cfg.brokers + 1;
    for (let round = 0; round < maxRounds; round++) {
      const { nodes, next } = this.readyNodes(now);
      nextWake = Math.min(nextWake, next);
      let sent = false;
      for (const node of nodes) {
        if (!this.nodeReady(node, now)) continue;
        const batches = this.drain(node, now);
        if (batches.length === 0) continue;
        this.sendRequest(node, batches, now);
        sent = true;
      }
      if (!sent) break;
    }
    if (nextWake < Infinity) this.wake(Math.max(nextWake, now));
  }

  /** RecordAccumulator.ready: nodes with a sendable head batch, and when the next one becomes sendable. */
  private readyNodes(now: number): { nodes: number[]; next: number } {
    const P = this.cfg.partitions;
    const exhausted = this.pool.hasWaiters;
    const nodes: number[] = [];
    let next = Infinity;
    let unknownLeader = false;
    for (let p = 0; p < P; p++) {
      const q = this.acc.queues[p];
      this.queueSizes[p] = q.length;
      if (q.length === 0) continue;
      const leader = this.leaderOf[p];
      if (leader < 0) {
        unknownLeader = true;
        continue;
      }
      if (this.muted[p]) continue;
      const h = q[0];
      const t = this.acc.readyTime(p, now, exhausted, this.closing, !this.skipsBackoff(h, leader));
      if (t <= now) {
        if (h.state === BATCH.accumulating) h.state = BATCH.ready;
        if (!nodes.includes(leader)) nodes.push(leader);
      } else if (t < next) next = t;
    }
    this.partitioner.updateLoadStats(this.queueSizes, (p) => this.leaderOf[p] >= 0);
    if (unknownLeader) {
      this.requestMetadata();
      next = Math.min(next, now + METADATA_MIN_INTERVAL_MS);
    }
    return { nodes, next };
  }

  /** KIP-951 (3.7+): no retry backoff when the batch now goes to a different leader. */
  private skipsBackoff(h: ProducerBatch, leader: number): boolean {
    return this.cfg.version === '4.x' && h.attempts > 0 && h.lastLeader !== leader;
  }

  /** RecordAccumulator.drainBatchesForOneNode: round-robin over the node's partitions. */
  /**
   * The last drain skipped a head batch at the idempotent sequence gate. Kafka's ready() does not
   * look at that gate, so the request then carries only the other partitions' (piggybacked) heads.
   */
  private lastDrainGated = false;

  private drain(node: number, now: number): ProducerBatch[] {
    this.lastDrainGated = false;
    const parts = this.partitionsByLeader[node];
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
      if (this.idempotent && this.shouldStopDrain(p, h)) {
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
      if (this.idempotent && h.baseSequence < 0) this.assignSequence(p, h);
      if (this.idempotent) this.insertInflightSeq(p, h);
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

  private sendRequest(node: number, batches: ProducerBatch[], now: number): void {
    let bytes = REQUEST_OVERHEAD_BYTES;
    for (const b of batches) bytes += b.wireBytes;
    const req: ProduceRequest = { id: this.nextRequestId++, node, batches, acks: this.cfg.acks, bytes, sentMs: now, connGen: this.connGen[node] };
    this.requests++;
    for (const b of batches) {
      if (b.attempts === 0 && b.sentAtMs < 0) {
        this.batchesSent++;
        this.recordsInSentBatches += b.recordIds.length;
      }
      b.sentAtMs = now;
      b.lastAttemptMs = now;
      b.lastLeader = node;
      b.state = BATCH.inFlight;
      this.done.stateChanged(b, now);
      this.env.events.log({
        type: 'batch-sent', batch: b.batchId, partition: b.partition, records: b.recordIds.length, bytes: b.wireBytes,
        uncompressedBytes: b.uncompressedBytes, ageMs: now - b.createdMs, node, attempt: b.attempts, request: req.id,
        requestBytes: bytes, exhausted: this.pool.hasWaiters, closing: this.closing, queueFull: b.queueFullAtDrain, drainGated: this.lastDrainGated,
      });
    }
    const cluster = this.cluster;
    const written = this.env.net.send(PRODUCER, node, bytes, () => cluster.deliver(node, req));
    if (this.cfg.acks === 0) {
      // acks=0: complete on socket write; the producer never learns what happened next
      const f: InFlight = { req, batches, node };
      this.inflight[node].push(f);
      this.env.scheduler.at(Math.max(now, written), () => {
        const q = this.inflight[node];
        const i = q.indexOf(f);
        if (i < 0) return;
        q.splice(i, 1);
        const s = this.env.scheduler.now;
        for (const b of batches) if (!b.done) this.done.acked(b, -1, s);
        this.unmute(batches);
        this.wake(s);
      });
      return;
    }
    this.inflight[node].push({ req, batches, node });
    this.armRequestTimeout(node);
  }

  // ---- responses -------------------------------------------------------------------------------

  onResponse(req: ProduceRequest, results: PartitionResult[]): void {
    const node = req.node;
    if (req.connGen !== this.connGen[node] || !this.connected[node]) return;
    const q = this.inflight[node];
    const i = q.findIndex((f) => f.req === req);
    if (i < 0) return;
    const f = q[i];
    q.splice(i, 1);
    this.completeRequest(f, results, this.env.scheduler.now);
    this.wake(this.env.scheduler.now);
  }

  /** results null = the connection failed. */
  private completeRequest(f: InFlight, results: PartitionResult[] | null, now: number): void {
    for (let i = 0; i < f.batches.length; i++) {
      const b = f.batches[i];
      const res: PartitionResult = results ? results[i] : { error: 'NETWORK_EXCEPTION', baseOffset: -1 };
      if (this.idempotent) this.removeInflightSeq(b);
      if (res.error === null) {
        if (this.idempotent && b.baseSequence >= 0) {
          const st = this.seq[b.partition];
          if (b.producerEpoch === st.seqEpoch) st.lastAckedSeq = Math.max(st.lastAckedSeq, b.baseSequence + b.recordIds.length - 1);
        }
        if (!b.done) this.done.acked(b, res.baseOffset, now);
      } else if (!b.done) {
        this.handleError(b, res.error, now);
      }
    }
    this.unmute(f.batches);
  }

  private unmute(batches: ProducerBatch[]): void {
    if (!this.guaranteeOrder) return;
    for (const b of batches) this.muted[b.partition] = 0;
  }

  private handleError(b: ProducerBatch, error: ErrorCode, now: number): void {
    if (error === 'MESSAGE_TOO_LARGE') {
      if (b.recordIds.length > 1) {
        this.splitBatch(b, now);
        return;
      }
      this.fail(b, 'RecordTooLargeException', now);
      return;
    }
    if (error === 'NOT_LEADER_OR_FOLLOWER' || error === 'NETWORK_EXCEPTION' || error === 'REQUEST_TIMED_OUT') this.requestMetadata();
    const st = this.seq[b.partition];
    if (this.idempotent && (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' || error === 'UNKNOWN_PRODUCER_ID')) {
      // the next expected batch was refused: the broker lost our state (e.g. truncation) -> new epoch
      if (b.baseSequence === st.lastAckedSeq + 1 && b.producerEpoch === st.seqEpoch) st.needsReset = true;
    }
    const expired = now >= b.createdMs + this.cfg.deliveryTimeoutMs;
    const canRetry = RETRIABLE.has(error) && b.attempts < this.cfg.retries && !expired;
    if (!canRetry) {
      this.fail(b, EXCEPTION_NAMES[error], now);
      return;
    }
    b.attempts++;
    b.retryAtMs = now + this.backoffMs(b.attempts);
    b.lastAttemptMs = now;
    b.state = BATCH.retrying;
    this.done.stateChanged(b, now);
    this.env.events.log({ type: 'batch-retry', batch: b.batchId, partition: b.partition, error, attempt: b.attempts });
    this.acc.reenqueue(b, this.idempotent);
  }

  /** retry.backoff.ms; from 3.7 exponential up to retry.backoff.max.ms with 20% jitter (KIP-580). */
  private backoffMs(attempts: number): number {
    const base = this.cfg.retryBackoffMs;
    const max = Math.max(base, this.cfg.retryBackoffMaxMs);
    if (max === base) return base;
    const exp = Math.min(max, base * DetMath.pow(2, attempts - 1));
    return Math.min(max, exp * (0.8 + 0.4 * this.rngBackoff.next()));
  }

  private splitBatch(b: ProducerBatch, now: number): void {
    b.done = true;
    b.state = BATCH.split;
    this.done.stateChanged(b, now);
    this.pool.release(b.bufferBytes);
    const pieces = this.acc.split(b, this.recordBytes, this.idempotent);
    this.splits++;
    this.env.events.log({ type: 'batch-split', batch: b.batchId, partition: b.partition, pieces: pieces.length });
    this.wake(now);
  }

  private fail(b: ProducerBatch, error: string, now: number): void {
    if (this.idempotent && b.baseSequence >= 0) this.markUnresolved(b);
    this.done.failed(b, error, now, 'failed');
  }

  // ---- delivery.timeout.ms -----------------------------------------------------------------------

  /** Expire batches past their delivery deadline; returns the next deadline. */
  private expire(now: number): number {
    const dt = this.cfg.deliveryTimeoutMs;
    let next = Infinity;
    for (let p = 0; p < this.cfg.partitions; p++) {
      const q = this.acc.queues[p];
      // Fresh batches sit in creation order behind the retried ones at the front, which can be in
      // any order: check the retried prefix and the first fresh batch. LOUD: every batch past its
      // deadline must expire now, or the loop would wake itself at the same instant forever.
      for (let i = 0; i < q.length; ) {
        const b = q[i];
        const deadline = b.createdMs + dt;
        if (deadline <= now) {
          q.splice(i, 1);
          this.expireBatch(b, now, false);
          continue;
        }
        if (deadline < next) next = deadline;
        if (b.attempts === 0) break;
        i++;
      }
    }
    for (let node = 0; node < this.inflight.length; node++) {
      for (const f of this.inflight[node]) {
        for (const b of f.batches) {
          if (b.done) continue;
          const deadline = b.createdMs + dt;
          if (deadline <= now) this.expireBatch(b, now, true);
          else if (deadline < next) next = deadline;
        }
      }
    }
    return next;
  }

  private expireBatch(b: ProducerBatch, now: number, inFlight: boolean): void {
    const n = b.recordIds.length;
    const text = `Expiring ${n} record(s) for topic-${b.partition}:${Math.round(now - b.createdMs)} ms has passed since batch creation`;
    if (inFlight) this.ambiguousExpiries++;
    if (this.idempotent && b.baseSequence >= 0) this.markUnresolved(b);
    this.env.events.log({ type: 'batch-expired', batch: b.batchId, partition: b.partition, records: n, inFlight, text });
    this.done.failed(b, 'TimeoutException', now, 'expired');
  }

  // ---- idempotence -----------------------------------------------------------------------------

  private markUnresolved(b: ProducerBatch): void {
    const st = this.seq[b.partition];
    if (b.producerEpoch !== st.seqEpoch) return;
    st.unresolvedSeq = Math.max(st.unresolvedSeq, b.baseSequence + b.recordIds.length - 1);
  }

  private queueHasSequenced(p: number): boolean {
    for (const b of this.acc.queues[p]) if (b.baseSequence >= 0) return true;
    return false;
  }

  /**
   * TransactionManager drain gate: nothing new while the partition's sequence is unresolved or must
   * be reset (until its in-flight batches complete); retries only when they are the first in flight.
   */
  private shouldStopDrain(p: number, h: ProducerBatch): boolean {
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
    for (const b of this.acc.queues[p]) {
      b.baseSequence = -1;
      b.producerEpoch = -1;
    }
    this.env.events.log({ type: 'epoch-bump', producerEpoch: this.producerEpoch, partition: p });
  }

  private assignSequence(p: number, b: ProducerBatch): void {
    const st = this.seq[p];
    b.producerEpoch = st.seqEpoch;
    b.baseSequence = st.nextSeq;
    st.nextSeq += b.recordIds.length;
  }

  private insertInflightSeq(p: number, b: ProducerBatch): void {
    const arr = this.seq[p].inflight;
    let i = arr.length;
    while (i > 0 && arr[i - 1].baseSequence > b.baseSequence) i--;
    arr.splice(i, 0, b);
  }

  private removeInflightSeq(b: ProducerBatch): void {
    const arr = this.seq[b.partition].inflight;
    const i = arr.indexOf(b);
    if (i >= 0) arr.splice(i, 1);
  }
}

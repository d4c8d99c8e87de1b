/**
 * The producer's Sender thread: expires batches past delivery.timeout.ms (queued and in flight),
 * finds ready nodes, drains at most one batch per partition per request up to max.request.size
 * (muting partitions when max.in.flight is 1), sends the requests, and handles the responses:
 * acknowledgements, retries with backoff, splits of too-large batches, failures.
 * Its collaborators are the Java client's: Metadata (leaders), NetworkClient (connections,
 * in-flight requests, request.timeout.ms) and TransactionManager (idempotent sequences).
 */
import type { RandomStream } from '../../core/rng';
import type { ResolvedConfig } from '../config';
import type { ClusterEnv, ErrorCode, PartitionResult, ProduceRequest } from '../types';
import { BATCH, type ProducerBatch, type RecordAccumulator } from './accumulator';
import type { BufferPool } from './bufferPool';
import type { Partitioner } from './partitioner';
import { Metadata, METADATA_MIN_INTERVAL_MS } from './metadata';
import { NetworkClient, type ConnectionListener, type InFlightRequest, type ProducerCluster } from './networkClient';
import { TransactionManager } from './transactionManager';
import { AccumulatorDrain, REQUEST_OVERHEAD_BYTES } from './accumulatorDrain';
import { PRODUCER } from '../net/network';
import { DetMath } from '../../core/math';


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

export class Sender implements ConnectionListener {
  private readonly metadata: Metadata;
  private readonly client: NetworkClient;
  private readonly txn: TransactionManager;
  private readonly accumulator: AccumulatorDrain;
  private wakeAt = Infinity;
  private nextRequestId = 0;
  closing = false;
  // ---- stats ----
  requests = 0;
  batchesSent = 0;
  recordsInSentBatches = 0;
  splits = 0;
  /** ambiguous expiries: batches that were in flight when delivery.timeout.ms expired them */
  ambiguousExpiries = 0;

  constructor(
    private readonly env: ClusterEnv,
    private readonly cfg: ResolvedConfig,
    private readonly acc: RecordAccumulator,
    private readonly pool: BufferPool,
    partitioner: Partitioner,
    private readonly cluster: ProducerCluster,
    private readonly done: Completions,
    private readonly rngBackoff: RandomStream,
    rngCompression: RandomStream,
    private readonly recordBytes: number,
    brokers: number,
  ) {
    this.metadata = new Metadata(env, cfg.partitions, cfg.brokers, cluster, partitioner, this);
    this.client = new NetworkClient(env, cfg.maxInFlight, cfg.requestTimeoutMs, cluster, this, brokers);
    this.txn = new TransactionManager(cfg.partitions, acc.queues, env.events);
    this.accumulator = new AccumulatorDrain(cfg, acc, pool, partitioner, this.metadata, this.txn, rngCompression, brokers);
  }

  get idempotent(): boolean {
    return this.cfg.idempotence;
  }

  /** KIP-360 epoch bumps so far (idempotent producer) */
  get epochBumps(): number {
    return this.txn.epochBumps;
  }

  inFlightCount(node: number): number {
    return this.client.inFlightCount(node);
  }

  /** Initial metadata (bootstrap). */
  bootstrap(): void {
    this.metadata.bootstrap();
  }

  requestMetadata(): void {
    this.metadata.request();
  }

  /** The broker process died: the OS resets the connection (seen after one link latency). */
  brokerCrashed(node: number): void {
    this.client.brokerCrashed(node);
  }

  requestFailed(f: InFlightRequest, now: number): void {
    this.completeRequest(f, null, now);
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

  // ---- the loop --------------------------------------------------------------------------------

  run(): void {
    const now = this.env.scheduler.now;
    let nextWake = this.expire(now);
    // Kafka's loop runs again at once while it sent something: recompute readiness every round
    const maxRounds = this.cfg.maxInFlight * this.cfg.brokers + 1;
    for (let round = 0; round < maxRounds; round++) {
      const ready = this.accumulator.ready(now, this.closing);
      let next = ready.next;
      if (ready.unknownLeader) {
        this.requestMetadata();
        next = Math.min(next, now + METADATA_MIN_INTERVAL_MS);
      }
      nextWake = Math.min(nextWake, next);
      let sent = false;
      for (const node of ready.nodes) {
        if (!this.client.ready(node, now)) continue;
        const batches = this.accumulator.drain(node, now);
        if (batches.length === 0) continue;
        this.sendRequest(node, batches, now);
        sent = true;
      }
      if (!sent) break;
    }
    if (nextWake < Infinity) this.wake(Math.max(nextWake, now));
  }

  private sendRequest(node: number, batches: ProducerBatch[], now: number): void {
    let bytes = REQUEST_OVERHEAD_BYTES;
    for (const b of batches) bytes += b.wireBytes;
    const req: ProduceRequest = { id: this.nextRequestId++, node, batches, acks: this.cfg.acks, bytes, sentMs: now, connGen: this.client.generation(node) };
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
        requestBytes: bytes, exhausted: this.pool.hasWaiters, closing: this.closing, queueFull: b.queueFullAtDrain, drainGated: this.accumulator.lastDrainGated,
      });
    }
    const cluster = this.cluster;
    const written = this.env.net.send(PRODUCER, node, bytes, () => cluster.deliver(node, req));
    if (this.cfg.acks === 0) {
      // acks=0: complete on socket write; the producer never learns what happened next
      const f: InFlightRequest = { req, batches, node };
      this.client.add(f, false);
      this.env.scheduler.at(Math.max(now, written), () => {
        if (!this.client.remove(f)) return;
        const s = this.env.scheduler.now;
        for (const b of batches) if (!b.done) this.done.acked(b, -1, s);
        this.accumulator.unmute(batches);
        this.wake(s);
      });
      return;
    }
    this.client.add({ req, batches, node }, true);
  }

  // ---- responses -------------------------------------------------------------------------------

  onResponse(req: ProduceRequest, results: PartitionResult[]): void {
    const f = this.client.completeNext(req);
    if (!f) return;
    this.completeRequest(f, results, this.env.scheduler.now);
    this.wake(this.env.scheduler.now);
  }

  /** results null = the connection failed. */
  private completeRequest(f: InFlightRequest, results: PartitionResult[] | null, now: number): void {
    for (let i = 0; i < f.batches.length; i++) {
      const b = f.batches[i];
      const res: PartitionResult = results ? results[i] : { error: 'NETWORK_EXCEPTION', baseOffset: -1 };
      if (this.idempotent) this.txn.removeInFlightBatch(b);
      if (res.error === null) {
        if (this.idempotent) this.txn.handleCompletedBatch(b);
        if (!b.done) this.done.acked(b, res.baseOffset, now);
      } else if (!b.done) {
        this.handleError(b, res.error, now);
      }
    }
    this.accumulator.unmute(f.batches);
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
    if (this.idempotent) this.txn.handleRefusedBatch(b, error);
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
    if (this.idempotent && b.baseSequence >= 0) this.txn.markUnresolved(b);
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
    for (let node = 0; node < this.client.nodes; node++) {
      for (const f of this.client.inFlightRequests(node)) {
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
    if (this.idempotent && b.baseSequence >= 0) this.txn.markUnresolved(b);
    this.env.events.log({ type: 'batch-expired', batch: b.batchId, partition: b.partition, records: n, inFlight, text });
    this.done.failed(b, 'TimeoutException', now, 'expired');
  }
}

/**
 * KafkaProducer plus the application thread that calls send(): Poisson arrivals, partition choice,
 * append to the accumulator, buffer.memory back-pressure (block up to max.block.ms, or Netflix's
 * drop-on-full), RecordTooLarge, and the callback of every record (exactly once: acked or failed).
 *
 * LOUD (performance): arrivals are handled inline, one after another, while no other scheduler event
 * is due before them; the common path allocates nothing per record except an array slot. Anything
 * that logs, blocks or drops is moved to a real scheduler event at its own time first.
 */
import type { RandomStream, Rng } from '../../core/rng';
import type { ResolvedConfig } from '../config';
import { RECORD_BATCH_OVERHEAD } from '../config';
import type { ClusterEnv } from '../types';
import { BATCH, RecordAccumulator, type ProducerBatch } from './accumulator';
import { BufferPool } from './bufferPool';
import { LatencyHistogram } from './latencyHistogram';
import { Partitioner } from './partitioner';
import type { KeylessPartitionerFactory } from './keylessPartitioner';
import { Sender, type Completions } from './sender';
import type { ProducerCluster } from './networkClient';
import { workloadKey } from './murmur2';

export const RECORD_OVERHEAD_BYTES = 10;

/** per-record outcome */
export const REC = { pending: 0, acked: 1, failed: 2, dropped: 3 } as const;

export class RecordTable {
  sendMs = new Float64Array(1024);
  key = new Int32Array(1024);
  partition = new Int32Array(1024);
  state = new Uint8Array(1024);
  count = 0;

  add(t: number, key: number, partition: number): number {
    const id = this.count++;
    if (id >= this.state.length) this.grow();
    this.sendMs[id] = t;
    this.key[id] = key;
    this.partition[id] = partition;
    return id;
  }

  private grow(): void {
    const n = this.state.length * 2;
    const s = new Float64Array(n);
    s.set(this.sendMs);
    this.sendMs = s;
    const k = new Int32Array(n);
    k.set(this.key);
    this.key = k;
    const pa = new Int32Array(n);
    pa.set(this.partition);
    this.partition = pa;
    const st = new Uint8Array(n);
    st.set(this.state);
    this.state = st;
  }
}

export interface AckedBatchRef {
  offset: number;
  batch: ProducerBatch;
}

const OK = 0;
const NEED_EVENT = 1;
const BLOCKED = 2;

export class KafkaProducer implements Completions {
  readonly records = new RecordTable();
  readonly acc: RecordAccumulator;
  readonly pool: BufferPool;
  readonly partitioner: Partitioner;
  readonly sender: Sender;
  readonly recordSize: number;
  // ---- outcome counters ----
  sent = 0;
  ackedCount = 0;
  failedBy: Record<string, number> = {};
  failedTotal = 0;
  droppedFull = 0;
  droppedFailed = 0;
  blockedMs = 0;
  blockedCount = 0;
  /** callbacks for a record that already had one (must stay 0) */
  callbackViolations = 0;
  /** callbacks later than delivery.timeout.ms after send() returned (must stay 0) */
  lateCallbacks = 0;
  readonly latency = new LatencyHistogram();
  readonly windowLatency = new LatencyHistogram();
  /** acked batches per partition with their offsets (acks >= 1), for loss checks */
  readonly ackedBatches: AckedBatchRef[][];
  appDone = false;
  // ---- app thread ----
  private nextArrivalMs = 0;
  private nextKey = -1;
  private nextPartition = -1;
  private pumpAt = Infinity;
  private blocked: { id: number; key: number; partition: number; since: number; need: number; token: number } | null = null;
  private blockToken = 0;
  private resumeScheduled = false;
  private readonly rngArrivals: RandomStream;
  private readonly rngKeys: RandomStream;
  private readonly meanGapMs: number;
  /** drops/rejections are counted per record but logged as one event per sample tick */
  pendingDropEvents = 0;
  pendingRejectEvents = 0;

  constructor(
    private readonly env: ClusterEnv,
    private readonly cfg: ResolvedConfig,
    rng: Rng,
    cluster: ProducerCluster,
    /** the code lab's keyless partitioner, replacing cfg.partitioner's keyless choice */
    keyless?: KeylessPartitionerFactory,
  ) {
    const keyBytes = cfg.keys > 0 ? workloadKey(cfg.keys - 1).length : 0;
    this.recordSize = cfg.recordBytes + keyBytes + RECORD_OVERHEAD_BYTES;
    this.pool = new BufferPool(cfg.bufferMemory);
    // LOUD: the plug-in's seed comes from its own named stream, so the built-ins' streams are untouched
    const plugin = keyless ? keyless({ numPartitions: cfg.partitions, batchSize: cfg.batchSize, recordBytes: this.recordSize }, rng.stream('yours.partitioner').nextUint32()) : null;
    this.partitioner = new Partitioner(cfg.partitioner, cfg.partitions, cfg.batchSize, rng.stream('partitioner'), cfg.keys, plugin);
    this.acc = new RecordAccumulator({ partitions: cfg.partitions, batchSize: cfg.batchSize, lingerMs: cfg.lingerMs, compressionRatio: cfg.compressionRatio, producerId: 1000 });
    this.sender = new Sender(env, cfg, this.acc, this.pool, this.partitioner, cluster, this, rng.stream('backoff'), rng.stream('compression'), this.recordSize, cfg.brokers);
    this.ackedBatches = Array.from({ length: cfg.partitions }, () => []);
    this.rngArrivals = rng.stream('arrivals');
    this.rngKeys = rng.stream('keys');
    this.meanGapMs = cfg.recordsPerSecond > 0 ? 1000 / cfg.recordsPerSecond : Infinity;
    this.pool.onFree = () => this.scheduleResume();
  }

  start(): void {
    this.sender.bootstrap();
    this.nextArrivalMs = this.drawGap();
    this.nextKey = this.drawKey();
    this.schedulePump(this.nextArrivalMs);
  }

  private drawGap(): number {
    return this.meanGapMs === Infinity ? Infinity : this.rngArrivals.exponential(1 / this.meanGapMs);
  }

  private drawKey(): number {
    return this.cfg.keys > 0 ? this.rngKeys.int(0, this.cfg.keys - 1) : -1;
  }

  private schedulePump(t: number): void {
    if (t >= this.pumpAt) return;
    this.pumpAt = t;
    this.env.scheduler.at(t, this.pump);
  }

  private readonly pump = (): void => {
    const s = this.env.scheduler;
    const now = s.now;
    if (this.pumpAt !== now) return;
    this.pumpAt = Infinity;
    if (this.blocked || this.appDone) return;
    const duration = this.cfg.durationMs;
    let limit = s.peekTime();
    for (;;) {
      let t = this.nextArrivalMs;
      // the application stops calling send() at durationMs, even with a backlog behind a block
      if (t >= duration || now >= duration) {
        this.finishApp();
        return;
      }
      if (t < now) t = now;
      else if (t > now && t >= limit) {
        this.schedulePump(t);
        return;
      }
      const r = this.trySend(t, t === now);
      if (r === NEED_EVENT) {
        this.schedulePump(t);
        return;
      }
      this.nextArrivalMs += this.drawGap();
      this.nextKey = this.drawKey();
      this.nextPartition = -1;
      if (r === BLOCKED) return;
      limit = s.peekTime();
    }
  };

  private finishApp(): void {
    if (this.appDone) return;
    this.appDone = true;
    const s = this.env.scheduler;
    // KafkaProducer.close(): batches become sendable at once and are flushed
    s.at(Math.max(s.now, this.cfg.durationMs), () => {
      this.sender.closing = true;
      this.sender.wake(s.now);
    });
  }

  /** One send() at time t (t > now only on the inline fast path). */
  private trySend(t: number, atNow: boolean): number {
    const size = this.recordSize;
    const cfg = this.cfg;
    if (size + RECORD_BATCH_OVERHEAD > cfg.maxRequestSize || size + RECORD_BATCH_OVERHEAD > cfg.bufferMemory) {
      if (!atNow) return NEED_EVENT;
      // KafkaProducer.ensureValidRecordSize: fails at once, never buffered
      const id = this.records.add(t, this.nextKey, -1);
      this.sent++;
      this.completeRecord(id, REC.failed, t);
      this.countFailure('RecordTooLargeException', 1);
      this.pendingRejectEvents++;
      return OK;
    }
    const key = this.nextKey;
    let p = this.nextPartition;
    if (p < 0) p = this.nextPartition = this.partitioner.partition(key, t);
    let b = this.acc.lastOpenBatchFor(p, size);
    if (!b && this.partitioner.abortOnNewBatch && key < 0) {
      // KIP-480: abort the append, switch the sticky partition, append there
      this.partitioner.onNewBatch(p);
      p = this.nextPartition = this.partitioner.partition(key, t);
      b = this.acc.lastOpenBatchFor(p, size);
    }
    if (b) {
      const id = this.records.add(t, key, p);
      this.sent++;
      const full = this.acc.appendTo(b, id, size);
      this.afterAppend(p, key, size);
      if (full) this.sender.wake(t);
      return OK;
    }
    const need = this.acc.bufferSizeFor(size);
    if (this.pool.tryAllocate(need)) {
      const nb = this.acc.newBatch(p, t, need);
      const id = this.records.add(t, key, p);
      this.sent++;
      const full = this.acc.appendTo(nb, id, size);
      this.afterAppend(p, key, size);
      this.sender.wake(full ? t : t + cfg.lingerMs);
      return OK;
    }
    if (!atNow) return NEED_EVENT;
    // buffer.memory exhausted
    const id = this.records.add(t, key, p);
    this.sent++;
    if (cfg.onBufferFull === 'drop') {
      this.droppedFull++;
      this.records.state[id] = REC.dropped;
      this.pendingDropEvents++;
      return OK;
    }
    if (cfg.maxBlockMs === 0) {
      this.completeRecord(id, REC.failed, t);
      this.countFailure('BufferExhaustedException', 1);
      return OK;
    }
    const token = ++this.blockToken;
    this.blocked = { id, key, partition: p, since: t, need, token };
    this.blockedCount++;
    this.pool.waitingFor = need;
    this.env.events.log({ type: 'send-blocked', partition: p });
    this.env.scheduler.at(t + cfg.maxBlockMs, () => this.blockExpired(token));
    this.sender.wake(t);
    return BLOCKED;
  }

  private afterAppend(p: number, key: number, size: number): void {
    if (key < 0) this.partitioner.onAppend(p, size, this.acc.allBatchesFull(p));
    else this.partitioner.countKeyed(p, size);
  }

  private scheduleResume(): void {
    if (this.resumeScheduled || !this.blocked) return;
    this.resumeScheduled = true;
    this.env.scheduler.after(0, () => {
      this.resumeScheduled = false;
      this.resume();
    });
  }

  private resume(): void {
    const bl = this.blocked;
    if (!bl || !this.pool.tryAllocate(bl.need)) return;
    const now = this.env.scheduler.now;
    this.blocked = null;
    this.pool.waitingFor = 0;
    const nb = this.acc.newBatch(bl.partition, now, bl.need);
    this.records.sendMs[bl.id] = now; // send() returns now
    const full = this.acc.appendTo(nb, bl.id, this.recordSize);
    this.afterAppend(bl.partition, bl.key, this.recordSize);
    this.blockedMs += now - bl.since;
    this.env.events.log({ type: 'send-unblocked', blockedMs: now - bl.since, exhausted: false });
    this.sender.wake(full ? now : now + this.cfg.lingerMs);
    this.schedulePump(now);
  }

  private blockExpired(token: number): void {
    const bl = this.blocked;
    if (!bl || bl.token !== token) return;
    const now = this.env.scheduler.now;
    this.blocked = null;
    this.pool.waitingFor = 0;
    this.blockedMs += now - bl.since;
    // BufferExhaustedException reaches the callback / Future; send() returns after blocking
    this.records.sendMs[bl.id] = now;
    this.completeRecord(bl.id, REC.failed, now);
    this.countFailure('BufferExhaustedException', 1);
    this.env.events.log({ type: 'send-unblocked', blockedMs: now - bl.since, exhausted: true });
    this.schedulePump(now);
  }

  get isBlocked(): boolean {
    return this.blocked !== null;
  }

  // ---- completions -----------------------------------------------------------------------------

  private completeRecord(id: number, state: number, now: number): void {
    const st = this.records.state;
    if (st[id] !== REC.pending) this.callbackViolations++;
    st[id] = state;
    if (now - this.records.sendMs[id] > this.cfg.deliveryTimeoutMs + 1) this.lateCallbacks++;
  }

  private countFailure(error: string, n: number): void {
    this.failedBy[error] = (this.failedBy[error] ?? 0) + n;
    this.failedTotal += n;
  }

  acked(b: ProducerBatch, baseOffset: number, now: number): void {
    b.done = true;
    b.state = BATCH.acked;
    const ids = b.recordIds;
    const sendMs = this.records.sendMs;
    const st = this.records.state;
    const lateAfter = this.cfg.deliveryTimeoutMs + 1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (st[id] !== REC.pending) this.callbackViolations++;
      st[id] = REC.acked;
      const lat = now - sendMs[id];
      if (lat > lateAfter) this.lateCallbacks++;
      this.latency.add(lat);
      this.windowLatency.add(lat);
    }
    this.ackedCount += ids.length;
    this.pool.release(b.bufferBytes);
    if (baseOffset >= 0) this.ackedBatches[b.partition].push({ offset: baseOffset, batch: b });
    this.onBatchDone?.(b, now);
    this.env.events.log({ type: 'batch-acked', batch: b.batchId, partition: b.partition, records: ids.length, offset: baseOffset, latencyMs: now - b.createdMs });
  }

  failed(b: ProducerBatch, error: string, now: number, how: 'failed' | 'expired'): void {
    b.done = true;
    const drop = this.cfg.onBufferFull === 'drop';
    b.state = how === 'expired' ? BATCH.expired : drop ? BATCH.dropped : BATCH.failed;
    for (const id of b.recordIds) this.completeRecord(id, REC.failed, now);
    this.countFailure(error, b.recordIds.length);
    if (drop) this.droppedFailed += b.recordIds.length;
    this.pool.release(b.bufferBytes);
    this.onBatchDone?.(b, now);
    if (how === 'failed') this.env.events.log({ type: 'batch-failed', batch: b.batchId, partition: b.partition, records: b.recordIds.length, error, dropped: drop });
  }

  stateChanged(b: ProducerBatch, now: number): void {
    this.onBatchState?.(b, now);
  }

  /** hooks for the batch-lifecycle machines (traced runs) */
  onBatchState?: (b: ProducerBatch, now: number) => void;
  onBatchDone?: (b: ProducerBatch, now: number) => void;

  /** records still waiting for a callback (should be 0 at the horizon) */
  pendingRecords(): number {
    let n = 0;
    const st = this.records.state;
    for (let i = 0; i < this.records.count; i++) if (st[i] === REC.pending) n++;
    return n - (this.blocked ? 1 : 0);
  }
}

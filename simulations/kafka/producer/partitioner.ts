/**
 * Partition choice for one topic, as the Java producer makes it.
 *
 * - keyed records (all built-ins except round-robin): toPositive(murmur2(key)) % P
 * - 'adaptive' (KIP-794, built-in since 3.3): stay on a partition until >= batch.size bytes went to
 *   it and its last batch is full, or >= 2 x batch.size regardless; then pick at random, weighted by
 *   (maxQueue + 1 - queueSize) so shorter queues win (BuiltInPartitioner).
 * - 'sticky' (KIP-480, 2.4-3.2 DefaultPartitioner/UniformStickyPartitioner): switch whenever an
 *   append would create a new batch (abortOnNewBatch), to a random OTHER available partition.
 * - 'round-robin' (RoundRobinPartitioner): ignores keys, cycles over available partitions.
 * - 'time-sticky' (Netflix's pre-KIP-480 partitioner, credited in KIP-480): one partition for a fixed
 *   period, then a random other one. The period is not published; TIME_STICKY_MS is our assumption.
 * - a plug-in (keylessPartitioner.ts, the code lab's learner partitioner): chooses keyless partitions
 *   and how many bytes to stay; keyed records still go by murmur2.
 */
import type { RandomStream } from '../../core/rng';
import type { KeylessPartitioner } from './keylessPartitioner';
import { partitionForKey, utf8, workloadKey } from './murmur2';

export type PartitionerKind = 'adaptive' | 'sticky' | 'round-robin' | 'time-sticky';

export const TIME_STICKY_MS = 100;

export class Partitioner {
  /** key index -> partition, filled lazily (murmur2 once per distinct key) */
  private keyPartition: Int32Array;
  private sticky = -1;
  private producedBytes = 0;
  private stickySince = 0;
  private rrCounter = 0;
  /** KIP-794 load stats: cumulative frequency table over partitions with a leader, or null = uniform */
  private cumulative: Int32Array | null = null;
  private cumulativeIds: Int32Array | null = null;
  private available: number[] = [];
  /** the plug-in's load statistics (queue sizes at the last drain) and its current stay, bytes */
  private readonly queued: number[];
  private stickyBytes = 0;
  private lastChosen = -1;
  /** bytes appended per partition (for tests and the UI) */
  readonly bytesPerPartition: Float64Array;
  switches = 0;

  constructor(
    readonly kind: PartitionerKind,
    readonly numPartitions: number,
    readonly batchSize: number,
    private readonly rng: RandomStream,
    keys: number,
    /** replaces the kind's keyless choice (the code lab); null = the built-in */
    private readonly plugin: KeylessPartitioner | null = null,
  ) {
    this.queued = new Array<number>(numPartitions).fill(0);
    this.keyPartition = new Int32Array(Math.max(0, keys)).fill(-1);
    this.bytesPerPartition = new Float64Array(numPartitions);
    this.available = Array.from({ length: numPartitions }, (_, i) => i);
  }

  /** KIP-480 asks to re-partition when an append would open a new batch. */
  get abortOnNewBatch(): boolean {
    return !this.plugin && this.kind === 'sticky';
  }

  /** Partitions with a known leader (metadata); all partitions when none has one. */
  setAvailable(hasLeader: (p: number) => boolean): void {
    const avail: number[] = [];
    for (let p = 0; p < this.numPartitions; p++) if (hasLeader(p)) avail.push(p);
    this.available = avail;
  }

  keyedPartition(key: number): number {
    let p = this.keyPartition[key];
    if (p < 0) {
      p = partitionForKey(utf8(workloadKey(key)), this.numPartitions);
      this.keyPartition[key] = p;
    }
    return p;
  }

  /** Partition for a record; key = -1 for keyless. `t` is the send time (time-sticky only). */
  partition(key: number, t: number): number {
    if (this.plugin) {
      if (key >= 0) return this.keyedPartition(key);
      if (this.sticky < 0) this.choosePlugin(t);
      return this.sticky;
    }
    if (key >= 0 && this.kind !== 'round-robin') return this.keyedPartition(key);
    switch (this.kind) {
      case 'round-robin': {
        const avail = this.available.length > 0 ? this.available : null;
        const n = this.rrCounter++;
        return avail ? avail[n % avail.length] : n % this.numPartitions;
      }
      case 'time-sticky':
        if (this.sticky < 0 || t - this.stickySince >= TIME_STICKY_MS) {
          this.sticky = this.randomOther(this.sticky);
          this.stickySince = t;
          this.switches++;
        }
        return this.sticky;
      case 'sticky':
        if (this.sticky < 0) this.sticky = this.randomOther(-1);
        return this.sticky;
      case 'adaptive':
        if (this.sticky < 0) {
          this.sticky = this.nextAdaptive();
          this.producedBytes = 0;
        }
        return this.sticky;
    }
  }

  /** After a keyless append (KIP-794 updatePartitionInfo). */
  onAppend(partition: number, bytes: number, allBatchesFull: boolean): void {
    this.bytesPerPartition[partition] += bytes;
    if (this.plugin) {
      if (partition !== this.sticky) return;
      this.producedBytes += bytes;
      if (this.producedBytes >= this.stickyBytes) this.sticky = -1;
      return;
    }
    if (this.kind !== 'adaptive' || partition !== this.sticky) return;
    this.producedBytes += bytes;
    const s = this.batchSize;
    if ((this.producedBytes >= s && allBatchesFull) || this.producedBytes >= 2 * s) {
      this.sticky = this.nextAdaptive();
      this.producedBytes = 0;
      this.switches++;
    }
  }

  /** Keyed appends only count bytes. */
  countKeyed(partition: number, bytes: number): void {
    this.bytesPerPartition[partition] += bytes;
  }

  /** KIP-480 onNewBatch: move the sticky partition to a random other available one. */
  onNewBatch(previous: number): void {
    if (this.plugin || this.kind !== 'sticky' || previous !== this.sticky) return;
    this.sticky = this.randomOther(previous);
    this.switches++;
  }

  /**
   * KIP-794 updatePartitionLoadStats, from ready(): queue sizes (batches) of partitions with a leader.
   * Equal sizes (or fewer than 2 partitions) mean uniform choice.
   */
  updateLoadStats(queueSizes: ArrayLike<number>, hasLeader: (p: number) => boolean): void {
    if (this.plugin) {
      for (let p = 0; p < this.numPartitions; p++) this.queued[p] = queueSizes[p];
      return;
    }
    if (this.kind !== 'adaptive') return;
    let n = 0;
    let max = 0;
    let min = Infinity;
    for (let p = 0; p < this.numPartitions; p++) {
      if (!hasLeader(p)) continue;
      n++;
      max = Math.max(max, queueSizes[p]);
      min = Math.min(min, queueSizes[p]);
    }
    if (n < 2 || max === min) {
      this.cumulative = null;
      return;
    }
    const cum = new Int32Array(n);
    const ids = new Int32Array(n);
    let i = 0;
    let acc = 0;
    for (let p = 0; p < this.numPartitions; p++) {
      if (!hasLeader(p)) continue;
      acc += max + 1 - queueSizes[p];
      cum[i] = acc;
      ids[i] = p;
      i++;
    }
    this.cumulative = cum;
    this.cumulativeIds = ids;
  }

  /**
   * Ask the plug-in for the next partition and its stay. The code lab's wrapper already refused a
   * bad choice at the learner's line:col; this guard keeps the simulation sound with any plug-in.
   */
  private choosePlugin(t: number): void {
    const previous = this.lastChosen;
    const choice = this.plugin!.choose({ nowMs: t, previous, available: [...this.available], queuedBatches: [...this.queued] });
    const p = choice.partition;
    if (!Number.isInteger(p) || p < 0 || p >= this.numPartitions) throw new RangeError(`keyless partitioner chose partition ${p}; the topic has partitions 0 … ${this.numPartitions - 1}`);
    const stay = choice.stickyBytes ?? this.batchSize;
    if (!(stay > 0) || !Number.isFinite(stay)) throw new RangeError(`keyless partitioner asked to stay ${stay} bytes; it must be a positive number`);
    if (previous >= 0 && p !== previous) this.switches++;
    this.sticky = p;
    this.lastChosen = p;
    this.stickyBytes = stay;
    this.producedBytes = 0;
  }

  private randomInt(): number {
    return this.rng.nextUint32() & 0x7fffffff;
  }

  private nextAdaptive(): number {
    const cum = this.cumulative;
    if (cum && this.cumulativeIds) {
      const weighted = this.randomInt() % cum[cum.length - 1];
      // first index with cum[i] > weighted (Arrays.binarySearch insertion point semantics)
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > weighted) hi = mid;
        else lo = mid + 1;
      }
      return this.cumulativeIds[lo];
    }
    const avail = this.available;
    if (avail.length > 0) return avail[this.randomInt() % avail.length];
    return this.randomInt() % this.numPartitions;
  }

  private randomOther(old: number): number {
    const avail = this.available;
    if (avail.length === 0) return this.randomInt() % this.numPartitions;
    if (avail.length === 1) return avail[0];
    let p = old;
    while (p === old) p = avail[this.randomInt() % avail.length];
    return p;
  }
}

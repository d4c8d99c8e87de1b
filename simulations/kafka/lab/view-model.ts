/**
 * Read-only snapshots of a running Kafka model for the lab view (components/labs/kafka): the
 * cluster (brokers, each partition's replicas with LEO / HW / ISR / leader), the producer's
 * accumulator queues and buffer pool, and the facts the verdict explains a result with.
 *
 * LOUD: nothing here may mutate the model (no audit side effects beyond KafkaSim.audit()'s cache,
 * no scheduler calls). The view calls these once per frame, so they are O(brokers × shown
 * partitions + shown batches), never O(records).
 */
import type { KafkaModel } from './kafkaLab';
import { BATCH_STATE_NAMES } from '../producer/accumulator';
import { PRODUCER } from '../net/network';
import type { ResolvedConfig } from '../config';

export interface ReplicaView {
  broker: number;
  leo: number;
  hw: number;
  role: 'leader' | 'follower' | 'offline';
  /** in the controller's ISR for this partition */
  inIsr: boolean;
  /** the controller's leader for this partition */
  leader: boolean;
  /** the broker process is running */
  alive: boolean;
}

export interface BatchView {
  batchId: number;
  records: number;
  /** estimated bytes written / the batch's write limit (batch.size), 0..1 */
  fill: number;
  /** ms since the batch was created */
  ageMs: number;
  state: (typeof BATCH_STATE_NAMES)[number];
  /** attempts so far (> 0: a retry waiting in the queue) */
  attempts: number;
}

export interface PartitionView {
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** eligible leader replicas (KIP-966; empty unless topic.eligibleLeaderReplicas) */
  elr: number[];
  /** assigned replicas, in assignment order */
  replicas: ReplicaView[];
  /** no leader: no reads, no writes */
  offline: boolean;
  /** the largest LEO among its replicas (the log bars' scale) */
  maxLeo: number;
  /** the leader's high watermark (what consumers can read), or the highest replica HW when offline */
  hw: number;
  /** head batches of the producer's queue for this partition (at most `batchesShown`) */
  queue: BatchView[];
  queuedBatches: number;
}

export type BrokerProcess = 'running' | 'down' | 'recovering';

export interface BrokerView {
  id: number;
  alive: boolean;
  /** the broker lifecycle machine's regions */
  process: BrokerProcess | string;
  session: string;
  slow: boolean;
  droppingResponses: boolean;
  /** the producer cannot reach it (network partition) */
  cutFromProducer: boolean;
  /** cut from every other broker */
  isolated: boolean;
  /** partitions it leads */
  leads: number;
}

export interface ProducerView {
  bufferUsed: number;
  bufferTotal: number;
  bufferPeak: number;
  /** the application thread waits in send() for memory */
  blocked: boolean;
  onBufferFull: 'block' | 'drop';
  lingerMs: number;
  batchSize: number;
  queuedBatches: number;
}

export interface ClusterView {
  now: number;
  brokers: BrokerView[];
  partitions: PartitionView[];
  /** partitions not in `partitions` (only the first `partitionsShown` are described) */
  hiddenPartitions: number;
  producer: ProducerView;
}

export interface ViewOptions {
  partitionsShown?: number;
  batchesShown?: number;
}

/** The cluster at the model's current time, or null for a run whose params were rejected. */
export function clusterView(model: KafkaModel, options: ViewOptions = {}): ClusterView | null {
  const sim = model.sim;
  if (!sim) return null;
  const cfg = sim.cfg;
  const now = sim.ctx.scheduler.now;
  const shown = Math.min(cfg.partitions, Math.max(1, options.partitionsShown ?? cfg.partitions));
  const batchesShown = Math.max(0, options.batchesShown ?? 4);
  const acc = sim.producer.acc;

  const leads = new Array<number>(cfg.brokers).fill(0);
  for (const meta of sim.controller.parts) if (meta.leader >= 0) leads[meta.leader]++;

  const brokers: BrokerView[] = sim.brokers.map((b) => {
    const [process = 'running', session = 'active'] = (sim.brokerStates[b.id] ?? '').split('/');
    let isolated = cfg.brokers > 1;
    for (const other of sim.brokers) if (other.id !== b.id && !sim.net.isCut(b.id, other.id)) isolated = false;
    return {
      id: b.id,
      alive: b.alive,
      process,
      session,
      slow: b.slow > 0,
      droppingResponses: b.dropResponses > 0,
      cutFromProducer: sim.net.isCut(b.id, PRODUCER),
      isolated,
      leads: leads[b.id],
    };
  });

  const partitions: PartitionView[] = [];
  for (let p = 0; p < shown; p++) {
    const meta = sim.controller.parts[p];
    let maxLeo = 0;
    let maxHw = 0;
    const replicas: ReplicaView[] = meta.replicas.map((b) => {
      const r = sim.brokers[b].replica(p)!;
      maxLeo = Math.max(maxLeo, r.log.leo);
      maxHw = Math.max(maxHw, r.hw);
      return { broker: b, leo: r.log.leo, hw: r.hw, role: r.role, inIsr: meta.isr.includes(b), leader: meta.leader === b, alive: sim.brokers[b].alive };
    });
    const leaderReplica = meta.leader >= 0 ? sim.brokers[meta.leader].replica(p) : undefined;
    const q = acc.queues[p];
    const queue: BatchView[] = [];
    for (let i = 0; i < Math.min(q.length, batchesShown); i++) {
      const b = q[i];
      const fill = b.writeLimit > 0 ? Math.min(1, acc.estimatedBytes(b) / b.writeLimit) : 1;
      queue.push({ batchId: b.batchId, records: b.recordIds.length, fill, ageMs: Math.max(0, now - b.createdMs), state: BATCH_STATE_NAMES[b.state], attempts: b.attempts });
    }
    partitions.push({
      partition: p,
      leader: meta.leader,
      leaderEpoch: meta.leaderEpoch,
      isr: [...meta.isr],
      elr: [...meta.elr],
      replicas,
      offline: meta.leader < 0,
      maxLeo,
      hw: leaderReplica ? leaderReplica.hw : maxHw,
      queue,
      queuedBatches: q.length,
    });
  }

  const pool = sim.producer.pool;
  return {
    now,
    brokers,
    partitions,
    hiddenPartitions: cfg.partitions - shown,
    producer: {
      bufferUsed: pool.used,
      bufferTotal: pool.total,
      bufferPeak: pool.maxUsed,
      blocked: sim.producer.isBlocked,
      onBufferFull: cfg.onBufferFull,
      lingerMs: cfg.lingerMs,
      batchSize: cfg.batchSize,
      queuedBatches: acc.queuedBatches(),
    },
  };
}

/** What happened in the run so far that explains its outcome (for the verdict). O(brokers + partitions). */
export interface RunFacts {
  cfg: ResolvedConfig;
  uncleanElections: number;
  diskLosses: number;
  /** the disk losses that lost only the un-fsynced tail (faults with lostTailMs) */
  tailLosses: number;
  /** leader elections after topic creation (failovers) */
  leaderElections: number;
  /** acks=all writes refused because the ISR was below min.insync.replicas */
  notEnoughReplicas: number;
  truncations: number;
  /** records found missing from a newly elected leader (live count; the audit is authoritative) */
  liveLostAcked: number;
  /** records a leader appended a second time */
  duplicateWrites: number;
  /** records whose callback reported failure but which are in the log (ambiguous outcomes) */
  failedButWritten: number;
  /** acknowledged records missing from each partition's final log (the audit, per partition) */
  lostAckedByPartition: number[];
  /** records that landed behind a later-sent record of the same key (keyed workloads) */
  reorderedPerKey: number;
  faultsApplied: number;
  /** batches that expired while in flight (their outcome is unknown to the producer) */
  ambiguousExpiries: number;
  /** the application thread is waiting in send() for buffer memory right now */
  blockedNow: boolean;
}

export function runFacts(model: KafkaModel): RunFacts | null {
  const sim = model.sim;
  if (!sim) return null;
  const rec = sim.ctx.recorder;
  const audit = sim.audit();
  return {
    cfg: sim.cfg,
    uncleanElections: sim.controller.uncleanElections,
    diskLosses: sim.diskLosses,
    tailLosses: sim.tailLosses,
    leaderElections: rec.count('leader-elected'),
    notEnoughReplicas: rec.count('not-enough-replicas'),
    truncations: rec.count('truncate'),
    liveLostAcked: sim.liveLostAcked,
    duplicateWrites: sim.duplicateWrites,
    failedButWritten: audit.failedButWritten,
    lostAckedByPartition: audit.lostAckedByPartition,
    reorderedPerKey: audit.reorderedPerKey,
    faultsApplied: sim.faultLog.length,
    ambiguousExpiries: sim.producer.sender.ambiguousExpiries,
    blockedNow: sim.producer.isBlocked,
  };
}


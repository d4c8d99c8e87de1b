/**
 * The Kafka lab's recorder contract: the events it logs (E), the series it samples (N) and the frame
 * a view may draw (F). Views read series names through `KafkaSeries`, so a typo is a type error.
 */
import type { ResolvedConfig } from '../config';
import type { BATCH_STATE_NAMES } from '../producer/accumulator';

export type { KafkaEvent } from '../types';

/** Per-replica series are sampled for the first this-many partitions (each replica's LEO and HW). */
export const REPLICA_SERIES_PARTITIONS = 12;

export type KafkaSeries =
  | 'throughput.sent'
  | 'throughput.acked'
  | 'ack.p50'
  | 'ack.p99'
  | 'buffer.bytes'
  | 'dropped'
  | 'failed'
  | 'lostAcked'
  | 'duplicates'
  | 'blocked'
  /** log end offset of partition p on broker b: `leo.${p}.${b}` */
  | `leo.${number}.${number}`
  /** high watermark of partition p on broker b: `hw.${p}.${b}` */
  | `hw.${number}.${number}`;

/** Partitions the frame describes (the cluster canvas draws at most this many rows). */
export const FRAME_PARTITIONS = 12;
/** Head batches per partition queue the frame describes. */
export const FRAME_BATCHES = 4;

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

/** What happened in the run so far, as counters the model keeps live. O(1) to read. */
export interface LiveFacts {
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
  faultsApplied: number;
  /** batches that expired while in flight (their outcome is unknown to the producer) */
  ambiguousExpiries: number;
  /** the application thread is waiting in send() for buffer memory right now */
  blockedNow: boolean;
}

/**
 * The frame: plain data, O(brokers × FRAME_PARTITIONS + shown batches), never O(records).
 * `ok: false` when Kafka would refuse the params (the ConfigException's text).
 */
export type KafkaFrame = { ok: false; error: string } | { ok: true; cfg: ResolvedConfig; cluster: ClusterView; facts: LiveFacts };

/** Series are sampled every 100 ms while the application sends (and 5 s after), every second after. */
export const FINE_SAMPLE_MS = 100;
/** Past this many fine samples per series (runs longer than 195 s) the interval grows with the run. */
export const MAX_SERIES_POINTS = 2_000;

/**
 * The sample interval while sending: 100 ms, or for long runs a multiple of 100 ms that keeps each
 * series within MAX_SERIES_POINTS (600 s: 400 ms). Every run up to 195 s keeps 100 ms, so its
 * event log and series are unchanged.
 */
export function sampleIntervalMs(durationMs: number): number {
  const span = durationMs + 5_000;
  return span <= MAX_SERIES_POINTS * FINE_SAMPLE_MS ? FINE_SAMPLE_MS : Math.ceil(span / MAX_SERIES_POINTS / FINE_SAMPLE_MS) * FINE_SAMPLE_MS;
}

/** The sample interval after sending: 1 s, or ten fine intervals for long runs. */
export function tailSampleIntervalMs(durationMs: number): number {
  const fine = sampleIntervalMs(durationMs);
  return fine === FINE_SAMPLE_MS ? 1_000 : Math.max(1_000, 10 * fine);
}

/**
 * The Kafka lab's work budget (core/budget.ts): upper bounds, from the params alone, of the events
 * a run executes to its horizon and the bytes it holds at its largest.
 *
 * Events: every record is one application send() (at most one pump event each) and lands in a
 * batch; every batch costs a bounded number of events (request, response, wake-ups, the followers'
 * fetch and reply) per attempt; and the cluster ticks on its own (followers long-poll every 500 ms,
 * brokers heartbeat, the consumer polls, series are sampled). Batches are at most one per record,
 * and at most the full batches plus the non-full ones drains close (nonFullBatchesBound).
 *
 * Bytes: the producer's record table (17 B a record, grown by doubling: at most 3 copies' worth
 * while it grows), the record ids each batch lists (8 B), per batch its payload, the log entries of
 * its replicas and the acked reference; the recorder (at most 250k stored events of ~400 B, series
 * points of ~40 B each); the audit's two bytes a record. Kafka has no checkpoints.
 */
import type { WorkEstimate } from '../../core/budget';
import { horizonOf } from '../config';
import { TIME_STICKY_MS } from '../producer/partitioner';
import { RECORD_OVERHEAD_BYTES } from '../producer/producer';
import { DEFAULT_LINK } from '../net/network';
import { configOf } from './model';
import type { KafkaParams } from './schema';
import { REPLICA_SERIES_PARTITIONS, sampleIntervalMs, tailSampleIntervalMs } from './series';

/** events a batch attempt can cost: request, response, wakes, pump, per follower a fetch and its reply */
const EVENTS_PER_BATCH_BASE = 8;
const EVENTS_PER_BATCH_PER_REPLICA = 3;
/** bytes a batch holds besides its record ids: payload object, accumulator bookkeeping, acked ref */
const BYTES_PER_BATCH = 320;
const BYTES_PER_LOG_ENTRY = 80;
/** record ids in batches (8 B) and the audit's two arrays (2 B); the table is counted apart */
const BYTES_PER_RECORD = 8 + 2;
/** a logged batch event: ~7 fields, its type string, boxed times (held bytes measure ~150) */
const BYTES_PER_STORED_EVENT = 240;
const STORED_EVENTS_MAX = 250_000;
const BYTES_PER_POINT = 40;
const FIXED_BYTES = 8 * 2 ** 20;
/** Kafka simulates a few million events per wall second; this keeps the heaviest run under a minute */
export const KAFKA_EVENT_LIMIT = 60_000_000;
/**
 * Bytes a Kafka run may hold. Above the default (640 MiB) because this estimate is tight: it stays
 * within ~2× of the real heap (budget.test.ts), so 768 MiB estimated is a few hundred MiB real (the
 * heaviest run it admits, 10,000 records/s for 600 s, holds ~350 MiB in Node), under issue 11's
 * 1 GB heap target for the page (worker + main thread).
 */
export const KAFKA_BYTE_LIMIT = 768 * 2 ** 20;

/** Records the application sends: the Poisson mean plus a tail no run reaches (8 sigma). */
export function recordsBound(rate: number, durationMs: number): number {
  const mean = (rate * durationMs) / 1000;
  return Math.ceil(mean + 8 * Math.sqrt(mean) + 16);
}

/** linger.ms in effect: the version's default (5 in 4.x, 0 in 3.6) when the param is -1 */
function configLinger(p: KafkaParams): number {
  const l = p['producer.lingerMs'];
  return l >= 0 ? l : p.kafkaVersion === '3.6' ? 0 : 5;
}

/** The producer's record table: 17 B a slot, capacity doubled from 1024; while it grows it holds both copies. */
function recordTableBytes(records: number): number {
  let capacity = 1024;
  while (capacity < records) capacity *= 2;
  return 17 * (capacity + (capacity > 1024 ? capacity / 2 : 0));
}

/** Bytes a keyless record adds to its partition's count (the adaptive partitioner switches on these) */
function keylessRecordBytes(p: KafkaParams): number {
  return p['workload.recordBytes'] + RECORD_OVERHEAD_BYTES;
}

/**
 * The batches a drain closes before they are full, bounded from the accumulator's drain rules
 * (accumulatorDrain.ts, RecordAccumulator.ready/drain): a partition is drained only while its leader
 * has a READY head batch (full, a full one queued behind it, linger.ms expired, retrying, the buffer
 * exhausted, closing), and a drain then takes the head of EVERY partition that leader has (one each).
 * So a non-full batch is closed either by its own linger expiring (once per linger window per
 * partition that receives records: its batches follow one another) or dragged along by another
 * partition's ready head.
 *
 * - Records spread over partitions (round-robin, or keyed): every partition receiving records can
 *   expire once per linger window, and each full batch's drain can drag every other partition along:
 *   partitions × (appendMs / linger + 1) + full × (partitions − 1).
 * - Keyless records under a sticky partitioner (adaptive KIP-794, sticky KIP-480, time-sticky) go to
 *   ONE partition at a time. Its batches follow one another, so its own linger expires at most once a
 *   window; a batch of another partition exists only as the leftover of a switch (one per switch),
 *   closes once, and can drag the current one along once when it becomes ready:
 *   (appendMs / linger + 1) + 2 × (switches + 1). Switches: adaptive after ≥ batch.size bytes on a
 *   partition, time-sticky every TIME_STICKY_MS, sticky (KIP-480) on a new batch (leaves no open
 *   leftover: the switch happens because the old batch closed; counted as adaptive, to be safe).
 * - Faults move leaders, fail and retry requests, and a buffer that can run out makes every head
 *   ready at once (send() blocks, each freed buffer lets one record in and out; sends arrive until
 *   max.block.ms after the run): then the spread bound over that longer time, every full batch's
 *   drain dragging every partition. Otherwise send() never blocks: records arrive only while the
 *   workload runs.
 * LOUD: tests/unit/kafka/budget.test.ts measures real runs against this (estimate ≥ held bytes and
 * not over 2× them on a sample that includes the heaviest allowed run); loosen nothing without it.
 */
function nonFullBatchesBound(p: KafkaParams, records: number, full: number, lingerMs: number, appendMs: number): number {
  if (lingerMs <= 0) return records;
  const partitions = p['topic.partitions'];
  if (p.faults.length > 0 || bufferMayRunOut(p, partitions)) return partitions * (appendMs / lingerMs + 1) + full * (1 + partitions);
  // a buffer that never runs out never blocks send(): records arrive only during the run's duration
  const windows = p['workload.durationMs'] / lingerMs + 1;
  const keys = p['workload.keys'];
  const spreadBound = Math.min(partitions, keys > 0 ? keys : partitions) * windows + full * (partitions - 1);
  if (keys > 0 || p['producer.partitioner'] === 'round-robin') return spreadBound;
  const switches =
    p['producer.partitioner'] === 'time-sticky'
      ? p['workload.durationMs'] / TIME_STICKY_MS + 1
      : (records * keylessRecordBytes(p)) / Math.max(1, p['producer.batchSize']) + 1;
  return Math.min(spreadBound, windows + 2 * (switches + 1));
}

/**
 * Whether buffer.memory can run out without faults: it holds every batch from creation to its ack,
 * a batch.size allocation each (or its record, if larger). Without faults a partition holds at most
 * its open batch, one queued behind it and max.in.flight in flight; more than that only when the
 * cluster falls behind, which the byte rate (replicated, on 10 Gbit/s links) stays well under here.
 */
function bufferMayRunOut(p: KafkaParams, partitions: number): boolean {
  const allocation = Math.max(p['producer.batchSize'], keylessRecordBytes(p) + 64);
  const held = allocation * partitions * (2 + p['producer.maxInFlight']);
  const bytesPerMs = (p['workload.recordsPerSecond'] / 1000) * (keylessRecordBytes(p) + 64) * Math.max(1, p['topic.replicationFactor']);
  return held > p['producer.bufferMemory'] || bytesPerMs > DEFAULT_LINK.bytesPerMs / 4;
}

export function estimateKafkaWork(p: KafkaParams): WorkEstimate {
  const drivers = ['workload.recordsPerSecond', 'workload.durationMs', 'topic.partitions', 'producer.maxBlockMs'];
  let horizon: number;
  try {
    horizon = horizonOf(configOf(p));
  } catch {
    // Kafka refuses the params: the run logs one config error and stops
    return { events: 1, bytes: FIXED_BYTES, drivers };
  }
  const records = recordsBound(p['workload.recordsPerSecond'], p['workload.durationMs']);
  const brokers = p.brokers;
  const partitions = p['topic.partitions'];
  const rf = Math.min(p['topic.replicationFactor'], brokers);
  const recordWire = Math.max(1, p['workload.recordBytes'] * p['producer.compressionRatio']);
  const perFullBatch = Math.max(1, Math.floor(Math.max(1, p['producer.batchSize']) / (recordWire + 64)));
  // a batch closes when full or drained. A drain takes at most one (head) batch per partition, and
  // needs a ready batch: a full one (which may carry every other partition's open batch along) or
  // one whose linger ran out, which happens at most once per partition per linger window while
  // records arrive (the run, plus max.block.ms of blocked sends)
  const lingerMs = configLinger(p);
  const appendMs = p['workload.durationMs'] + (p['producer.onBufferFull'] === 'block' ? p['producer.maxBlockMs'] : 0);
  const full = Math.ceil(records / perFullBatch);
  const batches = Math.min(records, full + nonFullBatchesBound(p, records, full, lingerMs, appendMs));
  // retries: each fault can make every batch in flight try again; bounded by the batches themselves
  const attempts = 1 + Math.min(8, p.faults.length);
  const seconds = horizon / 1000;
  const ticking = seconds * (40 + partitions * (rf - 1) * 8 + brokers * 4);
  const events = 1.5 * records + batches * attempts * (EVENTS_PER_BATCH_BASE + EVENTS_PER_BATCH_PER_REPLICA * rf) + ticking + 1_000;

  const seriesCount = 10 + Math.min(partitions, REPLICA_SERIES_PARTITIONS) * rf * 2;
  const sendingMs = p['workload.durationMs'] + 5_000;
  const points = seriesCount * (sendingMs / sampleIntervalMs(p['workload.durationMs']) + horizon / tailSampleIntervalMs(p['workload.durationMs']) + 2);
  // per batch: batch-sent per attempt, batch-retry per retry, and its end (acked, failed, expired)
  const storedEvents = Math.min(STORED_EVENTS_MAX, 2 * batches * attempts + 1_000 + seconds * brokers * 4);
  const bytes =
    FIXED_BYTES +
    recordTableBytes(records) +
    records * BYTES_PER_RECORD +
    batches * (BYTES_PER_BATCH + rf * attempts * BYTES_PER_LOG_ENTRY) +
    storedEvents * BYTES_PER_STORED_EVENT +
    points * BYTES_PER_POINT;
  return { events, bytes, drivers };
}

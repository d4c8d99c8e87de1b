/**
 * The Kafka lab's work budget (core/budget.ts): upper bounds, from the params alone, of the events
 * a run executes to its horizon and the bytes it holds at its largest.
 *
 * Events: every record is one application send() (at most one pump event each) and lands in a
 * batch; every batch costs a bounded number of events (request, response, wake-ups, the followers'
 * fetch and reply) per attempt; and the cluster ticks on its own (followers long-poll every 500 ms,
 * brokers heartbeat, the consumer polls, series are sampled). Batches are at most one per record,
 * and at most the full batches plus the head batches each request can carry (requests are paced:
 * each holds one of max.in.flight slots per broker for at least a round trip, 2 ms).
 *
 * Bytes: the producer's record table (17 B a record, grown by doubling: at most 3 copies' worth
 * while it grows), the record ids each batch lists (8 B), per batch its payload, the log entries of
 * its replicas and the acked reference; the recorder (at most 250k stored events of ~400 B, series
 * points of ~40 B each); the audit's two bytes a record. Kafka has no checkpoints.
 */
import type { WorkEstimate } from '../../core/budget';
import { horizonOf } from '../config';
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
const BYTES_PER_STORED_EVENT = 320;
const STORED_EVENTS_MAX = 250_000;
const BYTES_PER_POINT = 40;
const FIXED_BYTES = 8 * 2 ** 20;
/** Kafka simulates a few million events per wall second; this keeps the heaviest run under a minute */
export const KAFKA_EVENT_LIMIT = 60_000_000;

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
  const lingerBatches = lingerMs > 0 ? partitions * (appendMs / lingerMs + 1) : Infinity;
  const batches = Math.min(records, full * (1 + partitions) + lingerBatches);
  // retries: each fault can make every batch in flight try again; bounded by the batches themselves
  const attempts = 1 + Math.min(8, p.faults.length);
  const seconds = horizon / 1000;
  const ticking = seconds * (40 + partitions * (rf - 1) * 8 + brokers * 4);
  const events = 1.5 * records + batches * attempts * (EVENTS_PER_BATCH_BASE + EVENTS_PER_BATCH_PER_REPLICA * rf) + ticking + 1_000;

  const seriesCount = 10 + Math.min(partitions, REPLICA_SERIES_PARTITIONS) * rf * 2;
  const sendingMs = p['workload.durationMs'] + 5_000;
  const points = seriesCount * (sendingMs / sampleIntervalMs(p['workload.durationMs']) + horizon / tailSampleIntervalMs(p['workload.durationMs']) + 2);
  const storedEvents = Math.min(STORED_EVENTS_MAX, 3 * batches * attempts + 1_000 + seconds * brokers * 4);
  const bytes =
    FIXED_BYTES +
    recordTableBytes(records) +
    records * BYTES_PER_RECORD +
    batches * (BYTES_PER_BATCH + rf * attempts * BYTES_PER_LOG_ENTRY) +
    storedEvents * BYTES_PER_STORED_EVENT +
    points * BYTES_PER_POINT;
  return { events, bytes, drivers };
}

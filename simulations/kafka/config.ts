/**
 * Turns lab params into the effective producer/topic configuration of the chosen Kafka version,
 * applying the client's validation and silent-disable rules (ProducerConfig
 * postProcessAndValidateIdempotenceConfigs, KafkaProducer.configureDeliveryTimeout).
 */
import type { FaultSpec } from './faults';
import { checkFaultRanges } from './faults';
import type { PartitionerKind } from './producer/partitioner';

export type KafkaVersion = '4.x' | '3.6';
export type Acks = -1 | 0 | 1;

export class ConfigException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigException';
  }
}

/**
 * What the user asked for, before the client's defaults and rules apply (lab/model.ts maps the lab's
 * params onto it). -1 / 'default' = not set: take the version's default.
 */
export interface KafkaSettings {
  version: KafkaVersion;
  brokers: number;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
  unclean: boolean;
  elr: boolean;
  acks: 'all' | '1' | '0';
  /** -1: the version's default */
  lingerMs: number;
  batchSize: number;
  bufferMemory: number;
  maxBlockMs: number;
  onBufferFull: 'block' | 'drop';
  retries: number;
  retryBackoffMs: number;
  requestTimeoutMs: number;
  /** -1: the default (120000, raised to linger.ms + request.timeout.ms) */
  deliveryTimeoutMs: number;
  maxInFlight: number;
  enableIdempotence: 'default' | 'true' | 'false';
  maxRequestSize: number;
  partitioner: PartitionerKind;
  compressionRatio: number;
  recordsPerSecond: number;
  recordBytes: number;
  keys: number;
  durationMs: number;
  faults: FaultSpec[];
}

export interface ResolvedConfig {
  version: KafkaVersion;
  /** KAFKA-15583 (3.7+): HW frozen while |ISR| < min(min.insync.replicas, RF) */
  strictMinIsr: boolean;
  brokers: number;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
  unclean: boolean;
  acks: Acks;
  lingerMs: number;
  batchSize: number;
  bufferMemory: number;
  maxBlockMs: number;
  onBufferFull: 'block' | 'drop';
  retries: number;
  retryBackoffMs: number;
  /** 1000 from 3.7 (KIP-580); equal to retryBackoffMs before */
  retryBackoffMaxMs: number;
  requestTimeoutMs: number;
  deliveryTimeoutMs: number;
  maxInFlight: number;
  idempotence: boolean;
  maxRequestSize: number;
  partitioner: PartitionerKind;
  compressionRatio: number;
  recordsPerSecond: number;
  recordBytes: number;
  keys: number;
  durationMs: number;
  faults: FaultSpec[];
  /** Eligible Leader Replicas (KIP-966): 4.x only (it relies on the strict min-ISR HW) */
  elr: boolean;
  /** What the client would log at INFO/WARN: silent disables, raised defaults. */
  notes: string[];
}

export const VERSION_DEFAULTS: Record<KafkaVersion, { lingerMs: number; strictMinIsr: boolean; retryBackoffMaxMs: number | null }> = {
  '4.x': { lingerMs: 5, strictMinIsr: true, retryBackoffMaxMs: 1000 },
  '3.6': { lingerMs: 0, strictMinIsr: false, retryBackoffMaxMs: null },
};

export const DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
/** broker/topic message.max.bytes default (1 MiB + batch overhead), compared with compressed size */
export const MESSAGE_MAX_BYTES = 1_048_588;
export const RECORD_BATCH_OVERHEAD = 61;

export function acksFromParam(a: 'all' | '1' | '0'): Acks {
  return a === 'all' ? -1 : a === '1' ? 1 : 0;
}

/** Throws ConfigException with the client's message (in spirit) for invalid combinations. */
export function resolveConfig(p: KafkaSettings): ResolvedConfig {
  const version = p.version;
  const vd = VERSION_DEFAULTS[version];
  const notes: string[] = [];
  const acks = acksFromParam(p.acks);
  const lingerMs = p.lingerMs < 0 ? vd.lingerMs : p.lingerMs;
  const requestTimeoutMs = p.requestTimeoutMs;
  const retries = p.retries;
  const maxInFlight = p.maxInFlight;

  const rf = p.replicationFactor;
  if (rf > p.brokers) throw new ConfigException(`Replication factor: ${rf} larger than available brokers: ${p.brokers}.`);
  const rangeError = checkFaultRanges(p.faults, p.brokers, p.partitions);
  if (rangeError) throw new ConfigException(`Invalid value for configuration faults: ${rangeError}`);

  const partitioner = p.partitioner;
  if (partitioner === 'sticky' && version === '4.x') {
    throw new ConfigException(
      'Invalid value org.apache.kafka.clients.producer.UniformStickyPartitioner for configuration partitioner.class: Class org.apache.kafka.clients.producer.UniformStickyPartitioner could not be found. (KIP-480 partitioners were removed in 4.0; use kafkaVersion "3.6" or the built-in adaptive partitioner)',
    );
  }

  const elr = p.elr;
  if (elr && version !== '4.x') {
    throw new ConfigException('Eligible leader replicas (KIP-966, eligible.leader.replicas.version=1) need Kafka 4.0 or later: they rely on the strict min-ISR high watermark of 3.7+. Use kafkaVersion "4.x".');
  }

  // --- idempotence (ProducerConfig.postProcessAndValidateIdempotenceConfigs) ---
  const idemSetting = p.enableIdempotence;
  const userSetIdem = idemSetting !== 'default';
  let idempotence = idemSetting !== 'false';
  if (idempotence) {
    if (maxInFlight > 5) {
      if (userSetIdem || version === '4.x') {
        throw new ConfigException(
          `Must set max.in.flight.requests.per.connection to at most 5 when using the idempotent producer.${userSetIdem ? '' : ' (4.x checks this even when enable.idempotence is only the default)'}`,
        );
      }
      idempotence = false;
      notes.push('idempotence disabled: max.in.flight.requests.per.connection > 5 and enable.idempotence not set (3.x warns that 4.0 makes this an error)');
    }
  }
  if (idempotence && retries === 0) {
    if (userSetIdem) throw new ConfigException('Must set retries to non-zero when using the idempotent producer.');
    idempotence = false;
    notes.push('idempotence silently disabled: retries = 0 and enable.idempotence not set');
  }
  if (idempotence && acks !== -1) {
    if (userSetIdem) throw new ConfigException('Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
    idempotence = false;
    notes.push(`idempotence silently disabled: acks=${acks} and enable.idempotence not set`);
  }

  // --- delivery.timeout.ms (KafkaProducer.configureDeliveryTimeout) ---
  let deliveryTimeoutMs = p.deliveryTimeoutMs;
  const floor = lingerMs + requestTimeoutMs;
  if (deliveryTimeoutMs >= 0) {
    if (deliveryTimeoutMs < floor) {
      throw new ConfigException(
        `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms (${deliveryTimeoutMs} < ${lingerMs} + ${requestTimeoutMs})`,
      );
    }
  } else {
    deliveryTimeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS;
    if (deliveryTimeoutMs < floor) {
      deliveryTimeoutMs = floor;
      notes.push(`delivery.timeout.ms raised from its default to linger.ms + request.timeout.ms = ${floor}`);
    }
  }

  return {
    version,
    strictMinIsr: vd.strictMinIsr,
    brokers: p.brokers,
    partitions: p.partitions,
    replicationFactor: rf,
    minInsyncReplicas: p.minInsyncReplicas,
    unclean: p.unclean,
    acks,
    lingerMs,
    batchSize: p.batchSize,
    bufferMemory: p.bufferMemory,
    maxBlockMs: p.maxBlockMs,
    onBufferFull: p.onBufferFull,
    retries,
    retryBackoffMs: p.retryBackoffMs,
    retryBackoffMaxMs: vd.retryBackoffMaxMs ?? p.retryBackoffMs,
    requestTimeoutMs,
    deliveryTimeoutMs,
    maxInFlight,
    idempotence,
    maxRequestSize: p.maxRequestSize,
    partitioner,
    compressionRatio: p.compressionRatio,
    recordsPerSecond: p.recordsPerSecond,
    recordBytes: p.recordBytes,
    keys: p.keys,
    durationMs: p.durationMs,
    faults: p.faults,
    elr,
    notes,
  };
}

/** Virtual time by which every send has returned and every callback has fired. */
export function horizonOf(c: ResolvedConfig): number {
  const block = c.onBufferFull === 'block' ? c.maxBlockMs : 0;
  return c.durationMs + block + c.deliveryTimeoutMs + 2_000;
}

/** What a quiet run needs after the application stops: linger, a few round trips, followers catching up. */
export const QUIET_TAIL_MS = 2_000;

/**
 * A run with nothing that can hold a record up: no faults, every acks=all write can be accepted,
 * and the load far below what the producer, the links and the brokers carry (the buffer never
 * fills, no queue builds), so every record is acknowledged within a few round trips of being sent.
 * Conservative on purpose: anything else keeps the full horizon.
 */
export function isQuiet(c: ResolvedConfig): boolean {
  if (c.faults.length > 0) return false;
  if (c.acks === -1 && Math.min(c.minInsyncReplicas, c.replicationFactor) > c.replicationFactor) return false;
  const recordWire = Math.max(1, c.recordBytes * c.compressionRatio) + RECORD_BATCH_OVERHEAD;
  if (recordWire > c.maxRequestSize || c.batchSize > c.maxRequestSize || recordWire > c.bufferMemory / 64) return false;
  const perBatch = Math.max(1, Math.floor(c.batchSize / recordWire));
  // keyed records can all hash to one partition
  const spread = c.keys > 0 && c.keys < 4 * c.partitions ? 1 : c.partitions;
  const perPartition = c.recordsPerSecond / spread;
  // at most 30% of one batch every 5 ms per partition (a produce round trip with replication)
  if (perPartition > 0.3 * perBatch * 200) return false;
  const bytesPerSec = c.recordsPerSecond * recordWire;
  // 1% of a link; 100 ms of traffic plus two batches per partition fit 16 times in the buffer
  if (bytesPerSec > 12_500_000) return false;
  if (16 * (bytesPerSec / 10 + 2 * c.partitions * Math.max(c.batchSize, recordWire)) > c.bufferMemory) return false;
  return true;
}

/**
 * The lab's horizon: `horizonOf`, or for a quiet run twice the sending time plus linger and a short
 * tail. Such a run settles (`isFinished`) within QUIET_TAIL_MS of the end of sending (the tests
 * check it over presets and random params), so its settled end shows in the first half of the time
 * slider instead of at 5% of it. (Not tighter: the lab's early-finish test asserts a settled run
 * stops before half its horizon.)
 */
export function labHorizonOf(c: ResolvedConfig): number {
  const full = horizonOf(c);
  return isQuiet(c) ? Math.min(full, 2 * c.durationMs + c.lingerMs + QUIET_TAIL_MS) : full;
}

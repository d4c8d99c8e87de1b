/**
 * The Kafka lab's parameters: a flat schema whose dotted keys mirror the scenario file
 * (`topic.partitions`, `producer.acks`, ...). Settings whose default depends on the Kafka version, or
 * whose meaning depends on whether the user set them (idempotence, delivery timeout), use a
 * sentinel: -1 / "default" = "not set, take the version's default" (see config.ts).
 */
import type { EnumSpec, JsonSpec, ParamSchema, ParamsOf } from '../../core/params';

function enumOf<const O extends string>(options: readonly O[], def: NoInfer<O>, rest: Omit<EnumSpec<O>, 'type' | 'options' | 'default'>): EnumSpec<O> {
  return { type: 'enum', options, default: def, ...rest };
}
import { checkFaults, type FaultSpec } from '../faults';

const MiB = 1024 * 1024;

const faultsSpec: JsonSpec<FaultSpec[]> = {
  type: 'json',
  group: 'Faults',
  label: 'Fault schedule',
  description:
    'a list of {atMs, type: "crash"|"restart"|"disk-loss"|"slow"|"drop-responses"|"partition", broker | role: "leader"|"follower", partition?, durationMs?, peer?, lostTailMs?}',
  default: [],
  check: checkFaults,
};

export const kafkaSchema = {
  kafkaVersion: enumOf(['4.x', '3.6'], '4.x', { group: 'Cluster',
    label: 'Kafka version',
    description: '"4.x": strict min-ISR high watermark (3.7+), linger.ms 5, exponential retry backoff. "3.6": HW advances with ISR = {leader}, linger.ms 0.',
  }),
  brokers: { type: 'number', integer: true, min: 1, max: 9, default: 3, group: 'Cluster', description: 'number of brokers (numbered from 0)' },
  'topic.partitions': { type: 'number', integer: true, min: 1, max: 64, default: 6, group: 'Topic', label: 'partitions', description: 'partitions of the topic' },
  'topic.replicationFactor': {
    type: 'number', integer: true, min: 1, max: 9, default: 3, group: 'Topic', label: 'replication factor',
    description: 'replicas per partition (Kafka\'s broker default is 1; the lab starts at 3)',
  },
  'topic.minInsyncReplicas': { type: 'number', integer: true, min: 1, max: 9, default: 1, group: 'Topic', label: 'min.insync.replicas', description: 'min.insync.replicas (Kafka default 1)' },
  'topic.uncleanLeaderElection': { type: 'boolean', default: false, group: 'Topic', label: 'unclean.leader.election.enable', description: 'let an out-of-sync replica become leader (default false since 0.11)' },
  'topic.eligibleLeaderReplicas': {
    type: 'boolean', default: false, group: 'Topic', label: 'eligible leader replicas (KIP-966)',
    description: 'ELR: replicas that left the ISR while it was below min.insync.replicas hold every committed record, and the controller may elect one when no ISR member is alive (4.x only; opt-in in 4.0, on for new clusters from 4.1)',
  },
  'producer.acks': enumOf(['all', '1', '0'], 'all', { group: 'Producer', label: 'acks',
    description: 'acks: "all" (= -1) waits for the ISR, "1" for the leader, "0" for nothing (default all since 3.0)',
  }),
  'producer.lingerMs': { type: 'number', integer: true, min: -1, max: 60_000, default: -1, unit: 'ms', group: 'Producer', label: 'linger.ms', description: 'linger.ms; -1 = version default (5 in 4.x, 0 in 3.6)' },
  'producer.batchSize': { type: 'number', integer: true, min: 0, max: 16 * MiB, default: 16_384, unit: 'B', group: 'Producer', label: 'batch.size', description: 'batch.size in bytes (default 16384)' },
  'producer.bufferMemory': { type: 'number', integer: true, min: 1024, max: 1024 * MiB, default: 32 * MiB, unit: 'B', group: 'Producer', label: 'buffer.memory', description: 'buffer.memory in bytes (default 32 MiB)' },
  'producer.maxBlockMs': { type: 'number', integer: true, min: 0, max: 600_000, default: 60_000, unit: 'ms', group: 'Producer', label: 'max.block.ms', description: 'max.block.ms: how long send() may block on a full buffer (default 60000)' },
  'producer.onBufferFull': enumOf(['block', 'drop'], 'block', { group: 'Producer', label: 'on full buffer',
    description: '"block": Kafka\'s send() waits up to max.block.ms; "drop": Netflix Keystone\'s wrapper drops the event at once and counts it',
  }),
  'producer.retries': { type: 'number', integer: true, min: 0, max: 2_147_483_647, default: 2_147_483_647, group: 'Producer', label: 'retries', description: 'retries (default MAX_INT; delivery.timeout.ms is the real bound)' },
  'producer.retryBackoffMs': { type: 'number', integer: true, min: 0, max: 60_000, default: 100, unit: 'ms', group: 'Producer', label: 'retry.backoff.ms', description: 'retry.backoff.ms (default 100; 4.x grows it exponentially to 1000)' },
  'producer.requestTimeoutMs': { type: 'number', integer: true, min: 1, max: 600_000, default: 30_000, unit: 'ms', group: 'Producer', label: 'request.timeout.ms', description: 'request.timeout.ms (default 30000)' },
  'producer.deliveryTimeoutMs': { type: 'number', integer: true, min: -1, max: 3_600_000, default: -1, unit: 'ms', group: 'Producer', label: 'delivery.timeout.ms', description: 'delivery.timeout.ms; -1 = default 120000 (raised to linger.ms + request.timeout.ms if lower)' },
  'producer.maxInFlight': { type: 'number', integer: true, min: 1, max: 100, default: 5, group: 'Producer', label: 'max.in.flight.requests.per.connection', description: 'max.in.flight.requests.per.connection (default 5)' },
  'producer.enableIdempotence': enumOf(['default', 'true', 'false'], 'default', { group: 'Producer', label: 'enable.idempotence',
    description: 'enable.idempotence; "default" = not set (true, but silently off if acks != all or retries = 0)',
  }),
  'producer.maxRequestSize': { type: 'number', integer: true, min: 1, max: 100 * MiB, default: MiB, unit: 'B', group: 'Producer', label: 'max.request.size', description: 'max.request.size (default 1 MiB)' },
  'producer.partitioner': enumOf(['adaptive', 'sticky', 'round-robin', 'time-sticky'], 'adaptive', { group: 'Producer', label: 'partitioner',
    description: 'keyless records: "adaptive" (KIP-794, built-in), "sticky" (KIP-480, gone in 4.x), "round-robin", "time-sticky" (Netflix)',
  }),
  'producer.compressionRatio': { type: 'number', min: 0.05, max: 1, default: 1, group: 'Producer', label: 'compression ratio', description: 'compressed / uncompressed size of a batch; 1 = compression.type none' },
  'workload.recordsPerSecond': { type: 'number', min: 0, max: 5_000_000, default: 10_000, unit: 'records/s', group: 'Workload', label: 'records/s', description: 'Poisson arrival rate of send() calls', scale: 'linear' },
  'workload.recordBytes': { type: 'number', integer: true, min: 1, max: 20 * MiB, default: 512, unit: 'B', group: 'Workload', label: 'record bytes', description: 'serialized value size of every record' },
  'workload.keys': { type: 'number', integer: true, min: 0, max: 100_000, default: 0, group: 'Workload', label: 'keys', description: 'distinct keys (uniform); 0 = keyless records' },
  'workload.durationMs': { type: 'number', integer: true, min: 1, max: 600_000, default: 10_000, unit: 'ms', group: 'Workload', label: 'duration', description: 'how long the application calls send()' },
  faults: faultsSpec,
} satisfies ParamSchema;

export type KafkaSchema = typeof kafkaSchema;
export type KafkaParams = ParamsOf<KafkaSchema>;

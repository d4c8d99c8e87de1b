/** The lab's presets: each one a seeded scenario that shows one rule of the oracle table. */
import type { Preset } from '../../core/lab';
import type { KafkaParams } from './schema';

export const kafkaPresets: Preset<KafkaParams>[] = [
  {
    id: 'kafka-4x-safe-defaults',
    title: 'Kafka 4.x safe defaults',
    story:
      'RF 3, min.insync.replicas 2, acks=all with idempotence (the 4.x defaults): the leader of partition 0 dies mid-stream. A follower from the ISR takes over; nothing acknowledged is lost, nothing is duplicated or reordered.',
    params: {
      'topic.minInsyncReplicas': 2,
      'workload.recordsPerSecond': 5_000,
      'workload.durationMs': 20_000,
      faults: [{ atMs: 3_000, type: 'crash', role: 'leader', partition: 0, durationMs: 12_000 }],
    },
    seed: 1,
  },
  {
    id: 'netflix-keystone',
    title: 'Netflix Keystone',
    story:
      'acks=1, a non-blocking producer that drops events when its buffer is full, unclean leader election, time-sticky keyless partitioning, 10 MB requests and a small 2 MiB buffer. A leader dies at 3 s: its partitions\' batches cannot leave and fill the buffer, so until new leaders are elected (the 9 s broker session timeout) nearly every event is dropped at send(), about 40% of this run, while the application never blocks. acks=1 and unclean election also allow acknowledged loss; this seeded run has none. Netflix budgeted under 0.01% a day.',
    params: {
      'producer.acks': '1',
      'producer.onBufferFull': 'drop',
      'topic.uncleanLeaderElection': true,
      'producer.partitioner': 'time-sticky',
      'producer.batchSize': 65_536,
      'producer.lingerMs': 10,
      'producer.maxRequestSize': 10 * 1024 * 1024,
      'producer.bufferMemory': 2 * 1024 * 1024,
      'workload.recordsPerSecond': 20_000,
      'workload.durationMs': 20_000,
      faults: [{ atMs: 3_000, type: 'crash', role: 'leader', partition: 0, durationMs: 15_000 }],
    },
    seed: 1,
  },
  {
    id: 'acks-1-leader-crash-loses-data',
    title: 'acks=1 leader crash loses data',
    story:
      'With acks=1 the leader answers after its own append. Its followers are cut off for half a second, then it crashes before they fetched those writes: a follower becomes leader without them, and the old leader truncates them when it rejoins. They were acknowledged, and they are gone.',
    params: {
      'producer.acks': '1',
      'workload.recordsPerSecond': 20_000,
      'workload.durationMs': 20_000,
      faults: [
        { atMs: 3_500, type: 'partition', role: 'leader', partition: 0, durationMs: 20_000 },
        { atMs: 4_000, type: 'crash', role: 'leader', partition: 0, durationMs: 12_000 },
      ],
    },
    seed: 1,
  },
  {
    id: 'unclean-election',
    title: 'unclean election',
    story:
      'min.insync.replicas 1: both followers die and drop out of the ISR, writes are still acknowledged by the leader alone. Then the leader dies, the followers come back, and with unclean.leader.election.enable one of them becomes leader without the records written meanwhile: acknowledged loss.',
    params: {
      'topic.uncleanLeaderElection': true,
      'workload.recordsPerSecond': 2_000,
      'workload.durationMs': 25_000,
      faults: [
        { atMs: 1_000, type: 'crash', role: 'follower', partition: 0, durationMs: 14_000 },
        { atMs: 1_000, type: 'crash', role: 'follower', partition: 0, durationMs: 14_000 },
        { atMs: 13_000, type: 'crash', role: 'leader', partition: 0 },
      ],
    },
    seed: 1,
  },
  {
    id: 'min-isr-stops-writes',
    title: 'min ISR stops writes',
    story:
      'RF 3, min.insync.replicas 2, acks=all: two brokers die. Once they are fenced the ISR is the leader alone and every write is refused with NOT_ENOUGH_REPLICAS. Batches retry until delivery.timeout.ms, the buffer fills and send() blocks up to max.block.ms. Nothing acknowledged is lost.',
    params: {
      'topic.minInsyncReplicas': 2,
      'workload.recordsPerSecond': 20_000,
      'workload.durationMs': 30_000,
      faults: [
        { atMs: 2_000, type: 'crash', broker: 1 },
        { atMs: 2_000, type: 'crash', broker: 2 },
      ],
    },
    seed: 1,
  },
  {
    id: 'linger-trades-latency-for-batching',
    title: 'linger.ms trades latency for batching',
    story:
      'A single partition at a modest rate with linger.ms = 50: a batch waits up to 50 ms for company, so each request carries about rate x linger records and every record waits up to the linger before it is even sent. Set linger.ms to 0 and compare records per batch and ack latency.',
    params: {
      'topic.partitions': 1,
      'producer.lingerMs': 50,
      'workload.recordsPerSecond': 2_000,
      'workload.recordBytes': 100,
      'workload.durationMs': 10_000,
    },
    seed: 1,
  },
  {
    id: 'slow-broker-adaptive-partitioner',
    title: 'a slow broker and the adaptive partitioner',
    story:
      'Broker 1 turns slow. The adaptive partitioner (KIP-794) weights its choice towards partitions with short queues, so less data piles up behind the slow broker. Switch the partitioner to "sticky" (KIP-480, Kafka 3.6) and watch the slow broker\'s partitions fill the buffer instead.',
    params: {
      kafkaVersion: '3.6',
      'producer.acks': '1',
      'workload.recordsPerSecond': 30_000,
      'workload.durationMs': 15_000,
      faults: [{ atMs: 1_000, type: 'slow', broker: 1 }],
    },
    seed: 1,
  },
  {
    id: 'idempotence-vs-duplicates',
    title: 'idempotence vs duplicates',
    story:
      'The leader of partition 0 appends but its responses are lost for a while. The producer times out and resends. With idempotence the broker recognises the batches (producer id + sequence) and answers with the original offsets: one copy. Set enable.idempotence to false and the same retries write duplicates.',
    params: {
      'producer.enableIdempotence': 'true',
      'producer.requestTimeoutMs': 2_000,
      'workload.recordsPerSecond': 5_000,
      'workload.durationMs': 10_000,
      faults: [{ atMs: 2_000, type: 'drop-responses', role: 'leader', partition: 0, durationMs: 1_000 }],
    },
    seed: 1,
  },
];

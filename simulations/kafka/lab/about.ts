/** What the lab is (data only: the lab's placeholder imports it before the simulation loads). */
export const kafkaAbout = {
  id: 'kafka',
  title: 'Kafka: acks, buffering and replication',
  summary:
    'A producer with its accumulator, buffer and sender against a replicated topic: see which records are batched, acknowledged, dropped, duplicated, reordered or lost when brokers fail, and why.',
  topic: 'Event pipelines',
} as const;

import type { LabMeta } from '@/components/lab-shell/types';
import { kafkaPresets } from '@/simulations/kafka/lab/presets';

/**
 * What the placeholder shows before the Kafka lab loads. Presets come from the simulation (a
 * data-only module); title and summary are copied from simulations/kafka/lab/kafkaLab.ts, and
 * tests/unit/views/registry.test.ts fails if they drift apart.
 */
export const kafkaLabMeta: LabMeta = {
  id: 'kafka',
  title: 'Kafka: acks, buffering and replication',
  summary:
    'A producer with its accumulator, buffer and sender against a replicated topic: see which records are batched, acknowledged, dropped, duplicated, reordered or lost when brokers fail, and why.',
  presets: kafkaPresets.map((p) => ({ id: p.id, title: p.title, story: p.story })),
};

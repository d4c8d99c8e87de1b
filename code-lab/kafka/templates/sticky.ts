// Sticky (KIP-480, Kafka 2.4–3.2): fill one batch on a partition, then move to a random OTHER
// available partition. Blind to load: a slow broker's partitions get their full share.
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from './kafka';

export function createPartitioner(env: PartitionerEnv): KeylessPartitioner {
  return {
    choose(input: PartitionChoiceInput): PartitionChoice {
      const avail = input.available.length > 0 ? input.available : [...Array(env.numPartitions).keys()];
      let p = input.previous;
      if (avail.length === 1) p = avail[0];
      while (p === input.previous && avail.length > 1) p = avail[Math.floor(Math.random() * avail.length)];
      return { partition: p, stickyBytes: env.batchSize };
    },
  };
}

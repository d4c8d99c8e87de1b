// Round-robin (Kafka's RoundRobinPartitioner): one record per partition in turn, over the
// partitions with a leader. Every record is a choice: the most even spread, the smallest batches.
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from './kafka';

export function createPartitioner(env: PartitionerEnv): KeylessPartitioner {
  let counter = 0;
  return {
    choose(input: PartitionChoiceInput): PartitionChoice {
      const n = counter++;
      const partition = input.available.length > 0 ? input.available[n % input.available.length] : n % env.numPartitions;
      return { partition, stickyBytes: env.recordBytes };
    },
  };
}

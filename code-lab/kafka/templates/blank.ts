// Your keyless partitioner. createPartitioner(env) is called once per run; choose() each time the
// producer needs a partition for keyless records: return it and how many bytes to stay there.
// Types: hover or Ctrl+Space.
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from './kafka';

export function createPartitioner(env: PartitionerEnv): KeylessPartitioner {
  return {
    choose(input: PartitionChoiceInput): PartitionChoice {
      // the next available partition after the previous one, for one batch
      const next = input.available.find((p) => p > input.previous) ?? input.available[0] ?? 0;
      return { partition: next, stickyBytes: env.batchSize };
    },
  };
}

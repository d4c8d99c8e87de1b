// Model answer of the Kafka lesson's "Write a partitioner" exercise: always the partition with the
// fewest batches waiting (ties broken at random), for one batch. tests/unit/code-lab/exercise.test.ts
// checks the lesson's claim about it.
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from '../templates/kafka';

export function createPartitioner(env: PartitionerEnv): KeylessPartitioner {
  return {
    choose(input: PartitionChoiceInput): PartitionChoice {
      const avail = input.available.length > 0 ? input.available : [...Array(env.numPartitions).keys()];
      const shortest = Math.min(...avail.map((p) => input.queuedBatches[p]));
      const best = avail.filter((p) => input.queuedBatches[p] === shortest);
      return { partition: best[Math.floor(Math.random() * best.length)], stickyBytes: env.batchSize };
    },
  };
}

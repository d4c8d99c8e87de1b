// Adaptive (KIP-794, the built-in since Kafka 3.3): stay for about a batch, then pick at random,
// weighted by (longest queue + 1 − this queue), so partitions with short queues (fast brokers) win.
// (The built-in also waits for its last batch to be full, or 2 × batch.size; here: one batch.)
import type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from './kafka';

export function createPartitioner(env: PartitionerEnv): KeylessPartitioner {
  return {
    choose(input: PartitionChoiceInput): PartitionChoice {
      const avail = input.available.length > 0 ? input.available : [...Array(env.numPartitions).keys()];
      const queues = avail.map((p) => input.queuedBatches[p]);
      const longest = Math.max(...queues);
      const weights = queues.map((q) => longest + 1 - q);
      let ticket = Math.random() * weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < avail.length; i++) {
        ticket -= weights[i];
        if (ticket < 0) return { partition: avail[i], stickyBytes: env.batchSize };
      }
      return { partition: avail[avail.length - 1], stickyBytes: env.batchSize };
    },
  };
}

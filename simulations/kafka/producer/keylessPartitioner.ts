/**
 * The keyless partitioner as a plug-in (issue 12's code lab: the learner's own partitioner races the
 * built-ins). Its shape is KIP-794's BuiltInPartitioner, the producer's keyless path since Kafka 3.3:
 * pick a partition, stay on it ("sticky") for a number of bytes, then pick again with the
 * accumulator's queue sizes as load statistics. Keyed records never reach it (murmur2, as always).
 *
 * The code lab's editor types are generated from this file (scripts/code-lab-gen.ts): keep every
 * interface here exported and documented.
 */

/** What the partitioner is told once, when the producer starts. */
export interface PartitionerEnv {
  /** Partitions of the topic (a choice is 0 … numPartitions − 1). */
  numPartitions: number;
  /** The producer's batch.size, bytes. */
  batchSize: number;
  /** Bytes one record adds to a batch (value, key and record overhead). */
  recordBytes: number;
}

/** What the partitioner sees each time it must pick the next partition. */
export interface PartitionChoiceInput {
  /** Producer time, ms. */
  nowMs: number;
  /** The partition chosen last; -1 before the first choice. */
  previous: number;
  /** Partitions whose leader the producer knows (metadata); all of them before any metadata. */
  available: number[];
  /** Per partition: batches waiting in the accumulator at the last drain (KIP-794's load statistics). */
  queuedBatches: number[];
}

export interface PartitionChoice {
  /** The partition for the next keyless records: an integer 0 … numPartitions − 1. */
  partition: number;
  /** Keyless bytes to send there before choosing again (default: batch.size). */
  stickyBytes?: number;
}

export interface KeylessPartitioner {
  choose(input: PartitionChoiceInput): PartitionChoice;
}

/** Builds the plug-in for one producer; `seed` seeds the learner's Math.random. */
export type KeylessPartitionerFactory = (env: PartitionerEnv, seed: number) => KeylessPartitioner;

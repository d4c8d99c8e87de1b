/** What the editor's `./kafka` declares (code-lab/kafka/generated.ts), for files kept in the repository. */
export type { KeylessPartitioner, PartitionChoice, PartitionChoiceInput, PartitionerEnv } from '@/simulations/kafka/producer/keylessPartitioner';

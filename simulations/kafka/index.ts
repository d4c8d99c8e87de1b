export { kafkaLab } from './lab/definition';
export { kafkaSchema, type KafkaParams } from './lab/schema';
export { kafkaPresets } from './lab/presets';
export { scenarioToParams } from './lab/scenario';
export { KafkaSim, configOf, type KafkaModel } from './lab/model';
export type { KafkaResult, KafkaRunResult, AuditFacts } from './lab/result';
export type { KafkaEvent, KafkaSeries, KafkaFrame, ClusterView, PartitionView, BrokerView, BatchView, ReplicaView, LiveFacts } from './lab/series';
export { ConfigException, type ResolvedConfig } from './config';
export { checkFaultRanges, checkFaults, type FaultSpec, type FaultType } from './faults';

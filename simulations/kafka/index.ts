export { kafkaLab, type KafkaModel } from './lab/kafkaLab';
export { kafkaSchema, type KafkaParams } from './lab/schema';
export { kafkaPresets } from './lab/presets';
export { scenarioToParams } from './lab/scenario';
export { KafkaSim, type KafkaResult } from './simulation';
export { resolveConfig, ConfigException, type ResolvedConfig } from './config';

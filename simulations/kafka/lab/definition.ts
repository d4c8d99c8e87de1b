/** The Kafka lab definition, assembled from about, schema, presets, model, result and CLI. */
import { defineLab, type LabDefinition } from '../../core/lab';
import type { ParamError } from '../../core/params';
import { ConfigException, labHorizonOf } from '../config';
import { configOf, createModel, kafkaFrame, type KafkaModel } from './model';
import { kafkaResult, type KafkaRunResult } from './result';
import type { KafkaEvent, KafkaFrame, KafkaSeries } from './series';
import { kafkaAbout } from './about';
import { kafkaSchema, type KafkaParams, type KafkaSchema } from './schema';
import { kafkaPresets } from './presets';
import { KAFKA_CLI_USAGE, runKafkaCli } from './cli';

/**
 * Which parameter a ConfigException of config.ts resolveConfig is about (its messages follow Kafka's
 * client; tests/unit/cli/kafka-check.test.ts covers every rule). The order matters: the idempotence
 * rules name the field the user must change.
 */
const CONFIG_FIELDS: readonly [RegExp, keyof KafkaParams][] = [
  [/^Replication factor/, 'topic.replicationFactor'],
  [/configuration faults/, 'faults'],
  [/partitioner\.class/, 'producer.partitioner'],
  [/Eligible leader replicas/, 'topic.eligibleLeaderReplicas'],
  [/max\.in\.flight/, 'producer.maxInFlight'],
  [/retries/, 'producer.retries'],
  [/acks to all/, 'producer.acks'],
  [/delivery\.timeout\.ms/, 'producer.deliveryTimeoutMs'],
];

/**
 * Kafka's invalid combinations (what the client would refuse with a ConfigException) as params
 * errors, so the panel, links and the CLI refuse them before a run is built: a bad link falls back to
 * valid params instead of showing an error view. `create` still reports one if it is ever reached.
 */
export function checkKafkaParams(params: KafkaParams): ParamError[] {
  try {
    configOf(params);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigException)) throw e;
    const field = CONFIG_FIELDS.find(([pattern]) => pattern.test(e.message))?.[1] ?? 'kafkaVersion';
    const value = params[field];
    return [{ field, value, message: `${field} = ${JSON.stringify(value)} is invalid: ${e.message}` }];
  }
}
import { estimateKafkaWork, KAFKA_BYTE_LIMIT, KAFKA_EVENT_LIMIT } from './budget';
import { kafkaCaption } from './caption';

export const kafkaLab: LabDefinition<KafkaSchema, KafkaModel, KafkaRunResult, KafkaEvent, KafkaSeries, KafkaFrame> = defineLab({
  ...kafkaAbout,
  schema: kafkaSchema,
  presets: kafkaPresets,
  horizonMs(params) {
    try {
      return labHorizonOf(configOf(params));
    } catch {
      return 1_000;
    }
  },
  isFinished(model: KafkaModel): boolean {
    return model.sim ? model.sim.isSettled() : true;
  },
  caption: kafkaCaption,
  checkParams: checkKafkaParams,
  budget: { estimate: estimateKafkaWork, limits: { events: KAFKA_EVENT_LIMIT, bytes: KAFKA_BYTE_LIMIT } },
  create: createModel,
  result: kafkaResult,
  frame: kafkaFrame,
  cli: {
    usage: KAFKA_CLI_USAGE,
    run: (args, io, extras) => runKafkaCli(args, io, kafkaLab, extras),
  },
});

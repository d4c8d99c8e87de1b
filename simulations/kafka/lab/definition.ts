/** The Kafka lab definition, assembled from about, schema, presets, model, result and CLI. */
import { defineLab, type LabDefinition } from '../../core/lab';
import { labHorizonOf } from '../config';
import { configOf, createModel, kafkaFrame, type KafkaModel } from './model';
import { kafkaResult, type KafkaRunResult } from './result';
import type { KafkaEvent, KafkaFrame, KafkaSeries } from './series';
import { kafkaAbout } from './about';
import { kafkaSchema, type KafkaSchema } from './schema';
import { kafkaPresets } from './presets';
import { KAFKA_CLI_USAGE, runKafkaCli } from './cli';
import { estimateKafkaWork, KAFKA_EVENT_LIMIT } from './budget';
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
  budget: { estimate: estimateKafkaWork, limits: { events: KAFKA_EVENT_LIMIT } },
  create: createModel,
  result: kafkaResult,
  frame: kafkaFrame,
  cli: {
    usage: KAFKA_CLI_USAGE,
    run: (args, io) => runKafkaCli(args, io, kafkaLab),
  },
});

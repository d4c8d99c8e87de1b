/** The Kafka lab definition: schema, presets, model construction, result and CLI. */
import { defineLab, type LabDefinition } from '../../core/lab';
import { ConfigException, horizonOf, resolveConfig } from '../config';
import { KafkaSim, type KafkaResult } from '../simulation';
import { kafkaSchema, type KafkaSchema } from './schema';
import { kafkaPresets } from './presets';
import { KAFKA_CLI_USAGE, runKafkaCli } from './cli';

export interface KafkaModel {
  sim: KafkaSim | null;
  /** ConfigException message when the params are an invalid combination */
  error: string | null;
}

const EMPTY_RESULT: KafkaResult = {
  sent: 0, acked: 0, failed: {}, dropped: 0, lostAcked: 0, duplicates: 0, reordered: 0, blockedMs: 0,
  ackLatencyMs: { p50: 0, p99: 0 }, meanBatchRecords: 0, requests: 0, maxAccumulatorBytes: 0, committedRecords: 0, events: 0,
};

export const kafkaLab: LabDefinition<KafkaSchema, KafkaModel, KafkaResult> = defineLab({
  id: 'kafka',
  title: 'Kafka: acks, buffering and replication',
  summary:
    'A producer with its accumulator, buffer and sender against a replicated topic: see which records are batched, acknowledged, dropped, duplicated, reordered or lost when brokers fail, and why.',
  topic: 'Event pipelines',
  schema: kafkaSchema,
  presets: kafkaPresets,
  horizonMs(params) {
    try {
      return horizonOf(resolveConfig(params));
    } catch {
      return 1_000;
    }
  },
  isFinished(model: KafkaModel): boolean {
    return model.sim ? model.sim.isSettled() : true;
  },
  create(params, ctx): KafkaModel {
    let cfg;
    try {
      cfg = resolveConfig(params);
    } catch (e) {
      const text = e instanceof ConfigException ? e.message : String(e);
      ctx.recorder.log({ type: 'config-error', text } as never);
      return { sim: null, error: text };
    }
    const sim = new KafkaSim(cfg, ctx);
    sim.start();
    return { sim, error: null };
  },
  result(model: KafkaModel): KafkaResult {
    return model.sim ? model.sim.result() : { ...EMPTY_RESULT };
  },
  cli: {
    usage: KAFKA_CLI_USAGE,
    run: (args, io) => runKafkaCli(args, io, kafkaLab),
  },
});

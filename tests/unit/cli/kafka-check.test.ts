/**
 * Kafka's invalid combinations (config.ts resolveConfig's ConfigException rules) are checkParams
 * errors naming the field, so the CLI, the panel and links refuse them before `create`.
 */
import { describe, expect, it } from 'vitest';
import { kafkaLab } from '@/simulations/kafka';
import { checkKafkaParams } from '@/simulations/kafka/lab/definition';
import { defaults, type ParamError } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import type { KafkaParams } from '@/simulations/kafka/lab/schema';
import { runFromQuery } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';

const params = (over: Partial<KafkaParams>): KafkaParams => ({ ...defaults(kafkaLab.schema), ...over });

describe('Kafka checkParams', () => {
  const cases: [string, Partial<KafkaParams>, string, RegExp][] = [
    ['replication factor above the brokers', { 'topic.replicationFactor': 4 }, 'topic.replicationFactor', /larger than available brokers: 3/],
    ['a fault on a broker that does not exist', { faults: [{ atMs: 0, type: 'crash', broker: 7 }] }, 'faults', /faults\[0\]\.broker = 7 does not exist/],
    ['the sticky partitioner on 4.x', { 'producer.partitioner': 'sticky' }, 'producer.partitioner', /KIP-480 partitioners were removed in 4\.0/],
    ['ELR on 3.6', { kafkaVersion: '3.6', 'topic.eligibleLeaderReplicas': true }, 'topic.eligibleLeaderReplicas', /need Kafka 4\.0/],
    ['max.in.flight > 5 with idempotence', { 'producer.maxInFlight': 6 }, 'producer.maxInFlight', /at most 5/],
    ['retries 0 with idempotence set', { 'producer.retries': 0, 'producer.enableIdempotence': 'true' }, 'producer.retries', /retries to non-zero/],
    ['acks 1 with idempotence set', { 'producer.acks': '1', 'producer.enableIdempotence': 'true' }, 'producer.acks', /acks to all/],
    ['delivery.timeout.ms below linger + request timeout', { 'producer.deliveryTimeoutMs': 100 }, 'producer.deliveryTimeoutMs', /delivery\.timeout\.ms should be equal to or larger/],
  ];

  it.each(cases)('%s → an error on its field', (_what, over, field, message) => {
    const errors: ParamError[] = checkKafkaParams(params(over));
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')} = `));
    expect(errors[0].message).toMatch(message);
    // the lab's own refusals (panel, links, CLI) include it
    expect(paramProblems(kafkaLab, params(over))[0].field).toBe(field);
  });

  it('valid params, every preset and the silent disables (3.x notes) pass', () => {
    expect(checkKafkaParams(params({}))).toEqual([]);
    expect(checkKafkaParams(params({ 'producer.acks': '1' }))).toEqual([]);
    expect(checkKafkaParams(params({ kafkaVersion: '3.6', 'producer.maxInFlight': 6 }))).toEqual([]);
    for (const p of kafkaLab.presets) expect(checkKafkaParams(params(p.params)), p.id).toEqual([]);
  });

  it('a link with an invalid combination falls back to valid params (no error view) and names the field', () => {
    const decoded = runFromQuery(kafkaLab, 'v=1&seed=3&topic.replicationFactor=5');
    expect(decoded.errors.map((e) => e.field)).toEqual(['topic.replicationFactor']);
    expect(decoded.params['topic.replicationFactor']).toBe(3);
    const runner = new Runner(kafkaLab, decoded.params as KafkaParams, decoded.seed);
    expect(runner.model.error).toBeNull();
  });
});

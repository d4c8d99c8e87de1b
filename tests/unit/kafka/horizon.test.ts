/**
 * The Kafka lab's horizon is short for quiet runs (no faults, light load): twice the sending time
 * plus a tail instead of duration + max.block.ms + delivery.timeout.ms. Such runs
 * finish (isFinished) before it, so their event logs and results are exactly those of the full
 * horizon; every other run keeps the full horizon.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { Rng } from '@/simulations/core/rng';
import { defineLab } from '@/simulations/core/lab';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { horizonOf, isQuiet, labHorizonOf } from '@/simulations/kafka/config';
import { configOf } from '@/simulations/kafka/lab/model';

const fullHorizonLab = defineLab({ ...kafkaLab, horizonMs: (p: KafkaParams) => horizonOf(configOf(p)) });

function same(params: KafkaParams, seed: number) {
  const tight = new Runner(kafkaLab, params, seed);
  tight.runToEnd((f) => void f);
  const full = new Runner(fullHorizonLab, params, seed);
  full.runToEnd();
  expect(tight.now).toBe(full.now);
  expect(tight.now).toBeLessThanOrEqual(tight.horizonMs);
  expect(tight.recorder.events).toEqual(full.recorder.events);
  expect(JSON.stringify(tight.result())).toBe(JSON.stringify(full.result()));
  return tight;
}

describe('Kafka horizon', () => {
  it('the default run fills most of its time slider', () => {
    const params = defaults(kafkaLab.schema);
    expect(isQuiet(configOf(params))).toBe(true);
    const r = same(params, 1);
    expect(r.finished).toBe(true);
    expect(r.now / r.horizonMs).toBeGreaterThan(0.4);
    // and it settled within the quiet tail of the end of sending
    expect(r.now).toBeLessThanOrEqual(params['workload.durationMs'] + 2_000);
  });
  for (const preset of kafkaLab.presets) {
    it(`preset ${preset.id}: same run, horizon ${isQuiet(configOf({ ...defaults(kafkaLab.schema), ...preset.params })) ? 'tight' : 'full'}`, () => {
      const params = { ...defaults(kafkaLab.schema), ...preset.params };
      const c = configOf(params);
      expect(labHorizonOf(c)).toBe(isQuiet(c) ? Math.min(horizonOf(c), 2 * c.durationMs + c.lingerMs + 2_000) : horizonOf(c));
      same(params, preset.seed ?? 1);
    }, 30_000);
  }
  it('random quiet params settle before the tight horizon', () => {
    const rng = new Rng(5).stream('p');
    let quiet = 0;
    for (let i = 0; i < 200 && quiet < 8; i++) {
      const params: KafkaParams = {
        ...defaults(kafkaLab.schema),
        'workload.recordsPerSecond': Math.round(Math.exp(rng.next() * Math.log(30000))),
        'workload.recordBytes': 1 + Math.floor(Math.exp(rng.next() * Math.log(20000))),
        'workload.durationMs': 1000 + Math.floor(rng.next() * 5000),
        'workload.keys': rng.next() < 0.3 ? Math.floor(rng.next() * 50) : 0,
        'topic.partitions': 1 + Math.floor(rng.next() * 12),
        'topic.minInsyncReplicas': 1 + Math.floor(rng.next() * 3),
        'producer.lingerMs': Math.floor(rng.next() * 30) - 1,
        'producer.batchSize': Math.floor(Math.exp(rng.next() * Math.log(200000))),
        'producer.acks': (['all', '1', '0'] as const)[Math.floor(rng.next() * 3)],
        'producer.maxInFlight': 1 + Math.floor(rng.next() * 5),
        kafkaVersion: rng.next() < 0.3 ? '3.6' : '4.x',
      };
      let c;
      try {
        c = configOf(params);
      } catch {
        continue;
      }
      if (!isQuiet(c)) continue;
      quiet++;
      const r = same(params, i);
      expect(r.finished).toBe(true);
      expect(r.now).toBeLessThanOrEqual(c.durationMs + c.lingerMs + 2_000);
    }
    expect(quiet).toBe(8);
  }, 120_000);
});

/**
 * The Kafka work budget's memory bound against real runs (issue 11): for a sample of settings, from
 * small to the heaviest the budget admits, the estimate is at least what the run really holds, and
 * for the runs large enough to matter not more than twice the real heap: a bound tight enough that
 * the page does not refuse runs it could hold (10,000 records/s for 600 s was refused at 1.5 GiB
 * estimated when it holds ~350 MiB).
 *
 * Measured two ways, after the run (Kafka's memory only grows: logs, acked batches, the record table
 * and the recorder are append-only):
 * - held bytes: the run's object graph walked with V8's 64-bit layout (../cli/heldBytes.ts);
 * - real heap: V8's used heap plus array buffers of this process, after a full GC, minus the same
 *   before the run; the peak over 20 points of the run.
 */
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Runner } from '@/simulations/core/runner';
import { defaults, validate } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import type { AnyLab } from '@/simulations/core/lab';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { KAFKA_BYTE_LIMIT } from '@/simulations/kafka/lab/budget';
import { heaviestValues } from '../../e2e/support/heavy';
import { heldBytes } from '../cli/heldBytes';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 2 ** 20;
/** below this the budget's fixed allowance (8 MiB) dominates and a ratio says nothing */
const RATIO_FROM_BYTES = 32 * MiB;

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function measure(params: KafkaParams) {
  gc();
  gc();
  const base = used();
  let runner: Runner | null = new Runner(kafkaLab as AnyLab, params, 1);
  let peak = 0;
  while (!runner.done) {
    runner.runTo(runner.now + runner.horizonMs / 20);
    gc();
    peak = Math.max(peak, used() - base);
  }
  const held = heldBytes(runner.model, runner.recorder);
  runner = null;
  return { real: peak, held, estimate: kafkaLab.budget!.estimate(params).bytes };
}

const at = (over: Partial<KafkaParams>): KafkaParams => validate(kafkaLab.schema, { ...defaults(kafkaLab.schema), ...over }).params as KafkaParams;

const SAMPLE: [string, KafkaParams][] = [
  ['defaults, 10,000 records/s for 60 s (adaptive partitioner)', at({ 'workload.durationMs': 60_000 })],
  ['1,000 records/s for 60 s (linger-bound batches)', at({ 'workload.recordsPerSecond': 1_000, 'workload.durationMs': 60_000 })],
  ['round-robin spreads every record', at({ 'workload.durationMs': 60_000, 'producer.partitioner': 'round-robin' })],
  ['1-byte records', at({ 'workload.durationMs': 60_000, 'workload.recordBytes': 1 })],
  ['1,000 keys over 6 partitions', at({ 'workload.durationMs': 30_000, 'workload.keys': 1_000 })],
  ['time-sticky partitioner', at({ 'workload.recordsPerSecond': 5_000, 'workload.durationMs': 30_000, 'producer.partitioner': 'time-sticky' })],
  ['linger.ms 0, round-robin (a batch per drain)', at({ 'workload.durationMs': 30_000, 'producer.lingerMs': 0, 'producer.partitioner': 'round-robin' })],
  ['a leader crash (retries, moved leaders)', at({ 'workload.durationMs': 30_000, faults: [{ atMs: 5_000, type: 'crash', role: 'leader', durationMs: 5_000 }] })],
];

describe('kafka memory budget against real runs', () => {
  for (const [name, params] of SAMPLE)
    it(`${name}: held ≤ estimate, real heap ≤ estimate ≤ 2 × real heap`, () => {
      const m = measure(params);
      expect(m.estimate, 'estimate vs held bytes').toBeGreaterThanOrEqual(m.held);
      expect(m.estimate, 'estimate vs real heap').toBeGreaterThanOrEqual(m.real);
      if (m.real >= RATIO_FROM_BYTES) expect(m.estimate / m.real, 'estimate over real heap').toBeLessThanOrEqual(2);
    }, 180_000);

  it('10,000 records/s for 600 s is admitted, and bounded within 2× of its real heap', () => {
    const params = at({ 'workload.recordsPerSecond': 10_000, 'workload.durationMs': 600_000 });
    expect(paramProblems(kafkaLab as AnyLab, params)).toEqual([]);
    const m = measure(params);
    console.log(`kafka 10,000/s × 600 s: estimate ${(m.estimate / MiB).toFixed(0)} MiB, real heap ${(m.real / MiB).toFixed(0)} MiB, held ${(m.held / MiB).toFixed(0)} MiB`);
    expect(m.estimate).toBeGreaterThanOrEqual(m.held);
    expect(m.estimate).toBeGreaterThanOrEqual(m.real);
    expect(m.estimate / m.real).toBeLessThanOrEqual(2);
  }, 600_000);

  it('the heaviest run the budget admits holds no more than estimated', () => {
    const { params } = heaviestValues(kafkaLab as AnyLab);
    const m = measure(params as KafkaParams);
    console.log(`kafka heaviest allowed: estimate ${(m.estimate / MiB).toFixed(0)} MiB (limit ${KAFKA_BYTE_LIMIT / MiB}), real heap ${(m.real / MiB).toFixed(0)} MiB, held ${(m.held / MiB).toFixed(0)} MiB`);
    expect(m.estimate).toBeLessThanOrEqual(KAFKA_BYTE_LIMIT);
    expect(m.estimate).toBeGreaterThanOrEqual(m.held);
    expect(m.estimate).toBeGreaterThanOrEqual(m.real);
    expect(m.estimate / m.real).toBeLessThanOrEqual(2);
  }, 600_000);
});

/**
 * Series sampling: 100 ms for every run up to 195 s (all presets and tests: unchanged), coarser on
 * longer runs so each series stays within MAX_SERIES_POINTS.
 */
import { describe, expect, it } from 'vitest';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { kafkaLab, type KafkaParams } from '@/simulations/kafka';
import { MAX_SERIES_POINTS, sampleIntervalMs, tailSampleIntervalMs } from '@/simulations/kafka/lab/series';

describe('Kafka series sampling', () => {
  it('keeps 100 ms (and 1 s after sending) up to 195 s runs, and every preset', () => {
    for (const d of [1, 10_000, 120_000, 195_000]) {
      expect(sampleIntervalMs(d)).toBe(100);
      expect(tailSampleIntervalMs(d)).toBe(1_000);
    }
    for (const p of kafkaLab.presets) expect(sampleIntervalMs({ ...defaults(kafkaLab.schema), ...p.params }['workload.durationMs'])).toBe(100);
    expect(sampleIntervalMs(195_001)).toBe(200);
    expect(sampleIntervalMs(600_000)).toBe(400);
  });
  it('a 600 s run keeps every series within the cap, sampled at the stated interval', () => {
    const params: KafkaParams = { ...defaults(kafkaLab.schema), 'workload.recordsPerSecond': 30, 'workload.durationMs': 600_000 };
    const r = new Runner(kafkaLab, params, 1);
    r.runToEnd();
    const names = r.recorder.seriesNames();
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(r.recorder.series(n).length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    const sent = r.recorder.series('throughput.sent');
    expect(sent[1].t - sent[0].t).toBe(400);
    // the rate is still per second: 30 records/s on average over the run
    const mean = sent.filter((p) => p.t <= 600_000).reduce((a, p) => a + p.v, 0) / sent.filter((p) => p.t <= 600_000).length;
    expect(mean).toBeGreaterThan(25);
    expect(mean).toBeLessThan(35);
  }, 60_000);
});

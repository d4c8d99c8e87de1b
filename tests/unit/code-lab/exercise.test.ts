/**
 * The lessons' code-lab exercises: each model answer does what its lesson claims, in the same
 * sandbox. Video streaming: beat rate-based on the 3G commute without more rebuffering (the preset's
 * seed and two others). Kafka: beat adaptive under the slow broker. Chat: beat full jitter in the
 * restart storm.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadQuickJs } from '@/code-lab/sandbox/quickjs';
import { compileTypeScript } from '@/code-lab/sandbox/compileNode';
import { recordRace } from '@/code-lab/abr/race';
import { abrLab, abrPresets, type AbrParams } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { Runner } from '@/simulations/core/runner';
import { beats as partitionerBeats, racePartitioners } from '@/code-lab/kafka/race';
import { beats as backoffBeats, raceBackoffPolicies } from '@/code-lab/chat/race';
import { kafkaLab, kafkaPresets, type KafkaParams } from '@/simulations/kafka';
import { chatLab, type ChatParams } from '@/simulations/chat';

describe('the Kafka lesson\'s "write a partitioner" exercise', () => {
  it('has a model answer that beats adaptive under the slow broker: every record acknowledged, a p99 under 10 ms against seconds', async () => {
    const qjs = await loadQuickJs();
    const program = compileTypeScript(readFileSync('code-lab/kafka/exercises/shortest-queue.ts', 'utf8'), 'shortest-queue.ts');
    const preset = kafkaPresets.find((p) => p.id === 'slow-broker-adaptive-partitioner')!;
    const params = validate(kafkaLab.schema, preset.params).params as KafkaParams;
    const race = racePartitioners(qjs, program, params, preset.seed ?? 1, { rivals: ['adaptive'] });
    const [yours, adaptive] = race.rows.map((r) => r.result!);
    expect(partitionerBeats(yours, adaptive)).toBe(true);
    expect(yours.acked).toBe(yours.sent);
    expect(yours.ackLatencyMs.p99).toBeLessThan(10);
    expect(adaptive.ackLatencyMs.p99).toBeGreaterThan(4000);
  }, 120_000);
});

describe('the chat lesson\'s "write a backoff policy" exercise', () => {
  it('has a model answer that beats full jitter in the restart storm: everyone back in about 2 s, one attempt each', async () => {
    const qjs = await loadQuickJs();
    const program = compileTypeScript(readFileSync('code-lab/chat/exercises/wide-first-window.ts', 'utf8'), 'wide-first-window.ts');
    const preset = chatLab.presets.find((p) => p.id === 'restart-storm-no-jitter')!;
    const params = validate(chatLab.schema, preset.params).params as ChatParams;
    const race = raceBackoffPolicies(qjs, program, params, preset.seed ?? 1, { rivals: ['full-jitter'] });
    const [yours, fullJitter] = race.rows.map((r) => r.result.reconnect);
    expect(backoffBeats(race.rows[0].result, race.rows[1].result)).toBe(true);
    expect(yours.attemptsPerClient).toBe(1);
    expect(yours.recoverMs).toBeLessThan(2500);
    expect(fullJitter.recoverMs).toBeGreaterThan(6000);
  }, 180_000);
});

describe('the lesson\'s Write-your-own-ABR exercise', () => {
  it('has a model answer that beats rate-based on the 3G commute with no more rebuffering', async () => {
    const qjs = await loadQuickJs();
    const source = readFileSync('code-lab/abr/exercises/buffer-aware-rate.ts', 'utf8');
    const program = compileTypeScript(source, 'buffer-aware-rate.ts');
    const preset = abrPresets.find((p) => p.id === 'bba-vs-rate-3g')!;
    for (const seed of [preset.seed ?? 1, 1, 2]) {
      const p = validate(abrLab.schema, { ...preset.params, 'race.third': 'yours' }).params as AbrParams;
      const { record } = recordRace(qjs, program, p, seed);
      const runner = new Runner(abrLab, { ...p, 'yours.record': record }, seed);
      runner.runToEnd();
      const [, rate, yours] = runner.result() as { algorithm: string; qoe: number; rebufferS: number }[];
      expect(rate.algorithm).toBe('rate');
      expect(yours.qoe, `seed ${seed}`).toBeGreaterThan(rate.qoe);
      expect(yours.rebufferS, `seed ${seed}`).toBeLessThanOrEqual(rate.rebufferS);
    }
  });
});

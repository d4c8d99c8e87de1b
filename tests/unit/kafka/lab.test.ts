import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { runHeadless, Runner } from '@/simulations/core/runner';
import { defaults, validate } from '@/simulations/core/params';
import { Scheduler } from '@/simulations/core/scheduler';
import { VirtualClock } from '@/simulations/core/clock';
import { findLab } from '@/simulations/registry';
import { viewOf } from '@/simulations/core/lab';
import { kafkaLab, kafkaPresets, type KafkaParams } from '@/simulations/kafka';
import { brokerLifecycleMachine, BROKER_SESSION_TIMEOUT_MS, LOG_RECOVERY_MS } from '@/simulations/kafka/machines/brokerLifecycle';
import { batchLifecycleMachine } from '@/simulations/kafka/machines/batchLifecycle';
import { simulate } from './harness';
import { BatchTracer, traceBatches } from './batchTracer';

const params = (over: Partial<KafkaParams>): KafkaParams => ({ ...defaults(kafkaLab.schema), ...over });

describe('kafka lab definition', () => {
  it('is registered under "kafka" with kebab-case presets whose params validate', () => {
    expect(findLab('kafka')).toBe(kafkaLab);
    expect(kafkaLab.topic).toBe('Event pipelines');
    expect(kafkaPresets.map((p) => p.id)).toEqual([
      'kafka-4x-safe-defaults', 'netflix-keystone', 'acks-1-leader-crash-loses-data', 'unclean-election',
      'min-isr-stops-writes', 'linger-trades-latency-for-batching', 'slow-broker-adaptive-partitioner', 'idempotence-vs-duplicates',
    ]);
    for (const p of kafkaPresets) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(validate(kafkaLab.schema, p.params as Record<string, unknown>).errors).toEqual([]);
    }
  });

  it('same seed and params give the identical event log and series; another seed does not', () => {
    const p = params({ 'topic.minInsyncReplicas': 2, 'workload.recordsPerSecond': 3_000, 'workload.durationMs': 3_000, faults: [{ atMs: 1_000, type: 'crash', role: 'leader', durationMs: 1_500 }] });
    const a = runHeadless(kafkaLab, p, 9);
    const b = runHeadless(kafkaLab, p, 9);
    expect(b.runner.recorder.events).toEqual(a.runner.recorder.events);
    expect(b.runner.recorder.series('ack.p99')).toEqual(a.runner.recorder.series('ack.p99'));
    expect(b.result).toEqual(a.result);
    const c = runHeadless(kafkaLab, p, 10);
    expect(c.runner.recorder.events).not.toEqual(a.runner.recorder.events);
  });

  it('records the series a UI needs', () => {
    const { runner } = runHeadless(kafkaLab, params({ 'workload.recordsPerSecond': 2_000, 'workload.durationMs': 1_000 }), 1);
    const names = runner.recorder.seriesNames();
    for (const n of ['throughput.acked', 'ack.p50', 'ack.p99', 'buffer.bytes', 'dropped', 'lostAcked', 'duplicates', 'leo.0.0', 'hw.0.1']) expect(names).toContain(n);
    expect(Math.max(...runner.recorder.series('throughput.acked').map((x) => x.v))).toBeGreaterThan(1_000);
  });

  it('an invalid combination does not crash the lab: the model carries the ConfigException', () => {
    const bad = params({ 'producer.acks': '1', 'producer.enableIdempotence': 'true' });
    const r = new Runner(kafkaLab, bad, 1);
    r.runToEnd();
    expect(r.model.error).toMatch(/Must set acks to all/);
    expect(r.result().sent).toBe(0);
    expect(r.recorder.count('config-error' as never)).toBe(1);
  });

  it('mirrors every batch of a small run into the XState batch lifecycle without a refused transition', () => {
    const runner = new Runner(kafkaLab, params({ 'topic.minInsyncReplicas': 2, 'workload.recordsPerSecond': 1_000, 'workload.durationMs': 2_000, faults: [{ atMs: 500, type: 'drop-responses', role: 'leader', durationMs: 300 }], 'producer.requestTimeoutMs': 200, 'producer.deliveryTimeoutMs': 300 }), 1);
    const tracer = new BatchTracer(runner.ctx.clock, 2_000);
    traceBatches(runner.model.sim!.producer, tracer);
    runner.runToEnd();
    expect(tracer.traced).toBeGreaterThan(50);
    expect(tracer.violations).toBe(0);
    expect(tracer.finalStates.acked).toBeGreaterThan(0);
    expect(tracer.finalStates.expired).toBeGreaterThan(0);
  });
});

describe('frame (what a view may draw)', () => {
  it('is plain data: a JSON round trip and structuredClone give it back unchanged, mid-run and for rejected params', () => {
    const runner = new Runner(kafkaLab, params({ 'workload.recordsPerSecond': 3_000, 'workload.durationMs': 3_000, faults: [{ atMs: 1_000, type: 'crash', role: 'leader', durationMs: 1_000 }] }), 1);
    runner.runTo(1_500);
    const f = viewOf(kafkaLab, runner).frame();
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.cluster.brokers.some((b) => !b.alive)).toBe(true);
    expect(f.cluster.partitions.length).toBe(6);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(structuredClone(f)).toEqual(f);
    const bad = new Runner(kafkaLab, params({ 'producer.acks': '1', 'producer.enableIdempotence': 'true' }), 1);
    const g = viewOf(kafkaLab, bad).frame();
    expect(g).toEqual({ ok: false, error: bad.model.error });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it('a normal run mirrors no batch into an actor (the batch tracer is a test helper)', () => {
    const runner = new Runner(kafkaLab, params({ 'workload.durationMs': 500 }), 1);
    expect(runner.model.sim!.producer.onBatchState).toBeUndefined();
    expect(runner.model.sim!.producer.onBatchDone).toBeUndefined();
  });
});

describe('early finish (lab.isFinished)', () => {
  it.each(['linger-trades-latency-for-batching', 'idempotence-vs-duplicates', 'unclean-election'])('%s stops once settled, with the result of a run to the horizon', (id) => {
    const preset = kafkaPresets.find((p) => p.id === id)!;
    const { runner, result } = runHeadless(kafkaLab, params(preset.params), preset.seed ?? 1);
    expect(runner.now).toBeLessThan(runner.horizonMs / 2);
    const full = simulate(preset.params as Record<string, unknown>, preset.seed ?? 1);
    expect({ ...result, events: 0 }).toEqual({ ...full.result, events: 0 });
  });
});

describe('metamorphic checks (kafka.md §6)', () => {
  it('raising linger.ms does not lower the batch size and trades latency for it', () => {
    const preset = kafkaPresets.find((p) => p.id === 'linger-trades-latency-for-batching')!;
    const base = params({ ...preset.params, 'workload.durationMs': 4_000 });
    const lingering = runHeadless(kafkaLab, base, 1).result;
    const eager = runHeadless(kafkaLab, { ...base, 'producer.lingerMs': 0 }, 1).result;
    expect(lingering.meanBatchRecords).toBeGreaterThan(eager.meanBatchRecords * 5);
    expect(lingering.requests).toBeLessThan(eager.requests / 5);
    expect(lingering.ackLatencyMs.p50).toBeGreaterThan(eager.ackLatencyMs.p50 + 15);
  });
});

describe('lifecycle machines', () => {
  it('batch machine: only legal paths', () => {
    const a = createActor(batchLifecycleMachine).start();
    expect(a.getSnapshot().can({ type: 'ACK' })).toBe(false);
    a.send({ type: 'READY' });
    a.send({ type: 'SEND' });
    a.send({ type: 'RETRY' });
    a.send({ type: 'SEND' });
    a.send({ type: 'ACK' });
    expect(a.getSnapshot().value).toBe('acked');
    expect(a.getSnapshot().status).toBe('done');
  });

  it('broker machine on virtual time: fenced 7-9 s after a crash, registered after log recovery on restart', () => {
    const scheduler = new Scheduler();
    const clock = new VirtualClock(scheduler);
    const calls: string[] = [];
    let alive = true;
    const actor = createActor(brokerLifecycleMachine, {
      clock,
      input: {
        phase: 0,
        deps: {
          crashProcess: () => { alive = false; calls.push(`crash@${scheduler.now}`); },
          wipeDisk: () => calls.push('wipe'),
          startProcess: () => { alive = true; calls.push(`start@${scheduler.now}`); },
          register: () => { calls.push(`register@${scheduler.now}`); return true; },
          fence: () => calls.push(`fence@${scheduler.now}`),
          setSlow: () => {},
          now: () => scheduler.now,
          isAlive: () => alive,
        },
      },
    }).start();
    scheduler.runUntil(3_000);
    actor.send({ type: 'CRASH' });
    scheduler.runUntil(20_000);
    const fenceAt = Number(calls.find((c) => c.startsWith('fence'))!.split('@')[1]);
    expect(fenceAt - 3_000).toBeGreaterThanOrEqual(BROKER_SESSION_TIMEOUT_MS - 2_000);
    expect(fenceAt - 3_000).toBeLessThanOrEqual(BROKER_SESSION_TIMEOUT_MS);
    actor.send({ type: 'RESTART' });
    scheduler.runUntil(25_000);
    expect(calls).toContain(`register@${20_000 + LOG_RECOVERY_MS}`);
    expect(actor.getSnapshot().value).toEqual({ process: 'running', session: 'active', speed: 'normal' });
  });
});

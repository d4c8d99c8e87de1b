/**
 * Kafka fault buttons go through the `faults` param: append at the current time, re-create and
 * replay to now (keepTime). The replay equals the old run up to now, the fault acts at now, and a
 * share link reopens exactly that state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFault, describeFault, FAULT_BUTTONS, faultMarkerLabel, faultsAllowed } from '@/components/labs/kafka/parts/faults';
import { runKeepingTime } from '../../lab-shell/keepTimeRun';
import { runForPreset, runFromQuery, settleOnWholeMs, shareQuery } from '@/components/lab-shell/link';
import { Runner } from '@/simulations/core/runner';
import { kafkaLab, scenarioToParams, type KafkaModel, type KafkaResult } from '@/simulations/kafka';
import type { FaultSpec } from '@/simulations/kafka/faults';

describe('appendFault', () => {
  it('kill leader / kill a follower / drop responses name a role of the selected partition; slow and restart the selected broker', () => {
    const at = (button: (typeof FAULT_BUTTONS)[number]['id'], durationMs?: number) => appendFault([], { button, partition: 2, broker: 1, durationMs }, 12_345.2, 3, 6);
    expect(at('kill-leader', 15_000)).toEqual({ ok: true, fault: { atMs: 12_346, type: 'crash', role: 'leader', partition: 2, durationMs: 15_000 }, faults: [{ atMs: 12_346, type: 'crash', role: 'leader', partition: 2, durationMs: 15_000 }] });
    expect(at('kill-follower')).toMatchObject({ ok: true, fault: { type: 'crash', role: 'follower', partition: 2 } });
    expect(at('drop-responses', 5_000)).toMatchObject({ ok: true, fault: { type: 'drop-responses', role: 'leader', partition: 2, durationMs: 5_000 } });
    expect(at('slow-broker')).toMatchObject({ ok: true, fault: { type: 'slow', broker: 1 } });
    // restart is instantaneous: "lasts" does not apply
    const restart = at('restart-broker', 5_000);
    expect(restart).toEqual({ ok: true, fault: { atMs: 12_346, type: 'restart', broker: 1 }, faults: [{ atMs: 12_346, type: 'restart', broker: 1 }] });
  });

  it('keeps earlier faults and refuses brokers, partitions and times that do not exist, naming them', () => {
    const before: FaultSpec[] = [{ atMs: 3000, type: 'crash', role: 'leader', partition: 0 }];
    const r = appendFault(before, { button: 'slow-broker', partition: 0, broker: 2 }, 5000, 3, 6);
    expect(r.ok && r.faults).toEqual([...before, { atMs: 5000, type: 'slow', broker: 2 }]);
    expect(before).toHaveLength(1);
    expect(appendFault([], { button: 'slow-broker', partition: 0, broker: 3 }, 10, 3, 6)).toEqual({ ok: false, message: 'faults[0].broker = 3 does not exist (brokers are 0..2)' });
    expect(appendFault([], { button: 'kill-leader', partition: 6, broker: 0 }, 10, 3, 6)).toEqual({ ok: false, message: 'faults[0].partition = 6 does not exist (partitions are 0..5)' });
    expect(appendFault([], { button: 'kill-leader', partition: 0, broker: 0 }, Number.NaN, 3, 6).ok).toBe(false);
  });

  it('property: whatever is appended is a scenario the CLI accepts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            button: fc.constantFrom(...FAULT_BUTTONS.map((b) => b.id)),
            partition: fc.integer({ min: 0, max: 5 }),
            broker: fc.integer({ min: 0, max: 2 }),
            now: fc.double({ min: 0, max: 1e6, noNaN: true }),
            durationMs: fc.option(fc.integer({ min: 1, max: 120_000 }), { nil: undefined }),
          }),
          { maxLength: 8 },
        ),
        (requests) => {
          let faults: FaultSpec[] = [];
          for (const q of requests) {
            const r = appendFault(faults, q, q.now, 3, 6);
            expect(r.ok).toBe(true);
            if (r.ok) faults = r.faults;
          }
          const outcome = scenarioToParams({ brokers: 3, topic: { partitions: 6 }, faults });
          expect(outcome.ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('describes faults for the list and the chart markers', () => {
    expect(describeFault({ atMs: 4000, type: 'crash', role: 'leader', partition: 0, durationMs: 12_000 })).toBe('4 s: crash the leader of partition 0, back after 12 s');
    expect(describeFault({ atMs: 3500, type: 'partition', role: 'leader', partition: 0, durationMs: 20_000 })).toBe('3.50 s: cut off the leader of partition 0, healed after 20 s');
    expect(describeFault({ atMs: 12_500, type: 'disk-loss', broker: 0, durationMs: 1_000, lostTailMs: 10_500 })).toBe('12.5 s: disk loss on broker 0 (power loss: the last 10.5 s not fsynced), back after 1 s');
    expect(describeFault({ atMs: 1000, type: 'slow', broker: 1 })).toBe('1 s: slow down broker 1, for the rest of the run');
    expect(describeFault({ atMs: 12_346, type: 'restart', broker: 2 })).toBe('12.3 s: restart broker 2');
    expect(faultMarkerLabel({ atMs: 0, type: 'drop-responses', role: 'leader', partition: 3 })).toBe('drop resp. leader p3');
    expect(faultMarkerLabel({ atMs: 0, type: 'crash', broker: 1 })).toBe('crash b1');
  });

  it('buttons are offered only when they can act', () => {
    const all = faultsAllowed({ partitionHasLeader: true, replicationFactor: 3, brokerAlive: true, acks: -1 });
    expect(Object.values(all).every(Boolean)).toBe(true);
    const offline = faultsAllowed({ partitionHasLeader: false, replicationFactor: 1, brokerAlive: false, acks: 0 });
    expect(offline).toEqual({ 'kill-leader': false, 'kill-follower': false, 'slow-broker': false, 'drop-responses': false, 'restart-broker': true });
  });
});

describe('a fault button mid-run (keepTime replay)', () => {
  it('kill leader at 2 s (linger preset, acks=all): same past, the leader changes after the session timeout, the link reproduces it', () => {
    const { run } = runForPreset(kafkaLab, 'linger-trades-latency-for-batching');
    const before = new Runner(kafkaLab, run.params as never, run.seed);
    before.runTo(2_000.4);
    const eventsBefore = before.recorder.events.length;
    const leaderBefore = (before.model as KafkaModel).sim!.controller.leaderOf(0);

    const r = appendFault((run.params.faults ?? []) as FaultSpec[], { button: 'kill-leader', partition: 0, broker: 0 }, before.now, 3, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const params = { ...run.params, faults: r.faults };
    const after = runKeepingTime(kafkaLab, params, run.seed, before);
    expect(after.now).toBe(2_001);
    // the past is the same run: every event before the fault is identical
    const firstFault = after.recorder.events.findIndex((e) => e.type === 'fault');
    expect(firstFault).toBeGreaterThan(0);
    expect(after.recorder.events.slice(0, firstFault)).toEqual(before.recorder.events.slice(0, firstFault));
    expect(eventsBefore).toBeGreaterThanOrEqual(firstFault);
    const sim = (after.model as KafkaModel).sim!;
    expect(sim.brokers[leaderBefore].alive).toBe(false);

    after.runTo(14_000);
    expect(sim.controller.leaderOf(0)).not.toBe(leaderBefore);
    const resultAfter = after.result() as KafkaResult;
    expect(resultAfter.lostAcked).toBe(0); // acks=all, clean election

    // share link (as the shell's "Copy link" makes it) → fresh run at the same time → same state
    const query = shareQuery(kafkaLab, { params, seed: run.seed, timeMs: settleOnWholeMs(after), preset: 'linger-trades-latency-for-batching' });
    expect(query).toContain('faults=');
    const decoded = runFromQuery(kafkaLab, query);
    expect(decoded.errors).toEqual([]);
    const fresh = new Runner(kafkaLab, decoded.params as never, decoded.seed);
    fresh.scrubTo(decoded.timeMs!);
    expect(fresh.now).toBe(after.now);
    expect(fresh.recorder.events.length).toBe(after.recorder.events.length);
    expect(fresh.result()).toEqual(resultAfter);
  });
});

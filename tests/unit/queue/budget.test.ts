/**
 * The queue lab's work budget: estimates are upper bounds of what runs really cost, every preset
 * fits, the killer runs of issue 11 are refused; checkpoints share the waiting line; captions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults } from '@/simulations/core/params';
import { paramProblems } from '@/simulations/core/budget';
import { queueLab } from '@/simulations/queue';
import { saveQueue, type QueueModel } from '@/simulations/queue/lab/model';
import { POINT_BYTES } from '@/simulations/queue/lab/budget';
import type { QueueParams } from '@/simulations/queue/lab/schema';
import type { StationSnapshot } from '@/simulations/queue/station';

const base = defaults(queueLab.schema) as QueueParams;
const WORDS = /\b(null|undefined|NaN|Infinity)\b/;

/**
 * Bytes a finished run measurably holds: each stored event's JSON, every series point at 40 bytes,
 * and the waiting line's distinct chunks and tails reachable from the live model and the checkpoints
 * (plus each checkpoint's other fields as JSON).
 */
function measuredBytes(r: Runner): number {
  const rec = r.recorder;
  let bytes = 0;
  for (const e of rec.events) bytes += JSON.stringify(e).length;
  for (const name of rec.seriesNames()) bytes += rec.series(name).length * POINT_BYTES;
  return bytes + snapshotBytes(r).total;
}

/** The checkpoints' and the live line's bytes: distinct chunks once, tails and other fields each. */
function snapshotBytes(r: Runner) {
  const snapshots = [saveQueue(r.model as QueueModel), ...(r as unknown as { checkpoints: { snapshot: StationSnapshot }[] }).checkpoints.map((c) => c.snapshot)];
  const chunks = new Set<Float64Array>();
  let line = 0;
  let other = 0;
  for (const s of snapshots) {
    for (const c of s.waiting.full) chunks.add(c);
    line += s.waiting.tail.byteLength;
    other += JSON.stringify({ ...s, waiting: null }).length;
  }
  for (const c of chunks) line += c.byteLength;
  return { line, total: line + other };
}

function checkRun(params: QueueParams, seed: number) {
  const estimate = queueLab.budget!.estimate(params);
  const r = new Runner(queueLab, params, seed);
  r.runToEnd();
  expect(r.ctx.scheduler.executed).toBeLessThanOrEqual(estimate.events);
  expect(measuredBytes(r)).toBeLessThanOrEqual(estimate.bytes);
  return r;
}

describe('queue lab: work budget', () => {
  it.each(queueLab.presets.map((p) => [p.id, p] as const))('preset %s: within budget, and the estimate bounds the run', (_id, preset) => {
    const params = { ...base, ...preset.params } as QueueParams;
    expect(paramProblems(queueLab, params)).toEqual([]);
    checkRun(params, preset.seed ?? 1);
  });

  it('property: for random valid params the estimate bounds events executed and bytes held', () => {
    fc.assert(
      fc.property(
        fc.record({
          arrivalRate: fc.double({ min: 0.001, max: 300, noNaN: true }),
          serviceRate: fc.double({ min: 0.001, max: 300, noNaN: true }),
          servers: fc.integer({ min: 1, max: 6 }),
          capacity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
          durationS: fc.double({ min: 1, max: 200, noNaN: true }),
          warmupS: fc.double({ min: 0, max: 50, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 1000 }),
        (p, seed) => {
          checkRun({ ...base, ...p }, seed);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('an overloaded line (longer than many chunks) stays within the estimate', () => {
    const r = checkRun({ ...base, arrivalRate: 2000, serviceRate: 1, durationS: 60 }, 3);
    expect(r.result().waiting).toBeGreaterThan(100_000);
  });

  it("refuses issue 11's killer run before it starts, naming arrivalRate and durationS", () => {
    const problems = paramProblems(queueLab, { ...base, arrivalRate: 10_000, serviceRate: 0.001, durationS: 1_000_000 });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('arrivalRate');
    expect(problems[0].message).toMatch(/arrivalRate, durationS/);
  });

  it('the heaviest allowed runs stay under the default memory limit and the lab event limit', () => {
    for (const serviceRate of [0.001, 10_000]) {
      const e = queueLab.budget!.estimate({ ...base, arrivalRate: 10_000, serviceRate, durationS: 2395 });
      expect(paramProblems(queueLab, { ...base, arrivalRate: 10_000, serviceRate, durationS: 2395 })).toEqual([]);
      expect(e.bytes).toBeLessThan(640 * 2 ** 20);
    }
  });
});

describe('queue lab: checkpoints share the waiting line', () => {
  it('scrubbing back in an overloaded run (a line of many chunks) equals a straight run', () => {
    const params = { ...base, arrivalRate: 400, serviceRate: 10, durationS: 100 };
    const fingerprint = (r: Runner) => JSON.stringify({ now: r.now, events: r.recorder.events.slice(-200), n: r.recorder.events.length, result: r.result() });
    const scrubbed = new Runner(queueLab, params, 5);
    scrubbed.runToEnd();
    expect(scrubbed.result().waiting).toBeGreaterThan(3 * 4096);
    for (const target of [87_300, 41_000, 99_000]) {
      scrubbed.scrubTo(target);
      const straight = new Runner(queueLab, params, 5);
      straight.runTo(target);
      expect(fingerprint(scrubbed)).toBe(fingerprint(straight));
    }
  });

  it('checkpoints of a long line hold its chunks once, not once per checkpoint', () => {
    const r = new Runner(queueLab, { ...base, arrivalRate: 2000, serviceRate: 1, durationS: 60 }, 3);
    r.runToEnd();
    const waiting = r.result().waiting;
    // a copy per checkpoint would be ~48 × 16 bytes per customer
    expect(snapshotBytes(r).line).toBeLessThan(waiting * 16 * 1.1 + 60 * 64 * 1024);
  });
});

describe('queue lab: captions', () => {
  it.each(queueLab.presets.map((p) => [p.id, p] as const))('preset %s: every event captions to one readable line', (_id, preset) => {
    const r = new Runner(queueLab, { ...base, ...preset.params, durationS: Math.min(120, (preset.params.durationS as number) ?? 120) }, preset.seed ?? 1);
    r.runToEnd();
    const types = new Set<string>();
    for (const e of viewOf(queueLab, r).recorder.events) {
      const text = queueLab.caption!(e);
      expect(typeof text).toBe('string');
      expect(text).not.toMatch(WORDS);
      types.add(e.type);
    }
    expect(types.size).toBeGreaterThanOrEqual(3);
  });

  it('says what happened: joins, service with its wait, departure, drop', () => {
    expect(queueLab.caption!({ type: 'start', id: 4, server: 0, waitS: 1.234, t: 0 })).toBe('Customer 4 starts service at server 1 after waiting 1.23 s');
    expect(queueLab.caption!({ type: 'drop', id: 9, inSystem: 10, t: 0 })).toBe('Customer 9 is turned away: the system is full (10 customers)');
    expect(queueLab.caption!({ type: 'departure', id: 2, server: 1, timeInSystemS: Number.NaN, t: 0 })).not.toMatch(WORDS);
  });
});

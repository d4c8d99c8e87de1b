import { describe, expect, it } from 'vitest';
import { queueLab, SAMPLES_PER_RUN, SERIES, type QueueEvent, type QueueParams, type QueueResult } from '@/simulations/queue';
import type { Logged } from '@/simulations/core/recorder';
import { Runner } from '@/simulations/core/runner';
import { viewOf } from '@/simulations/core/lab';
import { defaults, validate } from '@/simulations/core/params';
import { findLab } from '@/simulations/registry';

const base = defaults(queueLab.schema);

/** A long run without storing the event log (the statistics do not need it, and it is faster). */
function longRun(params: Partial<QueueParams>, seed: number): QueueResult {
  const runner = new Runner(queueLab, { ...base, ...params }, seed, { eventLimit: 0 });
  runner.runToEnd();
  return runner.result();
}
const queueEvents = (r: Runner) => r.recorder.events as Logged<QueueEvent>[];
const relErr = (x: number | null, y: number | null) => Math.abs(x! - y!) / y!;

describe('queue lab against the closed forms (long seeded runs)', () => {
  it('M/M/1 (ρ = 0.7, ~560k customers): mean time in system 1/(μ−λ) within 3%, and Little’s law', () => {
    const r = longRun({ arrivalRate: 7, serviceRate: 10, servers: 1, durationS: 80_000, warmupS: 100 }, 1);
    expect(r.model).toBe('M/M/1');
    expect(r.served).toBeGreaterThan(500_000);
    expect(relErr(r.meanTimeInSystem, 1 / (10 - 7))).toBeLessThan(0.03);
    expect(relErr(r.meanWait, r.theory.Wq)).toBeLessThan(0.03);
    expect(relErr(r.utilisation, 0.7)).toBeLessThan(0.01);
    expect(relErr(r.throughput, 7)).toBeLessThan(0.01);
    expect(relErr(r.meanInSystem, r.theory.L)).toBeLessThan(0.03);
    expect(relErr(r.waitP95, r.theory.waitP95)).toBeLessThan(0.03);
    expect(relErr(r.waitP99, r.theory.waitP99)).toBeLessThan(0.05);
    // Little's law on the run itself: time-average number in system = accepted arrival rate × mean time
    expect(r.littlesLaw.relativeError!).toBeLessThan(0.005);
    expect(r.drops).toBe(0);
  });

  it('M/M/3 (ρ = 0.75): mean wait and time in system match Erlang C within 3%', () => {
    const r = longRun({ arrivalRate: 2.25, serviceRate: 1, servers: 3, durationS: 200_000, warmupS: 200 }, 2);
    expect(r.model).toBe('M/M/3');
    expect(r.theory.probWait).toBeCloseTo(0.5678, 4); // by hand: B(3, 2.25) = 0.2472, C = B / (1 − ρ(1 − B))
    expect(relErr(r.meanTimeInSystem, r.theory.W)).toBeLessThan(0.03);
    expect(relErr(r.meanWait, r.theory.Wq)).toBeLessThan(0.03);
    expect(relErr(r.utilisation, 0.75)).toBeLessThan(0.01);
    expect(r.littlesLaw.relativeError!).toBeLessThan(0.005);
  });

  it('M/M/1/10 overloaded (ρ = 1.2): drops and time in system match the finite-capacity formulas', () => {
    const r = longRun({ arrivalRate: 12, serviceRate: 10, servers: 1, capacity: 10, durationS: 20_000, warmupS: 100 }, 3);
    expect(r.model).toBe('M/M/1/10');
    expect(relErr(r.dropRate, r.theory.dropProbability)).toBeLessThan(0.03);
    expect(relErr(r.meanTimeInSystem, r.theory.W)).toBeLessThan(0.03);
    expect(relErr(r.throughput, r.theory.throughput)).toBeLessThan(0.01);
    expect(r.littlesLaw.relativeError!).toBeLessThan(0.005);
  });
});

describe('queue lab behaviour', () => {
  it('is registered in the lab registry with valid presets', () => {
    expect(findLab('queue')).toBe(queueLab);
    const ids = queueLab.presets.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['light-load', 'near-saturation', 'two-servers-vs-one-fast', 'bounded-queue-drops']));
    for (const preset of queueLab.presets) expect(validate(queueLab.schema, preset.params).errors).toEqual([]);
  });

  it('the same seed gives an identical event log and series; another seed differs', () => {
    const run = (seed: number) => {
      const r = new Runner(queueLab, base, seed);
      r.runToEnd();
      return { events: JSON.stringify(r.recorder.events), series: JSON.stringify(SERIES.map((s) => r.recorder.series(s))), result: JSON.stringify(r.result()) };
    };
    const a = run(7);
    expect(JSON.parse(a.events).length).toBeGreaterThan(2000);
    expect(run(7)).toEqual(a);
    const b = run(8);
    expect(b.events).not.toBe(a.events);
  });

  it('logs arrival → start → departure per customer, with waits and times in seconds', () => {
    const r = new Runner(queueLab, { ...base, durationS: 30 }, 4);
    r.runToEnd();
    const events = queueEvents(r);
    const byId = new Map<number, typeof events>();
    for (const e of events) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    let complete = 0;
    for (const [, list] of byId) {
      expect(list[0].type).toBe('arrival');
      if (list.length === 3) {
        complete++;
        const [arrival, start, departure] = list;
        expect(start.type).toBe('start');
        expect(departure.type).toBe('departure');
        if (start.type === 'start') expect(start.waitS).toBeCloseTo((start.t - arrival.t) / 1000, 9);
        if (departure.type === 'departure') expect(departure.timeInSystemS).toBeCloseTo((departure.t - arrival.t) / 1000, 9);
      }
    }
    expect(complete).toBeGreaterThan(150);
    const result = r.result();
    expect(result.arrivals).toBe(result.served + result.drops + result.waiting + result.inService);
  });

  it('capacity bounds the number in system and drops the overflow', () => {
    const r = new Runner(queueLab, { ...base, arrivalRate: 30, serviceRate: 10, servers: 2, capacity: 5, durationS: 60 }, 5);
    r.runToEnd();
    const result = r.result();
    expect(result.drops).toBeGreaterThan(0);
    expect(r.recorder.count('drop')).toBe(result.drops);
    const inSystem = r.recorder.series('inSystem').map((p) => p.v);
    expect(Math.max(...inSystem)).toBeLessThanOrEqual(5);
    for (const e of queueEvents(r)) {
      if (e.type === 'arrival') expect(e.inSystem).toBeLessThanOrEqual(5);
      if (e.type === 'drop') expect(e.inSystem).toBe(5);
    }
    const drops = r.recorder.series('drops');
    expect(drops[drops.length - 1].v).toBe(result.drops);
    // unbounded: no drops at all
    const open = new Runner(queueLab, { ...base, arrivalRate: 30, serviceRate: 10, servers: 2, durationS: 10 }, 5);
    open.runToEnd();
    expect(open.result().drops).toBe(0);
  });

  it('samples every series at a fixed interval: SAMPLES_PER_RUN + 1 points from 0 to the end', () => {
    const r = new Runner(queueLab, { ...base, durationS: 50 }, 6);
    r.runToEnd();
    for (const name of SERIES) {
      const s = r.recorder.series(name);
      expect(s.length).toBe(SAMPLES_PER_RUN + 1);
      expect(s[0].t).toBe(0);
      expect(s[s.length - 1].t).toBe(50_000);
      expect(s[1].t).toBeCloseTo(50_000 / SAMPLES_PER_RUN, 9);
      for (const p of s) expect(Number.isFinite(p.v)).toBe(true);
    }
    const util = r.recorder.series('utilisation').map((p) => p.v);
    expect(Math.min(...util)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...util)).toBeLessThanOrEqual(1 + 1e-9);
    const p50 = r.recorder.series('waitP50');
    const p99 = r.recorder.series('waitP99');
    for (let i = 0; i < p50.length; i++) expect(p99[i].v).toBeGreaterThanOrEqual(p50[i].v);
  });

  it.each([
    ['light-load', {}],
    ['bounded, two servers', { arrivalRate: 25, servers: 2, capacity: 8 }],
  ])('scrubbing backwards (checkpoint restore + replay) equals a straight run: %s', (_name, overrides) => {
    const params = { ...base, durationS: 200, ...overrides };
    const fingerprint = (r: Runner) =>
      JSON.stringify({ now: r.now, events: r.recorder.events, series: SERIES.map((s) => r.recorder.series(s)), result: r.result() });
    const scrubbed = new Runner(queueLab, params, 9);
    scrubbed.runToEnd();
    for (const target of [150_000, 63_500, 2_000, 0]) {
      scrubbed.scrubTo(target);
      const straight = new Runner(queueLab, params, 9);
      straight.runTo(target);
      expect(fingerprint(scrubbed)).toBe(fingerprint(straight));
    }
    scrubbed.scrubTo(121_000);
    scrubbed.runToEnd();
    const full = new Runner(queueLab, params, 9);
    full.runToEnd();
    expect(fingerprint(scrubbed)).toBe(fingerprint(full));
  });

  it('result() mid-run does not disturb the run', () => {
    const a = new Runner(queueLab, base, 10);
    for (let t = 1000; t <= 120_000; t += 7_000) {
      a.runTo(t);
      a.result();
    }
    a.runToEnd();
    const b = new Runner(queueLab, base, 10);
    b.runToEnd();
    expect(a.result()).toEqual(b.result());
  });

  it('an overloaded unbounded queue grows without bound and reports no steady state', () => {
    const r = new Runner(queueLab, { ...base, arrivalRate: 12, serviceRate: 10, durationS: 300 }, 11);
    r.runToEnd();
    const result = r.result();
    expect(result.theory.stable).toBe(false);
    expect(result.theory.W).toBeNull();
    expect(result.waiting).toBeGreaterThan(300); // grows ~2/s
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('queue frame', () => {
  it('is the station right now as plain data, agreeing with the result', () => {
    const r = new Runner(queueLab, { ...base, arrivalRate: 30, serviceRate: 10, servers: 2, capacity: 5, durationS: 20 }, 12);
    r.runTo(10_000);
    const frame = viewOf(queueLab, r).frame();
    expect(JSON.parse(JSON.stringify(frame))).toEqual(frame);
    expect(structuredClone(frame)).toEqual(frame);
    const result = r.result();
    expect(frame).toEqual({ servers: 2, busy: result.inService, waiting: result.waiting, drops: result.drops });
    expect(frame.drops).toBeGreaterThan(0);
  });
});

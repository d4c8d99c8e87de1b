/**
 * Every number a queue preset's story tells the learner, checked against the closed forms and
 * against what the preset's run (the seed a lesson embed or a fresh lab page uses) actually shows.
 */
import { describe, expect, it } from 'vitest';
import { queueLab, type QueueParams, type QueueResult } from '@/simulations/queue';
import { Runner } from '@/simulations/core/runner';
import { defaults } from '@/simulations/core/params';
import { DEFAULT_SEED } from '@/components/lab-shell/link';

const base = defaults(queueLab.schema);
const preset = (id: string) => {
  const p = queueLab.presets.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};
function run(id: string, seed = preset(id).seed ?? DEFAULT_SEED): QueueResult & { params: QueueParams } {
  const params = { ...base, ...preset(id).params };
  const runner = new Runner(queueLab, params, seed, { eventLimit: 0 });
  runner.runToEnd();
  return { ...runner.result(), params };
}

describe('queue preset stories', () => {
  it('light load: ρ = 0.5 and W = 2 × service time = 0.2 s, in theory and in the run', () => {
    const r = run('light-load');
    expect(r.theory.rho).toBe(0.5);
    expect(r.theory.W).toBeCloseTo(2 / r.params.serviceRate, 9);
    expect(r.theory.W).toBeCloseTo(0.2, 9);
    expect(Math.abs(r.meanTimeInSystem! - 0.2) / 0.2).toBeLessThan(0.1);
  });

  it('near saturation: theory W = 2 s and p99 wait ~9 s, while 20-minute runs measure from about 1 to 3 s', () => {
    expect(preset('near-saturation').story).toContain('anywhere from about 1 to 3 s');
    const first = run('near-saturation');
    expect(first.theory.rho).toBe(0.95);
    expect(first.theory.W).toBeCloseTo(2, 9);
    expect(first.theory.W! * first.params.serviceRate).toBeCloseTo(20, 9);
    expect(Math.round(first.theory.waitP99!)).toBe(9);
    const measured = [first.meanTimeInSystem!];
    for (let seed = 2; seed <= 10; seed++) measured.push(run('near-saturation', seed).meanTimeInSystem!);
    for (const w of measured) expect(w, `W = ${w}`).toBeGreaterThan(0.9);
    for (const w of measured) expect(w, `W = ${w}`).toBeLessThan(3.5);
    // "even long averages wobble": seeds disagree by a factor of two or more
    expect(Math.max(...measured) / Math.min(...measured)).toBeGreaterThan(2);
  });

  it('two servers vs one fast server: W ≈ 2.78 s against 2.5 s (Wq = 2 s), and the run agrees on which is faster', () => {
    const two = run('two-servers-vs-one-fast');
    const one = run('one-fast-server');
    expect(two.params.arrivalRate).toBe(one.params.arrivalRate);
    expect(two.params.servers * two.params.serviceRate).toBe(one.params.servers * one.params.serviceRate);
    expect(two.theory.rho).toBeCloseTo(0.8, 9);
    expect(two.theory.W).toBeCloseTo(2.78, 2);
    expect(one.theory.W).toBeCloseTo(2.5, 9);
    expect(one.theory.Wq).toBeCloseTo(2, 9);
    expect(one.meanTimeInSystem!).toBeLessThan(two.meanTimeInSystem!);
  });

  it('bounded queue: about 19% dropped and served customers finish in about 0.7 s', () => {
    const r = run('bounded-queue-drops');
    expect(r.theory.rho).toBeCloseTo(1.2, 9);
    expect(r.theory.dropProbability).toBeCloseTo(0.19, 2);
    expect(r.theory.W).toBeCloseTo(0.7, 1);
    expect(Math.abs(r.dropRate - 0.19)).toBeLessThan(0.03);
    expect(Math.abs(r.meanTimeInSystem! - 0.7)).toBeLessThan(0.07);
  });

  it('overload, unbounded: no steady state, and the queue grows by about 2 customers a second', () => {
    const r = run('overload-unbounded');
    expect(r.theory.stable).toBe(false);
    const perSecond = (r.waiting + r.inService) / r.simulatedS;
    expect(perSecond).toBeGreaterThan(1.3);
    expect(perSecond).toBeLessThan(2.7);
  });
});

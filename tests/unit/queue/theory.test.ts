import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mm1, mmc, mmck, mmckDistribution, queueTheory } from '@/simulations/queue/theory';

describe('queue theory (closed forms)', () => {
  it('M/M/1: W = 1/(μ−λ), Wq = ρ/(μ−λ), L = ρ/(1−ρ), Lq = ρ²/(1−ρ); waiting quantiles', () => {
    const t = mm1(8, 10);
    expect(t.stable).toBe(true);
    expect(t.W).toBeCloseTo(0.5, 12);
    expect(t.Wq).toBeCloseTo(0.4, 12);
    expect(t.L).toBeCloseTo(4, 12);
    expect(t.Lq).toBeCloseTo(3.2, 12);
    expect(t.utilisation).toBeCloseTo(0.8, 12);
    // P(Wq > t) = ρ e^−(μ−λ)t: p50 solves 0.8 e^−2t = 0.5
    expect(t.waitP50).toBeCloseTo(Math.log(0.8 / 0.5) / 2, 12);
    expect(t.waitP99).toBeCloseTo(Math.log(80) / 2, 12);
    expect(mm1(2, 10).waitP50).toBe(0); // 80% of customers never wait
  });

  it('unstable unbounded queues have no steady-state means', () => {
    const t = mm1(10, 10);
    expect(t.stable).toBe(false);
    expect(t.W).toBeNull();
    expect(mmc(5, 1, 4).stable).toBe(false);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t); // JSON-safe (no Infinity)
  });

  it('Erlang B and C match known values', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1.6)).toBeCloseTo(0.7111, 4); // the lesson's pooling example
    expect(erlangC(10, 8)).toBeCloseTo(0.4092, 4);
    expect(erlangC(3, 3)).toBe(1);
  });

  it('M/M/2 vs one fast M/M/1 (the lesson’s numbers): 2.78 s against 2.5 s', () => {
    const two = mmc(1.6, 1, 2);
    expect(two.Wq).toBeCloseTo(1.778, 3);
    expect(two.W).toBeCloseTo(2.778, 3);
    expect(two.L).toBeCloseTo(1.6 * 2.7778, 3);
    const fast = mmc(1.6, 2, 1);
    expect(fast.W).toBeCloseTo(2.5, 12);
    expect(fast.Wq).toBeCloseTo(2.0, 12);
  });

  it('M/M/1/K drop probability (1−ρ)ρᴷ/(1−ρᴷ⁺¹)', () => {
    for (const rho of [0.5, 0.9, 1.2]) {
      const K = 10;
      const expected = ((1 - rho) * Math.pow(rho, K)) / (1 - Math.pow(rho, K + 1));
      expect(mmck(rho * 10, 10, 1, K).dropProbability).toBeCloseTo(expected, 12);
    }
    expect(mmck(9, 10, 1, 10).dropProbability).toBeCloseTo(0.0508, 4);
    expect(mmck(12, 10, 1, 10).dropProbability).toBeCloseTo(0.1926, 4);
  });

  it('M/M/c/K: a distribution; c = K is Erlang B; a large K approaches M/M/c', () => {
    const p = mmckDistribution(3, 1, 2, 8);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(mmck(3, 1, 4, 4).dropProbability).toBeCloseTo(erlangB(4, 3), 12);
    expect(mmck(3, 1, 4, 4).Wq).toBeCloseTo(0, 12);
    const big = mmck(2.4, 1, 3, 2000);
    const open = mmc(2.4, 1, 3);
    for (const key of ['W', 'Wq', 'L', 'Lq', 'probWait', 'waitP50', 'waitP95', 'waitP99'] as const) {
      expect(big[key]!).toBeCloseTo(open[key]!, 6);
    }
    expect(big.dropProbability).toBeLessThan(1e-12);
  });

  it('M/M/c/K keeps Little’s law: L = λ(1 − p_K) W', () => {
    const t = mmck(12, 10, 2, 7);
    expect(t.L!).toBeCloseTo(t.throughput! * t.W!, 12);
    expect(t.Lq!).toBeCloseTo(t.throughput! * t.Wq!, 12);
    expect(t.utilisation!).toBeCloseTo(t.throughput! / 20, 12);
  });

  it('queueTheory picks the model from the params', () => {
    expect(queueTheory({ arrivalRate: 8, serviceRate: 10, servers: 1, capacity: 0 }).model).toBe('M/M/1');
    expect(queueTheory({ arrivalRate: 8, serviceRate: 10, servers: 3, capacity: 0 }).model).toBe('M/M/3');
    expect(queueTheory({ arrivalRate: 8, serviceRate: 10, servers: 2, capacity: 9 }).model).toBe('M/M/2/9');
  });
});

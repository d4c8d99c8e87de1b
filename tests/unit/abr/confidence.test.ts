/** The tournament's 95 % intervals (simulations/abr/tournament/confidence.ts): textbook values and properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '@/simulations/core/rng';
import { meanInterval, tCritical95 } from '@/simulations/abr/tournament/confidence';

const finite = fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });

describe('Student t critical values', () => {
  it('match the table and the normal limit (to 1e-3)', () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(10)).toBe(2.228);
    expect(tCritical95(30)).toBe(2.042);
    // published t(0.975): 40 → 2.021, 60 → 2.000, 120 → 1.980, 1000 → 1.962
    expect(tCritical95(40)).toBeCloseTo(2.021, 3);
    expect(tCritical95(60)).toBeCloseTo(2.0, 3);
    expect(tCritical95(120)).toBeCloseTo(1.98, 3);
    expect(tCritical95(1000)).toBeCloseTo(1.962, 3);
    expect(tCritical95(1e9)).toBeCloseTo(1.96, 3);
    expect(tCritical95(0)).toBe(Infinity);
  });

  it('property: decreases with the degrees of freedom and stays above 1.96', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (df) => {
        expect(tCritical95(df + 1)).toBeLessThanOrEqual(tCritical95(df));
        expect(tCritical95(df)).toBeGreaterThan(1.959);
      }),
    );
  });
});

describe('meanInterval', () => {
  it('a worked example: 1…5 has mean 3, s = √2.5, half-width 2.776·s/√5', () => {
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(m.halfWidth).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect([m.low, m.high]).toEqual([m.mean - m.halfWidth, m.mean + m.halfWidth]);
  });

  it('no values: NaN; one value: unbounded; equal values: zero width', () => {
    expect(meanInterval([]).mean).toBeNaN();
    expect(meanInterval([4]).halfWidth).toBe(Infinity);
    expect(meanInterval([4, 4, 4]).halfWidth).toBe(0);
  });

  it('property: contains the mean; shifting moves it, scaling scales it', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 60 }), finite, fc.double({ min: -100, max: 100, noNaN: true }), (xs, shift, scale) => {
        const m = meanInterval(xs);
        expect(m.low).toBeLessThanOrEqual(m.mean);
        expect(m.high).toBeGreaterThanOrEqual(m.mean);
        const shifted = meanInterval(xs.map((x) => x + shift));
        expect(shifted.mean).toBeCloseTo(m.mean + shift, 6);
        expect(shifted.halfWidth).toBeCloseTo(m.halfWidth, 6);
        const scaled = meanInterval(xs.map((x) => x * scale));
        expect(scaled.halfWidth).toBeCloseTo(m.halfWidth * Math.abs(scale), 4);
      }),
    );
  });

  it('property: more copies of the same values never widen it', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 20 }), fc.integer({ min: 2, max: 5 }), (xs, k) => {
        const once = meanInterval(xs);
        const many = meanInterval(Array.from({ length: k }, () => xs).flat());
        expect(many.halfWidth).toBeLessThanOrEqual(once.halfWidth + 1e-9);
      }),
    );
  });

  it('covers the true mean of normal samples about 95 % of the time (2000 seeded experiments, n = 8)', () => {
    const rng = new Rng(12).stream('coverage');
    let covered = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const xs = Array.from({ length: 8 }, () => rng.normal(10, 3));
      const m = meanInterval(xs);
      if (m.low <= 10 && 10 <= m.high) covered++;
    }
    // binomial sd at p = 0.95 over 2000 runs is 0.49 %: ±1.5 % is three of them
    expect(covered / runs).toBeGreaterThan(0.935);
    expect(covered / runs).toBeLessThan(0.965);
  });
});

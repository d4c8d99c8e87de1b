import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecentValues } from '@/simulations/queue/stats';

/** The window's quantiles by sorting a copy (the definition). */
function reference(window: number[], ps: number[]): number[] {
  if (window.length === 0) return ps.map(() => Number.NaN);
  const sorted = Float64Array.from(window).sort();
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);
}

const PS = [0, 0.01, 0.5, 0.95, 0.99, 1];

describe('RecentValues', () => {
  it('property: quantiles equal those of sorting the last `size` values, also after a checkpoint restore', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(0, -0, 1, 2, Number.NaN)), { maxLength: 300 }),
        fc.nat(300),
        (size, values, restoreAt) => {
          let recent = new RecentValues(size);
          values.forEach((v, i) => {
            if (i === restoreAt) recent = new RecentValues(size, recent.state());
            recent.push(v);
            const window = values.slice(Math.max(0, i + 1 - size), i + 1);
            expect(recent.count).toBe(window.length);
            expect(recent.quantiles(PS)).toEqual(reference(window, PS));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is empty-safe', () => {
    expect(new RecentValues(5).quantiles([0.5])).toEqual([Number.NaN]);
  });
});

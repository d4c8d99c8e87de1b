import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimate, IncrementalDecimator } from '@/components/charts/decimate';

type P = { t: number; v: number };
const x = (d: P) => d.t;
const y = (d: P) => d.v;

describe('decimate', () => {
  it('returns short series untouched', () => {
    const data = Array.from({ length: 50 }, (_, i) => ({ t: i, v: i % 7 }));
    expect(decimate(data, x, y, { x0: 0, x1: 50, columns: 100 })).toBe(data);
  });

  it('keeps a one-point spike in 10,000 points and caps the size at 4 per column', () => {
    const data = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: Math.sin(i / 50) }));
    data[6_543] = { t: 6_543, v: 99 };
    data[1_234] = { t: 1_234, v: -42 };
    const out = decimate(data, x, y, { x0: 0, x1: 10_000, columns: 300 });
    expect(out.length).toBeLessThanOrEqual(4 * 301);
    expect(out.length).toBeGreaterThan(300);
    expect(out.some((d) => d.v === 99)).toBe(true);
    expect(out.some((d) => d.v === -42)).toBe(true);
    expect(out[0]).toBe(data[0]);
    expect(out[out.length - 1]).toBe(data[data.length - 1]);
  });

  it('property: keeps order, first, last and the extremes of every column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 2_000 }),
        fc.integer({ min: 1, max: 120 }),
        (values, columns) => {
          const data = values.map((v, i) => ({ t: i, v }));
          const x1 = data.length;
          const out = decimate(data, x, y, { x0: 0, x1, columns });
          for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
          expect(out[0]).toBe(data[0]);
          expect(out[out.length - 1]).toBe(data[data.length - 1]);
          const max = Math.max(...values);
          const min = Math.min(...values);
          expect(out.some((d) => d.v === max)).toBe(true);
          expect(out.some((d) => d.v === min)).toBe(true);
          // per column extremes survive
          const colOf = (t: number) => Math.min(columns, Math.floor((t / x1) * columns));
          const perCol = new Map<number, { min: number; max: number }>();
          for (const d of data) {
            const c = colOf(d.t);
            const e = perCol.get(c) ?? { min: Infinity, max: -Infinity };
            perCol.set(c, { min: Math.min(e.min, d.v), max: Math.max(e.max, d.v) });
          }
          if (out !== data) {
            for (const [c, e] of perCol) {
              const kept = out.filter((d) => colOf(d.t) === c).map((d) => d.v);
              expect(kept).toContain(e.min);
              expect(kept).toContain(e.max);
              expect(kept.length).toBeLessThanOrEqual(4);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ignores NaN values for extremes', () => {
    const data = Array.from({ length: 1_000 }, (_, i) => ({ t: i, v: i === 500 ? Number.NaN : 1 }));
    data[501] = { t: 501, v: 5 };
    const out = decimate(data, x, y, { x0: 0, x1: 1_000, columns: 10 });
    expect(out.some((d) => d.v === 5)).toBe(true);
  });
});

describe('IncrementalDecimator', () => {
  it('property: growing a series in chunks gives exactly the full decimation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 3_000 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 80 }),
        (values, chunks, columns) => {
          const all = values.map((v, i) => ({ t: i / 2, v }));
          const live: P[] = [];
          const inc = new IncrementalDecimator<P>();
          const options = { x0: 0, x1: values.length / 2 + 1, columns };
          let i = 0;
          for (const c of [...chunks, values.length]) {
            live.push(...all.slice(i, i + c));
            i = Math.min(values.length, i + c);
            expect(inc.decimate(live, x, y, options)).toEqual(decimate(live, x, y, options));
          }
          // scrub back: the array shrinks, then grows again
          live.length = Math.floor(live.length / 2);
          expect(inc.decimate(live, x, y, options)).toEqual(decimate(live, x, y, options));
        },
      ),
      { numRuns: 120 },
    );
  });
});

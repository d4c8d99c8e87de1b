import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear } from 'd3';
import { buildPaths, SeriesPathCache, type ChartSeries } from '@/components/charts/series';
import { IncrementalPath } from '@/components/charts/pathWriter';

type P = { t: number; v: number };
const x = scaleLinear().domain([0, 1_000]).range([0, 120]);
const y = scaleLinear().domain([-100, 100]).range([90, 0]);

function seriesOf(data: P[], kind: ChartSeries<P>['kind']): ChartSeries<P> {
  return { id: kind, label: kind, data, x: (d) => d.t, y: (d) => d.v, kind };
}

describe('incremental path text', () => {
  it('property: a series grown in chunks draws exactly what d3 draws for the whole series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 1_500 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom<'line' | 'step'>('line', 'step'),
        (values, chunks, kind) => {
          const all = values.map((v, i) => ({ t: (i * 1_000) / values.length, v }));
          const live: P[] = [];
          const cache = new SeriesPathCache();
          let i = 0;
          for (const c of [...chunks, values.length]) {
            live.push(...all.slice(i, i + c));
            i = Math.min(values.length, i + c);
            const incremental = cache.paths(seriesOf(live, kind), x, y);
            const whole = buildPaths(seriesOf(live, kind), x, y);
            expect(incremental.line).toBe(whole.line);
            expect(incremental.travel).toBeCloseTo(whole.travel!, 6);
          }
          // scrub back: the array shrinks, then grows again
          live.length = Math.floor(live.length / 2);
          expect(cache.paths(seriesOf(live, kind), x, y).line).toBe(buildPaths(seriesOf(live, kind), x, y).line);
          live.push(...all.slice(live.length));
          expect(cache.paths(seriesOf(live, kind), x, y).line).toBe(buildPaths(seriesOf(live, kind), x, y).line);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('closes an area along the baseline, one closed shape per defined run', () => {
    const data: P[] = [
      { t: 0, v: 10 },
      { t: 100, v: 20 },
      { t: 200, v: Number.NaN },
      { t: 300, v: 30 },
      { t: 400, v: 40 },
    ];
    const { line, area, travel } = new SeriesPathCache().paths(seriesOf(data, 'area'), x, y);
    expect(line).toBe('M0,40.5L12,36M36,31.5L48,27');
    // vertical travel within each defined run only: 4.5 + 4.5 px
    expect(travel).toBeCloseTo(9, 9);
    expect(area).toBe('M0,40.5L12,36L12,45L0,45ZM36,31.5L48,27L48,45L36,45Z');
  });

  it('writes only the new points of a growing 10,000-point series', () => {
    const path = new IncrementalPath<P>('linear', 'line');
    const g = { px: (d: P) => d.t, py: (d: P) => d.v, defined: () => true, baseline: 0 };
    const data: P[] = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: i % 7 }));
    path.build(data, data.length - 1, 1, g);
    const before = path.written;
    data.push({ t: 10_000, v: 1 });
    const text = path.build(data, data.length - 1, 1, g);
    expect(path.written - before).toBe(2);
    expect(text.endsWith('L9999,3L10000,1')).toBe(true);
  });
});

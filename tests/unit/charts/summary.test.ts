import { describe, expect, it } from 'vitest';
import { summarizeChart, summarizeSeries } from '@/components/charts/summary';

describe('screen-reader summary', () => {
  it('states min, max and last value per series', () => {
    const data = [4, 37, 0, 12].map((v, i) => ({ t: i, v }));
    expect(summarizeSeries({ label: 'Queue length', data, y: (d) => d.v }, 'customers')).toBe(
      'Queue length: 4 points, min 0 customers, max 37 customers, last 12 customers.',
    );
  });

  it('says when a series has no data and formats large numbers', () => {
    const big = [{ v: 12_345.6 }, { v: 0.5 }];
    const text = summarizeChart('Throughput', [
      { label: 'served', data: big, y: (d: { v: number }) => d.v },
      { label: 'dropped', data: [], y: (d: { v: number }) => d.v },
    ]);
    expect(text).toBe('Throughput. served: 2 points, min 0.5, max 12,346, last 0.5. dropped: no data yet.');
  });
});

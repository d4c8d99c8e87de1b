import { describe, expect, it } from 'vitest';
import { domainFrom, extentOf, GrowingExtent, mergeExtents, nearestIndex } from '@/components/charts/scales';

type P = { t: number; v: number };
const v = (d: P) => d.v;
const t = (d: P) => d.t;

describe('domains from data', () => {
  it('guards empty data with [0, 1]', () => {
    expect(extentOf([], v)).toBeNull();
    expect(domainFrom(null)).toEqual([0, 1]);
    expect(domainFrom(mergeExtents([null, null]))).toEqual([0, 1]);
  });

  it('spans the data, optionally including zero', () => {
    const data: P[] = [{ t: 0, v: 3 }, { t: 1, v: 9 }, { t: 2, v: 5 }];
    expect(domainFrom(extentOf(data, v))).toEqual([3, 9]);
    expect(domainFrom(extentOf(data, v), { includeZero: true })).toEqual([0, 9]);
    expect(domainFrom(extentOf(data, t))).toEqual([0, 2]);
  });

  it('widens a flat series and honours a fixed domain', () => {
    expect(domainFrom({ min: 4, max: 4 })).toEqual([3.6, 4.4]);
    expect(domainFrom({ min: 0, max: 0 }, { includeZero: true })).toEqual([0, 1]);
    expect(domainFrom({ min: 0.2, max: 0.3 }, { fixed: [0, 1] })).toEqual([0, 1]);
  });

  it('skips NaN and merges several series', () => {
    const a: P[] = [{ t: 0, v: Number.NaN }, { t: 1, v: -2 }];
    const b: P[] = [{ t: 0, v: 10 }];
    expect(mergeExtents([extentOf(a, v), extentOf(b, v)])).toEqual({ min: -2, max: 10 });
  });

  it('GrowingExtent scans only appended points and rescans after truncation', () => {
    const data: P[] = [{ t: 0, v: 1 }, { t: 1, v: 2 }];
    let calls = 0;
    const counted = (d: P) => {
      calls++;
      return d.v;
    };
    const cache = new GrowingExtent<P>();
    expect(cache.get(data, counted)).toEqual({ min: 1, max: 2 });
    expect(calls).toBe(2);
    data.push({ t: 2, v: 7 });
    expect(cache.get(data, counted)).toEqual({ min: 1, max: 7 });
    expect(calls).toBe(3);
    expect(cache.get(data, counted)).toEqual({ min: 1, max: 7 });
    expect(calls).toBe(3);
    data.length = 1; // scrubbed back
    expect(cache.get(data, counted)).toEqual({ min: 1, max: 1 });
  });

  it('nearestIndex finds the closest x', () => {
    const data: P[] = [0, 10, 20, 30].map((x) => ({ t: x, v: x }));
    expect(nearestIndex([], t, 5)).toBe(-1);
    expect(nearestIndex(data, t, -5)).toBe(0);
    expect(nearestIndex(data, t, 14)).toBe(1);
    expect(nearestIndex(data, t, 16)).toBe(2);
    expect(nearestIndex(data, t, 99)).toBe(3);
  });
});

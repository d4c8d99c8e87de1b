/**
 * Domains derived from the data, never configured by hand unless the caller pins them.
 * d3's extent() of an empty array is [undefined, undefined] and a scale with that domain maps
 * everything to NaN, so every function here guards the empty and the flat case.
 */
export type Domain = [number, number];

export interface Extent {
  min: number;
  max: number;
}

/** Min and max of the finite values of `value` over `data`; null when there are none. */
export function extentOf<D>(data: readonly D[], value: (d: D) => number, from = 0, start: Extent | null = null): Extent | null {
  let min = start ? start.min : Infinity;
  let max = start ? start.max : -Infinity;
  for (let i = from; i < data.length; i++) {
    const v = value(data[i]);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/**
 * Remembers the extent of a growing array and only scans the new points when it grows. A live run
 * appends to the SAME array; scrubbing back truncates it (then the cache rescans from the start).
 */
export class GrowingExtent<D> {
  private data: readonly D[] | null = null;
  private length = 0;
  private extent: Extent | null = null;

  get(data: readonly D[], value: (d: D) => number): Extent | null {
    if (data !== this.data || data.length < this.length) {
      this.data = data;
      this.length = 0;
      this.extent = null;
    }
    if (data.length > this.length) {
      this.extent = extentOf(data, value, this.length, this.extent);
      this.length = data.length;
    }
    return this.extent;
  }
}

export function mergeExtents(extents: (Extent | null)[]): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  for (const e of extents) {
    if (!e) continue;
    if (e.min < min) min = e.min;
    if (e.max > max) max = e.max;
  }
  return min <= max ? { min, max } : null;
}

export interface DomainOptions {
  /** Use this domain as is (e.g. [0, 1] for a utilisation). */
  fixed?: Domain;
  /** Stretch the domain to contain 0 (counts, rates). */
  includeZero?: boolean;
}

/** A usable, non-degenerate domain from an extent: [0, 1] with no data, widened when flat. */
export function domainFrom(extent: Extent | null, { fixed, includeZero = false }: DomainOptions = {}): Domain {
  if (fixed && Number.isFinite(fixed[0]) && Number.isFinite(fixed[1]) && fixed[1] > fixed[0]) return [fixed[0], fixed[1]];
  if (!extent || !Number.isFinite(extent.min) || !Number.isFinite(extent.max)) return [0, 1];
  let lo = extent.min;
  let hi = extent.max;
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi === lo) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    return includeZero && lo === 0 ? [0, pad] : [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** Index of the point whose x is nearest to `target` (data sorted by x); -1 when empty. */
export function nearestIndex<D>(data: readonly D[], x: (d: D) => number, target: number): number {
  const n = data.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x(data[mid]) < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === n) return n - 1;
  return target - x(data[lo - 1]) <= x(data[lo]) - target ? lo - 1 : lo;
}

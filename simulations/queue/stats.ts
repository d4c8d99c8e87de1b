/**
 * Small fixed-size statistics for long runs: their state is plain numbers, so a checkpoint is a
 * cheap copy no matter how many customers went through.
 */
import { DetMath } from '../core/math';

const HISTOGRAM_MIN = 1e-3; // smallest positive value kept apart from the zero bucket (1 µs, in ms)
const HISTOGRAM_RATIO = 1.02; // each bucket is 2% wide: quantiles are within ±1%
const HISTOGRAM_BUCKETS = Math.ceil(DetMath.log(1e12) / DetMath.log(HISTOGRAM_RATIO)); // up to 1e9 ms
const LOG_RATIO = DetMath.log(HISTOGRAM_RATIO);

/** Log-bucketed histogram of non-negative values, with an exact bucket for zero. */
export class LogHistogram {
  private counts: Float64Array;
  private zeros: number;
  private total: number;

  constructor(state?: LogHistogramState) {
    this.counts = state ? Float64Array.from(state.counts) : new Float64Array(HISTOGRAM_BUCKETS);
    this.zeros = state?.zeros ?? 0;
    this.total = state?.total ?? 0;
  }

  get count(): number {
    return this.total;
  }

  add(value: number): void {
    this.total++;
    if (value <= 0) {
      this.zeros++;
      return;
    }
    const i = Math.floor(DetMath.log(Math.max(value, HISTOGRAM_MIN) / HISTOGRAM_MIN) / LOG_RATIO);
    this.counts[Math.min(i, HISTOGRAM_BUCKETS - 1)]++;
  }

  /** Smallest value v with P(X <= v) >= p (bucket midpoint, geometric); NaN when empty. */
  quantile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = this.zeros;
    if (seen >= rank) return 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return HISTOGRAM_MIN * DetMath.pow(HISTOGRAM_RATIO, i + 0.5);
    }
    return HISTOGRAM_MIN * DetMath.pow(HISTOGRAM_RATIO, HISTOGRAM_BUCKETS);
  }

  state(): LogHistogramState {
    return { counts: Array.from(this.counts), zeros: this.zeros, total: this.total };
  }
}

export interface LogHistogramState {
  counts: number[];
  zeros: number;
  total: number;
}

/**
 * The last `size` values pushed (a ring), also kept sorted: a push is a binary search and a short
 * memmove out and in, a quantile is one array read. (Sorting a copy per sample was 10% of a live
 * frame.) Values are ordered like Float64Array.prototype.sort (-0 before +0, NaN last), so the
 * quantiles are exactly those of sorting the window.
 */
export class RecentValues {
  private values: Float64Array;
  private next: number;
  private filled: number;
  private sorted: Float64Array;

  constructor(
    readonly size: number,
    state?: RecentValuesState,
  ) {
    this.values = state ? Float64Array.from(state.values) : new Float64Array(size);
    this.next = state?.next ?? 0;
    this.filled = state?.filled ?? 0;
    this.sorted = new Float64Array(size);
    this.sorted.set(this.values.subarray(0, this.filled));
    this.sorted.subarray(0, this.filled).sort();
  }

  get count(): number {
    return this.filled;
  }

  push(v: number): void {
    const sorted = this.sorted;
    if (this.filled === this.size) {
      // replace the oldest value: one move of the values between where it leaves and v enters
      const out = lowerBound(sorted, this.filled, this.values[this.next]);
      const at = lowerBound(sorted, this.filled, v);
      if (at > out) {
        sorted.copyWithin(out, out + 1, at);
        sorted[at - 1] = v;
      } else {
        sorted.copyWithin(at + 1, at, out);
        sorted[at] = v;
      }
    } else {
      const at = lowerBound(sorted, this.filled, v);
      sorted.copyWithin(at + 1, at, this.filled);
      sorted[at] = v;
      this.filled++;
    }
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
  }

  /** Quantiles (nearest rank) of the values held; NaN for each when empty. */
  quantiles(ps: readonly number[]): number[] {
    if (this.filled === 0) return ps.map(() => Number.NaN);
    return ps.map((p) => this.sorted[Math.min(this.filled - 1, Math.max(0, Math.ceil(p * this.filled) - 1))]);
  }

  state(): RecentValuesState {
    return { values: Array.from(this.values), next: this.next, filled: this.filled };
  }
}

/** a before b in Float64Array.prototype.sort order */
function before(a: number, b: number): boolean {
  if (a < b) return true;
  if (a > b) return false;
  if (a === b) return a === 0 && 1 / a < 1 / b; // -0 before +0
  return b !== b && a === a; // NaN last
}

/** First index in sorted[0, n) whose value is not before v. */
function lowerBound(sorted: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid], v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RecentValuesState {
  values: number[];
  next: number;
  filled: number;
}

/** Sum of the last `size` numbers pushed (a sliding window over fixed intervals). */
export class SlidingSum {
  private values: Float64Array;
  private next: number;
  private filled: number;

  constructor(
    readonly size: number,
    state?: SlidingSumState,
  ) {
    this.values = state ? Float64Array.from(state.values) : new Float64Array(size);
    this.next = state?.next ?? 0;
    this.filled = state?.filled ?? 0;
  }

  get count(): number {
    return this.filled;
  }

  push(v: number): void {
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled++;
  }

  /**
   * LOUD: summed afresh in slot order on every call, never kept as a running sum: a running sum
   * depends on the whole history of float additions, so a run restored from a checkpoint would
   * drift from one that never stopped.
   */
  get total(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.values[i];
    return sum;
  }

  state(): SlidingSumState {
    return { values: Array.from(this.values), next: this.next, filled: this.filled };
  }
}

export interface SlidingSumState {
  values: number[];
  next: number;
  filled: number;
}

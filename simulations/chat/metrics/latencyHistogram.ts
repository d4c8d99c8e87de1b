/**
 * Latency histogram with 1% log buckets (p50/p99 within 1%) plus the exact maximum.
 */
import { DetMath } from '../../core/math';
const MIN_MS = 0.001;
const GROWTH = DetMath.log(1.01);
const BUCKETS = 2600; // 0.001 ms · 1.01^2600 ≈ 1.7e8 ms

function bucketOf(ms: number): number {
  const x = ms < MIN_MS ? MIN_MS : ms;
  const i = Math.floor(DetMath.log(x / MIN_MS) / GROWTH);
  return i >= BUCKETS ? BUCKETS - 1 : i;
}

export class LatencyHistogram {
  private counts = new Float64Array(BUCKETS);
  count = 0;
  max = 0;
  sum = 0;

  add(ms: number): void {
    this.addAt(bucketOf(ms), ms);
  }

  /** Add the same sample here and to `other` (one logarithm). */
  addAlsoTo(other: LatencyHistogram, ms: number): void {
    const i = bucketOf(ms);
    this.addAt(i, ms);
    other.addAt(i, ms);
  }

  private addAt(i: number, ms: number): void {
    this.counts[i]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** Quantile q in [0, 1]; the bucket's upper edge, capped at the exact max. NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    if (q >= 1) return this.max;
    const target = q * this.count;
    let acc = 0;
    for (let i = 0; i < BUCKETS; i++) {
      acc += this.counts[i];
      if (acc >= target && this.counts[i] > 0) return Math.min(this.max, MIN_MS * DetMath.exp((i + 1) * GROWTH));
    }
    return this.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
    this.sum = 0;
  }
}

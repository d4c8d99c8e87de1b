/** Log-bucketed latency histogram (2% buckets from 0.01 ms): O(1) per record, percentiles to ~1%. */
import { DetMath } from '../../core/math';
const MIN_MS = 0.01;
const GROWTH = DetMath.log(1.02);
const BUCKETS = 1200;

export class LatencyHistogram {
  private counts = new Float64Array(BUCKETS);
  total = 0;
  max = 0;

  add(ms: number, n = 1): void {
    const i = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(DetMath.log(ms / MIN_MS) / GROWTH));
    this.counts[i] += n;
    this.total += n;
    if (ms > this.max) this.max = ms;
  }

  /** q in [0, 1]; 0 when empty. Reports the bucket's geometric middle. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const target = q * this.total;
    let acc = 0;
    for (let i = 0; i < BUCKETS; i++) {
      acc += this.counts[i];
      if (acc >= target && this.counts[i] > 0) {
        if (i === 0) return MIN_MS;
        const lo = MIN_MS * DetMath.exp((i - 1) * GROWTH);
        return Math.min(this.max, lo * DetMath.exp(GROWTH / 2));
      }
    }
    return this.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }
}

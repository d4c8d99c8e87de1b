/**
 * Group sizes: a truncated Lomax (shifted power law) on [minSize, max] fitted so that its median and
 * 99th percentile hit the requested values. Heavy-tailed like the real mix (most groups are small,
 * a few channels are huge). median = p99 = max gives fixed-size groups.
 *
 *   F(x) = (1 − (1 + (x − a)/q)^−α) / Z,   Z = 1 − (1 + (M − a)/q)^−α
 */
import { DetMath } from '../../core/math';

export interface GroupSizeSpec {
  median: number;
  p99: number;
  max: number;
}

export interface GroupSizeDistribution {
  fixed: number | null;
  minSize: number;
  max: number;
  alpha: number;
  q: number;
  /** Inverse CDF: u in [0, 1) → integer size. */
  sample(u: number): number;
  cdf(x: number): number;
}

function lomaxCdf(x: number, a: number, q: number, alpha: number, max: number): number {
  if (x <= a) return 0;
  if (x >= max) return 1;
  const z = 1 - DetMath.pow(1 + (max - a) / q, -alpha);
  return (1 - DetMath.pow(1 + (x - a) / q, -alpha)) / z;
}

export function fitGroupSizes(spec: GroupSizeSpec): GroupSizeDistribution {
  const max = Math.max(2, Math.floor(spec.max));
  const median = Math.min(max, Math.max(2, spec.median));
  const p99 = Math.min(max, Math.max(median, spec.p99));
  if (p99 <= median || median >= max) {
    const fixed = Math.round(median);
    return { fixed, minSize: fixed, max: fixed, alpha: Infinity, q: 1, sample: () => fixed, cdf: (x) => (x >= fixed ? 1 : 0) };
  }
  const a = Math.min(3, median) - 0.5;
  const m = median;
  const p = p99;
  // for a given alpha, q such that F(m) = 0.5 (F(m) decreases as q grows)
  const qFor = (alpha: number): number => {
    let lo = DetMath.log(1e-6);
    let hi = DetMath.log(1e12);
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (lomaxCdf(m, a, DetMath.exp(mid), alpha, max) > 0.5) lo = mid;
      else hi = mid;
    }
    return DetMath.exp((lo + hi) / 2);
  };
  let lo = 0.01;
  let hi = 50;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    const f = lomaxCdf(p, a, qFor(mid), mid, max);
    if (f < 0.99) lo = mid;
    else hi = mid;
  }
  const alpha = (lo + hi) / 2;
  const q = qFor(alpha);
  const z = 1 - DetMath.pow(1 + (max - a) / q, -alpha);
  const minSize = Math.round(a + 0.5);
  return {
    fixed: null,
    minSize,
    max,
    alpha,
    q,
    sample(u: number): number {
      const x = a + q * (DetMath.pow(1 - u * z, -1 / alpha) - 1);
      const k = Math.floor(x + 0.5);
      return k < minSize ? minSize : k > max ? max : k;
    },
    cdf: (x: number) => lomaxCdf(x + 0.5, a, q, alpha, max),
  };
}

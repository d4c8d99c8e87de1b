/**
 * Where the viewers are: a stream's audience ramps up linearly and spreads over E edge PoPs by a
 * Zipf law (the k-th busiest PoP gets a share ∝ 1/k^s; s = 0 is uniform), then over the renditions
 * evenly. Counts are apportioned exactly (largest remainder), so they always sum to the total and
 * the same inputs give the same counts on every machine.
 */
import { DetMath } from '../../core/math';

export function zipfShares(edges: number, skew: number): number[] {
  const weights: number[] = [];
  let total = 0;
  for (let k = 1; k <= edges; k++) {
    const w = skew === 0 ? 1 : DetMath.pow(k, -skew);
    weights.push(w);
    total += w;
  }
  return weights.map((w) => w / total);
}

/** Split `total` whole items by `shares` (summing to 1): floors first, the rest to the largest remainders (ties: lower index). */
export function apportion(total: number, shares: readonly number[]): number[] {
  const exact = shares.map((s) => s * total);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) counts[order[j].i]++;
  return counts;
}

/** Viewers watching at time t (ms) of a stream that ramps from 0 to `peak` over `rampMs`. */
export function viewersAt(tMs: number, peak: number, rampMs: number): number {
  if (rampMs <= 0 || tMs >= rampMs) return peak;
  return Math.round((peak * tMs) / rampMs);
}

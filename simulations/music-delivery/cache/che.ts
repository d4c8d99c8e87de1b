/**
 * Che's approximation of an LRU cache's hit ratio under independent requests (Che, Tung & Wang,
 * IEEE JSAC 2002; Fricker, Robert & Roberts 2012 on why it is so accurate): a cache of C items
 * keeps an item for a characteristic time T_C solving Σ_i (1 − e^{−q_i·T_C}) = C, and
 *
 *     hit ratio ≈ Σ_i q_i · (1 − e^{−q_i·T_C})
 *
 * with q_i the request probability of item i (Zipf: q_i ∝ i^−s).
 */
import { DetMath } from '../../core/math';

export function zipfProbabilities(n: number, s: number): Float64Array {
  const q = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += q[i] = DetMath.pow(i + 1, -s);
  for (let i = 0; i < n; i++) q[i] /= total;
  return q;
}

/**
 * T_C by Newton's method on g(T) = Σ(1 − e^{−q_i·T}) − C: g is increasing and concave, and
 * g(C) ≤ 0 (1 − e^{−x} ≤ x), so Newton from T = C climbs monotonically to the root.
 */
export function characteristicTime(q: Float64Array, capacity: number): number {
  let t = capacity;
  for (let iteration = 0; iteration < 200; iteration++) {
    let g = -capacity;
    let slope = 0;
    for (let i = 0; i < q.length; i++) {
      const e = DetMath.exp(-q[i] * t);
      g += 1 - e;
      slope += q[i] * e;
    }
    if (!(slope > 0)) break;
    const next = t - g / slope;
    if (Math.abs(next - t) <= 1e-12 * t) return next;
    t = next;
  }
  return t;
}

export function cheHitRatio(q: Float64Array, capacity: number): number {
  if (capacity <= 0) return 0;
  if (capacity >= q.length) return 1;
  const t = characteristicTime(q, capacity);
  let h = 0;
  for (let i = 0; i < q.length; i++) h += q[i] * (1 - DetMath.exp(-q[i] * t));
  return h;
}

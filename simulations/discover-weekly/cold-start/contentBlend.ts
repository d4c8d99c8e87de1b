/**
 * Cold start: a brand-new track has no plays, so ALS gives it y = 0 and a score of 0 for everyone:
 * it is never recommended. Discover Weekly's answer (research §5.2) is a content model: learn,
 * from the tracks that do have plays, a map from what the audio sounds like to where tracks sit in
 * the taste space (here a ridge regression from content features to ALS item factors), and place
 * the new track with it. `blend` mixes that estimate with the (zero) collaborative vector.
 */
import { choleskyInPlace, choleskySolveInPlace, dot } from '../linalg/dense';

/** Ridge of the content → factor map (features are O(1), so a small fixed μ). */
const RIDGE = 0.1;

/**
 * W (dims × f) minimising Σ_i ‖W ᵀ content_i − y_i‖² + μ‖W‖² over the `trained` tracks (those with plays).
 */
export function fitContentMap(content: Float64Array, dims: number, y: Float64Array, f: number, trained: readonly number[]): Float64Array {
  const a = new Float64Array(dims * dims);
  const b = new Float64Array(dims * f);
  for (const i of trained) {
    for (let p = 0; p < dims; p++) {
      const cp = content[i * dims + p];
      for (let q = 0; q < dims; q++) a[p * dims + q] += cp * content[i * dims + q];
      for (let k = 0; k < f; k++) b[p * f + k] += cp * y[i * f + k];
    }
  }
  for (let p = 0; p < dims; p++) a[p * dims + p] += RIDGE;
  if (!choleskyInPlace(a, dims)) return new Float64Array(dims * f);
  const w = new Float64Array(dims * f);
  const column = new Float64Array(dims);
  for (let k = 0; k < f; k++) {
    for (let p = 0; p < dims; p++) column[p] = b[p * f + k];
    choleskySolveInPlace(a, dims, column);
    for (let p = 0; p < dims; p++) w[p * f + k] = column[p];
  }
  return w;
}

/** The new track's factor: blend · (Wᵀ content) + (1 − blend) · 0 (what ALS alone knows). */
export function coldStartFactor(w: Float64Array, dims: number, f: number, content: Float64Array, track: number, blend: number): Float64Array {
  const out = new Float64Array(f);
  for (let k = 0; k < f; k++) {
    let s = 0;
    for (let p = 0; p < dims; p++) s += content[track * dims + p] * w[p * f + k];
    out[k] = blend * s;
  }
  return out;
}

export function scoreWith(x: Float64Array, user: number, f: number, factor: Float64Array): number {
  return dot(x, user * f, factor, 0, f);
}

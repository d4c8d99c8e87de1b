/**
 * A 2-D picture of the taste space: the two principal axes of the user and track factors together
 * (power iteration with deflation on the f × f covariance; fixed start and iteration count, so the
 * same factors always give the same picture). Signs are fixed so the picture does not flip between
 * half-steps.
 */
import { dot } from '../linalg/dense';

const ITERATIONS = 60;

function principalAxes(rows: Float64Array[], f: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(f);
  let n = 0;
  for (const m of rows) {
    const count = m.length / f;
    n += count;
    for (let r = 0; r < count; r++) for (let k = 0; k < f; k++) mean[k] += m[r * f + k];
  }
  for (let k = 0; k < f; k++) mean[k] /= Math.max(1, n);
  const cov = new Float64Array(f * f);
  for (const m of rows) {
    const count = m.length / f;
    for (let r = 0; r < count; r++) {
      for (let a = 0; a < f; a++) {
        const da = m[r * f + a] - mean[a];
        for (let b = 0; b < f; b++) cov[a * f + b] += da * (m[r * f + b] - mean[b]);
      }
    }
  }
  const axes: Float64Array[] = [];
  for (let which = 0; which < 2; which++) {
    let v = new Float64Array(f);
    for (let k = 0; k < f; k++) v[k] = 1 / (k + 1 + which);
    for (let it = 0; it < ITERATIONS; it++) {
      const next = new Float64Array(f);
      for (let a = 0; a < f; a++) next[a] = dot(cov, a * f, v, 0, f);
      for (const prev of axes) {
        const p = dot(next, 0, prev, 0, f);
        for (let k = 0; k < f; k++) next[k] -= p * prev[k];
      }
      const norm = Math.sqrt(dot(next, 0, next, 0, f));
      if (!(norm > 0)) break;
      for (let k = 0; k < f; k++) next[k] /= norm;
      v = next;
    }
    let big = 0;
    for (let k = 1; k < f; k++) if (Math.abs(v[k]) > Math.abs(v[big])) big = k;
    if (v[big] < 0) for (let k = 0; k < f; k++) v[k] = -v[k];
    axes.push(v);
  }
  return [axes[0], axes[1]];
}

export interface Projected {
  /** [x, y] per row, interleaved */
  users: number[];
  tracks: number[];
}

/** Project the chosen user and track rows onto the principal plane of all the factors. */
export function projectFactors(x: Float64Array, y: Float64Array, f: number, users: readonly number[], tracks: readonly number[]): Projected {
  const [a, b] = principalAxes([x, y], f);
  const project = (m: Float64Array, ids: readonly number[]) => ids.flatMap((id) => [dot(m, id * f, a, 0, f), dot(m, id * f, b, 0, f)]);
  return { users: project(x, users), tracks: project(y, tracks) };
}

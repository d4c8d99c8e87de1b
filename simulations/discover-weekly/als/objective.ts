/**
 * The implicit-ALS loss (Hu et al. 2008 eq. 3), over ALL user × track pairs:
 *
 *     Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)
 *
 * computed without visiting the m·n pairs: the unobserved pairs have c = 1, p = 0, so
 * Σ_all (x_uᵀy_i)² = trace((XᵀX)(YᵀY)) plus a correction on the observed entries only.
 * O(nnz·f + (m + n)·f²). `naiveObjective` is the definition, for the tests.
 */
import type { PlayMatrix } from '../plays/playMatrix';
import { confidence, preference, type ConfidenceConfig } from './confidence';
import { dot, gram, type SquareMatrix } from '../linalg/dense';

export interface Factors {
  f: number;
  /** users × f, row-major */
  x: Float64Array;
  /** tracks × f, row-major */
  y: Float64Array;
}

function squaredNorm(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k] * v[k];
  return s;
}

export interface ObjectiveParts {
  /** the confidence-weighted squared error */
  loss: number;
  /** λ (‖X‖² + ‖Y‖²) */
  penalty: number;
  total: number;
}

export function objective(plays: PlayMatrix, { f, x, y }: Factors, lambda: number, cfg: ConfidenceConfig, yGram?: SquareMatrix): ObjectiveParts {
  const xGram = gram(x, plays.rows, f);
  const yy = yGram ?? gram(y, plays.cols, f);
  let loss = 0;
  for (let k = 0; k < f * f; k++) loss += xGram[k] * yy[k];
  for (let u = 0; u < plays.rows; u++) {
    for (let e = plays.rowStart[u]; e < plays.rowStart[u + 1]; e++) {
      const score = dot(x, u * f, y, plays.col[e] * f, f);
      const c = confidence(plays.count[e], cfg);
      const err = preference(plays.count[e]) - score;
      loss += c * err * err - score * score;
    }
  }
  const penalty = lambda * (squaredNorm(x) + squaredNorm(y));
  return { loss, penalty, total: loss + penalty };
}

export function naiveObjective(plays: PlayMatrix, { f, x, y }: Factors, lambda: number, cfg: ConfidenceConfig): number {
  let loss = 0;
  for (let u = 0; u < plays.rows; u++) {
    const row = new Float64Array(plays.cols);
    for (let e = plays.rowStart[u]; e < plays.rowStart[u + 1]; e++) row[plays.col[e]] = plays.count[e];
    for (let i = 0; i < plays.cols; i++) {
      const err = preference(row[i]) - dot(x, u * f, y, i * f, f);
      loss += confidence(row[i], cfg) * err * err;
    }
  }
  return loss + lambda * (squaredNorm(x) + squaredNorm(y));
}

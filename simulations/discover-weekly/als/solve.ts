/**
 * One row of an ALS half-step (Hu et al. 2008 eq. 4), for a user (or, transposed, a track):
 *
 *     x_u = (YᵀY + Yᵀ(Cᵘ − I)Y + λI)⁻¹ · YᵀCᵘ p(u)
 *
 * YᵀY is shared by every row of the half-step (computed once, `gram`); Cᵘ − I is zero except on
 * the row's observed entries, so a row costs O(f²·n_u + f³) instead of O(f²·n). p = 1 exactly on
 * the observed entries, so YᵀCᵘp(u) = Σ_{i∈N(u)} c_ui·y_i.
 *
 * LOUD: the naive solve below is the definition this must equal (tests/unit/discover-weekly, 1e-8).
 */
import type { PlayMatrix } from '../plays/playMatrix';
import { confidence, preference, type ConfidenceConfig } from './confidence';
import { addWeightedOuterLower, choleskyInPlace, choleskySolveInPlace, gaussianSolve, type SquareMatrix } from '../linalg/dense';

/** Scratch space for one solver, reused across rows (no allocation per row). */
export interface RowSolver {
  f: number;
  a: SquareMatrix;
  b: Float64Array;
}

export function rowSolver(f: number): RowSolver {
  return { f, a: new Float64Array(f * f), b: new Float64Array(f) };
}

/**
 * Fill solver.a with the lower triangle of YᵀCᵘY + λI and solver.b with YᵀCᵘp(u) for `row` of
 * `m` (whose columns index the rows of `other`), using the precomputed `otherGram` = YᵀY.
 */
export function buildRowSystem(solver: RowSolver, m: PlayMatrix, row: number, other: Float64Array, otherGram: SquareMatrix, lambda: number, cfg: ConfidenceConfig): void {
  const { f, a, b } = solver;
  a.set(otherGram);
  for (let k = 0; k < f; k++) a[k * f + k] += lambda;
  b.fill(0);
  for (let e = m.rowStart[row]; e < m.rowStart[row + 1]; e++) {
    const offset = m.col[e] * f;
    const c = confidence(m.count[e], cfg);
    addWeightedOuterLower(a, f, other, offset, c - 1);
    const weight = c * preference(m.count[e]);
    for (let k = 0; k < f; k++) b[k] += weight * other[offset + k];
  }
}

/**
 * Solve `row` into target[row·f …]. A row without plays gets b = 0, hence x = 0 (Hu et al.: no
 * evidence, no taste). Returns false only if the system is not positive definite (λ > 0 rules it out).
 */
export function solveRow(solver: RowSolver, m: PlayMatrix, row: number, other: Float64Array, otherGram: SquareMatrix, lambda: number, cfg: ConfidenceConfig, target: Float64Array): boolean {
  const { f, a, b } = solver;
  if (m.rowStart[row] === m.rowStart[row + 1]) {
    target.fill(0, row * f, row * f + f);
    return true;
  }
  buildRowSystem(solver, m, row, other, otherGram, lambda, cfg);
  if (!choleskyInPlace(a, f)) return false;
  choleskySolveInPlace(a, f, b);
  target.set(b, row * f);
  return true;
}

/**
 * The naive system of the same row, straight from the definition: YᵀCᵘY + λI summed over EVERY
 * column (c = 1, p = 0 where unobserved), full matrix. O(f²·n). Tests and the benchmark only.
 */
export function naiveRowSystem(m: PlayMatrix, row: number, other: Float64Array, otherRows: number, f: number, lambda: number, cfg: ConfidenceConfig): { a: SquareMatrix; b: Float64Array } {
  const a = new Float64Array(f * f);
  const b = new Float64Array(f);
  const plays = new Float64Array(otherRows);
  for (let e = m.rowStart[row]; e < m.rowStart[row + 1]; e++) plays[m.col[e]] = m.count[e];
  for (let i = 0; i < otherRows; i++) {
    const c = confidence(plays[i], cfg);
    const p = preference(plays[i]);
    for (let r = 0; r < f; r++) {
      const yr = other[i * f + r];
      for (let s = 0; s < f; s++) a[r * f + s] += c * yr * other[i * f + s];
      b[r] += c * p * yr;
    }
  }
  for (let k = 0; k < f; k++) a[k * f + k] += lambda;
  return { a, b };
}

/** The naive solve: the naive system by Gaussian elimination (no shared Gram, no Cholesky). */
export function naiveSolveRow(m: PlayMatrix, row: number, other: Float64Array, otherRows: number, f: number, lambda: number, cfg: ConfidenceConfig): Float64Array {
  const { a, b } = naiveRowSystem(m, row, other, otherRows, f, lambda, cfg);
  return gaussianSolve(a, f, b);
}

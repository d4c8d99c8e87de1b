/**
 * Why a track was recommended (Hu et al. 2008 §5): with W = (YᵀCᵘY + λI)⁻¹,
 *
 *     x_uᵀy_i = Σ_{j ∈ N(u)} s_ij · c_uj,   s_ij = y_iᵀ W y_j
 *
 * exactly, right after the user's solve: each played track j contributes its similarity to i
 * (in the user's own metric W) times the confidence in it. The biggest terms are "because you
 * played …".
 */
import type { PlayMatrix } from '../plays/playMatrix';
import type { SquareMatrix } from '../linalg/dense';
import { buildRowSystem, rowSolver } from '../als/solve';
import { choleskyInPlace, choleskySolveInPlace, dot } from '../linalg/dense';
import { confidence, type ConfidenceConfig } from '../als/confidence';

export interface Contribution {
  track: number;
  /** s_ij · c_uj */
  amount: number;
}

/** For each track in `tracks`: the user's played tracks by contribution, largest first. */
export function contributions(train: PlayMatrix, user: number, y: Float64Array, yGram: SquareMatrix, f: number, lambda: number, cfg: ConfidenceConfig, tracks: readonly number[]): Contribution[][] {
  const start = train.rowStart[user];
  const end = train.rowStart[user + 1];
  if (start === end) return tracks.map(() => []);
  const solver = rowSolver(f);
  buildRowSystem(solver, train, user, y, yGram, lambda, cfg);
  if (!choleskyInPlace(solver.a, f)) return tracks.map(() => []);
  const w = new Float64Array(f);
  return tracks.map((i) => {
    w.set(y.subarray(i * f, i * f + f));
    choleskySolveInPlace(solver.a, f, w);
    const out: Contribution[] = [];
    for (let e = start; e < end; e++) out.push({ track: train.col[e], amount: dot(w, 0, y, train.col[e] * f, f) * confidence(train.count[e], cfg) });
    return out.sort((a, b) => b.amount - a.amount || a.track - b.track);
  });
}

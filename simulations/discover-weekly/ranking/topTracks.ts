/**
 * Ranking what a listener has not heard yet: the model's top-K by x_uᵀy_i, the popularity
 * baseline (the most-played tracks the listener has not played), and precision@K / recall@K
 * against the held-out plays.
 */
import type { PlayMatrix } from '../plays/playMatrix';
import { dot } from '../linalg/dense';

export const TOP_K = 10;

export interface Ranked {
  track: number;
  score: number;
}

/** The best `k` tracks by `scores`, skipping the listener's training tracks; ties go to the lower id. */
export function topK(k: number, scores: Float64Array, train: PlayMatrix, user: number): Ranked[] {
  const candidates = scores.length;
  const best: Ranked[] = [];
  let e = train.rowStart[user];
  const end = train.rowStart[user + 1];
  for (let i = 0; i < candidates; i++) {
    while (e < end && train.col[e] < i) e++;
    if (e < end && train.col[e] === i) continue;
    const s = scores[i];
    if (best.length === k && !(s > best[k - 1].score)) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push({ track: i, score: s });
    while (at > 0 && best[at - 1].score < s) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = { track: i, score: s };
  }
  return best;
}

/** x_uᵀy_i for every track, into `out`. */
export function scoreAll(user: number, x: Float64Array, y: Float64Array, f: number, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = dot(x, user * f, y, i * f, f);
  return out;
}

export function modelTopK(k: number, train: PlayMatrix, user: number, x: Float64Array, y: Float64Array, f: number): Ranked[] {
  return topK(k, scoreAll(user, x, y, f, new Float64Array(train.cols)), train, user);
}

/** 1 + the number of the listener's unheard tracks scoring above `score`. */
export function rankAmongUnheard(score: number, scores: Float64Array, train: PlayMatrix, user: number): number {
  let above = 0;
  let e = train.rowStart[user];
  const end = train.rowStart[user + 1];
  for (let i = 0; i < scores.length; i++) {
    while (e < end && train.col[e] < i) e++;
    if (e < end && train.col[e] === i) continue;
    if (scores[i] > score) above++;
  }
  return above + 1;
}

/** Listeners per track in the training data: the popularity baseline's score. */
export function listenersPerTrack(train: PlayMatrix): Float64Array {
  const out = new Float64Array(train.cols);
  for (let e = 0; e < train.col.length; e++) out[train.col[e]]++;
  return out;
}

export function popularityTopK(k: number, train: PlayMatrix, user: number, popularity: Float64Array): Ranked[] {
  return topK(k, popularity, train, user);
}

export interface Hits {
  hits: number;
  heldOut: number;
}

export function hitsOf(recommended: readonly Ranked[], test: PlayMatrix, user: number): Hits {
  let hits = 0;
  for (const r of recommended) {
    for (let e = test.rowStart[user]; e < test.rowStart[user + 1]; e++) {
      if (test.col[e] === r.track) {
        hits++;
        break;
      }
    }
  }
  return { hits, heldOut: test.rowStart[user + 1] - test.rowStart[user] };
}

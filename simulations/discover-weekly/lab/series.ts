/**
 * The Discover Weekly lab's recorder contract: the events a learner steps through (one per
 * half-step and evaluation; the single solves in between are work, not news), the series, the
 * layout of virtual time, and the frame a view may draw.
 */
import type { ColdStartOutcome } from '../als/training';

/** Virtual ms per phase (users half-step, tracks half-step, evaluation): a sweep takes 3 s at 1×. */
export const PHASE_MS = 1000;
/** Training starts after the data is shown at t = 0. */
export const START_MS = PHASE_MS;
export const PHASES_PER_ITERATION = 3;

/** Sweeps completed (fractional) at virtual time t: the x of every chart. */
export function sweepsAt(tMs: number): number {
  return Math.max(0, (tMs - START_MS) / (PHASE_MS * PHASES_PER_ITERATION));
}

export type DiscoverWeeklyEvent =
  | { type: 'dataset'; users: number; tracks: number; genres: number; pairs: number; plays: number; heldOutPairs: number; added: number }
  | { type: 'half-step'; side: 'users' | 'tracks'; iteration: number; objective: number; loss: number; penalty: number }
  | { type: 'evaluated'; iteration: number; precision: number; recall: number; baselinePrecision: number; baselineRecall: number; users: number }
  | ({ type: 'cold-start'; genreName: string; blend: number } & ColdStartOutcome);

export const SERIES = ['objective', 'precision', 'recall', 'baselinePrecision', 'baselineRecall'] as const;
export type DiscoverWeeklySeriesName = (typeof SERIES)[number];

export interface TrackRef {
  track: number;
  name: string;
  genre: number;
}

export interface Recommendation extends TrackRef {
  score: number;
  /** the listener played it in the held-out plays: a hit */
  hit: boolean;
  /** the listener's played tracks that contributed most (share of the score) */
  because: (TrackRef & { share: number })[];
}

export interface DiscoverWeeklyFrame {
  iteration: number;
  phase: 'users' | 'tracks' | 'evaluate' | 'done';
  /** fraction of the current phase done */
  progress: number;
  genreNames: string[];
  /** the heatmap window: listener ids (rows) and tracks (columns), grouped by genre */
  window: {
    users: number[];
    userGenre: number[];
    tracks: TrackRef[];
    /** training plays, rows × columns */
    plays: number[];
    /** 1 where the pair is held out (played, but hidden from training) */
    heldOut: number[];
    /** x_uᵀy_i now */
    predicted: number[];
    /** playlists (of all listeners) holding both tracks, columns × columns */
    coPlaylists: number[];
  };
  projection: { users: number[]; userGenre: number[]; tracks: number[]; trackGenre: number[] };
  focus: {
    user: number;
    genre: number;
    liked: (TrackRef & { plays: number })[];
    recommendations: Recommendation[];
    popular: (TrackRef & { hit: boolean })[];
  };
}

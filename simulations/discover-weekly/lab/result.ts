import type { DiscoverWeeklyModel } from './model';
import { trackName } from './model';
import { GENRE_NAMES } from '../plays/listeners';
import { modelTopK, TOP_K } from '../ranking/topTracks';
import type { ColdStartOutcome } from '../als/training';

/** The CLI's --json document: the data, the training so far, the ranking quality against the popularity chart. */
export interface DiscoverWeeklyResult {
  dataset: { users: number; tracks: number; genres: number; trainPairs: number; heldOutPairs: number; density: number };
  sweepsDone: number;
  objective: number | null;
  /** precision@10 and recall@10 on held-out plays, at the last evaluation (null before the first) */
  model: { precisionAt10: number; recallAt10: number } | null;
  popularity: { precisionAt10: number; recallAt10: number } | null;
  /** model precision / popularity precision */
  lift: number | null;
  evaluatedUsers: number;
  coldStart: (ColdStartOutcome & { genreName: string }) | null;
  focus: { user: number; genre: string; top10: string[] };
}

export function discoverWeeklyResult({ catalogue: c, training: t, params }: DiscoverWeeklyModel): DiscoverWeeklyResult {
  const m = t.lastModel;
  const b = t.lastBaseline;
  const { f, x, y } = t.factors;
  const user = Math.min(params.focusUser, c.train.rows - 1);
  return {
    dataset: { users: c.train.rows, tracks: c.train.cols, genres: c.genres, trainPairs: c.train.col.length, heldOutPairs: c.test.col.length, density: c.train.col.length / (c.train.rows * c.train.cols) },
    sweepsDone: Math.min(t.iteration - 1, t.cfg.iterations),
    objective: t.lastObjective?.total ?? null,
    model: m ? { precisionAt10: m.precision, recallAt10: m.recall } : null,
    popularity: b ? { precisionAt10: b.precision, recallAt10: b.recall } : null,
    lift: m && b && b.precision > 0 ? m.precision / b.precision : null,
    evaluatedUsers: m?.users ?? 0,
    coldStart: t.coldStart ? { ...t.coldStart, genreName: GENRE_NAMES[t.coldStart.genre] } : null,
    focus: { user, genre: GENRE_NAMES[c.userGenre[user]], top10: modelTopK(TOP_K, c.train, user, x, y, f).map((r) => trackName(c, r.track)) },
  };
}

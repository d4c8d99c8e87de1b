/**
 * What the Discover Weekly view shows, from the run's frame and result: the status line, the
 * heatmap layers (plays, preference, confidence, prediction, playlists), the scoreboard rows, the
 * recommendation reasons and the edits a click makes to the added plays. Pure.
 */
import { confidence, preference, MAX_EXTRA_PLAYS, type AddedPlay, type DiscoverWeeklyFrame, type DiscoverWeeklyParams, type DiscoverWeeklyResult } from '@/simulations/discover-weekly';

export const PLAYS_PER_CLICK = 5;

const PHASE_TEXT = { users: 'solving every listener vector', tracks: 'solving every track vector', evaluate: 'ranking every listener’s top-10', done: 'done' } as const;

export function statusLine(f: DiscoverWeeklyFrame, iterations: number): string {
  if (f.phase === 'done') return `Trained: ${iterations} sweep${iterations === 1 ? '' : 's'} done`;
  return `Sweep ${f.iteration} of ${iterations}: ${PHASE_TEXT[f.phase]} (${Math.round(f.progress * 100)}%)`;
}

export type Layer = 'plays' | 'preference' | 'confidence' | 'predicted' | 'playlists';

export const LAYERS: { id: Layer; title: string; note: string }[] = [
  { id: 'plays', title: 'Plays r', note: 'training play counts; outlined cells were played but held out' },
  { id: 'preference', title: 'Preference p = [r > 0]', note: 'what the model tries to predict: 1 where played' },
  { id: 'confidence', title: 'Confidence c', note: 'how much each cell counts in the loss (1 where silent)' },
  { id: 'predicted', title: 'Predicted xᵤᵀyᵢ', note: 'the model’s score now; bright held-out cells are hits in waiting' },
  { id: 'playlists', title: 'Playlists in common (track × track)', note: 'tracks that share playlists: the article’s playlist view' },
];

export function layerValues(layer: Layer, f: DiscoverWeeklyFrame, p: Pick<DiscoverWeeklyParams, 'alpha' | 'confidence' | 'epsilon'>): readonly number[] {
  const w = f.window;
  switch (layer) {
    case 'plays':
      return w.plays;
    case 'preference':
      return w.plays.map(preference);
    case 'confidence': {
      const cfg = { alpha: p.alpha, kind: p.confidence, epsilon: p.epsilon };
      // silent cells (c = 1) are drawn blank so the played ones stand out
      return w.plays.map((r) => (r > 0 ? confidence(r, cfg) : 0));
    }
    case 'predicted':
      return w.predicted.map((v) => Math.max(0, v));
    case 'playlists':
      return w.coPlaylists;
  }
}

export function layerShape(layer: Layer, f: DiscoverWeeklyFrame): { rows: number; columns: number } {
  const columns = f.window.tracks.length;
  return { rows: layer === 'playlists' ? columns : f.window.users.length, columns };
}

export interface ScoreRow {
  label: string;
  model: string;
  popularity: string;
}

const pct = (v: number | undefined | null) => (v === undefined || v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

export function scoreRows(r: DiscoverWeeklyResult): ScoreRow[] {
  return [
    { label: 'Precision@10', model: pct(r.model?.precisionAt10), popularity: pct(r.popularity?.precisionAt10) },
    { label: 'Recall@10', model: pct(r.model?.recallAt10), popularity: pct(r.popularity?.recallAt10) },
  ];
}

export function verdict(r: DiscoverWeeklyResult): string {
  if (!r.model || !r.popularity) return 'The first evaluation comes after the first sweep.';
  const lift = r.lift;
  if (lift === null) return 'The popularity chart found no held-out plays at all.';
  return lift >= 1
    ? `The top-10 finds ${lift.toFixed(1)}× as many held-out plays as the popularity chart, over ${r.evaluatedUsers} listeners.`
    : `The popularity chart beats the model (${(1 / lift).toFixed(1)}× as many hits): the vectors fit the training plays, not the listeners.`;
}

export function coldStartText(f: DiscoverWeeklyFrame, r: DiscoverWeeklyResult, blend: number): string | null {
  const c = r.coldStart;
  if (!c) return null;
  const genre = f.genreNames[c.genre];
  if (blend === 0) return `A new ${genre} track has no plays, so ALS gives it a zero vector: it ranks #${c.fanMedianRank} (median) for ${genre} fans, no better than for anyone else (#${c.otherMedianRank}), and reaches ${c.fansReached} of ${c.fans} fans’ top-10.`;
  return `A new ${genre} track, placed by its audio features: median rank #${c.fanMedianRank} for ${genre} fans vs #${c.otherMedianRank} for everyone else; in the top-10 of ${c.fansReached} of ${c.fans} fans.`;
}

/** The added plays after a click: PLAYS_PER_CLICK more for (user, track), oldest dropped past the limit. */
export function withAddedPlays(current: readonly AddedPlay[], user: number, track: number, plays = PLAYS_PER_CLICK): AddedPlay[] {
  const existing = current.find((e) => e.user === user && e.track === track);
  const rest = current.filter((e) => e !== existing);
  const next = [...rest, { user, track, plays: Math.min(100, (existing?.plays ?? 0) + plays) }];
  return next.slice(-MAX_EXTRA_PLAYS);
}

export const sharePercent = (share: number) => `${Math.round(share * 100)}%`;

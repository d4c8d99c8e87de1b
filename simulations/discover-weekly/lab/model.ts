/**
 * The run `create` builds: a synthetic listening history (plays/listeners.ts), implicit ALS on it
 * as one work item per event (als/training.ts), on virtual time laid out in series.ts. Maps the
 * params onto the parts' configs; checkpoints; the frame.
 */
import type { SimContext } from '../../core/lab';
import { generateListeners, genreStart, GENRE_NAMES, type Catalogue, type ListenersConfig } from '../plays/listeners';
import { countAt } from '../plays/playMatrix';
import { AlsTraining, PHASES, type TrainingConfig, type TrainingState, type TrainingStep } from '../als/training';
import { gram, dot } from '../linalg/dense';
import { modelTopK, popularityTopK, TOP_K } from '../ranking/topTracks';
import { contributions } from '../ranking/explain';
import { projectFactors } from '../ranking/projection';
import type { DiscoverWeeklyParams } from './schema';
import { PHASE_MS, PHASES_PER_ITERATION, START_MS, type DiscoverWeeklyEvent, type DiscoverWeeklyFrame, type DiscoverWeeklySeriesName, type TrackRef } from './series';

type DwContext = SimContext<DiscoverWeeklyEvent, DiscoverWeeklySeriesName>;

/** Heatmap window and projection sizes: what a view can draw legibly on a phone. */
export const WINDOW_USERS = 32;
export const WINDOW_TRACKS = 40;
export const PROJECTED_POINTS = 160;
const LIKED_SHOWN = 8;
const REASONS_SHOWN = 3;
/** Small random start of the factors (Hu et al. start from small values). */
const INIT_SCALE = 0.1;

export interface DiscoverWeeklyModel {
  readonly params: DiscoverWeeklyParams;
  readonly catalogue: Catalogue;
  readonly training: AlsTraining;
  readonly window: DiscoverWeeklyFrame['window'];
  readonly projected: { users: number[]; tracks: number[] };
  cache: { predictedAt: number; projectionAt: number; frame: Partial<DiscoverWeeklyFrame> };
}

export function listenersConfig(p: DiscoverWeeklyParams): ListenersConfig {
  return {
    users: p.users,
    tracks: p.tracks,
    genres: p.genres,
    playsPerUser: p.playsPerUser,
    genreFocus: p.genreFocus,
    holdoutFraction: p.holdoutFraction,
    contentNoise: p.contentNoise,
    extraPlays: p.extraPlays.map((e) => ({ row: e.user, col: e.track, count: e.plays })),
  };
}

export function trainingConfig(p: DiscoverWeeklyParams): TrainingConfig {
  return {
    factors: p.factors,
    lambda: p.lambda,
    iterations: p.iterations,
    confidence: { alpha: p.alpha, kind: p.confidence, epsilon: p.epsilon },
    coldStartBlend: p.coldStartBlend,
    initScale: INIT_SCALE,
  };
}

export function trackName(c: Catalogue, track: number): string {
  if (track === c.coldTrack) return 'New release';
  const g = c.trackGenre[track];
  return `${GENRE_NAMES[g]} #${track - genreStart(g, c.train.cols, c.genres) + 1}`;
}

function trackRef(c: Catalogue, track: number): TrackRef {
  return { track, name: trackName(c, track), genre: c.trackGenre[track] };
}

/** Rows: the first listeners of each main genre; columns: each genre's most-listened tracks. */
function buildWindow(c: Catalogue, popularity: Float64Array): DiscoverWeeklyFrame['window'] {
  const users: number[] = [];
  const perGenreUsers = Math.ceil(WINDOW_USERS / c.genres);
  for (let g = 0; g < c.genres; g++) {
    let taken = 0;
    for (let u = 0; u < c.train.rows && taken < perGenreUsers; u++) {
      if (c.userGenre[u] !== g) continue;
      users.push(u);
      taken++;
    }
  }
  const tracks: number[] = [];
  const perGenreTracks = Math.ceil(WINDOW_TRACKS / c.genres);
  for (let g = 0; g < c.genres; g++) {
    const from = genreStart(g, c.train.cols, c.genres);
    const to = genreStart(g + 1, c.train.cols, c.genres);
    const ids = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => popularity[b] - popularity[a] || a - b);
    tracks.push(...ids.slice(0, perGenreTracks));
  }
  const plays: number[] = [];
  const heldOut: number[] = [];
  for (const u of users) {
    for (const i of tracks) {
      plays.push(countAt(c.train, u, i));
      heldOut.push(countAt(c.test, u, i) > 0 ? 1 : 0);
    }
  }
  const column = new Map(tracks.map((t, k) => [t, k]));
  const coPlaylists = new Array<number>(tracks.length * tracks.length).fill(0);
  for (const list of c.playlists) {
    const cols = [...list].map((t) => column.get(t)).filter((k): k is number => k !== undefined);
    for (const a of cols) for (const b of cols) if (a !== b) coPlaylists[a * tracks.length + b]++;
  }
  return { users, userGenre: users.map((u) => c.userGenre[u]), tracks: tracks.map((t) => trackRef(c, t)), plays, heldOut, predicted: [], coPlaylists };
}

function spread(count: number, total: number): number[] {
  const n = Math.min(count, total);
  return Array.from({ length: n }, (_, k) => Math.floor((k * total) / n));
}

/** Virtual time of the training's next work item. */
export function nextItemTime(t: AlsTraining): number {
  if (t.iteration > t.cfg.iterations) return START_MS + t.cfg.iterations * PHASES_PER_ITERATION * PHASE_MS;
  const phaseIndex = PHASES.indexOf(t.phase);
  const base = START_MS + ((t.iteration - 1) * PHASES_PER_ITERATION + phaseIndex) * PHASE_MS;
  const items = t.itemsIn(t.phase);
  return base + Math.floor((t.cursor * (PHASE_MS - 1)) / Math.max(1, items - 1));
}

export function horizonOf(p: DiscoverWeeklyParams): number {
  return START_MS + p.iterations * PHASES_PER_ITERATION * PHASE_MS + PHASE_MS / 2;
}

function record(step: TrainingStep, model: DiscoverWeeklyModel, ctx: DwContext): void {
  const rec = ctx.recorder;
  switch (step.kind) {
    case 'half-step':
      rec.log({ type: 'half-step', side: step.side, iteration: step.iteration, objective: step.objective.total, loss: step.objective.loss, penalty: step.objective.penalty });
      rec.sample('objective', step.objective.total);
      break;
    case 'evaluated':
      rec.log({ type: 'evaluated', iteration: step.iteration, precision: step.model.precision, recall: step.model.recall, baselinePrecision: step.baseline.precision, baselineRecall: step.baseline.recall, users: step.model.users });
      rec.sample('precision', step.model.precision);
      rec.sample('recall', step.model.recall);
      rec.sample('baselinePrecision', step.baseline.precision);
      rec.sample('baselineRecall', step.baseline.recall);
      break;
    case 'cold-start':
      rec.log({ type: 'cold-start', genreName: GENRE_NAMES[step.outcome.genre], blend: model.params.coldStartBlend, ...step.outcome });
      break;
    default:
      break;
  }
}

function scheduleNext(model: DiscoverWeeklyModel, ctx: DwContext): void {
  if (model.training.finished) return;
  ctx.scheduler.at(nextItemTime(model.training), () => {
    record(model.training.next(), model, ctx);
    scheduleNext(model, ctx);
  });
}

function build(params: DiscoverWeeklyParams, catalogue: Catalogue, training: AlsTraining): DiscoverWeeklyModel {
  return {
    params,
    catalogue,
    training,
    window: buildWindow(catalogue, training.popularity),
    projected: { users: spread(PROJECTED_POINTS, catalogue.train.rows), tracks: spread(PROJECTED_POINTS, catalogue.train.cols) },
    cache: { predictedAt: -1, projectionAt: -1, frame: {} },
  };
}

export function createDiscoverWeekly(params: DiscoverWeeklyParams, ctx: DwContext): DiscoverWeeklyModel {
  const catalogue = generateListeners(listenersConfig(params), ctx.rng);
  const model = build(params, catalogue, new AlsTraining(trainingConfig(params), catalogue, ctx.rng.stream('factors')));
  const { train, test } = catalogue;
  let plays = 0;
  for (let e = 0; e < train.count.length; e++) plays += train.count[e];
  ctx.recorder.log({ type: 'dataset', users: train.rows, tracks: train.cols, genres: catalogue.genres, pairs: train.col.length, plays, heldOutPairs: test.col.length, added: params.extraPlays.length });
  ctx.recorder.sample('objective', model.training.lastObjective!.total);
  scheduleNext(model, ctx);
  return model;
}

export interface DiscoverWeeklySnapshot {
  catalogue: Catalogue;
  training: TrainingState;
}

export function saveDiscoverWeekly(model: DiscoverWeeklyModel): DiscoverWeeklySnapshot {
  // the catalogue is never mutated after create: checkpoints share it
  return { catalogue: model.catalogue, training: model.training.snapshot() };
}

export function restoreDiscoverWeekly(snapshot: unknown, params: DiscoverWeeklyParams, ctx: DwContext): DiscoverWeeklyModel {
  const s = snapshot as DiscoverWeeklySnapshot;
  const model = build(params, s.catalogue, new AlsTraining(trainingConfig(params), s.catalogue, s.training));
  scheduleNext(model, ctx);
  return model;
}

function halfStepsDone(t: AlsTraining): number {
  if (t.iteration > t.cfg.iterations) return t.cfg.iterations * 2;
  return (t.iteration - 1) * 2 + Math.min(2, PHASES.indexOf(t.phase));
}

function focusOf(model: DiscoverWeeklyModel): DiscoverWeeklyFrame['focus'] {
  const { catalogue: c, training: t, params: p } = model;
  const user = Math.min(p.focusUser, c.train.rows - 1);
  const { f, x, y } = t.factors;
  const liked: (TrackRef & { plays: number })[] = [];
  for (let e = c.train.rowStart[user]; e < c.train.rowStart[user + 1]; e++) liked.push({ ...trackRef(c, c.train.col[e]), plays: c.train.count[e] });
  liked.sort((a, b) => b.plays - a.plays || a.track - b.track);
  const top = modelTopK(TOP_K, c.train, user, x, y, f);
  const reasons = contributions(c.train, user, y, gram(y, c.train.cols, f), f, p.lambda, t.cfg.confidence, top.map((r) => r.track));
  const hit = (track: number) => countAt(c.test, user, track) > 0;
  return {
    user,
    genre: c.userGenre[user],
    liked: liked.slice(0, LIKED_SHOWN),
    recommendations: top.map((r, k) => {
      const total = reasons[k].reduce((s, r2) => s + Math.max(0, r2.amount), 0);
      return {
        ...trackRef(c, r.track),
        score: r.score,
        hit: hit(r.track),
        because: reasons[k].slice(0, REASONS_SHOWN).filter((r2) => r2.amount > 0).map((r2) => ({ ...trackRef(c, r2.track), share: total > 0 ? r2.amount / total : 0 })),
      };
    }),
    popular: popularityTopK(TOP_K, c.train, user, t.popularity).map((r) => ({ ...trackRef(c, r.track), hit: hit(r.track) })),
  };
}

export function discoverWeeklyFrame(model: DiscoverWeeklyModel): DiscoverWeeklyFrame {
  const { training: t, catalogue: c, cache } = model;
  const { f, x, y } = t.factors;
  const w = model.window;
  if (cache.predictedAt !== t.version) {
    const predicted: number[] = [];
    for (const u of w.users) for (const track of w.tracks) predicted.push(dot(x, u * f, y, track.track * f, f));
    cache.frame.window = { ...w, predicted };
    cache.frame.focus = focusOf(model);
    cache.predictedAt = t.version;
  }
  const done = halfStepsDone(t);
  if (cache.projectionAt !== done) {
    const p = projectFactors(x, y, f, model.projected.users, model.projected.tracks);
    cache.frame.projection = { users: p.users, userGenre: model.projected.users.map((u) => c.userGenre[u]), tracks: p.tracks, trackGenre: model.projected.tracks.map((i) => c.trackGenre[i]) };
    cache.projectionAt = done;
  }
  const finished = t.iteration > t.cfg.iterations;
  const items = finished ? 1 : t.itemsIn(t.phase);
  return {
    iteration: Math.min(t.iteration, t.cfg.iterations),
    phase: finished ? 'done' : t.phase,
    progress: finished ? 1 : t.cursor / items,
    genreNames: GENRE_NAMES.slice(0, c.genres),
    window: cache.frame.window!,
    projection: cache.frame.projection!,
    focus: cache.frame.focus!,
  };
}

/**
 * Implicit ALS as a sequence of small work items, so a run can be watched and scrubbed on virtual
 * time and a big matrix never blocks a thread for long: each iteration is three phases,
 *
 *   users:    YᵀY once, then one item per user solve, then the objective (a half-step)
 *   tracks:   XᵀX once, then one item per track solve, then the objective (a half-step)
 *   evaluate: one item per user (top-10 vs held-out plays, model and popularity), then the score
 *
 * and after the last iteration one cold-start item. `next()` does one item and says what
 * happened; the lab decides when (virtual time) and what to record. All state is in
 * `TrainingState` (plain data), so a checkpoint is a copy of it.
 */
import { transpose as transposeOf, type PlayMatrix } from '../plays/playMatrix';
import type { Catalogue } from '../plays/listeners';
import { contentDims } from '../plays/listeners';
import { gram } from '../linalg/dense';
import type { RandomStream } from '../../core/rng';
import type { ConfidenceConfig } from './confidence';
import { objective, type ObjectiveParts } from './objective';
import { rowSolver, solveRow, type RowSolver } from './solve';
import { hitsOf, listenersPerTrack, popularityTopK, rankAmongUnheard, scoreAll, topK, TOP_K } from '../ranking/topTracks';
import { coldStartFactor, fitContentMap, scoreWith } from '../cold-start/contentBlend';

export interface TrainingConfig {
  factors: number;
  lambda: number;
  iterations: number;
  confidence: ConfidenceConfig;
  /** weight of the content estimate for the brand-new track, 0–1 */
  coldStartBlend: number;
  /** standard deviation of the initial random factors */
  initScale: number;
}

export const PHASES = ['users', 'tracks', 'evaluate'] as const;
export type Phase = (typeof PHASES)[number];

export interface Scores {
  precision: number;
  recall: number;
  users: number;
}

export interface ColdStartOutcome {
  track: number;
  genre: number;
  /** main-genre fans of the track's genre whose top-10 it enters */
  fansReached: number;
  fans: number;
  othersReached: number;
  others: number;
  /** median rank of the new track among each listener's unheard tracks (1 = first) */
  fanMedianRank: number;
  otherMedianRank: number;
}

export type TrainingStep =
  | { kind: 'gram'; phase: Phase; iteration: number }
  | { kind: 'solve'; phase: Phase; iteration: number; row: number }
  | { kind: 'half-step'; side: 'users' | 'tracks'; iteration: number; objective: ObjectiveParts }
  | { kind: 'scored'; iteration: number; user: number }
  | { kind: 'evaluated'; iteration: number; model: Scores; baseline: Scores }
  | { kind: 'cold-start'; outcome: ColdStartOutcome }
  | { kind: 'done' };

export interface TrainingState {
  /** 1-based iteration in progress (iterations + 1 once training is over) */
  iteration: number;
  phase: number;
  /** item within the phase */
  cursor: number;
  x: Float64Array;
  y: Float64Array;
  /** the Gram matrix of the fixed side for the current half-step */
  fixedGram: Float64Array;
  /** evaluation in progress: sums over users */
  evalSums: [users: number, precision: number, recall: number];
  baselineSums: [users: number, precision: number, recall: number];
  /** per user: the new track's rank among their unheard tracks, at the final evaluation */
  coldRank: Int32Array;
  /** the new track's factor for the final evaluation (computed as it starts) */
  coldFactor: Float64Array;
  /** bumped on every change of the factors */
  version: number;
  lastObjective: ObjectiveParts | null;
  lastModel: Scores | null;
  lastBaseline: Scores | null;
  coldStart: ColdStartOutcome | null;
}

function copyState(s: TrainingState): TrainingState {
  return {
    ...s,
    x: s.x.slice(),
    y: s.y.slice(),
    fixedGram: s.fixedGram.slice(),
    evalSums: [...s.evalSums],
    baselineSums: [...s.baselineSums],
    coldRank: s.coldRank.slice(),
    coldFactor: s.coldFactor.slice(),
  };
}

export class AlsTraining {
  readonly trainT: PlayMatrix;
  readonly popularity: Float64Array;
  private state: TrainingState;
  private readonly solver: RowSolver;
  private readonly scores: Float64Array;

  constructor(
    readonly cfg: TrainingConfig,
    readonly data: Catalogue,
    init: RandomStream | TrainingState,
  ) {
    this.trainT = transposeOf(data.train);
    this.popularity = listenersPerTrack(data.train);
    this.solver = rowSolver(cfg.factors);
    this.scores = new Float64Array(data.train.cols);
    const f = cfg.factors;
    if ('nextUint32' in init) {
      // Hu et al. start from small random factors; users are solved first, so only Y's start matters
      const x = new Float64Array(data.train.rows * f);
      const y = new Float64Array(data.train.cols * f);
      for (let k = 0; k < x.length; k++) x[k] = init.normal(0, cfg.initScale);
      for (let k = 0; k < y.length; k++) y[k] = init.normal(0, cfg.initScale);
      this.state = {
        iteration: 1,
        phase: 0,
        cursor: 0,
        x,
        y,
        fixedGram: new Float64Array(f * f),
        evalSums: [0, 0, 0],
        baselineSums: [0, 0, 0],
        coldRank: new Int32Array(data.train.rows),
        coldFactor: new Float64Array(f),
        version: 0,
        lastObjective: null,
        lastModel: null,
        lastBaseline: null,
        coldStart: null,
      };
      this.state.lastObjective = this.objective();
    } else {
      this.state = copyState(init);
    }
  }

  get users(): number {
    return this.data.train.rows;
  }
  get tracks(): number {
    return this.data.train.cols;
  }
  get factors(): { f: number; x: Float64Array; y: Float64Array } {
    return { f: this.cfg.factors, x: this.state.x, y: this.state.y };
  }
  get iteration(): number {
    return this.state.iteration;
  }
  get phase(): Phase {
    return PHASES[this.state.phase];
  }
  get cursor(): number {
    return this.state.cursor;
  }
  get version(): number {
    return this.state.version;
  }
  get lastObjective(): ObjectiveParts | null {
    return this.state.lastObjective;
  }
  get lastModel(): Scores | null {
    return this.state.lastModel;
  }
  get lastBaseline(): Scores | null {
    return this.state.lastBaseline;
  }
  get coldStart(): ColdStartOutcome | null {
    return this.state.coldStart;
  }
  get finished(): boolean {
    return this.state.iteration > this.cfg.iterations && this.state.coldStart !== null;
  }

  /** Items in a phase: gram + rows + objective for a half-step; users + summary for evaluation. */
  itemsIn(phase: Phase): number {
    if (phase === 'users') return this.users + 2;
    if (phase === 'tracks') return this.tracks + 2;
    return this.users + 1;
  }

  objective(): ObjectiveParts {
    return objective(this.data.train, this.factors, this.cfg.lambda, this.cfg.confidence);
  }

  snapshot(): TrainingState {
    return copyState(this.state);
  }

  /** Do the next work item. */
  next(): TrainingStep {
    const s = this.state;
    if (s.iteration > this.cfg.iterations) {
      if (s.coldStart) return { kind: 'done' };
      s.coldStart = this.coldStartOutcome();
      return { kind: 'cold-start', outcome: s.coldStart };
    }
    const phase = PHASES[s.phase];
    const item = s.cursor;
    const step = phase === 'evaluate' ? this.evaluateItem(item) : this.halfStepItem(phase, item);
    s.cursor++;
    if (s.cursor >= this.itemsIn(phase)) {
      s.cursor = 0;
      s.phase = (s.phase + 1) % PHASES.length;
      if (s.phase === 0) s.iteration++;
    }
    return step;
  }

  private halfStepItem(phase: 'users' | 'tracks', item: number): TrainingStep {
    const s = this.state;
    const f = this.cfg.factors;
    const users = phase === 'users';
    const rows = users ? this.users : this.tracks;
    const fixed = users ? s.y : s.x;
    if (item === 0) {
      gram(fixed, users ? this.tracks : this.users, f, s.fixedGram);
      return { kind: 'gram', phase, iteration: s.iteration };
    }
    if (item <= rows) {
      const row = item - 1;
      solveRow(this.solver, users ? this.data.train : this.trainT, row, fixed, s.fixedGram, this.cfg.lambda, this.cfg.confidence, users ? s.x : s.y);
      s.version++;
      return { kind: 'solve', phase, iteration: s.iteration, row };
    }
    s.lastObjective = this.objective();
    return { kind: 'half-step', side: phase, iteration: s.iteration, objective: s.lastObjective };
  }

  private evaluateItem(item: number): TrainingStep {
    const s = this.state;
    const { train, test } = this.data;
    if (item < this.users) {
      const user = item;
      // the new track is ranked once, on the final factors; the popularity chart never changes
      const last = s.iteration === this.cfg.iterations;
      if (user === 0 && last) s.coldFactor = this.coldFactor();
      const scores = scoreAll(user, s.x, s.y, this.cfg.factors, this.scores);
      const top = topK(TOP_K, scores, train, user);
      if (last) s.coldRank[user] = rankAmongUnheard(scoreWith(s.x, user, this.cfg.factors, s.coldFactor), scores, train, user);
      addHits(s.evalSums, hitsOf(top, test, user));
      if (!s.lastBaseline) addHits(s.baselineSums, hitsOf(popularityTopK(TOP_K, train, user, this.popularity), test, user));
      return { kind: 'scored', iteration: s.iteration, user };
    }
    s.lastModel = scoresOf(s.evalSums);
    s.lastBaseline ??= scoresOf(s.baselineSums);
    s.evalSums = [0, 0, 0];
    s.baselineSums = [0, 0, 0];
    return { kind: 'evaluated', iteration: s.iteration, model: s.lastModel, baseline: s.lastBaseline };
  }

  /** The cold-start factor of the brand-new track with the current model. */
  coldFactor(): Float64Array {
    const { content, genres } = this.data;
    const dims = contentDims(genres);
    const trained: number[] = [];
    for (let i = 0; i < this.tracks; i++) if (this.popularity[i] > 0) trained.push(i);
    const w = fitContentMap(content, dims, this.state.y, this.cfg.factors, trained);
    return coldStartFactor(w, dims, this.cfg.factors, content, this.data.coldTrack, this.cfg.coldStartBlend);
  }

  private coldStartOutcome(): ColdStartOutcome {
    const genre = this.data.trackGenre[this.data.coldTrack];
    const fanRanks: number[] = [];
    const otherRanks: number[] = [];
    for (let u = 0; u < this.users; u++) (this.data.userGenre[u] === genre ? fanRanks : otherRanks).push(this.state.coldRank[u]);
    const reached = (ranks: number[]) => ranks.filter((r) => r <= TOP_K).length;
    return {
      track: this.data.coldTrack,
      genre,
      fansReached: reached(fanRanks),
      fans: fanRanks.length,
      othersReached: reached(otherRanks),
      others: otherRanks.length,
      fanMedianRank: median(fanRanks),
      otherMedianRank: median(otherRanks),
    };
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function addHits(sums: [number, number, number], h: { hits: number; heldOut: number }): void {
  if (h.heldOut === 0) return;
  sums[0]++;
  sums[1] += h.hits / TOP_K;
  sums[2] += h.hits / h.heldOut;
}

function scoresOf([users, precision, recall]: [number, number, number]): Scores {
  return { users, precision: users ? precision / users : 0, recall: users ? recall / users : 0 };
}

